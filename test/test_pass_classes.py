"""Passes as classes: one frozen dataclass per pass whose fields are its
options; the registry, ``--list-passes`` and the README's option tables come
from them, and method options reach a method by its own signature."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import run_cli

from gaus_mlir.diagnostics import Diagnostic
from gaus_mlir.model import UnsupportedProblemError
from gaus_mlir.passes import gaus_schedule
from gaus_mlir.passes.driver import pipeline_elements, run_pipeline
from gaus_mlir.passes.gaus_schedule import GausSchedule, schedule_problem
from gaus_mlir.passes.options import Pass, option, parse_positive_int
from gaus_mlir.passes.pipeline import parse_pipeline
from gaus_mlir.passes.registry import PASSES, list_passes, options_tables
from gaus_mlir.schedulers import METHODS, Method
from gaus_mlir.ssp import parse

README = Path(__file__).resolve().parents[1] / "README.md"
TABLES = re.compile(r"<!-- BEGIN options tables[^\n]*-->\n(.*?)<!-- END options tables -->", re.S)

ACYCLIC = """ssp.instance @tiny of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<2>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@x> @a() uses[@r]
    %1 = operation<@x> @b() uses[@r]
    operation<@x> @c(%0, %1) uses[@r]
  }
}
"""


def test_readme_option_tables_are_the_generated_ones():
    m = TABLES.search(README.read_text(encoding="utf-8"))
    assert m, "README.md lacks the <!-- BEGIN options tables ... --> block"
    fresh = options_tables()
    if m.group(1) != fresh:
        print(fresh)  # paste between the README's BEGIN/END markers
    assert m.group(1) == fresh, "README option tables are stale: paste the printed tables"


def test_registry_is_built_from_the_pass_classes():
    assert sorted(PASSES) == [
        "gaus-emit-circt",
        "gaus-emit-verilog",
        "gaus-extract",
        "gaus-schedule",
        "gaus-verify",
    ]
    for name, cls in PASSES.items():
        assert issubclass(cls, Pass) and cls.name == name and cls.runs_on("mlir")
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    assert PASSES["gaus-schedule"].runs_on("ssp") and not PASSES["gaus-extract"].runs_on("ssp")
    assert list_passes().startswith("gaus-emit-circt: print each scheduled")
    assert "\ngaus-extract: print each MLIR region" in list_passes()


@pytest.fixture
def recording_method(monkeypatch):
    """A method ``rec`` whose signature takes ``seed``, ``time_limit``,
    ``depth``, ``limits`` and ``latency_bound``; it records what it got."""
    from gaus_mlir.schedulers.asap import schedule_asap

    got = {}

    def rec(problem, *, seed=0, time_limit=None, depth=None, limits=None, latency_bound=None):
        got.update(seed=seed, time_limit=time_limit, depth=depth, limits=limits, latency_bound=latency_bound)
        got["called"] = True
        return schedule_asap(problem)

    real_load = Method.load
    monkeypatch.setattr(Method, "load", lambda self: rec if self.name == "rec" else real_load(self))
    monkeypatch.setitem(METHODS, "rec", Method("rec", "asap:schedule_asap", "test double", lambda p: None))
    return got


def _pass(cls, text: str):
    (el,) = parse_pipeline(f"{cls.name}{{{text}}}")
    return cls.from_pipeline(el.options)


def test_method_options_reach_the_method_by_its_signature(recording_method):
    problem = parse(ACYCLIC.replace("[limit<1>]", ""))[0].problem
    schedule_problem(problem, _pass(GausSchedule, "method=rec seed=7 time-limit=3"))
    assert (
        recording_method["called"] and recording_method["seed"] == 7 and recording_method["time_limit"] == 3.0
    )


def test_adding_a_method_option_is_one_field(recording_method):
    """A new field whose name is a keyword of the method reaches it; the
    pass's own options never do, even where the method has a parameter of
    that name."""

    @dataclasses.dataclass(frozen=True)
    class WithDepth(GausSchedule):
        depth: int | None = option(None, "depth of {methods}", parse=parse_positive_int)

    problem = parse(ACYCLIC.replace("[limit<1>]", ""))[0].problem
    opts = _pass(WithDepth, "method=rec depth=5")
    schedule_problem(problem, opts)
    assert recording_method["depth"] == 5
    assert recording_method["limits"] is None and recording_method["latency_bound"] is None
    assert "depth of gs-schedule, rec" in "\n".join(WithDepth.describe())


def test_option_help_and_errors_name_the_methods_whose_signature_takes_it(recording_method):
    listing = list_passes()
    (line,) = [x for x in listing.splitlines() if x.lstrip().startswith("time-limit:")]
    for m in ("cpsat", "fds", "gaus", "gs-schedule", "hybrid", "rec"):
        assert m in line
    with pytest.raises(
        Diagnostic, match=r"'time-limit' does not apply to method 'list' \(it applies to: .*rec"
    ):
        _pass(GausSchedule, "method=list time-limit=3").check("ssp")


def test_objective_error_names_every_method_with_an_objective():
    problem = parse(ACYCLIC)[0].problem
    with pytest.raises(UnsupportedProblemError) as e:
        schedule_problem(problem, _pass(GausSchedule, "method=list objective=comm"))
    assert str(e.value.message).startswith(
        "objective=comm needs method=gaus, gs-schedule or hybrid; method 'list' minimises"
    )


def test_keywords_build_the_same_pass_as_the_pipeline_text():
    text = "method=ims mem-ports=2 limits=mulf:2,divf:1 time-limit=2.5 ii=auto"
    from_text = _pass(GausSchedule, text)
    from_kw = GausSchedule.from_keywords(
        method="ims", mem_ports=2, limits={"mulf": 2, "divf": 1}, time_limit=2.5, ii="auto"
    )
    assert from_kw == from_text and from_kw.explicit == from_text.explicit
    with pytest.raises(Diagnostic, match="invalid value 'mulf:0' for option 'limits'.*expected a limit >= 1"):
        GausSchedule.from_keywords(limits={"mulf": 0})
    with pytest.raises(Diagnostic, match="invalid value 'mulf:1.5' for option 'limits'.*malformed value"):
        GausSchedule.from_keywords(limits={"mulf": 1.5})
    with pytest.raises(Diagnostic, match="'time-limit' of 'gaus-schedule': expected a positive number"):
        GausSchedule.from_keywords(time_limit=10**400)


def test_driver_runs_an_ssp_pipeline_without_the_cli():
    import io
    from types import SimpleNamespace

    from gaus_mlir.diagnostics import OutputFiles

    flags = SimpleNamespace(
        split_input_file=False, summary=True, mlir_print_ir_after_all=False, allow_unregistered_dialect=False
    )
    err = io.StringIO()
    elements = pipeline_elements("builtin.module(gaus-schedule{method=list})")
    out = run_pipeline(ACYCLIC, "tiny.mlir", elements, flags, err, OutputFiles())
    code, cli_out, cli_err = run_cli(
        ["-", "--summary", "--pass-pipeline=builtin.module(gaus-schedule)"], ACYCLIC
    )
    assert code == 0 and out == cli_out
    assert err.getvalue().split(" time=")[0] == cli_err.split(" time=")[0]


def test_schedule_problem_is_still_the_patchable_core(monkeypatch):
    """The pass core calls ``gaus_schedule.schedule`` (tests patch it)."""
    calls = []
    real = gaus_schedule.schedule
    monkeypatch.setattr(gaus_schedule, "schedule", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    schedule_problem(parse(ACYCLIC)[0].problem, GausSchedule())
    assert calls == ["list"]
