"""The MLIR bridge gives each value the width of its type (``Config.index_bits``
for ``index``), and the register count of an extracted region follows the
model's one definition (loop-carried SSA values included)."""

from __future__ import annotations

import pytest
from mlir import ir

from gaus_mlir.ir_bridge import Config, FunctionAnalysis, build_problem
from gaus_mlir.ir_bridge.widths import value_bits
from gaus_mlir.model import Schedule
from gaus_mlir.model.registers import lifetimes, register_usage


def regions(text: str, config: Config | None = None) -> dict:
    """{region name: (region, problem)} of the first function in ``text``."""
    config = config or Config()
    ctx = ir.Context()
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(text)
        root = FunctionAnalysis(module.body.operations[0].operation, config).function_region()
        out = {}
        for r in root.walk():
            if r.remark is None:
                # nested regions take a latency from their schedule: any will do
                for i in r.children:
                    r.child_latency[i] = 1
                out[r.name] = (r, build_problem(r, config))
        return out


@pytest.mark.parametrize(
    ("ty", "bits", "bits32"),
    [
        ("i1", 1, 1),
        ("i8", 8, 8),
        ("i37", 37, 37),
        ("i64", 64, 64),
        ("index", 64, 32),
        ("f16", 16, 16),
        ("bf16", 16, 16),
        ("f32", 32, 32),
        ("f64", 64, 64),
        ("vector<4xf32>", 128, 128),
        ("vector<2x3xi8>", 48, 48),
        ("vector<4xindex>", 256, 128),
        ("complex<f32>", 64, 64),
        ("memref<4xf32>", 0, 0),
        ("tensor<4xf32>", 0, 0),
        ("none", 0, 0),
        ("tuple<i32, i32>", 0, 0),
    ],
)
def test_value_bits_of_types(ty, bits, bits32):
    with ir.Context():
        t = ir.Type.parse(ty)
        assert value_bits(t) == bits
        assert value_bits(t, 32) == bits32


STRAIGHT = """
func.func @f(%a: i8, %x: f32, %i: index, %v: vector<4xf32>, %M: memref<8xf32>) -> f32 {
  %b = arith.addi %a, %a : i8
  %y = arith.mulf %x, %x : f32
  %j = arith.addi %i, %i : index
  %w = arith.addf %v, %v : vector<4xf32>
  %c = memref.cast %M : memref<8xf32> to memref<?xf32>
  %l = memref.load %c[%j] : memref<?xf32>
  %z = arith.addf %y, %l : f32
  %e = arith.extui %b : i8 to i16
  return %z : f32
}
"""


def test_straight_line_widths_from_result_types():
    ((_, p),) = regions(STRAIGHT).values()
    names = [n.rstrip("0123456789") for n in p.op_names]
    assert names == ["addi", "mulf", "addi", "addf", "cast", "load", "addf", "extui", "return"]
    assert p.op_bits == [(8,), (32,), (64,), (128,), (0,), (32,), (32,), (16,), ()]
    assert p.arrays.value_bits.tolist() == [8, 32, 64, 128, 0, 32, 32, 16]
    ((_, p32),) = regions(STRAIGHT, Config(index_bits=32)).values()
    assert p32.op_bits[2] == (32,)


def test_straight_line_register_count():
    ((_, p),) = regions(STRAIGHT).values()
    a = p.arrays
    lat = a.lat.tolist()
    # as soon as possible, in program order
    t = [0] * p.num_ops
    for j in range(p.num_ops):
        preds = [int(a.src[e]) for e in range(p.num_deps) if a.dst[e] == j]
        t[j] = max([t[i] + lat[i] for i in preds], default=0)
    s = Schedule(t)
    p.verify(s)
    birth, death, bits = lifetimes(p, s)
    # %y (f32) lives from mulf's end until the addf that reads it
    y, z = 1, 6
    assert birth[y] == t[y] + lat[y] and death[y] == t[z]
    # the memref value is no register, whatever its lifetime
    assert bits[4] == 0
    u = register_usage(p, s)
    steps = range(min(birth), max(death))
    brute = max(sum(int(bits[v]) for v in range(len(bits)) if birth[v] <= d < death[v]) for d in steps)
    assert u.peak == brute
    assert u.total == sum(int(bits[v]) * int(death[v] - birth[v]) for v in range(len(bits)))


LOOP = """
func.func @acc(%A: memref<64xi32>) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = affine.for %k = 0 to 64 iter_args(%s = %c0) -> (i32) {
    %x = affine.load %A[%k] : memref<64xi32>
    %n = arith.addi %s, %x : i32
    affine.yield %n : i32
  }
  return %r : i32
}
"""


