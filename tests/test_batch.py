"""screen.batch: a table screened in one call equals a loop of Screener.match."""

from __future__ import annotations

import csv
import gzip
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import threading
import time
import warnings
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import screen
from screen import Screener, ScreenError, batch, cli
from screen.batch import (
    OUTPUT_SCHEMA,
    BatchInputError,
    MissingColumnError,
    match_table,
    match_table_iter,
    screen_file,
)

REPO = Path(__file__).resolve().parents[1]

# Ordinary counterparty names, made of common given names and surnames of several
# languages, none of them listed.
GIVEN = ["Anna", "John", "Maria", "Pierre", "Hans", "Olga", "Kenji", "Li", "Fatima", "Carlos",
         "Ingrid", "Aleksandr", "Sofia", "Pedro", "Yuki", "Emma", "Lukas", "Chloé", "Giulia",
         "Ивана", "Мария", "فاطمة", "张伟", "Björn", "Zoë"]
FAMILY = ["Smith", "Müller", "Dubois", "Rossi", "García", "Kowalski", "Tanaka", "Johansson",
          "Novak", "Fernández", "Schneider", "Nguyen", "O'Brien", "Van der Berg", "Петрова",
          "Kuznetsova", "Lindqvist", "Moreau", "Bianchi", "Yilmaz"]
XINJIANG = ["Chu Hai-lun", "Hailun Zhu", "朱海仑", "ZHUHAILUN", "Wang Chün-cheng",
            "Ch'en Ming-kuo", "Mingshan Wang"]


@pytest.fixture(autouse=True)
def small_warmup(monkeypatch):
    """Few queries screened before the workers start, so small tables reach them."""
    monkeypatch.setattr(batch, "WARMUP_QUERIES", 25)


@pytest.fixture(scope="module")
def screener(imported) -> Screener:
    assert imported.code == 0, imported.err
    return Screener(screen.load(imported.home))


@pytest.fixture(scope="module")
def names(screener) -> list[str]:
    """About 300 real-ish names: ordinary ones, listed aliases as published and
    mangled (case, order, a typo), the Xinjiang romanizations, and repeats."""
    rng = random.Random(11)
    out = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(150)]
    listed = screener.snapshot.names.column("name").to_pylist()
    for alias in rng.sample(listed, 60):
        words = alias.split()
        out.append(alias)
        out.append(" ".join(reversed(words)).upper())
        if len(alias) > 6:
            i = rng.randrange(1, len(alias) - 1)
            out.append(alias[:i] + alias[i + 1:])
    out += XINJIANG + ["Vladimir Putin", "Mohammed Ali", "Ali Hassan", "ACME Trading LLC"]
    out += rng.sample(out, 20)  # repeats, screened once
    return out


def _loop(screener: Screener, names: list, *, births=None, countries=None, **opts) -> list[dict]:
    """The reference: Screener.match row by row, in the output's shape."""
    rows = []
    for i, name in enumerate(names):
        birth = births[i] if births else None
        country = countries[i] if countries else None
        for m in screener.match(name, birth_date=birth, country=country, **opts):
            rows.append({"input_row": i, "status": "match", "query": name,
                         **m.to_dict(), "programs": list(m.programs)})
    return rows


def test_match_table_equals_a_loop_of_match_on_real_names(screener, names):
    got = match_table({"name": names}, screener=screener, workers=2, batch_size=70)
    assert got.schema.equals(OUTPUT_SCHEMA)
    expected = _loop(screener, names)
    assert got.to_pylist() == expected
    matched = set(got["input_row"].to_pylist())
    assert 60 <= len(matched) < len(names)  # listed names matched, ordinary ones not
    assert {names.index(x) for x in XINJIANG} <= matched


def test_match_table_passes_weak_aliases_on(screener, names):
    got = match_table({"name": names}, screener=screener, workers=2, batch_size=70,
                      weak_aliases=False)
    assert got.to_pylist() == _loop(screener, names, weak_aliases=False)
    assert got.num_rows < match_table({"name": names}, screener=screener, workers=1).num_rows


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(GIVEN + FAMILY + XINJIANG), st.text(max_size=30),
                          st.none(), st.integers()), max_size=8))
def test_batch_equals_single_on_any_values(screener, values):
    got = match_table({"name": values}, screener=screener, workers=1).to_pylist()
    screened = [v if isinstance(v, str) else "" for v in values]
    expected = _loop(screener, screened)
    assert [r for r in got if r["status"] == "match"] == expected
    reported = {r["input_row"] for r in got if r["status"] != "match"}
    for i, v in enumerate(values):
        if not isinstance(v, str):
            assert i in reported  # a null or a number is reported, never dropped
        elif not v.strip():
            assert i in reported


def test_one_worker_and_two_workers_give_the_same_table(screener, names):
    one = match_table(pa.table({"name": names}), screener=screener, workers=1)
    two = match_table(pa.table({"name": names}), screener=screener, workers=2, batch_size=33)
    assert one.equals(two)


def _payment_fields(screener: Screener) -> list:
    """Payment messages' counterparty fields around listed and ordinary names: an
    account line, address lines, a 50F field, two parties, an account alone."""
    rng = random.Random(5)
    listed = rng.sample(screener.snapshot.names.column("name").to_pylist(), 40)
    ordinary = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(20)]
    forms = ["/DE44500105175407324931\n{}\nHAUPTSTRASSE 5\n10115 BERLIN",
             "1/{}\n2/12 HIGH STREET\n3/GB/LONDON", "{} C/O ACME TRADING LTD",
             "{}\nPMT FOR INV 2231", "MR {} AND/OR MRS ANNA SMITH", "{}"]
    out = [form.format(name.upper() if i % 2 else name)
           for i, (name, form) in enumerate(zip(listed + ordinary, forms * 10))]
    return [*out, "/DE44500105175407324931", "Chu Hai-lun\n1 RD", None, "", *out[:5]]


def test_payment_fields_screened_as_a_table_equal_a_loop_of_match_field(screener):
    fields = _payment_fields(screener)
    got = match_table({"name": fields}, screener=screener, workers=2, batch_size=17,
                      field=True)
    expected = []
    for i, f in enumerate(fields):
        for m in screener.match_field(f) if isinstance(f, str) else ():
            expected.append({"input_row": i, "status": "match", "query": f,
                             **m.to_dict(), "programs": list(m.programs)})
    rows = got.to_pylist()
    assert [r for r in rows if r["status"] == "match"] == expected
    assert any("field read as" in r["explanation"] for r in expected)
    # screened as names, the same fields find less: the account and address lines
    # are words a name does not have
    as_names = match_table({"name": fields}, screener=screener, workers=1)
    assert len({r["input_row"] for r in expected}) > len(set(as_names["input_row"].to_pylist()))
    # a field of an account alone has no name: said so, not dropped
    account = fields.index("/DE44500105175407324931")
    said = [r for r in rows if r["input_row"] == account]
    assert [r["status"] for r in said] == ["empty name"]
    assert said[0]["explanation"] == batch.NO_NAME_IN_FIELD
    assert {r["status"] for r in rows if r["input_row"] in (len(fields) - 7, len(fields) - 6)} \
        == {"null name", "empty name"}


