// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: arith.mulf at loc("-":7:12): starts at cycle 4 but its operand is ready at 9223372036854775811
// SEED: 5687 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32) attributes {gaus.latency = 8 : i64} {
    affine.for %arg2 = 0 to 4 step 2 {
      %0 = arith.subf %arg1, %arg1 {gaus.start = 9223372036854775807 : i64} : f32
    } {gaus.ii = 1 : i64, gaus.latency = 7 : i64, gaus.start = 0 : i64}
    return
  }
}