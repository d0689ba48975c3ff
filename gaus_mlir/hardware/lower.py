"""Pipelines to CIRCT IR and SystemVerilog, in the CIRCT child process."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gaus_mlir.circt import CirctResult, run_circt

from .emit import INPUT, Pipeline
from .loops import LoopPipeline

#: CIRCT's route from a scheduled pipeline to SystemVerilog
TO_VERILOG = "builtin.module(lower-pipeline-to-hw, map-arith-to-comb, lower-seq-to-sv)"


@dataclass(frozen=True)
class Lowered:
    """What CIRCT printed and how long the child process took."""

    text: str
    seconds: float


def module_text(pipelines: list[Pipeline | LoopPipeline]) -> str:
    return "module {\n" + "".join(p.text for p in pipelines) + "}\n"


def to_circt(pipelines: list[Pipeline | LoopPipeline]) -> Lowered:
    """The pipelines parsed, verified and printed by CIRCT (``pipeline.scheduled``
    and ``loopschedule.pipeline``); each loop function is also lowered to
    Calyx, CIRCT's next step for it, so an error there is reported here."""
    r: CirctResult = run_circt(module_text(pipelines), None, output="mlir")
    seconds = r.seconds
    for p in pipelines:
        if isinstance(p, LoopPipeline):
            calyx = run_circt(
                module_text([p]), f"builtin.module({TO_CALYX}{{top-level-function={p.name}}})", output=None
            )
            seconds += calyx.seconds
    return Lowered(r.output, seconds)


def to_verilog(pipelines: list[Pipeline]) -> Lowered:
    """SystemVerilog of the pipelines, one module per function."""
    r = run_circt(module_text(pipelines), TO_VERILOG, output="verilog")
    return Lowered(r.output, r.seconds)


#: CIRCT's lowering of a loopschedule.pipeline (Calyx: no wheel goes further)
TO_CALYX = "lower-loopschedule-to-calyx"

_LOCATED = re.compile(r'(?:error: )?(?:loc\()?"([^"]+)":(\d+):(\d+)\)?: (?:error: )?(.*)')


def circt_location(message: str) -> tuple[str, int, int, str] | None:
    """(file, line, col, message) of the first line of a CIRCT diagnostic
    located in the user's input (:data:`~.emit.INPUT`, what emitted ops carry)."""
    for line in message.splitlines():
        m = _LOCATED.search(line)
        if m and m.group(1) == INPUT:
            return m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    return None
