"""Romanize a name written in any script found on the sanctions lists.

``romanize(text)`` gives lowercase ASCII with single spaces, so that a listed name in
its own script ("Владимир Путин", "朱海仑", "محمد", "김영복") can be compared with
the Latin names of payments. It is a matching aid, not a scholarly transliteration:
every scheme below picks the spelling that English-language lists most often use,
and leaves the remaining variation (vowels in Arabic, kh/h, y/i) to the comparison.

Scripts
    Han          :func:`screen.names.chinese.romanize_han` (pinyin, ü as "yu"). A
                 text with at most five Han characters is read as a personal name
                 ("朱海仑" -> "zhu hailun"), a longer one as an organization, one
                 syllable per character; parts joined by a middle dot ("阿不都·哈克")
                 are a transliterated foreign name, each part one word; Han in a
                 text that also has kana is Japanese and read character by character.
    Cyrillic     English-style, close to BGN/PCGN: ж zh, х kh, ц ts, ч ch, ш sh,
                 щ shch, ы y, й y, ю yu, я ya; е is "ye" at the start of a word and
                 after a vowel or ь/ъ ("Сергеевич" -> "sergeyevich"), ё and ьо are
                 "yo" (ё is "o" after ж ч ш щ), ь and ъ vanish, so "Юрий" -> "yuriy" and
                 "Сергей" -> "sergey". The language is told from its letters:
                 Ukrainian (і ї є ґ, or an apostrophe: г h, и y, є ye, ї yi), Belarusian (ў, or і with
                 ы/э: г h, ў u), Bulgarian (ъ as a vowel: ъ a, щ sht, х h), Serbian and
                 Macedonian (ђ ј љ њ ћ џ ѓ ќ ѕ: Serbian Latin without diacritics, so
                 "Караџић" -> "karadzic"), Kazakh and other Turkic letters (ә a, ғ g,
                 қ k, ң ng, ө o, ұ u, ү u, һ h).
    Greek        ELOT 743 without diacritics: η i, υ y, χ ch, αυ/ευ av/ev or af/ef,
                 ου ou, μπ/ντ/γκ b/d/g at the start of a word, mp/nt/ng inside.
    Arabic, Persian, Urdu
                 consonants as in English-language lists (ث th, خ kh, ذ dh, ش sh,
                 غ gh, ق q, چ ch, ژ zh, emphatic letters plain), ع and ا as "a", و as
                 "w" or "u" and ي as "y" or "i" by position, the article as "al-",
                 ة as "a", Persian final ه as "eh", Pashto letters as their nearest
                 Persian sounds (ځ z, څ s, ښ sh, ږ zh); short vowels are not written in
                 the script and are not invented.
    Hebrew       consonants, with ו as v/o and י as y/i by position.
    Hangul       Revised Romanization. A text that is one run of two to four
                 syllables is a Korean personal name and gives one word per syllable
                 ("김영복" -> "gim yeong bok", as lists write "KIM Yong Bok"); other
                 runs give one word each, with the liaison of a final consonant
                 before a silent initial ("한국음악연구소" -> "hangugeumagyeonguso").
    Georgian, Armenian
                 the national romanizations without diacritics or apostrophes.
    Ethiopic     a consonant and its vowel as English writes Amharic and Tigrinya
                 names, the sixth order as the consonant alone, or with the "i" spoken
                 where a word opens with it or a consonant alone comes before it
                 ("ፍትዊ ዓብዱረዛቕ" -> "fitwi abdurezaq").
    anything else (kana, Thai, Devanagari, Burmese, Latin diacritics, ...)
                 unidecode, less its oddities (ə is "a"; no "@", "[?]" or capitals).

The result keeps ASCII digits and punctuation, has no control characters, and is ""
when there is no letter. Time is linear in the length of the text; ASCII text takes
a fast path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

from .chinese import _han_syllables_fast, romanize_han

__all__ = ["romanize"]

# controls that separate (str.isspace) are spaces; the others no character of a name
_SPACING_CONTROL = re.compile(r"[\x09-\x0d\x1c-\x1f]")
_OTHER_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_C1_CONTROL = re.compile(r"[\x80-\x84\x86-\x9f]")  # (all but NEL, a line end)
_HAS_LETTER = re.compile(r"[a-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _finish(s: str) -> str:
    """ASCII text lowercased, without control characters (see _SPACING_CONTROL),
    single-spaced."""
    if not s.isprintable():
        s = _OTHER_CONTROL.sub("", _SPACING_CONTROL.sub(" ", s))
    s = " ".join(s.lower().split())
    return s if _HAS_LETTER.search(s) else ""


# -- Cyrillic -----------------------------------------------------------------------------

_CYR_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian, Belarusian
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    # Serbian, Macedonian
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj",
    "ѕ": "dz",
    # Kazakh, Kyrgyz, Tatar, Bashkir, Tajik, Uzbek, Mongolian
    "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u", "җ": "zh", "ҙ": "z", "ҫ": "s", "ӊ": "ng",
    "ӈ": "ng", "ҕ": "g", "ҝ": "g", "ҡ": "k", "ӏ": "", "ҹ": "ch", "ҥ": "ng", "ӧ": "o",
    "ӱ": "u", "ӓ": "a", "ӹ": "y", "ӂ": "j", "ѐ": "e", "ѝ": "i",
}  # fmt: skip
_CYR_UK = {"г": "h", "и": "y"}
_CYR_BE = {"г": "h"}
_CYR_BG = {"щ": "sht", "ъ": "a", "х": "h", "ь": "y"}
_CYR_SR = {"ж": "z", "х": "h", "ц": "c", "ч": "c", "ш": "s", "й": "j"}
_CYR_VOWELS = frozenset("аеёиоуыэюяіїєәөұүӣӯ")
_CYR_SOFT = frozenset("ьъй")
_CYR_HUSH = frozenset("жчшщц")


_YE = re.compile("(?:^|(?<=[аеёиоуыэюяіїєәөұүӣӯьъй]))е")
_YO_HUSH = re.compile("(?<=[жчшщц])ё")
_CYR_APOSTROPHE = re.compile("[а-я]['’ʼ][яюєї]")  # Ukrainian writes it where Russian has ъ


class _Letters(dict[int, str]):
    """A str.translate table that romanizes characters it lacks by the fallback."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        r = "" if unicodedata.combining(ch) or ch in "'’ʼ" else _fallback_char(ch)
        self[code] = r
        return r


