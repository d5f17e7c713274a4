"""A quick run of benchmarks/bench_match.py, so that the benchmark never rots.

It checks that every step runs and reports numbers of the right kind; never how fast
anything is (the machine is shared, timings are noise here)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _positive(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x) and x > 0


def test_bench_match_quick_run_writes_sane_json(shared_lists, real_parsers, tmp_path):
    out = tmp_path / "match.json"
    plot = tmp_path / "scaling.png"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_match.py"), "--quick",
         "--lists", str(shared_lists), "--out", str(out), "--plot", str(plot)],
        capture_output=True, text=True, timeout=900, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "1. ready" in proc.stdout and "5. accuracy" in proc.stdout
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["quick"] is True
    assert res["versions"]["screen"] and res["versions"]["rapidfuzz"]
    assert res["machine"]["cpu"]
    assert res["snapshot"]["names"] > 0 and res["snapshot"]["entities"] > 0

    ready = res["ready"]
    assert _positive(ready["ready_s"]) and _positive(ready["index_build_s"])
    assert ready["best"]["matches"] >= 0

    lat = res["latency"]
    for name in ("cold", "warm"):
        s = lat[name]
        assert s["n"] == lat["queries"] > 0
        assert 0 < s["median"] <= s["p90"] <= s["p99"] <= s["max"]
    assert _positive(lat["baseline"]["stats"]["median"]) and _positive(lat["baseline"]["ratio_median"])
    assert lat["exhaustive"]["agree_with_match"].split("/")[1] != "0"

    mem = res["memory"]
    assert 10 < mem["peak_rss_mb"] < 100_000
    assert _positive(mem["index_nbytes"]) and _positive(mem["tables_nbytes"])

    sc = res["scaling"]
    assert sc["staged_build_equals_direct"] is True
    assert [r["names"] for r in sc["sizes"]] == sorted(r["names"] for r in sc["sizes"])
    assert len(sc["sizes"]) >= 2 and all(_positive(r["warm"]["median"]) for r in sc["sizes"])
    assert math.isfinite(sc["fit"]["warm_median_exponent"])
    assert plot.stat().st_size > 1000

    classes = res["accuracy"]["classes"]
    assert classes["ordinary_names"]["n"] > 0
    trade = classes["ordinary_trade_names"]
    assert trade["n"] == sum(n for n, _ in trade["groups"].values()) > 0
    assert trade["hit"] == sum(a for _, a in trade["groups"].values())
    measured = [c for c in classes.values() if c.get("n")]
    assert len(measured) >= 5
    for c in measured:
        assert 0.0 <= c["rate"] <= 1.0
