"""``gaus-opt``: an mlir-opt style driver for gaus passes.

    gaus-opt [FILE|-] [-o OUT] --pass-pipeline='builtin.module(gaus-schedule{method=list})'

Errors are printed as ``FILE:LINE:COL: error: message`` with exit code 1 and
nothing on stdout; output is written only once every pass has succeeded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import threading

from gaus_mlir.diagnostics import OutputFiles, unwritable
from gaus_mlir.model import cancel
from gaus_mlir.passes.diagnostics import Diagnostic, pipeline_error
from gaus_mlir.passes.gaus_schedule import check_options
from gaus_mlir.passes.pipeline import PassElement, parse_pipeline, strip_module_anchor
from gaus_mlir.passes.registry import all_passes, lookup

SPLIT_MARKER = re.compile(r"^// -----.*$", re.MULTILINE)


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


def _list_passes() -> str:
    lines = []
    for p in all_passes():
        lines.append(f"{p.name}: {p.summary}")
        lines.extend(p.options.describe())
    return "\n".join(lines) + "\n"


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


def _ssp_pipeline(elements: list[PassElement]):
    """Resolve each pipeline element to (PassInfo, options) for SSP input."""
    out = []
    for el in elements:
        info = lookup(el.name)
        if info is None:
            if el.nested is not None or "." in el.name:
                raise pipeline_error(
                    f"'{el.name}' is an MLIR pass or anchor; it cannot run on an SSP file", el.col
                )
            raise pipeline_error(f"'{el.name}' does not refer to a registered pass", el.col)
        if el.nested is not None:
            raise pipeline_error(f"pass '{el.name}' takes no nested pipeline", el.col)
        if info.run_ssp is None:
            raise pipeline_error(f"pass '{el.name}' does not run on SSP input", el.col)
        opts = info.options.parse(el.name, el.options)
        for it in el.options:
            if it.key.replace("-", "_") in getattr(info.options, "MLIR_ONLY", ()):
                raise pipeline_error(
                    f"option '{it.key}' of '{el.name}' applies to MLIR input, not to SSP files", it.col
                )
        check_options(el.name, opts, "ssp")
        out.append((info, opts))
    return out


_NOISE = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*')
_SSP_START = re.compile(
    r"\s*(?:(?:builtin\.)?module\b\s*(?:@[\w$.\-]+\s*)?\{\s*)*"
    r"ssp\.(?:instance|library|resource)\b"
)


MAX_NESTING = 100  # nested regions / modules / attribute dictionaries


def _check_nesting(text: str, filename: str) -> None:
    """A located error for input nested deeper than :data:`MAX_NESTING` braces
    (the parsers and IR walks are recursive; real kernels are far shallower)."""
    depth = 0
    for m in re.finditer(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|[{}]', text):
        tok = m.group()
        if tok == "{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                raise Diagnostic(
                    f"input nested more than {MAX_NESTING} levels deep (regions, modules or attributes)",
                    filename,
                    line,
                    col,
                )
        elif tok == "}":
            depth -= 1


def _is_ssp(text: str) -> bool:
    """SSP input: the first operation (inside any ``module {``) is an ``ssp.*``
    one; string literals and comments are not looked at."""
    return _SSP_START.match(_NOISE.sub(" ", text)) is not None


def _run_ssp_chunk(text: str, filename: str, passes, args, err, outputs=None) -> str:
    from gaus_mlir.passes.ssp_passes import SSPModule
    from gaus_mlir.ssp import parse

    module = SSPModule(filename, parse(text, filename))  # SSPSyntaxError is a Diagnostic
    if outputs is not None:
        module.outputs = outputs
    for info, opts in passes:
        info.run_ssp(module, opts)
        if args.mlir_print_ir_after_all:
            err.write(f"// -----// IR Dump After {info.display_name} ({info.name}) //----- //\n")
            err.write(module.text())
    for line in module.remarks:
        err.write(line + "\n")
    if args.summary:
        for line in module.summaries:
            err.write(line + "\n")
    return module.text()


def _chunks(text: str, split: bool) -> list[str]:
    """Input chunks; each keeps blank lines in front so line numbers stay true."""
    if not split:
        return [text]
    out, pos, line = [], 0, 0
    for m in SPLIT_MARKER.finditer(text):
        piece = text[pos : m.start()]
        out.append("\n" * line + piece)
        line += piece.count("\n") + 1
        pos = m.end() + 1
    out.append("\n" * line + text[pos:])
    return out


def run(argv: list[str] | None = None, stdout=None, stderr=None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = _arg_parser().parse_args(argv)
    if args.list_passes:
        stdout.write(_list_passes())
        return 0
    outputs = OutputFiles()  # side files and -o: committed only if every pass succeeded
    try:
        elements = strip_module_anchor(parse_pipeline(args.pass_pipeline))
        if args.output != "-":
            why = unwritable(args.output)
            if why:
                raise Diagnostic(f"cannot open output file '{args.output}': {why}", args.output)
        text, filename = _read_input(args.input)
        failed = False
        results = []
        for chunk in _chunks(text, args.split_input_file):
            _check_nesting(chunk, filename)
            if not _is_ssp(chunk) and chunk.strip():
                from gaus_mlir.passes.mlir_pipeline import run_mlir_chunk

                run_chunk = run_mlir_chunk
                prepared = elements
            else:
                run_chunk = _run_ssp_chunk
                prepared = _ssp_pipeline(elements)
            try:
                results.append(run_chunk(chunk, filename, prepared, args, stderr, outputs=outputs))
            except Diagnostic as d:
                if not args.split_input_file:
                    raise
                stderr.write(str(d) + "\n")
                failed = True
        if failed:
            return 1
        output = "// -----\n".join(results)
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
