// ISSUE: 12 item 8 - ims ii=1000000000: work must not scale with the number.
// PIPELINE: builtin.module(gaus-schedule{method=ims ii=1000000000})
// EXPECT: any
ssp.instance @m of "ModuloProblem" {
  library {
    operator_type @op [latency<2>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@op> @a(@b [dist<1>]) uses[@r]
    operation<@op> @b(%0) uses[@r]
  }
}
