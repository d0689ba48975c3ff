"""Register-pressure-aware scheduling: Swing Modulo Scheduling for loops, a
pressure-aware list scheduler for latency-bounded straight-line code.

Which algorithm runs:

* cyclic / modulo problems: Swing Modulo Scheduling (J. Llosa, A. Gonzalez,
  E. Ayguade, M. Valero, "Swing modulo scheduling: a lifetime-sensitive
  approach", PACT 1996; GCC's ``modulo-sched.c``).  IMS (:mod:`.modulo`)
  places every op as early as it can, which stretches the lifetimes of
  values whose consumers sit late.  SMS instead orders the ops so that each
  one, when placed, has only scheduled predecessors or only scheduled
  successors (except inside recurrences): the strongly connected components
  come first by decreasing RecMII (with the ops on paths between them), and
  within each set the order swings bottom-up / top-down, by depth (ASAP) /
  height (longest path to the end) and mobility.  An op with scheduled
  predecessors goes to the earliest step with room in the modulo reservation
  table, an op with scheduled successors to the latest, so every value is
  produced as close as possible to its consumers.  II goes from MII upward
  (or is the given ``ii``); if SMS finds nothing within ``MAX_EXTRA_II``
  steps of MII, IMS's schedule is used (``stats["found_by"] == "ims"``).
* acyclic problems with a latency bound (``time_constrained(p, L,
  keep_limits=True)``): a cycle-by-cycle list scheduler that always starts the
  ops whose ALAP time has come (so the bound holds whenever the limits allow
  it) and otherwise prefers ops that close lifetimes over ops that open them
  ("eager": every ready op that fits; "lazy": an op that adds live bits waits
  while the live bits would exceed the peak so far), and its mirror image
  from the bound down ("backward": producers as late as their consumers
  allow, which keeps inputs short-lived).  These, a plain
  ALAP-priority list schedule and the ALAP schedule (when the limits allow
  it) are candidates; InfeasibleError when none meets the bound.

With ``polish`` every candidate (cyclic: SMS's and, with ``ims_seed``,
IMS's at the same II) then slides (:func:`slide`: each op to the far end of
its window, ties kept, so zero-latency chains move as a whole) and goes through
:func:`.register_moves.lower_registers` (same II, same or lower makespan,
within the bound), weighted by ``objective``: "registers" (peak live bits,
MaxLive for modulo schedules) or "lifetimes" (sum of bits x lifetime), and
the best is returned (``stats["found_by"]`` names its seed).
"""

from __future__ import annotations

import time
from collections import deque

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ..model.bounds import rec_mii, res_mii
from ..model.graph import alap_times, asap_times
from ..model.objectives import register_weights
from ..model.registers import register_usage, value_table
from .register_moves import lower_registers

OBJECTIVES = {"registers": (1.0, 0.0), "lifetimes": (0.0, 1.0)}
MAX_EXTRA_II = 8  # SMS tries II = MII .. MII + this before falling back to IMS
MAX_SCC_REC = 400  # larger components take the loop's RecMII as their priority
MAX_OP_CELLS = 4096  # reservation cells one op may block; beyond, SMS / the list variants step aside
MAX_STEPS = 200_000  # latency bounds beyond this skip the step-by-step list variants


