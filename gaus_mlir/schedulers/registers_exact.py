"""Exact register schedulers: the reference values the heuristics (``sms``,
``lower_registers``) are measured against.

* :func:`schedule_lp_lifetimes`: SDC (J. Cong, Z. Zhang, "An efficient and
  versatile scheduling algorithm based on SDC formulation", DAC 2006) that
  minimises the total bits x lifetime.  Variables: start ``t_i`` and, per
  value ``v`` of op ``i``, its death ``d_v >= t_j + dist_ij * II`` for every
  data consumer ``j`` and ``d_v >= t_i + lat_i``; objective
  ``sum b_v (d_v - t_i - lat_i)``.  Every constraint is a difference
  constraint, so the matrix is totally unimodular and HiGHS's vertex optimum
  is integral: exact, in polynomial time, for problems whose resource limits
  do not apply (none, or a latency bound without ``keep_limits``).
* :func:`schedule_cpsat_registers`: CP-SAT models with resource limits, for
  the peak live bits (acyclic: each value is an interval ``[birth, death)`` of
  demand ``bits`` in a cumulative whose capacity ``P`` is minimised; modulo:
  the lifetime ``L = q*II + r`` occupies ``q`` registers in every class plus
  the classes ``[c, c + r)`` around the circle from its birth class ``c``,
  i.e. MaxLive) or for the lifetimes.  Acyclic problems need a latency bound
  (the horizon); modulo problems are solved at the given II or the one SMS
  finds, with every op finishing within a horizon (default: the hint's
  makespan + II; ``stats["horizon"]``), so OPTIMAL is optimal within it.
  SMS's schedule is the hint and the fallback: the result is always legal.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError, cancel
from ..model.bounds import rec_mii
from ..model.objectives import register_weights
from ..model.registers import compact_span, register_usage, value_table
from .budget import CPSAT_DET_PER_SECOND
from .lp import new_highs

MAX_MODEL = 60_000  # ops + values + dependences beyond which CP-SAT is not tried


def limits_apply(problem: Problem) -> bool:
    """Whether ``verify`` checks resource limits that some op uses."""
    if not problem.shared or problem.limited_uses()[0].size == 0:
        return False
    return problem.latency_bound is None or bool(problem.keep_limits)


def _rows(problem, ii: int):
    """Difference rows ``x[a] - x[b] >= c`` over t (0..n-1) and deaths (n..n+k-1)."""
    a = problem.arrays
    n = a.n
    vt = value_table(problem)
    lat = a.lat
    keep = a.src != a.dst
    if (lat[a.src[~keep]] > a.dist[~keep] * ii).any():
        raise InfeasibleError(f"no schedule exists at II={ii}: a self-loop needs a larger II")
    k = vt.op.size
    pos = np.concatenate([a.dst[keep], n + vt.con_val, n + np.arange(k)])
    neg = np.concatenate([a.src[keep], vt.con_op, vt.op])
    rhs = np.concatenate([lat[a.src[keep]] - a.dist[keep] * ii, vt.con_dist * ii, lat[vt.op]])
    return vt, pos, neg, rhs.astype(float)


def schedule_lp_lifetimes(
    problem: Problem,
    time_limit: float | None = None,
    *,
    ii: int | None = None,
    objective: str = "lifetimes",
) -> Schedule:
    """Start times minimising the total bits x lifetime (exact, see the module
    docstring); cyclic problems at ``ii`` or RecMII; a latency bound is a
    constraint.  UnsupportedProblemError where resource limits apply, and for
    any ``objective`` but ``lifetimes`` (the register peak is not an LP)."""
    import highspy

    if objective.replace(" ", "") != "lifetimes":
        raise UnsupportedProblemError(
            f"method 'lp' minimises objective=lifetimes alone, not '{objective}' "
            "(the register peak needs cpsat, gaus, hybrid or sms)"
        )
    if problem.chaining:
        raise UnsupportedProblemError(f"lifetimes LP does not support a {problem.kind}")
    if limits_apply(problem):
        raise UnsupportedProblemError(
            f"lifetimes LP does not support a {problem.kind} whose resource limits apply "
            "(use method cpsat, gaus, hybrid or sms)"
        )
    t0 = time.perf_counter()
    a = problem.arrays
    n = a.n
    use_ii = None
    if problem.cyclic:
        low = rec_mii(problem)
        use_ii = low if ii is None else int(ii)
        if use_ii < low:
            raise InfeasibleError(f"no schedule exists at II={use_ii}: below RecMII {low}")
    vt, pos, neg, rhs = _rows(problem, use_ii or 0)
    k = vt.op.size
    bits = vt.bits.astype(float)
    cost = np.concatenate([-np.bincount(vt.op, weights=bits, minlength=n), bits])
    upper = np.full(n + k, highspy.kHighsInf)
    if problem.latency_bound is not None:
        upper[:n] = problem.latency_bound - a.lat
        if (upper[:n] < 0).any():
            raise InfeasibleError(f"an operation is longer than the latency bound {problem.latency_bound}")
    lower = np.concatenate([np.zeros(n), np.full(k, -highspy.kHighsInf)])
    h = new_highs()
    h.addCols(n + k, cost, lower, upper, 0, np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0))
    m = pos.size
    if m:
        index = np.empty(2 * m, np.int32)
        index[0::2], index[1::2] = pos, neg
        values = np.tile([1.0, -1.0], m)
        starts = (2 * np.arange(m)).astype(np.int32)
        h.addRows(m, rhs, np.full(m, highspy.kHighsInf), 2 * m, starts, index, values)
    if time_limit is not None:  # callers that use the LP as one candidate among others (GauS)
        h.setOptionValue("time_limit", max(0.01, float(time_limit)))
    h.run()
    status = h.getModelStatus()
    if n + k == 0:
        x = np.zeros(0, np.int64)
    elif status != highspy.HighsModelStatus.kOptimal:
        raise InfeasibleError(
            f"lifetimes LP of '{problem.name}' ended with status {h.modelStatusToString(status)}"
        )
    else:
        x = np.rint(np.asarray(h.getSolution().col_value[:n], dtype=float)).astype(np.int64)
    if problem.latency_bound is None and n:
        x -= x.min()  # lifetimes do not change under a uniform shift
    sched = Schedule(x, ii=use_ii, method="lp-lifetimes", status="OPTIMAL")
    u = register_usage(problem, sched) if n else None
    sched.objective = sched.bound = u.total if u else 0
    sched.stats.update(
        registers=u.peak if u else 0,
        lifetimes=sched.objective,
        latency=sched.latency(problem),
        wall_s=time.perf_counter() - t0,
    )
    return sched


# ------------------------------------------------------------------ CP-SAT
class _RegModel:
    """CP-SAT model at a fixed II (0: acyclic) with every op finishing by ``horizon``."""

    def __init__(self, problem, ii: int, horizon: int, objective: str):
        from ortools.sat.python import cp_model

        a = problem.arrays
        self.m = m = cp_model.CpModel()
        self.ii, self.horizon, self.infeasible = ii, horizon, False
        lat = a.lat.tolist()
        if any(x > horizon for x in lat):
            self.infeasible = True
        self.s = [m.NewIntVar(0, max(0, horizon - x), f"s{i}") for i, x in enumerate(lat)]
        s = self.s
        for i, j, d in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
            if i == j:
                self.infeasible |= lat[i] > d * ii
            else:
                m.Add(s[j] + d * ii >= s[i] + lat[i])
        self._resources(problem)
        vt = value_table(problem)
        dmax = int(vt.con_dist.max()) if vt.con_dist.size else 0
        top = horizon + dmax * ii
        self.birth = [m.NewIntVar(0, horizon, f"b{v}") for v in range(vt.op.size)]
        self.death = [m.NewIntVar(0, top, f"e{v}") for v in range(vt.op.size)]
        for v, op in enumerate(vt.op.tolist()):
            m.Add(self.birth[v] == s[op] + lat[op])
            m.Add(self.death[v] >= self.birth[v])
        for v, j, d in zip(vt.con_val.tolist(), vt.con_op.tolist(), vt.con_dist.tolist()):
            m.Add(self.death[v] >= s[j] + d * ii)
        bits = vt.bits.tolist()
        if objective == "lifetimes":
            cost = sum(b * (e - x) for b, e, x in zip(bits, self.death, self.birth))
            most = sum(bits) * (top + 1)
        else:
            most = sum(bits) * (1 + top // max(ii, 1))
            self.peak = m.NewIntVar(0, most, "peak")
            (self._modulo_peak if ii else self._peak)(bits, top)
            cost = self.peak
        # the objective, then the latency (the end of the last op) breaks ties,
        # as one integer objective where it cannot overflow
        self.scale = horizon + 1 if most * (horizon + 1) + horizon < 2**62 else 1
        if self.scale > 1:
            span = m.NewIntVar(0, horizon, "span")
            for i, x in enumerate(lat):
                m.Add(span >= s[i] + x)
            m.Minimize(cost * self.scale + span)
        else:
            m.Minimize(cost)

    def cost_bound(self, solver_bound: float) -> int:
        """A lower bound on the register objective from the solver's bound on
        ``cost * scale + span`` (span <= horizon)."""
        if self.scale == 1:
            return int(np.ceil(solver_bound - 1e-6))
        return max(0, int(np.ceil((solver_bound - self.horizon) / self.scale - 1e-9)))

    def _peak(self, bits: list[int], top: int) -> None:
        m = self.m
        iv, dem = [], []
        for v, b in enumerate(bits):
            if b:
                size = m.NewIntVar(0, top, f"len{v}")
                iv.append(m.NewIntervalVar(self.birth[v], size, self.death[v], f"live{v}"))
                dem.append(b)
        if iv:
            m.AddCumulative(iv, dem, self.peak)

    def _modulo_peak(self, bits: list[int], top: int) -> None:
        """MaxLive: full turns q_v in every class, the rest [c_v, c_v + r_v) on
        the circle, modelled by [c, c + r) and [c + II, c + II + r) whose usage
        on [II, 2 II) is exactly the usage per class (and nowhere larger)."""
        m, ii = self.m, self.ii
        iv, dem, full = [], [], []
        for v, b in enumerate(bits):
            if not b:
                continue
            q, r = m.NewIntVar(0, top // ii, f"q{v}"), m.NewIntVar(0, ii - 1, f"r{v}")
            k, c = m.NewIntVar(0, top // ii, f"k{v}"), m.NewIntVar(0, ii - 1, f"c{v}")
            m.Add(self.death[v] - self.birth[v] == q * ii + r)
            m.Add(self.birth[v] == k * ii + c)
            end = m.NewIntVar(0, 2 * ii, f"x{v}")
            m.Add(end == c + r)
            iv.append(m.NewIntervalVar(c, r, end, f"a{v}"))
            iv.append(m.NewIntervalVar(c + ii, r, end + ii, f"w{v}"))
            dem += [b, b]
            full.append(b * q)
        cap = m.NewIntVar(0, sum(bits), "partial")
        m.Add(self.peak == cap + sum(full))
        if iv:
            m.AddCumulative(iv, dem, cap)

    def _resources(self, problem) -> None:
        if not limits_apply(problem):
            return
        a, m, ii, s = problem.arrays, self.m, self.ii, self.s
        ops, res = problem.limited_uses()
        blk = a.blocking.tolist()
        for r in np.unique(res).tolist():
            users = ops[res == r].tolist()
            cap, iv = int(a.limit[r]), []
            for i in users:
                if not ii:
                    iv.append(m.NewFixedSizeIntervalVar(s[i], blk[i], f"u{r}_{i}"))
                    continue
                turns, part = divmod(blk[i], ii)
                cap -= turns
                if part:
                    q, k = m.NewIntVar(0, self.horizon // ii, ""), m.NewIntVar(0, ii - 1, "")
                    m.Add(s[i] == q * ii + k)
                    iv.append(m.NewFixedSizeIntervalVar(k, part, ""))
                    iv.append(m.NewFixedSizeIntervalVar(k + ii, part, ""))
            if cap < 0 or (cap == 0 and iv):
                self.infeasible = True
            elif len(iv) > cap:
                m.AddCumulative(iv, [1] * len(iv), cap)

    def hint(self, start: np.ndarray) -> None:
        for v, x in zip(self.s, start.tolist()):
            self.m.AddHint(v, int(x))


def _value(problem, start, ii, objective: str) -> int:
    u = register_usage(problem, np.asarray(start, dtype=np.int64), ii)
    return u.peak if objective == "registers" else u.total


def _solve(model: _RegModel, time_limit: float, seed: int, workers: int | None):
    """(status name, start or None, bound) within ``time_limit`` seconds and
    ``CPSAT_DET_PER_SECOND * time_limit`` deterministic seconds."""
    from ortools.sat.python import cp_model

    if model.infeasible:
        return "INFEASIBLE", None, None
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, float(time_limit))
    p.max_deterministic_time = max(1e-3, CPSAT_DET_PER_SECOND * float(time_limit))
    p.num_workers = max(1, int(workers or 1))
    if p.num_workers > 1:
        p.interleave_search = True
    p.random_seed = int(seed)
    st = cancel.solve_cpsat(solver, model.m)
    start = None
    if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        start = np.array([solver.Value(v) for v in model.s], dtype=np.int64)
    bound = None if st == cp_model.INFEASIBLE else solver.BestObjectiveBound()
    return solver.StatusName(st), start, bound


def _legal_given(problem, given, ii: int | None) -> Schedule | None:
    """``given`` (a Schedule or start times) where it is legal at ``ii`` (its
    own II when None), else None."""
    if given is None:
        return None
    if problem.cyclic and ii is None:
        ii = getattr(given, "ii", None)
        if ii is None:
            return None
    start = np.asarray(given.start if isinstance(given, Schedule) else given, dtype=np.int64)
    s = Schedule(start, ii=ii if problem.cyclic else None)
    if start.shape != (problem.num_ops,) or problem.violations(s, limit=1):
        return None
    return s


def schedule_cpsat_registers(
    problem: Problem,
    *,
    objective: str = "registers",
    ii: int | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int | None = None,
    horizon: int | None = None,
    hint: Schedule | np.ndarray | None = None,
) -> Schedule:
    """Minimise the peak live bits ("registers", MaxLive for modulo schedules)
    or the total bits x lifetime ("lifetimes") exactly with CP-SAT, under the
    resource limits, the latency bound (acyclic: required, it is the horizon)
    or at ``ii`` (cyclic; default: SMS's II) within ``horizon`` (cyclic;
    default: SMS's makespan + II).  SMS's schedule is the hint and the
    fallback; a legal ``hint`` (e.g. GauS's schedule) replaces it, and its II
    is the one searched when ``ii`` is not given.  ``Schedule.objective`` is the value, ``bound`` a proven lower
    bound (within the horizon), ``status`` OPTIMAL or FEASIBLE."""
    from .sms import schedule_sms

    terms = register_weights(objective, "register CP-SAT: objective", UnsupportedProblemError, ("latency",))
    chosen = [t for t in ("registers", "lifetimes") if terms.get(t, 0.0) > 0]
    if len(chosen) != 1:
        raise UnsupportedProblemError(
            f"register CP-SAT minimises registers or lifetimes (the latency breaks ties), not '{objective}'"
        )
    objective = chosen[0]
    if problem.chaining or (problem.cyclic and problem.latency_bound is not None):
        raise UnsupportedProblemError(f"register CP-SAT does not support a {problem.kind} of this shape")
    if not problem.cyclic and problem.latency_bound is None:
        raise UnsupportedProblemError("register CP-SAT needs a latency bound on an acyclic problem")
    t0 = time.perf_counter()
    hint, from_given = _legal_given(problem, hint, ii), True
    if hint is None:  # no legal hint given (hybrid gives GauS's, which already weighed SMS's)
        from_given = False
        try:
            hint = schedule_sms(problem, ii=ii, objective=objective, time_limit=0.2 * float(time_limit))
        except InfeasibleError:  # acyclic: the heuristics miss the bound; the model may not
            if problem.cyclic:
                raise
    use_ii = hint.ii if problem.cyclic else None
    a = problem.arrays
    if problem.cyclic:
        horizon = int(horizon) if horizon is not None else hint.makespan(problem) + use_ii
    else:
        horizon = min(int(problem.latency_bound), compact_span(problem))  # exact: see compact_span
    best, best_val = (
        (None, math.inf) if hint is None else (hint.start, _value(problem, hint.start, use_ii, objective))
    )
    stats = {
        "objective": objective,
        "hint_value": best_val,
        "horizon": horizon,
        "incumbent": "none" if hint is None else "hint" if from_given else "sms",
    }
    if problem.cyclic:
        stats["ii_from"] = "given" if ii is not None else "hint" if from_given else "sms"
    status, bound = "FEASIBLE", 0
    size = a.n + int(a.value_bits.size) + int(a.src.size)
    top = horizon + int(a.dist.max(initial=0)) * (use_ii or 0) + int(a.lat.max(initial=0))
    if size > MAX_MODEL:
        stats["model"] = f"too large ({size} ops + values + dependences > {MAX_MODEL}): the hint is returned"
    elif (int(a.value_bits.astype(object).sum()) + 1) * (top + 1) >= 2**62:
        stats["model"] = "numbers beyond CP-SAT's 62-bit domains: the hint is returned"
    elif a.n:
        model = _RegModel(problem, use_ii or 0, horizon, objective)
        if hint is not None and hint.makespan(problem) <= horizon:
            model.hint(hint.start)
        left = max(0.05, float(time_limit) - (time.perf_counter() - t0))
        name, start, sbound = _solve(model, left, seed, workers)
        stats["solver_status"] = name
        if start is not None and not problem.violations(Schedule(start, ii=use_ii), limit=1):
            val = _value(problem, start, use_ii, objective)
            if val <= best_val:
                best, best_val, stats["incumbent"] = start, val, "cpsat"
        if name == "OPTIMAL" and stats["incumbent"] == "cpsat":
            status, bound = "OPTIMAL", best_val
        elif name == "INFEASIBLE":  # only when the hint lies beyond a given horizon
            stats["note"] = "no schedule within the horizon: the hint is returned"
        elif sbound is not None:
            bound = min(best_val, model.cost_bound(sbound))
    else:
        status = "OPTIMAL"
    if best is None:
        raise InfeasibleError(
            f"no schedule of '{problem.name}' within latency bound {problem.latency_bound} found under its "
            f"resource limits (SMS missed it; CP-SAT: {stats.get('solver_status') or stats.get('model')})"
        )
    sched = Schedule(
        best, ii=use_ii, method="cpsat-registers", status=status, objective=best_val, bound=bound
    )
    u = register_usage(problem, sched) if a.n else None
    stats.update(registers=u.peak if u else 0, lifetimes=u.total if u else 0, latency=sched.latency(problem))
    sched.stats = stats
    return sched


__all__ = ["limits_apply", "schedule_cpsat_registers", "schedule_lp_lifetimes"]
