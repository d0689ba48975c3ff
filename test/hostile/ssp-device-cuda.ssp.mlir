// ISSUE: 12 internal errors - device=cuda without a GPU: a located error (or it runs where CUDA is).
// PIPELINE: builtin.module(gaus-schedule{method=gaus iterations=5 device=cuda})
// EXPECT: any
ssp.instance @t of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@op> @a()
    operation<@op> @b(%0)
  }
}
