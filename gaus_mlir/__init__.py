"""gaus-mlir: operator scheduling for HLS (GauS and baselines) on MLIR/CIRCT IR."""

__version__ = "0.1.0"
