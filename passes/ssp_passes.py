"""gaus-schedule and gaus-verify on CIRCT SSP files (``ssp.instance``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from gaus_mlir.diagnostics import OutputFiles
from gaus_mlir.model import SchedulingError
from gaus_mlir.ssp import SSPInstance, location_of, print_instances

from .diagnostics import Diagnostic, pipeline_error
from .gaus_schedule import ScheduleOptions, VerifyOptions, schedule_problem


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


def run_schedule(module: SSPModule, opts: ScheduleOptions) -> None:
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


def stage_chart(outputs: OutputFiles, path: str, items) -> None:
    """Draw the chart now (into memory) and stage it for the driver's commit."""
    import io

    from gaus_mlir.charts import write_schedule_chart

    buf = io.BytesIO()
    write_schedule_chart(buf, items)
    outputs.stage(path, buf.getvalue())


def run_verify(module: SSPModule, opts: VerifyOptions) -> None:
    for k, inst in enumerate(module.instances):
        sched = module.schedules[k]
        try:
            if opts.last_op_name:
                inst.problem.last_op_name = opts.last_op_name
            inst.problem.check()
            inst.problem.verify(inst.schedule_to_verify(sched))
        except SchedulingError as e:
            raise module.error(inst, e) from None
