"""Integrity of the evaluation set in eval/ and a smoke run of its benchmark.

The data files are checked on their own (columns, empty names, class sizes, splits);
the claims they make about the lists ("these two names belong to one listed entity",
"these two entities are different") are checked against the real list files in
../shared/lists, read with the builder's own reader, and skipped where that folder
is absent.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
LISTS = ROOT.parent / "shared" / "lists"
PAIR_COLUMNS = ["class", "expected", "a", "b", "kind", "split", "ref"]
POSITIVE = {
    "script_han", "script_cyrillic", "script_arabic", "script_greek", "script_other",
    "alias_spelling", "wade_giles", "cantonese", "pinyin_spacing", "order", "typo",
    "lookalike", "case_punct_diacritics", "cyrillic_translit", "arabic_variants",
    "legal_form", "titles",
}
NEGATIVE = {"neg_syllable", "neg_same_surname", "neg_shared_words", "neg_short_long",
            "neg_similar", "ordinary"}
# Classes too small on the real lists to reach "a few hundred": the lists hold only
# this many transliterated Han / Greek names (see eval/README.md).
SMALL_REAL = {"script_han": 15, "script_greek": 5, "script_other": 50}
# Classes whose `a` AND `b` are published names of the one entity in `ref`.
BOTH_LISTED = {"script_han", "script_cyrillic", "script_arabic", "script_greek",
               "script_other", "alias_spelling"}


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return _read(EVAL / "pairs.tsv")


@pytest.fixture(scope="module")
def report() -> dict:
    return json.loads((EVAL / "build_report.json").read_text(encoding="utf-8"))


def _builder():
    spec = importlib.util.spec_from_file_location("build_eval", ROOT / "tools" / "build_eval.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_eval", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def listed():
    """(builder module, {ref: entity}) from the real lists."""
    if not LISTS.is_dir():
        pytest.skip(f"real list files not found at {LISTS}")
    be = _builder()
    ents = be.load_lists(LISTS)
    return be, {e.ref: e for e in ents}


# --------------------------------------------------------------------------- the files alone


def test_pairs_file_has_the_documented_columns():
    with open(EVAL / "pairs.tsv", encoding="utf-8") as fh:
        assert fh.readline().rstrip("\n").split("\t") == PAIR_COLUMNS


def test_no_pair_has_an_empty_or_identical_name(pairs):
    for r in pairs:
        assert r["a"].strip() and r["b"].strip(), r
        assert r["a"] != r["b"], r


def test_every_row_has_a_known_class_expected_value_kind_and_split(pairs):
    for r in pairs:
        assert r["class"] in POSITIVE | NEGATIVE, r
        assert r["expected"] == ("1" if r["class"] in POSITIVE else "0"), r
        assert r["kind"] in ("person", "organization", ""), r
        assert r["split"] in ("dev", "test"), r
        assert r["ref"], r


def test_every_class_is_present_with_a_useful_number_of_pairs(pairs):
    counts = Counter(r["class"] for r in pairs)
    assert set(counts) == POSITIVE | NEGATIVE
    for cls, n in counts.items():
        assert SMALL_REAL.get(cls, 300) <= n <= 12000, (cls, n)


def test_both_splits_hold_every_class_with_enough_pairs(pairs):
    by = Counter((r["class"], r["split"]) for r in pairs)
    for cls in POSITIVE | NEGATIVE:
        if cls not in SMALL_REAL:
            assert by[(cls, "dev")] >= 50 and by[(cls, "test")] >= 50, cls


def test_class_counts_match_the_build_report(pairs, report):
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in pairs:
        counts[r["class"]][r["split"]] += 1
    assert {c: dict(v) for c, v in counts.items()} == {
        c: {k: v for k, v in s.items() if v} for c, s in report["counts"].items()}


def test_one_entity_never_spans_both_splits(pairs):
    split_of: dict[str, str] = {}
    for r in pairs:
        if r["class"] == "ordinary":
            continue  # split by the ordinary name; its listed partner may be anywhere
        for ref in r["ref"].split(";")[0].split("|"):
            assert split_of.setdefault(ref, r["split"]) == r["split"], ref


def test_a_pair_appears_once_per_class(pairs):
    seen = Counter((r["class"], r["a"], r["b"]) for r in pairs)
    assert max(seen.values()) == 1


def test_negative_pairs_of_two_entities_name_two_different_entities(pairs):
    for r in pairs:
        if r["class"] in NEGATIVE and r["class"] not in ("neg_syllable", "ordinary"):
            refs = r["ref"].split(";")[0].split("|")
            assert len(refs) == 2 and refs[0] != refs[1], r


def test_the_classic_hong_kong_examples_are_in(pairs):
    canto = {(r["a"], r["b"]) for r in pairs if r["class"] == "cantonese"}
    assert ("林鄭月娥", "LAM CHENG, Yuet-ngor") in canto
    assert ("鄧炳強", "TANG, Ping-keung") in canto
    assert any(a == "李家超" and "Ka" in b for a, b in canto)
    assert any(a == "LI, Jiachao" and b.upper().startswith(("LEE", "KA")) for a, b in canto)


def test_ordinary_names_file_is_clean():
    rows = _read(EVAL / "ordinary_names.tsv")
    assert list(rows[0]) == ["name", "locale", "split"]
    assert 19000 <= len(rows) <= 21000
    assert all(r["name"].strip() for r in rows)
    assert len({r["name"] for r in rows}) > 0.95 * len(rows)
    locales = Counter(r["locale"].split("-")[0] for r in rows)
    assert len(locales) >= 20 and max(locales.values()) < 0.1 * len(rows)
    assert any(r["locale"].endswith("-latn") for r in rows)  # some romanized


def test_eval_files_stay_small():
    total = sum(p.stat().st_size for p in EVAL.iterdir() if p.is_file())
    assert total < 5.5 * 1024 * 1024


# --------------------------------------------------------------------------- against the lists


def _keys(be, entity) -> set[str]:
    return {be.key(n.text) for n in entity.names}


def _is_name_of(be, text: str, entity) -> bool:
    """A published name of the entity, up to case/punctuation/order, or one of the names
    a multi-name field holds ("Юрий ...; Юрый ...")."""
    k = be.key(text)
    words = set(k.split())
    return k in _keys(be, entity) or any(words and words <= set(be.key(n.text).split())
                                         for n in entity.names)


@pytest.mark.slow
def test_real_positive_pairs_are_two_names_of_one_listed_entity(pairs, listed):
    be, by_ref = listed
    for r in pairs:
        if r["class"] in BOTH_LISTED:
            e = by_ref[r["ref"].split(";")[0]]
            assert _is_name_of(be, r["a"], e), r
            assert _is_name_of(be, r["b"], e), r


@pytest.mark.slow
def test_generated_positive_pairs_start_from_a_name_of_the_entity(pairs, listed):
    be, by_ref = listed
    for r in pairs:
        if r["class"] in POSITIVE - BOTH_LISTED:
            ref, _, extra = r["ref"].partition(";")
            e = by_ref[ref]
            if "han=public-record" in extra and be.script_of(r["a"]) == "Han":
                continue  # the Han name of an OFAC entry, from the public record
            assert _is_name_of(be, r["a"], e), r
            if "real-alias" in extra or "listed-spelling" in extra:
                assert _is_name_of(be, r["b"], e), r


@pytest.mark.slow
def test_negative_pairs_take_each_name_from_its_own_entity(pairs, listed):
    be, by_ref = listed
    for r in pairs:
        if r["class"] not in NEGATIVE or r["class"] == "ordinary":
            continue
        refs = r["ref"].split(";")[0].split("|")
        if r["class"] == "neg_syllable":
            e = by_ref[refs[0]]
            assert _is_name_of(be, r["a"], e), r
            assert be.key(r["b"]) not in _keys(be, e), r  # the changed name is not listed
            continue
        x, y = by_ref[refs[0]], by_ref[refs[1]]
        assert _is_name_of(be, r["a"], x), r
        assert _is_name_of(be, r["b"], y), r
        assert be.key(r["a"]) not in _keys(be, y) or r["class"] == "neg_short_long", r


@pytest.mark.slow
def test_ordinary_pairs_use_a_listed_name_and_no_listed_ordinary_name(pairs, listed):
    be, by_ref = listed
    all_keys = {k for e in by_ref.values() for k in _keys(be, e)}
    for r in pairs:
        if r["class"] == "ordinary":
            ref = r["ref"].split(";")[0]
            assert _is_name_of(be, r["b"], by_ref[ref]), r
            assert be.key(r["a"]) not in all_keys, r


# --------------------------------------------------------------------------- benchmark smoke run


def test_benchmark_quick_mode_runs_and_reports_sane_numbers(tmp_path):
    out = tmp_path / "acc.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_accuracy.py"), "--quick",
         "--no-plot", "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "baseline" in proc.stdout
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["quick"] is True and res["n_pairs"] > 100
    assert set(res["classes"]) == POSITIVE | NEGATIVE
    for cls, v in res["classes"].items():
        for key in ("screen", "baseline"):
            x = v[key]
            if x is not None:
                assert 0.0 <= x <= 1.0, (cls, key, x)
    assert 0 <= res["baseline"]["threshold"] <= 100
    assert res["timing_us"]["baseline_us"] > 0
