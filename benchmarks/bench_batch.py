#!/usr/bin/env python3
"""How fast whole tables are screened (``screen.batch``), end to end, on the real snapshot.

    python benchmarks/bench_batch.py                     # the full run (about 13 minutes)
    python benchmarks/bench_batch.py --home DIR          # use an imported data home
    python benchmarks/bench_batch.py --quick             # tiny sizes, a smoke run
    python benchmarks/bench_batch.py --rows 1000000 --distinct 40000 --names 4000

Prints a table and writes ``benchmarks/results/batch.json`` (``batch_quick.json`` for
quick runs; ``--json PATH`` elsewhere).

What each figure is
-------------------
Data. ``--home DIR`` is used as it is (a saved index is reused, or built and saved
there once); without it ``../shared/lists/snapshot`` (``--lists``) is imported into a
temporary data home first. Ordinary names are ``eval/ordinary_names.tsv`` (real-looking
customer names of many locales, none listed) when present, else names generated from
built-in given names and surnames.

1. Throughput. ``--names`` distinct ordinary names. Each configuration runs in a fresh
   subprocess (loads the snapshot and its saved index, and pandas when installed, which
   pyarrow would import on the table's first conversion; then screens once, so every
   configuration starts equally cold), twice; the faster of the two is reported (the
   machine may be shared). The baseline is a plain loop of
   ``Screener.match`` in one process, the reference ``match_table`` must equal; then
   ``match_table`` with 1 worker (in process) and with 1..``--workers`` worker
   processes. Reported: wall time, names/s, and CPU seconds of the process and its
   children (``resource.getrusage``), so that a loaded machine shows as CPU time that
   wall time does not explain. Then ``match_table`` alone on ``--names-large``
   distinct ordinary names (default 16,000, the first ``--names`` among them): a
   larger job, in which the start-up (lazily loaded tables, the listed names prepared
   on first use) weighs less and words recur as they do in a customer table. Then
   ``--names-long`` (default 64,000) distinct names, the file's ordinary names followed
   by pairs of their words recombined across names (as for 2.): a long job, as a
   nightly screen of a customer base is, in which given names and surnames recur.
   Then ``--names-base`` (default 256,000) such names: the size of a bank's customer
   base, each configuration run once (it takes minutes).

2. A large table. ``--rows`` rows (default 1,000,000) written to Parquet: names drawn
   with replacement from ``--distinct`` distinct names (the ordinary names, then pairs of
   their words recombined across names), and 1 % listed names (published aliases drawn
   from the snapshot), as a counterparty table with repeats. Screened end to end by
   ``screen batch IN.parquet -o OUT.parquet`` in a subprocess (every core): wall time
   including start-up, the summary lines, the child's peak RSS and its worker
   processes' largest peak RSS (``getrusage`` ``RUSAGE_SELF`` and ``RUSAGE_CHILDREN``
   read in the child at exit; their sum bounds the peak of the whole run).

3. Re-screening after a list update. Old: the UK list of 2023-06-05 imported into its
   own home; new: the snapshot's UK list (2025-04-14). ``screen.diff.diff(old, new,
   sources=["uk"])`` gives the parties added and changed; a table of
   ``--rescreen-names`` distinct ordinary names (recombined as for 2.) plus the names
   of 50 added parties is screened
   fully (``match_table``) and against the changed parties only
   (``match_table(changed_since=diff)``, which includes building the restricted
   screener); the times of the diff, of both screens, and the check that the re-screen's
   rows are exactly the full screen's rows of changed parties and its rows of names it
   could not screen (``limit=None``). Then
   the same table through :mod:`screen.rescreen`: the time to build a ``TableIndex`` of
   it (once, after a full screen), to save and load it, and to re-screen through it
   (the changed parties' names looked up in it, only the rows found screened), with the
   check that its rows equal ``match_table(changed_since=diff)``'s.

No figure here is asserted by the tests: ``--quick`` only proves the script runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _machine import cpu_name, log

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LISTS = REPO.parent / "shared" / "lists"
UK_OLD = Path("uk/ofsi_conlist_2023-06-05/ConList.csv")

GIVEN = ["Anna", "John", "Maria", "Pierre", "Hans", "Olga", "Kenji", "Li", "Fatima", "Carlos",
         "Ingrid", "Aleksandr", "Sofia", "Pedro", "Yuki", "Emma", "Lukas", "Chloé", "Giulia",
         "Ивана", "Мария", "Björn", "Zoë", "Priya", "Tomasz", "Aylin", "Mateo", "Nora"]
FAMILY = ["Smith", "Müller", "Dubois", "Rossi", "García", "Kowalski", "Tanaka", "Johansson",
          "Novak", "Fernández", "Schneider", "Nguyen", "O'Brien", "Van der Berg", "Петрова",
          "Kuznetsova", "Lindqvist", "Moreau", "Bianchi", "Yilmaz", "Okafor", "Haddad"]


def _versions() -> dict:
    out = {"python": platform.python_version()}
    for mod in ("screen", "numpy", "pyarrow", "rapidfuzz"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - a version is informative, never required
            out[mod] = None
    return out


def _mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


# --------------------------------------------------------------------------- names


def ordinary_names(n_min: int, seed: int) -> tuple[list[str], str]:
    """Distinct ordinary names (at least ``n_min`` when the file allows it)."""
    path = REPO / "eval" / "ordinary_names.tsv"
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as fh:
            names = list(dict.fromkeys(r["name"] for r in csv.DictReader(fh, delimiter="\t")))
        random.Random(seed).shuffle(names)
        return names, str(path.relative_to(REPO))
    rng = random.Random(seed)
    names = list(dict.fromkeys(
        f"{rng.choice(GIVEN)} {rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)}"
        for _ in range(max(n_min * 2, 1000))))
    return names, "generated"


def more_names(base: list[str], n: int, seed: int) -> list[str]:
    """``n`` distinct names: ``base``, then words of two base names recombined."""
    rng = random.Random(seed)
    out = list(dict.fromkeys(base))[:n]
    seen = set(out)
    tries = 0
    while len(out) < n and tries < n * 20:
        tries += 1
        a, b = rng.choice(base).split(), rng.choice(base).split()
        name = " ".join(a[:1] + b[1:] if len(b) > 1 else a[:1] + b)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


# --------------------------------------------------------------------------- children

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    import screen
    from screen import batch
    from screen.index import code_fingerprint
    home, names_path, mode, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    names = json.load(open(names_path, encoding="utf-8"))
    t0 = time.perf_counter()
    s = screen.Screener(screen.load(home))
    # pyarrow imports pandas, when installed, on its first conversion of Python
    # objects, which match_table's output is: a cost of the process (0.2-0.3 s), not of
    # screening, counted with the start-up (until b33e238 loading the screener did it)
    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    ready = time.perf_counter() - t0
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    if mode == "loop":
        rows = sum(len(s.match(n)) for n in names)
    else:
        rows = batch.match_table({"name": names}, screener=s, workers=workers).num_rows
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    rc = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime) + rc.ru_utime + rc.ru_stime
    print(json.dumps({"ready_s": ready, "wall_s": wall, "cpu_s": cpu, "match_rows": rows,
                      "code": code_fingerprint()}))
""")


