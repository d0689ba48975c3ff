// ISSUE: 12 item 14 - memref.copy uses the memory's port: a 64-cycle blocking
// copy of %A and a load of %A on one port may not start together.
// LIB: {"memref.copy": {"latency": 64, "blocking": 64}}
// PIPELINE: builtin.module(gaus-schedule{latency-library=keep-lib.json})
// EXPECT: ok
func.func @f(%A: memref<64xf32>, %B: memref<64xf32>) -> f32 {
  memref.copy %A, %B : memref<64xf32> to memref<64xf32>
  %x = affine.load %A[0] : memref<64xf32>
  return %x : f32
}