def test_a_field_whose_letters_are_lost_is_an_empty_name_as_a_name_is(screener):
    # (a field of "?" for letters an export's encoding lacks was dropped silently)
    values = ["???? ?????", "!!!", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "/DE44500105175407324931\n???? ?????\n1 HIGH ST"]
    as_fields = match_table({"name": values}, screener=screener, workers=1, field=True)
    as_names = match_table({"name": values[:3]}, screener=screener, workers=1)
    assert as_fields["status"].to_pylist() == ["empty name"] * 4
    assert as_fields.slice(0, 3)["explanation"].equals(as_names["explanation"])
    assert as_fields["explanation"][3].as_py() == batch.NOTHING_LEFT


def test_field_must_be_a_bool(screener):
    with pytest.raises(TypeError, match="'field' must be bool"):
        match_table({"name": ["Chu Hai-lun"]}, screener=screener, field="yes")


class _Lanes:
    """An executor of ``lanes`` lanes that screens nothing (for _State.route alone)."""

    def __init__(self, lanes: int):
        self.lanes = lanes
        self.screener = self.opts = None


def test_queries_are_routed_to_workers_by_last_word_within_a_slack():
    state = batch._State(_Lanes(3))
    names = [f"{g} {f}" for g in GIVEN for f in FAMILY] + ["Anna \ud800"]  # (a lone surrogate)
    parts = state.route([(n, None, None) for n in names])
    assert sorted(q for p in parts for q in p) == sorted((n, None, None) for n in names)
    lane_of = {}
    for lane, part in enumerate(parts):
        for name, _, _ in part:
            # one surname, one worker (which then keeps what it found for that word)
            assert lane_of.setdefault(name.split()[-1].lower(), lane) == lane
    assert len(set(lane_of.values())) > 1
    for part in parts:  # each worker's names in the order of their last word
        words = [name.split()[-1].lower() for name, _, _ in part]
        assert words == sorted(words)
    # a table in which one surname abounds is still shared out: no lane gets more than
    # LANE_SLACK queries beyond another's
    same = [(f"Customer{i} Wang", None, None) for i in range(3 * batch.LANE_SLACK)]
    state.load = [0, 500, 0]  # queries already in flight
    loads = [a + len(p) for a, p in zip(state.load, state.route(same))]
    assert max(loads) - min(loads) <= batch.LANE_SLACK + 1
    assert sum(loads) == 500 + len(same)
    assert batch._State(_Lanes(1)).route(same) == [same]


@pytest.mark.parametrize("opts", [
    {"threshold": 95, "limit": 3},
    {"threshold": 70, "limit": None, "sources": ["uk", "canada"]},
    {"kind": "organization"},
])
def test_options_are_those_of_match(screener, names, opts):
    got = match_table({"name": names[150:260]}, screener=screener, workers=2, **opts)
    assert got.to_pylist() == _loop(screener, names[150:260], **opts)


def test_birth_date_and_country_columns_feed_the_matcher(screener):
    names = ["Chu Hai-lun", "Chu Hai-lun", "Chu Hai-lun", "Chu Hai-lun", "Wang Mingshan"]
    births = ["1958-01-03", 1990, None, date(1958, 1, 3), "  "]
    countries = ["China", None, "France", "", None]
    got = match_table({"n": names, "dob": births, "c": countries}, column="n", screener=screener,
                      birth_date_column="dob", country_column="c", workers=1)
    # blank birth dates and countries count as missing
    clean_births = [b if b != "  " else None for b in births]
    clean_countries = [c or None for c in countries]
    assert got.to_pylist() == _loop(screener, names, births=clean_births,
                                    countries=clean_countries)
    assert "fits listed 1958" in got.filter(pc.equal(got["input_row"], 0))["explanation"][0].as_py()


def test_rows_that_cannot_be_screened_are_reported_not_dropped(screener):
    names = ["Chu Hai-lun", None, "", "   ", 42, b"Chu Hai-lun", "!!!", "Anna Smith",
             "Chu Hai-lun"]
    births = [None, None, None, None, None, None, None, None, "unknown"]
    got = match_table({"name": names, "dob": births}, screener=screener,
                      birth_date_column="dob", workers=1)
    bad = got.filter(pc.not_equal(got["status"], "match"))
    assert bad.select(["input_row", "status", "query"]).to_pylist() == [
        {"input_row": 1, "status": "null name", "query": None},
        {"input_row": 2, "status": "empty name", "query": ""},
        {"input_row": 3, "status": "empty name", "query": "   "},
        {"input_row": 4, "status": "not a string", "query": None},
        {"input_row": 5, "status": "not a string", "query": None},
        {"input_row": 6, "status": "empty name", "query": "!!!"},  # nothing left to compare
        {"input_row": 8, "status": "invalid", "query": "Chu Hai-lun"},
    ]
    assert "four-digit year" in bad["explanation"][-1].as_py()
    # a value that is not blank says why it is empty: "???" where letters were lost
    assert bad["explanation"][5].as_py().startswith("no letter or digit to screen")
    assert bad["explanation"][1].as_py() is None
    berber = match_table({"name": ["ⴰⵎⴰⵣⵉⵖ"]}, screener=screener, workers=1).to_pylist()
    assert "letters the matcher does not read" in berber[0]["explanation"]
    assert bad.column("score").null_count == bad.num_rows
    # ... a refused birth date is reported, and the name screened without it
    row8 = got.filter(pc.equal(got["input_row"], 8)).to_pylist()
    assert row8[0]["status"] == "invalid" and "screened without it" in row8[0]["explanation"]
    assert row8[1:] and row8[1:] == [dict(r, input_row=8) for r in _loop(screener, ["Chu Hai-lun"])]
    # a row without a match has no output row, unless asked for
    assert 7 not in got["input_row"].to_pylist()
    every = match_table({"name": names}, screener=screener, workers=1, unmatched=True)
    assert every.filter(pc.equal(every["input_row"], 7))["status"].to_pylist() == ["no match"]
    assert set(every["input_row"].to_pylist()) == set(range(len(names)))
    # ... and every row, matched or not, names the snapshot it was screened against, as
    # does the table: a table that cleared every name still says against which lists
    assert set(every["snapshot"].to_pylist()) == {screener.snapshot_id}
    assert every.schema.metadata[b"screen.snapshot"] == screener.snapshot_id.encode()
    cleared = match_table({"name": ["Anna Smith"]}, screener=screener, workers=1)
    assert cleared.num_rows == 0
    assert cleared.schema.metadata[b"screen.snapshot"] == screener.snapshot_id.encode()


