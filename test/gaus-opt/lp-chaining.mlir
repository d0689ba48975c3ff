// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp cycle-time=5.0})' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp cycle-time=5.0},gaus-verify)' > /dev/null

// CIRCT's chaining adder_chain: five 2.34 ns adders with a 5 ns cycle time fit
// two per cycle, so the return lands in step 2.
// CHECK-LABEL: ssp.instance @adder_chain of "ChainingProblem"
// CHECK: operation<@add>() [t<0>, z<0.000000e+00 : f32>]
// CHECK: operation<@add>(%{{.*}}) [t<0>, z<2.340000e+00 : f32>]
// CHECK: operation<@add>(%{{.*}}) [t<1>, z<0.000000e+00 : f32>]
// CHECK: operation<@ret>(%{{.*}}) [t<2>,
ssp.instance @adder_chain of "ChainingProblem" {
  library {
    operator_type @add [latency<0>, incDelay<2.340000e+00 : f32>, outDelay<2.340000e+00 : f32>]
    operator_type @ret [latency<0>, incDelay<0.000000e+00 : f32>, outDelay<0.000000e+00 : f32>]
  }
  graph {
    %0 = operation<@add>()
    %1 = operation<@add>(%0)
    %2 = operation<@add>(%1)
    %3 = operation<@add>(%2)
    %4 = operation<@add>(%3)
    operation<@ret>(%4)
  }
}
