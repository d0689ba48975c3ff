"""``method=circt``: CIRCT's own linear pipeline scheduler as a baseline.

The problem becomes a synthetic ``pipeline.unscheduled`` (one ``comb.add`` of
``i1`` values per op, whose operands are the results of its predecessors, so
every dependence, auxiliary ones included, is an SSA edge; an op without
predecessors reads the pipeline's input), with an ``ssp.library`` holding one
operator type per latency.  CIRCT's ``pipeline-schedule-linear`` runs on it in
the child process (:func:`gaus_mlir.circt.run_circt`) and the stage of each op
is read back as its start time.

What CIRCT minimises: ``scheduleSimplex(problem, returnOp)`` minimises the start
time of the pipeline's ``pipeline.return``, which every op without users feeds
(``ScheduleLinearPipeline.cpp`` adds those auxiliary edges), i.e. the makespan
``max(t_i + lat_i)``; the result equals the critical path length.  The start of
the problem's objective op is not minimised on its own: it is at most the
critical path minus its latency, and equals its ASAP time (the optimum) when
that op ends the critical path, e.g. when it is the only sink.  Other ops may
start at any feasible step within their slack (a simplex vertex).

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


def pipeline_text(problem: Problem) -> str:
    """The synthetic CIRCT module: ops in topological order, each tagged with
    its index (``gaus.op``) and an operator type ``@lat<N>``."""
    a = problem.arrays
    lats = sorted({int(x) for x in a.lat.tolist()})
    preds: list[list[int]] = [[] for _ in range(a.n)]
    for s, d in zip(a.src.tolist(), a.dst.tolist()):
        preds[d].append(s)
    lines = [
        "module {",
        "  ssp.library @gaus_lib {",
        *(f"    operator_type @lat{x} [latency<{x}>]" for x in lats),
        "  }",
        "  hw.module @gaus(in %in : i1, in %go : i1, in %clk : !seq.clock, in %rst : i1) {",
        "    pipeline.unscheduled(%a : i1 = %in) clock(%clk) reset(%rst) go(%go) entryEn(%s0)"
        " {operator_lib = @gaus_lib} -> () {",
    ]
    lat = a.lat.tolist()
    for i in forward_order(problem):
        operands = ", ".join(f"%v{p}" for p in dict.fromkeys(preds[i])) or "%a"
        lines.append(
            f"      %v{i} = comb.add {operands} {{gaus.op = {i} : i64, ssp.operator_type = @lat{lat[i]}}} : i1"
        )
    lines += ["      pipeline.return", "    }", "    hw.output", "  }", "}", ""]
    return "\n".join(lines)


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
