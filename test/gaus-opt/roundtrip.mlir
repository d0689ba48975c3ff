// RUN: gaus-opt %s | FileCheck %s
// RUN: gaus-opt %s | gaus-opt | FileCheck %s
// RUN: cat %s | gaus-opt - -o %t.out && FileCheck %s < %t.out

// With no pipeline the input is printed back in CIRCT's syntax (values
// renumbered in definition order, comments dropped).
// CHECK: ssp.instance @"no properties" of "Problem" {
// CHECK-NEXT:   library {
// CHECK-NEXT:     operator_type @NoProps
// CHECK-NEXT:   }
// CHECK-NEXT:   graph {
// CHECK-NEXT:     %0 = operation<> @Op0()
// CHECK-NEXT:     operation<>(%0)
// CHECK-NEXT:     operation<>(@Op0)
// CHECK-NEXT:     operation<>(%0, @Op0)
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK: ssp.instance @multi of "CyclicProblem" [II<2>] {
// CHECK: %0:2 = operation<@two> @pair() [t<0>]
// CHECK: operation<@one>(%0#1, %0#0 [dist<1>], @pair [dist<3>]) [t<1>]
ssp.instance @"no properties" of "Problem" {
  library {
    operator_type @NoProps
  }
  graph {
    %a = operation<> @Op0()
    operation<>(%a)
    operation<>(@Op0)
    operation<>(%a, @Op0)
  }
}
ssp.instance @multi of "CyclicProblem" [II<2>] {
  library {
    operator_type @two [latency<1>]
    operator_type @one [latency<1>]
  }
  graph {
    %p:2 = operation<@two> @pair() [t<0>]
    operation<@one>(%p#1, %p#0 [dist<1>], @pair [dist<3>]) [t<1>]
  }
}
