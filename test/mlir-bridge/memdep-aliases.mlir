// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP

// A memref reached through another SSA value is the memory (or memories) it
// may come from, never a new, independent one (issue 12, items 1 and 12).
// Every loop below is  x = m[i - 2]; A[i] = x * x  with m some alias of %A.
// Exact aliases (select, iter_args, if results, assume_alignment keep the
// indexing): the store of iteration i is loaded by iteration i + 2, a RAW of
// distance 2: load 2 + mulf 3 + store 1 = 6 over 2 iterations -> RecMII 3;
// two accesses on the one port of %A -> ResMII 2; II 3.  Load 0..2, mulf 2..5,
// store 5, yield 6: latency 6.  Before the fix: II 1 (m was its own memory).

// m = select(c, A, B): the load may read A or B: it uses both ports and
// depends on the store to A.
// CHECK-LABEL: func.func @select(
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @select_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<2>]) uses[@mem_arg0, @mem_arg1]
// SSP: operation<@affine.store> @store2(%1) uses[@mem_arg0]
func.func @select(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  %m = arith.select %c, %A, %B : memref<64xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// The issue's example: distance 1 -> II 6 (load 2 + mulf 3 + store 1), as
// with %A itself.
// CHECK-LABEL: func.func @select_one(
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
func.func @select_one(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  %m = arith.select %c, %A, %B : memref<64xf32>
  affine.for %i = 1 to 64 {
    %x = affine.load %m[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A memref iter_arg is its initial value (%B) or what the body yields (%A).
// CHECK-LABEL: func.func @iter_args(
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @iter_args_loop1
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<2>]) uses[@mem_arg0, @mem_arg1]
func.func @iter_args(%A: memref<64xf32>, %B: memref<64xf32>) {
  %r = affine.for %t = 0 to 2 iter_args(%m = %B) -> (memref<64xf32>) {
    affine.for %i = 2 to 64 {
      %x = affine.load %m[%i - 2] : memref<64xf32>
      %y = arith.mulf %x, %x : f32
      affine.store %y, %A[%i] : memref<64xf32>
    }
    affine.yield %A : memref<64xf32>
  }
  return
}

// An scf.if result is what either branch yields.
// CHECK-LABEL: func.func @if_result(
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @if_result_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<2>]) uses[@mem_arg0, @mem_arg1]
func.func @if_result(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  %m = scf.if %c -> memref<64xf32> {
    scf.yield %B : memref<64xf32>
  } else {
    scf.yield %A : memref<64xf32>
  }
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// memref.assume_alignment is a view of %A with the same indexing.
// CHECK-LABEL: func.func @align(
// CHECK: } {gaus.ii = 3 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @align_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<2>]) uses[@mem_arg0]
func.func @align(%A: memref<64xf32>) {
  %m = memref.assume_alignment %A, 16 : memref<64xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// Views that change the indexing (memref.reshape; extract_strided_metadata +
// reinterpret_cast) are %A with an unknown index: the load depends on the
// store at distances 0 and 1 -> RecMII 6 (not 3), II 6, latency 6.
// CHECK-LABEL: func.func @reshape(
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @reshape_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0]
// SSP: operation<@affine.store> @store2(%1, @load0) uses[@mem_arg0]
func.func @reshape(%A: memref<64xf32>, %s: memref<1xindex>) {
  %m = memref.reshape %A(%s) : (memref<64xf32>, memref<1xindex>) -> memref<64xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// CHECK-LABEL: func.func @metadata(
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// SSP-LABEL: ssp.instance @metadata_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0]
func.func @metadata(%A: memref<64xf32>) {
  %base, %off, %size, %stride = memref.extract_strided_metadata %A : memref<64xf32> -> memref<f32>, index, index, index
  %m = memref.reinterpret_cast %base to offset: [0], sizes: [64], strides: [1] : memref<f32> to memref<64xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// A memref of unknown origin (a call result, a memref loaded from memory)
// may be any memory of the function: it depends on every store at distances
// 0 and 1 (II 6) and uses the port of every memory.
func.func private @get() -> memref<64xf32>

// The loop starts after the call (latency 1) / the load of %m (latency 2).
// CHECK-LABEL: func.func @call_result(
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 1 : i64}
// SSP-LABEL: ssp.instance @call_result_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0]
func.func @call_result(%A: memref<64xf32>) {
  %m = func.call @get() {gaus.latency = 1 : i64} : () -> memref<64xf32>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// CHECK-LABEL: func.func @loaded(
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 2 : i64}
// SSP-LABEL: ssp.instance @loaded_loop0
// SSP: %0 = operation<@affine.load> @load0(@store2 [dist<1>]) uses[@mem_arg0, @mem_arg1]
// SSP: operation<@affine.store> @store2(%1, @load0) uses[@mem_arg1]
func.func @loaded(%P: memref<memref<64xf32>>, %A: memref<64xf32>) {
  %m = memref.load %P[] : memref<memref<64xf32>>
  affine.for %i = 2 to 64 {
    %x = affine.load %m[%i - 2] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
