// REQUIRES: circt
// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=circt})' | FileCheck %s
// RUN: gaus-opt %s --split-input-file --summary --pass-pipeline='builtin.module(gaus-schedule{method=circt})' -o %t 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not gaus-opt %S/list.mlir --pass-pipeline='builtin.module(gaus-schedule{method=circt})' 2>&1 | FileCheck %s --check-prefix=LIMITS
// RUN: not gaus-opt %S/list.mlir --pass-pipeline='builtin.module(gaus-schedule{method=circt})' 2>/dev/null | count 0

// method=circt: CIRCT's pipeline-schedule-linear (in a child process) on
// CIRCT's arbitrary_latencies test: it minimises the makespan, here the
// start of the only sink, @unit at 19 (the critical path, as asap finds).
// CHECK-LABEL: ssp.instance @arbitrary_latencies of "Problem" {
// CHECK: %[[A:.*]] = operation<@extr>() [t<0>]
// CHECK: %[[B:.*]] = operation<@extr>() [t<0>]
// CHECK: %[[C:.*]] = operation<@mult>(%[[A]], %[[A]]) [t<0>]
// CHECK: %[[D:.*]] = operation<@mult>(%[[B]], %[[B]]) [t<0>]
// CHECK: %[[E:.*]] = operation<@add>(%[[C]], %[[D]]) [t<6>]
// CHECK: %[[F:.*]] = operation<@sqrt>(%[[E]]) [t<9>]
// CHECK: operation<@unit>(%[[F]]) [t<19>]
// ERR: @arbitrary_latencies (Problem, 7 ops): method=circt latency=19 lower-bound=19 {{.*}} status=OPTIMAL
ssp.instance @arbitrary_latencies of "Problem" {
  library {
    operator_type @unit [latency<1>]
    operator_type @extr [latency<0>]
    operator_type @add [latency<3>]
    operator_type @mult [latency<6>]
    operator_type @sqrt [latency<10>]
  }
  graph {
    %0 = operation<@extr>()
    %1 = operation<@extr>()
    %2 = operation<@mult>(%0, %0)
    %3 = operation<@mult>(%1, %1)
    %4 = operation<@add>(%2, %3)
    %5 = operation<@sqrt>(%4)
    operation<@unit>(%5)
  }
}

// -----

// MLIR: the straight-line function is scheduled (critical path muli 3 ->
// cmpi 1 -> select, latency 4); the loop-carried Horner loop is a
// CyclicProblem, which CIRCT's linear scheduler cannot express: a located
// remark, and the loop and the function around it stay unscheduled.
// ERR: method-circt.mlir:[[# @LINE + 11]]:8: remark: method=circt leaves this region unscheduled: it does not support a CyclicProblem: pipeline-schedule-linear schedules straight-line (acyclic) pipelines
// ERR: @straight (function at {{.*}}; Problem, 4 ops): method=circt latency=4 lower-bound=4
// CHECK-LABEL: func.func @horner
// CHECK-NOT: gaus.
// CHECK-LABEL: func.func @straight
// CHECK-SAME: attributes {gaus.latency = 4 : i64}
// CHECK: arith.muli {{.*}} {gaus.start = 0 : i64}
// CHECK: arith.cmpi {{.*}} {gaus.start = 3 : i64}
// CHECK: arith.select {{.*}} {gaus.start = 4 : i64}
func.func @horner(%x: f32, %a: f32, %b: f32) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to 10 iter_args(%acc = %z) -> (f32) {
    %m = arith.mulf %acc, %x : f32
    %s = arith.addf %m, %a : f32
    affine.yield %s : f32
  }
  %t = arith.mulf %r, %b : f32
  %u = arith.divf %t, %x : f32
  return %u : f32
}
func.func @straight(%a: i32, %b: i32) -> i32 {
  %s = arith.addi %a, %b : i32
  %p = arith.muli %a, %b : i32
  %c = arith.cmpi slt, %s, %p : i32
  %r = arith.select %c, %s, %p : i32
  return %r : i32
}

// LIMITS: list.mlir:{{[0-9]+}}:1: error: method 'circt' does not support a SharedOperatorsProblem whose resource limits apply: pipeline-schedule-linear has no resource constraints
