"""Generate the Chinese reading tables of screen.names.chinese into src/screen/data/.

    python tools/build_chinese_tables.py [--lists ../shared/lists]

Build-time dependencies (the library itself needs only the output):
    pypinyin                      Mandarin readings, and its phrase list to tell a
                                  character's common readings from its rare ones
    ToJyutping                    Cantonese readings (Jyutping) of characters and words
    ngender                       how often each character occurs in Chinese given
                                  names (its charfreq.csv, from a large name list)
    opencc-python-reimplemented   simplified <-> traditional, to carry evidence between
                                  the two forms of a character

Why not cantonese-romanisation: its "Hong Kong Government" table mixes in loose
English-like respellings ("card", "ball", "bye", "fart") and lacks the standard
ones for many characters (炳 only "bing", never "ping"), so the Hong Kong spellings
are derived here from Jyutping by the correspondences the Hong Kong Government
romanization follows (b->p, d->t, g->k, z/c->ch/ts, j->y, oeng->eung, eoi->ui,
yu->u/ue, yun->uen, ...), each Jyutping syllable giving its usual variants.

Outputs (UTF-8, tab-separated, '#' comment lines):
    han_readings.tsv      char, pinyin readings, HK spellings (comma-separated)
    cantonese_pinyin.tsv  HK spelling, pinyin of the name characters read that way
    surnames.tsv          simplified, traditional, pinyin surname reading (one
                          syllable per character), HK spellings (comma-separated
                          alternatives, space between characters)
    pinyin_chars.tsv      for a character han_readings.tsv lacks, pypinyin's readings
                          (at most two pinyin syllables); and pypinyin's reading of a
                          character outside a phrase where that is not the first of
                          those readings ("-" for none)
    pinyin_phrases.tsv    every phrase of pypinyin's phrase list, and its reading
                          where that is not its characters' own (space-separated)
    pinyin_hans.tsv       the ranges of Han characters pypinyin segments into phrases
                          (its RE_HANS), first and last code point in hex

The last three let screen.names.chinese read Han text as pypinyin's lazy_pinyin does
(longest phrase first, from the left) without importing pypinyin, which costs some
55 MB of memory and 0.4 s to load its phrase list; tests/test_chinese.py checks the
two agree, with the pypinyin version pinned in pyproject.toml.

Characters covered: GB2312 (6,763 simplified), Big5 level 1 (5,401 traditional), the
3,000 commonest given-name characters of ngender and their traditional forms, every
Han character in the real lists under --lists, and every surname character.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "screen" / "data"
sys.path.insert(0, str(ROOT / "src"))

from screen.names.chinese import PINYIN_SYLLABLES

# -- Hong Kong Government romanization from Jyutping -------------------------------------

JP_INITIALS = ("gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w",
               "z", "c", "s", "j")  # fmt: skip
HK_INITIALS = {
    "b": ["p"], "p": ["p"], "m": ["m"], "f": ["f"], "d": ["t"], "t": ["t"], "n": ["n"],
    "l": ["l"], "g": ["k"], "k": ["k"], "ng": ["ng"], "h": ["h"], "gw": ["kw"],
    "kw": ["kw"], "w": ["w"], "z": ["ch", "ts"], "c": ["ch", "ts"], "s": ["s", "sh"],
    "j": ["y"], "": [""],
}  # fmt: skip
HK_FINALS = {
    "aa": ["a"], "aai": ["ai"], "aau": ["au"], "aam": ["am"], "aan": ["an"],
    "aang": ["ang"], "aap": ["ap"], "aat": ["at"], "aak": ["ak"],
    "ai": ["ai"], "au": ["au"], "am": ["am", "um"], "an": ["an", "un"], "ang": ["ang"],
    "ap": ["ap"], "at": ["at"], "ak": ["ak"],
    "e": ["e"], "ei": ["ei", "ee"], "eng": ["eng"], "ek": ["ek"], "eu": ["eu"],
    "em": ["em"], "ep": ["ep"],
    "eoi": ["ui"], "eon": ["un"], "eot": ["ut"],
    "oe": ["oe"], "oeng": ["eung"], "oek": ["euk"],
    "i": ["i"], "ik": ["ik"], "im": ["im"], "in": ["in"], "ing": ["ing"], "ip": ["ip"],
    "it": ["it"], "iu": ["iu"],
    "o": ["o", "or"], "oi": ["oi"], "on": ["on"], "ong": ["ong"], "ot": ["ot"],
    "ok": ["ok"], "ou": ["o", "ou"],
    "u": ["u", "oo"], "ui": ["ui"], "un": ["un", "oon"], "ung": ["ung"], "uk": ["uk"],
    "ut": ["ut"],
    "yu": ["u", "ue"], "yun": ["uen"], "yut": ["uet"],
}  # fmt: skip
# Whole syllables (initial + final) whose HK spelling is not the sum of the parts.
HK_WHOLE = {
    "zi": ["chi", "tsz", "tze"], "ci": ["chi", "tsz", "tze"], "si": ["sze", "si", "shi"],
    "ji": ["yi", "yee"], "zyu": ["chu", "chue"], "cyu": ["chu", "chue"],
    "m": ["m"], "ng": ["ng"], "aa": ["a", "ah"],
}  # fmt: skip


def split_jyutping(syl: str) -> tuple[str, str]:
    for ini in JP_INITIALS:
        if syl.startswith(ini) and len(syl) > len(ini):
            return ini, syl[len(ini) :]
    return "", syl


def hk_spellings(jyutping: str) -> list[str]:
    """Hong Kong Government spellings of one toneless Jyutping syllable, usual first."""
    syl = re.sub(r"\d", "", jyutping)
    if syl in HK_WHOLE:
        return list(HK_WHOLE[syl])
    ini, fin = split_jyutping(syl)
    if fin not in HK_FINALS or ini not in HK_INITIALS:
        return []
    out = [i + f for i in HK_INITIALS[ini] for f in HK_FINALS[fin]]
    if ini in ("z", "c") and fin == "au":
        out.append("chow")  # 周 Chow, 鄒 Chow
    if ini == "s" and fin == "yun":
        out += ["sun", "shun"]  # 孫 Sun
    if ini == "l" and fin == "o":
        out.append("law")  # 羅 Law
    if ini in ("g", "k") and fin == "un":
        out.append("kwun")  # 官 Kwun (觀塘 Kwun Tong), 管 Kwun
    return list(dict.fromkeys(out))


# -- surnames ---------------------------------------------------------------------------
# simplified, traditional, pinyin surname reading and Jyutping (hyphen between the
# characters of a compound surname; comma between alternatives), then "+" and extra
# Hong Kong spellings that the Jyutping does not give.
SURNAMES = """
王 王 wang wong
李 李 li lei +li
张 張 zhang zoeng
刘 劉 liu lau
陈 陳 chen can
杨 楊 yang joeng
黄 黃 huang wong
赵 趙 zhao ziu
吴 吳 wu ng
周 周 zhou zau
徐 徐 xu ceoi
孙 孫 sun syun
马 馬 ma maa
朱 朱 zhu zyu
胡 胡 hu wu
郭 郭 guo gwok
何 何 he ho
高 高 gao gou
林 林 lin lam
罗 羅 luo lo
郑 鄭 zheng zeng
梁 梁 liang loeng
谢 謝 xie ze
宋 宋 song sung
唐 唐 tang tong
许 許 xu heoi
韩 韓 han hon
冯 馮 feng fung
邓 鄧 deng dang
曹 曹 cao cou
彭 彭 peng paang
曾 曾 zeng zang
萧 蕭 xiao siu
肖 蕭 xiao siu
肖 肖 xiao ciu
田 田 tian tin
董 董 dong dung
袁 袁 yuan jyun
潘 潘 pan pun
于 于 yu jyu
蒋 蔣 jiang zoeng
蔡 蔡 cai coi +choy
余 余 yu jyu
杜 杜 du dou
叶 葉 ye jip +ip
程 程 cheng cing
苏 蘇 su sou
魏 魏 wei ngai
吕 呂 lv leoi
丁 丁 ding ding
任 任 ren jam
沈 沈 shen sam
姚 姚 yao jiu
卢 盧 lu lou
姜 姜 jiang goeng
崔 崔 cui ceoi
钟 鍾 zhong zung
钟 鐘 zhong zung
谭 譚 tan taam
陆 陸 lu luk
汪 汪 wang wong
范 范 fan faan
金 金 jin gam
石 石 shi sek
廖 廖 liao liu
贾 賈 jia gaa
夏 夏 xia haa
韦 韋 wei wai
傅 傅 fu fu
方 方 fang fong
白 白 bai baak
邹 鄒 zou zau
孟 孟 meng maang
熊 熊 xiong hung
秦 秦 qin ceon
邱 邱 qiu jau
江 江 jiang gong
尹 尹 yin wan
薛 薛 xue sit
闫 閆 yan jim
阎 閻 yan jim
段 段 duan dyun
雷 雷 lei leoi
侯 侯 hou hau
龙 龍 long lung
史 史 shi si
陶 陶 tao tou
黎 黎 li lai
贺 賀 he ho
顾 顧 gu gu
毛 毛 mao mou
郝 郝 hao kok
龚 龔 gong gung
邵 邵 shao siu
万 萬 wan maan
钱 錢 qian cin
严 嚴 yan jim
覃 覃 qin cam
武 武 wu mou
戴 戴 dai daai
莫 莫 mo mok
孔 孔 kong hung
向 向 xiang hoeng
汤 湯 tang tong
常 常 chang soeng
温 溫 wen wan +wen
康 康 kang hong
施 施 shi si
文 文 wen man
牛 牛 niu ngau
樊 樊 fan faan
葛 葛 ge got
邢 邢 xing jing
安 安 an on
齐 齊 qi cai
易 易 yi jik
乔 喬 qiao kiu
伍 伍 wu ng
庞 龐 pang pong
颜 顏 yan ngaan
倪 倪 ni ngai
庄 莊 zhuang zong
聂 聶 nie nip
章 章 zhang zoeng
鲁 魯 lu lou
岳 岳 yue ngok
翟 翟 zhai zaak +chai
殷 殷 yin jan
詹 詹 zhan zim
申 申 shen san
欧 歐 ou au
耿 耿 geng gang
关 關 guan gwaan
兰 蘭 lan laan
焦 焦 jiao ziu
俞 俞 yu jyu
左 左 zuo zo
柳 柳 liu lau
甘 甘 gan gam
祝 祝 zhu zuk
包 包 bao baau
宁 寧 ning ning
尚 尚 shang soeng
符 符 fu fu
舒 舒 shu syu
阮 阮 ruan jyun
柯 柯 ke o
纪 紀 ji gei
梅 梅 mei mui
童 童 tong tung
凌 凌 ling ling
毕 畢 bi bat
单 單 shan sin
季 季 ji gwai
裴 裴 pei pui
霍 霍 huo fok
涂 涂 tu tou
成 成 cheng sing
苗 苗 miao miu
谷 谷 gu guk
盛 盛 sheng sing
曲 曲 qu kuk
翁 翁 weng jung
冉 冉 ran jim
骆 駱 luo lok
蓝 藍 lan laam
路 路 lu lou
游 游 you jau
辛 辛 xin san
管 管 guan gun
柴 柴 chai caai
蒙 蒙 meng mung
鲍 鮑 bao baau
华 華 hua waa
喻 喻 yu jyu
祁 祁 qi kei
房 房 fang fong
滕 滕 teng tang
屈 屈 qu wat
饶 饒 rao jiu
解 解 xie haai
牟 牟 mou mau
艾 艾 ai ngaai
尤 尤 you jau
时 時 shi si
穆 穆 mu muk
司 司 si si
卓 卓 zhuo coek
古 古 gu gu
吉 吉 ji gat
缪 繆 miao miu,mau
简 簡 jian gaan
车 車 che ce
项 項 xiang hong
连 連 lian lin
麦 麥 mai mak
褚 褚 chu cyu
娄 婁 lou lau
窦 竇 dou dau
戚 戚 qi cik
岑 岑 cen sam
景 景 jing ging
党 黨 dang dong
费 費 fei fai
卜 卜 bu buk
冷 冷 leng laang
晏 晏 yan aan
卫 衛 wei wai
米 米 mi mai
柏 柏 bai paak
宗 宗 zong zung
瞿 瞿 qu keoi
桂 桂 gui gwai
全 全 quan cyun
佟 佟 tong tung
应 應 ying jing
闵 閔 min man
邬 鄔 wu wu
边 邊 bian bin
卞 卞 bian bin
姬 姬 ji gei
师 師 shi si
仇 仇 qiu sau,cau
栾 欒 luan lyun
商 商 shang soeng
刁 刁 diao diu
沙 沙 sha saa
荣 榮 rong wing
巫 巫 wu mou
寇 寇 kou kau
桑 桑 sang song
郎 郎 lang long
甄 甄 zhen jan
丛 叢 cong cung
虞 虞 yu jyu
敖 敖 ao ngou
巩 鞏 gong gung
佘 佘 she se
池 池 chi ci
查 查 zha caa,zaa
麻 麻 ma maa
迟 遲 chi ci
邝 鄺 kuang kwong
官 官 guan gun
封 封 feng fung
谈 談 tan taam
鞠 鞠 ju guk
惠 惠 hui wai
荆 荊 jing ging
乐 樂 yue lok,ngok
冼 冼 xian sin
区 區 ou au
盖 蓋 ge goi +kai
朴 朴 piao pok
芮 芮 rui jeoi
练 練 lian lin
植 植 zhi zik
湛 湛 zhan zaam
招 招 zhao ziu
劳 勞 lao lou
利 利 li lei
容 容 rong jung
洪 洪 hong hung
欧阳 歐陽 ou-yang au-joeng
司徒 司徒 si-tu si-tou
上官 上官 shang-guan soeng-gun
诸葛 諸葛 zhu-ge zyu-got
司马 司馬 si-ma si-maa
东方 東方 dong-fang dung-fong
皇甫 皇甫 huang-fu wong-fu
尉迟 尉遲 yu-chi wat-ci
公孙 公孫 gong-sun gung-syun
慕容 慕容 mu-rong mou-jung
长孙 長孫 zhang-sun zoeng-syun
令狐 令狐 ling-hu ling-wu
宇文 宇文 yu-wen jyu-man
夏侯 夏侯 xia-hou haa-hau
轩辕 軒轅 xuan-yuan hin-jyun
端木 端木 duan-mu dyun-muk
西门 西門 xi-men sai-mun
南宫 南宮 nan-gong naam-gung
万俟 萬俟 mo-qi mak-kei
澹台 澹臺 tan-tai taam-toi
濮阳 濮陽 pu-yang buk-joeng
申屠 申屠 shen-tu san-tou
钟离 鍾離 zhong-li zung-lei
赫连 赫連 he-lian hak-lin
呼延 呼延 hu-yan fu-jin
司空 司空 si-kong si-hung
独孤 獨孤 du-gu duk-gu
闻人 聞人 wen-ren man-jan
公冶 公冶 gong-ye gung-je
太史 太史 tai-shi taai-si
"""

# Given-name readings pypinyin puts second or lacks, with little phrase evidence.
NAME_READING_EXTRAS = {"晟": "sheng", "茜": "xi", "莘": "xin", "婕": "jie"}

KEEP_SHARE = 0.10  # a second reading needs this share of the character's phrase uses
KEEP_MIN = 3  # ... and at least this many phrases
CANTO_KEEP_SHARE = 0.25  # the same for a second Cantonese reading (colloquial ones abound)
NAME_CHARS = 3000  # given-name characters from ngender that feed the Cantonese map
CANTO_SHARE = 0.08  # a pinyin reading needs this share of a HK syllable's name mass


def toneless(p: str) -> str:
    s = unicodedata.normalize("NFD", p)
    s = "".join(c for c in s if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", s).replace("ü", "v")


def gb2312_chars() -> set[str]:
    out = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def big5_level1_chars() -> set[str]:
    out = set()
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (hi, lo) > (0xC6, 0x7E):
                continue
            try:
                out.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return out


HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(ch: str) -> bool:
    return HAN_RE.fullmatch(ch) is not None


def list_chars(lists: Path) -> set[str]:
    """Han characters in the real list files (CSV, XML, JSON) under ``lists``."""
    out: set[str] = set()
    if not lists.is_dir():
        print(f"note: {lists} not found, list characters left out", file=sys.stderr)
        return out
    for dirpath, _, files in os.walk(lists):
        for f in files:
            if f.lower().endswith((".csv", ".xml", ".json", ".txt")):
                text = Path(dirpath, f).read_text("utf-8", errors="ignore")
                out.update(HAN_RE.findall(text))
    return out


def name_frequencies() -> dict[str, int]:
    import ngender

    path = Path(ngender.__file__).with_name("charfreq.csv")
    with open(path, encoding="utf-8") as f:
        return {r["char"]: int(r["male"]) + int(r["female"]) for r in csv.DictReader(f)}


class Readings:
    def __init__(self):
        from opencc import OpenCC
        from pypinyin.phrases_dict import phrases_dict

        self.t2s = OpenCC("t2s").convert
        self.s2t = OpenCC("s2t").convert
        self.py_count: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for word, pys in phrases_dict.items():
            if len(word) < 2:
                continue
            for ch, p in zip(word, pys):
                self.py_count[ch][toneless(p[0])] += 1
        self.jp_count = jyutping_phrase_counts()

    def pinyin(self, ch: str) -> list[str]:
        from pypinyin import Style, pinyin

        got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
        hets = [p.replace("ü", "v") for p in (got[0] if got else [])]
        hets = list(dict.fromkeys(p for p in hets if p in PINYIN_SYLLABLES))
        if not hets:
            return []
        counts = self.py_count.get(ch) or self.py_count.get(self.t2s(ch)) or {}
        total = sum(counts.values())
        keep = [hets[0]]
        for p in hets[1:]:
            if counts.get(p, 0) >= KEEP_MIN and counts[p] >= KEEP_SHARE * total:
                keep.append(p)
        extra = NAME_READING_EXTRAS.get(ch) or NAME_READING_EXTRAS.get(self.t2s(ch))
        if extra and extra not in keep:
            keep.append(extra)
        return keep

    def jyutping(self, ch: str) -> list[str]:
        """Toneless Jyutping readings of a character: the first one ToJyutping gives
        for its traditional form (a simplified character can be a rare character of
        its own: 适 kut, for 適 sik), then the others that occur in a fair share of
        ToJyutping's words (著 zoek and zyu; not 能 lang, a colloquial merger)."""
        import ToJyutping

        forms = list(dict.fromkeys([self.s2t(ch), ch]))
        cands: list[str] = []
        counts: collections.Counter = collections.Counter()
        for form in forms:
            got = ToJyutping.get_jyutping_candidates(form)[0][1]
            cands += [re.sub(r"\d", "", c) for c in got]
            counts.update(self.jp_count.get(form, {}))
        cands = list(dict.fromkeys(cands))
        if not cands:
            return []
        total = sum(counts.values())
        keep = [cands[0]]
        for j in cands[1:]:
            if counts.get(j, 0) >= KEEP_MIN and counts[j] >= CANTO_KEEP_SHARE * total:
                keep.append(j)
        return keep