def run_child(home: Path, names_path: Path, mode: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(home), str(names_path), mode,
                          str(workers)], capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"throughput child failed:\n{out.stderr}")
    return json.loads(out.stdout.splitlines()[-1])


def throughput(home: Path, names: list[str], max_workers: int, work: Path, quick: bool,
               loop: bool = True, tries: int = 2) -> dict:
    path = work / f"throughput_names_{len(names)}.json"
    path.write_text(json.dumps(names), encoding="utf-8")
    runs = [("loop of Screener.match", "loop", 1)] if loop else []
    runs += [("match_table, 1 worker", "batch", 1)]
    runs += [(f"match_table, {w} workers", "batch", w) for w in range(2, max_workers + 1)]
    if quick:  # a smoke run: the first and the most workers
        runs = [runs[0], runs[-1]]
    out = []
    for label, mode, w in runs:
        log(f"throughput: {label} on {len(names):,} names")
        # the machine is shared: of two runs, the one that got the CPU more to itself
        runs_of = [run_child(home, path, mode, w) for _ in range(1 if quick else tries)]
        r = min(runs_of, key=lambda t: t["wall_s"])
        r["walls_s"] = [t["wall_s"] for t in runs_of]
        r.update(label=label, mode=mode, workers=w, names=len(names),
                 names_per_s=len(names) / r["wall_s"], names_per_cpu_s=len(names) / r["cpu_s"])
        out.append(r)
    rows = {r["match_rows"] for r in out}
    codes = {r["code"] for r in out}
    if len(rows) != 1 and len(codes) == 1:
        raise SystemExit(f"the configurations disagree on the number of matches: {out}")
    if len(codes) != 1:  # someone edited the matcher during the run
        log(f"warning: the matcher's code changed during the run ({sorted(codes)})")
    return {"names": len(names), "runs": out, "same_code": len(codes) == 1}


