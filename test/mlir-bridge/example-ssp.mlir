// RUN: gaus-opt %examples/fir.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify)' --summary 2>%t.fir | FileCheck %s --check-prefix=FIR
// RUN: FileCheck %s --check-prefix=FIRSUM < %t.fir
// RUN: gaus-opt %examples/dct_butterfly.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=DCT
// RUN: gaus-opt %examples/dct_butterfly.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{method=list})' | gaus-opt --pass-pipeline='builtin.module(gaus-verify)' | FileCheck %s --check-prefix=DCTLIST

// The SSP examples: the problem kinds themselves (Problem, CyclicProblem,
// SharedOperatorsProblem, ModuloProblem, ChainingProblem) are covered one by
// one in test/gaus-opt; this checks the two example files end to end.
//
// fir.ssp.mlir (ModuloProblem): ld_x and st_y share one mem_port -> ResMII 2;
// four muls on two dsps -> 2; the shift-register recurrences have latency 0.
// II = 2.  Latency: ld_x 0..2, m0 2..5, a0 5..6, a2 6..7, st_y 7..8, so @last
// is at 8, the critical path.
// FIR: ssp.instance @fir4 of "ModuloProblem" [II<2>] {
// FIR: operation<@load> @ld_x() uses[@mem_port] [t<0>]
// FIR: operation<@store> @st_y(%{{.*}}) uses[@mem_port] [t<7>]
// FIR: operation<@sink> @last(@st_y, @x3) [t<8>]
// FIRSUM: @fir4 (ModuloProblem, 13 ops): method=ims latency=8 II=2

// dct_butterfly.ssp.mlir (SharedOperatorsProblem): CP-SAT proves 9 optimal
// (the critical path with the 2-port loads is 8).
// List scheduling (ALAP priority) needs one step more.
// DCT: @dct4 (SharedOperatorsProblem, 22 ops): method=cpsat latency=9 lower-bound=8 registers=3 lifetimes=11 status=OPTIMAL
// DCTLIST: ssp.instance @dct4 of "SharedOperatorsProblem" {
// DCTLIST: operation<@sink> @last(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) [t<10>]
