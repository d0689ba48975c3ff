"""Iterative modulo scheduling (B. R. Rau, "Iterative modulo scheduling: an
algorithm for software pipelining loops", MICRO-27, 1994).

For II = MII, MII+1, ...: ops are taken by priority (HeightR: the longest path
to the end with back edges weighted ``lat - dist*II``) and placed in the first
step of ``[Estart, Estart + II - 1]`` where the modulo reservation table (MRT)
has room.  Estart comes from the scheduled predecessors, and is never below the
op's ASAP time at this II (a lower bound for every valid schedule with t >= 0).
If no step has room, the op is forced into Estart (or one step after its
previous placement), evicting the ops it conflicts with on resources (the least
critical user of a full cell) and on dependences; evicted ops go back on the
queue.  An attempt fails after ``budget_ratio * #ops`` placements.

Each II gets up to three attempts, one per priority strategy (see
``place_at_ii``): recurrence-first (ops of the strongly connected components
with the largest RecMII first, HeightR within), plain HeightR, and HeightR with
a two-sided window that first looks for room before the scheduled successors'
deadlines.  The II search is linear from MII, widens its steps after four
failures, and bisects back after the first success.

Termination is guaranteed by a fallback: a flat list schedule ``s`` of one
iteration (forward edges and resource limits) with every op's busy interval in
``[0, M)``, ``M = max(s_i + max(lat_i, blocking_i))``.  At any II >= M it is a
valid modulo schedule: a back edge needs ``s_i + lat_i <= s_j + dist*II`` and
``s_i + lat_i <= M <= II <= s_j + dist*II``; every busy step lies in ``[0, II)``
so no two steps share a congruence class and the flat limits are the modulo
limits.  The II search never goes past M.

A successful schedule is compacted: ops move, in topological order and until a
fixpoint, to the earliest step >= their Estart (over all predecessors) with room
in the MRT.  Moving an op earlier never breaks its outgoing dependences, and the
step congruent to its current one always has room, so validity is kept.  With
``polish`` the other strategies are also run at the final II and the schedule
with the earliest objective op wins.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import deque

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ..model.bounds import res_mii
from ..model.graph import forward_order
from .graph_view import GraphLists

STRATEGIES = ("recurrence", "height", "two_sided")


class ModuloGraph(GraphLists):
    """Plain-list view of a cyclic problem for the hot loops: every edge with
    its distance, the uses of the limited resources, and (cached per II)
    earliest starts, heights and modulo occupancies.  The public modulo
    placement API with :func:`place_at_ii` and :func:`compact` (the GauS
    legalizer places ops with its own priority)."""

    def __init__(self, problem: Problem):
        super().__init__(problem)
        a = problem.arrays
        n = self.n
        self.preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.succs: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for s, d, k in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
            self.preds[d].append((s, k))
            self.succs[s].append((d, k))
        self.topo = forward_order(problem)
        self.limit = a.limit.tolist() if problem.shared else [-1] * len(problem.resource_types)
        ops, res = problem.limited_uses() if problem.shared else (np.zeros(0, int),) * 2
        # uses[i]: {resource: multiplicity} (verify counts every listed use)
        self.uses: list[dict[int, int]] = [{} for _ in range(n)]
        for i, r in zip(ops.tolist(), res.tolist()):
            self.uses[i][r] = self.uses[i].get(r, 0) + 1
        self.limited = bool(ops.size)
        self.cap = int(sum(self.lat))  # bound on any simple path's weight
        self._asap: dict[int, list[int] | None] = {}
        self._heights: dict[int, list[int]] = {}
        self._occ: dict[int, list] = {}

    # --------------------------------------------------------- longest paths
    def asap(self, ii: int) -> list[int] | None:
        """Earliest start times at ``ii`` (all dependences, t >= 0), or None
        when a recurrence needs a larger II."""
        if ii not in self._asap:
            self._asap[ii] = _longest_paths(self.topo, self.lat, self.preds, self.succs, ii, self.cap)
        return self._asap[ii]

    def rec_mii(self) -> int:
        """max(1, max over cycles ceil(sum lat / sum dist)), by binary search."""
        if not any(d for ps in self.preds for _, d in ps):
            return 1
        lo, hi = 0, max(1, self.cap)  # lo infeasible (or 0), hi feasible
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.asap(mid) is None:
                lo = mid
            else:
                hi = mid
        return hi

    def heights(self, ii: int) -> list[int]:
        """HeightR: the longest path from an op's start to the end of the
        iteration, a back edge i -> j weighing ``lat_i - dist*II``."""
        if ii in self._heights:
            return self._heights[ii]
        lat, succs = self.lat, self.succs
        h = lat[:]
        rev = self.topo[::-1]
        for _ in range(self.n + 1):
            changed = False
            for v in rev:
                best = h[v]
                lv = lat[v]
                for w, d in succs[v]:
                    c = h[w] + lv - d * ii
                    if c > best:
                        best = c
                if best != h[v]:
                    h[v] = best
                    changed = True
            if not changed:
                self._heights[ii] = h
                return h
        raise InfeasibleError(f"no schedule exists at II={ii}: a recurrence needs a larger II")

    def scc_mii(self) -> list[int]:
        """Per op: the RecMII of its strongly connected component (0 when the
        component has no cycle)."""
        if hasattr(self, "_scc_mii"):
            return self._scc_mii
        out = [0] * self.n
        for nodes in _sccs([[w for w, _ in ws] for ws in self.succs]):
            nodes.sort()
            if len(nodes) == 1 and not any(s == nodes[0] for s, _ in self.preds[nodes[0]]):
                continue
            m = _rec_mii_subgraph(self, nodes)
            for v in nodes:
                out[v] = m
        self._scc_mii = out
        return out

    def mrt_cells(self, ii: int) -> int:
        """Cells of the modulo reservation table the ops block at ``ii``, or
        MAX_MRT_CELLS + 1 when one op blocks more than MAX_OP_CELLS (each
        placement costs its cells)."""
        cells = [min(self.blk[i], ii) * len(rs) for i, rs in enumerate(self.uses) if rs]
        if cells and max(cells) > MAX_OP_CELLS:
            return MAX_MRT_CELLS + 1
        return sum(cells)

    def windows(self, ii: int) -> list:
        """Per op: [(resource, width, count, limit)] when it blocks ``width`` < ii
        consecutive classes of each resource from its start (its occupancy),
        else None."""
        return [
            [(r, self.blk[i], m, self.limit[r]) for r, m in rs.items()]
            if rs and 1 < self.blk[i] < ii
            else None
            for i, rs in enumerate(self.uses)
        ]

    def occupancy(self, ii: int) -> list[list[tuple[int, int, int, int]]]:
        """Per op: (resource, offset mod II, count, limit) for its blocked steps."""
        if ii in self._occ:
            return self._occ[ii]
        occ: list[list[tuple[int, int, int, int]]] = [[] for _ in range(self.n)]
        for i, rs in enumerate(self.uses):
            if not rs:
                continue
            b = self.blk[i]
            if b < ii:
                cnt = dict.fromkeys(range(b), 1)
            else:  # every class, b // ii full turns plus one partial
                q, rem = divmod(b, ii)
                cnt = {k: q + (k < rem) for k in range(ii)}
            occ[i] = [(r, off, c * m, self.limit[r]) for r, m in rs.items() for off, c in cnt.items()]
        self._occ[ii] = occ
        return occ


def _longest_paths(order, lat, preds, succs, ii, cap) -> list[int] | None:
    """Longest paths from t = 0 over edges ``u -> v`` of weight
    ``lat_u - dist*ii`` (nodes 0..n-1, ``order`` topological for dist 0), or None
    on a positive cycle.  Label-correcting worklist from the forward-edge times;
    a positive cycle shows up as a value above ``cap`` (the sum of latencies
    bounds every simple path) or as a cycle among the nodes' last improvers
    (checked every n improvements; such a cycle always has positive weight)."""
    n = len(lat)
    t = [0] * n
    for v in order:
        best = 0
        for u, d in preds[v]:
            if d == 0 and t[u] + lat[u] > best:
                best = t[u] + lat[u]
        t[v] = best
    queue = deque(v for v in range(n) if any(d for _, d in succs[v]))
    queued = [False] * n
    for v in queue:
        queued[v] = True
    parent = [-1] * n
    updates = 0
    while queue:
        v = queue.popleft()
        queued[v] = False
        end = t[v] + lat[v]
        for w, d in succs[v]:
            c = end - d * ii
            if c > t[w]:
                t[w] = c
                parent[w] = v
                updates += 1
                if not queued[w]:
                    queued[w] = True
                    queue.append(w)
        if updates >= n:
            updates = 0
            if max(t) > cap or _has_cycle(parent):
                return None
    return t


def _sccs(succ: list[list[int]]) -> list[list[int]]:
    """Strongly connected components (iterative Tarjan)."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, k = work[-1]
            if k < len(succ[v]):
                work[-1] = (v, k + 1)
                w = succ[v][k]
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                comps.append(comp)
    return comps