class _Graph:
    """Plain-list view: latencies, dependences both ways, limited resource uses."""

    def __init__(self, problem, limits: bool):
        a = problem.arrays
        self.n = a.n
        self.lat = a.lat.tolist()
        self.blk = a.blocking.tolist()
        self.preds: list[list[tuple[int, int]]] = [[] for _ in range(a.n)]
        self.succs: list[list[tuple[int, int]]] = [[] for _ in range(a.n)]
        for s, d, k in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
            self.preds[d].append((s, k))
            self.succs[s].append((d, k))
        vt = value_table(problem)
        self.out_bits = np.bincount(vt.op, weights=vt.bits, minlength=a.n).tolist()
        self.in_bits = np.bincount(vt.con_op, weights=vt.bits[vt.con_val], minlength=a.n).tolist()
        self.uses: list[dict[int, int]] = [{} for _ in range(a.n)]
        self.limit = a.limit.tolist()
        if limits:
            ops, res = problem.limited_uses()
            for i, r in zip(ops.tolist(), res.tolist()):
                self.uses[i][r] = self.uses[i].get(r, 0) + 1

    def table_ok(self, ii: int) -> bool:
        """Whether every op's reservation cells at ``ii`` stay few enough to list."""
        return all(not u or min(b, ii or b) <= MAX_OP_CELLS for b, u in zip(self.blk, self.uses))

    def occupancy(self, i: int, ii: int) -> list[tuple[int, int, int]]:
        """(resource, offset from the start, units) per blocked step of op i;
        offsets are congruence classes relative to the start when ``ii`` > 0."""
        b = self.blk[i]
        if not ii or b < ii:
            cnt = dict.fromkeys(range(b), 1)
        else:
            q, rem = divmod(b, ii)
            cnt = {k: q + (k < rem) for k in range(ii)}
        return [(r, off, c * m) for r, m in self.uses[i].items() for off, c in cnt.items()]


class _Table:
    """Reservation table (modulo when ``ii`` > 0): the users of each (resource, step)."""

    def __init__(self, g: _Graph, ii: int):
        self.ii, self.limit = ii, g.limit
        self.occ = [g.occupancy(i, ii) for i in range(g.n)]
        self.users: dict[tuple[int, int], list[int]] = {}

    def possible(self) -> bool:
        return all(c <= self.limit[r] for o in self.occ for r, _, c in o)

    def _key(self, r: int, t: int) -> tuple[int, int]:
        return (r, t % self.ii) if self.ii else (r, t)

    def fits(self, i: int, t: int) -> bool:
        users, lim = self.users, self.limit
        return all(len(users.get(self._key(r, t + off), ())) + c <= lim[r] for r, off, c in self.occ[i])

    def add(self, i: int, t: int) -> None:
        for r, off, c in self.occ[i]:
            self.users.setdefault(self._key(r, t + off), []).extend([i] * c)

    def remove(self, i: int, t: int) -> None:
        for r, off, c in self.occ[i]:
            cell = self.users[self._key(r, t + off)]
            for _ in range(c):
                cell.remove(i)

    def conflicts(self, i: int, t: int) -> set[int]:
        """Ops to take out so that i fits at t (the latest placed of each full cell)."""
        out: set[int] = set()
        for r, off, c in self.occ[i]:
            cell = [u for u in self.users.get(self._key(r, t + off), ()) if u not in out]
            while len(cell) + c > self.limit[r]:
                out.add(cell.pop())
        return out


# ------------------------------------------------------------ SMS ordering
def _sccs(g: _Graph) -> list[list[int]]:
    """Strongly connected components with a cycle (size > 1 or a self-loop)."""
    import networkx as nx

    dg = nx.DiGraph()
    dg.add_nodes_from(range(g.n))
    dg.add_edges_from((s, d) for d in range(g.n) for s, _ in g.preds[d])
    out = []
    for comp in nx.strongly_connected_components(dg):
        nodes = sorted(comp)
        if len(nodes) > 1 or any(s == nodes[0] for s, _ in g.preds[nodes[0]]):
            out.append(nodes)
    return out


def _positive_cycle(g: _Graph, nodes: list[int], ii: int) -> bool:
    """Bellman-Ford on the component: a cycle with sum lat > sum dist * ii."""
    inside = set(nodes)
    edges = [(s, d, g.lat[s] - k * ii) for d in nodes for s, k in g.preds[d] if s in inside]
    t = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes) + 1):
        changed = False
        for s, d, w in edges:
            if t[s] + w > t[d]:
                t[d] = t[s] + w
                changed = True
        if not changed:
            return False
    return True