def _table(*parts: dict[str, str]) -> _Letters:
    t = _Letters()
    for part in parts:
        for k, v in part.items():
            t[ord(k)] = v
            t[ord(k.upper())] = v
    for code in range(128):
        t[code] = chr(code)
    t[ord("'")] = ""  # Ukrainian and Belarusian apostrophe
    return t


_CYR_TABLES = {
    "ru": (_table(_CYR_BASE), False),
    "sr": (_table(_CYR_BASE, _CYR_SR), True),
    "be": (_table(_CYR_BASE, _CYR_BE), False),
    "uk": (_table(_CYR_BASE, _CYR_UK), True),
    "bg": (_table(_CYR_BASE, _CYR_BG), True),
}


def cyrillic_language(text: str) -> str:
    """The language whose letter table romanizes the Cyrillic of ``text``: "sr", "be",
    "uk", "bg" or "ru" (the default), from the letters only that language writes."""
    low = text.lower()
    chars = set(low)
    if chars & set("ђјљњћџѓќѕ"):
        return "sr"
    if "ў" in chars or ("і" in chars and chars & set("ыэ")):
        return "be"
    if chars & set("іїєґ") or _CYR_APOSTROPHE.search(low):
        return "uk"
    if "ъ" in chars and not chars & set("ыэё") and re.search(r"ъ(?![еёюя])", low):
        return "bg"
    return "ru"


