// Sum of squares / dot product, r = sum_{i<1024} a[i] * b[i], written with
// scf.for: the bounds and step are index constants from arith.constant and the
// f32 accumulator is carried through `iter_args` and returned by the function.
//
// Pipelined loop: the scf.for over %i. Its only loop-carried dependence is the
// accumulator (iter_args %acc -> arith.addf -> scf.yield, distance 1); a and b
// are only read, so the II is bounded below by the latency of arith.addf.
//
// Schedule it with
//   gaus-opt examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus},gaus-verify)' --summary
func.func @dot(%a: memref<1024xf32>, %b: memref<1024xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 1024 : index
  %zero = arith.constant 0.000000e+00 : f32
  %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f32) {
    %x = memref.load %a[%i] : memref<1024xf32>
    %y = memref.load %b[%i] : memref<1024xf32>
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    scf.yield %s : f32
  }
  return %sum : f32
}
