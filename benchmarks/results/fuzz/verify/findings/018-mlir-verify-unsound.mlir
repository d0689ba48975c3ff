// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: arith.addf at loc("-":12:10): starts at cycle 12 but its operand is ready at 9223372036854775811
// SEED: 6120 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: i1) attributes {gaus.latency = 16 : i64} {
    scf.if %arg3 {
      affine.for %arg4 = 0 to 4 {
      } {gaus.ii = 1 : i64, gaus.latency = 1 : i64, gaus.start = 0 : i64}
    } {gaus.latency = 6 : i64, gaus.start = 0 : i64}
    %0 = affine.load %arg0[33] {gaus.start = 6 : i64} : memref<64xf32>
    %1 = arith.subf %arg1, %0 {gaus.start = 9223372036854775807 : i64} : f32
    return
  }
}