// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: scf.for at loc("-":10:12): iteration 0 finishes at cycle 9223372036854775810, after its start 2 + gaus.latency 4
// SEED: 5266 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: i1) attributes {gaus.latency = 24 : i64} {
    %alloc = memref.alloc() {gaus.start = 0 : i64} : memref<64xf32>
    %0 = scf.if %arg2 -> (f32) {
      %1 = affine.load %alloc[40] {gaus.start = 0 : i64} : memref<64xf32>
      %c0 = arith.constant {gaus.start = 0 : i64} 0 : index
      %c1 = arith.constant {gaus.start = 0 : i64} 1 : index
      %c1_0 = arith.constant {gaus.start = 0 : i64} 1 : index
      %2 = scf.for %arg3 = %c0 to %c1 step %c1_0 iter_args(%arg4 = %arg1) -> (f32) {
        %c3 = arith.constant {gaus.start = 0 : i64} 3 : index
        %4 = arith.addi %arg3, %c3 {gaus.start = 0 : i64} : index
        memref.store %1, %arg0[%4] {gaus.start = 9223372036854775807 : i64} : memref<64xf32>
        %5 = arith.addf %arg4, %arg4 {gaus.start = 0 : i64} : f32
        scf.yield %5 : f32
      } {gaus.ii = 4 : i64, gaus.latency = 4 : i64, gaus.start = 2 : i64}
      %3 = affine.for %arg3 = 1 to 5 step 2 iter_args(%arg4 = %arg1) -> (f32) {
        scf.if %arg2 {
        } {gaus.latency = 7 : i64, gaus.start = 0 : i64}
        %5 = arith.addf %arg4, %2 {gaus.start = 0 : i64} : f32
        affine.yield %5 : f32
      } {gaus.ii = 8 : i64, gaus.latency = 8 : i64, gaus.start = 6 : i64}
      scf.if %arg2 {
      } {gaus.latency = 2 : i64, gaus.start = 22 : i64}
      scf.yield %arg1 : f32
    } else {
      scf.yield %arg1 : f32
    } {gaus.latency = 24 : i64, gaus.start = 0 : i64}
    return
  }
}