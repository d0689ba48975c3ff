"""GauS formulations B (acyclic, latency bound + limits) and C (modulo at a
fixed II): legal output, never worse than the baseline candidates, same II as
the baseline, deterministic for a seed."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import problems

from gaus_mlir.model import InfeasibleError, ModuloProblem, Schedule, SharedOperatorsProblem
from gaus_mlir.model.problem import time_constrained
from gaus_mlir.model.registers import register_usage, value_table
from gaus_mlir.schedulers.gaus.registers import schedule_gaus_registers, stage_legalize
from gaus_mlir.schedulers.list_scheduling import list_schedule, priority_key
from gaus_mlir.schedulers.modulo import schedule_ims
from gaus_mlir.schedulers.register_moves import lower_registers

pytest.importorskip("torch")


@st.composite
def _problems(draw, cyclic: bool):
    n = draw(st.integers(2, 9))
    p = (ModuloProblem if cyclic else SharedOperatorsProblem)("p")
    p.add_operator_type("a", draw(st.integers(0, 2)))
    p.add_operator_type("m", draw(st.integers(1, 3)))
    p.add_resource_type("mul", draw(st.integers(1, 2)))
    for _ in range(n):
        kind = draw(st.sampled_from(["a", "m"]))
        p.add_op(kind, uses=("mul",) if kind == "m" else (), bits=draw(st.sampled_from([1, 8, 32])))
    for j in range(1, n):
        for i in draw(st.sets(st.integers(0, j - 1), max_size=3)):
            p.add_dependence(i, j, aux=draw(st.booleans()) and draw(st.booleans()))
    if cyclic and n > 2:
        p.add_dependence(n - 1, draw(st.integers(0, n - 2)), draw(st.integers(1, 2)))
    return p


def _bounded(p, slack: int):
    t = list_schedule(p, priority_key(p, "alap"))
    return time_constrained(p, int((t + p.arrays.lat).max()) + slack, keep_limits=True)


def _objective(p, start, ii, terms):
    u = register_usage(p, start, ii=ii)
    return terms.get("registers", 0) * u.peak + terms.get("lifetimes", 0) * u.total


TERMS = st.sampled_from([{"registers": 1.0}, {"lifetimes": 1.0}, {"registers": 1.0, "lifetimes": 0.1}])


@settings(max_examples=25, deadline=None)
@given(_problems(False), st.integers(0, 3), TERMS)
def test_acyclic_legal_and_never_worse_than_list(p, slack, terms):
    p = _bounded(p, slack)
    s = schedule_gaus_registers(p, terms, iterations=30, rounds=1)
    p.verify(s)
    base = list_schedule(p, priority_key(p, "alap"))
    moved = lower_registers(
        p,
        base,
        latency_bound=p.latency_bound,
        w_reg=terms.get("registers", 0),
        w_life=terms.get("lifetimes", 0),
    ).start
    p.verify(Schedule(moved))
    best = min(_objective(p, base, 0, terms), _objective(p, moved, 0, terms))
    assert s.objective == _objective(p, s.start, 0, terms) <= best
    for key in (
        "candidate",
        "relaxation_won",
        "best_baseline",
        "best_relaxation",
        "rounds",
        "registers",
        "lifetimes",
    ):
        assert key in s.stats
    assert s.stats["rounds"] == (1 if value_table(p).op.size else 0)  # nothing to relax without values


@settings(max_examples=25, deadline=None)
@given(_problems(True), TERMS)
def test_modulo_legal_same_ii_never_worse_than_ims(p, terms):
    s = schedule_gaus_registers(p, terms, iterations=30, rounds=2)
    base = schedule_ims(p)
    assert s.ii == base.ii
    p.verify(s)
    assert s.objective == _objective(p, s.start, s.ii, terms) <= _objective(p, base.start, base.ii, terms)
    assert s.stats["registers"] == register_usage(p, s.start, ii=s.ii).peak


def test_given_ii_is_kept():
    p = ModuloProblem("p")
    p.add_operator_type("u", 1)
    x, y, z = (p.add_op("u", bits=4) for _ in range(3))
    p.add_dependence(x, y)
    p.add_dependence(y, z)
    p.add_dependence(z, x, 1)
    s = schedule_gaus_registers(p, {"registers": 1.0}, ii=5, iterations=20)
    assert s.ii == 5
    p.verify(s)


def test_acyclic_bound_below_list_latency_is_infeasible():
    p = SharedOperatorsProblem("p")
    p.add_operator_type("m", 1)
    p.add_resource_type("mul", 1)
    for _ in range(3):
        p.add_op("m", uses=("mul",))
    p = time_constrained(p, 2, keep_limits=True)  # one multiplier: 3 steps
    with pytest.raises(InfeasibleError, match="latency bound 2"):
        schedule_gaus_registers(p, {"registers": 1.0}, iterations=10)


def test_a_long_wait_disappears():
    """a (32 bits) feeds c, which waits for the chain b -> d -> e -> c; the
    list schedule starts a at 0 (32 bits live over [1, 3)), but a can start at
    2, when every value is consumed the step it is born: 0 registers."""
    p = SharedOperatorsProblem("p")
    p.add_operator_type("u", 1)
    a, b, d, e, c = (p.add_op("u", bits=32 if k == 0 else 1) for k in range(5))
    for s, t in ((a, c), (b, d), (d, e), (e, c)):
        p.add_dependence(s, t)
    p = time_constrained(p, 4, keep_limits=True)
    s = schedule_gaus_registers(p, {"registers": 1.0}, iterations=60)
    p.verify(s)
    assert s.stats["registers"] == register_usage(p, s.start).peak
    assert s.start[a] == 2 and s.stats["registers"] == 0 and s.objective == 0


def test_deterministic_for_a_seed():
    p = ModuloProblem("p")
    p.add_operator_type("a", 1)
    p.add_operator_type("m", 2)
    p.add_resource_type("mul", 1)
    ops = [p.add_op("m" if k % 2 else "a", uses=("mul",) if k % 2 else (), bits=8) for k in range(8)]
    for k in range(1, 8):
        p.add_dependence(ops[k - 1], ops[k])
        if k >= 3:
            p.add_dependence(ops[k - 3], ops[k])
    p.add_dependence(ops[7], ops[2], 2)
    runs = [
        schedule_gaus_registers(p, {"registers": 1.0}, iterations=40, seed=3, sigma=m)
        for m in ("learned",) * 2
    ]
    assert np.array_equal(runs[0].start, runs[1].start)
    assert runs[0].stats["candidate"] == runs[1].stats["candidate"]
    for r in runs:
        p.verify(r)


def test_stage_legalize_keeps_classes_and_restores_dependences():
    p = ModuloProblem("p")
    p.add_operator_type("u", 3)
    x, y = p.add_op("u"), p.add_op("u")
    p.add_dependence(x, y)
    p.add_dependence(y, x, 2)
    t = stage_legalize(p, np.array([0, 0]), np.array([0.0, 0.0]), 3)  # y waits for x: 0 -> 3
    assert t.tolist() == [0, 3]
    p.verify(Schedule(t, ii=3))
    # y in class 1: y >= 4, then y + 3 > x + 2 * 3 in every stage (a positive cycle)
    assert stage_legalize(p, np.array([0, 1]), np.array([0.0, 0.0]), 3) is None


def test_unknown_terms_are_rejected():
    p = SharedOperatorsProblem("p")
    p.add_operator_type("u", 1)
    p.add_op("u")
    with pytest.raises(Exception, match="unknown term"):
        schedule_gaus_registers(p, {"peak": 1.0})
    with pytest.raises(Exception, match="sigma"):
        schedule_gaus_registers(p, {"registers": 1.0}, sigma="fixed")


def test_log_path_gets_one_entry_per_iteration(tmp_path):
    import json

    p = ModuloProblem("p")
    p.add_operator_type("u", 1)
    x, y = p.add_op("u", bits=2), p.add_op("u", bits=2)
    p.add_dependence(x, y)
    p.add_dependence(y, x, 1)
    out = tmp_path / "log.json"
    s = schedule_gaus_registers(p, {"lifetimes": 1.0, "latency": 0.5}, iterations=7, rounds=2, log=str(out))
    p.verify(s)
    hist = json.loads(out.read_text())
    assert [h["it"] for h in hist] == list(range(7)) * 2


def test_empty_problem():
    p = SharedOperatorsProblem("p")
    s = schedule_gaus_registers(time_constrained(p, 0, keep_limits=True), {"registers": 1.0})
    assert s.start.size == 0 and s.objective == 0 and s.stats["rounds"] == 0


@settings(max_examples=20, deadline=None)
@given(problems("SharedOperatorsProblem"), problems("ModuloProblem"))
def test_generated_problems_with_blocking_and_several_resources(acyclic, modulo):
    """random_problem: blocking operator types, ops using two resources, sinks."""
    p = _bounded(acyclic, 1)
    s = schedule_gaus_registers(p, {"registers": 1.0, "lifetimes": 0.01}, iterations=20)
    p.verify(s)
    s = schedule_gaus_registers(modulo, {"registers": 1.0}, iterations=20)
    modulo.verify(s)
    assert s.ii == schedule_ims(modulo).ii
