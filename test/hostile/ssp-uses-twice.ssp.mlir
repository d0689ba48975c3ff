// ISSUE: 12 item 17 - uses[@r, @r] counts one unit of @r (CIRCT's verifyUtilization):
// both ops may not share a step, but each alone fits in limit 1.
// PIPELINE: builtin.module(gaus-schedule{method=list})
// EXPECT: ok
// OUTPUT-RE: @a\(\) uses\[@r, @r\] \[t<0>\]
ssp.instance @dup of "SharedOperatorsProblem" {
  library {
    operator_type @op [latency<1>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@op> @a() uses[@r, @r]
    operation<@op> @b(%0) uses[@r]
  }
}
