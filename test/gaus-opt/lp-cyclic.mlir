// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp},gaus-verify)' | FileCheck %s

// CIRCT's self_arc: a 3-cycle op feeding itself at distance 1 needs II = 3.
// CHECK: ssp.instance @self_arc of "CyclicProblem" [II<3>] {
// CHECK: %[[A:.*]] = operation<@unit>() [t<0>]
// CHECK: operation<@_3> @self(%[[A]], %[[A]], @self [dist<1>]) [t<1>]
// CHECK: operation<@unit>(%{{.*}}) [t<4>]
ssp.instance @self_arc of "CyclicProblem" {
  library {
    operator_type @unit [latency<1>]
    operator_type @_3 [latency<3>]
  }
  graph {
    %0 = operation<@unit>()
    %1 = operation<@_3> @self(%0, %0, @self [dist<1>])
    operation<@unit>(%1)
  }
}
