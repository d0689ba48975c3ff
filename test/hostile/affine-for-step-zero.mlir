// Found by the fuzz campaign: affine.for with step 0 parses (MLIR 22 does not
// reject it) and gave "internal error: ZeroDivisionError" in the trip count.
// PIPELINE: builtin.module(gaus-schedule{method=ims})
// EXPECT: ok
// OK-STDERR-RE: remark: the step of this loop is not a positive number
func.func @f(%A: memref<64xf32>, %x: f32) {
  affine.for %i = 2 to 10 step 0 {
    affine.store %x, %A[%i] : memref<64xf32>
  }
  return
}
