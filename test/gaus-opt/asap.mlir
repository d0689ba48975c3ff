// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=asap})' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=asap},gaus-verify)' | FileCheck %s

// The ASAP start times of CIRCT's arbitrary_latencies test.
// CHECK-LABEL: ssp.instance @arbitrary_latencies of "Problem" {
// CHECK: %[[A:.*]] = operation<@extr>() [t<0>]
// CHECK: %[[B:.*]] = operation<@extr>() [t<0>]
// CHECK: %[[C:.*]] = operation<@mult>(%[[A]], %[[A]]) [t<0>]
// CHECK: %[[D:.*]] = operation<@mult>(%[[B]], %[[B]]) [t<0>]
// CHECK: %[[E:.*]] = operation<@add>(%[[C]], %[[D]]) [t<6>]
// CHECK: %[[F:.*]] = operation<@sqrt>(%[[E]]) [t<9>]
// CHECK: operation<@unit>(%[[F]]) [t<19>]
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
