"""Legalization: turn relaxed means ``mu`` into start times that pass
``problem.verify()``.  No torch here.

Acyclic resource-constrained problems (:func:`legalize_shared`): several
priority orders from ``mu`` (plain; mobility tie-break; blended with ALAP at a
few ratios; rounded ``mu`` as release times, i.e. "round then push forward"),
each run through the parallel list scheduler (``list_scheduling.list_schedule``)
and a serial schedule-generation scheme (:func:`serial_sgs`); the best
schedules get forward-backward improvement (:func:`justify`: a backward serial
pass in order of latest finish, then a forward pass in order of the backward
starts, repeated while it helps).  The plain ALAP list schedule is always a
candidate, so the result is never worse than method ``list``.

Modulo problems (:func:`legalize_modulo`): iterative-modulo-scheduling
placement (as in :mod:`..modulo`, whose ``ModuloGraph``, ``place_at_ii`` and
``compact`` are reused) with the priority taken from ``mu`` instead of
HeightR, from ``II = max(RecMII, ResMII)`` upward, raised only when every
order fails; ``schedule_ims``'s own result is a candidate.

Time-constrained problems (:func:`legalize_time_constrained`): a greedy
placement inside the frames ``[est, ALAP_i(L)]`` in ``mu`` order choosing the
least-loaded step near ``round(mu_i)``; list / serial schedules under limits
bisected from the relaxed peaks; and ``schedule_list_bisect``'s result.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ...model import Problem
from ...model.graph import alap_times, asap_times, tails
from ..budget import Budget, list_cost, scan_cost
from ..graph_view import GraphLists

if TYPE_CHECKING:
    from ..modulo import ModuloGraph


# ------------------------------------------------------------ flat (acyclic)
class Flat(GraphLists):
    """Plain-list view of the zero-distance graph for the Python hot loops:
    forward edges with their source's latency, every resource use."""

    def __init__(self, problem: Problem):
        super().__init__(problem)
        a = problem.arrays
        n = self.n
        fwd = a.dist == 0
        self.preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.succs: list[list[int]] = [[] for _ in range(n)]
        for s, d in zip(a.src[fwd].tolist(), a.dst[fwd].tolist()):
            self.preds[d].append((s, self.lat[s]))
            self.succs[s].append(d)
        # every use (resource, multiplicity); which ones bind depends on the limits
        self.uses: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for i in range(n):
            cnt: dict[int, int] = {}
            for r in a.use_res[a.use_ptr[i] : a.use_ptr[i + 1]].tolist():
                cnt[r] = cnt.get(r, 0) + 1
            self.uses[i] = sorted(cnt.items())
        self.n_res = len(problem.resource_types)

    def occupancy(self, lim: list[int]) -> tuple[list[list[tuple[int, int]]], list[int]]:
        occ = [[(r, m) for r, m in u if lim[r] >= 0] for u in self.uses]
        b = [self.blk[i] if occ[i] else 0 for i in range(self.n)]
        return occ, b


