"""UK: OFSI ConList (CSV and XLSX editions) and the FCDO UK Sanctions List XML."""

from __future__ import annotations

import csv
import functools
import os
import re
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from screen.errors import ListFormatError
from screen.sources import read_head, uk_conlist, uk_fcdo
from screen.sources.base import bracketed_names

DATA = Path(__file__).parent / "data"
# (SCREEN_SHARED_LISTS as in conftest: the other tests read the files there too)
LISTS = Path(os.environ.get("SCREEN_SHARED_LISTS",
                            Path(__file__).resolve().parents[2] / "shared" / "lists"))
CSV_EXCERPT = DATA / "uk_conlist_excerpt_2025-04-14.csv"
XLSX_EXCERPT = DATA / "uk_conlist_excerpt_2025-04-14.xlsx"
FCDO_SAMPLE = DATA / "uk_fcdo_sample_2026-09-10.xml"
REAL_2025_CSV = LISTS / "uk" / "ofsi_conlist_2025-04-14" / "ConList.csv"
REAL_2025_XLSX = LISTS / "uk" / "ofsi_conlist_2025-04-14" / "ConList.xlsx"
REAL_2023_CSV = LISTS / "uk" / "ofsi_conlist_2023-06-05" / "ConList.csv"
REAL_2023_XLSX = LISTS / "uk" / "ofsi_conlist_2023-06-05" / "ConList.xlsx"
OLD_HEADER_SAMPLE = LISTS / "uk" / "samples" / "ConList.csv_sample_2020-04-27.csv"


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real list file {path} not available (../shared/lists beside the checkout)")
    return path


@functools.cache
def conlist(path: Path):
    """Parse once per test session; returns (ParsedList, entities by id, names by id).
    The parse time is kept on the ParsedList as ``seconds``."""
    role = "xlsx" if path.suffix == ".xlsx" else "main"
    start = time.perf_counter()
    [pl] = uk_conlist.parse({role: [path]})
    pl.seconds = time.perf_counter() - start
    ents = {e["entity_id"]: e for e in pl.entities.to_pylist()}
    names: dict[str, list[dict]] = {}
    for n in pl.names.to_pylist():
        names.setdefault(n["entity_id"], []).append(n)
    return pl, ents, names


# ---------------------------------------------------------------- recognition

@pytest.mark.parametrize("fixture, module, role", [
    (CSV_EXCERPT, uk_conlist, "main"),
    (XLSX_EXCERPT, uk_conlist, "xlsx"),
    (FCDO_SAMPLE, uk_fcdo, "main"),
])
def test_sniff_recognises_uk_files_by_content_whatever_their_name(fixture, module, role,
                                                                  tmp_path):
    renamed = tmp_path / "renamed.dat"
    shutil.copy(fixture, renamed)
    assert module.sniff(renamed, read_head(renamed)) == role


@pytest.mark.parametrize("module, other", [
    (uk_conlist, FCDO_SAMPLE),
    (uk_conlist, DATA / "eu_fsf_excerpt_2026-08-05.xml"),
    (uk_conlist, DATA / "canada_sema_excerpt_2025-09-22.xml"),
    (uk_fcdo, CSV_EXCERPT),
    (uk_fcdo, XLSX_EXCERPT),
    (uk_fcdo, DATA / "canada_sema_excerpt_2025-09-22.xml"),
])
def test_sniff_leaves_other_formats_alone(module, other):
    assert module.sniff(other, read_head(other)) is None


# ---------------------------------------------------------------- ConList, real files

@pytest.mark.parametrize("path, published, groups, persons, entities, ships", [
    (REAL_2025_CSV, "2025-04-14", 4688, 3663, 1010, 15),
    (REAL_2023_CSV, "2023-06-05", 3993, 3231, 747, 15),
    pytest.param(REAL_2025_XLSX, "2025-04-14", 4688, 3663, 1010, 15, marks=pytest.mark.slow),
    pytest.param(REAL_2023_XLSX, "2023-06-05", 3993, 3231, 747, 15, marks=pytest.mark.slow),
])
def test_real_conlist_gives_one_entity_per_group_id(path, published, groups, persons,
                                                    entities, ships):
    pl, ents, names = conlist(real(path))
    assert pl.published == published
    assert pl.entities.num_rows == groups == len(ents)
    types = [e["entity_type"] for e in ents.values()]
    assert (types.count("person"), types.count("organization"), types.count("vessel")) == (
        persons, entities, ships)
    assert pl.skipped == 0 and pl.notes == []
    assert set(names) == set(ents)
    assert all(e["programs"] and e["listed_on"] for e in ents.values())
    if path.suffix == ".csv":
        assert pl.seconds < 20  # about 2 s for the 15 MB CSV; catches a quadratic slip


