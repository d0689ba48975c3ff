// ISSUE: 12 internal errors - a log= path that cannot be written.
// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=5 log=/nonexistent-dir/x/log.json})
// EXPECT: error
ssp.instance @t of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@op> @a()
    operation<@op> @b(%0)
  }
}
