"""``method=circt``: CIRCT's own linear pipeline scheduler as a baseline.

The problem becomes a synthetic ``pipeline.unscheduled`` (one ``comb.add`` of
``i1`` values per op, whose operands are the results of its predecessors, so
every dependence, auxiliary ones included, is an SSA edge; an op without
predecessors reads the pipeline's input), with an ``ssp.library`` holding one
operator type per latency.  CIRCT's ``pipeline-schedule-linear`` runs on it in
the child process (:func:`gaus_mlir.circt.run_circt`) and the stage of each op
is read back as its start time.

What CIRCT minimises: ``scheduleSimplex(problem, returnOp)`` minimises the start
of the pipeline's ``pipeline.return``, after which every op without users must
finish (``ScheduleLinearPipeline.cpp`` adds those auxiliary edges).  When the
problem's objective op has no successors it *is* that return (its
predecessors are the return's operands), so CIRCT minimises its start, the
latency, under the extra condition that every other sink has finished by then:
the optimum is ``max(ASAP(last), ASAP(s) + lat(s) for the other sinks s)``,
the critical path when the objective op ends it (e.g. the only sink).  An
objective op with successors is an ordinary op and CIRCT minimises the
makespan ``max(t_i + lat_i)`` (= the critical path length).  Ops off the
critical path start anywhere in their slack (a simplex vertex).  A problem
read from CIRCT input is handed over as CIRCT builds it (the same ops, operand
order and edges), so the stages are those of ``pipeline-schedule-linear``.

Not expressible in ``pipeline-schedule-linear``: cyclic / modulo problems
(straight-line pipelines only), resource limits, combinational delays
(chaining), latency bounds (time-constrained); latencies whose sums leave
CIRCT's 32-bit simplex tableau; problems whose dense tableau would not fit in
memory.  Each is an :class:`UnsupportedProblemError` saying why.
"""

from __future__ import annotations

import numpy as np

from ..circt import CirctError, CirctMissing, circt_available, hardware_missing_message, run_circt
from ..model import Problem, Schedule, SchedulingError, UnsupportedProblemError
from ..model.bounds import critical_path
from ..model.graph import asap_times, forward_order

PIPELINE = "builtin.module(any(pipeline-schedule-linear))"
# CIRCT's simplex tableau holds `int`s: every start time must stay below this
INT32_MAX = 2**31 - 1
# dense tableau entries ((deps + sinks + 1) x (ops + 3) ints) refused beyond this (2 GiB)
TABLEAU_MAX = 2**29


def circt_kinds(problem: Problem) -> str | None:
    """None if ``pipeline-schedule-linear`` can express ``problem``, else why not."""
    if problem.chaining:
        return f"a {problem.kind}: CIRCT's linear pipeline scheduler has no combinational delays (use lp)"
    if problem.cyclic:
        return (
            f"a {problem.kind}: pipeline-schedule-linear schedules straight-line (acyclic) pipelines; "
            "loop-carried dependences and an II need ims, sms, cpsat or lp"
        )
    if problem.latency_bound is not None:
        return "the time-constrained problem (latency-bound): CIRCT's linear scheduler minimises latency only"
    if problem.shared and problem.limited_uses()[0].size:
        return (
            f"a {problem.kind} whose resource limits apply: pipeline-schedule-linear has no resource "
            "constraints (use list, cpsat or gaus)"
        )
    return None


def _check_size(problem: Problem) -> None:
    a = problem.arrays
    length = int((asap_times(problem) + a.lat).max()) if a.n else 0
    if length > INT32_MAX or (a.lat > INT32_MAX).any():
        raise UnsupportedProblemError(
            f"a critical path of {length} steps: CIRCT's simplex tableau holds 32-bit integers "
            f"(at most {INT32_MAX})"
        )
    entries = (a.src.size + a.n + 1) * (a.n + 3)
    if entries > TABLEAU_MAX:
        raise UnsupportedProblemError(
            f"{a.n} ops and {a.src.size} dependences: CIRCT's dense simplex tableau would hold "
            f"{entries:.3g} entries (at most {TABLEAU_MAX:.3g} accepted)"
        )


def objective_sink(problem: Problem) -> int | None:
    """The objective op if it has no successors (it becomes CIRCT's
    ``pipeline.return``), else None."""
    last = problem.last_op
    a = problem.arrays
    return None if last is None or (a.src == last).any() else last


