// RUN: gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule{method=list},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// examples/fir.mlir end to end.  No recurrence at all (x is read-only, y is
// written once per iteration at a distinct address), so II = ResMII: the eight
// loads of x share x's single port, II = 8/1 = 8.
// Iteration latency: the loads issue in steps 0..7 (one per step); the last
// one returns at 7+2 = 9, mulf 9..12, then the three adder-tree levels
// 12..16..20..24, store at 24, yield at 25.
// The usage column is the peak per congruence class: 1 of 1 port.
// Run: trips 1024-7 = 1017, (1017-1)*8 + 25 = 8153 = the function's latency.
// CHECK-LABEL: func.func @fir8
// CHECK-SAME: attributes {gaus.latency = 8153 : i64}
// CHECK-COUNT-8: affine.load %{{.*}} {gaus.start = {{[0-7]}} : i64}
// CHECK-COUNT-8: arith.mulf
// CHECK: arith.addf {{.*}} {gaus.start = 20 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 24 : i64}
// CHECK-NEXT: } {gaus.ii = 8 : i64, gaus.latency = 25 : i64, gaus.start = 0 : i64}

// SUMMARY: @fir8_loop0 (pipelined loop at 17:3; ModuloProblem, 24 ops): method=ims II=8 latency=25 trips=1017 total=8153 MII=8 resources=mem_arg0:1/1,mem_arg1:1/1
// SUMMARY: @fir8 (function at 14:1; {{.*}}): method=list latency=8153
