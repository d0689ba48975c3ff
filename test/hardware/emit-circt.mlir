// gaus-emit-circt: a scheduled straight-line function becomes a CIRCT
// pipeline.scheduled, stage k holding the ops with gaus.start = k, parsed and
// printed by CIRCT itself.  The schedule is written by hand here:
//   muli (3 cycles) at 0, extsi (0) at 2, addi (1) at 3: returns at 4.
// %b is read at 0 only; %c (i8) is read by extsi at 2, so it is held in
// registers across boundaries 0->1 and 1->2; the extended value is read in
// its own stage (no register); the multiplier is a 3-register unit whose
// result passes (no register) through stages 1..3; the sum is ready at 4.
// REQUIRES: circt
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-verify,gaus-emit-circt)' --summary 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.err
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-emit-verilog)' | FileCheck %s --check-prefix=SV

// CHECK: hw.module @mac(in %arg0 : i32, in %arg1 : i32, in %arg2 : i8, in %go : i1, in %clock : !seq.clock, in %reset : i1, out res0 : i32, out done : i1)
// CHECK: pipeline.scheduled(%[[A:.*]] : i32 = %arg0, %[[B:.*]] : i32 = %arg1, %[[C:.*]] : i8 = %arg2) clock(%clock) reset(%reset) go(%go) entryEn(%s0_enable)
// CHECK: %[[M:.*]] = pipeline.latency 3 -> (i32) {
// CHECK-NEXT: arith.muli %[[A]], %[[B]]
// CHECK-NEXT: seq.compreg
// CHECK-NEXT: seq.compreg
// CHECK-NEXT: seq.compreg
// CHECK-NEXT: pipeline.latency.return
// CHECK: pipeline.stage ^bb1 regs(%[[C]] : i8) pass(%[[M]] : i32)
// CHECK: ^bb1(%[[C1:.*]]: i8, %[[M1:.*]]: i32, %s1_enable: i1):
// CHECK-NEXT: pipeline.stage ^bb2 regs(%[[C1]] : i8) pass(%[[M1]] : i32)
// CHECK: ^bb2(%[[C2:.*]]: i8, %[[M2:.*]]: i32, %s2_enable: i1):
// CHECK-NEXT: %[[E:.*]] = arith.extsi %[[C2]] : i8 to i32
// CHECK-NEXT: pipeline.stage ^bb3 regs(%[[E]] : i32) pass(%[[M2]] : i32)
// CHECK: ^bb3(%[[E3:.*]]: i32, %[[M3:.*]]: i32, %s3_enable: i1):
// CHECK: pipeline.latency 1 -> (i32)
// CHECK-NEXT: arith.addi %[[M3]], %[[E3]]
// CHECK: ^bb4(%[[S:.*]]: i32, %s4_enable: i1):
// CHECK-NEXT: pipeline.return %[[S]] : i32

// Flip-flops: arguments 8 x 2 cycles + extended value 32 x 1 (lifetimes 48),
// units 3 x 32 + 1 x 32 = 128, one valid bit per stage after the first: 4.
// SUMMARY: emit-circt.mlir:[[# @LINE + 6]]:1: remark: @mac: pipeline latency=4 flip-flops=180 (lifetimes 48 + units 128 + control 4)

// SV: module mac(
// SV: input {{.*}}go
// SV: output {{.*}}done

func.func @mac(%a: i32, %b: i32, %c: i8) -> i32 attributes {gaus.latency = 4 : i64} {
  %x = arith.muli %a, %b {gaus.start = 0 : i64} : i32
  %e = arith.extsi %c {gaus.start = 2 : i64} : i8 to i32
  %s = arith.addi %x, %e {gaus.start = 3 : i64} : i32
  return %s : i32
}

