// ISSUE: 12 item 4 - t<1> + latency 2^63-1 > t<0>: verify must reject it, not wrap around
// (a latency beyond the supported range 2^62 is a located error at the value).
// PIPELINE: builtin.module(gaus-verify)
// EXPECT: error
// ERROR-RE: :8:\d+: error: latency 9223372036854775807 is outside the supported range
ssp.instance @wrap of "Problem" {
  library {
    operator_type @big [latency<9223372036854775807>]
    operator_type @z [latency<0>]
  }
  graph {
    %0 = operation<@big> @a() [t<1>]
    operation<@z> @b(%0) [t<0>]
  }
}
