// RUN: gaus-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,gaus-schedule,cse),gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(func.func(cse,canonicalize),gaus-schedule,gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CSEFIRST
// RUN: gaus-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,gaus-schedule,cse),gaus-verify)' | %mlir-opt --cse | FileCheck %s

// Upstream passes and ours in one pipeline; gaus-schedule nested in a
// func.func(...) anchor is hoisted to run on the module between the upstream
// passes before and after it.
// canonicalize hoists the constant out of the loop; gaus-schedule then sees
// the two identical mulf (6 ops in the loop); cse, after it, merges them and
// the surviving mulf keeps its gaus.start.
// Loop: load 0..2, mulf 2..5, addf 5..9, mulf by 2.0 9..12, store 12 is in the
// load's class mod 2, so 13; yield 14.  II 2 (load + store on one port).
// CHECK-LABEL: func.func @h
// CHECK-SAME: attributes {gaus.latency = 140 : i64}
// CHECK: arith.constant {gaus.start = 0 : i64} 2.000000e+00 : f32
// CHECK-NEXT: affine.for
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: %[[M:.*]] = arith.mulf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: arith.addf %[[M]], %[[M]] {gaus.start = 5 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 9 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 13 : i64}
// CHECK-NEXT: } {gaus.ii = 2 : i64, gaus.latency = 14 : i64, gaus.start = 0 : i64}
// SUMMARY: @h_loop0 (pipelined loop at [[# @LINE + 5]]:3; ModuloProblem, 6 ops): method=ims II=2 latency=14 trips=64 total=140
// With cse first the loop has one mulf less (5 ops), same II and latency.
// CSEFIRST: @h_loop0 (pipelined loop at [[# @LINE + 3]]:3; ModuloProblem, 5 ops): method=ims II=2 latency=14 trips=64 total=140
// SUMMARY: @h (function at [[# @LINE + 1]]:1; {{.*}}): method=list latency=140
func.func @h(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 64 {
    %two = arith.constant 2.0 : f32
    %x = affine.load %A[%i] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    %z = arith.mulf %x, %c : f32
    %s = arith.addf %y, %z : f32
    %t = arith.mulf %s, %two : f32
    affine.store %t, %A[%i] : memref<64xf32>
  }
  return
}