def serial_sgs(
    flat: Flat,
    key: np.ndarray | Sequence[int],
    lim: np.ndarray | Sequence[int],
    release: Sequence[int] | None = None,
    *,
    reverse: bool = False,
    occ_b: tuple[list, list[int]] | None = None,
) -> list[int]:
    """Serial schedule generation: repeatedly take the eligible op (all
    predecessors placed) with the smallest ``key`` and place it at the
    earliest step >= max(release, predecessors) with room on its resources.

    ``reverse``: schedule the mirrored problem (successors first; op i's
    occupancy ``[u_i, u_i + b_i)`` in mirrored time, edge ``j -> i`` of weight
    ``l_i + b_j - b_i``) and map back with ``t_i = M - u_i - b_i``."""
    n = flat.n
    lim = [int(v) for v in lim]
    occ, b = occ_b if occ_b is not None else flat.occupancy(lim)
    if reverse:
        lat = flat.lat
        preds = [[(j, lat[i] + b[j] - b[i]) for j in flat.succs[i]] for i in range(n)]
        succs = [[p for p, _ in flat.preds[i]] for i in range(n)]
    else:
        preds, succs = flat.preds, flat.succs
    key = list(key)
    npred = [len(p) for p in preds]
    start = [0] * n
    est = [0 if release is None else int(release[i]) for i in range(n)]
    use = [[] for _ in lim]  # use[r][s]: units busy
    heap = [(key[i], i) for i in range(n) if npred[i] == 0]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        _, i = pop(heap)
        t = max(est[i], 0)
        oi, bi = occ[i], b[i]
        if oi:
            while True:
                ok = True
                for r, m in oi:
                    u, room = use[r], lim[r] - m
                    if len(u) < t + bi:
                        u.extend([0] * (t + bi - len(u) + 16))
                    for s in range(t, t + bi):
                        if u[s] > room:
                            ok = False
                            t = s + 1
                            break
                    if not ok:
                        break
                if ok:
                    break
            for r, m in oi:
                u = use[r]
                for s in range(t, t + bi):
                    u[s] += m
        start[i] = t
        for j in succs[i]:
            npred[j] -= 1
            if npred[j] == 0:
                tj = est[j]
                for p, w in preds[j]:
                    c = start[p] + w
                    if c > tj:
                        tj = c
                est[j] = tj
                push(heap, (key[j], j))
    if reverse:
        M = max((start[i] + b[i] for i in range(n)), default=0)
        start = [M - start[i] - b[i] for i in range(n)]
        lo = min(start, default=0)
        if lo < 0:  # ops with b=0 at the very end: shift (keeps validity)
            start = [s - lo for s in start]
    return start


def justify(
    flat: Flat,
    start: Sequence[int],
    lim: np.ndarray | Sequence[int],
    score: Callable[[Sequence[int]], tuple],
    rounds: int = 4,
    budget: Budget | None = None,
    cost: float = 0.0,
) -> tuple[list[int], tuple]:
    """Forward-backward improvement; returns the best schedule seen.  Each
    round costs ``cost`` of ``budget`` (none when it is spent)."""
    occ_b = flat.occupancy([int(v) for v in lim])
    b = occ_b[1]
    best, best_s = list(start), score(start)
    cur = list(start)
    for _ in range(rounds):
        if budget is not None and not budget.afford(cost):
            break
        back = serial_sgs(flat, [-(cur[i] + b[i]) for i in range(flat.n)], lim, reverse=True, occ_b=occ_b)
        fwd = serial_sgs(flat, [(back[i], i) for i in range(flat.n)], lim, occ_b=occ_b)
        s = score(fwd)
        if s < best_s:
            best, best_s, cur = fwd, s, fwd
        else:
            break
    return best, best_s


def rank_keys(*cols: np.ndarray) -> np.ndarray:
    """Rank (0 = first) of lexicographic keys: last column is primary."""
    order = np.lexsort(cols)
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return rank


def mu_orders(
    mu: np.ndarray,
    asap: np.ndarray,
    alap: np.ndarray,
    tail: np.ndarray,
    ratios: Sequence[float] = (0.25, 0.5, 0.75),
) -> dict[str, np.ndarray]:
    """Candidate priority ranks from one relaxed ``mu``."""
    idx = np.arange(mu.size)
    mob = alap - asap
    out = {
        "mu": rank_keys(idx, -tail, alap, mu),
        "mu_mobility": rank_keys(idx, -tail, mob, np.floor(mu + 0.5)),
    }
    for a in ratios:
        out[f"mu_alap{a:g}"] = rank_keys(idx, -tail, (1 - a) * mu + a * alap)
    return out


