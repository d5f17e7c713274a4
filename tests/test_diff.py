"""screen.diff on two real editions of the UK list (OFSI, 2023-06-05 and 2025-04-14)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import screen
from screen import Screener, cli, store
from screen.batch import match_table, restricted_screener
from screen.diff import DIFF_SCHEMA, Diff, DiffInputError, FieldChange, diff, resolve

UK_LIST = "OFSI Consolidated List"
OLD_FILE = Path("uk/ofsi_conlist_2023-06-05/ConList.csv")
NEW_FILE = Path("uk/ofsi_conlist_2025-04-14/ConList.csv")


@pytest.fixture(scope="module")
def uk_home(shared_lists, real_parsers, tmp_path_factory) -> Path:
    """A data home holding the two UK editions as two versions of source "uk"."""
    root = tmp_path_factory.mktemp("uk_editions")
    for edition in (OLD_FILE, NEW_FILE):
        folder = root / edition.parent.name
        folder.mkdir()
        (folder / "ConList.csv").symlink_to(shared_lists / edition)
        report = store.import_dir(folder, home=root / "home")
        assert report.ok, report.summary()
    return root / "home"


@pytest.fixture(scope="module")
def uk_diff(uk_home) -> Diff:
    return diff("uk@previous", "uk@current", home=uk_home)


def test_sources_narrow_a_diff_one_name_alone_too(uk_home, uk_diff):
    # (a str read as its letters would name no source: an empty diff, no error)
    only = diff("uk@previous", "uk@current", home=uk_home, sources="uk")
    assert (len(only.added), len(only.changed)) == (len(uk_diff.added), len(uk_diff.changed))
    with pytest.raises(ValueError, match="'UK'"):
        diff("uk@previous", "uk@current", home=uk_home, sources=["UK"])


def test_cli_diff_an_output_it_cannot_write_fails_before_the_diff(uk_home, tmp_path, capsys):
    from screen import cli

    (tmp_path / "adir.csv").mkdir()
    for out, says in ((tmp_path / "missing" / "d.csv", "no such folder"),
                      (tmp_path / "d.xlsx", "unknown output type '.xlsx'"),
                      (tmp_path / "adir.csv", "is a folder, not a file to write")):
        assert cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home),
                         "-o", str(out)]) == 1
        got = capsys.readouterr()
        assert got.err.startswith(f"screen: error: {out}: {says}") and got.out == ""


def test_a_diff_of_sources_neither_snapshot_holds_is_an_error(uk_home):
    with pytest.raises(DiffInputError, match="neither snapshot holds ofac lists"):
        diff("uk@previous", "uk@current", home=uk_home, sources=["ofac"])


def test_a_diff_written_is_renamed_into_place_complete(uk_diff, tmp_path, monkeypatch):
    out = tmp_path / "d.parquet"
    out.write_bytes(b"the last good file")
    import pyarrow.parquet

    def broken(table, where, **kwargs):  # (half a file written, then the disk is full)
        Path(where).write_bytes(b"PAR1 half")
        raise OSError("disk full")

    monkeypatch.setattr(pyarrow.parquet, "write_table", broken)
    with pytest.raises(OSError, match="disk full"):
        uk_diff.write(out)
    assert out.read_bytes() == b"the last good file"
    assert [p.name for p in tmp_path.iterdir()] == ["d.parquet"]


def _by_id(changes) -> dict:
    return {c.entity_id: c for c in changes}


def test_uk_2023_to_2025_adds_removes_and_changes_hundreds_of_parties(uk_diff):
    # (213 changed: 212 of them in what they publish, one only in which of its names
    # are weak aliases, see test_a_name_that_stopped_being_a_weak_alias_is_a_change)
    assert (len(uk_diff.added), len(uk_diff.removed), len(uk_diff.changed)) == (826, 131, 213)
    assert uk_diff.parties == {"uk": (3993, 4688)}
    assert 3993 + 826 - 131 == 4688
    assert uk_diff.summary() == "uk: 826 added, 131 removed, 213 changed (3,993 -> 4,688 parties)"


def test_africa_corps_was_designated_under_its_wagner_names(uk_diff):
    africa = _by_id(uk_diff.added)["16630"]
    assert (africa.change, africa.list, africa.entity_type, africa.name) == (
        "added", UK_LIST, "organization", "AFRICA CORPS")
    assert {"WAGNER GROUP", "PMC WAGNER", "EXPEDITIONARY CORPS"} <= set(africa.names_added)
    assert not africa.names_removed and not africa.fields


def test_the_central_bank_of_syria_was_delisted(uk_diff):
    bank = _by_id(uk_diff.removed)["12503"]
    assert bank.name == "CENTRAL BANK OF SYRIA" and bank.entity_type == "organization"
    assert "CENTRAL BANK OF SYRIA" in bank.names_removed
    assert "12503" not in _by_id(uk_diff.added)


def test_a_redesignation_under_a_new_id_is_a_removal_and_an_addition(uk_diff):
    # the Iranian entities moved to the UK's own Iran regime in October 2023, new ids
    old, new = _by_id(uk_diff.removed)["10652"], _by_id(uk_diff.added)["16126"]
    assert old.name == new.name == "KHATAM AL-ANBIYA CONSTRUCTION HEADQUARTERS (KAA)"


def test_a_canadian_party_under_an_id_the_list_rewrote_is_changed_not_delisted(shared_lists,
                                                                               real_parsers):
    # Canada publishes no id: the reader's "<regime>/<schedule>/<item>" changed for
    # most parties between 2020 and 2025 ("Burma/1/1" -> "Myanmar (Burma)/P1/1"), which
    # read as 1,112 parties delisted and 4,833 designated
    d = diff(shared_lists / "canada" / "sema_2020-04", shared_lists / "canada" / "sema_2025-09-22")
    counts = d.counts()["canada"]
    assert counts["removed"] < 150 and counts["added"] < 4_000
    moved = {c.entity_id: c for c in d.changed if c.fields[0].field == "entity_id"}
    assert len(moved) > 900
    air_bagan = moved["Myanmar (Burma)/P1/1"]
    assert air_bagan.fields[0].before == ("Burma/1/1",)
    assert "entity_id 'Burma/1/1' -> 'Myanmar (Burma)/P1/1'" in air_bagan.describe()
    # a re-screen still screens them: the new keys are among those changed
    keys = d.keys()  # (Diff.keys: the parties to screen again, not a dict's)
    assert ("canada", air_bagan.list, "Myanmar (Burma)/P1/1") in keys


def test_spacing_and_apostrophe_forms_are_no_name_change(uk_diff):
    # 15854's primary name changed only from "ALA’ODDINI" to "ALA'ODDINI" (its
    # programme did change); no match reads the difference
    yahya = _by_id(uk_diff.changed)["15854"]
    assert [f.field for f in yahya.fields] == ["programs"], yahya.describe()
    assert not yahya.names_added and not yahya.names_removed


def test_changes_say_which_names_and_facts_changed(uk_diff):
    changed = _by_id(uk_diff.changed)
    dari = changed["11052"]
    assert dari.names_added == ("MUTHANNA HARITH SALMAN AL-DARI", "مثنى حارث سلمان الضاري")
    assert "MUTHANNA HARITH AL-DARI" in dari.names_removed
    assert dari.changed_fields == ("names", "name")
    assert ("name 'MUTHANNA HARITH AL-DARI' -> 'MUTHANNA HARITH SALMAN AL-DARI'"
            in dari.describe())
    ri = changed["10917"]
    assert ri.changed_fields == ("birth_dates",)
    assert ri.fields[0].removed == ("1940",) and ri.fields[0].added == ("26/02/1940",)
    assert ri.describe() == "birth_dates -1940 +26/02/1940"


def test_every_way_of_naming_the_two_snapshots_gives_the_same_diff(uk_home, uk_diff,
                                                                   shared_lists):
    old_v, new_v = store.versions("uk", home=uk_home)
    forms = [
        (store.load_version("uk", old_v, home=uk_home), store.load(uk_home)),
        (("uk", old_v), ("uk", new_v)),
        (f"uk@{old_v[:17]}", "uk@current"),
        ("uk@previous", shared_lists / NEW_FILE),  # a list file, imported on the fly
        # the snapshot ids two matches recorded
        (store.load_version("uk", old_v, home=uk_home).id, store.load(uk_home).id),
    ]
    for old, new in forms:
        d = diff(old, new, home=uk_home)
        assert [c.key for c in d] == [c.key for c in uk_diff], (old, new)
    assert diff(uk_home, uk_home).summary() == "uk: 0 added, 0 removed, 0 changed " \
                                               "(4,688 -> 4,688 parties)"


def test_one_source_named_on_a_side_is_the_source_compared(shared_lists, real_parsers,
                                                             tmp_path):
    # the README's "screen diff <snapshot id> uk@current" read every other source the
    # id stands for as removed: ended() then closed all their alerts
    home = tmp_path / "home"
    for folder, edition in (("old", OLD_FILE), ("ca", Path("canada/sema_2025-09-22"))):
        (tmp_path / folder).mkdir()
        target = shared_lists / edition
        for f in ([target] if target.is_file() else sorted(target.iterdir())):
            (tmp_path / folder / f.name).symlink_to(f)
        assert store.import_dir(tmp_path / folder, home=home).ok
    recorded = store.load(home).id  # what a match against both sources recorded
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "ConList.csv").symlink_to(shared_lists / NEW_FILE)
    assert store.import_dir(tmp_path / "new", home=home).ok
    d = diff(recorded, "uk@current", home=home)
    assert set(d.parties) == {"uk"} and not any(c.source == "canada" for c in d)
    assert (len(d.added), len(d.removed)) == (826, 131)
    assert set(diff(recorded, ("uk", store.current_version("uk", home=home)),
                    home=home).parties) == {"uk"}
    # both snapshots whole: a source in one only is all added or removed, as before
    assert set(diff(recorded, store.load(home), home=home).parties) == {"uk", "canada"}
    with pytest.raises(DiffInputError, match="versions of other sources"):
        diff("uk@current", "canada@current", home=home)


def test_an_unknown_snapshot_id_is_a_clear_error(uk_home):
    with pytest.raises(DiffInputError, match="no snapshot with id '0123456789abcdef'"):
        diff("0123456789abcdef", "uk@current", home=uk_home)


def test_bad_snapshot_names_are_clear_errors(uk_home, tmp_path):
    with pytest.raises(DiffInputError, match=r"uk@nope: matches no version of 'uk' .*versions: "):
        resolve("uk@nope", home=uk_home)
    with pytest.raises(DiffInputError, match="no version of 'ofac'"):
        resolve("ofac@current", home=uk_home)
    with pytest.raises(DiffInputError, match="no such folder or file"):
        resolve(tmp_path / "absent")
    with pytest.raises(TypeError, match="must be a Snapshot"):
        resolve(42)


def test_a_diff_says_when_the_two_versions_were_read_by_different_readers(uk_home, uk_diff,
                                                                          capsys):
    assert uk_diff.notes == ()  # both read by these readers
    old = resolve("uk@previous", home=uk_home)
    old.manifest["uk"] = {**old.manifest["uk"], "library": {"readers": "older readers"}}
    d = diff(old, "uk@current", home=uk_home)
    assert len(d) == len(uk_diff) and len(d.notes) == 1
    assert d.notes[0].startswith("uk: the two versions were read by different readers")
    assert "raw/" in d.notes[0]
    cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home), "--summary"])
    assert "note:" not in capsys.readouterr().out


def test_a_uk_party_of_the_new_format_giving_its_ofsi_group_id_is_that_party(shared_lists):
    # OFSI's ConList and the FCDO's UK Sanctions List number their parties apart: read
    # apart, every party seemed removed and added again (and ended() closed its alerts)
    fcdo = Path(__file__).parent / "data" / "uk_fcdo_sample_2026-09-10.xml"
    d = diff(shared_lists / NEW_FILE.parent, fcdo)
    akhund = _by_id(d.changed)["AFG0006"]
    assert akhund.list == "UK Sanctions List"
    assert akhund.fields[0] == FieldChange("entity_id", ("7172",), ("AFG0006",))
    assert akhund.fields[1] == FieldChange("list", ("OFSI Consolidated List",),
                                           ("UK Sanctions List",))
    assert {"7172", "14124"}.isdisjoint(c.entity_id for c in d.removed)
    assert {c.entity_id for c in d.changed} == {"AFG0001", "AFG0006", "BEL0107"}
    # a Group ID given to a party of another name is no renumbering: the sample's
    # AQD0195 "Fadhil Harun" (born 1972) says 6899, "THARWAT SALAH SHIHATA" (born 1960)
    assert "AQD0195" in {c.entity_id for c in d.added}
    assert "6899" in {c.entity_id for c in d.removed}
    # a match of the party under its old id and list stands when the re-screen finds it
    # under the new ones, and ends when it does not
    from screen.rescreen import ended
    hit = {"input_row": 0, "status": "match", "source": "uk", "list": "OFSI Consolidated List",
           "entity_id": "7172"}
    again = dict(hit, list="UK Sanctions List", entity_id="AFG0006")
    previous, rescreened = pa.Table.from_pylist([hit]), pa.Table.from_pylist([again])
    assert ended(previous, rescreened, d).num_rows == 0
    gone = ended(previous, rescreened.slice(0, 0), d)
    assert gone.column("ended").to_pylist() == ["no longer matches"]


def test_to_table_has_one_row_per_change(uk_diff, tmp_path):
    t = uk_diff.to_table()
    assert t.schema.equals(DIFF_SCHEMA) and t.num_rows == len(uk_diff) == 1170
    assert t.schema.metadata[b"new_snapshot"] == uk_diff.new.encode()
    assert uk_diff.write(tmp_path / "d.parquet") == 1170
    assert pq.read_table(tmp_path / "d.parquet").equals(t)
    uk_diff.write(tmp_path / "d.csv")
    with open(tmp_path / "d.csv", encoding="utf-8") as fh:
        rows = {r["entity_id"]: r for r in csv.DictReader(fh)}
    assert rows["10917"]["details"] == "birth_dates -1940 +26/02/1940"
    assert "WAGNER GROUP" in rows["16630"]["names_added"].split("; ")


def test_cli_diff_prints_the_changes_and_the_counts(uk_home, uk_diff, capsys):
    assert cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home),
                     "--summary"]) == 0
    assert capsys.readouterr().out == (
        "uk: 826 added, 131 removed, 213 changed (3,993 -> 4,688 parties)\n"
        f"snapshots {uk_diff.old} -> {uk_diff.new}\n")
    assert cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CHANGE", "SOURCE", "LIST", "ID", "TYPE", "NAME", "WHAT",
                                "CHANGED"]
    assert len(lines) == 1 + 1170 + 2
    africa = next(x for x in lines if " 16630 " in x)
    assert africa.split()[:2] == ["added", "uk"] and "AFRICA CORPS" in africa
    assert cli.main(["diff", "uk@nope", "uk@current", "--home", str(uk_home)]) == 1
    assert capsys.readouterr().err.startswith("screen: error: uk@nope: matches no version")


def test_a_name_that_stopped_being_a_weak_alias_is_a_change(uk_home, uk_diff):
    # 13675's KOSHLAF, KASHLAF and AL-QASAB were low-quality aliases in 2023, plain
    # ones in 2025: weak_aliases=False matches through them in the new edition only,
    # so a re-screen must screen against the party again
    koshlaf = _by_id(uk_diff.changed)["13675"]
    weak = next(f for f in koshlaf.fields if f.field == "weak_names")
    assert {"KOSHLAF", "KASHLAF"} <= set(weak.removed) and not weak.added
    assert "names no longer weak: " in koshlaf.describe() and "'KOSHLAF'" in weak.describe()
    new = Screener(store.load(uk_home))
    assert [m.entity_id for m in new.match("KOSHLAF", weak_aliases=False)] == ["13675"]
    got = match_table({"name": ["KOSHLAF"]}, screener=new, weak_aliases=False,
                      changed_since=uk_diff, workers=1)
    assert got.column("entity_id").to_pylist() == ["13675"]


def test_a_diff_that_does_not_end_at_the_lists_screened_is_refused(uk_home, uk_diff):
    """A Diff kept from an earlier update, turned around, or of another source would
    quietly screen the table against the wrong parties."""
    new = Screener(store.load(uk_home))  # the 2025 edition, where uk_diff ends
    old_version = store.versions("uk", home=uk_home)[0]
    old = store.load_version("uk", old_version, home=uk_home)
    for stale in (diff(old, old), diff(new.snapshot, old)):
        with pytest.raises(ValueError, match="ends at other uk lists"):
            match_table({"name": ["KOSHLAF"]}, screener=new, changed_since=stale, workers=1)
    other = Diff(old="x", new="y", added=(), removed=(), changed=(),
                 new_files={"canada": ("0" * 64,)})
    with pytest.raises(ValueError, match="the Diff compares canada"):
        match_table({"name": ["KOSHLAF"]}, screener=new, changed_since=other, workers=1)
    # the diff that ends at them is taken
    assert match_table({"name": ["KOSHLAF"]}, screener=new, changed_since=uk_diff,
                       workers=1).num_rows == 1


def test_rescreening_changed_parties_equals_the_full_screen_on_them(uk_home, imported):
    full = Screener(screen.load(imported.home))  # its UK list is the 2025 edition
    d = diff(store.load_version("uk", store.versions("uk", home=uk_home)[0], home=uk_home),
             full.snapshot, sources=["uk"])
    assert len(d.added) == 826
    keys = d.keys()
    queries = [c.name for c in (*d.added[::20], *d.changed[::10])]
    queries += [c.name for c in d.removed[::20]] + ["Anna Smith", "AFRICA CORPS"]
    # the Diff knows the UK changes alone: screening the other lists' parties too would
    # leave out those added to them since, unsaid
    with pytest.raises(ValueError, match="also screens .*whose changes it does not know"):
        match_table({"name": queries}, screener=full, changed_since=d, workers=1)
    with pytest.raises(ValueError, match="pass sources=\\['uk'\\]"):
        match_table({"name": queries}, screener=full, changed_since=d, workers=1,
                    sources=["uk", "ofac"])
    got = match_table({"name": queries}, screener=full, changed_since=d, limit=None,
                      workers=1, sources=["uk"])
    everything = match_table({"name": queries}, screener=full, limit=None, workers=1)
    expected = [r for r in everything.to_pylist()
                if (r["source"], r["list"], r["entity_id"]) in keys]
    assert got.to_pylist() == expected
    assert ("uk", UK_LIST, "16630") in {(r["source"], r["list"], r["entity_id"])
                                        for r in expected}


def test_rescreening_payment_fields_reads_them_as_the_full_screen_does(uk_home, uk_diff):
    # which names a field holds depends on every listed name: "MOHAMED HASSAN" glued to
    # an address is read as a name because a party not changed lists it, and it then
    # matches parties added in 2025. Read through the changed parties' names alone, the
    # re-screen found none of them
    new = Screener(store.load(uk_home))
    fields = ["MOHAMED HASSANAV FRANCISCO DE MIRANDA 1060", "ABU MUHAMMAD ALJAWLANIDOM 5",
              "/DE89370400440532013000\nVIKTOR ALEKSANDROVICH MARKELOV\nDUBAI UAE",
              "/123456\nFEDERALNOE GOSUDARSTVENNOE UNITARNO"]
    everything = match_table({"f": fields}, column="f", field=True, screener=new, limit=None,
                             workers=1)
    keys = uk_diff.keys()
    expected = [r for r in everything.to_pylist() if (r["source"], r["list"], r["entity_id"]) in keys]
    assert {r["entity_id"] for r in expected} >= {"16317", "16224", "16745"}
    got = match_table({"f": fields}, column="f", field=True, screener=new, limit=None,
                      workers=1, changed_since=uk_diff)
    assert [r for r in got.to_pylist() if r["entity_id"] is not None] == expected
    # (a screener restricted twice reads through the first one's reader, the full one)
    once = restricted_screener(new, keys)
    twice = restricted_screener(once, keys)
    assert twice._reader[0] is once._reader[0]
    assert [m.entity_id for m in twice.match_field(fields[0], limit=None)] == \
        [m.entity_id for m in once.match_field(fields[0], limit=None)]
    # ... and pickled whole, as a worker started with spawn gets it (not on Linux),
    # without the full screener, which other threads may use meanwhile
    import pickle

    payload = pickle.dumps(once)
    assert len(payload) < len(pickle.dumps(new)) // 2
    copy = pickle.loads(payload)
    assert [m.entity_id for m in copy.match_field(fields[0], limit=None)] == \
        [m.entity_id for m in once.match_field(fields[0], limit=None)]


def test_cli_batch_changed_since_screens_against_the_uk_changes_only(imported, shared_lists,
                                                                      tmp_path, capsys):
    (tmp_path / "in.csv").write_text(
        "name\nAFRICA CORPS\nCentral Bank of Syria\nChu Hai-lun\nMUTHANNA HARITH SALMAN "
        "AL-DARI\n", encoding="utf-8")
    code = cli.main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"),
                     "--changed-since", str(shared_lists / OLD_FILE), "--source", "uk",
                     "--workers", "1", "--home", str(imported.home)])
    assert code == 0, capsys.readouterr().err
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # Africa Corps was added and al-Dari's names changed; the Syrian central bank was
    # delisted and the Xinjiang official did not change: no rows for them
    assert {(r["input_row"], r["source"], r["entity_id"]) for r in rows} == {
        ("0", "uk", "16630"), ("3", "uk", "11052")}


# -- re-screening through an index of the table (screen.rescreen) ---------------------


@pytest.fixture(scope="module")
def rescreen_table(uk_diff, imported) -> dict:
    """A counterparty table: ordinary names, names of parties the 2025 list added or
    changed (and of removed ones), rows that cannot be screened, and secondary facts
    (one birth date the matcher refuses)."""
    path = Path(__file__).resolve().parents[1] / "eval" / "ordinary_names.tsv"
    ordinary = [r["name"] for r in csv.DictReader(
        path.read_text(encoding="utf-8").splitlines(), delimiter="\t")][:600]
    listed = [c.name for c in (*uk_diff.added[::15], *uk_diff.changed[::8],
                               *uk_diff.removed[::15])]
    names = ordinary[:300] + listed + ordinary[300:] + [None, "", "!!!", 42, "AFRICA CORPS"]
    # names that are not valid text (lone surrogates: see batch._mended), one of them
    # a party's that the 2025 list added
    names += ["Anna \udcff Smith", "AFRICA \udcff CORPS"]
    births = [None] * len(names)
    countries = [None] * len(names)
    births[1], births[len(ordinary) // 2] = "unknown", 1970
    countries[3] = "Russia"
    return {"name": names, "dob": births, "country": countries}


def test_rescreen_through_a_table_index_equals_match_table_changed_since(
        uk_diff, imported, rescreen_table, tmp_path):
    from screen.rescreen import TableIndex, rescreen

    full = Screener(screen.load(imported.home))
    index = TableIndex.build(rescreen_table)
    opts = {"changed_since": uk_diff, "birth_date_column": "dob", "country_column": "country",
            "limit": None, "sources": ["uk"]}
    expected = match_table(rescreen_table, screener=full, workers=1, **opts)
    got = rescreen(rescreen_table, index, screener=full, **opts)
    assert got.schema == expected.schema
    assert got.to_pylist() == expected.to_pylist()
    statuses = set(expected.column("status").to_pylist())
    assert {"match", "null name", "empty name", "not a string", "invalid"} <= statuses
    assert sum("lone surrogates" in (r["explanation"] or "")
               for r in expected.to_pylist()) == 2
    # only a few rows are screened: those the index finds for the changed parties
    near = index.rows_near(restricted_names(full, uk_diff), 85.0 - 5.0)
    assert 0 < len(near) < len(rescreen_table["name"]) // 2
    # saved and loaded, the index gives the same answer
    loaded = TableIndex.load(index.save(tmp_path / "idx"))
    assert rescreen(rescreen_table, loaded, screener=full, **opts).to_pylist() == \
        expected.to_pylist()


def restricted_names(full, d) -> list[str]:
    from screen.batch import restricted_screener

    return restricted_screener(full, d.keys())._name_text


def test_rescreen_refuses_a_table_that_changed_since_it_was_indexed(
        uk_diff, imported, rescreen_table):
    from screen.rescreen import TableChangedError, TableIndex, rescreen

    full = Screener(screen.load(imported.home))
    index = TableIndex.build(rescreen_table)
    renamed = dict(rescreen_table, name=list(rescreen_table["name"]))
    renamed["name"][5] = "Vladimir Putin"
    with pytest.raises(TableChangedError, match="row 5 "):
        rescreen(renamed, index, uk_diff, screener=full, birth_date_column="dob",
                 sources=["uk"])
    shorter = {k: v[:-1] for k, v in rescreen_table.items()}
    with pytest.raises(TableChangedError, match="rows"):
        rescreen(shorter, index, uk_diff, screener=full, sources=["uk"])


def test_a_table_index_file_of_another_table_is_rebuilt_on_load(tmp_path):
    # an index.npz of another table of as many rows (a backup restored, two saves at
    # once) was taken: re-screens found rows through the other table's names
    from screen.rescreen import TableIndex

    a = TableIndex.build({"name": ["Vladimir Putin", "Anna Smith", "Chu Hai-lun"]})
    b = TableIndex.build({"name": ["Anna Smith", "Chu Hai-lun", "Vladimir Putin"]})
    a.save(tmp_path / "a")
    b.save(tmp_path / "b")
    (tmp_path / "a" / "index.npz").write_bytes((tmp_path / "b" / "index.npz").read_bytes())
    loaded = TableIndex.load(tmp_path / "a")
    assert loaded.rows_near(["Vladimir Putin"], 85.0).tolist() == [0]
    assert TableIndex.load(tmp_path / "a").rows_near(["Vladimir Putin"], 85.0).tolist() == [0]


def test_a_table_index_built_by_other_code_is_rebuilt_on_load(rescreen_table, tmp_path):
    import json

    from screen.rescreen import TableIndex

    folder = TableIndex.build({"name": rescreen_table["name"][:50]}).save(tmp_path / "i")
    meta = json.loads((folder / "table_index.json").read_text())
    (folder / "table_index.json").write_text(json.dumps(dict(meta, code="older")))
    (folder / "index.npz").write_bytes(b"not an index")
    loaded = TableIndex.load(folder)
    fresh = TableIndex.build({"name": rescreen_table["name"][:50]})
    assert loaded.names == fresh.names
    assert np.array_equal(loaded.index.postings, fresh.index.postings)
    assert json.loads((folder / "table_index.json").read_text())["code"] != "older"


def test_a_table_index_save_cut_short_is_refused_on_load(rescreen_table, tmp_path,
                                                         monkeypatch):
    from screen.errors import ScreenError
    from screen.index import NameIndex
    from screen.rescreen import TableIndex

    folder = TableIndex.build({"name": rescreen_table["name"][:20]}).save(tmp_path / "i")
    other = TableIndex.build({"name": rescreen_table["name"][20:40]})

    def cut_short(self, path):
        raise OSError("disk full")

    monkeypatch.setattr(NameIndex, "save", cut_short)
    with pytest.raises(OSError):
        other.save(folder)  # the names are replaced, the index is not
    with pytest.raises(ScreenError, match="not a table index"):
        TableIndex.load(folder)


def test_cli_diff_json_prints_only_json_on_stdout(uk_home, uk_diff, capsys):
    import json

    assert cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home),
                     "--json"]) == 0
    got = capsys.readouterr()
    rows = [json.loads(line) for line in got.out.splitlines()]
    assert len(rows) == len(uk_diff) == 1170
    assert [r["change"] for r in rows].count("removed") == 131
    by_id = {r["entity_id"]: r for r in rows}
    assert "WAGNER GROUP" in by_id["16630"]["names_added"]
    birth = next(f for f in by_id["10917"]["fields"] if f["field"] == "birth_dates")
    assert (birth["before"], birth["after"]) == (["1940"], ["26/02/1940"])
    assert by_id["10917"]["details"] == "birth_dates -1940 +26/02/1940"
    assert got.err.startswith("uk: 826 added, 131 removed, 213 changed")
    assert cli.main(["diff", "uk@previous", "uk@current", "--home", str(uk_home),
                     "--json", "--summary"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sources"]["uk"] == {"added": 826, "removed": 131, "changed": 213,
                                        "parties_before": 3993, "parties_after": 4688}
    assert (summary["old_snapshot"], summary["new_snapshot"]) == (uk_diff.old, uk_diff.new)


# -- matches a list update ended (screen.rescreen.ended) ------------------------------


def test_ended_matches_are_those_the_new_full_screen_lacks(uk_home, uk_diff, rescreen_table,
                                                           tmp_path):
    """A re-screen reports the matches found; ``ended`` gives those gone: the earlier
    screen's matches of removed parties, and of changed ones the re-screen no longer
    finds. Checked against a full screen with each edition: exactly the earlier matches
    the new full screen lacks."""
    from screen.rescreen import ended

    versions = store.versions("uk", home=uk_home)
    before = Screener(store.load_version("uk", versions[0], home=uk_home))
    after = Screener(store.load(uk_home))
    # and names a changed party no longer bears
    gone = [n for c in uk_diff.changed for n in c.names_removed]
    names = {"name": rescreen_table["name"] + gone}
    previous = match_table(names, screener=before, limit=None, workers=1)
    full = match_table(names, screener=after, limit=None, workers=1)
    again = match_table(names, screener=after, limit=None, workers=1, changed_since=uk_diff)
    got = ended(previous, again, uk_diff)

    def pairs(t):
        return {(r["input_row"], r["source"], r["list"], r["entity_id"])
                for r in t.to_pylist() if r["status"] == "match"}

    assert pairs(got) == pairs(previous) - pairs(full)
    reasons = got.column("ended").to_pylist()
    assert reasons.count("party removed") > 0 and reasons.count("no longer matches") > 0
    assert got.column_names == previous.column_names + ["ended"]
    # as screen batch wrote them
    previous_csv, again_parquet = tmp_path / "previous.csv", tmp_path / "again.parquet"
    import pyarrow.csv as pacsv

    pacsv.write_csv(previous.drop_columns(["programs"]), previous_csv)
    pq.write_table(again, again_parquet)
    from_files = ended(previous_csv, again_parquet, uk_diff)
    assert pairs(from_files) == pairs(got)
    # a name "NA" is text, as written (and so is every id)
    assert from_files.schema.field("query").type == pa.string()
    with pytest.raises(ValueError, match="lacks the column.*entity_id"):
        ended({"input_row": [0], "status": ["match"]}, again, uk_diff)


def test_a_renumbered_party_is_looked_for_under_its_new_id():
    from screen.diff import FieldChange, PartyChange
    from screen.rescreen import ended

    moved = PartyChange(change="changed", source="canada", list="L", entity_id="new",
                        entity_type="person", name="X",
                        fields=(FieldChange("entity_id", ("old",), ("new",)),))
    d = Diff(old="a", new="b", added=(), removed=(), changed=(moved,))
    previous = {"input_row": [0, 1], "status": ["match"] * 2, "source": ["canada"] * 2,
                "list": ["L"] * 2, "entity_id": ["old", "old"]}
    again = {"input_row": [0], "status": ["match"], "source": ["canada"], "list": ["L"],
             "entity_id": ["new"]}
    got = ended(previous, again, d)
    assert got.column("input_row").to_pylist() == [1]
    assert got.column("ended").to_pylist() == ["no longer matches"]