def test_real_2025_non_latin_names_appear_byte_for_byte():
    path = real(REAL_2025_CSV)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, rows = rows[1], rows[2:]
    gi, ni = header.index("Group ID"), header.index("Name Non-Latin Script")
    published = [(r[gi], r[ni]) for r in rows if r[ni]]
    assert len(published) == 3990
    _, _, names = conlist(path)
    non_latin = {(n["entity_id"], n["name"]) for ns in names.values() for n in ns
                 if n["name_type"] == "non_latin"}
    assert {(g, text.strip()) for g, text in published} == non_latin
    assert all(text == text.strip() for _, text in published)  # so nothing was trimmed


XINJIANG = [
    # group, Name 6, Name 1, DOB, town of birth
    ("14078", "ZHU", "HAILUN", "01/1958", "Lianshui, Jangsu"),
    ("14077", "WANG", "JUNZHENG", "05/1963", "Shandong, Linyi"),
    ("14076", "WANG", "MINGSHAN", "01/1964", "Wuwei, Gansu"),
    ("14074", "CHEN", "MINGGUO", "10/1966", "Yilong, Sichuan"),
]


@pytest.mark.parametrize("source", [CSV_EXCERPT, REAL_2025_CSV, REAL_2023_CSV],
                         ids=["excerpt", "2025", "2023"])
@pytest.mark.parametrize("group, family, given, dob, town", XINJIANG)
def test_xinjiang_persons_of_22_march_2021_with_names_and_birth_dates(source, group, family,
                                                                    given, dob, town):
    _, ents, names = conlist(real(source))
    e = ents[group]
    assert e["entity_type"] == "person"
    assert e["name"] == f"{given} {family}"
    assert e["birth_dates"] == [dob]
    assert e["birth_places"] == [f"{town}, China"]
    assert e["programs"] == ["Global Human Rights"]
    assert e["listed_on"] == date(2021, 3, 22)
    assert e["gender"] == "male"
    [n] = names[group]
    assert (n["name_type"], n["family_name"], n["given_name"]) == ("primary", family, given)


@pytest.mark.parametrize("source", [CSV_EXCERPT, XLSX_EXCERPT, REAL_2025_CSV],
                         ids=["csv", "xlsx", "real"])
def test_xpcc_public_security_bureau_has_its_akas(source):
    _, ents, names = conlist(real(source))
    e = ents["14079"]
    assert e["entity_type"] == "organization"
    assert e["name"] == "XINJIANG PRODUCTION AND CONSTRUCTION CORPS PUBLIC SECURITY BUREAU"
    assert e["listed_on"] == date(2021, 3, 22)
    assert [(n["name"], n["name_type"]) for n in names["14079"]] == [
        ("XINJIANG PRODUCTION AND CONSTRUCTION CORPS PUBLIC SECURITY BUREAU", "primary"),
        ("XINJIANG SHENGCHAN JIANSHE BINGTUAN GONG'AN JU", "aka"),
        ("XPCC PSB", "aka"),
    ]
    assert all(n["family_name"] is None for n in names["14079"])


# ---------------------------------------------------------------- ConList, details

def test_xlsx_edition_gives_the_same_tables_as_the_csv_edition():
    csv_pl, _, _ = conlist(CSV_EXCERPT)
    xlsx_pl, _, _ = conlist(XLSX_EXCERPT)
    assert xlsx_pl.published == csv_pl.published == "2025-04-14"
    assert xlsx_pl.entities.equals(csv_pl.entities)
    assert xlsx_pl.names.equals(csv_pl.names)


def test_both_editions_of_one_list_in_a_folder_are_parsed_once():
    out = uk_conlist.parse({"main": [CSV_EXCERPT], "xlsx": [XLSX_EXCERPT]})
    assert len(out) == 1
    assert any("XLSX edition of the same list" in n for n in out[0].notes)


def test_alias_types_quality_and_non_latin_rows_map_to_name_types():
    _, _ents, names = conlist(CSV_EXCERPT)
    by = {(n["entity_id"], n["name"]): n for ns in names.values() for n in ns}
    types = {n["name_type"] for n in by.values()}
    assert types == {"primary", "aka", "fka", "non_latin"}
    assert any(not n["strong"] for n in by.values())  # "Low quality" aliases
    assert all(n["strong"] for n in by.values() if n["name_type"] == "primary")
    zh = [n for n in by.values() if n["script"] == "Han"]
    assert zh and all(n["name_type"] == "non_latin" for n in zh)
    assert {n["language"] for n in zh} == {"Chinese"}


