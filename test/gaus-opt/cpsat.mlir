// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat time-limit=10},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary

// The optimal values of CIRCT's shared-resources tests.
// CHECK-LABEL: ssp.instance @partial_load
// CHECK: @last(%{{.*}}) [t<5>]
// CHECK-LABEL: ssp.instance @multiple
// CHECK: @last(%{{.*}}) [t<5>]
// CHECK-LABEL: ssp.instance @if_else_exclusive
// CHECK: @last(%{{.*}}) [t<5>]
// SUMMARY: @partial_load {{.*}} latency=5 {{.*}}status=OPTIMAL
// SUMMARY: @multiple {{.*}} latency=5 {{.*}}status=OPTIMAL
ssp.instance @partial_load of "SharedOperatorsProblem" {
  library {
    operator_type @L3_3 [latency<3>]
    operator_type @_1 [latency<1>]
  }
  resource {
    resource_type @L3_rsrc [limit<3>]
  }
  graph {
    %0 = operation<@L3_3>() uses[@L3_rsrc]
    %1 = operation<@L3_3>() uses[@L3_rsrc]
    %2 = operation<@L3_3>() uses[@L3_rsrc]
    %3 = operation<@L3_3>() uses[@L3_rsrc]
    %4 = operation<@L3_3>() uses[@L3_rsrc]
    %5 = operation<@_1>(%0, %1, %2, %3, %4)
    operation<@_1> @last(%5)
  }
}
ssp.instance @multiple of "SharedOperatorsProblem" {
  library {
    operator_type @L3_2 [latency<3>]
    operator_type @L1_1 [latency<1>]
    operator_type @_1 [latency<1>]
  }
  resource {
    resource_type @L3_rsrc [limit<2>]
    resource_type @L1_rsrc [limit<1>]
  }
  graph {
    %0 = operation<@L3_2>() uses[@L3_rsrc]
    %1 = operation<@L3_2>() uses[@L3_rsrc]
    %2 = operation<@L1_1>() uses[@L1_rsrc]
    %3 = operation<@L3_2>() uses[@L3_rsrc]
    %4 = operation<@L1_1>() uses[@L1_rsrc]
    %5 = operation<@_1>(%0, %1, %2, %3, %4)
    operation<@_1> @last(%5)
  }
}
ssp.instance @if_else_exclusive of "SharedResourcesProblem" {
  library {
    operator_type @ThenOperator [latency<2>]
    operator_type @ElseOperator [latency<3>]
    operator_type @_1 [latency<2>]
  }
  resource {
    resource_type @adder_then_br [limit<1>]
    resource_type @mem_port_then_br [limit<1>]
    resource_type @adder_else_br [limit<1>]
    resource_type @mem_port_else_br [limit<1>]
  }
  graph {
    %0 = operation<@ThenOperator> @compute_then_br() uses[@adder_then_br, @mem_port_then_br]
    %1 = operation<@ElseOperator> @compute_else_br() uses[@adder_else_br, @mem_port_else_br]
    %2 = operation<@_1>(%0, %1)
    operation<@_1> @last(%2)
  }
}
