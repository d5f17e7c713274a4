"""Canadian sema-lmes.xml: the three tag generations, ids, aliases, real-file counts."""

from __future__ import annotations

import functools
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from screen.errors import ListFormatError
from screen.sources import canada_xml, read_head

DATA = Path(__file__).parent / "data"
# (SCREEN_SHARED_LISTS as in conftest: the other tests read the files there too)
LISTS = Path(os.environ.get("SCREEN_SHARED_LISTS",
                            Path(__file__).resolve().parents[2] / "shared" / "lists"))
REAL_2025 = LISTS / "canada" / "sema_2025-09-22" / "sema-lmes.xml"
REAL_2020 = LISTS / "canada" / "sema_2020-04" / "sema-lmes.xml"
EXCERPT_2025 = DATA / "canada_sema_excerpt_2025-09-22.xml"
EXCERPT_2020 = DATA / "canada_sema_excerpt_2020-04.xml"
BILINGUAL = DATA / "canada_sema_bilingual_tags.xml"


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real list file {path} not available (../shared/lists beside the checkout)")
    return path


@functools.cache
def entities_by_id(path: Path) -> tuple[dict[str, dict], dict[str, list[dict]], object]:
    """Parse once per test session (the real file is read by several tests)."""
    pl = canada_xml.parse_file(path)
    ents = {e["entity_id"]: e for e in pl.entities.to_pylist()}
    names: dict[str, list[dict]] = {}
    for n in pl.names.to_pylist():
        names.setdefault(n["entity_id"], []).append(n)
    return ents, names, pl


@pytest.mark.parametrize("fixture", [EXCERPT_2025, EXCERPT_2020, BILINGUAL])
def test_sniff_recognises_each_tag_generation_by_content_not_name(fixture, tmp_path):
    renamed = tmp_path / "download(3).txt"
    shutil.copy(fixture, renamed)
    assert canada_xml.sniff(renamed, read_head(renamed)) == "main"


@pytest.mark.parametrize("other", ["eu_fsf_excerpt_2026-08-05.xml",
                                   "uk_fcdo_sample_2026-09-10.xml",
                                   "uk_conlist_excerpt_2025-04-14.csv"])
def test_sniff_leaves_other_formats_alone(other):
    path = DATA / other
    assert canada_xml.sniff(path, read_head(path)) is None


@pytest.mark.parametrize("path, records, persons", [
    (REAL_2025, 5090, 3424),
    (REAL_2020, 1369, 985),
])
def test_real_file_gives_one_entity_per_record_with_unique_ids(path, records, persons):
    ents, names, pl = entities_by_id(real(path))
    assert pl.entities.num_rows == records == len(ents)  # ids unique: nothing merged
    assert pl.skipped == 0
    assert not any("share regime/schedule/item" in n for n in pl.notes)
    assert sum(e["entity_type"] == "person" for e in ents.values()) == persons
    assert all(e["programs"] and e["name"] for e in ents.values())
    assert set(names) == set(ents)


def test_2025_file_has_ships_and_the_magnitsky_regime():
    ents, _names, pl = entities_by_id(real(REAL_2025))
    types = [e["entity_type"] for e in ents.values()]
    assert types.count("vessel") == 310
    jvcfor = [e for e in ents.values()
              if e["programs"] == [("Justice for Victims of Corrupt Foreign Officials "
                                   "Regulations (JVCFOR)")]]
    assert len(jvcfor) == 80
    assert pl.published is None
    assert any("2025-08-26" in n for n in pl.notes)


XINJIANG_PERSONS = [
    # given, last, item
    ("Hailun", "Zhu", "1"),
    ("Junzheng", "Wang", "2"),
    ("Mingshan", "Wang", "3"),
    ("Mingguo", "Chen", "4"),
]


@pytest.mark.parametrize("source", [EXCERPT_2025, REAL_2025], ids=["excerpt", "real"])
@pytest.mark.parametrize("given, last, item", XINJIANG_PERSONS)
def test_xinjiang_persons_listed_21_march_2021_appear_with_their_names(source, given, last,
                                                                     item):
    ents, names, _ = entities_by_id(real(source))
    e = ents[f"China/P1/{item}"]
    assert e["entity_type"] == "person"
    assert e["name"] == f"{given} {last}"
    assert e["programs"] == ["China"]
    assert e["listed_on"] == date(2021, 3, 21)
    assert e["birth_dates"] == []  # Canada publishes none for these four
    [primary] = names[e["entity_id"]]
    assert (primary["given_name"], primary["family_name"]) == (given, last)
    assert primary["name_type"] == "primary"


