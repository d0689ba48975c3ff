// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=20 batch=2})
// FINDING: internal-error: gaus-opt: error: internal error: OverflowError: Python int too large to convert to C long
// SEED: 1000 (ssp-big)
ssp.instance @p0 of "ChainingCyclicProblem" {
  library {
    operator_type @t0 [latency<0>, incDelay<1.570000e+00 : f32>, outDelay<1.570000e+00 : f32>]
    operator_type @t1 [latency<4294967297>, incDelay<2.140000e+00 : f32>, outDelay<3.910000e+00 : f32>]
    operator_type @t3 [latency<5>, incDelay<2.660000e+00 : f32>, outDelay<9.100000e-01 : f32>]
  }
  graph {
    %0 = operation<@t1> @o0(@o0 [dist<18446744073709551619>])
    %1 = operation<@t3> @o1(@o1 [dist<1>], @o2 [dist<4611686018427387904>], @o4 [dist<3>])
    %2 = operation<@t1> @o2()
    %3 = operation<@t0> @o3(%1, %2)
    %4 = operation<@t1> @o4(%0, %2, %3)
  }
}