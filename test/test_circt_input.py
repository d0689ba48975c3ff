"""CIRCT pipeline input: gaus-schedule as a drop-in for CIRCT's
``pipeline-schedule-linear``.  Every schedule is read back from the printed
``pipeline.scheduled`` and goes through ``problem.verify``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gaus_mlir.circt import CirctMissing, circt_available
from gaus_mlir.cli import run
from gaus_mlir.model import Schedule
from gaus_mlir.model.generate import random_problem
from gaus_mlir.passes import circt_passes
from gaus_mlir.passes.driver import is_circt_pipeline
from gaus_mlir.schedulers import schedule
from gaus_mlir.schedulers.circt_linear import pipeline_text

needs_circt = pytest.mark.skipif(not circt_available(), reason="pycde (CIRCT) is not installed")
LINEAR = Path(__file__).parent / "circt" / "schedule-linear-pipeline.mlir"


def gaus_opt(text: str, pipeline: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(text)
    import sys

    saved = sys.stdin
    sys.stdin = stdin
    try:
        code = run(["-", f"--pass-pipeline=builtin.module({pipeline})", "--summary"], out, err)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def read_back(text: str) -> list:
    """(problem, stages) of every pipeline in CIRCT output."""
    module = circt_passes.CirctModule("<out>", text)
    return [(pl.problem, pl.stages, pl.kind) for pl in module.pipelines()]


def test_detection():
    assert is_circt_pipeline("hw.module @m() {}")
    assert is_circt_pipeline("  %0 = pipeline.unscheduled(")
    assert not is_circt_pipeline("// hw.module in a comment\nfunc.func @f() { return }")
    assert not is_circt_pipeline('func.func @f() attributes {x = "pipeline.scheduled"} {}')
    assert not is_circt_pipeline('ssp.instance @i of "Problem" {}')


@needs_circt
@pytest.mark.parametrize("method", ["circt", "list", "lp", "asap", "cpsat"])
def test_every_method_schedules_circts_test(method):
    code, out, err = gaus_opt(LINEAR.read_text(), f"gaus-schedule{{method={method}}}")
    assert code == 0, err
    assert "pipeline.unscheduled" not in out and "pipeline.scheduled" in out
    [(p, stages, kind)] = read_back(out)
    assert kind == "scheduled"
    p.verify(Schedule(stages))
    assert stages[-1] == 7  # the critical path add(2) -> mul(3) -> add(2) ends at stage 7
    assert f"method={method} latency=7" in err


@needs_circt
@pytest.mark.parametrize("seed", range(5))
def test_circt_method_equals_circts_pass_on_random_pipelines(seed):
    """The synthetic module of a random problem is itself CIRCT input:
    method=circt prints exactly what pipeline-schedule-linear prints, and lp
    reaches the same latency (its objective: the return's start)."""
    p = random_problem(seed, "Problem", 12, sink=True)
    text = pipeline_text(p)
    code, ours, err = gaus_opt(text, "gaus-schedule{method=circt},gaus-verify")
    assert code == 0, err
    code, theirs, err = gaus_opt(text, "any(pipeline-schedule-linear),gaus-verify")
    assert code == 0, err
    assert ours == theirs
    code, by_lp, err = gaus_opt(text, "gaus-schedule{method=lp}")
    assert code == 0, err
    [(q, stages, _)] = read_back(by_lp)
    q.verify(Schedule(stages))
    [(_, circt_stages, _)] = read_back(theirs)
    assert stages[-1] == circt_stages[-1] == schedule(p, "circt").latency(p)


@needs_circt
def test_register_objective_on_circt_input():
    code, out, err = gaus_opt(
        LINEAR.read_text(), "gaus-schedule{method=cpsat objective=registers latency-bound=9}"
    )
    assert code == 0, err
    [(p, stages, _)] = read_back(out)
    p.verify(Schedule(stages))
    assert max(stages) <= 9


@needs_circt
def test_already_scheduled_is_left_alone_with_a_remark():
    _, once, _ = gaus_opt(LINEAR.read_text(), "gaus-schedule{method=list}")
    code, twice, err = gaus_opt(once, "gaus-schedule{method=lp}")
    assert code == 0 and twice == once
    assert "remark: @pipeline is already scheduled" in err


def test_missing_pycde_is_a_located_error_with_the_hint(monkeypatch):
    def missing(*args, **kwargs):
        raise CirctMissing("no pycde")

    monkeypatch.setattr(circt_passes, "run_circt", missing)
    code, out, err = gaus_opt(LINEAR.read_text(), "gaus-schedule{method=list}")
    assert code == 1 and out == ""
    assert "CIRCT pipeline input needs CIRCT" in err and "gaus-mlir[hardware]" in err
