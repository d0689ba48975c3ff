// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: unsound: RAW on arg2[11]: @k0: affine.store at loc("-":20:9) finishes at cycle 42, then @k0: affine.load at loc("-":29:10) starts at 0
// SEED: 1190 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  scf.if %p {
    %r2 = affine.for %i1 = 1 to 1 iter_args(%acc3 = %x) -> (f32) {
      %v6 = affine.load %A[32] : memref<64xf32>
      %v7 = arith.addf %acc3, %v6 : f32
      affine.yield %v7 : f32
    }
  }
  %r10 = affine.for %i9 = 1 to 9 step 2 iter_args(%acc11 = %x) -> (f32) {
    %r15 = affine.for %i14 = 1 to 7 step 2 iter_args(%acc16 = %acc11) -> (f32) {
      affine.store %x, %S[%i9 * -1 + 16] : memref<64xf32>
      %v18 = arith.addf %acc16, %acc11 : f32
      affine.yield %v18 : f32
    }
    %v20 = arith.addf %acc11, %acc11 : f32
    affine.yield %v20 : f32
  }
  %v21 = affine.load %B[11] : memref<64xf32>
  return
}