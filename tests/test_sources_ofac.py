"""OFAC formats: the CSV set, SDN.XML, the advanced and the enhanced XML.

Fixture tests use excerpts cut from the real files (``tests/data/ofac_*``); ``real``
tests read the real files in ``../shared/lists`` and skip when it is absent. Each real
file is parsed once per session.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import shutil
import zipfile
from pathlib import Path

import pyarrow.compute as pc
import pytest

from screen.errors import ListFormatError
from screen.sources import (
    detect,
    ofac_advanced,
    ofac_csv,
    ofac_enhanced,
    ofac_remarks,
    ofac_xml,
    parse_files,
    read_head,
)
from screen.sources.base import ParsedList

DATA = Path(__file__).parent / "data"
# (SCREEN_SHARED_LISTS as in conftest: the other tests read the files there too)
LISTS = Path(os.environ.get("SCREEN_SHARED_LISTS",
                            Path(__file__).resolve().parents[2] / "shared" / "lists"))
SDN_CSV = DATA / "ofac_csv_sdn_2021-07"
CONS_CSV = DATA / "ofac_csv_cons_2025-12"
SDN_XML = DATA / "ofac_sdn_xml_excerpt_2020-04-22.xml"
CONS_XML = DATA / "ofac_cons_xml_excerpt_2025-06-30.xml"
CONS_ADVANCED = DATA / "ofac_cons_advanced_excerpt_2021-06-03.xml"
CONS_ENHANCED = DATA / "ofac_cons_enhanced_excerpt_2025-01-10.zip"
OFAC_MODULES = (ofac_csv, ofac_xml, ofac_advanced, ofac_enhanced)
XML_MODULES = {ofac_xml: SDN_XML, ofac_advanced: CONS_ADVANCED, ofac_enhanced: CONS_ENHANCED}


def real(*parts: str) -> Path:
    path = LISTS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real list file {path} not available (../shared/lists beside the checkout)")
    return path


def sniffed(folder: Path) -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        role = ofac_csv.sniff(p, read_head(p))
        assert role, f"{p} not recognised"
        files.setdefault(role, []).append(p)
    return files


def by_list(results: list[ParsedList]) -> dict[str, ParsedList]:
    out = {pl.list: pl for pl in results}
    assert len(out) == len(results), "two publications of the same list"
    return out


def entities(pl: ParsedList) -> dict[str, dict]:
    return {e["entity_id"]: e for e in pl.entities.to_pylist()}


def names(pl: ParsedList) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for n in pl.names.to_pylist():
        out.setdefault(n["entity_id"], []).append(n)
    return out


def entity_of(pl: ParsedList, ent: str) -> dict:
    [row] = pl.entities.filter(pc.equal(pl.entities["entity_id"], ent)).to_pylist()
    return row


def names_of(pl: ParsedList, ent: str) -> list[dict]:
    return pl.names.filter(pc.equal(pl.names["entity_id"], ent)).to_pylist()


def strong_alt_names(pl: ParsedList) -> int:
    """Names of alt.csv: every strong name but the primary (Remarks a.k.a.s are weak)."""
    t = pl.names
    mask = pc.and_(pc.not_equal(t["name_type"], "primary"), t["strong"])
    return pc.sum(mask.cast("int64")).as_py()


def raw_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [r for r in csv.reader(fh) if r and r != ["\x1a"]]


def copy_csv_set(src: Path, dst: Path, rename: dict[str, str] | None = None) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        shutil.copy(p, dst / (rename or {}).get(p.name, p.name))
    return dst


def append_rows(path: Path, lines: list[str]) -> None:
    """Add CSV lines before the file's 0x1A end marker."""
    data = path.read_bytes()
    eof = data.endswith(b"\x1a")
    body = data[:-1] if eof else data
    body += b"".join(line.encode() + b"\r\n" for line in lines)
    path.write_bytes(body + (b"\x1a" if eof else b""))


# --------------------------------------------------------------------------- recognition


@pytest.mark.parametrize("rel, module, role", [
    ("ofac_csv_sdn_2021-07/sdn.csv", ofac_csv, "primary"),
    ("ofac_csv_sdn_2021-07/alt.csv", ofac_csv, "alt"),
    ("ofac_csv_sdn_2021-07/add.csv", ofac_csv, "add"),
    ("ofac_csv_sdn_2021-07/sdn_comments.csv", ofac_csv, "comments"),
    ("ofac_csv_cons_2025-12/cons_prim.csv", ofac_csv, "primary"),
    ("ofac_csv_cons_2025-12/cons_alt.csv", ofac_csv, "alt"),
    ("ofac_csv_cons_2025-12/cons_add.csv", ofac_csv, "add"),
    ("ofac_csv_cons_2025-12/cons_comments.csv", ofac_csv, "comments"),
    ("ofac_sdn_xml_excerpt_2020-04-22.xml", ofac_xml, "main"),
    ("ofac_cons_xml_excerpt_2025-06-30.xml", ofac_xml, "main"),
    ("ofac_cons_advanced_excerpt_2021-06-03.xml", ofac_advanced, "main"),
    ("ofac_cons_enhanced_excerpt_2025-01-10.zip", ofac_enhanced, "main"),
])
def test_each_ofac_file_is_recognised_by_content_by_exactly_one_module(rel, module, role,
                                                                        tmp_path):
    renamed = tmp_path / "download (2).dat"  # users rename downloads
    shutil.copy(DATA / rel, renamed)
    found = {m: m.sniff(renamed, read_head(renamed)) for m in OFAC_MODULES}
    assert found.pop(module) == role
    assert not any(found.values())


