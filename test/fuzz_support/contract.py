"""Run ``gaus-opt`` on one input and check the driver contract.

For every input: exit 0 with output, or exit 1 with a located error
(``FILE:LINE:COL: error:`` or ``<Pass-Pipeline>:1:COL: error:``) on stderr,
nothing on stdout and no output file; never ``internal error``, never a Python
traceback, never another exit code, and within a time budget.

Two ways to run: :func:`run_subprocess` (the real ``gaus-opt`` entry point under
``timeout``-like limits and an address-space cap; what the campaign uses) and
:func:`run_inprocess` (``gaus_mlir.cli.run`` in this interpreter, about ten
times faster; an escaping exception counts as an internal error).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ``use_output_file="existing"``: -o names a file that already holds this; a
# failed run must leave it as it was (no truncation, no partial write)
OLD_OUTPUT = "// the previous output, which a failed run must leave alone\n"
LOCATED = re.compile(r"^(?:<Pass-Pipeline>:1:\d+|.+:\d+:\d+): error: \S")
ERROR_LINE = re.compile(r"(?:^|: )error: ")


@dataclass
class Outcome:
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    output: str | None = None  # the -o file's text when it exists
    output_file: bool = False  # whether -o was used
    exception: str | None = None  # in-process: an exception that escaped
    old_output: str | None = None  # what the -o file held before the run
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The printed result: the -o file or stdout."""
        return self.output if self.output_file else self.stdout


def gaus_opt_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("gaus-opt")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from gaus_mlir.cli import main; main()"]


def _limit_memory(nbytes: int):
    def setup():
        resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))
        os.setsid()

    return setup


