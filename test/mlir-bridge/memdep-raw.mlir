// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// Read-after-write through memory across iterations: A[i] = A[i-1] * c.  The
// store of iteration i is read by the load of iteration i+1 (distance 1), so
// the recurrence load -> mulf -> store -> load bounds the II:
// RecMII = load 2 + mulf 3 + store 1 = 6 (ResMII is 2: two accesses, one port).
// Run: (63-1)*6 + 6 = 378.
// CHECK-LABEL: func.func @raw1
// CHECK-SAME: attributes {gaus.latency = 378 : i64}
// CHECK: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 5 : i64}
// CHECK-NEXT: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SUMMARY: @raw1_loop0 (pipelined loop at [[# @LINE + 7]]:3; ModuloProblem, 3 ops): method=ims II=6 latency=6 trips=63 total=378 MII=6
// The dependence is an edge store -> load of distance 1 in the problem:
// SSP-LABEL: ssp.instance @raw1_loop0 of "ModuloProblem" {
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0]
// SSP-NEXT: %1 = operation<@arith.mulf> @mulf1(%0)
// SSP-NEXT: operation<@affine.store> @store2(%1) uses[@mem_arg0]
func.func @raw1(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// The same element read and written in one iteration (A[i] = A[i] * c) is a
// dependence at distance 0 only (the load before the store): no recurrence,
// II = ResMII = 2 (load and store on one port; the store at 5 is in class 1,
// the load in class 0).  Run: 63*2 + 6 = 132.
// CHECK-LABEL: func.func @same
// CHECK-SAME: attributes {gaus.latency = 132 : i64}
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @same_loop0
// SSP: %0 = operation<@affine.load> @load0() uses[@mem_arg0]
// SSP-NEXT: %1 = operation<@arith.mulf> @mulf1(%0)
// SSP-NEXT: operation<@affine.store> @store2(%1, @load0) uses[@mem_arg0]
func.func @same(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 64 {
    %x = affine.load %A[%i] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// RAW inside one iteration (store then load of the same element): the load
// waits for the store (an edge store -> load of distance 0): store at 0, load
// at 1, mulf 3..6, store to B at 6.
// CHECK-LABEL: func.func @raw0
// CHECK: affine.store {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 1 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 3 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 6 : i64}
// SSP-LABEL: ssp.instance @raw0_loop0
// SSP: operation<@affine.store> @store0() uses[@mem_arg0]
// SSP-NEXT: %0 = operation<@affine.load> @load1(@store0) uses[@mem_arg0]
func.func @raw0(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 64 {
    affine.store %c, %A[%i] : memref<64xf32>
    %x = affine.load %A[%i] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %B[%i] : memref<64xf32>
  }
  return
}
