"""Work and memory scale with the problem, not with the magnitude of its numbers
(ISSUE12 item 8): huge II, latencies, blocking times and latency bounds either
schedule (verified by gaus-verify) or fail with a located error before
allocating.  Every hostile case runs gaus-opt in a subprocess under an address
space limit and a timeout, so a regression fails instead of hanging the suite."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gaus_mlir import charts
from gaus_mlir.model import Schedule, UnsupportedProblemError
from gaus_mlir.model.objectives import peak_usage, usage_matrix
from gaus_mlir.model.problem import ModuloProblem, Problem, SharedOperatorsProblem

EXE = Path(sys.executable).with_name("gaus-opt")
TIMEOUT = 60  # generous for a loaded machine; each case takes ~1 s

MODULO_PORT = """ssp.instance @m of "ModuloProblem" {
  library {
    operator_type @mem [latency<LAT>]
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @port [limit<1>]
  }
  graph {
    %0 = operation<@mem> @ld(@st [dist<1>]) uses[@port]
    %1 = operation<@mem> @ld2() uses[@port]
    %2 = operation<@add> @a(%0, %1)
    %3 = operation<@mem> @st(%2) uses[@port]
    operation<@sink> @last(%3)
  }
}
"""

BLOCKING = """ssp.instance @b of "KIND" {
  library {
    operator_type @div [latency<12>, blocking<100000000000>]
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @d [limit<LIMIT>]
  }
  graph {
    %0 = operation<@div> @d0(DEP) uses[@d]
    %1 = operation<@div> @d1() uses[@d]
    %2 = operation<@div> @d2(%0) uses[@d]
    %3 = operation<@add> @a(%1, %2)
    operation<@sink> @last(%3)
  }
}
"""

SHARED_BLOCKING = BLOCKING.replace("KIND", "SharedOperatorsProblem").replace("LIMIT", "1").replace("DEP", "")
MODULO_BLOCKING = (
    BLOCKING.replace("KIND", "ModuloProblem").replace("LIMIT", "2").replace("DEP", "@d2 [dist<1>]")
)

SIX_ADDS = """ssp.instance @six_adds of "SharedOperatorsProblem" {
  library {
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @adder [limit<6>]
  }
  graph {
    %0 = operation<@add>() uses[@adder]
    %1 = operation<@add>() uses[@adder]
    %2 = operation<@add>() uses[@adder]
    %3 = operation<@add>() uses[@adder]
    operation<@sink> @last(%0, %1, %2, %3)
  }
}
"""

PLAIN_HUGE = """ssp.instance @p of "Problem" {
  library {
    operator_type @big [latency<1152921504606846976>]
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  graph {
    %0 = operation<@big> @b0()
    %1 = operation<@add> @a(%0)
    %2 = operation<@big> @b1(%1)
    operation<@sink> @last(%2)
  }
}
"""


def _gaus_opt(tmp_path, text: str, pipeline: str, *extra: str):
    f = tmp_path / "in.mlir"
    f.write_text(text)
    cmd = [str(EXE), str(f), f"--pass-pipeline=builtin.module({pipeline})", *extra]
    if shutil.which("prlimit"):
        cmd = ["prlimit", "--as=4000000000", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    return f, proc


def _ok(tmp_path, text, method_opts, *extra):
    f, proc = _gaus_opt(tmp_path, text, f"gaus-schedule{{{method_opts}}},gaus-verify", "--summary", *extra)
    assert proc.returncode == 0, proc.stderr
    assert "[t<" in proc.stdout  # start times written back and verified
    return proc


def _located(tmp_path, text, method_opts, *needles):
    f, proc = _gaus_opt(tmp_path, text, f"gaus-schedule{{{method_opts}}}")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"{f}:"), proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    for n in needles:
        assert n in proc.stderr, proc.stderr
    return proc


# ---------------------------------------------------------------- ims
def test_ims_huge_requested_ii(tmp_path):
    proc = _ok(tmp_path, MODULO_PORT.replace("LAT", "1"), "method=ims ii=1000000000")
    assert "II<1000000000>" in proc.stdout


def test_ims_recurrence_latency_2_40(tmp_path):
    proc = _ok(tmp_path, MODULO_PORT.replace("LAT", str(2**40)), "method=ims")
    assert f"II<{2 * 2**40 + 1}>" in proc.stdout  # RecMII of ld -> a -> st -> ld


def test_ims_huge_blocking(tmp_path):
    _ok(tmp_path, MODULO_BLOCKING, "method=ims")


@pytest.mark.parametrize("blocking", ["200", "100000"])
def test_ims_long_blocking(tmp_path, blocking):
    # 200: consecutive-class windows searched by jumping past full classes;
    # 100000: more cells per op than IMS walks, the flat fallback
    _ok(tmp_path, MODULO_BLOCKING.replace("100000000000", blocking), "method=ims")


def test_ims_huge_blocking_at_small_ii_is_a_located_error(tmp_path):
    _located(
        tmp_path,
        MODULO_BLOCKING,
        "method=ims ii=160000000000",
        "method 'ims'",
        "modulo reservation cells",
        "cpsat",
    )


def test_cpsat_huge_blocking_and_ii(tmp_path):
    _ok(tmp_path, MODULO_BLOCKING, "method=cpsat time-limit=20")
    _ok(tmp_path, SHARED_BLOCKING, "method=cpsat time-limit=20")
    _ok(tmp_path, MODULO_PORT.replace("LAT", "1"), "method=cpsat ii=1000000000 time-limit=20")


# ---------------------------------------------------------------- list
def test_list_huge_blocking(tmp_path):
    proc = _ok(tmp_path, SHARED_BLOCKING, "method=list")
    assert "latency=200000000013" in proc.stderr  # the three divisions one after another


def test_list_latency_bound_with_huge_blocking(tmp_path):
    _ok(tmp_path, SHARED_BLOCKING, "method=list latency-bound=1000000000000")


def test_list_latency_bound_1e9(tmp_path):
    _ok(tmp_path, SIX_ADDS, "method=list latency-bound=1000000000")


def test_list_and_asap_near_2_62(tmp_path):
    _ok(tmp_path, PLAIN_HUGE, "method=list")
    _ok(tmp_path, PLAIN_HUGE, "method=asap")


# ---------------------------------------------------------------- horizon-bound methods
def test_fds_huge_latency_bound_is_a_located_error(tmp_path):
    _located(tmp_path, SIX_ADDS, "method=fds latency-bound=1000000000", "method 'fds'", "GiB", "method=list")
    _located(tmp_path, SHARED_BLOCKING, "method=fds latency-bound=1000000000000", "method 'fds'")


def test_fds_small_horizon_still_runs(tmp_path):
    _ok(tmp_path, SIX_ADDS, "method=fds latency-bound=1000")


def test_lp_beyond_double_precision_is_a_located_error(tmp_path):
    _located(tmp_path, PLAIN_HUGE, "method=lp", "method 'lp'", "2^53")


# ---------------------------------------------------------------- charts, summaries
def test_gantt_with_huge_blocking(tmp_path):
    png = tmp_path / "g.png"
    _ok(tmp_path, SHARED_BLOCKING, f"method=list gantt={png}")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_usage_table_refuses_huge_expansion():
    p = SharedOperatorsProblem("b")
    p.add_operator_type("d", 1, blocking=10**11)
    p.add_resource_type("r", 1)
    p.add_op("d", uses=["r"])
    with pytest.raises(UnsupportedProblemError, match="blocked steps"):
        p.usage_table([0])
    assert peak_usage(p, [0], weighted=False).tolist() == [1]
    assert peak_usage(p, [0], ii=3 * 10**10, weighted=False).tolist() == [4]


def _random_problem(rng, cyclic):
    p = (ModuloProblem if cyclic else Problem)("x")
    for k in range(3):
        p.add_operator_type(f"o{k}", rng.randint(1, 4), blocking=rng.randint(0, 7))
    for r in range(3):
        p.add_resource_type(f"r{r}", rng.choice([None, 2]))
    n = rng.randint(1, 8)
    for _ in range(n):
        p.add_op(
            f"o{rng.randint(0, 2)}",
            uses=[f"r{rng.randint(0, 2)}" for _ in range(rng.randint(0, 2))],
            weight=rng.choice([1.0, 1.0, 2.0, 0.5]),
        )
    if cyclic:
        p.add_dependence(0, 0, 1)
    return p, [rng.randint(0, 12) for _ in range(n)]


def test_peak_usage_sweep_matches_the_usage_matrix():
    rng = random.Random(1)
    for _ in range(300):
        p, start = _random_problem(rng, False)
        for ii in (0, 1, 3, 5):
            for w in (True, False):
                m = usage_matrix(p, start, ii, w)
                assert np.array_equal(m.max(axis=1), peak_usage(p, start, ii, w))
                assert m.dtype == peak_usage(p, start, ii, w).dtype


def test_sparse_usage_rows_match_the_dense_ones(monkeypatch):
    rng = random.Random(2)
    for k in range(200):
        cyclic = k % 2 == 1
        p, start = _random_problem(rng, cyclic)
        s = Schedule(np.asarray(start), ii=rng.randint(1, 5) if cyclic else None)
        monkeypatch.setattr(charts, "MAX_STEPS", 1 << 20)
        dense = charts.usage_rows(p, s)
        monkeypatch.setattr(charts, "MAX_STEPS", -1)
        sparse = charts.usage_rows(p, s)
        assert [r.resource for r in dense] == [r.resource for r in sparse]
        for d, sp in zip(dense, sparse):
            assert d.edges is None and sp.edges is not None
            assert np.array_equal(d.counts, np.repeat(sp.counts, np.diff(sp.edges)))
