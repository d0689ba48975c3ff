// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{objective=latency},gaus-verify)' | FileCheck %s
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{objective=comm})' 2>&1 | FileCheck %s --check-prefix=COMM
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{objective=peak})' 2>&1 | FileCheck %s --check-prefix=PEAK
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{objective=speed})' 2>&1 | FileCheck %s --check-prefix=BAD

// objective=latency is the default objective (same schedule as without it).
// The RAW A[i] = A[i-1] * c: RecMII = load 2 + mulf 3 + store 1 = 6.
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}

// Other objectives belong to SSP input (with latency-bound): located errors at
// the first region scheduled (the loop).
// COMM: objective.mlir:[[# @LINE + 4]]:3: error: raw_loop0: objective=comm applies to SSP input (with latency-bound); MLIR regions minimise the II, then the latency, or registers / lifetimes
// PEAK: objective.mlir:[[# @LINE + 3]]:3: error: raw_loop0: objective=peak applies to SSP input (with latency-bound); MLIR regions minimise the II, then the latency, or registers / lifetimes
// BAD: <Pass-Pipeline>:1:30: error: invalid value 'speed' for option 'objective' of 'gaus-schedule': expected latency, peak, comm, formulation-a, registers, lifetimes or a weighted sum such as latency+0.1*comm
func.func @raw(%A: memref<16xf32>, %c: f32) {
  affine.for %i = 1 to 16 {
    %x = affine.load %A[%i - 1] : memref<16xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<16xf32>
  }
  return
}
