// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: affine.store at loc("-":5:5): starts at cycle 24 but its operand is ready at 9223372036854775819
// SEED: 5188 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>) attributes {gaus.latency = 25 : i64} {
    %0 = arith.divf %arg1, %arg1 {gaus.start = 0 : i64} : f32
    %1 = arith.divf %arg1, %0 {gaus.start = 9223372036854775807 : i64} : f32
    return
  }
}