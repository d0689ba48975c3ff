// PIPELINE: builtin.module(gaus-schedule{method=list mem-ports=1})
// FINDING: unsound: @k0: 2 users of memory arg0 (1 port(s)) in cycle 4 (@k0: affine.store at loc("-":8:7))
// SEED: 1263 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %v1 = arith.addf %x, %x : f32
  affine.store %x, %A[38] : memref<64xf32>
  scf.if %p {
    %v3 = affine.load %A[4] : memref<64xf32>
    %v4 = affine.load %A[40] : memref<64xf32>
    affine.for %i5 = 1 to 4 {
      affine.for %i6 = 1 to 3 {
        %v7 = arith.divf %v4, %v3 {gaus.latency = "3"} : f32
        scf.if %p {
          %v8 = affine.load %B[%i5 + %i6 * 7 + 23] : memref<64xf32>
          %b9 = scf.if %p -> (f32) {
            %v10 = affine.load %B[%i6 + 24] : memref<64xf32>
            %v11 = affine.load %A[%i5 * -1 + %i6 + 24] : memref<64xf32>
            %v12 = affine.load %A[%i6 * 3 + 11] : memref<64xf32>
            scf.yield %v12 : f32
          } else {
            scf.yield %x : f32
          }
          %c15 = arith.constant 29 : index
          %j16 = arith.addi %i5, %c15 : index
          %v17 = memref.load %S[%j16] : memref<64xf32>
          affine.store %v3, %A[%i5 + %i6 * -1 + 23] : memref<64xf32>
          %c18 = arith.constant 7 : index
          %j19 = arith.addi %i5, %c18 : index
          %v20 = memref.load %S[%j19] : memref<64xf32>
        } else {
          scf.if %p {
            %v21 = arith.mulf %v3, %v1 : f32
          }
          %c22 = arith.constant 20 : index
          %j23 = arith.addi %i5, %c22 : index
          memref.store %v3, %B[%j23] : memref<64xf32>
          %b24 = scf.if %p -> (f32) {
            affine.store %v4, %A[%i5 * 3 + %i6 * 3 + 6] : memref<64xf32>
            %c25 = arith.constant 0 : index
            %j26 = arith.addi %i6, %c25 : index
            memref.store %x, %S[%j26] : memref<64xf32>
            %v27 = arith.mulf %v1, %v3 : f32
            %v28 = arith.mulf %v27, %v1 : f32
            scf.yield %v27 : f32
          } else {
            affine.store %v7, %A[%i5 + %i6 * 3 + 37] : memref<64xf32>
            %v29 = affine.load %S[%i6 * -1 + 26] : memref<64xf32>
            %v30 = arith.mulf %v7, %v1 : f32
            %v31 = arith.mulf %v30, %v3 : f32
            %v32 = arith.mulf %v1, %v4 : f32
            scf.yield %v31 : f32
          }
        }
      }
    }
    %v33 = affine.load %B[25] : memref<64xf32>
  } else {
    %v34 = affine.load %A[38] : memref<64xf32>
  }
  return
}
