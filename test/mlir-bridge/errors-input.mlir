// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>/dev/null | count 0
// RUN: not gaus-opt %s.does-not-exist --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: printf 'func.func @f() {\n  return\n' | not gaus-opt - --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s --check-prefix=STDIN

// Input errors, located in the input file.
// A use of an undefined value (the MLIR parser's message and location):
// CHECK: errors-input.mlir:[[# @LINE + 2]]:23: error: use of undeclared SSA value name
func.func @undefined(%a: f32) -> f32 {
  %0 = arith.addf %a, %b : f32
  return %0 : f32
}

// -----

// A type error reported by the op verifier.
// CHECK: errors-input.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: use of value '%a' expects different type than prior uses: 'i32' vs 'f32'
func.func @types(%a: f32) -> f32 {
  %0 = arith.addi %a, %a : i32
  return %0 : f32
}

// -----

// An op with a region that was not lowered (linalg on memrefs):
// CHECK: errors-input.mlir:[[# @LINE + 2]]:3: error: 'linalg.matmul' has regions the scheduler does not model; lower it first or give it 'gaus.latency'
func.func @mm(%A: memref<4x4xf32>, %B: memref<4x4xf32>, %C: memref<4x4xf32>) {
  linalg.matmul ins(%A, %B : memref<4x4xf32>, memref<4x4xf32>) outs(%C : memref<4x4xf32>)
  return
}

// NOFILE: error: cannot open input file '{{.*}}errors-input.mlir.does-not-exist': No such file or directory
// A truncated module on stdin (same location and message as mlir-opt):
// STDIN: <stdin>:2:9: error: expected operation name in quotes
