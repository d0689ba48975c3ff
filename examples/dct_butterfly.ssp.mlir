// One 4-point DCT-II butterfly stage (the inner kernel of a JPEG 8x8 DCT) as a
// CIRCT SharedOperatorsProblem: two multipliers and three adders to share.
// The objective is the start time of @last, the schedule length.
ssp.instance @dct4 of "SharedOperatorsProblem" {
  library {
    operator_type @load [latency<1>]
    operator_type @add [latency<1>]
    operator_type @mul [latency<3>]
    operator_type @store [latency<1>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @adder [limit<3>]
    resource_type @multiplier [limit<2>]
    resource_type @port [limit<2>]
  }
  graph {
    %0 = operation<@load> @x0() uses[@port]
    %1 = operation<@load> @x1() uses[@port]
    %2 = operation<@load> @x2() uses[@port]
    %3 = operation<@load> @x3() uses[@port]
    %4 = operation<@add> @s03(%0, %3) uses[@adder]
    %5 = operation<@add> @s12(%1, %2) uses[@adder]
    %6 = operation<@add> @d03(%0, %3) uses[@adder]
    %7 = operation<@add> @d12(%1, %2) uses[@adder]
    %8 = operation<@add> @y0(%4, %5) uses[@adder]
    %9 = operation<@add> @y2pre(%4, %5) uses[@adder]
    %10 = operation<@mul> @y2(%9) uses[@multiplier]
    %11 = operation<@mul> @c1d03(%6) uses[@multiplier]
    %12 = operation<@mul> @c3d12(%7) uses[@multiplier]
    %13 = operation<@mul> @c3d03(%6) uses[@multiplier]
    %14 = operation<@mul> @c1d12(%7) uses[@multiplier]
    %15 = operation<@add> @y1(%11, %12) uses[@adder]
    %16 = operation<@add> @y3(%13, %14) uses[@adder]
    %17 = operation<@store> @st0(%8) uses[@port]
    %18 = operation<@store> @st1(%15) uses[@port]
    %19 = operation<@store> @st2(%10) uses[@port]
    %20 = operation<@store> @st3(%16) uses[@port]
    operation<@sink> @last(%17, %18, %19, %20)
  }
}
