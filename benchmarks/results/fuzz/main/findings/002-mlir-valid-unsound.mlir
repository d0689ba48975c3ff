// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: unsound: @k0: 2 users of memory arg2 (1 port(s)) in cycle 2 (@k0: affine.load at loc("-":11:12))
// SEED: 1003 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %v1 = affine.load %S[36] : memref<64xf32>
  %v2 = affine.load %M[2, 0] : memref<8x8xf32>
  %c6 = arith.constant 2 : index
  %c7 = arith.constant 8 : index
  %c8 = arith.constant 2 : index
  %r4 = scf.for %si3 = %c6 to %c7 step %c8 iter_args(%acc5 = %v2) -> (f32) {
    %v9 = affine.load %S[25] : memref<64xf32>
    %v10 = affine.load %B[28] : memref<64xf32>
    %v11 = affine.load %S[12] : memref<64xf32>
    %r13 = affine.for %i12 = 1 to 3 iter_args(%acc14 = %v2) -> (f32) {
      affine.for %i15 = 0 to 2 step 2 {
        %b16 = scf.if %p -> (f32) {
          %b18 = scf.if %p -> (f32) {
            scf.yield %v11 : f32
          } else {
            scf.yield %v11 : f32
          }
          scf.if %p {
          }
          affine.store %acc14, %A[%i12 + %i15 + 25] : memref<64xf32>
          scf.yield %x : f32
        } else {
          %v30 = arith.mulf %v11, %v9 : f32
          scf.yield %v10 : f32
        }
        %v31 = affine.load %S[%i12 * -1 + %i15 + 17] : memref<64xf32>
      }
      %b34 = scf.if %p -> (f32) {
        %c35 = arith.constant 28 : index
        %j36 = arith.addi %i12, %c35 : index
        %v37 = memref.load %B[%j36] : memref<64xf32>
        %b38 = scf.if %p -> (f32) {
          scf.yield %v11 : f32
        } else {
          %v41 = affine.load %B[%i12 * 2 + 31] : memref<64xf32>
          scf.if %p {
            %v42 = arith.mulf %v11, %v41 : f32
            %v43 = arith.mulf %acc14, %v42 : f32
          } else {
            %v44 = arith.mulf %v10, %acc5 : f32
          }
          scf.yield %v10 : f32
        }
        scf.yield %v1 : f32
      } else {
        scf.yield %v2 : f32
      }
      %v45 = arith.addf %acc14, %v1 : f32
      affine.yield %v45 : f32
    }
    %v46 = arith.addf %acc5, %v2 : f32
    scf.yield %v46 : f32
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  %v1 = arith.mulf %x, %x : f32
  %v2 = arith.subf %v1, %v1 : f32
  affine.store %v1, %B[10] : memref<64xf32>
  %v3 = arith.subf %x, %v2 : f32
  return
}