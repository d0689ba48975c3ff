// ISSUE: 12 item 2 - a function with several blocks: either every op gets a
// gaus.start, or the function claims no gaus.latency (located remark).
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
func.func @f(%a: f32, %c: i1) -> f32 {
  %x = arith.mulf %a, %a : f32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %y = arith.divf %x, %a : f32
  return %y : f32
^bb2:
  %z = arith.addf %x, %a : f32
  return %z : f32
}
