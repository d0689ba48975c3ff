"""Value widths and the register count (model/registers.py): hand-computed
cases, a brute-force property test (per step, and per congruence class by
unrolling iterations), huge magnitudes, and the argument checks of
``add_op(bits=)``."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaus_mlir.model import (
    CyclicProblem,
    ModuloProblem,
    Problem,
    Schedule,
    copy_as,
    time_constrained,
)
from gaus_mlir.model.errors import ProblemTypeError, ProblemValueError
from gaus_mlir.model.registers import RegisterUsage, format_registers, lifetimes, register_usage
from gaus_mlir.ssp import parse, print_instances


def _problem(cls=Problem, lat=1):
    p = cls("t")
    p.add_operator_type("a", lat)
    return p


def _usage(p, start, ii=None):
    u = register_usage(p, start, ii)
    return u.peak, u.total


# ------------------------------------------------------------ hand-computed
def test_chain():
    # a -> b -> c, latency 1, widths 8, 16, 4: a lives [1, 3), b [4, 6), c none
    p = _problem()
    a, b, c = p.add_op("a", bits=8), p.add_op("a", bits=16), p.add_op("a", bits=4)
    p.add_dependence(a, b)
    p.add_dependence(b, c)
    birth, death, bits = lifetimes(p, [0, 3, 6])
    assert birth.tolist() == [1, 4, 7]
    assert death.tolist() == [3, 6, 7]
    assert bits.tolist() == [8, 16, 4]
    assert _usage(p, [0, 3, 6]) == (16, 8 * 2 + 16 * 2)
    # one step each, never both at once
    assert _usage(p, [0, 2, 4]) == (16, 8 + 16)
    # consumed as soon as it is ready: no register at all
    assert _usage(p, [0, 1, 2]) == (0, 0)


def test_fan_out_lives_until_last_consumer():
    p = _problem()
    a = p.add_op("a", bits=32)
    b, c, d = (p.add_op("a", bits=2) for _ in range(3))
    for j in (b, c, d):
        p.add_dependence(a, j)
    p.add_dependence(b, d)
    p.add_dependence(c, d)
    # a lives [1, 5); b [2, 5); c [4, 5)
    assert lifetimes(p, [0, 1, 3, 4])[1].tolist() == [4, 4, 4, 5]
    assert lifetimes(p, [0, 1, 3, 5])[1].tolist() == [5, 5, 5, 6]
    assert _usage(p, [0, 1, 3, 5]) == (32 + 2 + 2, 32 * 4 + 2 * 3 + 2 * 1)


def test_auxiliary_dependences_carry_no_value():
    p = _problem()
    a, b = p.add_op("a", bits=8), p.add_op("a", bits=8)
    p.add_dependence(a, b, aux=True)
    assert _usage(p, [0, 10]) == (0, 0)
    p.add_dependence(a, b)
    assert _usage(p, [0, 10]) == (8, 8 * 9)


def test_multi_result_widths_per_result():
    p = _problem()
    a = p.add_op("a", results=3, bits=[8, 16, 32])
    b, c = p.add_op("a"), p.add_op("a")
    p.add_dependence(a, b, result=0)
    p.add_dependence(a, c, result=2)  # result 1 is never read: no lifetime
    assert p.arrays.value_ptr.tolist() == [0, 3, 4, 5]
    assert p.arrays.value_bits.tolist() == [8, 16, 32, 1, 1]
    birth, death, _ = lifetimes(p, [0, 2, 5])
    assert birth.tolist() == [1, 1, 1, 3, 6]
    assert death.tolist() == [2, 1, 5, 3, 6]
    # steps 1: 8 + 32; 2..4: 32
    assert _usage(p, [0, 2, 5]) == (40, 8 + 32 * 4)


def test_one_width_applies_to_every_result():
    p = _problem()
    p.add_op("a", results=2, bits=7)
    assert p.arrays.value_bits.tolist() == [7, 7]


def test_result_read_beyond_the_declared_ones_is_a_value():
    # a data dependence may read a result the op did not declare (the SSP
    # printer gives such an op a result too): it is a value of the op's width
    p = _problem()
    a = p.add_op("a", results=0, bits=5)
    b = p.add_op("a")
    p.add_dependence(a, b, result=1)
    assert p.arrays.value_bits.tolist() == [5, 5, 1]
    assert _usage(p, [0, 4]) == (5, 15)


def test_zero_length_and_zero_width():
    p = _problem(lat=0)
    a, b = p.add_op("a", bits=8), p.add_op("a", bits=0)
    c = p.add_op("a")
    p.add_dependence(a, b)  # combinational use in the same cycle: no register
    p.add_dependence(b, c)  # width 0: never counts
    assert _usage(p, [3, 3, 9]) == (0, 0)
    u = register_usage(p, [3, 3, 9])
    assert u.values == 0
    # a consumer starting before the value is born (an invalid schedule):
    # no lifetime either
    assert lifetimes(p, [5, 3, 9])[1].tolist()[0] == 5


def test_modulo_lifetime_longer_than_ii_counts_per_overlapping_iteration():
    # a (lat 1) at 0 feeds b at 7: lives [1, 7), 6 steps; II 4: one full turn
    # plus 2 classes (1, 2) -> classes hold 1, 2, 2, 1 values of 8 bits
    p = _problem(CyclicProblem)
    a, b = p.add_op("a", bits=8), p.add_op("a", bits=3)
    p.add_dependence(a, b)
    assert _usage(p, [0, 7], 4) == (16, 48)
    assert _usage(p, [0, 7], 6) == (8, 48)  # exactly one turn: 1 everywhere
    assert _usage(p, [0, 7], 7) == (8, 48)
    assert _usage(p, [0, 7], 2) == (24, 48)
    # the partial turn wraps: born at class 3 of II 4, lives 2 steps: 3, 0
    assert _usage(p, [2, 5], 4) == (8, 16)


def test_loop_carried_value_lives_until_the_next_iteration():
    # acc -> acc at distance 1: lives [t + lat, t + II)
    p = _problem(CyclicProblem, lat=2)
    acc = p.add_op("a", bits=32)
    p.add_dependence(acc, acc, 1)
    assert _usage(p, [0], 3) == (32, 32)
    assert _usage(p, [0], 5) == (32, 96)
    assert lifetimes(p, Schedule([0], ii=5))[1].tolist() == [5]


def test_schedule_or_start_array_and_ii():
    p = _problem(ModuloProblem)
    a, b = p.add_op("a", bits=2), p.add_op("a", bits=2)
    p.add_dependence(a, b)
    s = Schedule(np.array([0, 5]), ii=2)
    assert register_usage(p, s) == RegisterUsage(peak=4, total=8, values=1, ii=2)
    assert register_usage(p, s, 4).peak == 2  # an explicit II wins
    assert register_usage(p, [0, 5], 2) == register_usage(p, s)
    with pytest.raises(ProblemValueError, match="needs an II"):
        register_usage(p, [0, 5])
    with pytest.raises(ProblemTypeError):
        register_usage(p, [0, 5], 1.5)
    with pytest.raises(ProblemValueError, match="3 start times for 2 operations"):
        register_usage(p, [0, 5, 6], 2)


def test_format_registers():
    assert format_registers(RegisterUsage(peak=40, total=136, values=2)) == "registers=40 lifetimes=136"


def test_copies_carry_the_widths():
    p = _problem()
    a = p.add_op("a", results=2, bits=[3, 4])
    b = p.add_op("a", bits=9)
    p.add_dependence(a, b, result=1)
    for q in (copy_as(p, CyclicProblem), time_constrained(p, 10)):
        assert q.arrays.value_bits.tolist() == [3, 4, 9]
        assert _usage(q, [0, 3], 0 if not q.cyclic else 5) == (4, 8)
    q = copy_as(p, Problem)
    q.add_op("a", bits=6)  # the copy's lists are its own
    assert p.arrays.value_bits.tolist() == [3, 4, 9]
    assert q.arrays.value_bits.tolist() == [3, 4, 9, 6]


@pytest.mark.parametrize(
    ("bits", "results", "error", "match"),
    [
        (1.5, 1, ProblemTypeError, "bits must be an integer"),
        (True, 1, ProblemTypeError, "bits must be an integer"),
        ("8", 1, ProblemTypeError, "bits must be an integer or a sequence"),
        (None, 1, ProblemTypeError, "bits must be an integer"),
        (-1, 1, ProblemValueError, r"bits -1 is outside the supported range \[0, 2\^62\]"),
        (2**62 + 1, 1, ProblemValueError, "outside the supported range"),
        ([8, 8], 1, ProblemValueError, "bits lists 2 widths for an op with 1 result"),
        ([8, 2.0], 2, ProblemTypeError, "bits must be an integer"),
        ([], 1, ProblemValueError, "bits lists 0 widths"),
    ],
)
def test_bits_argument_checks(bits, results, error, match):
    p = _problem()
    with pytest.raises(error, match=match):
        p.add_op("a", results=results, bits=bits)
    assert p.num_ops == 0 and p.op_bits == []


def test_bits_accepts_numpy_integers():
    p = _problem()
    p.add_op("a", bits=np.int32(12))
    p.add_op("a", results=2, bits=np.array([3, 4]))
    p.add_op("a", bits=2**62)
    assert p.arrays.value_bits.tolist() == [12, 3, 4, 2**62]


# ------------------------------------------------------ huge magnitudes
def test_huge_times_and_ii_are_swept_not_expanded():
    p = _problem(CyclicProblem)
    a, b = p.add_op("a", bits=5), p.add_op("a", bits=1)
    p.add_dependence(a, b)
    start = [0, 2**60]
    length = 2**60 - 1
    for ii in (1, 7, 2**59, 2**60 + 3):
        full, rem = divmod(length, ii)
        u = register_usage(p, start, ii)
        assert (u.peak, u.total) == (5 * (full + (rem > 0)), 5 * length)


def test_huge_sums_are_exact():
    # times near 2^62, widths 2^62, distances * II beyond int64: Python ints
    p = _problem(CyclicProblem, lat=0)
    a = p.add_op("a", bits=2**62)
    b = p.add_op("a", bits=2**62)
    p.add_dependence(a, b, 2**62)
    p.add_dependence(b, a, 0)
    u = register_usage(p, [2**62, 2**62], 2**62)
    # a lives [2^62, 2^62 + 2^124): exactly 2^62 turns; b lives [2^62, 2^62)
    assert u == RegisterUsage(2**62 * 2**62, 2**62 * 2**124, 1, 2**62)
    birth, death, _ = lifetimes(p, [2**62, 2**62], 2**62)
    assert death.tolist() == [2**62 + 2**124, 2**62]
    acyclic = _problem()
    x, y = acyclic.add_op("a", bits=2**62), acyclic.add_op("a", bits=2**62)
    z = acyclic.add_op("a")
    acyclic.add_dependence(x, z)
    acyclic.add_dependence(y, z)
    assert register_usage(acyclic, [0, 1, 2**62]).peak == 2**63


# ------------------------------------------------------ brute force
def _brute_lifetimes(p, start, ii):
    """Straight from the definition, one dependence at a time."""
    a = p.arrays
    vals = []
    for i in range(p.num_ops):
        for r in range(int(a.value_ptr[i + 1] - a.value_ptr[i])):
            birth = start[i] + int(a.lat[i])
            ends = [
                start[int(a.dst[e])] + int(a.dist[e]) * ii
                for e in range(p.num_deps)
                if not a.aux[e] and a.src[e] == i and a.result[e] == r
            ]
            death = max(ends) if ends and max(ends) > birth else birth
            vals.append((birth, death, int(a.value_bits[int(a.value_ptr[i]) + r])))
    return vals


def _brute_peak(vals, ii):
    live = [(b, e, w) for b, e, w in vals if e > b]
    if not live:
        return 0
    if not ii:
        lo, hi = min(b for b, _, _ in live), max(e for _, e, _ in live)
        return max(sum(w for b, e, w in live if b <= d < e) for d in range(lo, hi))
    # unroll: iteration k runs every value shifted by k * II; in the steady
    # state (enough iterations started before d) step d holds every overlap
    lo = min(b for b, _, _ in live)
    span = max(e for _, e, _ in live) - lo
    k_max = span // ii + 2
    best = 0
    for d in range(lo + k_max * ii, lo + k_max * ii + ii):
        count = sum(w for k in range(k_max + 1) for b, e, w in live if b + k * ii <= d < e + k * ii)
        best = max(best, count)
    return best


@st.composite
def _instances(draw):
    modulo = draw(st.booleans())
    n = draw(st.integers(1, 7))
    p = (CyclicProblem if modulo else Problem)("h")
    for lat in range(4):
        p.add_operator_type(f"l{lat}", lat)
    results = []
    for _ in range(n):
        nr = draw(st.integers(0, 2))
        per = draw(st.booleans())
        bits = draw(st.lists(st.integers(0, 9), min_size=nr, max_size=nr)) if per else draw(st.integers(0, 9))
        p.add_op(f"l{draw(st.integers(0, 3))}", results=nr, bits=bits)
        results.append(nr)
    for _ in range(draw(st.integers(0, 12))):
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        dist = draw(st.integers(0, 3)) if modulo else 0
        aux = draw(st.booleans()) if results[i] else draw(st.booleans()) and draw(st.booleans())
        r = draw(st.integers(0, max(results[i], 1) - 1 + draw(st.integers(0, 1))))
        p.add_dependence(i, j, dist, aux=aux, result=r)
    start = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    ii = draw(st.integers(1, 6)) if modulo else 0
    return p, start, ii


@settings(max_examples=300, deadline=None)
@given(_instances())
def test_matches_brute_force(inst):
    p, start, ii = inst
    vals = _brute_lifetimes(p, start, ii)
    birth, death, bits = lifetimes(p, start, ii)
    assert list(zip(birth.tolist(), death.tolist(), bits.tolist())) == vals
    u = register_usage(p, start, ii)
    assert u.peak == _brute_peak(vals, ii)
    assert u.total == sum(w * (e - b) for b, e, w in vals)
    assert u.values == sum(1 for b, e, w in vals if e > b and w > 0)
    # the exact (Python int) path agrees with the int64 one
    shift = 2**62 - 20
    big = register_usage(p, [t + shift for t in start], ii)
    assert (big.peak, big.total) == (u.peak, u.total)


# ------------------------------------------------------ SSP: 1 bit per value
SSP_MULTI = """ssp.instance @multi of "CyclicProblem" [II<2>] {
  library {
    operator_type @two [latency<1>]
    operator_type @one [latency<1>]
  }
  graph {
    %0:2 = operation<@two> @pair() [t<0>]
    %1 = operation<@one>(%0#1, %0#0 [dist<1>], @pair [dist<3>]) [t<1>]
    operation<@one>(%1) [t<5>]
  }
}
"""


@pytest.mark.parametrize("fast", [True, False])
def test_ssp_values_are_one_bit_and_print_unchanged(fast):
    (inst,) = parse(SSP_MULTI, "t.mlir", fast=fast)
    p = inst.problem
    assert p.op_bits == [1, 1, 1]
    assert p.arrays.value_ptr.tolist() == [0, 2, 3, 3]
    assert p.arrays.value_bits.tolist() == [1, 1, 1]
    # %0#0 lives [1, 1 + 2) (read one iteration later), %0#1 is read at once,
    # %1 lives [2, 5): classes mod 2 hold 1 + 2 and 0 + 1
    assert register_usage(p, inst.schedule) == RegisterUsage(peak=3, total=5, values=2, ii=2)
    assert print_instances([inst]) == SSP_MULTI
