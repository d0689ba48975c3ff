// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt --split-input-file | FileCheck %s

// Each chunk is a module of its own, scheduled separately; the outputs are
// joined by `// -----`.
// CHECK-LABEL: func.func @first
// CHECK-SAME: attributes {gaus.latency = 378 : i64}
// CHECK: // -----
// CHECK-LABEL: func.func @second
// CHECK-SAME: attributes {gaus.latency = 7 : i64}
func.func @first(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}

// -----

// mulf 0..3, addf 3..7.
func.func @second(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  %s = arith.addf %m, %a : f32
  return %s : f32
}
