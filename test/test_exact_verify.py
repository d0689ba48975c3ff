"""The verifier is exact (no int64 wrap-around), the model's build API rejects
non-integers and out-of-range numbers with typed errors naming the argument,
and check() bounds the totals schedulers add up (issue 12, items 4, 5, 17)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaus_mlir.model import (
    ChainingCyclicProblem,
    ChainingProblem,
    CyclicProblem,
    ModuloProblem,
    Problem,
    ProblemError,
    Schedule,
    SharedOperatorsProblem,
    Subject,
    VerificationError,
    time_constrained,
)
from gaus_mlir.model.problem import MAX_INT
from gaus_mlir.schedulers import schedule

BIG = 2**62


def two_ops(kind=Problem, lat=1, dist=None):
    p = kind("p")
    p.add_operator_type("x", lat)
    p.add_op("x", "a")
    p.add_op("x", "b")
    p.add_dependence(0, 1)
    if dist is not None:
        p.add_dependence(1, 0, dist, aux=True)
    return p


# ------------------------------------------------------------ exact verify


def test_huge_latency_does_not_wrap_around():
    # t_a + lat_a = 2^62 + 2^62 = 2^63 wrapped to -2^63 in int64: accepted before
    p = two_ops(lat=BIG)
    with pytest.raises(VerificationError, match="precedence violated") as ei:
        p.verify(Schedule([BIG, 0]))
    assert ei.value.subject == Subject("op", 1)
    p.verify(Schedule([0, BIG]))


def test_dist_times_huge_ii_is_exact():
    # 2 * 2^62 wrapped to -2^63: a valid schedule was rejected before
    p = two_ops(CyclicProblem, lat=1, dist=2)
    p.verify(Schedule([0, 1], ii=BIG))
    with pytest.raises(VerificationError, match="precedence violated"):
        p.verify(Schedule([0, 2 * BIG + 3], ii=BIG))


def test_start_times_beyond_int64_are_kept_exactly():
    p = two_ops(lat=1)
    s = Schedule([0, 2**70])
    assert int(s.start[1]) == 2**70
    p.verify(s)
    with pytest.raises(VerificationError, match="precedence violated"):
        p.verify(Schedule([2**70, 2**70]))


def test_latency_bound_exact():
    p = two_ops(SharedOperatorsProblem, lat=1)
    tc = time_constrained(p, BIG)
    tc.verify(Schedule([0, BIG - 1]))
    with pytest.raises(VerificationError, match="latency bound violated"):
        tc.verify(Schedule([0, BIG]))


def test_schedule_rejects_fractional_start_and_ii():
    with pytest.raises(ValueError, match="integers"):
        Schedule([0, 1.5])
    with pytest.raises(TypeError, match="ii must be an integer"):
        Schedule([0, 1], ii=2.5)
    assert Schedule([0.0, 2.0]).start.tolist() == [0, 2]


# ----------------------------------------------------------- resource uses


def shared(limit=1, blocking=None, kind=SharedOperatorsProblem):
    p = kind("p")
    p.add_operator_type("x", 1, blocking=blocking)
    p.add_resource_type("r", limit)
    return p


def test_repeated_use_of_a_resource_counts_once():
    # CIRCT's verifyUtilization counts an op once per resource
    p = shared(limit=1)
    p.add_op("x", "a", uses=["r", "r"])
    p.verify(Schedule([0]))
    p.add_op("x", "b", uses=["r"])
    with pytest.raises(VerificationError, match="2 operations use '@r'"):
        p.verify(Schedule([0, 0]))
    p.verify(Schedule([0, 1]))


@pytest.mark.parametrize("blk", [10**12, BIG])
def test_huge_blocking_is_swept_not_expanded(blk):
    p = shared(limit=1, blocking=blk)
    p.add_op("x", "a", uses=["r"])
    p.add_op("x", "b", uses=["r"])
    with pytest.raises(VerificationError, match=r"in step 5: '@a', '@b'"):
        p.verify(Schedule([0, 5]))
    p.verify(Schedule([0, blk]))


def test_huge_blocking_modulo():
    p = shared(limit=1, blocking=10**12, kind=ModuloProblem)
    p.add_op("x", "a", uses=["r"])
    # one op blocking 10^12 steps overlaps its own next iterations at II 10
    with pytest.raises(VerificationError, match=r"congruence class 0 \(mod II 10\)"):
        p.verify(Schedule([0], ii=10))
    p.verify(Schedule([0], ii=10**12))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 12), st.integers(1, 6), st.integers(0, 1)), min_size=1, max_size=7),
    st.integers(1, 3),
    st.integers(0, 7),
)
def test_sweep_matches_expansion(uses, limit, ii):
    """The exact interval sweep (huge numbers) and the per-step expansion find
    the same first violation."""
    kind = ModuloProblem if ii else SharedOperatorsProblem
    p = kind("p")
    for k in range(1, 7):
        p.add_operator_type(f"b{k}", 1, blocking=k)
    p.add_resource_type("r0", limit)
    p.add_resource_type("r1", 1)
    for _t, b, r in uses:
        p.add_op(f"b{b}", uses=[f"r{r}"])
    t = np.array([u[0] for u in uses], dtype=np.int64)
    ops, res = p.limited_uses()
    blk = p.arrays.blocking[ops]
    fast = p._over_expanded(t, ii, ops, res, blk)
    slow = p._over_swept(t, ii, ops, res, blk)
    assert bool(fast) == bool(slow)
    if fast:
        assert fast[0][:3] == slow[0][:3]
        assert fast[0][3].tolist() == slow[0][3].tolist()


# --------------------------------------------------------------- build API


@pytest.mark.parametrize(
    "call,exc,words",
    [
        (lambda p: p.add_operator_type("y", 1.5), TypeError, ["latency", "1.5"]),
        (lambda p: p.add_operator_type("y", True), TypeError, ["latency", "True"]),
        (lambda p: p.add_operator_type("y", math.nan), TypeError, ["latency", "nan"]),
        (lambda p: p.add_operator_type("y", "3"), TypeError, ["latency", "'3'"]),
        (lambda p: p.add_operator_type("y", 2**63), ValueError, ["latency", "2^62"]),
        (lambda p: p.add_operator_type("y", 1, blocking=1.5), TypeError, ["blocking"]),
        (lambda p: p.add_operator_type("y", 1, limit=2**63), ValueError, ["limit"]),
        (lambda p: p.add_operator_type("y", 1, incoming_delay=math.nan), ValueError, ["incoming_delay"]),
        (lambda p: p.add_resource_type("r", 1.5), TypeError, ["limit", "1.5"]),
        (lambda p: p.set_limit(0, 2.5), TypeError, ["limit"]),
        (lambda p: p.set_limit(7, 1), ValueError, ["resource", "7"]),
        (lambda p: p.add_op("nope"), ValueError, ["unknown operator type 'nope'", "'x'"]),
        (lambda p: p.add_op(9), ValueError, ["operator type", "9"]),
        (lambda p: p.add_op("x", uses=["nope"]), ValueError, ["unknown resource type 'nope'"]),
        (lambda p: p.add_op("x", uses="r"), TypeError, ["uses"]),
        (lambda p: p.add_op("x", results=1.5), TypeError, ["results"]),
        (lambda p: p.add_dependence(0, 1, 1.5), TypeError, ["dist"]),
        (lambda p: p.add_dependence(0, 1, 2**63), ValueError, ["dist", "2^62"]),
        (lambda p: p.add_dependence(0.0, 1), TypeError, ["src"]),
    ],
)
def test_build_api_rejects_bad_arguments(call, exc, words):
    p = shared(limit=1)
    p.add_op("x", "a")
    p.add_op("x", "b")
    with pytest.raises(exc) as ei:
        call(p)
    assert isinstance(ei.value, ProblemError)  # also a SchedulingError for bridges
    for w in words:
        assert w in str(ei.value), str(ei.value)


def test_schedule_entry_point_errors():
    with pytest.raises(TypeError, match="expected a Problem"):
        schedule(None)
    p = two_ops(CyclicProblem, dist=1)
    with pytest.raises(TypeError, match="ii must be an integer, got 2.5"):
        schedule(p, "ims", ii=2.5)
    with pytest.raises(TypeError, match="ii must be an integer"):
        schedule(p, "ims", ii=True)
    with pytest.raises(ValueError, match="2\\^62"):
        schedule(p, "ims", ii=2**63)
    with pytest.raises(ValueError, match="range \\[1, 2\\^62\\]"):
        schedule(p, "ims", ii=0)
    # (2 ops + distance 1) * II + total 4 must fit: dist * II + t never overflows
    with pytest.raises(ProblemError, match="II 2305843009213693952 exceeds"):
        schedule(p, "ims", ii=BIG // 2)
    assert schedule(p, "asap", ii=BIG // 4).ii == BIG // 4
    assert schedule(p, "ims", ii=3).ii == 3
    with pytest.raises(TypeError, match="latency_bound"):
        time_constrained(two_ops(SharedOperatorsProblem), 2.5)


# ------------------------------------------------------------- check range


def test_check_bounds_the_total():
    p = two_ops(lat=BIG // 2)
    with pytest.raises(ProblemError, match="exceeds the supported range"):
        p.check()
    q = two_ops(CyclicProblem, lat=1, dist=BIG // 4)
    with pytest.raises(ProblemError, match="largest distance"):
        q.check()
    # just inside: (lat + 1) * 2 ops <= 2^62
    two_ops(lat=BIG // 2 - 1).check()
    assert MAX_INT == BIG


def test_scheduling_near_the_range_is_exact():
    p = two_ops(lat=BIG // 2 - 1)
    s = schedule(p, "asap")
    assert s.start.tolist() == [0, BIG // 2 - 1]


# ---------------------------------------------------------------- chaining


def test_chaining_checks_unused_operator_types():
    # CIRCT's ChainingProblem::check covers every operator type of the library
    p = ChainingProblem("p")
    p.add_operator_type("used", 0, incoming_delay=1.0, outgoing_delay=1.0)
    p.add_operator_type("unused", 1)
    p.add_op("used")
    with pytest.raises(ProblemError, match="missing delays for operator type '@unused'") as ei:
        p.check()
    assert ei.value.subject == Subject("operator_type", "unused")


def test_chaining_cyclic_def_use_distance_is_a_check_error():
    p = ChainingCyclicProblem("p")
    p.add_operator_type("c", 0, incoming_delay=1.0, outgoing_delay=1.0)
    p.add_op("c", "a")
    p.add_op("c", "b")
    p.add_dependence(0, 1, 3)
    with pytest.raises(ProblemError, match="cannot have a non-zero distance") as ei:
        p.check()
    assert ei.value.subject == Subject("op", 1)


@settings(max_examples=120, deadline=None)
@given(
    st.integers(0, 10**6),
    st.sampled_from(["SharedOperatorsProblem", "ModuloProblem", "CyclicProblem", "Problem"]),
    st.integers(1, 4),
    st.data(),
)
def test_shifting_by_a_huge_multiple_of_ii_keeps_the_verdict(seed, kind, ii, data):
    """Start times shifted by K * II (K * II >= 2^62, so verify works on Python
    ints) are valid exactly when the unshifted ones are: the exact path agrees
    with the int64 path."""
    from gaus_mlir.model.generate import random_problem

    p = random_problem(seed, kind, max_ops=6)
    n = p.num_ops
    start = data.draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))
    k = -(-BIG // ii) + data.draw(st.integers(0, 3))
    use_ii = ii if p.cyclic else None
    base = p.violations(Schedule(start, ii=use_ii), limit=1)
    shifted = p.violations(Schedule([s + k * ii for s in start], ii=use_ii), limit=1)
    assert bool(base) == bool(shifted)
    if base:
        assert base[0].message.split(":")[0] == shifted[0].message.split(":")[0]
