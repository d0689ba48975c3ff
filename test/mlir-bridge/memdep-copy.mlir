// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s --check-prefix=SSP
// RUN: echo '{"memref.copy": {"latency": 64, "blocking": 8}}' > %t.json
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.json},gaus-verify{latency-library=%t.json})' | FileCheck %s --check-prefix=LIB

// memref.copy streams a whole memref: it uses the port of its source and of
// its target for its whole latency (unless the library gives a blocking time)
// and is ordered against the accesses it may conflict with (issue 12, item 14).

// A 64-cycle copy of %A and a load of %A on one port cannot overlap.  The
// copy (the longer path to the return) goes first at 0, holding the ports of
// %A and %B for cycles 0..63; the load of %A waits for cycle 64; return at
// 64 + 2 = 66.  Before the fix both started at 0.
// CHECK-LABEL: func.func @copy_port(
// CHECK-SAME: attributes {gaus.latency = 66 : i64}
// CHECK: memref.copy {{.*}}gaus.start = 0 : i64
// CHECK: affine.load {{.*}} {gaus.start = 64 : i64}
// SSP-LABEL: ssp.instance @copy_port
// SSP: operator_type @memref.copy.lat64 [latency<64>, blocking<64>]
// SSP: operation<@memref.copy.lat64> @copy0() uses[@mem_arg0, @mem_arg1]
// SSP: operation<@affine.load> @load1() uses[@mem_arg0]
// With blocking 8 from the library the ports are free again at 8: load at 8.
// LIB-LABEL: func.func @copy_port(
// LIB-SAME: attributes {gaus.latency = 64 : i64}
// LIB: memref.copy {{.*}}gaus.start = 0 : i64
// LIB: affine.load {{.*}} {gaus.start = 8 : i64}
func.func @copy_port(%A: memref<64xf32>, %B: memref<64xf32>) -> f32 {
  memref.copy %A, %B {gaus.latency = 64 : i64} : memref<64xf32> to memref<64xf32>
  %x = affine.load %A[0] : memref<64xf32>
  return %x : f32
}

// In a pipelined loop the port of %A is busy 64 cycles for the copy and one
// for the load in every iteration: ResMII = II = 65 (before the fix: 64, the
// copy's self-recurrence only).  Copy 0, load 64, yield 66.
// CHECK-LABEL: func.func @copy_loop(
// CHECK: } {gaus.ii = 65 : i64, gaus.latency = 66 : i64, gaus.start = 0 : i64}
func.func @copy_loop(%A: memref<64xf32>, %B: memref<64xf32>) {
  affine.for %i = 0 to 4 {
    memref.copy %A, %B {gaus.latency = 64 : i64} : memref<64xf32> to memref<64xf32>
    %x = affine.load %A[%i] : memref<64xf32>
  }
  return
}

// The copy writes %B: the load of %B[3] before it must finish first (WAR,
// load 0..2, copy at 2), the store to %B after it waits for its end (WAW,
// 2 + 64 = 66); the load of %C is independent (0).  Return at 67.
// CHECK-LABEL: func.func @copy_order(
// CHECK-SAME: attributes {gaus.latency = 67 : i64}
// CHECK: affine.load {{.*}} {gaus.start = 0 : i64}
// CHECK: memref.copy {{.*}}gaus.start = 2 : i64
// CHECK: affine.store {{.*}} {gaus.start = 66 : i64}
// CHECK: affine.load {{.*}} {gaus.start = 0 : i64}
func.func @copy_order(%A: memref<64xf32>, %B: memref<64xf32>, %C: memref<64xf32>, %v: f32) -> f32 {
  %x = affine.load %B[3] : memref<64xf32>
  memref.copy %A, %B {gaus.latency = 64 : i64} : memref<64xf32> to memref<64xf32>
  affine.store %v, %B[5] : memref<64xf32>
  %y = affine.load %C[0] : memref<64xf32>
  return %x : f32
}
