"""screen.names.romanize: any list script to lowercase ASCII.

Examples are real names from the EU and UK lists, next to the Latin spelling the
list itself gives; the Hypothesis tests check the invariants the comparison relies
on (ASCII, lowercase, single spaces, idempotent) for any text at all.
"""

from __future__ import annotations

import csv
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.names.romanize import greek_readings, romanize

# (as written on the list, romanized, the list's own Latin spelling for comparison)
EXAMPLES = [
    # Cyrillic: Russian (UK, EU)
    ("Владимир Путин", "vladimir putin"),
    ("Хизри Магомедович Абакаров", "khizri magomedovich abakarov"),  # ABAKAROV Khizri
    ("Юрий Александрович НИКОНОВ", "yuriy aleksandrovich nikonov"),
    ("Сергей Щукин", "sergey shchukin"),
    ("Жуков", "zhukov"),
    ("Андрей Владимирович АВЕРЬЯНОВ", "andrey vladimirovich averyanov"),  # AVERYANOV
    ("Аюбхан Вахаевич КАТАЕВ", "ayubkhan vakhayevich katayev"),
    ("Фёдор Горбачёв", "fyodor gorbachov"),
    ("АКБ Энергобанк (АО)", "akb energobank (ao)"),
    # Ukrainian: г h, и y, і i, є ye, ї yi, apostrophe dropped
    ("Ігор Миколайович БЕЗЛЕР", "ihor mykolayovych bezler"),  # BEZLER Ihor Mykolayovych
    ("Євген Віталійович Балицький", "yevhen vitaliyovych balytskyy"),  # Yevhen
    ("Мар'яна Ковалишин", "maryana kovalyshyn"),
    ("Руслан Соловьов", "ruslan solovyov"),  # Ruslan SOLOVYOV
    # Belarusian: ў u, г h
    ("Святлана Аляксандраўна БАНДАРЭНКА", "svyatlana alyaksandrauna bandarenka"),
    ("Пётр Александровiч АРЛОЎ", "pyotr aleksandrovich arlou"),  # ARLOU; a Latin i inside
    # Bulgarian: ъ a, щ sht, х h
    ("Васил Божков", "vasil bozhkov"),  # BOZHKOV Vasil
    ("Революционен съвет на Фатах", "revolyutsionen savet na fatah"),
    ("Щастлив", "shchastliv"),  # no ъ to tell Bulgarian: Russian rules
    # Serbian: Serbian Latin without diacritics
    ("Милан Радоичић", "milan radoicic"),  # RADOJCIC Milan
    ("Жељка Цвијановић", "zeljka cvijanovic"),  # CVIJANOVIC Zeljka
    # Greek (ELOT 743)
    ("Δημήτρης Ιωαννίδης", "dimitris ioannidis"),  # IOANNIDES Demetris
    ("Μαύρος Σεπτέμβρης", "mavros septemvris"),
    ("Ευάγγελος Ντίνος Μπαμπάς", "evangelos dinos bampas"),
    # Arabic and Persian: consonants, no invented vowels
    ("ياسر عزيز عباس", "yasr aziz abas"),  # ABBAS Yasir Aziz
    ("موسى بن عمر بن علي السعدي", "musa bn amr bn ali al-sadi"),
    ("عبد الرحمن", "abd al-rhmn"),
    ("عبدالله محرابی", "abdallah mhrabi"),  # MEHRABI Abdollah
    ("یوسف ابوطالبی", "yusf abutalbi"),  # ABOUTALEBI Yousef
    ("علي خامنه‌ای", "ali khamnei"),
    ("محمد عمر ځدران", "mhmd amr zdran"),  # Pashto ځ (MUHAMMAD OMAR ZADRAN)
    # Hebrew
    ("משה שרביט", "msha shrbit"),
    ("נעם פדרמן", "nam pdrmn"),  # FEDERMAN Noam
    ("עינן טנג'יל", "inn tnjil"),  # TANJIL Einan: a geresh written as an apostrophe
    ("ג'ורג' צ׳רלי", "jorj chrli"),  # one that ends a word, and the geresh itself
    # Hangul (Revised Romanization; a lone short run is a personal name)
    ("김영복", "gim yeong bok"),  # KIM YONG BOK
    ("리창호", "ri chang ho"),  # RI CHANG HO
    ("렴영", "ryeom yeong"),  # RYOM Yong
    ("영변 원자력 연구소", "yeongbyeon wonjaryeok yeonguso"),
    # Han
    ("朱海仑", "zhu hailun"),  # ZHU Hailun
    ("金铁三", "jin tiesan"),
    ("阿不都·哈克", "abudou hake"),  # a foreign name: each part one word
    ("保利科技有限公司", "bao li ke ji you xian gong si"),  # POLY TECHNOLOGIES
    ("海能機械(香港)有限公司", "hai neng ji xie ( xiang gang ) you xian gong si"),
    ("カザン火薬工場", "kazan huo yao gong chang"),  # KAZAN GUNPOWDER FACTORY
    # Georgian, Armenian
    ("შალვა ბედოიძე", "shalva bedoidze"),  # BEDOIDZE Shalva
    ("მიხეილ ჩინჩალაძე", "mikheil chinchaladze"),  # CHINCHALADZE Mikheil
    ("Երևան", "yerevan"),
    # Ethiopic: the sixth order alone, or with its spoken "i" opening a word or after
    # a consonant alone; a vowel carrier as its vowel
    ("ፍትዊ ዓብዱረዛቕ", "fitwi abdurezaq"),  # ABDELRAZAK Fitiwi, also Fitwi, ABDUREZAK
    ("ኤርሚኣስ ግርማይ", "ermias girmay"),  # GHIRMAY Ermias
    ("ገብረሂወት ተስፋይ", "gebrehiwet tesfay"),
    ("ምስግና፡እስራኤል", "misgina israel"),  # the word space
    # Latin with diacritics, odd punctuation
    ("Qoussaï Saddam Hussein Al-Tikriti", "qoussai saddam hussein al-tikriti"),
    ("Mutlu Çobanoğlu", "mutlu cobanoglu"),  # COBANOGLU Mutlu
    ("“Aqua Fleet Management” Məhdud Məsuliyyətli Cəmiyyəti",
     '"aqua fleet management" mahdud masuliyyatli camiyyati'),
    ("Фондация  „Русский Мир“", 'fondatsiya "russkiy mir"'),
    ("JSC ,Refineryʼ", "jsc ,refinery'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_romanize_real_list_names(text, expected):
    assert romanize(text) == expected


@pytest.mark.parametrize(
    "aliases",
    [
        ["Владимир Путин", "Vladimir Putin", "VLADIMIR  PUTIN"],
        ["Сергей Лавров", "Sergey Lavrov"],
        ["Александр Лукашенко", "Aleksandr Lukashenko"],
        ["Δημήτρης Ιωαννίδης", "Dimitris Ioannidis"],
        ["朱海仑", "Zhu Hailun", "ZHU Hailun"],
        ["习近平", "Xi Jinping"],
        ["Радован Караџић", "Radovan Karadžić"],
        ["김영복", "Gim Yeong Bok"],
    ],
)
def test_aliases_in_different_scripts_romanize_alike(aliases):
    assert len({romanize(a) for a in aliases}) == 1


def test_thai_and_burmese_go_through_the_fallback():
    for text in ("บริษัท เอ็กโซร่า จำกัด", "ကုမ္ပဏီ လီမိတက်", "हिन्दी"):
        out = romanize(text)
        assert out and out.isascii()
    assert romanize("हिन्दी") == "hindii"


@pytest.mark.parametrize("text", ["", " ", "123", "!!! ---", "\x00\x1f", "、。", "\u200b", "ـ"])
def test_text_without_letters_gives_the_empty_string(text):
    assert romanize(text) == ""


def test_non_string_is_a_type_error():
    with pytest.raises(TypeError, match=r"^'text' must be str \(got int\)$"):
        romanize(5)
    with pytest.raises(TypeError, match=r"\(got NoneType\)"):
        romanize(None)


def test_whitespace_and_control_characters_become_single_spaces():
    assert romanize("  Ab \t C\n\x00d ") == "ab c d"
    assert romanize("Пу\u00adтин\u200b") == "putin"  # soft hyphen, zero-width space


@pytest.mark.parametrize(("text", "expected"), [
    ("HAM\x01AS", "hamas"), ("HAM\x00AS\x7f", "hamas"), ("Пу\x1bтин", "putin"),
    ("Пу\x9fтин", "putin"), ("朱\x01海仑", "zhu hailun"),
    # the controls that separate stay separators
    ("Vladimir\x1fPutin", "vladimir putin"), ("Влади\x85мир", "vladi mir"),
])
def test_a_control_character_inside_a_word_does_not_split_it(text, expected):
    # (a stray byte of a damaged export: "HAM AS" would no longer be the name)
    assert romanize(text) == expected


def test_long_text_returns_promptly():
    # linear time: 100,000 characters of mixed scripts (no timing assertion here;
    # a quadratic path would hang the suite)
    text = ("Владимир Путин 朱海仑 محمد Δημήτρης 김영복 Qoussaï " * 2500)[:100_000]
    out = romanize(text)
    # more than five Han characters in all: read as an organization, one per syllable
    assert out.isascii() and out.startswith("vladimir putin zhu hai lun mhmd dimitris")
    assert romanize("朱·" * 50_000).isascii()
    assert len(romanize("a" * 100_000)) == 100_000


SCRIPTS = st.sampled_from(
    [
        (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x52F),
        (0x530, 0x58F), (0x590, 0x5FF), (0x600, 0x6FF), (0x10A0, 0x10FF),
        (0x1F00, 0x1FFF), (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3), (0xFB50, 0xFEFF), (0xE00, 0xE7F), (0x900, 0x97F),
        (0x20000, 0x2A6DF),
    ]
)  # fmt: skip


@st.composite
def mixed_text(draw):
    parts = draw(
        st.lists(
            SCRIPTS.flatmap(
                lambda r: st.text(
                    st.characters(min_codepoint=r[0], max_codepoint=r[1]), max_size=12
                )
            ),
            max_size=6,
        )
    )
    sep = draw(st.sampled_from(["", " ", "  ", "\t", "·", "-"]))
    return sep.join(parts)


def _check_invariants(text: str) -> None:
    out = romanize(text)
    assert out.isascii()
    assert out == out.lower()
    assert "  " not in out and out == out.strip()
    assert all(" " <= c <= "~" for c in out)
    assert out == "" or any(c.isalpha() for c in out)
    assert romanize(out) == out


@settings(max_examples=400, deadline=None)
@given(mixed_text())
def test_romanize_invariants_on_mixed_scripts(text):
    _check_invariants(text)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_romanize_invariants_on_any_text(text):
    _check_invariants(text)


# -- real lists ----------------------------------------------------------------------------------


def _non_latin_names(lists) -> list[str]:
    corpus = lists / "eu" / "derived_2026-08-05" / "real-eu-names-corpus.json"
    with open(corpus, encoding="utf-8") as f:
        names = [n for e in json.load(f) for n in [e["primaryName"], *e.get("aliases", [])]]
    with open(lists / "snapshot" / "uk" / "ConList.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    col = rows[1].index("Name Non-Latin Script")
    names += [r[col] for r in rows[2:] if len(r) > col and r[col]]
    return [n for n in names if not n.isascii()]


def test_every_non_latin_name_on_the_real_lists_romanizes(shared_lists):
    names = _non_latin_names(shared_lists)
    assert len(names) > 10_000
    for name in names:
        out = romanize(name)
        has_letter = any(unicodedata.category(c).startswith("L") for c in name)
        assert out.isascii() and (out != "") == has_letter, name
        assert romanize(out) == out


def test_eu_cyrillic_aliases_often_equal_a_latin_alias(shared_lists):
    """How often the romanized Cyrillic alias of an EU entity is, word for word, one
    of its Latin aliases (the EU lists many spellings per person; ours is one)."""
    corpus = shared_lists / "eu" / "derived_2026-08-05" / "real-eu-names-corpus.json"
    with open(corpus, encoding="utf-8") as f:
        entities = json.load(f)
    total = hits = 0
    for e in entities:
        names = [e["primaryName"], *e.get("aliases", [])]
        latin = {" ".join(sorted(romanize(n).split())) for n in names if n.isascii()}
        for n in names:
            if any("\u0400" <= c <= "\u04ff" for c in n):
                total += 1
                hits += " ".join(sorted(romanize(n).split())) in latin
    assert total > 3000
    assert hits / total > 0.15  # 0.21 when written


def test_a_word_is_read_in_the_cyrillic_of_its_name():
    # alone, "Алег" shows no Belarusian letter; beside "Мікалаевіч" it is Belarusian
    assert romanize("Алег") == "aleg"
    assert romanize("Алег", cyrillic="be") == "aleh"
    assert romanize("Алег Мікалаевіч").split()[0] == "aleh"
    with pytest.raises(ValueError, match="cyrillic"):
        romanize("Алег", cyrillic="xx")


def test_the_persian_suffix_i_is_read_after_a_word_only():
    # after a zero-width non-joiner that ends a word's part, "ای" is the suffix -i and
    # a silent he before it its vowel; with no part before it, it is a word as written
    assert romanize("خامنه\u200cای") == "khamnei"
    assert romanize("\u200cای") == romanize("ای") == "ay"


@pytest.mark.parametrize(("word", "readings"), [
    ("Κάιντα", ("kaida",)),  # ντ inside the word: d, as in Al Kaida
    ("ΧΟΥΘΙ", ("huthi", "khuthi")),  # χ for h or kh, ου for u
    ("Μπους", ("bus",)),
    ("Δημήτρης", ()),  # no letter read otherwise
    ("Papantoniou", ()),  # not Greek
    ("Κάιντα1", ()),  # not all Greek letters
])
def test_greek_readings_as_greek_writes_foreign_names(word, readings):
    assert greek_readings(word) == readings
