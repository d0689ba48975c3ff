// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.err
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | %mlir-opt | FileCheck %s

// Regions the bridge cannot analyse are left unscheduled with a `remark:` at
// the op that blocks them; everything else is still scheduled and the exit
// code is 0.  Nothing is guessed: no gaus.latency on such a function.

// A loop whose trip count is not a compile-time constant: the loop itself is
// scheduled (II 2 = one port for load + store, latency 6), the function
// around it is not (its latency would depend on %n).
// REMARK: remarks.mlir:[[# @LINE + 5]]:3: remark: the trip count of this loop is not a compile-time constant: the loop is scheduled, the region around it is not
// CHECK-LABEL: func.func @dynamic(%arg0: memref<?xf32>, %arg1: index, %arg2: f32) {{\{$}}
// CHECK: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64}
func.func @dynamic(%A: memref<?xf32>, %n: index, %c: f32) {
  affine.for %i = 0 to %n {
    %x = affine.load %A[%i] : memref<?xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<?xf32>
  }
  return
}

// A triangular nest: the inner loop's bound depends on the outer IV.  The
// inner loop is scheduled; the outer loop and the function are not.
// REMARK: remarks.mlir:[[# @LINE + 7]]:5: remark: the trip count of this loop is not a compile-time constant
// CHECK-LABEL: func.func @triangular(%arg0: memref<16x16xf32>, %arg1: f32) {{\{$}}
// CHECK-NEXT: affine.for %{{.*}} = 0 to 16 {{\{$}}
// CHECK: } {gaus.ii = 2 : i64, gaus.latency = 6 : i64}
// CHECK-NEXT: {{^ *\}$}}
func.func @triangular(%A: memref<16x16xf32>, %c: f32) {
  affine.for %i = 0 to 16 {
    affine.for %j = 0 to affine_map<(d0) -> (d0)>(%i) {
      %x = affine.load %A[%i, %j] : memref<16x16xf32>
      %y = arith.mulf %x, %c : f32
      affine.store %y, %A[%i, %j] : memref<16x16xf32>
    }
  }
  return
}

// scf.while (unknown iteration count and order) is not analysed: the
// function holding it stays unscheduled, the ops in it get no gaus.start.
// REMARK: remarks.mlir:[[# @LINE + 7]]:8: remark: 'scf.while' is not analysed (its iteration count and order are unknown); the enclosing region is left unscheduled
// CHECK-LABEL: func.func @search
// CHECK-NOT: gaus.
// CHECK: return
func.func @search(%A: memref<64xf32>, %key: f32) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.while (%i = %c0) : (index) -> index {
    %x = memref.load %A[%i] : memref<64xf32>
    %ne = arith.cmpf one, %x, %key : f32
    scf.condition(%ne) %i : index
  } do {
  ^bb0(%j: index):
    %k = arith.addi %j, %c1 : index
    scf.yield %k : index
  }
  return %r : index
}

// A function without any of these is scheduled as usual (exit code 0).
// CHECK-LABEL: func.func @fine
// CHECK-SAME: attributes {gaus.latency = 3 : i64}
// REMARK-NOT: remark
func.func @fine(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  return %m : f32
}
