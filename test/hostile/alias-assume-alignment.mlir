// ISSUE: 12 item 12 - memref.assume_alignment returns a view of the same memory.
// PIPELINE: builtin.module(gaus-schedule{method=list})
// EXPECT: ok
// MIN-II: 6
func.func @f(%A: memref<64xf32>) {
  %m = memref.assume_alignment %A, 16 : memref<64xf32>
  affine.for %i = 1 to 16 {
    %x = affine.load %m[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
