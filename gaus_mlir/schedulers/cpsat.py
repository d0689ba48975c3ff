"""Exact scheduling with OR-Tools CP-SAT (Problem, CyclicProblem,
SharedOperatorsProblem, ModuloProblem).

Model (as in the benchmarks' README, "Reference values (CP-SAT)"):

* integer start ``s_i`` in ``[ASAP_i, H - tail_i]`` with a safe horizon ``H``
  (``sum max(lat, blocking, 1)`` for acyclic problems, plus ``n*(II-1)`` for
  cyclic ones: removing idle steps, or idle windows of II steps, from any
  schedule keeps it feasible and does not delay the objective op);
* every dependence ``s_j + dist*II >= s_i + lat_i``;
* a limited resource with more demand than its limit: ``NoOverlap`` /
  ``Cumulative`` over the ops' blocking intervals; modulo problems split
  ``s_i = q_i*II + k_i`` and constrain the residues ``k_i``: a blocking time
  ``b = a*II + c`` occupies every residue ``a`` times (taken off the capacity)
  plus the residues ``[k, k+c)`` around the circle, modelled by the two
  intervals ``[k, k+c)`` and ``[k+II, k+II+c)`` (their usage on ``[II, 2II)`` is
  exactly the usage per residue, and is nowhere smaller than elsewhere);
* objective: the start of the objective op (``problem.last_op``), with the
  redundant bound ``s_last >= max(critical path, resource bound)`` (the joint
  head/tail form of the benchmarks' ``res_lb``, see :func:`gaus_mlir.model.bounds.resource_bound`).

A heuristic schedule (list scheduling, iterative modulo scheduling, a serial
or ASAP schedule, or a caller's ``hint``) is the incumbent: CP-SAT then searches
for a strictly better one (``s_last <= incumbent - 1``, hinted with the
incumbent), so "infeasible" proves the incumbent optimal.  That search runs in
two stages, half the remaining time with presolve (better at proofs) and the
rest without (better at following the hint on large instances).  Modulo
problems are solved lexicographically: II first, upward from MII (CP-SAT at
each II below the heuristic's, until 60 % of the time limit), then the
objective op at the best II.  When time runs out the incumbent is returned as
FEASIBLE.

Two opt-in keywords serve callers such as method ``hybrid`` (defaults leave
the behaviour above unchanged):

* ``on_solution(objective, ii, source)`` is called with the incumbent chosen
  from the heuristics and hint (``source`` = its name) and with every solution
  CP-SAT reports through a solution callback (``source="cpsat"``), so a caller
  can time each improvement;
* ``tighten=True`` also bounds the ops that do not reach the objective op
  (no zero-distance path to it) whenever an upper bound ``ub`` on the
  objective is in the model: ``s_i <= ub + M + R - span_i + (K+1)*(II-1)``
  with ``M`` the largest span, ``R``/``K`` the total span/number of those ops
  (``II = 0`` for acyclic problems; see :meth:`_Model.__init__` for the proof).
  The ops that do reach it are always bounded by ``ub - (longest path to the
  objective op)``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError, cancel
from ..model.bounds import critical_path, distance_to_last, mii, rec_mii, resource_bound
from ..model.graph import asap_times, forward_order, tails

_PHASE_A_SHARE = 0.6
# (presolve, share of the remaining time) per stage of the improvement search.
_IMPROVE_STAGES = ((True, 0.5), (False, 1.0))


# ------------------------------------------------------------------ helpers
def _resource_users(problem) -> dict[int, list[tuple[int, int]]]:
    """Limited resource -> [(op, multiplicity)]."""
    ops, res = problem.limited_uses()
    cnt = Counter(zip(res.tolist(), ops.tolist()))
    users: dict[int, list[tuple[int, int]]] = {}
    for (r, i), m in sorted(cnt.items()):
        users.setdefault(r, []).append((i, m))
    return users


def _span(a) -> np.ndarray:
    """Steps each op keeps something busy: max(lat, blocking, 1)."""
    return np.maximum(np.maximum(a.lat, a.blocking), 1)


def _valid(problem, start, ii=None) -> bool:
    if start is None:
        return False
    start = np.asarray(start)
    if start.shape != (problem.num_ops,):
        return False
    return not problem.violations(Schedule(start, ii=ii), limit=1)


def _as_candidate(problem, hint):
    """(start, ii) from a Schedule or an array, or None."""
    if hint is None:
        return None
    if isinstance(hint, Schedule):
        return np.asarray(hint.start, dtype=np.int64), hint.ii
    return np.asarray(hint, dtype=np.int64), None


def _serial_schedule(problem) -> np.ndarray:
    """Ops one after another in topological order, each starting when the
    previous one has finished and released its resources: always feasible
    (unless one op alone needs more units than a limit)."""
    a = problem.arrays
    span = _span(a)
    t = np.zeros(a.n, dtype=np.int64)
    now = 0
    for v in forward_order(problem):
        t[v] = now
        now += int(span[v])
    return t


def _list_heuristic(problem, stats):
    """A flat resource-feasible schedule from the list scheduler, if present."""
    try:
        from .list_scheduling import schedule_list
    except ImportError:
        return None
    try:
        s = schedule_list(problem)
    except Exception as e:  # a heuristic failing only costs the hint
        stats["heuristic_error"] = f"list: {e}"
        return None
    return np.asarray(s.start, dtype=np.int64)


def _ims_heuristic(problem, ii, stats):
    try:
        from .modulo import schedule_ims
    except ImportError:
        return None
    try:
        s = schedule_ims(problem, ii=ii)
    except Exception as e:
        stats["heuristic_error"] = f"ims: {e}"
        return None
    return np.asarray(s.start, dtype=np.int64), s.ii


def cpsat_solver(time_limit: float, workers: int, seed: int, det_time: float | None = None) -> object:
    """A CP-SAT solver, reproducible: one worker, or several interleaved
    (``interleave_search``: deterministic whatever their number), stopped by
    ``det_time`` deterministic seconds (the work budget) or, as a wall-clock
    cap, ``time_limit`` seconds, whichever comes first."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, float(time_limit))
    if det_time is not None:
        p.max_deterministic_time = max(1e-4, float(det_time))
    p.num_workers = max(1, int(workers))
    if p.num_workers > 1:
        p.interleave_search = True
    p.random_seed = int(seed)
    # Symmetry detection can take seconds on graphs of thousands of ops and
    # rarely pays off here.
    p.symmetry_detection_deterministic_time_limit = 0.1
    return solver


