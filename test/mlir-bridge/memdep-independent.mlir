// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// Accesses that can never touch the same element get no dependence.
// Different arrays (distinct memref arguments): B[i] = A[i-1] * c has no
// recurrence, II = 1 (one access per memref), latency 6.
// CHECK-LABEL: func.func @two_arrays
// CHECK: } {gaus.ii = 1 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @two_arrays_loop0
// SSP: %0 = operation<@affine.load> @load0() uses[@mem_arg0]
// SSP: operation<@affine.store> @store2(%1) uses[@mem_arg1]
func.func @two_arrays(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %B[%i] : memref<64xf32>
  }
  return
}

// Step 2: the loop writes even elements and reads odd ones: independent,
// II = ResMII = 2 (not 6).
// CHECK-LABEL: func.func @odd_even
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @odd_even_loop0
// SSP: %0 = operation<@affine.load> @load0() uses[@mem_arg0]
// SSP: operation<@affine.store> @store2(%1) uses[@mem_arg0]
func.func @odd_even(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 2 to 64 step 2 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// Different rows of a 2-D array (a constant first index differs): reads row 0,
// writes row 1: independent, II 2.
// CHECK-LABEL: func.func @rows
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @rows_loop0
// SSP: %0 = operation<@affine.load> @load0() uses[@mem_arg0]
func.func @rows(%A: memref<2x64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[0, %i - 1] : memref<2x64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[1, %i] : memref<2x64xf32>
  }
  return
}

// Two loops on disjoint arrays run side by side in the function (both start at
// 0); a third loop reading what the first wrote (B) and overwriting what it
// read (A) waits for it: first loop run 7*1 + 3 = 10, so the third starts at
// 10 and ends at 20.  The second loop (C in place: II 2, latency 4) runs
// 7*2 + 4 = 18 < 20.
// CHECK-LABEL: func.func @loops
// CHECK-SAME: attributes {gaus.latency = 20 : i64}
// CHECK: } {gaus.ii = 1 : i64, gaus.latency = 3 : i64, gaus.start = 0 : i64}
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 4 : i64, gaus.start = 0 : i64}
// CHECK: } {gaus.ii = 1 : i64, gaus.latency = 3 : i64, gaus.start = 10 : i64}
func.func @loops(%A: memref<64xf32>, %B: memref<64xf32>, %C: memref<64xf32>) {
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<64xf32>
    affine.store %x, %B[%i] : memref<64xf32>
  }
  affine.for %i = 0 to 8 {
    %x = affine.load %C[%i] : memref<64xf32>
    affine.store %x, %C[%i] : memref<64xf32>
  }
  affine.for %i = 0 to 8 {
    %x = affine.load %B[%i] : memref<64xf32>
    affine.store %x, %A[%i] : memref<64xf32>
  }
  return
}
