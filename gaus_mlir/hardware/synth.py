"""Yosys cell statistics of a module, for counting its flip-flops.

``synth -flatten -noabc`` maps every register to single-bit flip-flop cells
(``$_DFF_P_``, ``$_SDFF_PP0_``, ``$_DFFE_PP_``, ...), so their count is the
number of register bits: the hardware measure of what a register-aware
schedule saves.  ABC is skipped: it stops silently in the WebAssembly build
and does not change the flip-flops.  The statistics come from ``stat -json``
written to a file, not from the log.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .tools import ToolFailed, tail, yosys_command

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


@dataclass(frozen=True)
class YosysStats:
    """``ff_bits``: single-bit flip-flop cells; ``cells``: all cells;
    ``by_type``: cell count per Yosys cell type."""

    ff_bits: int
    cells: int
    by_type: dict[str, int] = field(default_factory=dict)


def is_flip_flop(cell_type: str) -> bool:
    """Yosys's fine-grained flip-flops: ``$_DFF_*``, ``$_DFFE_*``,
    ``$_SDFF_*``, ``$_SDFFE_*``, ``$_SDFFCE_*``, ``$_DFFSR_*``,
    ``$_DFFSRE_*``, ``$_ALDFF_*``, ``$_ALDFFE_*`` (not latches)."""
    return cell_type.startswith("$_") and "DFF" in cell_type


#: the registers as the RTL writes them, one cell per bit (no optimisation
#: that merges or drops bits): what gaus-emit-verilog predicts exactly
ELABORATE = "hierarchy -top {top}; proc; flatten; opt_clean; techmap"
#: synthesis without ABC (it stops silently in the WebAssembly build); it also
#: drops redundant register bits (e.g. the copies of a sign bit)
SYNTHESIZE = "synth -top {top} -flatten -noabc"


def yosys_stats(verilog: str, top: str, *, synth: bool = True, timeout: float = 900.0) -> YosysStats:
    """Count the cells of ``top`` of ``verilog`` after ``synth -top top -flatten
    -noabc`` (``synth=False``: after elaboration only, :data:`ELABORATE`).  The
    first Yosys run of a machine compiles the WebAssembly module (about a
    minute); later runs take about a second."""
    if not _NAME.fullmatch(top):
        raise ValueError(f"{top!r} is not a plain Verilog identifier")
    steps = (SYNTHESIZE if synth else ELABORATE).format(top=top)
    script = f"read_verilog -sv {top}.sv; {steps}; tee -q -o stat.json stat -json"
    with tempfile.TemporaryDirectory(prefix="gaus-yosys-") as tmp:
        # the WebAssembly sandbox sees the working folder only: relative names
        Path(tmp, f"{top}.sv").write_text(verilog)
        done = subprocess.run(
            [*yosys_command(), "-q", "-p", script],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        report = Path(tmp, "stat.json")
        if done.returncode != 0 or not report.is_file():
            raise ToolFailed(
                f"Yosys failed on {top} (exit {done.returncode}):\n{tail(done.stderr + done.stdout)}"
            )
        stats = json.loads(report.read_text())
    return parse_stat_json(stats, top)


def parse_stat_json(stats: dict, top: str) -> YosysStats:
    """The counts of ``stat -json``: the whole design (after ``-flatten``, the
    top module alone)."""
    design = stats.get("design")
    if design is None:
        modules = stats.get("modules", {})
        design = modules.get("\\" + top) or modules.get(top)
    if design is None or "num_cells_by_type" not in design:
        raise ToolFailed(f"Yosys's statistics name no design or module {top}: {sorted(stats)}")
    by_type = {str(k): int(v) for k, v in design["num_cells_by_type"].items()}
    ff_bits = sum(n for t, n in by_type.items() if is_flip_flop(t))
    return YosysStats(
        ff_bits=ff_bits, cells=int(design.get("num_cells", sum(by_type.values()))), by_type=by_type
    )