def test_a_refused_birth_date_or_country_leaves_the_name_screened(screener):
    # a customer table's birth dates and countries are often dirty ("unknown", a number,
    # a list): the value is left out and reported, the name still screened
    names = ["Chu Hai-lun", "Chu Hai-lun", "Chu Hai-lun", "Chu Hai-lun"]
    births = ["unknown", ["1958"], "1958-01-03", "1958"]
    countries = ["China", None, 86, None]
    got = match_table({"name": names, "dob": births, "c": countries}, screener=screener,
                      birth_date_column="dob", country_column="c", workers=1)
    for i, (birth, country, says) in enumerate([
            (None, "China", "'birth_date' must contain a four-digit year (got 'unknown')"),
            (None, None, "'birth_date' must be a date, an int year or a str (got list)"),
            ("1958-01-03", None, "'country' must be str (got int)")]):
        rows = got.filter(pc.equal(got["input_row"], i)).to_pylist()
        assert rows[0]["status"] == "invalid" and rows[0]["explanation"].startswith(says)
        expected = _loop(screener, ["Chu Hai-lun"], births=[birth], countries=[country])
        assert rows[1:] == [dict(r, input_row=i) for r in expected] and expected
    assert "invalid" not in got.filter(pc.equal(got["input_row"], 3))["status"].to_pylist()


def test_a_year_made_float_by_a_pandas_column_with_gaps_is_a_year(screener):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"name": ["Chu Hai-lun", "Chu Hai-lun"], "dob": [1958, None]})
    assert df["dob"].dtype.kind == "f"
    got = match_table(df, screener=screener, birth_date_column="dob", workers=1)
    assert got.to_pylist() == _loop(screener, ["Chu Hai-lun"] * 2, births=[1958, None])
    assert "fits listed 1958" in got["explanation"][0].as_py()


def test_a_missing_column_is_a_key_error_naming_the_columns(screener):
    with pytest.raises(MissingColumnError) as info:
        match_table({"id": [1], "full_name": ["x"]}, screener=screener)
    assert isinstance(info.value, KeyError) and isinstance(info.value, ScreenError)
    assert str(info.value) == "column 'name' is not in the table (columns: 'id', 'full_name')"
    with pytest.raises(KeyError, match="birth_date_column 'dob'"):
        match_table({"name": ["x"]}, screener=screener, birth_date_column="dob")


def test_a_blank_line_of_a_csv_file_is_a_row_without_a_name(screener, tmp_path):
    # (the reader skipped it: nothing reported, and input_row stopped counting the
    # file's rows)
    (tmp_path / "in.csv").write_text("id,name\n1,Chu Hai-lun\n\n\n2,Zhu Hailun\n",
                                     encoding="utf-8")
    got = match_table(tmp_path / "in.csv", screener=screener, workers=1, unmatched=True)
    rows = dict(zip(got["input_row"].to_pylist(), got["status"].to_pylist()))
    assert rows == {0: "match", 1: "empty name", 2: "empty name", 3: "match"}


def test_a_column_name_the_table_repeats_is_an_error_not_another_column(screener, tmp_path):
    # a stream screened the last column so named: "name,name,country" had its country
    # codes screened as names, every row "no match"
    t = pa.Table.from_arrays([pa.array(["Chu Hai-lun"]), pa.array(["John Smith"]),
                              pa.array(["CN"])], names=["name", "name", "country"])
    (tmp_path / "dup.csv").write_text("name,name,country\nChu Hai-lun,John Smith,CN\n",
                                      encoding="utf-8")
    for data in (t, pa.RecordBatchReader.from_batches(t.schema, t.to_batches()),
                 t.to_pandas(), tmp_path / "dup.csv"):
        with pytest.raises(BatchInputError, match="2 columns named 'name'"):
            match_table(data, screener=screener, country_column="country")


def test_workers_beyond_the_cores_only_share_them(screener, names, tmp_path):
    # (1,000 asked for on two cores ran the machine out of memory)
    _write_csv(tmp_path / "in.csv", names[:300])
    summary = screen_file(tmp_path / "in.csv", tmp_path / "out.csv", screener=screener,
                          column="customer", workers=1000)
    assert summary.workers == len(os.sched_getaffinity(0))
    # a table of few distinct names starts none, and the summary says so
    few = screen_file(tmp_path / "in.csv", tmp_path / "few.csv", screener=screener,
                      column="customer", workers=2, batch_size=50, limit=1)
    assert few.workers == 2
    _write_csv(tmp_path / "small.csv", names[:20])
    small = screen_file(tmp_path / "small.csv", tmp_path / "small_out.csv", screener=screener,
                        column="customer", workers=2)
    assert small.workers == 0 and small.lines()[0].endswith("in this process)")


def test_nothing_to_screen_gives_an_empty_table_of_the_fixed_schema(screener):
    got = match_table(pa.table({"name": pa.array([], pa.string())}), screener=screener)
    assert got.num_rows == 0 and got.schema.equals(OUTPUT_SCHEMA)
    got = match_table({"name": ["Anna Smith"]}, screener=screener, workers=2)
    assert got.num_rows == 0 and got.schema.equals(OUTPUT_SCHEMA)


class _CStream:
    """A foreign table (polars, DuckDB) seen only through the Arrow PyCapsule protocol."""

    def __init__(self, table: pa.Table):
        self._table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self._table.__arrow_c_stream__(requested_schema)


class _CArray:
    def __init__(self, batch: pa.RecordBatch):
        self._batch = batch

    def __arrow_c_array__(self, requested_schema=None):
        return self._batch.__arrow_c_array__(requested_schema)


def _inputs(tmp_path: Path, table: pa.Table) -> dict[str, object]:
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=7)
    rows = table.to_pylist()
    for name, delim, opener in (("t.csv", ",", open), ("t.tsv", "\t", open),
                                ("t.csv.gz", ",", gzip.open),
                                # (Arrow tells gzip from ".gz" in lower case only)
                                ("T.CSV.GZ", ",", gzip.open)):
        with opener(tmp_path / name, "wt", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=table.column_names, delimiter=delim)
            w.writeheader()
            w.writerows(rows)
    batch_ = table.combine_chunks().to_batches()[0]
    return {
        "table": table,
        "record batch": batch_,
        "reader": pa.RecordBatchReader.from_batches(table.schema, table.to_batches(5)),
        "dict": table.to_pydict(),
        "c stream": _CStream(table),
        "c array": _CArray(batch_),
        "parquet": tmp_path / "t.parquet",
        "parquet str": str(tmp_path / "t.parquet"),
        "csv": tmp_path / "t.csv",
        "tsv": tmp_path / "t.tsv",
        "csv.gz": tmp_path / "t.csv.gz",
        "CSV.GZ": tmp_path / "T.CSV.GZ",
    }


