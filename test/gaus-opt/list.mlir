// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list})' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list priority=index})' | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=VERIFIED

// Five 3-cycle ops on one fully pipelined unit: one may start per step.
// CHECK-LABEL: ssp.instance @full_load of "SharedOperatorsProblem" {
// CHECK: resource_type @L1_rsrc [limit<1>]
// CHECK-DAG: operation<@L1_3>() uses[@L1_rsrc] [t<0>]
// CHECK-DAG: operation<@L1_3>() uses[@L1_rsrc] [t<1>]
// CHECK-DAG: operation<@L1_3>() uses[@L1_rsrc] [t<2>]
// CHECK-DAG: operation<@L1_3>() uses[@L1_rsrc] [t<3>]
// CHECK-DAG: operation<@L1_3>() uses[@L1_rsrc] [t<4>]
// CHECK: operation<@_1>(%{{.*}}) [t<7>]
// CHECK: operation<@_1> @last(%{{.*}}) [t<8>]
// SUMMARY: @full_load (SharedOperatorsProblem, 7 ops): method=list latency=8 lower-bound=8 registers=4 lifetimes=10 status=HEURISTIC
// VERIFIED: @last(%{{.*}}) [t<8>]
ssp.instance @full_load of "SharedOperatorsProblem" {
  library {
    operator_type @L1_3 [latency<3>]
    operator_type @_1 [latency<1>]
  }
  resource {
    resource_type @L1_rsrc [limit<1>]
  }
  graph {
    %0 = operation<@L1_3>() uses[@L1_rsrc]
    %1 = operation<@L1_3>() uses[@L1_rsrc]
    %2 = operation<@L1_3>() uses[@L1_rsrc]
    %3 = operation<@L1_3>() uses[@L1_rsrc]
    %4 = operation<@L1_3>() uses[@L1_rsrc]
    %5 = operation<@_1>(%0, %1, %2, %3, %4)
    operation<@_1> @last(%5)
  }
}
