"""Resource-constrained list scheduling.

``list_schedule`` is the core: a cycle-by-cycle list scheduler with an
event-driven time advance.  It takes any priority (smaller key = scheduled
first, ties by op index) and optional per-resource limits, so other methods
(time-constrained binary search on the limits, the GauS legalizer) reuse it
with their own priorities.

Design, for 200k+ ops in a few seconds:

* Ops that use no limited resource never compete: they start at their earliest
  time as soon as their last predecessor is placed.
* Ops that use limited resources are grouped by *signature* (the resources they
  use, their blocking time).  Two ops of one signature need exactly the same
  free capacity, so when the best op of a group does not fit in the current
  step, no op of that group does: the group is skipped for the rest of the step.
  A step costs O(#groups + #ops placed), never O(#ready ops).
* Time jumps straight to the next step where something can happen.

``schedule_list`` is the registered method "list" (acyclic, non-chaining;
with a latency bound the method runs ``time_constrained.schedule_list_bisect``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, Subject, UnsupportedProblemError
from ..model.graph import alap_times, asap_times, csr, tails
from .graph_view import group_by_signature

PRIORITIES = ("alap", "asap", "mobility", "tail", "index")


def priority_key(problem: Problem, priority: str = "alap") -> np.ndarray:
    """Rank of every op under a named priority (0 = scheduled first among ready ops).

    * ``alap``: smallest ALAP start first (ALAP under the critical-path length),
      ties by longest tail, then index.
    * ``mobility``: least slack (ALAP - ASAP) first, then ALAP, tail, index.
    * ``asap``: smallest ASAP start first, then longest tail, index.
    * ``tail``: longest tail (latency + longest path to the end) first, then index.
    * ``index``: program order.
    """
    a = problem.arrays
    n = a.n
    idx = np.arange(n)
    if priority == "index" or n == 0:
        return idx
    if priority not in PRIORITIES:
        raise UnsupportedProblemError(
            f"unknown list-scheduling priority '{priority}'; expected one of: " + ", ".join(PRIORITIES)
        )
    tail = tails(problem)
    if priority == "tail":
        keys = (idx, -tail)
    else:
        asap = asap_times(problem)
        if priority == "asap":
            keys = (idx, -tail, asap)
        else:
            bound = int((asap + a.lat).max())
            alap = alap_times(problem, bound)
            if priority == "alap":
                keys = (idx, -tail, alap)
            else:  # mobility
                keys = (idx, -tail, alap, alap - asap)
    order = np.lexsort(keys)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = idx
    return rank


def _limits_vector(problem, limits) -> np.ndarray:
    """Per-resource limits (-1 = unlimited): ``limits`` or the problem's own."""
    a = problem.arrays
    if limits is None:
        return a.limit if problem.shared else np.full(len(problem.resource_types), -1)
    lim = (
        np.array([-1 if v is None else v for v in limits], dtype=np.int64)
        if not isinstance(limits, np.ndarray)
        else np.asarray(limits, dtype=np.int64)
    )
    if lim.size != len(problem.resource_types):
        raise ValueError(f"limits has {lim.size} entries for {len(problem.resource_types)} resource types")
    return lim


def _signatures(problem, lim_l: list[int]) -> tuple[list[int], list[tuple[tuple[int, int], ...]], list[int]]:
    """(group of every op (-1: no limited resource), resources of every group
    as (resource, units), blocking of every group): ops of one group need the
    same free capacity (:func:`.graph_view.group_by_signature`)."""
    a = problem.arrays
    sig_of, g_res, groups_blk = group_by_signature(
        a.use_ptr.tolist(), a.use_res.tolist(), a.blocking.tolist(), [v >= 0 for v in lim_l]
    )
    groups_res = [tuple(sorted(Counter(rs).items())) for rs in g_res]  # (resource, uses of it by an op)
    for i, g in enumerate(sig_of):
        if g < 0:
            continue
        for r, m in groups_res[g]:
            if m > lim_l[r]:
                raise InfeasibleError(
                    f"operation {problem.op_label(i)} needs {m} unit(s) of resource "
                    f"'@{problem.resource_types[r].name}', which has limit {lim_l[r]}",
                    Subject("op", i),
                )
    return sig_of, groups_res, groups_blk


def _next_step(t: int, active: int, ends: list, waiting: list, load: list[int]) -> int:
    """Advance time straight to the next step where a resource frees up or an
    op becomes ready (nothing else can change what fits); release the units
    whose busy intervals end by then."""
    nt = None
    if active:
        for e in ends:
            if e and (nt is None or e[0][0] < nt):
                nt = e[0][0]
    if waiting and (nt is None or waiting[0][0] < nt):
        nt = waiting[0][0]
    t = t + 1 if nt is None or nt <= t else nt
    for r, e in enumerate(ends):
        while e and e[0][0] <= t:
            load[r] -= heapq.heappop(e)[1]
    return t


