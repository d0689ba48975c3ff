// ISSUE: 12 item 8 - blocking<100000000000> under list scheduling.
// PIPELINE: builtin.module(gaus-schedule{method=list})
// EXPECT: any
ssp.instance @b of "SharedOperatorsProblem" {
  library {
    operator_type @div [latency<1>, blocking<100000000000>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@div> @a() uses[@r]
    %1 = operation<@div> @b() uses[@r]
    operation<@div> @c(%0, %1) uses[@r]
  }
}
