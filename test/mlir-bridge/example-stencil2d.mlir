// RUN: gaus-opt %examples/stencil2d.mlir --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule{method=list},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %examples/stencil2d.mlir --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CPSAT
// RUN: gaus-opt %examples/stencil2d.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// examples/stencil2d.mlir (in-place Gauss-Seidel).  The store of A[i][j] in
// iteration j is read back by the load of A[i][j-1] in iteration j+1: a RAW
// through memory at distance 1.  The recurrence load(w) -> 4 x addf -> mulf ->
// store -> load(w) has latency 2 + 4*4 + 3 + 1 = 22, so RecMII = 22 (ResMII is
// only 6: five loads and a store on one port).
// The iteration: t3 (the 4th addf) ends at 21, mulf 21..24, store at 24,
// yield at 25 with IMS; CP-SAT also overlaps the loads and finds latency 24.
// Run of the j-loop: 62 trips, 61*22 + 25 = 1367; i-loop: 62*1367 = 84754.
// CHECK-LABEL: func.func @gauss_seidel
// CHECK-SAME: attributes {gaus.latency = 84754 : i64}
// CHECK: arith.constant {gaus.start = 0 : i64} 2.000000e-01 : f32
// CHECK: arith.mulf {{.*}} {gaus.start = 21 : i64}
// CHECK-NEXT: affine.store {{.*}} {gaus.start = 24 : i64}
// CHECK-NEXT: } {gaus.ii = 22 : i64, gaus.latency = 25 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 1367 : i64, gaus.latency = 1367 : i64, gaus.start = 0 : i64}

// SUMMARY: @gauss_seidel_loop1 (pipelined loop at 16:5; ModuloProblem, 11 ops): method=ims II=22 latency=25 trips=62 total=1367 MII=22
// SUMMARY: @gauss_seidel_loop0 (loop at 15:3; {{.*}}): method=list latency=1367 trips=62 total=84754
// SUMMARY: @gauss_seidel (function at 13:1; {{.*}}): method=list latency=84754

// CPSAT: @gauss_seidel_loop1 ({{.*}}): method=cpsat II=22 latency=24 trips=62 total=1366 MII=22 {{.*}}status=OPTIMAL