@pytest.mark.parametrize("other", ["eu_fsf_excerpt_2026-08-05.xml",
                                   "uk_fcdo_sample_2026-09-10.xml",
                                   "uk_conlist_excerpt_2025-04-14.csv",
                                   "uk_conlist_excerpt_2025-04-14.xlsx",
                                   "canada_sema_excerpt_2025-09-22.xml"])
def test_files_of_other_authorities_are_not_claimed(other):
    path = DATA / other
    if not path.exists():
        pytest.skip(f"{other} not in tests/data")
    head = read_head(path)
    assert all(m.sniff(path, head) is None for m in OFAC_MODULES)


# --------------------------------------------------------------------------- remarks


@pytest.mark.parametrize("remarks, field, expected", [
    ("DOB Jan 1958; POB Lianshui, Jiangsu, China; Gender Male.", "birth_dates", ["Jan 1958"]),
    ("DOB Jan 1958; POB Lianshui, Jiangsu, China; Gender Male.", "birth_places",
     ["Lianshui, Jiangsu, China"]),
    ("DOB Jan 1958; POB Lianshui, Jiangsu, China; Gender Male.", "gender", "male"),
    ("DOB 1962; alt. DOB circa 1960; DOB 1962 to 1964.", "birth_dates",
     ["1962", "circa 1960", "1962 to 1964"]),
    ("nationality Pakistan; alt. nationality Afghanistan; citizen Egypt.", "nationalities",
     ["Pakistan", "Afghanistan", "Egypt"]),
    ("Nationality of Registration Korea, North; Linked To: X.", "nationalities",
     ["Korea, North"]),
    ("Passport BE5978421 (Pakistan) issued 14 Nov 2007 expires 12 Nov 2012.", "documents",
     [{"kind": "Passport", "number": "BE5978421", "country": "Pakistan",
       "note": "issued 14 Nov 2007 expires 12 Nov 2012"}]),
    ("alt. Passport Booklet A5250088 (Pakistan); National ID No. 3520025509842-7 (Pakistan).",
     "documents",
     [{"kind": "Passport Booklet", "number": "A5250088", "country": "Pakistan", "note": None},
      {"kind": "National ID No.", "number": "3520025509842-7", "country": "Pakistan",
       "note": None}]),
    ("Passport RL 1794375 (Lebanon); Registration Number HRA 738077 (Stuttgart) (Germany).",
     "documents",
     [{"kind": "Passport", "number": "RL 1794375", "country": "Lebanon", "note": None},
      {"kind": "Registration Number", "number": "HRA 738077 (Stuttgart)", "country": "Germany",
       "note": None}]),
    (("Vessel Registration Identification IMO 7406784; SWIFT/BIC VTBRRUMM; "
     "Registration ID 14063277."), "documents",
     [{"kind": "Vessel Registration Identification", "number": "IMO 7406784", "country": None,
       "note": None},
      {"kind": "SWIFT/BIC", "number": "VTBRRUMM", "country": None, "note": None},
      {"kind": "Registration ID", "number": "14063277", "country": None, "note": None}]),
    (("Website www.vtb.com; Email Address x@y.ru; Phone Number 982188526300; Organization "
     "Established Date 1969; Listing Date (EO 14024 Directive 2): 24 Feb 2022; Secondary "
     "sanctions risk: section 1(b) of Executive Order 13224."), "documents", []),
    # a label with a bracket of more words; chambers of commerce's numbers
    (("Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Istanbul "
      "Chamber of Comm. No. 451286."), "documents",
     [{"kind": "Aircraft Construction Number (also called L/N or S/N or F/N)",
       "number": "8401", "country": None, "note": None},
      {"kind": "Istanbul Chamber of Comm. No.", "number": "451286", "country": None,
       "note": None}]),
    ("a.k.a. 'BNC'.", "names", [("aka", "BNC")]),
    (("DOB 1945; a.k.a. 'ZAHAR, Mahmoud'; f.k.a. 'AL-QA'IDA IN IRAQ'; n.k.a. 'X; Y'; Linked To: "
     "HAMAS."), "names",
     [("aka", "ZAHAR, Mahmoud"), ("fka", "AL-QA'IDA IN IRAQ"), ("nka", "X; Y")]),
])
def test_remarks_facts_are_read_as_published(remarks, field, expected):
    assert getattr(ofac_remarks.parse_remarks(remarks), field) == expected


def test_non_sdn_marks_come_from_programs_or_directive_notes():
    mark = ofac_remarks.non_sdn_mark
    assert mark(["NS-PLC"], None) and mark(["CMIC-EO13959"], "") and mark(["561-Related"], "")
    assert mark(["UKRAINE-EO13662"], "Executive Order 13662 Directive Determination - Subject "
                                     "to Directive 2; Website x")
    assert not mark(["SDGT", "IRGC"], "DOB 1962; Linked To: HAMAS.")


# --------------------------------------------------------------------------- CSV fixtures


@functools.cache
def fixture_lists() -> dict[str, ParsedList]:
    files = sniffed(SDN_CSV)
    for role, paths in sniffed(CONS_CSV).items():
        files.setdefault(role, []).extend(paths)
    return by_list(ofac_csv.parse(files))