def _has_cycle(parent: list[int]) -> bool:
    """Whether the functional graph v -> parent[v] (-1 = none) has a cycle."""
    n = len(parent)
    state = [0] * n  # 0 new, 1 on the current walk, 2 done
    for s in range(n):
        if state[s]:
            continue
        path = []
        v = s
        while v >= 0 and state[v] == 0:
            state[v] = 1
            path.append(v)
            v = parent[v]
        if v >= 0 and state[v] == 1:
            return True
        for u in path:
            state[u] = 2
    return False


def _rec_mii_subgraph(data: ModuloGraph, nodes: list[int]) -> int:
    """RecMII of the subgraph induced by ``nodes`` (binary search on II)."""
    idx = {v: k for k, v in enumerate(nodes)}
    m = len(nodes)
    preds: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    succs: list[list[tuple[int, int]]] = [[] for _ in range(m)]
    for v in nodes:
        for u, d in data.preds[v]:
            if u in idx:
                preds[idx[v]].append((idx[u], d))
                succs[idx[u]].append((idx[v], d))
    lat = [data.lat[v] for v in nodes]
    order = [idx[v] for v in data.topo if v in idx]
    cap = sum(lat)
    lo, hi = 0, max(1, cap)  # lo infeasible (or 0), hi feasible
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _longest_paths(order, lat, preds, succs, mid, cap) is None:
            lo = mid
        else:
            hi = mid
    return hi


