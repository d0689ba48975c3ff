// PIPELINE: builtin.module(gaus-verify)
// FINDING: verify-false-alarm: gaus-verify rejects a schedule the checker accepts: /tmp/gaus-fuzz-ul8jhjtv/input.ssp.mlir:17:5: error: resource limit violated: 3 operations use '@r0' (limit 2) in congruence class 0 (mod II 12): '@o3', '@o3', '@o6'
// SEED: 6092 (ssp-verify)
ssp.instance @p of "ModuloProblem" [II<12>] {
  library {
    operator_type @t0 [latency<6>, blocking<4>]
  }
  resource {
    resource_type @r0 [limit<2>]
    resource_type @r1 [limit<2>]
    resource_type @r2 [limit<1>]
  }
  graph {
    %0 = operation<@t0> @o0(%0 [dist<2>]) [t<0>]
    %1 = operation<@t0> @o1(%0, %4 [dist<2>]) uses[@r0, @r1] [t<6>]
    %2 = operation<@t0> @o2() [t<0>]
    %3 = operation<@t0> @o3(%2) uses[@r0, @r0] [t<10>]
    %4 = operation<@t0> @o4(%1) uses[@r1, @r2] [t<12>]
    %5 = operation<@t0> @o5(%3 [dist<3>]) uses[@r0] [t<2>]
    %6 = operation<@t0> @o6(%4, %5 [dist<2>]) uses[@r0] [t<21>]
  }
}
