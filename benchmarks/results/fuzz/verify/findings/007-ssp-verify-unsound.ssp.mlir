// PIPELINE: builtin.module(gaus-verify)
// FINDING: unsound: gaus-verify accepts a schedule the checker rejects: @p: precedence @o1 -> @o0 (dist 3): t=9223372036854775807+lat 3 > 0+3*II(4)
// SEED: 5124 (ssp-verify)
ssp.instance @p of "CyclicProblem" [II<4>] {
  library {
    operator_type @t0 [latency<3>]
  }
  graph {
    %0 = operation<@t0> @o0(%0 [dist<3>], %1 [dist<3>]) [t<0>]
    %1 = operation<@t0> @o1() [t<9223372036854775807>]
  }
}