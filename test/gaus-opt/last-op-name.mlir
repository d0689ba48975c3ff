// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat last-op-name=mid})' --summary 2>&1 >/dev/null | FileCheck %s

// The objective is @mid's start (not the final op's): CP-SAT minimises it to 2.
// CHECK: @objective (SharedOperatorsProblem, 4 ops): method=cpsat latency=2
ssp.instance @objective of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<1>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@x> @a() uses[@r]
    %1 = operation<@x> @b() uses[@r]
    operation<@x> @mid(%0, %1)
    operation<@x> @tail(%0)
  }
}