def test_sdn_and_non_sdn_csv_sets_parse_into_one_list_each_with_their_own_rows():
    lists = fixture_lists()
    assert set(lists) == {"SDN", "Consolidated (non-SDN)"}
    sdn, cons = lists["SDN"], lists["Consolidated (non-SDN)"]
    assert sdn.entities.num_rows == len(raw_rows(SDN_CSV / "sdn.csv"))
    assert cons.entities.num_rows == len(raw_rows(CONS_CSV / "cons_prim.csv"))
    assert {p.name for p in sdn.files} == {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}
    assert {p.name for p in cons.files} == {"cons_prim.csv", "cons_alt.csv", "cons_add.csv",
                                            "cons_comments.csv"}
    assert (sdn.skipped, sdn.notes, cons.skipped, cons.notes) == (0, [], 0, [])
    assert sdn.published is None  # the CSV states no date


@pytest.mark.parametrize("ent, entity_type", [
    ("29219", "person"), ("4243", "vessel"), ("15431", "aircraft"), ("29299", "organization"),
])
def test_sdn_type_gives_the_entity_type(ent, entity_type):
    assert entities(fixture_lists()["SDN"])[ent]["entity_type"] == entity_type


def test_individual_names_split_into_family_and_given_names():
    pl = fixture_lists()["SDN"]
    primary = [n for n in names(pl)["10689"] if n["name_type"] == "primary"]
    assert [(n["name"], n["family_name"], n["given_name"]) for n in primary] == [
        ("SAEED, Muhammad", "SAEED", "Muhammad")]
    org = next(n for n in names(pl)["29299"] if n["name_type"] == "primary")
    assert (org["family_name"], org["given_name"]) == (None, None)


def test_alt_csv_names_are_attached_with_their_types():
    alt = [n for n in names(fixture_lists()["SDN"])["29159"] if n["name_type"] != "primary"]
    assert {(n["name"], n["name_type"], n["strong"]) for n in alt} == {
        ("XINJIANG BUREAU OF PUBLIC SECURITY", "aka", True),
        ("PUBLIC SECURITY DEPARTMENT OF XINJIANG UYGAR AUTONOMOUS REGION", "aka", True),
        ("PUBLIC SECURITY DEPARTMENT OF XUAR", "aka", True),
        ("PUBLIC SECURITY DEPARTMENT OF THE AUTONOMOUS REGION", "aka", True),
    }


def test_remarks_akas_are_weak_names_and_do_not_repeat_alt_names():
    pl = fixture_lists()
    sdn = names(pl["SDN"])
    assert ("BNC", "aka", False) in {(n["name"], n["name_type"], n["strong"]) for n in sdn["306"]}
    assert {"HAFIZ SAHIB", "TATA JI"} <= {n["name"] for n in sdn["10689"] if not n["strong"]}
    assert ("ANA I", "fka", False) in {(n["name"], n["name_type"], n["strong"])
                                       for n in sdn["4243"]}
    cons = names(pl["Consolidated (non-SDN)"])
    texts = [n["name"].casefold() for n in cons["9647"]]
    assert len(texts) == len(set(texts))
    weak = {n["name"] for n in cons["9647"] if not n["strong"]}
    assert weak <= {"ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"} and weak


def test_comment_continuation_is_joined_to_the_cut_remarks_without_separator():
    sdn = entities(fixture_lists()["SDN"])["28263"]
    prim = {r[0]: r for r in raw_rows(SDN_CSV / "sdn.csv")}["28263"][11]
    cont = {r[0]: r for r in raw_rows(SDN_CSV / "sdn_comments.csv")}["28263"][1]
    assert len(prim) == 1000
    assert sdn["remarks"] == (prim + cont).strip()
    assert "a.k.a. 'snowsjohn'" in sdn["remarks"]  # the cut fell inside this name
    weak = {n["name"] for n in names(fixture_lists()["SDN"])["28263"] if not n["strong"]}
    assert "snowsjohn" in weak and "snowsjo" not in weak
    cons = entities(fixture_lists()["Consolidated (non-SDN)"])["17016"]
    assert "after the 'Effective Date (EO 14024 Directive)' associated" in cons["remarks"]


def test_facts_of_remarks_and_add_csv_reach_the_entity():
    e = entities(fixture_lists()["SDN"])["10689"]
    assert e["birth_dates"] == ["05 Jun 1950"] and e["birth_year_min"] == 1950
    assert e["birth_places"] == ["Sargodha, Punjab, Pakistan"]
    assert e["nationalities"] == ["Pakistan"] and e["countries"] == ["Pakistan"]
    assert {"kind": "Passport", "number": "BE5978421", "country": "Pakistan",
            "note": "issued 14 Nov 2007 expires 12 Nov 2012"} in e["documents"]
    assert e["programs"] == ["SDGT"]
    vessel = entities(fixture_lists()["SDN"])["4243"]
    assert vessel["nationalities"] == ["Cyprus"]  # the flag
    assert {"kind": "Call Sign", "number": "P3QG3", "country": None,
            "note": None} in vessel["documents"]
    cons = entities(fixture_lists()["Consolidated (non-SDN)"])
    assert cons["9647"]["programs"] == ["SDGT", "NS-PLC"]  # "SDGT] [NS-PLC"


