// ISSUE: 12 item 15 - a second gaus-schedule after tiling must not keep the
// first run's gaus.* where it leaves regions unscheduled.
// PIPELINE: builtin.module(gaus-schedule,func.func(affine-loop-tile{tile-size=4}),gaus-schedule,gaus-verify)
// EXPECT: ok
func.func @gemm(%A: memref<8x8xf32>, %B: memref<8x8xf32>, %C: memref<8x8xf32>) {
  affine.for %i = 0 to 8 {
    affine.for %j = 0 to 8 {
      %c0 = affine.load %C[%i, %j] : memref<8x8xf32>
      %r = affine.for %k = 0 to 8 iter_args(%acc = %c0) -> (f32) {
        %a = affine.load %A[%i, %k] : memref<8x8xf32>
        %b = affine.load %B[%k, %j] : memref<8x8xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %acc, %p : f32
        affine.yield %s : f32
      }
      affine.store %r, %C[%i, %j] : memref<8x8xf32>
    }
  }
  return
}
