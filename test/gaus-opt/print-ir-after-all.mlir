// RUN: gaus-opt %s --mlir-print-ir-after-all --pass-pipeline='builtin.module(gaus-schedule{method=asap},gaus-verify)' 2>&1 >/dev/null | FileCheck %s

// CHECK: // -----// IR Dump After GausSchedule (gaus-schedule) //----- //
// CHECK-NEXT: ssp.instance @tiny of "Problem" {
// CHECK: operation<@x>(%0) [t<2>]
// CHECK: // -----// IR Dump After GausVerify (gaus-verify) //----- //
ssp.instance @tiny of "Problem" {
  library {
    operator_type @x [latency<2>]
  }
  graph {
    %0 = operation<@x>()
    operation<@x>(%0)
  }
}
