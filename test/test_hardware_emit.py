"""gaus-emit-circt / gaus-emit-verilog: the pipeline's registers are exactly the
schedule's (the register model's lifetimes, arguments included and constants
as wires, plus each multi-cycle unit's registers plus one valid bit per
stage), CIRCT accepts what we emit, and CIRCT failures are located errors."""

from __future__ import annotations

import re

import pytest
from conftest import run_cli
from hardware_kernels import random_kernel

from gaus_mlir.circt import CirctError, circt_available, run_circt
from gaus_mlir.ir_bridge.latencies import LatencyLibrary

# never import pycde here: it cannot share a process with the MLIR 22 bindings
pytestmark = pytest.mark.skipif(not circt_available(), reason="the hardware extra (pycde) is not installed")

LIB = LatencyLibrary.load(None)

METHODS = [
    "list",
    "list limits=muli:1",
    "lp objective=lifetimes latency-bound=1.5x",
    "sms objective=registers latency-bound=1.5x limits=muli:1",
    "cpsat objective=lifetimes latency-bound=1.3x limits=muli:1 time-limit=5",
]


def _emit(text: str, method: str, tmp_path) -> tuple[str, str, str]:
    src = tmp_path / "k.mlir"
    src.write_text(text)
    code, out, err = run_cli(
        [
            src,
            f"--pass-pipeline=builtin.module(gaus-schedule{{method={method}}},gaus-verify,gaus-emit-circt)",
            "--summary",
        ]
    )
    assert code == 0, err
    return out, err, text


def _unit_bits(text: str) -> int:
    """Sum of latency x width over the kernel's ops (i32 results, cmpi's i1)."""
    total = 0
    for m in re.finditer(r"= arith\.(\w+) ", text):
        total += (LIB.get("arith." + m.group(1)) or 0) * (1 if m.group(1) == "cmpi" else 32)
    return total


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(6))
def test_pipeline_registers_are_the_model_lifetimes(seed, method, tmp_path):
    text = random_kernel(seed)
    out, err, _ = _emit(text, method, tmp_path)
    sched = re.search(r"latency=(\d+) .*registers=\d+ lifetimes=(\d+)", err)
    emit = re.search(
        r"pipeline latency=(\d+) flip-flops=(\d+) \(lifetimes (\d+) \+ units (\d+) \+ control (\d+)\)", err
    )
    assert sched and emit, err
    latency, lifetimes = int(sched.group(1)), int(sched.group(2))
    assert int(emit.group(1)) == latency
    assert int(emit.group(3)) == lifetimes  # the model's count, arguments included
    assert int(emit.group(4)) == _unit_bits(text)
    assert int(emit.group(5)) == latency
    assert int(emit.group(2)) == lifetimes + _unit_bits(text) + latency
    assert "pipeline.scheduled" in out and out.count("pipeline.stage") == latency


def test_stage_registers_follow_the_schedule(tmp_path):
    """One register per value per boundary it waits across: a hand schedule."""
    text = """func.func @f(%a: i32, %b: i8) -> i32 attributes {gaus.latency = 5 : i64} {
  %0 = arith.addi %a, %a {gaus.start = 0 : i64} : i32
  %e = arith.extsi %b {gaus.start = 3 : i64} : i8 to i32
  %1 = arith.addi %0, %e {gaus.start = 4 : i64} : i32
  return %1 : i32
}"""
    src = tmp_path / "f.mlir"
    src.write_text(text)
    code, out, err = run_cli([src, "--pass-pipeline=builtin.module(gaus-emit-circt)", "--summary"])
    assert code == 0, err
    # %0 ready at 1, read at 4: 3 x 32; %b held 0..3: 3 x 8; %e ready at 3, read at 4: 32
    assert "(lifetimes 152 + units 64 + control 5)" in err
    stages = re.findall(r"pipeline\.stage \^bb(\d) (regs\([^)]*\))?", out)
    assert [s for s, _ in stages] == ["1", "2", "3", "4", "5"]
    assert out.count("i8") >= 3


