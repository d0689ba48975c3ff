"""gaus-schedule, gaus-verify and gaus-extract on func/affine/scf IR.

Each runner takes the module operation, its options and an :class:`MLIRRun`
(what the pipeline collects for the driver: summaries, remarks, extracted SSP
text, charts).  Everything is analysed first and written back only once every
function has been scheduled, so a failing pass leaves the IR untouched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from gaus_mlir.diagnostics import OutputFiles, write_output
from gaus_mlir.ir_bridge import (
    Config,
    ExtractionError,
    FunctionAnalysis,
    LatencyLibrary,
    Region,
    attribute_writes,
    owned_attributes,
    read_schedule,
    remarks,
    remove_attributes,
    solve,
    stale_claims,
    write_attributes,
)
from gaus_mlir.ir_bridge.arguments import with_arguments, without_arguments
from gaus_mlir.ir_bridge.extract import op_location
from gaus_mlir.model import SchedulingError, Subject, UnsupportedProblemError
from gaus_mlir.model.objectives import uses_registers
from gaus_mlir.model.registers import format_registers, register_usage
from gaus_mlir.schedulers import METHODS

from .diagnostics import Diagnostic
from .gaus_schedule import (
    ExtractionPass,
    GausExtract,
    GausSchedule,
    GausVerify,
    ended_by,
    schedule_problem,
)

if TYPE_CHECKING:  # mlir is imported only when MLIR input is run
    from collections.abc import Iterator

    from mlir import ir

    from gaus_mlir.model import Problem, Schedule

    from .gaus_schedule import Outcome
    from .options import Pass


@dataclass
class MLIRRun:
    """State shared by the passes of one pipeline run on one module."""

    filename: str = "<stdin>"
    summaries: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    extracted: str | None = None  # gaus-extract without output=: replaces the IR
    regions: list[Region] = field(default_factory=list)  # last gaus-schedule's regions
    # Side files (gantt=, log=, output=): staged during the passes; the driver
    # (gaus-opt, GausPassManager.run) commits them once every pass succeeded.
    # None: each pass writes its own files when it succeeds.
    outputs: OutputFiles | None = None
    passes: int = 0  # our passes added with this report

    def reset(self) -> None:
        """Forget an earlier run's report (a PassManager may run many times)."""
        self.summaries.clear()
        self.remarks.clear()
        self.extracted = None
        self.regions = []

    def located(self, message: str, op: ir.Operation | ir.OpView | None, kind: str = "error") -> str:
        loc = op_location(op) if op is not None else None
        where = self.filename + (f":{loc[0]}:{loc[1]}" if loc else "")
        return f"{where}: {kind}: {message}"

    def remark(self, message: str, op: ir.Operation | ir.OpView | None) -> None:
        """Each remark once per run, however many passes re-extract the region."""
        line = self.located(message, op, "remark")
        if line not in self.remarks:
            self.remarks.append(line)

    def error(self, message: str, op: ir.Operation | ir.OpView | None) -> Diagnostic:
        loc = op_location(op) if op is not None else None
        return Diagnostic(message, self.filename, *(loc if loc else (None, None)))


def latency_library(opts: Pass) -> LatencyLibrary:
    """The built-in latencies overridden by the pass's ``latency-library`` file."""
    try:
        return LatencyLibrary.load(opts.latency_library or None)
    except ValueError as e:
        if getattr(e, "line", None) is None:  # no place in the JSON: the option
            from .diagnostics import pipeline_error

            raise pipeline_error(
                f"option 'latency-library': {e}", opts.cols.get("latency_library", 1)
            ) from None
        raise Diagnostic(str(e), opts.latency_library, e.line, getattr(e, "col", None)) from None


def extraction_config(opts: ExtractionPass) -> Config:
    lib = latency_library(opts)
    return Config(lib, opts.mem_ports, dict(opts.limits or {}), index_bits=opts.index_bits)


