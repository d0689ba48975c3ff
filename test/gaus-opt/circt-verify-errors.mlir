// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s

// The cases of CIRCT's own error tests (test/Scheduling/*-problem-errors.mlir,
// test/Dialect/SSP/errors.mlir), rewritten.  Where CIRCT reports at the
// instance only because its Problem has no better location (precedence,
// oversubscription, operator type properties), we point at the op or operator
// type at fault; the reason is the same.

// CIRCT: Operator type 'foo' has no latency
// CHECK: circt-verify-errors.mlir:[[# @LINE + 3]]:5: error: operator type '@nolat' of operation #0 has no latency
ssp.instance @no_latency of "Problem" {
  library {
    operator_type @nolat
  }
  resource {}
  graph {
    operation<@nolat>()
  }
}

// -----

// CIRCT: Operation has no start time (at the op; no t<> anywhere)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 7]]:5: error: operation #0 has no start time
ssp.instance @no_starttime of "Problem" {
  library {
    operator_type @one [latency<1>]
  }
  resource {}
  graph {
    operation<@one>()
  }
}

// -----

// CIRCT: Precedence violated for dependence (aux dependence)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 8]]:5: error: precedence violated: operation '@first' starts at 2 with latency 1, but its successor '@second' starts at 2
ssp.instance @aux_dep_violated of "Problem" {
  library {
    operator_type @one [latency<1>]
  }
  resource {}
  graph {
    operation<@one> @first() [t<2>]
    operation<@one> @second(@first) [t<2>]
  }
}

// -----

// CIRCT: Invalid initiation interval (checked before the start times)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 1]]:1: error: invalid initiation interval: a CyclicProblem needs an II >= 1, it has none
ssp.instance @no_ii of "CyclicProblem" {
  library {}
  resource {}
  graph {}
}

// -----

// CIRCT: Precedence violated for dependence (back edge, dist * II)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 7]]:5: error: precedence violated: operation '@last' starts at 4 with latency 1, but its successor #0 starts at 0 + dist 1 * II 3
ssp.instance @backedge of "CyclicProblem" [II<3>] {
  library {
    operator_type @one [latency<1>]
  }
  resource {}
  graph {
    %0 = operation<@one>(@last [dist<1>]) [t<0>]
    %1 = operation<@one>(%0) [t<2>]
    operation<@one> @last(%1) [t<4>]
  }
}

// -----

// CIRCT: Operator type 'lim' using limited resource 'unit' has zero latency.
// CHECK: circt-verify-errors.mlir:[[# @LINE + 9]]:5: error: operation #0 has latency 0 but uses limited resource '@unit'
ssp.instance @limited_zero_latency of "SharedOperatorsProblem" {
  library {
    operator_type @lim [latency<0>]
  }
  resource {
    resource_type @unit [limit<1>]
  }
  graph {
    operation<@lim>() uses[@unit] [t<0>]
  }
}

// -----

// CIRCT: Resource type 'unit' is oversubscribed (an op listing a resource twice
// counts once, as in CIRCT's verifyUtilization)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 11]]:5: error: resource limit violated: 2 operations use '@unit' (limit 1) in step 1: #1, #2
ssp.instance @oversubscribed of "SharedOperatorsProblem" {
  library {
    operator_type @lim [latency<1>]
  }
  resource {
    resource_type @unit [limit<1>]
  }
  graph {
    operation<@lim>() uses[@unit, @unit] [t<0>]
    operation<@lim>() uses[@unit] [t<1>]
    operation<@lim>() uses[@unit] [t<1>]
  }
}

// -----

// CIRCT: Resource type 'unit' is oversubscribed (congruence class)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 10]]:5: error: resource limit violated: 2 operations use '@unit' (limit 1) in congruence class 1 (mod II 2): #0, #1
ssp.instance @oversubscribed_modulo of "ModuloProblem" [II<2>] {
  library {
    operator_type @lim [latency<1>]
  }
  resource {
    resource_type @unit [limit<1>]
  }
  graph {
    operation<@lim>() uses[@unit] [t<1>]
    operation<@lim>() uses[@unit] [t<5>]
  }
}

// -----

// CIRCT: Missing delays for operator type (an unused one: CIRCT checks them all)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 4]]:5: error: missing delays for operator type '@unused'
ssp.instance @missing_delay of "ChainingProblem" {
  library {
    operator_type @used [latency<0>, incDelay<1.0>, outDelay<1.0>]
    operator_type @unused [latency<0>]
  }
  resource {}
  graph {
    operation<@used>() [t<0>, z<0.0>]
  }
}