def test_a_name_that_is_not_valid_text_is_screened_and_said_so(screener, tmp_path):
    # a byte that is not UTF-8 far into a CSV file (past the reader's first blocks)
    path = tmp_path / "in.csv"
    with open(path, "wb") as fh:
        fh.write(b"name,dob\n")
        fh.write(b"Anna Smith,\n" * 400_000)  # (some 5 MB: past the first 4 MiB block)
        fh.write(b"Zhu Hailun\xff,1980\n")
    got = [r for r in match_table(path, screener=screener, birth_date_column="dob")
           .to_pylist() if r["input_row"] == 400_000]
    expected = screener.match("Zhu Hailun", birth_date=1980)
    assert expected
    assert got[0]["status"] == "invalid" and "not UTF-8" in got[0]["explanation"]
    assert [r["entity_id"] for r in got[1:]] == [m.entity_id for m in expected]
    assert {r["query"] for r in got} == {"Zhu Hailun\ufffd"}
    # lone surrogates in a Python string (text decoded with errors="surrogateescape"),
    # which no Arrow table holds: in the name, and quoted in a refused birth date
    names = ["Zhu \udcff Hailun", "Anna \ud800 Smith", "Zhu Hailun"]
    t = match_table({"name": names, "dob": [None, "19\ud80058", None]},
                    birth_date_column="dob", screener=screener, workers=2)
    rows = t.to_pylist()
    first = [r for r in rows if r["input_row"] == 0]
    assert first[0]["status"] == "invalid" and "lone surrogates" in first[0]["explanation"]
    assert [r["entity_id"] for r in first[1:]] == [
        m.entity_id for m in screener.match("Zhu \ufffd Hailun")] == [
        r["entity_id"] for r in rows if r["input_row"] == 2]
    assert first[0]["query"] == "Zhu \ufffd Hailun"
    second = [r for r in rows if r["input_row"] == 1]
    assert len(second) == 1 and "four-digit year" in second[0]["explanation"]
    assert "lone surrogates" in second[0]["explanation"]


@pytest.mark.parametrize("text_type", [pa.string(), pa.large_string()])
def test_a_text_column_holding_bytes_that_are_not_utf8_is_screened(
        screener, tmp_path, text_type):
    # Arrow does not check the UTF-8 of a text column on reading: a Spark CAST of
    # binary to string or a Hive table of Latin-1 hands such a column over. One bad
    # value stopped the whole table (UnicodeDecodeError)
    raw = pa.array([b"Zhu Hailun", b"Zhu Hailun\xff", None, b"\xe9t\xe9 \xff"],
                   pa.binary() if text_type == pa.string() else pa.large_binary())
    names = raw.view(text_type)
    dates = pa.array([b"1980", b"19\xff80", None, None], raw.type).view(text_type)
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"name": names, "dob": dates}), path)
    for data in (path, pq.read_table(path), {"name": names, "dob": dates}):
        rows = match_table(data, screener=screener, birth_date_column="dob").to_pylist()
        by_row: dict[int, list] = {}
        for r in rows:
            by_row.setdefault(r["input_row"], []).append(r)
        assert sorted(by_row) == [0, 1, 2, 3]
        assert by_row[1][0]["status"] == "invalid" and "not UTF-8" in by_row[1][0]["explanation"]
        assert by_row[1][0]["query"] == "Zhu Hailun\ufffd"
        assert [r["entity_id"] for r in by_row[1][1:]] == [
            m.entity_id for m in screener.match("Zhu Hailun")]
        assert by_row[2][0]["status"] == "null name"
        assert by_row[3][0]["status"] == "invalid"


def test_every_kind_of_input_gives_the_same_table(screener, names, tmp_path):
    table = pa.table({"id": list(range(40)), "name": names[140:180]})
    expected = match_table(table, screener=screener, workers=1)
    assert expected.num_rows
    for kind, data in _inputs(tmp_path, table).items():
        got = match_table(data, screener=screener, workers=1, batch_size=9)
        assert got.equals(expected), kind


def test_pandas_frames_with_mixed_columns_are_screened_row_by_row(screener):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"name": ["Chu Hai-lun", None, float("nan"), 7, "Anna Smith"]})
    got = match_table(df, screener=screener, workers=1)
    assert got.filter(pc.not_equal(got["status"], "match")).select(
        ["input_row", "status"]).to_pylist() == [
        {"input_row": 1, "status": "null name"}, {"input_row": 2, "status": "null name"},
        {"input_row": 3, "status": "not a string"}]
    assert got.to_pylist()[0]["entity_id"]


def test_pandas_columns_named_otherwise_than_by_text_are_read_as_pyarrow_reads_them(screener):
    pd = pytest.importorskip("pandas")
    names = ["Chu Hai-lun", "Anna Smith"]
    want = match_table(pa.table({"name": names}), screener=screener, workers=1)
    # read_csv(header=None) names the columns 0, 1: "1" was "not in the table
    # (columns: '0', '1')"
    numbered = pd.DataFrame({0: [7, 8], 1: names})
    got = match_table(numbered, column="1", screener=screener, workers=1)
    assert got.equals(want)
    # the names as the index, which pyarrow.table() reads as a column
    indexed = pd.DataFrame({"name": names, "id": [7, 8]}).set_index("name")
    assert match_table(indexed, screener=screener, workers=1).equals(want)


def test_no_column_is_an_error_not_nothing_screened(screener):
    for data in ({"name": ["Chu Hai-lun"]}, pa.table({"name": ["Chu Hai-lun"]})):
        with pytest.raises(TypeError, match="'column' must be str"):
            match_table(data, column=None, screener=screener)


def test_an_unknown_input_is_a_clear_error(screener, tmp_path):
    (tmp_path / "t.xlsx").write_bytes(b"x")
    with pytest.raises(ValueError, match="unknown file type '.xlsx'"):
        match_table(tmp_path / "t.xlsx", screener=screener)
    with pytest.raises(ValueError, match="no such file"):
        match_table(tmp_path / "absent.parquet", screener=screener)
    with pytest.raises(ValueError, match="'data' must be a table"):
        match_table(object(), screener=screener)
    with pytest.raises(ValueError, match="threshold"):
        match_table({"name": ["x"]}, screener=screener, threshold=150)


