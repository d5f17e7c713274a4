#!/usr/bin/env python3
"""Accuracy of ``screen.compare`` on the evaluation set, against a brute-force baseline.

For every pair of ``eval/pairs.tsv`` (built by ``tools/build_eval.py``) this script
runs ``screen.compare(a, b, kind=kind or None)`` and reports, per class, the recall
(positive classes) or the false-positive rate (negative classes) at
``screen.DEFAULT_THRESHOLD``. In the same run it scores every pair with plain
``rapidfuzz.fuzz.token_sort_ratio`` on unidecode'd, casefolded text, at the one
threshold that serves that baseline best (chosen on the dev split), so that the
comparison holds on any machine. It also times preparing a name and comparing two
prepared names.

    python benchmarks/bench_accuracy.py                 # all pairs, table + JSON + PNG
    python benchmarks/bench_accuracy.py --split test -v # held-out split, list the misses
    python benchmarks/bench_accuracy.py --quick         # a small subsample, seconds

Targets (from the project brief): recall >= 98 % in every positive class, at most
2 % false positives on the hard negatives, at most 0.1 % on ordinary names.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from unidecode import unidecode

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "eval" / "pairs.tsv"
RESULTS = ROOT / "benchmarks" / "results" / "accuracy.json"
PLOT = ROOT / "docs" / "threshold_curve.png"
THRESHOLDS = list(range(101))
TARGET_RECALL = 0.98
TARGET_FP_HARD = 0.02
TARGET_FP_ORDINARY = 0.001
QUICK_PER_CLASS = 30


# --------------------------------------------------------------------------- data


def load_pairs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        r["expected"] = int(r["expected"])
    return rows


def subsample(rows: list[dict], per_class: int, seed: int = 7) -> list[dict]:
    by = defaultdict(list)
    for r in rows:
        by[(r["class"], r["split"])].append(r)
    rng = random.Random(seed)
    out = []
    for k in sorted(by):
        group = by[k]
        out.extend(group if len(group) <= per_class else rng.sample(group, per_class))
    return out


CLASS_ORDER = (
    "script_han", "script_cyrillic", "script_arabic", "script_greek", "script_other",
    "alias_spelling", "wade_giles", "cantonese", "pinyin_spacing", "order", "typo",
    "lookalike", "case_punct_diacritics", "cyrillic_translit", "arabic_variants",
    "legal_form", "titles", "neg_syllable", "neg_same_surname", "neg_shared_words",
    "neg_short_long", "neg_similar", "ordinary",
)


def class_order(rows: list[dict]) -> list[str]:
    """Positive classes first, in the order of eval/README.md; unknown classes last."""
    seen: dict[str, int] = {}
    for r in rows:
        seen.setdefault(r["class"], r["expected"])
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    return sorted(seen, key=lambda c: (-seen[c], rank.get(c, len(rank)), c))


# --------------------------------------------------------------------------- scorers


def baseline_score(a: str, b: str) -> float:
    """The brute-force baseline: token_sort_ratio on unidecode'd, casefolded text."""
    return fuzz.token_sort_ratio(unidecode(a).casefold(), unidecode(b).casefold(),
                                 processor=default_process)


def screen_scorer():
    """(score function returning (score, explanation), threshold, description)."""
    try:
        import screen
    except ImportError as exc:  # pragma: no cover - the package is installed editable
        return None, None, f"screen not importable ({exc})"
    if not hasattr(screen, "compare"):
        return None, None, "screen.compare does not exist yet"
    threshold = float(getattr(screen, "DEFAULT_THRESHOLD", 85.0))

    def score(a: str, b: str, kind: str) -> tuple[float, str]:
        c = screen.compare(a, b, kind=kind or None)
        return float(c.score), str(c.explanation)

    return score, threshold, f"screen.compare (screen {getattr(screen, '__version__', '?')})"


def prepared_api():
    """screen's prepare and prepared-compare functions, where it exposes them."""
    try:
        import screen
    except ImportError:  # pragma: no cover
        return None, None, "screen not importable"
    names = getattr(screen, "names", None)
    candidates = []
    if names is not None:
        candidates.append((getattr(names, "prepare", None), getattr(names, "compare_prepared", None),
                           "screen.names"))
        for mod in ("compare", "normalize"):
            m = getattr(names, mod, None)
            if m is not None and not callable(m):
                candidates.append((getattr(m, "prepare", None), getattr(m, "compare_prepared", None),
                                   f"screen.names.{mod}"))
        cmp_mod = getattr(names, "compare", None)
        norm_mod = getattr(names, "normalize", None)
        if cmp_mod is not None and norm_mod is not None and not callable(cmp_mod):
            candidates.append((getattr(norm_mod, "prepare", None),
                               getattr(cmp_mod, "compare_prepared", None),
                               "screen.names.normalize.prepare + screen.names.compare.compare_prepared"))
    for prep, cmp_, where in candidates:
        if callable(prep) and callable(cmp_):
            return prep, cmp_, where
    return None, None, "screen exposes no prepare/compare_prepared: timing compare() on raw strings"