// -----

// CIRCT: Negative delays for operator type (graph empty)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 3]]:5: error: negative delays for operator type '@neg'
ssp.instance @negative_delay of "ChainingProblem" {
  library {
    operator_type @neg [latency<0>, incDelay<-1.0>, outDelay<-1.0>]
  }
  resource {}
  graph {}
}

// -----

// CIRCT: Incoming & outgoing delay must be equal for zero-latency operator type
// CHECK: circt-verify-errors.mlir:[[# @LINE + 3]]:5: error: incoming & outgoing delay must be equal for zero-latency operator type '@comb'
ssp.instance @inc_out_mismatch of "ChainingProblem" {
  library {
    operator_type @comb [latency<0>, incDelay<1.0>, outDelay<2.0>]
  }
  resource {}
  graph {}
}

// -----

// CIRCT: Operation has no non-negative start time in cycle (at the op)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 7]]:5: error: operation #0 has no non-negative start time in cycle
ssp.instance @no_stic of "ChainingProblem" {
  library {
    operator_type @comb [latency<0>, incDelay<1.0>, outDelay<1.0>]
  }
  resource {}
  graph {
    %0 = operation<@comb>() [t<0>]
    operation<@comb>(%0) [t<0>]
  }
}

// -----

// CIRCT: Precedence violated in cycle 0
// CHECK: circt-verify-errors.mlir:[[# @LINE + 8]]:5: error: precedence violated in cycle 0: operation #0 delivers its result at z=2.5, after its successor #1 starts at z=2
ssp.instance @precedence_in_cycle of "ChainingProblem" {
  library {
    operator_type @comb [latency<0>, incDelay<1.0>, outDelay<1.0>]
  }
  resource {}
  graph {
    %0 = operation<@comb>() [t<0>, z<1.5>]
    operation<@comb>(%0) [t<0>, z<2.0>]
  }
}

// -----

// CIRCT: Def-use dependence cannot have non-zero distance (ssp.operation spelling)
// CHECK: circt-verify-errors.mlir:[[# @LINE + 8]]:5: error: def-use dependence into operation #1 cannot have a non-zero distance (make it auxiliary)
ssp.instance @defuse_distance of "ChainingCyclicProblem" [II<1>] {
  library {
    operator_type @comb [latency<0>, incDelay<1.0>, outDelay<1.0>]
  }
  resource {}
  graph {
    %0 = ssp.operation<@comb> ()
    %1 = ssp.operation<@comb> (%0 [dist<2>])
  }
}

// -----

// CIRCT: Auxiliary dependence from @Op is interleaved with SSA operands
// CHECK: circt-verify-errors.mlir:[[# @LINE + 5]]:23: error: value operand '%0' follows a symbol operand
ssp.instance @interleaved of "Problem" {
  library {}
  graph {
    %0 = operation<> @Src()
    operation<>(@Src, %0)
  }
}

// -----

// CIRCT: Auxiliary dependence references invalid source operation: @Nowhere
// CHECK: circt-verify-errors.mlir:[[# @LINE + 4]]:17: error: auxiliary dependence references unknown operation '@Nowhere'
ssp.instance @aux_invalid of "Problem" {
  library {}
  graph {
    operation<>(@Nowhere)
  }
}

// -----

// CIRCT: Linked operator type property references invalid operator type
// CHECK: circt-verify-errors.mlir:[[# @LINE + 5]]:15: error: operation references unknown operator type '@lib::@Missing'
ssp.library @lib {}
ssp.instance @opr_invalid of "Problem" {
  library {}
  graph {
    operation<@lib::@Missing>()
  }
}

// -----

// CIRCT: must contain the 'library' op followed by the 'graph' op
// CHECK: circt-verify-errors.mlir:[[# @LINE + 2]]:3: error: unexpected 'graph', expected 'library'; an instance must contain the 'library' op, an optional 'resource' op and the 'graph' op, in this order
ssp.instance @wrong_order of "Problem" {
  graph {}
  library {}
}

// -----

// The generic form (CIRCT's dependence-attribute errors) is not supported.
// CHECK: circt-verify-errors.mlir:[[# @LINE + 4]]:5: error: the generic form '"ssp.operation"(...)' is not supported
ssp.instance @generic of "Problem" {
  library {}
  graph {
    "ssp.operation"() {dependences = [#ssp.dependence<2>]} : () -> ()
  }
}
