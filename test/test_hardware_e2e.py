"""Scheduled kernels through gaus-emit-verilog to hardware that is right:
Verilator lint-clean, the simulation of 1,000 random input vectors (streamed
one per cycle, with idle cycles) equal to the MLIR function compiled by
LLVM's ExecutionEngine, results and ``done`` exactly ``gaus.latency`` cycles
after ``go``, and Yosys's count of the RTL's flip-flops equal to the
prediction: the register model's lifetimes (arguments from cycle 0,
constants as wires) + latency x width of each multi-cycle unit + one valid
bit per stage after the first.  Synthesis may only drop bits from that."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli
from hardware_kernels import hardware_missing, random_kernel, simulate_against_reference

pytestmark = [
    pytest.mark.skipif(hardware_missing() is not None, reason=str(hardware_missing())),
    pytest.mark.slow,
]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hardware"
UNROLL = "func.func(affine-loop-unroll{unroll-full-threshold=64}),canonicalize"

CASES = [
    ("complex_mul", "", "method=list"),
    ("complex_mul", "", "method=lp objective=lifetimes latency-bound=1x"),
    ("complex_mul", "limits=muli:2", "method=list"),
    ("dot4_i8", "limits=muli:1", "method=list"),
    ("dot4_i8", "limits=muli:1", "method=gaus objective=lifetimes latency-bound=8 iterations=50"),
    ("fir4_i8", "", "method=lp objective=lifetimes latency-bound=1x"),
    ("fir4_i8", "limits=muli:1", "method=cpsat objective=lifetimes latency-bound=9 time-limit=10"),
    ("fir4_i8", "limits=muli:1", "method=sms objective=registers latency-bound=9"),
    ("horner", "", "method=list"),
]


def _run(text: str, name: str, pre: str, options: str, tmp_path) -> tuple[str, str, dict]:
    src = tmp_path / f"{name}.mlir"
    src.write_text(text)
    sv = tmp_path / f"{name}.sv"
    steps = ([pre] if pre else []) + [
        f"gaus-schedule{{{options}}}",
        "gaus-verify",
        f"gaus-emit-verilog{{output={sv}}}",
    ]
    code, out, err = run_cli([src, f"--pass-pipeline=builtin.module({','.join(steps)})", "--summary"])
    assert code == 0, err
    m = re.search(r"pipeline latency=(\d+) flip-flops=(\d+) \(lifetimes (\d+)", err)
    assert m, err
    return (
        out,
        sv.read_text(),
        {"latency": int(m.group(1)), "ff": int(m.group(2)), "lifetimes": int(m.group(3))},
    )


def check_hardware(name: str, scheduled: str, verilog: str, want: dict, n: int = 1000) -> None:
    from gaus_mlir.hardware.simulate import lint
    from gaus_mlir.hardware.synth import yosys_stats

    assert lint(verilog, name) == []
    # simulate() raises when done is not exactly `latency` cycles after go
    got, expected = simulate_against_reference(
        scheduled, name, verilog, want["latency"], n, seed=len(verilog)
    )
    assert got == expected
    assert yosys_stats(verilog, name, synth=False).ff_bits == want["ff"]
    assert yosys_stats(verilog, name).ff_bits <= want["ff"]


@pytest.mark.parametrize("name,limits,options", CASES)
def test_examples_become_right_hardware(name, limits, options, tmp_path):
    text = (EXAMPLES / f"{name}.mlir").read_text()
    pre = UNROLL if name == "horner" else ""
    out, verilog, want = _run(text, name, pre, f"{options} {limits}".strip(), tmp_path)
    assert f"module {name}(" in verilog
    check_hardware(name, out, verilog, want)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    "options", ["method=list limits=muli:1", "method=sms objective=lifetimes latency-bound=1.5x"]
)
def test_random_kernels_become_right_hardware(seed, options, tmp_path):
    text = random_kernel(seed, "k")
    out, verilog, want = _run(text, "k", "", options, tmp_path)
    check_hardware("k", out, verilog, want)
