"""Method ``hybrid``: GauS's legalized schedule as the incumbent, hint and
domain bound of the exact CP-SAT model.

1. :func:`~.gaus.scheduler.schedule_gaus` runs first with ``gaus_time``
   seconds as its time limit (default a quarter of ``time_limit``; it bounds
   its relaxation and legalization, whose work budget it sets; ``iterations``
   caps the relaxation too) and returns a verified schedule G.
2. CP-SAT gets the rest of ``time_limit`` as its wall-clock cap and the
   deterministic time ``CPSAT_DET_PER_SECOND * (time_limit - gaus_time)``
   (at least a tenth of ``time_limit``'s) as its work budget, with G as
   ``hint``:

   * latency objective (Problem, CyclicProblem, SharedOperatorsProblem,
     ModuloProblem): :func:`~.cpsat.schedule_cpsat` takes G as its incumbent
     when no heuristic of its own is better, and searches for a strictly better
     schedule, hinted with G.  Cyclic problems keep cpsat's lexicographic
     semantics: II first, searched upward from MII below G's II, then the
     objective op at the best II, so G is the hint at G's II.
   * time-constrained problem (``latency_bound``, objective peak and optionally
     communication): :func:`~.time_constrained.schedule_cpsat_peak` is hinted
     with G instead of list-bisect (G is never worse: GauS scores list-bisect
     among its candidates).
3. The result is the better of CP-SAT's and G (``stats["source"]``), so it is
   never worse than GauS alone at the same seed.

Domain bounds, each sound (it never removes every optimal schedule):

* Latency objective, ops that reach the objective op.  With G's latency
  ``v_G`` as incumbent the search is for ``s_last <= v_G - 1``.  A dependence
  path of latency ``d_i`` (zero-distance edges only) from op i to the
  objective op forces ``s_last >= s_i + d_i`` in every schedule (at any II), so
  ``s_i <= v_G - 1 - d_i`` holds in every solution better than G; G itself
  stays the returned schedule if there is none.  (This is cpsat's model with an
  upper bound, see :class:`~.cpsat._Model`.)
* Latency objective, ops that do not reach it (``tighten=True`` of
  schedule_cpsat): ``s_i <= ub + M + R - span_i + (K+1)*(II-1)``: removing
  idle steps (cyclic: windows of II idle steps) after the objective op keeps a
  schedule valid and its objective unchanged, so some optimal schedule meets
  it (proof at the bound in :mod:`.cpsat`).  Both bounds apply only at the II
  the upper bound was found at: the II search below G's II has no latency bound
  (a smaller II may need a larger latency).
* Time-constrained problem: ``objective_upper = cost(G)``: the objective is
  at most cost(G) and each capacity ``cap_r <= lb_r + (cost(G) - LB) / w_r``
  where LB is the sum of the per-term lower bounds (the other terms are at
  least theirs), so no schedule as good as G is cut off.  The start frames
  stay [ASAP, ALAP(L)] (the peak objective bounds no start).

GauS's relaxed means ``mu`` are not used (they bound nothing).

Statistics (``Schedule.stats``): ``gaus_objective``, ``gaus_ii``, ``gaus_s``
(wall time of GauS), ``cpsat_objective``, ``cpsat_status``, ``cpsat_s``,
``bound`` and ``gap`` = (objective - bound) / objective, ``trajectory``: every
improving solution as ``{"t", "objective", "ii", "source"}`` (t in seconds
since the start of the call; sources ``gaus``, ``cpsat`` or a cpsat
heuristic), ``time_to_gaus_objective`` (the first t at which the result was at
least as good as G: GauS's own time) and ``cpsat_time_to_gaus_objective``
(when CP-SAT itself first reported a solution at least as good as G; None if
it never did, e.g. when G was optimal or proven so at once).
"""

from __future__ import annotations

import time

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ..model.objectives import parse_objective
from .checks import check_relax_numbers

_GAUS_SHARE = 0.25  # default share of time_limit for GauS's relaxation
_MIN_CPSAT_SHARE = 0.1  # CP-SAT gets at least this share of time_limit
_EPS = 1e-9
_BUILD_S = 2e-5  # seconds per op, dependence and use to build a CP-SAT model (about)


def _tc_objective(problem, objective):
    """(resource weights, comm weight) of a time-constrained objective string,
    the GauS scorer's sum P*peak + C*comm (formulation-a = peak + comm)."""
    terms = parse_objective(objective or "peak", "GauS objective", UnsupportedProblemError)
    if "latency" in terms:
        raise UnsupportedProblemError(
            "hybrid minimises peak usage (and communication) under latency-bound; "
            f"objective '{objective}' has a latency term"
        )
    p = terms.get("peak", 0.0) + terms.get("formulation-a", 0.0)
    c = terms.get("comm", 0.0) + terms.get("formulation-a", 0.0)
    return np.full(len(problem.resource_types), p), c


