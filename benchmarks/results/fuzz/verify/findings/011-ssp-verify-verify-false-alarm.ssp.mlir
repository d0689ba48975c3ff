// PIPELINE: builtin.module(gaus-verify)
// FINDING: verify-false-alarm: gaus-verify rejects a schedule the checker accepts: /tmp/gaus-fuzz-0pzbzosw/input.ssp.mlir:13:5: error: resource limit violated: 3 operations use '@r0' (limit 2) in step 4: '@o0', '@o0', '@o2'
// SEED: 5281 (ssp-verify)
ssp.instance @p of "SharedResourcesProblem" {
  library {
    operator_type @t0 [latency<1>, blocking<4>]
    operator_type @t1 [latency<3>]
  }
  resource {
    resource_type @r0 [limit<2>]
    resource_type @r1 [limit<2>]
  }
  graph {
    %0 = operation<@t0> @o0() uses[@r0, @r0] [t<4>]
    %1 = operation<@t1> @o1() [t<0>]
    %2 = operation<@t0> @o2() uses[@r0, @r1] [t<3>]
  }
}
