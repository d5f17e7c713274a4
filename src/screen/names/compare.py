"""How alike two names are, and why.

:func:`compare` prepares both names (:mod:`screen.names.normalize`) and calls
:func:`compare_prepared`; the matcher runs :func:`compare_lazy` (the same score, the
explanation written only when asked for) in its loop. Two paths:

Chinese path
    When both names are Chinese names (written in Han characters, or every word splits
    into Pinyin, Wade-Giles or Hong Kong Cantonese syllables), they are compared
    syllable by syllable: spacing and hyphens do not matter ("Zhu Hai-lun",
    "ZHUHAILUN"), the surname may stand first or last, and two syllables meet when
    they can stand for the same sound (a shared phonetic id from
    :mod:`screen.names.chinese`: the same Pinyin, the Wade-Giles spelling of it, a
    Cantonese spelling, or a reading of the Han character). One syllable that cannot
    be the same makes them different names: "Zhu Hailin" is not "Zhu Hailun".
    Korean names (in Hangul, or in Latin letters with a Korean surname, see
    :mod:`screen.names.korean`) take the same path with Korean syllables: Revised
    Romanization, McCune-Reischauer and Hangul meet ("PAK Pong-nam" / "Bak Bong Nam" /
    "박봉남"), "KIM Mun Chol" and "KIM Min Chol" do not. A Chinese reading of one name
    never meets a Korean reading of the other.

General path
    Otherwise the words are aligned one to one, each pair scored by the best rule that
    holds: the same word (1.0, or a generic word of a company name in another form:
    "industries"/"industrial"), the same word but for a doubled letter (0.97:
    "Mahmud"/"Mahhmud"), the same phonetic key, i.e. a transliteration variant
    (up to 0.92, see ``_translit_similarity``), or a small typo (one edit in a word of at
    least 5 letters: 1 - 1/length). A word written as two ("Abdulrahman" / "Abdul Rahman")
    also meets. A word in Arabic script and one in another script are spelt alike by
    :func:`abjad_similarity` (the script writes no short vowel, and its weak letters may
    be consonants or vowels); words of one consonant (طه / "Taha", אילי / "Eli") meet by
    :func:`short_similarity`. The score is the covered share of the shorter name, less a
    penalty for each word of the longer name left over: small when the shorter name has
    two or more words (a missing middle name or patronymic), large when it has one word,
    so a short name is not swallowed by a long one.

The score is 0-100; 100 means the same name after normalization (case, accents,
punctuation, spacing, word order, titles, legal forms).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from . import chinese, korean
from .chinese import PINYIN_SYLLABLES
from .normalize import (
    ABJAD_ONLY_FORMS,
    AS_WRITTEN,
    FIRST_LAST,
    FULL_WEIGHT,
    HAN_FORM_WORDS,
    LAST_FIRST,
    TA_MARBUTA,
    WORD_FORMS,
    Prepared,
    Syllable,
    Token,
    abjad_keys,
    abjad_letters,
    abjad_readings,
    full_part,
    hebrew_spellings,
    phonetic_keys,
    phonetic_keys_uncached,
    prepare,
    short_keys,
    single_letters,
    sinitic_left_out,
    weak_latin,
    word_script,
)
from .romanize import greek_readings

DEFAULT_THRESHOLD = 85.0

TRANSLIT_SIM = 0.92
NAME_FORM_SIM = 0.9  # Belarusian, Russian, Ukrainian forms of one given name
# one father's patronymic in the son's form and the daughter's ("Fyodorovich" /
# "Fyodorovna"): a slip of the writer (a list publishes "Nikolai Fyodorovna KONDRATYUK"
# beside "Николай Фёдорович"), not another person; the given names tell siblings apart
PATRONYMIC_GENDER_SIM = 0.85
SPACING_SIM = 0.98
# the shortest word that may meet adjacent words of the other name written apart (the
# join rule, see _match_joined; the index looks up no join for a shorter one)
JOIN_MIN_LETTERS = 5
DOUBLED_LETTER_SIM = 0.97  # one spelling with a letter written twice ("Mahmud"/"Mahhmud")
EXTRA_WORD_PENALTY = 0.06  # per unit of weight left over when the shorter name has >= 2 words
EXTRA_WORD_PENALTY_SHORT = 0.35  # ... when it has one word
MAX_PENALTY = 0.6
# Chinese path: points taken off per syllable that met by a rule other than identity.
SYLLABLE_COST = {"exact": 0.0, "pinyin": 0.5, "Han reading": 1.0, "Wade-Giles": 2.0,
                 "surname": 2.0, "Cantonese": 3.0, "Han reading (Cantonese)": 2.0}
# two Cantonese syllables that meet only through a Mandarin reading each may stand for
# (different sounds, a shared character reading): weak evidence
CANTONESE_VIA_MANDARIN_COST = 6.0
SYLLABLE_COST["Cantonese via Mandarin"] = CANTONESE_VIA_MANDARIN_COST
# Korean syllables (see screen.names.korean): an RR or MR spelling, a Hangul syllable's
# reading, a North Korean initial r or n against the South Korean form, a passport spelling
SYLLABLE_COST.update({korean.STANDARD: 2.0, korean.HANGUL: 1.0, korean.INITIAL: 2.0,
                      korean.INFORMAL: 3.0})
EXTRA_WORD_COST = 4.0  # a Western given name beside a Chinese one
SYLLABLE_MISMATCH_FACTOR = 0.75
SINITIC_LENGTH_CAP = 100.0 * SYLLABLE_MISMATCH_FACTOR


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two names."""

    score: float  # 0..100
    explanation: str


def compare(a: str, b: str, *, kind: str | None = None) -> Comparison:
    """Compare two names; ``kind`` ("person" or "organization", see
    :func:`~screen.names.normalize.prepare`) applies to both."""
    for arg, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"'{arg}' must be str (got {type(value).__name__})")
    return compare_prepared(prepare(a, kind), prepare(b, kind))


def compare_prepared(a: Prepared, b: Prepared) -> Comparison:
    """:func:`compare` of two prepared names."""
    score, why = compare_lazy(a, b)
    return Comparison(score, why())


def compare_lazy(a: Prepared, b: Prepared) -> tuple[float, Callable[[], str]]:
    """``compare_prepared(a, b)`` as its score and a function that writes its
    explanation: the matcher scores every candidate and explains only what matches."""
    if a.empty or b.empty:
        return 0.0, _EMPTY_WHY
    tried_sinitic = bool(a.sinitic and b.sinitic and a.sinitic_extra + b.sinitic_extra <= 1)
    if tried_sinitic:
        result = _compare_sinitic(a, b)
        if result is not None:
            score, why = result
            extra = a.sinitic_extra + b.sinitic_extra
            if extra:
                score = max(0.0, score - EXTRA_WORD_COST * extra)
                why += "; left out: " + " ".join(
                    t.text for p in (a, b) for t in sinitic_left_out(p))
            return score, lambda: _join(why, _notes(a, b))
    score, words_why = _compare_tokens(a, b)
    if tried_sinitic and score > SINITIC_LENGTH_CAP:
        # two Chinese names of different syllable counts are different names
        return SINITIC_LENGTH_CAP, lambda: _join(
            words_why() + "; " + _length_why(a, b), _notes(a, b))
    if a.generation and b.generation and a.generation != b.generation:
        return max(0.0, score - GENERATION_COST), lambda: _join(
            words_why() + f"; Jr. against Sr.: a father and his son (-{GENERATION_COST})",
            _notes(a, b))
    return score, lambda: _join(words_why(), _notes(a, b))


# what a "Jr." against a "Sr." costs: the suffixes say two people of one name (a name
# with a suffix against one without it is the same name: see normalize.GENERATIONS)
GENERATION_COST = 20


def _length_why(a: Prepared, b: Prepared) -> str:
    """Why two names that both read as Chinese or Korean met on no syllable sequence."""
    ra = {seq[0].korean for _, _, seq in a.sinitic}
    rb = {seq[0].korean for _, _, seq in b.sinitic}
    if ra.isdisjoint(rb):
        return "a Chinese name and a Korean name"
    common = ra & rb
    if common == {True}:
        return "Korean names of different lengths"
    if common == {False}:
        return "Chinese names of different lengths"
    return "Chinese or Korean names of different lengths"


def _EMPTY_WHY() -> str:
    return "nothing to compare: a name is empty after normalization"


def _join(why: str, notes: str) -> str:
    return f"{why}; {notes}" if notes else why


def _notes(a: Prepared, b: Prepared) -> str:
    seen = dict.fromkeys(a.notes + b.notes)
    return "; ".join(seen)


# -- general path ----------------------------------------------------------------------
def _generic_form(t: Token) -> frozenset[str]:
    """The company words ``t`` is a form of (see normalize.WORD_FORMS); empty for none.
    A word read from Han characters is one only when its characters are the word's
    (HAN_FORM_WORDS): 海阳, the city Haiyang, is no 海洋 haiyang, "ocean"."""
    if (t.text in ABJAD_ONLY_FORMS and not t.abjad) or (t.han and t.orig not in HAN_FORM_WORDS):
        return _NO_FORMS
    return WORD_FORMS.get(t.text, _NO_FORMS)


_NO_FORMS: frozenset[str] = frozenset()


def token_similarity(x: Token, y: Token) -> tuple[float, str]:
    if x.text == y.text:
        return 1.0, "exact"
    if x.initials or y.initials:
        # letters stand for words: other letters are other words, not a spelling ("Q X"
        # glued "qx" met "X" by their keys, and "X Q" glued "xq" did not; "B C" glued
        # "bc" met the word "BQ", and "C B" did not)
        return 0.0, ""
    generic = _generic_form(x)
    if generic and not generic.isdisjoint(_generic_form(y)):
        return 1.0, "word form"  # "industries" / "industrial"; "keji" (科技) / "technology"
    if x.han or y.han:
        # pinyin read from Han characters is spelt one way: another text is other
        # characters, or (against a Latin word) a typo; other spellings of Chinese
        # syllables (Wade-Giles, Cantonese) meet syllable by syllable (_compare_sinitic),
        # not as words here
        return (0.0, "") if x.han and y.han else _typo_similarity(x.text, y.text, 0.0)
    if x.single == y.single and len(x.single) >= 3:  # (the texts differ: one doubles)
        return DOUBLED_LETTER_SIM, "doubled letter"
    if x.text in ARABIC_ARTICLES and y.text in ARABIC_ARTICLES \
            and x.weight < FULL_WEIGHT and y.weight < FULL_WEIGHT:
        # (read as articles: "Ed Smith" is no "Al Smith", see normalize._sun_article_here)
        return TRANSLIT_SIM, "Arabic article"
    best, rule = 0.0, ""
    # (a word in Hebrew script and a Latin one of another first consonant are no
    # transliteration of each other; a name form or a typo may still meet them)
    apart = x.hebrew != y.hebrew and _hebrew_first_sound_differs(x, y)
    shared = [k for k in x.keys if k in y.keys and len(k) >= 2] if not apart else ()
    if shared:
        best = _translit_similarity(x, y, max(map(len, shared)))
        # (a word against its feminine form: said so, see _compare_tokens for the cost)
        rule = (best and _gender_forms(x, y)) or "transliteration"
    elif x.abjad != y.abjad and not apart and _short_meet(x, y):
        # a word of one consonant, in Arabic or Hebrew script and in another ("th" طه /
        # "Taha", "ili" אילי / "Eli")
        a, b = (x, y) if x.abjad else (y, x)
        sim = 0.5 + 0.5 * short_similarity(a.text, b.text, abjad_letters(a.orig))
        if sim >= SHORT_MIN_SIM:
            best, rule = min(TRANSLIT_SIM, sim), "transliteration"
    if x.form and x.form == y.form and NAME_FORM_SIM > best:
        best, rule = NAME_FORM_SIM, "name form"
    elif PATRONYMIC_GENDER_SIM > best and _other_gender(x.form, y.form):
        best, rule = PATRONYMIC_GENDER_SIM, OTHER_GENDER
    typo = _typo_similarity(x.text, y.text, best)
    if typo[0] > best:
        return typo
    if best > 0:
        return best, rule
    return 0.0, ""


OTHER_GENDER = "patronymic of the other gender"
# a word against its feminine form, met by transliteration: a given name (another
# person's: see _compare_tokens), and a surname or another word (a slip of the lists,
# or grammar in a company's name)
FEMININE_GIVEN_NAME = "feminine given name"
FEMININE_FORM = "feminine form"
_TRANSLITERATIONS = ("transliteration", FEMININE_FORM, FEMININE_GIVEN_NAME)


