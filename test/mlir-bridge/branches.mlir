// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// Each branch of an scf.if / affine.if is a region of its own; the if is one
// op whose latency (written as gaus.latency on it) is that of its longest
// branch.
// then: mulf 0..3; else: divf 0..12 -> the if takes 12; addf 12..16.
// CHECK-LABEL: func.func @branch
// CHECK-SAME: attributes {gaus.latency = 16 : i64}
// CHECK: arith.mulf {{.*}} {gaus.start = 0 : i64}
// CHECK: arith.divf {{.*}} {gaus.start = 0 : i64}
// CHECK: } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 12 : i64}
// SUMMARY: @branch_if0_0 (branch at [[# @LINE + 3]]:8; Problem, 1 ops): method=list latency=3
// SUMMARY: @branch_if0_1 (branch at [[# @LINE + 2]]:8; Problem, 1 ops): method=list latency=12
func.func @branch(%a: f32, %b: f32, %p: i1) -> f32 {
  %r = scf.if %p -> (f32) {
    %m = arith.mulf %a, %b : f32
    scf.yield %m : f32
  } else {
    %d = arith.divf %a, %b : f32
    scf.yield %d : f32
  }
  %s = arith.addf %r, %a : f32
  return %s : f32
}

// An if without else that writes A[1]: the later load of A[1] waits for it
// (the branch's accesses are treated as unknown).  Branch: load 0..2,
// mulf 2..5, store 5..6 -> 6; then load 6..8, store 8, function 9.
// CHECK-LABEL: func.func @no_else
// CHECK-SAME: attributes {gaus.latency = 9 : i64}
// CHECK: } {gaus.latency = 6 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 6 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 8 : i64}
func.func @no_else(%A: memref<8xf32>, %p: i1, %c: f32) {
  scf.if %p {
    %x = affine.load %A[0] : memref<8xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[1] : memref<8xf32>
  }
  %z = affine.load %A[1] : memref<8xf32>
  affine.store %z, %A[2] : memref<8xf32>
  return
}

// A branch inside a pipelined loop: the loop stays pipelined.  Load 0..2, the
// if (max(mulf 3, addf 4) = 4) 2..6, the store would be at 6, in the load's
// class mod II 2 (one port), so at 7; yield 8.
// CHECK-LABEL: func.func @select_loop
// CHECK: } {gaus.latency = 4 : i64, gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 7 : i64}
// CHECK-NEXT: } {gaus.ii = 2 : i64, gaus.latency = 8 : i64, gaus.start = 0 : i64}
// SUMMARY: @select_loop_loop0 (pipelined loop at [[# @LINE + 2]]:3; ModuloProblem, 3 ops): method=ims II=2 latency=8 trips=64 total=134
func.func @select_loop(%A: memref<64xf32>, %p: i1, %c: f32) {
  affine.for %i = 0 to 64 {
    %x = affine.load %A[%i] : memref<64xf32>
    %y = scf.if %p -> (f32) {
      %m = arith.mulf %x, %c : f32
      scf.yield %m : f32
    } else {
      %s = arith.addf %x, %c : f32
      scf.yield %s : f32
    }
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// An affine.if whose body accesses memory, in a pipelined loop: the branch
// runs as a unit (load 0..2, mulf 2..5, store 5..6: latency 6) and is not
// overlapped with itself across iterations, so II = 6.
// CHECK-LABEL: func.func @guarded
// CHECK: } {gaus.latency = 6 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
func.func @guarded(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 0 to 16 {
    affine.if affine_set<(d0) : (d0 - 8 >= 0)>(%i) {
      %x = affine.load %A[%i] : memref<64xf32>
      %y = arith.mulf %x, %c : f32
      affine.store %y, %A[%i] : memref<64xf32>
    }
  }
  return
}
