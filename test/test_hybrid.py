"""Method ``hybrid``: GauS's schedule as hint, incumbent and domain bound of
CP-SAT (``gaus_mlir.schedulers.hybrid``).

* on small random problems of each supported kind (acyclic, shared, cyclic,
  modulo, time-constrained) the result verifies, is never worse than GauS
  alone at the same seed and matches CP-SAT's proven optimum;
* the domain bounds never remove the optimum: cpsat's model with the upper
  bound set to the optimum itself (the tightest bound a hint can give) and
  ``tighten=True`` still reaches it; the same for the time-constrained
  ``objective_upper``;
* the statistics (gap, trajectory, times) are consistent.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import BENCHMARKS, manifest_rows, needs_benchmarks

from gaus_mlir.model import Problem, Schedule, UnsupportedProblemError, time_constrained
from gaus_mlir.model.bounds import distance_to_last
from gaus_mlir.model.generate import random_problem
from gaus_mlir.model.graph import asap_times
from gaus_mlir.schedulers import schedule
from gaus_mlir.schedulers.cpsat import _Model
from gaus_mlir.schedulers.time_constrained import schedule_cpsat_peak

GAUS = dict(iterations=20, device="cpu", seed=0)
HYBRID = dict(time_limit=3.0, workers=1, gaus_time=30.0, **GAUS)
CPSAT = dict(time_limit=3.0, workers=1)
KINDS = ["Problem", "CyclicProblem", "SharedOperatorsProblem", "ModuloProblem"]


def _key(s, p):
    return (s.ii or 0, s.objective if p.latency_bound is not None else s.latency(p))


def _tc(seed, slack):
    p = random_problem(seed, "SharedOperatorsProblem", 10)
    a = p.arrays
    length = int((asap_times(p) + a.lat).max()) if a.n else 0
    return time_constrained(p, length + slack)


def _tc_instances(count, slack=None):
    """``count`` time-constrained instances whose ops use some resource."""
    out, seed = [], 0
    while len(out) < count:
        tc = _tc(seed, seed % 3 if slack is None else slack)
        if tc.arrays.use_op.size:
            out.append(tc)
        seed += 1
    return out


# --------------------------------------------------------- end to end
def _check_against(p, h, g, c):
    assert h.method == "hybrid"
    assert _key(h, p) <= _key(g, p)  # never worse than GauS alone
    assert c.status == "OPTIMAL"  # small instances
    assert h.status == "OPTIMAL"
    assert _key(h, p) == _key(c, p)
    assert h.bound == h.objective == h.latency(p)
    assert h.stats["gap"] == 0.0


@pytest.mark.parametrize("kind", KINDS)
def test_hybrid_never_worse_than_gaus_and_optimal(kind):
    for seed in range(12):
        p = random_problem(seed, kind, 10)
        h = schedule(p, "hybrid", **HYBRID)  # verified by schedule()
        _check_against(p, h, schedule(p, "gaus", **GAUS), schedule(p, "cpsat", **CPSAT))


def test_hybrid_modulo_larger():
    """Modulo problems of up to 20 ops, where GauS is sometimes suboptimal."""
    for seed in range(8):
        p = random_problem(seed, "ModuloProblem", 20, back_edges=1)
        h = schedule(p, "hybrid", **HYBRID)
        _check_against(p, h, schedule(p, "gaus", **GAUS), schedule(p, "cpsat", **CPSAT))
        assert h.stats["gaus_ii"] >= h.ii


def test_hybrid_time_constrained():
    for tc in _tc_instances(12):
        h = schedule(tc, "hybrid", **HYBRID)
        g = schedule(tc, "gaus", **GAUS)
        c = schedule(tc, "cpsat", **CPSAT)
        assert h.objective <= g.objective + 1e-9
        assert c.status == h.status == "OPTIMAL"
        assert h.objective == pytest.approx(c.objective)
        assert h.stats["gaus_objective"] == pytest.approx(g.objective)
        assert sum(h.stats["peaks"].values()) * 1.0 == pytest.approx(h.objective)


def test_hybrid_formulation_a_objective():
    tc = _tc(3, 1)
    h = schedule(tc, "hybrid", objective="formulation-a", **HYBRID)
    c = schedule_cpsat_peak(tc, time_limit=3.0, workers=1, comm_weight=1.0)
    g = schedule(tc, "gaus", objective="formulation-a", **GAUS)
    assert c.status == h.status == "OPTIMAL"
    assert h.objective == pytest.approx(c.objective)
    assert h.objective <= g.objective + 1e-9


def _weak_gaus(monkeypatch):
    """Replace GauS by a valid but poor schedule (serial / ASAP), so that
    CP-SAT has something to improve whatever GauS's quality."""
    from gaus_mlir.schedulers import cpsat
    from gaus_mlir.schedulers.gaus import scheduler
    from gaus_mlir.schedulers.time_constrained import tc_frames

    def fake(problem, **kw):
        if problem.latency_bound is not None:
            start = tc_frames(problem)[0]  # ASAP: meets the bound, peaks high
        else:
            start = cpsat._serial_schedule(problem)
        return Schedule(start, method="gaus", stats={"chosen": "fake"})

    monkeypatch.setattr(scheduler, "schedule_gaus", fake)


