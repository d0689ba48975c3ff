// A pipelined loop becomes CIRCT's loopschedule.pipeline with our II and one
// stage per distinct gaus.start (IMS: loads at 0, the 3-cycle multiply at 2,
// the accumulation at 5), which CIRCT lowers to Calyx; gaus-emit-verilog
// cannot go further and says why.
// REQUIRES: circt
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify,gaus-emit-circt)' --summary 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.err
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-emit-verilog)' 2>&1 | FileCheck %s --check-prefix=SV

// CHECK: func.func @dot_loop(%[[A:.*]]: memref<64xi32>, %[[B:.*]]: memref<64xi32>) -> i32
// CHECK: loopschedule.pipeline II = 1 trip_count = 64 iter_args(%[[IV:.*]] = %{{.*}}, %[[ACC:.*]] = %{{.*}}) : (index, i32) -> i32
// CHECK: arith.cmpi ult, %[[IV]]
// CHECK: %[[S0:.*]]:3 = loopschedule.pipeline.stage start = 0
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[IV]]
// CHECK-NEXT: memref.load %[[A]][%[[IV]]]
// CHECK-NEXT: memref.load %[[B]][%[[IV]]]
// CHECK: %[[S1:.*]] = loopschedule.pipeline.stage start = 2
// CHECK-NEXT: arith.muli %[[S0]]#1, %[[S0]]#2
// CHECK: %[[S2:.*]] = loopschedule.pipeline.stage start = 5
// CHECK-NEXT: arith.addi %[[ACC]], %[[S1]]
// CHECK: loopschedule.terminator iter_args(%[[S0]]#0, %[[S2]]), results(%[[S2]])

// SUMMARY: remark: @dot_loop: loopschedule.pipeline II=1 stages=3, lowered to Calyx by CIRCT (no installable tool goes on to SystemVerilog)

// SV: emit-loop.mlir:[[# @LINE + 4]]:8: error: gaus-emit-verilog: a pipelined loop lowers through CIRCT's loopschedule dialect to Calyx (gaus-emit-circt prints it); no installable tool lowers Calyx to SystemVerilog: @dot_loop is not emitted

func.func @dot_loop(%a: memref<64xi32>, %b: memref<64xi32>) -> i32 {
  %zero = arith.constant 0 : i32
  %r = affine.for %i = 0 to 64 iter_args(%acc = %zero) -> (i32) {
    %x = affine.load %a[%i] : memref<64xi32>
    %y = affine.load %b[%i] : memref<64xi32>
    %p = arith.muli %x, %y : i32
    %s = arith.addi %acc, %p : i32
    affine.yield %s : i32
  }
  return %r : i32
}