def legalize_shared(
    problem: Problem,
    mus: Sequence[np.ndarray],
    score: Callable[[Sequence[int]], tuple],
    *,
    max_candidates: int | None = None,
    quick: bool = False,
    budget: Budget | None = None,
) -> tuple[np.ndarray, str, dict]:
    """Best schedule (by ``score``, smaller is better) over the candidates built
    from each relaxed ``mu`` in ``mus`` (ordered best first), plus ALAP list.
    Each candidate construction is charged to ``budget`` (a
    :class:`~..budget.Budget`; the ALAP list schedule always runs); candidates
    stop when it is spent.  Returns (start array, name, {name: score})."""
    from ..list_scheduling import list_schedule, priority_key

    a = problem.arrays
    budget = budget if budget is not None else Budget()
    c_list = list_cost(a.n, a.src.size, int(a.blocking[a.use_op].sum()))
    flat = Flat(problem)
    lim = a.limit if problem.shared else np.full(len(problem.resource_types), -1)
    lim_l = lim.tolist()
    asap = asap_times(problem)
    tail = tails(problem)
    alap_key = priority_key(problem, "alap")
    base = list_schedule(problem, alap_key, lim)
    cands: dict[str, list[int]] = {"list_alap": base.tolist()}
    horizon = int((base + a.lat).max()) if a.n else 0
    alap = alap_times(problem, max(horizon, int((asap + a.lat).max(initial=0))))
    spent = False
    for b, mu in enumerate(mus):
        for name, key in mu_orders(mu, asap, alap, tail, (0.5,) if quick else (0.25, 0.5, 0.75)).items():
            if not budget.afford(c_list):
                spent = True
                break
            cands[f"list[{b}]:{name}"] = list_schedule(problem, key, lim).tolist()
            if not quick:
                if not budget.afford(c_list):
                    spent = True
                    break
                cands[f"sgs[{b}]:{name}"] = serial_sgs(flat, key.tolist(), lim_l)
        if spent or not budget.afford(c_list):
            break
        rel = np.maximum(np.floor(mu + 0.5), asap).astype(np.int64)
        cands[f"sgs[{b}]:round_push"] = serial_sgs(
            flat, rank_keys(np.arange(a.n), -tail, mu).tolist(), lim_l, rel.tolist()
        )
    scores = {k: score(v) for k, v in cands.items()}
    ranked = sorted(scores, key=lambda k: (scores[k], k))
    best_name = ranked[0]
    best = cands[best_name]
    n_just = 1 if quick else 3
    for name in ranked[:n_just]:
        if budget.out_of_time() or budget.work_left() < 2 * c_list:
            break
        s, sc = justify(
            flat, cands[name], lim_l, score, rounds=2 if quick else 4, budget=budget, cost=2 * c_list
        )
        scores[f"fbi:{name}"] = sc
        if sc < scores[best_name]:
            best_name, best = f"fbi:{name}", s
    return np.asarray(best, dtype=np.int64), best_name, scores


# ------------------------------------------------------------------- modulo
def modulo_orders(mu: np.ndarray, height: np.ndarray, ratios: Sequence[float] = (0.5,)) -> dict[str, list]:
    idx = np.arange(mu.size)
    late = float(height.max(initial=0)) - height  # ALAP-like from HeightR
    out = {"mu": rank_keys(idx, -height, mu).tolist()}
    for a in ratios:
        out[f"mu_height{a:g}"] = rank_keys(idx, -height, (1 - a) * mu + a * late).tolist()
    return out


def legalize_modulo(
    problem: Problem,
    data: ModuloGraph,
    mus: Sequence[np.ndarray],
    ii_lo: int,
    ii_hi: int,
    *,
    budget_ratio: float = 6.0,
    last: int,
    budget: Budget | None = None,
) -> tuple[int, list[int], str] | None:
    """First II in [ii_lo, ii_hi) at which some mu-ordered IMS attempt succeeds;
    the compacted schedule with the earliest objective op there.  Each attempt
    is charged to ``budget`` (a :class:`~..budget.Budget`); none starts once
    it is spent.  Returns (ii, start list, name) or None."""
    from ..modulo import compact, place_at_ii

    work = budget if budget is not None else Budget()
    a = problem.arrays
    c_try = 3 * list_cost(a.n, a.src.size, int(a.blocking[a.use_op].sum()))
    budget = max(1, int(budget_ratio * data.n))
    for ii in range(ii_lo, ii_hi):
        if data.asap(ii) is None:
            continue
        height = np.asarray(data.heights(ii))
        best = None
        for b, mu in enumerate(mus):
            for name, prio in modulo_orders(mu, height).items():
                if not work.afford(c_try):
                    return best
                t = place_at_ii(data, ii, budget, priority=prio)
                if t is None:
                    continue
                t = compact(data, ii, t)
                if best is None or t[last] < best[1][last]:
                    best = (ii, t, f"ims_mu[{b}]:{name}")
        if best is not None:
            return best
    return None


