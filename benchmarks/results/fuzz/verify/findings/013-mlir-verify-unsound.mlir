// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: scf.if at loc("-":5:9): branch finishes at cycle 9223372036854775813, after its start 0 + gaus.latency 12
// SEED: 5412 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: i1) attributes {gaus.latency = 36 : i64} {
    affine.for %arg3 = 1 to 4 {
      %0 = scf.if %arg2 -> (f32) {
        scf.if %arg2 {
          scf.if %arg2 {
          } {gaus.latency = 6 : i64, gaus.start = 9223372036854775807 : i64}
        } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
        scf.yield %arg1 : f32
      } else {
        scf.yield %arg1 : f32
      } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
    } {gaus.ii = 12 : i64, gaus.latency = 12 : i64, gaus.start = 0 : i64}
    return
  }
}