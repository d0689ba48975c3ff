// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: memref.store at loc("-":12:13): starts at cycle 3 but its operand is ready at 9223372036854775810
// SEED: 6434 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: i1) attributes {gaus.latency = 44 : i64} {
    %0 = affine.for %arg4 = 2 to 4 iter_args(%arg5 = %arg1) -> (f32) {
      affine.for %arg6 = 1 to 3 {
        %2 = scf.if %arg3 -> (f32) {
          %3 = scf.if %arg3 -> (f32) {
            %5 = arith.mulf %arg1, %arg5 {gaus.start = 9223372036854775807 : i64} : f32
            scf.yield %arg5 : f32
          } else {
            %5 = arith.mulf %arg5, %arg1 {gaus.start = 0 : i64} : f32
            scf.yield %5 : f32
          } {gaus.latency = 7 : i64, gaus.start = 0 : i64}
          scf.yield %3 : f32
        } else {
          scf.yield %arg1 : f32
        } {gaus.latency = 11 : i64, gaus.start = 0 : i64}
      } {gaus.ii = 11 : i64, gaus.latency = 11 : i64, gaus.start = 0 : i64}
      %1 = arith.addf %arg5, %arg1 {gaus.start = 0 : i64} : f32
      affine.yield %1 : f32
    } {gaus.ii = 22 : i64, gaus.latency = 22 : i64, gaus.start = 0 : i64}
    return
  }
}