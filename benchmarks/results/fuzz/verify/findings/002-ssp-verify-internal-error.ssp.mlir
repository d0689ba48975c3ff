// PIPELINE: builtin.module(gaus-verify)
// FINDING: internal-error: OverflowError: Python int too large to convert to C long
// SEED: 5017 (ssp-verify)
ssp.instance @p of "ModuloProblem" [II<5>] {
  library {
    operator_type @t1 [latency<1>, blocking<3>]
  }
  resource {
  }
  graph {
    %0 = operation<@t1> @o0() [t<18446744073709551614>]
  }
}