def _key(obj, ii):
    return (ii or 0, obj)


def _le(a, b):
    """Lexicographic a <= b with a tolerance on the (float) objective."""
    return a[0] < b[0] or (a[0] == b[0] and a[1] <= b[1] + _EPS)


class _Run:
    """What the parts of one hybrid call share: the objective (cost of a
    start vector), the statistics and the trajectory of improving solutions,
    which CP-SAT's solution callback extends (``record``)."""

    def __init__(self, problem, t0, tc, weights, comm_weight, stats):
        self.problem, self.t0, self.tc = problem, t0, tc
        self.weights, self.comm_weight = weights, comm_weight
        self.stats = stats
        self.traj: list[dict] = []
        self.best = None
        self.gaus_key = None
        self.cpsat_match = None

    def record(self, obj, sol_ii, source) -> None:
        now = time.perf_counter() - self.t0
        key = _key(obj, sol_ii)
        if (
            source == "cpsat"
            and self.cpsat_match is None
            and self.gaus_key is not None
            and _le(key, self.gaus_key)
        ):
            self.cpsat_match = now
        best = self.best
        if best is None or key[0] < best[0] or (key[0] == best[0] and key[1] < best[1] - _EPS):
            self.best = key
            self.traj.append({"t": now, "objective": obj, "ii": sol_ii, "source": source})

    def cost(self, start):
        if self.tc:
            from ..model.objectives import time_constrained_cost

            return time_constrained_cost(self.problem, start, self.weights, self.comm_weight)
        return int(start[self.problem.last_op])


def schedule_hybrid(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    device: str = "auto",
    iterations: int | None = None,
    ii: int | None = None,
    objective: str | None = None,
    gaus_time: float | None = None,
) -> Schedule:
    """GauS, then CP-SAT hinted and bounded by GauS's schedule (module
    docstring).  ``time_limit``: the whole budget in seconds: a wall-clock cap
    on the call, which also sets the deterministic work budgets of both parts,
    so that the output is reproducible unless ``stats["ended_by"]`` is
    "time-limit"; ``gaus_time``: GauS's time limit
    (default a quarter of ``time_limit``); ``iterations``, ``device``: GauS's;
    ``workers``: CP-SAT's; ``ii``: fixes the II of a cyclic problem;
    ``objective``: "latency" (default), or under a latency bound "peak"
    (default), "formulation-a" or a weighted sum of peak and comm.  Status
    OPTIMAL when CP-SAT proves the result optimal, else FEASIBLE."""
    t0 = time.perf_counter()
    if problem.chaining:
        raise UnsupportedProblemError(f"method 'hybrid' does not support a {problem.kind} (use lp)")
    from .budget import Budget

    check_relax_numbers(iterations, None, time_limit)
    time_limit = 10.0 if time_limit is None else float(time_limit)
    cap = Budget(time_limit)  # the wall-clock cap of the whole call
    tc = problem.latency_bound is not None
    weights = comm_weight = None
    if tc:
        weights, comm_weight = _tc_objective(problem, objective)
    elif objective not in (None, "latency"):
        raise UnsupportedProblemError(
            f"hybrid minimises latency (or, under latency-bound, peak usage); "
            f"objective '{objective}' needs method=gaus"
        )
    n = problem.num_ops
    if n == 0:
        return Schedule(
            np.zeros(0, np.int64),
            ii=(int(ii or 1) if problem.cyclic else None),
            method="hybrid",
            status="OPTIMAL",
            objective=0,
            bound=0,
            stats={"gap": 0.0, "trajectory": []},
        )
    run = _Run(
        problem, t0, tc, weights, comm_weight, {"time_limit": time_limit, "workers": workers, "seed": seed}
    )
    # 1. GauS
    gaus_budget = _GAUS_SHARE * time_limit if gaus_time is None else float(gaus_time)
    g = _run_gaus(
        run, cap, gaus_budget, device=device, iterations=iterations, seed=seed, objective=objective, ii=ii
    )
    g_obj = None
    if g is not None:
        g_obj = run.cost(g.start)
        run.gaus_key = _key(g_obj, g.ii)
        run.stats.update(
            gaus_objective=g_obj,
            gaus_ii=g.ii,
            gaus_chosen=g.stats.get("chosen"),
            gaus_iterations=g.stats.get("iterations"),
        )
        run.record(g_obj, g.ii, "gaus")
    # 2. CP-SAT hinted (and bounded) by G
    cp = _run_cpsat(run, cap, time_limit, gaus_budget, g, g_obj, workers=workers, seed=seed, ii=ii)
    # 3. the better of the two, never worse than G
    return _choose(run, g, g_obj, cp)


