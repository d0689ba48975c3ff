"""CIRCT SSP text I/O: parse / print round trips, model contents, errors with
their line:column, the shared benchmark files (byte-exact) and their manifest."""

from __future__ import annotations

import pickle
import textwrap

import numpy as np
import pytest
from conftest import BENCHMARKS, benchmark_params, manifest_rows, needs_benchmarks
from hypothesis import given, settings
from hypothesis import strategies as st

from gaus_mlir.model import (
    PROBLEM_KINDS,
    ChainingProblem,
    CyclicProblem,
    ModuloProblem,
    Problem,
    ProblemError,
    Schedule,
    SharedOperatorsProblem,
    SharedResourcesProblem,
    Subject,
)
from gaus_mlir.model.generate import random_problem
from gaus_mlir.ssp import (
    SSPInstance,
    SSPSyntaxError,
    location_of,
    parse,
    parse_file,
    print_instance,
    print_instances,
)
from gaus_mlir.ssp.props import format_float, format_symbol


def structure(inst: SSPInstance):
    """Everything the model and the parsed schedule hold, for equality checks."""
    p = inst.problem
    s = inst.schedule
    return dict(
        kind=p.kind,
        name=inst.name,
        ii=inst.ii,
        otypes=[
            (o.name, o.latency, o.incoming_delay, o.outgoing_delay, o.blocking, o.limit)
            for o in p.operator_types
        ],
        rtypes=[(r.name, r.limit, r.implicit) for r in p.resource_types],
        names=list(p.op_names),
        types=list(p.op_type),
        uses=list(p.op_uses),
        results=list(p.op_results),
        edges=list(zip(p._src, p._dst, p._dist, p._aux, p._result)),
        start=None if s is None else s.start.tolist(),
        z=None if s is None or s.z is None else np.nan_to_num(s.z, nan=-1).tolist(),
        missing=list(inst.missing_start),
    )


def roundtrip(text: str, filename="t.mlir"):
    """parse -> print -> parse: same structure, and printing is a fixpoint."""
    a = parse(text, filename)
    out = print_instances(a)
    b = parse(out, filename)
    assert [structure(x) for x in a] == [structure(x) for x in b]
    assert print_instances(b) == out
    # the lark-only path reads the same
    c = parse(text, filename, fast=False)
    assert [structure(x) for x in a] == [structure(x) for x in c]
    assert [x.problem.locations for x in a] == [x.problem.locations for x in c]
    assert print_instances(c) == out
    return a, out


def dedent(s: str) -> str:
    return textwrap.dedent(s).lstrip("\n")


def edges(p):
    return list(zip(p._src, p._dst, p._dist, p._aux, p._result))


# --------------------------------------------------------------------- features

NO_PROPS = dedent("""
    ssp.instance @"no properties" of "Problem" {
      library {
        operator_type @NoProps
      }
      resource {
      }
      graph {
        %0 = operation<> @Op0()
        operation<>(%0)
        operation<>(@Op0)
        operation<>(%0, @Op0)
      }
    }
""")


def test_no_properties_quoted_name_and_untyped_ops():
    (inst,), out = roundtrip(NO_PROPS)
    assert out == NO_PROPS
    p = inst.problem
    assert inst.name == "no properties" and type(p) is Problem
    assert inst.schedule is None
    assert p.operator_types[0].name == "NoProps" and p.operator_types[0].latency is None
    # operation<> gets an unnamed operator type without latency: check() says so
    assert p.operator_types[p.op_type[0]].name == ""
    assert p.op_names == ["Op0", None, None, None]
    assert p.op_results == [1, 0, 0, 0]
    assert edges(p) == [(0, 1, 0, False, 0), (0, 2, 0, True, -1), (0, 3, 0, False, 0), (0, 3, 0, True, -1)]
    with pytest.raises(ProblemError, match="has no operator type") as ei:
        p.check()
    assert location_of(inst, ei.value.subject) == (8, 5)  # the first operation<>


def test_named_values_are_renumbered_and_comments_dropped():
    text = dedent("""
        // leading comment
        ssp.instance @n of "Problem" {
          library { // trailing comment
            operator_type @x [latency<1>]
          }
          graph {
            %a = operation<@x>()   // comment after an op
            // comment line

            %b = operation<@x>(%a)
            operation<@x>(%b, %a)
          }
        }
    """)
    (inst,), out = roundtrip(text)
    assert out == dedent("""
        ssp.instance @n of "Problem" {
          library {
            operator_type @x [latency<1>]
          }
          graph {
            %0 = operation<@x>()
            %1 = operation<@x>(%0)
            operation<@x>(%1, %0)
          }
        }
    """)


