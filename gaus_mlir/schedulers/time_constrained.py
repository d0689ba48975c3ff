"""The time-constrained dual: every op finishes within ``problem.latency_bound``
(``t_i + lat_i <= L``) and the objective is the weighted peak number of users
per step of every resource (limited or not, blocking time counted), optionally
plus ``comm_weight`` times the communication (see :mod:`..model.objectives`).

* :func:`peak_lower_bound`: per-resource lower bounds on the peak.
* :func:`schedule_list_bisect`: list scheduling under limits found by bisection
  (used by method ``list`` when the problem has a latency bound).
* :func:`schedule_cpsat_peak`: CP-SAT with one capacity variable per resource
  (used by method ``cpsat`` when the problem has a latency bound).

The force-directed scheduler is in :mod:`.force_directed` and shares the helpers
here (:func:`tc_frames`, :func:`resource_weights`, :func:`tc_schedule`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError, cancel
from ..model.graph import alap_times, asap_times
from ..model.objectives import communication, peak_usage, time_constrained_cost
from .budget import CPSAT_DET_PER_SECOND
from .cpsat import cpsat_solver
from .list_scheduling import list_schedule, priority_key

# Above this many (window start, window end) pairs per resource the window
# bound of :func:`peak_lower_bound` uses an evenly spaced subset of the window
# starts (still a valid bound, possibly weaker).
MAX_WINDOW_PAIRS = 200_000_000


# --------------------------------------------------------------------- helpers
def tc_frames(problem: Problem) -> tuple[np.ndarray, np.ndarray, int]:
    """(ASAP, ALAP(L), L) of a time-constrained acyclic problem.  Raises
    UnsupportedProblemError without a latency bound or for cyclic/chaining
    problems, InfeasibleError when L is below the critical path."""
    if problem.latency_bound is None:
        raise UnsupportedProblemError(
            "the time-constrained schedulers need problem.latency_bound "
            "(see gaus_mlir.model.time_constrained)"
        )
    if problem.cyclic or problem.chaining:
        raise UnsupportedProblemError(f"time-constrained scheduling of a {problem.kind} is not supported")
    L = int(problem.latency_bound)
    asap = asap_times(problem)
    alap = alap_times(problem, L)  # raises InfeasibleError if L < critical path
    if problem.num_ops and (asap > alap).any():
        raise InfeasibleError(f"latency bound {L} is below the critical path")
    return asap, alap, L


def resource_weights(
    problem: Problem, weights: Sequence[float] | np.ndarray | dict[str, float] | None = None
) -> np.ndarray:
    """Weights per resource type: None (1 each), a sequence aligned with
    ``problem.resource_types`` or a dict {resource name: weight} (missing: 1)."""
    n_res = len(problem.resource_types)
    if weights is None:
        return np.ones(n_res)
    if isinstance(weights, dict):
        w = np.ones(n_res)
        names = {r.name: k for k, r in enumerate(problem.resource_types)}
        for name, val in weights.items():
            if name not in names:
                raise UnsupportedProblemError(f"weights name unknown resource '@{name}'")
            w[names[name]] = float(val)
        return w
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.size != n_res:
        raise UnsupportedProblemError(f"weights has {w.size} entries for {n_res} resource types")
    return w


def used_resources(problem: Problem) -> np.ndarray:
    """Boolean mask of the resource types with at least one user."""
    a = problem.arrays
    return np.bincount(a.use_res, minlength=len(problem.resource_types)) > 0


def peaks_dict(problem: Problem, start: np.ndarray | Sequence[int]) -> dict[str, float]:
    """{resource: peak} (weighted by the ops' weights; ints for integral ones)."""
    peaks = peak_usage(problem, start)
    conv = int if peaks.dtype.kind in "iu" else float
    return {r.name: conv(p) for r, p in zip(problem.resource_types, peaks)}


def tc_schedule(
    problem: Problem,
    start: np.ndarray | Sequence[int],
    method: str,
    status: str,
    w: np.ndarray,
    comm_weight: float,
    bound: float | None = None,
    stats: dict | None = None,
) -> Schedule:
    """Package a time-constrained schedule with its objective and peaks."""
    start = np.asarray(start, dtype=np.int64)
    st = {"peaks": peaks_dict(problem, start)}
    if comm_weight:
        st["communication"] = communication(problem, start)
    st.update(stats or {})
    return Schedule(
        start,
        method=method,
        status=status,
        objective=time_constrained_cost(problem, start, w, comm_weight),
        bound=bound,
        stats=st,
    )


def objective_lower_bound(
    problem: Problem, lb: np.ndarray, w: np.ndarray, comm_weight: float = 0.0
) -> float | None:
    """sum_r w_r * lb_r (+ comm_weight * the sum of bits * source latency of the
    data edges, the least communication); None if a weight is negative.
    ``lb`` must bound the weighted peaks (``resource_lower_bounds(...,
    weighted=True)``) when the ops have weights."""
    if (w < 0).any() or comm_weight < 0:
        return None
    bound = float((w * lb).sum())
    a = problem.arrays
    if comm_weight and a.src.size:
        data = ~a.aux
        bits = getattr(a, "bits", np.ones(a.src.size))[data]
        if (bits < 0).any():
            return None
        bound += comm_weight * float((bits * a.lat[a.src[data]]).sum())
    return bound


def _in_bound(problem, start, L: int) -> bool:
    a = problem.arrays
    return bool(((start + a.lat) <= L).all()) if a.n else True


# ----------------------------------------------------------------- lower bound
def _window_bound(S: np.ndarray, end: np.ndarray, b: np.ndarray) -> int:
    """max over windows [x, y] of ceil(sum of b_j over users with S_j >= x and
    end_j <= y, divided by y - x + 1): every such user occupies b_j steps inside
    the window whatever its start.  x ranges over the distinct S_j, y over the
    distinct end_j (the only windows that can attain the maximum)."""
    xs, xi = np.unique(S, return_inverse=True)
    ys, yi = np.unique(end, return_inverse=True)
    rows = np.arange(xs.size)
    if xs.size * ys.size > MAX_WINDOW_PAIRS:
        keep = max(1, MAX_WINDOW_PAIRS // ys.size)
        rows = np.unique(np.linspace(0, xs.size - 1, keep).round().astype(np.int64))
    # Users by window start, descending: the window starting at xs[k] contains
    # the users with xi >= k and end <= y.  Rows are processed in blocks from the
    # latest start: a block's end histogram per row, cumulated over rows (and
    # the rows before the block: acc) and then over y.
    order = np.argsort(-xi, kind="stable")
    neg, yi_o, b_o = -xi[order], yi[order], b[order].astype(np.int64)
    rows_desc = rows[::-1]
    acc = np.zeros(ys.size, dtype=np.int64)
    best, pos = 0, 0
    block = int(max(1, min(256, 4_000_000 // max(1, ys.size))))
    for lo in range(0, rows_desc.size, block):
        ks = rows_desc[lo : lo + block]
        stops = np.searchsorted(neg, -ks, side="right")
        hb = np.zeros((ks.size, ys.size), dtype=np.int64)
        if stops[-1] > pos:
            idx = np.arange(pos, stops[-1])
            row = np.searchsorted(stops, idx, side="right")
            np.add.at(hb, (row, yi_o[idx]), b_o[idx])
            pos = int(stops[-1])
        hb = np.cumsum(hb, axis=0) + acc
        acc = hb[-1].copy()
        m = np.cumsum(hb, axis=1)
        width = ys[None, :] - xs[ks][:, None] + 1
        val = np.where(width > 0, -(-m // np.maximum(width, 1)), 0)
        best = max(best, int(val.max()))
    return best


def resource_lower_bounds(
    problem: Problem, asap: np.ndarray, alap: np.ndarray, weighted: bool = False
) -> np.ndarray:
    """Lower bound on the peak of every resource type given the frames
    [asap, alap]: the best of (a) the window (energy) bound of
    :func:`_window_bound`, which includes ``ceil(sum blocking / span)`` over the
    whole horizon, and (b) the compulsory part per step (steps in
    [alap_j, asap_j + b_j - 1] are busy whatever the start of j).

    ``weighted``: bound the weighted peak instead (each user counts its
    ``arrays.weight``; the window bound needs integral weights and is skipped
    otherwise, leaving the compulsory parts)."""
    a = problem.arrays
    n_res = len(problem.resource_types)
    ops, res = a.use_op, a.use_res
    wt = a.weight[ops] if weighted else None
    if wt is not None and not (wt != 1.0).any():
        wt = None
    integral = wt is None or bool(np.all(wt == np.round(wt)))
    lb = np.zeros(n_res, dtype=np.int64 if integral else np.float64)
    if a.use_op.size == 0:
        return lb
    S, E, b = asap[ops], alap[ops], a.blocking[ops]
    end = E + b - 1
    for r in np.unique(res):
        m = res == r
        Sr, Er, br, endr = S[m], E[m], b[m], end[m]
        if wt is None:
            best = _window_bound(Sr, endr, br)
        elif integral:
            keep = wt[m] > 0
            best = (
                _window_bound(Sr[keep], endr[keep], br[keep] * np.round(wt[m][keep]).astype(np.int64))
                if keep.any()
                else 0
            )
        else:
            best = 0.0
        comp_lo, comp_hi = Er, Sr + br - 1  # compulsory part
        has = comp_lo <= comp_hi
        if has.any():
            # sweep over the parts' ends (memory by users, not by horizon)
            inc = np.ones(int(has.sum()), lb.dtype) if wt is None else wt[m][has].astype(lb.dtype)
            pos = np.concatenate((comp_lo[has], comp_hi[has] + 1))
            val = np.concatenate((inc, -inc))
            order = np.argsort(pos, kind="stable")
            pos, cum = pos[order], np.cumsum(val[order])
            last = np.append(pos[1:] != pos[:-1], True)  # the load after each step's events
            best = max(best, cum[last].max())
        lb[r] = max(best, 1) if wt is None else best
    return lb


def peak_lower_bound(problem: Problem, latency_bound: int | None = None) -> dict[str, int]:
    """{resource name: lower bound on its peak users per step} for the
    time-constrained problem (``latency_bound`` defaults to the problem's).

    Each user j of a resource has start frame [ASAP_j, ALAP_j(L)] and blocking
    b_j.  The bound is the best of

    * window bounds: the users whose whole possible occupancy
      [ASAP_j, ALAP_j + b_j - 1] lies in a window [x, y] occupy sum b_j of its
      y - x + 1 steps, so some step has ceil(sum b_j / (y - x + 1)) users.
      All windows with x an ASAP and y an occupancy end are scanned (vectorised,
      O(#distinct x * #distinct y)); the window of the whole horizon gives
      ceil(#users * blocking / span).  Beyond ``MAX_WINDOW_PAIRS`` pairs an evenly
      spaced subset of the x values is used.
    * the compulsory parts: step s is busy for j whatever its start if
      ALAP_j <= s <= ASAP_j + b_j - 1.

    Resources without users get 0."""
    if latency_bound is not None and latency_bound != problem.latency_bound:
        from ..model import time_constrained

        problem = time_constrained(problem, latency_bound)
    asap, alap, _ = tc_frames(problem)
    lb = resource_lower_bounds(problem, asap, alap)
    return {r.name: int(v) for r, v in zip(problem.resource_types, lb)}


# -------------------------------------------------------------- list + bisect
class _LimitSearch:
    """The list schedules tried by :func:`schedule_list_bisect` (one per limit
    vector, cached) and the best feasible one met."""

    def __init__(self, problem, key: np.ndarray, L: int, w: np.ndarray, comm_weight: float, asap, active):
        self.problem, self.key, self.L, self.w, self.comm_weight = problem, key, L, w, comm_weight
        self.active = active
        self.base = np.full(len(problem.resource_types), -1, dtype=np.int64)  # unlimited unless active
        self.best = {
            "cost": time_constrained_cost(problem, asap, w, comm_weight),
            "start": asap,
            "limits": None,
        }
        self.cache: dict[tuple, bool] = {}

    def feasible(self, lim_active: np.ndarray) -> bool:
        """Whether the list schedule under these limits meets the bound (scored when it does)."""
        limits = self.base.copy()
        limits[self.active] = lim_active
        k = tuple(limits.tolist())
        if k in self.cache:
            return self.cache[k]
        start = np.asarray(list_schedule(self.problem, self.key, limits), dtype=np.int64)
        ok = _in_bound(self.problem, start, self.L)
        self.cache[k] = ok
        if ok:
            c = time_constrained_cost(self.problem, start, self.w, self.comm_weight)
            if c < self.best["cost"]:
                self.best.update(cost=c, start=start, limits=limits)
        return ok

    def shared_scale(self, lo_v: np.ndarray, span: np.ndarray) -> np.ndarray:
        """Bisect one scale factor k/K shared by every limit between its lower
        bound and the ASAP peak (k=K: feasible)."""
        K = int(span.max())

        def at(k):
            return lo_v + (k * span + K - 1) // K if K else lo_v

        if self.feasible(at(0)):
            return at(0)
        lo, hi = 0, K
        self.feasible(at(K))
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.feasible(at(mid)):
                hi = mid
            else:
                lo = mid
        return at(hi)

    def coordinate_wise(self, cur: np.ndarray, lo_v: np.ndarray) -> None:
        """Lower one limit at a time, heaviest weight first (two rounds at most)."""
        order = np.argsort(-self.w[self.active], kind="stable")
        for _ in range(2):
            improved = False
            for idx in order:
                lo, hi = int(lo_v[idx]) - 1, int(cur[idx])
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    trial = cur.copy()
                    trial[idx] = mid
                    if self.feasible(trial):
                        hi = mid
                    else:
                        lo = mid
                if hi < cur[idx]:
                    cur = cur.copy()
                    cur[idx] = hi
                    improved = True
            if not improved:
                break


def schedule_list_bisect(
    problem: Problem,
    *,
    priority: str = "alap",
    weights: Sequence[float] | np.ndarray | dict[str, float] | None = None,
    comm_weight: float = 0.0,
) -> Schedule:
    """List scheduling (``list_scheduling.list_schedule``) under resource limits
    found by bisection, for the time-constrained problem.

    The limits of the resources with users (and a positive weight) range from
    the lower bound of :func:`peak_lower_bound` to the peak of the ASAP schedule
    (where the list schedule is the ASAP schedule, so it meets the bound).  A
    limit vector is feasible if the list schedule with priority ``priority``
    (``list_scheduling.priority_key``: "alap" = ALAP start, which ranks ops as
    ALAP(L) does, ties by longest tail; also "mobility", "asap", "tail", "index")
    finishes every op within L.  First one shared scale factor k/K between lower
    and upper limits is bisected; with several resources each limit is then
    bisected in turn (heaviest weight first) with the others fixed.  Feasibility
    need not be monotone in the limits (list-scheduling anomalies), so every
    feasible schedule met is scored and the best one (objective =
    sum_r w_r * peak_r + comm_weight * communication) is returned; the ASAP
    schedule is the fallback incumbent."""
    asap, alap, L = tc_frames(problem)
    w = resource_weights(problem, weights)
    key = priority_key(problem, priority)
    n_res = len(problem.resource_types)
    lb = resource_lower_bounds(problem, asap, alap)  # limits count users
    ub = peak_usage(problem, asap, weighted=False) if problem.num_ops else np.zeros(n_res, np.int64)
    active = used_resources(problem) & (w > 0)
    search = _LimitSearch(problem, key, L, w, comm_weight, asap, active)
    if active.any():
        lo_v, hi_v = lb[active].astype(np.int64), np.maximum(ub[active], lb[active])
        cur = search.shared_scale(lo_v, hi_v - lo_v)
        if active.sum() > 1:
            search.coordinate_wise(cur, lo_v)
    lim = search.best["limits"]
    stats = {
        "lower_bound": {r.name: int(v) for r, v in zip(problem.resource_types, lb)},
        "limits": None
        if lim is None
        else {r.name: int(v) for r, v in zip(problem.resource_types, lim) if v >= 0},
        "list_runs": len(search.cache),
        "priority": priority,
    }
    lb_obj = resource_lower_bounds(problem, asap, alap, weighted=True) if problem.weighted else lb
    return tc_schedule(
        problem,
        search.best["start"],
        "list",
        "HEURISTIC",
        w,
        comm_weight,
        bound=objective_lower_bound(problem, lb_obj, w, comm_weight),
        stats=stats,
    )


# ---------------------------------------------------------------------- CP-SAT
def _integer_scale(values) -> int:
    """Smallest power of ten (<= 1e6) that makes every value integral."""
    vals = np.asarray([v for v in values if v], dtype=float)
    for k in range(7):
        s = 10**k
        if np.all(np.abs(vals * s - np.round(vals * s)) < 1e-9):
            return s
    return 10**6


class _PeakModel:
    """The CP-SAT model of :func:`schedule_cpsat_peak`: frames, hint, scaled
    weights, start and capacity variables, objective."""

    def __init__(self, problem, weights, comm_weight: float):
        self.problem = problem
        self.asap, self.alap, self.L = tc_frames(problem)
        a = self.a = problem.arrays
        self.n = a.n
        self.w = resource_weights(problem, weights)
        self.comm_weight = comm_weight
        opw = a.weight
        if problem.weighted:
            if (opw < 0).any() or not np.all(opw == np.round(opw)):
                raise UnsupportedProblemError("schedule_cpsat_peak needs non-negative integral op weights")
        self.opw_i = np.round(opw).astype(np.int64).tolist()
        self.lb = resource_lower_bounds(problem, self.asap, self.alap, weighted=True)
        self.ub = (
            peak_usage(problem, self.asap) if self.n else np.zeros(len(problem.resource_types), np.int64)
        )
        self.used = used_resources(problem)
        self.bits = a.bits if a.src.size else np.zeros(0)
        self.hint_sched = None
        self.given = None

    def take_hint(self, hint) -> None:
        """A given valid start array (or Schedule) as the hint, else list-bisect's
        schedule (unless ``hint`` is None or False); widens the capacity domains."""
        problem, n, w, comm_weight = self.problem, self.n, self.w, self.comm_weight
        if hint is not None and not isinstance(hint, bool) and n:
            st0 = np.asarray(hint.start if isinstance(hint, Schedule) else hint, dtype=np.int64)
            if (
                st0.shape == (n,)
                and not problem.violations(Schedule(st0), limit=1)
                and _in_bound(problem, st0, self.L)
            ):
                self.given = st0
        if self.given is not None:
            self.hint_sched = tc_schedule(problem, self.given, "hint", "HEURISTIC", w, comm_weight)
            self.ub = np.maximum(self.ub, peak_usage(problem, self.given))
        elif hint is not None and hint is not False and n:
            self.hint_sched = schedule_list_bisect(problem, weights=w, comm_weight=comm_weight)
            self.ub = np.maximum(self.ub, peak_usage(problem, self.hint_sched.start))

    def scale_weights(self, objective_upper: float | None) -> None:
        """Integer weights (``scale``), and the slack of every capacity when
        ``objective_upper`` can be imposed exactly (see the docstring of
        :func:`schedule_cpsat_peak`)."""
        a, w, comm_weight, bits = self.a, self.w, self.comm_weight, self.bits
        self.data = data = ~a.aux
        comm_coef = comm_weight * np.unique(bits[data]) if comm_weight and a.src.size else []
        scale = self.scale = _integer_scale(list(w[self.used]) + [comm_weight] + list(comm_coef))
        wi = self.wi = np.round(w * scale).astype(np.int64)
        ci = self.ci = int(round(comm_weight * scale))
        self.exact = (
            objective_upper is not None
            and not (w < 0).any()
            and comm_weight >= 0
            and np.all(np.abs(w * scale - wi) < 1e-9)
            and abs(comm_weight * scale - ci) < 1e-9
            and (
                not a.src.size
                or np.all(np.abs(bits * comm_weight * scale - np.round(bits * comm_weight * scale)) < 1e-9)
            )
        )
        self.slack = None
        if self.exact:
            simple_lb = objective_lower_bound(self.problem, self.lb, w, comm_weight)
            if simple_lb is not None:
                self.slack = float(objective_upper) - simple_lb

    def build(self, objective_upper: float | None):
        """The CpModel: start variables, dependences, one Cumulative per used
        resource under its capacity variable, the objective and the hint."""
        from ortools.sat.python import cp_model

        problem, a, n = self.problem, self.a, self.n
        m = self.m = cp_model.CpModel()
        asap_l, alap_l, lat_l = self.asap.tolist(), self.alap.tolist(), a.lat.tolist()
        s = self.s = [m.NewIntVar(asap_l[i], alap_l[i], f"t{i}") for i in range(n)]
        fwd = a.dist == 0
        for i, j in zip(a.src[fwd].tolist(), a.dst[fwd].tolist()):
            if asap_l[j] < alap_l[i] + lat_l[i]:  # not already implied by the frames
                m.Add(s[j] >= s[i] + lat_l[i])
        obj = self._capacities(m, s)
        if self.ci and a.src.size:
            data = self.data
            bw = self.bits[data] * self.comm_weight * self.scale
            net = np.bincount(a.dst[data], weights=bw, minlength=n) - np.bincount(
                a.src[data], weights=bw, minlength=n
            )
            net = np.round(net).astype(np.int64)
            nz = np.nonzero(net)[0]
            obj.extend(int(net[i]) * s[i] for i in nz.tolist())
        if self.exact and obj:
            m.Add(sum(obj) <= int(np.floor(float(objective_upper) * self.scale + 1e-6)))
        m.Minimize(sum(obj) if obj else 0)
        if self.hint_sched is not None:
            hs = self.hint_sched.start.tolist()
            for i in range(n):
                m.AddHint(s[i], hs[i])
            hp = peak_usage(problem, self.hint_sched.start)
            for r, cap in self.caps.items():
                m.AddHint(cap, int(hp[r]))
        return m

    def _capacities(self, m, s) -> list:
        """One capacity variable and Cumulative per used resource; the weighted capacity terms."""
        problem, a, lb, ub, w, slack = self.problem, self.a, self.lb, self.ub, self.w, self.slack
        blk_l, opw_i = a.blocking.tolist(), self.opw_i
        iv: dict = {}
        self.caps = caps = {}
        obj = []
        users: dict[int, list[int]] = {int(r): [] for r in np.nonzero(self.used)[0]}
        for op, r in zip(a.use_op.tolist(), a.use_res.tolist()):
            users[r].append(op)
        for r, ops in users.items():
            cap_hi = int(max(ub[r], lb[r]))
            if slack is not None and w[r] > 0:
                # (the tolerance only loosens the bound)
                cap_hi = min(cap_hi, int(np.floor(lb[r] + slack / w[r] + 1e-6)))
                cap_hi = max(cap_hi, int(lb[r]))
            cap = m.NewIntVar(int(lb[r]), cap_hi, f"cap_{problem.resource_types[r].name}")
            caps[r] = cap
            ivs, dem = [], []
            for op in ops:
                if opw_i[op] <= 0:
                    continue
                if op not in iv:
                    iv[op] = m.NewFixedSizeIntervalVar(s[op], blk_l[op], f"i{op}")
                ivs.append(iv[op])
                dem.append(opw_i[op])
            m.AddCumulative(ivs, dem, cap)
            if self.wi[r]:
                obj.append(int(self.wi[r]) * cap)
        return obj


def _ended_by(optimal: bool, solver, det: float) -> str:
    """What stopped CP-SAT: it converged, hit the wall clock or the work budget."""
    if optimal:
        return "converged"
    return "time-limit" if solver.deterministic_time < 0.99 * det else "work-budget"


def _peak_callback(on_solution, scale: int):
    """A CP-SAT solution callback reporting ``objective / scale``, or None."""
    if on_solution is None:
        return None
    from ortools.sat.python import cp_model

    class _Callback(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(cb):
            on_solution(cb.ObjectiveValue() / scale, None, "cpsat")

    return _Callback()


def schedule_cpsat_peak(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    weights: Sequence[float] | np.ndarray | dict[str, float] | None = None,
    comm_weight: float = 0.0,
    hint: bool | Schedule | np.ndarray | Sequence[int] | None = True,
    on_solution: Callable[[float, int | None, str], object] | None = None,
    objective_upper: float | None = None,
    work: float | None = None,
) -> Schedule:
    """CP-SAT for the time-constrained problem: start variables in their frames
    [ASAP, ALAP(L)], every dependence, one capacity variable ``cap_r`` per
    resource with users (domain [lower bound, max(ASAP peak, hint peak)]) and
    ``AddCumulative`` of the users' intervals (size = blocking, demand 1) under
    ``cap_r``; minimise sum_r w_r * cap_r (+ comm_weight * communication).
    Non-integer weights are scaled by the smallest power of ten (at most 1e6)
    making them integral, then rounded.

    Op weights (``arrays.weight``, e.g. formulation A's node parameters) are
    the demands of the Cumulative constraints (they must be integral; ops of
    weight 0 are left out) and ``cap_r`` bounds the weighted peak; the
    communication term weighs every data edge by ``arrays.bits``.  With unit
    weights the model is the one above.

    With ``hint`` the model is hinted with :func:`schedule_list_bisect`'s
    schedule; ``hint`` may also be a Schedule or start array, used instead of
    list-bisect when it meets every dependence and the latency bound (else
    list-bisect is used).  ``on_solution(objective, None, "cpsat")`` is called
    on every solution CP-SAT reports (objective: CP-SAT's, in the units of the
    returned objective).  ``objective_upper``: a known attainable objective
    value (e.g. a heuristic schedule's); where the objective scales exactly to
    integers and the weights are non-negative, the model then keeps only
    solutions at least that good: the objective <= it, and each ``cap_r`` with
    ``w_r > 0`` <= ``lb_r + (objective_upper - LB) / w_r``, LB the simple lower
    bound of :func:`objective_lower_bound` (every other term is at least its
    part of LB), so no solution as good as ``objective_upper`` is cut off.
    Status OPTIMAL (proven) or FEASIBLE; ``bound`` is the best of
    CP-SAT's objective bound and sum_r w_r * peak_lower_bound_r (plus
    comm_weight * sum of the source latencies of the data edges).  If CP-SAT
    returns no solution within the time limit, InfeasibleError is raised (no
    silent fallback to another algorithm).  Large instances (tens of thousands
    of ops) are accepted but the model takes seconds to build and CP-SAT may
    not improve on the hint in the time limit.

    Reproducible as ``cpsat`` (:func:`.cpsat.cpsat_solver`): CP-SAT stops on
    ``work`` deterministic seconds (default ``CPSAT_DET_PER_SECOND *
    time_limit``); ``time_limit`` caps the whole call's wall time (hint and
    model building included); ``stats["ended_by"]`` says which ended it."""
    from ortools.sat.python import cp_model

    t0 = time.perf_counter()
    pm = _PeakModel(problem, weights, comm_weight)
    pm.take_hint(hint)
    t_hint = time.perf_counter() - t0
    pm.scale_weights(objective_upper)
    m = pm.build(objective_upper)
    t_build = time.perf_counter() - t0 - t_hint

    time_limit = 10.0 if time_limit is None else float(time_limit)
    det = CPSAT_DET_PER_SECOND * time_limit if work is None else float(work)
    # the wall clock left after the hint and the model (a little at least:
    # CP-SAT needs a moment to load the hint)
    solver = cpsat_solver(
        max(min(0.5, 0.25 * time_limit), time_limit - (time.perf_counter() - t0)), workers, seed, det
    )
    st = cancel.solve_cpsat(solver, m, _peak_callback(on_solution, pm.scale))
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise InfeasibleError(
            f"CP-SAT found no schedule within the time limit (status {solver.StatusName(st)})"
        )
    ended = _ended_by(st == cp_model.OPTIMAL, solver, det)
    start = np.fromiter((solver.Value(v) for v in pm.s), dtype=np.int64, count=pm.n)
    simple = objective_lower_bound(problem, pm.lb, pm.w, comm_weight)
    bound = solver.BestObjectiveBound() / pm.scale
    if simple is not None:
        bound = max(bound, simple)
    status = "OPTIMAL" if st == cp_model.OPTIMAL else "FEASIBLE"
    hint_sched = pm.hint_sched
    stats = {
        "lower_bound": {r.name: int(v) for r, v in zip(problem.resource_types, pm.lb)},
        "caps": {problem.resource_types[r].name: int(solver.Value(c)) for r, c in pm.caps.items()},
        "hint_objective": None if hint_sched is None else hint_sched.objective,
        "hint_source": None if hint_sched is None else ("given" if pm.given is not None else "list_bisect"),
        "hint_s": t_hint,
        "build_s": t_build,
        "solve_s": solver.WallTime(),
        "scale": pm.scale,
        "ended_by": ended,
        "work_budget": det,
        "work_used": solver.deterministic_time,
    }
    sched = tc_schedule(problem, start, "cpsat", status, pm.w, comm_weight, bound, stats)
    # the weights may have been rounded for CP-SAT: never report a bound above
    # the objective of the schedule itself
    sched.bound = min(sched.bound, sched.objective)
    return sched


__all__ = [
    "objective_lower_bound",
    "peak_lower_bound",
    "peaks_dict",
    "resource_lower_bounds",
    "resource_weights",
    "schedule_cpsat_peak",
    "schedule_list_bisect",
    "tc_frames",
    "tc_schedule",
    "used_resources",
]
