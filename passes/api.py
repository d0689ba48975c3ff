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

from gaus_mlir.diagnostics import Diagnostic, OutputFiles

from .gaus_schedule import check_options
from .mlir_passes import MLIRRun
from .mlir_pipeline import add_elements, add_pass
from .options import OptionItem
from .pipeline import parse_pipeline
from .registry import lookup


class GausPassManager:
    """An upstream ``PassManager`` plus the report our passes fill in
    (``summaries``, ``remarks``, ``regions``, ``extracted``); every other
    attribute is the PassManager's."""

    def __init__(self, pm, report: MLIRRun):
        self.pm = pm
        self.gaus = report

    def run(self, op) -> None:
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


def parse_pass_pipeline(pipeline: str, context=None, *, filename: str = "<stdin>") -> GausPassManager:
    """A ready PassManager for a pipeline mixing upstream passes and ours."""
    from mlir.passmanager import PassManager

    pm = PassManager("builtin.module", context=context)
    report = MLIRRun(filename)
    add_elements(pm, parse_pipeline(pipeline), report)
    return GausPassManager(pm, report)


# Python types each option accepts, by its declared type; the value then goes
# through the same parser (and checks) as the pipeline text.
_TYPES = {
    "int": (int,),
    "int | None": (int,),
    "float": (int, float),
    "float | None": (int, float),
    "str": (str,),
    "dict": (dict,),
}


def _items(name: str, options_cls, options: dict) -> list[OptionItem]:
    fields = {f.name: f for f in options_cls.fields()}
    items = []
    for key, value in options.items():
        if value is None:  # the option's default
            continue
        f = fields.get(key.replace("-", "_"))
        allowed = _TYPES.get(str(f.type), (object,)) if f is not None else (object,)
        if f is not None and f.name == "ii" and value == "auto":
            allowed = (str,)
        if isinstance(value, bool) or not isinstance(value, allowed):
            kinds = " or ".join(t.__name__ for t in allowed)
            raise Diagnostic(
                f"option '{key}' of '{name}' takes {kinds}, not {type(value).__name__} {value!r}", "<api>"
            )
        if isinstance(value, dict):
            text = ",".join(f"{k}:{v}" for k, v in value.items())
        else:
            text = str(value)
        items.append(OptionItem(key.replace("_", "-"), text, 1))
    return items


def add_gaus_pass(pm, name: str, report: MLIRRun | None = None, **options) -> MLIRRun:
    """Append ``name`` (gaus-schedule, gaus-verify, gaus-extract) with Python
    keyword options (``mem_ports=2``, ``limits={"mulf": 2}``) to ``pm``;
    returns the report it fills in."""
    if isinstance(pm, GausPassManager):
        report, pm = report or pm.gaus, pm.pm
    report = report or MLIRRun()
    info = lookup(name)
    if info is None or info.run_mlir is None:
        raise ValueError(f"'{name}' is not a gaus pass on MLIR input")
    opts = info.options.parse(name, _items(name, info.options, options))
    check_options(name, opts, "mlir")
    add_pass(pm, info, opts, report)
    return report


def add_gaus_schedule(pm, report: MLIRRun | None = None, **options) -> MLIRRun:
    """``pm.add`` for gaus-schedule with keyword options."""
    return add_gaus_pass(pm, "gaus-schedule", report, **options)


__all__ = ["GausPassManager", "MLIRRun", "add_gaus_pass", "add_gaus_schedule", "parse_pass_pipeline"]
