"""Per-instance comparisons of the registers suite against the issue's targets
(gaus vs ims/list, vs sms, vs cpsat where cpsat proved optimality, >= 2k ops,
how often the relaxation's candidate won), from one or more results.json of
``run.py --suites registers``.

    .venv/bin/python benchmarks/register_targets.py benchmarks/results/latest/results.json
"""

from __future__ import annotations

import collections
import json
import math
import sys


def _gmean(xs: list[float]) -> float:
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else float("nan")


def _setting(name: str, runs: dict) -> str:
    if "/chstone/" in name or ("/mlir/" in name and "ims" in runs):
        return "modulo"
    for tag, setting in (("@list", "list"), ("@1.2cp", "1.2cp"), ("/rw/", "rw")):
        if tag in name:
            return setting
    return "mlir-acyclic"


def _versus(names, by, m: str, base: str) -> str | None:
    pairs = [(by[n][m]["objective"], by[n][base]["objective"]) for n in names if m in by[n] and base in by[n]]
    if not pairs:
        return None
    ratio = _gmean([(a + 1) / (b + 1) for a, b in pairs])
    return (
        f"  {m} vs {base}: geomean (x+1)/(y+1) {ratio:.3f}; <= on {sum(a <= b for a, b in pairs)}/{len(pairs)}, "
        f"< on {sum(a < b for a, b in pairs)}"
    )


def summary(rows: list[dict]) -> list[str]:
    by: dict[str, dict] = collections.defaultdict(dict)
    for r in rows:
        if r["status"] == "ok" and r["suite"] == "registers":
            by[r["instance"]][r["method"]] = r
    groups = collections.defaultdict(list)
    for n, runs in by.items():
        groups[_setting(n, runs)].append(n)
    out = []
    for setting, names in sorted(groups.items()):
        out.append(f"== {setting}: {len(names)} instances")
        base = "ims" if setting == "modulo" else "list"
        out += filter(None, (_versus(names, by, m, base) for m in ("gaus", "sms", "cpsat", "hybrid", "lp")))
        pairs = [
            (by[n]["gaus"]["objective"], by[n]["sms"]["objective"])
            for n in names
            if {"gaus", "sms"} <= set(by[n])
        ]
        if pairs:
            out.append(f"  gaus <= sms on {sum(a <= b for a, b in pairs)}/{len(pairs)}")
        opt = [
            (by[n]["gaus"]["objective"], by[n]["cpsat"]["objective"])
            for n in names
            if {"gaus", "cpsat"} <= set(by[n]) and by[n]["cpsat"].get("solver_status") == "OPTIMAL"
        ]
        if opt:
            out.append(
                f"  where cpsat is OPTIMAL ({len(opt)}): gaus within 2 % on {sum(a <= 1.02 * b for a, b in opt)}"
            )
        big = [
            n for n in names if {"gaus", "cpsat"} <= set(by[n]) and int(by[n]["gaus"].get("ops") or 0) >= 2000
        ]
        if big:
            out.append(
                "  >= 2k ops, gaus / cpsat: "
                + ", ".join(
                    f"{n.split('/')[-1]} {by[n]['gaus']['objective']:g}/{by[n]['cpsat']['objective']:g}"
                    for n in big
                )
            )
        won = [
            by[n]["gaus"]
            for n in names
            if (by[n].get("gaus") or {}).get("stats", {}).get("relaxation_won") is not None
        ]
        if won:
            out.append(
                f"  relaxation-derived candidate returned on {sum(bool(r['stats']['relaxation_won']) for r in won)}/{len(won)} runs"
            )
    return out


def main(argv: list[str]) -> int:
    rows = []
    for path in argv:
        with open(path) as f:
            rows += json.load(f)["rows"]
    print("\n".join(summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
