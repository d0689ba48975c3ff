"""Child side: runs inside ``python -m gaus_mlir.circt.child`` with pycde's
CIRCT loaded and the MLIR 22 bindings absent.

Reads one JSON request on stdin (``ir``, ``pipeline``, ``output``,
``action``, ``args``) and prints one JSON line: ``{"ok": true, "output":
..., "info": ...}`` or ``{"ok": false, "error": "<CIRCT diagnostics>"}``.
"""

from __future__ import annotations

import io
import json
import sys

# passes whose dependent dialects pycde does not register (CIRCT.md): running
# them once on an empty module makes affine/memref/loopschedule/calyx/ssp parse
_LOADERS = (
    "builtin.module(func.func(memory-banking))",
    "builtin.module(func.func(convert-affine-to-loopschedule))",
    "builtin.module(lower-loopschedule-to-calyx)",
    "builtin.module(kanagawa-add-operator-library)",
)


def _context():
    import pycde.circt as circt
    from pycde.circt import ir, passmanager

    ctx = ir.Context()
    circt.register_dialects(ctx)
    quiet = ctx.attach_diagnostic_handler(lambda d: True)
    with ctx, ir.Location.unknown():
        for p in _LOADERS:
            try:  # the dialects load when the pass runs, even if it then fails
                passmanager.PassManager.parse(p).run(ir.Module.parse("module {}").operation)
            except ir.MLIRError:
                pass
    quiet.detach()
    return ctx


def _diagnostics(ctx, messages: list[str]):
    def handler(d):
        where = str(d.location)
        messages.append(f"{where}: {d.message}")
        for note in d.notes:
            messages.append(f"{note.location}: note: {note.message}")
        return True

    return ctx.attach_diagnostic_handler(handler)


def _print(module, output: str) -> str:
    if output == "verilog":
        from pycde.circt import export_verilog

        s = io.StringIO()
        export_verilog(module, s)
        return s.getvalue()
    if output == "generic":
        return module.operation.get_asm(print_generic_op_form=True, assume_verified=True)
    return str(module)


def serve(request: dict) -> dict:
    from pycde.circt import ir, passmanager

    from . import actions

    messages: list[str] = []
    ctx = _context()
    handler = _diagnostics(ctx, messages)
    with ctx, ir.Location.unknown():
        try:
            module = ir.Module.parse(request["ir"])
            if request.get("pipeline"):
                passmanager.PassManager.parse(request["pipeline"]).run(module.operation)
            info = {}
            if request.get("action"):
                info = getattr(actions, request["action"].replace("-", "_"))(module, **request["args"])
            if request.get("output") == "verilog":
                actions.drop_libraries(module)
            out = _print(module, request.get("output", "mlir")) if request.get("output") else ""
        except (ir.MLIRError, ValueError, RuntimeError, actions.ActionError) as e:
            said = "\n".join(messages) or str(e)
            return {"ok": False, "error": said}
        finally:
            handler.detach()
    return {"ok": True, "output": out, "info": info}


def main() -> int:
    request = json.loads(sys.stdin.read())
    print(json.dumps(serve(request)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
