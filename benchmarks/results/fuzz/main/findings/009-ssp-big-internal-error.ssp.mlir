// PIPELINE: builtin.module(gaus-schedule{method=lp cycle-time=5.98})
// FINDING: internal-error: gaus-opt: error: internal error: ValueError: start times violate a dependence; cannot compute z
// SEED: 1035 (ssp-big)
ssp.instance @p0 of "ChainingProblem" {
  library {
    operator_type @t0 [latency<4294967297>, incDelay<2.900000e-01 : f32>, outDelay<1.520000e+00 : f32>]
    operator_type @t2 [latency<6>, incDelay<2.360000e+00 : f32>, outDelay<9.500000e-01 : f32>]
    operator_type @t3 [latency<9223372036854775807>, incDelay<1.980000e+00 : f32>, outDelay<2.000000e-01 : f32>]
  }
  graph {
    %0 = operation<@t2> @o0()
    %1 = operation<@t0> @o1()
    %2 = operation<@t0> @o2(@o0)
    %3 = operation<@t2> @o3()
    %4 = operation<@t3> @o4(%0, %1, %2, %3)
    %5 = operation<@t3> @o5(%0, %1, %2, %4)
    %6 = operation<@t0> @o6(%0, %5)
  }
}
