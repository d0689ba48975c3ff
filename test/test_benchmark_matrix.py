"""Every scheduler's output verifies on every express and chstone instance it
supports: the resource-constrained problem as given, and the time-constrained
dual with the latency bound at ceil(1.1 x critical path)."""

from __future__ import annotations

import math

import pytest
from conftest import BENCHMARKS, benchmark_files, benchmark_params, needs_benchmarks

from gaus_mlir.model import UnsupportedProblemError, time_constrained
from gaus_mlir.model.graph import asap_times
from gaus_mlir.schedulers import METHODS, schedule

pytestmark = [needs_benchmarks, pytest.mark.slow]

# Short limits keep the sweep fast; quality is tested elsewhere.
OPTIONS = {
    "cpsat": {"time_limit": 0.5},
    "fds": {"time_limit": 5.0},
    "gaus": {"iterations": 30, "batch": 2},
    "sms": {"time_limit": 1.0},
}
SKIP = {"gaus", "gs-schedule", "hybrid"}  # covered by test_gaus.py, test_gs_schedule.py, test_hybrid.py


def _parse(path):
    from gaus_mlir.ssp import parse_file

    return parse_file(path)[0].problem


def _run_all(problem):
    ran = []
    for name, spec in METHODS.items():
        if name in SKIP or spec.supports(problem):
            continue
        s = schedule(problem, name, **OPTIONS.get(name, {}))  # verifies
        problem.verify(s)
        ran.append(name)
    return ran


@pytest.mark.parametrize("path", benchmark_params(benchmark_files("express"), ids=lambda p: p.stem))
def test_express_every_method(path):
    p = _parse(path)
    assert {"list", "cpsat"} <= set(_run_all(p))
    length = int((asap_times(p) + p.arrays.lat).max())
    tc = time_constrained(p, math.ceil(1.1 * length))
    assert {"asap", "alap", "list", "cpsat", "fds"} <= set(_run_all(tc))


@pytest.mark.parametrize("path", benchmark_params(benchmark_files("chstone"), ids=lambda p: p.stem))
def test_chstone_every_method(path):
    p = _parse(path)
    assert {"ims", "cpsat"} <= set(_run_all(p))


def test_unsupported_methods_say_why():
    p = _parse(BENCHMARKS / "chstone" / "chstone_adpcm_graph2.mlir")
    for name in ("list", "asap", "fds", "lp"):
        with pytest.raises(UnsupportedProblemError, match=f"method '{name}' does not support"):
            schedule(p, name)
