"""Chinese names: the phonetic ids a Latin syllable or a Han character may stand for.

A Chinese name reaches a sanctions list, and a payment, in many spellings of the same
sounds: "ZHU, Hailun", "朱海仑", "Chu Hai-lun" (Wade-Giles), "Hailun Zhu"; Hong Kong
names in the Hong Kong Government's Cantonese spelling ("LAM CHENG Yuet-ngor" =
林鄭月娥, "Lee Ka-chiu" = 李家超 = "Li Jiachao"). This module reduces each syllable
to a set of *phonetic ids*; the comparison (:mod:`screen.names.compare`) lines two
names up syllable by syllable, and two syllables meet when their id sets intersect.

Phonetic ids
    ``"p:<pinyin>"``  a Mandarin reading, toneless pinyin with ü written ``v``
    (``p:lv``, ``p:nve``, ``p:zhu``); ``"c:<spelling>"`` a Hong Kong Cantonese
    syllable in the lowercase Hong Kong Government spelling found on HK identity
    cards and on sanctions lists (``c:lam``, ``c:yuet``, ``c:ngor``, ``c:cheung``).
    The two namespaces never meet by themselves: a Latin Cantonese syllable also
    carries the pinyin ids of the name characters commonly read that way, and a Han
    character carries both its pinyin and its Cantonese ids, so that "Lee Ka-chiu"
    meets 李家超 through ``c:`` ids and "Li Jiachao" through ``p:`` ids.

Rules (the value of each id in the dicts returned; when several rules give the same
id, the first of this order is reported)
    ``"pinyin"``      the syllable is pinyin (also ``lu``/``nu`` for lü/nü written
                      without the diaeresis, and ``lyu``/``nyu`` as on PRC passports);
    ``"Wade-Giles"``  the syllable is the ASCII form of the Wade-Giles spelling of a
                      pinyin syllable (apostrophe and diacritics dropped: "chen" is
                      both chen and ch'ên = zhen; "chu" is zhu, chu, ju, qu);
    ``"surname"``     a Hong Kong Cantonese surname spelling ("Wong" = wang, huang);
    ``"Cantonese"``   a Hong Kong Cantonese syllable: ``c:<syl>`` plus the pinyin of
                      the name characters commonly read that way ("ka" = jia);
    ``"Han reading"`` / ``"Han reading (Cantonese)"``: the readings of a Han
                      character (:func:`han_ids`).

Tables
    Wade-Giles is derived here from the standard initial/final correspondences
    (:func:`to_wade_giles`) and tested against a reference table. The character
    readings, the Cantonese-syllable -> pinyin map and the surname table are generated
    by ``tools/build_chinese_tables.py`` (from pypinyin, ToJyutping and the name
    character frequencies of ngender) into ``screen/data/*.tsv``; so is what it takes
    to read Han text phrase by phrase as pypinyin does (see ``_lazy_pinyin``). At run
    time only those files are needed. They are read once, on first use.

Choices worth knowing
    * Mandarin readings of a character are kept "tight": pypinyin's first reading plus
      the other readings that occur in a fair share of pypinyin's phrases (朝 zhao and
      chao, 长 chang and zhang, but not 家 gu). The first character of a personal name
      gets its *surname* reading first (曾 zeng, 单 shan, 区 ou, 仇 qiu, 解 xie, 查 zha,
      朴 piao, 盖 ge, 乐 yue, 翟 zhai), then its ordinary readings, because
      machine-romanized lists often carry the ordinary reading ("Ceng") and the
      comparison must still meet them. Common two-character surnames (欧阳, 司徒,
      尉迟, 万俟, ...) are recognized when the name has three or more characters.
    * A Han run of more than four characters (five with a two-character surname)
      is no Chinese personal name: it is read as an organization or a transliterated
      foreign name, character by character, whatever ``personal_name`` says.
    * A four-character personal name whose first two characters are both surnames is
      taken as a Hong Kong married name (林鄭月娥: 林 + 鄭 + 月娥).
    * A Latin Cantonese syllable carries the pinyin of the name characters read that
      way, so two *different* Cantonese syllables can share a ``p:`` id that both got
      by the "Cantonese" rule ("hai" 兮 and "hei" 喜 are both xi; "lun" is also 麟 lin).
      That is weaker evidence than any other meeting; the comparison should charge
      for it (both rules are in the dicts).
    * A word splits only into syllables that may stand where they are in a written
      word (:func:`_may_stand`): "ng" and "m" only as a whole word (the surname Ng),
      and a syllable without an initial consonant inside a word only as Pinyin
      (apostrophe dropped: "Jiaen", "Yuee") or Wade-Giles after a consonant
      (hyphen dropped: "Tsuni") join it, never a Hong Kong-only one ("ung", "on").
      So Burmese "Aung", "Maung", "Naing", "Mya", "Oo" are no Chinese words.
    * Hokkien/Teochew and Macau surname spellings (Tan, Lim, Goh, Vong, Leong) are
      not included: they would let "Tan" (谭) meet "Chen" and cost more precision than
      they bring for the lists screened here.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
from dataclasses import dataclass

__all__ = [
    "cantonese_spellings",
    "han_ids",
    "romanize_han",
    "segment",
    "syllable_ids",
    "to_wade_giles",
    "wade_giles_table",
]

# -- pinyin syllables and Wade-Giles --------------------------------------------------

# The Mandarin syllables of standard pinyin (toneless, ü written v), by initial. A few
# marginal ones that dictionaries give (cei, kei, tei, zhei, shei, sei, lo, yo, me,
# ne, rua) are in; dialect-only ones (diang, lvan, lvn, nia, yai, shong) are not.
_PINYIN_BY_INITIAL = {
    "": "a ai an ang ao e ei en eng er o ou",
    "b": "ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu",
    "p": "pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu",
    "m": "ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu",
    "f": "fa fan fang fei fen feng fo fou fu",
    "d": "da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du "
    "duan dui dun duo",
    "t": "ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo",
    "n": "na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou "
    "nu nuan nun nuo nv nve",
    "l": "la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou "
    "lu luan lun luo lv lve",
    "g": "ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo",
    "k": "ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo",
    "h": "ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo",
    "j": "ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun",
    "q": "qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun",
    "x": "xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun",
    "zh": "zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan "
    "zhuang zhui zhun zhuo",
    "ch": "cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan "
    "chuang chui chun chuo",
    "sh": "sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan "
    "shuang shui shun shuo",
    "r": "ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo",
    "z": "za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo",
    "c": "ca cai can cang cao ce cei cen ceng ci cong cou cu cuan cui cun cuo",
    "s": "sa sai san sang sao se sei sen seng si song sou su suan sui sun suo",
    "y": "ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun",
    "w": "wa wai wan wang wei wen weng wo wu",
}
PINYIN_SYLLABLES: frozenset[str] = frozenset(
    s for group in _PINYIN_BY_INITIAL.values() for s in group.split()
)

# Latin spellings that stand for pinyin ü syllables (rule "pinyin"): written without
# the diaeresis, or with "yu" as on PRC passports since 2012 (吕 LYU).
_PINYIN_U_FORMS = {
    "lu": ("lu", "lv"),
    "nu": ("nu", "nv"),
    "lue": ("lve",),
    "nue": ("nve",),
    "lyu": ("lv",),
    "nyu": ("nv",),
    "lyue": ("lve",),
    "nyue": ("nve",),
}

_WG_INITIALS = {
    "b": "p", "p": "p'", "m": "m", "f": "f", "d": "t", "t": "t'", "n": "n", "l": "l",
    "g": "k", "k": "k'", "h": "h", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch",
    "ch": "ch'", "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s",
}  # fmt: skip
_WG_FINALS = {
    "a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao", "e": "ê", "ei": "ei",
    "en": "ên", "eng": "êng", "i": "i", "ia": "ia", "ian": "ien", "iang": "iang",
    "iao": "iao", "ie": "ieh", "in": "in", "ing": "ing", "iong": "iung", "iu": "iu",
    "o": "o", "ong": "ung", "ou": "ou", "u": "u", "ua": "ua", "uai": "uai", "uan": "uan",
    "uang": "uang", "ui": "ui", "un": "un", "uo": "o", "v": "ü", "ve": "üeh",
    "van": "üan", "vn": "ün",
}  # fmt: skip
# Whole syllables that do not follow initial + final: the "empty rhyme" of zh ch sh r
# and z c s, syllables without an initial, and y-/w- spellings.
_WG_WHOLE = {
    "zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih",
    "zi": "tzŭ", "ci": "tz'ŭ", "si": "ssŭ",
    "a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao", "e": "o", "ê": "ê",
    "ei": "ei", "en": "ên", "eng": "êng", "er": "êrh", "o": "o", "ou": "ou",
    "yi": "i", "ya": "ya", "yai": "yai", "yan": "yen", "yang": "yang", "yao": "yao",
    "ye": "yeh", "yin": "yin", "ying": "ying", "yo": "yo", "yong": "yung", "you": "yu",
    "yu": "yü", "yuan": "yüan", "yue": "yüeh", "yun": "yün",
    "wa": "wa", "wai": "wai", "wan": "wan", "wang": "wang", "wei": "wei", "wen": "wên",
    "weng": "wêng", "wo": "wo", "wu": "wu",
}  # fmt: skip
_WG_ASCII = str.maketrans({"ê": "e", "ü": "u", "ŭ": "u", "'": None})
# Syllables some dictionaries give that are not in PINYIN_SYLLABLES: to_wade_giles
# accepts them, nothing else uses them.
_MARGINAL_PINYIN = frozenset({"diang", "lvan", "lvn", "nia", "yai", "shong"})
# Wade-Giles spellings outside the table that are common enough to recognize.
_WG_EXTRA = {"szu": ("si",)}


def _split_pinyin(syl: str) -> tuple[str, str]:
    for ini in ("zh", "ch", "sh"):
        if syl.startswith(ini):
            return ini, syl[2:]
    if syl and syl[0] in _WG_INITIALS:
        return syl[0], syl[1:]
    return "", syl


def to_wade_giles(pinyin_syllable: str) -> str:
    """The Wade-Giles spelling of one toneless pinyin syllable, with the aspiration
    apostrophe (ASCII ``'``) and the diacritics ê, ü, ŭ: "zhen" -> "chên",
    "chen" -> "ch'ên", "xi" -> "hsi", "guo" -> "kuo", "si" -> "ssŭ".

    ü may be written ``ü`` or ``v``; "lue" and "nue" are read as lüe and nüe.
    Raises ValueError for anything that is not a pinyin syllable."""
    if not isinstance(pinyin_syllable, str):
        raise TypeError(f"'pinyin_syllable' must be str (got {type(pinyin_syllable).__name__})")
    syl = pinyin_syllable.strip().lower().replace("ü", "v").replace("u:", "v")
    if syl in ("lue", "nue"):
        syl = syl[0] + "ve"
    if syl not in PINYIN_SYLLABLES and syl not in _MARGINAL_PINYIN:
        raise ValueError(f"'pinyin_syllable' must be a pinyin syllable (got {pinyin_syllable!r})")
    whole = _WG_WHOLE.get(syl)
    if whole is not None:
        return whole
    ini, fin = _split_pinyin(syl)
    if ini in ("j", "q", "x"):
        fin = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(fin, fin)  # u is ü here
    out = _WG_FINALS[fin]
    if fin == "e" and ini in ("g", "k", "h"):
        out = "o"  # ko, k'o, ho
    elif fin == "ui" and ini in ("g", "k"):
        out = "uei"  # kuei, k'uei
    elif fin == "uo" and ini in ("g", "k", "h", "sh"):
        out = "uo"  # kuo, huo, shuo (elsewhere uo is o: to, lo, cho, jo)
    return _WG_INITIALS[ini] + out


@functools.cache
def _wade_giles_table() -> dict[str, str]:
    return {p: to_wade_giles(p) for p in sorted(PINYIN_SYLLABLES)}


def wade_giles_table() -> dict[str, str]:
    """Every pinyin syllable (toneless, ü as ``v``) -> its Wade-Giles spelling."""
    return dict(_wade_giles_table())


@functools.cache
def _wade_giles_reverse() -> dict[str, tuple[str, ...]]:
    rev: dict[str, list[str]] = {}
    for p, wg in _wade_giles_table().items():
        rev.setdefault(wg.translate(_WG_ASCII), []).append(p)
    for wg, ps in _WG_EXTRA.items():
        rev.setdefault(wg, []).extend(ps)
    return {k: tuple(v) for k, v in rev.items()}


# -- generated tables -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Surname:
    han: str  # as written (simplified or traditional)
    pinyin: tuple[str, ...]  # surname reading, one syllable per character
    hk: tuple[tuple[str, ...], ...]  # Hong Kong spellings, per character


@dataclass(frozen=True, slots=True)
class _Tables:
    han: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # char -> (pinyin, cantonese)
    canto_pinyin: dict[str, tuple[str, ...]]  # HK spelling -> pinyin of name characters
    surnames: dict[str, _Surname]  # surname as written -> its readings
    latin_surnames: dict[str, tuple[str, ...]]  # HK surname spelling -> pinyin


def _data_text(name: str) -> str:
    return importlib.resources.files("screen").joinpath("data", name).read_text("utf-8")


def _data_lines(name: str):
    for line in _data_text(name).splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _split_list(field: str) -> tuple[str, ...]:
    return tuple(x for x in field.split(",") if x)


@functools.cache
def _tables() -> _Tables:
    han = {}
    for char, py, canto in _data_lines("han_readings.tsv"):
        han[char] = (_split_list(py), _split_list(canto))
    canto_pinyin = {}
    for spelling, py in _data_lines("cantonese_pinyin.tsv"):
        canto_pinyin[spelling] = _split_list(py)
    surnames: dict[str, _Surname] = {}
    latin: dict[str, list[str]] = {}
    for simp, trad, py, hk in _data_lines("surnames.tsv"):
        pys = tuple(py.split())
        hks = tuple(_split_list(h) for h in hk.split())
        for form in {simp, trad}:
            prev = surnames.get(form)
            if prev is None:
                surnames[form] = _Surname(form, pys, hks)
            elif len(form) == 1:  # one character, two surnames (肖/蕭 xiao, 萧 ...)
                surnames[form] = _Surname(
                    form,
                    prev.pinyin,
                    (tuple(dict.fromkeys(prev.hk[0] + hks[0])),),
                )
        for p, spellings in zip(pys, hks):
            # a one-character surname's other Mandarin readings too: lists written by
            # machine carry the ordinary reading (曾 "Ceng" for the surname Zeng, HK Tsang)
            readings = (p, *han.get(simp, ((),))[0]) if len(simp) == 1 else (p,)
            for s in spellings:
                for r in readings:
                    if r not in latin.setdefault(s, []):
                        latin[s].append(r)
    return _Tables(han, canto_pinyin, surnames, {k: tuple(v) for k, v in latin.items()})


@functools.cache
def compound_surnames() -> frozenset[tuple[str, ...]]:
    """The surnames of two syllables (Ouyang, Situ, Zhuge, ...), as Pinyin syllables."""
    return frozenset(s.pinyin for s in _tables().surnames.values() if len(s.pinyin) == 2)


# -- Latin syllables ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 14)
def _syllable_ids(syl: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    if syl in PINYIN_SYLLABLES:
        ids["p:" + syl] = "pinyin"
    for p in _PINYIN_U_FORMS.get(syl, ()):
        ids.setdefault("p:" + p, "pinyin")
    for p in _wade_giles_reverse().get(syl, ()):
        ids.setdefault("p:" + p, "Wade-Giles")
    t = _tables()
    for p in t.latin_surnames.get(syl, ()):
        ids.setdefault("p:" + p, "surname")
    for spelling in (syl, _hk_variant(syl)):
        canto = t.canto_pinyin.get(spelling) if spelling else None
        if canto is not None:
            ids.setdefault("c:" + spelling, "Cantonese")
            for p in canto:
                ids.setdefault("p:" + p, "Cantonese")
    return ids


@functools.lru_cache(maxsize=1 << 14)
def reading_ids(syl: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The ids a Latin syllable stands for read as Mandarin (Pinyin, Wade-Giles), as
    Cantonese (a Hong Kong spelling of a Cantonese syllable) and as a Hong Kong
    surname spelling, apart: :func:`syllable_ids` keeps one rule an id ("chu" is the
    Wade-Giles of zhu, and the Hong Kong spelling of 朱, zhu too)."""
    mandarin = set()
    if syl in PINYIN_SYLLABLES:
        mandarin.add("p:" + syl)
    mandarin.update("p:" + p for p in _PINYIN_U_FORMS.get(syl, ()))
    mandarin.update("p:" + p for p in _wade_giles_reverse().get(syl, ()))
    t = _tables()
    surname = frozenset("p:" + p for p in t.latin_surnames.get(syl, ()))
    cantonese = set()
    for spelling in (syl, _hk_variant(syl)):
        canto = t.canto_pinyin.get(spelling) if spelling else None
        if canto is not None:
            cantonese.add("c:" + spelling)
            cantonese.update("p:" + p for p in canto)
    return frozenset(mandarin), frozenset(cantonese), surname


def _hk_variant(syl: str) -> str:
    """The Hong Kong spelling that a looser spelling of it stands for, or "": an "h"
    after a final vowel ("Kah", "Wah" for Ka, Wa) and an "r" after a final "o" ("Por"
    for Po) only mark the vowel long, and older spellings write "ts" for "ch"."""
    if len(syl) >= 3 and syl[-1] == "h" and syl[-2] in "aeiou":
        return syl[:-1]
    if len(syl) >= 3 and syl.endswith("or"):
        return syl[:-1]
    return ""


def syllable_ids(syl: str) -> dict[str, str]:
    """Every phonetic id a lowercase ASCII Latin syllable may stand for, each with the
    rule that gives it (see the module docstring); ``{}`` when it is no Chinese
    syllable in pinyin, Wade-Giles or Hong Kong Cantonese spelling.

    >>> syllable_ids("kuo")
    {'p:guo': 'Wade-Giles', 'p:kuo': 'Wade-Giles'}

    The caller removes apostrophes and diacritics first ("Ch'en" -> "chen",
    "Lü" -> "lu"). Results are cached; the dict returned is the caller's own."""
    return _syllable_ids(syl).copy()


@functools.cache
def _max_syllable_len() -> int:
    t = _tables()
    keys = [*PINYIN_SYLLABLES, *_PINYIN_U_FORMS, *_wade_giles_reverse(), *t.canto_pinyin]
    keys += t.latin_surnames
    return max(len(k) for k in keys)


MAX_SEGMENT_LENGTH = 30
_VOWELS = frozenset("aeo")


@functools.cache
def _spellings() -> frozenset[str]:
    """Every string that :func:`syllable_ids` gives ids for."""
    t = _tables()
    out = {*PINYIN_SYLLABLES, *_PINYIN_U_FORMS, *_wade_giles_reverse(), *t.latin_surnames,
           *t.canto_pinyin}
    out |= {c + "h" for c in t.canto_pinyin if len(c) >= 2 and c[-1] in "aeiou"}
    out |= {c + "r" for c in t.canto_pinyin if len(c) >= 2 and c[-1] == "o"}
    return frozenset(x for x in out if _syllable_ids(x))


@functools.cache
def _prefixes() -> frozenset[str]:
    """Every non-empty beginning of a spelling (the spellings included)."""
    return frozenset(s[:i] for s in _spellings() for i in range(1, len(s) + 1))


def _splits(token: str) -> bool:
    """Whether ``token`` splits into syllables at all: a cheap test that spares most
    words that are no Chinese (four in five of a customer file's) the full search."""
    return _reached(token)[-1]


def _reached(token: str) -> list[bool]:
    """For each position i of ``token`` (and its end), whether token[:i] splits into
    syllables (of at most _max_syllable_len() letters).

    Reads the token letter by letter through an automaton whose state is the set of
    syllable beginnings the letters so far may end in ("" when a syllable just ended,
    so that the next may start): one table look-up a letter, where trying the
    substrings at each position cost a Python loop each. The table is filled as
    states and letters are met, and bounded."""
    state = _START
    reached = [True]
    for ch in token:
        row = _STEPS.get(state)
        if row is None:
            row = {}
            if len(_STEPS) < 20_000:  # else computed again when met again
                _STEPS[state] = row
        nxt = row.get(ch)
        if nxt is None:
            nxt = row[ch] = _step(state, ch)
        state = nxt
        if not state:  # no syllable goes on: no later position is reached
            reached += [False] * (len(token) + 1 - len(reached))
            break
        reached.append("" in state)
    return reached


_START: frozenset[str] = frozenset({""})
_STEPS: dict[frozenset[str], dict[str, frozenset[str]]] = {}  # state -> letter -> state


def _step(state: frozenset[str], ch: str) -> frozenset[str]:
    """The syllable beginnings ``state`` goes on to with the letter ``ch``, and ""
    when one of them is a whole syllable."""
    maxlen = _max_syllable_len()
    prefixes = _prefixes()
    grown = {p + ch for p in state if len(p) < maxlen and p + ch in prefixes}
    if not grown.isdisjoint(_spellings()):
        grown.add("")
    return frozenset(grown)


@functools.lru_cache(maxsize=1 << 14)
def _segment(token: str, k: int) -> tuple[tuple[str, ...], ...]:
    reached = _reached(token)
    if not reached[-1]:
        return ()
    n = len(token)
    maxlen = _max_syllable_len()
    prefixes = _prefixes()
    # best[i]: the k best splits of token[i:], each as (key, syllables); the key sorts
    # fewest syllables first, then fewest syllables that are not pinyin ("yongan" is
    # yong-an, not yo and the Hong Kong ngan), then fewest later syllables opening with
    # a/e/o (pinyin would write an apostrophe there: "changan" is chan-gan, not
    # chang'an), then longer syllables first.
    best: list[list[tuple[tuple, tuple[str, ...]]]] = [[] for _ in range(n + 1)]
    best[n] = [((0, 0, 0, ()), ())]
    for i in range(n - 1, -1, -1):
        if not reached[i]:
            continue  # no split of the whole token has a syllable starting here
        cands = []
        for j in range(i + 1, min(n, i + maxlen) + 1):
            syl = token[i:j]
            if syl not in prefixes:
                break  # no longer syllable starts here either
            if not best[j]:
                continue
            ids = _syllable_ids(syl)
            if not ids or not _may_stand(token, i, j):
                continue
            vowel = 1 if i > 0 and syl[0] in _VOWELS else 0
            not_pinyin = 0 if ("p:" + syl) in ids else 1
            # a looser spelling of a Hong Kong syllable ("suh" for su) is the last resort
            loose = 0 if ("c:" + syl) in ids or not_pinyin == 0 or any(
                v != "Cantonese" for v in ids.values()) else 1
            for (cn, cp, cv, lens), rest in best[j]:
                key = (cn + 1, cp + not_pinyin + 2 * loose, cv + vowel, (-len(syl), *lens))
                cands.append((key, (syl, *rest)))
        cands.sort()
        best[i] = cands[:k]
    return tuple(seg for _, seg in best[0])


def segment(token: str, max_results: int = 4) -> list[tuple[str, ...]]:
    """The ways to split a lowercase ASCII token into syllables that each have
    :func:`syllable_ids` and may stand where they are in a word (a syllabic nasal
    only as the whole word, a syllable without an initial consonant inside a word
    only as Pinyin or Wade-Giles join it: see :func:`_may_stand`), best first:
    fewest syllables, then pinyin over other spellings (and a looser Hong Kong
    spelling, "Kah" for Ka, after all others), then the split pinyin orthography
    prefers (no later syllable opening with a/e/o), then longer syllables first. ``[]``
    when there is none, or when the token is longer than ``MAX_SEGMENT_LENGTH``
    (30) characters.

    >>> segment("xian")
    [('xian',), ('xi', 'an')]
    >>> segment("maung")  # Burmese: no ma+ung, no mau+ng
    []
    """
    if not token or len(token) > MAX_SEGMENT_LENGTH or max_results < 1:
        return []
    if not (token.isascii() and token.isalpha() and token.islower()):
        return []
    return list(_segment(token, max_results))


# -- where a syllable may stand in a word -------------------------------------------------
# Facts of how the spellings join syllables into one written word, which the syllable
# tables alone do not tell. Without them "Aung", "Maung", "Naing", "Mya", "Oo" (Burmese)
# split into "Chinese" syllables (a+ung, ma+ung, nai+ng, m+ya, o+o) and their names
# were compared syllable by syllable.

# Syllabic nasals: interjections in Pinyin (呣 嗯 噷 哼); in Hong Kong spelling the
# surname Ng (吳, 伍), written as a word of its own. Inside a word "ng" ends the
# syllable before it ("Naing") or starts the next ("Ngor"); "m" starts one ("Mya").
_NASALS = frozenset(("m", "n", "ng", "hm", "hng"))
_VOWEL_LETTERS = frozenset("aeiou")


def _may_stand(token: str, i: int, j: int) -> bool:
    """Whether the syllable ``token[i:j]`` may stand there in a word written as one.

    * A syllabic nasal (m, ng, ...) only as the whole word.
    * A syllable without an initial consonant, after the start of the word, only as a
      Mandarin syllable: Pinyin joins one to the syllable before with an apostrophe
      that lists and passports drop ("Xi'an", "JIAEN" 嘉恩, "YUEE" 月娥), but not the
      interjection o (哦); Wade-Giles joins one with a hyphen that lists drop ("Tsun-i",
      "Tsuni"), but only after a consonant: after a vowel, it would run into that vowel
      ("Oo", "Lidiia"). Hong Kong spelling writes its own such syllables (ung, on, oi,
      au, ...) as a word (Au, On, Ung) or at the start of one (Auyeung): "Aung" is no
      a+ung, "Maung" no ma+ung.
    """
    syl = token[i:j]
    if i == 0 and j == len(token):
        return True
    if syl in _NASALS:
        return False
    if i == 0 or syl[0] not in _VOWEL_LETTERS:
        return True
    if syl in PINYIN_SYLLABLES and syl != "o":
        return True
    return token[i - 1] not in _VOWEL_LETTERS and "Wade-Giles" in _syllable_ids(syl).values()


# -- Han characters ------------------------------------------------------------------------


def is_han(ch: str) -> bool:
    """A Han character (CJK Unified Ideographs and extensions, compatibility, 〇)."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003134f"
        or ch == "\u3007"  # 〇
    )


_MAX_PERSONAL = 4  # characters in a Chinese personal name, five with a compound surname


def _surname_parts(chars: str) -> list[_Surname]:
    """The surname(s) a personal name written in Han characters starts with: [] when it
    does not look like a personal name (too long), one entry normally, two for a Hong
    Kong married name (林鄭月娥). The first character is the surname even when it is
    not in the table (its reading then is its ordinary one)."""
    n = len(chars)
    surnames = _tables().surnames
    if n >= 3:
        compound = surnames.get(chars[:2])
        if compound is not None:
            return [compound] if n <= _MAX_PERSONAL + 1 else []
    if n > _MAX_PERSONAL or n == 0:
        return []
    first = surnames.get(chars[0])
    if first is None:
        first = _Surname(chars[0], (), ((),))
    if n == 4:
        second = surnames.get(chars[1])
        if second is not None and chars[0] in surnames:
            return [first, second]
    return [first]


_TONE_MARKS = str.maketrans(
    {
        **dict.fromkeys(map(ord, "āáǎà"), "a"),
        **dict.fromkeys(map(ord, "ēéěèê"), "e"),
        **dict.fromkeys(map(ord, "īíǐì"), "i"),
        **dict.fromkeys(map(ord, "ōóǒò"), "o"),
        **dict.fromkeys(map(ord, "ūúǔù"), "u"),
        **dict.fromkeys(map(ord, "üǖǘǚǜ"), "v"),
        **dict.fromkeys(map(ord, "ńňǹ"), "n"),
        **dict.fromkeys(map(ord, "ḿ"), "m"),
    }
)


def _fallback_readings(ch: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Readings of a character the generated table lacks: pypinyin's, at most two."""
    return _split_list(_pinyin_chars()[0].get(ch, "")), ()


def _char_readings(ch: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    got = _tables().han.get(ch)
    return got if got is not None else _fallback_readings(ch)


def han_ids(text: str, *, personal_name: bool = True) -> list[dict[str, str]]:
    """One dict per Han character of ``text`` (simplified or traditional; other
    characters are skipped): its pinyin ids (rule "Han reading") and its Hong Kong
    Cantonese ids (rule "Han reading (Cantonese)").

    In a personal name the surname's characters get the surname reading first (曾
    p:zeng before p:ceng, 区 p:ou and c:au before p:qu), see the module docstring."""
    if not isinstance(text, str):
        raise TypeError(f"'text' must be str (got {type(text).__name__})")
    chars = "".join(ch for ch in text if is_han(ch))
    return [dict(ids) for ids in _han_ids(chars, personal_name)]


@functools.lru_cache(maxsize=1 << 13)
def _han_ids(chars: str, personal_name: bool) -> tuple[tuple[tuple[str, str], ...], ...]:
    surname_readings: list[tuple[str, tuple[str, ...]]] = []  # per leading char
    if personal_name:
        for sur in _surname_parts(chars):
            for p, hk in zip(sur.pinyin or ("",), sur.hk):
                surname_readings.append((p, hk))
    out = []
    for i, ch in enumerate(chars):
        pys, cantos = _char_readings(ch)
        ids: dict[str, str] = {}
        if i < len(surname_readings):
            p, hk = surname_readings[i]
            if p:
                ids["p:" + p] = "Han reading"
            cantos = (*hk, *cantos)
        for p in pys:
            ids.setdefault("p:" + p, "Han reading")
        for c in cantos:
            ids.setdefault("c:" + c, "Han reading (Cantonese)")
        out.append(tuple(ids.items()))
    return tuple(out)


def _ascii_pinyin(p: str) -> str:
    """pypinyin's lv/nv written as on PRC passports: lyu, nyu, lyue, nyue."""
    return p.replace("v", "yu") if "v" in p else p


_CONTEXT_LIMIT = 64  # longer Han text is read character by character, in linear time


def _han_syllables_fast(chars: str) -> list[str]:
    """The usual reading of each character, without pypinyin's phrase context."""
    out = []
    for ch in chars:
        pys = _char_readings(ch)[0]
        if pys:
            out.append(_ascii_pinyin(pys[0]))
    return out


def _given_name_pinyin(chars: str) -> list[str]:
    if len(chars) > _CONTEXT_LIMIT:
        return _han_syllables_fast(chars)
    return [p for p in _lazy_pinyin(chars) if p]


# -- pypinyin's reading of Han text, from tables ---------------------------------------
# lazy_pinyin reads Han text phrase by phrase, longest phrase first from the left, and
# other characters one by one. Its phrase list costs some 55 MB of memory and 0.4 s to
# load, and only one phrase in fourteen reads otherwise than its characters do: the
# tables pinyin_*.tsv (tools/build_chinese_tables.py) hold what that reading needs, and
# tests/test_chinese.py checks that it equals lazy_pinyin's (Style.NORMAL, characters
# it lacks read from these tables) on every Han name of the lists and every phrase.


@functools.cache
def _pinyin_chars() -> tuple[dict[str, str], dict[str, str]]:
    """(readings of the characters han_readings.tsv lacks, comma-separated; each
    character's reading outside a phrase where it is not the first of its readings)."""
    readings: dict[str, str] = {}  # (split when asked: most are never asked)
    singles: dict[str, str] = {}
    for line in _data_text("pinyin_chars.tsv").splitlines():
        if not line or line[0] == "#":
            continue
        char, pys, single = line.split("\t")
        if pys:
            readings[char] = pys
        if single:
            singles[char] = "" if single == "-" else single
    return readings, singles


@dataclass(frozen=True, slots=True)
class _Phrases:
    readings: dict[str, tuple[str, ...] | None]  # phrase -> its reading (None: its chars')
    ordered: tuple[str, ...]  # the phrases, sorted: is a text the start of one?
    starts: tuple[int, ...]  # ranges of the Han characters phrases are looked for in
    ends: tuple[int, ...]


@functools.cache
def _phrases() -> _Phrases:
    readings: dict[str, tuple[str, ...] | None] = {}
    for line in _data_text("pinyin_phrases.tsv").splitlines():
        if line and line[0] != "#":
            phrase, reading = line.split("\t")
            readings[phrase] = tuple(reading.split()) if reading else None
    ranges = [(int(a, 16), int(b, 16)) for a, b in _data_lines("pinyin_hans.tsv")]
    return _Phrases(readings, tuple(sorted(readings)), tuple(a for a, _ in ranges),
                    tuple(b for _, b in ranges))


def _single(ch: str) -> str:
    """A character's reading outside a phrase, "" for none."""
    singles = _pinyin_chars()[1]
    if ch in singles:
        return singles[ch]
    pys = _char_readings(ch)[0]
    return _ascii_pinyin(pys[0]) if pys else ""


def _lazy_pinyin(chars: str) -> list[str]:
    """Each character's reading (lazy_pinyin's, see above, ü written "yu"; "" for
    none)."""
    ph = _phrases()
    out: list[str] = []
    run = ""  # characters phrases are looked for in, in a row

    def flush() -> None:
        for part in _cut(run, ph):
            reading = ph.readings.get(part)
            out.extend(reading if reading else map(_single, part))

    for ch in chars:
        code = ord(ch)
        at = bisect.bisect_right(ph.starts, code) - 1
        if at >= 0 and code <= ph.ends[at]:
            run += ch
            continue
        if run:
            flush()
            run = ""
        out.append(_single(ch))
    if run:
        flush()
    return out


def _cut(text: str, ph: _Phrases):
    """``text`` in phrases and single characters: at each place the longest phrase that
    starts there; where none does, one character; and where what is left of the text
    only begins phrases, without being one, each of its characters (pypinyin's
    forward maximum matching, strict)."""
    ordered, readings = ph.ordered, ph.readings
    i, n = 0, len(text)
    while i < n:
        longest = 0
        k = 1
        while i + k <= n:
            part = text[i:i + k]
            at = bisect.bisect_left(ordered, part)
            if at == len(ordered) or not ordered[at].startswith(part):
                break  # no phrase starts so
            if part in readings:
                longest = k
            k += 1
        if longest:
            yield text[i:i + longest]
            i += longest
        elif i + k > n:  # the rest only begins phrases
            yield from text[i:]
            return
        else:
            yield text[i]
            i += 1


def romanize_han(text: str, *, personal_name: bool = True) -> str:
    """Lowercase toneless pinyin of Han text (other characters are skipped).

    A personal name gives the surname as one word and the given name as another:
    "朱海仑" -> "zhu hailun", "曾国藩" -> "zeng guofan", "欧阳修" -> "ouyang xiu",
    "林鄭月娥" -> "lin zheng yuee". Anything else (``personal_name=False``, or a run
    too long to be a personal name) gives one word per character, since word
    boundaries are not known without a dictionary: "新疆生产建设兵团" ->
    "xin jiang sheng chan jian she bing tuan". ü is written "yu" (lyu, nyu)."""
    if not isinstance(text, str):
        raise TypeError(f"'text' must be str (got {type(text).__name__})")
    chars = "".join(ch for ch in text if is_han(ch))
    if not chars:
        return ""
    if len(chars) > _CONTEXT_LIMIT:
        return " ".join(_han_syllables_fast(chars))
    return _romanize_han(chars, personal_name)


@functools.lru_cache(maxsize=1 << 13)
def _romanize_han(chars: str, personal_name: bool) -> str:
    surnames = _surname_parts(chars) if personal_name else []
    if not surnames:
        return " ".join(_given_name_pinyin_each(chars))
    words = []
    pos = 0
    for sur in surnames:
        n = len(sur.han)
        part = chars[pos : pos + n]
        if sur.pinyin:
            words.append("".join(_ascii_pinyin(p) for p in sur.pinyin))
        else:
            words.append("".join(_given_name_pinyin(part)))
        pos += n
    if pos < len(chars):
        words.append("".join(_given_name_pinyin(chars[pos:])))
    return " ".join(w for w in words if w)


def _given_name_pinyin_each(chars: str) -> list[str]:
    return [p for p in _given_name_pinyin(chars) if p]


def cantonese_spellings(char: str) -> list[str]:
    """The Hong Kong Government spellings of one Han character, surname spellings
    first for a surname character: "區" -> ["au", "kui"], "家" -> ["ka"].
    ``[]`` for a character the tables do not cover."""
    if not isinstance(char, str):
        raise TypeError(f"'char' must be str (got {type(char).__name__})")
    t = _tables()
    out: list[str] = []
    sur = t.surnames.get(char)
    if sur is not None:
        out.extend(sur.hk[0])
    got = t.han.get(char)
    if got is not None:
        out.extend(got[1])
    return list(dict.fromkeys(out))
