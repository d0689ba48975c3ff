// Complex multiply (ar + i*ai) * (br + i*bi) on 32-bit integers: four
// multipliers (3 cycles each) and an adder tree, straight-line code.
//
// To SystemVerilog (CIRCT pipeline, one module @complex_mul):
//   gaus-opt examples/hardware/complex_mul.mlir --pass-pipeline='builtin.module(gaus-schedule{method=gaus objective=lifetimes latency-bound=5},gaus-verify,gaus-emit-verilog{output=complex_mul.sv})'
func.func @complex_mul(%ar: i32, %ai: i32, %br: i32, %bi: i32) -> (i32, i32) {
  %rr = arith.muli %ar, %br : i32
  %ii = arith.muli %ai, %bi : i32
  %ri = arith.muli %ar, %bi : i32
  %ir = arith.muli %ai, %br : i32
  %re = arith.subi %rr, %ii : i32
  %im = arith.addi %ri, %ir : i32
  return %re, %im : i32, i32
}
