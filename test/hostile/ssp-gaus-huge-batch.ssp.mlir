// ISSUE: 12 item 8 - gaus batch=100000000 and iterations=10^12 need a located error or a cap.
// PIPELINE: builtin.module(gaus-schedule{method=gaus batch=100000000 iterations=1000000000000 time-limit=2})
// EXPECT: any
ssp.instance @t of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@op> @a()
    operation<@op> @b(%0)
  }
}
