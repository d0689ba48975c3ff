"""Seeded random straight-line integer kernels for the hardware tests: only
ops whose MLIR and hardware semantics agree on every input (no division, no
shifts: LLVM makes those poison where hardware computes a value)."""

from __future__ import annotations

import random

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
        a, b = rng.choice(values), rng.choice(values)
        if rng.random() < 0.15:
            lines.append(f"  %c{i} = arith.cmpi slt, {a}, {b} : i32")
            lines.append(f"  %v{i} = arith.select %c{i}, {a}, {b} : i32")
        elif rng.random() < 0.1:
            lines.append(f"  %k{i} = arith.constant {rng.randint(-50, 50)} : i32")
            lines.append(f"  %v{i} = arith.addi {a}, %k{i} : i32")
        else:
            lines.append(f"  %v{i} = arith.{rng.choice(BINARY)} {a}, {b} : i32")
        values.append(f"%v{i}")
    results = [values[-1]] if rng.random() < 0.5 else [values[-1], values[-2]]
    args = ", ".join(f"%arg{k}: i{w}" for k, w in enumerate(widths))
    types = ", ".join("i32" for _ in results)
    head = f"func.func @{name}({args}) -> ({types}) {{"
    return "\n".join([head, *lines, f"  return {', '.join(results)} : {types}", "}", ""])
