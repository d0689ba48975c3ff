"""Gantt and resource-usage charts of schedules (PNG, matplotlib's Agg backend).

``write_schedule_chart(path, regions)`` draws, for each :class:`ChartRegion`
(a scheduled problem: an SSP instance, a loop body, a function), a Gantt chart
with one bar per op from its start to start + latency (zero-latency ops as thin
markers) and, below it, the users of each resource per time step -- per
congruence class ``t mod II`` for cyclic problems -- with the limit as a dashed
line where the problem enforces it.

``usage_rows(problem, schedule)`` returns the numbers that the usage panel draws,
so they can be checked against :meth:`Problem.usage_table`.

matplotlib is imported inside :func:`write_schedule_chart` only, so importing
this module is cheap; nothing here imports mlir or torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from .model import Problem, Schedule

MAX_OPS = 60  # ops drawn per region's Gantt chart
MAX_REGIONS = 6  # regions drawn per figure
MAX_RESOURCES = 8  # resources drawn per usage panel

_COLORS = (
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#C44E52",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
)


@dataclass
class ChartRegion:
    """One scheduled problem to draw; ``labels`` (one per op) replace the
    problem's own op labels on the Gantt chart's y axis."""

    title: str
    problem: Problem
    schedule: Schedule
    labels: list[str] | None = None


@dataclass
class UsageRow:
    """Users of resource ``resource`` per time step (per congruence class mod II
    when ``folded``); ``limit`` is None for an unlimited resource and
    ``enforced`` says whether the problem checks it (shared, not
    time-constrained)."""

    resource: int
    name: str
    limit: int | None
    enforced: bool
    folded: bool
    counts: np.ndarray
    #: None: ``counts[t]`` is step t's users.  Else (horizons or blocking times
    #: beyond MAX_STEPS) a step function: ``counts[k]`` users in every step of
    #: ``[edges[k], edges[k+1])``; ``edges`` runs from 0 to the row's length.
    edges: np.ndarray | None = None


MAX_STEPS = 1 << 20  # beyond: usage rows as step functions (memory by uses)


def _step_function(s: np.ndarray, e: np.ndarray, length: int, base: int = 0):
    """(edges, counts) of the number of intervals [s, e) covering each step of
    [0, length), plus ``base``."""
    pos = np.concatenate((s, e, np.array([0, length], np.int64)))
    dv = np.concatenate((np.ones(s.size, np.int64), -np.ones(e.size, np.int64), np.zeros(2, np.int64)))
    order = np.argsort(pos, kind="stable")
    pos, cum = pos[order], np.cumsum(dv[order])
    last = np.append(pos[1:] != pos[:-1], True)
    return pos[last], cum[last][:-1] + base


def _ii(problem, schedule) -> int:
    if problem.cyclic and schedule.ii is not None and schedule.ii >= 1:
        return int(schedule.ii)
    return 0


def usage_rows(problem: Problem, schedule: Schedule) -> list[UsageRow]:
    """Per resource type that some op uses, the number of users in each time
    step: an op using resource ``r`` occupies it in steps ``t .. t+blocking-1``
    (one step unless its operator type is blocking), counted modulo II for a
    cyclic problem.  The arrays have length II for cyclic problems, otherwise
    the schedule's horizon (at least its makespan), so every array of one call
    has the same length.  Limited resources count exactly what
    :meth:`Problem.usage_table` lists; unlimited ones are counted the same way.
    """
    a = problem.arrays
    start = np.asarray(schedule.start, dtype=np.int64)
    if start.shape != (a.n,):
        raise ValueError(f"schedule has {start.size} start times for {a.n} operations")
    ii = _ii(problem, schedule)
    ops, res = a.use_op, a.use_res
    blk = a.blocking[ops] if ops.size else np.zeros(0, np.int64)
    if int(blk.sum()) > MAX_STEPS or (ii or _span(a, start, ops, blk)) > MAX_STEPS:
        return _sparse_rows(problem, start, ii, ops, res, blk)
    rep = np.repeat(np.arange(ops.size), blk)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
    steps = start[ops[rep]] + offs
    res_rep = res[rep]
    if ii:
        length = ii
        steps = steps % ii
    else:
        makespan = int((start + a.lat).max()) if a.n else 0
        length = max(makespan, int(steps.max()) + 1 if steps.size else 0)
    enforced = bool(problem.shared) and problem.latency_bound is None
    rows = []
    for r in np.unique(res):
        r = int(r)
        counts = np.bincount(steps[res_rep == r], minlength=length).astype(np.int64)
        lim = int(a.limit[r]) if a.limit[r] > 0 else None
        rows.append(
            UsageRow(r, problem.resource_types[r].name, lim, enforced and lim is not None, bool(ii), counts)
        )
    return rows


def _labels(region: ChartRegion) -> list[str]:
    n = region.problem.num_ops
    if region.labels is None:
        # op_label quotes names for messages ('@x'); an axis reads better without
        return [region.problem.op_label(i).strip("'") for i in range(n)]
    if len(region.labels) != n:
        raise ValueError(f"region '{region.title}': {len(region.labels)} labels for {n} operations")
    return [str(s) for s in region.labels]


def _region_title(region: ChartRegion) -> str:
    p, s = region.problem, region.schedule
    parts = [p.kind]
    ii = _ii(p, s)
    if ii:
        parts.append(f"II={ii}")
    parts.append(f"latency={s.latency(p) if p.num_ops else 0}")
    if s.method:
        parts.append(f"method={s.method}")
    return f"{region.title}  ({', '.join(parts)})"


def _horizon(region: ChartRegion) -> int:
    """Last time step + 1 drawn on a region's Gantt chart (all ops, shown or not)."""
    a = region.problem.arrays
    if a.n == 0:
        return 1
    t = np.asarray(region.schedule.start, dtype=np.int64)
    return int(max((t + a.lat).max(), (t + a.blocking).max()))


