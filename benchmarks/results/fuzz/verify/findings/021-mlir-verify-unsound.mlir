// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: scf.for at loc("-":8:10): starts at cycle 3 but its operand is ready at 9223372036854775810
// SEED: 15939 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: memref<8x8xf32>) attributes {gaus.latency = 14 : i64} {
    %0 = arith.mulf %arg1, %arg1 {gaus.start = 9223372036854775807 : i64} : f32
    %c1 = arith.constant {gaus.start = 0 : i64} 1 : index
    %c3 = arith.constant {gaus.start = 0 : i64} 3 : index
    %c1_0 = arith.constant {gaus.start = 0 : i64} 1 : index
    %2 = scf.for %arg4 = %c1 to %c3 step %c1_0 iter_args(%arg5 = %0) -> (f32) {
      %5 = arith.addf %arg5, %arg1 {gaus.start = 0 : i64} : f32
      scf.yield %5 : f32
    } {gaus.ii = 4 : i64, gaus.latency = 4 : i64, gaus.start = 3 : i64}
    return
  }
}