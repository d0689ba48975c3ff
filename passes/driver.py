"""The gaus-opt driver behind the command line: a pipeline run over the input
text, chunk by chunk (``--split-input-file``), each chunk on the SSP or the
MLIR runner.  The caller reads the input and commits ``outputs``."""

from __future__ import annotations

import re
from typing import Protocol, TextIO

from gaus_mlir.diagnostics import OutputFiles

from .diagnostics import Diagnostic
from .pipeline import PassElement, parse_pipeline, strip_module_anchor

SPLIT_MARKER = re.compile(r"^// -----.*$", re.MULTILINE)

_NOISE = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*')
_SSP_START = re.compile(
    r"\s*(?:(?:builtin\.)?module\b\s*(?:@[\w$.\-]+\s*)?\{\s*)*"
    r"ssp\.(?:instance|library|resource)\b"
)


MAX_NESTING = 100  # nested regions / modules / attribute dictionaries


class Flags(Protocol):
    """The gaus-opt flags a run reads (the command line's ``argparse.Namespace``,
    or any object with these attributes)."""

    split_input_file: bool
    summary: bool
    mlir_print_ir_after_all: bool
    allow_unregistered_dialect: bool


def pipeline_elements(text: str) -> list[PassElement]:
    """The ``--pass-pipeline`` text parsed, without its outer ``builtin.module(...)``."""
    return strip_module_anchor(parse_pipeline(text))


def check_nesting(text: str, filename: str) -> None:
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


def is_ssp(text: str) -> bool:
    """SSP input: the first operation (inside any ``module {``) is an ``ssp.*``
    one; string literals and comments are not looked at."""
    return _SSP_START.match(_NOISE.sub(" ", text)) is not None


_CIRCT_INPUT = re.compile(r"\b(?:hw\.module|pipeline\.(?:un)?scheduled)\b")


def is_circt_pipeline(text: str) -> bool:
    """CIRCT input (see ``circt_passes``): an ``hw.module`` or a pipeline op
    outside strings and comments (MLIR 22 cannot parse either)."""
    return _CIRCT_INPUT.search(_NOISE.sub(" ", text)) is not None


def chunks(text: str, split: bool) -> list[str]:
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


def run_pipeline(
    text: str, filename: str, elements: list[PassElement], args: Flags, err: TextIO, outputs: OutputFiles
) -> str | None:
    """Run ``elements`` on every chunk of ``text``; the output text, or None
    when a chunk of a split input failed (its error already written to
    ``err``).  ``args``: gaus-opt's flags (``split_input_file``, ``summary``,
    ``mlir_print_ir_after_all``, ``allow_unregistered_dialect``)."""
    failed = False
    results = []
    for chunk in chunks(text, args.split_input_file):
        check_nesting(chunk, filename)
        if is_circt_pipeline(chunk):  # hw/pipeline: parsed by CIRCT in its child process
            from .circt_passes import circt_pipeline, run_circt_chunk

            run_chunk = run_circt_chunk
            prepared = circt_pipeline(elements)
        elif not is_ssp(chunk) and chunk.strip():
            from .mlir_pipeline import run_mlir_chunk

            run_chunk = run_mlir_chunk
            prepared = elements
        else:
            from .ssp_passes import run_ssp_chunk, ssp_pipeline

            run_chunk = run_ssp_chunk
            prepared = ssp_pipeline(elements)
        try:
            results.append(run_chunk(chunk, filename, prepared, args, err, outputs=outputs))
        except Diagnostic as d:
            if not args.split_input_file:
                raise
            err.write(str(d) + "\n")
            failed = True
    if failed:
        return None
    return "// -----\n".join(results)
