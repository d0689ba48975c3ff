// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{mem-ports=0})' 2>&1 | FileCheck %s --check-prefix=PORTS
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{limits=mulf})' 2>&1 | FileCheck %s --check-prefix=LIMITS
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{limits=mulf:0})' 2>&1 | FileCheck %s --check-prefix=LIMIT0
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-verify{mem-ports=x})' 2>&1 | FileCheck %s --check-prefix=VERIFYPORTS

// Bad values of the MLIR-side options, located at the option:
// PORTS: <Pass-Pipeline>:1:30: error: invalid value '0' for option 'mem-ports' of 'gaus-schedule': expected a positive integer
// LIMITS: <Pass-Pipeline>:1:30: error: invalid value 'mulf' for option 'limits' of 'gaus-schedule': expected op-class:N pairs such as mulf:2,divf:1
// LIMIT0: <Pass-Pipeline>:1:30: error: invalid value 'mulf:0' for option 'limits' of 'gaus-schedule': expected a limit >= 1 for 'mulf'
// VERIFYPORTS: <Pass-Pipeline>:1:28: error: invalid value 'x' for option 'mem-ports' of 'gaus-verify': malformed value
func.func @f(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  return %m : f32
}
