"""Korean names across their romanizations, in Latin script and against Hangul."""

from __future__ import annotations

import pytest

from screen import DEFAULT_THRESHOLD, compare
from screen.names import korean
from screen.names.normalize import prepare
from screen.names.romanize import romanize

# spellings of one person on the OFAC, UK, EU and Canadian lists
SAME = [
    ("PAK, Bong Nam", "PAK, Pong-nam"),  # RR b, MR p
    ("PAK BONG NAM", "Pak PONG NAM"),
    ("RI, Thae Chol", "RI, Tae-Chol"),  # North Korean aspirated th
    ("Sou-Kwang KIM", "Su Gwang KIM"),  # ou for u, k/g
    ("Sang-Guk SO", "Sang-Kuk SO"),
    ("KANG, Phyong Guk", "KANG, P'yo'ng-kuk"),  # breve written as an apostrophe
    ("Eun Song Ri", "U’n So’ng Ri"),  # RR eu, MR ŭ
    ("HAN, Jang Su", "HAN, Chang-su"),
    ("PAK, Kwang-hun", "BAK, Gwang Hun"),
    ("서상국", "SO Sang-kuk"),  # Hangul against MR: 서 seo = so
    ("서동명", "SO Tong Myong"),
    ("김광연", "Kwang Yon KIM"),  # surname written last
    ("조경철", "Kyongchol JO"),  # the given name written as one word
    ("신규남", "SIN Kyu Nam"),
    ("박영한", "PARK Young Han"),  # passport spellings
    ("리영길", "RI Yong Gil"),
    ("Lee Yong Gil", "RI Yong Gil"),  # the South drops the North's initial r
]

# different people: one syllable that cannot be the same makes a different name
APART = [
    ("KIM, Mun Chol", "KIM, Min Chol"),
    ("KIM, Yong Chol", "KIM, Myong Chol"),
    ("JO, Yong Chol", "JO, Kyong-Chol"),
    ("KIM Jong Un", "KIM Jong Il"),
    ("KIM Chol", "KIM Chol Nam"),  # a syllable more is another given name
    ("Pak Song Chol", "Pak Sang Chol"),  # MR o may be RR eo, never a
    ("김금철", "SHIN Geum Cheol"),  # 김 is Kim, not Shin
]


@pytest.mark.parametrize("a, b", SAME)
def test_romanizations_of_one_korean_name_match(a, b):
    result = compare(a, b, kind="person")
    assert result.score >= DEFAULT_THRESHOLD, result
    assert "Korean syllables" in result.explanation
    assert compare(b, a, kind="person").score == result.score


@pytest.mark.parametrize("a, b", APART)
def test_different_korean_names_stay_apart(a, b):
    result = compare(a, b, kind="person")
    assert result.score < DEFAULT_THRESHOLD, result


def test_the_explanation_names_the_rule_of_each_syllable():
    why = compare("서상국", "SO Sang-kuk").explanation
    assert "seo~so (Korean)" in why and "sang=sang" in why  # 서 is seo, MR so
    why = compare("PARK Young Han", "PAK Yong Han").explanation
    assert "park~pak (Korean informal)" in why and "young~yong (Korean informal)" in why
    assert "Korean names of different lengths" in compare("KIM Chol", "KIM Chol Nam").explanation


def test_a_latin_syllable_meets_the_hangul_syllables_it_may_spell():
    def meet(latin, hangul):
        return not korean.syllable_ids(latin).keys().isdisjoint(korean.hangul_ids(hangul))

    assert meet("so", "서") and meet("seo", "서") and meet("so", "소")  # MR ŏ written o
    assert not meet("seo", "소") and not meet("sa", "서")
    assert meet("pong", "봉") and meet("thae", "태") and meet("kuk", "국")
    assert meet("yang", "량") and meet("ri", "리") and meet("lee", "이")  # initial ㄹ
    assert meet("chol", "철") and meet("chol", "촐") and not meet("chol", "찰")
    assert korean.syllable_ids("x") == {} and korean.syllable_ids("zhou") == {}


def test_the_romanization_of_every_hangul_syllable_reads_as_that_syllable():
    # a Hangul name and a Latin one spelt as the romanizer writes it must meet
    bad = []
    for code in range(0xAC00, 0xD7A4):
        ch = chr(code)
        text = romanize("김" + ch).split()[-1]
        if korean.syllable_ids(text).keys().isdisjoint(korean.hangul_ids(ch)):
            bad.append((ch, text))
    assert not bad, bad[:20]


def test_words_split_into_syllables_with_vowels_apart():
    assert korean.segment("kyongchol") == (("kyong", "chol"),)
    assert set(korean.segment("jongun")) == {("jong", "un"), ("jon", "gun")}
    assert korean.segment("maung") == ()  # no ma+ung: a Burmese name
    assert korean.segment("smith") == ()
    # a letter ends one syllable and opens the next only as the g of ng before a g,
    # a split before a doubled (tense) consonant's after the plain one
    assert korean.segment("yonggon") == (("yong", "gon"), ("yon", "ggon"))
    assert korean.segment("sangguk")[0] == ("sang", "guk")
    assert korean.segment("emma") == korean.segment("sunnam") == ()


def test_only_a_korean_looking_name_reads_as_korean():
    def reads(name):
        return any(seq[0].korean for _, _, seq in prepare(name, "person").sinitic)

    assert reads("PAK Pong Nam") and reads("Kwang Yon KIM") and reads("김광연")
    assert not reads("Bong Nam Smith")  # no Korean surname at either end
    assert not reads("Maung Maung Soe")
    assert not reads("KIM Kardashian")  # a word that is no Korean syllables
    assert not any(seq[0].korean for _, _, seq in
                   prepare("PAK Pong Nam", "organization").sinitic)


@pytest.mark.parametrize("a, b", [
    ("Emma Lee", "Ema Lee"),  # em-ma is no Korean word: the doubled letter still matches
    ("Anna Park", "Ana Park"),
    ("Sara Kim", "Sarah Kim"),  # a final h is silent
    ("Kim Jong Un", "Kim Jong Eun"),  # RR eu, MR ŭ
])
def test_western_given_names_beside_a_korean_surname_still_match(a, b):
    assert compare(a, b, kind="person").score >= DEFAULT_THRESHOLD


def test_a_chinese_name_that_also_reads_as_korean_is_explained_as_chinese():
    why = compare("SHI, Min", "SHIH, Min").explanation
    assert why.startswith("Chinese syllables") and "Wade-Giles" in why
