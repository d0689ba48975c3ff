"""Objectives of the time-constrained problem: peak usage per resource (the
number of units to build) and communication across stage boundaries.

Weights: every op has a resource-use weight (``problem.arrays.weight``,
``Problem.add_op(..., weight=)``, default 1) and every dependence a
communication weight (``problem.arrays.bits``, ``add_dependence(..., bits=)``,
default 1).  The usage table and the peaks are weighted sums by default
(``weighted=False`` counts users, as resource limits and ``verify`` do); with
unit weights both are the same integer counts as before.  ICML'24
"formulation A" is ``ratio * peak + communication`` with op weight = node
parameter and bits = (edge parameter > 0), see :mod:`gaus_mlir.rw`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .problem import Problem


def use_weights(problem: Problem, weighted: bool = True) -> np.ndarray | None:
    """Per-use weight (aligned with ``arrays.use_op``) or None for unit weights."""
    a = problem.arrays
    if not weighted:
        return None
    w = getattr(a, "weight", None)
    if w is None or not (w != 1.0).any():
        return None
    return w[a.use_op]


def usage_matrix(
    problem: Problem, start: np.ndarray | Sequence[int], ii: int = 0, weighted: bool = True
) -> np.ndarray:
    """users[r, step]: ops of resource r (limited or not) busy in each step
    (folded modulo ``ii`` when ii > 0), counting blocking time; each op counts
    its weight (``arrays.weight``) unless ``weighted=False``.  int64 when every
    weight is integral, else float64."""
    a = problem.arrays
    t = np.asarray(start, dtype=np.int64)
    blk = a.blocking[a.use_op]
    rep = np.repeat(np.arange(a.use_op.size), blk)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
    steps = t[a.use_op[rep]] + offs
    if ii:
        steps = steps % ii
    horizon = int(steps.max()) + 1 if steps.size else 1
    uw = use_weights(problem, weighted)
    if uw is None:
        m = np.zeros((len(problem.resource_types), horizon), dtype=np.int64)
        np.add.at(m, (a.use_res[rep], steps), 1)
        return m
    vals = uw[rep]
    integral = bool(np.all(vals == np.round(vals)))
    m = np.zeros((len(problem.resource_types), horizon), dtype=np.int64 if integral else np.float64)
    np.add.at(m, (a.use_res[rep], steps), vals.astype(m.dtype))
    return m


def peak_usage(
    problem: Problem, start: np.ndarray | Sequence[int], ii: int = 0, weighted: bool = True
) -> np.ndarray:
    """Per resource: the most users (weighted like :func:`usage_matrix`) busy in
    one step (or congruence class mod ``ii``); 0 without users.  A sweep over
    the busy intervals' ends: time and memory grow with the uses, not with the
    steps or the blocking times."""
    a = problem.arrays
    n_res = len(problem.resource_types)
    uw = use_weights(problem, weighted)
    if uw is not None:
        uw = uw[a.blocking[a.use_op] > 0]  # the uses that count (as usage_matrix)
    integral = uw is None or bool(np.all(uw == np.round(uw)))
    dtype = np.int64 if integral else np.float64
    out = np.zeros(n_res, dtype)
    if a.use_op.size == 0:
        return out
    busy = a.blocking[a.use_op] > 0
    t = np.asarray(start, dtype=np.int64)[a.use_op[busy]]
    b = a.blocking[a.use_op[busy]].astype(np.int64)
    val = np.ones(t.size, dtype) if uw is None else uw.astype(dtype)
    res = a.use_res[busy]
    base = np.zeros(n_res, dtype)
    if ii:
        full, b = np.divmod(b, ii)  # full turns busy every class
        np.add.at(base, res, full * val)
        t = t % ii
        wrap = t + b > ii  # the partial turn wraps past the last class
        s = np.concatenate((t, np.zeros(int(wrap.sum()), np.int64)))
        e = np.concatenate((np.minimum(t + b, ii), (t + b - ii)[wrap]))
        res = np.concatenate((res, res[wrap]))
        val = np.concatenate((val, val[wrap]))
    else:
        s, e = t, t + b
    keep = e > s
    pos = np.concatenate((s[keep], e[keep]))
    rr = np.concatenate((res[keep], res[keep]))
    dv = np.concatenate((val[keep], -val[keep]))
    if pos.size:
        order = np.lexsort((pos, rr))
        pos, rr, cum = pos[order], rr[order], np.cumsum(dv[order])  # 0 between resources
        last = np.append((pos[1:] != pos[:-1]) | (rr[1:] != rr[:-1]), True)
        np.maximum.at(out, rr[last], cum[last])
    return out + base


def communication(
    problem: Problem, start: np.ndarray | Sequence[int], bits: np.ndarray | None = None
) -> float:
    """Sum over data (non-auxiliary) edges of bits * (t_dst - t_src): each edge
    counted once per stage boundary it crosses.  ``bits`` (per dependence)
    defaults to ``problem.arrays.bits`` (1 unless set by ``add_dependence``)."""
    a = problem.arrays
    t = np.asarray(start, dtype=np.int64)
    data = ~a.aux
    span = t[a.dst[data]] - t[a.src[data]]
    if bits is None:
        b = getattr(a, "bits", None)
        w = np.ones(span.size) if b is None else b[data]
    else:
        w = np.asarray(bits, float)[data]
    return float((w * span).sum())


def time_constrained_cost(
    problem: Problem,
    start: np.ndarray | Sequence[int],
    weights: np.ndarray | Sequence[float] | None = None,
    comm_weight: float = 0.0,
    bits: np.ndarray | None = None,
) -> float:
    """sum_r w_r * peak_r (+ comm_weight * communication); the peaks are
    weighted by the ops' weights (``arrays.weight``)."""
    peaks = peak_usage(problem, start)
    w = np.ones(peaks.size) if weights is None else np.asarray(weights, float)
    cost = float((w * peaks).sum())
    if comm_weight:
        cost += comm_weight * communication(problem, start, bits)
    return cost


