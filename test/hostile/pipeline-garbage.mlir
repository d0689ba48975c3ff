// A pipeline string that is not one.
// PIPELINE: builtin.module(gaus-schedule{method=list ii=},,func.func(
// EXPECT: error
// ERROR-RE: ^<Pass-Pipeline>:1:\d+: error:
func.func @f() {
  return
}
