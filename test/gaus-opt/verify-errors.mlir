// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s

// CHECK: verify-errors.mlir:[[# @LINE + 10]]:5: error: resource limit violated: 2 operations use '@dsp' (limit 1) in step 0: '@a', '@b'
ssp.instance @limit of "SharedOperatorsProblem" {
  library {
    operator_type @mul [latency<3>]
  }
  resource {
    resource_type @dsp [limit<1>]
  }
  graph {
    %0 = operation<@mul> @a() uses[@dsp] [t<0>]
    operation<@mul> @b() uses[@dsp] [t<0>]
  }
}

// -----

// CHECK: verify-errors.mlir:[[# @LINE + 10]]:5: error: resource limit violated: 2 operations use '@port' (limit 1) in congruence class 0 (mod II 2): '@a', '@b'
ssp.instance @modulo of "ModuloProblem" [II<2>] {
  library {
    operator_type @ld [latency<1>]
  }
  resource {
    resource_type @port [limit<1>]
  }
  graph {
    %0 = operation<@ld> @a() uses[@port] [t<0>]
    operation<@ld> @b() uses[@port] [t<2>]
  }
}

// -----

// CHECK: verify-errors.mlir:[[# @LINE + 6]]:5: error: precedence violated: operation '@s' starts at 1 with latency 2, but its successor '@s' starts at 1 + dist 1 * II 1
ssp.instance @recurrence of "CyclicProblem" [II<1>] {
  library {
    operator_type @acc [latency<2>]
  }
  graph {
    operation<@acc> @s(@s [dist<1>]) [t<1>]
  }
}

// -----

// CHECK: verify-errors.mlir:[[# @LINE + 6]]:5: error: operation #0 has no start time
ssp.instance @unscheduled of "Problem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    operation<@x>()
  }
}

// -----

// CHECK: verify-errors.mlir:[[# @LINE + 7]]:5: error: operation '@b' has no start time
ssp.instance @partial of "Problem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    %0 = operation<@x> @a() [t<0>]
    operation<@x> @b(%0)
  }
}