SELF_ARC = dedent("""
    ssp.instance @self_arc of "CyclicProblem" [II<3>] {
      library {
        operator_type @unit [latency<1>]
        operator_type @_3 [latency<3>]
      }
      resource {
      }
      graph {
        %0 = operation<@unit>() [t<0>]
        %1 = operation<@_3> @self(%0, %0, @self [dist<1>]) [t<1>]
        operation<@unit>(%1) [t<4>]
      }
    }
""")


def test_cyclic_self_arc_with_schedule_and_ii():
    (inst,), out = roundtrip(SELF_ARC)
    assert out == SELF_ARC
    p = inst.problem
    assert type(p) is CyclicProblem
    assert inst.ii == 3 and inst.schedule.ii == 3
    assert inst.schedule.start.tolist() == [0, 1, 4]
    assert inst.has_complete_schedule and inst.start_time_error() is None
    assert edges(p) == [(0, 1, 0, False, 0), (0, 1, 0, False, 0), (1, 1, 1, True, -1), (1, 2, 0, False, 0)]
    p.check()
    p.verify(inst.schedule)


CHAINING = dedent("""
    ssp.instance @mco_outgoing_delays of "ChainingProblem" {
      library {
        operator_type @add [latency<2>, incDelay<1.000000e-01 : f32>, outDelay<1.000000e-01 : f32>]
        operator_type @mul [latency<3>, incDelay<5.0>, outDelay<0.1>]
        operator_type @ret [latency<0>, incDelay<0.000000e+00 : f32>, outDelay<0.000000e+00 : f32>]
      }
      resource {
      }
      graph {
        %0 = operation<@add>() [t<0>, z<0.000000e+00 : f32>]
        %1 = operation<@mul>(%0, %0) [t<3>, z<0.0>]
        %2 = operation<@add>(%1, %1) [t<6>, z<1.000000e-01 : f32>]
        operation<@ret>(%2) [t<8>, z<1.000000e-01 : f32>]
      }
    }
""")


def test_chaining_delays_and_z_keep_their_spelling():
    (inst,), out = roundtrip(CHAINING)
    assert out == CHAINING
    p = inst.problem
    assert type(p) is ChainingProblem
    add, mul = p.operator_types[0], p.operator_types[1]
    assert add.incoming_delay == pytest.approx(0.1) and mul.incoming_delay == 5.0
    assert mul.outgoing_delay == pytest.approx(0.1)
    assert inst.schedule.z.tolist() == pytest.approx([0.0, 0.0, 0.1, 0.1])
    p.check()
    p.verify(inst.schedule)
    # a changed value prints in MLIR's f32 form
    mul.incoming_delay = 2.34
    assert "operator_type @mul [latency<3>, incDelay<2.340000e+00 : f32>, outDelay<0.1>]" in print_instances(
        [inst]
    )


def test_float_formatting_like_mlir():
    assert format_float(2.34) == "2.340000e+00 : f32"
    assert format_float(0.1) == "1.000000e-01 : f32"
    assert format_float(0.0) == "0.000000e+00 : f32"
    assert format_float(1e-7) == "1.000000e-07 : f32"
    assert format_float(2.34, None) == "2.340000e+00"
    # not representable with 7 digits in f32: shortest digits that read back
    s = format_float(1.2345678)
    assert s.endswith(" : f32") and np.float32(s.split()[0]) == np.float32(1.2345678)


MODULO = dedent("""
    ssp.instance @canis14_fig2 of "ModuloProblem" [II<3>] {
      library {
        operator_type @MemAccess [latency<1>]
        operator_type @Add [latency<1>]
        operator_type @Implicit [latency<0>]
      }
      resource {
        resource_type @ReadPort [limit<1>]
        resource_type @WritePort [limit<1>]
      }
      graph {
        %0 = operation<@MemAccess> @load_A(@store_A [dist<1>]) uses[@ReadPort] [t<2>]
        %1 = operation<@MemAccess> @load_B() uses[@ReadPort] [t<0>]
        %2 = operation<@Add> @add(%0, %1) [t<3>]
        operation<@MemAccess> @store_A(%2) uses[@WritePort] [t<4>]
        operation<@Implicit> @last(@store_A) [t<5>]
      }
    }
""")


def test_modulo_with_resources_and_forward_aux_reference():
    (inst,), out = roundtrip(MODULO)
    assert out == MODULO
    p = inst.problem
    assert type(p) is ModuloProblem
    assert [r.name for r in p.resource_types] == ["ReadPort", "WritePort"]
    assert p.op_uses == [(0,), (0,), (), (1,), ()]
    assert edges(p)[0] == (3, 0, 1, True, -1)  # @store_A is defined later
    p.check()
    p.verify(inst.schedule)


