"""How long importing and loading the lists takes, and how much room they take.

Imports a folder of real list files (default: ../shared/lists/snapshot) into a fresh
temporary data home (parse + validate + write), then loads it back with
``store.load()`` a few times (cold = first load in this process, warm = best of the
next ones). Prints a table and writes JSON to benchmarks/results/.

    python benchmarks/bench_import.py                  # the full real snapshot
    python benchmarks/bench_import.py --quick          # Canada + EU only, a smoke run
    python benchmarks/bench_import.py --from DIR --out results.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _machine import cpu_name, peak_rss_mib, rss_mib

HERE = Path(__file__).resolve().parent
DEFAULT_INPUT = HERE.parent.parent / "shared" / "lists" / "snapshot"


def _rss_mib() -> float | None:
    """Resident set size now (Linux), or the peak elsewhere."""
    return rss_mib() or peak_rss_mib()


def _du(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def run(source_dir: Path, *, quick: bool = False, loads: int = 5) -> dict:
    import pyarrow as pa

    import screen
    from screen import store

    sources = ["canada", "eu"] if quick else None
    home = Path(tempfile.mkdtemp(prefix="screen-bench-"))
    try:
        rss_before = _rss_mib()
        t0 = time.perf_counter()
        report = store.import_dir(source_dir, home=home, sources=sources)
        import_s = time.perf_counter() - t0
        if not report.ok:
            raise SystemExit(f"import failed:\n{report.summary()}")

        # the parsers alone, on the same files, to split import time into parse and the rest
        from screen import sources as formats

        files = [
            p
            for p in sorted(source_dir.rglob("*"))
            if p.is_file()
            and not p.name.startswith(".")
            and (sources is None or formats.detect(p)[0].SOURCE in sources)
        ]
        t0 = time.perf_counter()
        formats.parse_files(files)
        parse_s = time.perf_counter() - t0

        load_times = []
        snap = None
        for _ in range(max(1, loads)):
            t0 = time.perf_counter()
            snap = store.load(home)
            load_times.append(time.perf_counter() - t0)
        assert snap is not None
        rss_after = _rss_mib()

        per_source = {}
        for s in report:
            vdir = home / s.source / s.version
            per_source[s.source] = {
                "entities": s.entities,
                "names": s.names,
                "skipped": s.skipped,
                "lists": {li.list: li.entities for li in s.lists},
                "parquet_bytes": _du([vdir / "entities.parquet", vdir / "names.parquet"]),
                "raw_bytes": _du(list((vdir / "raw").rglob("*"))),
            }
        return {
            "benchmark": "import",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "input": str(source_dir),
            "quick": quick,
            "import_s": round(import_s, 3),
            "parse_only_s": round(parse_s, 3),
            "load_cold_s": round(load_times[0], 4),
            "load_warm_s": round(min(load_times[1:] or load_times), 4),
            "entities": snap.entities.num_rows,
            "names": snap.names.num_rows,
            "arrow_nbytes": snap.entities.nbytes + snap.names.nbytes,
            "parquet_bytes": sum(v["parquet_bytes"] for v in per_source.values()),
            "raw_bytes": sum(v["raw_bytes"] for v in per_source.values()),
            "rss_before_mib": rss_before,
            "rss_after_mib": rss_after,
            "peak_rss_mib": peak_rss_mib(),
            "sources": per_source,
            "snapshot_id": snap.id,
            "versions": {
                "screen": screen.__version__,
                "pyarrow": pa.__version__,
                "python": platform.python_version(),
            },
            "machine": {"cpu": cpu_name(), "cpus": os.cpu_count(), "platform": platform.platform()},
        }
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _mib(n: float) -> str:
    return f"{n / 1048576:,.1f} MiB"


def render(r: dict) -> str:
    rows = [
        ("input", r["input"] + (" (quick: canada, eu)" if r["quick"] else "")),
        ("entities / names", f"{r['entities']:,} / {r['names']:,}"),
        ("import (parse + validate + write)", f"{r['import_s']:.2f} s"),
        ("  of which parsing (measured alone)", f"{r['parse_only_s']:.2f} s"),
        (
            "load() cold / warm",
            f"{r['load_cold_s'] * 1000:,.0f} ms / {r['load_warm_s'] * 1000:,.0f} ms",
        ),
        ("on disk: parquet / raw", f"{_mib(r['parquet_bytes'])} / {_mib(r['raw_bytes'])}"),
        ("Arrow tables in memory (nbytes)", _mib(r["arrow_nbytes"])),
        (
            "process RSS before / after / peak",
            " / ".join(
                f"{x:,.0f} MiB" if x is not None else "?"
                for x in (r["rss_before_mib"], r["rss_after_mib"], r["peak_rss_mib"])
            ),
        ),
        ("versions", ", ".join(f"{k} {v}" for k, v in r["versions"].items())),
        ("cpu", f"{r['machine']['cpu']} x{r['machine']['cpus']}"),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines.append("")
    lines.append(
        f"{'source'.ljust(8)}  {'entities':>9}  {'names':>9}  {'skipped':>8}  "
        f"{'parquet':>10}  {'raw':>10}"
    )
    for s, v in r["sources"].items():
        lines.append(
            f"{s.ljust(8)}  {v['entities']:>9,}  {v['names']:>9,}  {v['skipped']:>8,}  "
            f"{_mib(v['parquet_bytes']):>10}  {_mib(v['raw_bytes']):>10}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--from",
        dest="source_dir",
        type=Path,
        default=DEFAULT_INPUT,
        help=f"folder of list files (default: {DEFAULT_INPUT})",
    )
    ap.add_argument("--quick", action="store_true", help="only the small Canada and EU files")
    ap.add_argument("--loads", type=int, default=5, help="load() repetitions (default 5)")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="JSON output (default: benchmarks/results/import-<time>.json)",
    )
    args = ap.parse_args(argv)
    if not args.source_dir.is_dir():
        print(f"bench_import: no folder {args.source_dir}", file=sys.stderr)
        return 2
    result = run(args.source_dir, quick=args.quick, loads=args.loads)
    print(render(result))
    out = args.out or HERE / "results" / f"import-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
