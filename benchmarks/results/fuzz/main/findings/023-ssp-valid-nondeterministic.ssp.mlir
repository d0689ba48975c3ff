// PIPELINE: builtin.module(gaus-schedule{method=cpsat time-limit=1})
// FINDING: nondeterministic: second run: exit 0, output differs
// SEED: 1216 (ssp-valid)
ssp.instance @p0 of "ModuloProblem" {
  library {
    operator_type @t0 [latency<1>, blocking<4>, limit<1>]
  }
  resource {
    resource_type @r0 [limit<1>]
    resource_type @r1 [limit<1>]
    resource_type @r2 [limit<1>]
  }
  graph {
    %0 = operation<@t0> @o0(@o0 [dist<1>])
    %1 = operation<@t0> @o1() uses[@r1, @r2]
    %2 = operation<@t0> @o2(%0 [dist<1>], @o2 [dist<2>]) uses[@r0, @r2]
    %3 = operation<@t0> @o3(%1, %10 [dist<1>]) uses[@r0, @r1, @r2]
    %4 = operation<@t0> @o4(%0 [dist<3>]) uses[@r0, @r2]
    %5 = operation<@t0> @o5(@o5 [dist<2>])
    %6 = operation<@t0> @o6(%0, %1, %3 [dist<3>], %7 [dist<2>])
    %7 = operation<@t0> @o7(%0, %1, %9 [dist<2>], @o4 [dist<1>])
    %8 = operation<@t0> @o8(%0, %2, %6, @o7 [dist<1>]) uses[@r0]
    %9 = operation<@t0> @o9(%0, %8 [dist<1>], @o1 [dist<3>]) uses[@r0, @r1, @r2]
    %10 = operation<@t0> @o10(%0 [dist<2>], %2, %4, %9, @o3) uses[@r2]
  }
}
ssp.instance @p1 of "ModuloProblem" {
  library {
    operator_type @t0 [latency<1>]
    operator_type @t1 [latency<3>, blocking<3>]
    operator_type @t2 [latency<3>]
  }
  resource {
    resource_type @r0 [limit<2>]
  }
  graph {
    %0 = operation<@t1> @o0(@o1 [dist<1>]) uses[@r0]
    %1 = operation<@t1> @o1(%0)
    %2 = operation<@t0> @o2()
    %3 = operation<@t1> @o3(%2)
    %4 = operation<@t2> @o4() uses[@r0]
    %5 = operation<@t2> @o5()
    %6 = operation<@t0> @o6(%1, %5, %7 [dist<2>], @o3 [dist<1>]) uses[@r0]
    %7 = operation<@t2> @o7(%2, %4)
    %8 = operation<@t2> @o8(%4, %7, @o5 [dist<3>]) uses[@r0]
  }
}