@pytest.mark.parametrize("swap", [
    {"cons_prim.csv": "sdn.csv", "cons_alt.csv": "alt.csv", "cons_add.csv": "add.csv",
     "cons_comments.csv": "sdn_comments.csv"},
    {"cons_prim.csv": "x1.csv", "cons_alt.csv": "x2.csv", "cons_add.csv": "x3.csv",
     "cons_comments.csv": "x4.csv"},
])
def test_non_sdn_list_is_told_by_content_not_by_file_name(swap, tmp_path):
    folder = copy_csv_set(CONS_CSV, tmp_path / "cons", swap)
    [pl] = ofac_csv.parse(sniffed(folder))
    assert pl.list == "Consolidated (non-SDN)"
    folder = copy_csv_set(SDN_CSV, tmp_path / "sdn", {"sdn.csv": "cons_prim.csv"})
    [pl] = ofac_csv.parse(sniffed(folder))
    assert pl.list == "SDN"


def test_orphan_rows_are_skipped_counted_and_noted_once(tmp_path):
    folder = copy_csv_set(SDN_CSV, tmp_path / "set")
    append_rows(folder / "alt.csv", ['99999901,1,"aka","GHOST ONE",-0- ',
                                     '99999902,2,"aka","GHOST TWO",-0- '])
    append_rows(folder / "add.csv", ['99999901,7,-0- ,-0- ,"Iran",-0- '])
    [pl] = ofac_csv.parse(sniffed(folder))
    assert pl.skipped == 3
    orphan_notes = [n for n in pl.notes if "no primary file" in n]
    assert len(orphan_notes) == 1
    assert "3 alt/add/comments rows" in orphan_notes[0] and "2 ent_nums" in orphan_notes[0]
    assert "GHOST ONE" not in pl.names.column("name").to_pylist()


def test_an_isolated_row_with_the_wrong_column_count_is_skipped_and_noted(tmp_path):
    folder = copy_csv_set(SDN_CSV, tmp_path / "set")
    append_rows(folder / "sdn.csv", ['99999903,"BROKEN ROW","individual"'])
    [pl] = ofac_csv.parse(sniffed(folder))
    assert pl.skipped == 1 and pl.entities.num_rows == len(raw_rows(SDN_CSV / "sdn.csv"))
    assert any("wrong number of columns" in n for n in pl.notes)


@pytest.mark.parametrize("first_line, where", [
    (("ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,"
     "Vess_owner,Remarks"), "line 1"),
    ('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ', "line 1"),
])
def test_a_csv_whose_shape_is_wrong_from_the_start_raises_naming_file_and_line(
        first_line, where, tmp_path):
    path = tmp_path / "sdn.csv"
    path.write_bytes(first_line.encode() + b"\r\n" + (SDN_CSV / "sdn.csv").read_bytes())
    with pytest.raises(ListFormatError) as err:
        ofac_csv.parse({"primary": [path]})
    assert str(path) in str(err.value) and where in str(err.value)


def test_a_header_row_is_claimed_by_sniff_so_that_parse_can_explain(tmp_path):
    path = tmp_path / "my_export.csv"
    path.write_bytes(b"ent_num,alt_num,alt_type,alt_name,alt_remarks\r\n"
                     + (SDN_CSV / "alt.csv").read_bytes())
    assert ofac_csv.sniff(path, read_head(path)) == "alt"
    with pytest.raises(ListFormatError, match="header row"):
        ofac_csv.parse({"primary": [SDN_CSV / "sdn.csv"], "alt": [path]})


@pytest.mark.parametrize("content", [b"", b"\r\n", b"\x1a"])
def test_an_empty_csv_raises_naming_the_file(content, tmp_path):
    path = tmp_path / "sdn.csv"
    path.write_bytes(content)
    with pytest.raises(ListFormatError, match="empty") as err:
        ofac_csv.parse({"primary": [path]})
    assert str(path) in str(err.value)


def test_a_list_read_without_a_companion_file_says_so_and_lists_its_parts(tmp_path):
    full = fixture_lists()
    assert full["SDN"].parts == ("add.csv", "alt.csv", "sdn_comments.csv")
    assert full["Consolidated (non-SDN)"].parts == ("cons_add.csv", "cons_alt.csv",
                                                    "cons_comments.csv")
    folder = copy_csv_set(SDN_CSV, tmp_path / "set")
    (folder / "alt.csv").unlink()
    [pl] = ofac_csv.parse(sniffed(folder))
    assert pl.parts == ("add.csv", "sdn_comments.csv")
    assert pl.notes == ["sdn.csv: no alt.csv (its aliases) in the set: missing from SDN"]
    assert pl.names.num_rows < full["SDN"].names.num_rows