@pytest.mark.parametrize("source", [EXCERPT_2025, REAL_2025], ids=["excerpt", "real"])
def test_xpcc_public_security_bureau_is_an_organization_listed_21_march_2021(source):
    ents, names, _ = entities_by_id(real(source))
    e = ents["China/P2/1"]
    assert e["name"] == "Xinjiang Production and Construction Corps Public Security Bureau"
    assert e["entity_type"] == "organization"
    assert e["listed_on"] == date(2021, 3, 21)
    assert [n["name_type"] for n in names["China/P2/1"]] == ["primary"]


def test_a_decade_of_birth_is_its_years():
    ents, _, _ = entities_by_id(real(REAL_2025))
    sudan = ents["Sudan/P1/1"]  # "born in the early 1970s"
    assert any("1970s" in d for d in sudan["birth_dates"])
    assert (sudan["birth_year_min"], sudan["birth_year_max"]) == (1970, 1973)


def test_published_birth_dates_are_kept_as_published():
    ents, _, _ = entities_by_id(EXCERPT_2025)
    chen = ents["China/P1/5"]
    assert chen["name"] == "Quanguo Chen"
    assert chen["birth_dates"] == ["1955-11"]
    assert (chen["birth_year_min"], chen["birth_year_max"]) == (1955, 1955)


def test_bilingual_2026_tags_read_exactly_like_2025_tags():
    new, new_names, _ = entities_by_id(BILINGUAL)
    old, old_names, _ = entities_by_id(EXCERPT_2025)
    assert len(new) == 4
    for eid, e in new.items():
        assert e == old[eid]
        assert new_names[eid] == old_names[eid]


def test_vessel_keeps_build_year_out_of_birth_dates_and_imo_as_document():
    ents, _, _ = entities_by_id(BILINGUAL)
    ship = ents["Russia/1.1/1"]
    assert ship["entity_type"] == "vessel"
    assert ship["birth_dates"] == [] and ship["birth_year_min"] is None
    assert ship["documents"] == [{"kind": "IMO number", "number": "7612448", "country": None,
                                  "note": None}]
    assert "Built: 1980" in ship["remarks"]
    assert "General Cargo / Multi Purpose" in ship["remarks"]


def test_2020_generation_reads_entity_title_and_dob_tags():
    ents, names, pl = entities_by_id(EXCERPT_2020)
    assert pl.entities.num_rows == 8
    air = ents["Burma/1/1"]
    assert air["entity_type"] == "organization" and air["name"] == "Air Bagan"
    assert [n["name"] for n in names["Burma/1/1"]] == [
        "Air Bagan", "Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"]
    abahussain = ents["Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)/1/54"]
    assert abahussain["birth_dates"] == ["1972-08-10", "1972-08-11"]
    assert abahussain["listed_on"] is None  # the 2020 tags have no DateOfListing
    assert ents["Syria/2/60"]["remarks"] == "Title: Major General/major-général"
    assert ents["Syria/2/60"]["name"] == "Jumah Al-Ahmad"  # trailing space trimmed
    assert "Nicaragua/-/1" in ents  # Schedule "N/A"
    assert "Venezuela/-/55" in ents  # no Schedule, and a trailing space in the regime


@pytest.mark.parametrize("published, normalized", [
    ("1, Part 1", "1.P1"),
    ("1,Part 3", "1.P3"),
    ("1, Part 1 ", "1.P1"),
    ("1, Part 2.1", "1.P2.1"),
    ("Part 2", "P2"),
    ("1.1", "1.1"),
    ("3", "3"),
    ("N/A", "-"),
    (None, "-"),
])
def test_schedule_spellings_normalise(published, normalized):
    assert canada_xml.normalize_schedule(published) == normalized


