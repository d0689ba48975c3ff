// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=20 batch=2})
// FINDING: unsound: @p0: precedence @o2 -> @o1 (dist 2): t=9223372036854775807+lat 9223372036854775807 > 0+2*II(1)
// SEED: 1262 (ssp-big)
ssp.instance @p0 of "CyclicProblem" {
  library {
    operator_type @t1 [latency<9223372036854775807>]
  }
  graph {
    %1 = operation<@t1> @o1(%2 [dist<2>])
    %2 = operation<@t1> @o2(%1)
  }
}