// An input with nothing but comments.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