@pytest.mark.parametrize(
    "where,line",
    [
        ("pre", "%0 = operation<@MemAccess> uses[@ReadPort] @load_A(@store_A [dist<1>]) [t<2>]"),
        ("mid", "%0 = operation<@MemAccess> @load_A uses[@ReadPort](@store_A [dist<1>]) [t<2>]"),
        ("pre<", "%0 = operation<@MemAccess> uses<@ReadPort> @load_A(@store_A [dist<1>]) [t<2>]"),
        ("mid<", "%0 = operation<@MemAccess> @load_A uses<@ReadPort>(@store_A [dist<1>]) [t<2>]"),
    ],
)
def test_uses_positions_of_other_circt_versions_round_trip(where, line):
    """CIRCT has written `uses` before the name, between name and operands, with
    square or angle brackets; each file prints back in its own style."""

    def move(s):
        s = s.replace(" uses[@ReadPort]", "").replace(" uses[@WritePort]", "")
        new = line.split("= ", 1)[1]
        s = s.replace("operation<@MemAccess> @load_A(@store_A [dist<1>]) [t<2>]", new)
        for name, r in (("load_B", "ReadPort"), ("store_A", "WritePort")):
            args = "()" if name == "load_B" else "(%2)"
            if where.startswith("pre"):
                u = f"uses[@{r}] @{name}{args}" if "<" not in where else f"uses<@{r}> @{name}{args}"
            else:
                u = f"@{name} uses[@{r}]{args}" if "<" not in where else f"@{name} uses<@{r}>{args}"
            s = s.replace(f"@{name}{args}", u)
        return s

    text = move(MODULO)
    (inst,), out = roundtrip(text)
    assert out == text
    (ref,) = parse(MODULO)
    assert structure(inst) == structure(ref)


def test_unnamed_op_with_uses_before_operands():
    text = dedent("""
        ssp.instance @u of "SharedResourcesProblem" {
          library {
            operator_type @L1_1 [latency<1>]
          }
          resource {
            resource_type @L1_rsrc [limit<1>]
          }
          graph {
            %0 = operation<@L1_1> uses[@L1_rsrc](@op3 [dist<1>]) [t<2>]
            %1 = operation<@L1_1> uses[@L1_rsrc] @op3(%0) [t<4>]
          }
        }
    """)
    (inst,), out = roundtrip(text)
    assert out == text
    assert type(inst.problem) is SharedResourcesProblem


LEGACY = dedent("""
    ssp.instance @multiple_oprs of "SharedOperatorsProblem" {
      library {
        operator_type @slowAdd [latency<3>, limit<2>]
        operator_type @fastAdd [latency<1>, limit<1>]
        operator_type @_0 [latency<0>]
        operator_type @blk [latency<2>, blocking<2>]
      }
      graph {
        %0 = operation<@slowAdd>() [t<0>]
        %1 = operation<@slowAdd>() [t<1>]
        %2 = operation<@fastAdd>() [t<0>]
        %3 = operation<@slowAdd>() [t<1>]
        %4 = operation<@fastAdd>() [t<1>]
        %5 = operation<@_0>(%0, %1, %2, %3, %4) [t<10>]
        operation<@blk>() [t<10>]
      }
    }
""")


def test_legacy_limit_on_operator_type_and_blocking():
    (inst,), out = roundtrip(LEGACY)
    assert out == LEGACY  # no resource block in, none out
    p = inst.problem
    assert type(p) is SharedOperatorsProblem
    assert [(o.name, o.limit, o.blocking) for o in p.operator_types] == [
        ("slowAdd", 2, None),
        ("fastAdd", 1, None),
        ("_0", None, None),
        ("blk", None, 2),
    ]
    assert [(r.name, r.limit, r.implicit) for r in p.resource_types] == [
        ("slowAdd", 2, True),
        ("fastAdd", 1, True),
    ]
    p.check()
    p.verify(inst.schedule)


MULTI = dedent("""
    ssp.instance @multi of "CyclicProblem" [II<2>] {
      library {
        operator_type @two [latency<1>]
        operator_type @one [latency<1>]
      }
      graph {
        %0:2 = operation<@two> @pair() [t<0>]
        operation<@one>(%0#1, %0#0 [dist<1>], @pair [dist<3>]) [t<1>]
      }
    }
""")


