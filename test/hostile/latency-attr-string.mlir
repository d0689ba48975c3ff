// ISSUE: 12 item 5 - gaus.latency = "3" (a string) is not a latency: located error.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: error
// ERROR-RE: :6:\d+: error: .gaus.latency. on .arith.mulf. must be an integer attribute
func.func @f(%a: f32) -> f32 {
  %r = arith.mulf %a, %a {gaus.latency = "3"} : f32
  return %r : f32
}
