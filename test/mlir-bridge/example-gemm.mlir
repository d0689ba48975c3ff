// RUN: gaus-opt %examples/gemm.mlir --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule{method=list},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/gemm.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// examples/gemm.mlir end to end (default latencies: load 2, mulf 3, addf 4,
// store 1; one port per memref).
// k-loop: A and B each have their own port, so both loads start at 0; mulf at
// 2, addf at 2+3 = 5, yield at 5+4 = 9.  The only recurrence is the iter_args
// accumulator addf -> addf at distance 1, so II = RecMII = 4.
// Run of the k-loop: (32-1)*4 + 9 = 133.
// j-loop body (sequential, it holds a loop): load C at 0, k-loop at 2 (needs
// the loaded C), store at 2+133 = 135, yield at 136; trips 32: 32*136 = 4352.
// i-loop: 32*4352 = 139264 = the function's latency.
// CHECK-LABEL: func.func @gemm
// CHECK-SAME: attributes {gaus.latency = 139264 : i64}
// CHECK: affine.load %{{.*}}[%{{.*}}, %{{.*}}] {gaus.start = 0 : i64}
// CHECK: affine.for {{.*}} iter_args
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 5 : i64}
// CHECK-NEXT: affine.yield
// CHECK-NEXT: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 2 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 135 : i64}
// CHECK-NEXT: } {gaus.ii = 136 : i64, gaus.latency = 136 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 4352 : i64, gaus.latency = 4352 : i64, gaus.start = 0 : i64}

// SUMMARY: @gemm_loop2 (pipelined loop at 17:14; ModuloProblem, 4 ops): method=ims II=4 latency=9 trips=32 total=133 MII=4
// SUMMARY: @gemm_loop1 (loop at 15:5; {{.*}}): method=list latency=136 trips=32 total=4352
// SUMMARY: @gemm_loop0 (loop at 14:3; {{.*}}): method=list latency=4352 trips=32 total=139264
// SUMMARY: @gemm (function at 13:1; {{.*}}): method=list latency=139264