def test_multiple_results_and_dist_on_value_operands():
    text = MULTI.replace("%0:2", "%p:2").replace("%0#", "%p#")
    (inst,), out = roundtrip(text)
    assert out == MULTI
    p = inst.problem
    assert p.op_results == [2, 0]
    assert edges(p) == [(0, 1, 0, False, 1), (0, 1, 1, False, 0), (0, 1, 3, True, -1)]


def test_result_groups_and_bare_use_of_a_group():
    text = dedent("""
        ssp.instance @g of "CyclicProblem" {
          library {
            operator_type @x [latency<1>]
          }
          graph {
            %a, %b:2 = operation<@x>()
            operation<@x>(%a, %b, %b#1 [dist<1>])
          }
        }
    """)
    (inst,), out = roundtrip(text)
    assert "%0:3 = operation<@x>()" in out
    assert "operation<@x>(%0#0, %0#1, %0#2 [dist<1>])" in out
    assert edges(inst.problem) == [(0, 1, 0, False, 0), (0, 1, 0, False, 1), (0, 1, 1, False, 2)]


STANDALONE = dedent("""
    ssp.library @Lib {
      operator_type @MemPort [latency<1>, limit<1>]
    }
    module @SomeModule {
      ssp.library @Lib {
        operator_type @Add [latency<1>]
      }
    }
    ssp.resource @Res {
      resource_type @port [limit<2>]
    }
    ssp.instance "canis14_fig2" of "ModuloProblem" [II<3>] {
      library {
        operator_type @Implicit [latency<0>]
      }
      graph {
        %0 = operation<@Lib::@MemPort> @load_A(@store_A [dist<1>]) [t<2>]
        %1 = operation<@Lib::@MemPort> @load_B() [t<0>]
        %2 = operation<@SomeModule::@Lib::@Add> @add(%0, %1) uses[@Res::@port] [t<3>]
        operation<@Lib::@MemPort> @store_A(%2) [t<4>]
        operation<@Implicit> @last(@store_A) [t<5>]
      }
    }
""")


def test_standalone_libraries_and_nested_references():
    (inst,), out = roundtrip(STANDALONE)
    assert out == STANDALONE
    p = inst.problem
    assert inst.name == "canis14_fig2" and inst.fmt.name_style == "string"
    assert [(o.name, o.latency, o.limit) for o in p.operator_types] == [
        ("Implicit", 0, None),
        ("Lib::@MemPort", 1, 1),
        ("SomeModule::@Lib::@Add", 1, None),
    ]
    assert p.op_type == [1, 1, 2, 1, 0]
    assert [(r.name, r.implicit) for r in p.resource_types] == [
        ("Lib::@MemPort", True),
        ("Res::@port", False),
    ]
    p.check()
    p.verify(inst.schedule)
    # errors about a standalone type point into its library
    assert location_of(inst, Subject("operator_type", "Lib::@MemPort")) == (2, 3)
    # `opr<...>` as a property names the operator type too (printed canonically)
    text = STANDALONE.replace(
        "%1 = operation<@Lib::@MemPort> @load_B() [t<0>]",
        "%1 = operation<> @load_B() [t<0>, opr<@Lib::@MemPort>]",
    )
    (inst2,) = parse(text)
    assert structure(inst2) == structure(inst)
    assert print_instances([inst2]) == STANDALONE


def test_named_local_library_and_rsrcs_property():
    text = dedent("""
        ssp.instance @named_library of "SharedOperatorsProblem" {
          library @myLib {
            operator_type @x [latency<1>]
          }
          resource @myRes {
            resource_type @r [limit<1>]
          }
          graph {
            operation<@myLib::@x>() uses[@myRes::@r]
            operation<@x>() [rsrcs<[@r]>]
          }
        }
    """)
    (inst,), out = roundtrip(text)
    p = inst.problem
    assert p.op_type == [0, 0] and p.op_uses == [(0,), (0,)]
    assert "library @myLib {" in out and "resource @myRes {" in out
    assert "operation<@myLib::@x>() uses[@myRes::@r]" in out
    assert "operation<@x>() uses[@r]" in out


def test_several_instances_anonymous_and_wrapping_module():
    text = dedent("""
        module {
          ssp.instance of "Problem" {
            library {
            }
            resource {
            }
            graph {
            }
          }
          ssp.instance @second of "Problem" {
            library {
              operator_type @x [latency<2>]
            }
            graph {
              operation<@x>()
            }
          }
        }
    """)
    insts, out = roundtrip(text)
    assert out == text
    assert [i.name for i in insts] == ["", "second"]
    assert insts[0].problem.num_ops == 0
    assert [i.loc for i in insts] == [(2, 3), (10, 3)]
    (only,) = parse(text.replace("module {", "builtin.module {"))[1:]
    assert print_instances([only]).startswith("builtin.module {\n  ssp.instance @second")


