// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims},gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=cpsat},gaus-verify)' | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=ims ii=5})' | FileCheck %s --check-prefix=II5

// CIRCT's canis14_fig2: one memory port shared by two loads and a store, and a
// recurrence load_A -> add -> store_A -> load_A (distance 1): MII = 3.
// CHECK: ssp.instance @canis14_fig2 of "ModuloProblem" [II<3>] {
// CHECK: operation<@MemPort> @store_A(%{{.*}}) uses[@port] [t<{{[0-9]+}}>]
// II5: ssp.instance @canis14_fig2 of "ModuloProblem" [II<5>] {
ssp.instance @canis14_fig2 of "ModuloProblem" {
  library {
    operator_type @MemPort [latency<1>]
    operator_type @Add [latency<1>]
    operator_type @Implicit [latency<0>]
  }
  resource {
    resource_type @port [limit<1>]
  }
  graph {
    %0 = operation<@MemPort> @load_A(@store_A [dist<1>]) uses[@port]
    %1 = operation<@MemPort> @load_B() uses[@port]
    %2 = operation<@Add> @add(%0, %1)
    operation<@MemPort> @store_A(%2) uses[@port]
    operation<@Implicit> @last(@store_A)
  }
}
