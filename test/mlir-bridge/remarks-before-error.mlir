// A remark of an earlier pass is printed before a later pass's error (as
// mlir-opt does): here method=circt declines the pipelined loop, so
// gaus-verify finds it unscheduled, and the remark says why.
// REQUIRES: circt
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=circt},gaus-verify)' 2>&1 | FileCheck %s
// CHECK: remarks-before-error.mlir:[[# @LINE + 4]]:8: remark: method=circt leaves this region unscheduled: it does not support a ModuloProblem
// CHECK-NEXT: remarks-before-error.mlir:[[# @LINE + 4]]:10: error: 'affine.load' has no 'gaus.start' (its start cycle); run gaus-schedule first

func.func @acc(%m: memref<8xi32>, %init: i32) -> i32 {
  %r = affine.for %i = 0 to 8 iter_args(%a = %init) -> (i32) {
    %x = affine.load %m[%i] : memref<8xi32>
    %s = arith.addi %a, %x : i32
    affine.yield %s : i32
  }
  return %r : i32
}