def test_multiline_and_oddly_laid_out_ops():
    text = dedent("""
        ssp.instance @odd of "Problem" {
          library {
            operator_type @x [latency<1>]
          }
          resource {
            resource_type @r [limit<2>]
          }
          graph { %first = operation<@x>()
            %0 = operation<@x>(%first,
               %first) [t<1>]
            %1 = operation<@x>(%0)
                uses[@r]
            operation   <@x>(%1, %fwd) %fwd = operation<@x>() }
        }
    """)
    (inst,), out = roundtrip(text)
    p = inst.problem
    assert p.num_ops == 5 and p.op_uses[2] == (0,)
    assert edges(p)[-1] == (4, 3, 0, False, 0)
    assert [location_of(inst, Subject("op", i)) for i in range(5)] == [
        (8, 11),
        (9, 5),
        (11, 5),
        (13, 5),
        (13, 32),
    ]


def test_quoted_symbols_print_quoted():
    assert format_symbol("abc") == "@abc"
    assert format_symbol("a b") == '@"a b"'
    assert format_symbol("0x") == '@"0x"'
    assert format_symbol('q"') == '@"q\\""'
    text = dedent("""
        ssp.instance @"weird name" of "Problem" {
          library {
            operator_type @"op type" [latency<1>]
          }
          graph {
            operation<@"op type"> @"0op"()
            operation<@"op type">(@"0op")
          }
        }
    """)
    (inst,), out = roundtrip(text)
    assert out == text
    assert inst.problem.op_names[0] == "0op"


@pytest.mark.parametrize("kind", list(PROBLEM_KINDS))
def test_every_problem_kind_is_recognised(kind):
    text = f'ssp.instance @k of "{kind}" {{\n  library {{\n  }}\n  graph {{\n  }}\n}}\n'
    (inst,), out = roundtrip(text)
    assert out == text
    assert type(inst.problem) is PROBLEM_KINDS[kind] and inst.kind == kind


# ------------------------------------------------------------------- schedules


def test_print_with_a_schedule_sets_t_ii_and_z():
    (inst,) = parse(MODULO.replace(" [II<3>]", ""))
    out = print_instances([inst], [Schedule(np.arange(5), ii=4)])
    assert 'of "ModuloProblem" [II<4>] {' in out
    assert "%0 = operation<@MemAccess> @load_A(@store_A [dist<1>]) uses[@ReadPort] [t<0>]" in out
    assert "operation<@Implicit> @last(@store_A) [t<4>]" in out
    (back,) = parse(out)
    assert back.schedule.start.tolist() == [0, 1, 2, 3, 4] and back.ii == 4

    (ch,) = parse(CHAINING)
    z = [0.0, 0.25, 0.1, 1.5]
    out = print_instance(ch, Schedule([0, 2, 5, 8], z=z))
    assert "%0 = operation<@add>() [t<0>, z<0.000000e+00 : f32>]" in out
    assert "%1 = operation<@mul>(%0, %0) [t<2>, z<2.500000e-01 : f32>]" in out
    assert "%2 = operation<@add>(%1, %1) [t<5>, z<1.000000e-01 : f32>]" in out  # as written
    assert "operation<@ret>(%2) [t<8>, z<1.500000e+00 : f32>]" in out
    # an acyclic problem gets no II, a non-chaining one no z
    (plain,) = parse(LEGACY)
    out = print_instances([plain], [Schedule(np.zeros(7, int), ii=5, z=np.zeros(7))])
    assert "II<" not in out and "z<" not in out and out.count("[t<0>]") == 7


def test_partial_start_times_are_reported_with_their_location():
    text = SELF_ARC.replace(
        "%1 = operation<@_3> @self(%0, %0, @self [dist<1>]) [t<1>]",
        "%1 = operation<@_3> @self(%0, %0, @self [dist<1>])",
    )
    (inst,), out = roundtrip(text)
    assert out == text
    assert inst.schedule.start.tolist() == [0, -1, 4] and inst.missing_start == [1]
    assert not inst.has_complete_schedule
    err = inst.start_time_error()
    assert err.message == "operation '@self' has no start time"
    assert location_of(inst, err.subject) == (10, 5)


def test_instance_pickles_with_float_spellings():
    (inst,) = parse(CHAINING)
    again = pickle.loads(pickle.dumps(inst))
    assert print_instances([again]) == CHAINING


# ------------------------------------------------------------------ locations

