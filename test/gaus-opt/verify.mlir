// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s --check-prefix=SPLIT
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s

// A valid schedule passes through unchanged.
// SPLIT-NOT: verify.mlir:{{1[0-9]}}:
// SPLIT: verify.mlir:[[# @LINE + 27]]:5: error: precedence violated
ssp.instance @ok of "SharedOperatorsProblem" {
  library {
    operator_type @mul [latency<3>]
  }
  resource {
    resource_type @dsp [limit<1>]
  }
  graph {
    %0 = operation<@mul> @a() uses[@dsp] [t<0>]
    operation<@mul> @b(%0) uses[@dsp] [t<3>]
  }
}

// -----

// The precedence a -> b is violated: b starts before a's result exists.
// CHECK: verify.mlir:[[# @LINE + 10]]:5: error: precedence violated: operation '@a' starts at 0 with latency 3, but its successor '@b' starts at 2
ssp.instance @bad of "SharedOperatorsProblem" {
  library {
    operator_type @mul [latency<3>]
  }
  resource {
    resource_type @dsp [limit<1>]
  }
  graph {
    %0 = operation<@mul> @a() uses[@dsp] [t<0>]
    operation<@mul> @b(%0) uses[@dsp] [t<2>]
  }
}