@pytest.mark.parametrize("aliases, expected", [
    ("Air Bagan Holdings Pte. Ltd., Air Bagan Limited",
     ["Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"]),
    ("Foo Trading Co., Ltd.", ["Foo Trading Co., Ltd."]),
    ('Концерн "ЦНИИ "Электроприбор, АО; Акционерное Общество "Концерн"',
     ['Концерн "ЦНИИ "Электроприбор, АО', 'Акционерное Общество "Концерн"']),
    ("НПО Лавочкина, АО or Акционерное Общество Лавочкина",
     ["НПО Лавочкина, АО", "Акционерное Общество Лавочкина"]),
    ("Центральный институт (ЦНИИМаш, АО)", ["Центральный институт (ЦНИИМаш, АО)"]),
    ("ОАО, БЭТО", ["ОАО, БЭТО"]),
    ("NIKIMIT Atomstroy, AO; АО НИКИМТ", ["NIKIMIT Atomstroy, AO", "АО НИКИМТ"]),
    # a name on each side of a slash (Russian and Ukrainian; a company's name and its
    # short form) is two names; a word alone beside a slash is part of a name
    ("(Владимир РУЩАК / Володимир РУЩАК", ["Владимир РУЩАК", "Володимир РУЩАК"]),
    ('Открытое акционерное общество "ВОЛАТАВТО"/ ОАО "ВОЛАТАВТО"',
     ['Открытое акционерное общество "ВОЛАТАВТО"', 'ОАО "ВОЛАТАВТО"']),
    ("GORT/ORTAS", ["GORT/ORTAS"]),
    ("Maersk A/S", ["Maersk A/S"]),
    ("Hanna Borisovna Liavusik or Anna Borisovna Leusik",
     ["Hanna Borisovna Liavusik", "Anna Borisovna Leusik"]),
    ("Katsiaryna or Katerina Smuschkovich", ["Katsiaryna or Katerina Smuschkovich"]),
    ("Myanma Five Star Line Company\nLimited", ["Myanma Five Star Line Company Limited"]),
    # a comma listing the items of a name (ITMO University's, Russia/1.P2/748) is no
    # separator: split, "Information Technologies" was an alias of its own
    ("Information Technologies, Mechanics and Optics University’s Centre for Quantum Internet",
     ["Information Technologies, Mechanics and Optics University’s Centre for Quantum Internet"]),
    ("Algunade, Al Gunade and Al-Juneid", ["Algunade", "Al Gunade and Al-Juneid"]),
    ("GUBOPIK, Main Directorate for Combating Organized Crime and Corruption",
     ["GUBOPIK", "Main Directorate for Combating Organized Crime and Corruption"]),
    ("Abbas Nilforushan\n عباس نیلفروشان", ["Abbas Nilforushan", "عباس نیلفروشان"]),
    ("", []),
])
def test_aliases_split_at_separators_but_not_inside_names(aliases, expected):
    assert [a for a, _ in canada_xml.split_aliases(aliases)] == expected