@pytest.mark.parametrize("row, mark, cut", [
    (None, b"\x1a", ""),  # as published
    (None, b"", ""),  # no mark, but every cut Remarks continued (as in 2021)
    (b'1,"an earlier entry\'s continuation"\r\n', b"\x1a", ""),  # closed: a note
    (b'1,"an earlier entry\'s continuation"\r\n', b"", "numbered past its last row"),
    # unclosed, but the continuation missing lies before its last row: not the tail a
    # cut loses, another edition's file (a note)
    (b'99999999,"a later entry\'s continuation"\r\n', b"", ""),
    # cut inside its last row, whose continuation the reader takes cut short
    (b'17016,"after the \'Effec', b"", "ends inside a row"),
])
def test_a_comments_file_without_its_end_mark_and_continuations_is_cut_short(
        row, mark, cut, tmp_path):
    folder = copy_csv_set(CONS_CSV, tmp_path / "set")
    comments = folder / "cons_comments.csv"
    if row is not None:  # the continuation of 17016's Remarks gone
        comments.write_bytes(row)
    comments.write_bytes(comments.read_bytes().rstrip(b"\x1a") + mark)
    [pl] = ofac_csv.parse(sniffed(folder))
    assert (pl.cut_short is not None) == bool(cut), pl.cut_short
    if cut == "ends inside a row":
        assert pl.cut_short == ("cons_comments.csv ends inside a row, with neither a line end "
                                "nor the end-of-file mark (0x1A)")
    elif cut:
        assert "cons_comments.csv ends without the end-of-file mark" in pl.cut_short
        assert "Remarks of entries numbered past its last row, cut at 1,000 characters, " \
            "have no continuation in it (1: " in pl.cut_short
    assert any("no continuation in cons_comments.csv: 1" in n for n in pl.notes) == \
        (row is not None and not row.startswith(b"17016"))


@pytest.mark.parametrize("second", ["alt (1).csv", "ALT.CSV", "aliases.csv"])
def test_two_files_of_one_role_for_one_list_raise(second, tmp_path):
    # two editions of alt.csv would merge their aliases; an add.csv saved as ALT.CSV
    # (a download's mix-up) leaves the list without its aliases
    folder = copy_csv_set(SDN_CSV, tmp_path / "set")
    source = folder / ("add.csv" if second == "ALT.CSV" else "alt.csv")
    (folder / second).write_bytes(source.read_bytes())
    if second == "ALT.CSV":
        (folder / "alt.csv").unlink()
    # (a name that says another file's role is named as holding another's content)
    said = ("ALT.CSV holds an OFAC add.csv file for sdn.csv, as add.csv does"
            if second == "ALT.CSV" else "two OFAC alt.csv files for sdn.csv")
    with pytest.raises(ListFormatError, match=re.escape(said)):
        ofac_csv.parse(sniffed(folder))


def test_secondary_files_without_a_primary_file_raise():
    with pytest.raises(ListFormatError, match="primary file"):
        ofac_csv.parse({"alt": [SDN_CSV / "alt.csv"]})


# --------------------------------------------------------------------------- XML fixtures


def test_sdn_xml_old_namespace_gives_names_with_types_weak_flags_and_facts():
    [pl] = ofac_xml.parse({"main": [SDN_XML]})
    assert (pl.list, pl.published, pl.entities.num_rows) == ("SDN", "2020-04-22", 3)
    assert any("Record_Count 8197" in n for n in pl.notes)
    e = entities(pl)["10689"]
    assert (e["name"], e["entity_type"], e["birth_dates"]) == (
        "SAEED, Muhammad", "person", ["05 Jun 1950"])
    assert {"kind": "Passport", "number": "BE5978421", "country": "Pakistan",
            "note": "issued 14 Nov 2007 expires 12 Nov 2012"} in e["documents"]
    n = {(x["name"], x["name_type"], x["strong"]) for x in names(pl)["10689"]}
    assert ("HAFIZ SAHIB", "aka", False) in n and ("SAEED, Hafiz", "aka", True) in n


def test_cons_xml_new_namespace_is_the_non_sdn_list_with_ids_gender_and_nationality():
    [pl] = ofac_xml.parse({"main": [CONS_XML]})
    assert (pl.list, pl.published) == ("Consolidated (non-SDN)", "2025-06-30")
    ents = entities(pl)
    assert ents["9647"]["gender"] == "male" and ents["9647"]["nationalities"] == ["Palestinian"]
    docs = {d["kind"] for d in ents["18791"]["documents"]}
    assert docs == {"Tax ID No."}  # websites and sanctions notes of idList are not documents
    assert ents["50476"]["birth_dates"] == ["12 Feb 1961"]


def test_advanced_xml_names_types_low_quality_and_non_latin_script():
    [pl] = ofac_advanced.parse({"main": [CONS_ADVANCED]})
    assert (pl.list, pl.published) == ("Consolidated (non-SDN)", "2021-06-03")
    ents = entities(pl)
    assert {k: e["entity_type"] for k, e in ents.items()} == {
        "9713": "person", "31928": "organization", "31930": "vessel"}
    assert ents["9713"]["programs"] == ["NS-PLC"] and ents["9713"]["remarks"] == "PFLP"
    person = next(n for n in names(pl)["9713"] if n["name_type"] == "primary")
    assert (person["name"], person["family_name"], person["given_name"]) == (
        "SA'DAT, Ahmad", "SA'DAT", "Ahmad")
    cyr = [n for n in names(pl)["31928"] if n["name_type"] == "non_latin"]
    assert [(n["name"], n["script"]) for n in cyr] == [
        ("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ МОРТРАНССЕРВИС", "Cyrillic")]
    weak = [n["name"] for n in names(pl)["31930"] if not n["strong"]]
    assert weak == ["Balt. Issledovatel"]
    assert ents["31930"]["nationalities"] == ["Russia"]
    assert {"kind": "Tax ID No.", "number": "7707847556", "country": "Russia",
            "note": None} in ents["31928"]["documents"]


