// ISSUE: 12 item 8 - a recurrence with latency 2^40 under ims.
// PIPELINE: builtin.module(gaus-schedule{method=ims})
// EXPECT: any
ssp.instance @m of "ModuloProblem" {
  library {
    operator_type @big [latency<1099511627776>]
    operator_type @op [latency<1>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@big> @a(@b [dist<1>]) uses[@r]
    operation<@op> @b(%0) uses[@r]
  }
}
