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


def pipeline_stages(module, attr: str = "gaus.op") -> dict:
    """After ``pipeline-schedule-linear``: the stage (block index of its
    ``pipeline.scheduled``) of every op carrying the integer attribute ``attr``,
    as ``{"stages": {str(attr value): stage}}``."""
    from pycde.circt import ir

    stages: dict[str, int] = {}

    def visit(op):
        if op.name == "pipeline.scheduled":
            for k, block in enumerate(op.regions[0].blocks):
                for inner in block.operations:
                    if attr in inner.operation.attributes:
                        stages[str(ir.IntegerAttr(inner.operation.attributes[attr]).value)] = k
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return {"stages": stages}
