// PIPELINE: builtin.module(gaus-schedule{method=cpsat mem-ports=2 time-limit=1})
// FINDING: unsound: @k0: affine.for at loc("-":4:5): gaus.ii = 0 < 1
// SEED: 1132 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32) {
  affine.for %i1 = 0 to 0 step 2 {
    affine.for %i2 = 1 to 1 step 2 {
      %v3 = affine.load %A[30] : memref<64xf32>
      %r5 = affine.for %i4 = 0 to 1 iter_args(%acc6 = %x) -> (f32) {
        %v9 = arith.addf %acc6, %acc6 : f32
        %v11 = arith.addf %acc6, %v9 : f32
        affine.yield %v11 : f32
      }
      %v12 = affine.load %A[%i1 * -1 + %i2 * 2 + 37] : memref<64xf32>
    }
  }
  %v14 = arith.mulf %x, %x : f32
  affine.store %x, %A[13] : memref<64xf32>
  %c16 = arith.constant 0 : index
  %c17 = arith.constant 3 : index
  %c18 = arith.constant 1 : index
  scf.for %si15 = %c16 to %c17 step %c18 {
    %v19 = arith.mulf %v14, %v14 : f32
  }
  return
}