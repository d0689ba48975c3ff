// PIPELINE: builtin.module(gaus-schedule{method=list})
// FINDING: internal-error: gaus-opt: error: internal error: OverflowError: Python int too large to convert to C long
// SEED: 1020 (ssp-mutated)
ssp.instance @p0 of "Problem" {
  library {
  }
  graph {
  }
}
ssp.instance @p1 of "Problem" {
  library {
    operator_type @t0 [latency<922337203682233720368223372036854775807>]
    operator_type @t2 [latency<1>]
    operator_type @t3 [latency<4294967297>]
  }
  graph {
    %0 = operation<@t2> @o0()
  }
}