// PIPELINE: builtin.module(gaus-schedule{method=list mem-ports=1})
// FINDING: unsound: @k0: 2 users of memory arg0 (1 port(s)) in cycle 20 (@k0: affine.store at loc("-":30:13))
// SEED: 1 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  affine.for %i1 = 0 to 4 {
    %c5 = arith.constant 1 : index
    %c6 = arith.constant 4 : index
    %c7 = arith.constant 1 : index
    %r3 = scf.for %si2 = %c5 to %c6 step %c7 iter_args(%acc4 = %x) -> (f32) {
      scf.if %p {
        %v10 = affine.load %A[%i1 + 33] : memref<64xf32>
        scf.if %p {
          %b11 = scf.if %p -> (f32) {
            %v13 = arith.mulf %v10, %v10 : f32
            scf.yield %v13 : f32
          } else {
            scf.yield %acc4 : f32
          }
          %c16 = arith.constant 26 : index
          %j17 = arith.addi %i1, %c16 : index
        }
        %v18 = arith.mulf %x, %v10 : f32
      }
      %v19 = arith.divf %acc4, %acc4 : f32
      affine.store %v19, %B[%i1 * 2 + 39] : memref<64xf32>
      %v20 = arith.addf %acc4, %v19 : f32
      scf.yield %v20 : f32
    }
    %v21 = affine.load %S[%i1 * 3 + 36] : memref<64xf32>
    %v22 = affine.load %S[%i1 + 17] : memref<64xf32>
  }
  scf.if %p {
    %v23 = arith.mulf %x, %x : f32
    affine.for %i24 = 0 to 2 {
      affine.store %x, %S[%i24 * -1 + 18] : memref<64xf32>
      %v25 = affine.load %S[%i24 * 3 + 15] : memref<64xf32>
      affine.for %i38 = 0 to 1 {
      }
    }
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %M: memref<8x8xf32>, %p: i1) {
  return
}