def jyutping_phrase_counts() -> dict[str, collections.Counter]:
    """How often each toneless reading of a character occurs in ToJyutping's words."""
    from ToJyutping import Trie as trie_module

    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    stack = [(trie_module.root, "")]
    while stack:
        node, path = stack.pop()
        if node.v and len(path) >= 2:
            first = node.v[0]
            sylls = [first] if len(path) == 1 else list(first)
            for ch, j in zip(path, sylls):
                counts[ch][re.sub(r"\d", "", j.jyutping)] += 1
        for ch, child in node.items():
            stack.append((child, path + ch))
    return counts


def parse_surnames() -> list[dict]:
    rows = []
    for line in SURNAMES.strip().splitlines():
        parts = line.split()
        simp, trad, py, jp = parts[:4]
        extra = parts[4][1:].split(",") if len(parts) > 4 else []
        pys = py.split("-")
        jps = [j.split(",") for j in jp.split("-")]
        assert len(pys) == len(jps) == len(simp) == len(trad), line
        assert all(p in PINYIN_SYLLABLES for p in pys), line
        hk = []
        for i, alts in enumerate(jps):
            spellings = [s for j in alts for s in hk_spellings(j)]
            if i == 0 and len(pys) == 1:
                spellings += extra
            assert spellings, line
            hk.append(list(dict.fromkeys(spellings)))
        rows.append({"simp": simp, "trad": trad, "pinyin": pys, "hk": hk})
    return rows


