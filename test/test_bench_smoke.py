"""Smoke test of the benchmark command: ``benchmarks/run.py --quick`` (one tiny
instance per suite, tiny budgets) must produce every output, every method must
have rows, and no run may crash, time out or return a schedule that fails
``verify()``."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest
from conftest import BENCHMARKS, REPO, needs_benchmarks

pytestmark = [needs_benchmarks, pytest.mark.slow]

FAILED = {"failed", "timeout", "oom", "crashed", "unverified"}
# every method must run (an ok row) somewhere in the quick run
EXPECTED = (
    "gaus",
    "gaus-random",
    "gs-schedule",
    "gs-schedule-random",
    "list",
    "ims",
    "fds",
    "cpsat",
    "cpsat-ref",
    "hybrid",
)


def test_quick_benchmark_run(tmp_path):
    out = tmp_path / "bench"
    env = dict(os.environ, GAUS_BENCHMARKS=str(BENCHMARKS))
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in ("REPORT.md", "results.csv", "results.json", "pareto.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    with open(out / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    bad = [(r["instance"], r["method"], r["status"], r["error"]) for r in rows if r["status"] in FAILED]
    assert not bad, bad
    for r in rows:
        if r["status"] == "ok":
            assert r["verified"] == "True" and r["feasible"] == "True", r
            assert float(r["objective"]) >= 0 and float(r["wall_s"]) >= 0, r
    suites = {r["suite"] for r in rows}
    assert {"express", "chstone", "epfl", "rw", "scaling"} <= suites
    for method in EXPECTED:
        mine = [r for r in rows if r["method"] == method]
        assert mine, f"no rows for {method}"
        assert any(r["status"] == "ok" for r in mine), (method, mine[:3])
    data = json.loads((out / "results.json").read_text())
    assert len(data["rows"]) == len(rows) and data["instances"]
    report = (out / "REPORT.md").read_text()
    for section in (
        "(a) Quality",
        "(b) Modulo",
        "(c) Scaling",
        "(d) Runtime Pareto",
        "(e) Fair protocol",
        "(f) GPU",
        "Failures",
    ):
        assert section in report, section
    # the hardware suite (when the hardware extra is installed): every kernel's
    # Verilog has the predicted flip-flops and simulates equal to the reference
    from hardware_kernels import hardware_missing

    if hardware_missing() is None:
        hw = [r for r in data["hardware"] if r["status"] == "ok"]
        assert {r["method"] for r in hw} >= {"list", "gaus", "cpsat", "lp", "circt"}
        for r in hw:
            assert r["rtl_ff"] == r["predicted_ff"] and r["sim"] == "1000/1000 equal", r
            assert r["lint"] == "clean" and r["synth_ff"] <= r["rtl_ff"], r
        assert not [r for r in data["hardware"] if r["status"] == "error"]
        assert "## Hardware (CIRCT -> SystemVerilog -> Yosys, Verilator)" in report
