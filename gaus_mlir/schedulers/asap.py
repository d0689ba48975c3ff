"""ASAP and ALAP: longest paths, resources ignored."""

from __future__ import annotations

from ..model import Problem, Schedule
from ..model.bounds import rec_mii
from ..model.graph import alap_times, asap_times


def _ii(problem, ii):
    if not problem.cyclic:
        return None
    return rec_mii(problem) if ii is None else int(ii)


def schedule_asap(problem: Problem, *, ii: int | None = None) -> Schedule:
    """Earliest start of every op; for cyclic problems at ``ii`` (default RecMII)."""
    use_ii = _ii(problem, ii)
    start = asap_times(problem, use_ii)
    if problem.latency_bound is not None:
        alap_times(problem, problem.latency_bound, use_ii)  # raises if infeasible
    sched = Schedule(start, ii=use_ii, method="asap")
    sched.objective = sched.latency(problem)
    return sched


def schedule_alap(problem: Problem, *, ii: int | None = None, latency_bound: int | None = None) -> Schedule:
    """Latest start of every op with every op finished by the latency bound
    (option, else the problem's, else the critical path)."""
    use_ii = _ii(problem, ii)
    bound = latency_bound if latency_bound is not None else problem.latency_bound
    if bound is None:
        a = problem.arrays
        asap = asap_times(problem, use_ii)
        bound = int((asap + a.lat).max()) if a.n else 0
    start = alap_times(problem, int(bound), use_ii)
    sched = Schedule(start, ii=use_ii, method="alap")
    sched.objective = sched.latency(problem)
    return sched