BIG_CHILD = textwrap.dedent("""
    import json, resource, sys
    from screen import cli
    code = cli.main(sys.argv[1:])
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"code": code, "self_maxrss": me.ru_maxrss,
                      "children_maxrss": kids.ru_maxrss,
                      "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))
""")


def big_table(home: Path, distinct: list[str], listed: list[str], rows: int, work: Path,
              seed: int) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    n_listed = rows // 100
    log(f"big table: writing {rows:,} rows ({len(distinct):,} distinct ordinary names, "
        f"{n_listed:,} listed-name rows)")
    path = work / "big.parquet"
    with pq.ParquetWriter(path, pa.schema([("id", pa.int64()), ("name", pa.string())]),
                          compression="zstd") as w:
        step = 100_000
        for start in range(0, rows, step):
            n = min(step, rows - start)
            names = [rng.choice(listed) if rng.random() < 0.01 else rng.choice(distinct)
                     for _ in range(n)]
            w.write_table(pa.table({"id": list(range(start, start + n)), "name": names}))
    size = path.stat().st_size
    log(f"big table: screen batch {path.name} ({size / 1e6:.1f} MB)")
    out_path = work / "big_out.parquet"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", BIG_CHILD, "batch", str(path), "-o",
                           str(out_path), "--no-progress", "--home", str(home)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"screen batch failed:\n{proc.stderr}")
    lines = proc.stdout.splitlines()
    usage = json.loads(lines[-1])
    if usage["code"] != 0:
        raise SystemExit(f"screen batch exited {usage['code']}:\n{proc.stderr}")
    distinct_in_file = pq.read_table(path, columns=["name"])["name"].unique()
    return {
        "rows": rows, "distinct_names": len(distinct_in_file), "parquet_mb": size / 1e6,
        "wall_s": wall, "rows_per_s": rows / wall, "cpu_s": usage["cpu_s"],
        "summary": lines[:-1],
        "peak_rss_mb": {"cli": _mb(usage["self_maxrss"]),
                        "largest_worker": _mb(usage["children_maxrss"]),
                        "bound": _mb(usage["self_maxrss"] + usage["children_maxrss"])},
        "output_rows": pq.ParquetFile(out_path).metadata.num_rows,
    }


