"""Python API in the style of the MLIR bindings.

    from mlir import ir
    from gaus_mlir.passes.api import parse_pass_pipeline, add_gaus_schedule

    with ir.Context():
        module = ir.Module.parse(open("examples/gemm.mlir").read())
        pm = parse_pass_pipeline(
            "builtin.module(func.func(canonicalize),gaus-schedule{method=gaus},cse)")
        pm.run(module.operation)
        print(pm.gaus.summaries)      # one line per scheduled region

or, on a PassManager you already have:

        report = add_gaus_schedule(pm, method="list", mem_ports=2)

Errors are :class:`~gaus_mlir.diagnostics.Diagnostic` exceptions whose text is
the ``file:line:col: error: ...`` line gaus-opt would print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gaus_mlir.diagnostics import OutputFiles

from .mlir_passes import MLIRRun
from .mlir_pipeline import add_elements, add_pass
from .pipeline import parse_pipeline
from .registry import lookup

if TYPE_CHECKING:  # mlir is imported only when a pipeline is built
    from mlir import ir
    from mlir.passmanager import PassManager


class GausPassManager:
    """An upstream ``PassManager`` plus the report our passes fill in
    (``summaries``, ``remarks``, ``regions``, ``extracted``); every other
    attribute is the PassManager's."""

    def __init__(self, pm: PassManager, report: MLIRRun):
        self.pm = pm
        self.gaus = report

    def run(self, op: ir.Operation | ir.OpView) -> None:
        """Run the pipeline; side files (``gantt=``, ``log=``, ``output=``) are
        written only if every pass succeeded, and the report holds this run's
        lines only."""
        self.gaus.reset()
        self.gaus.outputs = OutputFiles()
        try:
            self.pm.run(op)
            self.gaus.outputs.commit()
        finally:
            self.gaus.outputs.discard()
            self.gaus.outputs = None

    def __getattr__(self, name):
        return getattr(self.pm, name)


def parse_pass_pipeline(
    pipeline: str, context: ir.Context | None = None, *, filename: str = "<stdin>"
) -> GausPassManager:
    """A ready PassManager for a pipeline mixing upstream passes and ours."""
    from mlir.passmanager import PassManager

    pm = PassManager("builtin.module", context=context)
    report = MLIRRun(filename)
    add_elements(pm, parse_pipeline(pipeline), report)
    return GausPassManager(pm, report)


def add_gaus_pass(
    pm: PassManager | GausPassManager, name: str, report: MLIRRun | None = None, **options: Any
) -> MLIRRun:
    """Append ``name`` (gaus-schedule, gaus-verify, gaus-extract) with Python
    keyword options (``mem_ports=2``, ``limits={"mulf": 2}``; each checked as
    its pipeline text would be) to ``pm``; returns the report it fills in."""
    if isinstance(pm, GausPassManager):
        report, pm = report or pm.gaus, pm.pm
    report = report or MLIRRun()
    cls = lookup(name)
    if cls is None or not cls.runs_on("mlir"):
        raise ValueError(f"'{name}' is not a gaus pass on MLIR input")
    gaus_pass = cls.from_keywords(**options)
    gaus_pass.check("mlir")
    add_pass(pm, gaus_pass, report)
    return report


def add_gaus_schedule(
    pm: PassManager | GausPassManager, report: MLIRRun | None = None, **options: Any
) -> MLIRRun:
    """``pm.add`` for gaus-schedule with keyword options."""
    return add_gaus_pass(pm, "gaus-schedule", report, **options)


__all__ = ["GausPassManager", "MLIRRun", "add_gaus_pass", "add_gaus_schedule", "parse_pass_pipeline"]
