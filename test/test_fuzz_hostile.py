"""The hostile corpus (test/hostile/): issue 12's reproducers and other inputs
a hostile user would try, each run through a fresh ``gaus-opt`` process with a
time and memory budget, under the driver contract (test/fuzz_support/
contract.py): exit 0 with a schedule the independent checker accepts, or exit
1 with a located error and no output; never an internal error, a traceback, a
partial output file or a modified input.

Each file says what it expects in ``// KEY: value`` header lines:

  PIPELINE  the --pass-pipeline (required)
  ARGS      extra driver arguments
  STDIN     feed the file on stdin instead of naming it
  LIB       a latency library (JSON), written next to the input as keep-lib.json
  EXPECT    ok | error | any
  ERROR-RE  a regex the first located error must match
  OUTPUT-RE / OUTPUT-NOT-RE   regexes the output must / must not match
  OK-STDERR-RE  on success, a regex stderr must match (e.g. a remark)
  MIN-II    the first loop's gaus.ii must be at least this
  FUNC-LATENCY-MIN  the first function's gaus.latency, when written, at least this
  LIMITS    limits=class:N the checker enforces per cycle
  NO-CHECKER  skip the element-by-element checker (too many iterations)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("mlir.ir")

from fuzz_support import contract  # noqa: E402
from fuzz_support.cases import check_mlir_output, check_ssp_output  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "hostile"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".mlir")
HEADER = re.compile(rb"^// ([A-Z][A-Z0-9-]*): ?(.*)$", re.MULTILINE)


def headers(data: bytes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in HEADER.finditer(data):
        out.setdefault(m.group(1).decode(), []).append(m.group(2).decode("latin-1").strip())
    return out


def run_case(path: Path):
    data = path.read_bytes()
    h = headers(data)
    files = {"keep-lib.json": h["LIB"][0]} if "LIB" in h else None
    extra = h.get("ARGS", [""])[0].split()
    ssp = path.name.endswith(".ssp.mlir")
    o = contract.run_subprocess(
        data,
        h["PIPELINE"][0],
        extra,
        timeout=20,
        stdin="STDIN" in h,
        files=files,
        suffix=".ssp.mlir" if ssp else ".mlir",
    )
    return h, o


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_hostile_input_keeps_the_contract(path):
    h, o = run_case(path)
    found = contract.contract_violations(o)
    assert not found, (found, o.stderr[-2000:])
    expect = h.get("EXPECT", ["any"])[0]
    if expect == "ok":
        assert o.code == 0, o.stderr[-2000:]
    elif expect == "error":
        assert o.code == 1, (o.stdout[-1000:], o.stderr[-1000:])
    if o.code == 1:
        for rx in h.get("ERROR-RE", []):
            assert re.search(rx, contract.first_error(o)), o.stderr
        return
    out = o.text
    for rx in h.get("OK-STDERR-RE", []):
        assert re.search(rx, o.stderr), o.stderr[-2000:]
    for rx in h.get("OUTPUT-RE", []):
        assert re.search(rx, out), out[-3000:]
    for rx in h.get("OUTPUT-NOT-RE", []):
        assert not re.search(rx, out), out[-3000:]
    if "MIN-II" in h:
        m = re.search(r"gaus\.ii = (\d+)", out)
        assert m and int(m.group(1)) >= int(h["MIN-II"][0]), out[-3000:]
    if "FUNC-LATENCY-MIN" in h:
        m = re.search(r"func\.func @\w+\([^)]*\)[^{]*attributes \{[^}]*gaus\.latency = (\d+)", out)
        assert m is None or int(m.group(1)) >= int(h["FUNC-LATENCY-MIN"][0]), out[-3000:]
    if "NO-CHECKER" in h:
        return
    if path.name.endswith(".ssp.mlir"):
        text = path.read_text()
        if "--split-input-file" not in h.get("ARGS", [""])[0] and "ssp.instance" in out:
            found = check_ssp_output(text, out)
    elif "ssp.instance" not in out and out.strip():
        limits = None
        if "LIMITS" in h:
            limits = {k: int(v) for k, v in (x.split(":") for x in h["LIMITS"][0].split(","))}
        lib = None
        if "LIB" in h:
            import json

            lib = json.loads(h["LIB"][0])
        found = check_mlir_output(out, limits=limits, lib=lib, strict=False)
    assert not found, (found, out[-3000:])