def rescreen(home: Path, lists: Path, names: list[str], work: Path, workers: int,
             n_added: int) -> dict:
    from screen import Screener, load, store
    from screen.batch import match_table
    from screen.diff import diff

    log(f"re-screen: importing the UK list of 2023 ({lists / UK_OLD})")
    folder = work / "uk2023"
    folder.mkdir()
    (folder / "ConList.csv").symlink_to((lists / UK_OLD).resolve())
    report = store.import_dir(folder, home=work / "uk2023_home")
    if not report.ok:
        raise SystemExit(report.summary())
    old = store.load(work / "uk2023_home")
    full = Screener(load(home))
    t0 = time.perf_counter()
    d = diff(old, full.snapshot, sources=["uk"])
    diff_s = time.perf_counter() - t0
    table_names = names + [c.name for c in d.added[:n_added]]
    log(f"re-screen: {len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} "
        f"changed; screening {len(table_names):,} names fully and against the changes")
    t0 = time.perf_counter()
    whole = match_table({"name": table_names}, screener=full, workers=workers, limit=None)
    full_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    changed = match_table({"name": table_names}, screener=full, workers=workers, limit=None,
                          changed_since=d, sources=["uk"])
    changed_s = time.perf_counter() - t0
    keys = d.keys()
    # the full screen's rows of changed parties, and the rows it reports unscreened
    # (names empty after normalization, such as "OAO Ltd"): a re-screen reports those too
    expected = [r for r in whole.to_pylist() if r["status"] != "match"
                or (r["source"], r["list"], r["entity_id"]) in keys]
    # the table indexed once (after its full screen), then only the rows it finds
    from screen.rescreen import TableIndex
    from screen.rescreen import rescreen as rescreen_indexed

    t0 = time.perf_counter()
    tindex = TableIndex.build({"name": table_names})
    tindex_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tindex.save(work / "table_index")
    save_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tindex = TableIndex.load(work / "table_index")
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    indexed = rescreen_indexed({"name": table_names}, tindex, d, screener=full, limit=None,
                               sources=["uk"])
    indexed_s = time.perf_counter() - t0
    return {
        "old": str(lists / UK_OLD), "old_snapshot": d.old, "new_snapshot": d.new,
        "changes": {"added": len(d.added), "removed": len(d.removed),
                    "changed": len(d.changed)},
        "restricted_parties": len(keys), "names": len(table_names), "diff_s": diff_s,
        "full_s": full_s, "changed_only_s": changed_s, "speedup": full_s / changed_s,
        "full_match_rows": whole.num_rows, "changed_match_rows": changed.num_rows,
        "equal_to_full_on_changed_parties": changed.to_pylist() == expected,
        "workers": workers,
        "table_index": {"build_s": tindex_s, "save_s": save_s, "load_s": load_s,
                        "rescreen_s": indexed_s, "speedup": full_s / indexed_s,
                        "equal_to_changed_since": indexed.to_pylist() == changed.to_pylist(),
                        "index_mb": tindex.index.nbytes / 1e6},
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--home", type=Path, help="an imported data home (default: import "
                   "--lists/snapshot into a temporary one)")
    p.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    p.add_argument("--names", type=int, default=4000, help="names for the throughput runs")
    p.add_argument("--names-large", type=int, default=16000,
                   help="names for the throughput runs of a larger job (match_table only)")
    p.add_argument("--names-long", type=int, default=64000,
                   help="names for the throughput runs of a long job (the file's ordinary "
                   "names, then their words recombined; 0: none)")
    p.add_argument("--names-base", type=int, default=256_000,
                   help="names for the throughput runs of a customer base (as --names-long; "
                   "each configuration once; 0: none)")
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the large table")
    p.add_argument("--distinct", type=int, default=40_000,
                   help="distinct ordinary names in the large table")
    p.add_argument("--rescreen-names", type=int, default=40_000,
                   help="distinct names of the re-screened table")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--json", type=Path)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if args.quick:
        args.names, args.rows, args.distinct, args.rescreen_names = 30, 1000, 100, 20
        args.names_large, args.names_long, args.names_base = 60, 120, 0
        args.workers = min(args.workers, 2)
    out_json = args.json or REPO / "benchmarks" / "results" / (
        "batch_quick.json" if args.quick else "batch.json")

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        from screen import load, store

        home = args.home
        if home is None:
            src = args.lists / "snapshot"
            log(f"importing {src}")
            imported = store.import_dir(src, home=work / "home")
            if not imported.ok:
                raise SystemExit(imported.summary())
            home = work / "home"
        snap = load(home)
        log(f"snapshot {snap.id}: {snap.entities.num_rows:,} parties, "
            f"{snap.names.num_rows:,} names; building or loading its index")
        from screen import Screener

        Screener(snap)  # saves the index once, so that the children only load it
        base, origin = ordinary_names(max(args.names, args.names_large) + args.rescreen_names,
                                      args.seed)
        result: dict = {
            "quick": args.quick, "versions": _versions(), "cpu": cpu_name(),
            "cpus": os.cpu_count(), "loadavg_start": list(os.getloadavg()),
            "snapshot": {"id": snap.id, "parties": snap.entities.num_rows,
                         "names": snap.names.num_rows, "versions": snap.versions},
            "ordinary_names": origin,
        }
        result["throughput"] = throughput(home, base[:args.names], args.workers, work,
                                          args.quick)
        large = base[:args.names_large]
        if len(large) < args.names_large:
            log(f"throughput: only {len(large):,} ordinary names for the larger job")
        result["throughput_large"] = throughput(home, large, args.workers, work, args.quick,
                                                loop=False)
        if args.names_long:
            result["throughput_long"] = throughput(
                home, more_names(base, args.names_long, args.seed), args.workers, work,
                args.quick, loop=False)
        if args.names_base:
            result["throughput_base"] = throughput(
                home, more_names(base, args.names_base, args.seed), args.workers, work,
                args.quick, loop=False, tries=1)
        listed = random.Random(args.seed).sample(snap.names.column("name").to_pylist(),
                                                 min(2000, snap.names.num_rows))
        result["big_table"] = big_table(home, more_names(base, args.distinct, args.seed),
                                        listed, args.rows, work, args.seed)
        result["rescreen"] = rescreen(
            home, args.lists, more_names(base[max(args.names, args.names_large):],
                                         args.rescreen_names, args.seed),
            work, args.workers, 5 if args.quick else 50)
        result["loadavg_end"] = list(os.getloadavg())

    report(result)
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"\nwrote {out_json}")
    return 0


