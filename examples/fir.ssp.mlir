// A pipelined 4-tap FIR filter loop body, y[i] = sum_k c[k] * x[i-k], as a CIRCT
// ModuloProblem: the taps x[i-1..3] come from a shift register carried across
// iterations (distance 1), the coefficients live in registers, and x/y share two
// memory ports. Schedule it with
//   gaus-opt examples/fir.ssp.mlir --pass-pipeline='builtin.module(gaus-schedule{method=ims})'
ssp.instance @fir4 of "ModuloProblem" {
  library {
    operator_type @load [latency<2>]
    operator_type @mul [latency<3>]
    operator_type @add [latency<1>]
    operator_type @store [latency<1>]
    operator_type @shift [latency<0>]
    operator_type @sink [latency<0>]
  }
  resource {
    resource_type @mem_port [limit<1>]
    resource_type @dsp [limit<2>]
  }
  graph {
    %0 = operation<@load> @ld_x() uses[@mem_port]
    %1 = operation<@shift> @x1(@ld_x [dist<1>])
    %2 = operation<@shift> @x2(@x1 [dist<1>])
    %3 = operation<@shift> @x3(@x2 [dist<1>])
    %4 = operation<@mul> @m0(%0) uses[@dsp]
    %5 = operation<@mul> @m1(%1) uses[@dsp]
    %6 = operation<@mul> @m2(%2) uses[@dsp]
    %7 = operation<@mul> @m3(%3) uses[@dsp]
    %8 = operation<@add> @a0(%4, %5)
    %9 = operation<@add> @a1(%6, %7)
    %10 = operation<@add> @a2(%8, %9)
    %11 = operation<@store> @st_y(%10) uses[@mem_port]
    operation<@sink> @last(@st_y, @x3)
  }
}
