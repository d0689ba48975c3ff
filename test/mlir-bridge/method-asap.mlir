// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=asap},gaus-verify)' 2>&1 | FileCheck %s
// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=lp},gaus-verify)' 2>&1 | FileCheck %s
// RUN: not gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{method=asap})' 2>&1 | FileCheck %s --check-prefix=PORTS
// RUN: not gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{method=asap})' 2>/dev/null | count 0

// method=asap (and lp) on a kernel without memory accesses: every region is a
// Problem / CyclicProblem with no resources, which asap handles.
// Horner loop: mulf (3) -> addf (4) -> iter_args -> mulf at distance 1:
// RecMII = 3 + 4 = 7 = II, iteration latency 7; run 9*7 + 7 = 70.
// After the loop: mulf 70..73, divf 73..85 (divf = 12), return at 85.
// CHECK-LABEL: func.func @horner
// CHECK-SAME: attributes {gaus.latency = 85 : i64}
// CHECK: arith.mulf {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 3 : i64}
// CHECK: } {gaus.ii = 7 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 70 : i64}
// CHECK-NEXT: arith.divf {{.*}} {gaus.start = 73 : i64}
func.func @horner(%x: f32, %a: f32, %b: f32) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to 10 iter_args(%acc = %z) -> (f32) {
    %m = arith.mulf %acc, %x : f32
    %s = arith.addf %m, %a : f32
    affine.yield %s : f32
  }
  %t = arith.mulf %r, %b : f32
  %u = arith.divf %t, %x : f32
  return %u : f32
}

// -----

// Straight-line code: longest path.  addi (1) and muli (3) in parallel
// branches, the select (0) after the later one.
// CHECK-LABEL: func.func @straight
// CHECK-SAME: attributes {gaus.latency = 4 : i64}
// CHECK: arith.addi {{.*}} {gaus.start = 0 : i64}
// CHECK: arith.muli {{.*}} {gaus.start = 0 : i64}
// CHECK: arith.cmpi {{.*}} {gaus.start = 3 : i64}
// CHECK: arith.select {{.*}} {gaus.start = 4 : i64}
func.func @straight(%a: i32, %b: i32) -> i32 {
  %s = arith.addi %a, %b : i32
  %p = arith.muli %a, %b : i32
  %c = arith.cmpi slt, %s, %p : i32
  %r = arith.select %c, %s, %p : i32
  return %r : i32
}

// A kernel with memory ports makes the loop a ModuloProblem, which asap
// ignores the limits of: a located error at the loop, and no output.
// PORTS: reduction.mlir:16:10: error: dot_loop0: method 'asap' does not support a ModuloProblem: it ignores resource limits (use list, ims or cpsat)
