// ISSUE: 12 item 8 - fds latency-bound=1000000000 must not allocate per step.
// PIPELINE: builtin.module(gaus-schedule{method=fds latency-bound=1000000000})
// EXPECT: any
ssp.instance @t of "SharedOperatorsProblem" {
  library {
    operator_type @op [latency<1>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@op> @a() uses[@r]
    operation<@op> @b(%0) uses[@r]
  }
}
