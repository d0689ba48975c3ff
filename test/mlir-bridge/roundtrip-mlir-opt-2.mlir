// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt --mlir-print-op-generic | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=DOT
// RUN: gaus-opt %examples/matmul_linalg.mlir --pass-pipeline='builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule)' | %mlir-opt --mlir-print-op-generic | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=MATMUL

// The other two examples (see roundtrip-mlir-opt.mlir).
// DOT: func.func @dot({{.*}}) -> f32 attributes {gaus.latency = 4101 : i64}
// DOT: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}
// MATMUL: func.func @matmul({{.*}}) attributes {gaus.latency = 29440 : i64}
// MATMUL: } {gaus.ii = 7 : i64, gaus.latency = 10 : i64, gaus.start = 0 : i64}
