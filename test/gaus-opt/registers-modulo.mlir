// objective=registers on a modulo problem: MaxLive at the II (one bit per value).
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat objective=registers},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s -DM=cpsat-registers
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=registers},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s -DM=sms
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=registers iterations=20},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s -DM=gaus-registers
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=hybrid objective=lifetimes time-limit=4},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s -DM=hybrid
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms latency-bound=9})' 2>&1 | FileCheck %s --check-prefix=BOUND
//
// By hand: RecMII 4 (a 1 + mul 2 + c 1), but b and d share one multiplier, so
// one of them starts a cycle after a's value is ready and the recurrence
// through it takes 5: II 5.  a at 0, b at 1, d at 2, c at 4: a's value lives
// [1, 2), b's [3, 4), d's and c's die at once.  MaxLive 1 (steps 1 and 3 mod
// 5), 2 bits x cycles: optimal (one mul must wait, and so must one result);
// latency = the start of the last op, c.
// CHECK: @loop (ModuloProblem, 4 ops): method=[[M]] latency=4 II=5 registers=1 lifetimes=2
// BOUND: registers-modulo.mlir:[[# @LINE + 1]]:1: error: latency-bound applies to acyclic problems under objective=registers; a modulo schedule minimises MaxLive at its II
ssp.instance @loop of "ModuloProblem" {
  library {
    operator_type @add [latency<1>]
    operator_type @mul [latency<2>]
  }
  resource {
    resource_type @mulu [limit<1>]
  }
  graph {
    %0 = operation<@add> @a(%3 [dist<1>])
    %1 = operation<@mul> @b(%0) uses[@mulu]
    %2 = operation<@mul> @d(%0) uses[@mulu]
    %3 = operation<@add> @c(%1, %2)
  }
}
