// Register objectives on SSP input (one bit per value: SSP has no widths).
// Acyclic: minimised within latency-bound, the file's limits kept.
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat objective=registers latency-bound=6},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CPSAT
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat objective=lifetimes latency-bound=6},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CPSAT
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=registers latency-bound=6},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=HEUR -DM=sms
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=registers latency-bound=6 iterations=20},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=HEUR -DM=gaus-registers
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=hybrid objective=registers latency-bound=6 time-limit=4},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=HEUR -DM=hybrid
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat objective=registers latency-bound=6})' | FileCheck %s --check-prefix=LIMIT
//
// By hand: x -> {p, q}, y -> p, p -> s, q -> s on one multiplier (mul: latency 2,
// one issue per cycle). x, y at 0; p at 1 (y's value dies at once), q at 2, so
// x's value lives [1, 2); p's result [3, 4) until s at 4; q's result dies at
// once.  Peak 1 bit, 2 bits x cycles in all: both optimal (at least one value
// must wait, since p and q cannot both start at 1), within the bound 6.
// CPSAT: @diamond (SharedOperatorsProblem, 6 ops): method=cpsat-registers latency=5 registers=1 lifetimes=2 status=OPTIMAL
// HEUR: @diamond (SharedOperatorsProblem, 6 ops): method=[[M]] latency={{[56]}} registers=1 lifetimes=2
// The file's limit is a constraint here, printed unchanged (objective=peak would rewrite it).
// LIMIT: resource_type @mulu [limit<1>]
//
// Errors, located at the instance.
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list objective=registers latency-bound=6})' 2>&1 | FileCheck %s --check-prefix=LIST
// LIST: registers.mlir:[[# @LINE + 13]]:1: error: objective=registers needs method=cpsat, gaus, hybrid or sms; method 'list' minimises latency or peak
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms})' 2>&1 | FileCheck %s --check-prefix=NOBOUND
// NOBOUND: registers.mlir:[[# @LINE + 11]]:1: error: objective=registers needs latency-bound=N or Fx on a SharedOperatorsProblem (acyclic problems minimise registers within a latency bound)
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=registers+peak latency-bound=6})' 2>&1 | FileCheck %s --check-prefix=MIXED
// MIXED: error: objective=registers+peak: registers and lifetimes keep the file's resource limits, peak computes them; use one kind
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp objective=lifetimes latency-bound=6})' 2>&1 | FileCheck %s --check-prefix=LP
// LP: registers.mlir:[[# @LINE + 7]]:1: error: method 'lp' does not support a SharedOperatorsProblem whose resource limits apply (the LP has none; use cpsat, gaus, hybrid or sms)
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp objective=registers latency-bound=6})' 2>&1 | FileCheck %s --check-prefix=LPREG
// LPREG: error: objective=registers needs method=cpsat, gaus, hybrid or sms; method 'lp' minimises latency or lifetimes
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus rounds=3})' 2>&1 | FileCheck %s --check-prefix=ROUNDS
// ROUNDS: <Pass-Pipeline>:1:42: error: option 'rounds' applies with objective=registers or lifetimes (objective is latency)
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=sms objective=latency})' 2>&1 | FileCheck %s --check-prefix=SMSLAT
// SMSLAT: error: objective=latency needs method={{.*}}; method 'sms' minimises registers or lifetimes
ssp.instance @diamond of "SharedOperatorsProblem" {
  library {
    operator_type @add [latency<1>]
    operator_type @mul [latency<2>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @mulu [limit<1>]
  }
  graph {
    %0 = operation<@add> @x()
    %1 = operation<@add> @y()
    %2 = operation<@mul> @p(%0, %1) uses[@mulu]
    %3 = operation<@mul> @q(%0) uses[@mulu]
    %4 = operation<@add> @s(%2, %3)
    operation<@sink> @last(%4)
  }
}