# ---------------------------------------------------------- time-constrained
def round_push(flat: Flat, mu: np.ndarray, alap: np.ndarray) -> list[int]:
    """``t_i = min(ALAP_i, max(round(mu_i), est_i))`` in topological order
    (est from the placed predecessors): rounding with the least repair; always
    meets the bound (est_i <= ALAP_i when every predecessor is within its
    ALAP).  Resources are ignored (time-constrained: no limits)."""
    from ...model.graph import forward_order

    n = flat.n
    target = np.floor(mu + 0.5).astype(np.int64).tolist()
    alap_l = alap.tolist()
    start = [0] * n
    for i in forward_order(flat.problem):
        e = 0
        for p, w in flat.preds[i]:
            c = start[p] + w
            if c > e:
                e = c
        start[i] = min(alap_l[i], max(target[i], e))
    return start


def greedy_frames(
    problem: Problem, flat: Flat, mu: np.ndarray, alap: np.ndarray, w: np.ndarray, reach: int = 8
) -> list[int]:
    """Place ops in ``mu`` order (eligible = predecessors placed) inside
    ``[est_i, ALAP_i(L)]``, choosing the step that raises the weighted peaks
    least, then the least loaded, then the closest to ``round(mu_i)``.
    Loads are weighted by the ops' weights (``arrays.weight``).
    Always meets the bound (every est stays <= ALAP)."""
    n = flat.n
    opw = problem.arrays.weight.tolist()
    lat, preds, succs = flat.lat, flat.preds, flat.succs
    occ, b = flat.occupancy([0] * flat.n_res)
    alap_l = alap.tolist()
    target = np.floor(mu + 0.5).astype(np.int64).tolist()
    key = rank_keys(np.arange(n), mu).tolist()
    H = int(max(alap_l, default=0)) + int(max(b, default=1)) + 2
    load = [[0] * H for _ in range(flat.n_res)]
    peak = [0] * flat.n_res
    wl = [float(v) for v in w]
    npred = [len(p) for p in preds]
    est = [0] * n
    start = [0] * n
    heap = [(key[i], i) for i in range(n) if npred[i] == 0]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        _, i = pop(heap)
        lo, hi = est[i], alap_l[i]
        oi, bi = occ[i], b[i]
        if opw[i] != 1.0:
            oi = [(r, m * opw[i]) for r, m in oi]
        if oi and opw[i] == 0.0:  # weightless: only its place relative to mu matters
            t = min(max(target[i], lo), hi)
            oi = []
        elif not oi or hi <= lo:
            t = lo
        else:
            c = min(max(target[i], lo), hi)
            if hi - lo <= 2 * reach:
                cand = range(lo, hi + 1)
            else:
                a0 = max(lo, c - reach)
                cand = range(a0, min(hi, a0 + 2 * reach) + 1)
            best = None
            for t in cand:
                inc = 0.0
                tot = 0
                for r, m in oi:
                    row = load[r]
                    mx = 0
                    for s in range(t, t + bi):
                        v = row[s]
                        tot += v
                        if v > mx:
                            mx = v
                    if mx + m > peak[r]:
                        inc += wl[r] * (mx + m - peak[r])
                k = (inc, tot, abs(t - c), t)
                if best is None or k < best[0]:
                    best = (k, t)
            t = best[1]
        if oi:
            for r, m in oi:
                row = load[r]
                for s in range(t, t + bi):
                    row[s] += m
                    if row[s] > peak[r]:
                        peak[r] = row[s]
        start[i] = t
        end = t + lat[i]
        for j in succs[i]:
            if end > est[j]:
                est[j] = end
            npred[j] -= 1
            if npred[j] == 0:
                push(heap, (key[j], j))
    return start


