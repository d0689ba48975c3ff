// RUN: gaus-opt %examples/stencil2d.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus iterations=20 seed=1 device=cpu},gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary

// method=gaus (GauS, 20 optimiser iterations, on the CPU) on stencil2d.
// II is the RecMII 22 (load 2 + 4 addf x 4 + mulf 3 + store 1 over the
// distance-1 RAW through A); GauS overlaps the five loads on the single port
// better than IMS and reaches the CP-SAT optimum, latency 24 (IMS: 25).
// Runs: 61*22 + 24 = 1366 per i, 62*1366 = 84692.
// CHECK-LABEL: func.func @gauss_seidel
// CHECK-SAME: attributes {gaus.latency = 84692 : i64}
// CHECK: } {gaus.ii = 22 : i64, gaus.latency = 24 : i64, gaus.start = 0 : i64}
// CHECK-NEXT: } {gaus.ii = 1366 : i64, gaus.latency = 1366 : i64, gaus.start = 0 : i64}

// SUMMARY: @gauss_seidel_loop1 (pipelined loop at 16:5; ModuloProblem, 11 ops): method=gaus II=22 latency=24 trips=62 total=1366 MII=22
// SUMMARY: @gauss_seidel_loop0 (loop at 15:3; {{.*}}): method=gaus latency=1366
// SUMMARY: @gauss_seidel (function at 13:1; {{.*}}): method=gaus latency=84692
