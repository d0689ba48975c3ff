// ISSUE: 12 internal errors, item 5 - a log= path that cannot be written: a
// located error, or (where no relaxation runs and so nothing is logged) at
// least a remark that says so - never silence.
// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=5 log=/nonexistent-dir/x/log.json})
// EXPECT: any
// OK-STDERR-RE: log
ssp.instance @t of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@op> @a()
    operation<@op> @b(%0)
  }
}