def _draw_gantt(ax, region: ChartRegion, colors: dict[int, str]) -> None:
    p, s = region.problem, region.schedule
    a = p.arrays
    n = a.n
    ax.set_title(_region_title(region), fontsize=10, loc="left")
    if n == 0:
        ax.text(0.5, 0.5, "no operations", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    shown = min(n, MAX_OPS)
    labels = _labels(region)[:shown]
    start = np.asarray(s.start, dtype=np.int64)[:shown]
    lat = a.lat[:shown]
    y = np.arange(shown)
    first_res = [
        int(a.use_res[a.use_ptr[i]]) if a.use_ptr[i + 1] > a.use_ptr[i] else -1 for i in range(shown)
    ]
    bar_col = [colors.get(r, "#9DB4D1") for r in first_res]
    pos = lat > 0
    if pos.any():
        ax.barh(
            y[pos],
            lat[pos],
            left=start[pos],
            height=0.7,
            color=[c for c, k in zip(bar_col, pos) if k],
            edgecolor="black",
            linewidth=0.4,
        )
    if (~pos).any():
        ax.plot(
            start[~pos], y[~pos], linestyle="none", marker="|", markersize=9, markeredgewidth=2, color="black"
        )
    ii = _ii(p, s)
    horizon = _horizon(region)
    if ii and horizon // ii <= 50:  # iteration boundaries (class 0 of the next one)
        for k in range(ii, horizon + 1, ii):
            ax.axvline(k, color="grey", linestyle=":", linewidth=0.8)
    ax.set_xlim(-0.25, horizon + 0.25)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(shown - 0.5, -0.5)  # first op on top
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7 if shown > 20 else 8)
    ax.set_xlabel("time step")
    ax.grid(axis="x", linestyle=":", linewidth=0.5, alpha=0.6)
    if shown < n:
        ax.text(
            1.0,
            -0.02,
            f"showing the first {shown} of {n} operations",
            ha="right",
            va="top",
            fontsize=8,
            style="italic",
            transform=ax.transAxes,
        )


def _span(a, start, ops, blk) -> int:
    """Steps of an unfolded usage row: the makespan or the last busy step + 1."""
    makespan = int((start + a.lat).max()) if a.n else 0
    return max(makespan, int((start[ops] + blk).max()) if ops.size else 0)


def _sparse_rows(problem, start, ii, ops, res, blk) -> list[UsageRow]:
    """:func:`usage_rows` as step functions (rows with ``edges``)."""
    a = problem.arrays
    busy = blk > 0
    ops, res, blk = ops[busy], res[busy], blk[busy]
    t = start[ops]
    if ii:
        length = ii
        full, blk = np.divmod(blk, ii)
        t = t % ii
        wrap = t + blk > ii
        s = np.concatenate((t, np.zeros(int(wrap.sum()), np.int64)))
        e = np.concatenate((np.minimum(t + blk, ii), (t + blk - ii)[wrap]))
        rr = np.concatenate((res, res[wrap]))
        fr = res
    else:
        length = _span(a, start, ops, blk)
        s, e, rr, fr, full = t, t + blk, res, res, np.zeros(t.size, np.int64)
    enforced = bool(problem.shared) and problem.latency_bound is None
    rows = []
    for r in np.unique(a.use_res):
        r = int(r)
        m = rr == r
        edges, counts = _step_function(s[m], e[m], length, int(full[fr == r].sum()))
        lim = int(a.limit[r]) if a.limit[r] > 0 else None
        rows.append(
            UsageRow(
                r, problem.resource_types[r].name, lim, enforced and lim is not None, bool(ii), counts, edges
            )
        )
    return rows


