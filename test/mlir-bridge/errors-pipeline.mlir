// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-frobnicate)' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(func.func(frobnicate))' 2>&1 | FileCheck %s --check-prefix=UPSTREAM
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(func.func(canonicalize),gaus-schedule{flavour=mild})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-frobnicate)' 2>/dev/null | count 0

// Pipeline errors on MLIR input are located in the pipeline string, before
// the input is read (exit 1, nothing on stdout).  Unknown passes (ours or
// upstream) and unknown options:
// UNKNOWN: <Pass-Pipeline>:1:16: error: 'gaus-frobnicate' does not refer to a registered pass
// UPSTREAM: <Pass-Pipeline>:1:{{[0-9]+}}: error: 'frobnicate' does not refer to a registered pass
// OPTION: <Pass-Pipeline>:1:54: error: 'gaus-schedule' has no option 'flavour'
func.func @f(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  return %m : f32
}
