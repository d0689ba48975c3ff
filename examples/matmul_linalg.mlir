// Matrix multiplication C += A * B on 16x16 single-precision matrices as one
// linalg.matmul on memrefs. It is lowered inside the scheduling pipeline by the
// upstream convert-linalg-to-affine-loops pass into three affine.for loops
// (i, j, k) whose body loads C[i][j], A[i][k] and B[k][j], does arith.mulf and
// arith.addf and stores C[i][j] back.
//
// Pipelined loop: the innermost k-loop of the lowered nest. Unlike
// examples/gemm.mlir the sum is not kept in a register: the store to C[i][j] in
// iteration k is read back by the load of C[i][j] in iteration k+1 (RAW through
// memory, distance 1), so the recurrence load -> addf -> store bounds its II.
//
// Schedule it with
//   gaus-opt examples/matmul_linalg.mlir --pass-pipeline='builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule{method=list},gaus-verify)' --summary
func.func @matmul(%A: memref<16x16xf32>, %B: memref<16x16xf32>, %C: memref<16x16xf32>) {
  linalg.matmul ins(%A, %B : memref<16x16xf32>, memref<16x16xf32>)
                outs(%C : memref<16x16xf32>)
  return
}
