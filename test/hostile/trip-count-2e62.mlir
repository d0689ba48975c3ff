// ISSUE: 12 internal errors - trip count 2^62 and an scf.for to INT64_MAX.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: any
func.func @f(%A: memref<64xf32>, %x: f32) {
  affine.for %i = 0 to 4611686018427387904 {
    affine.store %x, %A[0] : memref<64xf32>
  }
  %lb = arith.constant 0 : index
  %ub = arith.constant 9223372036854775807 : index
  %st = arith.constant 1 : index
  scf.for %j = %lb to %ub step %st {
    affine.store %x, %A[1] : memref<64xf32>
  }
  return
}
