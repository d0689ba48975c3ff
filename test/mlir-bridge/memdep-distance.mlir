// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// Exact dependence distances.  A[i] = A[i-2] * c: the value stored in
// iteration i is read two iterations later, so the recurrence
// load -> mulf -> store (2 + 3 + 1 = 6) spans two iterations:
// RecMII = ceil(6 / 2) = 3 (half of the distance-1 case, memdep-raw.mlir).
// CHECK-LABEL: func.func @dist2
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @dist2_loop0
// SSP: @load0(@store2 [dist<2>])
func.func @dist2(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 2 to 64 {
    %x = affine.load %A[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// The same kernel with an addf (2 + 4 + 1 = 7): distance 1 -> II 7,
// distance 2 -> ceil(7/2) = 4.
// CHECK-LABEL: func.func @add_dist1
// CHECK: } {gaus.ii = 7 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
// CHECK-LABEL: func.func @add_dist2
// CHECK: } {gaus.ii = 4 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
func.func @add_dist1(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.addf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
func.func @add_dist2(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 2 to 64 {
    %x = affine.load %A[%i - 2] : memref<64xf32>
    %y = arith.addf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// Distances count iterations, not index values: with step 2, A[i-2] is the
// element stored one iteration earlier: distance 1, II 6 again.  scf.for with
// the index arithmetic in arith: subi 0..1, load at 1, mulf 3..6, store at 6.
// CHECK-LABEL: func.func @step2
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @step2_loop0
// SSP: @load1(%0, @store3 [dist<1>])
func.func @step2(%A: memref<64xf32>, %c: f32) {
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c2 to %c64 step %c2 {
    %im2 = arith.subi %i, %c2 : index
    %x = memref.load %A[%im2] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    memref.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A register recurrence of distance 2 through two rotating iter_args: %q in
// iteration i is %p of i-1, which is %s of i-2: addf -> addf at distance 2,
// II = ceil(4 / 2) = 2.
// CHECK-LABEL: func.func @rotate
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @rotate_loop0
// SSP: %1 = operation<@arith.addf> @addf1(%1 [dist<2>], %0)
func.func @rotate(%A: memref<64xf32>) -> f32 {
  %z = arith.constant 0.0 : f32
  %r:2 = affine.for %i = 0 to 64 iter_args(%p = %z, %q = %z) -> (f32, f32) {
    %x = affine.load %A[%i] : memref<64xf32>
    %s = arith.addf %q, %x : f32
    affine.yield %s, %p : f32, f32
  }
  return %r#0 : f32
}
