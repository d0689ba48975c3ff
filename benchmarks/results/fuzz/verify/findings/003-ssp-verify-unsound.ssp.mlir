// PIPELINE: builtin.module(gaus-verify)
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @p: precedence @o0 -> @o1 (dist 0): t=9223372036854775807+lat 5 > 5+0*II(None)
// SEED: 5048 (ssp-verify)
ssp.instance @p of "SharedOperatorsProblem" {
  library {
    operator_type @t0 [latency<5>]
  }
  resource {
    resource_type @r0 [limit<1>]
    resource_type @r1 [limit<3>]
  }
  graph {
    %0 = operation<@t0> @o0() [t<9223372036854775807>]
    %1 = operation<@t0> @o1(%0) uses[@r0, @r1] [t<5>]
  }
}