// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// Accesses the affine analysis cannot decide are ordered conservatively: an
// unknown access depends on every access of the same memref at distance 0
// (program order) and, the other way round, at distance 1.

// Non-affine index i * n (a product of two variables): the store may write what
// the next iteration loads, recurrence load 2 + mulf 3 + store 1 = 6 = II.
// The index (muli, 3) is ready at 3: load 3..5, mulf 5..8, store 8, yield 9.
// CHECK-LABEL: func.func @product
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @product_loop0
// SSP: %1 = operation<@memref.load> @load1(%0, @store3 [dist<1>]) uses[@mem_arg0]
// SSP: operation<@memref.store> @store3(%2, @load1) uses[@mem_arg0]
func.func @product(%A: memref<64xf32>, %n: index, %c: f32) {
  affine.for %i = 0 to 8 {
    %k = arith.muli %i, %n : index
    %x = memref.load %A[%k] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    memref.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// Indirect access A[idx[i]] (the index is loaded from memory): same
// conservative recurrence, II 6.
// CHECK-LABEL: func.func @indirect
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 8 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @indirect_loop0
// SSP: %1 = operation<@memref.load> @load1(%0, @store3 [dist<1>]) uses[@mem_arg0]
func.func @indirect(%A: memref<64xf32>, %idx: memref<64xindex>, %c: f32) {
  affine.for %i = 0 to 8 {
    %k = affine.load %idx[%i] : memref<64xindex>
    %x = memref.load %A[%k] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A load through a subview (offset 1) is not compared index by index with the
// store to the underlying memref: V[i-2] is A[i-1], a RAW of distance 1 that a
// naive comparison of [i-2] with [i] would take for distance 2 (II 3, which
// breaks the dependence).  Unknown -> II 6.
// CHECK-LABEL: func.func @view
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @view_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0]
func.func @view(%A: memref<64xf32>, %c: f32) {
  %v = memref.subview %A[1] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1], offset: 1>>
  affine.for %i = 2 to 32 {
    %x = affine.load %v[%i - 2] : memref<32xf32, strided<[1], offset: 1>>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A memref.cast keeps the indexing: the distance-2 RAW through it is exact
// (II 3).
// CHECK-LABEL: func.func @cast
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
func.func @cast(%A: memref<64xf32>, %c: f32) {
  %v = memref.cast %A : memref<64xf32> to memref<?xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %v[%i - 2] : memref<?xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A call may read and write any memory: with `gaus.latency = 5` it is ordered
// after the load of its iteration and before the next iteration's accesses
// (call -> load, call -> call, store -> call at distance 1): the recurrence
// load 2 + call 5 gives II 7.  Load 0..2, call 2..7, store at 7, yield 8.
// CHECK-LABEL: func.func @calls
// CHECK: func.call @work({{.*}}) {gaus.latency = 5 : i64, gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 7 : i64}
// CHECK-NEXT: } {gaus.ii = 7 : i64, gaus.latency = 8 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @calls_loop0
// SSP: %0 = operation<@affine.load> @load0(@call1 [dist<1>]) uses[@mem_arg0]
// SSP-NEXT: %1 = operation<@func.call.lat5> @call1(%0, @call1 [dist<1>], @store2 [dist<1>])
func.func private @work(f32) -> f32
func.func @calls(%A: memref<64xf32>, %B: memref<64xf32>) {
  affine.for %i = 0 to 16 {
    %x = affine.load %A[%i] : memref<64xf32>
    %y = func.call @work(%x) {gaus.latency = 5 : i64} : (f32) -> f32
    affine.store %y, %B[%i] : memref<64xf32>
  }
  return
}

// A step that is not a compile-time constant: A[i-2] may be the element
// stored one iteration earlier (step 2), so the difference of 2 in the index
// is no known distance: unknown, II 6 (not the 3 of a constant step 1).  The
// same index in load and store stays an exact distance 0: II 2 (addi 0..1,
// subi 1..2, load 2..4, mulf 4..7, store 7, yield 8).  (The
// function around such a loop is not scheduled; see remarks.mlir.)
// CHECK-LABEL: func.func @runtime_step
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 7 : i64}
// CHECK-LABEL: func.func @runtime_step_same
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 8 : i64}
func.func @runtime_step(%A: memref<64xf32>, %s: index, %c: f32) {
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c2 to %c64 step %s {
    %im2 = arith.subi %i, %c2 : index
    %x = memref.load %A[%im2] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    memref.store %y, %A[%i] : memref<64xf32>
  }
  return
}
func.func @runtime_step_same(%A: memref<64xf32>, %s: index, %c: f32) {
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c2 to %c64 step %s {
    %ip0 = arith.addi %i, %c2 : index
    %ip = arith.subi %ip0, %c2 : index
    %x = memref.load %A[%ip] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    memref.store %y, %A[%i] : memref<64xf32>
  }
  return
}
