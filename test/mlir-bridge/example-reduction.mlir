// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule{method=list},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// examples/reduction.mlir: scf.for with constant bounds from arith.constant and
// an f32 iter_args accumulator.  The accumulator addf -> scf.yield -> addf is
// the only recurrence (distance 1): II = latency(addf) = 4.
// Iteration: loads of a and b at 0 (own ports), mulf at 2, addf at 5, yield 9.
// Run: (1024-1)*4 + 9 = 4101; the constants cost 0, so the function is 4101.
// CHECK-LABEL: func.func @dot
// CHECK-SAME: attributes {gaus.latency = 4101 : i64}
// CHECK: scf.for
// CHECK-NEXT: memref.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: memref.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 5 : i64}
// CHECK-NEXT: scf.yield
// CHECK-NEXT: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: return

// SUMMARY: @dot_loop0 (pipelined loop at 16:10; ModuloProblem, 4 ops): method=ims II=4 latency=9 trips=1024 total=4101 MII=4
// SUMMARY: @dot (function at 11:1; {{.*}}): method=list latency=4101
