"""gaus-emit-verilog and gaus-emit-circt: scheduled MLIR functions become
CIRCT pipelines and, through CIRCT's own lowering, SystemVerilog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from gaus_mlir.circt import CirctError, circt_available, hardware_missing_message
from gaus_mlir.diagnostics import Diagnostic

from .options import MLIR, Pass, option

if TYPE_CHECKING:
    from mlir import ir

    from .mlir_passes import MLIRRun


@dataclass(frozen=True)
class EmitPass(Pass):
    """Options shared by the hardware passes."""

    latency_library: str = option(
        "",
        "JSON file of op latencies (the one gaus-schedule used)",
        scope=MLIR,
        values="JSON file",
        details="each op of latency L > 0 becomes a unit with L registers",
    )
    output: str = option(
        "",
        "write to this file and keep the IR (default: it replaces the IR on the output)",
        values="file",
        output_file=True,
    )

    def apply_mlir(self, module_op: ir.Operation | list[ir.Operation], run: MLIRRun) -> None:
        run_emit(module_op, self, run)


@dataclass(frozen=True)
class GausEmitVerilog(EmitPass):
    name: ClassVar[str] = "gaus-emit-verilog"
    summary: ClassVar[str] = (
        "lower each scheduled straight-line function to SystemVerilog through CIRCT's pipeline dialect"
    )


@dataclass(frozen=True)
class GausEmitCirct(EmitPass):
    name: ClassVar[str] = "gaus-emit-circt"
    summary: ClassVar[str] = "print each scheduled straight-line function as a CIRCT pipeline.scheduled"


#: why a pipelined loop stops at Calyx
LOOP_ROUTE = (
    "a pipelined loop lowers through CIRCT's loopschedule dialect to Calyx "
    "(gaus-emit-circt prints it); no installable tool lowers Calyx to SystemVerilog"
)


HARDWARE_PASSES: tuple[type[Pass], ...] = (GausEmitVerilog, GausEmitCirct)


def run_emit(module_op: ir.Operation | list[ir.Operation], opts: EmitPass, run: MLIRRun) -> None:
    from gaus_mlir.hardware.emit import EmitError, plan_function
    from gaus_mlir.hardware.loops import LoopPipeline, pipelined_loop, plan_loop_function
    from gaus_mlir.hardware.lower import to_circt, to_verilog
    from gaus_mlir.ir_bridge.extract import symbol_name

    from .mlir_passes import functions_of, latency_library

    funcs = list(functions_of(module_op))
    if not circt_available():
        raise run.error(hardware_missing_message(f"'{opts.name}'"), funcs[0] if funcs else None)
    lib = latency_library(opts)
    pipelines, emitted, skipped = [], [], []
    verilog = isinstance(opts, GausEmitVerilog)
    for func in funcs:
        try:
            loop = pipelined_loop(func)
            if loop is not None and verilog:
                skipped.append((f"{opts.name}: {LOOP_ROUTE}; @{symbol_name(func)} is not emitted", loop))
                continue
            pipelines.append(plan_function(func, lib) if loop is None else plan_loop_function(func))
            emitted.append(func)
        except EmitError as e:
            raise run.error(f"{opts.name}: {e.message}", e.op if e.op is not None else func) from None
    if not pipelines:
        if skipped:
            raise run.error(skipped[0][0].replace("; @", ": @", 1), skipped[0][1])
        raise run.error(f"{opts.name}: no function to lower", funcs[0] if funcs else None)
    for message, op in skipped:
        run.remark(message, op)
    try:
        lowered = (to_verilog if verilog else to_circt)(pipelines)
    except CirctError as e:
        raise _circt_diagnostic(e, opts, run, funcs[0]) from None
    for p, func in zip(pipelines, emitted, strict=True):
        if isinstance(p, LoopPipeline):
            run.summaries.append(
                run.located(
                    f"@{p.name}: loopschedule.pipeline II={p.ii} stages={p.stages}, lowered to Calyx by "
                    f"CIRCT (no installable tool goes on to SystemVerilog) circt={lowered.seconds:.2f}s",
                    func,
                    "remark",
                )
            )
            continue
        if p.dead:
            run.remark(
                f"{opts.name}: {len(p.dead)} op(s) whose results reach no result of @{p.name} "
                "are not emitted (run canonicalize before scheduling)",
                p.dead[0],
            )
        ff = p.flip_flops
        run.summaries.append(
            run.located(
                f"@{p.name}: pipeline latency={p.latency} flip-flops={ff.total} "
                f"(lifetimes {ff.lifetimes} + units {ff.units} + control {ff.control}) "
                f"circt={lowered.seconds:.2f}s",
                func,
                "remark",
            )
        )
    if opts.output:
        run.outputs.stage(opts.output, lowered.text)
    else:
        run.extracted = lowered.text


def _circt_diagnostic(e: CirctError, opts: EmitPass, run: MLIRRun, func: ir.Operation) -> Diagnostic:
    from gaus_mlir.hardware.lower import circt_location

    where = circt_location(e.message)
    if where is not None:
        return Diagnostic(f"{opts.name}: CIRCT: {where[3]}", run.filename, where[1], where[2])
    return run.error(f"{opts.name}: CIRCT: {e.message}", func)
