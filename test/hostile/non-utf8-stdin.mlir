// ISSUE: 12 internal errors - bytes that are not UTF-8 (the next line holds 0xff 0xfe).
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: any
// STDIN: yes
// ÿþÃ(
 func.func @f() {
  return
}