def functions_of(anchor: ir.Operation | list[ir.Operation]) -> Iterator[ir.Operation]:
    """The functions with a body that a pass run on ``anchor`` processes:
    ``anchor`` itself if it is a function, else every function in it (nested
    modules included).  ``anchor`` may be a list of such ops (the ops a pass
    nested in the pipeline, ``builtin.module(builtin.module(gaus-schedule))``,
    runs on)."""
    for top in anchor if isinstance(anchor, list) else [anchor]:
        top = top.operation
        if top.name == "func.func":
            if len(top.regions[0].blocks):
                yield top
            continue
        for region in top.regions:
            for block in region.blocks:
                for op in block.operations:
                    op = op.operation
                    if op.name == "func.func" and len(op.regions[0].blocks):
                        yield op
                    elif op.name == "builtin.module":
                        yield from functions_of(op)


def _subject_op(r: Region, err: SchedulingError):
    """The op a model error is about (the region's owner if none)."""
    s = err.subject or Subject("instance")
    p = r.problem
    idx = None
    if s.kind == "op":
        idx = int(s.key)
    elif s.kind == "dependence" and p is not None:
        idx = int(p.arrays.dst[int(s.key)])
    elif s.kind in ("resource_type", "operator_type") and p is not None:
        for i, info in enumerate(r.infos):
            if s.key in info.resources or info.otype == s.key:
                idx = i
                break
    if idx is not None and 0 <= idx < len(r.ops) - 1:
        return r.ops[idx]
    return r.owner


def count_regions(op: ir.Operation) -> int:
    """Regions the bridge may schedule inside ``op`` (itself if a function or
    loop; each arm of a branch): an upper bound, for sharing a time limit."""
    n = 1 if op.name in ("func.func", "affine.for", "scf.for") else 0
    if op.name in ("scf.if", "affine.if", "scf.execute_region"):
        n = len(op.regions)
    for region in op.regions:
        for block in region.blocks:
            for inner in block.operations:
                n += count_regions(inner.operation)
    return n


def _analyse(module_op, opts: ExtractionPass, run: MLIRRun, schedule_region) -> list:
    config = extraction_config(opts)
    roots = []
    for func in functions_of(module_op):
        try:
            root = FunctionAnalysis(func, config).function_region()
        except ExtractionError as e:
            raise run.error(e.message, e.op) from None
        current = {}

        def guarded(r, _current=current):
            try:
                return schedule_region(r)
            except SchedulingError as e:
                raise run.error(f"{r.name}: {e.message}", _subject_op(r, e)) from None
            except ExtractionError as e:
                raise run.error(e.message, e.op) from None

        try:
            solve(root, config, guarded)
        except ExtractionError as e:
            raise run.error(e.message, e.op) from None
        roots.append(root)
    return roots


# methods that leave a region they cannot express unscheduled with a remark
# (CIRCT's linear scheduler is a baseline for straight-line regions), not an error
DECLINING_METHODS = ("circt",)
_AS_MODULO = {"list": "ims"}  # list scheduling of a pipelined loop = IMS
_AS_ACYCLIC = {"ims": "list"}


def region_methods(method: str) -> set[str]:
    """The methods ``method`` may stand for on some region."""
    return {method, _AS_MODULO.get(method, method), _AS_ACYCLIC.get(method, method)}


def region_method(method: str, r: Region) -> str:
    """The method for one region: ``list`` schedules pipelined loops with its
    modulo form (iterative modulo scheduling), ``ims`` straight-line regions
    with list scheduling; everything else is used as given."""
    table = _AS_MODULO if r.pipelined else _AS_ACYCLIC
    return table.get(method, method)