def _scc_rec_mii(g: _Graph, nodes: list[int], fallback: int) -> int:
    if len(nodes) > MAX_SCC_REC:
        return fallback
    lo, hi = 0, max(1, sum(g.lat[v] for v in nodes))  # lo infeasible (or 0), hi feasible
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _positive_cycle(g, nodes, mid):
            lo = mid
        else:
            hi = mid
    return hi


def _reach(g: _Graph, seeds: set[int], forward: bool) -> set[int]:
    """Nodes reachable from ``seeds`` over zero-distance edges (seeds included)."""
    adj = g.succs if forward else g.preds
    seen, queue = set(seeds), deque(seeds)
    while queue:
        v = queue.popleft()
        for w, k in adj[v]:
            if k == 0 and w not in seen:
                seen.add(w)
                queue.append(w)
    return seen


def node_sets(g: _Graph, loop_mii: int) -> list[list[int]]:
    """SMS's partial order: recurrences by decreasing RecMII, each with the
    nodes on paths between it and the earlier sets; then the other nodes."""
    comps = [(_scc_rec_mii(g, c, loop_mii), c) for c in _sccs(g)]
    comps.sort(key=lambda x: (-x[0], -len(x[1]), x[1][0]))
    done: set[int] = set()
    sets = []
    for _, comp in comps:
        s = set(comp) - done
        if done:
            s |= (_reach(g, done, True) & _reach(g, set(comp), False)) | (
                _reach(g, set(comp), True) & _reach(g, done, False)
            )
            s -= done
        if s:
            sets.append(sorted(s))
            done |= s
    rest = [v for v in range(g.n) if v not in done]
    if rest:
        sets.append(rest)
    return sets


def sms_order(g: _Graph, sets: list[list[int]], asap: list[int], alap: list[int]) -> list[int]:
    """Swing ordering: bottom-up by depth from the predecessors of the ordered
    nodes, top-down by height from their successors, alternating."""
    end = max((a + lat for a, lat in zip(alap, g.lat)), default=0)
    height = [end - x for x in alap]
    mob = [y - x for x, y in zip(asap, alap)]
    order: list[int] = []
    placed = [False] * g.n
    pred_o: set[int] = set()  # unordered predecessors of ordered nodes
    succ_o: set[int] = set()
    for nodes in sets:
        left = set(nodes)
        while left:
            if pred_o & left:
                todo, top_down = pred_o & left, False
            elif succ_o & left:
                todo, top_down = succ_o & left, True
            else:
                todo, top_down = {max(left, key=lambda v: (asap[v], -v))}, False
            while todo:
                while todo:
                    if top_down:
                        v = max(todo, key=lambda v: (height[v], -mob[v], -v))
                    else:
                        v = max(todo, key=lambda v: (asap[v], -mob[v], -v))
                    todo.discard(v)
                    order.append(v)
                    placed[v] = True
                    left.discard(v)
                    pred_o.discard(v)
                    succ_o.discard(v)
                    pred_o.update(u for u, _ in g.preds[v] if not placed[u])
                    succ_o.update(w for w, _ in g.succs[v] if not placed[w])
                    near = g.succs[v] if top_down else g.preds[v]
                    todo.update(w for w, _ in near if w in left)
                top_down = not top_down
                todo = (succ_o if top_down else pred_o) & left
    return order


# ------------------------------------------------------------ SMS placement
def _window(g: _Graph, v: int, t: list, ii: int, asap: list[int]) -> range:
    """Steps to try for v: ascending from its scheduled predecessors,
    descending from its scheduled successors; with both, from the side whose
    values are wider (an op that defines more bits than it reads goes late)."""
    early = late = None
    for p, k in g.preds[v]:
        if t[p] is not None and p != v:
            c = t[p] + g.lat[p] - k * ii
            early = c if early is None or c > early else early
    for s, k in g.succs[v]:
        if t[s] is not None and s != v:
            c = t[s] + k * ii - g.lat[v]
            late = c if late is None or c < late else late
    if early is not None and late is not None:
        hi = min(late, early + ii - 1)
        return range(hi, early - 1, -1) if g.out_bits[v] > g.in_bits[v] else range(early, hi + 1)
    if early is not None:
        return range(early, early + ii)
    if late is not None:
        return range(late, late - ii, -1)
    return range(asap[v], asap[v] + ii)