def _siblings(ta, tb, matched) -> bool:
    """Whether words paired beside a patronymic of the other gender are a man's and a
    woman's: two given names of different forms, or a word ending in -a against one
    that does not (Petrova / Petrov, Viktoria / Viktor, Dostoevskaya / Dostoevsky)."""
    for i, j, _, rule in matched:
        if rule == OTHER_GENDER:
            continue
        x, y = ta[i].text, tb[j].text
        if x != y and ((x[-1:] == "a") != (y[-1:] == "a") or (
                ta[i].form and tb[j].form and ta[i].form != tb[j].form)):
            return True
    return False


def _other_gender(a: str, b: str) -> bool:
    """Whether two name forms are one father's patronymic, a son's and a daughter's
    (``"fyodor+m"``, ``"fyodor+f"``: see ``normalize.name_form``)."""
    return a[-2:] in _GENDERED and b[-2:] in _GENDERED and a != b and a[:-1] == b[:-1]


_GENDERED = ("+m", "+f")


def _typo_similarity(x: str, y: str, best: float) -> tuple[float, str]:
    """The similarity of two words one slip apart (a letter added, dropped, changed
    or two swapped, in words of 5 letters or more), or of two long words a letter
    dropped and another added apart (see ``SHIFT_MIN_LETTERS``), when it is above
    ``best``; else (0, "")."""
    n = max(len(x), len(y))
    if n >= 5 and min(len(x), len(y)) >= 4 and 1.0 - 1.0 / n > best \
            and OSA.distance(x, y, score_cutoff=1) <= 1 and not _first_letter_swapped(x, y):
        return 1.0 - 1.0 / n, "typo"
    if len(x) == len(y) >= SHIFT_MIN_LETTERS and 1.0 - 2.0 / n > best and _letter_moved(x, y):
        return 1.0 - 2.0 / n, "typo"
    return 0.0, ""


# words this long that differ by a letter dropped in one place and one added in another
# (each less one letter is the same word) are one word with two slips, at 1 - 2/length:
# a patronymic's "Niolayevich" / "Nikolaevich", "KHANFURAN" / "KHANFOURA",
# "CHANTRAPRAPAPORN" / "CHATARAPRAPAPORN". Nine evaluation pairs met, none of the
# negatives or ordinary names; at seven letters "Western" met "Eastern". They share a
# "d:" key of the index, whose value (1 - 1/(length + 1)) bounds this one.
SHIFT_MIN_LETTERS = 8


def _letter_moved(x: str, y: str) -> bool:
    """Whether two different words of one length are one word less one letter each:
    one letter dropped where they start to differ, another added where they stop."""
    if x == y:
        return False
    i = 0
    while x[i] == y[i]:
        i += 1
    j = len(x) - 1
    while x[j] == y[j]:
        j -= 1
    a, b = x[i:j + 1], y[i:j + 1]
    return a[1:] == b[:-1] or a[:-1] == b[1:]


# consonants spellings of one name swap at its start: labials, coronals (c, j for ts,
# ch, dzh; l, r, n), velars (c, g, j for k, g, dzh: "Jamal" / "Gamal")
_FIRST_SOUNDS = ("bpfvwm", "dtszcjnlr", "cgjkqxh", "fh")  # (fh: ふ, "Fukuda" / "Hukuda")


def _first_letter_swapped(x: str, y: str) -> bool:
    """Whether two words of one length differ in their first letter alone, a consonant
    on each side, the one not a key beside the other nor a consonant of a like sound:
    the first letter is seldom mistyped, and a consonant of another sound makes another
    name ("Goran" / "Zoran", "Dario" / "Mario"; not "Jamal" / "Gamal", "Daedong" /
    "Taedong"; a vowel may be a look-alike letter's: "Здуард" / "Eduard")."""
    a, b = x[:1], y[:1]
    return len(x) == len(y) and a != b and x[1:] == y[1:] \
        and a not in _LATIN_VOWELS and b not in _LATIN_VOWELS \
        and b not in _KEY_NEIGHBOURS.get(a, ()) \
        and not any(a in g and b in g for g in _FIRST_SOUNDS)


_VOWELS = str.maketrans("", "", "aeiouy")


SHORT_MIN_SIM = 0.85  # a word of one consonant: few letters to tell a chance likeness


def _short_meet(x: Token, y: Token) -> bool:
    """Whether two words share a key of a word of one consonant (see short_keys)."""
    sx = short_keys(x.text)
    return bool(sx) and any(k in sx for k in short_keys(y.text))


_STRICT_DROP = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None,
                              "Y": "y", "w": "v"})


# a Latin word's final -eh or -ah after a consonant: the ة (ta marbuta) the romanization
# of Arabic script writes "a" ("Odeh" عودة "auda", "Khalifeh" خليفة "khlifa", "Talhah"
# طلحة "tlha"), as Levantine and Persian spellings write it
_LATIN_TA_MARBUTA = re.compile(r"(?<=[^aeiou])[ae]h$")


def _final_a(abjad: str, letters: str, other: str) -> str:
    """``other`` with a final -eh or -ah written "a" where the abjad word ends in ة (see
    ``letters``, normalize.abjad_letters), as the romanization writes it. Else as it
    is: after an alif, which is "a" too (عدى Uday is no "Odeh", شا no "Shah"); after
    an ع ("aa": "Jumah" جمعة "jmaa" is nearer as written); after ح or ه, whose h the
    Latin h may be ("Wadah" وضحة "wdha"; but "Talhah" طلحة writes both)."""
    if not letters.endswith(TA_MARBUTA) or abjad.endswith("aa") or (
            abjad.endswith("ha") and not other[:-2].endswith("h")):
        return other
    return _LATIN_TA_MARBUTA.sub("a", other)


@lru_cache(maxsize=16_384)
def short_similarity(abjad: str, other: str, letters: str = "") -> float:
    """:func:`abjad_similarity` of two words of one consonant, without readings: the
    romanization's y and w are consonants, and so are the other's consonant y and w
    ("aid" عيد is not "Ayed"); ``letters`` as for abjad_similarity."""
    other = _final_a(abjad, letters, other)
    single = single_letters(other)
    vowels = single.replace("ou", "u").translate(_SCRIPT_VOWELS).replace("gh", "q")
    theirs = weak_latin(single).replace("y", "").translate(_STRICT_DROP).replace("gh", "q")
    ours = abjad.translate(_STRICT_DROP).replace("gh", "q")
    if abjad[:1] in "aeiou":
        ours = "'" + ours
    if other[:1] in "aeiou":
        theirs = "'" + theirs
    return (OSA.normalized_similarity(abjad.replace("gh", "q"), vowels)
            + OSA.normalized_similarity(ours, theirs)) / 2


def _spelling_similarity(x: Token, y: Token) -> float:
    """How alike two words are spelt (0..1): OSA similarity; for a word romanized from
    Arabic script, which writes few vowels, see :func:`abjad_similarity`; from Hebrew
    script, the best of its Latin spellings (``hebrew_spellings``), each with and
    without vowels."""
    if x.abjad != y.abjad:
        a, b = (x, y) if x.abjad else (y, x)
        if not a.hebrew:
            return abjad_similarity(a.text, abjad_letters(a.orig), b.text, b.keys)
        # a Hebrew word's spellings in Latin letters (see hebrew_spellings): "loi" לוי
        # is spelt "lvi" as well (Levi); the Latin word's w is a ו, its doubled
        # letters one letter ("vys" וייס / "Weiss")
        if _hebrew_opening_differs(a.text, b.text):
            return 0.0
        single = single_letters(b.text).replace("w", "v")
        theirs = dict.fromkeys((b.text, single, _latin_as_hebrew(single, a.orig)))
        return max(_abjad_osa(s, t) for s in dict.fromkeys(hebrew_spellings(a.text))
                   for t in theirs)
    if x.abjad or y.abjad:
        if x.hebrew != y.hebrew and _hebrew_opening_differs(
                *((x.text, y.text) if x.hebrew else (y.text, x.text))):
            return 0.0  # (Arabic script, too, writes the vowel that opens a word)
        return _abjad_osa(x.text, y.text)
    if x.orig.isascii() and y.orig.isascii():
        return OSA.normalized_similarity(x.text, y.text)
    # a word in Greek script is also spelt as Greek writes a foreign name ("kainta"
    # Κάιντα is "kaida" as well: Al Kaida)
    return max(OSA.normalized_similarity(a, b) for a in _spellings(x) for b in _spellings(y))


def _spellings(t: Token) -> tuple[str, ...]:
    """A word's text and, for a word in Greek script, its other readings (see
    romanize.greek_readings)."""
    return (t.text, *greek_readings(t.orig)) if not t.orig.isascii() else (t.text,)


def _hebrew_opening_differs(hebrew: str, other: str) -> bool:
    """Whether a word in Hebrew script (as romanized) and another word (in Latin
    letters or Arabic script) open the one with a vowel, the other with a consonant.
    The script writes a vowel that opens a word (א or ע, romanized "a", or "i" with the
    yod after it): "asad" אסעד is no "Saeed", "khmod" חמוד no "Ahmed" nor "ahmd" أحمد.
    A yod (y), a vav (v, u, o) and an h may be either."""
    h, o = hebrew[:1], other[:1]
    if not h or not o or h in "yvuo" or o in "yh":
        return False
    return (h in "ai") != (o in "aeiou")


# how Latin spellings write sounds that the romanization of Hebrew script writes
# otherwise: tz for צ ("Tzur" צור "tsor", "Katz" כץ "kts"), and the hard c that opens a
# name whose Hebrew opens with כ or ק ("Cohen" כהן "khn", "Caspi" כספי). Only there: a
# hard c read k anywhere met ח ("kh") and other names ("חסן" / "Cassano", "צוקרמן" /
# "Carmen"); nor ch as kh (ח, a soft כ), which met Chinese and Korean syllables in a
# word of one consonant ("חי" / "Chi", "Choi") and other names in longer words ("כהן" /
# "Chian"), spellings being compared without their vowels too
_LATIN_HARD_C = re.compile(r"^c(?![eiyh])")
_HEBREW_K = frozenset("\u05db\u05e7")  # כ, ק
_GERESH = frozenset("\u05f3'\u2019")


def _latin_as_hebrew(text: str, hebrew: str) -> str:
    """A Latin spelling with the letters of those sounds as the romanization of Hebrew
    writes them ("tzur" -> "tsur"; "cohen" -> "kohen" against כהן)."""
    t = text.replace("tz", "ts")
    if hebrew[:1] in _HEBREW_K:
        t = _LATIN_HARD_C.sub("k", t)
    return t


# the letters a Latin spelling may open with, by the consonant a word in Hebrew script
# opens with: the script writes a name's first consonant as it sounds (a soft ב, כ or פ
# too: "Federman" פדרמן; ג the Ukrainian h of "Hryhorii" גריגורי, ס the German s of
# "Zilberman" סילברמן), so "כהן" is no "John". Not listed: א, ע, ה, ו and י, which
# open with a vowel or a glide (see _hebrew_opening_differs), and a letter with a
# geresh (ג' j, ז' zh, צ' ch), a foreign sound
_HEBREW_OPENINGS = {
    "ב": "bvw", "ג": "gjh", "ד": "d", "ז": "zs", "ח": "hckxj", "ט": "t", "כ": "kcqx",
    "ך": "kcqx", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "scz", "פ": "pf",
    "ף": "pf", "צ": "tzcs", "ץ": "tzcs", "ק": "kcqg", "ר": "r", "ש": "scx", "ת": "t",
}  # fmt: skip


def _hebrew_first_sound_differs(x: Token, y: Token) -> bool:
    """Whether a word in Hebrew script and a word in plain Latin letters open with
    consonants of other sounds (see _HEBREW_OPENINGS). A word written with accents
    ("Šapiro") or in another script is not checked."""
    h, o = (x, y) if x.hebrew else (y, x)
    if not o.orig.isascii() or not o.text:
        return False
    # (a word's orig has no points: prepare drops them with the other combining marks)
    allowed = _HEBREW_OPENINGS.get(h.orig[:1])
    return allowed is not None and h.orig[1:2] not in _GERESH and o.text[0] not in allowed


def _abjad_osa(a: str, b: str) -> float:
    """The mean OSA similarity of two spellings with and without their vowels."""
    return (OSA.normalized_similarity(a, b)
            + OSA.normalized_similarity(a.translate(_VOWELS), b.translate(_VOWELS))) / 2


