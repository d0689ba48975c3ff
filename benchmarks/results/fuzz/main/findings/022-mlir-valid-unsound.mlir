// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=2 iterations=10 batch=2})
// FINDING: unsound: WAW on arg0[28]: @k0: affine.store at loc("-":4:5) finishes at cycle 1, then @k0: affine.store at loc("-":5:5) starts at 0
// SEED: 1197 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  affine.store %x, %S[28] : memref<64xf32>
  affine.store %x, %A[28] : memref<64xf32>
  return
}