class _Cells(dict):
    """Congruence class -> users; an unused class reads as an empty list."""

    def __missing__(self, k):
        v = self[k] = []
        return v


# Most modulo reservation cells (sum over limited ops and uses of the classes
# they block at an II) that IMS builds: its table, loops and memory grow with it.
MAX_MRT_CELLS = 1 << 20
# Most cells one op may block (each placement, eviction and removal walks them).
MAX_OP_CELLS = 1 << 12


class _MRT:
    """Modulo reservation table: per resource, per congruence class, the users
    (an op appears once per blocked step that falls in the class)."""

    def __init__(self, data: ModuloGraph, ii: int, occ):
        self.ii = ii
        self.occ = occ
        self.win = data.windows(ii)
        # sparse: only the classes some op occupies get a list
        self.table = {r: _Cells() for rs in data.uses for r in rs}

    def fits(self, i: int, t: int) -> bool:
        ii, table = self.ii, self.table
        for r, off, c, lim in self.occ[i]:
            if len(table[r].get((t + off) % ii, ())) + c > lim:
                return False
        return True

    def first_fit(self, i: int, lo: int, hi: int) -> int:
        """The first step in [lo, hi) where op i fits, or -1."""
        occ = self.occ[i]
        if self.win[i] is not None:
            return self._first_fit_window(i, lo, hi)
        if len(occ) == 1:  # the common case: one resource, one cell
            r, off, c, lim = occ[0]
            cells, ii = self.table[r], self.ii
            room = lim - c
            for t in range(lo, min(hi, lo + ii)):
                if len(cells.get((t + off) % ii, ())) <= room:
                    return t
            return -1
        for t in range(lo, min(hi, lo + self.ii)):
            if self.fits(i, t):
                return t
        return -1

    def _first_fit_window(self, i: int, lo: int, hi: int) -> int:
        """first_fit for an op that blocks consecutive classes: jump past the
        full classes (sorted) instead of testing every step and offset."""
        ii, win = self.ii, self.win[i]
        bad = []
        for r, _w, c, lim in win:
            bad.append(sorted(k for k, cell in self.table[r].items() if len(cell) + c > lim))
        t, end = lo, min(hi, lo + ii)
        while t < end:
            jump = -1
            s0 = t % ii
            for (_r, w, _c, _lim), ks in zip(win, bad):
                if not ks:
                    continue
                # the last full class of the window [s0, s0 + w) (cyclic)
                if s0 + w > ii and ks[0] < s0 + w - ii:
                    k = ks[bisect_left(ks, s0 + w - ii) - 1] + ii - s0
                else:
                    j = bisect_left(ks, s0 + w) - 1
                    if j < 0 or ks[j] < s0:
                        continue
                    k = ks[j] - s0
                # every start in [t, t + k] blocks that full class
                if t + k + 1 > jump:
                    jump = t + k + 1
            if jump < 0:
                return t
            t = jump
        return -1

    def add(self, i: int, t: int) -> None:
        ii, table = self.ii, self.table
        for r, off, c, _ in self.occ[i]:
            cell = table[r][(t + off) % ii]
            for _ in range(c):
                cell.append(i)

    def remove(self, i: int, t: int) -> None:
        ii, table = self.ii, self.table
        for r, off, c, _ in self.occ[i]:
            cell = table[r][(t + off) % ii]
            for _ in range(c):
                cell.remove(i)


