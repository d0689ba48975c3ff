// RUN: echo '{"arith.addf": 7' > %t.bad.json
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.bad.json})' 2>&1 | FileCheck %s --check-prefix=BADJSON -DFILE=%t.bad.json
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.missing.json})' 2>&1 | FileCheck %s --check-prefix=MISSING -DFILE=%t.missing.json
// RUN: echo '{"arith.addf": -1}' > %t.neg.json
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.neg.json})' 2>&1 | FileCheck %s --check-prefix=NEG -DFILE=%t.neg.json
// RUN: echo '{"arith.addf": {"lat": 3}}' > %t.key.json
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-verify{latency-library=%t.key.json})' 2>&1 | FileCheck %s --check-prefix=KEY -DFILE=%t.key.json
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{latency-library=%t.bad.json})' 2>/dev/null | count 0

// A latency library that cannot be used is an error naming the file (exit 1,
// nothing on stdout); a typo is never ignored. Errors with a place in the JSON
// point there; the others point at the option in the pipeline.
// BADJSON: [[FILE]]:2:1: error: latency library is not valid JSON: Expecting ',' delimiter
// MISSING: <Pass-Pipeline>:1:{{[0-9]+}}: error: option 'latency-library': cannot open latency library '[[FILE]]': No such file or directory
// NEG: <Pass-Pipeline>:1:{{[0-9]+}}: error: option 'latency-library': latency library '[[FILE]]': latency of 'arith.addf' must be a non-negative integer, got -1
// KEY: <Pass-Pipeline>:1:{{[0-9]+}}: error: option 'latency-library': latency library '[[FILE]]': entry 'arith.addf' must be N or {"latency": N, "blocking": M}
func.func @f(%a: f32) -> f32 {
  %s = arith.addf %a, %a : f32
  return %s : f32
}
