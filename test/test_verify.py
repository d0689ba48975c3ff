"""verify() rejects hand-made invalid schedules, and check() rejects malformed
problems, each with a message naming the culprit and the right Subject."""

from __future__ import annotations

import pytest
from conftest import BENCHMARKS, manifest_rows, needs_benchmarks

from gaus_mlir.model import (
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
from gaus_mlir.model.bounds import critical_path, rec_mii, res_mii, resource_bound


def expect(exc_type, fn, names, subject):
    """``fn()`` raises ``exc_type`` whose message contains every name in
    ``names`` and whose subject is ``subject`` (or one of a set of subjects)."""
    with pytest.raises(exc_type) as info:
        fn()
    err = info.value
    for name in names:
        assert name in err.message, (name, err.message)
    if isinstance(subject, (set, frozenset)):
        assert err.subject in subject, (err.subject, err.message)
    else:
        assert err.subject == subject, (err.subject, err.message)
    return err


def chain(kind=Problem, lat=2, n=2, **type_kw):
    """ops o0 -> o1 -> ... of one operator type ``t``."""
    p = kind("chain")
    p.add_operator_type("t", lat, **type_kw)
    for i in range(n):
        p.add_op("t", f"o{i}")
    for i in range(n - 1):
        p.add_dependence(i, i + 1)
    p.check()
    return p


def verify(p, start, **kw):
    return lambda: p.verify(Schedule(start, **kw))


# ------------------------------------------------------------------- verify
def test_valid_schedules_pass():
    p = chain(lat=2, n=3)
    p.verify(Schedule([0, 2, 4]))
    c = chain(CyclicProblem, lat=1, n=2)
    c.add_dependence(1, 0, 1)
    c.verify(Schedule([0, 1], ii=2))


def test_precedence():
    p = chain(lat=2, n=4)
    expect(VerificationError, verify(p, [0, 2, 4, 5]), ["'@o2'", "'@o3'", "precedence"], Subject("op", 3))


def test_distance_times_ii_precedence():
    p = chain(CyclicProblem, lat=3, n=2)
    p.add_dependence(1, 0, 1)  # o1 -> o0 one iteration later
    p.verify(Schedule([0, 3], ii=6))
    err = expect(
        VerificationError, verify(p, [0, 3], ii=5), ["'@o1'", "'@o0'", "dist 1", "II 5"], Subject("op", 0)
    )
    assert "precedence" in err.message


@pytest.mark.parametrize("ii", [None, 0])
def test_ii_missing_or_zero(ii):
    p = chain(CyclicProblem, lat=1, n=2)
    err = expect(
        VerificationError,
        verify(p, [0, 1], ii=ii),
        ["invalid initiation interval", "it has none" if ii is None else f"got {ii}"],
        Subject("instance"),
    )
    assert "CyclicProblem" in err.message


def test_negative_start_time():
    p = chain(lat=1, n=3)
    expect(VerificationError, verify(p, [-1, 0, 1]), ["'@o0'", "negative start time -1"], Subject("op", 0))


def shared(kind=SharedOperatorsProblem, limit=1, blocking=None, lat=2, n=2):
    """n independent ops of type ``t`` on resource ``r``."""
    p = kind("shared")
    p.add_operator_type("t", lat, blocking=blocking)
    p.add_resource_type("r", limit)
    for i in range(n):
        p.add_op("t", f"o{i}", uses=["r"])
    p.check()
    return p


def test_resource_limit_per_step():
    p = shared(limit=2, n=4)
    p.verify(Schedule([0, 0, 1, 1]))
    err = expect(
        VerificationError,
        verify(p, [0, 1, 1, 1]),
        ["'@o1'", "'@o2'", "'@o3'", "'@r'", "limit 2", "step 1"],
        {Subject("op", i) for i in (1, 2, 3)},
    )
    assert "'@o0'" not in err.message


def test_resource_limit_per_congruence_class():
    p = shared(ModuloProblem, limit=1, n=2)
    p.verify(Schedule([0, 1], ii=2))
    p.verify(Schedule([0, 2], ii=3))
    expect(
        VerificationError,
        verify(p, [0, 2], ii=2),
        ["'@o0'", "'@o1'", "congruence class 0", "mod II 2"],
        {Subject("op", 0), Subject("op", 1)},
    )


def test_blocking_time_overlap():
    p = shared(limit=1, blocking=2, lat=3, n=2)
    p.verify(Schedule([0, 2]))
    expect(
        VerificationError,
        verify(p, [0, 1]),
        ["'@o0'", "'@o1'", "step 1"],
        {Subject("op", 0), Subject("op", 1)},
    )
    m = shared(ModuloProblem, limit=1, blocking=2, lat=3, n=2)
    m.verify(Schedule([0, 2], ii=4))
    # o1's second blocked step wraps onto o0's congruence class
    expect(
        VerificationError,
        verify(m, [0, 3], ii=4),
        ["'@o0'", "'@o1'", "class 0"],
        {Subject("op", 0), Subject("op", 1)},
    )


def chaining(cycle_time=5.0):
    p = chain(ChainingProblem, lat=0, n=2, incoming_delay=1.0, outgoing_delay=1.0)
    p.cycle_time = cycle_time
    return p


def test_chaining_valid():
    p = chaining()
    p.verify(Schedule([0, 0], z=[0.0, 1.0]))
    p.verify(Schedule([0, 1], z=[0.0, 0.0]))  # different cycles: no chaining


def test_chaining_precedence_in_cycle():
    p = chaining()
    expect(
        VerificationError,
        verify(p, [0, 0], z=[0.0, 0.5]),
        ["'@o0'", "'@o1'", "precedence violated in cycle 0"],
        Subject("op", 1),
    )


def test_chaining_negative_z():
    p = chaining()
    expect(
        VerificationError,
        verify(p, [0, 1], z=[-1.0, 0.0]),
        ["'@o0'", "start time in cycle"],
        Subject("op", 0),
    )


def test_chaining_cycle_time():
    p = chaining(cycle_time=5.0)
    expect(
        VerificationError, verify(p, [0, 0], z=[3.0, 4.5]), ["'@o1'", "cycle time 5", "5.5"], Subject("op", 1)
    )


def test_chaining_missing_z():
    p = chaining()
    # as CIRCT: the first op without a start time in cycle, at that op
    expect(
        VerificationError,
        verify(p, [0, 0]),
        ["'@o0'", "no non-negative start time in cycle"],
        Subject("op", 0),
    )


def test_latency_bound():
    p = shared(limit=1, n=3, lat=2)
    tc = time_constrained(p, 4)
    tc.verify(Schedule([0, 0, 2]))  # limits are ignored under a latency bound
    expect(VerificationError, verify(tc, [0, 0, 3]), ["'@o2'", "finishes at 5", "bound 4"], Subject("op", 2))


# -------------------------------------------------------------------- check
def test_check_missing_latency():
    p = Problem("p")
    p.add_operator_type("t", 1)
    p.add_operator_type("nolat")
    p.add_op("t", "o0")
    p.add_op("nolat", "o1")
    expect(ProblemError, p.check, ["'@nolat'", "'@o1'", "no latency"], Subject("operator_type", "nolat"))


def test_check_negative_latency():
    p = Problem("p")
    p.add_operator_type("neg", -1)
    p.add_op("neg", "o0")
    expect(ProblemError, p.check, ["'@neg'", "negative latency -1"], Subject("operator_type", "neg"))


def test_check_limit_zero():
    p = shared(n=1)
    p.add_resource_type("zero", 0)
    expect(ProblemError, p.check, ["'@zero'", "limit 0"], Subject("resource_type", "zero"))
    q = SharedOperatorsProblem("implicit")
    q.add_operator_type("mul", 2, limit=0)
    q.add_op("mul", "o0")
    expect(ProblemError, q.check, ["'@mul'", "limit 0"], Subject("operator_type", "mul"))


def test_check_zero_latency_on_limited_resource():
    p = SharedOperatorsProblem("p")
    p.add_operator_type("t", 1)
    p.add_operator_type("comb", 0)
    p.add_resource_type("r", 1)
    p.add_op("t", "o0", uses=["r"])
    p.add_op("comb", "o1", uses=["r"])
    expect(ProblemError, p.check, ["'@o1'", "latency 0", "'@r'"], Subject("op", 1))


def test_check_zero_distance_cycle():
    p = Problem("p")
    p.add_operator_type("t", 1)
    for i in range(4):
        p.add_op("t", f"o{i}")
    p.add_dependence(0, 1)
    p.add_dependence(1, 2)
    p.add_dependence(2, 3)
    p.add_dependence(3, 1)
    err = expect(
        ProblemError,
        p.check,
        ["'@o1'", "'@o2'", "'@o3'", "zero total distance"],
        {Subject("op", i) for i in (1, 2, 3)},
    )
    assert "'@o0'" not in err.message
    # the same cycle with a distance is fine in a cyclic problem
    c = CyclicProblem("c")
    c.add_operator_type("t", 1)
    for i in range(2):
        c.add_op("t", f"o{i}")
    c.add_dependence(0, 1)
    c.add_dependence(1, 0, 1)
    c.check()
    c.add_dependence(1, 0, 0)
    expect(ProblemError, c.check, ["'@o0'", "'@o1'"], {Subject("op", 0), Subject("op", 1)})


def test_check_distance_in_acyclic_problem():
    p = chain(lat=1, n=3)
    p.add_dependence(2, 0, 1)
    expect(ProblemError, p.check, ["'@o0'", "distance", "Problem"], Subject("op", 0))


def test_check_chaining_missing_delays():
    p = ChainingProblem("p")
    p.add_operator_type("t", 1, incoming_delay=0.5)
    p.add_op("t", "o0")
    expect(ProblemError, p.check, ["'@t'", "missing delays"], Subject("operator_type", "t"))


def test_check_chaining_unequal_delays_at_latency_0():
    p = ChainingProblem("p")
    p.add_operator_type("comb", 0, incoming_delay=0.5, outgoing_delay=0.7)
    p.add_op("comb", "o0")
    expect(ProblemError, p.check, ["'@comb'", "equal", "zero-latency"], Subject("operator_type", "comb"))
    q = ChainingProblem("q")
    q.add_operator_type("seq", 1, incoming_delay=0.5, outgoing_delay=0.7)
    q.add_op("seq", "o0")
    q.check()  # unequal delays are fine with a latency


def test_check_unknown_last_op_name():
    p = chain(lat=1, n=2)
    p.last_op_name = "o1"
    p.check()
    assert p.last_op == 1
    p.last_op_name = "nope"
    expect(ProblemError, p.check, ["'@nope'"], Subject("instance"))


# ------------------------------------------------- bounds against the manifest
@needs_benchmarks
@pytest.mark.parametrize("suite", ["express", "chstone"])
def test_bounds_match_manifest(suite):
    from gaus_mlir.ssp import parse_file

    rows = manifest_rows(suite)
    assert rows
    for row in rows:
        (inst,) = parse_file(BENCHMARKS / row["file"])
        p = inst.problem
        assert critical_path(p) == int(row["cp_lb"]), row["file"]
        if row["res_lb"]:
            # same joint head/tail form as the manifest's res_lb
            assert resource_bound(p) == int(row["res_lb"]), row["file"]
        if suite == "chstone":
            assert rec_mii(p) == int(row["rec_mii"]), row["file"]
            assert res_mii(p) == int(row["res_mii"]), row["file"]
