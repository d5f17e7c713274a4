"""EU Financial Sanctions Files XML: samples of 2020 and 2026, names, dates, errors."""

from __future__ import annotations

import functools
import os
import shutil
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from screen.errors import ListFormatError
from screen.sources import eu_xml, read_head

DATA = Path(__file__).parent / "data"
# (SCREEN_SHARED_LISTS as in conftest: the other tests read the files there too)
LISTS = Path(os.environ.get("SCREEN_SHARED_LISTS",
                            Path(__file__).resolve().parents[2] / "shared" / "lists"))
EXCERPT = DATA / "eu_fsf_excerpt_2026-08-05.xml"
SAMPLE_2026 = LISTS / "eu" / "samples" / "eu_fsf_xml_sample_2026-08-05.xml"
SAMPLE_2020 = LISTS / "eu" / "samples" / "eu_fsf_xml_sample_2020-04-15.xml"
SAMPLE_2020_B = LISTS / "eu" / "samples" / "eu_fsf_xml_sample_b_2020-04-15.xml"
NS = "{http://eu.europa.ec/fpi/fsd/export}"


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real list file {path} not available (../shared/lists beside the checkout)")
    return path


@functools.cache
def parsed(path: Path):
    [pl] = eu_xml.parse({"main": [path]})
    ents = {e["entity_id"]: e for e in pl.entities.to_pylist()}
    names: dict[str, list[dict]] = {}
    for n in pl.names.to_pylist():
        names.setdefault(n["entity_id"], []).append(n)
    return pl, ents, names


def test_sniff_recognises_the_export_by_root_and_namespace_not_name(tmp_path):
    renamed = tmp_path / "list.csv"
    shutil.copy(EXCERPT, renamed)
    assert eu_xml.sniff(renamed, read_head(renamed)) == "main"


@pytest.mark.parametrize("other", ["uk_fcdo_sample_2026-09-10.xml",
                                   "canada_sema_excerpt_2025-09-22.xml",
                                   "uk_conlist_excerpt_2025-04-14.csv"])
def test_sniff_leaves_other_formats_alone(other):
    path = DATA / other
    assert eu_xml.sniff(path, read_head(path)) is None


def test_sniff_requires_the_fsf_namespace(tmp_path):
    path = tmp_path / "x.xml"
    path.write_bytes(EXCERPT.read_bytes().replace(b"http://eu.europa.ec/fpi/fsd/export",
                                                  b"urn:other"))
    assert eu_xml.sniff(path, read_head(path)) is None


@pytest.mark.parametrize("path, published, elements, entity_ids, aliases", [
    (EXCERPT, "2026-08-05", 3, 3, 14),
    (SAMPLE_2026, "2026-08-05", 5, 5, 45),
    (SAMPLE_2020, "2020-04-15", 7, 6, 15),  # the cut sample repeats logicalId 5468
    (SAMPLE_2020_B, "2020-04-15", 7, 7, 29),
])
def test_samples_give_every_entity_and_every_distinct_name(path, published, elements,
                                                           entity_ids, aliases):
    pl, ents, names = parsed(real(path))
    root = ET.parse(path).getroot()
    entity_els = root.findall(f"{NS}sanctionEntity")
    assert len(entity_els) == elements
    assert sum(len(e.findall(f"{NS}nameAlias")) for e in entity_els) == aliases
    assert pl.published == published
    assert pl.entities.num_rows == entity_ids == len(ents)
    assert pl.skipped == 0
    # every published wholeName is a name of its entity, repeated ones once
    published_names = {(e.get("logicalId"), a.get("wholeName").strip())
                       for e in entity_els for a in e.findall(f"{NS}nameAlias")}
    got = {(eid, n["name"]) for eid, ns in names.items() for n in ns}
    assert got == published_names
    assert all(sum(n["name_type"] == "primary" for n in ns) == 1 for ns in names.values())


def test_repeated_logical_id_is_merged_and_noted():
    pl, _ents, names = parsed(real(SAMPLE_2020))
    assert [n["name"] for n in names["5468"]] == ["Sok-hwa Hwang", "TestOneWord"]
    assert pl.notes == [("1 sanctionEntity elements repeat an earlier logicalId (5468); "
                        "merged into the first")]


