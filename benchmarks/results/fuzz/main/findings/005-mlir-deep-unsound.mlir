// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: unsound: @k1: finishes at cycle 2 but claims gaus.latency 1 (world ())
// SEED: 1012 (mlir-deep)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  affine.for %i2 = 0 to 4 {
  }
  return
}
func.func @k1(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  affine.for %i2 = 2 to 6 step 2 {
    %c6 = arith.constant 2 : index
    %c7 = arith.constant 2 : index
    %c8 = arith.constant 1 : index
    %r4 = scf.for %si3 = %c6 to %c7 step %c8 iter_args(%acc5 = %x) -> (f32) {
      affine.for %i9 = 1 to 1 {
        affine.for %i10 = 0 to 8 step 2 {
          %v11 = affine.load %B[%i2 * -1 + %i9 + %i10 + 22] : memref<64xf32>
        }
      }
      %v14 = arith.addf %acc5, %x : f32
      scf.yield %v14 : f32
    }
  }
  return
}
