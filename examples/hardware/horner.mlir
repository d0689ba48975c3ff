// Horner's rule p(x) = ((((5x + 4)x + 3)x + 2)x + 1) as an affine loop over
// the coefficients; upstream passes unroll it into straight-line code first.
//
// From affine to SystemVerilog in one pipeline:
//   gaus-opt examples/hardware/horner.mlir --pass-pipeline='builtin.module(affine-loop-unroll{unroll-full},canonicalize,gaus-schedule{method=gaus objective=lifetimes latency-bound=16},gaus-verify,gaus-emit-verilog{output=horner.sv})'
func.func @horner(%x: i32) -> i32 {
  %c5 = arith.constant 5 : i32
  %p = affine.for %i = 0 to 4 iter_args(%acc = %c5) -> (i32) {
    %m = arith.muli %acc, %x : i32
    %k = arith.index_cast %i : index to i32
    %c4 = arith.constant 4 : i32
    %c = arith.subi %c4, %k : i32
    %s = arith.addi %m, %c : i32
    affine.yield %s : i32
  }
  return %p : i32
}