def test_entity_fields_of_a_person():
    _, ents, names = parsed(EXCERPT)
    e = ents["6106"]
    assert e["entity_type"] == "person"
    assert e["list"] == "Financial Sanctions Files"
    assert e["programs"] == ["LBY"]
    assert e["listed_on"] == date(2011, 2, 26)  # designationDate
    assert e["birth_dates"] == ["1944-04-04"]
    assert e["birth_places"] == ["Alrhaybat"]  # country UNKNOWN left out
    assert e["countries"] == ["LIBYA"]
    assert e["documents"] == [{"kind": "National passport", "number": "FK117RK0",
                               "country": "LIBYA",
                               "note": "issued 2018-11-25; valid to 2026-11-24; region Tripoli"}]
    assert "resolution 1970" in e["remarks"]
    primary = [n for n in names["6106"] if n["name_type"] == "primary"]
    assert [(n["name"], n["given_name"], n["family_name"]) for n in primary] == [
        ("Abu Zayd Umar DORDA", "Abu Zayd Umar", "DORDA")]
    assert {n["language"] for n in names["6106"]} == {None, "CS"}


def test_listed_on_falls_back_to_the_earliest_cited_publication():
    _, ents, _ = parsed(EXCERPT)
    assert ents["191"]["listed_on"] == date(2005, 11, 30)  # no designationDate


def test_primary_name_prefers_an_english_name_given_in_parts():
    _, ents, _names = parsed(EXCERPT)
    assert ents["191"]["name"] == "Khalid Sheikh MOHAMMED"  # not the first, French, alias
    assert ents["191"]["gender"] == "male"


@pytest.mark.parametrize("attrs, text", [
    ('birthdate="1965-04-14" dayOfMonth="14" monthOfYear="4" year="1965"', "1965-04-14"),
    ('year="1958"', "1958"),
    ('year="1958" monthOfYear="1"', "1958-01"),
    ('circa="true" year="1958"', "circa 1958"),
    ('circa="true" yearRangeFrom="1953" yearRangeTo="1958"', "circa 1953-1958"),
    ('calendarType="ISLAMIC" year="1402" monthOfYear="6" dayOfMonth="24"',
     "1402-06-24 (islamic calendar)"),
    ('calendarType="ISLAMIC" birthdate="1982-04-19" year="1402"', "1982-04-19"),
    ('city="Kabul"', None),
])
def test_birth_dates_are_kept_as_published(attrs, text):
    el = ET.fromstring(f"<birthdate {attrs}/>")
    assert eu_xml.birth_date_text(el) == text


def test_year_range_gives_the_birth_year_range():
    _, ents, _ = parsed(EXCERPT)
    e = ents["521"]
    assert e["birth_dates"] == ["circa 1953-1958"]
    assert (e["birth_year_min"], e["birth_year_max"]) == (1953, 1958)
    assert e["nationalities"] == ["AFGHANISTAN"]


def test_arabic_script_names_are_non_latin_with_their_language():
    _, ents, names = parsed(real(SAMPLE_2026))
    arabic = [n for n in names["6177"] if n["script"] == "Arabic"]
    assert len(arabic) == 2
    assert all(n["name_type"] == "non_latin" and n["language"] == "AR" for n in arabic)
    assert ents["3822"]["entity_type"] == "organization"
    assert ents["3822"]["name"] == "Parchin Chemical Industries (PCI)"


def test_a_non_latin_name_is_not_primary_while_a_latin_one_exists(tmp_path):
    text = EXCERPT.read_text("utf-8")
    path = tmp_path / "eu.xml"
    path.write_text(text.replace('wholeName="Abu Zayd Umar DORDA"',
                                 'wholeName="أبو زيد عمر دوردة"', 1), "utf-8")
    [pl] = eu_xml.parse({"main": [path]})
    names = [n for n in pl.names.to_pylist() if n["entity_id"] == "6106"]
    assert [n["name_type"] for n in names if n["script"] == "Arabic"] == ["non_latin"]
    [primary] = [n for n in names if n["name_type"] == "primary"]
    assert primary["script"] == "Latin"


