"""SSP text against CIRCT's own forms and limits (issue 12, items 4 and 17):
integer properties out of the supported range are located errors, the
``ssp.operation`` spelling and ``@Instance::@Lib::@Opr`` references parse,
``resource {}`` is printed for new instances, ``cycle-time`` applies to the
chaining instances of a mixed file, and gaus-verify checks in CIRCT's order."""

from __future__ import annotations

import textwrap

import pytest
from conftest import run_cli

from gaus_mlir.model import Problem, VerificationError
from gaus_mlir.ssp import SSPInstance, SSPSyntaxError, parse, print_instance, print_instances

run = run_cli


def verify(text):
    return run(["-", "--pass-pipeline=builtin.module(gaus-verify)"], text)


def ssp(kind, library, graph, props="", resource=""):
    res = f"  resource {{\n{resource}  }}\n" if resource is not None else ""
    return (
        f'ssp.instance @i of "{kind}" {props}{{\n  library {{\n{library}  }}\n'
        f"{res}  graph {{\n{graph}  }}\n}}\n"
    )


# ------------------------------------------------------------------ ranges

BIG = "9223372036854775808"

RANGE_CASES = [
    # (text, message, line, col): the column is that of the value
    (
        ssp("Problem", f"    operator_type @x [latency<{BIG}>]\n", "    operation<@x>()\n"),
        f"latency {BIG} is outside the supported range [0, 2^62]",
        3,
        31,
    ),
    (
        ssp(
            "Problem",
            "    operator_type @x [latency<9223372036854775807>]\n",
            "    %0 = operation<@x>() [t<1>]\n    operation<@x>(%0) [t<0>]\n",
        ),
        "latency 9223372036854775807 is outside the supported range",
        3,
        31,
    ),
    (
        ssp(
            "SharedOperatorsProblem",
            "    operator_type @x [latency<1>, blocking<" + BIG + ">]\n",
            "    operation<@x>()\n",
        ),
        "blocking time",
        3,
        44,
    ),
    (
        ssp(
            "SharedOperatorsProblem",
            "    operator_type @x [latency<1>]\n",
            "    operation<@x>() uses[@r]\n",
            resource=f"    resource_type @r [limit<{BIG}>]\n",
        ),
        "limit",
        6,
        29,
    ),
    (
        ssp(
            "CyclicProblem",
            "    operator_type @x [latency<1>]\n",
            "    operation<@x>() [t<0>]\n",
            props=f"[II<{BIG}>] ",
        ),
        "initiation interval",
        1,
        40,
    ),
    # fast path (one-line op) and lark path (a comment splits nothing, but
    # `uses<...>` sends the line to lark)
    (
        ssp("Problem", "    operator_type @x [latency<1>]\n", f"    operation<@x>() [t<{BIG}>]\n"),
        f"start time {BIG} is outside",
        8,
        24,
    ),
    (
        ssp("Problem", "    operator_type @x [latency<1>]\n", f"    operation<@x>()\n      [t<{BIG}>]\n"),
        "start time",
        9,
        10,
    ),
    (
        ssp(
            "CyclicProblem",
            "    operator_type @x [latency<1>]\n",
            f"    operation<@x> @a(@a [dist<{BIG}>])\n",
            props="[II<1>] ",
        ),
        f"distance {BIG} is outside the supported range [0, 2^62]",
        8,
        31,
    ),
    (
        ssp(
            "CyclicProblem",
            "    operator_type @x [latency<1>]\n",
            f"    operation<@x> @a(@a\n      [dist<{BIG}>])\n",
            props="[II<1>] ",
        ),
        "distance",
        9,
        13,
    ),
    (
        ssp(
            "ChainingProblem",
            "    operator_type @c [latency<0>, incDelay<1e400>, outDelay<1.0>]\n",
            "    operation<@c>()\n",
        ),
        "property 'incDelay' is out of the floating-point range",
        3,
        44,
    ),
    (
        ssp(
            "ChainingProblem",
            "    operator_type @c [latency<0>, incDelay<1.0>, outDelay<1.0>]\n",
            "    operation<@c>() [t<0>, z<-1e999>]\n",
        ),
        "property 'z' is out of the floating-point range",
        8,
        30,
    ),
]


