// RUN: gaus-opt %s --split-input-file --pass-pipeline='builtin.module(gaus-schedule{method=asap})' | FileCheck %s

// CHECK: ssp.instance @first
// CHECK: [t<0>]
// CHECK: // -----
// CHECK: ssp.instance @second
// CHECK: operation<@y>(%0) [t<4>]
ssp.instance @first of "Problem" {
  library {
    operator_type @x [latency<1>]
  }
  graph {
    operation<@x>()
  }
}

// -----

ssp.instance @second of "Problem" {
  library {
    operator_type @y [latency<4>]
  }
  graph {
    %0 = operation<@y>()
    operation<@y>(%0)
  }
}
