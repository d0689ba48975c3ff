// PIPELINE: builtin.module(gaus-schedule{method=list mem-ports=1})
// FINDING: unsound: @k0: 2 users of memory arg0 (1 port(s)) in cycle 19 (@k0: affine.load at loc("-":28:19))
// SEED: 8 (mlir-valid)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  %v1 = affine.load %A[33] : memref<64xf32>
  %v2 = arith.divf %v1, %x : f32
  scf.if %p {
  }
  %v7 = affine.load %B[13] : memref<64xf32>
  scf.if %p {
    %b8 = scf.if %p -> (f32) {
      %r10 = affine.for %i9 = 0 to 2 iter_args(%acc11 = %v2) -> (f32) {
        scf.if %p {
        }
        %v19 = arith.addf %acc11, %acc11 : f32
        affine.yield %v19 : f32
      }
      scf.yield %r10 : f32
    } else {
      scf.yield %v7 : f32
    }
    scf.if %p {
      %v28 = affine.load %S[31] : memref<64xf32>
      affine.store %v1, %A[18] : memref<64xf32>
      %v29 = arith.divf %v1, %v7 : f32
      affine.for %i31 = 0 to 6 step 2 {
        scf.if %p {
        }
        %v35 = arith.addf %v28, %v29 : f32
      }
    } else {
    }
  } else {
  }
  return
}