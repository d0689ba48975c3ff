// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' --summary 2>&1 >/dev/null | FileCheck %s
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' 2>&1 >/dev/null | count 0
// RUN: gaus-opt %s --pass-pipeline='builtin.module(gaus-schedule)' --summary 2>/dev/null | FileCheck %s --check-prefix=OUT

// --summary prints one line per scheduled region to stderr, innermost first:
// @name (kind at LINE:COL; problem class, ops without the terminator):
// method, II (pipelined loops), latency of one iteration / the region, trips and
// the whole run (loops), MII or the lower bound, peak resource use per
// step (per congruence class in a pipelined loop) / limit, status, time.
// Inner loop: A[i][j] = A[i][j-1] * c, RecMII 6; run 7*6 + 6 = 48.
// CHECK: {{^}}@nest_loop1 (pipelined loop at [[# @LINE + 18]]:5; ModuloProblem, 3 ops): method=ims II=6 latency=6 trips=8 total=48 MII=6 resources=mem_arg0:1/1 registers=0 lifetimes=0 status=HEURISTIC time={{[0-9]+\.[0-9][0-9][0-9]}}s{{$}}
// The branch: divf 0..12.
// CHECK-NEXT: {{^}}@nest_if0_0 (branch at [[# @LINE + 21]]:10; Problem, 1 ops): method=list latency=12 lower-bound=12 registers=0 lifetimes=0 status=HEURISTIC time={{.*}}s{{$}}
// The else branch only yields.
// CHECK-NEXT: {{^}}@nest_if0_1 (branch at [[# @LINE + 19]]:10; Problem, 0 ops): method=list latency=0 lower-bound=0 registers=0 lifetimes=0 status=HEURISTIC time={{.*}}s{{$}}
// Outer loop body: the inner loop (48) and the if (12) run side by side: 48 per
// trip, 4 trips.
// CHECK-NEXT: {{^}}@nest_loop0 (loop at [[# @LINE + 10]]:3; Problem, 2 ops): method=list latency=48 trips=4 total=192 lower-bound=48 registers=0 lifetimes=0 status=HEURISTIC time={{.*}}s{{$}}
// CHECK-NEXT: {{^}}@nest (function at [[# @LINE + 8]]:1; Problem, 1 ops): method=list latency=192 lower-bound=192 registers=0 lifetimes=0 status=HEURISTIC time={{.*}}s{{$}}
// CHECK-NEXT: {{^}}@flat (function at [[# @LINE + 26]]:1; SharedOperatorsProblem, 3 ops): method=list latency=6 lower-bound=6 resources=mem_arg0:1/1 registers=32 lifetimes=32 status=HEURISTIC time={{.*}}s{{$}}
// CHECK-NOT: @

// The summary never goes to stdout.
// OUT-NOT: method=
// OUT: module

func.func @nest(%A: memref<4x8xf32>, %B: memref<4xf32>, %c: f32, %p: i1) {
  affine.for %i = 0 to 4 {
    affine.for %j = 1 to 9 {
      %x = affine.load %A[%i, %j - 1] : memref<4x8xf32>
      %y = arith.mulf %x, %c : f32
      affine.store %y, %A[%i, %j] : memref<4x8xf32>
    }
    %q = scf.if %p -> (f32) {
      %d = arith.divf %c, %c : f32
      scf.yield %d : f32
    } else {
      scf.yield %c : f32
    }
  }
  return
}

// Straight-line code: two loads of B on its single port (steps 0 and 1), the
// mulf when both are in, 1+2 = 3..6.
func.func @flat(%B: memref<4xf32>) {
  %x = affine.load %B[0] : memref<4xf32>
  %y = affine.load %B[1] : memref<4xf32>
  %s = arith.mulf %x, %y : f32
  return
}

// @flat: the loads (latency 2, one port) start at 0 and 1; %x (f32) waits in a
// register from cycle 2 until the mulf starts at 3: registers=32 lifetimes=32.
// Every other value above is read the cycle it is ready: registers=0.
