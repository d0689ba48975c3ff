// ISSUE: 12 messages - gaus.latency = 200 : i8 (reads as -56 when signed).
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: any
func.func @f(%a: f32) -> f32 {
  %r = arith.mulf %a, %a {gaus.latency = 200 : i8} : f32
  return %r : f32
}
