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
    as ``{"stages": {str(attr value): stage}, "return": stage of the return}``."""
    from pycde.circt import ir

    stages: dict[str, int] = {}

    def visit(op):
        if op.name == "pipeline.scheduled":
            for k, block in enumerate(op.regions[0].blocks):
                for inner in block.operations:
                    if attr in inner.operation.attributes:
                        stages[str(ir.IntegerAttr(inner.operation.attributes[attr]).value)] = k
                    elif inner.operation.name == "pipeline.return":
                        found["return"] = k
        return ir.WalkResult.ADVANCE

    found: dict = {}
    module.operation.walk(visit)
    return {"stages": stages, **found}


def _where(op) -> list[int] | None:
    """[line, column] of ``op`` in the parsed text, or None."""
    import re

    m = re.search(r":(\d+):(\d+)\)", str(op.location))
    return [int(m.group(1)), int(m.group(2))] if m else None


def _pipelines(module) -> list:
    """``pipeline.unscheduled`` / ``pipeline.scheduled`` ops in walk order."""
    from pycde.circt import ir

    found = []

    def visit(op):
        if op.name in ("pipeline.unscheduled", "pipeline.scheduled"):
            found.append(op.opview if hasattr(op, "opview") else op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return found


def _libraries(module) -> dict:
    """Every ``ssp.library``: {name: {operator type: {"latency": N, "limit": M}}}."""
    import re

    from pycde.circt import ir

    libs = {}
    for op in module.body.operations:
        if op.operation.name != "ssp.library":
            continue
        types = {}
        for t in op.operation.regions[0].blocks[0].operations:
            if t.operation.name != "ssp.operator_type":
                continue
            attrs = t.operation.attributes
            props = str(attrs["sspProperties"]) if "sspProperties" in attrs else ""
            lat = re.search(r"#ssp\.latency<(\d+)>", props)
            lim = re.search(r"#ssp\.limit<(\d+)>", props)
            types[ir.StringAttr(attrs["sym_name"]).value] = {
                "latency": int(lat.group(1)) if lat else None,
                "limit": int(lim.group(1)) if lim else None,
            }
        libs[ir.StringAttr(op.operation.attributes["sym_name"]).value] = types
    return libs


def _pipeline_ops(p) -> tuple[list, list]:
    """(scheduled ops in block order, constant-like ops) of pipeline ``p``;
    stage terminators and ``pipeline.src`` copies are neither."""
    from pycde.circt import ir

    ops, constants = [], []
    for block in p.regions[0].blocks:
        for op in block.operations:
            op = op.operation
            if op.name in ("pipeline.stage", "pipeline.src"):
                continue
            if not op.operands and (op.name.endswith(".constant") or op.name == "hw.aggregate_constant"):
                constants.append(op)
            else:
                ops.append(op)
    del ir
    return ops, constants


def _source(value):
    """``value`` with ``pipeline.src`` copies looked through."""
    from pycde.circt import ir

    while isinstance(value.owner, ir.OpView) and value.owner.operation.name == "pipeline.src":
        value = value.owner.operation.operands[0]
    return value


def _op_record(op, stage: int, index: dict) -> dict:
    from pycde.circt import ir

    attrs = op.attributes
    otype = None
    if "ssp.operator_type" in attrs:
        otype = ir.FlatSymbolRefAttr(attrs["ssp.operator_type"]).value
    preds = []
    for v in op.operands:
        v = _source(v)
        owner = v.owner
        if isinstance(owner, ir.OpView) and owner.operation in index:
            preds.append([index[owner.operation], ir.OpResult(v).result_number])
    bits = [r.type.width if isinstance(r.type, ir.IntegerType) else 1 for r in op.results]
    return {"name": op.name, "loc": _where(op), "otype": otype, "stage": stage, "preds": preds, "bits": bits}


def pipeline_problems(module) -> dict:
    """The scheduling problem of every pipeline (see
    :mod:`gaus_mlir.passes.circt_passes`): ``{"libraries": ..., "pipelines":
    [{"kind", "name", "loc", "library", "ops": [{"name", "loc", "otype",
    "stage", "preds": [[op, result]], "bits"}]}]}``; ops in block order, the
    ``pipeline.return`` last, constant-like ops left out (as CIRCT does)."""
    from pycde.circt import ir

    out = []
    for p in _pipelines(module):
        op = p.operation
        ops, _ = _pipeline_ops(op)
        blocks = list(op.regions[0].blocks)
        index = {o: k for k, o in enumerate(ops)}
        records = []
        for o in ops:
            stage = next(k for k, b in enumerate(blocks) if b == o.block)
            records.append(_op_record(o, stage, index))
        attrs = op.attributes
        parent = op.parent
        name = ir.StringAttr(attrs["name"]).value if "name" in attrs else None
        if name is None and parent is not None and "sym_name" in parent.attributes:
            name = ir.StringAttr(parent.attributes["sym_name"]).value
        lib = ir.FlatSymbolRefAttr(attrs["operator_lib"]).value if "operator_lib" in attrs else None
        out.append(
            {
                "kind": op.name.split(".")[1],
                "name": name or "pipeline",
                "loc": _where(op),
                "library": lib,
                "ops": records,
            }
        )
    return {"libraries": _libraries(module), "pipelines": out}


def _stage_blocks(new, entry, stages: int) -> list:
    """The stage blocks of a fresh ``pipeline.scheduled`` (entry block with the
    old entry's arguments, then one ``i1`` enable per stage), chained by
    ``pipeline.stage`` terminators."""
    from pycde.circt import ir

    region = new.regions[0]
    args = list(entry.arguments)
    blocks = [region.blocks.append(*[a.type for a in args], arg_locs=[a.location for a in args])]
    for old, fresh in zip(args, blocks[0].arguments):
        old.replace_all_uses_with(fresh)
    i1 = ir.IntegerType.get_signless(1)
    for _ in range(stages - 1):
        blocks.append(region.blocks.append(i1, arg_locs=[new.location]))
    for k in range(stages - 1):
        ir.Operation.create(
            "pipeline.stage",
            successors=[blocks[k + 1]],
            attributes={
                "clockGatesPerRegister": ir.ArrayAttr.get([]),
                "operandSegmentSizes": ir.DenseI32ArrayAttr.get([0, 0, 0]),
            },
            loc=new.location,
            ip=ir.InsertionPoint(blocks[k]),
        )
    return blocks


def _rewrite(p, starts: list[int]) -> None:
    """``pipeline.unscheduled`` ``p`` -> ``pipeline.scheduled`` with op k of
    :func:`pipeline_problems` in stage ``starts[k]`` (the return op last, in
    stage ``starts[-1]``); cross-stage operands through ``pipeline.src``, as
    ``pipeline-schedule-linear`` builds it."""
    from pycde.circt import ir

    ops, constants = _pipeline_ops(p)
    attrs = {n: p.attributes[n] for n in p.attributes if n != "operator_lib"}
    new = ir.Operation.create(
        "pipeline.scheduled",
        results=[r.type for r in p.results],
        operands=list(p.operands),
        attributes=attrs,
        regions=1,
        loc=p.location,
        ip=ir.InsertionPoint(p),
    )
    blocks = _stage_blocks(new, p.regions[0].blocks[0], starts[-1] + 1)
    ret = ops[-1]
    ret.detach_from_parent()
    ir.InsertionPoint(blocks[-1]).insert(ret)
    for c in constants:
        c.move_before(list(blocks[0].operations)[-1])
    for o, t in zip(ops[:-1], starts):
        o.move_before(list(blocks[t].operations)[-1])
    for block in blocks:
        copies = {}
        for o in [x.operation for x in block.operations]:
            if o.name in ("pipeline.stage", "pipeline.src"):
                continue
            for i, v in enumerate(list(o.operands)):
                if _defining_block(v) == block:
                    continue
                if v not in copies:
                    src = ir.Operation.create(
                        "pipeline.src", results=[v.type], operands=[v], ip=ir.InsertionPoint(o)
                    )
                    copies[v] = src.results[0]
                o.operands[i] = copies[v]
    for old, fresh in zip(p.results, new.results):
        old.replace_all_uses_with(fresh)
    p.erase()


def _defining_block(v):
    from pycde.circt import ir

    owner = v.owner
    return owner.operation.block if isinstance(owner, ir.OpView) else owner


def schedule_pipelines(module, starts: list) -> dict:
    """Rewrite pipeline k of :func:`pipeline_problems` with ``starts[k]`` (a
    list of start stages, or None to leave it as it is)."""
    for p, s in zip(_pipelines(module), starts):
        if s is not None:
            _rewrite(p.operation, [int(x) for x in s])
    module.operation.verify()
    return located_text(module)


def located_text(module) -> dict:
    """``{"located": the module's text with its locations}``: parsed again, it
    keeps the original file's lines and columns for later diagnostics."""
    return {"located": module.operation.get_asm(enable_debug_info=True)}
