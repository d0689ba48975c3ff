// PIPELINE: builtin.module(gaus-schedule{method=ims mem-ports=2})
// FINDING: internal-error: gaus-opt: error: internal error: MemoryError: 
// SEED: 1031 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  affine.for %i1 = 1 to 3 {
  }
  %v3 = affine.load %M[0, 1] : memref<8x8xf32>
  affine.for %i4 = 0 to 3 {
    %v5 = arith.mulf %v3, %x : f32
    %c7 = arith.constant 2 : index
    %c8 = arith.constant 4 : index
    %c9 = arith.constant 1 : index
    scf.for %si6 = %c7 to %c8 step %c9 {
      %v10 = affine.load %A[%i4 * 2 + 16] : memref<64xf32>
      %v11 = arith.maximumf %v5, %v10 {gaus.latency = 1099511627776} : f32
      affine.store %v11, %A[14] : memref<64xf32>
    }
  }
  return
}
