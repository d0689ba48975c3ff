"""What the child does to a parsed CIRCT module besides running passes
(runs in the child: pycde's CIRCT only)."""

from __future__ import annotations


class ActionError(RuntimeError):
    pass


def drop_libraries(module) -> None:
    """The Verilog exporter rejects ``ssp.library`` ops: erase them."""
    for op in list(module.body.operations):
        if op.operation.name == "ssp.library":
            op.operation.erase()
