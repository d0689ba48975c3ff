"""Gantt / resource-usage charts: the numbers drawn (usage_rows) against
Problem.usage_table and hand counts, and the PNG written."""

from __future__ import annotations

import struct
import subprocess
import sys

import numpy as np
import pytest

from gaus_mlir.charts import MAX_OPS, MAX_REGIONS, ChartRegion, usage_rows, write_schedule_chart
from gaus_mlir.model import ModuloProblem, Schedule, SharedOperatorsProblem
from gaus_mlir.model.generate import layered_dag
from gaus_mlir.schedulers import schedule

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _fir_body() -> SharedOperatorsProblem:
    """4 loads on one port, 4 multiplications on one DSP that blocks it for 2
    steps, an unlimited adder pool, an adder tree and a sink."""
    p = SharedOperatorsProblem("fir_body")
    p.add_operator_type("load", 2)
    p.add_operator_type("mul", 3, blocking=2)
    p.add_operator_type("add", 1)
    p.add_operator_type("sink", 0)
    p.add_resource_type("port", 1)
    p.add_resource_type("dsp", 1)
    p.add_resource_type("adders")  # unlimited
    lds = [p.add_op("load", f"ld{k}", uses=["port"]) for k in range(4)]
    muls = [p.add_op("mul", f"m{k}", uses=["dsp"]) for k in range(4)]
    for ld, m in zip(lds, muls):
        p.add_dependence(ld, m)
    a0 = p.add_op("add", "a0", uses=["adders"])
    a1 = p.add_op("add", "a1", uses=["adders"])
    a2 = p.add_op("add", "a2", uses=["adders"])
    for m, a in zip(muls, (a0, a0, a1, a1)):
        p.add_dependence(m, a)
    p.add_dependence(a0, a2)
    p.add_dependence(a1, a2)
    last = p.add_op("sink", "last")
    p.add_dependence(a2, last)
    return p


def _modulo_loop() -> ModuloProblem:
    """A 2-op recurrence on one unit (RecMII 4) fed and drained by two memory
    ops on a 2-port memory."""
    p = ModuloProblem("loop")
    p.add_operator_type("op", 2)
    p.add_operator_type("mem", 1)
    p.add_resource_type("u", 1)
    p.add_resource_type("port", 2)
    a = p.add_op("op", "a", uses=["u"])
    b = p.add_op("op", "b", uses=["u"])
    c = p.add_op("mem", "c", uses=["port"])
    d = p.add_op("mem", "d", uses=["port"])
    p.add_dependence(c, a)
    p.add_dependence(a, b)
    p.add_dependence(b, a, 1)
    p.add_dependence(b, d)
    return p


def _table_counts(p, s, ii, length):
    """Per limited resource, users per step from Problem.usage_table."""
    ops, res, steps = p.usage_table(s.start, ii)
    return {int(r): np.bincount(steps[res == r], minlength=length) for r in np.unique(res)}


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------ usage
def test_usage_rows_hand_count_shared():
    p = _fir_body()
    # loads at 0,1,2,3; muls at 2,4,6,8 (each blocks the DSP for 2 steps);
    # adds at 11, 11, 12; sink at 13
    start = [0, 1, 2, 3, 2, 4, 6, 8, 11, 11, 12, 13]
    s = Schedule(start)
    assert p.violations(s) == []
    rows = {r.name: r for r in usage_rows(p, s)}
    assert set(rows) == {"port", "dsp", "adders"}
    horizon = 13  # makespan: the last add ends at 12 + 1, the sink at 13 + 0
    assert s.makespan(p) == horizon
    assert all(r.counts.size == horizon for r in rows.values())
    assert rows["port"].counts.tolist() == [1, 1, 1, 1] + [0] * 9
    assert rows["dsp"].counts.tolist() == [0, 0] + [1] * 8 + [0] * 3
    assert rows["adders"].counts.tolist() == [0] * 11 + [2, 1]
    assert (rows["port"].limit, rows["dsp"].limit, rows["adders"].limit) == (1, 1, None)
    assert rows["dsp"].enforced and not rows["adders"].enforced
    assert not any(r.folded for r in rows.values())


