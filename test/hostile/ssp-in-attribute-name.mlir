// ISSUE: 12 messages - valid MLIR with a line that starts with ssp.instance
// (here an attribute name) is MLIR, not SSP.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
// OUTPUT-RE: gaus\.latency = 3
func.func @f(%a: f32) -> f32 attributes {
ssp.instance = "of"} {
  %r = arith.mulf %a, %a : f32
  return %r : f32
}
