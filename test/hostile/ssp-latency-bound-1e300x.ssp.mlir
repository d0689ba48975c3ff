// ISSUE: 12 internal errors - latency-bound=1e300x.
// PIPELINE: builtin.module(gaus-schedule{method=list latency-bound=1e300x})
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