# --------------------------------------------------------------------------- metrics


def rate(scores: list[float], threshold: float) -> float:
    return sum(s >= threshold for s in scores) / len(scores) if scores else float("nan")


def curves(by_class: dict[str, list[float]]) -> dict[str, list[float]]:
    return {c: [rate(s, t) for t in THRESHOLDS] for c, s in by_class.items()}


def best_threshold(pos: dict[str, list[float]], neg: dict[str, list[float]]) -> int:
    """The threshold with the best balanced accuracy, every class weighing the same."""
    def quality(t: int) -> float:
        r = [rate(s, t) for s in pos.values() if s]
        f = [rate(s, t) for s in neg.values() if s]
        return (sum(r) / max(len(r), 1) + sum(1 - x for x in f) / max(len(f), 1)) / 2
    return max(THRESHOLDS, key=lambda t: (quality(t), -t))


def target_for(cls: str, expected: int) -> tuple[str, float]:
    if expected == 1:
        return ">=", TARGET_RECALL
    return "<=", TARGET_FP_ORDINARY if cls == "ordinary" else TARGET_FP_HARD


def meets(value: float, target: tuple[str, float]) -> bool:
    op, t = target
    return value >= t if op == ">=" else value <= t


# --------------------------------------------------------------------------- timing


def time_costs(rows: list[dict], screen_fn, n: int = 2000) -> dict:
    names = []
    seen = set()
    for r in rows:
        for x in (r["a"], r["b"]):
            if x not in seen:
                seen.add(x)
                names.append((x, r["kind"]))
    rng = random.Random(11)
    names = rng.sample(names, min(n, len(names)))
    out: dict = {"names_timed": len(names)}
    prep, cmp_, where = prepared_api()
    out["api"] = where
    if prep is not None:
        t0 = time.perf_counter()
        prepared = [prep(x, kind or None) for x, kind in names]  # distinct names: cold
        out["prepare_us"] = (time.perf_counter() - t0) / len(names) * 1e6
        pairs = [(prepared[i], prepared[(i * 7 + 3) % len(prepared)]) for i in range(len(prepared))]
        t0 = time.perf_counter()
        for x, y in pairs:
            cmp_(x, y)
        out["compare_prepared_us"] = (time.perf_counter() - t0) / len(pairs) * 1e6
    if screen_fn is not None:
        t0 = time.perf_counter()
        for r in rows[: len(names)]:
            screen_fn(r["a"], r["b"], r["kind"])
        out["compare_raw_us"] = (time.perf_counter() - t0) / max(1, min(len(rows), len(names))) * 1e6
    t0 = time.perf_counter()
    for r in rows[: len(names)]:
        baseline_score(r["a"], r["b"])
    out["baseline_us"] = (time.perf_counter() - t0) / max(1, min(len(rows), len(names))) * 1e6
    return out


# --------------------------------------------------------------------------- output


def pct(x: float) -> str:
    return "   n/a" if math.isnan(x) else f"{100 * x:6.2f}"


def print_table(order, expected, counts, screen_res, base_res, threshold, base_t, have_screen,
                base_at_default=None):
    head = f"{'class':24s} {'pairs':>6s}  {'metric':6s} {'target':>8s}"
    if have_screen:
        head += f"  {'screen@' + format(threshold, 'g'):>11s}"
    head += f"  {'baseline@' + str(base_t):>12s}"
    if base_at_default is not None:
        head += f"  {'baseline@' + format(threshold, 'g'):>12s}"
    print(head)
    print("-" * len(head))
    for c in order:
        metric = "recall" if expected[c] == 1 else "FP"
        op, t = target_for(c, expected[c])
        line = f"{c:24s} {counts[c]:6d}  {metric:6s} {op}{100 * t:6.1f}%"
        if have_screen:
            v = screen_res[c]
            line += f"  {pct(v)}% {'ok ' if meets(v, (op, t)) else 'MISS'}"
        line += f"  {pct(base_res[c])}%      "
        if base_at_default is not None:
            line += f"  {pct(base_at_default[c])}%"
        print(line)


