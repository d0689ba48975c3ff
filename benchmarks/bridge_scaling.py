"""Scaling of the MLIR bridge's analysis (issue 12, items 7 and 18).

    .venv/bin/python benchmarks/bridge_scaling.py [--quick] [--schedule]

Generates three families of inputs and reports the wall time of the region
analysis (``FunctionAnalysis.function_region`` plus building every region's
problem, i.e. the memory-dependence pass) -- with ``--schedule`` the time of
a whole ``gaus-schedule{method=list}`` run instead:

* ``module``: many small functions (20 ops each, loads and stores on three
  memrefs), by module size in MB: must grow linearly;
* ``accesses``: one function with N accesses to one memref: the pairing of
  accesses must not be quadratic in N when most pairs cannot conflict;
* ``depth``: a loop nest of depth D, trip count 2 everywhere, one load and one
  store in the innermost body: must grow polynomially in D.

Each row: family, size, ops, wall and CPU seconds (the machine may be
shared: CPU time is the steadier one), and the number of access pairs the
dependence analysis examined (``pairs``; -1 before the counter existed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def small_functions(megabytes: float) -> str:
    out, k = [], 0
    size = 0
    while size < megabytes * 1e6:
        f = (
            f"func.func @f{k}(%A: memref<64xf32>, %B: memref<64xf32>, %C: memref<64xf32>, "
            "%c: f32) {\n"
            "  %buf = memref.alloca() : memref<64xf32>\n"
            "  %0 = affine.load %A[0] : memref<64xf32>\n"
            "  %1 = affine.load %B[1] : memref<64xf32>\n"
            "  %2 = arith.mulf %0, %1 : f32\n"
            "  %3 = arith.addf %2, %c : f32\n"
            "  affine.store %3, %C[0] : memref<64xf32>\n"
            "  %4 = affine.load %A[2] : memref<64xf32>\n"
            "  %5 = arith.mulf %4, %3 : f32\n"
            "  affine.store %5, %buf[3] : memref<64xf32>\n"
            "  %6 = affine.load %buf[3] : memref<64xf32>\n"
            "  %7 = arith.addf %6, %5 : f32\n"
            "  affine.store %7, %B[4] : memref<64xf32>\n"
            "  %8 = affine.load %C[5] : memref<64xf32>\n"
            "  %9 = arith.mulf %8, %7 : f32\n"
            "  affine.store %9, %A[6] : memref<64xf32>\n"
            "  %10 = affine.load %B[7] : memref<64xf32>\n"
            "  %11 = arith.addf %10, %9 : f32\n"
            "  affine.store %11, %C[8] : memref<64xf32>\n"
            "  affine.store %11, %buf[9] : memref<64xf32>\n"
            "  return\n}\n"
        )
        out.append(f)
        size += len(f)
        k += 1
    return "".join(out)


def many_accesses(n: int) -> str:
    lines = ["func.func @big(%A: memref<8192xf32>, %c: f32) {\n"]
    for k in range(n // 2):
        lines.append(f"  %v{k} = affine.load %A[{2 * k}] : memref<8192xf32>\n")
        lines.append(f"  affine.store %v{k}, %A[{2 * k + 1}] : memref<8192xf32>\n")
    lines.append("  return\n}\n")
    return "".join(lines)


def deep_nest(depth: int) -> str:
    ind = "  "
    lines = ["func.func @nest(%A: memref<64xf32>, %c: f32) {\n"]
    for d in range(depth):
        lines.append(ind * (d + 1) + f"affine.for %i{d} = 0 to 2 {{\n")
    body = ind * (depth + 1)
    lines.append(body + f"%x = affine.load %A[%i{depth - 1}] : memref<64xf32>\n")
    lines.append(body + "%y = arith.mulf %x, %c : f32\n")
    lines.append(body + f"affine.store %y, %A[%i{depth - 1} + 1] : memref<64xf32>\n")
    for d in reversed(range(depth)):
        lines.append(ind * (d + 1) + "}\n")
    lines.append("  return\n}\n")
    return "".join(lines)


def measure(text: str, schedule: bool) -> tuple[float, int, int]:
    from mlir import ir

    from gaus_mlir.ir_bridge import Config, FunctionAnalysis, build_problem

    try:
        from gaus_mlir.ir_bridge import memory
    except ImportError:  # before the counter existed
        memory = argparse.Namespace(PAIRS_EXAMINED=-1)
    from gaus_mlir.passes.api import parse_pass_pipeline

    ctx = ir.Context()
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(text)
        ops = [0]

        def count(_op):
            ops[0] += 1
            return ir.WalkResult.ADVANCE

        module.operation.walk(count)
        if memory.PAIRS_EXAMINED != -1:
            memory.PAIRS_EXAMINED = 0
        t0, c0 = time.perf_counter(), time.process_time()
        if schedule:
            pm = parse_pass_pipeline("builtin.module(gaus-schedule{method=list})")
            pm.run(module.operation)
        else:
            config = Config()
            for op in module.body.operations:
                op = op.operation
                if op.name != "func.func":
                    continue
                root = FunctionAnalysis(op, config).function_region()
                for r in root.walk():
                    # the problem needs nested latencies: any value will do here
                    r.child_latency = {i: 1 for i in r.children}
                    build_problem(r, config)
        return (
            time.perf_counter() - t0,
            time.process_time() - c0,
            ops[0],
            getattr(memory, "PAIRS_EXAMINED", -1),
        )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes only")
    ap.add_argument("--schedule", action="store_true", help="time a whole gaus-schedule{method=list} run")
    ap.add_argument(
        "--max-seconds", type=float, default=60.0, help="stop a family once one size takes longer than this"
    )
    args = ap.parse_args(argv)
    families = {
        "module": ([0.25, 0.5] if args.quick else [0.25, 0.5, 1, 2, 4], small_functions),
        "accesses": ([500, 1000] if args.quick else [500, 1000, 2000, 4000, 8000], many_accesses),
        # (with --schedule the nest's total latency 2^depth stops at 30)
        "depth": (
            [6, 8, 10]
            if args.quick
            else [8, 10, 12, 13, 14, 16, 20, 30] + ([] if args.schedule else [60, 100]),
            deep_nest,
        ),
    }
    print(f"{'family':<9} {'size':>6} {'ops':>8} {'wall s':>8} {'cpu s':>8} {'pairs':>9}")
    for fam, (sizes, gen) in families.items():
        for size in sizes:
            secs, cpu, ops, pairs = measure(gen(size), args.schedule)
            print(f"{fam:<9} {size:>6} {ops:>8} {secs:8.2f} {cpu:8.2f} {pairs:>9}", flush=True)
            if secs > args.max_seconds:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
