"""Optimal LP scheduling (HiGHS) for resource-free problems: the role of CIRCT's
simplex schedulers (``SimplexScheduler``, ``CyclicSimplexScheduler``,
``ChainingSimplexScheduler``, ``ChainingCyclicSimplexScheduler``).

Every constraint is a difference constraint ``t_j - t_i >= lat_i - dist*II``
(plus ``+1`` for chain-breaking pairs), so the constraint matrix is totally
unimodular and the LP's vertex optimum is integral.  The objective is the
objective op's start plus the sum of all starts; the feasible set of a
difference system with ``t >= 0`` has a least element (the ASAP solution), which
minimises every start at once, so the optimum is unique and ASAP-like.

Cyclic problems use the given II or the smallest feasible one (RecMII, computed
on the graph including chain-breaking dependences).  Chaining problems follow
CIRCT's ChainingSimplexScheduler: with a cycle time, chain-breaking dependences
are computed first (:func:`gaus_mlir.model.chaining.chain_breaking_dependences`),
then the start times in cycle ``z`` are filled in ASAP.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError, VerificationError, copy_as
from ..model.bounds import rec_mii
from ..model.chaining import chain_breaking_dependences, start_times_in_cycle

_BANNER_SILENCED = False
# Doubles hold every integer below 2^53 exactly; the LP's start times must stay below.
FLOAT_EXACT = float(2**53)


def new_highs() -> object:
    """A silent HiGHS instance.  The first construction in a process prints a
    banner on the C-level stdout (which would corrupt MLIR written to stdout),
    so that one is made with fd 1 pointed at /dev/null."""
    global _BANNER_SILENCED
    import highspy

    if _BANNER_SILENCED:
        h = highspy.Highs()
    else:
        try:
            sys.stdout.flush()
            saved = os.dup(1)
        except (OSError, ValueError, AttributeError):
            saved = None
        if saved is None:
            h = highspy.Highs()
        else:
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, 1)
                h = highspy.Highs()
                try:
                    import ctypes

                    ctypes.CDLL(None).fflush(None)
                except Exception:  # pragma: no cover - platform without libc
                    pass
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(devnull)
        _BANNER_SILENCED = True
    h.setOptionValue("output_flag", False)
    return h


def _positive_cycle(n: int, src, dst, w) -> bool:
    """Whether the constraint graph ``t_dst >= t_src + w`` has a positive cycle
    (vectorised Bellman-Ford from a virtual source at 0)."""
    t = np.zeros(n, dtype=np.int64)
    for _ in range(n + 1):
        cand = t.copy()
        np.maximum.at(cand, dst, t[src] + w)
        if (cand == t).all():
            return False
        t = cand
    return True


def _min_ii(problem, extra: list[tuple[int, int]]) -> int:
    """Smallest II at which the precedences plus the chain-breaking pairs have a
    solution.  Without pairs this is RecMII."""
    lo = rec_mii(problem)
    if not extra:
        return lo
    a = problem.arrays
    ei = np.array([e[0] for e in extra], dtype=np.int64)
    ej = np.array([e[1] for e in extra], dtype=np.int64)
    src = np.concatenate([a.src, ei])
    dst = np.concatenate([a.dst, ej])
    lat = np.concatenate([a.lat[a.src], a.lat[ei] + 1])
    dist = np.concatenate([a.dist, np.zeros(ei.size, np.int64)])
    if not (dist > 0).any():
        return lo

    def ok(ii: int) -> bool:
        return not _positive_cycle(a.n, src, dst, lat - dist * ii)

    if ok(lo):
        return lo
    hi = max(lo + 1, int((a.lat + 1).sum()))  # a simple cycle weighs at most this
    while hi - lo > 1:  # lo infeasible, hi feasible
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _solve_lp(problem, ii: int, extra: list[tuple[int, int]]) -> np.ndarray | None:
    """Start times minimising ``t_last + sum t`` subject to the precedences at
    ``ii`` and the chain-breaking pairs; None if infeasible."""
    import highspy

    a = problem.arrays
    n = a.n
    ei = np.array([e[0] for e in extra], dtype=np.int64)
    ej = np.array([e[1] for e in extra], dtype=np.int64)
    src = np.concatenate([a.src, ei])
    dst = np.concatenate([a.dst, ej])
    rhs = np.concatenate([a.lat[a.src] - a.dist * ii, a.lat[ei] + 1]).astype(float)
    keep = src != dst  # self-loops: 0 >= lat - dist*II, checked below
    if (rhs[~keep] > 0).any():
        return None
    src, dst, rhs = src[keep], dst[keep], rhs[keep]
    m = src.size
    cost = np.ones(n)
    last = problem.last_op
    if last is not None:
        cost[last] += n
    h = new_highs()
    h.addCols(
        n,
        cost,
        np.zeros(n),
        np.full(n, highspy.kHighsInf),
        0,
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
        np.zeros(0),
    )
    if m:
        # Row e: t_dst - t_src >= rhs.
        starts = (2 * np.arange(m)).astype(np.int32)
        index = np.empty(2 * m, np.int32)
        index[0::2] = dst
        index[1::2] = src
        values = np.empty(2 * m)
        values[0::2] = 1.0
        values[1::2] = -1.0
        h.addRows(m, rhs, np.full(m, highspy.kHighsInf), 2 * m, starts, index, values)
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return None
        raise InfeasibleError(f"LP solver ended with status {h.modelStatusToString(status)}")
    x = np.asarray(h.getSolution().col_value, dtype=float)
    if x.size and not np.abs(x).max() < FLOAT_EXACT:
        raise UnsupportedProblemError(
            f"method 'lp' solves in double precision, exact only for start times below "
            f"2^53; '{problem.name}' needs start times up to about {x.max():.3g}: "
            "use method=asap or method=cpsat (exact integers)"
        )
    return np.rint(x).astype(np.int64)


def schedule_lp(problem: Problem, *, ii: int | None = None, cycle_time: float | None = None) -> Schedule:
    """Optimal resource-free schedule by linear programming (HiGHS).

    Problem, CyclicProblem, ChainingProblem, ChainingCyclicProblem.  ``ii``: the
    II of a cyclic problem (default: the smallest feasible one).  ``cycle_time``:
    the cycle time of a chaining problem (default: ``problem.cycle_time``; with
    neither, ops chain without limit and only ``z`` is computed).  The pass layer
    sets ``problem.cycle_time`` from its ``cycle-time`` option before calling
    this, so ``problem.verify`` checks it; when only this option is given, the
    result is verified here against a copy of the problem with that cycle time.
    """
    t0 = time.perf_counter()
    if problem.shared:
        raise UnsupportedProblemError(
            f"method 'lp' does not support a {problem.kind}: the LP has no resource constraints"
        )
    if problem.latency_bound is not None:
        raise UnsupportedProblemError(
            "method 'lp' does not support the time-constrained problem (latency-bound)"
        )
    if cycle_time is not None and not problem.chaining:
        raise UnsupportedProblemError(f"cycle-time applies to chaining problems, not to a {problem.kind}")
    ct = cycle_time if cycle_time is not None else problem.cycle_time
    extra: list[tuple[int, int]] = []
    if problem.chaining and ct is not None:
        extra = chain_breaking_dependences(problem, float(ct))
    use_ii = None
    if problem.cyclic:  # ``ii`` is ignored for acyclic problems, as in asap
        if ii is not None:
            use_ii = int(ii)
            if use_ii < 1:
                raise InfeasibleError(f"initiation interval must be >= 1, got {use_ii}")
        else:
            use_ii = _min_ii(problem, extra)
    n = problem.num_ops
    if n == 0:
        start = np.zeros(0, np.int64)
    else:
        start = _solve_lp(problem, use_ii or 0, extra)
        if start is None:
            raise InfeasibleError(
                f"no schedule exists at II={use_ii}: a recurrence needs a larger II"
                if problem.cyclic
                else "the LP is infeasible"
            )
    z = start_times_in_cycle(problem, start, use_ii) if problem.chaining else None
    sched = Schedule(start, ii=use_ii, z=z, method="lp", status="OPTIMAL")
    sched.objective = sched.latency(problem)
    sched.bound = sched.objective
    sched.stats.update(chain_breaks=len(extra), wall_s=time.perf_counter() - t0)
    if problem.chaining and ct is not None and ct != problem.cycle_time:
        check = copy_as(problem, type(problem))
        check.cycle_time = float(ct)
        errs = check.violations(sched, limit=1)
        if errs:
            raise VerificationError("lp produced an invalid schedule: " + errs[0].message, errs[0].subject)
    return sched