@pytest.mark.parametrize("text,msg,line,col", RANGE_CASES)
def test_out_of_range_integers_are_located(text, msg, line, col):
    with pytest.raises(SSPSyntaxError) as ei:
        parse(text, "r.mlir")
    assert msg in ei.value.message
    assert (ei.value.line, ei.value.col) == (line, col), str(ei.value)
    code, out, err = verify(text)
    assert code == 1 and out == "" and "internal error" not in err
    assert err.startswith(f"<stdin>:{line}:{col}: error:"), err


def test_verify_is_exact_on_ssp():
    # valid: 2 * 2^62 must not wrap around
    ok = ssp(
        "CyclicProblem",
        "    operator_type @x [latency<1>]\n",
        "    %0 = operation<@x> @a(@b [dist<2>]) [t<0>]\n    operation<@x> @b(%0) [t<1>]\n",
        props="[II<4611686018427387904>] ",
    )
    code, out, err = verify(ok)
    assert (code, err) == (0, "")
    # a latency at the top of the range: the total is out of range, said so
    bad = ssp(
        "Problem",
        "    operator_type @x [latency<4611686018427387904>]\n",
        "    %0 = operation<@x>() [t<1>]\n    operation<@x>(%0) [t<0>]\n",
    )
    code, out, err = verify(bad)
    assert code == 1 and "exceeds the supported range" in err and "internal" not in err


# --------------------------------------------------------------- CIRCT forms


def test_ssp_operation_spelling_parses_fast_and_slow():
    text = ssp(
        "Problem",
        "    operator_type @x [latency<1>]\n",
        "    %0 = ssp.operation<@x> ()\n    %1 = ssp.operation<@x> (%0) [t<3>]\n"
        "    ssp.operation<@x> @n(%1,\n      %0)\n",
    )
    fast, slow = parse(text), parse(text, fast=False)
    for (inst,) in (fast, slow):
        p = inst.problem
        assert p.num_ops == 3 and p.op_names[2] == "n"
        assert sorted(zip(p._src, p._dst)) == [(0, 1), (0, 2), (1, 2)]
    # printed in the canonical spelling
    assert "ssp.operation" not in print_instances(fast)


def test_fully_qualified_instance_references():
    text = textwrap.dedent("""\
        ssp.instance @Inst of "SharedOperatorsProblem" {
          library @Lib {
            operator_type @Opr [latency<3>]
          }
          resource @Res {
            resource_type @R [limit<1>]
          }
          graph {
            operation<@Inst::@Lib::@Opr>() uses[@Inst::@Res::@R] [t<0>]
            operation<@Opr>() uses[@R] [t<3>]
          }
        }
        """)
    (inst,) = parse(text)
    p = inst.problem
    assert p.op_type == [0, 0] and p.op_uses == [(0,), (0,)]
    assert len(p.operator_types) == 1 and len(p.resource_types) == 1
    # kept as written on the way back
    again = print_instances([inst])
    assert "operation<@Inst::@Lib::@Opr>() uses[@Inst::@Res::@R]" in again
    assert parse(again)[0].problem.op_type == [0, 0]
    code, out, err = verify(text)
    assert (code, err) == (0, "")


def test_instance_prefix_must_name_this_instance():
    text = ssp(
        "Problem", "    operator_type @x [latency<1>]\n", "    operation<@other::@lib::@x>()\n"
    ).replace("library {", "library @lib {")
    with pytest.raises(SSPSyntaxError, match="unknown operator type '@other::@lib::@x'"):
        parse(text)


def test_repeated_use_counts_once_as_in_circt():
    text = ssp(
        "SharedOperatorsProblem",
        "    operator_type @x [latency<1>]\n",
        "    operation<@x>() uses[@r, @r] [t<0>]\n",
        resource="    resource_type @r [limit<1>]\n",
    )
    assert verify(text)[::2] == (0, "")
    # and the schedulers agree: one op, one unit
    code, out, err = run(["-", "--pass-pipeline=builtin.module(gaus-schedule{method=list})"], text)
    assert code == 0 and "[t<0>]" in out