def place_at_ii(
    data: ModuloGraph, ii: int, budget: int, strategy: str = "height", priority: list | None = None
) -> list[int] | None:
    """One IMS attempt at ``ii``; the start times, or None when the budget runs out.

    ``strategy``: "height" is Rau's HeightR order; "recurrence" schedules the ops
    of the most constraining recurrences (largest RecMII of their strongly
    connected component) first, HeightR within; "two_sided" is HeightR that
    first looks for room before the scheduled successors' deadlines.
    ``priority`` (comparable keys, smallest first) replaces HeightR, e.g. the
    GauS legalizer's order from the relaxed start times; the least urgent op of
    a full cell is evicted."""
    n, lat, preds, succs = data.n, data.lat, data.preds, data.succs
    asap = data.asap(ii)
    if asap is None:
        return None
    occ = data.occupancy(ii)
    if any(c > lim for o in occ for _, _, c, lim in o):
        return None  # an op alone overfills a cell at this II
    if priority is None:
        height = data.heights(ii)
        if strategy == "recurrence":
            span = max(height) - min(height) + 1
            height = [h + span * c for h, c in zip(height, data.scc_mii())]
        priority = [-h for h in height]
    key = priority
    two_sided = strategy == "two_sided"
    mrt = _MRT(data, ii, occ)
    table = mrt.table
    time = [-1] * n
    prev = [-1] * n
    queue = [(key[i], i) for i in range(n)]
    heapq.heapify(queue)
    heappush, heappop = heapq.heappush, heapq.heappop

    def unschedule(v: int) -> None:
        mrt.remove(v, time[v])
        time[v] = -1
        heappush(queue, (key[v], v))

    while queue:
        if budget <= 0:
            return None
        budget -= 1
        _, i = heappop(queue)
        est = asap[i]
        for p, d in preds[i]:
            tp = time[p]
            if tp >= 0:
                c = tp + lat[p] - d * ii
                if c > est:
                    est = c
        if occ[i]:
            slot = -1
            if two_sided:
                # prefer steps that keep the scheduled successors in place
                hi = est + ii
                for q, d in succs[i]:
                    tq = time[q]
                    if tq >= 0 and q != i:
                        c = tq + d * ii - lat[i] + 1
                        if c < hi:
                            hi = c
                slot = mrt.first_fit(i, est, hi)
                if slot < 0 and hi > est:
                    # room only by evicting: keep the successors, evict on resources
                    slot = est if (prev[i] < 0 or est > prev[i] or prev[i] + 1 >= hi) else prev[i] + 1
            if slot < 0:
                slot = mrt.first_fit(i, est, est + ii)
            if slot < 0:
                slot = est if (prev[i] < 0 or est > prev[i]) else prev[i] + 1
            if not mrt.fits(i, slot):
                # evict resource conflicts: the least critical user of a full cell
                for r, off, c, lim in occ[i]:
                    cell = table[r][(slot + off) % ii]
                    while len(cell) + c > lim:
                        unschedule(max(cell, key=lambda v: (key[v], v)))
        else:
            slot = est
        time[i] = slot
        prev[i] = slot
        mrt.add(i, slot)
        # evict ops whose dependences with i are now violated
        end = slot + lat[i]
        for q, d in succs[i]:
            tq = time[q]
            if tq >= 0 and q != i and end > tq + d * ii:
                unschedule(q)
        for p, d in preds[i]:
            tp = time[p]
            if tp >= 0 and p != i and tp + lat[p] > slot + d * ii:
                unschedule(p)
    return time


