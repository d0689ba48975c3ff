// Dot product of two 4-vectors of signed 8-bit inputs, widened to 32 bits
// before the multiplies (a narrow value held in a register costs 8 flip-flops
// a cycle, a widened one 32: where the extension sits matters).
//
//   gaus-opt examples/hardware/dot4_i8.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=lifetimes latency-bound=6 limits=muli:2},gaus-verify,gaus-emit-verilog{output=dot4_i8.sv})'
func.func @dot4_i8(%a0: i8, %a1: i8, %a2: i8, %a3: i8, %b0: i8, %b1: i8, %b2: i8, %b3: i8) -> i32 {
  %x0 = arith.extsi %a0 : i8 to i32
  %y0 = arith.extsi %b0 : i8 to i32
  %x1 = arith.extsi %a1 : i8 to i32
  %y1 = arith.extsi %b1 : i8 to i32
  %x2 = arith.extsi %a2 : i8 to i32
  %y2 = arith.extsi %b2 : i8 to i32
  %x3 = arith.extsi %a3 : i8 to i32
  %y3 = arith.extsi %b3 : i8 to i32
  %p0 = arith.muli %x0, %y0 : i32
  %p1 = arith.muli %x1, %y1 : i32
  %p2 = arith.muli %x2, %y2 : i32
  %p3 = arith.muli %x3, %y3 : i32
  %s0 = arith.addi %p0, %p1 : i32
  %s1 = arith.addi %p2, %p3 : i32
  %s = arith.addi %s0, %s1 : i32
  return %s : i32
}
