"""Scheduled MLIR functions as hardware: CIRCT pipelines and SystemVerilog
(:mod:`.emit`, :mod:`.lower`), and the tools that check it: the MLIR
function run by LLVM (:mod:`.reference`), Verilator (:mod:`.simulate`) and
Yosys (:mod:`.synth`)."""
