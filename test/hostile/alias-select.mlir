// ISSUE: 12 item 1 - a memref chosen by arith.select may alias both sources:
// the loop carries a RAW through %A at distance 1 whichever way %c goes, so
// II >= load 2 + mulf 3 + store 1 = 6 (the same loop on %A directly gets 6).
// PIPELINE: builtin.module(gaus-schedule{method=list})
// EXPECT: ok
// MIN-II: 6
func.func @f(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  %m = arith.select %c, %A, %B : memref<64xf32>
  affine.for %i = 1 to 64 {
    %x = affine.load %m[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %x : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
