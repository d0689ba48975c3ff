"""gaus-schedule and gaus-verify on CIRCT SSP files (``ssp.instance``), and the
pipeline runner on them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from gaus_mlir.diagnostics import OutputFiles
from gaus_mlir.model import SchedulingError
from gaus_mlir.ssp import SSPInstance, location_of, print_instances

from .diagnostics import Diagnostic, pipeline_error
from .gaus_schedule import GausSchedule, GausVerify, schedule_problem
from .options import Pass
from .pipeline import PassElement
from .registry import lookup

if TYPE_CHECKING:
    from gaus_mlir.charts import ChartRegion

    from .driver import Flags


@dataclass
class SSPModule:
    """The state a pipeline threads through its passes for one SSP input."""

    filename: str
    instances: list[SSPInstance]
    summaries: list[str] = field(default_factory=list)
    outputs: OutputFiles = field(default_factory=OutputFiles)  # side files, committed by the driver
    remarks: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.schedules = [inst.schedule for inst in self.instances]

    def text(self) -> str:
        return print_instances(self.instances, self.schedules)

    def error(self, inst: SSPInstance, err: SchedulingError) -> Diagnostic:
        line, col = location_of(inst, err.subject)
        return Diagnostic(err.message, self.filename, line, col)


def run_schedule(module: SSPModule, opts: GausSchedule) -> None:
    if "ii" in opts.explicit and not any(inst.problem.cyclic for inst in module.instances):
        # each SSP instance states its kind: an II that fixes nothing is an error
        raise pipeline_error(
            "option 'ii' applies to cyclic problems; this input has none", opts.cols.get("ii", 1)
        )
    plain = opts
    if opts.cycle_time is not None and any(i.problem.chaining for i in module.instances):
        # as CIRCT: cycle-time applies to the chaining instances of the file (on a
        # file without any, schedule_problem reports it)
        plain = dataclasses.replace(opts, cycle_time=None, explicit=opts.explicit - {"cycle_time"})
    if opts.time_limit is not None and len(module.instances) > 1:
        # time-limit bounds the whole pass: each instance gets an equal share
        share = opts.time_limit / len(module.instances)
        opts = dataclasses.replace(opts, time_limit=share)
        plain = dataclasses.replace(plain, time_limit=share)
    logs = []
    for k, inst in enumerate(module.instances):
        try:
            outcome = schedule_problem(inst.problem, opts if inst.problem.chaining else plain)
        except SchedulingError as e:
            raise module.error(inst, e) from None
        module.schedules[k] = outcome.schedule
        module.summaries.append(outcome.summary(inst.name))
        if outcome.log is not None:
            logs.append(outcome.log)
    if opts.log:
        if logs:
            module.outputs.stage(opts.log, logs[-1])
        else:
            module.remarks.append(
                f"<Pass-Pipeline>:1:{opts.cols.get('log', 1)}: remark: "
                "option 'log': no relaxation ran; no log written"
            )
    if opts.gantt:
        from gaus_mlir.charts import ChartRegion

        items = [
            ChartRegion(f"@{inst.name}", inst.problem, sched)
            for inst, sched in zip(module.instances, module.schedules)
            if sched is not None
        ]
        if not items:
            raise pipeline_error("gantt: the input has no instance to draw", opts.cols.get("gantt", 1))
        stage_chart(module.outputs, opts.gantt, items)


def stage_chart(outputs: OutputFiles, path: str, items: Sequence[ChartRegion]) -> None:
    """Draw the chart now (into memory) and stage it for the driver's commit."""
    import io

    from gaus_mlir.charts import write_schedule_chart

    buf = io.BytesIO()
    write_schedule_chart(buf, items)
    outputs.stage(path, buf.getvalue())


def run_verify(module: SSPModule, opts: GausVerify) -> None:
    for k, inst in enumerate(module.instances):
        sched = module.schedules[k]
        try:
            if opts.last_op_name:
                inst.problem.last_op_name = opts.last_op_name
            inst.problem.check()
            inst.problem.verify(inst.schedule_to_verify(sched))
        except SchedulingError as e:
            raise module.error(inst, e) from None


# ------------------------------------------------------------------ pipeline
def ssp_pipeline(elements: list[PassElement]) -> list[Pass]:
    """The passes of a pipeline on SSP input (options set and checked)."""
    out = []
    for el in elements:
        cls = lookup(el.name)
        if cls is None:
            if el.nested is not None or "." in el.name:
                raise pipeline_error(
                    f"'{el.name}' is an MLIR pass or anchor; it cannot run on an SSP file", el.col
                )
            raise pipeline_error(f"'{el.name}' does not refer to a registered pass", el.col)
        if el.nested is not None:
            raise pipeline_error(f"pass '{el.name}' takes no nested pipeline", el.col)
        if not cls.runs_on("ssp"):
            raise pipeline_error(f"pass '{el.name}' does not run on SSP input", el.col)
        gaus_pass = cls.from_pipeline(el.options)
        gaus_pass.check("ssp")
        out.append(gaus_pass)
    return out


def run_ssp_chunk(
    text: str, filename: str, passes: list[Pass], args: Flags, err: TextIO, outputs: OutputFiles | None = None
) -> str:
    """gaus-opt on one SSP input: parse, run the passes, report, print."""
    from gaus_mlir.ssp import parse

    module = SSPModule(filename, parse(text, filename))  # SSPSyntaxError is a Diagnostic
    if outputs is not None:
        module.outputs = outputs
    for gaus_pass in passes:
        gaus_pass.apply_ssp(module)
        if args.mlir_print_ir_after_all:
            err.write(f"// -----// IR Dump After {gaus_pass.display_name()} ({gaus_pass.name}) //----- //\n")
            err.write(module.text())
    for line in module.remarks:
        err.write(line + "\n")
    if args.summary:
        for line in module.summaries:
            err.write(line + "\n")
    return module.text()
