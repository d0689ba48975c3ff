// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: arith.subf at loc("-":7:12): starts at cycle 6 but its operand is ready at 9223372036854775813
// SEED: 6780 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32) attributes {gaus.latency = 11 : i64} {
    %0 = affine.load %arg0[5] {gaus.start = 0 : i64} : memref<64xf32>
    affine.for %arg2 = 2 to 4 {
      %1 = arith.subf %0, %0 {gaus.start = 9223372036854775807 : i64} : f32
    } {gaus.ii = 1 : i64, gaus.latency = 8 : i64, gaus.start = 2 : i64}
    return
  }
}