@pytest.mark.parametrize("period, text", [
    (((1962, 1, 1), (1962, 12, 31)), "1962"),
    (((1958, 1, 1), (1958, 1, 31)), "Jan 1958"),
    (((1950, 6, 5), (1950, 6, 5)), "05 Jun 1950"),
    (((1962, 1, 1), (1964, 12, 31)), "1962 to 1964"),
])
def test_advanced_date_periods_are_written_the_ofac_way(period, text):
    from xml.etree import ElementTree as ET

    (y1, m1, d1), (y2, m2, d2) = period

    def ymd(y, m, d):
        return f"<Year>{y}</Year><Month>{m}</Month><Day>{d}</Day>"

    dp = ET.fromstring(
        f"<DatePeriod><Start><From>{ymd(y1, m1, d1)}</From><To>{ymd(y1, m1, d1)}</To></Start>"
        f"<End><From>{ymd(y2, m2, d2)}</From><To>{ymd(y2, m2, d2)}</To></End></DatePeriod>")
    assert ofac_advanced.period_text(dp) == text


def test_enhanced_xml_from_the_zip_and_from_the_plain_file_are_the_same(tmp_path):
    [from_zip] = ofac_enhanced.parse({"main": [CONS_ENHANCED]})
    with zipfile.ZipFile(CONS_ENHANCED) as zf:
        plain = tmp_path / "CONS_ENHANCED.XML"
        plain.write_bytes(zf.read(zf.namelist()[0]))
    [from_xml] = ofac_enhanced.parse({"main": [plain]})
    assert from_zip.entities.equals(from_xml.entities) and from_zip.names.equals(from_xml.names)
    assert (from_zip.list, from_zip.published) == ("Consolidated (non-SDN)", "2025-01-10")


def test_enhanced_xml_translations_low_quality_and_facts():
    [pl] = ofac_enhanced.parse({"main": [CONS_ENHANCED]})
    by_id = names(pl)
    scripts = {n["script"] for ns in by_id.values() for n in ns if n["name_type"] == "non_latin"}
    assert scripts == {"Cyrillic", "Han"}
    assert {(n["name"], n["strong"]) for n in by_id["9647"] if n["name_type"] == "aka"} >= {
        ("ZAHAR, Mahmoud", False)}
    e = entities(pl)["26182"]
    assert (e["gender"], e["birth_dates"], e["nationalities"]) == ("male", ["08 Feb 1980"],
                                                                   ["Turkey"])
    assert e["documents"] == [{"kind": "Passport", "number": "U00242309", "country": "Turkey",
                               "note": None}]
    assert str(e["listed_on"]) == "2019-02-07"


def xml_bytes(module) -> bytes:
    """The XML of a module's excerpt (unzipped where it is a ZIP)."""
    src = XML_MODULES[module]
    if src.suffix == ".zip":
        with zipfile.ZipFile(src) as zf:
            return zf.read(zf.namelist()[0])
    return src.read_bytes()


@pytest.mark.parametrize("module", list(XML_MODULES), ids=lambda m: m.NAME)
def test_each_ofac_xml_zipped_as_ofac_publishes_it_imports_like_the_plain_file(module,
                                                                              tmp_path):
    # SDN_XML.ZIP and CONS_XML.ZIP were refused by detect(), failing the whole source
    data = xml_bytes(module)
    plain, zipped = tmp_path / "plain" / "list.xml", tmp_path / "zipped" / "LIST_XML.ZIP"
    for p in (plain, zipped):
        p.parent.mkdir()
    plain.write_bytes(data)
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("list.xml", data)
    assert detect(zipped)[0] is module
    [a], [b] = parse_files([plain]), parse_files([zipped])
    assert a.entities.num_rows > 0
    assert a.entities.equals(b.entities) and a.names.equals(b.names)


def test_a_zipped_ofac_csv_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "sdn.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(DATA / "ofac_csv_sdn_2021-07" / "sdn.csv", "sdn.csv")
    with pytest.raises(ListFormatError, match="unzip it"):
        detect(path)


@pytest.mark.parametrize("module", list(XML_MODULES), ids=lambda m: m.NAME)
def test_a_truncated_xml_raises_naming_the_file_and_line(module, tmp_path):
    data = xml_bytes(module)
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ListFormatError, match=r"line \d+") as err:
        module.parse({"main": [path]})
    assert str(path) in str(err.value)


