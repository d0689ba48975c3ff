// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat time-limit=5 seed=3 limits=mulf:1},gaus-verify{limits=mulf:1})' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat seed=11 limits=mulf:1})' | FileCheck %s
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat time-limit=0})' 2>&1 | FileCheck %s --check-prefix=BADLIMIT

// method=cpsat with time-limit and seed: the exact model proves the optimum of
// every region (status=OPTIMAL), whatever the seed.
// Complex multiply on one multiplier (limits=mulf:1): four mulf on one unit
// give ResMII 4 = II (the six memrefs have one access each, no recurrence).
// Iteration: loads at 0..2, the mulfs in the four classes mod 4 at 2, 3, 4, 5;
// ac, bd first so subf starts at 3+3 = 6 (..10), addf at 5+3 = 8 (..12),
// store of im at 12, yield at 13.  Run: 15*4 + 13 = 73.
// CHECK-LABEL: func.func @cmul
// CHECK-SAME: attributes {gaus.latency = 73 : i64}
// CHECK: } {gaus.ii = 4 : i64, gaus.latency = 13 : i64, gaus.start = 0 : i64}

// SUMMARY: @cmul_loop0 (pipelined loop at [[# @LINE + 6]]:3; ModuloProblem, 12 ops): method=cpsat II=4 latency=13 trips=16 total=73 MII=4 {{.*}}mulf:1/1 registers=160 lifetimes=384 status=OPTIMAL
// SUMMARY: @cmul (function at [[# @LINE + 3]]:1; {{.*}}): method=cpsat latency=73 lower-bound=73 registers=0 lifetimes=0 status=OPTIMAL

// BADLIMIT: <Pass-Pipeline>:1:43: error: invalid value '0' for option 'time-limit' of 'gaus-schedule': expected a positive number
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
