"""gaus-schedule and gaus-verify on CIRCT ``hw.module``s holding
``pipeline.unscheduled`` ops: a drop-in for CIRCT's ``pipeline-schedule-linear``
with any method.

MLIR 22 cannot parse hw/pipeline syntax, so CIRCT (pycde) does the IR work in
its child process (:func:`gaus_mlir.circt.run_circt`): the action
``pipeline_problems`` reads every pipeline's ops, operator types (from the
``ssp.library`` named by ``operator_lib``), SSA operand edges and locations;
the problem is built and scheduled here with the chosen method, exactly as
CIRCT builds it (constant-like ops ignored, ``pipeline.return`` a latency-0
sink that every op without users feeds); the action ``schedule_pipelines``
rewrites each ``pipeline.unscheduled`` into ``pipeline.scheduled`` (one block
per stage, cross-stage operands through ``pipeline.src``) and CIRCT prints it.
Other passes of the pipeline are CIRCT's, run in the child on the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from gaus_mlir.circt import CirctError, CirctMissing, CirctResult, hardware_missing_message, run_circt
from gaus_mlir.diagnostics import OutputFiles
from gaus_mlir.model import Problem, Schedule, SchedulingError, SharedOperatorsProblem, Subject

from .diagnostics import Diagnostic, pipeline_error
from .gaus_schedule import GausSchedule, GausVerify, schedule_problem
from .options import Pass
from .pipeline import PassElement
from .registry import lookup

if TYPE_CHECKING:
    from .driver import Flags

_LOC = re.compile(r'"[^"\n]*":(\d+):(\d+)\)?:\s*(.*)')  # loc("-":L:C): or "-":L:C:


@dataclass
class CirctPipeline:
    """One pipeline of the input: its problem and, if scheduled, its stages."""

    name: str
    kind: str  # "unscheduled" or "scheduled"
    loc: list[int] | None
    problem: Problem
    ops: list[dict]
    stages: list[int] = field(default_factory=list)


@dataclass
class CirctModule:
    """The state a pipeline threads through its passes for one CIRCT input:
    ``text`` with locations (``loc(...)``) of the original file."""

    filename: str
    text: str
    printed: str | None = None  # CIRCT's plain print of ``text``, once known
    summaries: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    outputs: OutputFiles = field(default_factory=OutputFiles)

    def error(self, message: str, loc: list[int] | None) -> Diagnostic:
        return Diagnostic(message, self.filename, *(loc or (None, None)))

    def child(
        self, pipeline: str | None = None, action: str | None = None, args: dict | None = None
    ) -> CirctResult:
        """Run CIRCT on ``text``; its errors become located Diagnostics."""
        try:
            return run_circt(self.text, pipeline, output="mlir", action=action, args=args)
        except CirctMissing:
            raise self.error(hardware_missing_message("CIRCT pipeline input"), None) from None
        except CirctError as e:
            m = _LOC.search(e.message)
            if m:
                raise self.error(m.group(3).splitlines()[0], [int(m.group(1)), int(m.group(2))]) from None
            raise self.error(f"CIRCT: {e.message}", None) from None

    def pipelines(self) -> list[CirctPipeline]:
        got = self.child(action="pipeline-problems")
        if self.printed is None:
            self.printed = got.output
        info = got.info
        return [self._pipeline(rec, info["libraries"]) for rec in info["pipelines"]]

    def _pipeline(self, rec: dict, libraries: dict) -> CirctPipeline:
        lib = self._library(rec, libraries)
        problem = build_problem(rec, lib, self)
        stages = [op["stage"] for op in rec["ops"]]
        return CirctPipeline(rec["name"], rec["kind"], rec["loc"], problem, rec["ops"], stages)

    def _library(self, rec: dict, libraries: dict) -> tuple[str, dict]:
        name = rec["library"]
        if name is None and rec["kind"] == "scheduled" and len(libraries) == 1:
            name = next(iter(libraries))  # CIRCT's output drops operator_lib
        if name is None:
            raise self.error(
                "missing 'operator_lib' attribute (the ssp.library of the operator types)", rec["loc"]
            )
        if name not in libraries:
            raise self.error(f"operator library '@{name}' not found", rec["loc"])
        return name, libraries[name]


def build_problem(rec: dict, library: tuple[str, dict], module: CirctModule) -> Problem:
    """CIRCT's problem of one pipeline (ScheduleLinearPipeline.cpp): every
    op but the return linked to its ``ssp.operator_type``; the return a
    latency-0 sink fed by every op without users; SSA operands as edges."""
    lib_name, types = library
    ops = rec["ops"]
    used = {t for op in ops[:-1] for t in [op["otype"]] if t is not None}
    shared = any(types.get(t, {}).get("limit") for t in used)
    p = (SharedOperatorsProblem if shared else Problem)(rec["name"])
    for op in ops[:-1]:
        t = op["otype"]
        if t is None:
            raise module.error(
                f"'{op['name']}' has no 'ssp.operator_type' attribute (every non-constant op needs one)",
                op["loc"],
            )
        if t not in types:
            raise module.error(f"operator type '@{t}' not found in operator library '@{lib_name}'", op["loc"])
        if types[t]["latency"] is None:
            raise module.error(f"operator type '@{t}' of library '@{lib_name}' has no latency", op["loc"])
    for t in sorted(used):
        p.add_operator_type(t, types[t]["latency"], limit=types[t]["limit"])
    ret = "return" if "return" not in types else "gaus.return"
    p.add_operator_type(ret, 0)
    has_user = {s for op in ops for s, _ in op["preds"]}
    for k, op in enumerate(ops):
        bits = tuple(op["bits"]) if op["bits"] else 1
        p.add_op(op["otype"] if k < len(ops) - 1 else ret, results=len(op["bits"]), bits=bits)
        p.locations[Subject("op", k)] = op["loc"]
    for k, op in enumerate(ops):
        for s, r in op["preds"]:
            p.add_dependence(s, k, result=r)
        if k < len(ops) - 1 and k not in has_user:
            p.add_dependence(k, len(ops) - 1, aux=True)
    return p


def _located(module: CirctModule, pl: CirctPipeline, err: SchedulingError) -> Diagnostic:
    s = err.subject or Subject("instance")
    loc = pl.loc
    if s.kind == "op":
        loc = pl.ops[int(s.key)]["loc"] or loc
    elif s.kind == "dependence":
        loc = pl.ops[int(pl.problem.arrays.dst[int(s.key)])]["loc"] or loc
    return module.error(f"@{pl.name}: {err.message}", loc)


def run_schedule(module: CirctModule, opts: GausSchedule) -> None:
    """Schedule every ``pipeline.unscheduled``; rewrite them in the child."""
    import dataclasses

    pipelines = module.pipelines()
    todo = [pl for pl in pipelines if pl.kind == "unscheduled"]
    if opts.time_limit is not None and len(todo) > 1:
        opts = dataclasses.replace(opts, time_limit=opts.time_limit / len(todo))
    starts, done = [], []
    for pl in pipelines:
        if pl.kind != "unscheduled":
            line = f"{module.filename}:{pl.loc[0]}:{pl.loc[1]}" if pl.loc else module.filename
            module.remarks.append(f"{line}: remark: @{pl.name} is already scheduled; left as it is")
            starts.append(None)
            continue
        try:
            outcome = schedule_problem(pl.problem, opts)
        except SchedulingError as e:
            raise _located(module, pl, e) from None
        module.summaries.append(outcome.summary(pl.name))
        starts.append([int(t) for t in outcome.schedule.start])
        done.append((pl, outcome))
    _side_files(module, opts, done)
    if any(s is not None for s in starts):
        got = module.child(action="schedule-pipelines", args={"starts": starts})
        module.text, module.printed = got.info["located"], got.output


def _side_files(module: CirctModule, opts: GausSchedule, done: list) -> None:
    """``gantt=`` and ``log=`` as on SSP input (staged for the driver's commit)."""
    logs = [o.log for _, o in done if o.log is not None]
    if opts.log and logs:
        module.outputs.stage(opts.log, logs[-1])
    elif opts.log:
        module.remarks.append(
            f"<Pass-Pipeline>:1:{opts.cols.get('log', 1)}: remark: option 'log': no relaxation ran; no log written"
        )
    if opts.gantt:
        if not done:
            raise pipeline_error("gantt: the input has no pipeline to schedule", opts.cols.get("gantt", 1))
        from gaus_mlir.charts import ChartRegion

        from .ssp_passes import stage_chart

        items = [
            ChartRegion(f"@{pl.name}", o.problem, o.schedule, [op["name"] for op in pl.ops]) for pl, o in done
        ]
        stage_chart(module.outputs, opts.gantt, items)


def run_verify(module: CirctModule, opts: GausVerify) -> None:
    """Check every ``pipeline.scheduled``'s stages against its ops' latencies."""
    for pl in module.pipelines():
        if pl.kind == "unscheduled":
            raise module.error(
                f"@{pl.name} is not scheduled (pipeline.unscheduled); run gaus-schedule first", pl.loc
            )
        try:
            pl.problem.check()
            pl.problem.verify(Schedule(pl.stages))
        except SchedulingError as e:
            raise _located(module, pl, e) from None


def circt_pipeline(elements: list[PassElement]) -> list[PassElement | Pass]:
    """The pipeline on CIRCT input: our passes (options set and checked) at the
    top level; any other element is CIRCT's, kept as text."""
    out: list[PassElement | Pass] = []
    for el in elements:
        cls = lookup(el.name)
        if cls is None:
            _no_nested_ours(el.nested or [])
            out.append(el)
            continue
        if cls not in (GausSchedule, GausVerify):
            raise pipeline_error(f"pass '{el.name}' does not run on CIRCT pipeline input", el.col)
        if el.nested is not None:
            raise pipeline_error(f"pass '{el.name}' takes no nested pipeline", el.col)
        gaus_pass = cls.from_pipeline(el.options)
        gaus_pass.check("ssp")
        out.append(gaus_pass)
    return out


def _no_nested_ours(elements: list[PassElement]) -> None:
    for el in elements:
        if lookup(el.name) is not None:
            raise pipeline_error(f"on CIRCT input, '{el.name}' runs at the top level of the pipeline", el.col)
        _no_nested_ours(el.nested or [])


def run_circt_chunk(
    text: str, filename: str, passes: list, args: Flags, err: TextIO, outputs: OutputFiles | None = None
) -> str:
    """gaus-opt on one CIRCT input: run the passes (ours here, CIRCT's in the
    child), report, print as CIRCT prints it."""
    module = CirctModule(filename, text)
    if outputs is not None:
        module.outputs = outputs
    for item in passes:
        if isinstance(item, GausSchedule):
            run_schedule(module, item)
        elif isinstance(item, GausVerify):
            run_verify(module, item)
        else:
            got = module.child(f"builtin.module({item.text()})", action="located-text")
            module.text, module.printed = got.info["located"], got.output
        if args.mlir_print_ir_after_all:
            name = item.display_name() if isinstance(item, Pass) else item.name
            err.write(f"// -----// IR Dump After {name} //----- //\n")
            err.write(_printed(module))
    for line in module.remarks:
        err.write(line + "\n")
    if args.summary:
        for line in module.summaries:
            err.write(line + "\n")
    return _printed(module)


def _printed(module: CirctModule) -> str:
    if module.printed is None:
        got = module.child(action="located-text")
        module.text, module.printed = got.info["located"], got.output
    return module.printed if module.printed.endswith("\n") else module.printed + "\n"
