// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{ii=6},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{method=cpsat ii=4},gaus-verify)' | FileCheck %s --check-prefix=II4
// RUN: not gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{ii=3})' 2>&1 | FileCheck %s --check-prefix=BELOW
// RUN: not gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{method=cpsat ii=3})' 2>&1 | FileCheck %s --check-prefix=BELOWCP

// ii=N fixes the II of every pipelined loop.  reduction's RecMII is 4 (addf on
// the accumulator); ii=6 is honoured (not lowered to 4): run 1023*6 + 9 = 6147.
// CHECK-LABEL: func.func @dot
// CHECK-SAME: attributes {gaus.latency = 6147 : i64}
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}
// SUMMARY: @dot_loop0 ({{.*}}): method=ims II=6 latency=9 trips=1024 total=6147 MII=4

// II4: attributes {gaus.latency = 4101 : i64}
// II4: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}

// An II below the RecMII has no schedule: a located error at the loop.
// BELOW: reduction.mlir:16:10: error: dot_loop0: no modulo schedule of 'dot_loop0' exists at II=3: below its RecMII 4
// BELOWCP: reduction.mlir:16:10: error: dot_loop0: no schedule exists at II=3: a recurrence needs a larger II
