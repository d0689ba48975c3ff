// ISSUE: 12 item 7 (found by the fuzz campaign) - nested scf.if: time grows about
// 3x per level (depth 12: 2.5 s, 14: 27 s, a store in each branch); must be linear.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
func.func @f(%A: memref<64xf32>, %x: f32, %p: i1) {
  scf.if %p {
    affine.store %x, %A[0] : memref<64xf32>
    scf.if %p {
      affine.store %x, %A[1] : memref<64xf32>
      scf.if %p {
        affine.store %x, %A[2] : memref<64xf32>
        scf.if %p {
          affine.store %x, %A[3] : memref<64xf32>
          scf.if %p {
            affine.store %x, %A[4] : memref<64xf32>
            scf.if %p {
              affine.store %x, %A[5] : memref<64xf32>
              scf.if %p {
                affine.store %x, %A[6] : memref<64xf32>
                scf.if %p {
                  affine.store %x, %A[7] : memref<64xf32>
                  scf.if %p {
                    affine.store %x, %A[8] : memref<64xf32>
                    scf.if %p {
                      affine.store %x, %A[9] : memref<64xf32>
                      scf.if %p {
                        affine.store %x, %A[10] : memref<64xf32>
                        scf.if %p {
                          affine.store %x, %A[11] : memref<64xf32>
                          scf.if %p {
                            affine.store %x, %A[12] : memref<64xf32>
                            scf.if %p {
                              affine.store %x, %A[13] : memref<64xf32>
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return
}