def _cyrillic_variant(text: str) -> tuple[_Letters, bool]:
    """The letter table for the language the Cyrillic of ``text`` is in, and whether
    е is always "e" there (True) or "ye" after a vowel and at the start (Russian)."""
    return _CYR_TABLES[cyrillic_language(text)]


def _cyrillic(word: str, table: _Letters, plain_e: bool) -> str:
    w = word.lower()
    if "ьо" in w:  # Ukrainian and Bulgarian write /jo/ so: Соловьов, Жельо
        w = w.replace("ьо", "yo")
    if "ё" in w:
        w = _YO_HUSH.sub("o", w)
    if not plain_e and "е" in w:
        w = _YE.sub("ye", w)
    return w.translate(table)


# -- Greek --------------------------------------------------------------------------------

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o", "ϐ": "v", "ϑ": "th", "ϕ": "f", "ϖ": "p", "ϲ": "s", "ϳ": "j",
}  # fmt: skip
_GREEK_VOICELESS = frozenset("θκξπσςτφχψ")
_GREEK_VOWELS = frozenset("αεηιουω")


def _greek(word: str, foreign: str = "") -> str:
    """ELOT 743 (see the module docstring); ``foreign`` ("h" or "kh") reads the word
    as Greek writes a foreign name instead: μπ, ντ, γκ as b, d, g inside the word too,
    ου as u, and χ as that ("Κάιντα" Kaida, "Χούθι" Huthi; see :func:`greek_readings`)."""
    # strip accents and breathings, keep the diaeresis as a marker of a separate vowel
    decomposed = unicodedata.normalize("NFD", word.lower())
    letters: list[str] = []
    diaer: list[bool] = []
    for ch in decomposed:
        if ch == "\u0308" and letters:
            diaer[-1] = True
        elif unicodedata.combining(ch):
            continue
        else:
            letters.append(ch)
            diaer.append(False)
    out = []
    i, n = 0, len(letters)
    while i < n:
        c = letters[i]
        nxt = letters[i + 1] if i + 1 < n else ""
        start = i == 0
        if c in "αεη" and nxt == "υ" and not diaer[i + 1]:
            after = letters[i + 2] if i + 2 < n else ""
            v = "f" if (not after or after in _GREEK_VOICELESS) else "v"
            out.append(_GREEK[c] + v)
            i += 2
            continue
        if c == "ο" and nxt == "υ" and not diaer[i + 1]:
            out.append("u" if foreign else "ou")
            i += 2
            continue
        pair = c + nxt
        if pair == "μπ":
            out.append("b" if start or foreign else "mp")
            i += 2
            continue
        if pair == "ντ":
            out.append("d" if start or foreign else "nt")
            i += 2
            continue
        if pair == "γκ":
            out.append("g" if start or foreign else "ng")
            i += 2
            continue
        if c == "γ" and nxt in ("γ", "ξ", "χ"):
            out.append("n")
            i += 1
            continue
        r = foreign if foreign and c == "χ" else _GREEK.get(c)
        out.append(r if r is not None else _fallback_char(c))
        i += 1
    return "".join(out)


_GREEK_WORD = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0300-\u036f]+")


@lru_cache(maxsize=4096)
def greek_readings(word: str) -> tuple[str, ...]:
    """The other readings of a word in Greek script: as Greek writes foreign names,
    which are most of the Greek names on the lists (the EU's Greek versions of Arabic,
    Russian, ... names): μπ, ντ, γκ are b, d, g inside a word too (ELOT's "mp", "nt",
    "ng" there are Greek words' sounds), ου is u, and χ stands for h or kh ("Αλ
    Κάιντα" Al Kaida, "ΧΟΥΘΙ" Huthi, "Χαμάς" Hamas). Empty when the word is not all
    Greek letters or reads the same."""
    if not _GREEK_WORD.fullmatch(word):
        return ()
    plain = _greek(word)
    return tuple(dict.fromkeys(r for r in (_greek(word, "h"), _greek(word, "kh"))
                               if r != plain))


