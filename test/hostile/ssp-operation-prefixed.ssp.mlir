// ISSUE: 12 item 17 - the ssp.operation<...> spelling of CIRCT's tests.
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: ok
ssp.instance @Inst of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = ssp.operation<@op>()
    ssp.operation<@op> @last(%0)
  }
}
