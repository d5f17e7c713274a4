"""Korean syllables in Latin script and in Hangul, for the syllable-by-syllable path.

A Korean name is written on the lists in Hangul, in South Korean Revised Romanization
(RR: "Bak Bong-nam", "Seo Sang-guk"), in McCune-Reischauer and its North Korean form
(MR: "Pak Pong-nam", "Sŏ Sang-kuk", "Ri Thae-chol", breves and apostrophes mostly
dropped), and in the informal spellings of passports ("Park", "Choi", "Young",
"Sung"); the given name's two syllables are hyphenated, spaced or joined.

Each Latin syllable is read as the set of Hangul syllables it may spell, and a Hangul
syllable as itself; two syllables meet when the sets share one. A syllable is an id
``ko:<initial>.<vowel>.<final>``: the vowel is one Hangul vowel (in its RR spelling),
while the consonants are classes, since the romanizations disagree on them: g/k/kh
(ㄱ ㅋ ㄲ), d/t/th (ㄷ ㅌ ㄸ), b/p/ph (ㅂ ㅍ ㅃ), j/ch (ㅈ ㅊ ㅉ), s/sh (ㅅ ㅆ) and r/l
(ㄹ) are one consonant each. What differs is the vowel: MR's ŏ and ŭ lose their
breve ("song" may be 성 or 송, "un" 은 or 운), so an MR "o" may be RR "eo" or "o",
but "a" is never "eo": one syllable that cannot be the same makes a different name.

South Korean spelling drops an initial ㄹ before i and y and writes it ㄴ elsewhere,
and drops ㄴ before i and y, where North Korean keeps them ("Ri"/"Lee"/"Yi" 리/이,
"Ryang"/"Yang", "Ro"/"No"): such a syllable also stands for its South Korean form.
"""

from __future__ import annotations

from functools import lru_cache

PREFIX = "ko:"

# Rules, from the most to the least regular reading of a syllable.
STANDARD = "Korean"  # RR or MR spelling
HANGUL = "Hangul reading"
INITIAL = "Korean initial"  # North Korean initial r/n against the South Korean form
INFORMAL = "Korean informal"  # a passport spelling: "Park", "Choi", "Young", "Sung"

# Latin spellings of an initial consonant -> its class ("" for none)
_INITIALS = {
    "": "", "g": "K", "k": "K", "kk": "K", "gg": "K", "kh": "K",
    "n": "N", "d": "T", "t": "T", "tt": "T", "th": "T", "dd": "T",
    "r": "R", "l": "R", "rh": "R", "m": "M",
    "b": "P", "p": "P", "pp": "P", "ph": "P", "bb": "P",
    "s": "S", "ss": "S", "sh": "S",
    "j": "C", "ch": "C", "jj": "C", "tch": "C", "chh": "C",
    "h": "H",
}
# Latin spellings of a vowel -> the Hangul vowels (RR spelling) with the rule
_V = STANDARD
_I = INFORMAL
_VOWELS: dict[str, dict[str, str]] = {
    "a": {"a": _V}, "ae": {"ae": _V}, "ai": {"ae": _I},
    "ya": {"ya": _V}, "yae": {"yae": _V},
    "eo": {"eo": _V}, "o": {"o": _V, "eo": _V},  # MR ŏ written o
    "e": {"e": _V}, "ye": {"ye": _V},
    "yeo": {"yeo": _V}, "yo": {"yo": _V, "yeo": _V},  # MR yŏ written yo
    "wa": {"wa": _V}, "wae": {"wae": _V},
    "oe": {"oe": _V}, "oi": {"oe": _I},  # "Choi"
    "u": {"u": _V, "eu": _V, "eo": _I},  # MR ŭ written u; "Sung", "Jung" for 성, 정
    "oo": {"u": _I}, "ou": {"u": _I}, "woo": {"u": _I},  # "Woo" for 우
    "wo": {"wo": _V}, "weo": {"wo": _V}, "we": {"we": _V}, "wi": {"wi": _V},
    "yu": {"yu": _V, "yeo": _I},  # "Hyun" for 현
    "yoo": {"yu": _I}, "you": {"yu": _I, "yeo": _I},  # "Yoon", "Young"
    "eu": {"eu": _V}, "ui": {"ui": _V}, "eui": {"ui": _I},
    "i": {"i": _V}, "ee": {"i": _I, "ui": _I}, "yi": {"i": _I, "ui": _I},
}
# Latin spellings of a final consonant -> its class
# an h after the vowel is silent ("Oh", "Suh", "Minah"), and stands for a final ㅎ,
# which the romanizer writes h and no name has
_FINALS = {"": "", "k": "K", "n": "N", "t": "T", "l": "L", "m": "M", "p": "P", "ng": "NG",
           "h": ""}