# ------------------------------------------------------- objective strings
def _term_latency(problem, t: np.ndarray, weights) -> float:
    return float(t[problem.last_op])


def _term_peak(problem, t: np.ndarray, weights) -> float:
    return time_constrained_cost(problem, t, weights)


def _term_comm(problem, t: np.ndarray, weights) -> float:
    return communication(problem, t)


def _term_formulation_a(problem, t: np.ndarray, weights) -> float:
    return time_constrained_cost(problem, t, weights) + communication(problem, t)


# Term name -> its value for a start vector; a new term is one entry here.
def _term_registers(problem, t: np.ndarray, weights) -> float:
    from .registers import register_usage

    return float(register_usage(problem, t).peak)


def _term_lifetimes(problem, t: np.ndarray, weights) -> float:
    from .registers import register_usage

    return float(register_usage(problem, t).total)


TERM_VALUES: dict[str, Callable[..., float]] = {
    "latency": _term_latency,
    "peak": _term_peak,
    "comm": _term_comm,
    "formulation-a": _term_formulation_a,
    "registers": _term_registers,  # acyclic schedules; modulo ones are scored at their II
    "lifetimes": _term_lifetimes,
}
OBJECTIVE_TERMS: tuple[str, ...] = tuple(TERM_VALUES)
# terms that keep the file's resource limits as constraints (see registers.py)
REGISTER_TERMS: tuple[str, ...] = ("registers", "lifetimes")


def register_weights(
    objective: str, label: str = "objective", error: type[Exception] = ValueError, also: tuple[str, ...] = ()
) -> dict[str, float]:
    """The terms of a register objective: ``registers`` and / or ``lifetimes``
    (at least one with a positive weight) and the terms in ``also``; ``error``
    on anything else."""
    terms = parse_objective(objective, label, error)
    extra = sorted(set(terms) - set(REGISTER_TERMS) - set(also))
    if extra or not any(terms.get(t, 0.0) > 0 for t in REGISTER_TERMS):
        allowed = " and ".join(filter(None, (", ".join(REGISTER_TERMS), ", ".join(also))))
        raise error(
            f"{label} '{objective}': expected a weighted sum of {allowed} with registers or lifetimes"
        )
    return terms


def uses_registers(objective: str) -> bool:
    """Whether an objective string names a register term (registers, lifetimes)."""
    return any(re.search(rf"(^|[+*]){t}($|\+)", objective.replace(" ", "")) for t in REGISTER_TERMS)


def parse_objective(
    text: str, label: str = "objective", error: type[Exception] = ValueError
) -> dict[str, float]:
    """``"latency+0.1*comm"`` -> ``{"latency": 1.0, "comm": 0.1}`` (a repeated
    term adds up).  ``error`` is raised with ``unknown {label} term ...`` or
    ``empty {label}``."""
    out: dict[str, float] = {}
    for term in text.replace(" ", "").split("+"):
        if not term:
            continue
        m = re.fullmatch(r"(?:([0-9.eE-]+)\*)?([a-z-]+)", term)
        if not m or m.group(2) not in TERM_VALUES:
            raise error(
                f"unknown {label} term '{term}'; expected a weighted sum of {', '.join(OBJECTIVE_TERMS)}"
            )
        out[m.group(2)] = out.get(m.group(2), 0.0) + float(m.group(1) or 1.0)
    if not out:
        raise error(f"empty {label}")
    return out


def objective_scorer(
    problem: Problem, terms: dict[str, float], weights: np.ndarray | Sequence[float] | None
) -> Callable[[np.ndarray | Sequence[int]], tuple[float, int]]:
    """The discrete objective of a start vector as (weighted sum of the
    ``terms``, makespan): smaller is better, the makespan breaks ties.
    ``weights``: per resource type, for the peak terms."""
    lat = problem.arrays.lat
    funcs = [(TERM_VALUES[name], wt) for name, wt in terms.items()]

    def score(start: np.ndarray | Sequence[int]) -> tuple[float, int]:
        t = np.asarray(start, dtype=np.int64)
        val = 0.0
        for f, wt in funcs:
            val += wt * f(problem, t, weights)
        return (val, int((t + lat).max()) if t.size else 0)

    return score