def test_hybrid_stats_and_trajectory(monkeypatch):
    _weak_gaus(monkeypatch)
    improved = 0
    for seed in range(12):
        p = random_problem(seed, "SharedOperatorsProblem", 10)
        h = schedule(p, "hybrid", **HYBRID)
        c = schedule(p, "cpsat", **CPSAT)
        assert h.latency(p) == c.latency(p) and h.status == "OPTIMAL"
        st = h.stats
        for k in (
            "gaus_objective",
            "gaus_s",
            "cpsat_objective",
            "bound",
            "gap",
            "trajectory",
            "time_to_gaus_objective",
            "cpsat_time_to_gaus_objective",
            "status",
        ):
            assert k in st
        traj = st["trajectory"]
        assert traj[0]["source"] == "gaus"
        assert traj[0]["objective"] == st["gaus_objective"] >= h.latency(p)
        assert st["time_to_gaus_objective"] == traj[0]["t"] <= st["gaus_s"] + 1e-3
        objs = [e["objective"] for e in traj]
        assert all(b < a for a, b in zip(objs, objs[1:]))  # strictly improving
        assert all(a["t"] <= b["t"] for a, b in zip(traj, traj[1:]))
        assert objs[-1] == h.latency(p)
        assert st["bound"] == h.bound <= h.objective
        if h.latency(p) < st["gaus_objective"]:
            improved += 1
            assert st["source"] in ("cpsat",)
            assert traj[-1]["source"] != "gaus"
            assert st["tightening"]["latency_ub"] == st["gaus_objective"] - 1
            if any(e["source"] == "cpsat" for e in traj):
                assert st["cpsat_time_to_gaus_objective"] >= st["gaus_s"]
    assert improved >= 6


def test_hybrid_gap_when_not_proven(monkeypatch):
    """A budget too small to prove: FEASIBLE, gap from CP-SAT's bound."""
    from gaus_mlir.model.generate import layered_dag

    _weak_gaus(monkeypatch)
    p = layered_dag(300, seed=1, width=30, limit=3)
    h = schedule(p, "hybrid", time_limit=0.5, workers=1)
    st = h.stats
    assert h.latency(p) <= st["gaus_objective"]
    assert 0 <= h.bound <= h.objective
    assert st["gap"] == pytest.approx((h.objective - h.bound) / h.objective)
    if h.status == "FEASIBLE":
        assert st["gap"] > 0


def test_hybrid_time_constrained_improves_weak_hint(monkeypatch):
    _weak_gaus(monkeypatch)
    improved = 0
    for tc in _tc_instances(12, slack=2):
        h = schedule(tc, "hybrid", **HYBRID)
        c = schedule(tc, "cpsat", **CPSAT)
        assert h.status == "OPTIMAL" and h.objective == pytest.approx(c.objective)
        assert h.objective <= h.stats["gaus_objective"]
        if h.objective < h.stats["gaus_objective"] - 1e-9:
            improved += 1
            assert h.stats["cpsat_time_to_gaus_objective"] is not None
            assert h.stats["trajectory"][-1]["source"] == "cpsat"
    assert improved >= 3