BAD_MODEL = dedent("""
    ssp.instance @m of "SharedOperatorsProblem" {
      library {
        operator_type @x [latency<1>]
        operator_type @neg [latency<-2>]
        operator_type @zero [latency<0>]
      }
      resource {
        resource_type @r [limit<0>]
        resource_type @ok [limit<1>]
      }
      graph {
        %0 = operation<@x> @a()
        operation<@zero> @z(%0) uses[@ok]
      }
    }
""")


def test_model_errors_map_to_source_locations():
    (inst,) = parse(BAD_MODEL)
    p = inst.problem
    assert location_of(inst, Subject("instance")) == (1, 1) == inst.loc
    assert location_of(inst, Subject("operator_type", "neg")) == (4, 5)
    assert location_of(inst, Subject("resource_type", "r")) == (8, 5)
    assert location_of(inst, Subject("op", 1)) == (13, 5)
    assert location_of(inst, Subject("dependence", 0)) == (13, 5)
    assert location_of(inst, None) == (1, 1)
    assert location_of(inst, Subject("op", 99)) == (1, 1)
    assert location_of(p, Subject("op", 0)) == (12, 5)
    with pytest.raises(ProblemError) as ei:
        p.check()
    assert location_of(inst, ei.value.subject) == (8, 5)  # limit 0
    p.resource_types[0].limit = 1
    with pytest.raises(ProblemError, match="latency 0 but uses limited") as ei:
        p.check()
    assert location_of(inst, ei.value.subject) == (13, 5)


def test_syntax_error_str():
    e = SSPSyntaxError("boom", "f.mlir", 3, 7)
    assert str(e) == "f.mlir:3:7: error: boom"
    assert (e.message, e.filename, e.line, e.col) == ("boom", "f.mlir", 3, 7)


# ----------------------------------------------------------------- bad inputs

HEADER = dedent("""
    ssp.instance @i of "ModuloProblem" {
      library {
        operator_type @x [latency<1>]
      }
      resource {
        resource_type @r [limit<1>]
      }
      graph {
""")
FOOTER = "  }\n}\n"

GRAPH_ERRORS = [
    # (graph body, message fragment, line, col); the first body line is line 9
    ("    operation<@x>(\n", "unexpected '}'", 10, 3),
    ("    operation<@x>() )\n", "unexpected ')'", 9, 21),
    ("    operation<@x>() $\n", "unexpected '$'", 9, 21),
    ("    operation<@x>() {\n", "unexpected '{'", 9, 21),
    ("    operation<@y>()\n", "unknown operator type '@y'", 9, 15),
    ("    operation<@Lib::@y>()\n", "unknown operator type '@Lib::@y'", 9, 15),
    ("    operation<@x>() uses[@q]\n", "unknown resource type '@q'", 9, 26),
    ("    operation<@x> uses<@q>()\n", "unknown resource type '@q'", 9, 24),
    ("    operation<@x>(%7)\n", "use of undefined value '%7'", 9, 19),
    ("    %0 = operation<@x>(%1)\n    operation<@x>(%0, %9)\n", "use of undefined value '%1'", 9, 24),
    ("    operation<@x>(@nope)\n", "unknown operation '@nope'", 9, 19),
    ("    operation<@x> @a()\n    operation<@x> @a()\n", "redefinition of symbol named 'a'", 10, 19),
    ("    %0 = operation<@x>()\n    %0 = operation<@x>()\n", "redefinition of SSA value '%0'", 10, 5),
    ("    %0 = operation<@x> @a()\n    operation<@x>(@a, %0)\n", "interleaved", 10, 23),
    ("    %0 = operation<@x> @a()\n    operation<@x>(@a,\n      %0)\n", "interleaved", 11, 7),
    ("    operation<@x>() [foo<1>]\n", "unknown property 'foo' for an operation", 9, 22),
    ("    operation<@x>() [latency<1>]\n", "unknown property 'latency'", 9, 22),
    ("    operation<@x>() [t<abc>]\n", "property 't' expects an integer, got 'abc'", 9, 24),
    (
        "    %0 = operation<@x>()\n    operation<@x>(%0 [dist<1.5>])\n",
        "property 'dist' expects an integer",
        10,
        28,
    ),
    (
        "    %0 = operation<@x>()\n    operation<@x>(%0 [t<1>])\n",
        "unknown property 't' for a dependence",
        10,
        23,
    ),
    ("    %0 = operation<@x>()\n    operation<@x>(%0#1)\n", "result #1 of '%0' does not exist", 10, 19),
    ("    operation<@x>() [t<1>, t<2>]\n", "duplicate property 't'", 9, 28),
    ("    operation<@x> @a @b()\n", "more than one name", 9, 22),
    ("    operation<@x>(@a::@b)\n", "flat symbol reference", 9, 19),
    ("    operation<@x>() uses[@r] [opr<@x>]\n", "operator type given twice", 9, 31),
]