# -- Arabic script ------------------------------------------------------------------------

_ARABIC = {
    "ء": "", "آ": "a", "أ": "a", "ؤ": "u", "إ": "i", "ئ": "i", "ا": "a", "ب": "b",
    "ة": "a", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ـ": "", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ى": "a", "ٱ": "a", "ٰ": "a",
    "\u064e": "a", "\u064f": "u", "\u0650": "i",  # fatha, damma, kasra
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ۀ": "eh", "ە": "e", "ہ": "h",
    "ھ": "h", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ے": "e", "ۓ": "e", "ۃ": "a",
    "ڤ": "v", "ڕ": "r", "ڵ": "l", "ۆ": "o", "ێ": "e", "ۇ": "u", "ڭ": "ng", "ڠ": "ng",
    "ڨ": "g", "ڢ": "f", "ڧ": "q", "ﻻ": "la",
    # Pashto
    "ځ": "z", "څ": "s", "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "ګ": "g", "ڼ": "n",
    "ټ": "t", "ۍ": "i", "ې": "e",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
}  # fmt: skip
_ARABIC.update({chr(0x0660 + d): str(d) for d in range(10)})
_ARABIC.update({chr(0x06F0 + d): str(d) for d in range(10)})
_ARABIC_WAW = "و"
_ARABIC_YA = frozenset("يی")
_ARABIC_AYN = "ع"
_ARABIC_ALIF = frozenset("اآأإٱ")
_PERSIAN_MARKS = frozenset("پچژگکی")
# the Persian suffix -i written apart (after a zero-width non-joiner) after a word that
# ends in a vowel, a silent he most often: "خامنه‌ای" is Khamenei, "اژه‌ای" Ejei
_PERSIAN_SUFFIX_I = frozenset(("ای", "اي"))
_ARABIC_SILENT = frozenset("\u064b\u064c\u064d\u0652\u0653\u0654\u0655\u0670\u200c\u200d")


def _arabic(word: str, persian: bool) -> str:
    # a zero-width non-joiner ends a part of a Persian compound (خامنه‌ای, احمدی‌نژاد)
    parts = unicodedata.normalize("NFKC", word).split("\u200c")
    out = []
    for k, p in enumerate(parts):
        if k and parts[k - 1] and p in _PERSIAN_SUFFIX_I:
            out.append("i")  # the suffix -i, written apart after a final vowel
        elif k + 1 < len(parts) and parts[k + 1] in _PERSIAN_SUFFIX_I and p.endswith("ه") \
                and len(p) > 1:
            out.append(_arabic_part(p[:-1], persian) + "e")  # a silent he: its vowel
        else:
            out.append(_arabic_part(p, persian))
    return "".join(out)


def _arabic_part(part: str, persian: bool) -> str:
    letters = [c for c in part if c not in _ARABIC_SILENT]
    out: list[str] = []
    n = len(letters)
    i = 0
    tail = ""
    if n >= 4 and "".join(letters[-4:]) in ("الله", "اللہ"):  # Allah, Abdallah
        letters = letters[:-4]
        n -= 4
        tail = "allah"
    if n > 2 and letters[0] == "ا" and letters[1] == "ل":
        out.append("al-")
        i = 2
    for j in range(i, n):
        c = letters[j]
        prev = letters[j - 1] if j > i else ""
        nxt = letters[j + 1] if j + 1 < n else ""
        first = j == i
        if c == _ARABIC_WAW:
            if first or prev in _ARABIC_ALIF or nxt in _ARABIC_ALIF or prev == _ARABIC_WAW:
                out.append("v" if persian else "w")
            else:
                out.append("u")
        elif c in _ARABIC_YA:
            if first or prev in _ARABIC_ALIF or nxt in _ARABIC_ALIF or prev in _ARABIC_YA:
                out.append("y")
            else:
                out.append("i")
        elif c == _ARABIC_AYN:
            if not (out and out[-1].endswith("a")) and nxt not in _ARABIC_ALIF:
                out.append("a")
        elif c == "\u0651":  # shadda: the consonant is doubled
            if out and out[-1] and out[-1][-1] not in "aeiou-":
                out.append(out[-1][-1])
        elif c == "ه" and persian and j == n - 1 and j > i and prev not in _ARABIC_ALIF:
            out.append("eh")
        else:
            r = _ARABIC.get(c)
            out.append(r if r is not None else _fallback_char(c))
    return "".join(out) + tail