def _summary(r: Region, outcome, wide: Problem | None) -> str:
    """One summary line; ``wide``: the region's problem with the function's
    arguments as values (:func:`with_arguments`), None when it has none."""
    p, s = r.problem, r.schedule
    loc = op_location(r.owner)
    where = f" at {loc[0]}:{loc[1]}" if loc else ""
    kind = (
        "pipelined loop"
        if r.pipelined
        else "loop"
        if r.loop
        else "function"
        if r.owner.name == "func.func"
        else "branch"
    )
    parts = [f"@{r.name} ({kind}{where}; {p.kind}, {p.num_ops - 1} ops): method={s.method}"]
    if r.pipelined or (r.loop and r.ii != r.latency):
        parts.append(f"II={r.ii}")  # a sequential loop's II is its latency unless
        #                              a blocking op holds its unit longer (or it is 0)
    parts.append(f"latency={r.latency}")
    if r.loop:
        trips = "?" if r.trip_count is None else str(r.trip_count)
        total = r.total_latency
        parts.append(f"trips={trips} total={'?' if total is None else total}")
    if r.pipelined and "mii" in s.stats:
        parts.append(f"MII={s.stats['mii']}")
    elif outcome.lower_bound is not None:
        parts.append(f"lower-bound={outcome.lower_bound}")
    use = resource_use(p, s)
    if use:
        parts.append("resources=" + ",".join(f"{k}:{u}/{lim}" for k, u, lim in use))
    # a function's arguments are registers from cycle 0 to their last reader
    if wide is None:
        parts.append(format_registers(register_usage(p, s)))
    else:
        parts.append(format_registers(register_usage(wide, np.append(s.start, 0))))
    parts.append(f"status={s.status}")
    parts.extend(ended_by(s))
    parts.append(f"time={s.stats.get('wall_s', 0.0):.3f}s")
    return " ".join(parts)


def resource_use(problem: Problem, schedule: Schedule) -> list[tuple[str, int, int]]:
    """(resource, peak users per cycle or per congruence class, limit)."""
    from gaus_mlir.model.objectives import peak_usage

    peaks = peak_usage(problem, schedule.start, int(schedule.ii or 0), weighted=False)
    return [
        (res.name, int(peaks[r]), int(res.limit))
        for r, res in enumerate(problem.resource_types)
        if res.limit is not None
    ]


# ------------------------------------------------------------------ passes
def run_schedule(module_op: ir.Operation | list[ir.Operation], opts: GausSchedule, run: MLIRRun) -> None:
    outcomes, widened = {}, {}
    # time-limit bounds the whole pass: each region gets an equal share, fixed
    # before any scheduling (a share of what is left would depend on the clock)
    share = (
        None
        if opts.time_limit is None
        else opts.time_limit / max(1, sum(count_regions(f) for f in functions_of(module_op)))
    )

    def schedule_region(r: Region):
        if opts.objective and opts.objective != "latency" and not uses_registers(opts.objective):
            raise UnsupportedProblemError(
                f"objective={opts.objective} applies to SSP input (with latency-bound); "
                "MLIR regions minimise the II, then the latency, or registers / lifetimes"
            )
        local = dataclasses.replace(opts, method=region_method(opts.method, r))
        if r.problem.cyclic:  # latency-bound bounds the straight-line regions; loops run at their II
            local = dataclasses.replace(local, latency_bound="")
        if share is not None:
            local = dataclasses.replace(local, time_limit=share)
        if local.method in DECLINING_METHODS:
            why = METHODS[local.method].supports_for(r.problem)
            if why:  # a baseline that cannot express the region leaves it alone
                r.remark = (
                    f"method={local.method} leaves this region unscheduled: it does not support {why}",
                    r.owner,
                )
                return None
        # built once: the register objectives schedule it, the summary counts it
        wide = widened[id(r)] = with_arguments(r.problem, r, opts.index_bits)
        registers = uses_registers(opts.objective)
        outcome = schedule_problem(wide if registers and wide is not None else r.problem, local)
        outcomes[id(r)] = outcome
        if not registers or wide is None:
            return outcome.schedule
        kept = without_arguments(outcome.schedule, r.problem.num_ops)
        r.problem.verify(kept)  # a shift keeps every constraint; checked all the same
        return kept

    roots = _analyse(module_op, opts, run, schedule_region)
    # a new schedule replaces every gaus.* this pass owns, also where it writes nothing
    owned = owned_attributes(functions_of(module_op))
    writes = []
    regions = []
    for root in roots:
        writes.extend(attribute_writes(root))
        for r in root.walk():
            if r.schedule is not None:
                regions.append(r)
    outputs = run.outputs if run.outputs is not None else OutputFiles()
    try:
        check_applied(opts, regions, [outcomes[id(r)] for r in regions], outputs, run)
        if opts.gantt and regions:
            write_chart(opts.gantt, regions, outputs)
        for root in roots:
            for message, op in remarks(root):
                run.remark(message, op)
        remove_attributes(owned)  # only now: hashing ops is over
        write_attributes(writes)
        run.summaries.extend(_summary(r, outcomes[id(r)], widened[id(r)]) for r in regions)
        run.regions = regions
        if run.outputs is None:
            outputs.commit()
    finally:
        if run.outputs is None:
            outputs.discard()