def test_match_table_iter_streams_one_batch_per_input_batch(screener, names, tmp_path):
    pq.write_table(pa.table({"name": names}), tmp_path / "in.parquet")
    seen: list[int] = []
    it = match_table_iter(tmp_path / "in.parquet", screener=screener, workers=2,
                          batch_size=100, progress=seen.append)
    out = list(it)
    assert seen == [100, 100, 100, len(names) - 300]
    assert len(out) == 4 and all(b.schema.equals(OUTPUT_SCHEMA) for b in out)
    rows = pa.Table.from_batches(out)["input_row"].to_pylist()
    assert rows == sorted(rows)
    assert pa.Table.from_batches(out).equals(match_table({"name": names}, screener=screener))


def test_a_stream_closed_early_stops_its_workers(screener, names):
    it = match_table_iter({"name": names}, screener=screener, workers=2, batch_size=50)
    next(it)
    children = multiprocessing.active_children()
    assert len(children) >= 2
    it.close()  # terminates the pool: nothing left running
    assert not any(c.is_alive() for c in children)


def test_closing_the_workers_does_not_wait_for_good_on_a_pool_that_hangs(screener, monkeypatch):
    # Pool.terminate() can wait for good on a lock a worker it killed held (see
    # _Pool.close): the workers are killed all the same, and close() returns
    monkeypatch.setattr(batch, "POOL_CLOSE_WAIT", 0.5)
    release = threading.Event()
    worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
    worker.start()

    class HungPool:
        def __init__(self):
            self._pool = [worker]

        def terminate(self):
            release.wait()

        def join(self):
            pass

    executor = batch._Pool(screener, {}, 1)
    executor._pools = [HungPool()]
    closed = threading.Event()
    threading.Thread(target=lambda: (executor.close(), closed.set()), daemon=True).start()
    try:
        assert closed.wait(10)
        assert not worker.is_alive()
    finally:
        release.set()
        if worker.is_alive():
            worker.kill()


@pytest.mark.skipif(not hasattr(pa, "string_view"), reason="pyarrow without view types")
@pytest.mark.parametrize("view", ["string_view", "binary_view"])
def test_a_dictionary_column_of_views_is_read(screener, view):
    # polars hands a Categorical or Enum column over as dictionary<string_view>, which
    # pyarrow has no kernel to decode: the batch stopped on ArrowNotImplementedError
    texts = ["Vladimir Putin", "Anna Smith"]
    values = pa.array([t.encode() if view == "binary_view" else t for t in texts],
                      getattr(pa, view)())
    column = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), values)
    got = match_table({"name": column}, screener=screener, workers=1, unmatched=True)
    want = match_table({"name": [texts[0], texts[1], texts[0]]}, screener=screener, workers=1,
                       unmatched=True)
    assert got.equals(want) and got.num_rows > 3


def _die(queries):
    os.kill(os.getpid(), 9)  # (a worker killed mid-task, as the out-of-memory killer does)


def test_a_worker_killed_stops_the_batch_with_an_error_not_a_wait(screener, names, monkeypatch):
    # its pool starts another process, but the killed one's task never ends: waited for
    # without a look at the workers, the job hung for good
    monkeypatch.setattr(batch, "WARMUP_QUERIES", 0)
    monkeypatch.setattr(batch, "WORKER_WATCH", 0.05)
    monkeypatch.setattr(batch, "_screen_queries", _die)  # (the forked workers' too)
    got: list = []

    def run():
        try:
            match_table({"name": names}, screener=screener, workers=2, batch_size=50)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            got.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the batch waited for a killed worker"
    assert len(got) == 1 and isinstance(got[0], screen.WorkerError), got
    assert "killed by signal 9" in str(got[0])
    assert not any(c.is_alive() for c in multiprocessing.active_children())


def test_a_small_table_is_screened_without_starting_workers(screener, names, monkeypatch):
    monkeypatch.setattr(batch, "WARMUP_QUERIES", 1000)
    it = match_table_iter({"name": names}, screener=screener, workers=2)
    got = pa.Table.from_batches(list(it))
    assert not multiprocessing.active_children()
    assert got.equals(match_table({"name": names}, screener=screener, workers=1))


def test_full_collections_are_rare_while_screening_and_restored_after(screener, names):
    import gc

    before = gc.get_threshold()
    during: list[tuple] = []
    it = match_table_iter({"name": names}, screener=screener, workers=1, batch_size=100,
                          progress=lambda n: during.append(gc.get_threshold()))
    inner = match_table_iter({"name": names[:50]}, screener=screener, workers=1)
    first = next(it)
    pa.Table.from_batches(list(inner))  # a run that starts and ends inside the other
    rest = list(it)
    assert during and all(t[2] >= batch.FULL_COLLECTION_AFTER for t in during)
    assert during[-1][:2] == before[:2]
    assert gc.get_threshold() == before
    assert pa.Table.from_batches([first, *rest]).equals(
        match_table({"name": names}, screener=screener, workers=1))


# -- re-screening against what changed ---------------------------------------------------


def test_a_restricted_screener_finds_exactly_the_full_matches_of_its_parties(screener, names):
    ents = screener.snapshot.entities
    rng = random.Random(5)
    keys = set(zip(ents["source"].to_pylist(), ents["list"].to_pylist(),
                   ents["entity_id"].to_pylist()))
    chosen = set(rng.sample(sorted(keys), 3000)) | {("ofac", "SDN", "29219"),
                                                     ("uk", "OFSI Consolidated List", "14078")}
    small = batch.restricted_screener(screener, chosen)
    assert small.snapshot_id == screener.snapshot_id
    got = match_table({"name": names}, screener=small, workers=1, limit=None)
    full = match_table({"name": names}, screener=screener, workers=1, limit=None)
    mine = [r for r in full.to_pylist()
            if (r["source"], r["list"], r["entity_id"]) in chosen]
    assert got.to_pylist() == mine and len(mine) >= 10


