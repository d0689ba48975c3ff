// ISSUE: 12 item 6 - a gantt= chart must not be written when a later pass fails
// (here gaus-verify with slower multipliers than the schedule was made for).
// LIB: {"arith.mulf": 10}
// PIPELINE: builtin.module(gaus-schedule{gantt=side-chart.png},gaus-verify{latency-library=keep-lib.json})
// EXPECT: error
func.func @f(%a: f32) -> f32 {
  %r = arith.mulf %a, %a : f32
  %s = arith.mulf %r, %a : f32
  return %s : f32
}
