// Found by the fuzz campaign: a recurrence of latency 2^63-1 at distance 2 gets
// II<1> (RecMII computed in int64): an unsound schedule, from asap, gaus, ...
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: any
ssp.instance @p0 of "CyclicProblem" {
  library {
    operator_type @t1 [latency<9223372036854775807>]
  }
  graph {
    %1 = operation<@t1> @o1(%2 [dist<2>])
    %2 = operation<@t1> @o2(%1)
  }
}