// An op whose result reaches no result of the function is not emitted: its
// hardware would have no reader (a remark says so); the flip-flops predicted
// are those of the ops emitted.
// REQUIRES: circt
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-verify,gaus-emit-circt)' --summary 2>&1 >/dev/null | FileCheck %s
// CHECK: emit-dead.mlir:[[# @LINE + 4]]:8: remark: gaus-emit-circt: 1 op(s) whose results reach no result of @dead are not emitted (run canonicalize before scheduling)
// CHECK: remark: @dead: pipeline latency=3 flip-flops=99 (lifetimes 64 + units 32 + control 3)
func.func @dead(%a: i32) -> i32 attributes {gaus.latency = 3 : i64} {
  %0 = arith.addi %a, %a {gaus.start = 0 : i64} : i32
  %1 = arith.muli %a, %a {gaus.start = 0 : i64} : i32
  return %0 : i32
}