def test_loop_results_and_carried_values():
    got = regions(LOOP)
    (_, top), (_, body) = got["acc"], got["acc_loop0"]
    # the constant is a wire (no register), the loop op defines an i32
    assert top.op_bits == [(0,), (32,), ()]
    assert body.op_bits == [(32,), (32,), ()]
    a = body.arrays
    # the accumulator feeds itself one iteration later: a data dependence
    carried = [(int(a.src[e]), int(a.dst[e]), int(a.dist[e]), bool(a.aux[e])) for e in range(body.num_deps)]
    assert (1, 1, 1, False) in carried
    lat = a.lat.tolist()
    ii = 3
    t = [0, lat[0], lat[0] + lat[1]]
    u = register_usage(body, Schedule(t, ii=ii))
    # %n lives [t1 + lat1, t1 + II) (its next-iteration use) and until the yield
    n_end = max(t[1] + ii, t[2])
    x_len = t[1] - (t[0] + lat[0])
    assert u.total == 32 * (n_end - (t[1] + lat[1])) + 32 * x_len


BRANCH = """
func.func @two(%c: i1, %a: i32, %b: i16) -> i32 {
  %r:3 = scf.if %c -> (i32, i32, i16) {
    scf.yield %a, %a, %b : i32, i32, i16
  } else {
    scf.yield %a, %a, %b : i32, i32, i16
  }
  %s = arith.addi %r#0, %r#1 : i32
  %e = arith.extsi %r#2 : i16 to i32
  %t = arith.addi %s, %e : i32
  return %t : i32
}
"""


def test_each_result_read_is_a_value():
    # one op reading two results of the scf.if: two values, two dependences
    (_, p) = regions(BRANCH)["two"]
    assert p.op_bits[0] == (32, 32, 16)
    a = p.arrays
    reads = sorted(
        (int(a.dst[e]), int(a.result[e])) for e in range(p.num_deps) if a.src[e] == 0 and not a.aux[e]
    )
    assert reads == [(1, 0), (1, 1), (2, 2)]
    lat = a.lat.tolist()
    t = [0, lat[0] + 2, lat[0] + 1, lat[0] + 4, lat[0] + 5]
    birth, death, bits = lifetimes(p, t)
    assert (death - birth).tolist()[:3] == [2, 2, 1]
    assert bits.tolist()[:3] == [32, 32, 16]


def test_widths_beyond_the_model_range_saturate():
    ty = "vector<4294967296x4294967296xi64>"  # 2^70 bits
    text = f"func.func @big(%v: {ty}) -> {ty} {{\n  %w = arith.addi %v, %v : {ty}\n  return %w : {ty}\n}}\n"
    (_, p) = regions(text)["big"]
    assert p.op_bits == [(2**62,), ()]
    assert register_usage(p, [0, 5]).peak == 2**62


def test_function_arguments_are_values_from_cycle_zero():
    """Register objectives see a function's arguments: one source op whose
    results are the arguments (their widths), read by the ops that use them,
    before every op; a schedule of it is shifted so they arrive at cycle 0."""
    from gaus_mlir.ir_bridge.arguments import ARGUMENTS, with_arguments, without_arguments
    from gaus_mlir.model import Schedule
    from gaus_mlir.model.registers import register_usage

    text = """func.func @f(%a: i32, %b: i8, %m: memref<4xi32>) -> i32 {
  %c = arith.constant 7 : i32
  %x = arith.muli %a, %c : i32
  %e = arith.extsi %b : i8 to i32
  %s = arith.addi %x, %e : i32
  return %s : i32
}"""
    ctx = ir.Context()
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(text)
        config = Config()
        r = FunctionAnalysis(module.body.operations[0].operation, config).function_region()
        p = build_problem(r, config)
        assert p.op_bits[0] == (0,)  # the constant is a wire
        wide = with_arguments(p, r, config.index_bits)
        assert wide.num_ops == p.num_ops + 1 and wide.op_names[-1] == ARGUMENTS
        assert wide.last_op == p.last_op  # the terminator stays the objective op
        assert wide.op_bits[-1] == (32, 8, 0)  # a memref argument holds no register
        a = wide.arrays
        reads = {
            (int(a.result[e]), int(a.dst[e]))
            for e in range(wide.num_deps)
            if a.src[e] == p.num_ops and not a.aux[e]
        }
        assert reads == {(0, 1), (1, 2)}  # %a by muli (op 1), %b by extsi (op 2)
        # extsi at 3: %b waits 3 cycles (8 bits), muli at 0: nothing else waits
        t = [0, 0, 3, 3, 4, 0]
        wide.verify(Schedule(t))
        use = register_usage(wide, t)
        assert (use.peak, use.total) == (8, 24)
        # shifted: the sources at 1 become 0
        kept = without_arguments(Schedule([x + 1 for x in t]), p.num_ops)
        assert kept.start.tolist() == t[:-1]
        p.verify(kept)
        assert with_arguments(p, r, config.index_bits) is not None
        del module