def test_a_name_published_as_a_low_and_a_good_quality_alias_is_no_weak_alias():
    # group 6995 gives "Sheikh Hassan Dahir AWEYS" as an AKA of each quality
    _, _ents, names = conlist(real(REAL_2025_CSV))
    strong = {n["name"]: n["strong"] for n in names["6995"]}
    assert strong["Sheikh Hassan Dahir AWEYS"] is True


def test_a_primary_name_published_again_as_an_alias_is_one_primary_name():
    # 40 groups repeat their primary name as an alias row; 6995 gives the alias
    # first, 12922 the primary name first
    _, _ents, names = conlist(real(REAL_2025_CSV))
    for group, name in (("6995", "Hassan Dahir AWEYS"), ("12922", "Sergey Valeryevich AKSYONOV")):
        rows = [n for n in names[group] if n["name"] == name]
        assert [(n["name_type"], n["strong"]) for n in rows] == [("primary", True)]
        assert rows[0]["family_name"]  # the primary row's name parts, not the alias row's
    texts = [(n["entity_id"], n["name"]) for ns in names.values() for n in ns]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("group, name, language", [
    ("16324", "محسن عبد الكريم علي", "Arabic"),  # the language on the first row only
    ("15320", "Сергей МИХАЙЛОВ", "Russian"),  # ... on a later row only
])
def test_a_non_latin_name_takes_the_language_any_of_its_rows_gives(group, name, language):
    _, _ents, names = conlist(real(REAL_2025_CSV))
    assert [n["language"] for n in names[group] if n["name"] == name] == [language]


@pytest.mark.parametrize("group, name", [
    # the name before its acronym in brackets: "Technical Industries Corporation" met
    # "TECHNICAL INDUSTRIES CORPORATION (TIC)" at 82.5
    ("13235", "TECHNICAL INDUSTRIES CORPORATION"),
    # ... a name published only so, which no screen found
    ("15715", "ISLAMIC STATE IN IRAQ AND THE LEVANT IN SOUTH-EAST ASIA"),
    # the names on either side of "A.K.A"
    ("14035", "DANA HOLDINGS"), ("14035", "DANA ASTRA"),
])
def test_names_a_published_name_holds_are_its_aliases(group, name):
    _, _ents, names = conlist(real(REAL_2025_CSV))
    got = {n["name"]: n for n in names[group]}
    assert got[name]["strong"] is True and got[name]["name_type"] != "primary"
    # the acronyms are no names of their own ("HM", "AIG", "IRA" met "H&M" at 100)
    assert "TIC" not in got and "ISIL-SEA" not in got


def test_the_name_before_brackets_is_an_alias_only_before_its_acronym():
    assert bracketed_names("Минский автомобильный завод (МАЗ)") == ["Минский автомобильный завод"]
    assert bracketed_names("ADF (ALLIED DEMOCRATIC FORCES)") == ["ALLIED DEMOCRATIC FORCES"]
    # a place, a branch, a legal form may be all that makes the name the party's
    for name in ("PJSC VTB BANK (KIEV)", "AL-HARAMAIN (AFGHANISTAN BRANCH)",
                 "Soap Factory (Paung)", "Alp Company (PJS)", "BNK (UK)", "MZKT (X Y Z)"):
        assert bracketed_names(name) == [], name
    # brackets inside the name, or before others, or cut: not read
    assert bracketed_names("Dzmitry (Zmitser) Karsiuk") == []
    assert bracketed_names("A (B)/C (D)") == bracketed_names("ACME) (XA)") == []
    assert bracketed_names("AKA INTEGRAL SERVICES") == bracketed_names("YK-AKA") == []
    assert bracketed_names("X A.K.A. (Y)") == ["X"]


def test_group_without_a_primary_name_row_takes_its_first_row_as_name():
    _, ents, names = conlist(CSV_EXCERPT)
    assert ents["16789"]["name"] == names["16789"][0]["name"]
    assert "primary" not in {n["name_type"] for n in names["16789"]}


def test_numbered_passports_are_split_into_documents():
    _, ents, _ = conlist(CSV_EXCERPT)
    docs = ents["13325"]["documents"]
    assert len(docs) >= 2 and all(d["kind"] == "passport" and d["number"] for d in docs)
    assert not any(d["number"].startswith("(") for d in docs)


