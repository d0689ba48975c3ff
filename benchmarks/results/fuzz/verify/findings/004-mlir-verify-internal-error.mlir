// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: internal-error: OverflowError: Python int too large to convert to C long
// SEED: 5079 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<8x8xf32>, %arg3: i1) attributes {gaus.latency = 6 : i64} {
    affine.for %arg4 = 0 to 0 {
    } {gaus.ii = 1 : i64, gaus.latency = 1 : i64, gaus.start = 0 : i64}
    affine.for %arg4 = 2 to 5 {
    } {gaus.ii = 9223372036854775807 : i64, gaus.latency = 4 : i64, gaus.start = 6 : i64}
    return
  }
}