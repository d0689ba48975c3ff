// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>/dev/null | count 0

// With --split-input-file every chunk is processed; a bad chunk's error keeps
// the line numbers of the whole file, and the other chunks' errors are still
// reported.  The exit code is 1 and nothing goes to stdout (gaus-opt writes no
// partial output, unlike mlir-opt which prints the good chunks).
// CHECK-NOT: error
// CHECK: split-input-file-errors.mlir:[[# @LINE + 18]]:10: error: no latency known for 'func.call'
// CHECK: split-input-file-errors.mlir:[[# @LINE + 32]]:19: error: use of undeclared SSA value name
// CHECK-NOT: error
func.func @good(%A: memref<8xf32>, %c: f32) {
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<8xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<8xf32>
  }
  return
}

// -----

func.func private @ext(f32) -> f32
func.func @bad(%A: memref<8xf32>) {
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<8xf32>
    %y = func.call @ext(%x) : (f32) -> f32
    affine.store %y, %A[%i] : memref<8xf32>
  }
  return
}

// -----

func.func @good2(%a: f32) -> f32 {
  return %a : f32
}

// -----

func.func @malformed() {
  %0 = arith.addf %a, %b : f32
  return
}
