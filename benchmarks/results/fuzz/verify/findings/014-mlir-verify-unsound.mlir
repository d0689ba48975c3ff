// PIPELINE: builtin.module(gaus-verify{mem-ports=2})
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @k0: memref.load at loc("-":27:18): starts at cycle 11 but its operand is ready at 9223372036854775818
// SEED: 5573 (mlir-verify)
module {
  func.func @k0(%arg0: memref<64xf32>, %arg1: f32, %arg2: memref<64xf32>, %arg3: memref<8x8xf32>, %arg4: i1) attributes {gaus.latency = 13 : i64} {
    %0 = affine.load %arg3[0, 2] {gaus.start = 0 : i64} : memref<8x8xf32>
    scf.if %arg4 {
      %1 = scf.if %arg4 -> (f32) {
        scf.yield %0 : f32
      } else {
        scf.yield %arg1 : f32
      } {gaus.latency = 4 : i64, gaus.start = 0 : i64}
      %2 = affine.load %arg3[3, 0] {gaus.start = 4 : i64} : memref<8x8xf32>
      %c1 = arith.constant {gaus.start = 0 : i64} 1 : index
      %c2 = arith.constant {gaus.start = 0 : i64} 2 : index
      %c1_0 = arith.constant {gaus.start = 0 : i64} 1 : index
      scf.for %arg5 = %c1 to %c2 step %c1_0 {
        %3 = scf.if %arg4 -> (f32) {
          scf.if %arg4 {
            %c21 = arith.constant {gaus.start = 0 : i64} 21 : index
            %7 = arith.addi %arg5, %c21 {gaus.start = 9223372036854775807 : i64} : index
          } {gaus.latency = 3 : i64, gaus.start = 2 : i64}
          scf.yield %2 : f32
        } else {
          scf.yield %2 : f32
        } {gaus.latency = 5 : i64, gaus.start = 0 : i64}
      } {gaus.ii = 5 : i64, gaus.latency = 5 : i64, gaus.start = 6 : i64}
    } {gaus.latency = 11 : i64, gaus.start = 2 : i64}
    return
  }
}