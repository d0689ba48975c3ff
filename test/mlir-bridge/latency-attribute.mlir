// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | %mlir-opt | FileCheck %s

// `gaus.latency = N : i64` on an op, before scheduling, overrides its latency
// (and is kept).  Sum reduction with a single-cycle adder: the accumulator
// recurrence drops from 4 (built-in addf) to 1: II 1; load 0..2, addf 2..3,
// yield at 3; run 63*1 + 3 = 66.
// CHECK-LABEL: func.func @sum
// CHECK-SAME: attributes {gaus.latency = 66 : i64}
// CHECK: arith.addf {{.*}} {gaus.latency = 1 : i64, gaus.start = 2 : i64}
// CHECK: } {gaus.ii = 1 : i64, gaus.latency = 3 : i64, gaus.start = 0 : i64}
func.func @sum(%a: memref<64xf32>) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to 64 iter_args(%acc = %z) -> (f32) {
    %x = affine.load %a[%i] : memref<64xf32>
    %s = arith.addf %acc, %x {gaus.latency = 1 : i64} : f32
    affine.yield %s : f32
  }
  return %r : f32
}

// Any integer type is accepted; a slower multiplier (9 instead of 3) moves the
// store: load 0..2, mulf 2..11, store 11 (not 5).
// CHECK-LABEL: func.func @slow
// CHECK: arith.mulf {{.*}} {gaus.latency = 9 : i32, gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 11 : i64}
func.func @slow(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 64 {
    %x = affine.load %A[%i] : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.latency = 9 : i32} : f32
    affine.store %y, %B[%i] : memref<64xf32>
  }
  return
}

// An op with regions (here an unlowered linalg.matmul) is accepted as one
// opaque op when it carries gaus.latency; it may touch any memory, so it is
// ordered after the earlier load of A (0..2) and before the later load of C:
// matmul 2..102, load 102..104, addf 104..108, store 108, function 109.
// CHECK-LABEL: func.func @opaque
// CHECK-SAME: attributes {gaus.latency = 109 : i64}
// CHECK: linalg.matmul {gaus.latency = 100 : i64, gaus.start = 2 : i64}
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 102 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 104 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 108 : i64}
func.func @opaque(%A: memref<4x4xf32>, %B: memref<4x4xf32>, %C: memref<4x4xf32>) {
  %x = affine.load %A[0, 0] : memref<4x4xf32>
  linalg.matmul {gaus.latency = 100 : i64} ins(%A, %B : memref<4x4xf32>, memref<4x4xf32>) outs(%C : memref<4x4xf32>)
  %y = affine.load %C[0, 0] : memref<4x4xf32>
  %s = arith.addf %x, %y : f32
  affine.store %s, %B[0, 0] : memref<4x4xf32>
  return
}
