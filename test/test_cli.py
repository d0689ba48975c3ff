"""gaus-opt driver behaviour: mlir-opt conventions, located errors, no partial
output, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from gaus_mlir import cli
from gaus_mlir.ssp import parse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TINY = """ssp.instance @tiny of "SharedOperatorsProblem" {
  library {
    operator_type @x [latency<2>]
  }
  resource {
    resource_type @r [limit<1>]
  }
  graph {
    %0 = operation<@x> @a() uses[@r]
    %1 = operation<@x> @b() uses[@r]
    operation<@x> @c(%0, %1) uses[@r]
  }
}
"""


run = run_cli


def test_schedule_from_stdin_prints_verified_schedule():
    code, out, err = run(["-", "--pass-pipeline=builtin.module(gaus-schedule{method=list})"], TINY)
    assert code == 0 and err == ""
    inst = parse(out)[0]
    assert inst.schedule is not None
    inst.problem.verify(inst.schedule)
    # one unit, latency 2: a and b start in different steps, c after both finish
    t = inst.schedule.start.tolist()
    assert sorted(t[:2]) == [0, 1] and t[2] == 3


def test_output_file_and_no_partial_output_on_error(tmp_path):
    src = tmp_path / "in.mlir"
    src.write_text(TINY)
    dst = tmp_path / "out.mlir"
    code, out, err = run(
        [str(src), "-o", str(dst), "--pass-pipeline=builtin.module(gaus-schedule{method=cpsat})"]
    )
    assert code == 0 and out == "" and "t<" in dst.read_text()
    dst.unlink()
    code, out, err = run(
        [str(src), "-o", str(dst), "--pass-pipeline=builtin.module(gaus-schedule{method=asap})"]
    )
    assert code == 1 and out == "" and not dst.exists()
    assert err.startswith(f"{src}:1:1: error: method 'asap' does not support")


def test_bare_pipeline_without_anchor_is_accepted():
    code, out, _ = run(["-", "--pass-pipeline=gaus-schedule{method=list}"], TINY)
    assert code == 0 and "[t<" in out


def test_empty_pipeline_round_trips():
    code, out, _ = run(["-"], TINY)
    assert code == 0 and out == TINY


def test_split_input_file_reports_each_chunk_and_keeps_line_numbers():
    text = TINY + "// -----\n" + TINY.replace("latency<2>", "latency<-1>")
    code, out, err = run(
        ["-", "--split-input-file", "--pass-pipeline=builtin.module(gaus-schedule{method=list})"], text
    )
    assert code == 1 and out == ""
    line = TINY.count("\n") + 1 + 3  # the second chunk's operator_type line
    assert err.startswith(f"<stdin>:{line}:")
    assert "negative latency -1" in err


def test_malformed_mlir_is_a_located_error():
    bad = "func.func @f() {\n  %0 = arith.addf %x, %x : f32\n  return\n}\n"
    code, out, err = run(["-", "--pass-pipeline=builtin.module(gaus-schedule)"], bad)
    assert code == 1 and out == ""
    assert err == "<stdin>:2:19: error: use of undeclared SSA value name\n"


def test_internal_error_has_no_traceback(monkeypatch, capsys):
    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(cli, "run", boom)
    monkeypatch.setattr(sys, "argv", ["gaus-opt"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaboom" in err and "Traceback" not in err


def test_console_script_exit_codes(tmp_path):
    exe = Path(sys.executable).with_name("gaus-opt")
    ok = subprocess.run(
        [
            str(exe),
            str(EXAMPLES / "fir.ssp.mlir"),
            "--summary",
            "--pass-pipeline=builtin.module(gaus-schedule{method=ims},gaus-verify)",
        ],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "@fir4 (ModuloProblem, 13 ops): method=ims" in ok.stderr
    bad = subprocess.run([str(exe), str(tmp_path / "missing.mlir")], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stdout == ""
    assert "cannot open input file" in bad.stderr and "Traceback" not in bad.stderr


def test_a_closed_stdout_is_not_an_error():
    """`gaus-opt ... | head -1`: the reader leaves early; gaus-opt exits as a
    tool killed by SIGPIPE would (141), with nothing on stderr."""
    exe = Path(sys.executable).with_name("gaus-opt")
    cmd = [
        str(exe),
        str(EXAMPLES / "fir.ssp.mlir"),
        "--pass-pipeline=builtin.module(gaus-schedule{method=ims})",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before gaus-opt writes its output
    err = proc.stderr.read().decode()
    assert proc.wait() == 141 and err == "", err


EXAMPLE_RUNS = [
    (e, m)
    for e in sorted(p.name for p in EXAMPLES.glob("*.ssp.mlir"))
    for m in (["ims", "cpsat", "gaus"] if "fir" in e else ["list", "cpsat", "gaus"])
]


@pytest.mark.parametrize("example,method", EXAMPLE_RUNS)
def test_examples_schedule_and_verify(example, method):
    code, out, err = run(
        [
            str(EXAMPLES / example),
            f"--pass-pipeline=builtin.module(gaus-schedule{{method={method}}},gaus-verify)",
        ]
    )
    assert code == 0, err
    again = parse(out)[0]
    again.problem.verify(again.schedule)
