// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: unsound: @k1: scf.for at loc("-":105:7): gaus.ii = 0 < 1
// SEED: 1195 (mlir-noalias)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  %c4 = arith.constant 2 : index
  %c5 = arith.constant 8 : index
  %c6 = arith.constant 2 : index
  %r2 = scf.for %si1 = %c4 to %c5 step %c6 iter_args(%acc3 = %x) -> (f32) {
    %b7 = scf.if %p -> (f32) {
      %v8 = affine.load %M[3, 3] : memref<8x8xf32>
      %v9 = affine.load %M[2, 3] : memref<8x8xf32>
      %v10 = arith.mulf %x, %v9 : f32
      scf.if %p {
        scf.if %p {
          scf.if %p {
          }
          %v14 = arith.subf %v8, %v9 : f32
          %b15 = scf.if %p -> (f32) {
            %v16 = arith.mulf %v10, %v9 : f32
            scf.yield %v14 : f32
          } else {
            scf.yield %v8 : f32
          }
          scf.if %p {
            %v25 = arith.maximumf %acc3, %v8 : f32
            %v26 = affine.load %M[3, 2] : memref<8x8xf32>
          }
        } else {
          %b34 = scf.if %p -> (f32) {
            %v35 = affine.load %A[20] : memref<64xf32>
            scf.yield %v10 : f32
          } else {
            scf.yield %v8 : f32
          }
        }
      }
      scf.yield %v9 : f32
    } else {
      scf.yield %x : f32
    }
    %v36 = arith.addf %acc3, %x : f32
    scf.yield %v36 : f32
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  %v1 = arith.mulf %x, %x : f32
  %r3 = affine.for %i2 = 1 to 7 step 2 iter_args(%acc4 = %x) -> (f32) {
    affine.for %i5 = 2 to 5 {
      %v6 = affine.load %A[%i2 * -1 + %i5 * 3 + 8] : memref<64xf32>
      %v7 = arith.mulf %v1, %acc4 : f32
      %c11 = arith.constant 2 : index
      %c12 = arith.constant 6 : index
      %c13 = arith.constant 1 : index
      %r9 = scf.for %si8 = %c11 to %c12 step %c13 iter_args(%acc10 = %v7) -> (f32) {
        %v15 = affine.load %B[%i5 + 35] : memref<64xf32>
        %v16 = affine.load %A[%i2 * -1 + 18] : memref<64xf32>
        %v17 = arith.addf %acc10, %v16 : f32
        scf.yield %v17 : f32
      }
      affine.store %x, %B[%i2 * 2 + %i5 * -1 + 21] : memref<64xf32>
      %v18 = arith.mulf %x, %acc4 : f32
    }
    %v19 = arith.mulf %v1, %v1 : f32
    %v20 = arith.addf %acc4, %v19 : f32
    affine.yield %v20 : f32
  }
  %c24 = arith.constant 1 : index
  %c25 = arith.constant 9 : index
  %c26 = arith.constant 2 : index
  %r22 = scf.for %si21 = %c24 to %c25 step %c26 iter_args(%acc23 = %r3) -> (f32) {
    %v27 = arith.divf %acc23, %r3 : f32
    affine.store %v27, %A[15] : memref<64xf32>
    %c29 = arith.constant 1 : index
    %c30 = arith.constant 5 : index
    %c31 = arith.constant 2 : index
    scf.for %si28 = %c29 to %c30 step %c31 {
      %c33 = arith.constant 2 : index
      %c34 = arith.constant 2 : index
      %c35 = arith.constant 1 : index
      scf.for %si32 = %c33 to %c34 step %c35 {
        %v36 = affine.load %A[6] : memref<64xf32>
        %v37 = affine.load %B[40] : memref<64xf32>
      }
    }
    %v38 = arith.mulf %acc23, %x : f32
    affine.store %v1, %B[21] : memref<64xf32>
    %v39 = arith.addf %acc23, %v38 : f32
    scf.yield %v39 : f32
  }
  %v40 = affine.load %A[33] : memref<64xf32>
  return
}