// PIPELINE: builtin.module(gaus-verify{mem-ports=1})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: arith.divf at loc("-":23:14): starts at cycle 6 but its operand is ready at 9223372036854775813
// SEED: 5125 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: i1) attributes {gaus.latency = 18 : i64} {
    %0 = affine.load %arg0[37] {gaus.start = 0 : i64} : memref<64xf32>
    %1 = scf.if %arg3 -> (f32) {
      %2 = affine.for %arg4 = 2 to 3 iter_args(%arg5 = %arg1) -> (f32) {
        %3 = scf.if %arg3 -> (f32) {
          %7 = affine.load %arg2[%arg4 * 3 + 13] {gaus.start = 0 : i64} : memref<64xf32>
          scf.yield %7 : f32
        } else {
          scf.if %arg3 {
          } {gaus.latency = 3 : i64, gaus.start = 0 : i64}
          scf.yield %0 : f32
        } {gaus.latency = 4 : i64, gaus.start = 0 : i64}
        %4 = arith.addf %arg5, %0 {gaus.start = 0 : i64} : f32
        affine.yield %4 : f32
      } {gaus.ii = 4 : i64, gaus.latency = 4 : i64, gaus.start = 9223372036854775807 : i64}
      scf.if %arg3 {
      } {gaus.latency = 12 : i64, gaus.start = 4 : i64}
      scf.yield %arg1 : f32
    } else {
      scf.yield %0 : f32
    } {gaus.latency = 16 : i64, gaus.start = 2 : i64}
    return
  }
}