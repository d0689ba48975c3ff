// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list},gaus-verify)' --summary 2>%t.list | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.list
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify)' --summary 2>%t.ims | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.ims
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list priority=index},gaus-verify)' | FileCheck %s

// method=list and method=ims give the same schedules on MLIR: a pipelined
// (innermost) loop is a modulo problem and is scheduled by iterative modulo
// scheduling under either name, every straight-line region (the function, a
// loop holding a loop) by list scheduling.
//
// Inner loop: loads of A and B on their own ports at 0, addf at 2, store at 6:
// no recurrence, ResMII 1 -> II 1, latency 7; run (8-1)*1 + 7 = 14.
// Outer loop body: the inner loop (14) and the store of 0 to S[i], which touches
// another memref and so runs beside it at 0: 14 per trip, 4 trips -> 56.
// CHECK-LABEL: func.func @two_level
// CHECK-SAME: attributes {gaus.latency = 56 : i64}
// CHECK: affine.load %arg0{{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: affine.load %arg1{{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 6 : i64}
// CHECK-NEXT: } {gaus.ii = 1 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 14 : i64, gaus.latency = 14 : i64, gaus.start = 0 : i64}

// SUMMARY: @two_level_loop1 (pipelined loop at [[# @LINE + 7]]:5; ModuloProblem, 4 ops): method=ims II=1 latency=7 trips=8 total=14 MII=1
// SUMMARY: @two_level_loop0 (loop at [[# @LINE + 5]]:3; {{.*}}): method=list latency=14 trips=4 total=56
// SUMMARY: @two_level (function at [[# @LINE + 1]]:1; {{.*}}): method=list latency=56
func.func @two_level(%A: memref<4x8xf32>, %B: memref<4x8xf32>, %C: memref<4x8xf32>,
                     %S: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 8 {
      %a = affine.load %A[%i, %j] : memref<4x8xf32>
      %b = affine.load %B[%i, %j] : memref<4x8xf32>
      %s = arith.addf %a, %b : f32
      affine.store %s, %C[%i, %j] : memref<4x8xf32>
    }
    affine.store %zero, %S[%i] : memref<4xf32>
  }
  return
}
