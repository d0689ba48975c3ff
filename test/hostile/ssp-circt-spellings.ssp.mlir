// ISSUE: 12 item 17 - CIRCT's own spellings: operation<@Instance::@Lib::@Opr>
// (a standalone library) must parse.
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: ok
ssp.library @Lib {
  operator_type @Opr [latency<3>]
}
ssp.instance @Inst of "Problem" {
  library {
    operator_type @loc [latency<1>]
  }
  graph {
    %0 = operation<@Lib::@Opr>()
    operation<@loc> @last(%0)
  }
}
