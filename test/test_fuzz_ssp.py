"""Fuzzing gaus-opt on SSP text (issue 12): random instances of every problem
kind the parser accepts, scheduled by every method that takes the kind, must
give a schedule the independent plain-int checker (test/fuzz_support/
ssp_check.py) accepts, or a located error; hostile mutations of the text (huge
numbers, deleted / duplicated / swapped spans, garbage bytes) must give a
located error or a sound schedule, never an internal error, a traceback, a
partial output or a hang.

Deterministic (derandomized, no example database); GAUS_FUZZ_EXAMPLES scales
the number of examples.  benchmarks/fuzz_campaign.py runs the same cases
longer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("mlir.ir")

from fuzz_support.cases import ssp_case  # noqa: E402
from fuzz_support.settings import FUZZ, SEEDS, N, explain  # noqa: E402
from fuzz_support.ssp_gen import KINDS, METHODS  # noqa: E402

_explain = explain


@FUZZ
@given(
    seed=SEEDS,
    kind=st.sampled_from(KINDS),
    pick=st.integers(0, 4),
    instances=st.integers(1, 2),
    out_file=st.sampled_from([False, True, "existing"]),
)
def test_random_instances_get_a_sound_schedule_or_a_located_error(seed, kind, pick, instances, out_file):
    method = METHODS[kind][pick % len(METHODS[kind])]
    found, text, pipeline, o = ssp_case(seed, kind, method, instances=instances, use_output_file=out_file)
    assert not found, _explain(found, text, pipeline, o)


@settings(FUZZ, max_examples=max(5, N // 2))
@given(seed=SEEDS, kind=st.sampled_from(KINDS), pick=st.integers(0, 4), mutations=st.integers(0, 3))
def test_huge_numbers_and_mutated_text_keep_the_contract(seed, kind, pick, mutations):
    # a fresh process under a time and address-space budget: a hostile number
    # must not hang or exhaust the machine (issue 12 items 4, 8)
    method = METHODS[kind][pick % len(METHODS[kind])]
    found, text, pipeline, o = ssp_case(
        seed,
        kind,
        method,
        big=True,
        mutations=mutations,
        subprocess=True,
        timeout=20,
        use_output_file=[False, True, "existing"][seed % 3],
    )
    assert not found, _explain(found, text, pipeline, o)


# ------------------------------------------------ the checker itself
def test_checker_accepts_a_sound_schedule_and_rejects_each_broken_constraint():
    from fuzz_support.ssp_check import check
    from fuzz_support.ssp_gen import Op, OType, Spec

    spec = Spec(
        "ModuloProblem",
        "m",
        [OType("ld", 2), OType("add", 1, blocking=2)],
        [("port", 1)],
        [Op("a", 0, [0]), Op("b", 1, [0], [(0, 0, False)]), Op("c", 0, [0], [(1, 1, False)])],
    )

    def text(ta, tb, tc, ii):
        return (
            f'ssp.instance @m of "ModuloProblem" [II<{ii}>] {{\n  graph {{\n'
            f"    %0 = operation<@ld> @a() uses[@port] [t<{ta}>]\n"
            f"    %1 = operation<@add> @b(%0) uses[@port] [t<{tb}>]\n"
            f"    operation<@ld> @c(%1 [dist<1>]) uses[@port] [t<{tc}>]\n  }}\n}}\n"
        )

    # port: a at 0, b busy 2..3, c at 1 -> classes mod 4: 0, 2, 3, 1
    assert check(spec, text(0, 2, 1, 4)) == []
    assert any("precedence" in v for v in check(spec, text(0, 1, 5, 8)))  # b before a ends
    assert any("precedence" in v for v in check(spec, text(0, 2, 0, 2)))  # c+II < b+1
    assert any("limit 1" in v for v in check(spec, text(0, 2, 3, 4)))  # c on b's class
    assert any("II<0>" in v for v in check(spec, text(0, 2, 1, 0)))
    # exact in huge numbers: no wrap-around at 2**63
    big = Spec(
        "Problem",
        "m",
        [OType("big", 2**63 - 1), OType("z", 0)],
        [],
        [Op("a", 0), Op("b", 1, [], [(0, 0, False)])],
    )
    t = (
        'ssp.instance @m of "Problem" {\n  graph {\n    %0 = operation<@big> @a() [t<1>]\n'
        "    operation<@z> @b(%0) [t<0>]\n  }\n}\n"
    )
    assert any("precedence" in v for v in check(big, t))


@settings(FUZZ, max_examples=max(5, N // 2))
@given(seed=SEEDS)
def test_gaus_verify_agrees_with_the_checker_on_edited_schedules(seed):
    # a scheduled instance with some t<> / II<> changed (off by one, zero,
    # doubled, near 2**62 / 2**63): gaus-verify must accept exactly what the
    # exact plain-int checker accepts (issue 12 item 4: no int64 wrap-around)
    from fuzz_support.cases import ssp_verify_case

    found, text, pipeline, o = ssp_verify_case(seed)
    assert not found, _explain(found, text, pipeline, o)
