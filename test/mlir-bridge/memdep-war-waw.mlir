// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{ii=1 mem-ports=2},gaus-verify{mem-ports=2})' | FileCheck %s --check-prefix=II1
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// Write-after-read across iterations: A[i] = A[i+1] * c.  Iteration i reads
// A[i+1] before iteration i+1 overwrites it: an edge load -> store of
// distance 1, which is no recurrence (the store already follows the load in
// its own iteration).  II = ResMII = 2, not the 6 of the RAW A[i] = A[i-1]*c.
// CHECK-LABEL: func.func @war
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @war_loop0
// SSP: %0 = operation<@affine.load> @load0() uses[@mem_arg0]
// SSP: operation<@affine.store> @store2(%1, @load0 [dist<1>]) uses[@mem_arg0]
func.func @war(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 63 {
    %x = affine.load %A[%i + 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A WAR that binds: the store of c to A[i] does not depend on the load of
// A[i+1] by data, but iteration i+1's store must not overtake iteration i's
// load: t(store) + II >= t(load) + 2.  At II 1 (2 ports) the store moves from
// 0 to 1.
// II1-LABEL: func.func @war_free
// II1: affine.load {{.*}} {gaus.start = 0 : i64}
// II1-NEXT: affine.store {{.*}} {gaus.start = 2 : i64}
// II1-NEXT: affine.store {{.*}} {gaus.start = 1 : i64}
// II1-NEXT: } {gaus.ii = 1 : i64, gaus.latency = 3 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @war_free_loop0
// SSP: operation<@affine.store> @store2(@load0 [dist<1>]) uses[@mem_arg0]
func.func @war_free(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 63 {
    %x = affine.load %A[%i + 1] : memref<64xf32>
    affine.store %x, %B[%i] : memref<64xf32>
    affine.store %c, %A[%i] : memref<64xf32>
  }
  return
}

// Write-after-write in one iteration: both stores write A[i], the second must
// land last (edge store2 -> store3, distance 0): load B 0..2, mulf 2..5,
// first store at 5, second at 6 (not 0), yield 7.
// CHECK-LABEL: func.func @waw0
// CHECK: affine.store {{.*}} {gaus.start = 5 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 6 : i64}
// CHECK-NEXT: } {gaus.ii = 2 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @waw0_loop0
// SSP: operation<@affine.store> @store3(@store2) uses[@mem_arg0]
func.func @waw0(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 63 {
    %x = affine.load %B[%i] : memref<64xf32>
    %m = arith.mulf %x, %x : f32
    affine.store %m, %A[%i] : memref<64xf32>
    affine.store %c, %A[%i] : memref<64xf32>
  }
  return
}

// Write-after-write across iterations: iteration i writes A[i+1] late (after
// the mulf), iteration i+1 writes A[i+1] early (c): edge store2 -> store3 of
// distance 1, t(store3) + II >= t(store2) + 1.  At II 1 the early store moves
// from 0 to 5.
// II1-LABEL: func.func @waw1
// II1: affine.store {{.*}} {gaus.start = 5 : i64}
// II1-NEXT: affine.store {{.*}} {gaus.start = 5 : i64}
// II1-NEXT: } {gaus.ii = 1 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @waw1_loop0
// SSP: operation<@affine.store> @store3(@store2 [dist<1>]) uses[@mem_arg0]
func.func @waw1(%A: memref<64xf32>, %B: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 63 {
    %x = affine.load %B[%i] : memref<64xf32>
    %m = arith.mulf %x, %x : f32
    affine.store %m, %A[%i + 1] : memref<64xf32>
    affine.store %c, %A[%i] : memref<64xf32>
  }
  return
}