def build(lists: Path, canto_share: float = CANTO_SHARE) -> dict:
    readings = Readings()
    freq = name_frequencies()
    surnames = parse_surnames()
    top_names = [c for c, _ in sorted(freq.items(), key=lambda kv: -kv[1])[:NAME_CHARS]]

    chars = gb2312_chars() | big5_level1_chars() | list_chars(lists)
    chars |= set(top_names) | {readings.s2t(c) for c in top_names}
    chars |= {c for r in surnames for c in r["simp"] + r["trad"]}
    chars = {c for c in chars if len(c) == 1 and is_han(c)}

    han: dict[str, tuple[list[str], list[str]]] = {}
    for ch in sorted(chars):
        pys = readings.pinyin(ch)
        hks = [s for j in readings.jyutping(ch) for s in hk_spellings(j)]
        if pys or hks:
            han[ch] = (pys, list(dict.fromkeys(hks)))

    # HK syllable -> pinyin, weighted by how often the character occurs in given names
    mass: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for ch in top_names:
        if ch not in han:
            continue
        pys, hks = han[ch]
        for s in hks:
            for p in pys:
                mass[s][p] += freq[ch] / len(pys)
    inventory = {s for _, hks in han.values() for s in hks}
    inventory |= {s for r in surnames for alts in r["hk"] for s in alts}
    canto: dict[str, list[str]] = {}
    for s in sorted(inventory):
        total = sum(mass[s].values())
        ranked = sorted(mass[s].items(), key=lambda kv: (-kv[1], kv[0]))
        canto[s] = [p for p, m in ranked if m >= canto_share * total]
    return {"han": han, "canto": canto, "surnames": surnames}