def bisect_limits(
    problem: Problem,
    run: Callable[[np.ndarray], Sequence[int] | None],
    lo: np.ndarray,
    hi: np.ndarray,
    active: np.ndarray,
    fits: Callable[[Sequence[int]], bool],
    score: Callable[[Sequence[int]], tuple],
    best: dict,
    max_runs: int = 40,
    *,
    budget: Budget | None = None,
    run_cost: float = 0.0,
) -> None:
    """Shared-scale bisection of the limits of the ``active`` resources between
    ``lo`` and ``hi`` (``run(limits) -> start``); updates ``best``
    ({"score", "start", "name"}) with every schedule that ``fits``.  Each run
    costs ``run_cost`` of ``budget``; the bisection stops when it is spent."""
    n_res = lo.size
    span = np.maximum(hi - lo, 0)
    K = int(span.max(initial=0))
    runs = [0]

    def at(k):
        lim = np.full(n_res, -1, dtype=np.int64)
        lim[active] = (lo + (k * span + max(K, 1) - 1) // max(K, 1))[active]
        return lim

    def ok(k):
        if runs[0] >= max_runs:
            return False
        if budget is not None and not budget.afford(run_cost):
            runs[0] = max_runs
            return False
        runs[0] += 1
        s = np.asarray(run(at(k)), dtype=np.int64)
        if not fits(s):
            return False
        sc = score(s)
        if sc < best["score"]:
            best.update(score=sc, start=s)
        return True

    if ok(0):
        return
    a, z = 0, K
    if not ok(K):
        return
    while z - a > 1:
        mid = (a + z) // 2
        if ok(mid):
            z = mid
        else:
            a = mid


# ------------------------------------------------- modulo forward-backward
def reversed_data(data: ModuloGraph) -> ModuloGraph:
    """The mirrored modulo problem of a ``modulo.ModuloGraph``: ``u_i = M - t_i - l_i``
    turns ``t_i + l_i <= t_j + d*II`` into ``u_j + l_j <= u_i + d*II`` (an edge
    ``j -> i`` weighted by its source's latency, same distance), and op i's
    busy steps ``t_i + q`` (``q < b_i``) into the classes of ``u_i + l_i - q``."""
    from ..modulo import ModuloGraph

    class _Rev(ModuloGraph):
        def occupancy(self, ii):
            occ = [[] for _ in range(self.n)]
            for i, rs in enumerate(self.uses):
                if not rs:
                    continue
                cnt: dict[int, int] = {}
                for q in range(self.blk[i]):
                    off = (self.lat[i] - q) % ii
                    cnt[off] = cnt.get(off, 0) + 1
                occ[i] = [(r, off, c * m, self.limit[r]) for r, m in rs.items() for off, c in cnt.items()]
            return occ

    rev = object.__new__(_Rev)
    rev.problem = data.problem
    rev.n, rev.lat, rev.blk = data.n, data.lat, data.blk
    rev.preds, rev.succs = data.succs, data.preds
    rev.topo = list(reversed(data.topo))
    rev.limit, rev.uses, rev.limited, rev.cap = data.limit, data.uses, data.limited, data.cap
    rev._asap = {}
    return rev


def modulo_justify(
    problem: Problem,
    data: ModuloGraph,
    rev: ModuloGraph,
    ii: int,
    start: Sequence[int],
    last: int,
    budget: int,
    rounds: int = 6,
    *,
    work: Budget | None = None,
) -> list[int]:
    """Forward-backward improvement at a fixed II: a mirrored IMS pass in order
    of latest finish (then compacted: right-justification), mapped back and
    compacted forward, plus a forward IMS pass ordered by those starts.
    Returns the best valid schedule seen (never worse than ``start``)."""
    from ...model import Schedule
    from ..modulo import compact, place_at_ii

    work = work if work is not None else Budget()
    a = problem.arrays
    c_round = 6 * list_cost(a.n, a.src.size, int(a.blocking[a.use_op].sum()))
    lat = data.lat
    n = data.n
    best = list(start)
    cur = list(start)
    for _ in range(rounds):
        if not work.afford(c_round):
            break
        u = place_at_ii(rev, ii, budget, priority=[(-(cur[i] + lat[i]), i) for i in range(n)])
        if u is None:
            break
        u = compact(rev, ii, u)
        M = max(u[i] + lat[i] for i in range(n))
        tf = [M - u[i] - lat[i] for i in range(n)]
        outs = [compact(data, ii, tf)]
        t2 = place_at_ii(data, ii, budget, priority=[(outs[0][i], i) for i in range(n)])
        if t2 is not None:
            outs.append(compact(data, ii, t2))
        improved = False
        for t in outs:
            if problem.violations(Schedule(np.asarray(t), ii=ii), limit=1):
                continue
            if t[last] < best[last]:
                best, improved = t, True
        if not improved:
            break
        cur = best
    return best


# ------------------------------------------------- formulation-A polish
def polish_moves(
    problem: Problem,
    start: np.ndarray | Sequence[int],
    w_res: np.ndarray,
    comm_w: float,
    bound: int,
    passes: int = 6,
    budget: Budget | None = None,
) -> list[int]:
    """Single-op moves for the time-constrained objective ``sum_r w_r * weighted
    peak_r + comm_w * communication`` (ICML'24 formulation A and the like; ops
    with blocking 1 only).  Each op is moved, in turn, to the step in its slack
    ``[max pred end, min succ start - lat]`` (within the bound) that lowers the
    objective, ties broken by the sum of squared loads (which drives the loads
    apart from the peak down).  Repeats while a pass improves; the result
    meets the bound and every dependence whenever ``start`` does.  Each op's
    scan is charged to ``budget`` (its load cells); the moves stop, keeping
    the schedule so far, when it is spent."""
    a = problem.arrays
    n = a.n
    t = [int(v) for v in start]
    lat = a.lat.tolist()
    fwd = a.dist == 0
    data = (~a.aux) & fwd
    preds = [[] for _ in range(n)]
    succs = [[] for _ in range(n)]
    for s, d in zip(a.src[fwd].tolist(), a.dst[fwd].tolist()):
        preds[d].append(s)
        succs[s].append(d)
    cin = np.bincount(a.dst[data], weights=a.bits[data], minlength=n).tolist()
    cout = np.bincount(a.src[data], weights=a.bits[data], minlength=n).tolist()
    opw = a.weight.tolist()
    uses = [[] for _ in range(n)]
    for op, r in zip(a.use_op.tolist(), a.use_res.tolist()):
        uses[op].append(r)
    R = len(problem.resource_types)
    H = bound + 1
    load = [[0.0] * H for _ in range(R)]
    for i in range(n):
        for r in uses[i]:
            load[r][t[i]] += opw[i]
    wr = [float(v) for v in w_res]
    budget = budget if budget is not None else Budget()
    for _ in range(passes):
        improved = False
        for i in range(n):
            if not uses[i] and cin[i] == cout[i]:
                continue
            lo = 0
            for p in preds[i]:
                lo = max(lo, t[p] + lat[p])
            hi = bound - lat[i]
            for s in succs[i]:
                hi = min(hi, t[s] - lat[i])
            if hi <= lo:
                continue
            if not budget.afford(scan_cost((hi - lo + 1) * (1 + len(uses[i]) * H))):
                return t
            cur = t[i]
            wi = opw[i]
            # objective and tie-breaker of every candidate step
            base_pk = [max(load[r]) for r in range(R)]
            best = (0.0, 0.0)
            best_t = cur
            for c in range(lo, hi + 1):
                if c == cur:
                    continue
                d_obj = comm_w * (cin[i] - cout[i]) * (c - cur)
                d_sq = 0.0
                for r in uses[i]:
                    row = load[r]
                    row[cur] -= wi
                    row[c] += wi
                    d_obj += wr[r] * (max(row) - base_pk[r])
                    d_sq += 2 * wi * (row[c] - wi - row[cur] - wi) + 2 * wi * wi
                    row[c] -= wi
                    row[cur] += wi
                key = (d_obj, d_sq)
                if key < best and (d_obj < -1e-9 or (abs(d_obj) <= 1e-9 and d_sq < -1e-9)):
                    best, best_t = key, c
            if best_t != cur:
                for r in uses[i]:
                    load[r][cur] -= wi
                    load[r][best_t] += wi
                t[i] = best_t
                improved = True
        if not improved:
            break
    return t
