// ISSUE: 12 item 13 - blocking time lost at region boundaries: a divf that
// blocks its unit 20 cycles inside an scf.if, in a pipelined loop with one divf unit.
// LIB: {"arith.divf": {"latency": 12, "blocking": 20}}
// PIPELINE: builtin.module(gaus-schedule{latency-library=keep-lib.json limits=divf:1})
// LIMITS: divf:1
// EXPECT: ok
// MIN-II: 20
func.func @f(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1) {
  affine.for %i = 0 to 4 {
    %x = affine.load %A[%i] : memref<64xf32>
    scf.if %c {
      %y = arith.divf %x, %x : f32
      affine.store %y, %B[%i] : memref<64xf32>
    }
  }
  return
}
