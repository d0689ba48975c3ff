// RUN: gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule{mem-ports=2},gaus-verify{mem-ports=2})' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=TWO
// RUN: gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule{mem-ports=8},gaus-verify{mem-ports=8})' | FileCheck %s --check-prefix=EIGHT
// RUN: not gaus-opt %examples/fir.mlir --pass-pipeline='builtin.module(gaus-schedule{mem-ports=2},gaus-verify)' 2>&1 | FileCheck %s --check-prefix=MISMATCH

// mem-ports=N: N accesses per memref may start per cycle (per congruence class
// in a pipelined loop).  fir's II is bounded only by the eight loads of x:
//   1 port (default): II 8 (test example-fir.mlir)
//   2 ports: II = 8/2 = 4; loads in steps 0,0,1,1,2,2,3,3, the last returns at
//            5, mulf 5..8, adder tree 8..12..16..20, store 20, latency 21;
//            run 1016*4 + 21 = 4085
//   8 ports: II 1; all loads at 0, mulf 2..5, tree 5..9..13..17, store 17,
//            latency 18; run 1016 + 18 = 1034
// TWO: @fir8_loop0 ({{.*}}): method=ims II=4 latency=21 trips=1017 total=4085 MII=4 resources=mem_arg0:2/2,mem_arg1:1/2
// TWO: @fir8 ({{.*}}): method=list latency=4085
// EIGHT: attributes {gaus.latency = 1034 : i64}
// EIGHT-COUNT-8: affine.load {{.*}} {gaus.start = 0 : i64}
// EIGHT: affine.store {{.*}} {gaus.start = 17 : i64}
// EIGHT-NEXT: } {gaus.ii = 1 : i64, gaus.latency = 18 : i64, gaus.start = 0 : i64}

// gaus-verify re-extracts the problem with its own options: checked against
// the default single port, the 2-port schedule is (rightly) rejected.
// MISMATCH: fir.mlir:{{[0-9]+}}:11: error: fir8_loop0: resource limit violated: 2 operations use '@mem_arg0' (limit 1) in congruence class 0 (mod II 4)
