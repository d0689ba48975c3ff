// RUN: gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-schedule,gaus-extract{output=%t.ssp},gaus-verify)' | FileCheck %s --check-prefix=KEEP
// RUN: FileCheck %s --check-prefix=SCHEDULED < %t.ssp
// RUN: gaus-opt %t.ssp --pass-pipeline='builtin.module(gaus-verify)' > /dev/null
// RUN: not gaus-opt %examples/reduction.mlir --pass-pipeline='builtin.module(gaus-extract{output=%t.nodir/x.ssp})' 2>&1 | FileCheck %s --check-prefix=NODIR

// output=FILE keeps the IR on stdout (and later passes still run on it) and
// writes the SSP text, with the schedule read back from gaus.* as t<>/II<>.
// KEEP: func.func @dot
// KEEP: } {gaus.ii = 4 : i64, gaus.latency = 9 : i64, gaus.start = 0 : i64}
// SCHEDULED: ssp.instance @dot_loop0 of "ModuloProblem" [II<4>] {
// SCHEDULED: @addf3(%3 [dist<1>], %2) [t<5>]
// SCHEDULED: ssp.instance @dot of "Problem" {
// SCHEDULED: @return5({{.*}}) [t<4101>]
// NODIR: <Pass-Pipeline>:1:29: error: option 'output' of 'gaus-extract': cannot open output file '{{.*}}nodir/x.ssp': No such file or directory