def _draw_usage(ax, region: ChartRegion, rows: list[UsageRow], colors: dict[int, str]) -> None:
    p, s = region.problem, region.schedule
    ii = _ii(p, s)
    if not rows:
        ax.text(0.5, 0.5, "no resource uses", ha="center", va="center", transform=ax.transAxes, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    drawn = rows[:MAX_RESOURCES]
    sparse = drawn[0].edges is not None
    length = int(drawn[0].edges[-1]) if sparse else drawn[0].counts.size
    # step t is the interval [t, t+1), as on the Gantt chart above
    x = np.arange(min(length, 200))
    width = 0.8 / len(drawn)
    peak = 1
    for k, row in enumerate(drawn):
        col = colors[row.resource]
        name = row.name + ("" if row.limit is None else f" (limit {row.limit})")
        if sparse:
            ax.stairs(row.counts, row.edges, color=col, label=name, linewidth=1.0)
        elif length > 200:  # one artist per resource, not one bar per step
            ax.stairs(row.counts, np.arange(length + 1), color=col, label=name, linewidth=1.0)
        else:
            ax.bar(x + 0.1 + width * k, row.counts, width=width, align="edge", color=col, label=name)
        peak = max(peak, int(row.counts.max()) if row.counts.size else 0)
        if row.enforced:
            ax.axhline(row.limit, color=col, linestyle="--", linewidth=1.2)
            peak = max(peak, row.limit)
    ax.set_ylim(0, peak * 1.3 + 0.5)  # room for the legend
    ax.yaxis.get_major_locator().set_params(integer=True)
    if ii:
        ax.set_xlim(0, ii)
        if ii <= 40:
            ax.set_xticks(np.arange(ii) + 0.5, [str(c) for c in range(ii)])
        ax.set_xlabel(f"congruence class (t mod II={ii})")
    else:
        ax.set_xlim(-0.25, _horizon(region) + 0.25)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("time step")
    ax.set_ylabel("users")
    more = len(rows) - len(drawn)
    title = "resource usage" + (f" (first {len(drawn)} of {len(rows)} resources)" if more else "")
    ax.set_title(title, fontsize=9, loc="left")
    ax.legend(fontsize=7, loc="upper right", ncol=min(4, len(drawn)))


def write_schedule_chart(
    path: str | Path | BinaryIO, regions: Sequence[ChartRegion], *, dpi: int = 100
) -> Path | BinaryIO:
    """Write a PNG with a Gantt chart and a resource-usage panel per region
    (at most :data:`MAX_REGIONS`; the figure title says when some are left
    out).  Returns the path written (or the file object given)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if isinstance(path, (str, Path)):
        path = Path(path)  # else a binary file object (BytesIO)
    regions = list(regions)
    if not regions:
        raise ValueError("no regions to draw")
    drawn = regions[:MAX_REGIONS]
    usage = [usage_rows(r.problem, r.schedule) for r in drawn]
    for r in drawn:
        _labels(r)  # a wrong label count fails before anything is drawn
    gantt_h = [max(1.6, 0.6 + 0.16 * min(r.problem.num_ops, MAX_OPS)) for r in drawn]
    ratios = []
    for h, rows in zip(gantt_h, usage):
        ratios += [h, 1.8 if rows else 0.6]
    fig = Figure(figsize=(12, sum(ratios) + 0.9 * len(drawn) + 0.6), layout="constrained")
    FigureCanvasAgg(fig)  # Agg, whatever pyplot's backend is
    gs = fig.add_gridspec(2 * len(drawn), 1, height_ratios=ratios)
    for k, region in enumerate(drawn):
        res_ids = sorted({row.resource for row in usage[k]})
        colors = {r: _COLORS[j % len(_COLORS)] for j, r in enumerate(res_ids)}
        _draw_gantt(fig.add_subplot(gs[2 * k]), region, colors)
        _draw_usage(fig.add_subplot(gs[2 * k + 1]), region, usage[k], colors)
    heading = "schedule"
    if len(regions) > len(drawn):
        heading += f" (showing the first {len(drawn)} of {len(regions)} regions)"
    fig.suptitle(heading, fontsize=12)
    fig.savefig(path, format="png", dpi=dpi)
    return path