# Surname spellings that the syllable rules do not read (passport and old spellings)
_SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "park": ("P.a.K",), "lee": ("R.i.", ".i."), "rhee": ("R.i.", ".i."),
    "yi": (".i.",), "oh": (".o.",), "suh": ("S.eo.",), "ahn": (".a.N",),
    "noh": ("N.o.",), "roh": ("R.o.", "N.o."), "koh": ("K.o.",), "sohn": ("S.o.N",),
    "paik": ("P.ae.K",), "choi": ("C.oe.",), "chey": ("C.oe.",), "pyun": ("P.yeo.N",),
    # passport spellings of 이/리, 최, 백, 변, 염 (not "Li": read as Korean too, the
    # Chinese "Li Lu" met the listed "Ru Yi")
    "rhie": ("R.i.", ".i."), "chwe": ("C.oe.",), "back": ("P.ae.K",),
    "byun": ("P.yeo.N",), "yum": (".yeo.M",),
}
# Latin spellings of Korean surnames: a name in Latin letters reads as Korean only with
# one of them as its first or last word
SURNAMES = frozenset(
    """kim gim ri rhee lee yi i pak park bak choe choi chwe jong jeong chong chung jung
    kang gang han o oh so seo suh ryang yang ryom yeom yom ryu yu yoo rim im lim no ro roh
    noh jo cho jon jeon chon chun jun hwang sin shin mun moon paek baek paik pae bae ko go
    koh kwon gwon an ahn yun yoon jang chang ju chu joo thae tae hyon hyun hyeon cha chae
    kye gye song hong u woo kil gil ku koo gu min nam ha pyon byeon pyun sok seok sol seol
    tak om eom um won sim shim son sohn sung seong kwak gwak to do ok yon yeon wi chi ji
    ryo yeo kong gong pang bang maeng myong myeong ra na chin jin tong dong wang ma
    rhie back byun yum cheon""".split())

MAX_SYLLABLES = 4  # in a Korean personal name: a surname and a given name of up to three


def _expand(initial: str, vowel: str, final: str, rule: str, out: dict[str, str]) -> None:
    """Add the id of a syllable, and of its South Korean form when the North Korean
    keeps an initial r or n that the South drops or changes."""
    _add(out, f"{initial}.{vowel}.{final}", rule)
    iy = vowel[0] in "iy"
    south = rule if _COST[rule] > _COST[INITIAL] else INITIAL
    if initial == "R":
        _add(out, f".{vowel}.{final}" if iy else f"N.{vowel}.{final}", south)
    elif initial == "N" and iy:
        _add(out, f".{vowel}.{final}", south)


_COST = {STANDARD: 1, HANGUL: 1, INITIAL: 2, INFORMAL: 3}


def _add(out: dict[str, str], sid: str, rule: str) -> None:
    key = PREFIX + sid
    old = out.get(key)
    if old is None or _COST[rule] < _COST[old]:
        out[key] = rule