@pytest.mark.parametrize("aliases, person, expected", [
    # an English "and" between names in another script joins two names
    ("Віталій Вікторович Булюк and Виталий Викторович Булюк", True,
     ["Віталій Вікторович Булюк", "Виталий Викторович Булюк"]),
    ("ООО Машприборинторг-Волна and МПИ-Волна", False, ["ООО Машприборинторг-Волна", "МПИ-Волна"]),
    # ... and a person's names in Latin letters; a company's keep it
    ("Manakhimova and Semendueva and Jasmine", True, ["Manakhimova", "Semendueva", "Jasmine"]),
    ("Myanma Investment and Commercial Bank, Burma Investment and Commercial Bank", False,
     ["Myanma Investment and Commercial Bank", "Burma Investment and Commercial Bank"]),
    ("Africa Korps and Russian Expeditionary Corps (REK)", False,
     ["Africa Korps and Russian Expeditionary Corps (REK)"]),
    # ... except beside a legal form that closes the name before it or opens the next
    ("Moscow Scientific Research Television Institute and ZAO MNITI", False,
     ["Moscow Scientific Research Television Institute", "ZAO MNITI"]),
    ("VMP AVITEC JSC and Joint Stock Company Vyatskoye Mashinostroitelnoye Predpriyatiye Avitek",
     False, ["VMP AVITEC JSC", "Joint Stock Company Vyatskoye Mashinostroitelnoye Predpriyatiye Avitek"]),
    ("GSK Advance Co. Ltd. and GSK for Advanced Business Co. Ltd.", False,
     ["GSK Advance Co. Ltd.", "GSK for Advanced Business Co. Ltd."]),
    ("Joint Stock Company Research and Production Corporation Precision Systems and Instruments",
     False, [("Joint Stock Company Research and Production Corporation Precision Systems"
              " and Instruments")]),
    ("Life and Challenge Co. Ltd.", False, ["Life and Challenge Co. Ltd."]),
    ("Alpha GmbH and Co. KG", False, ["Alpha GmbH and Co. KG"]),  # the German form
    # a person's "or" between two spellings of one word: one name with each
    ("Katsiaryna or Katerina Smuschkovich", True,
     ["Katsiaryna Smuschkovich", "Katerina Smuschkovich"]),
    ("Галина Книжонак or Книжонок or Книжонок-Максимова", True,
     ["Галина Книжонак", "Галина Книжонок", "Галина Книжонок-Максимова"]),
    ("Nikolay or Nikolai / Vasilievich or Vasilyevich Maximavich", True,  # a slash: as is
     ["Nikolay or Nikolai / Vasilievich or Vasilyevich Maximavich"]),
    # a person's word alone before a slash: another spelling of the name's first word
    ("Alexander /Alexandr Vladimirovich Karnienko", True,
     ["Alexander Vladimirovich Karnienko", "Alexandr Vladimirovich Karnienko"]),
    ("Aleksander/ Aleksandr", True, ["Aleksander/ Aleksandr"]),
    # a company's name and its short form, in another script than Latin: two names,
    # unless one side is a legal form alone
    ("Следственный Комитет Российской Федерации or СКР", False,
     ["Следственный Комитет Российской Федерации", "СКР"]),
    ("Центральная избирательная комиссия Российской Федерации or ЦИК or Центризбирком", False,
     ["Центральная избирательная комиссия Российской Федерации", "ЦИК", "Центризбирком"]),
    # ... a legal form alone beside an "or" is another of the quoted name beside it
    ('САО or Страховое Акционерное Общество "РЕСО-Гарантия"', False,
     ['САО "РЕСО-Гарантия"', 'Страховое Акционерное Общество "РЕСО-Гарантия"']),
    ('Акционерное общество or АО "Усть-Луга Ойл"', False,
     ['Акционерное общество "Усть-Луга Ойл"', 'АО "Усть-Луга Ойл"']),
    # a person's "or" between two spellings of a word inside a name of several words,
    # also after a comma; between two names, two names
    ("Aleksandr Evgenyevich or Evgenievich Kon’kov", True,
     ["Aleksandr Evgenyevich Kon’kov", "Aleksandr Evgenievich Kon’kov"]),
    ("Alexander, or Alexandr Valerievich Kalinin", True,
     ["Alexander Valerievich Kalinin", "Alexandr Valerievich Kalinin"]),
    ("Sergei Evgenievich Tsivilyov; Сергей Евгеньевич Цивилев, or Цивилёв", True,
     ["Sergei Evgenievich Tsivilyov", "Сергей Евгеньевич Цивилев", "Сергей Евгеньевич Цивилёв"]),
    ("Анна Андреевна Пушкарева or Анна Андреевна Шейман", True,
     ["Анна Андреевна Пушкарева", "Анна Андреевна Шейман"]),
    # ... and a slash between two spellings of the name's first word
    ("Aleksander/ Aleksandr or Alexander /Alexandr Vladimirovich Karnienko", True,
     ["Aleksander Vladimirovich Karnienko", "Aleksandr Vladimirovich Karnienko",
      "Alexander Vladimirovich Karnienko", "Alexandr Vladimirovich Karnienko"]),
    (("Aleksandr/ Aleksandr or Alexander /Alexandr Vladimirovich Korol or Oleksandr "
      "Volodymyrovych Korol"), True,
     ["Aleksandr Vladimirovich Korol", "Alexander Vladimirovich Korol",
      "Alexandr Vladimirovich Korol", "Oleksandr Volodymyrovych Korol"]),
    # a person's name written "Surname, Given Patronymic" is one name; a one-word
    # alias before a name of another script, or before two words that end in no
    # patronymic, is a name of its own
    ("Баранов, Олег Анатольевич", True, ["Олег Анатольевич Баранов"]),
    ("Baranov, Oleg Anatolyevich", True, ["Oleg Anatolyevich Baranov"]),
    ("Andrei, Олег Анатольевич", True, ["Andrei", "Олег Анатольевич"]),
    ("Timati, Timur Yunusov", True, ["Timati", "Timur Yunusov"]),
    ("Баранов, Олег Анатольевич", False, ["Баранов", "Олег Анатольевич"]),
])
def test_aliases_split_at_an_and_or_an_or_that_joins_names(aliases, person, expected):
    assert [a for a, _ in canada_xml.split_aliases(aliases, person=person)] == expected


