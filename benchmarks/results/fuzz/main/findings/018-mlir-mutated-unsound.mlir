// PIPELINE: builtin.module(gaus-schedule{method=list mem-ports=1})
// FINDING: unsound: @k0: 2 users of memory arg2 (1 port(s)) in cycle 8 (@k0: memref.load at loc("-":35:16))
// SEED: 1163 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %T = memref.alloc() : memref<64xf32>
  scf.if %p {
    %b1 = scf.if %p -> (f32) {
      affine.store %x, %S[22] : memref<64xf32>
      %v2 = affine.load %T[16] : memref<64xf32>
      %v3 = affine.load %T[27] : memref<64xf32>
      scf.yield %v3 : f32
    } else {
      %v6 = affine.load %A[23] : memref<64xf32>
      affine.store %v6, %A[30] : memref<64xf32>
      affine.store %v6, %A[29] : memref<64xf32>
      %v7 = affine.load %S[32] : memref<64xf32>
      affine.for %i8 = 2 to 2 {
        %c9 = arith.constant 22 : index
        %v11 = arith.mulf %x, %v7 : f32
      }
      scf.yield %x : f32
    }
  } else {
    %v12 = affine.load %S[15] : memref<64xf32>
    scf.if %p {
      %v13 = affine.load %B[7] : memref<64xf32>
    } else {
      affine.store %x, %B[36] : memref<64xf32>
      %r15 = affine.for %i14 = 1 to 5 iter_args(%acc16 = %x) -> (f32) {
        %c17 = arith.constant 18 : index
        %j18 = arith.addi %i14, %c17 : index
        %v19 = memref.load %B[%j18] : memref<64xf32>
        scf.if %p {
          %v20 = affine.load %B[38] : memref<64xf32>
          affine.store %x, %S[20] : memref<64xf32>
        }
        affine.store %v19, %S[%i14 * 2 + 20] : memref<64xf32>
        %v21 = arith.addf %acc16, %v19 : f32
        affine.yield %v21 : f32
      }
    }
    %b22 = scf.if %p -> (f32) {
      %c24 = arith.constant 1 : index
      %c25 = arith.constant 5 : index
      %c26 = arith.constant 1 : index
      scf.for %si23 = %c24 to %c25 step %c26 {
        scf.if %p {
          affine.store %v12, %S[37] : memref<64xf32>
          %v31 = affine.load %T[40] : memref<64xf32>
          %c32 = arith.constant 10 : index
          %j33 = arith.addi %si23, %c32 : index
          memref.store %v31, %B[%j33] : memref<64xf32>
        }
      }
      %v34 = affine.load %A[6] : memref<64xf32>
      affine.store %x, %A[26] : memref<64xf32>
      %b35 = scf.if %p -> (f32) {
        scf.yield %x : f32
      } else {
        scf.yield %x : f32
      }
      scf.yield %v12 : f32
    } else {
      scf.yield %x : f32
    }
  }
  return
}