// ISSUE: 12 item 19 - builtin.module(builtin.module(gaus-schedule)) schedules the
// inner module only, not the outer module's functions.
// PIPELINE: builtin.module(builtin.module(gaus-schedule))
// EXPECT: ok
// OUTPUT-NOT-RE: func\.func @outer\([^)]*\)[^{]*attributes \{[^}]*gaus\.
// OUTPUT-RE: func\.func @inner\([^)]*\)[^{]*attributes \{[^}]*gaus\.latency
module {
  func.func @outer(%a: f32) -> f32 {
    %r = arith.mulf %a, %a : f32
    return %r : f32
  }
  module {
    func.func @inner(%a: f32) -> f32 {
      %r = arith.mulf %a, %a : f32
      return %r : f32
    }
  }
}