def _run_gaus(run: _Run, cap, gaus_budget: float, **options):
    """GauS's verified schedule G, or None (its error in the statistics)."""
    from .gaus.scheduler import schedule_gaus

    problem, stats = run.problem, run.stats
    g = None
    try:
        # GauS's work budget is its share; its wall-clock cap leaves CP-SAT
        # the rest of the deterministic share at least
        from .budget import WORK_PER_SECOND

        g = schedule_gaus(
            problem,
            device=options["device"],
            iterations=options["iterations"],
            time_limit=max(gaus_budget, (1 - _MIN_CPSAT_SHARE) * cap.seconds_left()),
            work=WORK_PER_SECOND * gaus_budget,
            seed=options["seed"],
            objective=options["objective"],
            ii=options["ii"],
        )
        if problem.violations(g, limit=1):  # never trust a hint blindly
            stats["gaus_error"] = str(problem.violations(g, limit=1)[0])
            g = None
    except InfeasibleError as e:  # e.g. no modulo schedule found: CP-SAT alone
        stats["gaus_error"] = str(e)
    t_gaus = time.perf_counter() - run.t0
    stats.update(gaus_s=t_gaus, gaus_time=gaus_budget)
    return g


def _run_cpsat(run: _Run, cap, time_limit: float, gaus_budget: float, g, g_obj, *, workers, seed, ii):
    """CP-SAT hinted (and bounded) by G: the wall clock left (a little at
    least) as cap, a deterministic share of time_limit as work budget.  None
    when it was skipped or (time-constrained, with G) found nothing."""
    from .budget import CPSAT_DET_PER_SECOND
    from .cpsat import schedule_cpsat
    from .time_constrained import schedule_cpsat_peak

    problem, stats = run.problem, run.stats
    cp_time = max(cap.seconds_left(), min(_MIN_CPSAT_SHARE * time_limit, 0.25))
    cp_work = CPSAT_DET_PER_SECOND * max(time_limit - gaus_budget, _MIN_CPSAT_SHARE * time_limit)
    stats["cpsat_time"] = cp_time
    stats["cpsat_work"] = cp_work
    cp = None
    t1 = time.perf_counter()
    # the wall clock is (nearly) spent and a model of this size takes longer
    # to build than what is left: G stands (reported as ended by time-limit)
    a = problem.arrays
    skip = (
        g is not None
        and cap.deadline is not None
        and cap.seconds_left() < _BUILD_S * (a.n + a.src.size + a.use_op.size)
    )
    if skip:
        cap.time_hit = True
        stats["cpsat_error"] = "skipped: the time limit was spent before CP-SAT"
    elif run.tc:
        stats["tightening"] = {"objective_upper": g_obj}
        try:
            cp = schedule_cpsat_peak(
                problem,
                time_limit=cp_time,
                workers=workers,
                seed=seed,
                work=cp_work,
                weights=run.weights,
                comm_weight=run.comm_weight,
                hint=g if g is not None else True,
                on_solution=run.record,
                objective_upper=g_obj,
            )
        except InfeasibleError as e:  # no solution in time: G stands
            if g is None:
                raise
            stats["cpsat_error"] = str(e)
    else:
        if g is not None:
            from ..model.bounds import distance_to_last

            reach = distance_to_last(problem)
            stats["tightening"] = {
                "latency_ub": int(g_obj) - 1,
                "reaching_ops": int((reach >= 0).sum()),
                "non_reaching_ops": int((reach < 0).sum()),
            }
        cp = schedule_cpsat(
            problem,
            time_limit=cp_time,
            workers=workers,
            ii=ii,
            seed=seed,
            hint=g,
            on_solution=run.record,
            tighten=True,
            work=cp_work,
            ims=g is None,
        )
    stats["cpsat_s"] = time.perf_counter() - t1
    if cp is not None:
        stats.update(
            cpsat_objective=run.cost(cp.start),
            cpsat_ii=cp.ii,
            cpsat_status=cp.status,
            cpsat_bound=cp.bound,
            cpsat_incumbent=cp.stats.get("incumbent"),
        )
        for k in ("ii_status", "last_status", "ii_tried", "improve_status"):
            if k in cp.stats:
                stats[f"cpsat_{k}"] = cp.stats[k]
    return cp