def check_applied(
    opts: GausSchedule, regions: list[Region], outcomes: list[Outcome], outputs: OutputFiles, run: MLIRRun
) -> None:
    """Options that applied to nothing in this module: a located remark (one
    pipeline often runs over many files, and a file without pipelined loops or
    without a limited op class is not an error); stage the GauS log."""
    from .diagnostics import PIPELINE_FILE

    def remark(name, message):
        line = f"{PIPELINE_FILE}:1:{opts.cols.get(name, 1)}: remark: {message}"
        if line not in run.remarks:
            run.remarks.append(line)

    if "ii" in opts.explicit and not any(r.pipelined for r in regions):
        remark("ii", "option 'ii' applied to no region: the input has no pipelined loop")
    if opts.limits:
        used = set()
        for r in regions:
            for info in r.infos:
                used |= set(info.resources)
        for name in opts.limits:
            if name not in used:
                remark("limits", f"option 'limits': no operation of class '{name}' in the input")
    logs = [o.log for o in outcomes if o.log is not None]
    if opts.log:
        if logs:
            outputs.stage(opts.log, logs[-1])
        else:
            remark("log", "option 'log': no relaxation ran; no log written")
    if opts.gantt and not regions:
        remark("gantt", "option 'gantt': no region was scheduled; no chart written")


def write_chart(path: str, regions: list[Region], outputs: OutputFiles) -> None:
    from gaus_mlir.charts import ChartRegion

    from .ssp_passes import stage_chart

    items = []
    for r in regions:
        labels = [op.name for op in r.ops]
        title = f"@{r.name}" + (f" (II={r.ii})" if r.pipelined else "")
        items.append(ChartRegion(title, r.problem, r.schedule, labels))
    stage_chart(outputs, path, items)


def run_verify(module_op: ir.Operation | list[ir.Operation], opts: GausVerify, run: MLIRRun) -> None:
    def check_region(r: Region):
        sched = read_schedule(r)
        r.problem.check()
        r.problem.verify(sched)
        return sched

    roots = _analyse(module_op, opts, run, check_region)
    for root in roots:
        for op, name, reason in stale_claims(root):
            raise run.error(
                f"'{name}' on '{op.name}' claims a schedule that gaus-verify "
                f"cannot check: {reason}; rerun gaus-schedule",
                op,
            )
    for root in roots:
        for message, op in remarks(root):
            run.remark(message, op)


def run_extract(module_op: ir.Operation | list[ir.Operation], opts: GausExtract, run: MLIRRun) -> None:
    """Print every region's problem as an ``ssp.instance``.  Nested loops take
    their latency from the ``gaus.*`` attributes when the IR has them (and
    those schedules are printed as ``t<>``), else from a list/IMS schedule."""
    from gaus_mlir.ssp import print_instances
    from gaus_mlir.ssp.instance import SSPInstance

    def region_schedule(r: Region):
        try:
            sched = read_schedule(r)
            r.problem.check()
            r.problem.verify(sched)
            r.from_ir = True
            return sched
        except (ExtractionError, SchedulingError):
            r.from_ir = False
            r.ii = None  # read_schedule may have taken it from the IR
            local = GausSchedule(method=region_method("list", r))
            return schedule_problem(r.problem, local).schedule

    roots = _analyse(module_op, opts, run, region_schedule)
    instances, schedules = [], []
    for root in roots:
        for message, op in remarks(root):
            run.remark(message, op)
        for r in root.walk():
            if r.problem is None:
                continue
            inst = SSPInstance(r.problem, None, r.name)
            instances.append(inst)
            schedules.append(r.schedule if getattr(r, "from_ir", False) else None)
    header = (
        f"// Extracted by gaus-extract from {run.filename}: one instance per "
        "region; nested loops are ops\n// whose latency is their whole run.\n"
    )
    text = header + print_instances(instances, schedules)
    if opts.output:
        if run.outputs is not None:
            run.outputs.stage(opts.output, text)
        else:
            write_output(opts.output, text)
    else:
        run.extracted = text
