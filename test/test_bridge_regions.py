"""The MLIR bridge's regions and write-back (issue 12): control flow it does not
model, blocking time across region boundaries, loop trip counts (zero,
unsigned, beyond 64 bits), the gaus.* attributes a pass owns, strict attribute
values and nested pass anchors.  Every number is derived by hand in a comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from mlir import ir

from gaus_mlir.passes.api import parse_pass_pipeline  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def cli(args, stdin=""):
    return run_cli(args, stdin)


def pipe(p: str) -> str:
    return f"--pass-pipeline=builtin.module({p})"


def schedule(text: str, options: str = "", verify: bool = True):
    """gaus-schedule (then gaus-verify with the same options) on ``text``;
    (output, remarks and summary)."""
    p = f"gaus-schedule{{{options}}}" + (f",gaus-verify{{{options}}}" if verify else "")
    code, out, err = cli(["-", pipe(p), "--summary"], text)
    assert code == 0, err
    return out, err


def verify(text: str, options: str = ""):
    return cli(["-", pipe(f"gaus-verify{{{options}}}")], text)


def gaus_attrs(text: str) -> dict:
    """{(op name, n-th of that name): {attr: value}} of the printed module."""
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = True
    out, seen = {}, {}
    with ctx:
        module = ir.Module.parse(text)

        def visit(op):
            k = seen.get(op.name, 0)
            seen[op.name] = k + 1
            a = {
                na: op.attributes[na].value
                for na in ("gaus.start", "gaus.ii", "gaus.latency")
                if na in op.attributes
            }
            if a:
                out[(op.name, k)] = a
            return ir.WalkResult.ADVANCE

        module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return out


# ------------------------------------------------ item 2: unstructured control flow
CF = """func.func @f(%a: f32, %b: f32, %p: i1) -> f32 {
  %x = arith.mulf %a, %b : f32
  cf.cond_br %p, ^bb1, ^bb2
^bb1:
  affine.for %i = 0 to 8 {
    %m = arith.mulf %a, %a : f32
  }
  %y = arith.divf %x, %b : f32
  return %y : f32
^bb2:
  return %x : f32
}
func.func @g(%a: f32, %b: f32) -> f32 {
  %r = scf.execute_region -> f32 {
    %x = arith.mulf %a, %b : f32
    cf.br ^bb1(%x : f32)
  ^bb1(%z: f32):
    %y = arith.divf %z, %b : f32
    scf.yield %y : f32
  }
  return %r : f32
}
func.func @h(%a: f32) -> f32 {
  %r = scf.execute_region -> f32 {
    %x = arith.mulf %a, %a : f32
    scf.yield %x : f32
  }
  return %r : f32
}
"""


def test_multi_block_regions_are_left_unscheduled_with_a_located_remark():
    out, err = schedule(CF)
    a = gaus_attrs(out)
    # @f: three blocks -> no gaus.latency on it and no start on any op in any
    # block; the loop in ^bb1 is still scheduled on its own (mulf 3: II 1, latency 3)
    assert ("func.func", 0) not in a
    assert a[("affine.for", 0)] == {"gaus.ii": 1, "gaus.latency": 3}
    assert a[("arith.mulf", 1)] == {"gaus.start": 0}  # inside the loop
    for k in (0,):
        assert ("arith.mulf", k) not in a and ("arith.divf", k) not in a
    # @g: an scf.execute_region of two blocks: nothing in @g is scheduled (its
    # blocks used to be scheduled as if they ran in parallel, both at cycle 0)
    assert ("func.func", 1) not in a and ("scf.execute_region", 0) not in a
    assert ("arith.mulf", 2) not in a and ("arith.divf", 1) not in a
    # @h: a one-block execute_region is a branch like any other (mulf 3)
    assert a[("func.func", 2)] == {"gaus.latency": 3}
    assert a[("scf.execute_region", 1)] == {"gaus.start": 0, "gaus.latency": 3}
    assert "<stdin>:1:1: remark: this region has 3 blocks" in err
    assert "<stdin>:14:8: remark: this region has 2 blocks" in err


def test_ops_of_an_unscheduled_multi_block_function_need_no_latency():
    text = """func.func private @ext(f32) -> f32