def test_a_language_label_inside_a_piece_starts_a_name_of_its_own():
    got = canada_xml.split_aliases(
        "Abdelrahim Dagalo, Abdul Rahim Dagalo and Abdelrahim Hamdan Dagalo Mousa "
        "Arabic:عبدالرحيم دقلو", person=True)
    assert got == [("Abdelrahim Dagalo", None), ("Abdul Rahim Dagalo", None),
                   ("Abdelrahim Hamdan Dagalo Mousa", None), ("عبدالرحيم دقلو", "Arabic")]
    got = canada_xml.split_aliases("Gulf Bank Company Limited     Arabic: بنك الخليج")
    assert got == [("Gulf Bank Company Limited", None), ("بنك الخليج", "Arabic")]


def test_real_file_has_no_names_joined_by_and_or_a_label():
    _ents, names, _pl = entities_by_id(real(REAL_2025))
    all_names = [n for ns in names.values() for n in ns]
    joined = [n["name"] for n in all_names if " and " in n["name"] and n["script"] != "Latin"]
    labelled = [n["name"] for n in all_names if re.search(r"\b[A-Z][a-z]{3,}\s*:", n["name"])]
    assert joined == [] and labelled == []
    bulyuk = {n["name"] for ns in names.values() for n in ns if "BULYUK" in n["name"]}
    assert bulyuk  # the party whose aliases were "Віталій ... Булюк and Виталий ... Булюк"
    party = next(ns for ns in names.values() if any(n["name"] in bulyuk for n in ns))
    assert {"Віталій Вікторович Булюк", "Виталий Викторович Булюк"} <= {n["name"] for n in party}


@pytest.mark.parametrize("name, within", [
    ("Radiofizika JSC (also known as OAO Radiofizika)", ["Radiofizika JSC", "OAO Radiofizika"]),
    # the bracket left open, as the list has it
    (("Omsk Transport Machine Building Plant (also known as Omsk Transport Machine Factory "
      "Omsktransmash"), ["Omsk Transport Machine Building Plant",
                         "Omsk Transport Machine Factory Omsktransmash"]),
    ("Hara Institute/Institut Hara", ["Hara Institute", "Institut Hara"]),
    ("Victory/Pobeda Political Bloc", []),
    ("M/V Maria", []),
    ("Bank Melli Iran", []),
])
def test_a_published_name_that_holds_other_names_gives_them(name, within):
    assert canada_xml.names_within(name, person=False) == within


def test_real_file_gives_the_names_a_published_name_holds_as_aliases():
    _ents, names, _pl = entities_by_id(real(REAL_2025))
    by_name = {n["name"]: ns for ns in names.values() for n in ns if n["name_type"] == "primary"}
    sevmash = next(ns for name, ns in by_name.items() if name.startswith("Proizvodstvennoye"))
    held = {"PO Sevmash",
            "Proizvodstvennoye ob’edinenie Severnoye Mashinostroitelnoye Predpriyatie"}
    assert held <= {n["name"] for n in sevmash if n["name_type"] == "aka"}
    mniti = next(ns for name, ns in by_name.items() if name.startswith("JSC “MNITI”"))
    assert {"Moscow Scientific Research Television Institute", "ZAO MNITI"} <= {
        n["name"] for n in mniti if n["name_type"] == "aka"}
    syria = by_name["Commercial Bank of Syria/Banque commerciale de Syrie"]
    assert {"Commercial Bank of Syria", "Banque commerciale de Syrie"} <= {n["name"] for n in syria}
    # no alias is left with a name of two words or more on each side of a slash
    both = [n["name"] for ns in names.values() for n in ns if n["name_type"] != "primary"
            and "/" in n["name"] and " or " not in n["name"]
            and all(len(p.split()) >= 2 for p in re.split(r"\s*/\s*", n["name"]))]
    assert both == []


def test_real_file_gives_the_name_before_its_acronym_in_brackets():
    _ents, names, _pl = entities_by_id(real(REAL_2025))
    etc = {n["name"]: n["strong"] for n in names["Iran/1.P1/11"]}
    assert etc == {"Ecxir Trading Company (ETC)": True, "Ecxir Trading Company": True}


