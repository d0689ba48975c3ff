// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=2 iterations=10 batch=2})
// FINDING: unsound: WAR on arg0[24]: @k1: memref.load at loc("-":107:18) finishes at cycle 170, then @k1: affine.store at loc("-":108:13) starts at 168
// SEED: 1061 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %T = memref.alloc() : memref<64xf32>
  %b1 = scf.if %p -> (f32) {
    %v2 = arith.maximumf %x, %x : f32
    %r4 = affine.for %i3 = 1 to 9 step 2 iter_args(%acc5 = %x) -> (f32) {
      %c6 = arith.constant 26 : index
      %j7 = arith.addi %i3, %c6 : index
      %v8 = memref.load %S[%j7] : memref<64xf32>
      %v9 = affine.load %B[%i3 * -1 + 10] : memref<64xf32>
      %v10 = arith.addf %acc5, %v9 : f32
      affine.yield %v10 : f32
    }
    %b11 = scf.if %p -> (f32) {
      %v12 = affine.load %T[22] : memref<64xf32>
      %c14 = arith.constant 2 : index
      %c15 = arith.constant 4 : index
      %c16 = arith.constant 1 : index
      scf.for %si13 = %c14 to %c15 step %c16 {
        %v17 = arith.mulf %v2, %v12 : f32
        %v18 = arith.addf %v12, %v2 : f32
        %b19 = scf.if %p -> (f32) {
          scf.yield %v2 : f32
        } else {
          affine.store %v17, %S[28] : memref<64xf32>
          %v22 = arith.mulf %v12, %r4 : f32
          affine.store %v17, %T[4] : memref<64xf32>
          scf.if %p {
            %v27 = affine.load %A[38] : memref<64xf32>
          }
          scf.yield %v22 : f32
        }
        %v28 = affine.load %S[17] : memref<64xf32>
      }
      affine.for %i29 = 0 to 4 step 2 {
        %v30 = arith.divf %v2, %v12 : f32
        scf.if %p {
          %b31 = scf.if %p -> (f32) {
            %v32 = arith.subf %v12, %v30 : f32
            affine.store %v2, %A[9] : memref<64xf32>
            %v33 = arith.subf %x, %v30 : f32
            scf.yield %v32 : f32
          } else {
            %v34 = arith.mulf %v30, %v2 : f32
            scf.yield %x : f32
          }
          %v37 = arith.maximumf %x, %v12 : f32
          %b38 = scf.if %p -> (f32) {
            scf.yield %v30 : f32
          } else {
            %v41 = arith.mulf %b31, %r4 : f32
            scf.yield %b31 : f32
          }
          %v42 = affine.load %M[%i29 + 1, %i29 * 3 + 0] : memref<8x8xf32>
        } else {
        }
      }
      scf.yield %r4 : f32
    } else {
      scf.yield %v2 : f32
    }
    scf.yield %b11 : f32
  } else {
    scf.yield %x : f32
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %T = memref.alloc() : memref<64xf32>
  %v1 = arith.subf %x, %x : f32
  affine.store %x, %B[9] : memref<64xf32>
  scf.if %p {
    %r3 = affine.for %i2 = 1 to 5 iter_args(%acc4 = %v1) -> (f32) {
      affine.for %i5 = 1 to 4 {
        %v6 = affine.load %S[%i2 + %i5 + 39] : memref<64xf32>
        affine.store %v6, %B[%i2 * 2 + %i5 * 3 + 28] : memref<64xf32>
        %b7 = scf.if %p -> (f32) {
          %b8 = scf.if %p -> (f32) {
            %v9 = arith.mulf %acc4, %v6 : f32
            %v10 = arith.maximumf %v1, %x : f32
            affine.store %x, %S[%i2 + 21] : memref<64xf32>
            scf.yield %v10 : f32
          } else {
            affine.store %x, %T[%i2 * 3 + %i5 * -1 + 7] : memref<64xf32>
            scf.yield %acc4 : f32
          }
          %c11 = arith.constant 21 : index
          %j12 = arith.addi %i2, %c11 : index
          %v13 = memref.load %S[%j12] : memref<64xf32>
          affine.store %v6, %A[%i2 * -1 + %i5 * 3 + 24] : memref<64xf32>
          %v14 = arith.addf %b8, %v13 : f32
          %v15 = arith.mulf %v14, %v1 : f32
          scf.yield %v14 : f32
        } else {
          %v16 = affine.load %B[%i2 * 2 + %i5 * 3 + 12] : memref<64xf32>
          affine.store %v16, %B[29] : memref<64xf32>
          scf.yield %x : f32
        }
        scf.if %p {
          %v17 = affine.load %A[%i2 + 20] : memref<64xf32>
          %b18 = scf.if %p -> (f32) {
            %v19 = affine.load %T[%i5 * 2 + 10] : memref<64xf32>
            %v20 = arith.mulf %acc4, %v19 : f32
            affine.store %acc4, %S[%i2 * -1 + %i5 * 3 + 25] : memref<64xf32>
            affine.store %acc4, %T[%i5 + 40] : memref<64xf32>
            scf.yield %acc4 : f32
          } else {
            %v21 = arith.mulf %acc4, %v17 : f32
            %v22 = arith.mulf %v21, %acc4 : f32
            scf.yield %x : f32
          }
          affine.store %v6, %T[%i2 + %i5 + 15] : memref<64xf32>
        } else {
          %v23 = affine.load %T[%i5 * -1 + 21] : memref<64xf32>
          scf.if %p {
            %v24 = arith.mulf %v6, %x : f32
          }
          affine.store %acc4, %A[%i2 * 3 + %i5 * -1 + 6] : memref<64xf32>
          affine.store %acc4, %T[%i5 + 13] : memref<64xf32>
          %b25 = scf.if %p -> (f32) {
            %c26 = arith.constant 3 : index
            %j27 = arith.addi %i5, %c26 : index
            memref.store %v23, %A[%j27] : memref<64xf32>
            scf.yield %b7 : f32
          } else {
            %v28 = arith.mulf %x, %v6 : f32
            affine.store %v28, %S[%i5 + 38] : memref<64xf32>
            scf.yield %acc4 : f32
          }
        }
      }
      %v29 = arith.addf %acc4, %x : f32
      affine.yield %v29 : f32
    }
  }
  return
}