// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s
// RUN: gaus-opt %examples/gemm.mlir --pass-pipeline='builtin.module(gaus-schedule)' | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=GEMM

// gaus-verify re-extracts every region and checks the gaus.* attributes
// against it.  A valid schedule (the one gaus-schedule writes for
// A[i] = A[i-1] * c: II 6) passes unchanged.
// CHECK-NOT: error
// CHECK-LABEL: func.func @ok
// CHECK-SAME: attributes {gaus.latency = 378 : i64}
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
func.func @ok(%A: memref<64xf32>, %c: f32) attributes {gaus.latency = 378 : i64} {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] {gaus.start = 0 : i64} : memref<64xf32>
    %y = arith.mulf %x, %c {gaus.start = 2 : i64} : f32
    affine.store %y, %A[%i] {gaus.start = 5 : i64} : memref<64xf32>
  } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
  return
}

// -----

// A schedule that came back from a full pipeline also verifies.
// GEMM: func.func @gemm
// GEMM-SAME: gaus.latency = 139264 : i64
// CHECK-LABEL: func.func @ok2
func.func @ok2(%a: f32) -> f32 attributes {gaus.latency = 3 : i64} {
  %y = arith.mulf %a, %a {gaus.start = 0 : i64} : f32
  return %y : f32
}
