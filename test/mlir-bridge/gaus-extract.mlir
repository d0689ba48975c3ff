// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-extract)' | FileCheck %s
// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-extract)' | gaus-opt - --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=RESCHED
// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-extract)' | not gaus-opt - --pass-pipeline='builtin.module(gaus-schedule{method=ims})' 2>&1 | FileCheck %s --check-prefix=IMS

// gaus-extract prints every region's problem as a CIRCT ssp.instance (in
// place of the IR): the pipelined loop as a ModuloProblem with the
// accumulator recurrence addf -> addf at distance 1, the function as a Problem
// in which the loop is one op of latency 1023*4 + 9 = 4101.
// CHECK: // Extracted by gaus-extract from {{.*}}reduction.mlir
// CHECK-NOT: func.func
// CHECK-LABEL: ssp.instance @dot_loop0 of "ModuloProblem" {
// CHECK: operator_type @memref.load [latency<2>]
// CHECK: operator_type @arith.mulf [latency<3>]
// CHECK: operator_type @arith.addf [latency<4>]
// CHECK: resource_type @mem_arg0 [limit<1>]
// CHECK: %0 = operation<@memref.load> @load0() uses[@mem_arg0]
// CHECK-NEXT: %1 = operation<@memref.load> @load1() uses[@mem_arg1]
// CHECK-NEXT: %2 = operation<@arith.mulf> @mulf2(%0, %1)
// CHECK-NEXT: %3 = operation<@arith.addf> @addf3(%3 [dist<1>], %2)
// CHECK-NEXT: operation<@scf.yield> @yield4(%3, @load0, @load1, @mulf2)
// CHECK-LABEL: ssp.instance @dot of "Problem" {
// CHECK: operator_type @loop0 [latency<4101>]
// CHECK: %4 = operation<@loop0> @for4(%0, %2, %1, %3)
// CHECK-NOT: t<

// The SSP text is a valid gaus-opt input: CP-SAT finds the same II and
// latencies as the MLIR pipeline.
// RESCHED: @dot_loop0 (ModuloProblem, 5 ops): method=cpsat latency=9 II=4 registers=0 lifetimes=0 status=OPTIMAL
// RESCHED: @dot (Problem, 6 ops): method=cpsat latency=4101 lower-bound=4101 registers=0 lifetimes=0 status=OPTIMAL

// On SSP input a method is applied as given to every instance: ims schedules
// the loop but refuses the function's acyclic Problem (a located error, no
// fallback; on MLIR input method=ims uses list scheduling for such regions).
// IMS: <stdin>:22:1: error: method 'ims' does not support a Problem (it schedules cyclic and modulo problems)