def test_changed_since_a_diff_screens_only_the_changed_parties(screener, names):
    from screen.diff import Diff, PartyChange

    change = PartyChange(change="added", source="uk", list="OFSI Consolidated List",
                         entity_id="14078", entity_type="person", name="ZHU Hailun")
    d = Diff(old="x", new=screener.snapshot_id, added=(change,), removed=(), changed=())
    got = match_table({"name": names}, screener=screener, workers=1, changed_since=d)
    assert set(got["entity_id"].to_pylist()) == {"14078"}
    assert set(got["input_row"].to_pylist()) >= {names.index("Chu Hai-lun")}
    # a row without a match was cleared of the changed parties alone, which no
    # snapshot id on it may read as a clearance against the snapshot; the table says so
    every = match_table({"name": ["Chu Hai-lun", "Rosneft"]}, screener=screener, workers=1,
                        changed_since=d, unmatched=True)
    assert every.to_pylist()[-1]["status"] == "no match"
    assert every.to_pylist()[-1]["snapshot"] is None
    assert every.to_pylist()[0]["snapshot"] == screener.snapshot_id
    assert every.schema.metadata[b"screen.scope"] == batch.SCOPE_CHANGED.encode()
    whole = match_table({"name": ["Rosneft"]}, screener=screener, workers=1)
    assert whole.schema.metadata[b"screen.scope"] == batch.SCOPE_ALL.encode()


def test_an_empty_restriction_matches_nothing(screener):
    small = batch.restricted_screener(screener, [])
    assert match_table({"name": ["Chu Hai-lun"]}, screener=small).num_rows == 0


# -- the command ------------------------------------------------------------------------


def _write_csv(path: Path, names: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "customer"])
        for i, n in enumerate(names):
            w.writerow([f"C{i:03d}", n])


CLI_NAMES = ["Chu Hai-lun", "Anna Smith", "", "Hailun Zhu", "Pierre Dubois", "---"]


def test_cli_batch_writes_the_matches_and_prints_a_summary(imported, screener, tmp_path,
                                                         capsys):
    _write_csv(tmp_path / "in.csv", CLI_NAMES)
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.parquet"),
                     "--column", "customer", "--workers", "1", "--home", str(imported.home)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = pq.read_table(tmp_path / "out.parquet")
    expected = match_table({"customer": CLI_NAMES}, column="customer", screener=screener,
                           workers=1)
    assert out.equals(expected)
    n_matches = sum(1 for s in expected["status"].to_pylist() if s == "match")
    lines = captured.out.splitlines()
    assert len(lines) == 5
    assert re.fullmatch(r"screened 6 rows in \d+\.\d s \([\d,]+ names/s, in this process\)",
                        lines[0])
    assert lines[1:] == [
        f"2 rows with matches ({n_matches} matches)",
        "2 rows reported as bad: empty name 2",
        f"wrote {n_matches + 2} rows to {tmp_path / 'out.parquet'}",
        f"snapshot {screener.snapshot_id}",
    ]
    assert set(out["snapshot"].to_pylist()) == {screener.snapshot_id}  # (the bad rows too)
    # a row cut at the limit of matches is said to be ("Mohammad Ali": 10 of 62)
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"),
                     "--column", "customer", "--workers", "1", "--limit", "1", "--home",
                     str(imported.home)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines[-2] == "2 rows reached the limit of matches a row may have " \
        "(1): more parties may reach the threshold"
    written = pq.read_schema(tmp_path / "out.parquet").metadata[b"screen.snapshot"]
    assert written == screener.snapshot_id.encode()


def test_cli_batch_field_screens_payment_fields(imported, screener, tmp_path, capsys):
    fields = ["/12345678\nCHU HAI-LUN\nNO 5 ROAD\nBEIJING", "Anna Smith", "/DE4450010517"]
    _write_csv(tmp_path / "in.csv", fields)
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.parquet"),
                     "--column", "customer", "--workers", "1", "--field", "--no-progress",
                     "--home", str(imported.home)])
    assert code == 0, capsys.readouterr().err
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.equals(match_table({"customer": fields}, column="customer", screener=screener,
                                  workers=1, field=True))
    assert set(out["input_row"].to_pylist()) == {0, 2}  # a match; an account alone
    assert "field read as" in out["explanation"][0].as_py()


def test_cli_batch_csv_output_joins_programmes(imported, tmp_path, capsys):
    pq.write_table(pa.table({"name": ["Chu Hai-lun", None]}), tmp_path / "in.parquet")
    assert cli.main(["batch", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.csv"),
                     "--source", "ofac", "--workers", "2", "--no-progress",
                     "--home", str(imported.home)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == ["1 rows with matches (1 matches)", "1 rows reported as bad: null name 1"]
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["input_row"], r["status"], r["entity_id"]) for r in rows] == [
        ("0", "match", "29219"), ("1", "null name", "")]
    assert "GLOMAG" in rows[0]["programs"].split("; ")


def test_a_parquet_column_of_text_without_its_string_type_is_read_as_text(screener, tmp_path):
    # (Hive and Impala write text as bytes without the annotation that makes it text)
    names = ["Zhu Hailun", "Anna Smith", None]
    for typ in (pa.binary(), pa.large_binary()):
        raw = pa.table({"name": pa.array([n and n.encode() for n in names], typ)})
        pq.write_table(raw, tmp_path / "in.parquet")
        got = match_table(tmp_path / "in.parquet", screener=screener, workers=1)
        assert got.equals(match_table({"name": names}, screener=screener, workers=1))
        assert "match" in got["status"].to_pylist()
    if hasattr(pa, "binary_view"):  # (as polars hands a binary column over)
        view = pa.table({"name": pa.array([n and n.encode() for n in names], pa.binary_view())})
        assert match_table(view, screener=screener, workers=1).equals(
            match_table({"name": names}, screener=screener, workers=1))


def test_a_csv_file_in_another_encoding_is_read_with_encoding(screener, imported, tmp_path,
                                                               capsys):
    path = tmp_path / "in.csv"
    path.write_bytes("name\nMüller Hans\nLAM CHENG Yuet-ngor\n".encode("cp1252"))
    read = match_table(path, screener=screener, workers=1, encoding="cp1252", unmatched=True)
    assert read.slice(0, 1).to_pylist()[0]["query"] == "Müller Hans"
    assert read["status"].to_pylist() == ["no match"] + ["match"] * (read.num_rows - 1) != [
        "no match"]
    # read as UTF-8, the ü is not text: said so, with the way out
    plain = match_table(path, screener=screener, workers=1).to_pylist()
    assert plain[0]["input_row"] == 0 and plain[0]["status"] == "invalid"
    assert plain[0]["query"] == "M\ufffdller Hans" and "--encoding" in plain[0]["explanation"]
    with pytest.raises(ValueError, match="unknown text encoding"):
        match_table(path, screener=screener, encoding="cp-nope")
    with pytest.raises(TypeError, match="'encoding' must be str"):
        match_table(path, screener=screener, encoding=1252)
    out = tmp_path / "out.csv"
    assert cli.main(["batch", str(path), "-o", str(out), "--encoding", "cp1252",
                     "--workers", "1", "--no-progress", "--home", str(imported.home)]) == 0
    assert "0 rows reported as bad" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["batch", str(path), "-o", str(out), "--encoding", "cp-nope"])
    assert "unknown text encoding: 'cp-nope'" in capsys.readouterr().err


