// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=20 batch=2})
// FINDING: timeout: no answer within 20.2 s
// SEED: 1032 (ssp-big)
ssp.instance @p0 of "ModuloProblem" {
  library {
    operator_type @t0 [latency<4>]
    operator_type @t1 [latency<4>, blocking<4611686018427387904>]
    operator_type @t2 [latency<4611686018427387904>]
    operator_type @t3 [latency<4611686018427387904>, blocking<1>]
  }
  resource {
    resource_type @r0 [limit<2>]
    resource_type @r1 [limit<4611686018427387904>]
    resource_type @r2 [limit<2147483648>]
  }
  graph {
    %0 = operation<@t1> @o0(%0 [dist<3>]) uses[@r0]
  }
}