_SKELETON_DROP = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None,
                                "y": None, "Y": "y", "Z": "z", "w": "v"})


_SCRIPT_VOWELS = str.maketrans("oe", "ui")
_LATIN_VOWELS = frozenset("aeiouy")
_ABJAD_FINAL_VOWELS = frozenset("aiuyYh")


def _consonants(text: str) -> str:
    """The consonants of a spelling (a consonant y written Y kept, w as v), a vowel
    that opens it written "'": an abjad word writes the alif or ع a name opens with
    ("ahsan" احسان is Ehsan, not Hassan)."""
    out = text.translate(_SKELETON_DROP).replace("gh", "q")  # Persian ق is gh
    return "'" + out if text[:1] in "aeiou" else out


@lru_cache(maxsize=65_536)
def abjad_similarity(abjad: str, letters: str, other: str,
                     other_keys: tuple[str, ...]) -> float:
    """How alike the romanization of an abjad word and another spelling are: the best,
    over the word's readings (see :func:`~screen.names.normalize.abjad_readings`) that
    share a phonetic key with the other word (the romanization itself always counts),
    of the mean of the OSA similarity of the spellings and that of their consonants
    (and final vowel)."""
    # a doubled letter of a Latin spelling is one letter of the script (shadda); its
    # consonant y may be a ي the romanization wrote "i" (سید "sid" is Seyed)
    single = single_letters(_final_a(abjad, letters, other))
    weak = weak_latin(single)
    # a name that ends in a vowel: the script writes it (ا ى ة ه و ي: "malki" مالکی is
    # Maleki, no Malek; "than" طحان no Thane), so it counts as a consonant does
    end = "V" if weak[-1:] in _LATIN_VOWELS else ""
    theirs = {_consonants(weak) + end, _consonants(single) + end}
    # its vowels as the script's (and so the romanization's) three: o, ou as و "u",
    # e as ي "i" (or a short vowel, which the romanization leaves out anyway)
    vowels = single.replace("ou", "u").translate(_SCRIPT_VOWELS).replace("gh", "q")
    best = 0.0
    for i, (reading, keys) in enumerate(abjad_readings(abjad, letters)):
        if i and not any(k in other_keys for k in keys):
            continue
        spelt = reading.replace("Y", "y").replace("Z", "z").replace("gh", "q")
        cons = _consonants(reading)
        last = reading[-1:]
        ours: tuple[str, ...]
        if last in _ABJAD_FINAL_VOWELS:  # a final ه is a consonant or carries a vowel
            ours = (cons + "V", cons) if last == "h" else (cons + "V",)
        else:
            ours = (cons,)
        sim = (OSA.normalized_similarity(spelt, vowels)
               + max(OSA.normalized_similarity(o, t) for o in ours for t in theirs)) / 2
        best = max(best, sim)
    return best


def _translit_similarity(x: Token, y: Token, key_len: int) -> float:
    """Two words with a phonetic key in common: how sure are we they are one name?

    A long shared skeleton (4+ consonants: "mhlvC" for Michailowitsch/Mikhaylovich)
    rarely happens by chance: full transliteration similarity, where the spellings
    are more than half alike (at half, two names of one skeleton: "Muhammad" /
    "Mahmoud", "Kralova" / "Kirillov", "Solomon" / "Sulaiman"). A short one
    ("lsk": Lisik/Lisiuk, "tms": Thomas/Tamas) happens often, so the score falls with
    how far apart the spellings are: 0.5 + 0.5 * OSA similarity, below 0.75 no match.
    A word romanized from Arabic or Hebrew script has few vowels: its spelling
    similarity is the mean of that with and without vowels."""
    if _abbreviation_against_word(x, y) or (key_len < 4 and _opening_differs(x, y)):
        return 0.0
    osa = _spelling_similarity(x, y)
    if key_len >= 4 and (osa > 0.5 or _plain_similarity(x.text, y.text) > 0.5):
        return TRANSLIT_SIM
    if osa < 1.0 and not (x.abjad or y.abjad) and (
            sound_spelling(x.text) == sound_spelling(y.text) or (
                not (x.orig.isascii() and y.orig.isascii())
                and not {*map(sound_spelling, _spellings(x))}.isdisjoint(
                    map(sound_spelling, _spellings(y))))):
        # spelt alike once the letters systems swap for one sound are read alike
        # ("Ghayth" / "Gaith", "Adeeb" / "Adib", "Gaddafi" / "Khadafy"). Only when
        # alike: made merely closer, more ordinary names met than variants ("Naveen" /
        # "Novin", "Chayka" / "Cheika", "Ujamaa" / "Jama")
        osa = 1.0
    sim = min(TRANSLIT_SIM, 0.5 + 0.5 * osa)
    return sim if sim >= 0.75 else 0.0


# a Slavic surname's ending in a woman's name and in a man's
_SURNAME_GENDER = (("ova", "ov"), ("eva", "ev"), ("yova", "yov"), ("ina", "in"), ("yna", "yn"),
                   ("skaya", "skiy"), ("skaya", "sky"), ("skaya", "skii"), ("skaia", "skii"),
                   ("ska", "ski"), ("aya", "iy"), ("aya", "yy"))


# the men's names of the table of forms that end in "a", as women's do
_MEN_IN_A = frozenset(["ilya", "nikita", "usama", "mustafa", "murtada", "isa"])


def _gender_forms(x: Token, y: Token) -> str:
    """Whether one word is the feminine form of the other, and of what: a given name
    (FEMININE_GIVEN_NAME), both in the table of given names' forms (data/name_forms.tsv)
    on lines of their own, the woman's ending in "a" and the man's not ("Aleksandra" /
    "Aleksandr", "Evgenia" / "Yevgeniy", "Viktoriia" / "Viktor", "Luisa" / "Luis"; a
    genitive is in no line: "Игоря" / "Igor"); else a Slavic surname's or adjective's
    ending (FEMININE_FORM: "Polyakova" / "Polyakov", "SVETLOVSKAYA" / "SVETLOVSKY");
    "" for neither. Not by an "a" alone: Arabic men's names end so too ("Hamada" /
    "Hamad", "NURA" / "NUR", one party's names)."""
    if x.abjad or y.abjad:
        return ""
    a, b = x.text, y.text
    if a.endswith("a") == b.endswith("a"):
        return ""
    (f, ft), (m, mt) = ((a, x), (b, y)) if a.endswith("a") else ((b, y), (a, x))
    if mt.form and ft.form and ft.form != mt.form and ft.form.endswith("a") \
            and not mt.form.endswith("a") and ft.form not in _MEN_IN_A \
            and ft.form[-2:] not in _GENDERED and mt.form[-2:] not in _GENDERED:
        return FEMININE_GIVEN_NAME
    # (stems of four letters or more: "Madina" is no "Madain")
    if any(f.endswith(fe) and m.endswith(me) and min(len(f) - len(fe), len(m) - len(me)) >= 4
           and OSA.distance(f[:-len(fe)], m[:-len(me)], score_cutoff=1) <= 1
           for fe, me in _SURNAME_GENDER):
        return FEMININE_FORM
    return ""


# The letters transliterations swap for one sound: those every convention of the
# phonetic keys merges (normalize._COMMON), kh read as k (as the German convention
# does), ch left as it is (ч in English, х in German); ee, oo and ou for long i and u,
# and (see sound_spelling) y for i.
_SOUND_RULES = (("ch", "\x00"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"),
                ("dh", "d"), ("ck", "k"), ("q", "k"), ("c", "k"), ("g", "k"), ("w", "v"),
                ("z", "s"), ("\x00", "ch"), ("ee", "i"), ("oo", "u"), ("ou", "u"))
_Y_AS_I = re.compile(r"y(?![aeiou])")


@lru_cache(maxsize=16_384)
def sound_spelling(text: str) -> str:
    """A word spelt with the letters transliteration systems swap for one sound read
    alike, vowels kept: the spellings of one Arabic or Russian name that differ in
    those letters alone meet in full ("Gaddafi", "Khadafy", "Kadhafi" -> "kadafi";
    "Qasem", "Kassem" -> "kasem"), where their letters as written are far apart."""
    for a, b in _SOUND_RULES:
        if a in text:
            text = text.replace(a, b)
    text = _Y_AS_I.sub("i", text)
    return single_letters(text)


def _abbreviation_against_word(x: Token, y: Token) -> bool:
    """Whether one word is written without a vowel in Latin letters (an abbreviation:
    "MKS", "NNK") and the other with vowels: a shared skeleton says nothing then
    ("Miekus" is no "MKS"). Words romanized from Arabic or Hebrew script, which write
    few vowels, are no abbreviations."""
    if x.abjad or y.abjad:
        return False
    return _has_vowel(x.text) != _has_vowel(y.text)


_OPEN_EITHER = frozenset("hyjw")  # a consonant or a vowel's glide: either opening


def _opening_differs(x: Token, y: Token) -> bool:
    """Whether two words in no abjad open the one with a vowel, the other with a
    consonant: transliteration writes a name's first sound, it neither adds nor drops
    a syllable before it ("Ashley" is no "Sally", "Asani" no "Shishani"). h, y, j and
    w may be either (a glide, a silent h). Two openings are one: an Arabic article
    written onto the name ("Eddine" / "Dine", "Elkaddafi" / "Gadhafi"), and the i or e
    that North African and Turkic spellings write or drop before two consonants
    ("Idris" / "Driss", "Ismail" / "Smail", "Iskandar" / "Skandar")."""
    if x.abjad or y.abjad:
        return False
    a, b = x.text[:1], y.text[:1]
    if not a or not b or a in _OPEN_EITHER or b in _OPEN_EITHER:
        return False
    if (a in "aeiou") == (b in "aeiou"):
        return False
    vowel, other = (x.text, y.text) if a in "aeiou" else (y.text, x.text)
    if vowel[0] in "ie" and len(vowel) > 3 and other.startswith(vowel[1:3]) \
            and vowel[1] not in _LATIN_VOWELS and vowel[2] not in _LATIN_VOWELS:
        return False
    return not _ARTICLE_ONTO.match(vowel)


_ARTICLE_ONTO = re.compile(r"[aeiou](?:l|([dtrszn])\1)")


def _has_vowel(text: str) -> bool:
    return len(text.translate(_VOWELS)) < len(text)


# letters transliteration systems write for one sound: German w, j and s for в, й and
# з, French ou for у
_PLAIN = str.maketrans({"w": "v", "j": "y", "z": "s"})


def _plain_similarity(a: str, b: str) -> float:
    """OSA similarity of two spellings with the letters of _PLAIN read alike
    ("Sawjalow" / "Zaviyalov": 0.44 as spelt, 0.89 so)."""
    return OSA.normalized_similarity(a.replace("ou", "u").translate(_PLAIN),
                                     b.replace("ou", "u").translate(_PLAIN))


ABJAD_SINGLE_SPELLING = 0.9


def _short_vowels_added(abjad: str, other: str) -> bool:
    """Whether ``other`` is the romanization of an abjad word with only short vowels
    (a, i, u; e and o read as i and u) put between its letters, a letter written twice
    counted once and w read as v ("wtn" / "Vatan"). Not before the first letter or
    after the last: the script writes a vowel that opens or ends a name."""
    theirs = single_letters(other).replace("ou", "u").translate(_SCRIPT_VOWELS).replace("w", "v")
    ours = abjad.replace("w", "v")
    if not ours or theirs[:1] != ours[:1] or theirs[-1:] != ours[-1:]:
        return False
    i = 0
    for ch in theirs:
        if i < len(ours) and ch == ours[i]:
            i += 1
        elif ch not in "aiu":
            return False
    return i == len(ours)


def _long_vowels_written(abjad: str, other: str) -> bool:
    """Whether the romanization of an abjad word has as many letters for u (u, w, v)
    and for i (i, y) as the other spelling shows long u (ou, oo) and long i (y, ee)."""
    return (other.count("ou") + other.count("oo")
            <= abjad.count("u") + abjad.count("w") + abjad.count("v")) and (
        other.count("y") + other.count("ee") <= abjad.count("i") + abjad.count("y"))


ROMANIZED_SINGLE_SPELLING = 0.75
# a one-word name this long keeps the similarity of a word one letter off (a slip in
# one letter of eight or more: its transliteration value, or 1 - 1/length) ...
SLIP_MIN_LETTERS = 8
# ... and one of this many letters when the letter is one a hand slips to (see
# _hand_slip). Any letter of seven alerted on names one letter from another name on
# the ordinary names ("Skinner" / "SPINNER", "Monnier" / "JONNIER", "Silveira" /
# "Silvera"); these slips alone met 15 typos of the development and held-out pairs
# ("Cherepa" / "Chsrepa", "ENIMINAS" / "ENIINAS", "BENTLEY" / "BENTLYE") and none of them
HAND_SLIP_MIN_LETTERS = 7
# ... and one of this many letters or more keeps its transliteration value when the two
# spellings differ in one letter inside the word alone, a or e, e or i (the Persian short
# vowels as romanizations write them), i or y, or c or k (a Cyrillic к): "Taliban" /
# "Taleban", "Khaybar" / "Kheybar", "Avisto" / "Avysto", "Novelco" / "Novelko". Other
# vowels, and one added or dropped, gave more alerts than variants on the development
# pairs and ordinary names ("Reuter" / "ROUTER", "Sandhu" / "Sindhu", "Silveira" /
# "Silvera", "Action" / "AUCTION")
INNER_VARIANT_MIN_LETTERS = 6
_INNER_VARIANT_PAIRS = frozenset(("ae", "ea", "ei", "ie", "iy", "yi", "ck", "kc"))


# the rows of a QWERTY keyboard and how far each is set off to the right of the one
# above, in key widths
_KEY_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75))