@pytest.mark.parametrize("body,msg,line,col", GRAPH_ERRORS)
@pytest.mark.parametrize("fast", [True, False])
def test_graph_errors_have_line_and_column(body, msg, line, col, fast):
    with pytest.raises(SSPSyntaxError) as ei:
        parse(HEADER + body + FOOTER, "bad.mlir", fast=fast)
    e = ei.value
    assert msg in e.message
    assert (e.line, e.col) == (line, col), str(e)
    assert str(e).startswith(f"bad.mlir:{line}:{col}: error: ")


LIBRARY_ERRORS = [
    ("operator_type @y [latency<abc>]", "property 'latency' expects an integer, got 'abc'", 4, 31),
    ("operator_type @y [latency<1.5>]", "expects an integer", 4, 31),
    ("operator_type @y [incDelay<x>]", "expects a floating-point value", 4, 32),
    ("operator_type @y [latency<>]", "missing value for property 'latency'", 4, 23),
    ("operator_type @y [t<1>]", "unknown property 't' for an operator type", 4, 23),
    ("operator_type @x [latency<2>]", "redefinition of operator type '@x'", 4, 19),
    ("operator_type @y [latency<1>, latency<2>]", "duplicate property 'latency'", 4, 35),
    ("operator_type @y [latency<1>", "unexpected ", 5, 3),
    ("operator_type y", "unexpected 'y'", 4, 19),
]


@pytest.mark.parametrize("entry,msg,line,col", LIBRARY_ERRORS)
def test_library_errors_have_line_and_column(entry, msg, line, col):
    text = (
        HEADER.replace("operator_type @x [latency<1>]\n", f"operator_type @x [latency<1>]\n    {entry}\n")
        + FOOTER
    )
    with pytest.raises(SSPSyntaxError) as ei:
        parse(text, "bad.mlir")
    assert msg in ei.value.message
    assert (ei.value.line, ei.value.col) == (line, col), str(ei.value)


FILE_ERRORS = [
    ('ssp.instance @a of "Foo" {\n  library {\n  }\n  graph {\n  }\n}\n', "unknown problem 'Foo'", 1, 20),
    ('ssp.instance @truncated of "Problem" {\n  library {\n', "unexpected end of input", 2, 11),
    (
        'ssp.instance @t of "Problem" {\n  library {\n  }\n  graph {\n    operation<>(\n',
        "unexpected end of input",
        5,
        16,
    ),
    ('ssp.instance @t of "Problem" {\n  library {\n  }\n}\n', "unexpected '}'", 4, 1),
    ('ssp.instance @t of "Problem" {\n  graph {\n  }\n}\n', "unexpected 'graph'", 2, 3),
    (
        'ssp.instance @t of "Problem" [II<x>] {\n  library {\n  }\n  graph {\n  }\n}\n',
        "property 'II' expects an integer",
        1,
        34,
    ),
    (
        'ssp.instance @t of "Problem" [dist<1>] {\n  library {\n  }\n  graph {\n  }\n}\n',
        "unknown property 'dist' for an instance",
        1,
        31,
    ),
    (
        'ssp.instance @t of "Problem" {\n  library {\n  }\n  graph {\n  }\n}\n'
        'ssp.instance @t of "Problem" {\n  library {\n  }\n  graph {\n  }\n}\n',
        "redefinition of symbol named 't'",
        7,
        14,
    ),
    (
        "ssp.library @L {\n  operator_type @a\n  operator_type @a\n}\n",
        "redefinition of symbol named 'a'",
        3,
        17,
    ),
    ("hello\n", "unexpected 'hello'", 1, 1),
    (
        'ssp.instance @t of "Problem" {\n  library {\n  }\n  graph {\n    operation<>'
        '(@"unterminated)\n  }\n}\n',
        "unexpected '@\"unterminated'",
        5,
        17,
    ),
]


@pytest.mark.parametrize("text,msg,line,col", FILE_ERRORS)
def test_file_errors_have_line_and_column(text, msg, line, col):
    with pytest.raises(SSPSyntaxError) as ei:
        parse(text, "bad.mlir")
    assert msg in ei.value.message
    assert (ei.value.line, ei.value.col) == (line, col), str(ei.value)


def test_negative_latency_parses_and_check_reports_it():
    text = HEADER.replace("latency<1>", "latency<-1>") + "    operation<@x>()\n" + FOOTER
    (inst,) = parse(text)
    with pytest.raises(ProblemError, match="negative latency -1") as ei:
        inst.problem.check()
    assert location_of(inst, ei.value.subject) == (3, 5)