def test_new_instances_print_an_empty_resource_block():
    p = Problem("f")
    p.add_operator_type("x", 1)
    p.add_op("x", "a")
    text = print_instance(SSPInstance(p, None, "f"))
    assert "  resource {\n  }\n" in text
    # a file read without one (older CIRCT) prints back without it
    old = ssp("Problem", "    operator_type @x [latency<1>]\n", "    operation<@x>()\n", resource=None)
    assert "resource" not in print_instances(parse(old))


# ----------------------------------------------------------------- options

MIXED = ssp(
    "Problem", "    operator_type @x [latency<1>]\n", "    %0 = operation<@x>()\n    operation<@x>(%0)\n"
).replace("@i", "@plain") + ssp(
    "ChainingProblem",
    "    operator_type @c [latency<0>, incDelay<1.5>, outDelay<1.5>]\n",
    "    %0 = operation<@c>()\n    operation<@c>(%0)\n",
).replace("@i", "@chain")


def test_cycle_time_applies_to_the_chaining_instances_of_a_mixed_file():
    code, out, err = run(
        ["-", "--pass-pipeline=builtin.module(gaus-schedule{method=lp cycle-time=2.0},gaus-verify)"], MIXED
    )
    assert (code, err) == (0, "")
    plain, chain = parse(out)
    assert plain.schedule.start.tolist() == [0, 1]
    assert chain.schedule.start.tolist() == [0, 1]  # 1.5 + 1.5 > 2.0: chain broken
    # without a chaining instance it is still an error
    code, out, err = run(
        ["-", "--pass-pipeline=builtin.module(gaus-schedule{method=lp cycle-time=2.0})"],
        MIXED.split("ssp.instance @chain")[0],
    )
    assert code == 1 and "cycle-time applies to chaining problems" in err


# ------------------------------------------------------- CIRCT verify order


def test_verify_reports_the_ii_before_missing_start_times():
    text = ssp("CyclicProblem", "    operator_type @x [latency<1>]\n", "    operation<@x>()\n")
    code, out, err = verify(text)
    assert code == 1 and err.startswith("<stdin>:1:1: error: invalid initiation interval")


def test_verify_reports_the_first_op_without_t():
    text = ssp("Problem", "    operator_type @x [latency<1>]\n", "    operation<@x>()\n    operation<@x>()\n")
    code, out, err = verify(text)
    assert code == 1 and err.startswith("<stdin>:8:5: error: operation #0 has no start time")


def test_verify_accepts_an_empty_graph_without_t():
    assert verify(ssp("Problem", "", ""))[::2] == (0, "")
    assert verify(ssp("CyclicProblem", "", "", props="[II<1>] "))[::2] == (0, "")


def test_schedule_to_verify_passes_other_schedules_through():
    (inst,) = parse(ssp("Problem", "    operator_type @x [latency<1>]\n", "    operation<@x>()\n"))
    with pytest.raises(VerificationError, match="has no start time"):
        inst.schedule_to_verify(None)


# --------------------------------------------------------------- Python API


def test_parse_file_errors_are_diagnostics(tmp_path):
    from gaus_mlir.diagnostics import Diagnostic
    from gaus_mlir.ssp import SSPInputError, parse_file

    missing = tmp_path / "missing.mlir"
    with pytest.raises(SSPInputError, match="cannot open input file") as ei:
        parse_file(missing)
    assert isinstance(ei.value, Diagnostic) and isinstance(ei.value, OSError)
    assert str(ei.value).startswith(f"{missing}: error: cannot open input file")
    bad = tmp_path / "bad.mlir"
    bad.write_bytes(b"ssp.instance \xff")
    with pytest.raises(SSPInputError, match="not valid UTF-8"):
        parse_file(bad)


def test_gaus_extract_prints_the_resource_block_circt_needs():
    func = "func.func @f(%a: f32) -> f32 {\n  %0 = arith.addf %a, %a : f32\n  return %0 : f32\n}\n"
    code, out, err = run(["-", "--pass-pipeline=builtin.module(gaus-extract)"], func)
    assert (code, err) == (0, "")
    assert "  library {\n" in out and "  resource {\n  }\n  graph {\n" in out
    (inst,) = parse(out)
    assert inst.fmt.has_resource_block
