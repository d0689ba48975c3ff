"""Pipelines to CIRCT IR and SystemVerilog, in the CIRCT child process."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gaus_mlir.circt import CirctResult, run_circt

from .emit import Pipeline

#: CIRCT's route from a scheduled pipeline to SystemVerilog
TO_VERILOG = "builtin.module(lower-pipeline-to-hw, map-arith-to-comb, lower-seq-to-sv)"


@dataclass(frozen=True)
class Lowered:
    """What CIRCT printed and how long the child process took."""

    text: str
    seconds: float


def module_text(pipelines: list[Pipeline]) -> str:
    return "module {\n" + "".join(p.text for p in pipelines) + "}\n"


def to_circt(pipelines: list[Pipeline]) -> Lowered:
    """The pipelines parsed, verified and printed by CIRCT (``pipeline.scheduled``)."""
    r: CirctResult = run_circt(module_text(pipelines), None, output="mlir")
    return Lowered(r.output, r.seconds)


def to_verilog(pipelines: list[Pipeline]) -> Lowered:
    """SystemVerilog of the pipelines, one module per function."""
    r = run_circt(module_text(pipelines), TO_VERILOG, output="verilog")
    return Lowered(r.output, r.seconds)


_LOCATED = re.compile(r'(?:error: )?(?:loc\()?"([^"]+)":(\d+):(\d+)\)?: (?:error: )?(.*)')


def circt_location(message: str) -> tuple[str, int, int, str] | None:
    """(file, line, col, message) of the first located line of a CIRCT
    diagnostic, when it names a file of the user's (not CIRCT's "-")."""
    for line in message.splitlines():
        m = _LOCATED.search(line)
        if m and m.group(1) != "-":
            return m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    return None
