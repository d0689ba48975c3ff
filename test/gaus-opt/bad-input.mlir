// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=list})' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=list})' 2>/dev/null | count 0

// CHECK: bad-input.mlir:[[# @LINE + 6]]:{{[0-9]+}}: error: {{.*}}@mystery
ssp.instance @unknown_type of "Problem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    operation<@mystery>()
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: operator type '@x' of operation #0 has no latency
ssp.instance @no_latency of "Problem" {
  library {
    operator_type @x
  }
  graph {
    operation<@x>()
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: operator type '@x' has negative latency -2
ssp.instance @negative of "Problem" {
  library {
    operator_type @x [latency<-2>]
  }
  graph {
    operation<@x>()
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 6]]:{{[0-9]+}}: error: resource type '@r' has limit 0; a limit must be >= 1
ssp.instance @limit_zero of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<1>]
  }
  resource {
    resource_type @r [limit<0>]
  }
  graph {
    operation<@x>() uses[@r]
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 7]]:5: error: dependence cycle with zero total distance: '@{{[ab]}}' -> '@{{[ab]}}'
ssp.instance @zero_cycle of "CyclicProblem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    operation<@x> @a(@b)
    operation<@x> @b(@a)
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 9]]:5: error: operation '@z' has latency 0 but uses limited resource '@r'
ssp.instance @zero_latency_limited of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<0>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    operation<@x> @z() uses[@r]
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 6]]:{{[0-9]+}}: error: {{.*}}%7
ssp.instance @undefined_value of "Problem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    operation<@x>(%7)
  }
}

// -----

// CHECK: bad-input.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error:
ssp.instance @truncated of "Problem" {
  library {