# -- Hebrew -------------------------------------------------------------------------------

_HEBREW = {
    "א": "", "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ח": "kh", "ט": "t",
    "כ": "k", "ך": "kh", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh",
    "ת": "t", "״": '"', "׳": "'", "־": "-",
}  # fmt: skip
_HEBREW_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch", "ת": "th"}


def _hebrew(word: str) -> str:
    letters = [c for c in word if not ("\u0591" <= c <= "\u05c7")]  # cantillation, niqqud
    out = []
    n = len(letters)
    for j, c in enumerate(letters):
        prev = letters[j - 1] if j else ""
        nxt = letters[j + 1] if j + 1 < n else ""
        if c in ("׳", "'") and prev in _HEBREW_GERESH:
            continue
        if nxt in ("׳", "'") and c in _HEBREW_GERESH:
            out.append(_HEBREW_GERESH[c])
        elif c == "ו":
            if prev == "ו":
                continue
            out.append("v" if j == 0 or nxt == "ו" else "o")
        elif c == "י":
            if prev == "י":
                continue
            out.append("y" if j == 0 or nxt == "י" else "i")
        elif c in "אע" and j == 0 and nxt == "י" and n > 2:
            continue  # the vowel i opening a word, which the yod gives: "עילאי" Ilai
        elif c == "א":
            out.append("a" if j == 0 else ("a" if j == n - 2 and nxt == "י" else ""))
        elif c == "ע":  # a vowel carrier inside a word too (נעם Noam)
            out.append("a" if j < n - 1 else "")
        elif c == "ה" and j == n - 1 and j > 0:
            out.append("a")
        else:
            r = _HEBREW.get(c)
            out.append(r if r is not None else _fallback_char(c))
    return "".join(out)


# -- Hangul (Revised Romanization) ----------------------------------------------------------

_RR_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "-",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_RR_VOWEL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_RR_FINAL = [
    "",
    *[
        "k",
        "k",
        "k",
        "n",
        "n",
        "n",
        "t",
        "l",
        "k",
        "m",
        "l",
        "l",
        "l",
        "p",
        "l",
        "m",
        "p",
        "p",
        "t",
        "t",
        "ng",
        "t",
        "t",
        "k",
        "t",
        "p",
        "h",
    ],
]
# a final consonant carried over to a following silent initial (liaison)
_RR_CARRY = [
    "",
    *[
        "g",
        "kk",
        "gs",
        "n",
        "nj",
        "n",
        "d",
        "r",
        "lg",
        "lm",
        "lb",
        "ls",
        "lt",
        "lp",
        "r",
        "m",
        "b",
        "bs",
        "s",
        "ss",
        "-",
        "j",
        "ch",
        "k",
        "t",
        "p",
        "-",
    ],
]


