"""The pass layer (installed as ``gaus_mlir.passes``)."""
