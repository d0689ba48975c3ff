// The README's hardware walkthrough and the examples' own commands: an affine
// Horner loop unrolled by upstream passes, scheduled by GauS for the fewest
// register bits x cycles within 16 cycles, verified, lowered to SystemVerilog.
// REQUIRES: circt
// RUN: gaus-opt %examples/hardware/horner.mlir --pass-pipeline='builtin.module(func.func(affine-loop-unroll{unroll-full-threshold=64}),canonicalize,gaus-schedule{method=gaus objective=lifetimes latency-bound=16},gaus-verify,gaus-emit-verilog{output=%t.sv})' --summary 2>&1 >/dev/null | FileCheck %s
// RUN: FileCheck %s --check-prefix=SV < %t.sv
// RUN: gaus-opt %examples/hardware/fir4_i8.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=lifetimes latency-bound=9 limits=muli:1},gaus-verify,gaus-emit-verilog{output=%t.fir.sv})' --summary 2>&1 >/dev/null | FileCheck %s --check-prefix=FIR
// RUN: gaus-opt %examples/hardware/dot_loop.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify,gaus-emit-circt)' | FileCheck %s --check-prefix=LOOP

// Horner is a chain: x is held until the last multiply starts (32 bits x 12
// cycles), 4 multipliers (3 x 32 registers each), 4 adders (32 each).
// CHECK: @horner (function at {{.*}}; Problem, 13 ops): method=gaus-registers latency=16 registers=32 lifetimes=384
// CHECK: remark: @horner: pipeline latency=16 flip-flops=912 (lifetimes 384 + units 512 + control 16)
// SV: module horner(
// SV: input {{.*}}arg0
// SV: output {{.*}}res0
// SV: output {{.*}}done

// FIR: @fir4_i8 {{.*}} latency=9 resources=muli:1/1 registers={{[0-9]+}} lifetimes=304
// FIR: remark: @fir4_i8: pipeline latency=9 flip-flops=825 (lifetimes 304 + units 512 + control 9)

// LOOP: loopschedule.pipeline II = 1 trip_count = 64
