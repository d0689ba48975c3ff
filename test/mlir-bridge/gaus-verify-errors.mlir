// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>/dev/null | count 0

// Hand-edited schedules of A[i] = A[i-1] * c (load 2, mulf 3, store 1;
// correct: II 6, starts 0 / 2 / 5).  Each violation is reported at the op whose
// start is too early (the successor of the violated dependence).

// The mulf starts before its operand is loaded (1 < 0 + 2).
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 4]]:10: error: raw_loop0: precedence violated: operation '@load0' starts at 0 with latency 2, but its successor '@mulf1' starts at 1
func.func @raw(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 378 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.start = 1 : i64} : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// II 5 breaks the loop-carried RAW through A: the next iteration's load would
// read A[i-1] before this iteration's store (at 5, done at 6 > 0 + 5).
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 3]]:10: error: raw_loop0: precedence violated: operation '@store2' starts at 5 with latency 1, but its successor '@load0' starts at 0 + dist 1 * II 5
func.func @raw(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 378 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.start = 2 : i64} : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.ii = 5 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// The function's latency is shorter than the loop's run (62*6 + 6 = 378).
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 1]]:1: error: raw: precedence violated: operation '@for0' starts at 0 with latency 378, but its successor '@return1' starts at 300
func.func @raw(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 300 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.start = 2 : i64} : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// A loop without gaus.ii.
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 2]]:3: error: 'affine.for' has no 'gaus.ii' (its initiation interval); run gaus-schedule first
func.func @raw(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 378 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.start = 2 : i64} : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// An op without gaus.start.
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 4]]:10: error: 'arith.mulf' has no 'gaus.start' (its start cycle); run gaus-schedule first
func.func @raw(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 378 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// Unscheduled IR: the function has no gaus.latency.
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 1]]:1: error: 'func.func' has no 'gaus.latency' (the latency of the region); run gaus-schedule first
func.func @plain(%a: f32) -> f32 {
  %y = arith.mulf %a, %a {gaus.start = 0 : i64} : f32
  return %y : f32
}

// -----

// Two loads of one single-port memref in the same step.
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 3]]:8: error: two: resource limit violated: 2 operations use '@mem_arg0' (limit 1) in step 0: '@load0', '@load1'
func.func @two(%A: memref<4xf32>) -> f32 attributes {gaus.latency = 6 : i64} {
  %x = affine.load %A[0] {gaus.start = 0 : i64} : memref<4xf32>
  %y = affine.load %A[1] {gaus.start = 0 : i64} : memref<4xf32>
  %s = arith.addf %x, %y {gaus.start = 2 : i64} : f32
  return %s : f32
}

// -----

// A loop that holds a loop is not pipelined: its gaus.ii cannot be below its
// iteration latency.
// CHECK: gaus-verify-errors.mlir:[[# @LINE + 2]]:3: error: 'gaus.ii' = 2 of a loop that is not pipelined (it holds another loop) is below its iteration latency 10
func.func @nest(%A: memref<4x4xf32>) attributes {gaus.latency = 40 : i64} {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 4 {
      %x = affine.load %A[%i, %j] {gaus.start = 0 : i64} : memref<4x4xf32>
      affine.store %x, %A[%i, %j] {gaus.start = 3 : i64} : memref<4x4xf32>
    } {gaus.ii = 2 : i64, gaus.latency = 4 : i64, gaus.start = 0 : i64}
  } {gaus.ii = 2 : i64, gaus.latency = 10 : i64, gaus.start = 0 : i64}
  return
}
