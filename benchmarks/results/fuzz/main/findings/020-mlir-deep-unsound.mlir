// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: unsound: @k2: scf.for at loc("-":22:5): gaus.ii = 0 < 1
// SEED: 1190 (mlir-deep)
func.func @k2(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  %c3 = arith.constant 2 : index
  %c4 = arith.constant 5 : index
  %c5 = arith.constant 1 : index
  scf.for %si2 = %c3 to %c4 step %c5 {
    affine.for %i6 = 2 to 2 step 2 {
    }
  }
  return
}