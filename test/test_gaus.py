"""GauS: closed forms, windowed usage, and validity / quality of method gaus."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from conftest import benchmark_files, manifest_rows, needs_benchmarks
from hypothesis import HealthCheck, given, settings
from strategies import problems

from gaus_mlir.model.bounds import latency_lower_bound, mii
from gaus_mlir.model.generate import layered_dag
from gaus_mlir.model.graph import asap_times
from gaus_mlir.schedulers import schedule
from gaus_mlir.schedulers.gaus import losses  # noqa: E402

PROPS = settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
FAST = dict(iterations=8, batch=2, device="cpu")


# ------------------------------------------------------------- closed forms
def test_expected_violation_matches_monte_carlo():
    g = torch.Generator().manual_seed(0)
    m = torch.tensor([-2.0, -0.5, 0.0, 0.3, 1.5], dtype=torch.float64)
    s = torch.tensor([0.5, 1.0, 0.7, 2.0, 0.4], dtype=torch.float64)
    x = m[:, None] + s[:, None] * torch.randn(5, 400_000, generator=g, dtype=torch.float64)
    mc = torch.clamp(-x, min=0).mean(1)
    cf = losses.expected_violation(m, s)
    assert torch.allclose(cf, mc, atol=4e-3)


def test_boundary_counts_satisfied():
    # t_src + lat == t_dst: D = 0 is feasible in the discrete check
    assert losses.discrete_violation(np.int64(3), np.int64(5), 2) == 0
    assert losses.discrete_violation(np.int64(3), np.int64(4), 2) == 1
    t = losses.discrete_violation(torch.tensor([0, 1]), torch.tensor([2, 2]), 2)
    assert t.tolist() == [0, 1]


def test_windowed_usage_equals_dense():
    torch.manual_seed(0)
    B, V, R, H, pad = 3, 7, 2, 30, 6
    mu = torch.rand(B, V, dtype=torch.float64) * 15
    sigma = torch.full((V,), 0.6, dtype=torch.float64)
    use_op = torch.tensor([0, 1, 2, 3, 3, 4, 5, 6])
    use_res = torch.tensor([0, 0, 1, 1, 1, 0, 1, 0])
    use_off = torch.tensor([0, 0, 0, 0, 1, 0, 0, 0])
    W = losses.window_width(0.6 * 2)  # covers +-6 sigma
    win = losses.windowed_usage(mu, sigma.expand(B, -1), use_op, use_res, use_off, R, H, W, pad=pad)
    dense = losses.dense_usage(mu, sigma, use_op, use_res, use_off, R, H, pad=pad)
    assert win.shape == (B, R, H)
    assert torch.allclose(win, dense, atol=1e-6)
    # modulo folding
    win = losses.windowed_usage(mu, sigma.expand(B, -1), use_op, use_res, use_off, R, 4, W, ii=4)
    dense = losses.dense_usage(mu, sigma, use_op, use_res, use_off, R, 4, ii=4, t_range=(-20, 40))
    assert torch.allclose(win, dense, atol=1e-6)


def test_memory_is_linear_in_ops_times_window():
    # the only per-op tensors are [B, U, W]; the usage table is [B, R, H]
    B, V, R, H = 2, 5000, 1, 50
    mu = torch.rand(B, V) * 40
    sigma = torch.full((B, V), 1.0)
    idx = torch.arange(V)
    W = losses.window_width(1.0)
    out = losses.windowed_usage(
        mu, sigma, idx, torch.zeros(V, dtype=torch.long), torch.zeros(V, dtype=torch.long), R, H, W, pad=W
    )
    assert out.shape == (B, R, H) and W == 7
    assert abs(float(out.sum()) - B * V) < 1e-2 * B * V  # mass conserved (clamped edges)


# ------------------------------------------------------------ validity
@pytest.mark.parametrize(
    "kind", ["Problem", "CyclicProblem", "SharedOperatorsProblem", "ModuloProblem", "ChainingProblem"]
)
def test_gaus_valid_random(kind):
    count = [0]

    @PROPS
    @given(problems(kind, max_ops=10))
    def run(p):
        s = schedule(p, "gaus", **FAST)  # verifies
        assert s.method == "gaus" and s.status in ("HEURISTIC", "OPTIMAL")
        if s.status == "OPTIMAL":  # the baseline met the lower bound: no relaxation
            assert s.stats["iterations"] == 0
            if p.cyclic:
                assert s.ii == mii(p)
                assert s.latency(p) == int(asap_times(p, s.ii)[p.last_op])
            else:
                assert s.latency(p) == latency_lower_bound(p)
        count[0] += 1

    run()
    assert count[0] >= 200


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(problems("ChainingProblem", max_ops=10))
def test_gaus_chaining_cycle_time(p):
    p.cycle_time = 3.0  # every delay of random_problem is <= 3
    s = schedule(p, "gaus")  # verifies z against the cycle time
    assert s.z is not None and s.latency(p) >= 0


def test_gaus_time_constrained_random():
    from gaus_mlir.model import time_constrained
    from gaus_mlir.model.generate import random_problem

    for seed in range(40):
        p = random_problem(seed, "SharedOperatorsProblem", 10)
        a = p.arrays
        L = int((asap_times(p) + a.lat).max()) + seed % 3
        tp = time_constrained(p, L)
        s = schedule(tp, "gaus", **FAST)
        lb = schedule(tp, "list")
        assert s.objective <= lb.objective + 1e-9


def test_determinism():
    p = layered_dag(300, 1, width=16, limit=3)
    s1 = schedule(p, "gaus", iterations=30, batch=3, seed=7, device="cpu")
    s2 = schedule(p, "gaus", iterations=30, batch=3, seed=7, device="cpu")
    assert np.array_equal(s1.start, s2.start)
    assert s1.stats["relaxed_objective"] == s2.stats["relaxed_objective"]


def test_random_init_and_log(tmp_path):
    import json

    p = layered_dag(100, 2, width=8, limit=2)
    log = tmp_path / "log.json"
    s = schedule(p, "gaus", iterations=10, batch=2, init="random", log=str(log), device="cpu")
    hist = json.loads(log.read_text())
    assert len(hist) == 10 and {"loss", "violation", "objective"} <= set(hist[0])
    assert s.stats["iterations"] == 10


# ------------------------------------------------------------ benchmarks
@needs_benchmarks
def test_gaus_express_not_worse_than_list():
    from gaus_mlir.ssp import parse_file

    for f in benchmark_files("express"):
        p = parse_file(f)[0].problem
        g = schedule(p, "gaus", iterations=20, batch=2, device="cpu")
        lst = schedule(p, "list")
        assert g.latency(p) <= lst.latency(p), f.name


@needs_benchmarks
def test_gaus_chstone_handful():
    from gaus_mlir.ssp import parse_file

    rows = [r for r in manifest_rows("chstone") if not r["duplicate_of"] and int(r["ops"]) <= 120][:5]
    from conftest import BENCHMARKS

    for r in rows:
        p = parse_file(BENCHMARKS / r["file"])[0].problem
        g = schedule(p, "gaus", iterations=20, batch=2, device="cpu")
        ims = schedule(p, "ims")
        assert (g.ii, g.latency(p)) <= (ims.ii, ims.latency(p)), r["file"]
