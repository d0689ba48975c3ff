// RUN: rm -f %t.png
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{gantt=%t.png},gaus-verify)' | FileCheck %s
// RUN: ls %t.png
// RUN: python -c "import sys; d = open(sys.argv[1], 'rb').read(); assert d[:8] == b'\x89PNG\r\n\x1a\n' and len(d) > 1000, len(d)" %t.png
// RUN: not gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule{gantt=%t.nodir/chart.png})' 2>&1 | FileCheck %s --check-prefix=NODIR -DPATH=%t.nodir/chart.png

// gantt=FILE.png writes a Gantt / resource-usage chart of every scheduled
// region; the IR output is unchanged (still scheduled).
// CHECK: } {gaus.ii = 6 : i64, gaus.latency = 6 : i64, gaus.start = 0 : i64}
// NODIR: <Pass-Pipeline>:1:30: error: option 'gantt' of 'gaus-schedule': cannot open output file '[[PATH]]': No such file or directory
func.func @raw(%A: memref<16xf32>, %c: f32) {
  affine.for %i = 1 to 16 {
    %x = affine.load %A[%i - 1] : memref<16xf32>
    %y = arith.mulf %x, %c : f32
    affine.store %y, %A[%i] : memref<16xf32>
  }
  return
}
