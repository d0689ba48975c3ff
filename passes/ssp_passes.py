"""gaus-schedule and gaus-verify on CIRCT SSP files (``ssp.instance``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from gaus_mlir.model import SchedulingError
from gaus_mlir.ssp import SSPInstance, location_of, print_instances

from .diagnostics import Diagnostic
from .gaus_schedule import ScheduleOptions, VerifyOptions, schedule_problem


@dataclass
class SSPModule:
    """The state a pipeline threads through its passes for one SSP input."""

    filename: str
    instances: list[SSPInstance]
    summaries: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.schedules = [inst.schedule for inst in self.instances]

    def text(self) -> str:
        return print_instances(self.instances, self.schedules)

    def error(self, inst: SSPInstance, err: SchedulingError) -> Diagnostic:
        line, col = location_of(inst, err.subject)
        return Diagnostic(err.message, self.filename, line, col)


def run_schedule(module: SSPModule, opts: ScheduleOptions) -> None:
    plain = opts
    if opts.cycle_time is not None and any(i.problem.chaining for i in module.instances):
        # as CIRCT: cycle-time applies to the chaining instances of the file (on a
        # file without any, schedule_problem reports it)
        plain = dataclasses.replace(opts, cycle_time=None,
                                    explicit=opts.explicit - {"cycle_time"})
    for k, inst in enumerate(module.instances):
        try:
            outcome = schedule_problem(inst.problem,
                                       opts if inst.problem.chaining else plain)
        except SchedulingError as e:
            raise module.error(inst, e) from None
        module.schedules[k] = outcome.schedule
        module.summaries.append(outcome.summary(inst.name))
    if opts.gantt:
        from gaus_mlir.charts import ChartRegion, write_schedule_chart
        items = [ChartRegion(f"@{inst.name}", inst.problem, sched)
                 for inst, sched in zip(module.instances, module.schedules)
                 if sched is not None]
        try:
            write_schedule_chart(opts.gantt, items)
        except OSError as e:
            raise Diagnostic(f"cannot write chart '{opts.gantt}': {e.strerror or e}",
                             opts.gantt) from None


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

