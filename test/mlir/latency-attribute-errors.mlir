// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s
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
