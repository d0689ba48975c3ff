"""gaus-opt and the Python API under hostile use (issue 12): interrupts, no
data loss, one option validation path, options that cannot apply, and inputs
that used to end in an internal error."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import BENCHMARKS, needs_benchmarks, run_cli

from gaus_mlir.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GAUS_OPT = str(Path(sys.executable).with_name("gaus-opt"))
# A ModuloProblem CP-SAT does not finish in a minute (GauS neither).
HARD = BENCHMARKS / "chstone" / "chstone_mips_graph1.mlir"

ACYCLIC_SSP = """ssp.instance @tiny of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<2>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@x> @a() uses[@r]
    operation<@x> @b(%0) uses[@r]
  }
}
"""

STRAIGHT_MLIR = """func.func @f(%a: f32) -> f32 {
  %m = arith.mulf %a, %a : f32
  return %m : f32
}
"""


run = run_cli


def pipeline(p: str) -> str:
    return f"--pass-pipeline=builtin.module({p})"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------------ interrupts
@needs_benchmarks
@pytest.mark.parametrize(
    "options,sig,code",
    [
        ("method=cpsat time-limit=60", signal.SIGINT, 130),
        ("method=cpsat time-limit=60", signal.SIGTERM, 143),
        # no time limit: GauS runs all its iterations (minutes), not a work budget
        ("method=gaus iterations=100000", signal.SIGINT, 130),
    ],
)
def test_signal_stops_the_run_without_output(tmp_path, options, sig, code):
    out_file = tmp_path / "out.mlir"
    proc = subprocess.Popen(
        [GAUS_OPT, str(HARD), "-o", str(out_file), pipeline(f"gaus-schedule{{{options}}}")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(4)  # past start-up and parsing: inside the solver
    proc.send_signal(sig)
    try:
        out, err = proc.communicate(timeout=30)  # not the 60 s limit
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("the run did not stop on the signal")
    assert proc.returncode == code, err
    assert out == ""
    assert "internal error" not in err and "time limit" not in err
    assert not out_file.exists()
    assert leftovers(tmp_path) == []


@needs_benchmarks
def test_interrupted_cpsat_raises_keyboard_interrupt():
    """An interrupt requested while CP-SAT searches stops it; it is not reported
    as a schedule or as 'no schedule within the time limit'."""
    from gaus_mlir.model import cancel
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file

    problem = parse_file(HARD)[0].problem
    timer = threading.Timer(1.0, cancel.request, (signal.SIGTERM,))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt) as info:
            schedule(problem, "cpsat", time_limit=60)
    finally:
        timer.cancel()
        cancel.reset()
    assert getattr(info.value, "exit_code", None) == 143


# ------------------------------------------------------------------ data loss
def test_extract_output_naming_the_input_survives_a_later_failure(tmp_path):
    src = tmp_path / "k.mlir"
    src.write_text(STRAIGHT_MLIR)
    code, out, err = run([src, pipeline(f"gaus-extract{{output={src}}},gaus-verify")])
    assert code == 1 and out == "" and "error:" in err
    assert src.read_text() == STRAIGHT_MLIR
    assert leftovers(tmp_path) == []


def test_side_files_are_not_written_when_a_later_pass_fails(tmp_path):
    chart, log = tmp_path / "g.png", tmp_path / "log.json"
    code, out, err = run(
        [
            EXAMPLES / "dct_butterfly.ssp.mlir",
            pipeline(
                f"gaus-schedule{{method=gaus iterations=20 gantt={chart} log={log}}},"
                "gaus-schedule{method=fds}"
            ),
        ]
    )
    assert code == 1 and out == "" and "does not support" in err
    assert not chart.exists() and not log.exists()
    assert leftovers(tmp_path) == []
    # the same pipeline without the failing pass writes both
    code, _, err = run(
        [
            EXAMPLES / "dct_butterfly.ssp.mlir",
            pipeline(f"gaus-schedule{{method=gaus iterations=20 gantt={chart} log={log}}}"),
        ]
    )
    assert code == 0, err
    assert chart.read_bytes()[:4] == b"\x89PNG" and log.read_text().startswith("[")


def test_failed_output_write_keeps_the_old_file_and_says_write(tmp_path):
    dst = tmp_path / "out.mlir"
    dst.write_text("OLD\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

    proc = subprocess.run(
        [GAUS_OPT, str(EXAMPLES / "gemm.mlir"), "-o", str(dst), pipeline("gaus-schedule")],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=120,
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"cannot write output file '{dst}'" in proc.stderr
    assert dst.read_text() == "OLD\n"
    assert leftovers(tmp_path) == []


def test_output_replaces_atomically_and_keeps_the_mode(tmp_path):
    dst = tmp_path / "out.mlir"
    dst.write_text("OLD\n")
    os.chmod(dst, 0o640)
    code, out, err = run([EXAMPLES / "gemm.mlir", "-o", dst, pipeline("gaus-schedule")])
    assert code == 0 and out == "", err
    assert "gaus.start" in dst.read_text()
    assert (dst.stat().st_mode & 0o777) == 0o640
    assert leftovers(tmp_path) == []


def test_bad_log_path_is_an_error_before_scheduling(tmp_path):
    bad = tmp_path / "nodir" / "log.json"
    code, out, err = run([EXAMPLES / "fir.ssp.mlir", pipeline(f"gaus-schedule{{method=gaus log={bad}}}")])
    assert code == 1 and out == ""
    assert err.startswith(
        "<Pass-Pipeline>:1:42: error: option 'log' of 'gaus-schedule': cannot open output file"
    )


# ------------------------------------------------------ options that cannot apply
@pytest.mark.parametrize(
    "opts,col,message",
    [
        ("method=list time-limit=3", 42, "option 'time-limit' does not apply to method 'list'"),
        ("method=cpsat log=x.json", 43, "option 'log' does not apply to method 'cpsat'"),
        ("method=ims iterations=5", 41, "option 'iterations' does not apply to method 'ims'"),
        ("method=asap seed=3", 42, "option 'seed' does not apply to method 'asap'"),
    ],
)
def test_option_the_method_cannot_use_is_a_located_error(opts, col, message):
    for src in (EXAMPLES / "fir.ssp.mlir", EXAMPLES / "gemm.mlir"):
        code, out, err = run([src, pipeline(f"gaus-schedule{{{opts}}}")])
        assert code == 1 and out == ""
        assert err.startswith(f"<Pass-Pipeline>:1:{col}: error: {message}"), err


def test_ii_on_acyclic_ssp_is_an_error(tmp_path):
    code, out, err = run(["-", pipeline("gaus-schedule{method=cpsat ii=3}")], ACYCLIC_SSP)
    assert code == 1 and out == ""
    assert err == (
        "<Pass-Pipeline>:1:43: error: option 'ii' applies to cyclic problems; this input has none\n"
    )


def test_options_that_applied_to_nothing_in_mlir_are_remarks():
    code, out, err = run(["-", pipeline("gaus-schedule{method=cpsat ii=3 limits=nosuchop:1}")], STRAIGHT_MLIR)
    assert code == 0 and "gaus.start" in out
    assert "<Pass-Pipeline>:1:43: remark: option 'ii' applied to no region" in err
    assert (
        "<Pass-Pipeline>:1:48: remark: option 'limits': no operation of class 'nosuchop' in the input"
    ) in err
    # a class some op has: no remark
    code, out, err = run(["-", pipeline("gaus-schedule{limits=mulf:1}")], STRAIGHT_MLIR)
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    "opts,col,why",
    [
        ("latency-bound=1e300x", 30, "expected a factor from 1 to 1000 before 'x'"),
        ("latency-bound=nanx", 30, "expected a factor from 1 to 1000 before 'x'"),
        ("method=cpsat seed=18446744073709551617", 43, "expected an integer from 0 to 2147483647"),
        ("method=cpsat seed=4294967296", 43, "expected an integer from 0 to 2147483647"),
        ("method=cpsat time-limit=inf", 43, "expected a positive number"),
    ],
)
def test_out_of_range_values_are_located(opts, col, why):
    code, out, err = run([EXAMPLES / "fir.ssp.mlir", pipeline(f"gaus-schedule{{{opts}}}")])
    assert code == 1 and out == ""
    assert err.startswith(f"<Pass-Pipeline>:1:{col}: error: invalid value"), err
    assert why in err


# ------------------------------------------------------------ internal errors
def test_deeply_nested_modules_are_a_located_error(tmp_path):
    for body in ("func.func @f() { return }", (EXAMPLES / "fir.ssp.mlir").read_text()):
        src = tmp_path / "nest.mlir"
        src.write_text("module {" * 3000 + body + "}" * 3000)
        code, out, err = run([src, pipeline("gaus-schedule")])
        assert code == 1 and out == ""
        assert err.startswith(f"{src}:1:808: error: input nested more than 100 levels"), err


def test_deeply_nested_pipeline_is_a_located_error():
    p = "builtin.module(" + "func.func(" * 500 + "cse" + ")" * 501
    code, out, err = run([EXAMPLES / "gemm.mlir", f"--pass-pipeline={p}"])
    assert code == 1 and out == ""
    assert err.startswith("<Pass-Pipeline>:1:335: error: pass pipeline nested more than 32")


def test_gantt_on_a_module_without_functions(tmp_path):
    chart = tmp_path / "g.png"
    code, out, err = run(["-", pipeline(f"gaus-schedule{{gantt={chart}}}")], "module {}\n")
    assert code == 0 and out.startswith("module")
    assert "remark: option 'gantt': no region was scheduled" in err
    assert not chart.exists()


def test_non_utf8_input_is_a_located_error(tmp_path):
    data = b"func.func @f() {\n  return // \xff\n}\n"
    proc = subprocess.run(
        [GAUS_OPT, "-", pipeline("gaus-schedule")], input=data, capture_output=True, timeout=120
    )
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr == b"<stdin>:2:13: error: input is not valid UTF-8 (byte 0xff)\n"
    src = tmp_path / "bad.mlir"
    src.write_bytes(data)
    code, out, err = run([src, pipeline("gaus-schedule")])
    assert code == 1 and err == f"{src}:2:13: error: input is not valid UTF-8 (byte 0xff)\n"


def test_mlir_with_ssp_names_in_attributes_is_read_as_mlir():
    text = (
        "func.func @f(%a: f32) -> f32 attributes {\n"
        'ssp.instance = "ssp.instance @x of \\"Problem\\" {"} {\n'
        "  %m = arith.mulf %a, %a : f32\n  return %m : f32\n}\n"
    )
    code, out, err = run(["-", pipeline("gaus-schedule")], text)
    assert code == 0, err
    assert "gaus.start = 0" in out


def test_ssp_inside_a_module_is_still_ssp():
    text = "module {\n" + ACYCLIC_SSP + "}\n"
    code, out, err = run(["-", pipeline("gaus-schedule")], text)
    assert code == 0, err
    assert "t<" in out


def test_parse_file_missing_is_a_diagnostic(tmp_path):
    from gaus_mlir.ssp import parse_file

    with pytest.raises(Diagnostic) as info:
        parse_file(tmp_path / "nope.mlir")
    assert "cannot open input file" in str(info.value)


# ------------------------------------------------------------------ Python API
def test_schedule_api_validates_like_the_cli():
    from gaus_mlir.model import UnsupportedProblemError
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file

    problem = parse_file(EXAMPLES / "dct_butterfly.ssp.mlir")[0].problem
    for method, kw in [
        ("cpsat", {"time_limit": -5}),
        ("cpsat", {"time_limit": "5"}),
        ("cpsat", {"time_limit": float("nan")}),
        ("cpsat", {"seed": 2**40}),
        ("gaus", {"iterations": -3}),
        ("gaus", {"batch": 0}),
        ("gaus", {"lr": -1}),
        ("gaus", {"lr": True}),
    ]:
        with pytest.raises(UnsupportedProblemError, match="must be"):
            schedule(problem, method, **kw)
    from gaus_mlir.ssp import parse

    acyclic = parse(ACYCLIC_SSP)[0].problem
    with pytest.raises(UnsupportedProblemError, match="'ii' applies to cyclic problems"):
        schedule(acyclic, "cpsat", ii=3)


def test_pass_api_rejects_wrong_types():
    from mlir import ir
    from mlir.passmanager import PassManager

    from gaus_mlir.passes.api import add_gaus_schedule

    with ir.Context():
        pm = PassManager("builtin.module")
        for kw in (
            {"gantt": True},
            {"method": "cpsat", "time_limit": "5"},
            {"method": "cpsat", "time_limit": -5},
            {"method": "gaus", "batch": 0},
            {"method": "list", "time_limit": 5},
            {"method": "ims", "ii": 2.5},
            {"mem_ports": 2.0},
            {"limits": {"mulf": 1.5}},
        ):
            with pytest.raises(Diagnostic):
                add_gaus_schedule(pm, **kw)
        add_gaus_schedule(pm, method="ims", ii=None)  # None: the default
        add_gaus_schedule(pm, method="ims", ii="auto", time_limit=None)


def test_pass_manager_without_with_ctx_and_from_a_thread():
    from mlir import ir

    from gaus_mlir.passes.api import parse_pass_pipeline

    text = (EXAMPLES / "gemm.mlir").read_text()
    ctx = ir.Context()
    module = ir.Module.parse(text, ctx)
    pm = parse_pass_pipeline("builtin.module(gaus-schedule)", context=ctx)
    pm.run(module.operation)  # no `with ctx:`
    assert pm.gaus.summaries and "gaus.start" in str(module)

    module2 = ir.Module.parse(text, ctx)
    errors = []

    def go():
        try:
            pm.run(module2.operation)
        except BaseException as e:  # pragma: no cover - the failure being tested
            errors.append(e)

    t = threading.Thread(target=go)
    t.start()
    t.join()
    assert errors == [] and "gaus.start" in str(module2)


def test_reused_pass_manager_reports_one_run():
    from mlir import ir
    from mlir.passmanager import PassManager

    from gaus_mlir.passes.api import add_gaus_schedule

    text = (EXAMPLES / "gemm.mlir").read_text()
    with ir.Context():
        pm = PassManager("builtin.module")
        report = add_gaus_schedule(pm, method="list")
        pm.run(ir.Module.parse(text).operation)
        first = [line.rsplit(" time=", 1)[0] for line in report.summaries]
        pm.run(ir.Module.parse(text).operation)
        assert first and [line.rsplit(" time=", 1)[0] for line in report.summaries] == first


def test_failed_chart_write_leaves_the_ir_untouched(tmp_path):
    from mlir import ir

    from gaus_mlir.passes.api import parse_pass_pipeline

    folder = tmp_path / "charts"
    folder.mkdir()
    text = (EXAMPLES / "gemm.mlir").read_text()
    with ir.Context():
        module = ir.Module.parse(text)
        pm = parse_pass_pipeline(f"builtin.module(gaus-schedule{{gantt={folder}/g.png}})")
        folder.rmdir()  # valid when the pipeline was built, gone when it runs
        with pytest.raises(Diagnostic, match="cannot open output file"):
            pm.run(module.operation)
        assert "gaus." not in str(module)
        assert pm.gaus.summaries == []


def test_output_to_a_fifo_or_device_is_written_not_replaced(tmp_path):
    """-o /dev/null must never turn /dev/null into a regular file: a target
    that is not a regular file (here a FIFO) is written in place at commit."""
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    code, out, err = run([EXAMPLES / "gemm.mlir", "-o", fifo, pipeline("gaus-schedule")])
    reader.join(60)
    assert code == 0 and out == "", err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and "gaus.start" in got[0]
    assert leftovers(tmp_path) == []


def test_summary_says_what_ended_the_search(monkeypatch):
    """A method that records ``stats["ended_by"]`` (e.g. the wall-clock limit)
    has it printed in the summary line."""
    import gaus_mlir.passes.gaus_schedule as gs

    real = gs.schedule

    def marked(*args, **kwargs):
        result = real(*args, **kwargs)
        result.stats["ended_by"] = "time-limit"
        return result

    monkeypatch.setattr(gs, "schedule", marked)
    code, _, err = run([EXAMPLES / "fir.ssp.mlir", "--summary", pipeline("gaus-schedule{method=ims}")])
    assert code == 0 and " status=" in err and " ended-by=time-limit time=" in err
    code, _, err = run([EXAMPLES / "gemm.mlir", "--summary", pipeline("gaus-schedule")])
    assert code == 0 and " ended-by=time-limit time=" in err