def test_usage_rows_match_usage_table_list():
    p = _fir_body()
    s = schedule(p, "list")
    rows = usage_rows(p, s)
    length = rows[0].counts.size
    assert length >= s.makespan(p)
    table = _table_counts(p, s, 0, length)
    limited = {r.resource: r.counts for r in rows if r.limit is not None}
    assert set(limited) == set(table) == {0, 1}
    for r, counts in limited.items():
        assert counts.tolist() == table[r].tolist()
        assert counts.max() <= p.resource_types[r].limit
    # every blocked cycle of every use is counted exactly once
    a = p.arrays
    assert sum(int(r.counts.sum()) for r in rows) == int(a.blocking[a.use_op].sum())


def test_usage_rows_modulo_folded():
    p = _modulo_loop()
    s = schedule(p, "ims")
    assert s.ii == 4
    rows = usage_rows(p, s)
    assert [r.name for r in rows] == ["u", "port"]
    assert all(r.folded and r.counts.size == s.ii for r in rows)
    table = _table_counts(p, s, s.ii, s.ii)
    for r in rows:
        assert r.counts.tolist() == table[r.resource].tolist()
        assert r.counts.max() <= r.limit
    # hand count: a and b use u once each, c and d use the port once each
    assert [int(r.counts.sum()) for r in rows] == [2, 2]
    t = s.start
    u = np.zeros(4, int)
    u[t[0] % 4] += 1
    u[t[1] % 4] += 1
    assert rows[0].counts.tolist() == u.tolist()


def test_usage_rows_modulo_given_schedule():
    p = _modulo_loop()
    s = Schedule([1, 3, 0, 5], ii=4)
    assert p.violations(s) == []
    rows = {r.name: r.counts.tolist() for r in usage_rows(p, s)}
    assert rows == {"u": [0, 1, 0, 1], "port": [1, 1, 0, 0]}


def test_usage_rows_wrong_length():
    p = _modulo_loop()
    with pytest.raises(ValueError, match="3 start times for 4 operations"):
        usage_rows(p, Schedule([0, 1, 2], ii=4))


# ------------------------------------------------------------------ charts
def test_chart_png(tmp_path):
    p, q = _fir_body(), _modulo_loop()
    sp, sq = schedule(p, "list"), schedule(q, "ims")
    big = layered_dag(MAX_OPS + 20, seed=1)  # more ops than a Gantt chart shows
    sb = schedule(big, "list")
    out = write_schedule_chart(
        tmp_path / "chart.png",
        [
            ChartRegion("fir body", p, sp),
            ChartRegion("loop", q, sq, labels=["mac", "acc", "ld", "st"]),
            ChartRegion("layered", big, sb),
        ],
    )
    assert out == tmp_path / "chart.png"
    w, h = _png_size(out)
    assert 800 <= w <= 3000
    assert 1000 <= h <= 8000  # three regions stacked, the big one capped
    assert out.stat().st_size > 20_000


def test_chart_caps_regions(tmp_path):
    q = _modulo_loop()
    sq = schedule(q, "ims")
    empty = SharedOperatorsProblem("empty")
    regions = [ChartRegion("empty", empty, Schedule(np.zeros(0, np.int64)))]
    regions += [ChartRegion(f"loop{k}", q, sq) for k in range(MAX_REGIONS + 2)]
    one = write_schedule_chart(tmp_path / "one.png", regions[1:2])
    many = write_schedule_chart(tmp_path / "many.png", regions)
    (w1, h1), (w6, h6) = _png_size(one), _png_size(many)
    assert w1 == w6
    # MAX_REGIONS regions drawn, not all 9: well over one region's height,
    # and no taller than MAX_REGIONS such regions
    assert 3 * h1 < h6 <= MAX_REGIONS * h1


def test_chart_rejects_bad_input(tmp_path):
    q = _modulo_loop()
    sq = schedule(q, "ims")
    with pytest.raises(ValueError, match="3 labels for 4 operations"):
        write_schedule_chart(tmp_path / "x.png", [ChartRegion("loop", q, sq, ["a", "b", "c"])])
    with pytest.raises(ValueError, match="no regions"):
        write_schedule_chart(tmp_path / "x.png", [])
    assert not (tmp_path / "x.png").exists()


def test_import_is_cheap():
    code = (
        "import sys, gaus_mlir.charts; "
        "print(sorted(m for m in ('matplotlib', 'mlir', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