def _hangul(run: str, personal: bool) -> str:
    parts: list[str] = []
    codes = [ord(c) - 0xAC00 for c in run]
    for k, code in enumerate(codes):
        ini, vow, fin = code // 588, (code % 588) // 28, code % 28
        initial = _RR_INITIAL[ini]
        if initial == "-":
            initial = ""
            if not personal and k and codes[k - 1] % 28 not in (0, 21):  # liaison
                prev_final = codes[k - 1] % 28
                parts[-1] = parts[-1][: len(parts[-1]) - len(_RR_FINAL[prev_final])]
                initial = _RR_CARRY[prev_final].strip("-")
        elif initial == "r" and k and codes[k - 1] % 28 == 8:  # ㄹㄹ -> ll
            initial = "l"
        parts.append(initial + _RR_VOWEL[vow] + _RR_FINAL[fin])
    return " ".join(parts) if personal else "".join(parts)


# -- Georgian, Armenian ----------------------------------------------------------------

_GEORGIAN = dict(
    zip(
        "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
        [
            "a",
            "b",
            "g",
            "d",
            "e",
            "v",
            "z",
            "t",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "zh",
            "r",
            "s",
            "t",
            "u",
            "p",
            "k",
            "gh",
            "q",
            "sh",
            "ch",
            "ts",
            "dz",
            "ts",
            "ch",
            "kh",
            "j",
            "h",
        ],
    )
)
_ARMENIAN = dict(
    zip(
        "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
        [
            "a",
            "b",
            "g",
            "d",
            "e",
            "z",
            "e",
            "y",
            "t",
            "zh",
            "i",
            "l",
            "kh",
            "ts",
            "k",
            "h",
            "dz",
            "gh",
            "ch",
            "m",
            "y",
            "n",
            "sh",
            "o",
            "ch",
            "p",
            "j",
            "r",
            "s",
            "v",
            "t",
            "r",
            "ts",
            "v",
            "p",
            "k",
            "o",
            "f",
        ],
    )
)


def _armenian(word: str) -> str:
    w = word.lower().replace("ու", "u").replace("և", "ev")
    out = []
    for j, c in enumerate(w):
        if j == 0 and c == "ե":
            out.append("ye")
        elif j == 0 and c == "ո":
            out.append("vo")
        else:
            r = _ARMENIAN.get(c)
            out.append(r if r is not None else _fallback_char(c))
    return "".join(out)


# -- everything else ------------------------------------------------------------------------

_SPECIAL = {
    "ə": "a", "Ə": "a", "ǝ": "a", "ʼ": "'", "ʻ": "'", "ˮ": '"', "\u00b7": " ", "\u30fb": " ",
    "„": '"', "‚": "'", "«": '"', "»": '"', "‹": "'", "›": "'",
}  # fmt: skip


