"""Bridge for the ICML'24 "Differentiable Combinatorial Scheduling at Scale"
graphs (``../shared/benchmarks/rw``, GML) and their "formulation A".

Formulation A: assign every node to one of ``depth`` stages (``depth`` = the
number of nodes on the longest path), ``stage(src) <= stage(dst)`` for every
edge, and minimise ``ratio * r + sum_d m_d`` where ``r`` is the peak over the
stages of the summed node ``parameter`` (memory) and ``m_d`` the number of
edges with a non-zero ``parameter`` crossing boundary ``d``
(``stage(src) <= d < stage(dst)``), i.e. ``sum over those edges of
stage(dst) - stage(src)``.

As a model problem (:func:`read_gml`): a ``SharedOperatorsProblem`` with one
operator type ``node`` of latency 0 (so ``verify`` accepts ``t_src <= t_dst``),
one unlimited resource ``mem`` used by every op with op weight = node
parameter (``Problem.add_op(weight=)``), one data dependence per edge with
``bits = 1 if parameter > 0 else 0`` (``add_dependence(bits=)``) and
``latency_bound = depth - 1`` (stages 0 .. depth-1), i.e. the time-constrained
dual whose objective ``ratio * weighted peak + communication`` is exactly
formulation A (``time_constrained_cost(problem, t, [ratio], 1.0)``).
GauS: ``schedule_gaus(p, objective=f"{ratio}*peak+comm")``; CP-SAT:
``schedule_cpsat_peak(p, weights=[ratio], comm_weight=1.0)``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .model import Problem, SharedOperatorsProblem
from .model.objectives import communication, peak_usage

_BLOCK = re.compile(r"\b(node|edge)\s*\[([^\[\]]*)\]", re.S)
_KV = re.compile(r"(\w+)\s+(\"[^\"]*\"|[-+0-9.eE]+)")


def _parse(text: str):
    """Nodes [(id, label, parameter)] and edges [(source, target, parameter)]
    of a flat NetworkX-style GML file (no nested lists inside node/edge)."""
    nodes, edges = [], []
    for kind, body in _BLOCK.findall(text):
        kv = {k: v for k, v in _KV.findall(body)}
        par = float(kv.get("parameter", 0))
        if kind == "node":
            nodes.append((int(kv["id"]), kv.get("label", kv["id"]).strip('"'), par))
        else:
            edges.append((int(kv["source"]), int(kv["target"]), par))
    return nodes, edges


def read_gml(
    path: str | os.PathLike[str], name: str | None = None, *, value_bits: bool = False
) -> tuple[SharedOperatorsProblem, dict[str, Any]]:
    """(problem, meta) of a rw GML file (see the module docstring).

    ``value_bits``: formulation B (registers): each node's value is
    ``parameter`` bits wide and each node takes one step (latency 1, so a
    consumer is in a later stage and ``latency_bound = depth``); the register
    count of :mod:`gaus_mlir.model.registers` then counts a value in every stage
    between its producer's and its last consumer's (a value read in the next
    stage needs no register there).
    """
    path = Path(path)
    nodes, edges = _parse(path.read_text())
    p = SharedOperatorsProblem(name or path.stem)
    p.add_operator_type("node", 1 if value_bits else 0)
    p.add_resource_type("mem", None)
    index = {}
    for nid, label, par in nodes:
        bits = max(0, round(par)) if value_bits else 1
        index[nid] = p.add_op(0, name=f"n{label}", uses=(0,), weight=par, bits=bits)
    eparam = np.zeros(len(edges))
    for k, (s, d, par) in enumerate(edges):
        p.add_dependence(index[s], index[d], bits=1.0 if par > 0 else 0.0)
        eparam[k] = par
    # latency 0: ASAP is 0 everywhere; the depth is the longest path in edges + 1
    depth = _longest_path_nodes(p)
    p.latency_bound = depth if value_bits else max(0, depth - 1)
    a = p.arrays
    meta = {
        "depth": depth,
        "labels": [lb for _, lb, _ in nodes],
        "node_param": a.weight.copy(),
        "edge_param": eparam,
        "bits": a.bits.copy(),
        "n_counted": int(a.bits.sum()),
        "path": str(path),
    }
    return p, meta


def _longest_path_nodes(problem) -> int:
    """Number of nodes on the longest path (1 for an edgeless graph)."""
    from .model.graph import forward_order

    a = problem.arrays
    if a.n == 0:
        return 0
    level = np.zeros(a.n, dtype=np.int64)
    preds = [[] for _ in range(a.n)]
    for s, d in zip(a.src.tolist(), a.dst.tolist()):
        preds[d].append(s)
    lv = level.tolist()
    for v in forward_order(problem):
        best = 0
        for u in preds[v]:
            if lv[u] + 1 > best:
                best = lv[u] + 1
        lv[v] = best
    return int(max(lv)) + 1


def weighted_peak(problem: Problem, start: Sequence[int] | np.ndarray) -> float:
    """r: the peak over the stages of the summed op weights."""
    pk = peak_usage(problem, start)
    return float(pk.max()) if pk.size else 0.0


def formulation_a_cost(
    problem: Problem,
    start: Sequence[int] | np.ndarray,
    bits: Sequence[float] | np.ndarray | None = None,
    ratio: float = 1.0,
) -> float:
    """``ratio * r + sum_d m_d`` of a stage assignment ``start`` (``bits``
    defaults to ``problem.arrays.bits``)."""
    return ratio * weighted_peak(problem, start) + communication(problem, start, bits)


__all__ = ["formulation_a_cost", "read_gml", "weighted_peak"]