def test_a_circt_crash_is_an_error_with_circts_message():
    # implicit-register form: an arith value crossing a stage has no name and
    # pipeline-explicit-regs asserts (pycde's CIRCT is built with assertions)
    ir = """hw.module @p(in %a : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out o : i32, out done : i1) {
  %o:2 = pipeline.scheduled(%x : i32 = %a) clock(%clk) reset(%rst) go(%go) entryEn(%s0) -> (o : i32) {
    %0 = arith.muli %x, %x : i32
    pipeline.stage ^bb1
  ^bb1(%s1 : i1):
    pipeline.stage ^bb2
  ^bb2(%s2 : i1):
    %1 = pipeline.src %0 : i32
    pipeline.return %1 : i32
  }
  hw.output %o#0, %o#1 : i32, i1
}"""
    with pytest.raises(CirctError) as e:
        run_circt(ir, "builtin.module(pipeline-explicit-regs)")
    assert e.value.crashed and "Assertion" in e.value.message and "Traceback" not in e.value.message


def test_a_circt_error_is_located_in_the_users_file():
    """Emitted ops carry the user's locations, so CIRCT's own diagnostics point
    into the user's file (here: CIRCT's verifier on a mistyped output)."""
    from gaus_mlir.hardware.lower import circt_location

    ir = (
        "hw.module @x(in %a : i32, out o : i64) {\n"
        '  %0 = comb.add %a, %a : i32 loc("<input>":7:9)\n'
        '  hw.output %0 : i32 loc("<input>":8:3)\n}'
    )
    with pytest.raises(CirctError) as e:
        run_circt(ir)
    assert not e.value.crashed
    where = circt_location(e.value.message)
    assert where is not None and where[:3] == ("<input>", 8, 3), e.value.message


def test_without_circt_the_passes_say_what_to_install(tmp_path, monkeypatch):
    import gaus_mlir.passes.hardware_passes as hp

    monkeypatch.setattr(hp, "circt_available", lambda: False)
    src = tmp_path / "f.mlir"
    src.write_text(random_kernel(0))
    out_file = tmp_path / "k.sv"
    code, out, err = run_cli(
        [src, f"--pass-pipeline=builtin.module(gaus-schedule,gaus-emit-verilog{{output={out_file}}})"]
    )
    assert code == 1 and out == "" and not out_file.exists()
    assert re.match(
        r".*f\.mlir:1:1: error: 'gaus-emit-verilog' needs CIRCT, which is not installed: pip install 'gaus-mlir\[hardware\]'",
        err,
    )
    assert "Traceback" not in err


@pytest.mark.parametrize("seed", range(20))
def test_any_start_times_are_emitted_or_refused_with_a_location(seed):
    """Arbitrary gaus.start / gaus.latency values (valid or not): the emitter
    either writes a pipeline whose registers add up, or raises a located
    EmitError; never another exception."""
    import random

    from mlir import ir

    from gaus_mlir.hardware.emit import EmitError, plan_function

    rng = random.Random(seed)
    text = random_kernel(seed)
    spread = seed % 2 == 0  # op k at 40 k: valid for every latency up to 40
    lines, k = [], 0
    for line in text.splitlines():
        m = re.match(r"(\s+%\w+ = arith\.\w+ [^:]*)(:.*)", line)
        if m and "arith.constant" not in line and (spread or rng.random() < 0.9):
            t = 40 * k if spread else rng.choice([0, 1, 2, 3, 5, 8, -1, 2**40])
            line = f"{m.group(1)}{{gaus.start = {t} : i64}} {m.group(2)}"
            k += 1
        lines.append(line)
    lat = 40 * k if spread else rng.choice([0, 3, 6, 10, 2**40])
    text = "\n".join(lines).replace(") {", f") attributes {{gaus.latency = {lat} : i64}} {{", 1)
    with ir.Context() as ctx, ir.Location.unknown():
        ctx.allow_unregistered_dialects = True
        module = ir.Module.parse(text)
        func = module.body.operations[0]
        try:
            p = plan_function(func, LIB)
        except EmitError as e:
            assert not spread, e.message
            assert e.message and (e.op is not None)
            return
        ff = p.flip_flops
        assert ff.total == ff.lifetimes + ff.units + ff.control and ff.control == lat
        assert p.text.count("pipeline.stage") == lat
