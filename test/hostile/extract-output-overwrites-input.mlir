// ISSUE: 12 item 6 - gaus-extract{output=} naming the input, then a failing pass:
// the input must survive (outputs are written only after every pass succeeded).
// PIPELINE: builtin.module(gaus-extract{output=input.mlir},gaus-verify)
// EXPECT: error
func.func @f(%a: f32) -> f32 {
  %r = arith.mulf %a, %a : f32
  return %r : f32
}
