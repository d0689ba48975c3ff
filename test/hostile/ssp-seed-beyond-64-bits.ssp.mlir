// ISSUE: 12 internal errors - seed= beyond 64 bits.
// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=5 seed=100000000000000000000000000})
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
