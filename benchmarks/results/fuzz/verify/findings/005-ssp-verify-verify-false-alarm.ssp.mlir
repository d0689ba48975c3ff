// PIPELINE: builtin.module(gaus-verify)
// FINDING: verify-false-alarm: gaus-verify rejects a schedule the checker accepts: /tmp/gaus-fuzz-gszyo1qb/input.ssp.mlir:14:5: error: precedence violated: operation '@o2' starts at 1 with latency 1, but its successor '@o1' starts at 9223372036854775807 + dist 3 * II 4
// SEED: 5088 (ssp-verify)
ssp.instance @p of "ModuloProblem" [II<4>] {
  library {
    operator_type @t0 [latency<1>]
    operator_type @t1 [latency<4>]
    operator_type @t2 [latency<2>]
    operator_type @t3 [latency<1>, blocking<3>]
  }
  resource {
    resource_type @r0 [limit<1>]
    resource_type @r1 [limit<2>]
  }
  graph {
    %0 = operation<@t2> @o0() [t<0>]
    %1 = operation<@t2> @o1(%2 [dist<3>]) [t<9223372036854775807>]
    %2 = operation<@t3> @o2() uses[@r0, @r1] [t<1>]
    %3 = operation<@t1> @o3(%2 [dist<3>]) uses[@r1, @r1] [t<0>]
  }
}