def sms_at(
    problem: Problem, g: _Graph, ii: int, sets: list[list[int]], budget_ratio: float = 30.0
) -> list[int] | None:
    """One SMS attempt at ``ii``: start times (min 0) or None.  An op whose
    window has no room (or is empty: its scheduled predecessors and
    successors were placed apart) is forced next to its predecessors (else
    its successors), and the ops it conflicts with are taken out and placed
    again next (IMS-style repair), within ``budget_ratio * n`` placements."""
    if not g.table_ok(ii) or any(g.lat[v] > k * ii for v in range(g.n) for s, k in g.preds[v] if s == v):
        return None
    table = _Table(g, ii)
    if not table.possible():
        return None
    try:
        asap = asap_times(problem, ii)
        bound = int((asap + problem.arrays.lat).max()) if g.n else 0
        alap = alap_times(problem, bound, ii).tolist()
    except InfeasibleError:
        return None
    asap = asap.tolist()
    t: list = [None] * g.n
    prev: list = [None] * g.n
    queue = deque(sms_order(g, sets, asap, alap))
    budget = max(g.n, int(budget_ratio * g.n))
    while queue:
        budget -= 1
        if budget < 0:
            return None
        v = queue.popleft()
        w = _window(g, v, t, ii, asap)
        slot = next((s for s in w if table.fits(v, s)), None)
        if slot is None:
            slot = _forced(g, v, t, ii, asap, prev[v])
            for u in _evict(g, table, v, slot, t, ii):
                table.remove(u, t[u])
                t[u] = None
                queue.appendleft(u)
        t[v] = prev[v] = slot
        table.add(v, slot)
    low = min(t, default=0)
    return [x - low for x in t]  # a uniform shift keeps dependences and the table


def _forced(g: _Graph, v: int, t: list, ii: int, asap: list[int], prev) -> int:
    """Where an op without room goes: after its scheduled predecessors (one
    step past its previous forced place, so that repairs move on), else
    before its successors."""
    early = [t[p] + g.lat[p] - k * ii for p, k in g.preds[v] if t[p] is not None and p != v]
    if early or all(t[s] is None or s == v for s, _ in g.succs[v]):
        slot = max(early, default=asap[v])
        return prev + 1 if prev is not None and slot <= prev else slot
    slot = min(t[s] + k * ii - g.lat[v] for s, k in g.succs[v] if t[s] is not None and s != v)
    return prev - 1 if prev is not None and slot >= prev else slot


def _evict(g: _Graph, table: _Table, v: int, slot: int, t: list, ii: int) -> set[int]:
    """Placed ops that conflict with v at ``slot``: resources, then dependences."""
    out = table.conflicts(v, slot)
    end = slot + g.lat[v]
    out.update(s for s, k in g.succs[v] if s != v and t[s] is not None and end > t[s] + k * ii)
    out.update(p for p, k in g.preds[v] if p != v and t[p] is not None and t[p] + g.lat[p] > slot + k * ii)
    out.discard(v)
    return {u for u in out if t[u] is not None}


