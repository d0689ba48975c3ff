// ISSUE: 12 internal errors - limit and distance >= 2^64.
// PIPELINE: builtin.module(gaus-schedule{method=cpsat time-limit=1})
// EXPECT: any
ssp.instance @o of "ModuloProblem" {
  library {
    operator_type @op [latency<1>]
  }
  resource {
    resource_type @r [limit<18446744073709551617>]
  }
  graph {
    %0 = operation<@op> @a(@b [dist<18446744073709551617>]) uses[@r]
    operation<@op> @b(%0) uses[@r]
  }
}
