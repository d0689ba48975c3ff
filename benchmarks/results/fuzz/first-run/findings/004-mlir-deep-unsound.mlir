// PIPELINE: builtin.module(gaus-schedule{method=ims mem-ports=1})
// FINDING: unsound: @k1: affine.for at loc("-":38:5): gaus.ii = 0 < 1
// SEED: 16 (mlir-deep)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  affine.for %i2 = 0 to 3 {
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %p: i1) {
  affine.for %i1 = 2 to 6 {
    affine.store %x, %A[8] : memref<64xf32>
    %c2 = arith.constant 16 : index
    %j3 = arith.addi %i1, %c2 : index
    %v4 = memref.load %A[%j3] : memref<64xf32>
    %r6 = affine.for %i5 = 1 to 4 iter_args(%acc7 = %x) -> (f32) {
      affine.for %i8 = 0 to 2 {
      }
      %r15 = affine.for %i14 = 2 to 4 iter_args(%acc16 = %acc7) -> (f32) {
        %v17 = affine.load %A[%i5 * -1 + 11] : memref<64xf32>
        %v18 = arith.addf %acc16, %acc7 : f32
        affine.yield %v18 : f32
      }
      %v19 = arith.addf %acc7, %r15 : f32
      affine.yield %v19 : f32
    }
  }
  affine.store %x, %A[33] : memref<64xf32>
  affine.store %x, %A[5] : memref<64xf32>
  affine.for %i20 = 1 to 5 step 2 {
    %c24 = arith.constant 2 : index
    %c25 = arith.constant 2 : index
    %c26 = arith.constant 1 : index
    %r22 = scf.for %si21 = %c24 to %c25 step %c26 iter_args(%acc23 = %x) -> (f32) {
      affine.for %i27 = 0 to 1 {
        affine.store %acc23, %A[%i20 * 3 + %i27 + 15] : memref<64xf32>
        %v28 = affine.load %A[%i20 + %i27 + 5] : memref<64xf32>
      }
      %v29 = arith.addf %x, %acc23 : f32
      %v30 = arith.addf %acc23, %v29 : f32
      scf.yield %v30 : f32
    }
  }
  return
}