def _modulo(problem, g: _Graph, ii: int | None, deadline: float | None, stats: dict) -> tuple[list[int], int]:
    """SMS from MII up to IMS's II (or at ``ii``), so the II is never above
    the one iterative modulo scheduling finds; IMS's schedule when SMS finds
    nothing there."""
    from .modulo import schedule_ims

    rmii = rec_mii(problem)
    mii = max(rmii, res_mii(problem) if problem.shared else 1)
    stats.update(mii=mii, rec_mii=rmii)
    if ii is not None and ii < mii:
        raise InfeasibleError(
            f"no modulo schedule of '{problem.name}' exists at II={ii}: below its MII {mii}"
        )
    sets = node_sets(g, rmii)
    stats["node_sets"] = len(sets)
    ims = schedule_ims(problem, ii=ii)
    top = int(ims.ii)
    tries = [ii] if ii is not None else range(mii, top + 1)
    if len(tries) > MAX_EXTRA_II + 1:  # SMS near MII and at IMS's II only
        tries = [*range(mii, mii + MAX_EXTRA_II + 1), top]
    for k, cur in enumerate(tries):
        if k and deadline is not None and time.perf_counter() > deadline:
            break
        t = sms_at(problem, g, cur, sets)
        if t is not None:
            stats["found_by"] = "sms"
            return t, cur
    stats["found_by"] = "ims"
    return ims.start.tolist(), top


# ------------------------------------------------- acyclic, latency-bounded
class _Pressure:
    """Live bits of the values whose producer is placed and some consumer is not."""

    def __init__(self, problem):
        vt = value_table(problem)
        n = problem.num_ops
        self.bits = vt.bits.tolist()
        self.rem = [0] * len(self.bits)  # unplaced consumer edges per value
        self.own = [0] * n  # bits an op opens
        self.reads: list[dict[int, int]] = [{} for _ in range(n)]  # value -> edges
        for v, op in enumerate(vt.op.tolist()):
            self.own[op] += self.bits[v]
        for v, j in zip(vt.con_val.tolist(), vt.con_op.tolist()):
            self.rem[v] += 1
            self.reads[j][v] = self.reads[j].get(v, 0) + 1
        self.live = 0

    def delta(self, i: int) -> int:
        closed = sum(self.bits[v] for v, m in self.reads[i].items() if self.rem[v] == m)
        return self.own[i] - closed

    def place(self, i: int) -> None:
        self.live += self.delta(i)
        for v, m in self.reads[i].items():
            self.rem[v] -= m


def pressure_list(
    problem: Problem, g: _Graph, bound: int, lazy: bool, deadline: float | None = None
) -> list[int] | None:
    """Cycle-by-cycle list schedule within ``bound``: ops at their ALAP time
    first, then by fewest added live bits; None when a forced op has no room
    (or past ``deadline``: each step sorts the ready ops, so wide graphs cost)."""
    alap = alap_times(problem, bound).tolist()
    pr = _Pressure(problem)
    table = _Table(g, 0)
    if not table.possible():
        return None
    t = [-1] * g.n
    npred = [len(p) for p in g.preds]
    est = [0] * g.n
    ready = {i for i in range(g.n) if npred[i] == 0}
    peak, step, placed = 0, 0, 0
    while placed < g.n:
        if step > bound or (deadline is not None and time.perf_counter() > deadline):
            return None
        progress = True
        while progress:  # zero-latency ops release successors into this step
            progress = False
            cands = sorted((alap[i], pr.delta(i), i) for i in ready if est[i] <= step)
            for a, _, i in cands:
                forced = a <= step
                if lazy and not forced and pr.delta(i) > 0 and pr.live + pr.delta(i) > peak:
                    continue
                if not table.fits(i, step):
                    if forced:
                        return None
                    continue
                t[i] = step
                table.add(i, step)
                pr.place(i)
                ready.discard(i)
                placed += 1
                progress = True
                for j, _ in g.succs[i]:
                    npred[j] -= 1
                    est[j] = max(est[j], step + g.lat[i])
                    if npred[j] == 0:
                        ready.add(j)
        peak = max(peak, pr.live)
        step += 1
    return t


