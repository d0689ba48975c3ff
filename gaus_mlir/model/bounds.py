"""Lower bounds: critical path, latency-aware resource bound, RecMII, ResMII."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .errors import InfeasibleError
from .graph import asap_times, csr, forward_order

if TYPE_CHECKING:
    from .problem import Problem


def critical_path(problem: Problem) -> int:
    """ASAP start of the objective op: a lower bound on its start time."""
    if problem.num_ops == 0:
        return 0
    return int(asap_times(problem)[problem.last_op])


def distance_to_last(problem: Problem) -> np.ndarray:
    """Longest zero-distance path (sum of latencies) from each op's start to the
    objective op's start; -1 for ops that do not reach it."""
    a = problem.arrays
    last = problem.last_op
    order = forward_order(problem)
    fwd = a.dist == 0
    ptr, succ = csr(a.n, a.src[fwd], a.dst[fwd])
    ptr_l, succ_l, lat_l = ptr.tolist(), succ.tolist(), a.lat.tolist()
    d = [-1] * a.n
    d[last] = 0
    for v in reversed(order):
        if v == last:
            continue
        best = -1
        for k in range(ptr_l[v], ptr_l[v + 1]):
            w = d[succ_l[k]]
            if w >= 0 and lat_l[v] + w > best:
                best = lat_l[v] + w
        d[v] = best
    return np.asarray(d, dtype=np.int64)


def resource_bound(problem: Problem, joint_work: int = 4_000_000) -> int:
    """Latency-aware resource bound on the objective op's start: for a limited
    resource with limit L and a set U of its users, the k-th of U (by tail) starts
    at least ``ceil(k/L) - 1`` steps after the earliest head of U and is followed
    by its tail.  U ranges over "tail >= x", "head >= h" and, where
    #heads x #users <= ``joint_work``, both thresholds jointly (the benchmarks'
    ``res_lb``).  Valid for modulo problems too (per-residue limits imply the
    per-step ones)."""
    if problem.num_ops == 0 or not problem.shared:
        return 0
    a = problem.arrays
    head = asap_times(problem)
    tail = distance_to_last(problem)
    ops, res = problem.limited_uses()
    best = 0
    for r in np.unique(res):
        users = ops[(res == r) & (tail[ops] >= 0)]
        if users.size == 0:
            continue
        limit = int(a.limit[r])
        h, tl = head[users], tail[users]
        k = np.arange(1, users.size + 1)
        steps = -(-k // limit) - 1
        o = np.argsort(-tl, kind="stable")
        best = max(best, int((np.minimum.accumulate(h[o]) + steps + tl[o]).max()))
        o2 = np.argsort(-h, kind="stable")
        best = max(best, int((h[o2] + steps + np.minimum.accumulate(tl[o2])).max()))
        levels = np.unique(h)
        if levels.size * users.size > joint_work:
            continue
        hs, ts = h[o], tl[o]
        for lvl in levels.tolist():
            keep = hs >= lvl
            kk = np.cumsum(keep)[keep]
            best = max(best, int((lvl + -(-kk // limit) - 1 + ts[keep]).max()))
    return best


def latency_lower_bound(problem: Problem) -> int:
    return max(critical_path(problem), resource_bound(problem))


def res_mii(problem: Problem) -> int:
    """max(1, ceil(#users * blocking / limit)) over limited resources."""
    a = problem.arrays
    ops, res = problem.limited_uses()
    if ops.size == 0:
        return 1
    need = np.bincount(res, weights=a.blocking[ops], minlength=len(problem.resource_types))
    lim = np.maximum(a.limit, 1)
    return max(1, int(np.max(-(-need.astype(np.int64) // lim))))


def _feasible_ii(problem, ii: int) -> bool:
    try:
        asap_times(problem, ii)
        return True
    except InfeasibleError:
        return False


def rec_mii(problem: Problem) -> int:
    """max(1, max over cycles ceil(sum lat / sum dist)), by binary search on II
    with a positive-cycle test."""
    a = problem.arrays
    if not (a.dist > 0).any():
        return 1
    lo, hi = 1, max(1, int(a.lat.sum()))
    if _feasible_ii(problem, lo):
        return lo
    while hi - lo > 1:  # invariant: lo infeasible, hi feasible
        mid = (lo + hi) // 2
        if _feasible_ii(problem, mid):
            hi = mid
        else:
            lo = mid
    return hi


def mii(problem: Problem) -> int:
    return max(rec_mii(problem), res_mii(problem) if problem.shared else 1)