def test_older_header_with_ni_details_and_prime_alias_is_read():
    path = real(OLD_HEADER_SAMPLE)
    pl, ents, names = conlist(path)
    assert pl.published == "2020-04-27"
    assert pl.entities.num_rows == 6
    hojati = ents["9053"]
    assert hojati["name"] == "Mohsen HOJATI"
    assert [n["name_type"] for n in names["9053"]] == ["primary", "non_latin"]
    assert names["9053"][1]["name"] == "محسن حجتی"
    assert names["9053"][1]["language"] == "Persian"
    # "10/00/1983" (month unknown) -> year; "00/04/1984" (day unknown) -> month/year
    assert ents["13063"]["birth_dates"] == ["05/07/1983", "1983", "04/1984"]


@pytest.mark.parametrize("published, kept", [
    ("12/05/1958", "12/05/1958"),
    ("01/1958", "01/1958"),
    ("1958", "1958"),
    ("00/00/1960", "1960"),
    ("00/09/1962", "09/1962"),
    ("dd/mm/1945", "1945"),
    ("dd/05/1945", "05/1945"),
    ("", None),
])
def test_birth_date_placeholders_are_dropped(published, kept):
    assert uk_conlist.uk_birth_date(published) == kept


def _edited_copy(tmp_path: Path, edit) -> Path:
    """A copy of the CSV excerpt with ``edit(rows)`` applied to its rows."""
    with open(CSV_EXCERPT, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    out = tmp_path / "ConList.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return out


def _rename(column: str, new: str | None):
    def edit(rows):
        i = rows[1].index(column)
        if new is None:
            for r in rows[1:]:
                del r[i]
        else:
            rows[1][i] = new
    return edit


@pytest.mark.parametrize("edit", [
    _rename("Group ID", "Group Number"),
    _rename("DOB", None),
    _rename("Alias Type", "Name Type"),
], ids=["renamed", "missing", "renamed-alias-type"])
def test_changed_header_raises_naming_file_and_line_2(tmp_path, edit):
    path = _edited_copy(tmp_path, edit)
    with pytest.raises(ListFormatError) as err:
        uk_conlist.parse({"main": [path]})
    assert str(path) in str(err.value) and "line 2" in str(err.value)


def test_file_without_the_last_updated_row_is_refused_at_line_1(tmp_path):
    path = _edited_copy(tmp_path, lambda rows: rows.pop(0))
    with pytest.raises(ListFormatError, match="line 1"):
        uk_conlist.parse({"main": [path]})


def test_row_without_group_id_is_skipped_counted_and_noted(tmp_path):
    def edit(rows):
        gi = rows[1].index("Group ID")
        next(r for r in rows[2:] if r[gi] == "14078")[gi] = ""
    path = _edited_copy(tmp_path, edit)
    [pl] = uk_conlist.parse({"main": [path]})
    assert pl.skipped == 1
    assert pl.notes == ["1 rows skipped: no Group ID or no name"]
    assert "14078" not in set(pl.entities.column("entity_id").to_pylist())


def test_xlsx_row_whose_trailing_cells_are_left_out_is_read_as_empty_cells(tmp_path):
    path = tmp_path / "ConList.xlsx"
    with zipfile.ZipFile(XLSX_EXCERPT) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                # drop the last cell (Group ID, column AJ) of row 3
                data, n = re.subn(rb'<c r="AJ3"[^>]*>.*?</c>', b"", data)
                assert n == 1
            zout.writestr(info, data)
    [pl] = uk_conlist.parse({"xlsx": [path]})
    assert pl.skipped == 1
    assert pl.notes == ["1 rows skipped: no Group ID or no name"]


def test_damaged_xlsx_raises_list_format_error(tmp_path):
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(XLSX_EXCERPT.read_bytes()[:3000])
    with pytest.raises(ListFormatError) as err:
        uk_conlist.parse({"xlsx": [path]})
    assert str(path) in str(err.value)


# ---------------------------------------------------------------- FCDO UK Sanctions List

@functools.cache
def fcdo(path: Path = FCDO_SAMPLE):
    [pl] = uk_fcdo.parse({"main": [path]})
    ents = {e["entity_id"]: e for e in pl.entities.to_pylist()}
    names: dict[str, list[dict]] = {}
    for n in pl.names.to_pylist():
        names.setdefault(n["entity_id"], []).append(n)
    return pl, ents, names


def test_fcdo_sample_gives_five_designations_ten_names_two_non_latin():
    pl, ents, names = fcdo()
    assert pl.published == "2026-09-10"
    assert pl.list == "UK Sanctions List"
    assert list(ents) == ["AFG0001", "AFG0006", "BEL0107", "DPR0075", "AQD0195"]
    all_names = [n for ns in names.values() for n in ns]
    assert sum(n["name_type"] != "non_latin" for n in all_names) == 10
    assert sum(n["name_type"] == "non_latin" for n in all_names) == 2
    assert [e["entity_type"] for e in ents.values()] == [
        "organization", "person", "organization", "vessel", "person"]


def test_fcdo_names_types_and_strength():
    _, _ents, names = fcdo()
    assert [(n["name"], n["name_type"], n["strong"]) for n in names["BEL0107"]] == [
        ("BNK (UK) Ltd", "primary", True),
        ("BNK UK Limited", "aka", True),
        ("BNK", "aka", False),
    ]
    akhund = names["AFG0006"]
    assert (akhund[0]["name"], akhund[0]["given_name"], akhund[0]["family_name"]) == (
        "MOHAMMAD HASSAN AKHUND", "MOHAMMAD HASSAN", "AKHUND")
    assert akhund[1]["name_type"] == "aka"  # Primary Name Variation
    assert akhund[2] == {**akhund[2], "name": "محمد حسن آخوند", "name_type": "non_latin",
                         "script": "Arabic"}


def test_fcdo_individual_details():
    _, ents, _ = fcdo()
    e = ents["AFG0006"]
    assert e["listed_on"] == date(2001, 1, 25)
    assert e["programs"] == ["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]
    assert e["birth_dates"] == ["12/05/1958", "1945", "1946"]
    assert (e["birth_year_min"], e["birth_year_max"]) == (1945, 1958)
    assert e["nationalities"] == ["Afghanistan"]
    assert e["gender"] == "male"
    assert e["birth_places"] == ["Pashmul village, Panjwai District, Afghanistan"]
    assert [d["number"] for d in e["documents"]] == ["P04581926", "2132370"]
    assert ents["DPR0075"]["documents"][0] == {"kind": "IMO number", "number": "IMO9562233",
                                               "country": None, "note": None}
    assert ents["AFG0001"]["countries"] == ["Afghanistan", "United Arab Emirates"]


def _fcdo_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = FCDO_SAMPLE.read_text("utf-8")
    assert old in text
    out = tmp_path / "uk.xml"
    out.write_text(text.replace(old, new, 1), "utf-8")
    return out


def test_fcdo_designation_without_unique_id_is_skipped_and_noted(tmp_path):
    path = _fcdo_copy(tmp_path, "<UniqueID>BEL0107</UniqueID>", "")
    [pl] = uk_fcdo.parse({"main": [path]})
    assert pl.entities.num_rows == 4 and pl.skipped == 1
    assert pl.notes == ["1 of 5 Designation elements skipped: no UniqueID or no name"]


def test_fcdo_designation_repeated_is_merged_into_the_first(tmp_path):
    # kept first, a repeat's names were lost: an alias only it held went unscreened
    text = FCDO_SAMPLE.read_text("utf-8")
    at = text.index("<UniqueID>AFG0006</UniqueID>")
    start = text.rindex("<Designation>", 0, at)
    end = text.index("</Designation>", at) + len("</Designation>")
    repeat = text[start:end].replace("<Name6>Akhwand</Name6>", "<Name6>AKHUNDZADA</Name6>", 1)
    assert repeat != text[start:end]
    path = tmp_path / "uk.xml"
    path.write_text(text[:end] + repeat + text[end:], "utf-8")
    [pl] = uk_fcdo.parse({"main": [path]})
    assert pl.entities.num_rows == 5 and pl.skipped == 0
    assert pl.notes == [("1 Designation elements repeat an earlier UniqueID (AFG0006); merged "
                         "into the first")]
    got = [(n["name"], n["name_type"]) for n in pl.names.to_pylist()
           if n["entity_id"] == "AFG0006"]
    assert ("MOHAMMAD HASSAN AKHUND", "primary") in got and ("Mohammad AKHUNDZADA", "aka") in got


def test_fcdo_truncated_file_raises_naming_file_and_line(tmp_path):
    path = tmp_path / "uk.xml"
    path.write_bytes(FCDO_SAMPLE.read_bytes()[:5000])
    with pytest.raises(ListFormatError) as err:
        uk_fcdo.parse({"main": [path]})
    assert str(path) in str(err.value) and "line" in str(err.value)


def test_fcdo_file_with_a_dtd_is_refused(tmp_path):
    path = _fcdo_copy(tmp_path, '<?xml version="1.0" encoding="utf-8"?>',
                      '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Designations '
                      'SYSTEM "file:///etc/passwd">')
    with pytest.raises(ListFormatError, match="DTD"):
        uk_fcdo.parse({"main": [path]})
