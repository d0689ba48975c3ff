// Integer dot product over two 64-element memories: a pipelined affine loop.
// CIRCT's route for pipelined loops is loopschedule -> Calyx; gaus-emit-circt
// prints the loop as a loopschedule.pipeline with our II and stage starts,
// checked by CIRCT's lower-loopschedule-to-calyx.  (No wheel lowers Calyx to
// Verilog: gaus-emit-verilog says so.)
//
//   gaus-opt examples/hardware/dot_loop.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify,gaus-emit-circt)'
func.func @dot_loop(%a: memref<64xi32>, %b: memref<64xi32>) -> i32 {
  %zero = arith.constant 0 : i32
  %r = affine.for %i = 0 to 64 iter_args(%acc = %zero) -> (i32) {
    %x = affine.load %a[%i] : memref<64xi32>
    %y = affine.load %b[%i] : memref<64xi32>
    %p = arith.muli %x, %y : i32
    %s = arith.addi %acc, %p : i32
    affine.yield %s : i32
  }
  return %r : i32
}
