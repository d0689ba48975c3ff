"""A long fuzz campaign over gaus-opt (issue 12), outside CI.

Runs the generators of the pytest fuzz suite (test/fuzz_support/) round-robin
over categories until the time is up, checks every case against the driver
contract and the independent brute-force checkers, and writes per category the
inputs tried, exit codes, and findings (internal errors, tracebacks, unsound
schedules, partial outputs / data loss, timeouts, unlocated errors), each new
finding (deduplicated by a signature) reduced to a small reproducer file.

    nice -n 19 .venv/bin/python benchmarks/fuzz_campaign.py --minutes 25 --out /tmp/fuzz
    .venv/bin/python benchmarks/fuzz_campaign.py --minutes 2 --categories ssp-valid,mlir-valid

Categories:
  ssp-valid      random well-formed SSP instances of every kind, every method that
                 takes the kind (in process, 30 s alarm); run twice, same output
  ssp-big        the same with numbers near / beyond 2**62 (fresh process, 4 GB cap)
  ssp-mutated    random edits of SSP text: garbage, huge numbers, dropped / swapped lines
  mlir-valid     random affine/scf kernels incl. memrefs chosen by arith.select
  mlir-noalias   the same without arith.select (so alias findings do not mask others)
  mlir-deep      larger kernels: depth 4, up to 80 statements, 1-3 functions
  mlir-mutated   random edits of kernels (fresh process)
  mlir-resources limits= on float op classes and a latency library with blocking
                 dividers; each case run twice, the output must be the same
  ssp-verify     a schedule with some t<> / II<> edited: gaus-verify must accept
                 exactly what the checker accepts
  mlir-verify    a kernel schedule with some gaus.start / gaus.ii edited: what
                 gaus-verify accepts must pass the checker

Output: OUT/summary.json, OUT/SUMMARY.md, OUT/findings/<signature>.{mlir,txt}.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "test"))

from fuzz_support import contract  # noqa: E402
from fuzz_support.cases import MLIR_METHODS, mlir_case, mlir_verify_case, ssp_case, ssp_verify_case  # noqa: E402
from fuzz_support.reduce import reduce_lines  # noqa: E402
from fuzz_support.ssp_gen import KINDS, METHODS  # noqa: E402


def _ssp(seed, **kw):
    rng = random.Random(seed ^ 0x5A5A)
    kind = rng.choice(KINDS)
    method = METHODS[kind][rng.randrange(len(METHODS[kind]))]
    return ssp_case(
        seed,
        kind,
        method,
        instances=rng.randint(1, 2),
        use_output_file=rng.choice([False, False, True, "existing"]),
        **kw,
    )


def _mlir(seed, **kw):
    rng = random.Random(seed ^ 0xA5A5)
    return mlir_case(
        seed, rng.choice(MLIR_METHODS), use_output_file=rng.choice([False, False, True, "existing"]), **kw
    )


CATEGORIES = {
    "ssp-valid": lambda s: _ssp(s, max_ops=12, twice=True),
    "ssp-big": lambda s: _ssp(s, big=True, subprocess=True, timeout=20),
    "ssp-mutated": lambda s: _ssp(s, mutations=1 + s % 3, big=s % 2 == 0, subprocess=True, timeout=20),
    "mlir-valid": lambda s: _mlir(s, functions=1 + s % 2),
    "mlir-noalias": lambda s: _mlir(s, alias=False, functions=1 + s % 2),
    "mlir-deep": lambda s: _mlir(
        s, alias=False, max_depth=4, budget=80, functions=1 + s % 3, subprocess=True, timeout=60
    ),
    "mlir-mutated": lambda s: _mlir(s, mutations=1 + s % 3, subprocess=True, timeout=20),
    "mlir-resources": lambda s: _mlir(s, alias=False, resources=True, twice=True),
    "ssp-verify": lambda s: ssp_verify_case(s),
    "mlir-verify": lambda s: mlir_verify_case(s),
}
SUBPROCESS = {"ssp-big", "ssp-mutated", "mlir-deep", "mlir-mutated"}


def signature(cat: str, finding: tuple[str, str]) -> str:
    kind, detail = finding
    d = re.sub(r"/tmp/\S+?:", "FILE:", detail)
    d = re.sub(r"loc\([^)]*\)", "LOC", d)
    d = re.sub(r"@[A-Za-z_][\w$.]*", "@X", d)
    d = re.sub(r"%[\w$.#-]+", "%X", d)
    d = re.sub(r"\[[\d, ]*\]", "[N]", d)
    d = re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "N", d)
    d = re.sub(r"\(world .*?\)", "", d)
    return f"{cat}: {kind}: {d[:140]}"


def reduce_case(text: str, pipeline: str, kind: str, subprocess: bool, ssp: bool) -> str:
    """Smallest text (by lines) that still gives a finding of ``kind``."""
    from fuzz_support.cases import check_mlir_output, check_ssp_output

    run = contract.run_subprocess if subprocess else contract.run_inprocess

    def fails(t: str) -> bool:
        o = run(t, pipeline, timeout=30, suffix=".ssp.mlir" if ssp else ".mlir")
        found = contract.contract_violations(o)
        if o.code == 0 and not found:
            found = (
                check_ssp_output(t, o.text)
                if ssp
                else check_mlir_output(o.text, ports=_ports(pipeline), strict=False)
            )
        return any(k == kind for k, _ in found)

    return reduce_lines(text, fails, max_tries=60 if subprocess else 250)


def _ports(pipeline: str) -> int:
    m = re.search(r"mem-ports=(\d+)", pipeline)
    return int(m.group(1)) if m else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=25.0)
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "fuzz"))
    ap.add_argument("--categories", default=",".join(CATEGORIES))
    ap.add_argument("--seed", type=int, default=1, help="first seed")
    ap.add_argument("--no-reduce", action="store_true")
    args = ap.parse_args(argv)
    cats = args.categories.split(",")
    out = Path(args.out)
    (out / "findings").mkdir(parents=True, exist_ok=True)
    stats = {c: collections.Counter() for c in cats}
    findings: dict[str, dict] = {}
    t_end = time.monotonic() + args.minutes * 60
    seed = args.seed
    t0 = time.monotonic()
    while time.monotonic() < t_end:
        for cat in cats:
            if time.monotonic() >= t_end:
                break
            try:
                found, text, pipeline, o = CATEGORIES[cat](seed)
            except Exception as e:  # noqa: BLE001 - a harness error is reported, not fatal
                stats[cat]["harness-error"] += 1
                print(f"[{cat} seed {seed}] harness error: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            st = stats[cat]
            st["tried"] += 1
            st[f"exit-{o.code if not o.timed_out else 'timeout'}"] += 1
            for kind in {k for k, _ in found}:
                st[kind] += 1
            for f in found:
                sig = signature(cat, f)
                rec = findings.get(sig)
                if rec is None:
                    n = len(findings) + 1
                    ssp = cat.startswith("ssp")
                    name = f"{n:03d}-{cat}-{f[0]}"
                    rec = findings[sig] = {
                        "id": name,
                        "category": cat,
                        "kind": f[0],
                        "detail": f[1][:500],
                        "seed": seed,
                        "pipeline": pipeline,
                        "count": 0,
                    }
                    small = text
                    # a timeout costs the whole budget per try: not reduced
                    if not args.no_reduce and f[0] not in (
                        "checker-unsupported",
                        "timeout",
                        "nondeterministic",
                    ):
                        try:
                            small = reduce_case(text, pipeline, f[0], cat in SUBPROCESS, ssp)
                        except Exception as e:  # noqa: BLE001
                            rec["reduce_error"] = str(e)
                    ext = ".ssp.mlir" if ssp else ".mlir"
                    (out / "findings" / (name + ext)).write_text(
                        f"// PIPELINE: {pipeline}\n// FINDING: {f[0]}: {f[1][:300]}\n"
                        f"// SEED: {seed} ({cat})\n" + small
                    )
                    rec["lines"] = small.count("\n") + 1
                    print(f"[{cat} seed {seed}] NEW {sig}", file=sys.stderr, flush=True)
                rec["count"] += 1
        seed += 1
        if seed % 20 == 0:
            _write(out, stats, findings, time.monotonic() - t0, args)
    _write(out, stats, findings, time.monotonic() - t0, args)
    print((out / "SUMMARY.md").read_text())
    return 0


def _write(out: Path, stats, findings, secs, args):
    data = {
        "seconds": round(secs, 1),
        "first_seed": args.seed,
        "categories": {c: dict(s) for c, s in stats.items()},
        "findings": list(findings.values()),
    }
    (out / "summary.json").write_text(json.dumps(data, indent=1))
    kinds = [
        "tried",
        "exit-0",
        "exit-1",
        "exit-timeout",
        "internal-error",
        "traceback",
        "unsound",
        "verify-false-alarm",
        "nondeterministic",
        "partial-output",
        "data-loss",
        "timeout",
        "unlocated-error",
        "stdout-on-error",
        "exit-code",
        "unscheduled",
        "checker-unsupported",
        "harness-error",
    ]
    lines = [
        f"# gaus-opt fuzz campaign: {secs / 60:.1f} min, seeds from {args.seed}",
        "",
        "| category | " + " | ".join(kinds) + " |",
        "| --- " * (len(kinds) + 1) + "|",
    ]
    tot = collections.Counter()
    for c, s in stats.items():
        tot.update(s)
        lines.append(f"| {c} | " + " | ".join(str(s.get(k, 0)) for k in kinds) + " |")
    lines.append("| **all** | " + " | ".join(str(tot.get(k, 0)) for k in kinds) + " |")
    lines += ["", "## Findings (deduplicated)", ""]
    for f in findings.values():
        lines.append(
            f"* `{f['id']}` x{f['count']} ({f['kind']}, seed {f['seed']}, "
            f"{f.get('lines', '?')} lines): {f['detail'][:200]}"
        )
    (out / "SUMMARY.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