def backward_list(problem: Problem, g: _Graph, bound: int, deadline: float | None = None) -> list[int] | None:
    """The mirror image: steps from the bound down to 0, an op placed once all
    its successors are, as late as they allow; ops at their ASAP time first,
    then those whose placement opens the fewest bits (in reverse time a value
    opens at its last consumer and closes at its producer).  None when an op
    cannot be placed by its ASAP time."""
    asap = asap_times(problem).tolist()
    pr = _Pressure(problem)
    opened = [False] * len(pr.bits)
    table = _Table(g, 0)
    if not table.possible():
        return None
    t = [-1] * g.n
    nsucc = [len(x) for x in g.succs]
    latest = [bound - x for x in g.lat]
    ready = {i for i in range(g.n) if nsucc[i] == 0}
    placed = 0

    def opens(i: int) -> int:
        return sum(pr.bits[v] for v in pr.reads[i] if not opened[v]) - pr.own[i]

    for step in range(bound, -1, -1):
        if deadline is not None and time.perf_counter() > deadline:
            return None
        progress = True
        while progress:
            progress = False
            for _, _, i in sorted((-asap[i], opens(i), i) for i in ready if latest[i] >= step):
                if not table.fits(i, step):
                    if asap[i] >= step:
                        return None
                    continue
                t[i] = step
                table.add(i, step)
                ready.discard(i)
                placed += 1
                progress = True
                for v in pr.reads[i]:
                    opened[v] = True
                for j, _ in g.preds[i]:
                    nsucc[j] -= 1
                    latest[j] = min(latest[j], step - g.lat[j])
                    if nsucc[j] == 0:
                        ready.add(j)
        if any(asap[i] >= step for i in ready):
            return None
    return t if placed == g.n else None


def _acyclic(problem, g: _Graph, limits: bool, deadline: float | None = None) -> dict[str, np.ndarray]:
    """The acyclic candidates: both pressure-aware variants, a plain ALAP-priority
    list schedule and the ALAP schedule, those that are legal."""
    from .list_scheduling import list_schedule, priority_key

    bound = int(problem.latency_bound)
    lat = problem.arrays.lat
    alap = alap_times(problem, bound)  # InfeasibleError when the bound is below the critical path
    cands = {}
    steps = bound <= MAX_STEPS and g.table_ok(0)
    for name in ("lazy", "eager") if steps else ():
        t = pressure_list(problem, g, bound, name == "lazy", deadline)
        if t is not None:
            cands[name] = np.asarray(t, dtype=np.int64)
    t = backward_list(problem, g, bound, deadline) if steps else None
    if t is not None:
        cands["backward"] = np.asarray(t, dtype=np.int64)
    no_limits = None if limits else np.full(len(problem.resource_types), -1, np.int64)
    flat = list_schedule(problem, priority_key(problem, "alap"), no_limits)
    if int((flat + lat).max()) <= bound:
        cands["list"] = flat
    if not limits or not problem.violations(Schedule(alap), limit=1):
        cands["alap"] = alap
    if not cands:
        raise InfeasibleError(
            f"no schedule of '{problem.name}' within latency bound {bound} found under its resource limits"
        )
    return cands


class _Live:
    """Live bits per step (folded mod II) and the total, updated per moved op."""

    def __init__(self, problem, t: list[int], ii: int, cap: int):
        vt = value_table(problem)
        self.t, self.ii, self.lat = t, ii, problem.arrays.lat.tolist()
        self.v_op, self.bits = vt.op.tolist(), vt.bits.tolist()
        self.cons: list[list[tuple[int, int]]] = [[] for _ in self.v_op]
        self.touch: list[set[int]] = [set() for _ in t]
        for v, op in enumerate(self.v_op):
            self.touch[op].add(v)
        for v, j, d in zip(vt.con_val.tolist(), vt.con_op.tolist(), vt.con_dist.tolist()):
            self.cons[v].append((j, d))
            self.touch[j].add(v)
        self.prof = np.zeros(ii if ii else cap + 1, dtype=np.int64)
        self.total = 0
        for v in range(len(self.v_op)):
            self._add(v, 1)

    def _add(self, v: int, sign: int) -> None:
        b = self.t[self.v_op[v]] + self.lat[self.v_op[v]]
        e = max(self.t[j] + d * self.ii for j, d in self.cons[v])
        w = sign * self.bits[v]
        if e <= b or not w:
            return
        self.total += w * (e - b)
        ii, prof = self.ii, self.prof
        if not ii:
            prof[b:e] += w
            return
        full, rem = divmod(e - b, ii)
        prof += w * full
        s = b % ii
        prof[s : s + rem] += w
        if s + rem > ii:
            prof[: s + rem - ii] += w

    def move(self, v: int, x: int) -> None:
        for u in self.touch[v]:
            self._add(u, -1)
        self.t[v] = x
        for u in self.touch[v]:
            self._add(u, 1)

    def key(self, w) -> tuple:
        peak = int(self.prof.max()) if self.prof.size else 0
        return (w[0] * peak + w[1] * self.total, self.total)