def _key_neighbours() -> dict[str, frozenset[str]]:
    """The keys beside each letter's key: on its row, and the two touching it on the
    rows above and below."""
    at = {c: (r, i + off) for r, (row, off) in enumerate(_KEY_ROWS) for i, c in enumerate(row)}
    return {c: frozenset(d for d, (r2, x2) in at.items()
                         if d != c and abs(r2 - r) <= 1 and abs(x2 - x) <= 1.0)
            for c, (r, x) in at.items()}


_KEY_NEIGHBOURS = _key_neighbours()


def _hand_slip(a: str, b: str) -> bool:
    """Whether two words one letter apart differ as a typing slip makes them, past the
    first letter (which is seldom mistyped): a key beside the right one, two letters
    swapped, or a letter added or dropped, but for a vowel beside another (a vowel pair
    written as one vowel is another spelling of a name: "Silveira" / "Silvera")."""
    if a[:1] != b[:1] or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return b[diff[0]] in _KEY_NEIGHBOURS.get(a[diff[0]], ())
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1:
        return False
    i = next((k for k, ch in enumerate(shorter) if longer[k] != ch), len(shorter))
    if longer[:i] + longer[i + 1:] != shorter:
        return False
    return longer[i] not in _LATIN_VOWELS or not (
        set(longer[i - 1:i] + longer[i + 1:i + 2]) & _LATIN_VOWELS)


