"""REPORT.md, pareto.png, scaling.png, modulo.csv and fair.csv from the rows of
``results.json`` (see ``run.py``).

Objective per suite (smaller is better): express latency; chstone (II,
latency) lexicographically; epfl sum of peak users per step under the latency
bound; rw formulation A.  "Best known" per instance is the best verified
result of this run (any method, any seed) or the manifest's CP-SAT reference
(express, chstone); it is "proven" where the manifest says OPTIMAL, a CP-SAT
run says OPTIMAL, or it meets a lower bound (``gaus_mlir.model.bounds``,
``peak_lower_bound`` or a CP-SAT bound).  Per (instance, method) the
objective is the mean over seeds.
"""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GPU_FILE = HERE / "results" / "gpu_check_h200.txt"
FAILED = ("failed", "timeout", "oom", "crashed", "unverified")
ORDER = [
    "gaus",
    "gaus-random",
    "gs-schedule",
    "gs-schedule-random",
    "hybrid",
    "cpsat",
    "cpsat-ref",
    "list",
    "ims",
    "sms",
    "fds",
    "lp",
    "circt",
]
DIFF = ("gaus", "gaus-random", "gs-schedule", "gs-schedule-random")
EQUAL_BUDGET = ("gaus-random", "gs-schedule", "gs-schedule-random", "hybrid", "cpsat")
SUITE_TITLE = {
    "express": "express (resource-constrained latency)",
    "latency": "latency (express graphs without resource limits: latency; CIRCT's linear scheduler applies)",
    "chstone": "chstone (modulo: II, then latency)",
    "epfl": "epfl (time-constrained, L = ceil(1.1 x critical path), peak usage)",
    "rw": "rw (ICML'24 formulation A: ratio x weighted peak + communication)",
    "registers": "registers (peak live bits / MaxLive; settings: modulo at IMS's II, acyclic at the list latency and 1.2 x critical path, rw formulation B)",
}
REGISTER_BASELINE = {"modulo": "ims", "list": "list", "1.2cp": "list", "formulation-b": "list"}
EPS = 1e-9


def _ord(m):
    return (ORDER.index(m) if m in ORDER else len(ORDER), m)


def _f(x, nd=2):
    if x is None:
        return "-"
    if isinstance(x, float):
        if math.isnan(x):
            return "-"
        if abs(x - round(x)) < 1e-9 and abs(x) < 1e12:
            return str(int(round(x)))
        return f"{x:.{nd}f}"
    return str(x)


def _pct(x):
    return "-" if x is None else f"{100 * x:.2f}%"


