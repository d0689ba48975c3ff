// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=20 batch=2})
// Found by the final fuzz campaign: GauS expanded a 2^32-step blocking time
// (MemoryError, 64 GiB); now a located error before allocating.
// EXPECT: error
// ERROR-RE: :6:1: error: .*blocked steps
ssp.instance @p0 of "SharedResourcesProblem" {
  library {
    operator_type @t0 [latency<2147483648>, limit<2>]
    operator_type @t1 [latency<2147483648>, blocking<4294967297>]
  }
  resource {
    resource_type @r0 [limit<2>]
  }
  graph {
    %0 = operation<@t1> @o0()
    %1 = operation<@t1> @o1(%0) uses[@r0]
    %2 = operation<@t0> @o2() uses[@r0]
    %3 = operation<@t1> @o3() uses[@r0]
    %4 = operation<@t0> @o4(%2) uses[@r0]
  }
}