"""Random problem generators for property tests and scaling benchmarks."""

from __future__ import annotations

import numpy as np

from .problem import PROBLEM_KINDS, Problem


def random_problem(
    seed: int,
    kind: str = "Problem",
    max_ops: int = 12,
    *,
    edge_prob: float = 0.3,
    back_edges: int = 3,
    blocking: bool = True,
    sink: bool | None = None,
) -> Problem:
    """A small well-formed problem of ``kind``: forward edges between ops in
    index order, back edges with distance >= 1 for cyclic kinds, limited
    resources used only by ops with latency >= 1, an optional ``@last`` sink."""
    rng = np.random.default_rng(seed)
    p = PROBLEM_KINDS[kind](f"rand{seed}")
    n_types = int(rng.integers(1, 5))
    for k in range(n_types):
        lat = int(rng.integers(0, 5))
        kw = {}
        if p.chaining:
            inc = round(float(rng.uniform(0, 3)), 2)
            out = inc if lat == 0 else round(float(rng.uniform(0, 3)), 2)
            kw = {"incoming_delay": inc, "outgoing_delay": out}
        if p.shared and blocking and lat >= 2 and rng.random() < 0.3:
            kw["blocking"] = int(rng.integers(2, lat + 1))
        p.add_operator_type(f"op{k}", lat, **kw)
    n_res = int(rng.integers(0, 3)) if p.shared else 0
    for r in range(n_res):
        p.add_resource_type(f"r{r}", int(rng.integers(1, 4)))
    n = int(rng.integers(1, max_ops + 1))
    for i in range(n):
        t = int(rng.integers(0, n_types))
        uses = []
        if n_res and p.operator_types[t].latency > 0:
            uses = sorted({int(r) for r in rng.integers(0, n_res, size=int(rng.integers(0, 3)))})
        p.add_op(t, name=f"o{i}", uses=uses)
    for j in range(n):
        for i in range(j):
            if rng.random() < edge_prob:
                p.add_dependence(i, j, aux=bool(rng.random() < 0.3))
    if p.cyclic and n:
        for _ in range(int(rng.integers(0, back_edges + 1))):
            i = int(rng.integers(0, n))
            j = int(rng.integers(0, i + 1))
            p.add_dependence(i, j, int(rng.integers(1, 4)), aux=True)
    if sink if sink is not None else rng.random() < 0.5:
        z = p.add_operator_type(
            "sink", 0, **({"incoming_delay": 0.0, "outgoing_delay": 0.0} if p.chaining else {})
        )
        last = p.add_op(z, name="last")
        for i in range(last):
            p.add_dependence(i, last)
    return p


def layered_dag(
    n: int,
    seed: int = 0,
    *,
    width: int = 64,
    fanin: int = 2,
    limit: int | None = None,
    kind: str = "SharedOperatorsProblem",
) -> Problem:
    """A layered DAG of ``n`` unit-latency ops (``width`` per layer, ``fanin``
    edges from the previous layers) for scaling measurements."""
    rng = np.random.default_rng(seed)
    p = PROBLEM_KINDS[kind](f"layered{n}")
    p.add_operator_type("op", 1)
    if p.shared:
        p.add_resource_type("unit", limit if limit is not None else max(1, width // 4))
    uses = ("unit",) if p.shared else ()
    for _ in range(n):
        p.add_op(0, uses=uses)
    layer = np.arange(n) // width
    for j in range(width, n):
        lo = max(0, (layer[j] - 2) * width)
        hi = layer[j] * width
        for i in rng.integers(lo, hi, size=fanin):
            p.add_dependence(int(i), j)
    return p