def slide(
    problem: Problem, g: _Graph, start: np.ndarray, ii: int, w: tuple[float, float], deadline: float | None
) -> np.ndarray:
    """Move ops, one at a time, to the far end of their legal window: latest
    first (reverse topological order), then earliest (topological order),
    keeping a move unless the objective (then the total) gets worse.  Ties
    are kept on purpose: a chain of zero-latency ops sinks towards its
    consumer one op at a time, each step neutral until the last one pays,
    which a strictly improving search (``lower_registers``) never starts."""
    from ..model.graph import forward_order

    t = [int(x) for x in start]
    cap = max((x + lat for x, lat in zip(t, g.lat)), default=0)
    if problem.latency_bound is not None:
        cap = min(cap, int(problem.latency_bound))
    if not g.table_ok(ii) or (ii or cap) > MAX_STEPS:
        return np.asarray(t, dtype=np.int64)
    table = _Table(g, ii)
    for v in range(g.n):
        table.add(v, t[v])
    live = _Live(problem, t, ii, cap)
    cur = live.key(w)
    topo = forward_order(problem)
    for sink, order in ((True, topo[::-1]), (False, topo)):
        for v in order:
            if deadline is not None and time.perf_counter() > deadline:
                return np.asarray(t, dtype=np.int64)
            lo = max([t[p] + g.lat[p] - k * ii for p, k in g.preds[v] if p != v] + [0])
            hi = min([t[q] + k * ii - g.lat[v] for q, k in g.succs[v] if q != v] + [cap - g.lat[v]])
            old = t[v]
            target = hi if sink else lo
            if target == old or lo > hi:
                continue
            table.remove(v, old)
            steps = range(target, old, -1) if sink else range(target, old)
            x = next((x for x in steps[: max(ii, 64)] if table.fits(v, x)), None)
            if x is not None:
                live.move(v, x)
                new = live.key(w)
                if new <= cur:
                    cur = new
                else:
                    live.move(v, old)
            table.add(v, t[v])
    return np.asarray(t, dtype=np.int64)


def _polish(problem, start, ii, w, deadline, stats: dict, tag: str) -> np.ndarray:
    """``lower_registers`` on ``start``; stats keyed by ``tag``.  Its result is
    verified: an op blocking a congruence class more than once (blocking >
    II) can be moved into a full class by it, and then ``start`` is kept."""
    before = register_usage(problem, start, ii)
    stats[f"{tag}_before_polish"] = {"registers": before.peak, "lifetimes": before.total}
    r = lower_registers(
        problem,
        start,
        ii=ii or 0,
        latency_bound=problem.latency_bound,
        w_reg=w[0],
        w_life=w[1],
        deadline=deadline,
    )
    stats[f"{tag}_polish"] = {"moves": r.moves, "ended_by": r.ended_by}
    if r.moves and problem.violations(Schedule(r.start, ii=ii), limit=1):
        stats[f"{tag}_polish"]["ended_by"] = "rejected: illegal result"
        return np.asarray(start, dtype=np.int64)
    return r.start