def compact(data: ModuloGraph, ii: int, time: list[int]) -> list[int]:
    """Move ops earlier (topological order, to a fixpoint) while staying valid."""
    lat, preds = data.lat, data.preds
    occ = data.occupancy(ii)
    mrt = _MRT(data, ii, occ)
    time = list(time)
    for i in range(data.n):
        mrt.add(i, time[i])
    for _ in range(data.n + 1):
        changed = False
        for j in data.topo:
            est = 0
            for p, d in preds[j]:
                c = time[p] + lat[p] - d * ii
                if c > est:
                    est = c
            tj = time[j]
            if est >= tj:
                continue
            if not occ[j]:
                time[j] = est
                changed = True
                continue
            mrt.remove(j, tj)
            t = mrt.first_fit(j, est, tj)
            if t >= 0:
                time[j] = t
                changed = True
            mrt.add(j, time[j])
        if not changed:
            break
    return time


def _stretch(time: list[int], ii_from: int, ii_to: int) -> list[int]:
    """Re-time ``t = q*II + k`` as ``q*II' + k`` for II' >= II: every dependence
    stays satisfied (the stage difference across an edge is never negative)
    and, without blocking, every op keeps its congruence class."""
    return [(t // ii_from) * ii_to + t % ii_from for t in time]


def _flat_fallback(problem, data: ModuloGraph) -> tuple[int, list[int]]:
    """(II, start) of the provably valid fallback (see the module docstring)."""
    from .list_scheduling import list_schedule, priority_key

    start = list_schedule(problem, priority_key(problem, "alap")).tolist()
    busy = [max(lat, blk if uses else 0) for lat, blk, uses in zip(data.lat, data.blk, data.uses)]
    m = max((s + b for s, b in zip(start, busy)), default=0)
    return max(1, m), start


class _IMSRun:
    """One ``schedule_ims`` call: the problem's view, its MII and budget, the
    statistics, and the II searches (fixed II or from MII upward)."""

    def __init__(self, problem, budget_ratio: float, polish: bool):
        self.problem = problem
        self.data = data = ModuloGraph(problem)
        self.rmii = data.rec_mii()
        self.smii = res_mii(problem) if problem.shared else 1
        self.mii = max(self.rmii, self.smii)
        self.budget = max(1, int(budget_ratio * problem.num_ops))
        self.stats = {"mii": self.mii, "rec_mii": self.rmii, "res_mii": self.smii, "attempts": 0}
        self.last = problem.last_op
        self.polish = polish

    def fits_table(self, at_ii: int) -> bool:
        return self.data.mrt_cells(at_ii) <= MAX_MRT_CELLS

    def attempt(self, at_ii: int):
        """The first strategy's schedule at ``at_ii``, or None."""
        if not self.fits_table(at_ii):
            self.stats["mrt_too_large"] = True
            return None
        for strategy in STRATEGIES:
            self.stats["attempts"] += 1
            t = place_at_ii(self.data, at_ii, self.budget, strategy)
            if t is not None:
                self.stats["strategy"] = strategy
                return t
        return None

    def finish(self, start, use_ii: int, how: str) -> Schedule:
        """Compact (and polish) ``start`` and package it."""
        data, stats, last = self.data, self.stats, self.last
        if how != "asap" and self.fits_table(use_ii):
            start = compact(data, use_ii, start)
        if how == "ims" and self.polish:
            # the other strategies may give a shorter schedule at this II
            for strategy in STRATEGIES:
                if strategy == stats.get("strategy"):
                    continue
                stats["attempts"] += 1
                t = place_at_ii(data, use_ii, self.budget, strategy)
                if t is not None:
                    t = compact(data, use_ii, t)
                    if t[last] < start[last]:
                        start = t
        stats["found_by"] = how
        sched = Schedule(
            np.asarray(start, dtype=np.int64), ii=int(use_ii), method="ims", status="HEURISTIC", stats=stats
        )
        sched.objective = sched.latency(self.problem)
        return sched

    def at_fixed_ii(self, ii: int) -> Schedule:
        """A schedule at exactly ``ii`` (InfeasibleError when none is found)."""
        problem, data, mii = self.problem, self.data, self.mii
        if ii < mii:
            which, bound = ("RecMII", self.rmii) if ii < self.rmii else ("ResMII", self.smii)
            raise InfeasibleError(
                f"no modulo schedule of '{problem.name}' exists at II={ii}: below its {which} {bound}"
            )
        if not data.limited:
            return self.finish(data.asap(ii), ii, "asap")
        t = self.attempt(ii)
        if t is not None:
            return self.finish(t, ii, "ims")
        fb_ii, fb_start = _flat_fallback(problem, data)
        if ii >= fb_ii:
            return self.finish(fb_start, ii, "flat")
        # IMS is not monotone in II: stretch a schedule found at a smaller II
        for lower in range(mii, min(ii, mii + 32)):
            t = self.attempt(lower)
            if t is not None:
                t = _stretch(t, lower, ii)
                if not problem.violations(Schedule(np.asarray(t), ii=ii), limit=1):
                    self.stats["stretched_from"] = lower
                    return self.finish(t, ii, "ims")
                break
        if not self.fits_table(ii):
            raise UnsupportedProblemError(
                f"method 'ims': the blocking times of '{problem.name}' occupy too many "
                f"modulo reservation cells at II={ii} (at most {MAX_OP_CELLS} per "
                f"operation, {MAX_MRT_CELLS} in all); use method=cpsat, or II >= {fb_ii} (the flat "
                "schedule's length, which IMS always meets)"
            )
        raise InfeasibleError(
            f"iterative modulo scheduling found no schedule of '{problem.name}' at "
            f"II={ii} within {self.budget} placements per attempt (MII {mii}); "
            "try a larger II or budget_ratio"
        )

    def search(self, max_ii: int | None) -> Schedule:
        """The smallest II found from MII upward (linear, widening, then bisecting back)."""
        problem, data, mii = self.problem, self.data, self.mii
        if not data.limited:
            # no limited resource: the ASAP schedule at RecMII is optimal
            return self.finish(data.asap(mii), mii, "asap")
        fb_ii, fb_start = _flat_fallback(problem, data)
        self.stats["fallback_ii"] = fb_ii
        cap = fb_ii if max_ii is None else min(int(max_ii), fb_ii)
        if cap < mii:
            raise InfeasibleError(f"max_ii {max_ii} is below the MII {mii} of '{problem.name}'")
        best = None  # (ii, times, how)
        failed = mii - 1  # largest II known to fail (or below MII)
        cur, step, fails = mii, 1, 0
        while cur < cap:
            t = self.attempt(cur)
            if t is not None:
                best = (cur, t, "ims")
                break
            failed = cur
            fails += 1
            if fails >= 4:  # far from MII: widen the steps, then bisect back
                step *= 2
            cur += step
        if best is None:
            if cap < fb_ii:
                t = self.attempt(cap)
                if t is None:
                    raise InfeasibleError(
                        f"iterative modulo scheduling found no schedule of '{problem.name}' "
                        f"with II <= {cap} (MII {mii}, {self.budget} placements per attempt)"
                    )
                best = (cap, t, "ims")
            else:
                best = (fb_ii, fb_start, "flat")
        while best[0] - failed > 1:
            mid = (failed + best[0]) // 2
            t = self.attempt(mid)
            if t is not None:
                best = (mid, t, "ims")
            else:
                failed = mid
        return self.finish(best[1], best[0], best[2])


def schedule_ims(
    problem: Problem,
    *,
    ii: int | None = None,
    budget_ratio: float = 6.0,
    max_ii: int | None = None,
    polish: bool = True,
) -> Schedule:
    """Iterative modulo schedule at the smallest II found from MII upward (or at
    ``ii`` only; InfeasibleError if none is found there).  Each II gets one
    attempt per strategy of ``budget_ratio * #ops`` placements.  ``max_ii`` caps
    the search (default: the fallback II, where success is guaranteed).
    ``polish``: also run the other strategies at the final II and keep the
    schedule whose objective op starts earliest."""
    if problem.num_ops == 0:
        return Schedule(
            np.zeros(0, np.int64), ii=int(ii or 1), method="ims", objective=0, stats={"mii": 1, "attempts": 0}
        )
    run = _IMSRun(problem, budget_ratio, polish)
    if ii is not None:
        return run.at_fixed_ii(int(ii))
    return run.search(max_ii)


__all__ = ["STRATEGIES", "ModuloGraph", "compact", "place_at_ii", "schedule_ims"]
