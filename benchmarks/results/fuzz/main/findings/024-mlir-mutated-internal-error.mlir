// PIPELINE: builtin.module(gaus-schedule{method=ims mem-ports=1})
// FINDING: internal-error: gaus-opt: error: internal error: ZeroDivisionError: integer division or modulo by zero
// SEED: 1239 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  affine.for %i1 = 0 to 2 {
    %v2 = arith.mulf %x, %x : f32
    scf.if %p {
    }
    affine.for %i4 = 2 to 10 step 0 {
      %c5 = arith.constant 19 : index
      %v7 = affine.load %A[%i4 * 2 + 26] : memref<64xf32>
      %v8 = arith.addf %x, %v2 : f32
      affine.store %v7, %A[%i1 + %i4 * 2 + 33] : memref<64xf32>
    }
  }
  return
}