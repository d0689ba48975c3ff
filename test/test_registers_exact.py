"""The exact register schedulers equal a brute-force optimum over every
start-time vector of tiny instances (<= 5 ops, small horizon), and always
return legal schedules."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import problems

from gaus_mlir.model import (
    CyclicProblem,
    InfeasibleError,
    ModuloProblem,
    Problem,
    Schedule,
    SharedOperatorsProblem,
    UnsupportedProblemError,
    time_constrained,
)
from gaus_mlir.model.bounds import mii
from gaus_mlir.model.registers import register_usage, value_table
from gaus_mlir.schedulers import schedule
from gaus_mlir.schedulers.registers_exact import schedule_cpsat_registers, schedule_lp_lifetimes

MAX_VECTORS = 200_000


def _tiny(seed: int, kind) -> Problem:
    """3-5 ops (acyclic: 3-6) of latency 0-2, widths 1-4, data and auxiliary edges, data and
    auxiliary back edges for cyclic kinds, a limit-1/2 resource for shared ones."""
    rng = np.random.default_rng(seed)
    p = kind(f"tiny{seed}")
    for k in range(3):
        p.add_operator_type(f"t{k}", k)
    if p.shared:
        p.add_resource_type("r", int(rng.integers(1, 3)))
    n = int(rng.integers(3, 6 if p.cyclic else 7))
    for _ in range(n):
        t = int(rng.integers(0, 3))
        uses = ("r",) if p.shared and t > 0 and rng.random() < 0.7 else ()
        p.add_op(t, uses=uses, bits=int(rng.integers(1, 5)))
    for j in range(n):
        for i in range(j):
            if rng.random() < 0.6:
                p.add_dependence(i, j, aux=bool(rng.random() < 0.2))
    if p.cyclic:
        for _ in range(int(rng.integers(1, 3))):
            i = int(rng.integers(0, n))
            p.add_dependence(
                i, int(rng.integers(0, i + 1)), int(rng.integers(1, 3)), aux=bool(rng.random() < 0.5)
            )
    return p


def _legal_vectors(p, ii: int, horizon: int) -> np.ndarray:
    """Every start vector with all ops finishing by ``horizon`` that ``verify`` accepts."""
    a = p.arrays
    lat = a.lat
    ranges = [range(0, horizon - x + 1) for x in lat.tolist()]
    size = int(np.prod([len(r) for r in ranges], dtype=np.float64))
    if size > MAX_VECTORS:
        pytest.skip(f"{size} vectors")
    T = np.array(list(itertools.product(*ranges)), dtype=np.int64).reshape(-1, a.n)
    ok = np.ones(len(T), dtype=bool)
    for s, d, k in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
        ok &= T[:, d] + k * ii >= T[:, s] + lat[s]
    ops, res = p.limited_uses()
    if ops.size and (p.latency_bound is None or p.keep_limits):
        for r in np.unique(res).tolist():
            users = ops[res == r].tolist()
            for step in range(ii or horizon):
                cnt = np.zeros(len(T), dtype=np.int64)
                for i in users:
                    off = step - T[:, i]
                    if ii:
                        cnt += (off % ii < a.blocking[i]) if a.blocking[i] < ii else a.blocking[i] // ii
                    else:
                        cnt += (off >= 0) & (off < a.blocking[i])
                ok &= cnt <= a.limit[r]
    return T[ok]


def _objectives(p, T: np.ndarray, ii: int) -> tuple[np.ndarray, np.ndarray]:
    """(peak live bits, total bits x lifetime) per row, counted step by step."""
    vt = value_table(p)
    lat = p.arrays.lat
    birth = T[:, vt.op] + lat[vt.op]
    death = birth.copy()
    for v, j, d in zip(vt.con_val.tolist(), vt.con_op.tolist(), vt.con_dist.tolist()):
        death[:, v] = np.maximum(death[:, v], T[:, j] + d * ii)
    total = (death - birth) @ vt.bits
    if ii:  # steps x in [birth, death) with x = c (mod ii), per class c
        per = [((death - c + ii - 1) // ii - (birth - c + ii - 1) // ii) @ vt.bits for c in range(ii)]
    else:
        top = int(death.max(initial=0))
        per = [((birth <= x) & (x < death)) @ vt.bits for x in range(top + 1)]
    peak = np.max(np.stack(per), axis=0) if per else np.zeros(len(T), np.int64)
    return peak, total


def _brute(p, ii: int, horizon: int) -> dict[str, int]:
    T = _legal_vectors(p, ii, horizon)
    assert len(T), "the instance has a legal schedule within the horizon"
    peak, total = _objectives(p, T, ii)
    k = min(len(T), 5)  # the step-by-step count agrees with register_usage
    for row, pk, tt in zip(T[:k], peak[:k], total[:k]):
        u = register_usage(p, row, ii if p.cyclic else None)
        assert (u.peak, u.total) == (pk, tt)
    span = (T + p.arrays.lat).max(axis=1) if len(T[0]) else np.zeros(len(T), np.int64)
    out = {"registers": int(peak.min()), "lifetimes": int(total.min())}
    # the latency that breaks ties between optimal schedules
    out["registers-span"] = int(span[peak == peak.min()].min())
    out["lifetimes-span"] = int(span[total == total.min()].min())
    return out


SEEDS = range(16)


@pytest.mark.parametrize("kind", [Problem, SharedOperatorsProblem])
@pytest.mark.parametrize("seed", SEEDS)
def test_acyclic_exact_equals_brute_force(kind, seed):
    p = _tiny(seed, kind)
    L = schedule(p, "list").makespan(p) + seed % 2
    q = time_constrained(p, L, keep_limits=True)
    best = _brute(q, 0, L)
    for obj in ("registers", "lifetimes"):
        s = schedule_cpsat_registers(q, objective=obj, time_limit=5.0)
        q.verify(s)
        assert s.status == "OPTIMAL" and s.objective == s.bound == best[obj]
        assert s.makespan(q) == best[f"{obj}-span"]  # then the latency
    if not kind.shared:
        lp = schedule_lp_lifetimes(q)
        q.verify(lp)
        assert lp.objective == best["lifetimes"]


@pytest.mark.parametrize("kind", [CyclicProblem, ModuloProblem])
@pytest.mark.parametrize("seed", SEEDS)
def test_modulo_exact_equals_brute_force(kind, seed):
    p = _tiny(seed, kind)
    ii = mii(p) + seed % 2
    if ii > 4:
        pytest.skip("II too large to enumerate")
    horizon = max(4, schedule(p, "sms", ii=ii).makespan(p))
    best = _brute(p, ii, horizon)
    for obj in ("registers", "lifetimes"):
        s = schedule_cpsat_registers(p, objective=obj, ii=ii, horizon=horizon, time_limit=5.0)
        p.verify(s)
        assert s.ii == ii and s.stats["horizon"] == horizon
        assert s.status == "OPTIMAL" and s.objective == s.bound == best[obj]
    if not kind.shared:
        lp = schedule_lp_lifetimes(p, ii=ii)
        p.verify(lp)
        assert lp.objective <= best["lifetimes"]  # the LP has no horizon
        if lp.makespan(p) <= horizon:
            assert lp.objective == best["lifetimes"]


def test_lp_lifetimes_hand_computed():
    """a -> c, b -> d -> c (unit latencies, a 8 bits): a waits for c unless it
    starts late; the optimum has no lifetime at all."""
    p = Problem("p")
    p.add_operator_type("u", 1)
    a, b, c, d = p.add_op("u", bits=8), p.add_op("u"), p.add_op("u"), p.add_op("u")
    p.add_dependence(a, c)
    p.add_dependence(b, d)
    p.add_dependence(d, c)
    s = schedule_lp_lifetimes(p)
    p.verify(s)
    assert s.objective == 0 and list(s.start) == [1, 0, 2, 1]


def test_unsupported_and_infeasible():
    p = SharedOperatorsProblem("shared")
    p.add_operator_type("u", 1)
    p.add_resource_type("r", 1)
    for _ in range(3):
        p.add_op("u", uses=("r",))
    with pytest.raises(UnsupportedProblemError):
        schedule_lp_lifetimes(p)
    with pytest.raises(UnsupportedProblemError):
        schedule_cpsat_registers(p)  # acyclic without latency bound
    q = time_constrained(p, 50)  # limits do not apply: the LP may run
    q.verify(schedule_lp_lifetimes(q))
    c = CyclicProblem("rec")
    c.add_operator_type("u", 1)
    x, y = c.add_op("u"), c.add_op("u")
    c.add_dependence(x, y)
    c.add_dependence(y, x, 1)  # RecMII 2
    with pytest.raises(InfeasibleError):
        schedule_lp_lifetimes(c, ii=1)
    assert schedule_lp_lifetimes(c).ii == 2


def test_model_too_large_falls_back_to_the_hint(monkeypatch):
    import gaus_mlir.schedulers.registers_exact as rx

    monkeypatch.setattr(rx, "MAX_MODEL", 1)
    p = _tiny(5, ModuloProblem)
    s = schedule_cpsat_registers(p)
    p.verify(s)
    assert "too large" in s.stats["model"] and s.stats["incumbent"] == "sms"


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["Problem", "SharedOperatorsProblem", "CyclicProblem", "ModuloProblem"]), st.data())
def test_exact_methods_legal(kind, data):
    p = data.draw(problems(kind, max_ops=8))
    obj = data.draw(st.sampled_from(["registers", "lifetimes"]))
    if not p.cyclic:
        p = time_constrained(
            p, schedule(p, "list").makespan(p) + data.draw(st.integers(0, 2)), keep_limits=True
        )
    s = schedule_cpsat_registers(p, objective=obj, time_limit=1.0)
    p.verify(s)
    assert s.status in ("OPTIMAL", "FEASIBLE") and s.bound <= s.objective
    assert s.objective <= s.stats["hint_value"]
    if not p.shared:
        lp = schedule_lp_lifetimes(p, ii=s.ii)
        p.verify(Schedule(lp.start, ii=lp.ii))
        if obj == "lifetimes" and s.status == "OPTIMAL":
            assert lp.objective <= s.objective
