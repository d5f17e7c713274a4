"""``screen update`` and ``screen lists``, end to end through ``cli.main``.

The real snapshot (../shared/lists/snapshot) is imported once per session (the
``imported`` fixture); each bad-input test works on a private copy of that home and
checks that the bad file is refused, named, and leaves every current version as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pytest

from screen import cli, store
from screen.errors import SnapshotError
from screen.sources.base import ParsedList

SOURCES = ("ofac", "eu", "uk", "canada")


_BUILD_INDEX = cli._build_index
pytestmark = pytest.mark.usefixtures("no_index_build")  # (the index test puts it back)


def _currents(home: Path) -> dict[str, str | None]:
    return {s: store.current_version(s, home=home) for s in SOURCES}


def _counts_by_list(home: Path) -> dict[tuple[str, str], int]:
    t = store.load(home).entities.group_by(["source", "list"]).aggregate([("entity_id", "count")])
    return {
        (s, li): n
        for s, li, n in zip(
            t["source"].to_pylist(), t["list"].to_pylist(), t["entity_id_count"].to_pylist()
        )
    }


# --------------------------------------------------------------------------- exact output


def test_update_and_lists_print_exact_tables(fake_formats, tmp_home, tmp_path, capsys):
    fake_formats.write(
        tmp_path / "in" / "c.txt", "canada", 1200, list_name="Autonomous", published="2025-08-26"
    )
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 7, list_name="FSF", published=None)
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 0
    eu, ca = store.manifest("eu"), store.manifest("canada")
    out = capsys.readouterr().out
    assert out == (
        "SOURCE  LIST        STATUS   ENTITIES  NAMES  SKIPPED  PUBLISHED   VERSION\n"
        f"eu      FSF         updated         7     14        0  -           {eu['version']}\n"
        f"canada  Autonomous  updated     1,200  2,400        0  2025-08-26  {ca['version']}\n"
    )
    assert cli.main(["lists"]) == 0
    fetched = ca["lists"][0]["fetched_at"].replace("T", " ")[:16] + " UTC"
    assert capsys.readouterr().out == (
        "SOURCE  LIST        PUBLISHED   FETCHED AT            ENTITIES  NAMES  VERSION\n"
        f"eu      FSF         -           {fetched}         7     14  {eu['version']}\n"
        f"canada  Autonomous  2025-08-26  {fetched}     1,200  2,400  {ca['version']}\n"
        f"snapshot: {store.load().id}\n"
        f"data home: {tmp_home}\n"
    )


def test_update_saves_the_index_a_reader_of_the_home_then_loads(fake_formats, tmp_home,
                                                                  tmp_path, monkeypatch,
                                                                  capsys):
    """A data home filled by a service account and read by others, who cannot save
    in it: the update builds the index, so that their first match loads it."""
    import shutil

    from screen.index import NameIndex
    from screen.match import IndexNotSavedWarning, Screener

    monkeypatch.setattr(cli, "_build_index", _BUILD_INDEX)
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 7, list_name="FSF", published=None)
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 0
    saved = list((tmp_home / "index").glob("*.npz"))
    assert len(saved) == 1

    def read_only(self, path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(NameIndex, "save", read_only)
    assert Screener(store.load()).index is not None  # loaded: nothing to save
    shutil.rmtree(tmp_home / "index")
    with pytest.warns(IndexNotSavedWarning, match="could not be saved.*screen update"):
        Screener(store.load())
    # the command line says it as a line of its own
    assert cli.main(["match", "Anna Smith"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("screen: warning: the candidate index could not be saved in ")
    assert "IndexNotSavedWarning" not in err and ".py:" not in err


def test_the_snapshot_id_a_match_records_finds_its_versions_again(fake_formats, tmp_home,
                                                                  tmp_path):
    # an audit log that kept only a Match can replay the screen against its lists
    for n in (10, 11):
        fake_formats.write(tmp_path / str(n) / "c.txt", "canada", n, published=None)
        fake_formats.write(tmp_path / str(n) / "e.txt", "eu", n, published=None)
    assert cli.main(["update", "--from", str(tmp_path / "10")]) == 0
    first = store.load()
    eu_only = store.load(sources=["eu"])
    assert cli.main(["update", "--from", str(tmp_path / "11")]) == 0
    assert store.load().id != first.id
    for snap in (first, eu_only, store.load()):
        found = store.snapshot_versions(snap.id)
        assert found == snap.versions
        assert store.load(version=found, sources=list(found)).id == snap.id
    with pytest.raises(SnapshotError, match="no snapshot with id 'feedfacefeedface'"):
        store.snapshot_versions("feedfacefeedface")


def test_a_failed_source_is_a_table_row_and_an_error_line(fake_formats, tmp_home, tmp_path, capsys):
    f = fake_formats.write(tmp_path / "in" / "canada" / "c.txt", "canada", 3)
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 0
    version = store.current_version("canada")
    f.write_text("garbage\n")
    capsys.readouterr()
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 1
    out, err = capsys.readouterr()
    assert re.search(
        rf"^canada\s+-\s+FAILED\s+-\s+-\s+-\s+-\s+kept {version}$", out, re.MULTILINE
    ), out
    assert err.startswith("screen: error: canada: ") and str(f) in err
    assert err.rstrip().endswith(f"(kept version {version})")


def test_lists_without_a_snapshot_is_a_one_line_error(tmp_home, capsys):
    assert cli.main(["lists"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("screen: error: no sanctions list snapshot in ") and err.count("\n") == 1


def test_update_from_a_missing_folder_is_a_one_line_error(tmp_home, tmp_path, capsys):
    assert cli.main(["update", "--from", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == f"screen: error: {tmp_path / 'nope'}: not a folder\n"
    # a file given where its folder belongs: the folder is named
    (tmp_path / "ConList.csv").write_text("x")
    assert cli.main(["update", "--from", str(tmp_path / "ConList.csv")]) == 1
    assert capsys.readouterr().err == (
        f"screen: error: {tmp_path / 'ConList.csv'}: not a folder: give the folder that holds "
        f"the downloaded files ({tmp_path} for this one)\n")


def test_a_damaged_manifest_is_one_line_for_lists_and_update_repairs_it(
    fake_formats, tmp_home, tmp_path, capsys
):
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 3)
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 2)
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 0
    before = _currents(tmp_home)
    path = tmp_home / "canada" / before["canada"] / "manifest.json"
    path.write_text("{damaged")
    capsys.readouterr()
    assert cli.main(["lists"]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f"screen: error: {path}: damaged manifest (Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1))\n"
    )
    # the other sources are still listed (one damaged manifest hid them all)
    assert out.splitlines()[1].split()[0] == "eu" and "snapshot:" not in out
    assert cli.main(["update", "--from", str(tmp_path / "in"), "--source", "canada"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    after = _currents(tmp_home)
    assert after["eu"] == before["eu"] and after["canada"] != before["canada"]
    assert f"canada: note: the current version {before['canada']} was damaged; " in out
    assert cli.main(["lists"]) == 0


def test_match_and_batch_of_one_source_go_on_when_another_source_is_damaged(
    fake_formats, tmp_home, tmp_path, capsys
):
    """A damaged version of a source not asked for (``--source eu`` while canada's
    names are unreadable) is a warning, not the end: the asked-for source is loaded
    alone. Asked for, or with no ``--source``, the damage is still the error."""
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 3)
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", ["EU-1\tAnatoly Petrov"])
    assert cli.main(["update", "--from", str(tmp_path / "in")]) == 0
    names = tmp_home / "canada" / _currents(tmp_home)["canada"] / "names.parquet"
    names.write_bytes(names.read_bytes()[: names.stat().st_size // 2])
    capsys.readouterr()
    assert cli.main(["match", "Anatoliy Petrov", "--source", "eu", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["entity_id"] for line in out.splitlines()] == ["EU-1"]
    assert err.startswith(f"screen: warning: {names.parent}: damaged snapshot (")
    assert err.endswith("; matched against eu only\n") and err.count("\n") == 1
    for asked in (["--source", "canada"], ["--source", "eu", "--source", "canada"], []):
        assert cli.main(["match", "Anatoliy Petrov", *asked]) == 1
        assert capsys.readouterr().err.startswith(f"screen: error: {names.parent}: damaged")
    table = tmp_path / "in.csv"
    table.write_text("name\nAnatoliy Petrov\nPerson Number 1\n", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    assert cli.main(["batch", str(table), "-o", str(out_csv), "--source", "eu", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert "1 rows with matches (1 matches)" in out
    assert err.startswith(f"screen: warning: {names.parent}: damaged snapshot (")
    assert err.endswith("; screened against eu only\n")
    assert "EU-1" in out_csv.read_text(encoding="utf-8")
    assert cli.main(["batch", str(table), "-o", str(out_csv), "--no-progress"]) == 1


def test_update_into_a_home_that_cannot_be_created_is_one_line(
    fake_formats, tmp_home, tmp_path, capsys
):
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 3)
    (tmp_path / "afile").write_text("")
    home = tmp_path / "afile" / "home"
    assert cli.main(["update", "--from", str(tmp_path / "in"), "--home", str(home)]) == 1
    assert capsys.readouterr() == (
        "",
        (f"screen: error: {home}: cannot create the data home: Not a directory "
         f"({tmp_path / 'afile'} is a file)\n"),
    )


def test_a_bug_keeps_its_traceback(monkeypatch, tmp_home):
    def boom(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(store, "update", boom)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["update"])


def test_commands_register_in_one_place():
    assert {"update", "lists"} <= set(cli.COMMANDS)
    parser = cli.build_parser()
    args = parser.parse_args(["update", "--source", "uk", "--source", "eu", "--force"])
    assert args.sources == ["uk", "eu"] and args.force and args.from_dir is None


# --------------------------------------------------------------------------- the real snapshot


def test_update_from_the_real_snapshot(imported):
    assert imported.code == 0, imported.err
    counts = _counts_by_list(imported.home)
    by_source: dict[str, list[int]] = {}
    for (source, _list), n in counts.items():
        by_source.setdefault(source, []).append(n)
    assert sorted(by_source["ofac"]) == [442, 14_965]  # non-SDN Consolidated, SDN
    assert by_source["uk"] == [4_688]
    assert by_source["canada"] == [5_090]
    # 7 sanctionEntity elements, but logicalId 5468 comes twice: 6 parties, and a note
    assert by_source["eu"] == [6]
    eu_notes = store.manifest("eu", home=imported.home)["lists"][0]["notes"]
    assert any("5468" in n for n in eu_notes), eu_notes
    for source in SOURCES:
        assert re.search(rf"^{source}\s.*\bupdated\b", imported.out, re.MULTILINE), imported.out
    # the OFAC files are of different dates: orphan alt/add rows are skipped and said so
    ofac = store.manifest("ofac", home=imported.home)
    assert ofac["skipped"] > 0 and any(li["notes"] for li in ofac["lists"])


def test_the_real_snapshot_keeps_raw_files_that_match_the_manifest(imported, shared_lists):
    import hashlib

    for source in SOURCES:
        m = store.manifest(source, home=imported.home)
        vdir = imported.home / source / m["version"]
        originals = {Path(f["origin"]).name for f in m["files"]}
        assert originals == {p.name for p in (shared_lists / "snapshot" / source).iterdir()}
        for f in m["files"]:
            data = (vdir / "raw" / f["name"]).read_bytes()
            assert (
                hashlib.sha256(data).hexdigest()
                == f["sha256"]
                == hashlib.sha256(Path(f["origin"]).read_bytes()).hexdigest()
            )


def test_lists_prints_every_real_list(imported, capsys, monkeypatch):
    monkeypatch.setenv("SCREEN_HOME", str(imported.home))
    assert cli.main(["lists"]) == 0
    out = capsys.readouterr().out
    manifests = store.current_manifests(imported.home)
    rows = out.splitlines()[1:-2]
    assert out.splitlines()[-2] == f"snapshot: {store.load(imported.home).id}"
    assert len(rows) == sum(len(m["lists"]) for m in manifests.values())
    for source, m in manifests.items():
        for li in m["lists"]:
            row = next(r for r in rows if r.startswith(source) and f"  {li['list']}  " in r)
            assert f"{li['entities']:,}" in row and f"{li['names']:,}" in row
            assert (li["published"] or "-") in row
    for figure in ("14,965", "442", "4,688", "5,090"):
        assert figure in out


def test_importing_the_same_folder_again_changes_nothing(home_copy, shared_lists, capsys):
    before = _currents(home_copy)
    assert cli.main(["update", "--from", str(shared_lists / "snapshot")]) == 0
    assert _currents(home_copy) == before
    assert capsys.readouterr().out.count("unchanged") == 4


# --------------------------------------------------------------------------- bad input


def _bad_input(tmp_path: Path, rel: str, data: bytes) -> Path:
    f = tmp_path / "incoming" / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(data)
    return f


def _assert_refused(home: Path, before: dict, bad: Path, capsys, *, code: int | None = None):
    if code is None:
        code = cli.main(["update", "--from", str(bad.parent.parent)])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert str(bad) in err, err  # the message names the file
    assert err.startswith("screen: error: ")
    assert _currents(home) == before
    return err


def _canada(shared_lists: Path) -> bytes:
    return (shared_lists / "snapshot" / "canada" / "sema-lmes.xml").read_bytes()


def test_a_truncated_xml_file_is_refused(home_copy, shared_lists, tmp_path, capsys):
    before = _currents(home_copy)
    data = _canada(shared_lists)
    bad = _bad_input(tmp_path, "canada/sema-lmes.xml", data[: len(data) // 2])
    _assert_refused(home_copy, before, bad, capsys)
    assert store.load(home_copy, sources=["canada"]).entities.num_rows == 5_090


def test_a_csv_with_a_renamed_column_is_refused(home_copy, shared_lists, tmp_path, capsys):
    before = _currents(home_copy)
    data = (shared_lists / "snapshot" / "uk" / "ConList.csv").read_bytes()
    assert b",Group ID" in data.split(b"\n", 2)[1]
    head, second, rest = data.split(b"\n", 2)
    bad = _bad_input(
        tmp_path,
        "uk/ConList.csv",
        b"\n".join([head, second.replace(b",Group ID", b",Group Identifier"), rest]),
    )
    _assert_refused(home_copy, before, bad, capsys)


def _zip_input(tmp_path: Path, rel: str, members: dict[str, bytes]) -> Path:
    import zipfile

    bad = tmp_path / "incoming" / rel
    bad.parent.mkdir(parents=True)
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return bad


def test_a_zip_of_many_list_files_says_to_unzip_it(home_copy, shared_lists, tmp_path,
                                                   capsys):
    # (its first file alone was read: "an OFAC add.csv file needs its primary file")
    before = _currents(home_copy)
    bad = _zip_input(tmp_path, "ofac/sdn_csv.zip", {
        f.name: f.read_bytes() for f in sorted((shared_lists / "snapshot" / "ofac").glob("*.csv"))})
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "a ZIP archive of 8 files (add.csv, alt.csv" in err and "unzip it" in err


@pytest.mark.parametrize(
    ("rel", "data"),
    [
        ("uk/ConList.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x02\0\0\0"),
        ("eu/export.xml", json.dumps({"id": "EU-13", "primaryName": "X", "aliases": []}).encode()),
        ("canada/sema-lmes.xml", b""),
    ],
    ids=["png", "json", "empty"],
)
def test_a_file_that_is_no_list_is_refused(home_copy, tmp_path, capsys, rel, data):
    before = _currents(home_copy)
    bad = _bad_input(tmp_path, rel, data)
    _assert_refused(home_copy, before, bad, capsys)


def _with_doctype(xml: bytes, doctype: bytes, *, inject: bytes = b"") -> bytes:
    decl, rest = xml.split(b"\n", 1)
    if inject:
        rest = rest.replace(
            b"<LastName>Atabekov</LastName>", b"<LastName>" + inject + b"</LastName>", 1
        )
    return decl + b"\n" + doctype + b"\n" + rest


LOL = (
    b'<!DOCTYPE data-set [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize(
    ("doctype", "inject"),
    [
        (b'<!DOCTYPE data-set SYSTEM "sema-lmes.dtd">', b""),
        (b'<!DOCTYPE data-set [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', b"&xxe;"),
        (LOL, b"&lol9;"),
    ],
    ids=["dtd", "external-entity", "billion-laughs"],
)
def test_xml_with_a_dtd_or_entities_is_refused(
    home_copy, shared_lists, tmp_path, capsys, doctype, inject
):
    before = _currents(home_copy)
    bad = _bad_input(
        tmp_path,
        "canada/sema-lmes.xml",
        _with_doctype(_canada(shared_lists), doctype, inject=inject),
    )
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "root:" not in err


def _first_records(xml: bytes, n: int) -> bytes:
    parts = xml.split(b"</record>")
    return b"</record>".join(parts[:n]) + b"</record>\n</data-set>\n"


def test_a_list_under_half_the_last_one_needs_force(home_copy, shared_lists, tmp_path, capsys):
    before = _currents(home_copy)
    bad = _bad_input(tmp_path, "canada/sema-lmes.xml", _first_records(_canada(shared_lists), 2_000))
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "2,000" in err and "5,090" in err and "--force" in err

    assert cli.main(["update", "--from", str(tmp_path / "incoming"), "--force"]) == 0
    after = _currents(home_copy)
    assert after["canada"] != before["canada"]
    assert {s: v for s, v in after.items() if s != "canada"} == {
        s: v for s, v in before.items() if s != "canada"
    }
    assert store.load(home_copy, sources=["canada"]).entities.num_rows == 2_000
    assert before["canada"] in store.versions("canada", home=home_copy)


def _ofac_set(shared_lists: Path, tmp_path: Path, names: tuple[str, ...] | None = None,
              folder: str = "snapshot/ofac") -> Path:
    """A copy of OFAC CSV files in tmp_path/incoming/ofac (all of ``folder``'s or
    ``names``); returns that folder."""
    out = tmp_path / "incoming" / "ofac"
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted((shared_lists / folder).glob("*.csv")):
        if names is None or f.name in names:
            (out / f.name).write_bytes(f.read_bytes())
    return out


@pytest.mark.parametrize("cut_at", [0.7, 0.999])
def test_an_ofac_file_cut_short_is_refused(home_copy, shared_lists, tmp_path, capsys, cut_at):
    # cut at a line end (a download whose server sent no length stops anywhere): no
    # malformed row to count, 27% of the SDN parties gone at 0.7; only OFAC's end mark
    # is missing
    before = _currents(home_copy)
    folder = _ofac_set(shared_lists, tmp_path)
    sdn = folder / "sdn.csv"
    data = sdn.read_bytes()
    sdn.write_bytes(data[:data.index(b"\r\n", int(len(data) * cut_at)) + 2])
    err = _assert_refused(home_copy, before, sdn, capsys)
    assert "cut short" in err and "--force" in err
    assert cli.main(["update", "--from", str(folder.parent), "--force"]) == 0
    assert _currents(home_copy)["ofac"] != before["ofac"]


def test_an_ofac_comments_file_cut_short_is_refused(home_copy, shared_lists, tmp_path, capsys):
    # the Remarks OFAC cuts at 1,000 characters continue in sdn_comments.csv: cut at a
    # line end, it has no end mark and lacks continuations (weak aliases, birth dates)
    before = _currents(home_copy)
    folder = _ofac_set(shared_lists, tmp_path)
    comments = folder / "sdn_comments.csv"
    data = comments.read_bytes()
    comments.write_bytes(data[:data.index(b"\r\n", int(len(data) * 0.3)) + 2])
    err = _assert_refused(home_copy, before, comments, capsys)
    assert "sdn_comments.csv ends without the end-of-file mark" in err
    assert "have no continuation in it" in err and "cut short" in err


def test_a_uk_list_cut_inside_a_row_is_refused(home_copy, shared_lists, tmp_path, capsys):
    before = _currents(home_copy)
    data = (shared_lists / "snapshot" / "uk" / "ConList.csv").read_bytes()
    bad = _bad_input(tmp_path, "uk/ConList.csv", data[: int(len(data) * 0.8)])
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "last row stops short" in err


def test_an_older_edition_or_a_missing_list_needs_force(home_copy, shared_lists, tmp_path,
                                                         capsys):
    before = _currents(home_copy)
    # the UK list of 2023 over that of 2025: 695 designations fewer, by its date
    old_uk = _bad_input(tmp_path / "uk23", "uk/ConList.csv",
                        (shared_lists / "uk/ofsi_conlist_2023-06-05/ConList.csv").read_bytes())
    err = _assert_refused(home_copy, before, old_uk, capsys)
    assert "older edition" in err and "2023-06-05" in err
    # OFAC's files state no date: the SDN of 2021 (with today's non-SDN files) by its
    # highest entry number
    folder = _ofac_set(shared_lists, tmp_path / "ofac21", folder="ofac/matched_set_2021-07")
    _ofac_set(shared_lists, tmp_path / "ofac21", names=tuple(
        f.name for f in (shared_lists / "snapshot/ofac").glob("cons_*.csv")))
    err = _assert_refused(home_copy, before, folder / "sdn.csv", capsys)
    assert "older edition of SDN" in err
    # today's SDN files without the Consolidated ones would drop the non-SDN parties
    folder = _ofac_set(shared_lists, tmp_path / "sdn", names=(
        "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"))
    err = _assert_refused(home_copy, before, folder / "sdn.csv", capsys)
    assert "no Consolidated (non-SDN)" in err
    assert cli.main(["update", "--from", str(old_uk.parent.parent), "--force"]) == 0
    assert store.load(home_copy, sources=["uk"]).manifest["uk"]["lists"][0]["published"] \
        == "2023-06-05"


def _canada_records(xml: bytes, keep) -> tuple[int, bytes]:
    """The Canadian file with the records whose DateOfListing ``keep`` takes (a record
    without one is kept): how many, and the file."""
    head, *records = xml.split(b"<record>")
    kept = [r for r in records
            if (m := re.search(rb"<DateOfListing>(\d{4}-\d\d-\d\d)", r)) is None
            or keep(m.group(1))]
    if b"</data-set>" not in kept[-1]:
        kept[-1] = kept[-1].split(b"</record>")[0] + b"</record>\n</data-set>\n"
    return len(kept), b"<record>".join([head, *kept])


def test_an_ofac_set_without_a_companion_file_of_the_current_version_needs_force(
        home_copy, shared_lists, tmp_path, capsys):
    # sdn.csv without alt.csv: every party there, every alias gone (36,192 SDN names
    # down to 18,660), which no count of parties shows
    before = _currents(home_copy)
    names = store.load(home_copy, sources=["ofac"]).names.num_rows
    folder = _ofac_set(shared_lists, tmp_path)
    (folder / "alt.csv").unlink()
    err = _assert_refused(home_copy, before, folder / "sdn.csv", capsys)
    assert "of SDN come without alt.csv, which the current version was read with" in err
    assert "--force" in err
    assert cli.main(["update", "--from", str(folder.parent), "--force"]) == 0
    out = capsys.readouterr().out
    assert "no alt.csv (its aliases) in the set" in out
    assert store.load(home_copy, sources=["ofac"]).names.num_rows < names * 0.6


def test_a_first_import_of_an_ofac_list_without_its_aliases_needs_force(
        shared_lists, tmp_path, monkeypatch, capsys):
    # with nothing imported before, sdn.csv alone was imported with a note: 18,628 SDN
    # names of 36,171, and "Usama bin Laden" no match, exit 0
    home = tmp_path / "home"
    monkeypatch.setenv("SCREEN_HOME", str(home))
    folder = _ofac_set(shared_lists, tmp_path, names=("sdn.csv", "add.csv"))
    assert cli.main(["update", "--from", str(folder.parent)]) == 1
    err = capsys.readouterr().err
    assert "sdn.csv comes without alt.csv, which holds its aliases" in err and "--force" in err
    assert store.versions("ofac", home=home) == []
    assert cli.main(["update", "--from", str(folder.parent), "--force"]) == 0
    assert "no alt.csv (its aliases)" in capsys.readouterr().out
    assert len(store.versions("ofac", home=home)) == 1
    # ... and so over a current version of OFAC's lists in another format (XML), whose
    # companion files the check of an update against the current version knows nothing of
    xml_home = tmp_path / "xml_home"
    monkeypatch.setenv("SCREEN_HOME", str(xml_home))
    xml = tmp_path / "xml" / "ofac"
    xml.mkdir(parents=True)
    (xml / "CONS.xml").write_bytes(
        (shared_lists / "ofac" / "consolidated_xml" / "CONS_2025-06-30.xml").read_bytes())
    assert cli.main(["update", "--from", str(xml.parent)]) == 0
    capsys.readouterr()
    assert cli.main(["update", "--from", str(folder.parent)]) == 1
    assert "sdn.csv comes without alt.csv" in capsys.readouterr().err
    assert len(store.versions("ofac", home=xml_home)) == 1


def test_a_canadian_edition_listed_to_an_earlier_date_is_older(home_copy, shared_lists,
                                                                tmp_path, capsys):
    # Canada's file states no date and numbers no entry: its parties' dates of listing
    # tell an edition that stops in June 2024 from today's (latest 2025-08-26)
    before = _currents(home_copy)
    kept, data = _canada_records(_canada(shared_lists), lambda listed: listed <= b"2024-06-30")
    assert 4_000 < kept < 5_090
    bad = _bad_input(tmp_path, "canada/sema-lmes.xml", data)
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "older edition" in err and "latest listing is of 2024-06" in err and "2025-08-26" in err


def test_a_zip_of_a_list_read_only_unzipped_says_to_unzip_it(home_copy, shared_lists, tmp_path,
                                                              capsys):
    before = _currents(home_copy)
    bad = _zip_input(tmp_path, "canada/canada.zip", {"sema-lmes.xml": _canada(shared_lists)})
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "a ZIP archive holding a canada list file" in err and "unzip it" in err


def test_a_newer_edition_that_withdrew_listings_is_taken(home_copy, shared_lists, tmp_path,
                                                        capsys):
    import csv
    import io

    # Canada: the latest day's designations withdrawn (one day: no older edition)
    xml = _canada(shared_lists)
    latest = max(re.findall(rb"<DateOfListing>(\d{4}-\d\d-\d\d)", xml))
    kept, data = _canada_records(xml, lambda listed: listed != latest)
    assert 5_040 < kept < 5_090
    _bad_input(tmp_path, "canada/sema-lmes.xml", data)
    # UK: the same day's edition without one party from the middle of the list (a
    # delisting published that day), not its last parties
    text = (shared_lists / "snapshot" / "uk" / "ConList.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    group = rows[len(rows) // 2][-1]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(r for r in rows if r[-1] != group)
    _bad_input(tmp_path, "uk/ConList.csv", out.getvalue().encode("utf-8"))
    code = cli.main(["update", "--from", str(tmp_path / "incoming")])
    assert code == 0, capsys.readouterr().err
    assert store.load(home_copy, sources=["canada"]).entities.num_rows == kept
    assert store.load(home_copy, sources=["uk"]).entities.num_rows == 4_688 - 1


def test_a_uk_list_cut_at_the_end_of_a_row_is_refused(home_copy, shared_lists, tmp_path, capsys):
    # every row whole, so no row stops short: but the file states the current
    # version's date with a tenth fewer parties, as a dropped connection leaves it
    before = _currents(home_copy)
    data = (shared_lists / "snapshot" / "uk" / "ConList.csv").read_bytes()
    cut = data.rfind(b"\n", 0, int(len(data) * 0.9)) + 1
    bad = _bad_input(tmp_path, "uk/ConList.csv", data[:cut])
    err = _assert_refused(home_copy, before, bad, capsys)
    assert "same publication date" in err and "2025-04-14" in err and "4,688" in err


def test_a_newer_ofac_edition_that_dropped_its_newest_entry_is_taken(home_copy, shared_lists,
                                                                      tmp_path, capsys):
    # its highest entry number is lower, as an older edition's is, but it holds no
    # entry the current version lacks: a designation withdrawn within days, not an
    # older list
    folder = _ofac_set(shared_lists, tmp_path)
    sdn = folder / "sdn.csv"
    rows = sdn.read_bytes().split(b"\r\n")
    top = max(int(r.split(b",", 1)[0]) for r in rows if r[:1].isdigit())
    sdn.write_bytes(b"\r\n".join(r for r in rows if not r.startswith(b"%d," % top)))
    assert cli.main(["update", "--from", str(folder.parent)]) == 0, capsys.readouterr().err
    assert store.load(home_copy, sources=["ofac"]).entities.num_rows == 14_965 + 442 - 1


def test_a_list_in_another_format_replaces_the_current_one_with_a_note(tmp_path):
    # the UK's FCDO list took over from OFSI's in January 2026: an update from the
    # official address brings the one where the home holds the other
    prev = {"lists": [{"list": "OFSI Consolidated List", "format": "uk_conlist",
                       "entities": 4688, "published": "2025-04-14"}]}
    fcdo = ParsedList(source="uk", list="UK Sanctions List", format="uk_fcdo",
                      entities=pa.table({"entity_id": ["RUS0001"]}), names=pa.table({}),
                      files=[], published="2026-02-01")
    notes: list[str] = []
    store._refuse_older([fcdo], prev, tmp_path, "uk", "UK-Sanctions-List.xml", notes)
    assert notes == [("OFSI Consolidated List (uk_conlist) is replaced by UK Sanctions List "
                      "(uk_fcdo)")]
    conlist = ParsedList(source="uk", list="Other", format="uk_conlist",
                         entities=pa.table({"entity_id": ["1"]}), names=pa.table({}), files=[])
    with pytest.raises(SnapshotError, match="hold no OFSI Consolidated List"):
        store._refuse_older([conlist], prev, tmp_path, "uk", "ConList.csv", [])


def test_a_list_in_another_format_of_an_older_date_needs_force(home_copy, shared_lists, tmp_path,
                                                               capsys):
    # OFSI's last ConList (2025-04-14) over the FCDO list that replaced it: a year of
    # designations undone, refused as an older edition is in its own format
    fcdo = next((shared_lists / "uk" / "samples").glob("*.xml"))
    _bad_input(tmp_path / "fcdo", "uk/" + fcdo.name, fcdo.read_bytes())
    # (an excerpt of five parties: forced over the 4,688 of the home's ConList)
    assert cli.main(["update", "--from", str(tmp_path / "fcdo" / "incoming"), "--force"]) == 0, \
        capsys.readouterr().err
    capsys.readouterr()
    before = _currents(home_copy)
    published = store.load(home_copy, sources=["uk"]).manifest["uk"]["lists"][0]["published"]
    assert published > "2025-04-14"
    conlist = _bad_input(tmp_path / "conlist", "uk/ConList.csv",
                         (shared_lists / "snapshot" / "uk" / "ConList.csv").read_bytes())
    err = _assert_refused(home_copy, before, conlist, capsys)
    assert "older than the current version's UK Sanctions List" in err
    assert "2025-04-14" in err and published in err and "--force" in err
    assert cli.main(["update", "--from", str(conlist.parent.parent), "--force"]) == 0
    assert store.load(home_copy, sources=["uk"]).manifest["uk"]["lists"][0]["published"] \
        == "2025-04-14"


def test_a_bad_source_does_not_stop_a_good_one(home_copy, shared_lists, tmp_path, capsys):
    before = _currents(home_copy)
    _bad_input(tmp_path, "canada/sema-lmes.xml", _first_records(_canada(shared_lists), 5_000))
    bad = _bad_input(tmp_path, "uk/ConList.csv", b"")
    code = cli.main(["update", "--from", str(tmp_path / "incoming")])
    _assert_refused(
        home_copy, {**before, "canada": store.current_version("canada")}, bad, capsys, code=code
    )
    assert store.current_version("canada") != before["canada"]
    assert store.load(home_copy, sources=["canada"]).entities.num_rows == 5_000
