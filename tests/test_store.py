"""The snapshot store: layout, validation, atomic promotion, versions, loading.

Most tests run the store against two tiny fake formats (``fake_formats`` in
conftest) so they check the store's own rules, fast and whatever the state of the
real parsers; ``test_real_*`` tests use the real files.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import shutil
import stat
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from screen import store
from screen.errors import NoSnapshotError, ScreenError, SnapshotError

# --------------------------------------------------------------------------- data home


def test_screen_home_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREEN_HOME", str(tmp_path / "x"))
    assert store.data_home() == tmp_path / "x"


def test_checkout_lists_folder_is_the_home_when_running_from_a_checkout(monkeypatch):
    monkeypatch.delenv("SCREEN_HOME", raising=False)
    repo = Path(__file__).resolve().parents[1]
    assert (repo / "lists").is_dir()  # committed, with its README
    assert store.data_home() == repo / "lists"


def test_a_folder_of_another_project_is_not_a_checkout(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert store._checkout_lists_dir(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "screen"\n')
    assert store._checkout_lists_dir(tmp_path) == tmp_path / "lists"
    (tmp_path / "lists").rmdir()
    assert store._checkout_lists_dir(tmp_path) is None


def test_per_user_folder_outside_a_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("SCREEN_HOME", raising=False)
    monkeypatch.setattr(store, "_checkout_lists_dir", lambda root=None: None)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.data_home() == tmp_path / "xdg" / "screen"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert store.data_home() == tmp_path / "user" / ".local" / "share" / "screen"


# --------------------------------------------------------------------------- import + load


def test_import_writes_a_version_with_tables_raw_files_and_manifest(
    fake_formats, tmp_home, tmp_path
):
    src = tmp_path / "in"
    f = fake_formats.write(src / "can" / "list.txt", "canada", 10, published="2025-08-26")
    report = store.import_dir(src)
    assert report.ok, report.summary()
    r = report["canada"]
    assert (r.status, r.entities, r.names, r.previous) == ("updated", 10, 20, None)

    version = (tmp_home / "canada" / "CURRENT").read_text().strip()
    assert version == r.version
    vdir = tmp_home / "canada" / version
    assert sorted(p.name for p in vdir.iterdir()) == [
        "entities.parquet",
        "manifest.json",
        "names.parquet",
        "raw",
    ]
    assert (vdir / "raw" / "list.txt").read_bytes() == f.read_bytes()
    m = json.loads((vdir / "manifest.json").read_text())
    assert m["source"] == "canada" and m["version"] == version
    assert (m["entities"], m["names"], m["skipped"]) == (10, 20, 0)
    [entry] = m["files"]
    assert entry["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert entry["origin"] == str(f.resolve()) and entry["bytes"] == f.stat().st_size
    [lst] = m["lists"]
    assert (lst["list"], lst["format"], lst["published"]) == ("Fake", "fake_canada", "2025-08-26")
    assert lst["files"] == ["list.txt"] and lst["fetched_at"]
    assert m["library"]["screen"]

    snap = store.load()
    assert snap.entities.num_rows == 10 and snap.names.num_rows == 20
    assert snap.versions == {"canada": version}
    assert snap.path == tmp_home


def test_load_concatenates_sources_and_the_id_is_stable(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    fake_formats.write(tmp_path / "in" / "b.txt", "eu", 3)
    assert store.import_dir(tmp_path / "in").ok
    snap = store.load()
    assert snap.sources == ["eu", "canada"]  # the schema's source order
    assert snap.entities.column("source").to_pylist() == ["eu"] * 3 + ["canada"] * 5
    assert snap.id == store.load().id and len(snap.id) == 16
    assert store.load(sources=["eu"]).entities.num_rows == 3
    assert store.load(sources=["eu"]).id != snap.id


def test_identical_files_read_by_other_readers_are_read_again(fake_formats, tmp_home, tmp_path,
                                                                monkeypatch):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    first = store.import_dir(tmp_path / "in")["canada"]
    assert store.manifest("canada", first.version)["library"]["readers"] == \
        store.readers_fingerprint()
    # a newer screen whose list readers changed reads the same files again
    monkeypatch.setattr(store, "readers_fingerprint", lambda: "other readers")
    again = store.import_dir(tmp_path / "in")["canada"]
    assert again.status == "updated" and again.version != first.version
    assert store.import_dir(tmp_path / "in")["canada"].status == "unchanged"


def test_identical_files_make_no_new_version(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    first = store.import_dir(tmp_path / "in")["canada"]
    again = store.import_dir(tmp_path / "in")["canada"]
    assert again.ok and again.status == "unchanged" and again.version == first.version
    assert store.versions("canada") == [first.version]
    forced = store.import_dir(tmp_path / "in", force=True)["canada"]
    assert forced.status == "updated" and forced.version != first.version


def _flip_a_byte(path: Path) -> None:
    # (16 of them, in the pages of the names: a byte elsewhere may fall on statistics
    # or metadata no reader of the table uses, and damage nothing)
    chunk = pq.ParquetFile(path).metadata.row_group(0).column(2)
    assert chunk.path_in_schema == "name"
    start = (chunk.dictionary_page_offset or chunk.data_page_offset) + 8
    data = bytearray(path.read_bytes())
    for i in range(start, start + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGES = {
    "names-byte-flipped": lambda d: _flip_a_byte(d / "names.parquet"),
    "entities-missing": lambda d: (d / "entities.parquet").unlink(),
    "manifest-not-json": lambda d: (d / "manifest.json").write_text("{'not': json"),
    "manifest-a-list": lambda d: (d / "manifest.json").write_text("[]"),
    "folder-removed": lambda d: shutil.rmtree(d),
}


@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_an_update_with_the_same_files_repairs_a_damaged_current_version(
    fake_formats, tmp_home, tmp_path, damage, force
):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    first = store.import_dir(tmp_path / "in")["canada"]
    DAMAGES[damage](tmp_home / "canada" / first.version)
    with pytest.raises(SnapshotError):  # (what 'screen match' meets)
        store.load()
    again = store.import_dir(tmp_path / "in", force=force)["canada"]
    assert again.ok, again.reason
    assert again.status == "updated" and again.version != first.version
    assert again.previous == first.version
    assert again.notes[0].startswith(f"the current version {first.version} was damaged; ")
    assert store.load().entities.num_rows == 5
    # the repair is said once: the next update with the same files changes nothing
    later = store.import_dir(tmp_path / "in")["canada"]
    assert (later.status, later.version) == ("unchanged", again.version)
    assert not any("damaged" in n for n in later.notes)


def test_a_damaged_manifest_is_a_snapshot_error_naming_it(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    version = store.import_dir(tmp_path / "in")["canada"].version
    path = tmp_home / "canada" / version / "manifest.json"
    path.write_text("not json\n")
    for call in (lambda: store.manifest("canada"), lambda: store.current_manifests()):
        with pytest.raises(SnapshotError, match=rf"^{re.escape(str(path))}: damaged manifest"):
            call()


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002], ids=oct)
def test_versions_and_current_get_the_modes_the_umask_gives(
    fake_formats, tmp_home, tmp_path, umask
):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    old = os.umask(umask)
    try:
        version = store.import_dir(tmp_path / "in")["canada"].version
    finally:
        os.umask(old)
    src = tmp_home / "canada"

    def mode(p: Path) -> int:
        return stat.S_IMODE(p.stat().st_mode)

    for d in (src, src / version, src / version / "raw"):
        assert mode(d) == 0o777 & ~umask, d
    for f in (src / "CURRENT", src / version / "manifest.json",
              src / version / "names.parquet", src / version / "raw" / "a.txt"):
        assert mode(f) == 0o666 & ~umask, f


def test_a_data_home_that_cannot_be_created_is_one_error_naming_the_file_in_the_way(
    fake_formats, tmp_path
):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    (tmp_path / "afile").write_text("")
    home = tmp_path / "afile" / "sub" / "home"
    with pytest.raises(SnapshotError) as exc:
        store.import_dir(tmp_path / "in", home=home)
    assert str(exc.value) == (
        f"{home}: cannot create the data home: Not a directory ({tmp_path / 'afile'} is a file)"
    )


def test_a_data_home_without_permission_is_one_error(fake_formats, tmp_path, monkeypatch):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    home = tmp_path / "home"

    def refuse(self, *args, **kwargs):  # (as /sys refuses; the tests may run as root)
        raise PermissionError(errno.EPERM, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(SnapshotError, match="cannot create the data home: Operation not perm"):
        store.import_dir(tmp_path / "in", home=home)


def test_a_file_where_a_source_folder_belongs_fails_that_source_only(
    fake_formats, tmp_home, tmp_path
):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    fake_formats.write(tmp_path / "in" / "b.txt", "eu", 3)
    tmp_home.mkdir()
    (tmp_home / "canada").write_text("in the way")
    report = store.import_dir(tmp_path / "in")  # no exception: not a bug of ours
    assert report["eu"].ok and not report["canada"].ok
    assert report["canada"].reason == f"{tmp_home / 'canada'}: File exists"


def test_id_changes_when_a_list_changes_and_old_versions_stay_loadable(
    fake_formats, tmp_home, tmp_path
):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    v1 = store.import_dir(tmp_path / "in")["canada"].version
    id1 = store.load().id
    fake_formats.write(f, "canada", 6)
    v2 = store.import_dir(tmp_path / "in")["canada"].version
    assert store.versions("canada") == [v1, v2]
    assert store.current_version("canada") == v2
    assert store.load().id != id1
    old = store.load_version("canada", v1)
    assert old.entities.num_rows == 5 and old.id == id1
    assert store.load(version={"canada": v1}).id == id1
    assert store.manifest("canada", v1)["entities"] == 5
    assert store.manifest("canada")["previous"] == v1


def test_older_versions_are_pruned_to_keep(fake_formats, tmp_home, tmp_path):
    f = tmp_path / "in" / "a.txt"
    made = []
    for n in range(1, 8):
        fake_formats.write(f, "canada", 10 + n)
        made.append(store.import_dir(tmp_path / "in", keep=3)["canada"].version)
    assert store.versions("canada") == made[-3:]
    assert store.current_version("canada") == made[-1]


def test_nothing_imported_raises_no_snapshot(tmp_home):
    with pytest.raises(NoSnapshotError, match="screen update"):
        store.load()
    with pytest.raises(LookupError):  # also the builtin a caller expects
        store.load()


def test_missing_source_or_version_is_a_snapshot_error(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    store.import_dir(tmp_path / "in")
    with pytest.raises(SnapshotError, match="'uk'"):
        store.load(sources=["uk"])
    with pytest.raises(SnapshotError, match="no such snapshot version"):
        store.load_version("canada", "20000101T000000Z-00000000")
    with pytest.raises(TypeError):
        store.load(version="20000101T000000Z-00000000")


# --------------------------------------------------------------------------- validation


def _state(home: Path, source: str) -> tuple[str | None, list[str]]:
    return store.current_version(source, home=home), store.versions(source, home=home)


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([], "no entity"),
        (["C-1\tOne", "C-1\tOne again"], "not unique"),
        (["C-1\tOne", "!orphan\tC-9\tNobody"], "belong to no listed entity"),
        (["C-1\tOne", "a row without a tab"], "line 3"),
    ],
    ids=["empty", "duplicate-ids", "orphan-names", "malformed"],
)
def test_a_bad_list_is_refused_and_the_current_version_kept(
    fake_formats, tmp_home, tmp_path, rows, reason
):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 4)
    store.import_dir(tmp_path / "in")
    before = _state(tmp_home, "canada")
    fake_formats.write(f, "canada", rows)
    report = store.import_dir(tmp_path / "in")
    assert not report.ok
    r = report["canada"]
    assert r.status == "failed" and reason in r.reason
    assert r.version == before[0]  # the version still current
    assert _state(tmp_home, "canada") == before
    assert store.load().entities.num_rows == 4
    assert not list((tmp_home / "canada").glob(".incoming-*"))


def test_a_parse_error_names_the_users_file_not_the_staging_copy(fake_formats, tmp_home, tmp_path):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", ["C-1\tOne", "broken"])
    r = store.import_dir(tmp_path / "in")["canada"]
    assert str(f.resolve()) in r.reason and ".incoming" not in r.reason


def test_a_list_under_half_the_current_size_needs_force(fake_formats, tmp_home, tmp_path):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100)
    store.import_dir(tmp_path / "in")
    before = _state(tmp_home, "canada")

    # (later editions: the same edition's first rows alone are a file cut short)
    fake_formats.write(f, "canada", 50, published="2025-02-01")  # exactly half: accepted
    assert store.import_dir(tmp_path / "in").ok
    fake_formats.write(f, "canada", 24, published="2025-03-01")  # under half of 50
    r = store.import_dir(tmp_path / "in")["canada"]
    assert not r.ok and "24" in r.reason and "50" in r.reason and "force" in r.reason
    assert store.load().entities.num_rows == 50

    r = store.import_dir(tmp_path / "in", force=True)["canada"]
    assert r.ok and r.entities == 24
    assert store.manifest("canada")["forced"] is True
    assert store.load().entities.num_rows == 24
    assert before[0] in store.versions("canada")


def test_one_source_failing_does_not_stop_the_others(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "eu" / "e.txt", "eu", 3)
    c = fake_formats.write(tmp_path / "in" / "canada" / "c.txt", "canada", 4)
    store.import_dir(tmp_path / "in")
    fake_formats.write(tmp_path / "in" / "eu" / "e.txt", "eu", 5)
    c.write_text("not a list at all\n")
    report = store.import_dir(tmp_path / "in")
    assert not report.ok
    assert report["eu"].status == "updated" and report["eu"].entities == 5
    assert report["canada"].status == "failed" and str(c) in report["canada"].reason
    snap = store.load()
    assert snap.entities.column("source").to_pylist().count("canada") == 4


def test_an_unrecognised_file_outside_source_folders_fails_the_update(
    fake_formats, tmp_home, tmp_path
):
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 4)
    (tmp_path / "in" / "notes.txt").write_text("my notes\n")
    (tmp_path / "in" / ".DS_Store").write_bytes(b"\0\1")  # hidden: ignored
    report = store.import_dir(tmp_path / "in")
    assert report["canada"].ok
    assert not report.ok and "notes.txt" in report["(unrecognised)"].reason


@pytest.mark.parametrize("page", [b"<!DOCTYPE html>\n<html><body>Access denied", b"\n  <HTML>\n"])
def test_an_html_page_in_place_of_a_list_is_said_to_be_one(tmp_path, page):
    from screen.sources import detect

    path = tmp_path / "ofac" / "sdn.csv"
    path.parent.mkdir()
    path.write_bytes(page)
    with pytest.raises(ScreenError, match="an HTML page, not a list file"):
        detect(path)
    r = store.import_dir(tmp_path, home=tmp_path / "home")["ofac"]
    assert not r.ok and "an HTML page" in r.reason


def test_only_the_asked_sources_are_imported(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 3)
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 4)
    report = store.import_dir(tmp_path / "in", sources=["eu"])
    assert [s.source for s in report] == ["eu"] and report.ok
    assert store.load().sources == ["eu"]
    report = store.import_dir(tmp_path / "in", sources=["uk"])
    assert not report.ok and "no uk list file" in report["uk"].reason
    with pytest.raises(ValueError, match="'sources' must be among"):
        store.import_dir(tmp_path / "in", sources=["mars"])


def test_a_parser_bug_is_raised_after_the_other_sources_are_done(
    fake_formats, tmp_home, tmp_path, monkeypatch
):
    from screen import sources

    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 4)
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 3)
    canada = sources.formats()[0]

    def broken(files):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(canada, "parse", broken)
    with pytest.raises(RuntimeError, match="parser bug") as info:
        store.import_dir(tmp_path / "in")
    assert any("eu: updated" in n for n in info.value.__notes__)
    assert store.load().sources == ["eu"]
    assert store.current_version("canada") is None


def test_a_second_writer_of_the_same_source_is_refused(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 4)
    (tmp_home / "canada").mkdir(parents=True)
    held, release = threading.Event(), threading.Event()

    def hold():
        with store._lock(tmp_home / "canada"):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    try:
        held.wait(10)
        r = store.import_dir(tmp_path / "in")["canada"]
        assert not r.ok and "another 'screen update'" in r.reason
    finally:
        release.set()
        t.join()
    assert store.import_dir(tmp_path / "in").ok


def test_a_reader_sees_the_old_or_the_new_version_never_a_mix(fake_formats, tmp_home, tmp_path):
    f = fake_formats.write(tmp_path / "in" / "c.txt", "canada", 10)
    store.import_dir(tmp_path / "in")
    sizes = set()
    stop = threading.Event()
    errors: list[BaseException] = []

    def read():
        while not stop.is_set():
            try:
                snap = store.load()
                sizes.add((snap.entities.num_rows, snap.manifest["canada"]["entities"]))
            except BaseException as exc:  # noqa: BLE001 - collected for the assert
                errors.append(exc)

    t = threading.Thread(target=read)
    t.start()
    try:
        for n in range(11, 31):
            fake_formats.write(f, "canada", n)
            assert store.import_dir(tmp_path / "in", keep=2).ok
    finally:
        stop.set()
        t.join()
    # pruning may delete a version between reading CURRENT and opening it: that must be a
    # clean SnapshotError, never a wrong table
    assert all(isinstance(e, SnapshotError) for e in errors), errors
    assert all(rows == declared for rows, declared in sizes)


def test_errors_are_screen_errors():
    assert issubclass(SnapshotError, ScreenError) and issubclass(SnapshotError, ValueError)


def test_snapshot_tables_have_the_common_schema(fake_formats, tmp_home, tmp_path):
    from screen.sources.schema import ENTITY_SCHEMA, NAME_SCHEMA

    fake_formats.write(tmp_path / "in" / "c.txt", "canada", 3)
    store.import_dir(tmp_path / "in")
    snap = store.load()
    assert snap.entities.schema.equals(ENTITY_SCHEMA, check_metadata=False)
    assert snap.names.schema.equals(NAME_SCHEMA, check_metadata=False)
    assert isinstance(snap.entities, pa.Table)


def test_a_party_on_two_lists_of_one_source_is_kept_and_noted(fake_formats, tmp_home, tmp_path):
    fake_formats.write(
        tmp_path / "in" / "sdn.txt", "canada", ["C-1\tOne", "C-2\tTwo"], list_name="First"
    )
    fake_formats.write(
        tmp_path / "in" / "cons.txt", "canada", ["C-2\tTwo", "C-3\tThree"], list_name="Second"
    )
    r = store.import_dir(tmp_path / "in")["canada"]
    assert r.ok and r.entities == 4
    assert any("1 entity ids appear on more than one list" in n and "C-2" in n for n in r.notes)
    assert store.manifest("canada")["notes"] == r.notes[:1]


def test_the_import_benchmark_runs(shared_lists, real_parsers, tmp_path):
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_import.py"
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            str(script),
            "--quick",
            "--loads",
            "2",
            "--from",
            str(shared_lists / "snapshot"),
            "--out",
            str(out),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(out.read_text())
    assert result["sources"]["canada"]["entities"] == 5_090
    assert result["entities"] == sum(v["entities"] for v in result["sources"].values())
    assert result["parquet_bytes"] > 0 and result["raw_bytes"] > result["parquet_bytes"]
    assert "import (parse + validate + write)" in run.stdout


def test_two_editions_of_one_list_in_a_folder_are_refused_by_name(shared_lists, real_parsers,
                                                                   tmp_path):
    # a new download saved beside the older one: refused, naming both files and the
    # dates they state, and the snapshot of the one edition stays
    home = tmp_path / "home"
    one = tmp_path / "one"
    one.mkdir()
    (one / "ConList.csv").symlink_to(shared_lists / "snapshot" / "uk" / "ConList.csv")
    first = store.import_dir(one, home=home)["uk"]
    assert first.ok
    both = tmp_path / "both"
    both.mkdir()
    (both / "ConList.csv").symlink_to(shared_lists / "snapshot" / "uk" / "ConList.csv")
    (both / "ConList_2023.csv").symlink_to(
        shared_lists / "uk" / "ofsi_conlist_2023-06-05" / "ConList.csv")
    report = store.import_dir(both, home=home)["uk"]
    assert not report.ok
    assert "two editions of one list (OFSI Consolidated List)" in report.reason
    assert "ConList.csv (published 2025-04-14)" in report.reason
    assert "ConList_2023.csv (published 2023-06-05)" in report.reason
    assert store.current_version("uk", home=home) == first.version


def test_a_data_home_that_is_a_file_is_a_clear_error(tmp_path):
    home = tmp_path / "home"
    home.write_text("not a folder")
    for call in (lambda: store.import_dir(tmp_path, home=home), lambda: store.load(home)):
        with pytest.raises(SnapshotError, match="the data home is a file, not a folder"):
            call()


def test_a_byte_flipped_in_a_snapshot_table_is_damage_not_other_names(imported, tmp_path):
    # zstd alone let a third of such flips through as other names ("MOROZOV" read as
    # "MORIUOV"): each page is written with its CRC, checked on load
    home = tmp_path / "home"
    shutil.copytree(imported.home / "uk", home / "uk")
    table = next((home / "uk").glob("*/names.parquet"))
    data = table.read_bytes()
    good = store.load(home, sources=["uk"]).names
    rng = random.Random(7)
    damaged = 0
    for _ in range(20):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        table.write_bytes(bytes(flipped))
        try:
            got = store.load(home, sources=["uk"]).names
        except SnapshotError as exc:
            assert "damaged snapshot" in str(exc)
            damaged += 1
        else:  # (a flip in what no reader uses, a page header's statistics: no damage)
            assert got.equals(good)
    assert damaged >= 15


# --------------------------------------------------------------------------- guards of an update


def test_a_list_that_lost_a_fifth_is_said_though_its_source_did_not(
        fake_formats, tmp_home, tmp_path):
    # OFAC's non-SDN list down to 100 of its 442 parties went through beside the SDN
    # list without a word; it is said (not refused: a list halves when a programme of
    # it is lifted, and a file cut short is refused by its format's own marks)
    big = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100, list_name="Big")
    rows = [f"S-{i}\tSmall Person {i}" for i in range(40)]
    small = fake_formats.write(tmp_path / "in" / "b.txt", "canada", rows, list_name="Small")
    assert store.import_dir(tmp_path / "in").ok
    fake_formats.write(big, "canada", 100, list_name="Big", published="2025-02-01")
    fake_formats.write(small, "canada", rows[:10], list_name="Small", published="2025-02-01")
    r = store.import_dir(tmp_path / "in")["canada"]
    assert r.ok and "the Small list holds 10 entities, 75% fewer than the current version's 40" \
        in r.notes
    fake_formats.write(small, "canada", rows[:9], list_name="Small", published="2025-03-01")
    r = store.import_dir(tmp_path / "in")["canada"]  # a tenth fewer: nothing to say
    assert r.ok and not any("fewer" in n for n in r.notes)


@pytest.mark.parametrize("text", [None, ""], ids=["missing", "empty"])
def test_a_source_whose_current_file_is_lost_is_damage_not_left_out(
        fake_formats, tmp_home, tmp_path, text):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100)
    fake_formats.write(tmp_path / "in" / "e.txt", "eu", 3)
    assert store.import_dir(tmp_path / "in").ok
    current = tmp_home / "canada" / "CURRENT"
    if text is None:
        current.unlink()
    else:
        current.write_text(text)
    # the snapshot loaded without Canada, and matched without its parties
    with pytest.raises(SnapshotError, match="CURRENT is missing or empty.*--source"):
        store.load()
    assert store.load(sources=["eu"]).entities.num_rows == 3
    # an update is checked against the version on disk: a file cut short is refused
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 10, published="2025-02-01")
    r = store.import_dir(tmp_path / "in", sources=["canada"])["canada"]
    assert not r.ok and "under half" in r.reason
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100, published="2025-02-01")
    r = store.import_dir(tmp_path / "in", sources=["canada"])["canada"]
    assert r.ok and r.notes[0].startswith("the source was damaged; ")
    assert "CURRENT is missing or empty" in r.notes[0]
    assert store.load().entities.num_rows == 103


def test_a_damaged_current_version_leaves_the_older_one_to_check_against(
        fake_formats, tmp_home, tmp_path):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100)
    store.import_dir(tmp_path / "in")
    fake_formats.write(f, "canada", 100, published="2025-02-01")
    current = store.import_dir(tmp_path / "in")["canada"].version
    (tmp_home / "canada" / current / "manifest.json").write_text("{}")
    fake_formats.write(f, "canada", 5, published="2025-03-01")  # a broken download
    r = store.import_dir(tmp_path / "in")["canada"]
    assert not r.ok and "under half" in r.reason


def test_a_table_of_another_version_copied_in_is_damage(fake_formats, tmp_home, tmp_path):
    f = fake_formats.write(tmp_path / "in" / "a.txt", "canada", 100)
    old = store.import_dir(tmp_path / "in")["canada"].version
    fake_formats.write(f, "canada", 120, published="2025-02-01")
    new = store.import_dir(tmp_path / "in")["canada"].version
    for table in ("entities.parquet", "names.parquet"):
        shutil.copy(tmp_home / "canada" / old / table, tmp_home / "canada" / new / table)
    with pytest.raises(SnapshotError, match="100 entities and 200 names where its manifest says "
                                            "120 and 240"):
        store.load()


def test_keep_is_checked_before_anything_is_imported(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    with pytest.raises(ValueError, match="'keep' must be at least 1"):
        store.import_dir(tmp_path / "in", keep=0)
    assert store.versions("canada") == [] and store.current_version("canada") is None


def test_a_folder_whose_name_is_not_utf8_is_imported(fake_formats, tmp_home, tmp_path):
    folder = tmp_path / os.fsdecode(b"T\xe9l\xe9chargements")
    fake_formats.write(folder / "a.txt", "canada", 5)
    r = store.import_dir(folder)["canada"]
    assert r.ok, r.reason
    assert store.manifest("canada")["files"][0]["origin"].endswith("a.txt")


def test_a_linked_folder_inside_the_download_folder_is_imported(fake_formats, tmp_home, tmp_path):
    fake_formats.write(tmp_path / "elsewhere" / "e.txt", "eu", 3)
    fake_formats.write(tmp_path / "in" / "a.txt", "canada", 5)
    (tmp_path / "in" / "eu").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    report = store.import_dir(tmp_path / "in")
    assert report.ok and report["eu"].entities == 3 and report["canada"].entities == 5
