// ISSUE: 12 item 17 - CIRCT's own tests name a library operator type through a
// stand-alone library (@Lib::@Opr) or through the module that holds one
// (@SomeModule::@Lib::@Opr): latency 2 from the module's library, then 1.
// PIPELINE: builtin.module(gaus-schedule{method=asap})
// EXPECT: ok
// OUTPUT-RE: @last\(%1\) \[t<3>\]
ssp.library @Lib {
  operator_type @Opr [latency<1>]
}
module @SomeModule {
  ssp.library @Lib {
    operator_type @Opr [latency<2>]
  }
}
ssp.instance @Inst of "Problem" {
  library {
    operator_type @loc [latency<1>]
  }
  graph {
    %0 = operation<@SomeModule::@Lib::@Opr>()
    %1 = operation<@Lib::@Opr>(%0)
    operation<@loc> @last(%1)
  }
}
