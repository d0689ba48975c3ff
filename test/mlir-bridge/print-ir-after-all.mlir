// RUN: gaus-opt %s --mlir-print-ir-after-all --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule,cse,gaus-verify)' 2>&1 >/dev/null | FileCheck %s
// RUN: gaus-opt %s --mlir-print-ir-after-all --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule,cse,gaus-verify)' 2>/dev/null | FileCheck %s --check-prefix=OUT

// --mlir-print-ir-after-all dumps the IR (to stderr) after the upstream passes
// and after ours, in pipeline order; the scheduled IR still goes to stdout.
// CHECK: // -----// IR Dump After Canonicalizer (canonicalize) //----- //
// CHECK-NEXT: func.func @raw
// CHECK-NOT: gaus.
// CHECK: // -----// IR Dump After GausSchedule (gaus-schedule) //----- //
// CHECK-NEXT: module {
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// CHECK: // -----// IR Dump After CSE (cse) //----- //
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// CHECK: // -----// IR Dump After GausVerify (gaus-verify) //----- //
// CHECK-NOT: IR Dump
// OUT-NOT: IR Dump
// OUT: func.func @raw({{.*}}) attributes {gaus.latency = 378 : i64}
func.func @raw(%A: memref<64xf32>, %c: f32) {
  affine.for %i = 1 to 64 {
    %x = affine.load %A[%i - 1] : memref<64xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<64xf32>
  }
  return
}