def plot(path: Path, screen_curves, base_curves, expected, threshold, base_t, title):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 6), constrained_layout=True)
    cmap = plt.get_cmap("tab20")
    curves_ = screen_curves or base_curves
    pos = [c for c in curves_ if expected[c] == 1]
    neg = [c for c in curves_ if expected[c] == 0]
    for i, c in enumerate(pos):
        ax1.plot(THRESHOLDS, [100 * v for v in curves_[c]], color=cmap(i % 20), lw=1.4, label=c)
    for i, c in enumerate(neg):
        ax2.plot(THRESHOLDS, [100 * v for v in curves_[c]], color=cmap(i % 20), lw=1.4, label=c)
    if screen_curves:
        for ax, classes in ((ax1, pos), (ax2, neg)):
            avg = [sum(base_curves[c][t] for c in classes) / len(classes) * 100 for t in THRESHOLDS]
            ax.plot(THRESHOLDS, avg, "k--", lw=1.6, label="baseline (mean of classes)")
    for ax in (ax1, ax2):
        if threshold is not None:
            ax.axvline(threshold, color="red", lw=1, ls=":", label=f"DEFAULT_THRESHOLD {threshold:g}")
        ax.axvline(base_t, color="grey", lw=1, ls=":", label=f"baseline best {base_t}")
        ax.set_xlabel("threshold")
        ax.set_xlim(0, 100)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower left" if ax is ax1 else "upper right", ncol=2)
    ax1.set_ylabel("recall (%)")
    ax1.set_title("positive classes: recall")
    ax1.set_ylim(0, 101)
    ax2.set_ylabel("false-positive rate (%)")
    ax2.set_yscale("symlog", linthresh=1)
    ax2.set_ylim(0, 100)
    ax2.set_title("negative classes: false positives")
    fig.suptitle(title)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--quick", action="store_true",
                    help=f"{QUICK_PER_CLASS} pairs per class and split (a smoke run)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list the first 10 misses / false alarms of each class")
    ap.add_argument("--out", type=Path, default=None,
                    help=f"JSON results (default {RESULTS.relative_to(ROOT)}; quick runs write "
                         "accuracy_quick.json)")
    ap.add_argument("--plot", type=Path, default=None,
                    help=f"PNG of the threshold curves (default {PLOT.relative_to(ROOT)}; "
                         "quick runs draw none unless asked)")
    ap.add_argument("--no-plot", action="store_true")
    args = ap.parse_args(argv)

    rows_all = load_pairs(args.pairs)
    if args.quick:
        rows_all = subsample(rows_all, QUICK_PER_CLASS)
    rows = rows_all if args.split == "all" else [r for r in rows_all if r["split"] == args.split]
    dev_rows = [r for r in rows_all if r["split"] == "dev"]
    order = class_order(rows_all)
    expected = {}
    for r in rows_all:
        expected[r["class"]] = r["expected"]

    screen_fn, threshold, screen_desc = screen_scorer()
    print(f"pairs: {args.pairs.relative_to(ROOT) if args.pairs.is_relative_to(ROOT) else args.pairs}"
          f"  split: {args.split}{'  (quick subsample)' if args.quick else ''}  n={len(rows)}")
    print(f"matcher: {screen_desc}")

    timing = time_costs(rows, screen_fn)  # before scoring, so that prepare runs cold

    # ---- score
    t0 = time.perf_counter()
    s_scores: dict[str, list[float]] = defaultdict(list)
    s_fail: dict[str, list[tuple]] = defaultdict(list)
    if screen_fn is not None:
        for r in rows:
            sc, why = screen_fn(r["a"], r["b"], r["kind"])
            s_scores[r["class"]].append(sc)
            wrong = (sc < threshold) if r["expected"] == 1 else (sc >= threshold)
            if wrong:
                s_fail[r["class"]].append((sc, r["a"], r["b"], r["ref"], why))
    screen_secs = time.perf_counter() - t0
    t0 = time.perf_counter()
    b_scores: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        b_scores[r["class"]].append(baseline_score(r["a"], r["b"]))
    base_secs = time.perf_counter() - t0
    if args.split == "dev":
        b_dev = b_scores
    else:
        b_dev = defaultdict(list)
        for r in dev_rows:
            b_dev[r["class"]].append(baseline_score(r["a"], r["b"]))
    base_t = best_threshold({c: v for c, v in b_dev.items() if expected[c] == 1},
                            {c: v for c, v in b_dev.items() if expected[c] == 0})

    order = [c for c in order if b_scores.get(c)]
    counts = {c: len(b_scores[c]) for c in order}
    screen_res = {c: rate(s_scores[c], threshold) for c in order} if screen_fn else {}
    base_res = {c: rate(b_scores[c], base_t) for c in order}
    base_at_default = ({c: rate(b_scores[c], threshold) for c in order}
                       if threshold is not None else None)
    print()
    print_table(order, expected, counts, screen_res, base_res, threshold, base_t,
                screen_fn is not None, base_at_default)
    if screen_fn is not None:
        ok = sum(meets(screen_res[c], target_for(c, expected[c])) for c in order)
        print(f"\nscreen meets the target in {ok} of {len(order)} classes "
              f"(threshold {threshold:g}); baseline threshold {base_t} chosen on the dev split")
    print("\ncost per call (microseconds):")
    if "prepare_us" in timing:
        print(f"  prepare a name (cold)        {timing['prepare_us']:9.1f}   [{timing['api']}]")
        print(f"  compare two prepared names   {timing['compare_prepared_us']:9.1f}")
    else:
        print(f"  ({timing['api']})")
    if "compare_raw_us" in timing:
        print(f"  screen.compare on raw names  {timing['compare_raw_us']:9.1f}")
    print(f"  baseline token_sort_ratio    {timing['baseline_us']:9.1f}")
    if "compare_raw_us" in timing and timing["baseline_us"] > 0:
        print(f"  ratio screen.compare / baseline: {timing['compare_raw_us'] / timing['baseline_us']:.1f}x")
    print(f"  whole run: screen {screen_secs:.2f} s, baseline {base_secs:.2f} s")

    if args.verbose and screen_fn is not None:
        for c in order:
            fails = s_fail.get(c, [])
            if not fails:
                continue
            what = "misses" if expected[c] == 1 else "false alarms"
            print(f"\n{c}: {len(fails)} {what} (first 10)")
            for sc, a, b, ref, why in fails[:10]:
                print(f"  {sc:5.1f}  {a!r} / {b!r}  [{ref}]  {why}")

    # ---- JSON
    out = args.out or (RESULTS.with_name("accuracy_quick.json") if args.quick else RESULTS)
    import rapidfuzz

    try:
        import screen

        screen_version = getattr(screen, "__version__", None)
    except ImportError:  # pragma: no cover
        screen_version = None
    result = {
        "split": args.split,
        "quick": args.quick,
        "pairs_file": str(args.pairs),
        "n_pairs": len(rows),
        "matcher": screen_desc,
        "threshold": threshold,
        "versions": {"python": platform.python_version(), "screen": screen_version,
                     "rapidfuzz": rapidfuzz.__version__},
        "machine": {"cpu": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "targets": {"recall": TARGET_RECALL, "fp_hard": TARGET_FP_HARD,
                    "fp_ordinary": TARGET_FP_ORDINARY},
        "classes": {
            c: {
                "expected": expected[c], "pairs": counts[c],
                "screen": (screen_res.get(c) if screen_fn else None),
                "screen_meets_target": (meets(screen_res[c], target_for(c, expected[c]))
                                        if screen_fn else None),
                "baseline": base_res[c],
                "baseline_at_default_threshold": (base_at_default or {}).get(c),
            } for c in order
        },
        "baseline": {"scorer": "rapidfuzz.fuzz.token_sort_ratio(unidecode(x).casefold())",
                     "threshold": base_t, "threshold_chosen_on": "dev"},
        "timing_us": timing,
        "seconds": {"screen": screen_secs, "baseline": base_secs},
        "curves": {"thresholds": THRESHOLDS,
                   "screen": curves(s_scores) if screen_fn else None,
                   "baseline": curves(b_scores)},
        "failures": {c: [list(x[:4]) for x in s_fail.get(c, [])[:50]] for c in order},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    plot_path = args.plot or (None if args.quick else PLOT)
    if plot_path is not None and not args.no_plot:
        plot(plot_path, result["curves"]["screen"], result["curves"]["baseline"], expected,
             threshold, base_t, f"screen vs token_sort_ratio baseline, split {args.split}, "
                                f"{len(rows)} pairs")
        print(f"wrote {plot_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