def test_a_persons_one_word_alias_spelling_a_word_of_the_name_gives_the_name_so_spelt():
    # "Andrei" alone, a full-strength alias, matched any Andrei at 100; "Andrei
    # Igorevich AKIMOV" was no name of the party
    _ents, names, _pl = entities_by_id(real(REAL_2025))
    akimov = {n["name"]: n["strong"] for n in names["Russia/1.P1/94"]}
    assert akimov["Andrei Igorevich AKIMOV"] is True and akimov["Andrei"] is False
    salyaev = {n["name"]: n["strong"] for n in names["Russia/1.P1/112"]}
    assert salyaev["Aleksey Mikhailovich SALIAIEV"] is True and salyaev["SALIAIEV"] is False
    # a word of the name as written is weak alone; a stage name like no word of it stays
    assert {n["name"]: n["strong"] for n in names["Extremist Settler Violence/P1/2"]}[
        "Yinon"] is False
    assert {n["name"]: n["strong"] for n in names["Russia/1.P1/1283"]}["Timati"] is True


def test_a_word_wrapped_at_its_hyphen_is_joined_again():
    _ents, names, _pl = entities_by_id(real(REAL_2025))
    agat = [n["name"] for n in names["Russia/1.P2/595"]]
    assert agat[0].startswith("Machine-Building Plant AGAT Gavrilov-Yam JSC")
    # (a hyphen before a space on one line, "Mahmoud al- Zahar", is as the list writes it)
    assert "Mahmoud al- Zahar" in {n["name"] for n in names["Hamas Terrorist Attacks/P1/7"]}


def test_alias_language_labels_are_removed_and_kept_as_language():
    got = canada_xml.split_aliases(
        "Mikalay Lukashenka, Belarusian: Мікалай Лукашэнка; Russian: Николай Лукашенко, "
        "Коля Лукашенко")
    assert got == [("Mikalay Lukashenka", None), ("Мікалай Лукашэнка", "Belarusian"),
                   ("Николай Лукашенко", "Russian"), ("Коля Лукашенко", "Russian")]


def test_non_latin_aliases_are_typed_non_latin():
    _, names, _ = entities_by_id(EXCERPT_2025)
    luka = next(v for v in names.values() if v[0]["name"].endswith("LUKASHENKO"))
    types = {n["name"]: n["name_type"] for n in luka}
    assert types["Mikalay Alyaksandravich Lukashenka"] == "aka"
    assert types["Мікалай Аляксандравіч Лукашэнка"] == "non_latin"


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "sema.xml"
    p.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<data-set>\n' + body, "utf-8")
    return p


def test_record_without_a_name_is_skipped_counted_and_noted(tmp_path):
    p = _write(tmp_path, "<record><Country>Iran</Country><Item>1</Item></record>\n"
                         "<record><Country>Iran</Country><EntityOrShip>X Co</EntityOrShip>"
                         "<Item>2</Item></record>\n</data-set>\n")
    pl = canada_xml.parse_file(p)
    assert pl.entities.num_rows == 1 and pl.skipped == 1
    assert any("1 of 2 records skipped" in n for n in pl.notes)


def test_a_field_the_reader_does_not_know_is_counted_and_noted(tmp_path):
    # <Aliases> renamed <Alias> took 3,889 names of the real file away, unsaid
    p = _write(tmp_path, "<record><Country>Iran</Country><EntityOrShip>X Co</EntityOrShip>"
                         "<Alias>Y Co</Alias><Item>1</Item></record>\n"
                         "<record><Country>Iran</Country><EntityOrShip>Z Co</EntityOrShip>"
                         "<Alias>W Co</Alias><Item>2</Item><Note> </Note></record>\n"
                         "</data-set>\n")
    pl = canada_xml.parse_file(p)
    assert pl.entities.num_rows == 2
    assert [n for n in pl.notes if "does not know" in n] == [
        ("fields this reader does not know, not read (a new edition of the format?): "
         "<Alias> in 2 records")]
    # the real files hold none
    assert not [n for n in canada_xml.parse_file(real(REAL_2025)).notes if "does not know" in n]


def test_truncated_file_raises_list_format_error_naming_file_and_line(tmp_path):
    p = _write(tmp_path, "<record><Country>Iran</Country><EntityOrShip>X Co</EntityOrShip>\n"
                         "<Item>2</Item></rec")
    with pytest.raises(ListFormatError) as err:
        canada_xml.parse_file(p)
    assert str(p) in str(err.value) and "line" in str(err.value)


def test_file_with_a_dtd_is_refused(tmp_path):
    p = tmp_path / "sema.xml"
    p.write_text('<?xml version="1.0"?>\n<!DOCTYPE data-set [<!ENTITY x "y">]>\n'
                 "<data-set><record><Country>&x;</Country><Item>1</Item></record></data-set>")
    with pytest.raises(ListFormatError):
        canada_xml.parse_file(p)