def list_schedule(
    problem: Problem,
    priority_key: np.ndarray | Sequence[int],
    limits: np.ndarray | Sequence[int | None] | None = None,
) -> np.ndarray:
    """Start times (int64 array) of a resource-constrained list schedule.

    ``priority_key[i]``: smaller is scheduled first among the ops ready in a step
    (ties by op index).  ``limits`` overrides the problem's per-resource limits
    (-1 or None entries = unlimited); without it the problem's limits apply for a
    shared problem and none for any other kind.  Only zero-distance dependences
    are honoured (the flat schedule of one iteration).  An op of an operator type
    with blocking time ``b`` occupies each of its limited resources for ``b``
    consecutive steps; an op may use several resources.
    """
    a = problem.arrays
    n = a.n
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    lim_l = _limits_vector(problem, limits).tolist()
    sig_of, groups_res, groups_blk = _signatures(problem, lim_l)
    # ---- graph (forward edges only)
    fwd = a.dist == 0
    src, dst = a.src[fwd], a.dst[fwd]
    ptr, succ = csr(n, src, dst)
    indeg = np.bincount(dst, minlength=n).tolist()
    key = np.asarray(priority_key).tolist()
    if len(key) != n:
        raise ValueError(f"priority_key has {len(key)} entries for {n} ops")
    return np.asarray(
        _run_list(
            n, key, lim_l, sig_of, groups_res, groups_blk, a.lat.tolist(), ptr.tolist(), succ.tolist(), indeg
        ),
        dtype=np.int64,
    )


def _run_list(n, key, lim_l, sig_of, groups_res, groups_blk, lat_l, ptr_l, succ_l, indeg) -> list[int]:
    """The event-driven list-scheduling loop (see the module docstring)."""
    start = [-1] * n
    est = [0] * n
    gheap: list[list] = [[] for _ in groups_res]
    waiting: list[tuple[int, int]] = []  # (earliest start, op) of ready limited ops
    # Every op is placed at the current step t and t never decreases, so a
    # resource's busy intervals all start at or before t: its load over
    # [t, t + b) is at most its load at t.  load[r]: units busy at t;
    # ends[r]: heap of (end of a busy interval, units), the steps where load drops.
    load = [0] * len(lim_l)
    ends: list[list[tuple[int, int]]] = [[] for _ in lim_l]
    heappush, heappop = heapq.heappush, heapq.heappop
    placed = 0

    def release(stack):
        """Place every unlimited op that became ready (transitively); queue limited ones."""
        nonlocal placed
        while stack:
            i = stack.pop()
            ti = start[i]
            end = ti + lat_l[i]
            for k in range(ptr_l[i], ptr_l[i + 1]):
                j = succ_l[k]
                if end > est[j]:
                    est[j] = end
                indeg[j] -= 1
                if indeg[j] == 0:
                    if sig_of[j] < 0:
                        start[j] = est[j]
                        placed += 1
                        stack.append(j)
                    else:
                        heappush(waiting, (est[j], j))

    roots = []
    for i in range(n):
        if indeg[i] == 0:
            if sig_of[i] < 0:
                start[i] = 0
                placed += 1
                roots.append(i)
            else:
                waiting.append((0, i))
    heapq.heapify(waiting)
    release(roots)

    t = 0
    active = 0  # ops sitting in group heaps
    while placed < n:
        if active == 0:
            if not waiting:
                raise InfeasibleError("list scheduling stalled: dependence cycle")
            t = max(t, waiting[0][0])
        while waiting and waiting[0][0] <= t:
            e, i = heappop(waiting)
            heappush(gheap[sig_of[i]], (key[i], i))
            active += 1
        # candidate groups of this step, best top first
        cand = [(h[0][0], h[0][1], g) for g, h in enumerate(gheap) if h]
        heapq.heapify(cand)
        while cand:
            k0, i, g = heappop(cand)
            h = gheap[g]
            if not h or h[0][1] != i:
                continue  # stale entry
            rs, b = groups_res[g], groups_blk[g]
            if b > 0 and any(load[r] + m > lim_l[r] for r, m in rs):
                continue  # the whole group is blocked this step
            heappop(h)
            active -= 1
            if b > 0:
                for r, m in rs:
                    load[r] += m
                    heappush(ends[r], (t + b, m))
            start[i] = t
            placed += 1
            stack = [i]
            release(stack)
            # zero-latency limited ops (rejected by check(), tolerated here) may
            # have released successors into this very step
            while waiting and waiting[0][0] <= t:
                e, j = heappop(waiting)
                gj = sig_of[j]
                heappush(gheap[gj], (key[j], j))
                active += 1
                if gheap[gj][0][1] == j:
                    heappush(cand, (key[j], j, gj))
            if h:
                heappush(cand, (h[0][0], h[0][1], g))
        t = _next_step(t, active, ends, waiting, load)
    return start


def schedule_list(
    problem: Problem, *, priority: str = "alap", limits: str | Sequence[int | None] | None = None
) -> Schedule:
    """List schedule under the problem's resource limits (or ``limits``, one entry
    per resource type, None/-1 = unlimited).  The latency bound of a
    time-constrained problem is not looked at: method ``list`` runs
    :func:`.time_constrained.schedule_list_bisect` there (see ``METHODS``)."""
    if isinstance(limits, str):  # from a command line: "3,2" or "3,-1"
        limits = [int(v) for v in limits.replace(";", ",").split(",") if v.strip()]
    key = priority_key(problem, priority)
    start = list_schedule(
        problem,
        key,
        None if limits is None else np.asarray([-1 if v is None else v for v in limits], dtype=np.int64),
    )
    sched = Schedule(start, method="list", status="HEURISTIC")
    sched.objective = sched.latency(problem)
    sched.stats["priority"] = priority
    return sched


__all__ = ["PRIORITIES", "list_schedule", "priority_key", "schedule_list"]
