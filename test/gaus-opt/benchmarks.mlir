// REQUIRES: benchmarks
// RUN: gaus-opt %benchmarks/express/arf.mlir --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=ARF
// RUN: gaus-opt %benchmarks/chstone/chstone_adpcm_graph2.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify)' | FileCheck %s --check-prefix=ADPCM
// RUN: gaus-opt %benchmarks/epfl/ctrl.mlir --pass-pipeline='builtin.module(gaus-schedule{method=list latency-bound=1.1x},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=CTRL

// The manifest's proven optimum for arf is 16.
// ARF: @arf (SharedOperatorsProblem, 29 ops): method=cpsat latency=16 lower-bound=14 registers=5 lifetimes=40 status=OPTIMAL
// ADPCM: ssp.instance @chstone_adpcm_graph2 of "ModuloProblem" [II<{{[0-9]+}}>]
// CTRL: @ctrl (SharedOperatorsProblem, {{[0-9]+}} ops): method=list peak=and_unit:{{[0-9]+}} latency-bound=
