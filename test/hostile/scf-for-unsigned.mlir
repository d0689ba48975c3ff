// ISSUE: 12 item 16 - scf.for unsigned 0 to -16 : i32 runs 4,294,967,280 times, not 0.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
// FUNC-LATENCY-MIN: 4294967280
func.func @f(%A: memref<64xf32>, %x: f32) {
  %lb = arith.constant 0 : i32
  %ub = arith.constant -16 : i32
  %st = arith.constant 1 : i32
  scf.for unsigned %i = %lb to %ub step %st : i32 {
    affine.store %x, %A[0] : memref<64xf32>
  }
  return
}