def test_hybrid_fixed_ii_and_options():
    p = random_problem(2, "ModuloProblem", 10)
    c = schedule(p, "cpsat", **CPSAT)
    h = schedule(p, "hybrid", ii=c.ii + 1, **HYBRID)
    assert h.ii == c.ii + 1
    with pytest.raises(UnsupportedProblemError, match="objective"):
        schedule(p, "hybrid", objective="latency+0.1*comm", **HYBRID)
    with pytest.raises(UnsupportedProblemError, match="does not support"):
        schedule(random_problem(0, "ChainingProblem", 5), "hybrid", **HYBRID)


def test_hybrid_empty_problem():
    h = schedule(Problem("empty"), "hybrid", **HYBRID)
    assert h.status == "OPTIMAL" and h.start.size == 0


# ------------------------------------------------ soundness of the bounds
@pytest.mark.parametrize("kind", KINDS)
def test_domain_bound_keeps_the_optimum(kind):
    """With ub = the optimum (the tightest upper bound any hint gives) and the
    extra bound on ops that do not reach the objective op, the model still
    has the optimum; the bounds really cut domains on some instances."""
    tightened = 0
    for seed in range(120):
        p = random_problem(seed, kind, 10, sink=False)
        c = schedule(p, "cpsat", **CPSAT)
        assert c.status == "OPTIMAL"
        v, ii = c.latency(p), c.ii or 0
        m = _Model(p, ii, 0, v, tighten=True)
        status, start, _ = m.solve(3.0, 1, 0)
        assert status == "OPTIMAL" and start[p.last_op] == v, (seed, status)
        loose = _Model(p, ii, 0, v)
        tightened += any(x < y for x, y in zip(m.up, loose.up))
        # ops reaching the objective op: s_i <= v - (longest path to it)
        reach = distance_to_last(p)
        assert all(u <= v - r for u, r in zip(m.up, reach) if r >= 0)
    assert tightened >= 10


def test_tc_objective_upper_keeps_the_optimum():
    rng = np.random.default_rng(0)
    for seed in range(60):
        tc = _tc(seed, seed % 3)
        if tc.num_ops == 0:
            continue
        cw = (0.0, 0.5, 1.0)[seed % 3]
        w = rng.integers(1, 4, size=len(tc.resource_types)).astype(float) if seed % 2 else None
        c = schedule_cpsat_peak(tc, time_limit=3.0, workers=1, comm_weight=cw, weights=w)
        assert c.status == "OPTIMAL"
        d = schedule_cpsat_peak(
            tc, time_limit=3.0, workers=1, comm_weight=cw, weights=w, hint=False, objective_upper=c.objective
        )
        assert d.status == "OPTIMAL"
        assert d.objective == pytest.approx(c.objective)


def test_cpsat_on_solution_reports_incumbent_and_improvements():
    p = random_problem(2, "SharedOperatorsProblem", 10)
    seen = []
    s = schedule(p, "cpsat", on_solution=lambda o, ii, src: seen.append((o, ii, src)), **CPSAT)
    assert seen and seen[0][2] in ("list", "serial", "hint", "asap")
    assert seen[-1][0] == s.latency(p)
    assert all(b[0] < a[0] for a, b in zip(seen, seen[1:]))


# ------------------------------------------------------------ benchmarks
@needs_benchmarks
@pytest.mark.parametrize("name", ["express/hal.mlir", "express/arf.mlir"])
def test_hybrid_express_reaches_reference(name):
    from gaus_mlir.ssp import parse_file

    row = next(r for r in manifest_rows("express") if r["file"] == name)
    p = parse_file(BENCHMARKS / name)[0].problem
    h = schedule(p, "hybrid", **HYBRID)
    assert h.status == "OPTIMAL"
    assert h.latency(p) == int(row["ref_value"])
