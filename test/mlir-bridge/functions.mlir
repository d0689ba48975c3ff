// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule,gaus-verify)' --summary 2>%t.summary | FileCheck %s
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.summary
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' | %mlir-opt | FileCheck %s

// Every function with a body is scheduled, also in nested modules;
// declarations are left alone.  Integer latencies: muli 3, addi 1, divsi 36.
// CHECK: func.func private @decl(f32) -> f32{{$}}
// CHECK: func.func @empty() attributes {gaus.latency = 0 : i64}
// CHECK: module @inner
// CHECK: func.func @in_nested({{.*}}) -> i32 attributes {gaus.latency = 4 : i64}
// CHECK-NEXT: arith.muli {{.*}} {gaus.start = 0 : i64}
// CHECK-NEXT: arith.addi {{.*}} {gaus.start = 3 : i64}
// CHECK: func.func @outer({{.*}}) -> i32 attributes {gaus.latency = 36 : i64}
// SUMMARY: @empty (function at [[# @LINE + 4]]:1; Problem, 0 ops): method=list latency=0
// SUMMARY-NEXT: @in_nested (function at [[# @LINE + 7]]:3; Problem, 2 ops): method=list latency=4
// SUMMARY-NEXT: @outer (function at [[# @LINE + 12]]:1; Problem, 1 ops): method=list latency=36
func.func private @decl(f32) -> f32
func.func @empty() {
  return
}
module @inner {
  func.func @in_nested(%a: i32) -> i32 {
    %m = arith.muli %a, %a : i32
    %s = arith.addi %m, %a : i32
    return %s : i32
  }
}
func.func @outer(%a: i32) -> i32 {
  %d = arith.divsi %a, %a : i32
  return %d : i32
}
