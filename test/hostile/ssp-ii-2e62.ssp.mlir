// ISSUE: 12 item 4 - a valid schedule with II<2^62> and dist<2> must be accepted.
// PIPELINE: builtin.module(gaus-verify)
// EXPECT: ok
ssp.instance @huge of "CyclicProblem" [II<4611686018427387904>] {
  library {
    operator_type @op [latency<5>]
  }
  graph {
    %0 = operation<@op> @a(@b [dist<2>]) [t<0>]
    operation<@op> @b(%0) [t<5>]
  }
}