def test_entity_with_only_non_latin_names_takes_its_first_as_primary(tmp_path):
    path = tmp_path / "eu.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02T10:00:00">'
        '<sanctionEntity logicalId="9"><subjectType code="enterprise"/>'
        '<nameAlias wholeName="新疆生产建设兵团公安局" nameLanguage="ZH" strong="true"/>'
        '<nameAlias wholeName="Бюро" nameLanguage="RU" strong="true"/>'
        "</sanctionEntity></export>", "utf-8")
    [pl] = eu_xml.parse({"main": [path]})
    assert pl.published == "2026-01-02"
    assert pl.entities.column("name").to_pylist() == ["新疆生产建设兵团公安局"]
    assert [(n["name_type"], n["language"]) for n in pl.names.to_pylist()] == [
        ("primary", "ZH"), ("non_latin", "RU")]


def test_strong_false_gives_a_weak_name(tmp_path):
    path = tmp_path / "eu.xml"
    path.write_text(EXCERPT.read_text("utf-8").replace(
        'wholeName="Ali Salem" function="" gender="M" title="" nameLanguage="" strong="true"',
        'wholeName="Ali Salem" function="" gender="M" title="" nameLanguage="" strong="false"'),
        "utf-8")
    [pl] = eu_xml.parse({"main": [path]})
    strong = {n["name"]: n["strong"] for n in pl.names.to_pylist()}
    assert strong["Ali Salem"] is False
    assert strong["Khalid Sheikh MOHAMMED"] is True


def test_a_name_also_published_strong_is_no_weak_alias(tmp_path):
    path = tmp_path / "eu.xml"
    text = EXCERPT.read_text("utf-8")
    alias = 'wholeName="Ali Salem" function="" gender="M" title="" nameLanguage="" strong="true"'
    start = text.index(alias)
    start = text.rindex("<nameAlias", 0, start)
    end = text.index("</nameAlias>", start) + len("</nameAlias>")
    element = text[start:end]
    # the name published weak first, then strong
    path.write_text(text[:start] + element.replace('strong="true"', 'strong="false"')
                    + element + text[end:], "utf-8")
    [pl] = eu_xml.parse({"main": [path]})
    assert [n["strong"] for n in pl.names.to_pylist() if n["name"] == "Ali Salem"] == [True]


def test_entity_without_logical_id_is_skipped_counted_and_noted(tmp_path):
    path = tmp_path / "eu.xml"
    path.write_text(EXCERPT.read_text("utf-8").replace(' logicalId="521"', "", 1), "utf-8")
    [pl] = eu_xml.parse({"main": [path]})
    assert pl.entities.num_rows == 2 and pl.skipped == 1
    assert pl.notes == [("1 of 3 sanctionEntity elements skipped: no logicalId or no nameAlias "
                        "with a name")]


def test_truncated_file_raises_naming_file_and_line(tmp_path):
    path = tmp_path / "eu.xml"
    path.write_bytes(EXCERPT.read_bytes()[:6000])
    with pytest.raises(ListFormatError) as err:
        eu_xml.parse({"main": [path]})
    assert str(path) in str(err.value) and "line" in str(err.value)


def test_file_with_an_entity_declaration_is_refused(tmp_path):
    path = tmp_path / "eu.xml"
    text = EXCERPT.read_text("utf-8")
    path.write_text(text.replace("?>", '?>\n<!DOCTYPE export [<!ENTITY a "aaaaaaaaaa">]>', 1),
                    "utf-8")
    with pytest.raises(ListFormatError, match="DTD"):
        eu_xml.parse({"main": [path]})


def test_wrong_root_raises_list_format_error(tmp_path):
    path = tmp_path / "eu.xml"
    path.write_text('<?xml version="1.0"?><sdnList/>', "utf-8")
    with pytest.raises(ListFormatError, match="root element"):
        eu_xml.parse({"main": [path]})
