// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s --check-prefixes=CHECK,SCHED
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s

// A `gaus.latency` override that is not a non-negative integer is a located
// error at the op (for every pass that extracts problems).

// CHECK: latency-attribute-errors.mlir:[[# @LINE + 2]]:8: error: 'gaus.latency' on 'arith.mulf' must be an integer attribute (e.g. gaus.latency = 3 : i64), got "slow"
func.func @not_int(%a: f32) -> f32 {
  %y = arith.mulf %a, %a {gaus.latency = "slow"} : f32
  return %y : f32
}

// -----

// CHECK: latency-attribute-errors.mlir:[[# @LINE + 2]]:8: error: 'gaus.latency' on 'arith.mulf' must be >= 0
func.func @negative(%a: f32) -> f32 {
  %y = arith.mulf %a, %a {gaus.latency = -2 : i64} : f32
  return %y : f32
}

// -----

// A memory access of latency 0 cannot hold its port (gaus-verify first
// reports the missing schedule).
// SCHED: latency-attribute-errors.mlir:[[# @LINE + 3]]:10: error: z_loop0: operation '@load0' has latency 0 but uses limited resource '@mem_arg0'
func.func @z(%A: memref<16xf32>, %c: f32) {
  affine.for %i = 0 to 16 {
    %x = affine.load %A[%i] {gaus.latency = 0 : i64} : memref<16xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<16xf32>
  }
  return
}
