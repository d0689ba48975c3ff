"""``gaus-opt``: an mlir-opt style driver for gaus passes.

    gaus-opt [FILE|-] [-o OUT] --pass-pipeline='builtin.module(gaus-schedule{method=list})'

Errors are printed as ``FILE:LINE:COL: error: message`` with exit code 1 and
nothing on stdout; output is written only once every pass has succeeded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from typing import TextIO

from gaus_mlir.diagnostics import OutputFiles, unwritable
from gaus_mlir.model import cancel
from gaus_mlir.passes.diagnostics import Diagnostic
from gaus_mlir.passes.driver import pipeline_elements, run_pipeline
from gaus_mlir.passes.registry import list_passes


def _arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="gaus-opt",
        description="Schedule MLIR func/affine/scf kernels and CIRCT SSP "
        "instances with GauS and baseline schedulers; upstream MLIR passes can be mixed "
        "into the pipeline. Run with --list-passes for our passes and options.",
    )
    ap.add_argument("input", nargs="?", default="-", help="input file, or - for stdin")
    ap.add_argument("-o", dest="output", default="-", help="output file (default: stdout)")
    ap.add_argument(
        "--pass-pipeline",
        default="",
        help="textual pass pipeline, e.g. 'builtin.module(gaus-schedule{method=list})'",
    )
    ap.add_argument(
        "--split-input-file",
        action="store_true",
        help="split the input at '// -----' lines and process each chunk",
    )
    ap.add_argument(
        "--allow-unregistered-dialect",
        action="store_true",
        help="accept operations of unregistered dialects (MLIR input)",
    )
    ap.add_argument(
        "--mlir-print-ir-after-all", action="store_true", help="print the IR to stderr after every pass"
    )
    ap.add_argument("--summary", action="store_true", help="print one line per scheduled instance to stderr")
    ap.add_argument("--list-passes", action="store_true", help="list the registered passes and their options")
    return ap


def _read_input(path: str) -> tuple[str, str]:
    if path == "-":
        raw = getattr(sys.stdin, "buffer", None)
        if raw is None:  # a text stream (tests, embedding)
            return sys.stdin.read(), "<stdin>"
        return _decode(raw.read(), "<stdin>"), "<stdin>"
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Diagnostic(f"cannot open input file '{path}': {e.strerror or e}", path) from None
    return _decode(data, path), path


def _decode(data: bytes, filename: str) -> str:
    """UTF-8 text (newlines as Python's text mode reads them); invalid bytes are
    a located error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise Diagnostic(
            f"input is not valid UTF-8 (byte 0x{data[e.start]:02x})", filename, line, col
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = _arg_parser().parse_args(argv)
    if args.list_passes:
        stdout.write(list_passes())
        return 0
    outputs = OutputFiles()  # side files and -o: committed only if every pass succeeded
    try:
        elements = pipeline_elements(args.pass_pipeline)
        if args.output != "-":
            why = unwritable(args.output)
            if why:
                raise Diagnostic(f"cannot open output file '{args.output}': {why}", args.output)
        text, filename = _read_input(args.input)
        output = run_pipeline(text, filename, elements, args, stderr, outputs)
        if output is None:
            return 1
        if args.output != "-":
            outputs.stage(args.output, output)
        with _signals_deferred():  # the renames: all of them or none
            outputs.commit()
        if args.output == "-":
            stdout.write(output)
            stdout.flush()
        return 0
    except Diagnostic as d:
        stderr.write(str(d) + "\n")
        return 1
    finally:
        outputs.discard()


@contextlib.contextmanager
def _signals_deferred():
    """Ignore SIGINT/SIGTERM while the staged files are renamed into place
    (main thread of gaus-opt only; a few system calls), so an interrupted run
    leaves all its files or none."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not _on_signal
    ):
        yield
        return
    old = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _on_signal(signum, _frame):
    cancel.request(signum)
    raise cancel.Interrupted(signum)


def main() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader closed stdout (`| head`): leave as SIGPIPE would, quietly
        _quiet_exit(141)
    except KeyboardInterrupt as e:  # SIGINT: 130, SIGTERM: 143; nothing on stdout
        code = getattr(e, "exit_code", 130)
        _quiet_exit(code)
    except Exception as e:  # no Python traceback for users; GAUS_DEBUG=1 shows it
        if os.environ.get("GAUS_DEBUG"):
            raise
        sys.stderr.write(f"gaus-opt: error: internal error: {type(e).__name__}: {e}\n")
        code = 1
    sys.stdout.flush()
    sys.exit(code)


def _quiet_exit(code: int) -> None:
    """Leave at once after an interrupt: no buffered stdout, no waiting for
    solver threads or interpreter teardown."""
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)


if __name__ == "__main__":
    main()