def test_a_file_in_another_encoding_is_read_from_a_utf8_copy_then_removed(
        screener, tmp_path, monkeypatch):
    """Arrow's own transcoding called Python's codec from its reader's threads: after
    an error the process could abort at exit (exit 134). The file is read from a UTF-8
    copy instead, removed whatever happens."""
    import tempfile

    copies = tmp_path / "copies"
    copies.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(copies))
    path = tmp_path / "in.csv.gz"
    with gzip.open(path, "wb") as fh:
        fh.write("name;Straße\r\nMüller Hans;x\r\nLAM CHENG Yuet-ngor;y\r\n".encode("cp1252"))
    got = match_table(path, screener=screener, workers=1, encoding="cp1252", unmatched=True)
    assert got["query"].to_pylist()[0] == "Müller Hans"
    with pytest.raises(MissingColumnError):
        match_table(path, screener=screener, column="nom", encoding="cp1252")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name\nM\x81ller\n")  # (0x81: no character in cp1252)
    with pytest.raises(BatchInputError, match="not cp1252 text.*--encoding"):
        match_table(bad, screener=screener, encoding="cp1252")
    assert list(copies.iterdir()) == []


def test_a_header_not_in_the_encoding_is_a_one_line_error(imported, screener, tmp_path,
                                                         capsys):
    path = tmp_path / "in.csv"
    path.write_bytes("name;Straße\r\nChu Hai-lun;x\r\n".encode("cp1252"))
    with pytest.raises(BatchInputError, match="header is not utf-8 text.*--encoding"):
        match_table(path, screener=screener, workers=1)
    assert cli.main(["batch", str(path), "-o", str(tmp_path / "o.csv"), "--no-progress",
                     "--home", str(imported.home)]) == 1
    assert capsys.readouterr().err.startswith("screen: error: ")
    # in its encoding it is read
    assert set(match_table(path, screener=screener, workers=1, encoding="cp1252",
                           unmatched=True)["input_row"].to_pylist()) == {0}


def test_a_utf16_file_with_its_byte_order_mark_is_read_as_utf16(screener, tmp_path):
    """Excel's "Unicode Text" is UTF-16 with a byte order mark: read as UTF-8 each of its
    rows was one column."""
    path = tmp_path / "in.tsv"
    path.write_bytes("name\tid\r\nLAM CHENG Yuet-ngor\t1\r\nMüller\t2\r\n".encode("utf-16"))
    got = match_table(path, screener=screener, workers=1, unmatched=True).to_pylist()
    assert [(r["input_row"], r["query"]) for r in got][-1] == (1, "Müller")
    assert got[0]["input_row"] == 0 and got[0]["status"] == "match"


def test_a_line_break_inside_a_quoted_field_is_read_past_the_first_block(screener, tmp_path):
    """An address or a note may hold line breaks (quoted, as RFC 4180 has it): a file
    larger than the reader's 4 MiB block was cut inside one."""
    path = tmp_path / "in.csv"
    block = 4 << 20
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "address"])
        rows = 0
        while fh.tell() < block - 300:
            w.writerow(["Anna Smith", f"{rows} Long Street\nSpringfield"])
            rows += 1
        # a field of many lines across the end of the first block
        w.writerow(["Anna Smith", "x\n" * 300])
        w.writerow(["LAM CHENG Yuet-ngor", "Hong Kong\n"])
        assert fh.tell() > block
    got = match_table(path, screener=screener, workers=1)
    assert set(got["input_row"].to_pylist()) == {rows + 1}


def test_a_quote_left_open_in_a_name_is_an_error_not_rows_lost(screener, tmp_path):
    """Read with line breaks inside quotes, a quote left open made one name of every
    row after it: those rows were never screened, and nothing said so."""
    path = tmp_path / "in.csv"
    for end in ("\n", "\r"):  # (old Mac line ends too)
        path.write_bytes(end.join(["name", "Anna Smith", '"Ahmed', "Vladimir Putin", "Kim Jong Un",
                                   "Anna", "Bob", ""]).encode())
        with pytest.raises(BatchInputError, match="row 1 holds 5 line breaks: a quote left open"):
            match_table(path, screener=screener, workers=1)


def test_a_quote_left_open_over_fewer_lines_is_an_error_when_they_read_as_rows(
        screener, tmp_path):
    # the rows it joined went unscreened, and every later input_row was off by them
    path = tmp_path / "in.csv"
    path.write_text('name,id\n"Vladimir Putin,1\nJohn Smith,2\nKim Jong Un",3\nViktor Bout,4\n',
                    encoding="utf-8")
    with pytest.raises(BatchInputError, match="holds lines that read as rows of the file"):
        match_table(path, screener=screener, workers=1)


@pytest.mark.parametrize("text, rows", [
    # one row joined: said, as a name's address line may read so too
    ('name,id\n"Vladimir Putin,1\nKim Jong Un",3\nViktor Bout,4\n', [0, 1]),
    ('id;name\n1;"Vladimir Putin\n2;John Smith"\n3;Viktor Bout\n', [0, 1]),
    ('name,id\n"ACME LTD\nMOSCOW, 119019",1\n"ZHU HAILUN\nROOM 1203, 12/F",2\n', [0, 1]),
])
def test_a_name_with_one_line_that_reads_as_a_row_is_screened_and_said_once(
        screener, tmp_path, text, rows):
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.warns(UserWarning, match="the name of row 0 holds a line that reads as a row") \
            as said:
        got = match_table(path, screener=screener, workers=1, unmatched=True)
    assert len([w for w in said if "reads as a row" in str(w.message)]) == 1
    assert sorted(set(got["input_row"].to_pylist())) == rows


