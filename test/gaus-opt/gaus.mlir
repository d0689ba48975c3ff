// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus iterations=50 seed=1},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus iterations=50 device=cpu init=random batch=2 lr=0.2 latency-bound=1.5x},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=PEAK
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=gaus batch=0})' 2>&1 | FileCheck %s --check-prefix=BADBATCH
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list objective=comm})' 2>&1 | FileCheck %s --check-prefix=NEEDSGAUS

// GauS on a small shared-resource DFG: two MACs share one multiplier.
// CHECK: ssp.instance @mac2 of "SharedOperatorsProblem" {
// CHECK: operation<@sink> @last({{.*}}) [t<{{[0-9]+}}>]
// The list schedule already meets the lower bound, so GauS returns it as proven optimal.
// SUMMARY: @mac2 (SharedOperatorsProblem, 7 ops): method=gaus latency=9 lower-bound=9 registers=1 lifetimes=3 status=OPTIMAL
// PEAK: @mac2 (SharedOperatorsProblem, 7 ops): method=gaus peak=mul:1 latency-bound=14
// BADBATCH: <Pass-Pipeline>:1:42: error: invalid value '0' for option 'batch' of 'gaus-schedule': expected a positive integer
// NEEDSGAUS: error: objective=comm needs method=gaus
ssp.instance @mac2 of "SharedOperatorsProblem" {
  library {
    operator_type @mul [latency<3>]
    operator_type @add [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @mul [limit<1>]
  }
  graph {
    %0 = operation<@mul> @m0() uses[@mul]
    %1 = operation<@mul> @m1() uses[@mul]
    %2 = operation<@add> @a0(%0)
    %3 = operation<@mul> @m2(%2) uses[@mul]
    %4 = operation<@add> @a1(%1, %3)
    %5 = operation<@add> @a2(%4)
    operation<@sink> @last(%5)
  }
}
