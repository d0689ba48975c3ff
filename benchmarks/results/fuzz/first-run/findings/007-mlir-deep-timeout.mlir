// PIPELINE: builtin.module(gaus-schedule{method=gaus mem-ports=1 iterations=10 batch=2})
// FINDING: timeout: no answer within 60.4 s
// SEED: 18 (mlir-deep)
func.func @k0(%A: memref<64xf32>, %x: f32, %B: memref<64xf32>, %p: i1) {
  %v1 = affine.load %B[33] : memref<64xf32>
  %b2 = scf.if %p -> (f32) {
    affine.store %x, %A[14] : memref<64xf32>
    scf.yield %x : f32
  } else {
    affine.for %i3 = 0 to 6 step 2 {
      %v4 = affine.load %B[20] : memref<64xf32>
      affine.store %x, %B[%i3 * 2 + 29] : memref<64xf32>
      affine.store %v1, %B[%i3 * 2 + 23] : memref<64xf32>
      %v5 = affine.load %B[%i3 * 2 + 40] : memref<64xf32>
    }
    %v6 = affine.load %A[16] : memref<64xf32>
    scf.yield %x : f32
  }
  affine.for %i7 = 0 to 4 {
    %b8 = scf.if %p -> (f32) {
      %v9 = arith.subf %b2, %b2 : f32
      affine.store %v1, %B[34] : memref<64xf32>
      %v10 = arith.mulf %x, %b2 : f32
      scf.yield %v1 : f32
    } else {
      %r12 = affine.for %i11 = 2 to 10 step 2 iter_args(%acc13 = %x) -> (f32) {
        affine.store %v1, %B[%i7 + 28] : memref<64xf32>
        %v14 = arith.addf %acc13, %b2 : f32
        affine.yield %v14 : f32
      }
      %c18 = arith.constant 1 : index
      %c19 = arith.constant 7 : index
      %c20 = arith.constant 2 : index
      %r16 = scf.for %si15 = %c18 to %c19 step %c20 iter_args(%acc17 = %b2) -> (f32) {
        affine.store %acc17, %A[31] : memref<64xf32>
        %r22 = affine.for %i21 = 2 to 8 step 2 iter_args(%acc23 = %acc17) -> (f32) {
          scf.if %p {
            scf.if %p {
              scf.if %p {
                affine.store %v1, %B[%i21 * 3 + 18] : memref<64xf32>
                scf.if %p {
                  %v24 = arith.addf %b2, %acc17 : f32
                  scf.if %p {
                    %v25 = affine.load %A[20] : memref<64xf32>
                    scf.if %p {
                      %v26 = affine.load %B[%i7 * 2 + %i21 + 10] : memref<64xf32>
                      %v27 = affine.load %B[%i7 * 2 + %i21 + 9] : memref<64xf32>
                    }
                    %b28 = scf.if %p -> (f32) {
                      scf.if %p {
                        %v29 = arith.mulf %x, %acc17 : f32
                        scf.if %p {
                          %v30 = arith.divf %acc17, %v1 : f32
                          %c34 = arith.constant 2 : index
                          %j35 = arith.addi %i7, %c34 : index
                          %v36 = memref.load %A[%j35] : memref<64xf32>
                          scf.if %p {
                            %v37 = affine.load %A[%i7 * 2 + 19] : memref<64xf32>
                            %b38 = scf.if %p -> (f32) {
                              %v39 = affine.load %B[%i21 * 2 + 21] : memref<64xf32>
                              affine.store %acc17, %A[%i21 + 30] : memref<64xf32>
                              scf.yield %v37 : f32
                            } else {
                              %v40 = arith.divf %x, %v36 : f32
                              %v41 = arith.subf %v36, %x : f32
                              scf.yield %v37 : f32
                            }
                            affine.store %v37, %B[%i21 * -1 + 4] : memref<64xf32>
                            %b45 = scf.if %p -> (f32) {
                              %c46 = arith.constant 4 : index
                              %j47 = arith.addi %i21, %c46 : index
                              memref.store %v25, %B[%j47] : memref<64xf32>
                              affine.store %v25, %A[%i7 * -1 + %i21 + 24] : memref<64xf32>
                              affine.store %r12, %A[%i7 * 3 + %i21 * -1 + 28] : memref<64xf32>
                              affine.store %acc23, %B[%i21 * -1 + 17] : memref<64xf32>
                              %c48 = arith.constant 21 : index
                              %j49 = arith.addi %i7, %c48 : index
                              %v50 = memref.load %A[%j49] : memref<64xf32>
                              scf.yield %v1 : f32
                            } else {
                              %v51 = arith.mulf %acc17, %acc23 : f32
                              %v52 = arith.mulf %v25, %v1 : f32
                              scf.if %p {
                                affine.store %v24, %A[26] : memref<64xf32>
                                %b53 = scf.if %p -> (f32) {
                                  scf.if %p {
                                    %b54 = scf.if %p -> (f32) {
                                      %v55 = affine.load %B[13] : memref<64xf32>
                                      %c56 = arith.constant 12 : index
                                      %j57 = arith.addi %si15, %c56 : index
                                      memref.store %acc23, %A[%j57] : memref<64xf32>
                                      %b58 = scf.if %p -> (f32) {
                                        %b59 = scf.if %p -> (f32) {
                                          affine.store %r12, %B[%i7 + %i21 + 34] : memref<64xf32>
                                          affine.store %acc17, %A[%i21 * -1 + 33] : memref<64xf32>
                                          %b60 = scf.if %p -> (f32) {
                                            %v61 = affine.load %B[%i7 + 16] : memref<64xf32>
                                            %v62 = affine.load %B[%i7 * 3 + %i21 + 26] : memref<64xf32>
                                            scf.if %p {
                                              affine.store %v55, %A[%i7 * -1 + 28] : memref<64xf32>
                                              scf.if %p {
                                                %v63 = affine.load %A[%i21 * 3 + 26] : memref<64xf32>
                                                scf.if %p {
                                                } else {
                                                }
                                              }
                                            }
                                            scf.yield %acc23 : f32
                                          } else {
                                            scf.yield %acc23 : f32
                                          }
                                          scf.yield %v36 : f32
                                        } else {
                                          scf.yield %v52 : f32
                                        }
                                        scf.yield %v24 : f32
                                      } else {
                                        scf.yield %v36 : f32
                                      }
                                      scf.yield %v24 : f32
                                    } else {
                                      scf.yield %r12 : f32
                                    }
                                  }
                                  scf.yield %v36 : f32
                                } else {
                                  scf.yield %r12 : f32
                                }
                              } else {
                              }
                              scf.yield %v36 : f32
                            }
                          }
                        } else {
                        }
                      } else {
                      }
                      scf.yield %acc23 : f32
                    } else {
                      scf.yield %acc23 : f32
                    }
                  }
                }
              } else {
              }
            } else {
            }
          } else {
          }
          %v64 = arith.addf %acc23, %b2 : f32
          affine.yield %v64 : f32
        }
        %v65 = arith.addf %acc17, %acc17 : f32
        scf.yield %v65 : f32
      }
      scf.yield %r12 : f32
    }
  }
  return
}