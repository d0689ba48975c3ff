// In-place 2-D Gauss-Seidel sweep, a 5-point stencil on a 64x64 grid:
//   A[i][j] = (A[i-1][j] + A[i][j-1] + A[i][j] + A[i][j+1] + A[i+1][j]) * 0.2
// for i = 1..62, j = 1..62 (the boundary stays fixed). Because the update is in
// place, the value A[i][j-1] read in iteration j is the one stored in iteration
// j-1 of the same i: a true read-after-write dependence through memory at
// distance 1 of the innermost loop, which bounds the II of that loop from below
// by the length of the load -> adds -> mul -> store recurrence.
//
// Pipelined loop: the innermost j-loop (%j).
//
// Schedule it with
//   gaus-opt examples/stencil2d.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus},gaus-verify)' --summary
func.func @gauss_seidel(%A: memref<64x64xf32>) {
  %fifth = arith.constant 2.000000e-01 : f32
  affine.for %i = 1 to 63 {
    affine.for %j = 1 to 63 {
      %n = affine.load %A[%i - 1, %j] : memref<64x64xf32>
      %w = affine.load %A[%i, %j - 1] : memref<64x64xf32>
      %c = affine.load %A[%i, %j] : memref<64x64xf32>
      %e = affine.load %A[%i, %j + 1] : memref<64x64xf32>
      %s = affine.load %A[%i + 1, %j] : memref<64x64xf32>
      %t0 = arith.addf %n, %w : f32
      %t1 = arith.addf %t0, %c : f32
      %t2 = arith.addf %t1, %e : f32
      %t3 = arith.addf %t2, %s : f32
      %r = arith.mulf %t3, %fifth : f32
      affine.store %r, %A[%i, %j] : memref<64x64xf32>
    }
  }
  return
}
