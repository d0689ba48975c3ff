// --split-input-file with an SSP chunk and an MLIR chunk.
// PIPELINE: builtin.module(gaus-schedule{method=list})
// ARGS: --split-input-file
// EXPECT: ok
func.func @f(%a: f32) -> f32 {
  %r = arith.mulf %a, %a : f32
  return %r : f32
}
// -----
ssp.instance @p of "Problem" {
  library {
    operator_type @op [latency<1>]
  }
  graph {
    %0 = operation<@op> @a()
    operation<@op> @b(%0)
  }
}
