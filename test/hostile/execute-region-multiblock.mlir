// ISSUE: 12 item 2 - a multi-block scf.execute_region: its blocks do not run in parallel.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
func.func @f(%a: f32, %c: i1) -> f32 {
  %r = scf.execute_region -> f32 {
    %x = arith.mulf %a, %a : f32
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    %y = arith.divf %x, %a : f32
    scf.yield %y : f32
  ^bb2:
    scf.yield %x : f32
  }
  return %r : f32
}
