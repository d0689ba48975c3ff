// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s --check-prefix=NONE
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{limits=mulf:2},gaus-verify{limits=mulf:2})' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=TWO
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{limits=arith.mulf:1,addf:1},gaus-verify{limits=mulf:1})' | FileCheck %s --check-prefix=ONE

// limits=CLASS:N: at most N ops of the class (short name mulf or full name
// arith.mulf) start per cycle / congruence class.  The complex multiply has
// four mulf; every memref is accessed once, so without limits II = 1.
// Loads at 0, mulf 2..5, subf/addf 5..9, stores at 9, yield at 10.
// NONE: } {gaus.ii = 1 : i64, gaus.latency = 10 : i64, gaus.start = 0 : i64}

// mulf:2 -> II = 4/2 = 2; mulfs at 2,2,3,3, subf/addf at 6..10, stores 10, 11.
// TWO: @cmul_loop0 ({{.*}}): method=ims II=2 latency=11 trips=16 total=41 MII=2 {{.*}}mulf:2/2

// mulf:1 -> II 4 (see method-cpsat.mlir for the latency 13); the addf class
// limit 1 does not bind (one addf).
// ONE: } {gaus.ii = 4 : i64, gaus.latency = 13 : i64, gaus.start = 0 : i64}
func.func @cmul(%ar: memref<16xf32>, %ai: memref<16xf32>, %br: memref<16xf32>,
                %bi: memref<16xf32>, %cr: memref<16xf32>, %ci: memref<16xf32>) {
  affine.for %i = 0 to 16 {
    %a = affine.load %ar[%i] : memref<16xf32>
    %b = affine.load %ai[%i] : memref<16xf32>
    %c = affine.load %br[%i] : memref<16xf32>
    %d = affine.load %bi[%i] : memref<16xf32>
    %ac = arith.mulf %a, %c : f32
    %bd = arith.mulf %b, %d : f32
    %ad = arith.mulf %a, %d : f32
    %bc = arith.mulf %b, %c : f32
    %re = arith.subf %ac, %bd : f32
    %im = arith.addf %ad, %bc : f32
    affine.store %re, %cr[%i] : memref<16xf32>
    affine.store %im, %ci[%i] : memref<16xf32>
  }
  return
}
