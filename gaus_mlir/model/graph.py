"""Graph algorithms on the dependence arrays: topological order, cycles, and
longest paths (ASAP / ALAP times), linear in |V| + |E| for the acyclic part."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import InfeasibleError

if TYPE_CHECKING:
    from .problem import Problem


def csr(n: int, keys: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group ``vals`` by ``keys`` (0..n-1): returns (ptr, vals sorted by key)."""
    order = np.argsort(keys, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr, vals[order]


def topological_order(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[list[int], bool]:
    """Kahn's algorithm.  Returns (order, complete); ``complete`` is False when a
    cycle keeps some nodes out of the order."""
    indeg = np.bincount(dst, minlength=n).tolist()
    ptr, succ = csr(n, src, dst)
    ptr_l, succ_l = ptr.tolist(), succ.tolist()
    queue = deque(i for i in range(n) if indeg[i] == 0)
    order = []
    while queue:
        v = queue.popleft()
        order.append(v)
        for k in range(ptr_l[v], ptr_l[v + 1]):
            w = succ_l[k]
            indeg[w] -= 1
            if indeg[w] == 0:
                queue.append(w)
    return order, len(order) == n


def forward_order(problem: Problem) -> list[int]:
    """Topological order of the zero-distance dependences (cached on the arrays)."""
    a = problem.arrays
    if not hasattr(a, "topo"):
        fwd = a.dist == 0
        order, ok = topological_order(a.n, a.src[fwd], a.dst[fwd])
        if not ok:
            raise InfeasibleError("dependence cycle with zero total distance")
        a.topo = order
    return a.topo


def find_zero_distance_cycle(problem: Problem) -> list[int] | None:
    """One cycle (list of ops) made of zero-distance dependences, or None."""
    a = problem.arrays
    fwd = a.dist == 0
    src, dst = a.src[fwd], a.dst[fwd]
    order, ok = topological_order(a.n, src, dst)
    if ok:
        a.topo = order
        return None
    import networkx as nx

    left = np.ones(a.n, dtype=bool)
    left[order] = False
    keep = left[src] & left[dst]
    g = nx.DiGraph()
    g.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    cycle = nx.find_cycle(g)
    return [int(u) for u, _ in cycle]


def relax_longest(
    order: Sequence[int], ptr: Sequence[int], pred: Sequence[int], w_lat: Sequence[int], t: list[int]
) -> None:
    """One pass of longest-path DP in topological ``order`` over the CSR
    predecessor lists (``ptr``/``pred``): ``t[v] = max(t[v], t[u] + w_lat[u])``
    (plain lists, updated in place)."""
    for v in order:
        best = t[v]
        for k in range(ptr[v], ptr[v + 1]):
            u = pred[k]
            c = t[u] + w_lat[u]
            if c > best:
                best = c
        t[v] = best


def asap_times(problem: Problem, ii: int | None = None) -> np.ndarray:
    """Earliest start times satisfying every dependence (back edges with ``ii``;
    ignored when ``ii`` is None).  Raises InfeasibleError on a positive cycle."""
    a = problem.arrays
    n = a.n
    order = forward_order(problem)
    fwd = a.dist == 0
    ptr, pred = csr(n, a.dst[fwd], a.src[fwd])
    ptr_l, pred_l, lat_l = ptr.tolist(), pred.tolist(), a.lat.tolist()
    t = [0] * n
    relax_longest(order, ptr_l, pred_l, lat_l, t)
    back = ~fwd
    if ii is None or not back.any():
        return np.asarray(t, dtype=np.int64)
    bs, bd = a.src[back], a.dst[back]
    bw = a.lat[bs] - a.dist[back] * ii
    tv = np.asarray(t, dtype=np.int64)
    # Without a positive cycle every start is a simple path's weight, at most the
    # sum of latencies: exceeding it proves infeasibility early (an infeasible II
    # otherwise costs n+1 full passes, ~20 s on a 2.7k-op chstone loop).
    cap = int(a.lat.sum())
    for _ in range(n + 1):
        cand = np.full(n, np.iinfo(np.int64).min)
        np.maximum.at(cand, bd, tv[bs] + bw)
        grow = cand > tv
        if not grow.any():
            return tv
        t = np.maximum(tv, cand).tolist()
        relax_longest(order, ptr_l, pred_l, lat_l, t)
        tv = np.asarray(t, dtype=np.int64)
        if tv.max() > cap:
            break
    raise InfeasibleError(f"no schedule exists at II={ii}: a recurrence needs a larger II")


def tails(problem: Problem) -> np.ndarray:
    """lat_i plus the longest zero-distance path from the end of i to the end of
    any op: the least time between i's start and the end of the schedule."""
    a = problem.arrays
    order = forward_order(problem)
    fwd = a.dist == 0
    ptr, succ = csr(a.n, a.src[fwd], a.dst[fwd])
    ptr_l, succ_l, lat_l = ptr.tolist(), succ.tolist(), a.lat.tolist()
    tail = lat_l[:]
    for v in reversed(order):
        best = tail[v]
        for k in range(ptr_l[v], ptr_l[v + 1]):
            c = lat_l[v] + tail[succ_l[k]]
            if c > best:
                best = c
        tail[v] = best
    return np.asarray(tail, dtype=np.int64)


def alap_times(problem: Problem, bound: int, ii: int | None = None) -> np.ndarray:
    """Latest start times with every op finishing by ``bound`` (``t + lat <= bound``)
    and, with ``ii``, every back edge satisfied.  Raises InfeasibleError if some op
    would have to start before 0."""
    a = problem.arrays
    n = a.n
    t = bound - tails(problem)
    back = a.dist > 0
    if ii is not None and back.any():
        order = forward_order(problem)
        fwd = ~back
        ptr, succ = csr(n, a.src[fwd], a.dst[fwd])
        ptr_l, succ_l, lat_l = ptr.tolist(), succ.tolist(), a.lat.tolist()
        bs, bd = a.src[back], a.dst[back]
        bw = a.dist[back] * ii - a.lat[bs]
        for _ in range(n + 1):
            cand = np.full(n, np.iinfo(np.int64).max)
            np.minimum.at(cand, bs, t[bd] + bw)
            if not (cand < t).any():
                break
            tl = np.minimum(t, cand).tolist()
            for v in reversed(order):
                best = tl[v]
                for k in range(ptr_l[v], ptr_l[v + 1]):
                    c = tl[succ_l[k]] - lat_l[v]
                    if c < best:
                        best = c
                tl[v] = best
            t = np.asarray(tl, dtype=np.int64)
        else:
            raise InfeasibleError(f"no schedule exists at II={ii}")
    if n and t.min() < 0:
        raise InfeasibleError(f"latency bound {bound} is below the critical path")
    return t
