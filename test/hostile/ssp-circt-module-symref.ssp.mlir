// ISSUE: 12 item 17 - CIRCT's own tests name a library operator type through its
// module: operation<@SSPModule::@Lib::@Opr>.
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: ok
module @SSPModule {
  ssp.library @Lib {
    operator_type @Opr [latency<3>]
  }
  ssp.instance @Inst of "Problem" {
    library {
      operator_type @loc [latency<1>]
    }
    graph {
      %0 = operation<@SSPModule::@Lib::@Opr>()
      operation<@loc> @last(%0)
    }
  }
}
