"""Reproducible output and bounded time of the iterative methods (gaus,
gs-schedule, hybrid, cpsat; ``gaus_mlir.schedulers.budget``).

* with ``time_limit`` the output does not depend on how fast time passes
  (a frozen clock and a ticking fake clock give the same schedule, and so do
  two real runs), as long as ``stats["ended_by"]`` is not "time-limit";
* the wall-clock cap reaches the relaxation and the legalizer: a clock that
  jumps past the deadline stops both at once, and the result still verifies;
* absurd numeric options and ``device=cuda`` without a GPU are clean errors
  raised before anything is allocated.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from gaus_mlir.model import UnsupportedProblemError, time_constrained
from gaus_mlir.model.generate import layered_dag, random_problem
from gaus_mlir.model.graph import asap_times
from gaus_mlir.schedulers import budget as budget_mod
from gaus_mlir.schedulers import schedule

torch = pytest.importorskip("torch")


def _shared():
    return layered_dag(160, seed=3, width=16, fanin=2, limit=3)


def _tc():
    p = layered_dag(160, seed=4, width=16, fanin=2, limit=3)
    a = p.arrays
    length = int((asap_times(p) + a.lat).max())
    return time_constrained(p, math.ceil(1.1 * length))


def _tc_small():
    p = random_problem(5, "SharedOperatorsProblem", 12)
    a = p.arrays
    return time_constrained(p, int((asap_times(p) + a.lat).max()) + 2)


def _modulo():
    return random_problem(7, "ModuloProblem", 12)


class _Ticking:
    """A fake clock that advances ``step`` seconds per reading."""

    def __init__(self, step):
        self.t, self.step = 0.0, step

    def __call__(self):
        self.t += self.step
        return self.t


class _Jump:
    """A fake clock at 0 for its first ``calls`` readings, then far later."""

    def __init__(self, calls=1):
        self.n, self.calls = 0, calls

    def __call__(self):
        self.n += 1
        return 0.0 if self.n <= self.calls else 1e9


CASES = [
    ("gaus", _shared, dict(time_limit=6.0, device="cpu")),
    ("gaus", _tc, dict(time_limit=6.0, device="cpu")),
    ("gs-schedule", _tc_small, dict(time_limit=3.0, device="cpu")),
    ("hybrid", _shared, dict(time_limit=2.0, device="cpu")),
    ("hybrid", _tc, dict(time_limit=2.0, device="cpu")),
    ("hybrid", _modulo, dict(time_limit=2.0, device="cpu")),
    # CP-SAT's deterministic time runs at 0.03-0.3 per wall second depending on
    # the machine's load: an explicit work budget far inside a generous cap
    ("cpsat", _shared, dict(time_limit=60.0, work=0.1)),
    ("cpsat", _modulo, dict(time_limit=60.0, work=0.1, workers=2)),
]


def _same(a, b):
    assert a.start.tolist() == b.start.tolist()
    assert a.ii == b.ii


@pytest.mark.parametrize("method,make,opts", CASES, ids=[f"{m}-{f.__name__[1:]}" for m, f, _ in CASES])
def test_time_limited_output_does_not_depend_on_the_clock(monkeypatch, method, make, opts):
    p = make()
    monkeypatch.setattr(budget_mod, "_clock", lambda: 0.0)  # an infinitely fast machine
    frozen = schedule(p, method, **opts)
    monkeypatch.setattr(budget_mod, "_clock", _Ticking(1e-4))  # time passes, under the cap
    ticking = schedule(make(), method, **opts)
    assert frozen.stats["ended_by"] in ("work-budget", "converged")
    assert ticking.stats["ended_by"] in ("work-budget", "converged")
    _same(frozen, ticking)


@pytest.mark.parametrize(
    "method,make,opts",
    CASES[:4] + CASES[6:7],
    ids=[f"{m}-{f.__name__[1:]}" for m, f, _ in CASES[:4] + CASES[6:7]],
)
def test_two_real_runs_agree_unless_the_cap_ended_one(method, make, opts):
    a = schedule(make(), method, **opts)
    b = schedule(make(), method, **opts)
    if "time-limit" not in (a.stats.get("ended_by"), b.stats.get("ended_by")):
        _same(a, b)
        assert a.stats.get("iterations") == b.stats.get("iterations")


def test_gaus_budget_caps_the_iterations_deterministically(monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", lambda: 0.0)
    full = schedule(_shared(), "gaus", device="cpu", iterations=400)
    capped = schedule(_shared(), "gaus", device="cpu", iterations=400, time_limit=6.0)
    assert full.stats["ended_by"] == "work-budget"
    assert 0 < capped.stats["iterations"] < full.stats["iterations"] == 400
    assert capped.stats["work_used"] <= capped.stats["work_budget"] + 1e-9


@pytest.mark.parametrize("make,baseline", [(_shared, "list_alap"), (_tc, "list_bisect")])
def test_deadline_reaches_relaxation_and_legalizer(monkeypatch, make, baseline):
    monkeypatch.setattr(budget_mod, "_clock", _Jump())
    s = schedule(make(), "gaus", device="cpu", iterations=400, time_limit=100.0)  # verifies
    assert s.stats["ended_by"] == "time-limit"
    assert s.stats["iterations"] <= 1  # the relaxation stopped at its first check
    # the legalizer built no candidate beyond the baseline
    assert set(s.stats["candidates"]) == {baseline}


def test_deadline_stops_gs_schedule_and_hybrid(monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", _Jump())
    g = schedule(_tc_small(), "gs-schedule", device="cpu", iterations=50, time_limit=100.0)
    assert g.stats["ended_by"] == "time-limit" and g.stats["iterations"] == 1
    monkeypatch.setattr(budget_mod, "_clock", _Jump())
    h = schedule(_shared(), "hybrid", device="cpu", time_limit=100.0)
    assert h.stats["ended_by"] == "time-limit"


@pytest.mark.parametrize("method", ["gaus", "gs-schedule"])
def test_absurd_batch_is_an_error_before_allocating(method):
    with pytest.raises(UnsupportedProblemError, match=r"batch=100000000 needs about .* GiB"):
        schedule(_tc(), method, device="cpu", batch=100_000_000)


@pytest.mark.parametrize("method", ["gaus", "gs-schedule"])
@pytest.mark.parametrize(
    "opt,value",
    [
        ("iterations", 10**12),
        ("iterations", -3),
        ("batch", 0),
        ("lr", -1.0),
        ("lr", math.nan),
        ("time_limit", -5.0),
        ("time_limit", "5"),
        ("time_limit", math.nan),
    ],
)
def test_bad_numbers_are_errors(method, opt, value):
    with pytest.raises(UnsupportedProblemError, match=opt.replace("_", "[-_]")):
        schedule(_tc(), method, device="cpu", **{opt: value})


def test_gs_schedule_time_limit_too_short_for_one_epoch():
    with pytest.raises(UnsupportedProblemError, match="too short for one gs-schedule epoch"):
        p = layered_dag(2000, seed=1, width=16, fanin=2, limit=3)
        a = p.arrays
        schedule(
            time_constrained(p, int((asap_times(p) + a.lat).max()) + 10),
            "gs-schedule",
            device="cpu",
            time_limit=0.2,
        )


@pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA GPU is present")
@pytest.mark.parametrize("method", ["gaus", "gs-schedule", "hybrid"])
def test_cuda_without_gpu_is_a_clean_error(method):
    with pytest.raises(UnsupportedProblemError, match="device=cuda"):
        schedule(_tc(), method, device="cuda")


def test_cpsat_is_deterministic_with_several_workers(monkeypatch):
    p = random_problem(11, "ModuloProblem", 12)
    a = schedule(p, "cpsat", time_limit=2.0, workers=2)
    b = schedule(random_problem(11, "ModuloProblem", 12), "cpsat", time_limit=2.0, workers=2)
    assert a.stats["ended_by"] in ("converged", "work-budget", "time-limit")
    if "time-limit" not in (a.stats["ended_by"], b.stats["ended_by"]):
        _same(a, b)
    assert np.all(a.start >= 0)


@pytest.mark.parametrize(
    "opt,message",
    [
        ("batch=100000000 latency-bound=1.1x", "batch=100000000 needs about"),
        ("iterations=1000000000000", "iterations=1000000000000: expected at most"),
    ],
)
def test_cli_reports_absurd_numbers_as_located_errors(opt, message):
    import io
    import re
    from pathlib import Path

    from gaus_mlir import cli

    src = Path(__file__).resolve().parent.parent / "examples" / "dct_butterfly.ssp.mlir"
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(
        [str(src), f"--pass-pipeline=builtin.module(gaus-schedule{{method=gaus device=cpu {opt}}})"],
        stdout=out,
        stderr=err,
    )
    assert code == 1 and out.getvalue() == ""
    assert re.match(r".*dct_butterfly\.ssp\.mlir:\d+:\d+: error: " + re.escape(message), err.getvalue()), (
        err.getvalue()
    )
    assert "internal error" not in err.getvalue()
