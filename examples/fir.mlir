// An 8-tap FIR filter, y[i] = sum_{k=0..7} c[k] * x[i-k], over 1024 samples. The
// eight taps are fully unrolled in the body of the single loop over i, and the
// coefficients come in as f32 function arguments, so each iteration does eight
// loads of x, eight multiplications, a balanced adder tree of seven additions
// and one store of y. The loop starts at i = 7 so that every x[i-k] is in range.
//
// Pipelined loop: the loop over i (%i). It carries no dependence through
// registers, and through memory only x (read-only) and y (written once per
// iteration at a distinct address, never read), so nothing limits its II but
// the resources (e.g. the memory ports of x).
//
// Schedule it with
//   gaus-opt examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus},gaus-verify)' --summary
func.func @fir8(%x: memref<1024xf32>, %y: memref<1024xf32>,
                %c0: f32, %c1: f32, %c2: f32, %c3: f32,
                %c4: f32, %c5: f32, %c6: f32, %c7: f32) {
  affine.for %i = 7 to 1024 {
    %x0 = affine.load %x[%i] : memref<1024xf32>
    %x1 = affine.load %x[%i - 1] : memref<1024xf32>
    %x2 = affine.load %x[%i - 2] : memref<1024xf32>
    %x3 = affine.load %x[%i - 3] : memref<1024xf32>
    %x4 = affine.load %x[%i - 4] : memref<1024xf32>
    %x5 = affine.load %x[%i - 5] : memref<1024xf32>
    %x6 = affine.load %x[%i - 6] : memref<1024xf32>
    %x7 = affine.load %x[%i - 7] : memref<1024xf32>
    %p0 = arith.mulf %c0, %x0 : f32
    %p1 = arith.mulf %c1, %x1 : f32
    %p2 = arith.mulf %c2, %x2 : f32
    %p3 = arith.mulf %c3, %x3 : f32
    %p4 = arith.mulf %c4, %x4 : f32
    %p5 = arith.mulf %c5, %x5 : f32
    %p6 = arith.mulf %c6, %x6 : f32
    %p7 = arith.mulf %c7, %x7 : f32
    %s01 = arith.addf %p0, %p1 : f32
    %s23 = arith.addf %p2, %p3 : f32
    %s45 = arith.addf %p4, %p5 : f32
    %s67 = arith.addf %p6, %p7 : f32
    %s03 = arith.addf %s01, %s23 : f32
    %s47 = arith.addf %s45, %s67 : f32
    %acc = arith.addf %s03, %s47 : f32
    affine.store %acc, %y[%i] : memref<1024xf32>
  }
  return
}
