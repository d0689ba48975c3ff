// PIPELINE: builtin.module(gaus-schedule{method=cpsat mem-ports=2 time-limit=1})
// FINDING: internal-error: gaus-opt: error: internal error: OverflowError: Python int too large to convert to C long
// SEED: 1043 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>) {
  %r2 = affine.for %i1 = 0 to 4 step 2 iter_args(%acc3 = %x) -> (f32) {
    affine.for %i4 = 1 to 3 {
      %c8 = arith.constant 0 : index
      %c9 = arith.constant 9223372036854775807 : index
      %c10 = arith.constant 2 : index
      %r6 = scf.for %si5 = %c8 to %c9 step %c10 iter_args(%acc7 = %x) -> (f32) {
        %v14 = arith.addf %acc7, %acc7 : f32
        scf.yield %v14 : f32
      }
      %v15 = affine.load %A[%i1 * -1 + 39] : memref<64xf32>
      %v16 = arith.maximumf %v15, %x : f32
    }
    %v17 = arith.subf %x, %acc3 {gaus.latency = 1} : f32
    %r19 = affine.for %i18 = 2 to 4 iter_args(%acc20 = %v17) -> (f32) {
      %v22 = arith.addf %acc20, %acc20 : f32
      affine.yield %v22 : f32
    }
    %v23 = arith.addf %acc3, %v17 : f32
    affine.yield %v23 : f32
  }
  %r25 = affine.for %i24 = 2 to 2 step 2 iter_args(%acc26 = %r2) -> (f32) {
    %v27 = arith.subf %x, %x : f32
    %v28 = arith.subf %x, %v27 : f32
    %v29 = arith.addf %acc26, %v28 : f32
    affine.yield %v29 : f32
  }
  affine.store %x, %A[6] : memref<64xf32>
  return
}
