// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{last-op-name=mid})' 2>&1 | FileCheck %s --check-prefix=LASTOP
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-bound=10})' 2>&1 | FileCheck %s --check-prefix=BOUND
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=lp cycle-time=2.5})' 2>&1 | FileCheck %s --check-prefix=CYCLE
// RUN: not gaus-opt %examples/fir.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims mem-ports=2})' 2>&1 | FileCheck %s --check-prefix=SSPPORTS
// RUN: not gaus-opt %examples/fir.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{latency-library=x.json})' 2>&1 | FileCheck %s --check-prefix=SSPLIB
// RUN: not gaus-opt %examples/fir.ssp.mlir --pass-pipeline='builtin.module(func.func(canonicalize))' 2>&1 | FileCheck %s --check-prefix=SSPUPSTREAM

// Options that apply only to SSP instances are refused on MLIR input (located
// at the option)...
// LASTOP: <Pass-Pipeline>:1:30: error: option 'last-op-name' of 'gaus-schedule' applies to SSP input, not to MLIR regions
// latency-bound applies to MLIR input only with a register objective.
// BOUND: <Pass-Pipeline>:1:30: error: option 'latency-bound' applies to MLIR input with objective=registers or lifetimes (straight-line regions minimise registers within it); SSP input takes it with any objective
// CYCLE: <Pass-Pipeline>:1:40: error: option 'cycle-time' of 'gaus-schedule' applies to SSP input, not to MLIR regions
// ... and the MLIR-only ones (and upstream passes) on SSP input.
// SSPPORTS: <Pass-Pipeline>:1:41: error: option 'mem-ports' of 'gaus-schedule' applies to MLIR input, not to SSP files
// SSPLIB: <Pass-Pipeline>:1:30: error: option 'latency-library' of 'gaus-schedule' applies to MLIR input, not to SSP files
// SSPUPSTREAM: <Pass-Pipeline>:1:16: error: 'func.func' is an MLIR pass or anchor; it cannot run on an SSP file
func.func @f(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  return %m : f32
}
