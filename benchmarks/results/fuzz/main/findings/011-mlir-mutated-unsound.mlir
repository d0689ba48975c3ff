// PIPELINE: builtin.module(gaus-schedule{method=list mem-ports=1})
// FINDING: unsound: @k0: 2 users of memory arg2 (1 port(s)) in cycle 0 (@k0: affine.load at loc("-":12:12))
// SEED: 1047 (mlir-mutated)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %M: memref<8x8xf32>, %p: i1) {
  %S = arith.select %p, %A, %B : memref<64xf32>
  affine.for %i3 = 2 to 5 {
    %v5 = affine.load %B[18] : memref<64xf32>
    %v6 = affine.load %S[%i3 * 2 + 21] : memref<64xf32>
  }
  return
}