# ----------------------------------------------------------------- benchmarks


def _bench_params():
    return benchmark_params(
        pytest.param(
            r,
            id=r["file"],
            marks=[pytest.mark.slow] if r["file"] in ("epfl/hyp.mlir", "epfl/div.mlir") else [],
        )
        for r in manifest_rows()
    )


@pytest.mark.parametrize("row", _bench_params())
def test_benchmark_file_round_trips_and_matches_manifest(row):
    path = BENCHMARKS / row["file"]
    text = path.read_text()
    (inst,) = parse_file(path)
    out = print_instances([inst])
    assert out == text
    # manifest: kind, ops without @last, deps without edges into @last, back edges
    p = inst.problem
    assert p.kind == row["problem"]
    assert inst.name == path.stem
    last = p.num_ops - 1
    assert p.op_names[last] == "last"
    assert p.num_ops - 1 == int(row["ops"])
    dst = np.asarray(p._dst)
    dist = np.asarray(p._dist)
    assert int((dst != last).sum()) == int(row["deps"])
    assert int((dist > 0).sum()) == int(row["backedges"])
    limited = ";".join(f"{r.name}:{r.limit}" for r in p.resource_types if r.limit is not None)
    assert sorted(limited.split(";")) == sorted(row["resources"].split(";"))
    p.check()
    # parse(print) has the same structure
    (again,) = parse(out, str(path))
    assert structure(again) == structure(inst)


@needs_benchmarks
@pytest.mark.parametrize("suite,count", [("express", 20), ("chstone", 12), ("epfl", 6)])
def test_fast_path_matches_the_lark_only_path(suite, count):
    """The line regex and the full lark grammar read the same model (and the
    same op locations) from the benchmark files."""
    rows = [r for r in manifest_rows(suite) if int(r["ops"]) < 3000][:count]
    for r in rows:
        text = (BENCHMARKS / r["file"]).read_text()
        (a,) = parse(text, r["file"])
        (b,) = parse(text, r["file"], fast=False)
        assert structure(a) == structure(b)
        assert a.problem.locations == b.problem.locations


# ------------------------------------------------- problems built in Python


def canonical(p):
    """Model contents with each op's incoming edges in print order (value
    operands first, else as stored)."""
    order = sorted(range(p.num_deps), key=lambda e: (p._dst[e], p._aux[e]))
    return dict(
        kind=p.kind,
        otypes=[
            (o.name, o.latency, o.incoming_delay, o.outgoing_delay, o.blocking, o.limit)
            for o in p.operator_types
        ],
        rtypes=[(r.name, r.limit, r.implicit) for r in p.resource_types],
        types=list(p.op_type),
        uses=list(p.op_uses),
        edges=[(p._src[e], p._dst[e], p._dist[e], p._aux[e], p._result[e]) for e in order],
    )


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(list(PROBLEM_KINDS)),
    unnamed=st.booleans(),
    t0=st.integers(0, 5),
)
def test_problems_built_in_python_print_and_parse_back(seed, kind, unnamed, t0):
    p = random_problem(seed, kind, 10)
    if unnamed:  # the printer invents names for sources of auxiliary edges
        p.op_names = [None] * p.num_ops
    n = p.num_ops
    sched = Schedule(
        np.arange(n) + t0, ii=3 if p.cyclic else None, z=np.linspace(0, 1, n) if p.chaining else None
    )
    text = print_instances([SSPInstance(p, name=f"rand{seed}")], [sched])
    (back,) = parse(text)
    assert canonical(back.problem) == canonical(p)
    assert back.schedule.start.tolist() == sched.start.tolist()
    assert back.ii == (3 if p.cyclic else None)
    if p.chaining:
        assert back.schedule.z == pytest.approx(sched.z, abs=1e-6)
    assert print_instances([back]) == text
    if not unnamed:
        assert back.problem.op_names == p.op_names


def test_print_instances_subset_and_schedule_count():
    insts = parse(SELF_ARC + MULTI)
    assert print_instances(insts) == SELF_ARC + MULTI
    assert print_instances([insts[1]]) == MULTI
    assert print_instances(insts[::-1]) == SELF_ARC + MULTI  # file order
    with pytest.raises(ValueError):
        print_instances(insts, [None])
    out = print_instances(insts, [None, Schedule([5, 6], ii=7)])
    assert out == SELF_ARC + MULTI.replace("[II<2>]", "[II<7>]").replace("[t<0>]", "[t<5>]").replace(
        "[t<1>]", "[t<6>]"
    )