def report(r: dict) -> None:
    print(f"screen.batch on {r['cpu']} ({r['cpus']} CPUs), load {r['loadavg_start']}")
    s = r["snapshot"]
    print(f"snapshot {s['id']}: {s['parties']:,} parties, {s['names']:,} names; "
          f"ordinary names: {r['ordinary_names']}\n")
    t = r["throughput"]
    base = t["runs"][0]["names_per_s"]
    print(f"1. throughput on {t['names']:,} distinct ordinary names (fresh process each)")
    print(f"   {'configuration':<28}{'ready s':>8}{'wall s':>8}{'names/s':>10}{'CPU s':>8}"
          f"{'names/CPU s':>13}{'x loop':>8}")
    for x in t["runs"]:
        print(f"   {x['label']:<28}{x['ready_s']:>8.1f}{x['wall_s']:>8.1f}"
              f"{x['names_per_s']:>10,.0f}{x['cpu_s']:>8.1f}{x['names_per_cpu_s']:>13,.0f}"
              f"{x['names_per_s'] / base:>8.2f}")
    for key, what in (("throughput_large", "a larger job"), ("throughput_long", "a long job"),
                      ("throughput_base", "a customer base")):
        t = r.get(key)
        if t:
            print(f"   {what}: {t['names']:,} distinct ordinary names (fresh process each)")
            for x in t["runs"]:
                print(f"   {x['label']:<28}{x['ready_s']:>8.1f}{x['wall_s']:>8.1f}"
                      f"{x['names_per_s']:>10,.0f}{x['cpu_s']:>8.1f}"
                      f"{x['names_per_cpu_s']:>13,.0f}")
    b = r["big_table"]
    print(f"\n2. {b['rows']:,}-row Parquet table ({b['distinct_names']:,} distinct names, "
          f"{b['parquet_mb']:.1f} MB), 'screen batch' end to end")
    print(f"   wall {b['wall_s']:.1f} s ({b['rows_per_s']:,.0f} rows/s), CPU {b['cpu_s']:.1f} s; "
          f"peak RSS: CLI {b['peak_rss_mb']['cli']:.0f} MB, largest worker "
          f"{b['peak_rss_mb']['largest_worker']:.0f} MB (sum {b['peak_rss_mb']['bound']:.0f} MB)")
    for line in b["summary"]:
        print(f"   | {line}")
    c = r["rescreen"]
    ch = c["changes"]
    print(f"\n3. re-screen after the UK update 2023-06-05 -> 2025-04-14 "
          f"({ch['added']} added, {ch['removed']} removed, {ch['changed']} changed)")
    print(f"   {c['names']:,} names: full screen {c['full_s']:.1f} s, changed parties only "
          f"{c['changed_only_s']:.2f} s ({c['speedup']:.1f}x), diff {c['diff_s']:.2f} s; "
          f"equal to the full screen on those parties: {c['equal_to_full_on_changed_parties']}")
    ti = c.get("table_index")
    if ti:
        print(f"   through a table index (screen.rescreen; built once in {ti['build_s']:.1f} s, "
              f"{ti['index_mb']:.1f} MB, loaded in {ti['load_s']:.2f} s): re-screen "
              f"{ti['rescreen_s']:.2f} s ({ti['speedup']:.1f}x the full screen); equal to "
              f"match_table(changed_since=...): {ti['equal_to_changed_since']}")


if __name__ == "__main__":
    sys.exit(main())
