// RUN: not gaus-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(gaus-schedule)' 2>/dev/null | count 0
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 | FileCheck %s --check-prefix=UNREG
// RUN: echo '{"func.call": 5, "foo.bar": 2}' > %t.json
// RUN: gaus-opt %s --split-input-file --allow-unregistered-dialect --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.json},gaus-verify{latency-library=%t.json})' | FileCheck %s --check-prefix=LIB

// An op without a known latency is an error at the op that names it and says
// how to give it one (the IR is left alone, nothing is printed).
// CHECK: unknown-latency.mlir:[[# @LINE + 6]]:10: error: no latency known for 'func.call': add 'gaus.latency = N : i64' to the op or an entry "func.call": N to a latency-library=FILE.json
// LIB: func.call @ext({{.*}}) {gaus.start = 2 : i64}
func.func private @ext(f32) -> f32
func.func @call(%A: memref<8xf32>) {
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<8xf32>
    %y = func.call @ext(%x) : (f32) -> f32
    affine.store %y, %A[%i] : memref<8xf32>
  }
  return
}

// -----

// An op of an unregistered dialect (accepted with --allow-unregistered-dialect).
// CHECK: unknown-latency.mlir:[[# @LINE + 7]]:10: error: no latency known for 'foo.bar': add 'gaus.latency = N : i64' to the op or an entry "foo.bar": N to a latency-library=FILE.json
// Without the flag it is a parse error at the op.
// UNREG: unknown-latency.mlir:[[# @LINE + 5]]:{{[0-9]+}}: error: operation being parsed with an unregistered dialect
// LIB: "foo.bar"({{.*}}) {gaus.start = 2 : i64}
func.func @unregistered(%A: memref<8xf32>) {
  affine.for %i = 0 to 8 {
    %x = affine.load %A[%i] : memref<8xf32>
    %y = "foo.bar"(%x) : (f32) -> f32
    affine.store %y, %A[%i] : memref<8xf32>
  }
  return
}
