// 4-tap FIR filter on signed 8-bit samples with constant coefficients:
// y = 3*x0 - 5*x1 + 7*x2 + 2*x3 + bias.  Each sample is widened to 32 bits
// before its multiply; with one multiplier (limits=muli:1) the products are
// serialised, and a sample widened too early is held 32 bits wide where its
// 8-bit input would do.
//
//   gaus-opt examples/hardware/fir4_i8.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=lifetimes latency-bound=9 limits=muli:1},gaus-verify,gaus-emit-verilog{output=fir4_i8.sv})'
func.func @fir4_i8(%x0: i8, %x1: i8, %x2: i8, %x3: i8, %bias: i16) -> i32 {
  %c3 = arith.constant 3 : i32
  %c5 = arith.constant 5 : i32
  %c7 = arith.constant 7 : i32
  %c2 = arith.constant 2 : i32
  %w0 = arith.extsi %x0 : i8 to i32
  %w1 = arith.extsi %x1 : i8 to i32
  %w2 = arith.extsi %x2 : i8 to i32
  %w3 = arith.extsi %x3 : i8 to i32
  %p0 = arith.muli %w0, %c3 : i32
  %p1 = arith.muli %w1, %c5 : i32
  %p2 = arith.muli %w2, %c7 : i32
  %p3 = arith.muli %w3, %c2 : i32
  %s0 = arith.subi %p0, %p1 : i32
  %s1 = arith.addi %p2, %p3 : i32
  %s = arith.addi %s0, %s1 : i32
  %b = arith.extsi %bias : i16 to i32
  %y = arith.addi %s, %b : i32
  return %y : i32
}
