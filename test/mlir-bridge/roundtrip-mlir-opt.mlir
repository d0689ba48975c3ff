// RUN: gaus-opt %examples/gemm.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt --mlir-print-op-generic | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=GEMM
// RUN: gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt --mlir-print-op-generic | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=FIR
// RUN: gaus-opt %examples/stencil2d.mlir --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt --mlir-print-op-generic | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=STENCIL

// Round trip of the scheduled examples through upstream mlir-opt (in generic
// form, so every gaus.* attribute is carried as a plain discardable attribute)
// and back into gaus-verify, which re-extracts the problems and accepts the
// schedules: the write-back is plain, verifier-clean MLIR.  Expected numbers:
// see example-*.mlir.
// GEMM: func.func @gemm({{.*}}) attributes {gaus.latency = 139264 : i64}
// GEMM: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 2 : i64}
// FIR: func.func @fir8({{.*}}) attributes {gaus.latency = 8153 : i64}
// FIR: } {gaus.ii = 8 : i64, gaus.latency = 25 : i64, gaus.start = 0 : i64}
// STENCIL: func.func @gauss_seidel({{.*}}) attributes {gaus.latency = 84754 : i64}
// STENCIL: } {gaus.ii = 22 : i64, gaus.latency = 25 : i64, gaus.start = 0 : i64}
