// ISSUE: 12 item 13 - one divf in a branch and a second after it: the unit is busy 20 cycles.
// LIB: {"arith.divf": {"latency": 12, "blocking": 20}}
// PIPELINE: builtin.module(gaus-schedule{latency-library=keep-lib.json limits=divf:1})
// LIMITS: divf:1
// EXPECT: ok
func.func @f(%a: f32, %b: f32, %c: i1) -> f32 {
  scf.if %c {
    %y = arith.divf %a, %b : f32
  }
  %z = arith.divf %b, %a : f32
  return %z : f32
}
