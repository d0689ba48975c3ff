// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: affine.for at loc("-":4:10): starts at cycle 4 but its operand is ready at 9223372036854775811
// SEED: 5901 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: i1) attributes {gaus.latency = 52 : i64} {
    %0 = arith.addf %arg1, %arg1 {gaus.start = 9223372036854775807 : i64} : f32
    %1 = affine.for %arg3 = 2 to 8 step 2 iter_args(%arg4 = %0) -> (f32) {
      %2 = scf.if %arg2 -> (f32) {
        %7 = scf.if %arg2 -> (f32) {
          %9 = affine.load %arg0[39] {gaus.start = 0 : i64} : memref<64xf32>
          scf.yield %9 : f32
        } else {
          %9 = affine.load %arg0[26] {gaus.start = 0 : i64} : memref<64xf32>
          scf.yield %9 : f32
        } {gaus.latency = 5 : i64, gaus.start = 3 : i64}
        scf.yield %0 : f32
      } else {
        scf.yield %arg4 : f32
      } {gaus.latency = 12 : i64, gaus.start = 0 : i64}
      %3 = arith.addf %arg4, %2 {gaus.start = 12 : i64} : f32
      affine.yield %3 : f32
    } {gaus.ii = 16 : i64, gaus.latency = 16 : i64, gaus.start = 4 : i64}
    return
  }
}