// PIPELINE: builtin.module(gaus-schedule{method=lp})
// FINDING: internal-error: gaus-opt: error: internal error: ValueError: start times violate a dependence; cannot compute z
// SEED: 18 (ssp-big)
ssp.instance @p0 of "ChainingProblem" {
  library {
    operator_type @t0 [latency<9223372036854775807>, incDelay<1.340000e+00 : f32>, outDelay<7.900000e-01 : f32>]
    operator_type @t1 [latency<3>, incDelay<7.300000e-01 : f32>, outDelay<1.180000e+00 : f32>]
  }
  graph {
    %0 = operation<@t0> @o0()
    %1 = operation<@t1> @o1()
    %2 = operation<@t0> @o2(%0)
    %4 = operation<@t1> @o4(%0, %1, %2)
  }
}
ssp.instance @p1 of "ChainingProblem" {
  library {
    operator_type @t0 [latency<2>, incDelay<2.210000e+00 : f32>, outDelay<1.130000e+00 : f32>]
  }
  graph {
    %0 = operation<@t0> @o0()
  }
}