def _choose(run: _Run, g, g_obj, cp) -> Schedule:
    """The better of CP-SAT's schedule and G (G on ties), with its status,
    bound, gap and the call's statistics."""
    from .time_constrained import tc_schedule

    problem, stats, tc, traj = run.problem, run.stats, run.tc, run.traj
    use_cp = cp is not None and (g is None or _le(_key(run.cost(cp.start), cp.ii), _key(g_obj, g.ii)))
    chosen = cp if use_cp else g
    obj = run.cost(chosen.start)
    if use_cp:
        status, bound = cp.status, cp.bound
    else:
        status = "FEASIBLE"
        bound = cp.bound if cp is not None and cp.ii == g.ii else None
        if bound is None:
            bound = _fallback_bound(problem, g, run.weights if tc else None, run.comm_weight if tc else 0.0)
    if bound is not None:
        bound = min(bound, obj)
        if not tc:
            bound = int(bound)
        if obj <= bound + _EPS and not problem.cyclic:  # cyclic: the II is not proven
            status = "OPTIMAL"
    gap = None if bound is None else (0.0 if abs(obj) <= _EPS else (obj - bound) / obj)
    g_key = run.gaus_key
    first = next(
        (p["t"] for p in traj if g_key is not None and _le(_key(p["objective"], p["ii"]), g_key)), None
    )
    ends = [x.stats.get("ended_by") for x in (g, cp) if x is not None]
    if "time-limit" in ends or ("cpsat_error" in stats and "time limit" in stats["cpsat_error"]):
        ended = "time-limit"
    elif status == "OPTIMAL":
        ended = "converged"
    else:
        ended = "work-budget"
    stats.update(
        source="cpsat" if use_cp else "gaus",
        status=status,
        bound=bound,
        gap=gap,
        ended_by=ended,
        gaus_ended_by=g.stats.get("ended_by") if g else None,
        cpsat_ended_by=cp.stats.get("ended_by") if cp else None,
        trajectory=traj,
        time_to_gaus_objective=first,
        cpsat_time_to_gaus_objective=run.cpsat_match,
        wall_s=time.perf_counter() - run.t0,
    )
    if tc:
        sched = tc_schedule(
            problem, chosen.start, "hybrid", status, run.weights, run.comm_weight, bound, stats
        )
        sched.objective = obj
        return sched
    return Schedule(
        chosen.start, ii=chosen.ii, method="hybrid", status=status, objective=obj, bound=bound, stats=stats
    )


def _fallback_bound(problem, sched, weights, comm_weight):
    """A simple proven lower bound on the objective (at ``sched``'s II)."""
    from ..model.bounds import latency_lower_bound, resource_bound
    from ..model.graph import asap_times

    if problem.latency_bound is not None:
        from .time_constrained import objective_lower_bound, resource_lower_bounds, tc_frames

        asap, alap, _ = tc_frames(problem)
        lb = resource_lower_bounds(problem, asap, alap, weighted=True)
        return objective_lower_bound(problem, lb, weights, comm_weight)
    if problem.cyclic:
        try:
            head = int(asap_times(problem, sched.ii)[problem.last_op])
        except InfeasibleError:
            return None
        return max(head, resource_bound(problem))
    return latency_lower_bound(problem)


__all__ = ["schedule_hybrid"]


def schedule_hybrid_registers(
    problem: Problem,
    *,
    objective: str = "registers",
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    device: str = "auto",
    iterations: int | None = None,
    ii: int | None = None,
    gaus_time: float | None = None,
) -> Schedule:
    """``hybrid`` with a register objective: GauS (formulations B / C) for
    ``gaus_time`` seconds (default a quarter of ``time_limit``), then the exact
    CP-SAT register model hinted with GauS's schedule at its II for the rest;
    the better of the two (``stats["source"]``).  ``objective``: ``registers``
    or ``lifetimes`` (CP-SAT's model takes one of them alone)."""
    from .gaus.registers import schedule_gaus_registers
    from .registers_exact import schedule_cpsat_registers

    check_relax_numbers(iterations, None, time_limit)
    t0 = time.perf_counter()
    time_limit = float(time_limit)
    g_time = time_limit / 4.0 if gaus_time is None else min(float(gaus_time), time_limit)
    g = schedule_gaus_registers(
        problem,
        objective=objective,
        ii=ii,
        device=device,
        iterations=iterations,
        time_limit=g_time,
        seed=seed,
    )
    g_s = time.perf_counter() - t0
    left = max(0.1, time_limit - g_s)
    c = schedule_cpsat_registers(
        problem, objective=objective, ii=g.ii, time_limit=left, seed=seed, workers=workers, hint=g
    )
    best, source = (c, "cpsat") if c.objective < g.objective else (g, "gaus")
    out = Schedule(
        best.start,
        ii=best.ii,
        method="hybrid",
        status=c.status if source == "cpsat" or c.objective == g.objective else "FEASIBLE",
        objective=best.objective,
        bound=c.bound,
        stats=dict(best.stats),
    )
    out.stats.update(
        source=source,
        gaus_objective=g.objective,
        gaus_s=g_s,
        cpsat_objective=c.objective,
        cpsat_status=c.status,
        candidate=g.stats.get("candidate"),
        relaxation_won=g.stats.get("relaxation_won"),
    )
    return out
