// ISSUE: 12 internal errors - latency >= 2^63 (OverflowError before).
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: any
ssp.instance @o of "Problem" {
  library {
    operator_type @big [latency<9223372036854775808>]
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@big> @a()
    %1 = operation<@big> @b(%0)
    operation<@op> @c(%1)
  }
}