def _gmean(xs):
    xs = [x for x in xs if x is not None and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def _table(head, rows) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# ------------------------------------------------------------------ analysis
class Analysis:
    def __init__(self, data):
        self.meta = data.get("meta", {})
        self.rows = data.get("rows", [])
        self.info = {i["instance"]: i for i in data.get("instances", [])}
        self.quality = [r for r in self.rows if r["suite"] != "scaling"]
        self.scaling = [r for r in self.rows if r["suite"] == "scaling"]
        self.ok = [r for r in self.quality if r["status"] == "ok"]
        by = defaultdict(list)
        for r in self.ok:
            by[(r["instance"], r["method"])].append(r)
        self.by = by
        self.suites = [
            s
            for s in ("express", "latency", "chstone", "epfl", "rw", "registers")
            if any(r["suite"] == s for r in self.quality)
        ]
        self.insts = defaultdict(list)
        for name, i in sorted(self.info.items(), key=lambda kv: (kv[1]["ops"], kv[0])):
            self.insts[i["suite"]].append(name)
        self._best()

    # per-run comparison key
    @staticmethod
    def key(suite, r):
        if suite == "chstone":
            return (r["ii"], r["objective"])
        return (r["objective"],)

    def mean_key(self, suite, inst, method):
        rs = self.by.get((inst, method))
        if not rs:
            return None
        ks = [self.key(suite, r) for r in rs]
        return tuple(sum(k[i] for k in ks) / len(ks) for i in range(len(ks[0])))

    def methods(self, suite):
        ms = {r["method"] for r in self.quality if r["suite"] == suite}
        return sorted(ms, key=_ord)

    def _best(self):
        """best[inst] = (key, source); lb[inst]; proven[inst]."""
        self.best, self.lb, self.proven = {}, {}, {}
        for suite in self.suites:
            for inst in self.insts[suite]:
                info = self.info[inst]
                cands = [(self.key(suite, r), r["method"]) for r in self.ok if r["instance"] == inst]
                ref = info.get("ref_value")
                if ref is not None and info.get("ref_status") in ("OPTIMAL", "FEASIBLE"):
                    cands.append(
                        ((info["ref_ii"], float(ref)) if suite == "chstone" else (float(ref),), "manifest")
                    )
                if not cands:
                    continue
                best = min(cands, key=lambda c: c[0])
                self.best[inst] = best
                proven = info.get("ref_status") == "OPTIMAL" and (
                    suite != "chstone" or best[0] == (info["ref_ii"], float(ref))
                )
                cp = [r for r in self.ok if r["instance"] == inst and r["method"] in ("cpsat", "cpsat-ref")]
                if any(r.get("solver_status") == "OPTIMAL" and self.key(suite, r) == best[0] for r in cp):
                    proven = True
                if suite == "chstone":
                    bounds = [r["bound"] for r in cp if r.get("bound") is not None and r["ii"] == best[0][0]]
                    lat_lb = max(bounds) if bounds else None
                    self.lb[inst] = (info.get("mii"), lat_lb)
                    if info.get("mii") == best[0][0] and lat_lb is not None and best[0][1] <= lat_lb + EPS:
                        proven = True
                else:
                    lbs = [info.get("lower_bound")] + [r.get("bound") for r in cp]
                    lbs = [x for x in lbs if x is not None]
                    lb = max(lbs) if lbs else None
                    self.lb[inst] = lb
                    if lb is not None and best[0][0] <= lb + EPS:
                        proven = True
                self.proven[inst] = proven

    def ratio(self, suite, inst, k):
        """objective ratio of key k vs the best known (chstone: the II ratio)."""
        b = self.best[inst][0]
        num, den = k[0], b[0]
        if den <= 0:
            return 1.0 if num <= EPS else None
        return num / den


# ------------------------------------------------------------------ sections
def header(a: Analysis) -> str:
    m = a.meta
    v = m.get("versions", {})
    counts = defaultdict(int)
    for r in a.rows:
        counts[r["status"]] += 1
    st = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    seeds = ", ".join(f"{s}: {len(x)}" for s, x in (m.get("seeds") or {}).items())
    lines = [
        "# GauS benchmark report",
        "",
        f"Command: `{m.get('command', '?')}`  ",
        f"Date: {m.get('date', '?')}, commit {m.get('commit', '?')}"
        + (" (+ uncommitted changes)" if m.get("dirty") else "")
        + "  ",
        f"Machine: {m.get('cpus', '?')} CPUs, {m.get('platform', '?')}; device "
        f"{m.get('device', '?')}; python {v.get('python')}, numpy {v.get('numpy')}, torch "
        f"{v.get('torch')}, ortools {v.get('ortools')}  ",
        f"Budget {m.get('budget_s')} s per run (gaus / gs-schedule: relaxation capped at "
        f"half of it, legalization after; cpsat, hybrid, fds: time limit = budget), "
        f"cpsat-ref {m.get('ref_budget_s')} s; timeout {m.get('timeout_s')} s + 2 x budget; "
        f"memory limit {m.get('mem_limit_mb')} MB on top of the harness; seeds per suite "
        f"({seeds}) for the differentiable schedulers, seed 0 for the others.  ",
        f"Total wall time {m.get('total_s', '?')} s; {len(a.rows)} rows ({st})."
        + (
            ""
            if m.get("complete", True)
            else " **Interim report: the run is still going; later suites are missing.**"
        ),
        "",
        "Every run is a fresh forked process; `wall_s` is the scheduler call alone "
        "(problem loading excluded), `peak MB` the process's peak RSS **above** the "
        "harness's resident memory at fork (numpy, torch and OR-Tools are loaded: "
        f"a forked child that does nothing peaks at {_f(m.get('base_mb'), 0)} MB). Every schedule "
        "went through `problem.verify()`; a schedule that fails it is an `unverified` "
        "failure row. Per (instance, method) the objective is the mean over seeds; "
        '"best" is the best verified result of this run or the manifest\'s CP-SAT '
        "reference; ratios are geometric means of objective / best.",
    ]
    imp = m.get("import_errors") or {}
    if imp:
        lines += [
            "",
            "**Methods that fail to import**: "
            + "; ".join(f"`{k}`: {w}" for k, w in sorted(imp.items()))
            + ".",
        ]
    return "\n".join(lines)


def _runs(a, suite, method):
    rs = [r for r in a.quality if r["suite"] == suite and r["method"] == method]
    return rs


def quality_section(a: Analysis) -> str:
    out = ["## (a) Quality per suite", ""]
    for suite in a.suites:
        insts = [i for i in a.insts[suite] if i in a.best]
        n_proven = sum(a.proven.get(i, False) for i in insts)
        out += [f"### {SUITE_TITLE[suite]}", ""]
        gaps = []
        for i in insts:
            lb = a.lb.get(i)
            b = a.best[i][0]
            if suite == "chstone":
                if lb and lb[0]:
                    gaps.append((b[0] - lb[0]) / lb[0])
            elif lb not in (None, 0):
                gaps.append((b[0] - lb) / lb)
        line = (
            f"{len(insts)} instances; best known proven optimal on {n_proven}"
            + (
                f"; mean gap of the best known to the lower bound {_pct(_mean(gaps))} (max {_pct(max(gaps))})"
                if gaps
                else ""
            )
            + (" (chstone: II vs max(RecMII, ResMII))" if suite == "chstone" else "")
            + "."
        )
        out += [line, ""]
        ii = " (II)" if suite == "chstone" else ""
        head = [
            "method",
            "runs ok / run",
            "instances",
            "geomean ratio" + ii,
            "mean gap" + ii,
            "max gap" + ii,
            "= best",
            "= proven opt.",
            "mean wall s",
            "mean peak MB",
        ]
        if suite == "chstone":
            head.insert(4, "lat. ratio at best II")
        rows = []
        na = []
        for m in a.methods(suite):
            runs = _runs(a, suite, m)
            ran = [r for r in runs if r["status"] not in ("n/a", "skipped")]
            if not ran:
                st = {r["status"] for r in runs}
                na.append(
                    f"`{m}` ({'/'.join(sorted(st))}"
                    + (f": {runs[0]['error']}" if runs and runs[0].get("error") else "")
                    + ")"
                )
                continue
            okr = [r for r in ran if r["status"] == "ok"]
            ratios, gapl, eqb, eqo, nopt, latr = [], [], 0, 0, 0, []
            for i in insts:
                k = a.mean_key(suite, i, m)
                if k is None:
                    continue
                rt = a.ratio(suite, i, k)
                ratios.append(rt)
                if rt is not None:
                    gapl.append(rt - 1.0)
                best = a.best[i][0]
                same = all(abs(x - y) <= EPS for x, y in zip(k, best))
                eqb += same
                if a.proven.get(i):
                    nopt += 1
                    eqo += same
                if suite == "chstone" and abs(k[0] - best[0]) <= EPS and best[1] > 0:
                    latr.append(k[1] / best[1])
            n_i = len({r["instance"] for r in okr})
            extra = [max(0.0, (r.get("peak_mb") or 0) - (r.get("base_mb") or 0)) for r in okr]
            row = [
                m,
                f"{len(okr)}/{len(ran)}",
                n_i,
                _f(_gmean(ratios), 4),
                _pct(_mean(gapl)),
                _pct(max(gapl) if gapl else None),
                f"{eqb}/{n_i}",
                f"{eqo}/{nopt}" if nopt else "-",
                _f(_mean([r.get("wall_s") for r in okr])),
                _f(_mean(extra), 0),
            ]
            if suite == "chstone":
                row.insert(4, _f(_gmean(latr), 4))
            rows.append(row)
        out += [_table(head, rows), ""]
        hy = hybrid_line(a, suite)
        if hy:
            out += [hy, ""]
        if na:
            out += ["Not run here: " + "; ".join(na) + ".", ""]
        out += [win_tie_loss(a, suite), ""]
    return "\n".join(out)


def hybrid_line(a: Analysis, suite: str) -> str:
    """hybrid's own statistics: how often CP-SAT improved on the GauS hint
    (its trajectory has a CP-SAT entry after the GauS one), proofs, gap, and
    the time to reach GauS's objective."""
    rs = [r for r in a.ok if r["suite"] == suite and r["method"] == "hybrid"]
    if not rs:
        return ""
    st = [r.get("stats") or {} for r in rs]
    trajs = [s.get("trajectory") or [] for s in st]
    with_g = [t for t in trajs if t and t[0].get("source") == "gaus"]
    improved = sum(any(p.get("source") == "cpsat" for p in t[1:]) for t in with_g)
    opt = sum(r.get("solver_status") == "OPTIMAL" for r in rs)
    gaps = [s.get("gap") for s in st if isinstance(s.get("gap"), (int, float))]
    t1 = [
        s.get("time_to_gaus_objective")
        for s in st
        if isinstance(s.get("time_to_gaus_objective"), (int, float))
    ]
    t2 = [
        s.get("cpsat_time_to_gaus_objective")
        for s in st
        if isinstance(s.get("cpsat_time_to_gaus_objective"), (int, float))
    ]
    return (
        f"hybrid: CP-SAT improved on the GauS hint in {improved}/{len(with_g)} runs "
        f"(GauS gave no hint in {len(rs) - len(with_g)}); status OPTIMAL in "
        f"{opt}/{len(rs)}; mean own gap {_pct(_mean(gaps))}; time to GauS's objective "
        f"{_f(_mean(t1))} s"
        + (
            f" (CP-SAT's own first solution at least as good: after "
            f"{_f(_mean(t2))} s on average, {len(t2)} runs)"
            if t2
            else ""
        )
        + "."
    )


def win_tie_loss(a: Analysis, suite: str) -> str:
    if not any(r["method"] == "gaus" for r in a.ok if r["suite"] == suite):
        return "(no gaus rows: no win/tie/loss table)"
    rows = []
    for m in a.methods(suite):
        if m == "gaus":
            continue
        w = t = lo = 0
        for i in a.insts[suite]:
            kg, km = a.mean_key(suite, i, "gaus"), a.mean_key(suite, i, m)
            if kg is None or km is None:
                continue
            if all(abs(x - y) <= EPS for x, y in zip(kg, km)):
                t += 1
            elif kg < km:
                w += 1
            else:
                lo += 1
        if w + t + lo:
            tag = " (long budget)" if m == "cpsat-ref" else (" (equal budget)" if m in EQUAL_BUDGET else "")
            rows.append([m + tag, w, t, lo])
    if not rows:
        return ""
    return "gaus (mean over seeds) vs each method, per instance (win = gaus strictly better):\n\n" + _table(
        ["vs", "win", "tie", "loss"], rows
    )


def modulo_section(a: Analysis, out_dir: Path) -> str:
    if "chstone" not in a.suites:
        return "## (b) Modulo scheduling (chstone)\n\nchstone not in this run."
    insts = a.insts["chstone"]
    methods = [m for m in a.methods("chstone") if any(a.by.get((i, m)) for i in insts)]
    cols = []
    recs = []
    for i in insts:
        info = a.info[i]
        rec = {
            "instance": i,
            "ops": info["ops"],
            "rec_mii": info.get("rec_mii"),
            "res_mii": info.get("res_mii"),
            "mii": info.get("mii"),
            "ref_ii": info.get("ref_ii"),
            "ref_latency": info.get("ref_value"),
            "ref_status": info.get("ref_status"),
        }
        for m in methods:
            k = a.mean_key("chstone", i, m)
            rec[f"{m}_ii"] = None if k is None else k[0]
            rec[f"{m}_latency"] = None if k is None else k[1]
        recs.append(rec)
    cols = list(recs[0]) if recs else []
    with open(out_dir / "modulo.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(recs)
    head = [
        "method",
        "instances",
        "II = MII",
        "II = manifest ref_ii",
        "II < ref_ii",
        "II > ref_ii",
        "vs cpsat II: < / = / >",
        "mean II / MII",
    ]
    rows = []
    for m in methods:
        got = [r for r in recs if r[f"{m}_ii"] is not None]
        if not got:
            continue
        eq_mii = sum(abs(r[f"{m}_ii"] - r["mii"]) <= EPS for r in got)
        withref = [r for r in got if r["ref_ii"] is not None]
        eq_ref = sum(abs(r[f"{m}_ii"] - r["ref_ii"]) <= EPS for r in withref)
        lt_ref = sum(r[f"{m}_ii"] < r["ref_ii"] - EPS for r in withref)
        gt_ref = sum(r[f"{m}_ii"] > r["ref_ii"] + EPS for r in withref)
        vs = "-"
        if "cpsat" in methods and m != "cpsat":
            both = [r for r in got if r.get("cpsat_ii") is not None]
            vs = (
                f"{sum(r[f'{m}_ii'] < r['cpsat_ii'] - EPS for r in both)} / "
                f"{sum(abs(r[f'{m}_ii'] - r['cpsat_ii']) <= EPS for r in both)} / "
                f"{sum(r[f'{m}_ii'] > r['cpsat_ii'] + EPS for r in both)}"
            )
        rows.append(
            [
                m,
                len(got),
                eq_mii,
                eq_ref,
                lt_ref,
                gt_ref,
                vs,
                _f(_mean([r[f"{m}_ii"] / r["mii"] for r in got]), 4),
            ]
        )
    out = [
        "## (b) Modulo scheduling (chstone)",
        "",
        f"Achieved II against MII = max(RecMII, ResMII) (`gaus_mlir.model.bounds`), "
        f"the manifest's CP-SAT reference II (10 s, 2 workers) and this run's CP-SAT "
        f"at the same budget, on {len(recs)} distinct chstone graphs (means over seeds). "
        "Every instance with every method's II and latency: `modulo.csv`.",
        "",
        _table(head, rows),
        "",
    ]
    show = [
        r for r in recs if any(r[f"{m}_ii"] is not None and r[f"{m}_ii"] > r["mii"] + EPS for m in methods)
    ]
    if show:
        h2 = ["instance", "ops", "MII", "ref II/lat"] + [f"{m} II/lat" for m in methods]
        t2 = []
        for r in show:
            t2.append(
                [
                    r["instance"].split("/")[-1],
                    r["ops"],
                    r["mii"],
                    f"{_f(r['ref_ii'])}/{_f(r['ref_latency'])}",
                ]
                + [
                    f"{_f(r[f'{m}_ii'])}/{_f(r[f'{m}_latency'])}" if r[f"{m}_ii"] is not None else "-"
                    for m in methods
                ]
            )
        out += [
            f"Instances where some method's II is above MII ({len(show)} of {len(recs)}; "
            "on the others every method reaches II = MII):",
            "",
            "<details><summary>table</summary>",
            "",
            _table(h2, t2),
            "",
            "</details>",
            "",
        ]
    else:
        out += ["Every method reaches II = MII on every instance.", ""]
    return "\n".join(out)


def scaling_section(a: Analysis, out_dir: Path) -> str:
    out = ["## (c) Scaling: time per iteration and peak memory vs |V|", ""]
    rows = a.scaling
    if not rows:
        return "\n".join(out + ["No scaling rows in this run (`--parts scaling`)."])
    out += [
        "Time-constrained problems (L = ceil(1.1 x critical path)): layered DAGs from "
        "`gaus_mlir.model.generate.layered_dag`"
        + (
            " and EPFL div / hyp"
            if any(r["instance"].startswith("epfl-") for r in rows)
            else " (EPFL div and hyp: with `--large`)"
        )
        + f". Each method runs {a.meta.get('scaling_iterations')} iterations, batch 1, "
        f"on device {a.meta.get('device')} in its own process (memory limit "
        f"{a.meta.get('mem_limit_mb')} MB above the harness, relaxation limit "
        f"{a.meta.get('scaling_relax_limit_s')} s, timeout "
        f"{a.meta.get('scaling_timeout_s')} s); s/iteration is the "
        "relaxation's own (`stats['s_per_iter']`), peak MB the process's peak RSS above "
        "the harness (relaxation and legalization together). GauS keeps O(|V| x W) "
        "state (W = window of a few sigma), GS-Schedule O(|V| x D) (D = L + 1 stages).",
        "",
    ]
    head = ["instance", "|V|", "method", "status", "iterations", "s/iter", "wall s", "peak MB", "objective"]
    t = []
    for r in sorted(rows, key=lambda r: (r["ops"], _ord(r["method"]))):
        extra = None if r.get("peak_mb") is None else max(0.0, r["peak_mb"] - (r.get("base_mb") or 0))
        t.append(
            [
                r["instance"],
                r["ops"],
                r["method"],
                r["status"],
                _f(r.get("iterations")),
                _f(r.get("s_per_iter"), 4),
                _f(r.get("wall_s") or r.get("child_s")),
                _f(extra, 0),
                _f(r.get("objective")),
            ]
        )
    out += [_table(head, t), ""]
    notes = []
    for m in sorted({r["method"] for r in rows}, key=_ord):
        rs = sorted([r for r in rows if r["method"] == m], key=lambda r: r["ops"])
        okr = [r for r in rs if r["status"] == "ok"]
        bad = [r for r in rs if r["status"] != "ok"]
        s = f"`{m}`: "
        s += f"runs up to {okr[-1]['ops']} ops" if okr else "no successful run"
        if bad:
            s += "; " + ", ".join(
                f"{r['instance']}: {r['status']}"
                + (f" ({str(r.get('error'))[:100]})" if r.get("error") else "")
                for r in bad
            )
        notes.append(s)
    out += ["Where each runs out: " + "; ".join(notes) + ".", ""]
    if _scaling_plot(rows, out_dir / "scaling.png"):
        out += ["![scaling](scaling.png)", ""]
    return "\n".join(out)


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _scaling_plot(rows, path) -> bool:
    okr = [r for r in rows if r["status"] == "ok" and r.get("s_per_iter")]
    if not okr:
        return False
    plt = _plt()
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    for m in sorted({r["method"] for r in okr}, key=_ord):
        rs = sorted([r for r in okr if r["method"] == m], key=lambda r: r["ops"])
        ax[0].plot([r["ops"] for r in rs], [r["s_per_iter"] for r in rs], "o-", label=m)
        ax[1].plot(
            [r["ops"] for r in rs],
            [max(1.0, r["peak_mb"] - (r.get("base_mb") or 0)) for r in rs],
            "o-",
            label=m,
        )
    for r in rows:  # where a method ran out of memory or time: the peak it reached
        if r["status"] != "ok" and r.get("peak_mb"):
            ax[1].scatter(
                [r["ops"]],
                [max(1.0, r["peak_mb"] - (r.get("base_mb") or 0))],
                marker="x",
                color="red",
                s=60,
                zorder=5,
            )
            ax[1].annotate(
                f"{r['method']}: {r['status']}",
                (r["ops"], max(1.0, r["peak_mb"] - (r.get("base_mb") or 0))),
                fontsize=7,
                textcoords="offset points",
                xytext=(-60, -12),
            )
    for x, yl in zip(ax, ("s / iteration (relaxation)", "peak MB above harness")):
        x.set_xscale("log")
        x.set_yscale("log")
        x.set_xlabel("|V|")
        x.set_ylabel(yl)
        x.grid(True, which="both", alpha=0.3)
        x.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def _pareto_front(points):
    """Indices of the points not dominated in (wall, objective)."""
    keep = []
    for i, (w, o) in enumerate(points):
        if not any(
            (w2 <= w and o2 <= o) and (w2 < w or o2 < o) for j, (w2, o2) in enumerate(points) if j != i
        ):
            keep.append(i)
    return keep


def pareto_section(a: Analysis, out_dir: Path) -> str:
    large = a.meta.get("large")
    epfl = a.insts.get("epfl", [])
    pick = [i for i in epfl if a.info[i]["ops"] >= 10000] if large else list(epfl)
    title = "## (d) Runtime Pareto"
    out = [title, ""]
    if pick:
        out += [
            (
                "EPFL circuits with >= 10k ops"
                if large
                else "EPFL circuits of the default run (the >= 10k-op circuits arbiter, div and "
                "hyp run with `--large`)"
            )
            + ": objective (peak and_unit users under L = ceil(1.1 x CP)) against wall "
            "time, one point per run; per method the mean over seeds below, "
            "`*` = on the Pareto front of (mean wall, mean objective).",
            "",
        ]
        head = ["instance", "ops", "lower bound"] + ["method: objective @ wall s"]
        t = []
        for i in pick:
            ms = [m for m in a.methods("epfl") if a.by.get((i, m))]
            pts = []
            for m in ms:
                rs = a.by[(i, m)]
                pts.append((_mean([r["wall_s"] for r in rs]), _mean([r["objective"] for r in rs])))
            front = set(_pareto_front(pts))
            cells = [
                f"{m}{'*' if k in front else ''} {_f(o)} @ {_f(w)}"
                for k, (m, (w, o)) in enumerate(zip(ms, pts))
            ]
            t.append([i.split("/")[-1], a.info[i]["ops"], _f(a.lb.get(i)), "; ".join(cells)])
        out += [_table(head, t), ""]
        _pareto_plot(a, pick, out_dir / "pareto.png", normalise=False)
    else:
        suites = a.suites
        out += [
            "No EPFL rows in this run: pareto.png plots objective / best known against "
            "wall time for every verified run of the suites present.",
            "",
        ]
        _pareto_plot(
            a, [i for s in suites for i in a.insts[s] if i in a.best], out_dir / "pareto.png", normalise=True
        )
    out += ["![pareto](pareto.png)", ""]
    return "\n".join(out)


def _pareto_plot(a: Analysis, insts, path, normalise: bool):
    plt = _plt()
    markers = dict(zip(ORDER, "os^vDPXh*<>"))
    if normalise or not insts:
        groups = [("all", insts)]
    else:
        groups = [(i, [i]) for i in insts[:12]]
    n = len(groups)
    cols = min(3, n)
    rws = max(1, math.ceil(n / cols))
    fig, axes = plt.subplots(rws, cols, figsize=(4.6 * cols, 3.6 * rws), squeeze=False)
    for ax, (name, group) in zip(axes.flat, groups):
        for m in sorted({r["method"] for r in a.ok if r["instance"] in group}, key=_ord):
            rs = [r for r in a.ok if r["instance"] in group and r["method"] == m and r.get("wall_s")]
            if not rs:
                continue
            ys = [
                (a.ratio(r["suite"], r["instance"], a.key(r["suite"], r)) if normalise else r["objective"])
                for r in rs
            ]
            ax.scatter(
                [max(r["wall_s"], 1e-3) for r in rs], ys, label=m, alpha=0.7, marker=markers.get(m, "o"), s=28
            )
        ax.set_xscale("log")
        ax.set_xlabel("wall s")
        ax.set_ylabel("objective / best" if normalise else "objective")
        ax.set_title(name.split("/")[-1] if not normalise else "all instances")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def fair_section(a: Analysis, out_dir: Path) -> str:
    out = ["## (e) Fair protocol: informed vs random init, several seeds", ""]
    recs = []
    for suite in a.suites:
        for i in a.insts[suite]:
            if i not in a.best:
                continue
            for m in DIFF:
                rs = a.by.get((i, m))
                if not rs:
                    continue
                vals = [r["objective"] if suite != "chstone" else r["ii"] for r in rs]
                best = a.best[i][0][0]
                walls = [r["wall_s"] for r in rs]
                recs.append(
                    {
                        "suite": suite,
                        "instance": i,
                        "method": m,
                        "seeds": len(rs),
                        "mean": statistics.fmean(vals),
                        "std": statistics.pstdev(vals) if len(vals) > 1 else 0.0,
                        "min": min(vals),
                        "max": max(vals),
                        "best_known": best,
                        "mean_wall_s": statistics.fmean(walls),
                        "std_wall_s": statistics.pstdev(walls) if len(walls) > 1 else 0.0,
                    }
                )
    if not recs:
        return "\n".join(out + ["No gaus / gs-schedule rows in this run."])
    with open(out_dir / "fair.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(recs[0]))
        w.writeheader()
        w.writerows(recs)
    out += [
        "gaus and gs-schedule, each with the informed initialisation and a uniformly "
        "random one (`init=random`), same budget, same seeds. Per suite: mean over "
        "instances of (mean over seeds / best known), of (std over seeds / best known) "
        "and of the wall time (chstone: the II). Per instance: `fair.csv`.",
        "",
    ]
    head = [
        "suite",
        "method",
        "instances",
        "seeds / instance",
        "mean / best",
        "std / best",
        "min / best",
        "wall s (mean +- std)",
    ]
    t = []
    for suite in a.suites:
        for m in DIFF:
            rr = [r for r in recs if r["suite"] == suite and r["method"] == m]
            if not rr:
                continue

            def rel(k, rr=rr):
                return _mean([r[k] / r["best_known"] if r["best_known"] else None for r in rr])

            seeds = sorted({r["seeds"] for r in rr})
            t.append(
                [
                    suite,
                    m,
                    len(rr),
                    "/".join(map(str, seeds)),
                    _f(rel("mean"), 4),
                    _f(rel("std"), 4),
                    _f(rel("min"), 4),
                    f"{_f(_mean([r['mean_wall_s'] for r in rr]))} +- "
                    f"{_f(_mean([r['std_wall_s'] for r in rr]))}",
                ]
            )
    out += [_table(head, t), ""]
    few = [s for s in a.suites if any(r["suite"] == s and r["seeds"] < 5 for r in recs)]
    if few:
        out += [
            f"Fewer than 5 seeds on {', '.join(few)} in this run (default: 5 seeds on "
            "express and rw; `--seeds N` sets all suites).",
            "",
        ]
    small = [s for s in a.suites if 0 < len({r["instance"] for r in recs if r["suite"] == s}) <= 25]
    for suite in small:
        ms = [m for m in DIFF if any(r["suite"] == suite and r["method"] == m for r in recs)]
        t2 = []
        for i in a.insts[suite]:
            cell = {r["method"]: r for r in recs if r["instance"] == i}
            if not cell:
                continue
            t2.append(
                [i.split("/")[-1], _f(a.best[i][0][0])]
                + [
                    f"{_f(cell[m]['mean'])} +- {_f(cell[m]['std'])} (n={cell[m]['seeds']})"
                    if m in cell
                    else "-"
                    for m in ms
                ]
            )
        out += [
            f"<details><summary>{suite}: per instance, mean +- std over seeds</summary>",
            "",
            _table(["instance", "best known"] + ms, t2),
            "",
            "</details>",
            "",
        ]
    return "\n".join(out)


def gpu_section(a: Analysis) -> str:
    dev = a.meta.get("device")
    out = ["## (f) GPU", ""]
    if dev == "cuda":
        out += [
            f"This run used a CUDA device for gaus / gs-schedule (`--device {a.meta.get('device')}`).",
            "",
        ]
    else:
        out += [
            "No GPU machine was available in this session: every number above was "
            f"measured on the CPU ({a.meta.get('cpus')} cores). GS-Schedule on a GPU: "
            "not measured.",
            "",
        ]
    if GPU_FILE.is_file():
        out += [
            "Previous run, **GauS relaxation only** (`benchmarks/gpu_check.py` on one "
            "NVIDIA H200; layered DAGs, latency objective, B = 1 and 32 starts; "
            f"quoted from `benchmarks/results/{GPU_FILE.name}`, not re-measured here):",
            "",
            "```",
            GPU_FILE.read_text().rstrip(),
            "```",
            "",
        ]
    return "\n".join(out)


def failures_section(a: Analysis) -> str:
    bad = [r for r in a.rows if r["status"] in FAILED]
    out = ["## Failures", ""]
    if not bad:
        out += [
            "None: every run that was attempted returned a schedule that passed "
            "`verify()` within its time and memory limits."
        ]
    else:
        t = [
            [
                r["instance"],
                r["method"],
                _f(r.get("seed")),
                r["status"],
                str(r.get("error") or "")[:160].replace("|", "/"),
            ]
            for r in bad
        ]
        out += [_table(["instance", "method", "seed", "status", "error"], t)]
    na = defaultdict(set)
    for r in a.rows:
        if r["status"] == "n/a":
            na[r["method"]].add(r["suite"])
    if na:
        out += [
            "",
            "Not applicable (the method's `supports()` rejects the problem): "
            + "; ".join(
                f"`{m}` on {', '.join(sorted(s))}" for m, s in sorted(na.items(), key=lambda kv: _ord(kv[0]))
            )
            + ".",
        ]
    sk = [r for r in a.rows if r["status"] == "skipped"]
    if sk:
        out += [
            "",
            f"`cpsat-ref` skipped on {len(sk)} instances whose manifest reference is "
            "a proven optimum (`--ref-all` runs it there too).",
        ]
    return "\n".join(out)


def _register_ratios(a: Analysis, insts, method: str, base: str, field: str = "objective"):
    """(geomean of (method + 1) / (base + 1): MaxLive is often 0, #<= base,
    #compared) of ``method`` vs ``base`` (means over seeds)."""
    ratios, le, n = [], 0, 0
    for i in insts:
        rm, rb = a.by.get((i, method)), a.by.get((i, base))
        if not rm or not rb:
            continue
        vm = _mean([r[field] for r in rm if r.get(field) is not None])
        vb = _mean([r[field] for r in rb if r.get(field) is not None])
        if vm is None or vb is None:
            continue
        n += 1
        le += vm <= vb + EPS
        ratios.append((vm + 1.0) / (vb + 1.0))
    return _gmean(ratios), le, n


def registers_section(a: Analysis) -> str:
    """Register suite: each method against the register-agnostic baseline per
    setting (peak live bits and lifetimes), and how often GauS returned a
    relaxation-derived candidate rather than a baseline one."""
    if "registers" not in a.suites:
        return ""
    out = ["## (a2) Registers per setting", ""]
    groups = defaultdict(list)
    for i in a.insts["registers"]:
        groups[a.info[i].get("setting", "")].append(i)
    rows = []
    for setting, insts in sorted(groups.items()):
        base = REGISTER_BASELINE.get(setting, "list")
        for m in a.methods("registers"):
            if m == base:
                continue
            g, le, n = _register_ratios(a, insts, m, base)
            gl, _, nl = _register_ratios(a, insts, m, base, "lifetimes")
            if n:
                rows.append([setting, m, base, f"{n}", _f(g, 3), f"{le}/{n}", _f(gl, 3) if nl else "-"])
    out += [
        _table(
            [
                "setting",
                "method",
                "vs",
                "instances",
                "registers ratio (geomean of (x+1)/(vs+1))",
                "<= vs",
                "lifetimes ratio",
            ],
            rows,
        ),
        "",
    ]
    runs = [r for r in a.ok if r["suite"] == "registers" and r["method"] == "gaus" and r.get("stats")]
    won = [r for r in runs if r["stats"].get("relaxation_won") is not None]
    if won:
        k = sum(bool(r["stats"]["relaxation_won"]) for r in won)
        unproven = [r for r in won if not a.proven.get(r["instance"])]
        ku = sum(bool(r["stats"]["relaxation_won"]) for r in unproven)
        out += [
            f"GauS returned a relaxation-derived candidate on {k}/{len(won)} runs "
            f"({ku}/{len(unproven)} where the best known value is not proven optimal); "
            "the others returned a baseline candidate (list/IMS + register moves).",
            "",
        ]
    return "\n".join(out)


def hardware_section(data) -> str:
    """The hardware suite's table (benchmarks/hardware.py), when it ran."""
    rows = data.get("hardware") or []
    if not rows:
        return ""
    import hardware

    return hardware.report(rows)


def write_report(out_dir, data) -> Path:
    out_dir = Path(out_dir)
    a = Analysis(data)
    parts = [
        header(a),
        quality_section(a),
        registers_section(a),
        hardware_section(data),
        modulo_section(a, out_dir),
        scaling_section(a, out_dir),
        pareto_section(a, out_dir),
        fair_section(a, out_dir),
        gpu_section(a),
        failures_section(a),
    ]
    path = out_dir / "REPORT.md"
    path.write_text("\n\n".join(p.rstrip() for p in parts) + "\n")
    return path
