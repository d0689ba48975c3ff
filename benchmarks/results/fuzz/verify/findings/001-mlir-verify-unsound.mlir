// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: finishes at cycle 9223372036854775810 but claims gaus.latency 3 (world ())
// SEED: 5014 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>) attributes {gaus.latency = 3 : i64} {
    %0 = arith.mulf %arg1, %arg1 {gaus.start = 9223372036854775807 : i64} : f32
    return
  }
}