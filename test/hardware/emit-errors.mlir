// What CIRCT's pipeline route cannot take is a located error naming the op,
// with nothing written (no partial output file).
// REQUIRES: circt
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-emit-verilog{output=%t.sv})' 2>&1 | FileCheck %s
// RUN: not test -e %t.sv

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:8: error: gaus-emit-verilog: 'arith.addf' cannot become hardware: floating point has no CIRCT pipeline lowering
func.func @f(%a: f32) -> f32 attributes {gaus.latency = 4 : i64} {
  %0 = arith.addf %a, %a {gaus.start = 0 : i64} : f32
  return %0 : f32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:8: error: gaus-emit-verilog: 'memref.load' cannot become hardware: memories are not part of the pipeline route
func.func @m(%m: memref<4xi32>, %i: index) -> i32 attributes {gaus.latency = 2 : i64} {
  %0 = memref.load %m[%i] {gaus.start = 0 : i64} : memref<4xi32>
  return %0 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 3]]:3: error: gaus-emit-verilog: 'scf.for' has no 'gaus.ii': run gaus-schedule first
func.func @l(%a: i32) -> i32 attributes {gaus.latency = 1 : i64} {
  %c0 = arith.constant 0 : index
  scf.for %i = %c0 to %c0 step %c0 {
  }
  return %a : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 1]]:1: error: gaus-emit-verilog: the function has no 'gaus.latency': run gaus-schedule first
func.func @unscheduled(%a: i32) -> i32 {
  %0 = arith.addi %a, %a : i32
  return %0 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 3]]:8: error: gaus-emit-verilog: 'arith.addi' at cycle 2 uses a value ready only at cycle 3: the schedule does not respect this latency
func.func @early(%a: i32) -> i32 attributes {gaus.latency = 3 : i64} {
  %0 = arith.muli %a, %a {gaus.start = 0 : i64} : i32
  %1 = arith.addi %0, %a {gaus.start = 2 : i64} : i32
  return %1 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 1]]:1: error: gaus-emit-verilog: argument 0 of type 'index': the hardware route takes signless integers only
func.func @idx(%a: index) -> index attributes {gaus.latency = 0 : i64} {
  return %a : index
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:8: error: gaus-emit-verilog: 'arith.ceildivsi' cannot become hardware: CIRCT's map-arith-to-comb does not lower it
func.func @ceil(%a: i32) -> i32 attributes {gaus.latency = 36 : i64} {
  %0 = arith.ceildivsi %a, %a {gaus.start = 0 : i64} : i32
  return %0 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:8: error: gaus-emit-verilog: 'arith.muli' finishes at cycle 3, after the function's gaus.latency 2
func.func @late(%a: i32) -> i32 attributes {gaus.latency = 2 : i64} {
  %0 = arith.muli %a, %a {gaus.start = 0 : i64} : i32
  return %0 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:3: error: gaus-emit-verilog: 'scf.if' cannot become hardware: nested regions (loops, branches) are not lowered to a pipeline; unroll them first
func.func @branch(%c: i1, %a: i32) -> i32 attributes {gaus.latency = 1 : i64} {
  scf.if %c {
  } {gaus.start = 0 : i64}
  return %a : i32
}

// -----

// A huge latency is refused up front, not written stage by stage.
// CHECK: emit-errors.mlir:[[# @LINE + 1]]:1: error: gaus-emit-verilog: a pipeline of 4611686018427387903 stages is beyond what gaus-emit-* writes (at most 100000: one block per stage)
func.func @huge(%a: i32) -> i32 attributes {gaus.latency = 4611686018427387903 : i64} {
  %0 = arith.addi %a, %a {gaus.start = 4611686018427387902 : i64} : i32
  return %0 : i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 1]]:1: error: gaus-emit-verilog: the pipeline would hold 2200000 stage registers and unit stages (at most 2000000 are written)
func.func @long_lived(%a: i32, %b: i32, %c: i32, %d: i32, %e: i32, %f: i32, %g: i32, %h: i32, %i: i32, %j: i32, %k: i32, %l: i32, %m: i32, %n: i32, %o: i32, %p: i32, %q: i32, %r: i32, %s: i32, %t: i32, %u: i32, %v: i32) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) attributes {gaus.latency = 100000 : i64} {
  return %a, %b, %c, %d, %e, %f, %g, %h, %i, %j, %k, %l, %m, %n, %o, %p, %q, %r, %s, %t, %u, %v : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
}

// -----

// CHECK: emit-errors.mlir:[[# @LINE + 2]]:8: error: gaus-emit-verilog: 'gaus.start' on 'arith.addi' must be >= 0, got -1 : i64
func.func @negative(%a: i32) -> i32 attributes {gaus.latency = 1 : i64} {
  %0 = arith.addi %a, %a {gaus.start = -1 : i64} : i32
  return %0 : i32
}
