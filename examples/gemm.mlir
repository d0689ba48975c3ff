// GEMM, C += A * B, on 32x32 single-precision matrices, written the way an HLS
// GEMM usually is: for each (i, j) the element C[i][j] is loaded once before the
// k-loop, the k-loop accumulates A[i][k] * B[k][j] into an f32 carried through
// `iter_args`, and the sum is stored back to C[i][j] after the k-loop.
//
// Pipelined loop: the innermost k-loop (%k). Its only loop-carried dependence is
// the accumulator (iter_args %acc -> arith.addf -> affine.yield, distance 1), so
// its II is bounded below by the latency of arith.addf; A and B are read-only
// inside it and C is not touched inside it.
//
// Schedule it with
//   gaus-opt examples/gemm.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus},gaus-verify)' --summary
func.func @gemm(%A: memref<32x32xf32>, %B: memref<32x32xf32>, %C: memref<32x32xf32>) {
  affine.for %i = 0 to 32 {
    affine.for %j = 0 to 32 {
      %c0 = affine.load %C[%i, %j] : memref<32x32xf32>
      %sum = affine.for %k = 0 to 32 iter_args(%acc = %c0) -> (f32) {
        %a = affine.load %A[%i, %k] : memref<32x32xf32>
        %b = affine.load %B[%k, %j] : memref<32x32xf32>
        %p = arith.mulf %a, %b : f32
        %s = arith.addf %acc, %p : f32
        affine.yield %s : f32
      }
      affine.store %sum, %C[%i, %j] : memref<32x32xf32>
    }
  }
  return
}