def _inner_letter_variant(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (of ``INNER_VARIANT_MIN_LETTERS`` or more) differ in one
    letter inside the word (neither the first nor the last), as a pair of
    ``_INNER_VARIANT_PAIRS``."""
    if len(a) != len(b) or len(a) < INNER_VARIANT_MIN_LETTERS or not (a.isascii() and b.isascii()):
        return False
    diff = [i for i in range(1, len(a) - 1) if a[i] != b[i]]
    return len(diff) == 1 and a[0] == b[0] and a[-1] == b[-1] \
        and a[diff[0]] + b[diff[0]] in _INNER_VARIANT_PAIRS


def _romanized_against_latin(x: Token, y: Token) -> bool:
    """Whether one word is written in Cyrillic or Greek letters and the other in Latin."""
    pair = {word_script(x.orig), word_script(y.orig)}
    return pair == {"C", "L"} or pair == {"G", "L"}


def _single(sim: float, rule: str, x: Token | None, y: Token | None) -> float:
    """A word's similarity when it is all a name has (see :func:`_single_value`); two
    spellings of one given name ("Ismail" / "Ismael", "Abdallah" / "Abdulla") keep the
    name-form value: no chance likeness, which the strictness is there for. Forms spelt
    far apart (a translation: "Joseph" / "Yousef") do not."""
    out = _single_value(sim, rule, x, y)
    if x is not None and y is not None and x.form and x.form == y.form and \
            OSA.normalized_similarity(x.text, y.text) >= SINGLE_FORM_SPELLING:
        return max(out, NAME_FORM_SIM)
    return out


SINGLE_FORM_SPELLING = 0.6


def _single_value(sim: float, rule: str, x: Token | None, y: Token | None) -> float:
    """A word's similarity when it is all a name has: a transliteration counts by how
    alike the spellings are (a long skeleton is no help: one word has few letters to
    check), and every shortfall from 1.0 counts double unless the word is within 0.05,
    one letter off in a long word, written in Arabic script on one side only and
    spelt alike but for short vowels (see ``ABJAD_SINGLE_SPELLING``), or written in
    Cyrillic or Greek letters on one side and Latin on the other, with a phonetic key
    of three consonants or more in common, spellings alike
    (``ROMANIZED_SINGLE_SPELLING``) and both ending in a vowel or neither."""
    if rule in _TRANSLITERATIONS and x is not None and y is not None:
        spelling = _spelling_similarity(x, y)
        sim = min(sim, spelling * 0.5 + 0.5)
        if x.abjad != y.abjad and not (x.hebrew or y.hebrew):
            # Arabic script writes no short vowel: a spelling that only adds them (and
            # doubles letters) is as close as another script comes ("raht" / "Rahat",
            # "wtn" / "Watan"), but for a long vowel, which the script writes ("kmal"
            # كمال is no "Koumal", "khiri" خيري no "Khouri")
            a, b = (x, y) if x.abjad else (y, x)
            if (spelling >= ABJAD_SINGLE_SPELLING or _short_vowels_added(a.text, b.text)) \
                    and _long_vowels_written(a.text, b.text):
                return sim
        if spelling >= ROMANIZED_SINGLE_SPELLING and _romanized_against_latin(x, y) and (
                x.text[-1] in _LATIN_VOWELS) == (y.text[-1] in _LATIN_VOWELS) \
                and max((len(k) for k in x.keys if k in y.keys), default=0) >= 3:
            # a word in Cyrillic or Greek letters is romanized one way here, the other
            # side's by another system: their spellings differ by system, not by name
            # ("vympelkom" Вымпелком / "VimpelCom", "lukoyl" ЛУКОЙЛ / "Lukoil"), but
            # the script writes every vowel: one the other lacks at the end is another
            # name ("Марина" is no "Marin")
            return sim
    shorter = 0 if x is None or y is None else min(len(x.text), len(y.text))
    if shorter >= HAND_SLIP_MIN_LETTERS and x is not None and y is not None \
            and OSA.distance(x.text, y.text, score_cutoff=1) <= 1 \
            and (shorter >= SLIP_MIN_LETTERS or _hand_slip(x.text, y.text)):
        return max(sim, 1.0 - 1.0 / max(len(x.text), len(y.text)))  # one letter in seven+
    if rule in _TRANSLITERATIONS and x is not None and y is not None \
            and _inner_letter_variant(x.text, y.text):
        return sim
    return sim if sim >= 0.95 else max(0.0, 1.0 - 2.0 * (1.0 - sim))


# token_similarity of word pairs met before, by the ids of the two words, each entry
# holding its words (so that their ids stay theirs while it lives): the same words meet
# again and again (a common given name against the listed names that share it), and
# words are shared between prepared names (normalize caches them). Cleared when full.
_SIMILARITIES: dict[tuple[int, int], tuple[Token, Token, float, str]] = {}
SIMILARITY_MEMO = 1 << 15


def _compare_tokens(a: Prepared, b: Prepared) -> tuple[float, Callable[[], str]]:
    """The general path's score, and a function that writes why."""
    ta, tb = a.tokens, b.tokens
    pairs: list[tuple[float, int, int, float, str]] = []
    gendered = False
    memo = _SIMILARITIES
    for i, x in enumerate(ta):
        ix = id(x)
        for j, y in enumerate(tb):
            if x.text == y.text:  # (token_similarity's first answer, kept out of the memo)
                sim, rule = 1.0, "exact"
                pairs.append((min(x.weight, y.weight), i, j, sim, rule))
                continue
            got = memo.get((ix, id(y)))
            if got is not None and got[0] is x and got[1] is y:
                sim, rule = got[2], got[3]
            else:
                sim, rule = token_similarity(x, y)
                if len(memo) >= SIMILARITY_MEMO:
                    memo.clear()
                memo[ix, id(y)] = (x, y, sim, rule)
            if sim > 0:
                pairs.append((sim * min(x.weight, y.weight), i, j, sim, rule))
                gendered = gendered or rule is FEMININE_GIVEN_NAME
    if gendered and not (a.organization or b.organization):
        # a woman's given name against a man's is another person ("Viktoriia Zasenko" /
        # "Viktor YATSENKO" met at 90, "Luisa Dominguez" / "Luis Dominguez" at 95), and
        # beside it the surnames' genders are no slip: both unmet. A surname's alone
        # may be one: the lists write a woman's in the man's form ("Galina Petrovna
        # KHOVANSKY"), as do countries where she takes her husband's as it is; and in a
        # company's name without a legal form the forms agree with other words
        # ("Chernomorskaya bank" / "Chernomorskiy bank").
        note = "; ".join(dict.fromkeys(
            f"{ta[p[1]].text}~{tb[p[2]].text} ({UNMET_GENDERS})"
            for p in pairs if p[4] is FEMININE_GIVEN_NAME))
        pairs = [p for p in pairs if p[4] is not FEMININE_GIVEN_NAME and p[4] is not FEMININE_FORM]
        return _noted(_compare_pairs(a, b, pairs), note)
    return _compare_pairs(a, b, pairs)


UNMET_GENDERS = "a woman's and a man's given name: unmet"


def _noted(result: tuple[float, Callable[[], str]], note: str) -> tuple[float, Callable[[], str]]:
    """``result`` (a score and the function that writes why) with ``note`` after its why."""
    score, why = result
    return score, lambda: f"{why()}; {note}"


def _compare_pairs(a: Prepared, b: Prepared, pairs: list) -> tuple[float, Callable[[], str]]:
    """The rest of :func:`_compare_tokens`: the word pairs of ``a`` and ``b`` that may
    meet (``pairs``) assigned, the words joined, scored."""
    ta, tb = a.tokens, b.tokens
    # among pairs that score alike (an "al" on one side, two on the other), the one
    # whose words stand at like places in their names
    na, nb = max(len(ta) - 1, 1), max(len(tb) - 1, 1)
    pairs.sort(key=lambda p: (-p[0], abs(p[1] / na - p[2] / nb), p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched = _assign(pairs, used_a, used_b)
    if any(m[3] == OTHER_GENDER for m in matched) and _siblings(ta, tb, matched):
        # a patronymic of the other gender is a slip only beside one person's other
        # words; beside a given name or surname of the other gender too, it is a sister
        # ("Aleksandra Ivanovna Petrova" / "Aleksandr Ivanovich Petrov"): unmet
        pairs = [p for p in pairs if p[4] != OTHER_GENDER]
        used_a.clear()
        used_b.clear()
        matched = _assign(pairs, used_a, used_b)
    initials = (a.initials and not b.organization) or (b.initials and not a.organization)
    if not (a.abjad or b.abjad or glued_in(ta, tb) or glued_in(tb, ta)):
        # no script whose words join by sound, and no word two of the other's glued
        return _scored(a, b, matched, [], used_a, used_b, initials)
    joins = _joins_both(a, b, used_a, used_b)
    tried: dict = {}  # (side, word, span) -> the join's similarity (0: none), see below
    best = _scored(a, b, matched, joins, used_a, used_b, initials)
    if (len(used_a) < len(ta) or len(used_b) < len(tb)) and (
            _blocked_join(ta, tb, matched, used_b, b.abjad, False, tried)
            or _blocked_join(tb, ta, matched, used_a, a.abjad, True, tried)):
        # a word paired first may belong to words written apart: "Abubakr" met "Bakr"
        # (a transliteration) and left "Abu" over, where "Abu Bakr" written as one is
        # the same name. The words joined first, then the rest paired, may score more.
        pre_a: set[int] = set()
        pre_b: set[int] = set()
        # (what a word and a span make of each other is tried once: the script's
        # spelling checks are the costly part of comparing names in Arabic script)
        first = _joins_both(a, b, pre_a, pre_b, tried)
        if first and {j[:2] for j in first} != {j[:2] for j in joins}:
            matched2 = _assign(pairs, pre_a, pre_b)
            other = _scored(a, b, matched2, first + _joins_both(a, b, pre_a, pre_b, tried),
                            pre_a, pre_b, initials)
            if other[0] > best[0]:
                best = other
    return best


def glued_in(ta, tb) -> bool:
    """Whether a word of ``ta`` (of ``JOIN_MIN_LETTERS`` or more) is two adjacent words
    of ``tb`` glued letter for letter, or three with a particle between (see
    ``GLUE_PARTICLES``)."""
    long_words = [w for x in ta if len(x.text) >= JOIN_MIN_LETTERS for w in join_texts(x)]
    if not long_words or len(tb) < 2:
        return False
    glued = glued_spans(tb)
    return any(w in glued for w in long_words)


def _blocked_join(ta, tb, matched: list, used_b: set[int], abjad_b: bool, swap: bool,
                  tried: dict) -> bool:
    """Whether a word of ``ta`` is adjacent words of ``tb`` written apart (see
    :func:`_match_joined`) that the pairs taken first kept from being joined in the way
    joining first would undo: the word was paired with one of those words ("Abubakr"
    with "Bakr" of "Abu Bakr"), or was left over while the article among them was
    paired ("slah al din" / "Salahaldin", its "al" paired with an "el" elsewhere).
    ``matched``: the pairs taken (``swap``: ``ta`` is their second side). The test
    before the costlier search of :func:`_compare_tokens`, and kept cheap: most pairs
    of names it is asked about have no such word."""
    if len(tb) < 2:
        return False
    partner = None
    glued: set[str] | None = None  # (made when first needed)
    for i, x in enumerate(ta):
        if len(x.text) < JOIN_MIN_LETTERS:
            continue
        if not (abjad_b or x.abjad) and (glued := glued_spans(tb) if glued is None
                                          else glued).isdisjoint(join_texts(x)):
            continue  # in neither script, only two words glued letter for letter join
        if partner is None:
            partner = {(m[1] if swap else m[0]): (m[0] if swap else m[1], m[2]) for m in matched}
            articles = {m[0] if swap else m[1] for m in matched
                        if tb[m[0] if swap else m[1]].text in JOIN_ARTICLES}
        mine, sim_paired = partner.get(i, (None, 0.0))
        if sim_paired >= SPACING_SIM or (mine is None and not articles):
            continue  # paired as written, or nothing taken that joining first frees
        for start, n in join_spans(tb):
            idx = tuple(range(start, start + n))
            if mine is not None:
                if mine not in idx:
                    continue
            elif not any(k in articles for k in idx) or any(
                    k in used_b and k not in articles for k in idx):
                continue  # no article taken, or a name's word taken
            joined = "".join(tb[k].text for k in idx)
            if mine is not None and sim_paired >= TRANSLIT_SIM and joined != x.text:
                continue  # a join by sound is worth no more than the pair it undoes
            sim = tried.get((swap, i, idx))
            if sim is None:
                sim = tried[swap, i, idx] = _join_sim(x, tb[start:start + n], joined)
            if sim:
                return True
    return False


def _assign(pairs, used_a: set[int], used_b: set[int]) -> list[tuple[int, int, float, str]]:
    """Word pairs taken best first, each word once (``used_a``, ``used_b``: words taken
    already; updated)."""
    matched: list[tuple[int, int, float, str]] = []
    for _, i, j, sim, rule in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matched.append((i, j, sim, rule))
    return matched


def _joins_both(a: Prepared, b: Prepared, used_a: set[int], used_b: set[int],
                tried: dict | None = None) -> list:
    """Words of either side written as adjacent words of the other (see
    :func:`_match_joined`), among those not used yet; marks what it uses."""
    ta, tb = a.tokens, b.tokens
    return _match_joined(ta, tb, used_a, used_b, b.abjad, tried=tried) + [
        (j, i, s, r) for i, j, s, r in _match_joined(tb, ta, used_b, used_a, a.abjad, swap=True,
                                                     tried=tried)
    ]


def _scored(a: Prepared, b: Prepared, matched: list, joins: list, used_a: set[int],
            used_b: set[int], initials: bool = False) -> tuple[float, Callable[[], str]]:
    """The score of the words paired (``matched``) and joined (``joins``), and a
    function that writes why; ``initials``: initials left over may meet the words left
    over (see :func:`_initial_pairs`)."""
    ta, tb = a.tokens, b.tokens
    wa, fa = a.weight, a.full
    wb, fb = b.weight, b.full
    s = 0.0
    ma = mb = 0.0  # matched full weight (particles left over cost nothing)
    ea = eb = 0.0  # full weight of joined words beyond one word (see joined_excess)
    matched.sort()
    for i, j, sim, _ in matched:
        s += sim * min(ta[i].weight, tb[j].weight)
        ma += full_part(ta[i].weight)
        mb += full_part(tb[j].weight)
    for ia, jb, sim, _ in joins:
        w_a = sum(ta[i].weight for i in ia)
        w_b = sum(tb[j].weight for j in jb)
        s += sim * min(w_a, w_b)
        f_a = sum(full_part(ta[i].weight) for i in ia)
        f_b = sum(full_part(tb[j].weight) for j in jb)
        ma += f_a
        mb += f_b
        ea += joined_excess(f_a)
        eb += joined_excess(f_b)
    if s <= 0:
        return 0.0, _NO_WORD_WHY  # (initials alone are no match)
    inits: list = []
    if min(a.solid - ea, b.solid - eb) < 1.9:
        # one word on a side: only a close word may carry the match ("Marin SA" is
        # not "MARINA", "Thomas" not "TAMAS"; "Abdul Majid" is two words here); an
        # initial beside it is no evidence
        s = sum(_single(sim, rule, ta[i], tb[j]) * min(ta[i].weight, tb[j].weight)
                for i, j, sim, rule in matched) + sum(
                    # a word that meets several written apart is no short name
                    sim * min(sum(ta[i].weight for i in ia), sum(tb[j].weight for j in jb))
                    for ia, jb, sim, _ in joins)
        if s <= 0:
            return 0.0, lambda: "no word close enough: " + _pairs_text(ta, tb, matched, joins)
    elif initials:
        inits = _initial_pairs(a, b, used_a, used_b) + [
            (jb, ia, sim, text, not mine)
            for ia, jb, sim, text, mine in _initial_pairs(b, a, used_b, used_a)]
        for ia, jb, sim, _, a_initials in inits:
            s += sim * min(sum(ta[i].weight for i in ia), sum(tb[j].weight for j in jb))
            # the initials count in full, the words they stand for by half (at most
            # the initials' weight): "Putin V.V." says less than "Vladimir Putin"
            full_a = sum(full_part(ta[i].weight) for i in ia)
            full_b = sum(full_part(tb[j].weight) for j in jb)
            if a_initials:
                ma += full_a
                mb += min(full_a, INITIAL_COVER * full_b)
            else:
                mb += full_b
                ma += min(full_b, INITIAL_COVER * full_a)
    # words written apart that are one word of the other name count as one word: in
    # the weight coverage is read against (else a name whose words join both ways,
    # "Mohammad Ali Faizullahi" / "Mohammadali Faiz Ullahi", fell short on each side by
    # the words the other writes as one), and in how many words carry the name (a
    # two-word name met by one word is read as a one-word name: "Mohammadamin Shakeri"
    # is no "Mohammed AMAN", whose two words one of its words is)
    cov = min(1.0, s / min(wa - ea, wb - eb))
    rate = EXTRA_WORD_PENALTY if min(fa - ea, fb - eb) >= 1.9 else EXTRA_WORD_PENALTY_SHORT
    # (an abd glued onto a name is in Arabic script: most names have none to look for)
    left_a = fa - ma + (_abd_left(ta, used_a) if a.abjad else 0.0)
    left_b = fb - mb + (_abd_left(tb, used_b) if b.abjad else 0.0)
    if rate == EXTRA_WORD_PENALTY and (left_a > 0 or left_b > 0) \
            and all(m[2] >= PATRONYMIC_MEET for m in matched):
        if left_a > 0:
            left_a -= _patronymics_left(ta, used_a, inits, 0)
        if left_b > 0:
            left_b -= _patronymics_left(tb, used_b, inits, 1)
    left = max(left_a, left_b)
    penalty = min(MAX_PENALTY, left * rate)
    score = round(100.0 * cov * (1.0 - penalty), 2)

    def why() -> str:
        in_a = {i for ia, *_ in inits for i in ia}
        in_b = {j for _, jb, *_ in inits for j in jb}
        unmatched = [ta[i].text for i in range(len(ta)) if i not in used_a and i not in in_a] + [
            tb[j].text for j in range(len(tb)) if j not in used_b and j not in in_b
        ]
        text = _pairs_text(ta, tb, matched, joins + [it[:4] for it in inits])
        return f"{text}; unmatched: {' '.join(unmatched)}" if unmatched else text

    return score, why


def _abd_left(tokens, used: Container[int]) -> float:
    """What an "abd" left over weighs beyond a particle where it was written onto the
    name after it in Arabic script ("عبدالمالکی"), whose word was met: the name is
    "servant of" that name, a name of its own (عبدالمالکی is no "Malek"), which costs
    as a word left over does. Not in Latin letters, where one person's names drop it
    (the aliases "Aman Abdurrachman" and "Oman Rochman" of one listed party)."""
    return sum(tokens[i + 1].weight for i in range(len(tokens) - 1)
               if tokens[i].text == "abd" and i not in used and i + 1 in used
               and tokens[i].abjad and tokens[i].orig == tokens[i + 1].orig)


# A patronymic left over costs this share of a word: payments and registers outside
# the former Soviet Union leave it out, the lists write it ("Siergiej Nievierov" /
# "Sergey Nikolaevich NEVEROV", "Vyaceslav Lucnikov" / "Vyacheslav Yuryevich
# LUCHNIKOV" fell under the threshold for it)
PATRONYMIC_LEFT = 0.25
PATRONYMIC_MEET = 0.8  # ... when the words paired are no further apart than this


def _patronymics_left(tokens, used: Container[int], inits, side: int) -> float:
    """What the patronymics among the words left over weigh less than other words
    (see ``PATRONYMIC_LEFT``)."""
    return sum([(1.0 - PATRONYMIC_LEFT) * t.weight for i, t in enumerate(tokens)
                if i not in used and _patronymic(t) and not any(i in it[side] for it in inits)])


def _patronymic(t: Token) -> bool:
    """A word of full weight whose name form is a father's name (``+m``, ``+f``:
    "Nikolaevich", "Sergeyevna")."""
    return t.weight >= FULL_WEIGHT and t.form.endswith(("+m", "+f"))


def full_left(p: Prepared) -> float:
    """The least the words of ``p`` left over may weigh in all (its full weight, its
    patronymics at ``PATRONYMIC_LEFT``): what the index bounds the penalty of a name's
    words left over by."""
    return p.full - _patronymics_left(p.tokens, frozenset(), (), 0)  # (all of them)


INITIAL_SIM = 0.9  # initials and the words they may stand for ("V.V." / "Vladimir Vladimirovich")
INITIAL_COVER = 0.5  # what of a word met by an initial counts as met (see _scored)


def joined_excess(full: float) -> float:
    """What words written apart that are one word of the other name weigh beyond one
    word (``full``: their weight as words, see ``full_part``; particles among them
    keep theirs): a join counts them as one word, so that "Mohammadali" covers
    "Mohammad Ali" as one word covers one. A name's weight less the excess of its
    joined words is at least min(its weight, 1), which the index relies on."""
    return full - min(full, 1.0)


def _initial_pairs(a: Prepared, b: Prepared, used_a: set[int], used_b: set[int]
                   ) -> list[tuple[tuple[int, ...], tuple[int, ...], float, str, bool]]:
    """The initials of ``a`` left over (``Token.initials``: "f", "vv") that meet words
    of ``b`` left over, each letter the first of a word: one letter any such word, two
    or three letters as many adjacent words in their order ("vv" / "Vladimir
    Vladimirovich", "ju" / "Jong Un"). Particles and initials meet no initial. None
    when ``a`` has no initials or ``b`` is a company's name, whose one-letter words
    are conjunctions ("Hijos y Cia") and abbreviations; none either when a word of
    ``a`` other than initials is left over: "Luis C. Contreras" is no "Luis Caceres",
    whose surname only an initial would meet. Entries: (a indexes, b indexes,
    ``INITIAL_SIM``, explanation, True)."""
    ta, tb = a.tokens, b.tokens
    if not a.initials or b.organization or any(
            i not in used_a and x.named for i, x in enumerate(ta)):
        return []
    out: list[tuple[tuple[int, ...], tuple[int, ...], float, str, bool]] = []
    taken: set[int] = set()
    free = [j for j, y in enumerate(tb) if j not in used_b and y.named]
    if not free:
        return []
    for i, x in enumerate(ta):
        letters = x.initials
        if not letters or i in used_a:
            continue
        k = len(letters)
        for j in free:
            span = tuple(range(j, j + k))
            if all(m in free and m not in taken and tb[m].text[:1] == letters[n]
                   for n, m in enumerate(span)):
                taken.update(span)
                out.append(((i,), span, INITIAL_SIM,
                            f"{x.text}~{' '.join(tb[m].text for m in span)} (initials)", True))
                break
    return out


def _NO_WORD_WHY() -> str:
    return "no word in common"


def _pairs_text(ta, tb, matched, joins) -> str:
    parts = [f"{ta[i].text}={tb[j].text}" if rule == "exact"
             else f"{ta[i].text}~{tb[j].text} ({rule})" for i, j, _, rule in matched]
    return "; ".join(parts + [text for *_, text in joins])


JOIN_ARTICLES = frozenset(("al", "el", "ul", "ol", "ur"))  # "jlal al din" = "Jalaluddin"
# the Arabic article as romanizations write it, before a sun letter too ("ad-Din",
# "ar-Rahman"): one word ("AL-AHMAD" = "EL-AHMAD"); "an" is left out, a Korean and
# Chinese surname
ARABIC_ARTICLES = JOIN_ARTICLES | frozenset(("ad", "ed", "ud", "ar", "as", "ash", "az"))


# particles that three words written as one hold in the middle, letter for letter:
# "JAMAAT-UD-DAWA" / "JAMAATUDDAWA", "Lashkar-e-Taiba" / "Lashkaretaiba", "Tehrik-i-
# Taliban", "De La Cruz" / "Delacruz", "van der Berg" / "Vanderberg"
GLUE_PARTICLES = JOIN_ARTICLES | frozenset(
    ["ud", "ad", "ed", "ar", "as", "ash", "az", "ut", "at", "us", "un", "e", "i", "o", "u", "y", "de", "da", "di", "do", "du", "del", "der", "den", "la", "le"])


def join_spans(tb) -> list[tuple[int, int]]:
    """(start, length) of the runs of adjacent words that may be one word written
    apart: every two words, and three with an Arabic article or another particle (see
    ``GLUE_PARTICLES``) in the middle (which, but for an article, join letter for letter
    only: see :func:`_join_sim`)."""
    spans = [(j, 2) for j in range(len(tb) - 1)]
    spans += [(j, 3) for j in range(len(tb) - 2) if tb[j + 1].text in GLUE_PARTICLES]
    return spans


def glues(words) -> bool:
    """Whether adjacent words of a span (see ``join_spans``) may be one word written
    apart letter for letter: two, or three with a particle between."""
    return len(words) == 2 or words[1].text in GLUE_PARTICLES


def glued_spans(tb) -> set[str]:
    """The texts of ``tb``'s spans (``join_spans``) glued: what one word written as
    they are apart is, letter for letter."""
    out = set()
    for j, n in join_spans(tb):
        words = tb[j:j + n]
        out.add("".join(w.text for w in words))
        din = span_din_form(words)
        if din:
            out.add(din)
    return out


# "... ad-Din" written as one word ("Jalaluddin", "Salaheddine", "Nasreddin",
# "Alaoddin", "Isamudin") and apart ("Jalal al-Din", "Jalal ud Din", "Nasr Eddin"),
# the article said as the d it runs into: both are read as the name before it and
# "uddin" (din_form, span_din_form), and meet as a transliteration where they agree.
# Letter for letter only "jalal ud din" met "Jalaluddin"; "Jalal al-Din" scored 44.
_DIN_TAILS = ("din", "dine", "deen")
_DIN_WORD = re.compile(r"([a-z]{3,}?)[aeiou]{1,2}d{1,2}(?:in|ine|een)")
_ARTICLE_DIN = re.compile(r"[aeiou]{1,2}d{1,2}(?:in|ine|een)")


@lru_cache(maxsize=4096)
def din_form(text: str) -> str:
    """"jalaluddin" for a word that is a name and "ad-Din" written as one ("Jalaluddin",
    "Jalaleddine", "Jalaludin"); "" for any other word (see _DIN_WORD)."""
    if not text.endswith(_DIN_TAILS):
        return ""
    m = _DIN_WORD.fullmatch(text)
    return m.group(1) + "uddin" if m else ""


def span_din_form(words) -> str:
    """What :func:`din_form` reads a word as, for adjacent words that are a name and
    "ad-Din" written apart: the name, an Arabic article and Din ("Jalal al-Din"), or
    the name and the article run into Din ("Nasr Eddin"); "" for other words."""
    if len(words[0].text) < 3 or not words[-1].text.endswith(_DIN_TAILS):
        return ""
    if len(words) == 3:
        if words[1].text in ARABIC_ARTICLES and words[2].text in _DIN_TAILS:
            return words[0].text + "uddin"
    elif len(words) == 2 and _ARTICLE_DIN.fullmatch(words[1].text):
        return words[0].text + "uddin"
    return ""


def join_texts(x: Token) -> tuple[str, ...]:
    """What a word may be as adjacent words glued: itself, and its din_form."""
    din = din_form(x.text)
    return (x.text, din) if din else (x.text,)


def _match_joined(ta, tb, used_a, used_b, abjad_b, swap=False, tried=None):
    """Words of ``ta`` written as two adjacent words of ``tb`` ("abdulrahman" /
    "abdul rahman"), or, when one side is written in Arabic script, as two or three
    such words by phonetic key ("احمدرضا" / "Ahmad Reza", "Habibullah" / "حبیب الله",
    "Jalaluddin" / "جلال الدين", read "jlal al din"). Marks what it uses; returns
    (a indexes, b indexes, sim, text). ``abjad_b``: whether a word of ``tb`` is in
    Arabic or Hebrew script (see :class:`~screen.names.normalize.Prepared`). ``tried``:
    what a word and a span made of each other before, by (side, word, span)."""
    out: list[tuple[tuple[int, ...], tuple[int, ...], float, str]] = []
    if len(tb) < 2:
        return out
    todo = [i for i, x in enumerate(ta) if i not in used_a and len(x.text) >= JOIN_MIN_LETTERS]
    if not todo:
        return out
    if not abjad_b and not any(ta[i].abjad for i in todo) and glued_spans(tb).isdisjoint(
            w for i in todo for w in join_texts(ta[i])):
        return out  # no word is two of the other side's glued, and no script to read
    spans = []
    for j, n in join_spans(tb):
        words = tb[j:j + n]
        spans.append((tuple(range(j, j + n)), "".join(w.text for w in words),
                      any(w.abjad for w in words)))
    for i in todo:
        x = ta[i]
        for idx, glued, abjad in spans:
            if any(k in used_b for k in idx):
                continue
            sim = None if tried is None else tried.get((swap, i, idx))
            if sim is None:
                sim = _join_sim(x, tb[idx[0]:idx[-1] + 1], glued, abjad)
                if tried is not None:
                    tried[swap, i, idx] = sim
            if not sim:
                continue
            used_a.add(i)
            used_b.update(idx)
            a_side, b_side = x.text, " ".join(tb[k].text for k in idx)
            if swap:
                a_side, b_side = b_side, a_side
            rule = "spacing" if sim == SPACING_SIM else "spacing, transliteration"
            out.append(((i,), idx, sim, f"{a_side}~{b_side} ({rule})"))
            break
    return out


def _join_sim(x: Token, words, glued: str, abjad: bool | None = None) -> float:
    """The similarity of a word and adjacent words joined (``glued``): two words glued
    letter for letter, or (a side in Arabic or Hebrew script; ``abjad``: whether one of
    ``words`` is) one name by :func:`_joins`; else 0."""
    if glued == x.text and glues(words):
        return SPACING_SIM
    din = span_din_form(words)
    if din and din == din_form(x.text):
        return TRANSLIT_SIM  # "Jalaluddin" / "Jalal al-Din", "Salaheddine" / "Salah ad-Din"
    if abjad is None:
        abjad = any(w.abjad for w in words)
    if (x.abjad or abjad) and (len(words) == 2 or words[1].text in JOIN_ARTICLES) \
            and _joins(x, words, glued):
        return TRANSLIT_SIM
    return 0.0


def _joins(x: Token, words, glued: str) -> bool:
    """Whether a word and adjacent words, one side written in Arabic or Hebrew script,
    are one name written as one word and apart: a phonetic key of three consonants or
    more in common (see :func:`glued_keys`), and consonants that differ in one letter in
    five at most; or, between Arabic script and another, a key of four consonants or
    more (or three and such consonants) and spellings alike by
    :func:`abjad_similarity` (``JOIN_SPELLING``) over the glued word and, before a sun letter,
    without its article. Never between Hebrew script and another: compound names
    written as one word or apart are Arabic and Persian ("Abdulrahman", "Ahmadreza"),
    and the few letters of two short Hebrew words made one longer name too often
    ("עברי לוי" / "Baryalai", "יוטא עמאש" / "Tehmash")."""
    arabic_x = x.abjad and not x.hebrew
    arabic_words = [w for w in words if w.abjad and not w.hebrew]
    if x.hebrew != any(w.hebrew for w in words):
        return False
    # Arabic script on neither side (Hebrew), or on both (one romanization): its keys
    keys = phonetic_keys(glued) if arabic_x == bool(arabic_words) else glued_keys(words)
    shared = max((len(k) for k in keys if len(k) >= 3 and k in x.keys), default=0)
    if not shared:
        return False
    # (the index files and looks up keys of three consonants by these lengths: see
    # _join_keys)
    cons = OSA.normalized_similarity(glued.translate(_VOWELS), x.text.translate(_VOWELS))
    if arabic_x == bool(arabic_words):
        # one script on both sides: its long vowels are letters written on both, so
        # they count too ("سهيل اميوني" is not "سلمان", though "shlmn" is near "slmn")
        return cons >= JOIN_CONSONANTS and OSA.normalized_similarity(glued, x.text) >= 0.8
    # a letter a Latin spelling doubles is one in the script ("abasali" / "Abbas Ali")
    cons = max(cons, OSA.normalized_similarity(single_letters(glued).translate(_VOWELS),
                                               single_letters(x.text).translate(_VOWELS)))
    if cons < JOIN_CONSONANTS and shared < 4 and not _every_consonant(glued, x, keys):
        return False
    if arabic_x:
        spelling = abjad_similarity(x.text, abjad_letters(x.orig), glued, glued_keys(words))
    else:
        letters = abjad_letters("".join(w.orig for w in arabic_words))
        texts = [w.text for w in words]
        spelling = max(abjad_similarity(g, letters, x.text, x.keys)
                       for g in _glued_spellings(tuple(texts)))
    article = any(w.text in JOIN_ARTICLES for w in words)
    return spelling >= (JOIN_SPELLING_ARTICLE if article else JOIN_SPELLING)


def _every_consonant(glued: str, x: Token, keys: tuple[str, ...]) -> bool:
    """Whether both sides' consonants, every one, read alike under one convention: a key
    of three in common that leaves out no consonant of either ("علیرضا", read "alirda",
    and "Ali Reza": ض is said z in Persian, "lrs" for both, where the letters "lrd" and
    "lrz" differ in one of three). (Counted with doubled letters written once, as the
    index files the key: see ``_join_keys``.)"""
    n = len(single_letters(glued).translate(_VOWELS))
    return n == len(single_letters(x.text).translate(_VOWELS)) \
        and any(len(k) == n and k in x.keys for k in keys)


# how alike (abjad_similarity) a word and adjacent words, one side in Arabic script,
# must be spelled to be one name written as one word and apart. An article among the
# words makes one name likely ("الکترونیک", read "al ktrunik", is "Electronic": 0.66);
# two names glued need closer spellings: at 0.6, "سامر طيء" met "Smert" (0.65) and
# scored 92 (written as one word, "سامرطيء" / "Smert" scores 65). On the development
# pairs, the lowest real join of two such names stood at 0.72, and no ordinary name
# was alerted through one above 0.65
JOIN_SPELLING = 0.7
JOIN_SPELLING_ARTICLE = 0.6
# how alike (OSA, normalized) the consonants of a word and adjacent words joined by sound
# must be where their phonetic keys share no more than three consonants (and always in
# one script)
JOIN_CONSONANTS = 0.8


SUN_LETTERS = frozenset("tdrzsln")  # the Arabic article's l is said as these ("ad-Din")


def glued_keys(words) -> tuple[str, ...]:
    """The phonetic keys of adjacent words written as one (see ``join_spans``): those
    of the words glued ("jlal al din" -> "jlalaldin"), and, where Arabic script is
    among them, those of the readings of the glued word (see
    :func:`~screen.names.normalize.abjad_readings`) and of the glued word without an
    article before a sun letter ("shhab al din" is "Shahabuddin")."""
    arabic = [w.orig for w in words if w.abjad and not w.hebrew]
    return _glued_keys(tuple(w.text for w in words),
                       abjad_letters("".join(arabic)) if arabic else None)


@lru_cache(maxsize=16_384)
def _glued_keys(texts: tuple[str, ...], letters: str | None) -> tuple[str, ...]:
    if letters is None:
        return phonetic_keys_uncached("".join(texts))
    keys: tuple[str, ...] = ()
    for spelling in _glued_spellings(texts):
        keys = abjad_keys(spelling, letters, keys)
    return keys


def _glued_spellings(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Words written as one: glued, and without an article before a sun letter."""
    glued = "".join(texts)
    if len(texts) == 3 and texts[1] in JOIN_ARTICLES and texts[2][:1] in SUN_LETTERS:
        return glued, texts[0] + texts[2]
    return (glued,)


# -- Chinese path ----------------------------------------------------------------------
def _syllable_rule(x: Syllable, y: Syllable) -> str | None:
    """The cheapest rule by which two syllables can be the same sound, or None. For a
    shared id, the rule is the costlier of the two sides' rules (pinyin on one side and
    Wade-Giles on the other is a Wade-Giles match)."""
    if x.text == y.text or (x.han and x.han == y.han):
        return "exact"
    best, best_cost = None, 99.0
    # two syllables that are each Pinyin of their own meet through another reading of
    # each only by chance: "yan" (Hong Kong spelling of 甄 zhen) is no Wade-Giles "chen"
    both_pinyin = (x.text in PINYIN_SYLLABLES and y.text in PINYIN_SYLLABLES
                   and not (x.han or y.han or x.korean or y.korean))
    for sid in x.ids.keys() & y.ids.keys():
        rx, ry = x.ids[sid], y.ids[sid]
        if both_pinyin and rx != "pinyin" and ry != "pinyin":
            continue
        if x.pinyin and y.pinyin and "surname" in (rx, ry) and not (x.surname and y.surname):
            # between two names read as Pinyin, a Hong Kong surname spelling meets a
            # surname: "Sun Wai" (Wai, 韋 Wei) is no "SUN, Wei", whose Wei is a given name
            continue
        rule = rx if SYLLABLE_COST.get(rx, 3.0) >= SYLLABLE_COST.get(ry, 3.0) else ry
        cost = SYLLABLE_COST.get(rule, 3.0)
        if rx == ry == "Cantonese" and sid.startswith("p:"):
            rule, cost = "Cantonese via Mandarin", CANTONESE_VIA_MANDARIN_COST
        if cost < best_cost:
            best, best_cost = rule, cost
    return best


def _compare_sinitic(a: Prepared, b: Prepared) -> tuple[float, str] | None:
    """Best syllable-by-syllable alignment of the two names' sequences of equal length,
    preferring each word's first (fewest-syllable) split: alternatives are only tried
    when no first splits have equal length, or for a full match when the first splits
    meet only in part (see :func:`_resplit_match`). None when no lengths agree."""
    # two names that each say which word is the surname meet only with surname on
    # surname: 萧浩 (Xiao Hao) is no 浩萧, nor "HO, Hsiao"
    fixed = (a.surname_order, b.surname_order) in _SURNAMES_SAID
    ends = _surname_at_ends(a, b)
    for level in (0, 1):
        best: tuple[float, str] | None = None
        for rank_a, moved_a, sa in a.sinitic:
            for rank_b, moved_b, sb in b.sinitic:
                # (sa[0].korean: a Korean reading meets only a Korean one)
                if len(sa) != len(sb) or (level == 0 and max(rank_a, rank_b) > 0) \
                        or sa[0].korean != sb[0].korean \
                        or (fixed and (moved_a or moved_b)) \
                        or (ends and not ends(moved_a, moved_b)):
                    continue
                result = _score_syllables(sa, sb, moved_a or moved_b)
                if best is None or result[0] > best[0]:
                    best = result
                    if result[0] >= 100:
                        return best
        if best is not None:
            if level == 0 and best[0] <= SINITIC_LENGTH_CAP:  # a partial match
                full = _resplit_match(a, b)
                if full is not None and full[0] > best[0]:
                    return full
            return best
    return None


# pairs of Prepared.surname_order under which neither name's words move: a Han name
# against another or against "SURNAME, Given" (two such Latin names keep moving: a
# list may give one alias's surname as given name)
_SURNAMES_SAID = frozenset({("han", "han"), ("han", "comma"), ("comma", "han")})


def _surname_at_ends(a: Prepared, b: Prepared) -> Callable[[int, int], bool] | None:
    """Where one name says its surname is its first word ("KIM, Kwang Chun") and the
    other says nothing of its surname ("CHEN CHIEN-HUNG", surname first or last): a
    test of two word orders (see normalize._word_orders) that holds when the surname
    meets the other's first or last word as written, not a word between ("KIM" / "CHIEN"
    read "chien hung chen", which met "kim kwang chun" at 92). None when it does not
    apply."""
    if a.surname_word and not b.surname_order:
        return _surname_meets_an_end
    if b.surname_word and not a.surname_order:
        return lambda moved_a, moved_b: _surname_meets_an_end(moved_b, moved_a)
    return None


def _surname_meets_an_end(said: int, other: int) -> bool:
    """Whether a name read in order ``said`` (its surname first as written) meets its
    surname with an end word of a name read in order ``other``: its surname leads the
    sequence as written, ends it once moved; the other's sequence opens with an end
    word unless its first word was moved last, and closes with one unless its last word
    was moved first."""
    if said == AS_WRITTEN:
        return other != FIRST_LAST
    return other != LAST_FIRST


def _resplit_match(a: Prepared, b: Prepared) -> tuple[float, str] | None:
    """The best full match of one name's first splits with the other's alternative
    splits, or None. A word may split two ways ("Titsam": ti-tsam first, and tit-sam,
    which is 铁三 and "Tit Sam"); the other name, read its first way, says which.
    Both names re-split would let "Hong" (ho-ng) meet "Heng" (he-ng)."""
    best: tuple[float, str] | None = None
    fixed = (a.surname_order, b.surname_order) in _SURNAMES_SAID
    ends = _surname_at_ends(a, b)
    for rank_a, moved_a, sa in a.sinitic:
        for rank_b, moved_b, sb in b.sinitic:
            if len(sa) != len(sb) or min(rank_a, rank_b) > 0 or rank_a == rank_b \
                    or sa[0].korean != sb[0].korean or (fixed and (moved_a or moved_b)) \
                    or (ends and not ends(moved_a, moved_b)):
                continue
            if all(x.text == y.text or (x.han and x.han == y.han)
                   or not x.ids.keys().isdisjoint(y.ids) for x, y in zip(sa, sb)):
                result = _score_syllables(sa, sb, moved_a or moved_b)
                if best is None or result[0] > best[0]:
                    best = result
    return best


# how an explanation names a syllable rule: the "surname" table holds Hong Kong
# spellings, which Cantonese given names use too ("Lo Wai-chung" / 盧偉聰: wai is 偉)
_RULE_TEXT = {"surname": "Hong Kong spelling"}


def _score_syllables(sa: Sequence[Syllable], sb: Sequence[Syllable], moved: int
                     ) -> tuple[float, str]:
    cost = 0.0
    matched = 0
    parts = []
    for x, y in zip(sa, sb):
        rule = _syllable_rule(x, y)
        if rule is None:
            parts.append(f"{x.text}≠{y.text}")
            continue
        matched += 1
        cost += SYLLABLE_COST.get(rule, 3.0)
        parts.append(f"{x.text}={y.text}" if rule == "exact"
                     else f"{x.text}~{y.text} ({_RULE_TEXT.get(rule, rule)})")
    n = len(sa)
    why = ("Korean" if sa[0].korean else "Chinese") + " syllables: " + " ".join(parts)
    if moved:
        why += "; surname order differs"
    if matched < n:
        return round(100.0 * matched / n * SYLLABLE_MISMATCH_FACTOR, 2), why
    if not sa[0].korean and cost > 0 and (_mixed(sa, sb) or _mixed(sb, sa)):
        cost += MIXED_READINGS_COST
        why += "; Mandarin and Cantonese spellings mixed"
    return max(0.0, 100.0 - cost), why


# A name is spelt in one system: Mandarin (Pinyin, Wade-Giles) or Hong Kong Cantonese.
# Where its syllables meet the other name's only as some of one and some of the other
# ("Hsu Pan": hsu the Wade-Giles of xu, pan a Cantonese reading of 彬 bin; "XU, Bin"),
# the reading is one a chance likeness allows, not a spelling of the name.
MIXED_READINGS_COST = 12.0


def _mixed(sa, sb) -> bool:
    """Whether the Latin syllables of ``sa`` meet those of ``sb`` only by reading some
    as Mandarin and others as Cantonese (a syllable spelt alike, or in Han characters,
    is either; so is a surname's Hong Kong spelling where the surname stands, first:
    Taiwanese names write "Lee" beside a Wade-Giles given name)."""
    mandarin = cantonese = True
    for i, (x, y) in enumerate(zip(sa, sb)):
        if x.han or x.text == y.text or (y.han and y.han == x.han):
            continue
        m_ids, c_ids, s_ids = chinese.reading_ids(x.text)
        other = y.ids.keys()
        if i == 0 and not s_ids.isdisjoint(other):
            continue  # a surname's usual spelling goes with either ("Lee Teng-hui")
        mandarin = mandarin and not m_ids.isdisjoint(other)
        cantonese = cantonese and not (c_ids.isdisjoint(other) and s_ids.isdisjoint(other))
        if not (mandarin or cantonese):
            return True
    return False


# -- keys for the candidate index ------------------------------------------------------
def token_keys(p: Prepared, *, query: bool = False) -> list[list[tuple[float, set[str]]]]:
    """For each token of a prepared name, the index keys through which another name's
    token can reach a non-zero similarity with it on the general path, grouped with the
    highest similarity that a pair sharing such a key can have. ``query=False``: the
    keys a listed name is filed under; ``query=True``: the keys a query looks up.

    Every general rule that gives a token pair a similarity above zero has a key that
    both tokens produce: the same word (``t:``, 1.0), the same word with doubled
    letters written once (``r:``, 0.97, three letters or more), the same phonetic key
    (``k:``, 0.92), one edit apart (``d:``, the word and its one-letter deletions: two
    words one substitution, insertion, deletion or transposition apart always share one;
    at most 1 - 1/(length + 1)), one given name's form (``n:``, 0.9), and one
    generic word's forms (``g:``, 1.0).

    Adjacent words written as one (the join rule, see ``join_spans``) are looked up
    crosswise, so that a key says how many of a name's words a query word may meet: a
    listed word is filed under ``t:`` and its phonetic keys under ``aw:``, a listed
    span under ``j:`` (two words glued) and ``as:`` (the glued phonetic keys); a query
    word looks up ``j:`` (0.98, two of the name's words) and ``as:`` (0.92, up to three),
    a query span ``t:`` and ``aw:`` (one of the name's words, the similarity shared by
    the span's words). The join rule meets words by phonetic key only when one side is
    in Arabic or Hebrew script, and only words of ``JOIN_MIN_LETTERS`` or more: so the
    phonetic keys of a word or span in neither script are filed under ``awl:`` and
    ``asl:``, which only a query in those scripts looks up, and a shorter word looks up
    and files no join key (most names are in Latin letters: their spans and words then
    find only what the rule can join). Hebrew script joins only itself: its words and
    spans file ``awh:`` and ``ash:``, which only its own look up. A key of three
    consonants goes with the numbers of consonants of the text (see ``_join_keys``). A
    name with no such key in common with the query scores 0 on the general path."""
    toks = p.tokens
    out = [word_key_groups(t, query=query) for t in toks]
    if not query and not p.organization:
        # the words initials may stand for (see _initial_pairs), under their first
        # letters ("f:"). A listed name's own initials are filed under no key: the
        # index finds such names apart (screen.index.NameIndex.candidates)
        for t, groups in zip(toks, out):
            if t.named and t.text:
                groups.append((INITIAL_SIM, {"f:" + t.text[0]}))
    for j, n in join_spans(toks):
        groups = span_key_groups(toks[j:j + n], query=query)
        for k in range(j, j + n):
            out[k] += groups
    return out


def _scripted(t: Token) -> bool:
    """Whether a word is written in Arabic script, or in Cyrillic or Greek letters."""
    return (t.abjad and not t.hebrew) or word_script(t.orig) in ("C", "G")


def word_key_facts(t: Token) -> tuple:
    """Everything :func:`word_key_groups` reads of a word: two words with the same
    facts have the same key groups, so the index caches what they find by them. (The
    script counts, not only the text: "veres" read from "Верес" meets a one-word name
    at full value, as "Veres" does not.)"""
    return (t.text, t.keys, t.form, t.abjad, t.hebrew, _scripted(t))


def span_key_facts(words) -> tuple:
    """Everything :func:`span_key_groups` reads of adjacent words (see
    :func:`word_key_facts`): their texts and weights, what those in Arabic script
    write (see :func:`glued_keys`), and whether one is in Arabic or Hebrew script."""
    return ("+", *(w.text for w in words), *(w.weight for w in words),
            *(w.orig for w in words if w.abjad and not w.hebrew), any(w.abjad for w in words))


def word_key_groups(t: Token, *, query: bool = False) -> list[tuple]:
    """The key groups of one word on its own (see :func:`token_keys`); they depend on
    the word's text, phonetic keys, name form and script only, so the index may cache
    what they find per word. A query's group may carry a third value: the
    similarity its keys allow with a one-word name, where that is not the index's
    default (see ``screen.index.NameIndex._hits``). What initials may stand for is
    looked up apart (:func:`initials_key_groups`)."""
    groups: list[tuple] = [(1.0, {"t:" + t.text})]
    if len(t.single) >= 3:
        groups.append((DOUBLED_LETTER_SIM, {"r:" + t.single}))
    # a one-word name in Arabic script, or in Cyrillic or Greek letters, meets a Latin
    # word at full value (see _single)
    scripted = _scripted(t)
    if any(len(k) >= 2 for k in t.keys):
        keyed = {k for k in t.keys if len(k) >= 2}
        # so does a long word one letter off another (its keys may be shared: _single)
        if query and (scripted or len(t.text) >= INNER_VARIANT_MIN_LETTERS):
            groups.append((TRANSLIT_SIM, {"k:" + k for k in keyed}, TRANSLIT_SIM))
        else:
            groups.append((TRANSLIT_SIM, {"k:" + k for k in keyed}))
        # ... so a listed one is also filed under "ka:", which other words look up
        if query and not t.abjad:
            groups.append((TRANSLIT_SIM, {"ka:" + k for k in keyed}, TRANSLIT_SIM))
        elif not query and scripted:
            groups.append((TRANSLIT_SIM, {"ka:" + k for k in keyed}))
    if t.form:
        groups.append((NAME_FORM_SIM, {"n:" + t.form}))
        if t.form[-2:] in _GENDERED:  # (either gender's patronymic: _other_gender)
            groups.append((PATRONYMIC_GENDER_SIM, {"n:" + t.form[:-1]}))
    generic = _generic_form(t)
    if generic:
        groups.append((1.0, {"g:" + form for form in generic}))
    if t.text in ARABIC_ARTICLES:
        groups.append((TRANSLIT_SIM, {"k:al-"}))
    short = short_keys(t.text)
    if short:
        # a word of one consonant meets one in the other script only: a word in Arabic
        # or Hebrew script is filed under "sa:", another under "sl:"; a query looks up
        # the other
        mine, other = ("sa:", "sl:") if t.abjad else ("sl:", "sa:")
        if query:
            groups.append((TRANSLIT_SIM, {other + k for k in short}, TRANSLIT_SIM))
        else:
            groups.append((TRANSLIT_SIM, {mine + k for k in short}))
    if len(t.text) >= 4:
        dels = {"d:" + t.text[:i] + t.text[i + 1:] for i in range(len(t.text))}
        dels.add("d:" + t.text)
        groups.append((1.0 - 1.0 / (len(t.text) + 1), dels))
    din = din_form(t.text)
    if din:  # (see din_form: "Jalaluddin" is "Jalal al-Din" written apart)
        groups.append((TRANSLIT_SIM, {("dns:" if query else "dnw:") + din}))
    if len(t.text) >= JOIN_MIN_LETTERS:
        joinable = {k for k in t.keys if len(k) >= 3}
        if query:  # it may meet two or three of a name's words written apart
            groups.append((SPACING_SIM, {"j:" + t.text}))
            # (Hebrew script joins only itself: see _joins)
            for prefix in (("ash:",) if t.hebrew else ("as:", "asl:") if t.abjad else ("as:",)):
                groups.append((TRANSLIT_SIM, _join_keys(prefix, joinable, t.text, query)))
        else:
            prefix = "awh:" if t.hebrew else "aw:" if t.abjad else "awl:"
            groups.append((TRANSLIT_SIM, _join_keys(prefix, joinable, t.text, query)))
    return groups


def _join_keys(prefix: str, keys, text: str, query: bool) -> set[str]:
    """The keys (``prefix`` and a phonetic key of ``text``, a word or adjacent words
    glued) through which a word and adjacent words may be joined by sound (see
    :func:`_joins`). A key of four consonants or more as it is. A key of three says too
    little: such a join also needs their consonants spelt alike (``JOIN_CONSONANTS``,
    as they are or with doubled letters written once), which their numbers of
    consonants alone can rule out. So a listed name files it with the number of
    consonants of its text (``:``) and of its text with doubled letters written once
    (``'``), and a query looks it up with each number near enough its own: "Jones"
    ("jns") then meets no "Sheikh Yunus" glued (six consonants), which the index found
    and compare never joins."""
    out = {prefix + k for k in keys if len(k) >= 4}
    short = [k for k in keys if len(k) < 4]
    if short:
        plain = len(text.translate(_VOWELS))
        once = len(single_letters(text).translate(_VOWELS))
        if query:
            out.update([f"{prefix}{k}:{n}" for k in short for n in _near_counts(plain)])
            out.update([f"{prefix}{k}'{n}" for k in short for n in _near_counts(once)])
        else:
            out.update([f"{prefix}{k}:{plain}" for k in short])
            out.update([f"{prefix}{k}'{once}" for k in short])
    return out


# the prefixes under which a listed word files the keys a query's adjacent words glued
# look up (word_key_groups; a query's glued words look them up, span_key_groups)
LISTED_JOIN_PREFIXES = ("aw:", "awl:", "awh:")


def join_core(key: str) -> str | None:
    """The phonetic key inside a key a listed word files for a join of a query's
    adjacent words (see :func:`_join_keys`), without its prefix and numbers of
    consonants; None for any other key."""
    if not key.startswith(LISTED_JOIN_PREFIXES):
        return None
    core = key[key.index(":") + 1:]
    cut = min((i for i in (core.find(":"), core.find("'")) if i >= 0), default=len(core))
    return core[:cut]


def span_may_find(words, cores: Container[str], texts: Container[str]) -> bool:
    """Whether a key of ``span_key_groups(words, query=True)`` may be one a listed name
    files: one of the glued keys it is made of is the :func:`join_core` of a listed
    word's key (``cores``), or two words glued (or three with a particle between) are
    a listed word of ``JOIN_MIN_LETTERS`` letters or more (``texts``). False rules out
    every key of the span without making them (most glued words of a query find
    nothing)."""
    if glues(words):
        glued = "".join(w.text for w in words)
        if len(glued) >= JOIN_MIN_LETTERS and glued in texts:
            return True
    return bool(span_din_form(words)) or any(k in cores for k in glued_keys(words))


def _near_counts(n: int) -> range:
    """The lengths m of strings that may be ``JOIN_CONSONANTS`` alike (OSA, normalized
    by the longer) with one of length n: |m - n| at most (1 - JOIN_CONSONANTS) max(m, n)."""
    c = JOIN_CONSONANTS
    return range(math.ceil(c * n - 1e-9), math.floor(n / c + 1e-9) + 1)


def span_key_groups(words, *, query: bool = False) -> list[tuple[float, set[str]]]:
    """The key groups of adjacent words written as one (see ``join_spans``), which
    each of the words carries."""
    glued = "".join(w.text for w in words)
    span_w = sum(w.weight for w in words)
    # a join scores at most sim * min(span weight, 1) in all: shared by the words
    share = min(1.0, span_w) / span_w
    keyed = {k for k in glued_keys(words) if len(k) >= 3}
    abjad = any(w.abjad for w in words)
    hebrew = any(w.hebrew for w in words)  # (Hebrew script joins only itself: see _joins)
    if query:
        exact = "t:"
        prefixes = ("awh:",) if hebrew else ("aw:", "awl:") if abjad else ("aw:",)
    else:
        exact = "j:"
        prefixes = ("ash:",) if hebrew else ("as:",) if abjad else ("asl:",)
    groups = [(TRANSLIT_SIM * share, _join_keys(prefix, keyed, glued, query))
              for prefix in prefixes]
    if len(glued) >= JOIN_MIN_LETTERS and glues(words):
        groups.append((SPACING_SIM * share, {exact + glued}))
    din = span_din_form(words)
    if din:  # (a query's span looks up the listed words, a listed span is looked up)
        groups.append((TRANSLIT_SIM * share, {("dnw:" if query else "dns:") + din}))
    return groups


def syllable_keys(syl: Syllable) -> set[str]:
    """The ``s:`` keys of a Chinese syllable: two syllables that can meet share one."""
    return {"s:" + sid for sid in syl.ids}


def positional_syllable_keys(syl: Syllable, pos: int, length: int) -> set[str]:
    """The keys of a syllable at position ``pos`` of a sequence of ``length``: two
    Chinese names meet in full only syllable by syllable, at the same positions of
    sequences of one length."""
    return {f"s{length}.{pos}:{sid}" for sid in syl.ids}


WORD_BITS = 16  # the words a key mask tells apart; a name of more words is not bounded by it


INITIALS_SOURCE = "f:"  # what the index calls the lookup of initials_key_groups


def initials_key_groups(letter: str) -> list[tuple]:
    """The key group through which a query's initials whose first letter is
    ``letter`` meet a listed name's words (see :func:`_initial_pairs`): every word of
    full weight, in a name that is no company's, that opens with it (filed by
    :func:`token_keys`), at ``INITIAL_SIM``, never on a one-word side, and up to three
    of the name's words (initials have at most three letters: ``_MEETS`` of the index
    says so for "f:"). Looked up once per letter and kept: what it finds does not
    depend on the rest of the initials."""
    return [(INITIAL_SIM, {"f:" + letter}, 0.0)]


def initials_need_mask(p: Prepared) -> int:
    """The words of a name with initials that must meet another name's words before
    its initials may (see :func:`_initial_pairs`), as a word mask (see
    :func:`index_key_masks`): its words of full weight that are no initials (0 when
    there are none: then a particle met is enough, "Abdul R.B.")."""
    mask = 0
    for j, t in enumerate(p.tokens):
        if t.named:
            mask |= 1 << min(j, WORD_BITS - 1)
    return mask


def index_key_masks(p: Prepared) -> dict[str, int]:
    """Every key a listed name is filed under in the candidate index, with the words
    that file it: bit j set for word j (words from ``WORD_BITS - 1`` on share the last
    bit; a glued span's keys carry each of its words, see :func:`token_keys`). A query
    word that meets a name word shares a key with it, so the words a query's keys find
    bound the name words it can meet; Chinese syllable keys find names without words (0)."""
    masks: dict[str, int] = {}
    for j, groups in enumerate(token_keys(p)):
        bit = 1 << min(j, WORD_BITS - 1)
        for _, ks in groups:
            for k in ks:
                masks[k] = masks.get(k, 0) | bit
    for _, _, seq in p.sinitic:
        for pos, syl in enumerate(seq):
            for k in syllable_keys(syl) | positional_syllable_keys(syl, pos, len(seq)):
                masks.setdefault(k, 0)
    return masks