def test_a_broken_zip_member_is_named_as_archive_and_member(tmp_path):
    with zipfile.ZipFile(CONS_ENHANCED) as zf:
        member = zf.namelist()[0]
        data = zf.read(member)
    path = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, data[: len(data) // 2])
    with pytest.raises(ListFormatError, match=r"line \d+") as err:
        ofac_enhanced.parse({"main": [path]})
    assert f"{path}!{member}" in str(err.value)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(CONS_ENHANCED.read_bytes()[:2000])
    with pytest.raises(ListFormatError, match="ZIP"):
        ofac_enhanced.parse({"main": [damaged]})


def test_xml_with_a_dtd_is_refused(tmp_path):
    text = SDN_XML.read_text(encoding="utf-8")
    bomb = text.replace('standalone="yes"?>',
                        'standalone="yes"?>\n<!DOCTYPE sdnList [<!ENTITY a "aaaa">]>', 1)
    path = tmp_path / "dtd.xml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(ListFormatError, match="DTD"):
        ofac_xml.parse({"main": [path]})


def test_an_xml_record_without_its_key_is_skipped_and_noted(tmp_path):
    text = SDN_XML.read_text(encoding="utf-8")
    path = tmp_path / "sdn.xml"
    path.write_text(text.replace("<uid>19187</uid>", "", 1), encoding="utf-8")
    [pl] = ofac_xml.parse({"main": [path]})
    assert pl.skipped == 1 and pl.entities.num_rows == 2
    assert any("without uid" in n for n in pl.notes)


@pytest.mark.parametrize("module", list(XML_MODULES), ids=lambda m: m.NAME)
def test_another_xml_given_to_an_ofac_parser_raises(module):
    with pytest.raises(ListFormatError) as err:
        module.parse({"main": [DATA / "ofac_sdn_xml_excerpt_2020-04-22.xml"
                               if module is not ofac_xml else CONS_ADVANCED]})
    assert "where the" in str(err.value)


# --------------------------------------------------------------------------- real files


@functools.cache
def snapshot_lists() -> dict[str, ParsedList]:
    return by_list(ofac_csv.parse(sniffed(real("snapshot", "ofac"))))


@functools.cache
def matched_set() -> ParsedList:
    [pl] = ofac_csv.parse(sniffed(real("ofac", "matched_set_2021-07")))
    return pl


@pytest.mark.parametrize("list_name, total, types", [
    ("SDN", 14965, {"person": 6854, "vessel": 851, "aircraft": 376, "organization": 6884}),
    ("Consolidated (non-SDN)", 442, {"person": 79, "organization": 363}),
])
def test_real_snapshot_lists_have_the_published_entry_counts(list_name, total, types):
    pl = snapshot_lists()[list_name]
    got = pl.entities.column("entity_type").to_pylist()
    assert len(got) == total
    assert {t: got.count(t) for t in set(got)} == types
    assert len(set(pl.entities.column("entity_id").to_pylist())) == total


def test_real_non_sdn_list_gets_all_its_1073_alt_rows():
    folder = real("snapshot", "ofac")
    alt = raw_rows(folder / "cons_alt.csv")
    assert len(alt) == 1073
    pl = snapshot_lists()["Consolidated (non-SDN)"]
    # two alt rows publish their party's primary name again (18282, 18721): the
    # name is one, the primary
    primary = {r[0]: r[1].strip() for r in raw_rows(folder / "cons_prim.csv")}
    again = {(r[0], r[3].strip(), r[2]) for r in alt if primary.get(r[0]) == r[3].strip()}
    assert {e for e, _, _ in again} == {"18282", "18721"}
    assert strong_alt_names(pl) == len({(r[0], r[3].strip(), r[2]) for r in alt} - again)
    names = pl.names.filter(pc.field("entity_id") == "18282").column("name").to_pylist()
    assert names.count("OJSC NOVOKUYBYSHEV REFINERY") == 1


def test_real_snapshot_orphans_are_counted_and_noted_once():
    folder = real("snapshot", "ofac")
    known = {r[0] for f in ("sdn.csv", "cons_prim.csv") for r in raw_rows(folder / f)}
    rows = [r for f in ("alt.csv", "add.csv", "sdn_comments.csv", "cons_alt.csv",
                        "cons_add.csv", "cons_comments.csv")
            for r in raw_rows(folder / f) if r[0] not in known]
    ents = {r[0] for r in rows}
    assert 4800 < len(ents) < 5000  # "about 4,900" in PROVENANCE.md
    lists = snapshot_lists()
    notes = [n for pl in lists.values() for n in pl.notes if "no primary file" in n]
    assert len(notes) == 1
    assert f"{len(rows):,} alt/add/comments rows" in notes[0]
    assert f"{len(ents):,} ent_nums" in notes[0]
    assert sum(pl.skipped for pl in lists.values()) >= len(rows)


def test_real_matched_set_attaches_all_11910_alt_rows_without_orphans():
    folder = real("ofac", "matched_set_2021-07")
    alt = raw_rows(folder / "alt.csv")
    assert len(alt) == 11910
    pl = matched_set()
    assert (pl.list, pl.entities.num_rows, pl.skipped, pl.notes) == ("SDN", 8976, 0, [])
    # two alt rows repeat another; four publish their party's primary name again
    primary = {r[0]: r[1].strip() for r in raw_rows(folder / "sdn.csv")}
    again = {(r[0], r[3].strip(), r[2]) for r in alt if primary.get(r[0]) == r[3].strip()}
    assert len(again) == 4
    assert strong_alt_names(pl) == len({(r[0], r[3].strip(), r[2]) for r in alt} - again)


XINJIANG = [
    ("29219", "ZHU, Hailun", "Jan 1958", 1958),
    ("31492", "WANG, Junzheng", "May 1963", 1963),
    ("31493", "CHEN, Mingguo", "Oct 1966", 1966),
    ("29162", "WANG, Mingshan", "Jan 1964", 1964),
]


@pytest.mark.parametrize("source", ["snapshot", "matched_set"])
@pytest.mark.parametrize("ent, name, dob, year", XINJIANG)
def test_real_xinjiang_designations_have_published_names_and_birth_dates(source, ent, name,
                                                                         dob, year):
    pl = snapshot_lists()["SDN"] if source == "snapshot" else matched_set()
    e = entity_of(pl, ent)
    assert (e["name"], e["entity_type"], e["programs"]) == (name, "person", ["GLOMAG"])
    assert e["birth_dates"] == [dob]
    assert (e["birth_year_min"], e["birth_year_max"]) == (year, year)
    assert "China" in e["countries"] and e["gender"] == "male"
    family, given = name.split(", ")
    primary = [n for n in names_of(pl, ent) if n["name_type"] == "primary"]
    assert [(n["family_name"], n["given_name"]) for n in primary] == [(family, given)]


@pytest.mark.parametrize("source", ["snapshot", "matched_set"])
def test_real_xinjiang_entities_with_their_alt_names(source):
    pl = snapshot_lists()["SDN"] if source == "snapshot" else matched_set()
    xpcc = entity_of(pl, "29299")
    assert (xpcc["name"], xpcc["entity_type"]) == ("XINJIANG PRODUCTION AND CONSTRUCTION CORPS",
                                                   "organization")
    alt = sorted(n["name"] for n in names_of(pl, "29159") if n["name_type"] == "aka")
    assert alt == ["PUBLIC SECURITY DEPARTMENT OF THE AUTONOMOUS REGION",
                   "PUBLIC SECURITY DEPARTMENT OF XINJIANG UYGAR AUTONOMOUS REGION",
                   "PUBLIC SECURITY DEPARTMENT OF XUAR",
                   "XINJIANG BUREAU OF PUBLIC SECURITY"]


def test_real_every_simple_remarks_aka_becomes_a_name_of_its_entity():
    pl = snapshot_lists()["SDN"]
    by_id: dict[str, set[str]] = {}
    for ent, text in zip(pl.names["entity_id"].to_pylist(), pl.names["name"].to_pylist()):
        by_id.setdefault(ent, set()).add(text)
    checked = 0
    for ent, remarks in zip(pl.entities["entity_id"].to_pylist(),
                            pl.entities["remarks"].to_pylist()):
        for text in re.findall(r"\b[afn]\.k\.a\. '([^']+)'(?=[;.]|$)", remarks or ""):
            assert text in by_id[ent], (ent, text)
            checked += 1
    assert checked > 3500


def test_real_cons_xml_counts():
    [pl] = ofac_xml.parse({"main": [real("ofac", "consolidated_xml", "CONS_2025-06-30.xml")]})
    assert (pl.list, pl.published, pl.entities.num_rows, pl.skipped) == (
        "Consolidated (non-SDN)", "2025-06-30", 443, 0)
    types = pl.entities.column("entity_type").to_pylist()
    assert (types.count("person"), types.count("organization")) == (80, 363)
    kinds = pl.names.column("name_type").to_pylist()
    # 1136 <aka> elements, one of which repeats its party's primary name (18721)
    assert len(kinds) - kinds.count("primary") == 1135
    vtb = pl.names.filter(pc.field("entity_id") == "18721")
    assert vtb.column("name").to_pylist().count("VTB BANK BELARUS CLOSED JOINT STOCK COMPANY") == 1
    assert pl.notes == []  # Record_Count 443 matches


def test_real_sdn_xml_sample_counts():
    [pl] = ofac_xml.parse({"main": [real("ofac", "samples", "SDN.XML_sample_2020-04-22.xml")]})
    kinds = pl.names.column("name_type").to_pylist()
    assert (pl.list, pl.entities.num_rows, len(kinds) - kinds.count("primary")) == ("SDN", 8, 27)


def test_real_advanced_xml_counts():
    [pl] = ofac_advanced.parse(
        {"main": [real("ofac", "consolidated_xml", "CONS_ADVANCED_2021-06-03.xml")]})
    assert (pl.list, pl.published, pl.entities.num_rows, pl.skipped) == (
        "Consolidated (non-SDN)", "2021-06-03", 446, 0)
    kinds = pl.names.column("name_type").to_pylist()
    assert kinds.count("primary") == 446 and kinds.count("non_latin") == 4
    e = entity_of(pl, "9639")
    assert (e["birth_dates"], e["birth_places"], str(e["listed_on"])) == (
        ["1962"], ["Shati"], "2006-04-12")
    assert all(pl.entities["programs"].to_pylist())
    # a citizenship given as a Location with the country in a LocationPart only
    # (14 parties, every such feature of the file), as the other editions give it
    assert entity_of(pl, "17526")["nationalities"] == ["Switzerland"]
    assert entity_of(pl, "23552")["nationalities"] == ["Russia"]
    assert sum(1 for n in pl.entities["nationalities"].to_pylist() if n) >= 14 + 11


def test_real_enhanced_zip_counts():
    [pl] = ofac_enhanced.parse(
        {"main": [real("ofac", "consolidated_xml", "CONS_ENHANCED_2025-01-10.ZIP")]})
    assert (pl.list, pl.published, pl.entities.num_rows, pl.skipped) == (
        "Consolidated (non-SDN)", "2025-01-10", 443, 0)
    rows = pl.names.to_pylist()
    # 1579 <name> elements; one alias of 18721 repeats its primary name
    assert sum(n["name_type"] != "non_latin" for n in rows) == 1578
    assert sum(1 for n in rows if n["name_type"] != "non_latin" and not n["strong"]) == 70
    assert {n["script"] for n in rows if n["name_type"] == "non_latin"} == {"Cyrillic", "Han"}
