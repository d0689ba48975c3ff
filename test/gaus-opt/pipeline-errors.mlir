// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-frobnicate)' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{flavour=mild})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=magic})' 2>&1 | FileCheck %s --check-prefix=METHOD
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{time-limit=-3})' 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{ii=0})' 2>&1 | FileCheck %s --check-prefix=II
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(canonicalize)' 2>&1 | FileCheck %s --check-prefix=MLIRPASS
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=list)' 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=asap})' 2>&1 | FileCheck %s --check-prefix=KIND
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{method=fds})' 2>&1 | FileCheck %s --check-prefix=FDS
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{last-op-name=nowhere})' 2>&1 | FileCheck %s --check-prefix=LASTOP
// RUN: not gaus-opt %s.does-not-exist 2>&1 | FileCheck %s --check-prefix=NOFILE

// UNKNOWN: <Pass-Pipeline>:1:16: error: 'gaus-frobnicate' does not refer to a registered pass
// OPTION: <Pass-Pipeline>:1:30: error: 'gaus-schedule' has no option 'flavour'
// METHOD: <Pass-Pipeline>:1:30: error: invalid value 'magic' for option 'method' of 'gaus-schedule': expected one of: {{.*}}cpsat
// VALUE: <Pass-Pipeline>:1:30: error: invalid value '-3' for option 'time-limit' of 'gaus-schedule': expected a positive number
// II: error: invalid value '0' for option 'ii' of 'gaus-schedule': expected 'auto' or an integer >= 1
// MLIRPASS: <Pass-Pipeline>:1:16: error: 'canonicalize' does not refer to a registered pass
// SYNTAX: <Pass-Pipeline>:1:{{[0-9]+}}: error: malformed pass pipeline
// KIND: pipeline-errors.mlir:[[# @LINE + 4]]:1: error: method 'asap' does not support a SharedOperatorsProblem: it ignores resource limits
// FDS: error: method 'fds' does not support a problem without latency-bound
// LASTOP: pipeline-errors.mlir:[[# @LINE + 2]]:1: error: last-op-name: no operation named '@nowhere'
// NOFILE: error: cannot open input file '{{.*}}does-not-exist': No such file or directory
ssp.instance @shared of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<1>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    operation<@x>() uses[@r]
  }
}