def _order(problem: Problem) -> list[int]:
    """The ops in their own order when it is topological (as CIRCT sees a
    block), else in a topological order."""
    a = problem.arrays
    return list(range(a.n)) if (a.src < a.dst).all() else list(forward_order(problem))


def _operands(problem: Problem, sink: int | None) -> list[list[int]]:
    """Each op's operands (its predecessors, in edge order).  An auxiliary edge
    into the sink from an op without other successors is left out: CIRCT adds
    that very edge itself (an op without users feeds the return), so a
    pipeline read from CIRCT input gives CIRCT the problem it would build."""
    a = problem.arrays
    out_deg = np.bincount(a.src, minlength=a.n)
    preds: list[list[int]] = [[] for _ in range(a.n)]
    for s, d, aux in zip(a.src.tolist(), a.dst.tolist(), a.aux.tolist()):
        if not (aux and d == sink and out_deg[s] == 1):
            preds[d].append(s)
    return preds


def pipeline_text(problem: Problem) -> str:
    """The synthetic CIRCT module: ops in topological order, each tagged with
    its index (``gaus.op``) and an operator type ``@lat<N>``; an objective op
    without successors is the ``pipeline.return`` (its predecessors its
    operands)."""
    a = problem.arrays
    sink = objective_sink(problem)
    preds = _operands(problem, sink)
    lat = a.lat.tolist()
    body = []
    for i in _order(problem):
        if i == sink:
            continue
        operands = ", ".join(f"%v{p}" for p in preds[i]) or "%a"
        body.append(
            f"      %v{i} = comb.add {operands} {{gaus.op = {i} : i64, ssp.operator_type = @lat{lat[i]}}} : i1"
        )
    returned = preds[sink] if sink is not None else []
    outputs = ", ".join(f"o{k} : i1" for k in range(len(returned)))
    ret = "pipeline.return" + (
        f" {', '.join(f'%v{p}' for p in returned)} : {', '.join('i1' for _ in returned)}" if returned else ""
    )
    return "\n".join(
        [
            "module {",
            "  ssp.library @gaus_lib {",
            *(f"    operator_type @lat{x} [latency<{x}>]" for x in sorted(set(lat))),
            "  }",
            "  hw.module @gaus(in %in : i1, in %go : i1, in %clk : !seq.clock, in %rst : i1) {",
            "    pipeline.unscheduled(%a : i1 = %in) clock(%clk) reset(%rst) go(%go) entryEn(%s0)"
            f" {{operator_lib = @gaus_lib}} -> ({outputs}) {{",
            *body,
            f"      {ret}",
            "    }",
            "    hw.output",
            "  }",
            "}",
            "",
        ]
    )


def schedule_circt(problem: Problem, *, time_limit: float | None = None) -> Schedule:
    """Schedule an acyclic, resource-free ``problem`` with CIRCT's
    ``pipeline-schedule-linear`` (see the module docstring for what it
    minimises).  ``time_limit``: seconds the CIRCT child may run."""
    why = circt_kinds(problem)
    if why:
        raise UnsupportedProblemError(f"method 'circt' does not support {why}")
    if not circt_available():
        raise UnsupportedProblemError(hardware_missing_message("method=circt"))
    n = problem.num_ops
    if n == 0:
        return Schedule(np.zeros(0, np.int64), method="circt", status="OPTIMAL", objective=0, bound=0)
    _check_size(problem)
    try:
        got = run_circt(
            pipeline_text(problem),
            PIPELINE,
            output="",
            action="pipeline-stages",
            timeout=time_limit if time_limit is not None else 300.0,
        )
    except CirctMissing as e:
        raise UnsupportedProblemError(hardware_missing_message("method=circt")) from e
    except CirctError as e:
        raise SchedulingError(f"CIRCT's pipeline-schedule-linear failed: {e.message}") from e
    stages = got.info.get("stages", {})
    sink = objective_sink(problem)
    if sink is not None and "return" in got.info:
        stages[str(sink)] = got.info["return"]
    missing = [i for i in range(n) if str(i) not in stages]
    if missing:
        raise SchedulingError(
            f"CIRCT returned no stage for {len(missing)} ops (first: {problem.op_label(missing[0])})"
        )
    sched = Schedule(np.array([stages[str(i)] for i in range(n)], dtype=np.int64), method="circt")
    sched.objective = sched.latency(problem)
    sched.bound = critical_path(problem)
    sched.status = "OPTIMAL" if sched.objective == sched.bound else "FEASIBLE"
    sched.stats["circt_s"] = got.seconds
    return sched
