// ISSUE: 12 item 7 - a 14-deep loop nest (trip count 2) within the time budget.
// PIPELINE: builtin.module(gaus-schedule)
// EXPECT: ok
// NO-CHECKER: yes
func.func @f(%A: memref<64xf32>, %x: f32) {
  affine.for %i0 = 0 to 2 {
    affine.for %i1 = 0 to 2 {
      affine.for %i2 = 0 to 2 {
        affine.for %i3 = 0 to 2 {
          affine.for %i4 = 0 to 2 {
            affine.for %i5 = 0 to 2 {
              affine.for %i6 = 0 to 2 {
                affine.for %i7 = 0 to 2 {
                  affine.for %i8 = 0 to 2 {
                    affine.for %i9 = 0 to 2 {
                      affine.for %i10 = 0 to 2 {
                        affine.for %i11 = 0 to 2 {
                          affine.for %i12 = 0 to 2 {
                            affine.for %i13 = 0 to 2 {
                              %v = affine.load %A[%i0 + %i13] : memref<64xf32>
                              affine.store %v, %A[%i1 + 2] : memref<64xf32>
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
