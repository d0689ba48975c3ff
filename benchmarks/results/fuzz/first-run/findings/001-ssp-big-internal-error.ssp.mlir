// PIPELINE: builtin.module(gaus-schedule{method=ims})
// FINDING: internal-error: gaus-opt: error: internal error: OverflowError: Python int too large to convert to C long
// SEED: 1 (ssp-big)
ssp.instance @p0 of "ModuloProblem" {
  library {
  }
  resource {
    resource_type @r0 [limit<2>]
  }
  graph {
  }
}
ssp.instance @p1 of "ModuloProblem" {
  library {
    operator_type @t0 [latency<18446744073709551619>]
  }
  resource {
    resource_type @r0 [limit<2>]
    resource_type @r1 [limit<3>]
  }
  graph {
    %0 = operation<@t0> @o0() uses[@r0, @r1]
    %7 = operation<@t0> @o7() uses[@r1]
  }
}
