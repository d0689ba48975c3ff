// RUN: gaus-opt %examples/gemm.mlir --pass-pipeline='builtin.module(gaus-schedule)' -o %t.once
// RUN: gaus-opt %t.once --pass-pipeline='builtin.module(gaus-verify,gaus-schedule)' -o %t.twice
// RUN: diff %t.once %t.twice
// RUN: gaus-opt %t.once --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' | FileCheck %s

// Scheduling is idempotent: scheduled IR (whose loops, ifs and functions
// already carry gaus.latency, which on those ops is an output, not an
// override) verifies and reschedules to the same attributes.  Another method
// overwrites them: CP-SAT finds the same gemm numbers (see example-gemm.mlir),
// and each loop keeps exactly one set of attributes.
// CHECK-LABEL: func.func @gemm
// CHECK-SAME: attributes {gaus.latency = 139264 : i64}
// CHECK: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 135 : i64}