def _fallback_char(ch: str) -> str:
    """One character by unidecode, cleaned: printable ASCII only, no "[?]"."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    cat = unicodedata.category(ch)
    if cat in ("Zs", "Zl", "Zp", "Cc"):
        return " "
    if cat[0] == "C":  # format, private use, unassigned, surrogate
        return ""
    r = unidecode(ch)
    if r == "[?]":
        return ""
    # unidecode writes some letters as marks ("`" for ayin, "@" for schwa)
    return "".join(c for c in r if " " <= c <= "~" and c not in "`@")


_FALLBACK: dict[str, str] = {}


def _fallback_run(m: re.Match) -> str:
    out = []
    for ch in m.group():
        r = _FALLBACK.get(ch)
        if r is None:
            r = _FALLBACK[ch] = _fallback_char(ch)
        out.append(r)
    return "".join(out)


for _c, _r in _GEORGIAN.items():
    _FALLBACK[_c] = _r
    _FALLBACK[_c.upper()] = _r  # Mtavruli capitals


# -- Ethiopic (Amharic, Tigrinya) -------------------------------------------------------
# A syllable is a consonant (its row of eight) and a vowel (its order): as names are
# written in English, ä (first order) "e" (ተስፋይ Tesfay), u, i, a, e (fifth), o, -wa;
# the sixth order is the consonant alone (ገብረሂወት Gebrehiwet), with the "i" spoken
# where it opens a word or follows another consonant alone (ፍትዊ Fitwi, ምስግና
# Misgina), not at a word's end (ኤርሚኣስ Ermias). The rows of a vowel carrier (አ, ዐ)
# give "a" first and "i" sixth (እስራኤል Israel). unidecode gives the consonants (its
# own vowels differ: "haa" for ሃ, "he" for ህ), less its marks of the ejectives and the
# carriers.
_ETHIOPIC_VOWELS = ("e", "u", "i", "a", "e", None, "o", "wa")  # None: the sixth order
_ETHIOPIC_CONSONANTS = (("hh", "h"), ("sz", "s"), ("qh", "q"), ("kx", "kh"), ("x", "h"),
                        ("dd", "d"), ("gg", "g"), ("tz", "ts"), ("th", "t"), ("ph", "p"))


def _ethiopic_table() -> dict[str, tuple[str, str | None]]:
    """Each syllable's (consonant, vowel); the vowel None for the sixth order."""
    table: dict[str, tuple[str, str | None]] = {}
    for row in range(0x1200, 0x1358, 8):
        first = unidecode(chr(row))
        if not first.endswith("a"):
            continue
        consonant = first[:-1]
        for a, b in _ETHIOPIC_CONSONANTS:
            consonant = consonant.replace(a, b)
        carrier = consonant in ("'", "`")
        for order, vowel in enumerate(_ETHIOPIC_VOWELS):
            if not unicodedata.name(chr(row + order), ""):  # (no such syllable)
                continue
            if carrier:
                table[chr(row + order)] = ("", "a" if order == 0 else "i" if order == 5
                                           else vowel)
                continue
            if vowel and consonant.endswith("w") and vowel.startswith("w"):
                vowel = vowel[1:]  # (a labialized row's -wa: "qwa")
            table[chr(row + order)] = (consonant, vowel)
    return table


_ETHIOPIC = _ethiopic_table()


def _ethiopic(run: str) -> str:
    out = []
    alone = True  # at a word's start, or after a consonant alone
    for j, ch in enumerate(run):
        syllable = _ETHIOPIC.get(ch)
        if syllable is None:  # a word space, a stop, a numeral
            out.append(" " if "\u1361" <= ch <= "\u1368" else _fallback_char(ch))
            alone = True
            continue
        consonant, vowel = syllable
        if vowel is None:
            last = j + 1 == len(run) or run[j + 1] not in _ETHIOPIC
            vowel = "i" if alone and not last else ""
        out.append(consonant + vowel)
        alone = not vowel
    return "".join(out)

_CYR = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_GRK = "\u0370-\u03ff\u1f00-\u1fff"
_ARB = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_HEB = "\u0590-\u05ff\ufb1d-\ufb4f"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_MARKS = "\u0300-\u036f"
_RUNS = re.compile(
    rf"(?P<han>[{_HAN}]+(?:[\u00b7\u30fb\u2027\u2022\uff0e][{_HAN}]+)*)"
    r"|(?P<hangul>[\uac00-\ud7a3]+)"
    rf"|(?P<cyr>[{_CYR}][{_CYR}{_MARKS}]*(?:['’ʼ][{_CYR}][{_CYR}{_MARKS}]*)*)"
    rf"|(?P<greek>[{_GRK}][{_GRK}{_MARKS}]*)"
    rf"|(?P<arabic>[{_ARB}\u200c\u200d]*[{_ARB}])"
    # (a geresh written as an apostrophe ends a word too: "ג'ורג'" George)
    rf"|(?P<hebrew>[{_HEB}]+(?:['\"][{_HEB}]+)*(?:(?<=[גזצץת])')?)"
    r"|(?P<armenian>[\u0531-\u058a]+)"
    r"|(?P<ethiopic>[\u1200-\u137f]+)"
)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_DOTS = re.compile(r"[\u00b7\u30fb\u2027\u2022\uff0e]")