func.func @f(%a: f32, %p: i1) -> f32 {
  cf.cond_br %p, ^bb1, ^bb2
^bb1:
  %y = func.call @ext(%a) : (f32) -> f32
  return %y : f32
^bb2:
  return %a : f32
}
"""
    # it used to get gaus.latency = 0 (its entry block holds no op)
    out, err = schedule(text)
    assert gaus_attrs(out) == {}
    assert "<stdin>:2:1: remark: this region has 3 blocks" in err


def test_verify_rejects_a_claimed_latency_on_a_multi_block_function():
    out, _ = schedule(CF)
    # what the old gaus-schedule wrote: the entry block's latency on @f (mulf 3)
    stale = out.replace("-> f32 {", "-> f32 attributes {gaus.latency = 3 : i64} {", 1)
    code, out, err = verify(stale)
    assert code == 1 and out == ""
    assert err.startswith(
        "<stdin>:2:3: error: 'gaus.latency' on 'func.func' claims a "
        "schedule that gaus-verify cannot check: this region has 3 blocks"
    )


# ------------------------------------------------ item 3: an inner loop of 0 trips
def test_zero_trip_inner_loop_gives_the_outer_loop_an_ii_of_one():
    text = """func.func @f(%c: f32) {
  affine.for %j = 0 to 4 {
    affine.for %i = 0 to 0 {
      %d = arith.mulf %c, %c : f32
    }
  }
  return
}
"""
    out, _ = schedule(text)  # gaus-verify accepts it (it rejected gaus.ii = 0)
    a = gaus_attrs(out)
    # the inner loop runs 0 cycles, so the outer iteration takes 0; its II is
    # still 1 (an iteration starts at most once per cycle): 4 trips -> 3*1 + 0
    assert a[("affine.for", 0)] == {"gaus.ii": 1, "gaus.latency": 0, "gaus.start": 0}
    assert a[("func.func", 0)] == {"gaus.latency": 3}


# ------------------------------------------------ item 13: blocking across regions
BLOCKING = {
    # divf inside an scf.if of a pipelined loop: the if holds the only divider
    # for 20 cycles (blocking), so II = 20, not the divf's latency 12.
    "in_if": """func.func @in_if(%p: i1, %c: f32) attributes {gaus.latency = 768 : i64} {
  affine.for %i = 0 to 64 {
    scf.if %p {
      %d = arith.divf %c, %c {gaus.start = 0 : i64} : f32
    } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
  } {gaus.ii = 12 : i64, gaus.latency = 12 : i64, gaus.start = 0 : i64}
  return
}
""",
    # a sequential loop around a 2-trip inner loop: the inner divfs start at 0
    # and 20 (II 20) and the second holds the divider until 40, so the outer
    # II must be 40 although the outer iteration's latency is 20 + 12 = 32.
    "seq": """func.func @seq(%c: f32) attributes {gaus.latency = 128 : i64} {
  affine.for %j = 0 to 4 {
    affine.for %i = 0 to 2 {
      %d = arith.divf %c, %c {gaus.start = 0 : i64} : f32
    } {gaus.ii = 20 : i64, gaus.latency = 12 : i64, gaus.start = 0 : i64}
  } {gaus.ii = 32 : i64, gaus.latency = 32 : i64, gaus.start = 0 : i64}
  return
}
""",
    # a divf in a branch, then a second one: the second waits for the divider
    # (busy 0..20), so it starts at 20, not at the branch's latency 12.
    "after": """func.func @after(%p: i1, %c: f32) -> f32 attributes {gaus.latency = 24 : i64} {
  scf.if %p {
    %d = arith.divf %c, %c {gaus.start = 0 : i64} : f32
  } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
  %e = arith.divf %c, %c {gaus.start = 12 : i64} : f32
  return %e : f32
}
""",
}


@pytest.fixture
def blocking_lib(tmp_path):
    lib = tmp_path / "lib.json"
    lib.write_text('{"arith.divf": {"latency": 12, "blocking": 20}}')
    return f"latency-library={lib} limits=divf:1"


def _strip(text: str) -> str:
    """The kernel without its (old) schedule."""
    import re

    text = re.sub(r"( attributes)? \{gaus\.[^}]*\}", "", text)
    return text


def test_blocking_time_is_kept_across_region_boundaries(blocking_lib):
    out, _ = schedule(_strip(BLOCKING["in_if"]), blocking_lib)
    assert gaus_attrs(out)[("affine.for", 0)]["gaus.ii"] == 20

    out, err = schedule(_strip(BLOCKING["seq"]), blocking_lib)
    assert "(loop at 2:3; Problem, 1 ops): method=list II=40 latency=32 trips=4 total=152" in err
    a = gaus_attrs(out)
    assert a[("affine.for", 1)] == {"gaus.ii": 20, "gaus.latency": 12, "gaus.start": 0}
    assert a[("affine.for", 0)] == {"gaus.ii": 40, "gaus.latency": 32, "gaus.start": 0}
    assert a[("func.func", 0)] == {"gaus.latency": 3 * 40 + 32}

    out, _ = schedule(_strip(BLOCKING["after"]), blocking_lib)
    a = gaus_attrs(out)
    assert a[("arith.divf", 1)] == {"gaus.start": 20}
    assert a[("func.func", 0)] == {"gaus.latency": 20 + 12}


@pytest.mark.parametrize(
    "name,line,message",
    [
        ("in_if", 3, "precedence violated: operation '@if0' starts at 0 with latency 20"),
        ("seq", 2, "'gaus.ii' = 32 of a loop that is not pipelined (it holds another loop) is below 40"),
        (
            "after",
            5,
            "precedence violated: operation '@if0' starts at 0 with latency 20, but "
            "its successor '@divf1' starts at 12",
        ),
    ],
)
def test_verify_rejects_schedules_that_lose_blocking_time(blocking_lib, name, line, message):
    # these are the schedules gaus-schedule used to write (and gaus-verify accepted)
    code, out, err = verify(BLOCKING[name], blocking_lib)
    assert code == 1 and out == ""
    assert err.startswith(f"<stdin>:{line}:"), err
    assert message in err


# ------------------------------------------------ item 15: stale attributes
def test_rescheduling_after_tiling_drops_the_old_function_latency():
    text = (EXAMPLES / "gemm.mlir").read_text()
    p = "gaus-schedule,func.func(affine-loop-tile{tile-size=8}),gaus-schedule,gaus-verify"
    code, out, err = cli(["-", pipe(p)], text)
    assert code == 0, err
    a = gaus_attrs(out)
    # the tiled point loops have affine.min-free but symbolic bounds
    # ((d0) -> (d0 + 8) of the tile IV): the function is left unscheduled now,
    # so the pre-tiling gaus.latency must be gone, as must every start in it
    assert ("func.func", 0) not in a
    assert "remark: the trip count of this loop is not a compile-time constant" in err
    # what the second run scheduled is still there: the k loop (II 4, latency 9)
    assert {"gaus.ii": 4, "gaus.latency": 9, "gaus.start": 2} in a.values()


def test_a_pass_clears_what_it_owns_and_keeps_latency_overrides():
    text = """func.func @f(%a: f32, %p: i1, %n: index) -> f32 attributes {gaus.latency = 99 : i64} {
  %m = arith.mulf %a, %a {gaus.latency = 9 : i64, gaus.start = 77 : i64} : f32
  %r = scf.if %p -> (f32) {
    %x = arith.addf %m, %a {gaus.start = 5 : i64} : f32
    scf.yield %x : f32
  } else {
    scf.yield %m : f32
  } {gaus.latency = 55 : i64, gaus.start = 66 : i64}
  affine.for %i = 0 to %n {
    %y = arith.mulf %a, %a : f32
  } {gaus.ii = 7 : i64, gaus.latency = 8 : i64, gaus.start = 1 : i64}
  return %r : f32
}
"""
    out, err = schedule(text)
    a = gaus_attrs(out)
    # the loop's trip count is dynamic: @f is unscheduled, so its old
    # gaus.latency and every gaus.start in @f are removed; the mulf keeps its
    # latency override (an input); the branches and the loop are rescheduled
    # (the if takes its longer arm, addf 4; the loop: mulf 3, II 1)
    assert ("func.func", 0) not in a
    assert a[("arith.mulf", 0)] == {"gaus.latency": 9}
    assert a[("scf.if", 0)] == {"gaus.latency": 4}
    assert a[("arith.addf", 0)] == {"gaus.start": 0}
    assert a[("affine.for", 0)] == {"gaus.ii": 1, "gaus.latency": 3}
    assert "<stdin>:9:3: remark: the trip count" in err


def test_verify_rejects_a_claim_on_a_region_it_cannot_check():
    text = """func.func @f(%a: f32, %n: index) attributes {gaus.latency = 12 : i64} {
  affine.for %i = 0 to %n {
    %y = arith.mulf %a, %a {gaus.start = 0 : i64} : f32
  } {gaus.ii = 1 : i64, gaus.latency = 3 : i64, gaus.start = 0 : i64}
  return
}
"""
    code, out, err = verify(text)
    assert code == 1 and out == ""
    assert err.startswith(
        "<stdin>:1:1: error: 'gaus.latency' on 'func.func' claims a "
        "schedule that gaus-verify cannot check: the trip count of this "
        "loop is not a compile-time constant"
    ), err


# ------------------------------------------------ item 16: scf.for unsigned
def test_unsigned_scf_for_trip_count_is_unsigned():
    text = """func.func @f(%c: f32) {
  %lo = arith.constant 0 : i32
  %hi = arith.constant -16 : i32
  %s = arith.constant 1 : i32
  scf.for unsigned %i = %lo to %hi step %s : i32 {
    %y = arith.mulf %c, %c : f32
  }
  return
}
"""
    code, out, err = cli(["-", pipe("gaus-schedule,gaus-verify"), "--summary"], text)
    assert code == 0, err
    # -16 : i32 unsigned is 2^32 - 16 = 4294967280 trips; II 1, latency 3:
    # 4294967279 * 1 + 3 = 4294967282
    assert "trips=4294967280 total=4294967282" in err
    assert gaus_attrs(out)[("func.func", 0)] == {"gaus.latency": 4294967282}
    # signed, the same bounds run no iteration
    code, out, err = cli(
        ["-", pipe("gaus-schedule"), "--summary"], text.replace("scf.for unsigned", "scf.for")
    )
    assert code == 0 and "trips=0 total=0" in err


# ------------------------------------------------ huge trip counts
@pytest.mark.parametrize(
    "loop,line",
    [
        # 2^62 trips of a 20-cycle sequential body: 20 * 2^62 cycles
        ("affine.for %j = 0 to 4611686018427387904 {", 2),
    ],
)
def test_loops_beyond_2_62_cycles_leave_the_enclosing_region_unscheduled(loop, line):
    text = f"""func.func @f(%A: memref<8xf32>, %c: f32) {{
  {loop}
    affine.for %i = 0 to 8 {{
      %x = affine.load %A[%i] : memref<8xf32>
      %y = arith.mulf %x, %c : f32
      affine.store %y, %A[%i] : memref<8xf32>
    }}
  }}
  return
}}
"""
    out, err = schedule(text)
    a = gaus_attrs(out)
    # inner loop: II 2 (one port, load+store), latency 6, 8 trips: 7*2 + 6 = 20
    assert a[("affine.for", 1)]["gaus.ii"] == 2
    assert a[("affine.for", 0)] == {"gaus.ii": 20, "gaus.latency": 20}
    assert ("func.func", 0) not in a
    assert (
        f"<stdin>:{line}:3: remark: this loop runs for {20 * 2**62} cycles "
        f"({2**62} iterations), more than the 2^62 cycles"
    ) in err


def test_scf_for_to_int64_max_works():
    text = """func.func @f(%A: memref<8xf32>, %c: f32) {
  %lo = arith.constant 0 : index
  %hi = arith.constant 9223372036854775807 : index
  %s = arith.constant 1 : index
  scf.for %i = %lo to %hi step %s {
    %x = memref.load %A[%lo] : memref<8xf32>
    %y = arith.mulf %x, %c : f32
    memref.store %y, %A[%lo] : memref<8xf32>
  }
  return
}
"""
    out, err = schedule(text)
    # the loop: A[0] read, * c, written back: recurrence 2 + 3 + 1 = 6 = II;
    # (2^63 - 2) * 6 + 6 cycles in all: far beyond 2^62 and int64
    assert gaus_attrs(out)[("scf.for", 0)] == {"gaus.ii": 6, "gaus.latency": 6}
    assert ("func.func", 0) not in gaus_attrs(out)
    total = (2**63 - 2) * 6 + 6
    assert f"<stdin>:5:3: remark: this loop runs for {total} cycles" in err


def test_a_region_whose_ops_sum_beyond_2_62_cycles_is_unscheduled():
    big = 2**61
    text = f"""func.func @f(%a: f32) -> f32 {{
  %x = arith.mulf %a, %a {{gaus.latency = {big} : i64}} : f32
  %y = arith.mulf %x, %a {{gaus.latency = {big} : i64}} : f32
  %z = arith.mulf %y, %a {{gaus.latency = {big} : i64}} : f32
  return %z : f32
}}
"""
    out, err = schedule(text)
    assert ("func.func", 0) not in gaus_attrs(out)
    assert "<stdin>:1:1: remark: the ops of this region take more than 2^62 cycles" in err
    # two of them fit (the model also counts one blocking step per op): the
    # function takes 2 * (2^61 - 4) cycles
    small = big - 4
    two = (
        text.replace(f"  %z = arith.mulf %y, %a {{gaus.latency = {big} : i64}} : f32\n", "")
        .replace("return %z", "return %y")
        .replace(str(big), str(small))
    )
    out, err = schedule(two)
    assert gaus_attrs(out)[("func.func", 0)] == {"gaus.latency": 2 * small}


# ------------------------------------------------ attribute values
@pytest.mark.parametrize(
    "value,message",
    [
        (
            '"3"',
            "'gaus.latency' on 'arith.mulf' must be an integer attribute "
            '(e.g. gaus.latency = 3 : i64), got "3"',
        ),
        ("true", "'gaus.latency' on 'arith.mulf' must be an integer attribute"),
        ("3.0 : f32", "'gaus.latency' on 'arith.mulf' must be an integer attribute"),
        (
            "200 : i8",
            "'gaus.latency' on 'arith.mulf' must be >= 0, got -56 : i8 (an i8 holds "
            "-128..127: write larger values as i64)",
        ),
        (
            "18446744073709551615 : ui64",
            "'gaus.latency' on 'arith.mulf' is 18446744073709551615, more than the 2^62 cycles",
        ),
    ],
)
def test_bad_latency_attribute_values_are_located_errors(value, message):
    text = f"""func.func @f(%a: f32) -> f32 {{
  %y = arith.mulf %a, %a {{gaus.latency = {value}}} : f32
  return %y : f32
}}
"""
    for p in ("gaus-schedule", "gaus-verify"):
        code, out, err = cli(["-", pipe(p)], text)
        assert code == 1 and out == ""
        assert err.startswith(f"<stdin>:2:8: error: {message}"), err
        assert "internal error" not in err


def test_unsigned_latency_attribute_is_read_unsigned():
    text = """func.func @f(%a: f32) -> f32 {
  %y = arith.mulf %a, %a {gaus.latency = 200 : ui8} : f32
  return %y : f32
}
"""
    out, _ = schedule(text)
    assert gaus_attrs(out)[("func.func", 0)] == {"gaus.latency": 200}


def test_out_of_range_start_is_a_located_error():
    text = """func.func @f(%a: f32) -> f32 attributes {gaus.latency = 3 : i64} {
  %y = arith.mulf %a, %a {gaus.start = 18446744073709551615 : ui64} : f32
  return %y : f32
}
"""
    code, out, err = verify(text)
    assert code == 1 and out == ""
    assert err.startswith(
        "<stdin>:2:8: error: 'gaus.start' on 'arith.mulf' is 18446744073709551615, more than the 2^62 cycles"
    )


# ------------------------------------------------ item 19: nested anchors
NESTED = """func.func @outer(%a: i32) -> i32 {
  %d = arith.divsi %a, %a : i32
  return %d : i32
}
module @inner {
  func.func @in_nested(%a: i32) -> i32 {
    %m = arith.muli %a, %a : i32
    return %m : i32
  }
}
"""


@pytest.mark.parametrize(
    "pipeline,outer,inner",
    [
        ("builtin.module(builtin.module(gaus-schedule))", False, True),
        ("builtin.module(builtin.module(func.func(gaus-schedule)))", False, True),
        ("builtin.module(func.func(gaus-schedule))", True, False),
        ("builtin.module(gaus-schedule)", True, True),
    ],
)
def test_a_nested_pass_runs_only_on_its_anchor(pipeline, outer, inner):
    code, out, err = cli(["-", f"--pass-pipeline={pipeline}"], NESTED)
    assert code == 0, err
    a = gaus_attrs(out)
    # func.func ops in walk order: @outer (0), @in_nested (1); divsi 36, muli 3
    assert (a.get(("func.func", 0)) == {"gaus.latency": 36}) == outer
    assert (a.get(("func.func", 1)) == {"gaus.latency": 3}) == inner
    # the Python API nests the same way
    with ir.Context(), ir.Location.unknown():
        module = ir.Module.parse(NESTED)
        parse_pass_pipeline(pipeline).run(module.operation)
        assert gaus_attrs(str(module)) == a


# ------------------------------------------------ loops whose step is not positive
@pytest.mark.parametrize(
    "loop",
    [
        "affine.for %i = 2 to 10 step 0 {",
        "scf.for %i = %c2 to %c10 step %c0 {",
    ],
)
def test_a_loop_with_a_zero_step_is_left_unanalysed(loop):
    """Every iteration of such a loop touches the same elements (and it never
    ends): it is not analysed, and the regions around it are unscheduled (was
    a ZeroDivisionError for affine.for and a wrong RAW-free II for scf.for)."""
    load = "affine.load %A[%i]" if loop.startswith("affine") else "memref.load %A[%i]"
    store = "affine.store %y, %A[%i]" if loop.startswith("affine") else "memref.store %y, %A[%i]"
    text = f"""func.func @f(%A: memref<64xf32>, %x: f32) {{
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c10 = arith.constant 10 : index
  {loop}
    %v = {load} : memref<64xf32>
    %y = arith.addf %v, %x : f32
    {store} : memref<64xf32>
  }}
  return
}}
"""
    out, err = schedule(text)
    assert "<stdin>:5:3: remark: the step of this loop is not a positive number" in err
    assert not any(a for a in gaus_attrs(out).values()), gaus_attrs(out)
