// ISSUE: 12 item 12 - an scf.if that yields a memref may be either source.
// PIPELINE: builtin.module(gaus-schedule{method=ims})
// EXPECT: ok
// MIN-II: 6
func.func @f(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  %m = scf.if %c -> (memref<64xf32>) {
    scf.yield %A : memref<64xf32>
  } else {
    scf.yield %B : memref<64xf32>
  }
  affine.for %i = 1 to 16 {
    %x = affine.load %m[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