class _Context:
    """What is decided once per text: the Cyrillic language, Persian or Arabic, and
    whether Han or Hangul is a personal name."""

    def __init__(self, text: str, cyrillic: str | None = None):
        self.text = text
        self._cyr: tuple[_Letters, bool] | None = _CYR_TABLES[cyrillic] if cyrillic else None
        self._persian: bool | None = None
        self._han: tuple[bool, bool] | None = None
        self._hangul_runs: int | None = None

    @property
    def persian(self) -> bool:
        if self._persian is None:
            self._persian = bool(_PERSIAN_MARKS.intersection(self.text))
        return self._persian

    def han_mode(self) -> tuple[bool, bool]:
        """(personal name?, fast character-by-character reading?)"""
        if self._han is None:
            n_han = len(_HAN_CHAR.findall(self.text))
            self._han = (n_han <= 5 and not _KANA.search(self.text), n_han > 64)
        return self._han

    def cyrillic(self) -> tuple[_Letters, bool]:
        if self._cyr is None:
            self._cyr = _cyrillic_variant(self.text)
        return self._cyr

    def convert(self, m: re.Match) -> str:
        kind = m.lastgroup
        run = m.group()
        if kind == "han":
            personal, fast = self.han_mode()
            if fast:  # no phrase context: keeps long texts linear
                parts = _DOTS.split(run)
                return " " + " ".join(" ".join(_han_syllables_fast(p)) for p in parts) + " "
            if _DOTS.search(run):  # transliterated foreign name: one word per part
                words = [romanize_han(p, personal_name=False) for p in _DOTS.split(run)]
                return " " + " ".join(w.replace(" ", "") for w in words) + " "
            return " " + romanize_han(run, personal_name=personal) + " "
        if kind == "hangul":
            if self._hangul_runs is None:
                self._hangul_runs = len(re.findall(r"[\uac00-\ud7a3]+", self.text))
            personal = 2 <= len(run) <= 4 and self._hangul_runs == 1
            return " " + _hangul(run, personal) + " "
        if kind == "cyr":
            return _cyrillic(run, *self.cyrillic())
        if kind == "greek":
            return _greek(run)
        if kind == "arabic":
            return _arabic(run, self.persian)
        if kind == "hebrew":
            return _hebrew(run)
        if kind == "ethiopic":
            return _ethiopic(run)
        return _armenian(run)


def romanize(text: str, *, cyrillic: str | None = None) -> str:
    """``text`` in any script as lowercase ASCII Latin with single spaces; "" when it
    has no letter. See the module docstring for the scheme of each script.
    ``cyrillic`` ("ru", "uk", "be", "bg", "sr") says which language's letters its
    Cyrillic is in, when that is known from elsewhere (one word of a name whose other
    words show it); by default it is read from ``text``.

    >>> romanize("Владимир Путин")
    'vladimir putin'
    >>> romanize("朱海仑")
    'zhu hailun'
    """
    if not isinstance(text, str):
        raise TypeError(f"'text' must be str (got {type(text).__name__})")
    if cyrillic is not None and cyrillic not in _CYR_TABLES:
        raise ValueError(f"'cyrillic' must be one of {', '.join(sorted(_CYR_TABLES))} "
                         f"(got {cyrillic!r})")
    if text.isascii():
        return _finish(text)
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # (before the letters' own runs, which it would split)
        text = _C1_CONTROL.sub("", _OTHER_CONTROL.sub("", text)).replace("\x85", " ")
        if text.isascii():
            return _finish(text)
    if max(text) < "\u0370":  # Latin with diacritics, IPA: no script runs
        return _finish(_NON_ASCII.sub(_fallback_run, text))
    converted = _RUNS.sub(_Context(text, cyrillic).convert, text)
    return _finish(_NON_ASCII.sub(_fallback_run, converted))
