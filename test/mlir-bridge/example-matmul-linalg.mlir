// RUN: gaus-opt %examples/matmul_linalg.mlir --pass-pipeline='builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule{method=list},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/matmul_linalg.mlir --pass-pipeline='builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule)' | %mlir-opt | FileCheck %s
// RUN: not gaus-opt %examples/matmul_linalg.mlir --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s --check-prefix=UNLOWERED

// examples/matmul_linalg.mlir, lowered by the upstream pass inside the same
// pipeline.  The lowered k-loop loads C[i][j], adds and stores it back every
// iteration: the store in iteration k is read by the load in k+1 (RAW through
// memory, distance 1), recurrence load(C) 2 + addf 4 + store 1 = 7 = II.
// Iteration: A, B loads at 0, mulf 2..5, the C load is placed at 3 so that it
// arrives for the addf at 5, addf 5..9, store at 9, yield at 10.
// Runs: k (16-1)*7 + 10 = 115, j 16*115 = 1840, i 16*1840 = 29440.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: attributes {gaus.latency = 29440 : i64}
// CHECK-NOT: linalg.matmul
// CHECK: affine.load %arg0{{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: affine.load %arg1{{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: affine.load %arg2{{.*}} {gaus.start = 3 : i64}
// CHECK-NEXT: arith.mulf {{.*}} {gaus.start = 2 : i64}
// CHECK-NEXT: arith.addf {{.*}} {gaus.start = 5 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 9 : i64}
// CHECK-NEXT: } {gaus.ii = 7 : i64, gaus.latency = 10 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 115 : i64, gaus.latency = 115 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 1840 : i64, gaus.latency = 1840 : i64, gaus.start = 0 : i64}

// SUMMARY: @matmul_loop2 (pipelined loop at 15:3; ModuloProblem, 6 ops): method=ims II=7 latency=10 trips=16 total=115 MII=7
// SUMMARY: @matmul_loop1 (loop at 15:3; {{.*}}): method=list latency=115 trips=16 total=1840
// SUMMARY: @matmul_loop0 (loop at 15:3; {{.*}}): method=list latency=1840 trips=16 total=29440
// SUMMARY: @matmul (function at 14:1; {{.*}}): method=list latency=29440

// Without the lowering, linalg.matmul (an op with a region) is not modelled.
// UNLOWERED: matmul_linalg.mlir:15:3: error: 'linalg.matmul' has regions the scheduler does not model; lower it first or give it 'gaus.latency'
