// RUN: echo '{"arith.addf": 7, "affine.load": 1}' > %t.json
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.json},gaus-verify{latency-library=%t.json})' | FileCheck %s --check-prefix=LIB
// RUN: echo '{"arith.addf": {"latency": 2, "blocking": 3}}' > %t.blocking.json
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.blocking.json limits=addf:1},gaus-verify{latency-library=%t.blocking.json limits=addf:1})' | FileCheck %s --check-prefix=BLOCKING
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' | FileCheck %s --check-prefix=DEFAULT

// latency-library=FILE.json overrides built-in latencies by op name.
// Sum reduction: the recurrence is addf -> iter_args -> addf (distance 1), so
// II = latency(addf).  Built-in: load 2, addf 4 -> II 4, latency 2+4 = 6.
// DEFAULT: arith.addf {{.*}} {gaus.start = 2 : i64}
// DEFAULT: } {gaus.ii = 4 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// With addf = 7 and load = 1: II 7, addf at 1, latency 1+7 = 8.
// LIB: arith.addf {{.*}} {gaus.start = 1 : i64}
// LIB: } {gaus.ii = 7 : i64, gaus.latency = 8 : i64, gaus.start = 0 : i64}
// An adder of latency 2 that holds its unit for 3 cycles (blocking 3, not fully
// pipelined) on one unit (limits=addf:1): the recurrence gives only 2 but the
// adder is busy 3 cycles per iteration: II = ResMII = 3; latency 2+2 = 4.
// BLOCKING: } {gaus.ii = 3 : i64, gaus.latency = 4 : i64, gaus.start = 0 : i64}
func.func @sum(%a: memref<64xf32>) -> f32 {
  %z = arith.constant 0.0 : f32
  %r = affine.for %i = 0 to 64 iter_args(%acc = %z) -> (f32) {
    %x = affine.load %a[%i] : memref<64xf32>
    %s = arith.addf %acc, %x : f32
    affine.yield %s : f32
  }
  return %r : f32
}
