// ISSUE: 12 item 3 - an inner loop with trip count 0 must not give gaus.ii = 0.
// PIPELINE: builtin.module(gaus-schedule,gaus-verify)
// EXPECT: ok
// OUTPUT-NOT-RE: gaus\.ii = 0 :
func.func @f(%A: memref<64xf32>) {
  affine.for %i = 0 to 4 {
    affine.for %j = 0 to 0 {
      %x = affine.load %A[%j] : memref<64xf32>
      affine.store %x, %A[%j + 1] : memref<64xf32>
    }
  }
  return
}