HEADER = "# generated by tools/build_chinese_tables.py; do not edit by hand\n"


def write(tables: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "han_readings.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "# char\tpinyin readings (name-relevant, usual first)\tHK spellings\n")
        f.writelines(
            f"{ch}\t{','.join(pys)}\t{','.join(hks)}\n" for ch, (pys, hks) in tables["han"].items()
        )
    with open(OUT / "cantonese_pinyin.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "# HK spelling\tpinyin of common name characters read that way\n")
        f.writelines(f"{s}\t{','.join(pys)}\n" for s, pys in tables["canto"].items())
    with open(OUT / "surnames.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "# simplified\ttraditional\tpinyin surname reading\tHK spellings\n")
        for r in tables["surnames"]:
            hk = " ".join(",".join(alts) for alts in r["hk"])
            f.write(f"{r['simp']}\t{r['trad']}\t{' '.join(r['pinyin'])}\t{hk}\n")


def pinyin_tables(han: dict[str, tuple[list[str], list[str]]]) -> dict:
    """What screen.names.chinese needs of pypinyin to read Han text as lazy_pinyin
    (Style.NORMAL, ü as "yu", characters it lacks read from han_readings.tsv) does."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    from screen.names.chinese import _TONE_MARKS, _ascii_pinyin
    from screen.names.chinese import is_han as read_as_han  # (〇 too)

    fallback: dict[str, list[str]] = {}  # what screen reads of a character han lacks
    for code, raw in PINYIN_DICT.items():
        ch = chr(code)
        if read_as_han(ch) and ch not in han:
            toneless = [p.translate(_TONE_MARKS) for p in raw.split(",") if p]
            kept = [p for p in dict.fromkeys(toneless) if p in PINYIN_SYLLABLES][:2]
            if kept:
                fallback[ch] = kept

    def own_first(ch: str) -> str:
        pys = han[ch][0] if ch in han else fallback.get(ch, ())
        return pys[0] if pys else ""

    def unknown(chars: str) -> list[str]:  # lazy_pinyin's errors callback, as screen's
        return [own_first(ch) for ch in chars]

    def read(text: str) -> list[str]:
        got = lazy_pinyin(text, style=Style.NORMAL, errors=unknown)
        return [_ascii_pinyin(p) for p in got]

    singles: dict[str, str] = {}  # where pypinyin's reading outside a phrase is not that
    for code in sorted(set(PINYIN_DICT) | {ord(c) for c in han}):
        ch = chr(code)
        if not read_as_han(ch):
            continue
        alone = read(ch)
        reading = alone[0] if len(alone) == 1 else ""
        if reading != _ascii_pinyin(own_first(ch)):
            singles[ch] = reading
    phrases: dict[str, str] = {}
    for phrase in sorted(PHRASES_DICT):
        whole = read(phrase)
        own = [singles.get(ch, _ascii_pinyin(own_first(ch))) for ch in phrase]
        if len(whole) != len(phrase):
            raise SystemExit(f"pypinyin reads phrase {phrase!r} as {whole}: one syllable a "
                             "character was expected")
        phrases[phrase] = "" if whole == own else " ".join(whole)
    # the ranges of RE_HANS among the characters is_han takes
    ranges: list[list[int]] = []
    for code in range(0x110000):
        ch = chr(code)
        if read_as_han(ch) and RE_HANS.match(ch):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return {"singles": singles, "fallback": fallback, "phrases": phrases, "hans": ranges}


def write_pinyin(tables: dict) -> None:
    import pypinyin

    header = HEADER + f"# from pypinyin {pypinyin.__version__}\n"
    chars = sorted(set(tables["singles"]) | set(tables["fallback"]))
    with open(OUT / "pinyin_chars.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# char\treadings when han_readings.tsv lacks the char\treading outside"
                " a phrase when not the first reading (- for none)\n")
        for ch in chars:
            single = tables["singles"].get(ch)
            single = "" if single is None else (single or "-")
            f.write(f"{ch}\t{','.join(tables['fallback'].get(ch, ()))}\t{single}\n")
    with open(OUT / "pinyin_phrases.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# phrase\treading (empty: its characters' own)\n")
        f.writelines(f"{ph}\t{r}\n" for ph, r in tables["phrases"].items())
    with open(OUT / "pinyin_hans.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "# first\tlast code point (hex) of a range of Han characters\n")
        f.writelines(f"{a:x}\t{b:x}\n" for a, b in tables["hans"])


def report(tables: dict) -> None:
    canto = tables["canto"]
    with_py = [v for v in canto.values() if v]
    sizes = [len(v) for v in with_py]
    print(f"characters: {len(tables['han'])}")
    print(f"HK syllables: {len(canto)} ({len(with_py)} with pinyin)")
    print(f"average pinyin set per HK syllable (those with any): {sum(sizes) / len(sizes):.2f}")
    print(f"surnames: {len(tables['surnames'])}")
    for f in sorted(OUT.glob("*.tsv")):
        print(f"{f.name}: {f.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lists", type=Path, default=ROOT.parent / "shared" / "lists")
    ap.add_argument("--canto-share", type=float, default=CANTO_SHARE)
    args = ap.parse_args(argv)
    tables = build(args.lists, args.canto_share)
    write(tables)
    tables |= pinyin_tables(tables["han"])
    write_pinyin(tables)
    report(tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
