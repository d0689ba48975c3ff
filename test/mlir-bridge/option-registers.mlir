// objective=registers on MLIR: pipelined loops minimise MaxLive at their II;
// straight-line regions minimise peak live bits within latency-bound (here
// 1x: their critical path).  Widths come from the types (i32: 32, i16: 16).
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat objective=registers latency-bound=1x},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CPSAT
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=registers latency-bound=1x},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=SMS
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=lifetimes latency-bound=1x iterations=20},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=GAUS
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=LIST
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=registers latency-bound=1x})' | %mlir-opt | FileCheck %s --check-prefix=OUT
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=registers})' 2>&1 | FileCheck %s --check-prefix=NOBOUND
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims objective=registers latency-bound=1x})' 2>&1 | FileCheck %s --check-prefix=IMS
//
// @mac: muli (3 cycles) and extsi (0) feed addi at 3.  List scheduling starts
// extsi at 0, so its i32 waits 3 cycles: 32 bits, 96 bits x cycles; a
// register-aware schedule starts it at 3, so the i8 argument %c waits instead
// (arguments arrive at cycle 0 and count as registers until their last
// reader): 8 bits, 24 bits x cycles.
// LIST: @mac (function at [[# @LINE + 19]]:1; Problem, 3 ops): method=list latency=4 lower-bound=4 registers=32 lifetimes=96
// CPSAT: @mac (function at [[# @LINE + 18]]:1; Problem, 3 ops): method=cpsat-registers latency=4 registers=8 lifetimes=24 status=OPTIMAL
// SMS: @mac (function at [[# @LINE + 17]]:1; Problem, 3 ops): method=sms latency=4 registers=8 lifetimes=24
// GAUS: @mac (function at [[# @LINE + 16]]:1; Problem, 3 ops): method=gaus-registers latency=4 registers=8 lifetimes=24
// OUT: arith.extsi %{{.*}} {gaus.start = 3 : i64}
//
// @acc's loop at II 1: %v (i16) is read by the muli and, 3 cycles later, by
// the addi of its result: it lives 3 cycles, so 3 iterations' copies overlap:
// MaxLive 48 bits, 48 bits x cycles, unavoidable (the optimum).
// CPSAT: @acc_loop0 (pipelined loop at [[# @LINE + 18]]:8; ModuloProblem, 4 ops): method=cpsat-registers II=1 latency=7 trips=16 total=22 MII=1 resources=mem_arg0:1/1 registers=48 lifetimes=48 status=OPTIMAL
// SMS: @acc_loop0 (pipelined loop at [[# @LINE + 17]]:8; ModuloProblem, 4 ops): method=sms II=1 latency=7 trips=16 total=22 MII=1 resources=mem_arg0:1/1 registers=48 lifetimes=48
// GAUS: @acc_loop0 (pipelined loop at [[# @LINE + 16]]:8; ModuloProblem, 4 ops): method=gaus-registers II=1 latency=7 trips=16 total=22 MII=1 resources=mem_arg0:1/1 registers=48 lifetimes=48
// LIST: @acc_loop0 (pipelined loop at [[# @LINE + 15]]:8; ModuloProblem, 4 ops): method=ims II=1 latency=7 trips=16 total=22 MII=1 resources=mem_arg0:1/1 registers=48 lifetimes=48
//
// Straight-line regions need the bound; list / ims ignore registers.
// NOBOUND: option-registers.mlir:[[# @LINE + 4]]:1: error: mac: objective=registers needs latency-bound=N or Fx on a Problem (acyclic problems minimise registers within a latency bound)
// IMS: option-registers.mlir:[[# @LINE + 3]]:1: error: mac: objective=registers needs method=cpsat, gaus, hybrid or sms; method 'list' minimises latency or peak
// (method=ims stands for list on straight-line regions.)

func.func @mac(%a: i32, %b: i32, %c: i8) -> i32 {
  %x = arith.muli %a, %b : i32
  %e = arith.extsi %c : i8 to i32
  %s = arith.addi %x, %e : i32
  return %s : i32
}

func.func @acc(%A: memref<16xi16>, %init: i16) -> i16 {
  %r = affine.for %i = 0 to 16 iter_args(%acc = %init) -> (i16) {
    %v = affine.load %A[%i] : memref<16xi16>
    %w = arith.muli %v, %v : i16
    %u = arith.addi %w, %v : i16
    %n = arith.addi %acc, %u : i16
    affine.yield %n : i16
  }
  return %r : i16
}