@contextlib.contextmanager
def _sandbox(data: bytes, use_output_file, suffix: str, files: dict | None):
    """A fresh folder with the input, the old ``-o`` file when asked for
    (``use_output_file == "existing"``) and side inputs (named keep-*):
    (folder, input path, output path, old output or None)."""
    with tempfile.TemporaryDirectory(prefix="gaus-fuzz-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out.mlir"
        old = OLD_OUTPUT if use_output_file == "existing" else None
        if old is not None:
            out.write_text(old)
        for name, body in (files or {}).items():
            (Path(tmp) / name).write_text(body)
        yield tmp, src, out, old


def _inspect(o: Outcome, tmp, src: Path, out: Path, data: bytes, use_output_file) -> None:
    """Read the output file and note stray files and a modified input."""
    if use_output_file and out.exists():
        o.output = out.read_text(encoding="utf-8", errors="replace")
    stray = sorted(
        x.name
        for x in Path(tmp).iterdir()
        if x.name not in (src.name, out.name) and not x.name.startswith("keep-")
    )
    if stray:
        o.notes.append(f"files left behind: {stray}")
    if not src.exists() or src.read_bytes() != data:
        o.notes.append("the input file was modified")


def run_subprocess(
    data: bytes | str,
    pipeline: str | None,
    extra: list[str] = (),
    timeout: float = 30.0,
    mem_bytes: int = 4_000_000_000,
    use_output_file: bool = False,
    stdin: bool = False,
    suffix: str = ".mlir",
    files: dict | None = None,
) -> Outcome:
    """``gaus-opt FILE --pass-pipeline=P [extra]`` in a fresh process (input
    from stdin when ``stdin``); with ``use_output_file`` the result goes to
    ``-o`` in a fresh folder and :attr:`Outcome.output` holds it."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with _sandbox(data, use_output_file, suffix, files) as (tmp, src, out, old):
        cmd = gaus_opt_cmd() + ["-" if stdin else str(src)]
        if pipeline is not None:
            cmd.append(f"--pass-pipeline={pipeline}")
        cmd += list(extra)
        if use_output_file:
            cmd += ["-o", str(out)]
        env = dict(os.environ)
        env.pop("GAUS_DEBUG", None)
        t0 = time.monotonic()
        p = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp,
            env=env,
            preexec_fn=_limit_memory(mem_bytes),
        )
        timed_out = False
        try:
            so, se = p.communicate(data if stdin else None, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, signal.SIGKILL)
            so, se = p.communicate()
        secs = time.monotonic() - t0
        o = Outcome(
            None if timed_out else p.returncode,
            so.decode("utf-8", "replace"),
            se.decode("utf-8", "replace"),
            secs,
            timed_out,
            output_file=bool(use_output_file),
            old_output=old,
        )
        _inspect(o, tmp, src, out, data, use_output_file)
        return o


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def run_inprocess(
    data: bytes | str,
    pipeline: str | None,
    extra: list[str] = (),
    timeout: float = 30.0,
    use_output_file: bool = False,
    suffix: str = ".mlir",
    files: dict | None = None,
) -> Outcome:
    """``gaus_mlir.cli.run`` in this process, with a SIGALRM time budget."""
    from gaus_mlir.cli import run

    if isinstance(data, str):
        data = data.encode("utf-8")
    with _sandbox(data, use_output_file, suffix, files) as (tmp, src, out, old):
        argv = [str(src)]
        if pipeline is not None:
            argv.append(f"--pass-pipeline={pipeline}")
        argv += list(extra)
        if use_output_file:
            argv += ["-o", str(out)]
        so, se = io.StringIO(), io.StringIO()
        exc = None
        code = None
        timed_out = False
        old_handler = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t0 = time.monotonic()
        cwd = os.getcwd()
        try:
            os.chdir(tmp)
            code = run(argv, stdout=so, stderr=se)
        except _Timeout:
            timed_out = True
        except SystemExit as e:  # argparse
            code = e.code if isinstance(e.code, int) else 2
        except BaseException as e:  # noqa: BLE001 - anything escaping is the finding
            exc = "".join(traceback.format_exception(type(e), e, e.__traceback__))
            code = 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            os.chdir(cwd)
        secs = time.monotonic() - t0
        o = Outcome(
            code,
            so.getvalue(),
            se.getvalue(),
            secs,
            timed_out,
            output_file=bool(use_output_file),
            exception=exc,
            old_output=old,
        )
        _inspect(o, tmp, src, out, data, use_output_file)
        return o


def contract_violations(o: Outcome) -> list[tuple[str, str]]:
    """[(category, detail)] of broken promises; empty when the run kept the
    contract.  Categories: timeout, internal-error, traceback, exit-code,
    unlocated-error, stdout-on-error, partial-output, no-output, data-loss."""
    bad: list[tuple[str, str]] = []
    err = o.stderr
    if o.timed_out:
        return [("timeout", f"no answer within {o.seconds:.1f} s")]
    if o.exception:
        bad.append(("internal-error", o.exception.strip().splitlines()[-1]))
    if "internal error" in err:
        line = next(ln for ln in err.splitlines() if "internal error" in ln)
        bad.append(("internal-error", line))
    if "Traceback (most recent call last)" in err:
        bad.append(("traceback", err[err.index("Traceback") :][:300]))
    if o.code not in (0, 1):
        bad.append(("exit-code", f"exit {o.code}: {err[-300:]}"))
    for line in err.splitlines():
        if ERROR_LINE.search(line) and not LOCATED.match(line) and "internal error" not in line:
            bad.append(("unlocated-error", line[:300]))
            break
    if o.code == 1:
        if not any(LOCATED.match(line) for line in err.splitlines()):
            if not bad:
                bad.append(("unlocated-error", f"exit 1 without a located error: {err[:300]!r}"))
        if o.stdout:
            bad.append(("stdout-on-error", o.stdout[:200]))
        if o.output is not None and o.output != o.old_output:
            what = "replaced" if o.old_output is not None else "written"
            bad.append(("partial-output", f"-o file {what} on failure ({len(o.output)} chars)"))
        elif o.old_output is not None and o.output is None:
            bad.append(("data-loss", "the existing -o file was removed by a failed run"))
    elif o.code == 0:
        if o.output_file and (o.output is None or o.output == o.old_output):
            bad.append(("no-output", "exit 0 but no (new) -o file"))
        if ERROR_LINE.search(err) and any(LOCATED.match(line) for line in err.splitlines()):
            bad.append(("error-with-exit-0", err[:300]))
    for n in o.notes:
        if n.startswith("files left behind"):
            if o.code != 0:  # side files of a failed run are partial output (item 6)
                bad.append(("partial-output", n))
        else:
            bad.append(("data-loss", n))
    return bad


def first_error(o: Outcome) -> str:
    for line in o.stderr.splitlines():
        if LOCATED.match(line):
            return line
    return o.stderr.strip().splitlines()[0] if o.stderr.strip() else ""