@lru_cache(maxsize=4096)
def syllable_ids(text: str) -> dict[str, str]:
    """The ids of the Hangul syllables a lowercase Latin syllable may spell, each with
    the rule that reads it so; {} when it spells none."""
    out: dict[str, str] = {}
    initial: str | None  # below, None when the text opens with no initial
    final: str | None
    for sid in _SURNAME_SPELLINGS.get(text, ()):
        initial, vowel, final = sid.split(".")
        _expand(initial, vowel, final, INFORMAL, out)
    n = len(text)
    for i in range(min(3, n) + 1):
        initial = _INITIALS.get(text[:i])
        if initial is None:
            continue
        for j in range(n, i, -1):
            final = _FINALS.get(text[j:])
            if final is None:
                continue
            vowels = _VOWELS.get(text[i:j])
            if vowels is None:
                continue
            for vowel, rule in vowels.items():
                _expand(initial, vowel, final, rule, out)
    return out


# Hangul: initial, vowel and final jamo of a syllable (U+AC00 + (i * 21 + v) * 28 + f)
_H_INITIALS = ("K", "K", "N", "T", "T", "R", "M", "P", "P", "S", "S", "", "C", "C", "C",
               "K", "T", "P", "H")
_H_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
             "u", "wo", "we", "wi", "yu", "eu", "ui", "i")
_H_FINALS = ("", "K", "K", "K", "N", "N", "N", "T", "L", "K", "M", "L", "L", "L", "P", "L",
             "M", "P", "P", "T", "T", "NG", "T", "T", "K", "T", "P", "")


def is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=4096)
def hangul_ids(ch: str) -> dict[str, str]:
    """The id of a Hangul syllable (and of its South Korean form, see _expand)."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return {}
    out: dict[str, str] = {}
    _expand(_H_INITIALS[code // 588], _H_VOWELS[code % 588 // 28], _H_FINALS[code % 28],
            HANGUL, out)
    return out


_MAX_SPELLING = 7  # letters in a Latin spelling of one syllable ("tchyeong" is none)


@lru_cache(maxsize=16_384)
def segment(text: str) -> tuple[tuple[str, ...], ...]:
    """The splits of a lowercase Latin word into Korean syllables with the fewest
    syllables (at most three, in the order found; () when it does not split). A
    syllable that opens with a vowel letter follows one that ends in a consonant
    ("Jongun" is jong-un): a romanization writes two vowels that meet apart, and
    "Maung", "Thein" or "Chaang" are no Korean words. Nor does a letter end one
    syllable and open the next: "Emma" and "Anna" are Western given names (a Korean
    one written so, "Sunnam", still meets "Sun Nam" by its spacing); but for the g of
    a final ng before a g ("Yonggon" is yong-gon, "Honggil" hong-gil)."""
    if not text.isalpha() or not text.isascii() or len(text) > 3 * _MAX_SPELLING:
        return ()
    best: tuple[tuple[str, ...], ...] = ()
    for k in (1, 2, 3):
        best = _splits(text, k)
        if best:
            # a syllable opening with a tense consonant written double ("gg") is the
            # rarer reading: "Yonggon" is yong-gon before yon-ggon
            return tuple(sorted(best, key=_doubled_openings))[:4]
    return ()


def _doubled_openings(split: tuple[str, ...]) -> int:
    return sum(len(s) > 1 and s[0] == s[1] for s in split[1:])


def _splits(text: str, k: int) -> tuple[tuple[str, ...], ...]:
    if k == 1:
        return ((text,),) if len(text) <= _MAX_SPELLING and syllable_ids(text) else ()
    out = []
    for i in range(1, min(len(text) - 1, _MAX_SPELLING) + 1):
        head = text[:i]
        if head[-1] in _VOWEL_LETTERS and text[i] in _VOWEL_LETTERS or (
                head[-1] == text[i] and not head.endswith("ng")) or not syllable_ids(head):
            continue
        for rest in _splits(text[i:], k - 1):
            out.append((head, *rest))
    return tuple(out)


_VOWEL_LETTERS = frozenset("aeiou")
