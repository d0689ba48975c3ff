"""Scheduled MLIR functions as hardware: CIRCT pipelines, SystemVerilog, and the
tools that check it (Verilator simulation, Yosys flip-flop counts)."""
