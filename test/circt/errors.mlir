// REQUIRES: circt
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=list})' 2>&1 | FileCheck %s
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=list})' 2>/dev/null | count 0
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-verify)' 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=circt})' 2>&1 | FileCheck %s --check-prefix=CIRCT
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(any(gaus-schedule))' 2>&1 | FileCheck %s --check-prefix=NESTED
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-extract)' 2>&1 | FileCheck %s --check-prefix=EXTRACT

// Located errors on CIRCT pipeline input (file:line:col of the op).
// NESTED: <Pass-Pipeline>:1:20: error: on CIRCT input, 'gaus-schedule' runs at the top level of the pipeline
// EXTRACT: <Pass-Pipeline>:1:16: error: pass 'gaus-extract' does not run on CIRCT pipeline input

// CHECK: errors.mlir:[[# @LINE + 9]]:12: error: 'comb.mul' has no 'ssp.operator_type' attribute (every non-constant op needs one)
module {
  ssp.library @lib {
    operator_type @add1 [latency<2>]
  }
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out out: i32) {
    %0:2 = pipeline.unscheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable)
      {operator_lib = @lib} -> (out: i32) {
      %0 = comb.add %a0, %a0 {ssp.operator_type = @add1} : i32
      %1 = comb.mul %a0, %0 : i32
      pipeline.return %1 : i32
    }
    hw.output %0#0 : i32
  }
}

// -----

// CHECK: errors.mlir:[[# @LINE + 8]]:12: error: operator type '@mul9' not found in operator library '@lib'
module {
  ssp.library @lib {
    operator_type @add1 [latency<2>]
  }
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out out: i32) {
    %0:2 = pipeline.unscheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable)
      {operator_lib = @lib} -> (out: i32) {
      %0 = comb.mul %a0, %a0 {ssp.operator_type = @mul9} : i32
      pipeline.return %0 : i32
    }
    hw.output %0#0 : i32
  }
}

// -----

// CHECK: errors.mlir:[[# @LINE + 6]]:12: error: missing 'operator_lib' attribute
module {
  ssp.library @lib {
    operator_type @add1 [latency<2>]
  }
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out out: i32) {
    %0:2 = pipeline.unscheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable) -> (out: i32) {
      %0 = comb.add %a0, %a0 {ssp.operator_type = @add1} : i32
      pipeline.return %0 : i32
    }
    hw.output %0#0 : i32
  }
}

// -----

// A syntax error, located by CIRCT's parser.
// CHECK: errors.mlir:[[# @LINE + 4]]:30: error: expected SSA operand
module {
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1) {
    %0 = pipeline.unscheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable) -> () {
      %0 = comb.add %a0, %a0, : i32
      pipeline.return
    }
    hw.output
  }
}

// -----

// The library limits @mul2 to one start per stage: list keeps it, CIRCT's
// linear scheduler cannot (a located error at the pipeline, no output).
// CIRCT: errors.mlir:[[# @LINE + 6]]:12: error: @p: method 'circt' does not support a SharedOperatorsProblem whose resource limits apply
module {
  ssp.library @lib {
    operator_type @mul2 [latency<3>, limit<1>]
  }
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out out: i32) {
    %0:2 = pipeline.unscheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable)
      {operator_lib = @lib} -> (out: i32) {
      %0 = comb.mul %a0, %a0 {ssp.operator_type = @mul2} : i32
      %1 = comb.mul %a0, %a0 {ssp.operator_type = @mul2} : i32
      %2 = comb.add %0, %1 {ssp.operator_type = @mul2} : i32
      pipeline.return %2 : i32
    }
    hw.output %0#0 : i32
  }
}

// -----

// gaus-verify: a scheduled pipeline whose mul (latency 3) feeds an add one
// stage later breaks the dependence (located at the add).
// VERIFY: errors.mlir:[[# @LINE + 12]]:12: error: @p: precedence violated: operation #0 starts at 0 with latency 3, but its successor #1 starts at 1
module {
  ssp.library @lib {
    operator_type @add1 [latency<2>]
    operator_type @mul3 [latency<3>]
  }
  hw.module @p(in %arg0 : i32, in %go : i1, in %clk : !seq.clock, in %rst : i1, out out : i32) {
    %out, %done = pipeline.scheduled(%a0 : i32 = %arg0) clock(%clk) reset(%rst) go(%go) entryEn(%s0_enable)  -> (out : i32) {
      %0 = comb.mul %a0, %a0 {ssp.operator_type = @mul3} : i32
      pipeline.stage ^bb1
    ^bb1(%s1_enable: i1):
      %1 = pipeline.src %0 : i32
      %2 = comb.add %1, %1 {ssp.operator_type = @add1} : i32
      pipeline.stage ^bb2
    ^bb2(%s2_enable: i1):
      pipeline.stage ^bb3
    ^bb3(%s3_enable: i1):
      %3 = pipeline.src %2 : i32
      pipeline.return %3 : i32
    }
    hw.output %out : i32
  }
}
