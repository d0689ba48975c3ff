// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=fds latency-bound=4},gaus-verify)' --summary 2>%t.fds | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.fds
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list latency-bound=4 objective=peak},gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat latency-bound=4},gaus-verify)' | FileCheck %s
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list latency-bound=0})' 2>&1 | FileCheck %s --check-prefix=TOOSHORT

// The time-constrained dual: six independent 1-cycle adds and a sink, all done by
// step 4. The file's limit (6) is ignored; the peak, 2 adders, is written back
// as the limit so the output is a valid SharedOperatorsProblem solution.
// CHECK: resource_type @adder [limit<2>]
// CHECK: @last({{.*}}) [t<{{[34]}}>]
// SUMMARY: @six_adds (SharedOperatorsProblem, 7 ops): method=fds peak=adder:2 latency-bound=4
// TOOSHORT: time-constrained.mlir:{{[0-9]+}}:{{[0-9]+}}: error: latency bound 0 is below the critical path
ssp.instance @six_adds of "SharedOperatorsProblem" {
  library {
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @adder [limit<6>]
  }
  graph {
    %0 = operation<@add>() uses[@adder]
    %1 = operation<@add>() uses[@adder]
    %2 = operation<@add>() uses[@adder]
    %3 = operation<@add>() uses[@adder]
    %4 = operation<@add>() uses[@adder]
    %5 = operation<@add>() uses[@adder]
    operation<@sink> @last(%0, %1, %2, %3, %4, %5)
  }
}