def _ims_seed(problem, ii: int, stats: dict) -> np.ndarray | None:
    from .modulo import schedule_ims

    try:
        return np.asarray(schedule_ims(problem, ii=ii, polish=False).start, dtype=np.int64)
    except InfeasibleError as e:
        stats["ims_error"] = str(e)
        return None


def schedule_sms(
    problem: Problem,
    *,
    ii: int | None = None,
    objective: str = "registers",
    time_limit: float | None = None,
    polish: bool = True,
    ims_seed: bool = True,
) -> Schedule:
    """Register-aware schedule: Swing Modulo Scheduling for cyclic problems
    (at ``ii``, or the smallest II from MII it finds), the pressure-aware list
    scheduler for acyclic problems with a latency bound (see the module
    docstring).  ``objective``: "registers" or "lifetimes", what the
    ``polish`` (:func:`lower_registers`) lowers; ``time_limit`` (seconds) caps
    the II search and the polish.  ``ims_seed`` (cyclic, with ``polish``):
    IMS's schedule at the same II is polished too and the better one kept
    (``stats["found_by"]``; neither order wins on every loop).
    ``Schedule.objective`` is the objective's value (bits); ``stats`` has
    ``registers``, ``lifetimes`` and ``latency``."""
    terms = register_weights(objective, "method 'sms': objective", UnsupportedProblemError)
    w = (terms.get("registers", 0.0), terms.get("lifetimes", 0.0))
    if problem.chaining or problem.cyclic == (problem.latency_bound is not None):
        what = f"a {problem.kind}" if problem.chaining else "a time-constrained cyclic problem"
        if not problem.cyclic and not problem.chaining:
            what = "an acyclic problem without latency bound"
        raise UnsupportedProblemError(f"method 'sms' does not support {what}")
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + float(time_limit)
    limits = problem.shared and (problem.latency_bound is None or problem.keep_limits)
    stats: dict = {"algorithm": "swing-modulo" if problem.cyclic else "pressure-list", "objective": objective}
    g = _Graph(problem, limits)
    use_ii = int(ii or 1) if problem.cyclic else None
    start = np.zeros(0, np.int64)
    seeds: dict[str, np.ndarray | None] = {}
    if g.n and problem.cyclic:
        t, use_ii = _modulo(problem, g, ii, deadline, stats)
        seeds[stats["found_by"]] = np.asarray(t, dtype=np.int64)
        if polish and ims_seed and stats["found_by"] != "ims":
            seeds["ims"] = _ims_seed(problem, use_ii, stats)
    elif g.n:
        seeds.update(_acyclic(problem, g, limits, deadline))
    if polish:
        k = len(seeds)
        for tag, seed in list(seeds.items()):
            if seed is not None:
                share = (
                    None if deadline is None else time.perf_counter() + (deadline - time.perf_counter()) / k
                )
                seed = slide(problem, g, seed, use_ii or 0, w, share)
                seeds[tag] = _polish(problem, seed, use_ii, w, share, stats, tag)
            k -= 1
    if seeds:

        def key(t):
            u = register_usage(problem, t, use_ii)
            return (w[0] * u.peak + w[1] * u.total, u.total, u.peak)

        best = min((tag for tag in seeds if seeds[tag] is not None), key=lambda tag: key(seeds[tag]))
        stats["found_by"], start = best, seeds[best]
    sched = Schedule(start, ii=use_ii, method="sms", status="HEURISTIC", stats=stats)
    u = register_usage(problem, sched) if g.n else None
    stats.update(registers=u.peak if u else 0, lifetimes=u.total if u else 0, latency=sched.latency(problem))
    sched.objective = w[0] * stats["registers"] + w[1] * stats["lifetimes"]
    if float(sched.objective).is_integer():
        sched.objective = int(sched.objective)
    return sched


__all__ = ["OBJECTIVES", "schedule_sms"]
