// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: affine.for at loc("-":3:5): iteration 0 finishes at cycle 9223372036854775808, after its start 0 + gaus.latency 2
// SEED: 5101 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: memref<8x8xf32>, %arg4: i1) attributes {gaus.latency = 5 : i64} {
    affine.for %arg5 = 0 to 4 {
      %c9 = arith.constant {gaus.start = 0 : i64} 9 : index
      %0 = arith.addi %arg5, %c9 {gaus.start = 0 : i64} : index
      memref.store %arg1, %arg0[%0] {gaus.start = 9223372036854775807 : i64} : memref<64xf32>
    } {gaus.ii = 1 : i64, gaus.latency = 2 : i64, gaus.start = 0 : i64}
    return
  }
}