def test_a_name_of_several_lines_that_holds_the_delimiter_is_screened(screener, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('name,id\n"ZHU, Hailun\nKOWLOON",1\n"ACME LTD\n12 HIGH ST, LONDON",2\n',
                    encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = match_table(path, screener=screener, workers=1, unmatched=True)
    assert sorted(set(got["input_row"].to_pylist())) == [0, 1]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_payment_field_of_five_lines_in_a_csv_file_is_screened(screener, tmp_path, ending):
    # SWIFT 50K / 59: an account line, then up to four lines of name and address: four
    # line breaks, which in a name column mean a quote left open
    value = ending.join(["/DE89370400440532013000", "ZHU HAILUN", "12 NATHAN ROAD",
                         "TSIM SHA TSUI", "KOWLOON HK"])
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator=ending).writerows([["field"], [value], ["ACME LTD"]])
    got = match_table(path, screener=screener, workers=1, column="field", field=True)
    assert ("ofac", "29219") in set(zip(got["source"].to_pylist(), got["entity_id"].to_pylist()))
    assert set(got["input_row"].to_pylist()) == {0}
    with pytest.raises(BatchInputError, match="the name of row 0 holds 4 line breaks"):
        match_table(path, screener=screener, workers=1, column="field")
    # six breaks are a field (line breaks at its end too), seven a quote left open
    for extra, refused in ((2, False), (3, True)):
        path.write_text("field\n" + '"' + value + ending * extra + '"\n', encoding="utf-8")
        if refused:
            with pytest.raises(BatchInputError, match="the field of row 0 holds 7 line breaks"):
                match_table(path, screener=screener, workers=1, column="field", field=True)
        else:
            assert match_table(path, screener=screener, workers=1, column="field",
                               field=True).num_rows


@pytest.mark.parametrize("header, row", [
    ("id;name", "7;{}"),  # Excel where the comma is the decimal mark
    ('"Kunde, Name";name;id', '"x, y";{};7'),  # (a quoted comma is data)
    ("id|name", "7|{}"),
    ("name", "{}"),  # one column: no delimiter to find
])
def test_the_delimiter_of_a_csv_file_is_found_from_its_header(screener, tmp_path, header, row):
    names = ["Müller, Hans", "Zhu Hailun"]
    path = tmp_path / "in.csv"
    quoted = [f'"{n}"' if header == "name" else n for n in names]
    path.write_text("\n".join([header, *(row.format(n) for n in quoted)]) + "\n",
                    encoding="utf-8")
    got = match_table(path, screener=screener, workers=1, unmatched=True)
    assert got.to_pylist() == match_table({"name": names}, screener=screener, workers=1,
                                          unmatched=True).to_pylist()


def test_a_csv_row_that_cannot_be_read_is_a_one_line_error_and_nothing_written(
        imported, tmp_path, capsys):
    path = tmp_path / "in.csv"
    with open(path, "wb") as fh:
        fh.write(b"name,id\n" + b"Anna Smith,1\n" * 400_000)  # past the first 4 MiB block
        fh.write(b"Smith, John,2\n")  # a comma in a name, unquoted: a field too many
    out = tmp_path / "out.csv"
    code = cli.main(["batch", str(path), "-o", str(out), "--workers", "1", "--no-progress",
                     "--home", str(imported.home)])
    err = capsys.readouterr().err
    assert code != 0
    assert "not a readable CSV file" in err and "Smith, John,2" in err
    assert "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".out.csv*"))


def test_cli_batch_a_wrong_column_is_a_one_line_error(imported, tmp_path, capsys):
    _write_csv(tmp_path / "in.csv", CLI_NAMES)
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"),
                     "--home", str(imported.home)])
    assert code == 1
    assert capsys.readouterr().err == (
        "screen: error: column 'name' is not in the table (columns: 'id', 'customer')\n")
    assert not (tmp_path / "out.csv").exists()


def test_cli_batch_an_output_folder_that_does_not_exist_is_a_one_line_error(imported, tmp_path,
                                                                            capsys):
    _write_csv(tmp_path / "in.csv", CLI_NAMES)
    out = tmp_path / "missing" / "out.csv"
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(out), "--column", "customer",
                     "--home", str(imported.home)])
    assert code == 1  # (it raised pyarrow's FileNotFoundError, after screening every row)
    assert capsys.readouterr().err == f"screen: error: {out}: no such folder: {out.parent}\n"


def test_cli_batch_an_output_that_cannot_be_written_fails_before_screening(
        imported, tmp_path, capsys, monkeypatch):
    _write_csv(tmp_path / "in.csv", CLI_NAMES)
    args = ["--column", "customer", "--home", str(imported.home)]
    (tmp_path / "d.csv").mkdir()  # (a folder: a traceback after the whole screen)
    screened = []
    monkeypatch.setattr(batch._Run, "batches", lambda *a: screened.append(1) or iter(()))
    assert cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "d.csv"),
                     *args]) == 1
    assert capsys.readouterr().err == f"screen: error: {tmp_path / 'd.csv'}: is a folder, " \
        "not a file to write\n"
    assert not screened
    monkeypatch.undo()
    # a name as long as a file's may be: the file written beside it first has a name
    # of its own (it was ".NAME.PID.tmp", 16 characters too long)
    long = tmp_path / ("r" * 251 + ".csv")
    assert cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(long), *args]) == 0
    assert long.read_text(encoding="utf-8").startswith('"input_row"')
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.csv", "d.csv", long.name])


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT"])
def test_cli_batch_stopped_leaves_nothing_behind(imported, names, tmp_path, stop):
    # (SIGTERM: the process vanished with its hidden output file left, and its workers
    # wrote BrokenPipeError tracebacks; Ctrl-C, which the terminal sends to every
    # process of the group, made each worker print its KeyboardInterrupt)
    import signal
    import time

    rng = random.Random(5)
    pq.write_table(pa.table({"name": [rng.choice(names) + f" {i}" for i in range(60_000)]}),
                   tmp_path / "in.parquet")
    proc = subprocess.Popen(
        [sys.executable, "-m", "screen.cli", "batch", str(tmp_path / "in.parquet"), "-o",
         str(tmp_path / "out.parquet"), "--workers", "2", "--home", str(imported.home)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(4)  # (loaded and screening: the whole table takes far longer)
    if stop == "SIGTERM":
        proc.send_signal(signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)  # (as a terminal's Ctrl-C)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if stop == "SIGTERM" else 130), err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


# -- the benchmark never rots -----------------------------------------------------------


def test_the_batch_benchmark_runs_in_quick_mode(imported, screener, shared_lists, tmp_path):
    # (the screener fixture has saved the index, which the benchmark's processes load)
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_batch.py"), "--quick",
         "--home", str(imported.home), "--lists", str(shared_lists), "--json", str(out)],
        check=False, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text())
    assert {"throughput", "big_table", "rescreen"} <= set(result)
    assert result["rescreen"]["changes"]["added"] > 0


@pytest.mark.parametrize("flag", ["no", 1, None])
def test_unmatched_must_be_a_bool(screener, tmp_path, flag):
    # ("no" was true: a row for every name, matched or not)
    with pytest.raises(TypeError, match=r"^'unmatched' must be bool \(got "):
        match_table({"name": ["Anna Smith"]}, screener=screener, unmatched=flag)
    src = tmp_path / "in.csv"
    src.write_text("name\nAnna Smith\n", encoding="utf-8")
    with pytest.raises(TypeError, match=r"^'unmatched' must be bool"):
        screen_file(src, tmp_path / "out.csv", screener=screener, unmatched=flag)
    assert not (tmp_path / "out.csv").exists()
