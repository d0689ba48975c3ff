// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: arith.maximumf at loc("-":4:10): starts at cycle 3 but its operand is ready at 9223372036854775810
// SEED: 5284 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: memref<8x8xf32>) attributes {gaus.latency = 7 : i64} {
    %0 = arith.mulf %arg1, %arg1 {gaus.start = 9223372036854775807 : i64} : f32
    return
  }
}