# --------------------------------------------------------------- the model
class _Model:
    """CP-SAT model of the problem at a fixed II (0 for acyclic problems)."""

    def __init__(self, problem, ii: int, lb: int, ub: int | None, hint=None, tighten: bool = False):
        from ortools.sat.python import cp_model

        self.cp_model = cp_model
        a = problem.arrays
        n = a.n
        self.problem = problem
        self.ii = ii
        self.infeasible = False
        m = self.m = cp_model.CpModel()
        span = _span(a)
        horizon = int(span.sum()) + (n * (ii - 1) if ii else 0)
        head = asap_times(problem, ii if ii else None)
        up = horizon - tails(problem)
        if ub is not None:  # s_i + (longest path to the objective op) <= s_last <= ub
            reach = distance_to_last(problem)
            up = np.where(reach >= 0, np.minimum(up, int(ub) - reach), up)
            far = reach < 0
            if tighten and far.any():
                # Ops that do not reach the objective op.  Take any schedule
                # with s_last = v <= ub at this II.  A step is idle when no op
                # is busy in it (op i is busy on [s_i, s_i + span_i)).  An idle
                # step after v (acyclic), or II consecutive idle steps after v
                # (cyclic), can be removed by moving every op that starts after
                # it earlier by 1 (by II): dependences into the moved part stay
                # met (their sources finished before the gap, and dist >= 0),
                # dependences out of it only gain slack, resource usage is
                # shifted as a whole (modulo problems: residues unchanged), and
                # the objective op (at v) does not move.  After removing all
                # such gaps, for a non-reaching op i the steps v+1 .. s_i-1 are
                # busy through ops starting <= v (at most M-1 steps), other
                # non-reaching ops (at most R - span_i steps; ops that reach
                # the objective op start <= v), or lie in at most K+1 idle gaps
                # of at most II-1 steps.  So some optimal schedule satisfies
                # this bound: it never cuts off the optimum value.
                k = int(far.sum())
                cap = int(ub) + int(span.max()) + int(span[far].sum()) - span + (k + 1) * max(int(ii) - 1, 0)
                up = np.where(far, np.minimum(up, cap), up)
        if (up < head).any():  # nothing within ub: infeasible
            self.infeasible = True
            up = np.maximum(up, head)
        self.up = up.tolist()
        self.s = [m.NewIntVar(int(head[i]), int(up[i]), f"s{i}") for i in range(n)]
        s = self.s
        lat = a.lat.tolist()
        for i, j, d in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
            if i == j:
                if lat[i] > d * ii:
                    self.infeasible = True
                continue
            if d:
                m.Add(s[j] + d * ii >= s[i] + lat[i])
            else:
                m.Add(s[j] >= s[i] + lat[i])
        users = _resource_users(problem)
        blk = a.blocking.tolist()
        self.k = {}
        for r, us in users.items():
            limit = int(a.limit[r])
            if any(mult > limit for _, mult in us):
                self.infeasible = True
                continue
            if ii:
                self._modulo_resource(us, limit, blk)
            else:
                if sum(mult for _, mult in us) <= limit:
                    continue
                iv = [m.NewFixedSizeIntervalVar(s[i], blk[i], f"r{r}_{i}") for i, _ in us]
                if limit == 1:
                    m.AddNoOverlap(iv)
                else:
                    m.AddCumulative(iv, [mult for _, mult in us], limit)
        last = problem.last_op
        self.last = s[last]
        m.Add(self.last >= int(lb))
        if ub is not None:
            m.Add(self.last <= int(ub))
        m.Minimize(self.last)
        if hint is not None:
            for i in range(n):
                m.AddHint(s[i], int(hint[i]))

    def _residue(self, i):
        if i not in self.k:
            ii, m = self.ii, self.m
            q = m.NewIntVar(0, max(0, self.up[i] // ii), f"q{i}")
            k = m.NewIntVar(0, ii - 1, f"k{i}")
            m.Add(self.s[i] == q * ii + k)
            self.k[i] = k
        return self.k[i]

    def _modulo_resource(self, us, limit, blk):
        ii, m = self.ii, self.m
        cap = limit
        wrapped = []
        for i, mult in us:
            full, part = divmod(blk[i], ii)
            cap -= full * mult
            if part:
                wrapped.append((i, mult, part))
        if cap < 0:
            self.infeasible = True
            return
        if sum(mult for _, mult, _ in wrapped) <= cap:
            return
        if cap == 0:
            self.infeasible = True
            return
        if all(part == 1 for _, _, part in wrapped):
            ks = [self._residue(i) for i, _, _ in wrapped]
            if cap == 1 and all(mult == 1 for _, mult, _ in wrapped):
                m.AddAllDifferent(ks)
            else:
                iv = [m.NewFixedSizeIntervalVar(k, 1, f"u{i}") for k, (i, _, _) in zip(ks, wrapped)]
                m.AddCumulative(iv, [mult for _, mult, _ in wrapped], cap)
            return
        iv, dem = [], []
        for i, mult, part in wrapped:
            k = self._residue(i)
            iv.append(m.NewFixedSizeIntervalVar(k, part, f"a{i}"))
            iv.append(m.NewFixedSizeIntervalVar(k + ii, part, f"b{i}"))
            dem += [mult, mult]
        if cap == 1 and all(d == 1 for d in dem):
            m.AddNoOverlap(iv)
        else:
            m.AddCumulative(iv, dem, cap)

    def solve(
        self, time_limit, workers, seed, presolve=True, on_solution=None, *, budget=None, det_time=None
    ):
        """(status name, start or None, objective bound) within ``det_time``
        deterministic seconds, charged to ``budget`` (a Budget whose
        deadline caps the wall time; default: ``time_limit`` seconds and
        ``CPSAT_DET_PER_SECOND * time_limit``).  ``on_solution``: called as
        ``on_solution(objective, ii or None, "cpsat")`` on every solution
        CP-SAT reports."""
        cp = self.cp_model
        if self.infeasible:
            return "INFEASIBLE", None, None
        if budget is None:
            from .budget import CPSAT_DET_PER_SECOND, Budget

            budget = Budget(time_limit, CPSAT_DET_PER_SECOND * float(time_limit))
        if det_time is None:
            det_time = budget.work_left()
        det_time = max(1e-4, min(det_time, budget.work_left()))
        wall = budget.seconds_left()
        if budget.work:  # a proportional share of the wall clock, with slack
            wall = min(wall, max(0.05, wall * min(1.0, 1.5 * det_time / max(1e-9, budget.work_left()))))
        solver = cpsat_solver(min(wall, 1e9), workers, seed, det_time)
        solver.parameters.cp_model_presolve = presolve
        callback = None
        if on_solution is not None:
            ii = self.ii or None

            class _Callback(cp.CpSolverSolutionCallback):
                def on_solution_callback(cb):
                    on_solution(int(round(cb.ObjectiveValue())), ii, "cpsat")

            callback = _Callback()
        st = cancel.solve_cpsat(solver, self.m, callback)
        name = solver.StatusName(st)
        budget.charge(solver.deterministic_time)
        if st not in (cp.OPTIMAL, cp.INFEASIBLE):  # a limit stopped it: which one
            if solver.deterministic_time < 0.99 * det_time or budget.out_of_time():
                budget.time_hit = True
            else:
                budget.work_hit = True
        start = None
        if st in (cp.OPTIMAL, cp.FEASIBLE):
            start = np.array([solver.Value(v) for v in self.s], dtype=np.int64)
        bound = solver.BestObjectiveBound() if st != cp.INFEASIBLE else None
        return name, start, bound


# ------------------------------------------------------------ the schedulers
def schedule_cpsat(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    ii: int | None = None,
    seed: int = 0,
    hint: Schedule | np.ndarray | Sequence[int] | None = None,
    on_solution: Callable[[float, int | None, str], object] | None = None,
    tighten: bool = False,
    work: float | None = None,
    ims: bool = True,
) -> Schedule:
    """Minimise the objective op's start (modulo problems: II first, then the
    objective op) with CP-SAT within ``time_limit`` seconds.

    ``ii`` fixes the II of a cyclic problem; ``hint`` is a Schedule or start
    array used as the incumbent when it is valid.  Returns status ``OPTIMAL``
    (proven; for modulo problems the II is proven minimal too) or ``FEASIBLE``
    and ``bound``, a proven lower bound on the objective op's start (at the
    returned II).  Raises InfeasibleError when no schedule is found in time or
    none exists.  ``on_solution`` and ``tighten``: see the module docstring.
    The latency bound of a time-constrained problem is not looked at: method
    ``cpsat`` runs :func:`.time_constrained.schedule_cpsat_peak` there.

    Reproducible: CP-SAT runs with one worker (``workers > 1``: interleaved
    search, also deterministic) and stops on ``work`` deterministic seconds
    (default ``CPSAT_DET_PER_SECOND * time_limit``, see :mod:`.budget`);
    ``time_limit`` is a wall-clock cap on the whole call.
    ``ims=False``: no IMS heuristic for a modulo problem with a valid
    ``hint`` (one that is already at least as good).
    ``stats["ended_by"]``: "converged" (proven optimal or infeasible),
    "work-budget", or "time-limit" (the cap stopped a search: the result may
    vary between runs).
    """
    if problem.chaining:
        raise UnsupportedProblemError(f"method 'cpsat' does not support a {problem.kind} (use lp)")
    from .budget import CPSAT_DET_PER_SECOND, Budget

    t0 = time.perf_counter()
    time_limit = 10.0 if time_limit is None else float(time_limit)
    deadline = Budget(time_limit, CPSAT_DET_PER_SECOND * time_limit if work is None else float(work))
    stats: dict = {"time_limit": time_limit, "workers": workers, "seed": seed, "work_budget": deadline.work}
    if problem.num_ops == 0:
        sched = Schedule(
            np.zeros(0, np.int64),
            ii=(ii or 1) if problem.cyclic else None,
            method="cpsat",
            status="OPTIMAL",
            objective=0,
            bound=0,
        )
        sched.stats.update(stats, wall_s=time.perf_counter() - t0)
        return sched
    kw = {"on_solution": on_solution, "tighten": tighten}
    if problem.cyclic:
        sched = _schedule_cyclic(problem, ii, hint, deadline, workers, seed, stats, ims=ims, **kw)
    else:
        sched = _schedule_acyclic(problem, hint, deadline, workers, seed, stats, **kw)
    sched.method = "cpsat"
    sched.stats.update(
        stats,
        wall_s=time.perf_counter() - t0,
        work_used=deadline.used,
        ended_by="converged" if sched.status == "OPTIMAL" else deadline.ended_by(),
    )
    return sched


def _better(problem, cand, best):
    """Whether candidate start ``cand`` has a smaller objective than ``best``."""
    last = problem.last_op
    return best is None or cand[last] < best[last]


def _check_demands(problem):
    """Raise InfeasibleError if one op alone needs more units than a limit."""
    a = problem.arrays
    for r, us in _resource_users(problem).items():
        for i, mult in us:
            if mult > a.limit[r]:
                raise InfeasibleError(
                    f"no schedule exists: operation {problem.op_label(i)} uses resource "
                    f"'@{problem.resource_types[r].name}' {mult} times, over its limit "
                    f"{int(a.limit[r])}"
                )


def _schedule_acyclic(problem, hint, deadline, workers, seed, stats, *, on_solution=None, tighten=False):
    last = problem.last_op
    _check_demands(problem)
    lb = max(critical_path(problem), resource_bound(problem))
    stats["lower_bound"] = lb
    best = None
    cands = []
    user = _as_candidate(problem, hint)
    if user is not None:
        cands.append(("hint", user[0]))
    if problem.shared:
        cands.append(("list", _list_heuristic(problem, stats)))
        cands.append(("serial", _serial_schedule(problem)))
    else:
        cands.append(("asap", asap_times(problem)))
    for name, c in cands:
        if _valid(problem, c) and _better(problem, c, best):
            best, stats["incumbent"] = c, name
    if best is not None:
        stats["heuristic_value"] = int(best[last])
        if on_solution is not None:
            on_solution(int(best[last]), None, stats["incumbent"])
        if best[last] <= lb:
            return Schedule(best, status="OPTIMAL", objective=int(best[last]), bound=lb)
    if best is None:  # cannot happen (the serial schedule is valid); be safe
        model = _Model(problem, 0, lb, None)
        status, start, bound = model.solve(None, workers, seed, budget=deadline, on_solution=on_solution)
        stats["solver_status"] = status
        if start is None:
            raise InfeasibleError(
                "no schedule exists" if status == "INFEASIBLE" else "no schedule found within the time limit"
            )
        if status == "OPTIMAL":
            return Schedule(start, status="OPTIMAL", objective=int(start[last]), bound=int(start[last]))
        best, lb = start, max(lb, int(np.ceil(bound - 1e-6)))
    best, proven, lb = _improve(
        problem, 0, lb, best, deadline, workers, seed, stats, on_solution=on_solution, tighten=tighten
    )
    obj = int(best[last])
    return Schedule(
        best, status="OPTIMAL" if proven else "FEASIBLE", objective=obj, bound=obj if proven else min(lb, obj)
    )


def _improve(problem, ii, lb, best, deadline, workers, seed, stats, *, on_solution=None, tighten=False):
    """Search for a schedule at ``ii`` strictly better than the incumbent
    ``best``: (best, proven optimal, lower bound).  Two stages: a quarter of the
    time without presolve, which follows the hint well on large instances, then
    the rest with presolve, which proves optimality better."""
    last = problem.last_op
    stages = []
    for presolve, share in _IMPROVE_STAGES:
        if int(best[last]) <= lb:
            return best, True, int(best[last])
        remaining = deadline.work_left()
        if remaining <= 1e-4 or deadline.out_of_time():
            deadline.work_hit = deadline.work_hit or remaining <= 1e-4
            break
        model = _Model(problem, ii, lb, int(best[last]) - 1, best, tighten=tighten)
        status, start, bound = model.solve(
            None, workers, seed, presolve, on_solution, budget=deadline, det_time=remaining * share
        )
        stages.append(status)
        stats["improve_status"] = stages
        if start is not None:
            best = start
            stats["incumbent"] = "cpsat"
            if status == "OPTIMAL":
                return best, True, int(best[last])
        elif status == "INFEASIBLE":
            return best, True, int(best[last])
        if bound is not None:
            lb = max(lb, min(int(np.ceil(bound - 1e-6)), int(best[last])))
    return best, int(best[last]) <= lb, lb


class _Incumbent:
    """The lexicographically smallest valid (II, objective op's start) met so
    far; only schedules at ``ii`` when it is fixed."""

    def __init__(self, problem, ii, stats):
        self.problem, self.ii, self.stats = problem, ii, stats
        self.best, self.best_ii = None, None

    def offer(self, name, start, cand_ii) -> None:
        if start is None or cand_ii is None or (self.ii is not None and cand_ii != self.ii):
            return
        if not _valid(self.problem, start, cand_ii):
            return
        best, best_ii, last = self.best, self.best_ii, self.problem.last_op
        if best is None or cand_ii < best_ii or (cand_ii == best_ii and start[last] < best[last]):
            self.best, self.best_ii = np.asarray(start, np.int64), int(cand_ii)
            self.stats["incumbent"] = name


def _cyclic_heuristics(problem, ii, lo, hint, inc: _Incumbent, stats, ims: bool) -> None:
    """Offer the hint, then ASAP (no shared resource) or IMS and flat schedules."""
    user = _as_candidate(problem, hint)
    if user is not None:
        inc.offer("hint", user[0], user[1])
    if not problem.shared:
        use = ii if ii is not None else lo
        inc.offer("asap", asap_times(problem, use), use)
        return
    # (a caller whose valid hint already beats IMS, e.g. hybrid, skips it)
    h = _ims_heuristic(problem, ii, stats) if ims or inc.best is None else None
    if h is not None:
        inc.offer("ims", *h)
    if inc.best is None and ii is None:
        # A flat schedule at II = its makespan: every residue then holds
        # at most one step of it, and every back edge is satisfied.
        span = _span(problem.arrays)
        for name, f in (("list", _list_heuristic(problem, stats)), ("serial", _serial_schedule(problem))):
            if f is not None:
                inc.offer(f"flat-{name}", f, max(1, int((f + span).max())))
            if inc.best is not None:
                break


def _smallest_ii(problem, ii, lo, res_lb, inc: _Incumbent, deadline, workers, seed, stats, on_solution):
    """Phase A: the smallest II, searching upward from MII.  Returns (II
    proven minimal, status of the objective op at the incumbent's II (or
    None), CP-SAT's bound there (or None))."""
    last = problem.last_op
    ii_proven = ii is not None or (inc.best is not None and inc.best_ii == lo)
    last_status = None  # status of the objective op at best_ii
    bound_at_best = None
    phase_a_end = deadline.used + _PHASE_A_SHARE * deadline.work_left()
    cur = lo
    proven_below = True
    tried = []
    while (inc.best is None or cur < inc.best_ii) and (ii is None or cur == ii):
        end = phase_a_end if inc.best is not None else deadline.work
        if end - deadline.used <= 1e-4 or deadline.out_of_time():
            deadline.work_hit = deadline.work_hit or end - deadline.used <= 1e-4
            break
        left = (inc.best_ii - cur) if inc.best is not None else 1
        slice_s = (end - deadline.used) / max(1, min(left, 3))
        lb = max(int(asap_times(problem, cur)[last]), res_lb)
        model = _Model(problem, cur, lb, None)
        status, start, bound = model.solve(
            None, workers, seed, on_solution=on_solution, budget=deadline, det_time=slice_s
        )
        tried.append((cur, status))
        if start is not None:
            inc.best, inc.best_ii = start, cur
            stats["incumbent"] = "cpsat"
            ii_proven = proven_below
            last_status = "OPTIMAL" if status == "OPTIMAL" else None
            bound_at_best = max(lb, int(np.ceil(bound - 1e-6)))
            break
        if status != "INFEASIBLE":
            proven_below = False
        cur += 1
    else:
        ii_proven = ii_proven or proven_below
    if inc.best is not None and inc.best_ii == lo:
        ii_proven = True
    stats["ii_tried"] = tried
    if inc.best is None:
        if ii is not None and tried and all(s == "INFEASIBLE" for _, s in tried):
            raise InfeasibleError(f"no schedule exists at II={ii}")
        raise InfeasibleError("no schedule found within the time limit")
    return ii_proven, last_status, bound_at_best


def _schedule_cyclic(
    problem, ii, hint, deadline, workers, seed, stats, *, on_solution=None, tighten=False, ims=True
):
    last = problem.last_op
    res_lb = resource_bound(problem)
    _check_demands(problem)
    if ii is not None:
        ii = int(ii)
        if ii < 1:
            raise InfeasibleError(f"initiation interval must be >= 1, got {ii}")
        if ii < rec_mii(problem):
            raise InfeasibleError(f"no schedule exists at II={ii}: a recurrence needs a larger II")
        lo = ii
    else:
        lo = mii(problem)
    stats["mii"] = lo if ii is None else mii(problem)

    inc = _Incumbent(problem, ii, stats)
    _cyclic_heuristics(problem, ii, lo, hint, inc, stats, ims)
    if inc.best is not None:
        stats["heuristic_ii"], stats["heuristic_value"] = inc.best_ii, int(inc.best[last])
        if on_solution is not None:
            on_solution(int(inc.best[last]), inc.best_ii, stats["incumbent"])
    ii_proven, last_status, bound_at_best = _smallest_ii(
        problem, ii, lo, res_lb, inc, deadline, workers, seed, stats, on_solution
    )
    best, best_ii = inc.best, inc.best_ii

    # Phase B: the objective op at best_ii, improving on the incumbent.
    lb = max(int(asap_times(problem, best_ii)[last]), res_lb)
    if bound_at_best is not None:
        lb = max(lb, bound_at_best)
    if last_status is None:
        best, proven, lb = _improve(
            problem,
            best_ii,
            lb,
            best,
            deadline,
            workers,
            seed,
            stats,
            on_solution=on_solution,
            tighten=tighten,
        )
        if proven:
            last_status = "OPTIMAL"
    obj = int(best[last])
    if last_status == "OPTIMAL":
        lb = obj
    stats["ii_status"] = "OPTIMAL" if ii_proven else "FEASIBLE"
    stats["last_status"] = last_status or "FEASIBLE"
    status = "OPTIMAL" if ii_proven and last_status == "OPTIMAL" else "FEASIBLE"
    return Schedule(best, ii=best_ii, status=status, objective=obj, bound=min(lb, obj))


__all__ = ["schedule_cpsat"]
