#!/usr/bin/env python3
"""Build the name-matching evaluation set under ``eval/`` from the real lists.

Run ``python tools/build_eval.py`` (optionally ``--lists DIR``). The output is
deterministic: every random choice comes from one seeded generator and every
input is sorted before it is sampled, so a rebuild on the same list files gives
byte-identical files.

Design notes
------------
* **Built from the real lists, read directly.** The four snapshot sources (OFAC
  SDN + Consolidated CSVs, UK OFSI ConList, Canada sema-lmes.xml) and the EU names
  corpus are read with the standard library here, not through ``screen.sources``,
  so that a parser bug cannot hide itself in the numbers that judge it.
* **Independent of the matcher's tables.** Wade-Giles comes from
  ``shared/reference/pinyin_wade_giles.tsv``; Cantonese from ToJyutping readings,
  turned into Hong Kong Government spelling by a table written here and checked
  against the ``cantonese-romanisation`` package, plus the HK column of
  ``surnames_zh.tsv``; whether a listed Latin name is the Pinyin of a Han name,
  from pypinyin's readings; the Cyrillic romanizations (German Duden, French, loose
  English) are written here. Nothing is imported from ``screen``.
* **Real pairs are checked, not trusted.** A listed non-Latin name and a Latin name
  of the same entity are paired only when a loose skeleton similarity says they
  are transliterations of each other, so translations and unrelated aliases are
  dropped (and counted in ``eval/build_report.json``).
* **Negatives are pairs no name-only method could call the same.** Two different
  listed entities are paired only within one source (cross-list pairs are often
  the same party), and a pair is dropped when its names are equal after the
  normalizations our positive classes ask a matcher to undo (case, punctuation,
  diacritics, order, legal forms, titles, Arabic spelling families).
* **Split by entity.** Entities that share a normalized name across lists form one
  cluster; a hash of the cluster picks ``dev`` or ``test``, so one party never
  spans both. A pair of two entities is kept only when both fall in one split.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from unidecode import unidecode

SEED = 20250414
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LISTS = ROOT.parent / "shared" / "lists"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
OUT = ROOT / "eval"

PAIR_COLUMNS = ("class", "expected", "a", "b", "kind", "split", "ref")
POSITIVE_CLASSES = (
    "script_han", "script_cyrillic", "script_arabic", "script_greek", "script_other",
    "alias_spelling", "wade_giles", "cantonese", "pinyin_spacing", "order", "typo",
    "lookalike", "case_punct_diacritics", "cyrillic_translit", "arabic_variants",
    "legal_form", "titles",
)
NEGATIVE_CLASSES = (
    "neg_syllable", "neg_same_surname", "neg_shared_words", "neg_short_long", "neg_similar",
    "ordinary",
)
# Classes whose pairs are two published names of one entity (both sides checkable).
REAL_POSITIVE_CLASSES = (
    "script_han", "script_cyrillic", "script_arabic", "script_greek", "script_other",
    "alias_spelling",
)
CAP = 3000  # most pairs per class
ORDINARY_NAMES = 20000
ORDINARY_PAIRED = 3000  # ordinary names paired with their 3 nearest listed names


# --------------------------------------------------------------------------- lists


@dataclass
class Name:
    text: str
    type: str  # primary | aka | fka | nka | variation | non_latin
    given: str | None = None
    family: str | None = None
    latin_of: str | None = None  # UK: the Latin name on the same row as a non-Latin name


@dataclass
class Entity:
    source: str
    id: str
    kind: str  # person | organization | ""
    names: list[Name] = field(default_factory=list)
    china: bool = False  # nationality, birthplace or regime points to China / Hong Kong
    han_public: str | None = None  # Han name from the public record (curated, see HK_OFFICIALS)

    @property
    def ref(self) -> str:
        return f"{self.source}:{self.id}"

    def add(self, name: Name) -> None:
        name.text = clean(name.text)
        if not name.text:
            return
        for n in self.names:
            if n.text == name.text and n.type == name.type:
                return
        self.names.append(name)

    def latin_names(self) -> list[Name]:
        return [n for n in self.names if script_of(n.text) == "Latin"]


def clean(s: str | None) -> str:
    if not s:
        return ""
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().strip(",;").strip()


CHINA_RE = re.compile(r"\b(china|chinese|hong kong|macau|macao|taiwan)\b", re.IGNORECASE)


def load_uk(path: Path) -> list[Entity]:
    ents: dict[str, Entity] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)  # "Last Updated,dd/mm/yyyy"
        header = next(rows)
        for r in rows:
            d = dict(zip(header, r))
            gtype = d.get("Group Type", "")
            if gtype not in ("Individual", "Entity"):
                continue  # ships
            gid = d["Group ID"]
            e = ents.get(gid)
            if e is None:
                e = ents[gid] = Entity("uk", gid, "person" if gtype == "Individual" else "organization")
            if CHINA_RE.search(" ".join((d["Nationality"], d["Country of Birth"], d["Regime"]))):
                e.china = True
            given = clean(" ".join(d[f"Name {i}"] for i in range(1, 6)))
            family = clean(d["Name 6"])
            text = clean(f"{given} {family}")
            typ = {"Primary name": "primary", "Primary name variation": "variation",
                   "AKA": "aka", "FKA": "fka"}.get(d["Alias Type"], "aka")
            if text:
                e.add(Name(text, typ, given or None, family or None))
            nl = clean(d["Name Non-Latin Script"])
            if nl:
                e.add(Name(nl, "non_latin", latin_of=text or None))
    return [e for e in ents.values() if e.names]


def _ofac_rows(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="latin-1", newline="") as fh:
        for r in csv.reader(fh):
            if not r or r[0].startswith("\x1a"):
                continue
            yield [None if x.strip() == "-0-" else x.strip() for x in r]


AKA_RE = re.compile(r"a\.k\.a\.,? '([^']+(?:'[A-Za-z][^']*)*)'")


def _split_comma(name: str, person: bool) -> tuple[str | None, str | None]:
    if person and ", " in name:
        fam, giv = name.split(", ", 1)
        return clean(giv) or None, clean(fam) or None
    return None, None


def load_ofac(folder: Path, stats: Counter) -> list[Entity]:
    ents: dict[str, Entity] = {}
    for prim in ("sdn.csv", "cons_prim.csv"):
        p = folder / prim
        if not p.exists():
            continue
        for r in _ofac_rows(p):
            num, name, typ, remarks = r[0], r[1], r[2], r[11] if len(r) > 11 else None
            if typ in ("vessel", "aircraft") or not name:
                continue
            person = typ == "individual"
            e = Entity("ofac", num, "person" if person else "organization")
            if remarks and re.search(r"(nationality|citizen|POB)[^;]*\b(China|Hong Kong|Macau|Taiwan)\b",
                                     remarks):
                e.china = True
            g, f = _split_comma(name, person)
            e.add(Name(name, "primary", g, f))
            for aka in AKA_RE.findall(remarks or ""):
                g, f = _split_comma(aka, person)
                e.add(Name(aka, "aka", g, f))
            ents[num] = e
    for alt in ("alt.csv", "cons_alt.csv"):
        p = folder / alt
        if not p.exists():
            continue
        for r in _ofac_rows(p):
            e = ents.get(r[0])
            if e is None:
                stats["ofac_alt_orphans_skipped"] += 1
                continue
            if not r[3]:
                continue
            g, f = _split_comma(r[3], e.kind == "person")
            e.add(Name(r[3], (r[2] or "aka").lower(), g, f))
    return list(ents.values())


def load_canada(path: Path) -> list[Entity]:
    out = []
    seen: Counter = Counter()
    for rec in ET.parse(path).getroot():
        d = {ch.tag: clean(ch.text) for ch in rec}
        if d.get("ShipIMONumber") or d.get("TitleOrShip"):
            continue
        key = f"{d.get('Country', '')}/{d.get('Schedule', '')}/{d.get('Item', '')}"
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        given, last, ent = d.get("GivenName", ""), d.get("LastName", ""), d.get("EntityOrShip", "")
        if given or last:
            e = Entity("canada", key, "person")
            e.add(Name(f"{given} {last}", "primary", given or None, last or None))
        elif ent:
            e = Entity("canada", key, "organization")
            parts = [clean(x) for x in ent.split("/")]
            if len(parts) == 2 and all(len(x) >= 3 for x in parts):
                e.add(Name(parts[0], "primary"))
                e.add(Name(parts[1], "aka"))
            else:
                e.add(Name(ent, "primary"))
        else:
            continue
        if CHINA_RE.search(d.get("Country", "")):
            e.china = True
        for a in re.split(r", |; ?", d.get("Aliases") or ""):
            e.add(Name(a, "aka"))
        out.append(e)
    return out


ORG_WORDS = re.compile(
    r"\b(ltd|llc|limited|company|co|corp|corporation|inc|group|bank|ministry|agency|"
    r"authority|office|department|bureau|fund|foundation|institute|university|center|centre|"
    r"committee|council|army|force|forces|brigade|battalion|organization|organisation|"
    r"association|union|party|front|movement|network|trading|industries|industrial|"
    r"factory|plant|enterprise|holding|holdings|shipping|airlines|jsc|ojsc|pjsc|cjsc|ooo|"
    r"oao|zao|pao|ao|gmbh|sa|ag|plc|fze|fzco|llp|tov|tpp|kft|zrt|srl|sarl|unit|"
    r"service|services|media|news|tv|radio|school|academy|hospital|port|technology|"
    r"technologies|engineering|systems|electronics|energy|oil|gas|petroleum|commission|"
    r"court|prosecutor|police|guard|guards|navy|regiment|division|directorate|kombinat|"
    r"zavod|obshchestvo|tovarystvo|societe|società|sociedad|empresa|establishment)\b",
    re.IGNORECASE,
)


def eu_kind(names: list[str]) -> str:
    latin = [n for n in names if script_of(n) == "Latin"]
    if any(ORG_WORDS.search(unidecode(n)) for n in names):
        return "organization"
    for n in latin:
        toks = re.findall(r"[\w'’-]+", n)
        if 2 <= len(toks) <= 5 and any(t.isupper() and len(t) >= 2 for t in toks) and any(
            t[:1].isupper() and not t.isupper() for t in toks
        ):
            return "person"
    return ""


def load_eu(path: Path) -> list[Entity]:
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        e = Entity("eu", rec["id"], "")
        e.add(Name(rec["primaryName"], "primary"))
        for a in rec["aliases"]:
            e.add(Name(a, "aka"))
        for n in e.names:  # EU persons write the surname in capitals: "Mingshan WANG"
            if script_of(n.text) == "Latin":
                toks = n.text.split()
                caps = [t for t in toks if t.isupper() and len(t) >= 2]
                rest = [t for t in toks if not (t.isupper() and len(t) >= 2)]
                if caps and rest and 2 <= len(toks) <= 5:
                    n.family, n.given = " ".join(caps), " ".join(rest)
        if any(script_of(n.text) == "Han" for n in e.names):
            e.china = True
        out.append(e)
    return out


def load_lists(lists: Path, stats: Counter | None = None) -> list[Entity]:
    """Every person and organization of the four snapshot sources and the EU corpus."""
    stats = stats if stats is not None else Counter()
    ents = (
        load_ofac(lists / "snapshot" / "ofac", stats)
        + load_uk(lists / "snapshot" / "uk" / "ConList.csv")
        + load_canada(lists / "snapshot" / "canada" / "sema-lmes.xml")
        + load_eu(lists / "eu" / "derived_2026-08-05" / "real-eu-names-corpus.json")
    )
    # EU kinds: a name shared with a typed entity of another list decides; else heuristics.
    typed: dict[str, set[str]] = defaultdict(set)
    for e in ents:
        if e.source != "eu":
            for n in e.names:
                k = key(n.text)
                if len(k) >= 6:
                    typed[k].add(e.kind)
    for e in ents:
        if e.source == "eu":
            kinds = set().union(*(typed.get(key(n.text), set()) for n in e.names))
            e.kind = kinds.pop() if len(kinds) == 1 else eu_kind([n.text for n in e.names])
    for e in ents:
        stats[f"entities_{e.source}"] += 1
        stats[f"names_{e.source}"] += len(e.names)
    return ents


# --------------------------------------------------------------------------- text helpers

_SCRIPT_CACHE: dict[str, str] = {}


def char_script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    s = _SCRIPT_CACHE.get(ch)
    if s is None:
        try:
            first = unicodedata.name(ch).split(" ")[0]
        except ValueError:
            first = "UNKNOWN"
        s = {"CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana"}.get(first, first.capitalize())
        _SCRIPT_CACHE[ch] = s
    return s


def script_of(text: str) -> str:
    """Main script of a text ("Latin", "Cyrillic", "Han", ...), "Mixed" below 80 %."""
    c = Counter(s for s in map(char_script, text) if s)
    if not c:
        return ""
    best, n = c.most_common(1)[0]
    return best if n * 5 >= sum(c.values()) * 4 else "Mixed"


def fold(s: str) -> str:
    """unidecode, casefold, punctuation to spaces."""
    s = unidecode(s).casefold()
    s = re.sub(r"['`’]", "", s)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


def key(s: str) -> str:
    """Literal identity of a name: fold() with the tokens sorted."""
    return " ".join(sorted(fold(s).split()))


def has_diacritics(s: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))


def strip_diacritics(s: str) -> str:
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    )


def stable_hash(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:12], 16)


# --------------------------------------------------------------------------- canonical key
# Used only to DROP negatives that no name-only method could tell apart.

LEGAL_FORMS = [
    ["LLC", "L.L.C.", "Limited Liability Company", "OOO", "ООО", "O.O.O.",
     "Obshchestvo s Ogranichennoi Otvetstvennostyu"],
    ["Co., Ltd.", "Co. Ltd", "Co Ltd", "Company Limited"],
    ["Ltd", "Ltd.", "Limited"],
    ["Co.", "Company"],
    ["JSC", "AO", "АО", "Joint Stock Company", "Joint-Stock Company", "Aktsionernoe Obshchestvo"],
    ["PJSC", "PAO", "ПАО", "Public Joint Stock Company", "Publichnoe Aktsionernoe Obshchestvo"],
    ["OJSC", "OAO", "ОАО", "Open Joint Stock Company"],
    ["CJSC", "ZAO", "ЗАО", "Closed Joint Stock Company"],
    ["GmbH", "Gesellschaft mit beschränkter Haftung"],
    ["SA", "S.A.", "Sociedad Anónima", "Société Anonyme"],
    ["Inc", "Inc.", "Incorporated"],
    ["Corp", "Corp.", "Corporation"],
    ["PLC", "Public Limited Company"],
    ["SARL", "S.A.R.L.", "Société à responsabilité limitée"],
    ["FZE", "Free Zone Establishment"],
    ["FZCO", "Free Zone Company"],
    ["LLP", "Limited Liability Partnership"],
    ["AG", "Aktiengesellschaft"],
    ["B.V.", "BV", "Besloten Vennootschap"],
    ["Pte Ltd", "Pte. Ltd.", "Private Limited"],
]
LEGAL_TOKENS = {t for g in LEGAL_FORMS for v in g for t in fold(v).split()} | {
    "tov", "kft", "zrt", "srl", "sp", "zoo", "ltda", "llc", "ooo", "fzc", "pvt", "ep", "tpp",
}
TITLES = [
    "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Ms", "Sheikh", "Shaykh", "Sheik", "General", "Gen.",
    "Colonel", "Col.", "Major General", "Brigadier General", "Lieutenant General", "Haji",
    "Hajji", "Alhaji", "Mullah", "Mulla", "Maulavi", "Mawlawi", "Maulana", "Qari", "Sayyid",
    "Imam", "Prof.", "Professor", "Engineer", "Eng.", "Admiral", "Ayatollah", "Hojatoleslam",
]
TITLE_TOKENS = {t for v in TITLES for t in fold(v).split()} | {"lieutenant", "brigadier", "major"}
ARABIC_GROUPS = [
    ["Mohammed", "Muhammad", "Mohamed", "Mohamad", "Mohammad", "Muhammed", "Mohammod"],
    ["Ahmad", "Ahmed"],
    ["Mahmoud", "Mahmud", "Mahmood"],
    ["Hussein", "Husayn", "Hussain", "Husain", "Hossein", "Hosein"],
    ["Hassan", "Hasan"],
    ["Yusuf", "Youssef", "Yousef", "Yusef", "Yousif"],
    ["Qaddafi", "Gaddafi", "Kadhafi", "Gadhafi", "Qadhafi", "Kaddafi"],
    ["Osama", "Usama"],
    ["Omar", "Umar"],
    ["Othman", "Uthman", "Osman"],
    ["Abu", "Abou"],
    ["Bin", "Ben", "Ibn"],
    ["Abdullah", "Abdallah", "Abdulla"],
    ["Khalid", "Khaled"],
    ["Saeed", "Said", "Saied"],
    ["Mustafa", "Mostafa", "Moustafa"],
    ["Ibrahim", "Ebrahim"],
    ["Ismail", "Ismael", "Esmail"],
    ["Jamal", "Gamal"],
    ["Hamid", "Hameed"],
    ["Rashid", "Rasheed"],
    ["Majid", "Majeed"],
    ["Karim", "Kareem"],
    ["Faisal", "Faysal", "Feisal"],
    ["Suleiman", "Sulayman", "Soleiman", "Sulaiman"],
    ["Qasim", "Qassem", "Kassem", "Qassim", "Kasim"],
    ["Jafar", "Jaafar", "Jaafer"],
    ["Hezbollah", "Hizballah", "Hizbullah"],
]
ARABIC_CANON = {fold(v): g[0].lower() for g in ARABIC_GROUPS for v in g}


ARTICLES = {"al", "el", "the", "of", "and", "los", "las", "la", "le", "les", "de", "du", "der"}


def canon(s: str) -> str:
    """Key after every normalization a positive class asks a matcher to undo."""
    toks = fold(s).split()
    out = []
    for t in toks:
        if t in LEGAL_TOKENS or t in TITLE_TOKENS or t in ARTICLES:
            continue
        t = re.sub(r"^(al|el)(?=[a-z]{3})", "", t) if t.startswith(("al", "el")) and len(t) > 5 else t
        t = ARABIC_CANON.get(t, t)
        t = t.replace("abdul", "abd").replace("abdel", "abd")
        out.append(t)
    return " ".join(sorted(out))


def plausibly_same(x: str, y: str) -> bool:
    """True when two names of different entries could still name one party: equal after
    canon(), or the shorter contained in the longer (each of its words meeting a word of
    the longer at a fuzz.ratio of 80 or more: "Andrei KARTAPOLOV" / "Andrey Valerievich
    KARTAPOLOV", "Tactical Missiles Corporation" / "Tactical Missiles Corporation,
    Elektrotyaga JSC"). Such pairs are not used as negatives: without a birth date or
    an address no name matcher could be blamed for matching them."""
    cx, cy = canon(x), canon(y)
    if cx == cy:
        return True
    tx, ty = cx.split(), cy.split()
    if len(tx) == len(ty) or not tx or not ty:
        return False
    short, long_ = (tx, ty) if len(tx) < len(ty) else (ty, tx)
    return all(any(fuzz.ratio(t, w) >= 80 for w in long_) for t in short)


# --------------------------------------------------------------------------- split


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign_splits(ents: list[Entity]) -> dict[str, str]:
    """dev/test per entity; entities sharing a normalized name (any list) share a split."""
    uf = UnionFind()
    first: dict[str, str] = {}
    for e in ents:
        uf.find(e.ref)
        for n in e.names:
            k = key(n.text)
            if len(k) >= 8 and " " in k:
                if k in first:
                    uf.union(first[k], e.ref)
                else:
                    first[k] = e.ref
    return {e.ref: ("dev" if stable_hash(uf.find(e.ref)) % 2 == 0 else "test") for e in ents}


# --------------------------------------------------------------------------- builder state


class Builder:
    def __init__(self, ents: list[Entity], reference: Path, stats: Counter) -> None:
        self.ents = ents
        self.by_ref = {e.ref: e for e in ents}
        self.split = assign_splits(ents)
        self.ref_dir = reference
        self.stats = stats
        self.rows: list[dict] = []
        self._canons: dict[str, set[str]] = {}

    def canons(self, ref: str) -> set[str]:
        c = self._canons.get(ref)
        if c is None:
            c = self._canons[ref] = {canon(n.text) for n in self.by_ref[ref].names} - {""}
        return c

    def rng(self, cls: str) -> random.Random:
        return random.Random(f"{SEED}:{cls}")

    def emit(self, cls: str, expected: int, a: str, b: str, kind: str, refs: list[str],
             extra: str = "") -> bool:
        a, b = clean(a), clean(b)
        if not a or not b or a == b:
            self.stats[f"{cls}:dropped_empty_or_identical"] += 1
            return False
        if expected == 0 and len(refs) == 2:
            cx, cy = self.canons(refs[0]), self.canons(refs[1])
            if cx & cy:  # the two entries share a name (a network's common alias)
                self.stats[f"{cls}:dropped_entities_share_a_name"] += 1
                return False
        splits = {self.split[r] for r in refs if r in self.split}
        if len(splits) > 1:
            self.stats[f"{cls}:dropped_entities_in_both_splits"] += 1
            return False
        split = splits.pop() if splits else ("dev" if stable_hash(a) % 2 == 0 else "test")
        ref = "|".join(refs) + (f";{extra}" if extra else "")
        self.rows.append(dict(zip(PAIR_COLUMNS, (cls, expected, a, b, kind, split, ref))))
        return True

    def capped(self, cls: str, cands: list[tuple], cap: int = CAP, per_entity: int = 0) -> list[tuple]:
        """Deterministic sample of at most ``cap`` candidates (candidates start with a ref);
        with ``per_entity``, at most that many per entity first, so that one party with
        fifty aliases cannot fill a class."""
        self.stats[f"{cls}:candidates"] = len(cands)
        if per_entity:
            rng = self.rng(cls + ":per_entity")
            by: dict[str, list[tuple]] = defaultdict(list)
            for c in cands:
                by[c[0]].append(c)
            cands = []
            for ref in sorted(by):
                group = by[ref]
                cands.extend(group if len(group) <= per_entity else rng.sample(group, per_entity))
            self.stats[f"{cls}:after_per_entity_cap"] = len(cands)
        if len(cands) <= cap:
            return cands
        return self.rng(cls + ":cap").sample(cands, cap)


# --------------------------------------------------------------------------- script pairs

SCRIPT_CLASS = {"Han": "script_han", "Cyrillic": "script_cyrillic", "Arabic": "script_arabic",
                "Greek": "script_greek"}
GENERIC = {"the", "of", "and", "for", "company", "co", "ltd", "limited", "llc", "group",
           "technology", "technologies", "international", "trading", "industrial", "hong", "kong"}


def _abjad(s: str) -> str:
    s = re.sub(r"[aeiouyw' ]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _drop_shared_latin(nonlatin: str, latin: str) -> tuple[str, str]:
    """Drop Latin words that a non-Latin name carries verbatim ("... εταιρεία Redut") from
    both sides, so that only the transliterated part is compared."""
    shared = {t for t in fold(" ".join(re.findall(r"[A-Za-z][A-Za-z'-]*", nonlatin))).split()}
    if not shared:
        return nonlatin, latin
    nl = re.sub(r"[A-Za-z][A-Za-z'-]*", " ", nonlatin)
    lat = " ".join(t for t in fold(latin).split() if t not in shared)
    return nl, lat


def translit_similarity(nonlatin: str, latin: str, script: str) -> float:
    """Loose 0-100 similarity of a non-Latin name and a Latin name, independent of screen.

    unidecode romanizes the non-Latin side; abjads (Arabic, Hebrew) are compared as
    consonant skeletons; for Han, the share of the Latin letters found in the pinyin
    string counts too (a Latin name that is partly translated: "Chengdu Jingxin
    Technology Co. Ltd").
    """
    nonlatin, latin = _drop_shared_latin(nonlatin, latin)
    u, lat = fold(nonlatin), fold(latin)
    if not u or not lat:
        return 0.0
    if script in ("Arabic", "Hebrew", "Syriac"):
        ut, lt = [_abjad(t) for t in u.split()], [_abjad(t) for t in lat.split()]
        u, lat = " ".join(t for t in ut if t), " ".join(t for t in lt if t)
        if not u or not lat:
            return 0.0
        # two thirds of the words of the shorter side must meet a word of the other
        # ("أبو يامن العقاد" is not "Ahmed M. M. Alaqad" though both end in al-Aqad)
        sx, sy = u.split(), lat.split()
        short, long_ = (sx, sy) if len(sx) <= len(sy) else (sy, sx)
        met = sum(any(fuzz.ratio(t, w) >= 60 or (len(t) == 1 and w.startswith(t)) for w in long_)
                  for t in short)
        if met * 3 < len(short) * 2:
            return min(40.0, fuzz.token_sort_ratio(u, lat))
    best = max(fuzz.token_sort_ratio(u, lat), fuzz.ratio(u.replace(" ", ""), lat.replace(" ", "")))
    if script in ALIGNED_SCRIPTS and not _tokens_align(u.split(), lat.split()):
        return min(best, 40.0)  # a translation sharing one word ("Η Βάση" / "The Base")
    if script == "Han":
        joined = u.replace(" ", "")
        toks = [t for t in lat.split() if t not in GENERIC and len(t) >= 3]
        letters = sum(len(t) for t in toks)
        if toks and letters:
            found = sum(len(t) for t in toks if t in joined)
            best = max(best, 100.0 * found / letters)
    return best


ALIGNED_SCRIPTS = ("Greek", "Cyrillic", "Georgian", "Armenian")


def _tokens_align(x: list[str], y: list[str]) -> bool:
    """Every word of the shorter name has a loosely similar word (or, for an initial,
    a word with that first letter) in the other: alphabets romanize word by word."""
    x = [re.sub(r"[yj]", "i", t) for t in x]  # unidecode writes Юрий "iurii", lists "Yuriy"
    y = [re.sub(r"[yj]", "i", t) for t in y]
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    for t in short:
        if len(t) == 1:
            if not any(w.startswith(t) for w in long_):
                return False
        elif not any(fuzz.ratio(t, w) >= 65 for w in long_):
            return False
    return True


SIM_THRESHOLD = 60.0  # persons
ORG_SIM_THRESHOLD = 72.0  # organizations: translations share words by chance more often


def build_script_pairs(b: Builder) -> None:
    cands: dict[str, list[tuple]] = defaultdict(list)
    for e in b.ents:
        latin = e.latin_names()
        if not latin:
            continue
        parts = []
        for n in e.names:
            # one field may hold several names ("Юрий ...; Юрый ...", "Russian: ... / ...")
            text = re.sub(r"^[A-Z][a-z]+:\s*", "", n.text)
            pieces = [clean(x) for x in re.split(r"\s*[;/]\s*", text) if clean(x)]
            if len(pieces) > 1:
                b.stats["script:fields_with_several_names_split"] += 1
            for piece in pieces:
                parts.append(Name(piece, n.type, latin_of=n.latin_of))
        for n in parts:
            sc = script_of(n.text)
            if sc in ("Latin", "", "Mixed"):
                continue
            cls = SCRIPT_CLASS.get(sc, "script_other")
            # The Latin partner: UK gives the Latin name of the same row; else the primary
            # Latin name, unless another Latin alias is clearly this name's spelling
            # ("Cофья ЛИ" / "Sofya Li" rather than the primary "Xiaocui LI").
            need = SIM_THRESHOLD if e.kind == "person" else ORG_SIM_THRESHOLD
            if e.source == "uk" and n.latin_of:
                partner = n.latin_of
                sim = translit_similarity(n.text, partner, sc)
            else:
                scored = [(translit_similarity(n.text, ln.text, sc), -i, ln.text)
                          for i, ln in enumerate(latin)]
                best = max(scored)
                partner, sim = latin[0].text, scored[0][0]
                if best[0] >= need and best[0] > sim + 3:
                    b.stats[f"{cls}:partner_is_a_closer_alias_than_the_primary"] += 1
                    partner, sim = best[2], best[0]
            if sim < need:
                b.stats[f"{cls}:dropped_not_a_transliteration"] += 1
                b.stats.setdefault(f"{cls}:dropped_examples", [])
                if len(b.stats[f"{cls}:dropped_examples"]) < 8:
                    b.stats[f"{cls}:dropped_examples"].append(f"{n.text} / {partner}")
                continue
            cands[cls].append((e.ref, n.text, partner, e.kind, sc))
    for cls in ("script_han", "script_cyrillic", "script_arabic", "script_greek", "script_other"):
        seen = set()
        uniq = []
        for c in cands[cls]:
            k = (key(c[1]), key(c[2]))
            if k not in seen:
                seen.add(k)
                uniq.append(c)
        b.stats[f"{cls}:dropped_duplicate_pairs"] = len(cands[cls]) - len(uniq)
        for ref, nl, lat, kind, sc in b.capped(cls, uniq, 2500, per_entity=4):
            b.emit(cls, 1, nl, lat, kind, [ref], "" if cls != "script_other" else sc.lower())


# --------------------------------------------------------------------------- alias spelling


def _tokens(s: str) -> list[str]:
    return fold(s).split()


def spelling_variants(x: str, y: str) -> bool:
    """Two Latin names that are spelling variants: same token count, tokens pairwise
    loosely similar (in order, or after sorting), not equal after folding/sorting."""
    tx, ty = _tokens(x), _tokens(y)
    if len(tx) != len(ty) or not tx or key(x) == key(y):
        return False
    if len(tx) == 1:  # one word: "TransMorFlot" / "Transseaport" is not a spelling variant
        return fuzz.ratio(tx[0], ty[0]) >= 80
    for a, bb in ((tx, ty), (sorted(tx), sorted(ty))):
        if all(fuzz.ratio(p, q) >= 60 for p, q in zip(a, bb)) and sum(p != q for p, q in zip(a, bb)) >= 1:
            return True
    return False


def build_alias_spelling(b: Builder) -> None:
    cyr: list[tuple] = []
    other: list[tuple] = []
    for e in b.ents:
        latin = [n.text for n in e.latin_names()]
        has_cyr = any(script_of(n.text) == "Cyrillic" for n in e.names)
        for i in range(len(latin)):
            for j in range(i + 1, len(latin)):
                if spelling_variants(latin[i], latin[j]):
                    (cyr if has_cyr else other).append((e.ref, latin[i], latin[j], e.kind))
    b.real_cyrillic_alias_pairs = cyr  # counted in cyrillic_translit
    for ref, x, y, kind in b.capped("alias_spelling", other, 2500, per_entity=3):
        b.emit("alias_spelling", 1, x, y, kind, [ref])


# --------------------------------------------------------------------------- Chinese names


def load_wade_giles(reference: Path) -> dict[str, tuple[str, str]]:
    table = {}
    with open(reference / "pinyin_wade_giles.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            table[row["pinyin"]] = (row["wade_giles"], row["wade_giles_ascii"])
    return table


def load_surnames(reference: Path) -> list[dict]:
    with open(reference / "surnames_zh.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


class Pinyin:
    """Pinyin syllable segmentation over the reference syllable table."""

    def __init__(self, syllables: Iterable[str]) -> None:
        self.syl = {s for s in syllables if s.isascii() and "v" not in s}

    def segment(self, token: str) -> list[str] | None:
        """Split one token into syllables; a syllable after the first cannot start
        with a vowel (pinyin writes an apostrophe there: Xi'an). None when there is
        no parse or more than one parse of the fewest syllables."""
        t = token.lower()
        n = len(t)
        best: list[list[list[str]]] = [[] for _ in range(n + 1)]
        best[0] = [[]]
        for i in range(n):
            if not best[i]:
                continue
            for j in range(i + 1, min(n, i + 6) + 1):
                s = t[i:j]
                if s in self.syl and not (i > 0 and s[0] in "aeo"):
                    for path in best[i]:
                        cand = path + [s]
                        if not best[j] or len(cand) < len(best[j][0]):
                            best[j] = [cand]
                        elif len(cand) == len(best[j][0]) and cand not in best[j]:
                            best[j].append(cand)
        if len(best[n]) != 1:
            return None
        return best[n][0]

    def name(self, given: str | None, family: str | None,
             compounds: frozenset[str] = frozenset()) -> tuple[list[str], list[str]] | None:
        """(family, given) syllables of a name written the pinyin way: a one-syllable
        (or known compound) family name and a given name written as one word
        ("ZHU, Hailun"). Hyphenated or spaced given names ("Shao-Kang", "Ta Chou") are
        how Wade-Giles, Hong Kong and Korean names are written, so they are left out."""
        if not given or not family or not re.fullmatch(r"[A-Za-z]+", given) \
                or not re.fullmatch(r"[A-Za-z]+", family):
            return None
        f, g = self.segment(family), self.segment(given)
        if not f or not g or not 1 <= len(g) <= 3:
            return None
        if len(f) > 1 and "".join(f).lower() not in compounds:
            return None
        return f, g


def western_given_names() -> set[str]:
    """Given names of Faker's Western locales ("Teresa" parses as te-re-sa)."""
    import importlib

    out: set[str] = set()
    for loc in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR"):
        mod = importlib.import_module(f"faker.providers.person.{loc}")
        out |= {x.lower() for x in getattr(mod.Provider, "first_names", ())}
    return out


def chinese_persons(b: Builder, py: Pinyin, surnames: set[str]) -> list[tuple[Entity, Name, list[str], list[str]]]:
    """(entity, listed name, family syllables, given syllables) for Chinese persons
    whose names are written in pinyin. A person counts when a name parses as pinyin and
    either the list says China / Hong Kong / Taiwan (nationality, birthplace, regime,
    or a Han name in the EU list) or the family name is in the reference surname table
    and the entity has no Korean or Japanese name."""
    compounds = frozenset(x for x in surnames if len(py.segment(x) or []) > 1)
    western = western_given_names()
    out = []
    for e in b.ents:
        if e.kind != "person":
            continue
        if any(script_of(n.text) in ("Hangul", "Kana") for n in e.names):
            continue
        for n in e.names:
            if script_of(n.text) != "Latin" or n.type not in ("primary", "variation", "aka"):
                continue
            if n.given and n.given.lower() in western:
                continue
            parsed = py.name(n.given, n.family, compounds)
            if parsed and (e.china or "".join(parsed[0]) in surnames):
                out.append((e, n, parsed[0], parsed[1]))
                break
    return out


def replace_syllables(n: Name, fam: list[str], giv: list[str]) -> str:
    """The listed name with its family and given parts re-spelt, case kept."""
    def like(model: str, sylls: list[str]) -> str:
        s = "".join(sylls)
        return s.upper() if model.isupper() else cap_first(s) if model[:1].isupper() else s
    text = n.text
    text = re.sub(rf"\b{re.escape(n.family)}\b", like(n.family, fam), text, count=1)
    text = re.sub(rf"\b{re.escape(n.given)}\b", like(n.given, giv), text, count=1)
    return text


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def wg_given(sylls: list[str], joined: bool) -> str:
    return cap_first(("" if joined else "-").join(sylls).lower()) if sylls else ""


def build_chinese(b: Builder) -> None:
    wg = load_wade_giles(b.ref_dir)
    py = Pinyin(wg)
    surname_rows = load_surnames(b.ref_dir)
    surnames = {r["pinyin_surname_reading"].replace("ü", "u") for r in surname_rows}
    b.pinyin = py
    people = chinese_persons(b, py, surnames)
    b.stats["chinese_pinyin_persons"] = len(people)
    # every spelling a surname has in the reference table: a swap INTO one is not a negative
    surname_spellings: dict[str, set[str]] = defaultdict(set)
    for r in surname_rows:
        p = r["pinyin_surname_reading"].replace("ü", "u")
        for col in ("wade_giles_ascii", "hk_cantonese", "other_spellings", "pypinyin_default"):
            for w in re.findall(r"[A-Za-z]+", r[col] or ""):
                surname_spellings[p].add(w.lower())

    # the syllables Chinese names on the lists are made of: a swap goes to a real name syllable
    name_syllables = {x for _, _, f, g in people for x in f + g} | {
        x for r in surname_rows for x in (py.segment(r["pinyin_surname_reading"]) or [])}
    wg_rows = []
    spacing_rows = []
    neg_rows = []
    rng = b.rng("chinese")
    for e, n, fam, giv in people:
        spellings = {
            "proper": lambda x: wg[x][0],
            "straight": lambda x: wg[x][0].replace("’", "'"),
            "ascii": lambda x: wg[x][1],
            "no_marks": lambda x: strip_diacritics(wg[x][0]).replace("’", "'"),
        }
        variants = []
        for fn in spellings.values():
            f, g = [fn(x) for x in fam], [fn(x) for x in giv]
            fam_s = cap_first("".join(f).lower()) if len(f) == 1 else cap_first("-".join(f))
            variants.append(f"{fam_s} {wg_given(g, False)}")
            variants.append(f"{fam_s} {wg_given(g, True)}")
            variants.append(f"{fam_s.upper()}, {wg_given(g, False)}")
            variants.append(f"{wg_given(g, False)} {fam_s}")
        pin = f"{cap_first(''.join(fam))} {cap_first(''.join(giv))}"
        variants = sorted({v for v in variants if fold(v).replace(" ", "") != fold(pin).replace(" ", "")})
        if not variants:
            b.stats["wade_giles:skipped_same_as_pinyin"] += 1
        else:
            for v in rng.sample(variants, min(4, len(variants))):
                wg_rows.append((e.ref, n.text, v))
            # the Han name too, when it is this very name (unidecode reads it syllable by
            # syllable): UK 16310 "董勒成" is not its alias "Heng TONG"
            han = [x.text for x in e.names if script_of(x.text) == "Han"
                   and sorted(fold(x.text).split()) == sorted(fam + giv)]
            if han:
                wg_rows.append((e.ref, han[0], rng.choice(variants)))
        # pinyin spacing / order / case forms
        F, G = cap_first("".join(fam)), [cap_first(s) for s in giv]
        forms = {
            f"{F} {' '.join(G)}",
            f"{F} {G[0]}{'-' + '-'.join(s.lower() for s in G[1:]) if len(G) > 1 else ''}",
            f"{F}{''.join(G)}".upper(),
            f"{''.join(G)[:1].upper()}{''.join(G)[1:].lower()} {F}",
            f"{F.upper()}, {''.join(G)[:1].upper()}{''.join(G)[1:].lower()}",
            f"{' '.join(G)} {F}",
            f"{F} {''.join(G)[:1].upper()}{''.join(G)[1:].lower()}",
        }
        forms = sorted(f for f in forms if f != n.text)
        for v in rng.sample(forms, min(4, len(forms))):
            spacing_rows.append((e.ref, n.text, v))
        # negatives: one syllable changed to another real name syllable, listed form kept
        sylls = fam + giv
        own = {canon(x.text) for x in e.names}
        made = set()
        for pos in rng.sample(range(len(sylls)), len(sylls)):
            old = sylls[pos]
            # not a negative: a swap to a spelling of the same sound in Wade-Giles (zhang /
            # chang) or, for the family name, to a spelling the surname table lists
            banned = {old, wg[old][1]} | {s for s in py.syl if wg[s][1] == wg[old][1]}
            if pos < len(fam):
                banned |= surname_spellings.get(old, set())
            near = sorted(s for s in name_syllables if s not in banned and wg[s][1] not in banned
                          and fuzz.ratio(s, old) >= 66)
            if not near:
                continue
            new = rng.choice(near)
            s2 = list(sylls)
            s2[pos] = new
            neg = replace_syllables(n, s2[: len(fam)], s2[len(fam):])
            if canon(neg) not in own and neg not in made:
                made.add(neg)
                neg_rows.append((e.ref, n.text, neg, f"{old}->{new}"))
            if len(made) >= 3:
                break
    for ref, a, v in b.capped("wade_giles", wg_rows):
        b.emit("wade_giles", 1, a, v, "person", [ref])
    for ref, a, v in b.capped("pinyin_spacing", spacing_rows):
        b.emit("pinyin_spacing", 1, a, v, "person", [ref])
    for ref, a, v, what in b.capped("neg_syllable", neg_rows):
        b.emit("neg_syllable", 0, a, v, "person", [ref], what)
    b.chinese_people = people


# --------------------------------------------------------------------------- Cantonese

# Han names of listed people that the lists print only in Latin letters. These are
# the public record (HK Government, Xinhua); each row names the OFAC entry it belongs
# to. Only people whose Han name is unambiguous public knowledge are here.
HK_OFFICIALS = {
    "29249": "林鄭月娥",  # LAM CHENG, Yuet-ngor (Carrie Lam)
    "29242": "鄧炳強",  # TANG, Ping-keung (Chris Tang)
    "29250": "李家超",  # LEE, Ka-chiu (John Lee); a.k.a. LI, Jiachao
    "29243": "鄭若驊",  # CHENG, Yeuk-wah (Teresa Cheng)
    "29244": "盧偉聰",  # LO, Wai-chung (Stephen Lo)
    "29246": "曾國衞",  # TSANG, Kwok-wai (Erick Tsang); a.k.a. ZENG, Guowei
    "29260": "陳國基",  # CHAN, Eric (Kwok-ki)
    "30969": "譚耀宗",  # TAM, Yiu-chung
    "30343": "李桂華",  # LI, Kwai-wah
    "29259": "張曉明",  # ZHANG, Xiaoming
    "29261": "鄭雁雄",  # ZHENG, Yanxiong
    "29262": "夏寶龍",  # XIA, Baolong
    "29263": "駱惠寧",  # LUO, Huining
    "30345": "李江舟",  # LI, Jiangzhou
    "30344": "鄧中華",  # DENG, Zhonghua
}

# Jyutping -> Hong Kong Government romanisation (the spelling on HK identity cards).
JP_INITIALS = {"b": "p", "p": "p", "m": "m", "f": "f", "d": "t", "t": "t", "n": "n", "l": "l",
               "g": "k", "k": "k", "ng": "ng", "h": "h", "gw": "kw", "kw": "kw", "w": "w",
               "z": "ch", "c": "ch", "s": "s", "j": "y", "": ""}
JP_FINALS = {
    "aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang", "aap": "ap",
    "aat": "at", "aak": "ak", "ai": "ai", "au": "au", "am": "am", "an": "an", "ang": "ang",
    "ap": "ap", "at": "at", "ak": "ak", "e": "e", "ei": "ei", "eu": "eu", "em": "em",
    "eng": "eng", "ep": "ep", "ek": "ek", "i": "i", "iu": "iu", "im": "im", "in": "in",
    "ing": "ing", "ip": "ip", "it": "it", "ik": "ik", "o": "o", "oi": "oi", "ou": "o",
    "on": "on", "ong": "ong", "ot": "ot", "ok": "ok", "u": "u", "ui": "ui", "un": "un",
    "ung": "ung", "ut": "ut", "uk": "uk", "oe": "oe", "oeng": "eung", "oek": "euk",
    "eoi": "ui", "eon": "un", "eot": "ut", "yu": "yu", "yun": "uen", "yut": "uet",
    "m": "m", "ng": "ng",
}
# alternatives HK spellings use for some finals ("ngor" for 娥, "kei" for 基, "sze" for 思)
HK_ALTERNATES = {"o": ["o", "or", "oh"], "a": ["a", "ah"], "i": ["i", "ee"], "ei": ["ei", "i"],
                 "ui": ["ui", "eui"], "u": ["u", "oo"]}


HK_INITIAL_ALTS = {"s": ["s", "sh"], "z": ["ch", "ts"], "c": ["ch", "ts"]}


def jyutping_to_hk(jp: str) -> list[str]:
    """HK-Government-style spellings of one Jyutping syllable, preferred first
    (zoeng1 -> cheung, koeng4 -> keung, jyut6 -> yuet, ngo4 -> ngo / ngor / ngoh)."""
    m = re.fullmatch(r"(gw|kw|ng|[bpmfdtnlgkhwzcsj]?)([a-z]*?)([1-6])?", jp)
    if not m:
        return []
    ini, fin = m.group(1), m.group(2)
    if not fin:
        return [ini] if ini in ("m", "ng") else []
    if ini in ("z", "c") and fin == "i":
        return ["chi", "tsz", "tsze"]
    if ini == "s" and fin == "i":
        return ["sze", "si", "shi"]
    inits = HK_INITIAL_ALTS.get(ini, [JP_INITIALS.get(ini, "")])
    if fin in ("yu", "yun", "yut"):
        if ini == "j":
            return {"yu": ["yu", "yue"], "yun": ["yuen"], "yut": ["yuet"]}[fin]
        finals = {"yu": ["u", "ue"], "yun": ["uen"], "yut": ["uet"]}[fin]
    elif fin in JP_FINALS:
        hf = JP_FINALS[fin]
        finals = HK_ALTERNATES.get(hf, [hf])
    else:
        return []
    return [i + f for f in finals for i in inits]


class Cantonese:
    def __init__(self, reference: Path) -> None:
        import ToJyutping
        from cantoroman import Cantonese as CR

        self.tj = ToJyutping
        self.cr = CR()
        self.hk_surname = {}
        for r in load_surnames(reference):
            hk = [x.strip() for x in (r["hk_cantonese"] or "").split(";") if x.strip()]
            if hk:
                self.hk_surname[r["simplified"]] = hk
                self.hk_surname[r["traditional"]] = hk
        self.agree = Counter()

    def syllables(self, han: str) -> list[list[str]] | None:
        """Per character, HK spellings: preferred first, checked against cantoroman."""
        out = []
        for ch, jp in self.tj.get_jyutping_list(han):
            if not jp:
                return None
            jp = jp.split()[0]
            mine = jyutping_to_hk(jp)
            if not mine:
                return None
            theirs = [x for x in (self.cr.getRoman(ch) or [[]])[0]]
            if theirs:
                both = [m for m in mine if m in theirs]
                self.agree["agree" if both else "disagree"] += 1
                if both:
                    mine = both + [m for m in mine if m not in both]
            out.append(mine)
        return out

    def spellings(self, han: str, rng: random.Random) -> list[tuple[str, list[str]]]:
        """(family, given syllables) spellings of a Chinese personal name in HK style."""
        han = han.replace("·", "")
        if not 2 <= len(han) <= 4:
            return []
        # two-character family names: double-barrelled married names (林鄭) and compounds
        fam_len = 2 if len(han) == 4 or han[:2] in ("歐陽", "欧阳", "司徒", "上官", "諸葛") else 1
        sy = self.syllables(han)
        if sy is None:
            return []
        fam_opts = []
        for i in range(fam_len):
            fam_opts.append(self.hk_surname.get(han[i], sy[i]))
        outs = []
        for pick in range(3):
            fam = " ".join(cap_first(o[0] if pick == 0 else rng.choice(o[:2])) for o in fam_opts)
            giv = [(o[0] if pick == 0 else rng.choice(o[:2])) for o in sy[fam_len:]]
            outs.append((fam, giv))
        uniq = []
        for o in outs:
            if o not in uniq:
                uniq.append(o)
        return uniq


class HanPinyin:
    """Whether a listed Latin name is the Pinyin reading of the person's Han name."""

    def __init__(self, py: Pinyin, surname_rows: list[dict]) -> None:
        self.surname = defaultdict(set)  # character -> its surname reading(s)
        for r in surname_rows:
            chars = r["traditional"] if len(r["traditional"]) == len(r["simplified"]) else ""
            sylls = py.segment(r["pinyin_surname_reading"].replace("ü", "u")) or []
            for form in {r["simplified"], chars} - {""}:
                if len(sylls) == len(form):
                    for ch, syl in zip(form, sylls):
                        self.surname[ch].add(syl)

    def readings(self, han: str) -> list[set[str]]:
        """Per Han character, its toneless pinyin readings (every reading pypinyin
        knows; ü written u, as the lists write it)."""
        from pypinyin import Style, pinyin

        chars = [ch for ch in han if char_script(ch) == "Han"]
        got = pinyin(chars, style=Style.NORMAL, heteronym=True, v_to_u=True)
        return [{r.replace("ü", "u") for r in rs} for rs in got]

    def reads_as(self, han: str, fam: list[str], giv: list[str]) -> bool:
        """The family syllables are readings (or a surname reading) of the Han name's
        first characters and the given syllables, one by one, of the rest: "ZHAO Wei"
        is 赵伟, its aliases "JIAO Wei" and "ZHANG Wei" are not; "CHENG, Teresa" (che-ng
        te-re-sa) is not 鄭若驊 (zheng ruo hua)."""
        r = self.readings(han)
        if len(fam) + len(giv) != len(r):
            return False
        chars = [ch for ch in han if char_script(ch) == "Han"]
        for i, syl in enumerate(x.lower() for x in fam + giv):
            ok = r[i] | (self.surname.get(chars[i], set()) if i < len(fam) else set())
            if syl not in ok:
                return False
        return True


def hk_forms(fam: str, giv: list[str], rng: random.Random, k: int = 3) -> list[str]:
    g_h = cap_first("-".join(giv))
    g_s = " ".join(cap_first(x) for x in giv)
    g_j = cap_first("".join(giv))
    forms = [f"{fam.upper()} {g_h}", f"{fam} {g_s}", f"{g_h} {fam.upper()}",
             f"{fam.upper()}, {g_h}", f"{fam} {g_j}"]
    return rng.sample(forms, k)


def build_cantonese(b: Builder) -> None:
    canto = Cantonese(b.ref_dir)
    han_pinyin = HanPinyin(b.pinyin, load_surnames(b.ref_dir))
    rng = b.rng("cantonese")
    rows = []
    for num, han in HK_OFFICIALS.items():
        e = b.by_ref.get(f"ofac:{num}")
        if e is None:
            b.stats["cantonese:official_missing_from_list"] += 1
            continue
        e.han_public = han
        e.china = True  # 29250 (John Lee) states no birthplace or nationality
    for e in b.ents:
        if e.kind != "person":
            continue
        hans = [n.text for n in e.names if script_of(n.text) == "Han"] or (
            [e.han_public] if e.han_public else [])
        if not hans:
            continue
        han = hans[0]
        if not e.china or "·" in han:
            b.stats["cantonese:skipped_non_chinese_han_name"] += 1  # Korean, Uyghur names in Han
            continue
        # the person's Pinyin name: a listed name that parses as Pinyin AND reads as the
        # Han name, syllable by syllable; a name that merely parses ("CHENG, Teresa",
        # te-re-sa; UK 16310 "Heng TONG" for 董勒成) is another name, not a spelling
        parses = [(n.text, b.pinyin.name(n.given, n.family)) for n in e.latin_names()]
        parses = [(t, p) for t, p in parses if p]
        pinyin = [t for t, (fam, giv) in parses if han_pinyin.reads_as(han, fam, giv)]
        b.stats["cantonese:listed_pinyin_not_reading_of_han"] += len(parses) - len(pinyin)
        if parses and not pinyin:
            b.stats["cantonese:persons_without_pinyin_reading_of_han"] += 1
        # the Cantonese spellings the list itself prints (hyphenated given names, "TANG,
        # Ping-keung"), not its English-only forms ("LAM, Carrie")
        listed_canto = [n.text for n in e.latin_names() if n.text not in dict(parses) and n.given
                        and ("-" in n.given or " " in n.given)]
        extra = "han=public-record" if e.han_public and han == e.han_public else ""
        # real: the Cantonese spellings the list itself prints, against the Han name
        for t in listed_canto:
            rows.append((e.ref, han, t, extra + (";" if extra else "") + "listed-spelling"))
        for fam, giv in canto.spellings(han, rng):
            for f in hk_forms(fam, giv, rng, 4):
                rows.append((e.ref, han, f, extra))
                for p in pinyin[:1]:
                    if fold(p).replace(" ", "") != fold(f).replace(" ", ""):
                        rows.append((e.ref, p, f, extra))
    b.stats["cantonese:cantoroman_agreement"] = dict(canto.agree)
    seen = set()
    for ref, a, v, extra in b.capped("cantonese", rows):
        if (a, v) in seen:
            continue
        seen.add((a, v))
        b.emit("cantonese", 1, a, v, "person", [ref], extra)


# --------------------------------------------------------------------------- order, typo, ...


def person_parts(e: Entity) -> list[Name]:
    return [n for n in e.names if n.given and n.family and script_of(n.text) == "Latin"
            and n.type in ("primary", "variation")]


def build_order(b: Builder) -> None:
    cands = []
    for e in b.ents:
        if e.kind != "person":
            continue
        parts = person_parts(e)
        if parts:
            n = parts[0]
            cands.append((e.ref, f"{n.given} {n.family}", f"{n.family} {n.given}"))
    for ref, a, v in b.capped("order", cands, 2000):
        b.emit("order", 1, a, v, "person", [ref])


ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
OFFS = [0.0, 0.25, 0.75]
POS = {c: (r, i + OFFS[r]) for r, row in enumerate(ROWS) for i, c in enumerate(row)}
NEIGHBOURS = {c: [d for d, (r2, x2) in POS.items() if d != c and abs(r2 - r) <= 1 and abs(x2 - x) <= 1.0]
              for c, (r, x) in POS.items()}


def typo(token: str, rng: random.Random) -> tuple[str, str]:
    letters = [i for i, c in enumerate(token) if c.lower() in POS]
    op = rng.choice(["neighbour", "delete", "transpose", "double"])
    i = rng.choice(letters[1:] if len(letters) > 1 else letters)  # keep the first letter mostly
    c = token[i]
    if op == "neighbour":
        d = rng.choice(NEIGHBOURS[c.lower()])
        return token[:i] + (d.upper() if c.isupper() else d) + token[i + 1:], op
    if op == "delete":
        return token[:i] + token[i + 1:], op
    if op == "transpose" and i + 1 < len(token) and token[i + 1] != c and token[i + 1].isalpha():
        return token[:i] + token[i + 1] + c + token[i + 2:], op
    return token[:i] + c + token[i:], "double"


def latin_candidates(b: Builder, kinds: tuple[str, ...] = ("person", "organization")) -> list[tuple]:
    out = []
    for e in b.ents:
        if e.kind not in kinds:
            continue
        for n in e.latin_names()[:2]:
            out.append((e.ref, n.text, e.kind))
    return out


def build_typo(b: Builder) -> None:
    rng = b.rng("typo")
    cands = [c for c in latin_candidates(b) if any(len(t) >= 5 and t.isalpha() for t in c[1].split())]
    for ref, a, kind in b.capped("typo", cands, 2000):
        toks = a.split(" ")
        idx = [i for i, t in enumerate(toks) if len(t) >= 5 and t.isalpha()]
        i = rng.choice(idx)
        toks[i], op = typo(toks[i], rng)
        b.emit("typo", 1, a, " ".join(toks), kind, [ref], op)


HOMOGLYPHS = {
    "a": "а", "c": "с", "e": "е", "o": "оο", "p": "р", "x": "х", "y": "у", "i": "і", "j": "ј",
    "s": "ѕ", "h": "һ", "v": "ν",
    "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "I": "ІΙ", "J": "Ј", "K": "КΚ",
    "M": "МΜ", "N": "Ν", "O": "ОΟ", "P": "РΡ", "S": "Ѕ", "T": "ТΤ", "X": "ХΧ", "Y": "УΥ",
    "Z": "Ζ",
}


def build_lookalike(b: Builder) -> None:
    rng = b.rng("lookalike")
    cands = latin_candidates(b)
    for ref, a, kind in b.capped("lookalike", cands, 1500):
        idx = [i for i, c in enumerate(a) if c in HOMOGLYPHS]
        if not idx:
            continue
        chars = list(a)
        for i in rng.sample(idx, min(len(idx), rng.choice([1, 2]))):
            chars[i] = rng.choice(HOMOGLYPHS[chars[i]])
        b.emit("lookalike", 1, a, "".join(chars), kind, [ref])


def build_case_punct(b: Builder) -> None:
    rng = b.rng("case_punct_diacritics")
    cands = latin_candidates(b)
    diac = [c for c in cands if has_diacritics(c[1])]
    plain = [c for c in cands if not has_diacritics(c[1])]
    chosen = b.capped("case_punct_diacritics:diacritics", diac, 600) + b.capped(
        "case_punct_diacritics:plain", plain, 1200)
    for ref, a, kind in chosen:
        v = a
        if has_diacritics(a):
            v = strip_diacritics(a)
        ops = rng.sample(["upper", "lower", "title", "depunct", "hyphen", "dots"], 2)
        for op in ops:
            if op == "upper":
                v = v.upper()
            elif op == "lower":
                v = v.lower()
            elif op == "title":
                v = " ".join(t[:1].upper() + t[1:].lower() for t in v.split(" "))
            elif op == "depunct":
                v = re.sub(r"[.,'’\"()]", "", v)
                v = v.replace("-", " ") if rng.random() < 0.5 else v.replace("-", "")
            elif op == "hyphen" and " " in v:
                parts = v.split(" ")
                spots = [i for i in range(len(parts) - 1)
                         if parts[i].isalpha() and parts[i + 1].isalpha()]
                if spots:
                    i = rng.choice(spots)
                    v = " ".join(parts[:i] + [parts[i] + "-" + parts[i + 1]] + parts[i + 2:])
            elif op == "dots":
                v = re.sub(r"\b([A-Z])\b(?!\.)", r"\1.", v)
                v = v.replace(" ", "  ", 1) if "." not in v else v
        if fold(v) != fold(a) and key(v) != key(a):
            b.stats["case_punct_diacritics:dropped_changed_letters"] += 1
            continue
        b.emit("case_punct_diacritics", 1, a, v, kind, [ref])


# --------------------------------------------------------------------------- Cyrillic

CYR_BASE = {
    "de": {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
           "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
           "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
           "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
           "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "w"},
    "fr": {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j",
           "з": "z", "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
           "п": "p", "р": "r", "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts",
           "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e",
           "ю": "iou", "я": "ia", "і": "i", "ї": "ï", "є": "ie", "ґ": "g", "ў": "ou"},
    "en": {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
           "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
           "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
           "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
           "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w"},
}
CYR_VOWELS = set("аеёиоуыэюяіїє")


def romanize_word(w: str, system: str, rng: random.Random) -> str:
    low = w.lower()
    table = CYR_BASE[system]
    out = []
    n = len(low)
    for i, c in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        last = i == n - 1
        if c not in table:
            out.append(c)
            continue
        r = table[c]
        if c == "е" and (i == 0 or prev in CYR_VOWELS or prev in "ъь"):
            r = {"de": "je", "fr": "ie" if i else "e", "en": "ye"}[system]
            if system == "en" and i == 0 and rng.random() < 0.5:
                r = "e"
        elif c == "с" and prev in CYR_VOWELS and nxt in CYR_VOWELS and system in ("de", "fr"):
            r = "ss"
        elif c == "г" and system == "fr" and nxt and nxt in "еиыэ":
            r = "gu"
        elif c == "й" and last and prev in "иы":
            r = ""  # -ий, -ый: Dmitri, Dmitry
        elif c == "и" and nxt == "й" and i + 2 == n:
            r = {"de": "i", "fr": "i", "en": rng.choice(["i", "y", "iy"])}[system]
        elif c == "ы" and nxt == "й" and i + 2 == n:
            r = "y"
        elif c == "х" and system == "en" and rng.random() < 0.2:
            r = "h"
        elif c == "ё" and system == "en" and rng.random() < 0.5:
            r = "e"
        elif c == "н" and last and prev == "и" and system == "fr":
            r = "ne"  # Путин -> Poutine, Ленин -> Lénine
        elif c == "й" and system == "fr" and prev not in CYR_VOWELS:
            r = "i"
        out.append(r)
    s = "".join(out)
    if w.isupper() and len(w) > 1:
        return s.upper()
    if w[:1].isupper():
        return cap_first(s)
    return s


def romanize(name: str, system: str, rng: random.Random) -> str:
    name = unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", name) if c not in "\u0301\u0300"))
    return re.sub(r"[\u0400-\u04ff]+", lambda m: romanize_word(m.group(0), system, rng), name)


def build_cyrillic(b: Builder) -> None:
    rng = b.rng("cyrillic_translit")
    rows = []
    mixed = 0
    for e in b.ents:
        if e.kind != "person":
            continue
        latin = e.latin_names()
        for n in e.names:
            if script_of(n.text) != "Cyrillic":
                continue
            if re.search(r"[A-Za-z]", n.text):
                mixed += 1  # look-alike Latin letters inside Cyrillic words: not a clean source
                continue
            systems = rng.sample(["de", "fr", "en"], 2)
            for sysn in systems:
                r = romanize(n.text, sysn, rng)
                rows.append((e.ref, n.text, r, sysn))
            if latin:
                lat = n.latin_of or latin[0].text
                if translit_similarity(n.text, lat, "Cyrillic") >= SIM_THRESHOLD:
                    r = romanize(n.text, rng.choice(["de", "fr"]), rng)
                    if fold(r) != fold(lat):
                        rows.append((e.ref, lat, r, "latin-vs-generated"))
            break  # one Cyrillic name per entity
    b.stats["cyrillic_translit:skipped_mixed_script_names"] = mixed
    real = [(r, x, y, "real-alias") for r, x, y, k in getattr(b, "real_cyrillic_alias_pairs", [])
            if b.by_ref[r].kind == "person"]
    b.stats["cyrillic_translit:real_alias_pairs"] = len(real)
    gen = b.capped("cyrillic_translit:generated", rows, 1500)
    for ref, a, v, what in b.capped("cyrillic_translit:real", real, 1000, per_entity=2) + gen:
        b.emit("cyrillic_translit", 1, a, v, "person", [ref], what)


# --------------------------------------------------------------------------- Arabic, legal forms, titles

ABD_RE = re.compile(r"\b(?:Abd[ -](?:al|el|ul)[- ]|Abd(?:ul|el|al)[ -])(?=[A-Za-z])", re.IGNORECASE)
ART_RE = re.compile(r"\b(?:al|el)-(?=[A-Za-z]{3})", re.IGNORECASE)
ART_TOKEN_RE = re.compile(r"\b(?:Al|AL|El|EL)\s(?=[A-Za-z]{3})")
ABD_FORMS = ["Abd al-", "Abdul ", "Abdel ", "Abd-al-", "Abd Al "]
ART_FORMS = ["al-", "el-", "Al ", "", "Al-"]


def match_case(model: str, s: str) -> str:
    if model.isupper() and len(model) > 1:
        return s.upper()
    if model[:1].isupper():
        return cap_first(s)
    return s.lower() if model.islower() else s


def arabic_variant(name: str, rng: random.Random) -> str | None:
    ops = []
    toks = name.split(" ")
    for i, t in enumerate(toks):
        f = fold(t)
        for g in ARABIC_GROUPS:
            if f in {fold(v) for v in g} and re.fullmatch(r"[A-Za-z'-]+", t):
                ops.append(("tok", i, g))
    if ABD_RE.search(name):
        ops.append(("abd", None, None))
    if ART_RE.search(name) or ART_TOKEN_RE.search(name):
        ops.append(("art", None, None))
    if not ops:
        return None
    v = name
    for op, i, g in rng.sample(ops, min(len(ops), rng.choice([1, 1, 2]))):
        if op == "tok":
            toks = v.split(" ")
            if i >= len(toks):
                continue
            alts = [x for x in g if fold(x) != fold(toks[i])]
            toks[i] = match_case(toks[i], rng.choice(alts))
            v = " ".join(toks)
        elif op == "abd":
            m = ABD_RE.search(v)
            if m:
                rep = rng.choice([f for f in ABD_FORMS if fold(f) != fold(m.group(0))])
                v = v[: m.start()] + match_case(m.group(0), rep) + v[m.end():]
        else:
            m = ART_RE.search(v) or ART_TOKEN_RE.search(v)
            if m:
                rep = rng.choice([f for f in ART_FORMS if f.strip("- ").lower() != m.group(0).strip("- ").lower()
                                  or f[-1:] != m.group(0)[-1:]])
                v = v[: m.start()] + (match_case(m.group(0), rep) if rep else "") + v[m.end():]
    return v if v != name else None


def build_arabic(b: Builder) -> None:
    rng = b.rng("arabic_variants")
    cands = []
    for ref, a, kind in latin_candidates(b):
        v = arabic_variant(a, rng)
        if v:
            cands.append((ref, a, v, kind))
    for ref, a, v, kind in b.capped("arabic_variants", cands, 2000):
        b.emit("arabic_variants", 1, a, v, kind, [ref])


def _legal_regex() -> list[tuple[re.Pattern, list[str]]]:
    out = []
    for g in LEGAL_FORMS:
        for v in sorted(g, key=len, reverse=True):
            pat = re.escape(v).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
            out.append((re.compile(rf"(?<![\w]){pat}(?![\w])", re.IGNORECASE), g))
    out.sort(key=lambda x: -len(x[0].pattern))
    return out


LEGAL_RE = _legal_regex()


def legal_variant(name: str, rng: random.Random) -> tuple[str, str] | None:
    for rx, g in LEGAL_RE:
        m = rx.search(name)
        if not m:
            continue
        found = m.group(0)
        movable = any(x in g for x in ("OOO", "AO", "PAO", "OAO", "ZAO"))
        op = rng.choice(["swap", "swap", "drop", "move"] if movable else ["swap", "swap", "drop"])
        if op == "drop":
            v = (name[: m.start()] + name[m.end():])
            v = re.sub(r"\s*,\s*$", "", clean(v)).strip(' ,"«»')
            return (v, "drop") if len(fold(v)) >= 3 else None
        alts = [x for x in g if fold(x) != fold(found)]
        if not alts:
            return None
        rep = match_case(found, rng.choice(alts)) if not re.search("[А-Я]", "".join(alts)) else rng.choice(alts)
        rep = rng.choice(alts) if rng.random() < 0.5 else rep
        if op == "move":
            rest = clean(name[: m.start()] + name[m.end():]).strip(" ,")
            if m.start() == 0:
                return f"{rest}, {rep}", "move"
            return f"{rep} {rest}", "move"
        return name[: m.start()] + rep + name[m.end():], "swap"
    return None


def build_legal(b: Builder) -> None:
    rng = b.rng("legal_form")
    cands = []
    for ref, a, kind in latin_candidates(b, ("organization",)):
        r = legal_variant(a, rng)
        if r:
            cands.append((ref, a, r[0], r[1]))
    for ref, a, v, op in b.capped("legal_form", cands, 2000):
        b.emit("legal_form", 1, a, v, "organization", [ref], op)


ISLAMIC_TITLES = ["Sheikh", "Shaykh", "Sheik", "Haji", "Hajji", "Alhaji", "Mullah", "Mulla",
                  "Maulavi", "Mawlawi", "Maulana", "Qari", "Sayyid", "Imam", "Ayatollah",
                  "Hojatoleslam"]
GENERAL_TITLES = [t for t in TITLES if t not in ISLAMIC_TITLES]
ARABIC_NAME_TOKENS = {fold(v) for g in ARABIC_GROUPS for v in g} | {"al", "el", "abd", "abdul"}


def build_titles(b: Builder) -> None:
    """A title before a person's name: religious titles for names of Arabic or Persian
    form, others (Dr, Mr, General, Col., ...) for everyone. Names written "SURNAME,
    Given" are turned into "Given SURNAME" first, since a title goes before the given name."""
    rng = b.rng("titles")
    cands = []
    for e in b.ents:
        if e.kind != "person":
            continue
        for n in e.latin_names()[:1]:
            text = f"{n.given} {n.family}" if n.given and n.family and "," in n.text else n.text
            cands.append((e.ref, text))
    for ref, a in b.capped("titles", cands, 1500):
        islamic = bool(set(fold(a).split()) & ARABIC_NAME_TOKENS)
        t = rng.choice(ISLAMIC_TITLES if islamic and rng.random() < 0.7 else GENERAL_TITLES)
        if a.isupper():
            t = t.upper()
        b.emit("titles", 1, a, f"{t} {a}", "person", [ref], t)


# --------------------------------------------------------------------------- negatives


def surname_of(n: Name) -> str | None:
    if n.family:
        return fold(n.family)
    return None


def build_neg_same_surname(b: Builder) -> None:
    rng = b.rng("neg_same_surname")
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for e in b.ents:
        if e.kind != "person":
            continue
        parts = person_parts(e)
        if parts and parts[0].family and len(fold(parts[0].family)) >= 3:
            n = parts[0]
            groups[(e.source, fold(n.family))].append((e.ref, n.text))
    cands = []
    dropped = 0
    for gk in sorted(groups):
        members = groups[gk]
        if len(members) < 2:
            continue
        members = sorted(members)
        pairs = set()
        for _ in range(min(6, len(members))):
            x, y = rng.sample(members, 2)
            if x[0] == y[0] or (x, y) in pairs or (y, x) in pairs:
                continue
            pairs.add((x, y))
            if plausibly_same(x[1], y[1]):
                dropped += 1
                continue
            cands.append((x, y))
    b.stats["neg_same_surname:dropped_plausibly_same_name"] = dropped
    n = 0
    for x, y in b.capped("neg_same_surname", cands, 2500):
        n += b.emit("neg_same_surname", 0, x[1], y[1], "person", [x[0], y[0]])


def build_neg_shared_words(b: Builder) -> None:
    rng = b.rng("neg_shared_words")
    by_word: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for e in b.ents:
        if e.kind != "organization":
            continue
        lat = e.latin_names()
        if not lat:
            continue
        text = lat[0].text
        for t in set(fold(text).split()):
            if len(t) >= 2:
                by_word[(e.source, t)].append((e.ref, text))
    # shared words that are legal forms or common words (in >= 5 names of a source)
    cands = []
    dropped = 0
    for wk in sorted(by_word):
        members = sorted(set(by_word[wk]))
        if len(members) < 5:
            continue
        for _ in range(3):
            x, y = rng.sample(members, 2)
            if not canon(x[1]) or not canon(y[1]) or plausibly_same(x[1], y[1]):
                dropped += 1
                continue
            cands.append((x, y, wk[1]))
    b.stats["neg_shared_words:dropped_plausibly_same_name"] = dropped
    seen = set()
    for x, y, w in b.capped("neg_shared_words", cands, 2500):
        if (x[0], y[0]) in seen:
            continue
        seen.add((x[0], y[0]))
        b.emit("neg_shared_words", 0, x[1], y[1], "organization", [x[0], y[0]], f"shared={w}")


def build_neg_short_long(b: Builder) -> None:
    one_token: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for e in b.ents:
        for n in e.latin_names():
            toks = fold(n.text).split()
            if len(toks) == 1 and len(toks[0]) >= 3:
                one_token[(e.source, toks[0])].append((e.ref, n.text))
    cands = []
    for e in b.ents:
        if e.kind not in ("person", "organization"):
            continue
        lat = e.latin_names()
        if not lat:
            continue
        text = lat[0].text
        toks = fold(text).split()
        if len(toks) < 2:
            continue
        own = {key(n.text) for n in e.names}
        for t in sorted(set(toks)):
            for ref, short in one_token.get((e.source, t), []):
                if ref != e.ref and key(short) not in own and canon(short) != canon(text):
                    cands.append((ref, short, e.ref, text, e.kind))
    # one short name should not dominate: at most 3 long names per short name
    per_short: Counter = Counter()
    rng = b.rng("neg_short_long")
    rng.shuffle(cands)
    kept = []
    for c in sorted(cands, key=lambda c: stable_hash(c[0] + c[2])):
        if per_short[c[1]] < 3:
            per_short[c[1]] += 1
            kept.append(c)
    for ref1, short, ref2, text, kind in b.capped("neg_short_long", kept, 2000):
        b.emit("neg_short_long", 0, short, text, kind, [ref1, ref2])


def build_neg_similar(b: Builder) -> None:
    from rapidfuzz import process

    cands = []
    dropped = Counter()
    for src in ("ofac", "uk", "canada", "eu"):
        items = []
        for e in b.ents:
            if e.source != src or e.kind not in ("person", "organization"):
                continue
            lat = e.latin_names()
            if lat:
                items.append((e.ref, lat[0].text, e.kind, {canon(n.text) for n in e.names}))
        items.sort()
        texts = [fold(t[1]) for t in items]
        # plain ratio over the whole source, pairs of 88 and up
        for i, q in enumerate(texts):
            for _, score, j in process.extract(q, texts, scorer=fuzz.ratio, score_cutoff=85,
                                               limit=6):
                if j <= i:
                    continue
                x, y = items[i], items[j]
                if x[2] != y[2]:
                    dropped["different_kinds"] += 1
                    continue
                if x[3] & y[3]:
                    dropped["same_canonical_name"] += 1
                    continue
                if plausibly_same(x[1], y[1]):
                    dropped["one_name_contains_the_other"] += 1
                    continue
                cands.append((x[0], x[1], y[0], y[1], x[2], int(score)))
    for k, v in dropped.items():
        b.stats[f"neg_similar:dropped_{k}"] = v
    for r1, a, r2, bb, kind, score in b.capped("neg_similar", cands, 2500):
        b.emit("neg_similar", 0, a, bb, kind, [r1, r2], f"ratio={score}")


# --------------------------------------------------------------------------- ordinary names

NATIVE_LOCALES = ["ru_RU", "uk_UA", "ar_AA", "fa_IR", "zh_CN", "zh_TW", "ja_JP", "ko_KR",
                  "hi_IN", "el_GR", "he_IL", "th_TH", "bg_BG"]
LATIN_LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "pl_PL",
                 "tr_TR", "vi_VN", "id_ID", "nl_NL", "es_MX", "sv_SE", "cs_CZ", "ro_RO",
                 "hu_HU", "en_IN", "fi_FI", "da_DK", "hr_HR", "az_AZ", "fil_PH", "yo_NG", "sw"]
FAMILY_FIRST = {"zh_CN", "zh_TW", "ja_JP", "ko_KR", "hu_HU", "vi_VN"}


def ordinary_names(n_total: int) -> list[tuple[str, str, str]]:
    """(name, locale, kind): customer-style names from Faker, native and romanized."""
    from faker import Faker

    out = []
    seen = set()
    locales = NATIVE_LOCALES + LATIN_LOCALES
    fakers = {}
    for loc in locales:
        f = Faker(loc)
        f.seed_instance(stable_hash(f"{SEED}:{loc}") % (2**31))
        fakers[loc] = f
    rng = random.Random(f"{SEED}:ordinary")
    i = 0
    while len(out) < n_total:
        loc = locales[i % len(locales)]
        i += 1
        f = fakers[loc]
        kind = "organization" if rng.random() < 0.3 else "person"
        if kind == "organization":
            name = f.company()
        else:
            first, last = f.first_name(), f.last_name()
            if loc == "ru_RU" and rng.random() < 0.4 and hasattr(f, "middle_name"):
                first = f"{first} {f.middle_name()}"
            if loc in ("zh_CN", "zh_TW", "ko_KR"):
                name = f"{last}{first}"
            elif loc in FAMILY_FIRST:
                name = f"{last} {first}"
            else:
                name = f"{first} {last}"
        tag = loc
        if loc in NATIVE_LOCALES and rng.random() < 0.5:
            if kind == "person" and loc in ("zh_CN", "zh_TW", "ja_JP") and hasattr(f, "romanized_name"):
                name = f.romanized_name()
            else:
                name = " ".join(cap_first(t) for t in unidecode(name).split())
            tag = f"{loc}-latn"
        name = clean(name)
        if name and (name, tag) not in seen:
            seen.add((name, tag))
            out.append((name, tag, kind))
    return out


def build_ordinary(b: Builder, n_total: int, n_paired: int) -> list[tuple[str, str, str]]:
    import numpy as np
    from rapidfuzz import process

    listed: dict[str, tuple[str, str, str]] = {}
    for e in b.ents:
        for n in e.names:
            k = key(n.text)
            if k and k not in listed:
                listed[k] = (e.ref, n.text, e.kind)
    names = ordinary_names(int(n_total * 1.05) + 50)
    canons = {canon(t) for t in (v[1] for v in listed.values())}
    kept = []
    removed = []
    homonyms = []
    for name, loc, kind in names:
        if key(name) in listed:
            removed.append(name)
        elif canon(name) in canons and canon(name):
            homonyms.append(name)  # "Mohammad Ahmad" / listed "Mohammad AL-AHMAD"
        else:
            kept.append((name, loc, kind))
    b.stats["ordinary:removed_literally_listed"] = len(removed)
    b.stats["ordinary:removed_examples"] = removed[:10]
    b.stats["ordinary:removed_same_name_up_to_articles_titles_legal_forms_spelling"] = len(homonyms)
    b.stats["ordinary:removed_same_name_examples"] = homonyms[:10]
    kept = kept[:n_total]
    # pair a sample with its 3 nearest listed names (token_sort_ratio on unidecode'd text)
    keys = sorted(listed)
    sample = b.rng("ordinary:sample").sample(kept, min(n_paired, len(kept)))
    queries = [key(x[0]) for x in sample]
    near95 = 0
    for start in range(0, len(queries), 250):
        block = queries[start:start + 250]
        m = process.cdist(block, keys, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)
        for row, (name, loc, kind) in zip(m, sample[start:start + 250]):
            top = np.argpartition(-row.astype(np.int16), 3)[:3]
            top = sorted(top, key=lambda j: (-int(row[j]), keys[j]))
            if int(row[top[0]]) >= 95:
                near95 += 1
            for j in top:
                ref, text, lkind = listed[keys[j]]
                b.emit("ordinary", 0, name, text, kind if lkind == kind else "",
                       [ref], f"faker={loc};ratio={int(row[j])}")
    b.stats["ordinary:paired_names_with_a_listed_name_at_ratio>=95"] = near95
    return kept


# --------------------------------------------------------------------------- main


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not args.lists.is_dir():
        print(f"list folder not found: {args.lists}", file=sys.stderr)
        return 2
    stats: Counter = Counter()
    ents = load_lists(args.lists, stats)
    b = Builder(ents, args.reference, stats)
    steps = [build_script_pairs, build_alias_spelling, build_chinese, build_cantonese,
             build_order, build_typo, build_lookalike, build_case_punct, build_cyrillic,
             build_arabic, build_legal, build_titles, build_neg_same_surname,
             build_neg_shared_words, build_neg_short_long, build_neg_similar]
    for step in steps:
        step(b)
        print(f"{step.__name__}: {len(b.rows)} rows so far", file=sys.stderr)
    ordinary = build_ordinary(b, ORDINARY_NAMES, ORDINARY_PAIRED)
    order = {c: i for i, c in enumerate(POSITIVE_CLASSES + NEGATIVE_CLASSES)}
    rows = sorted(b.rows, key=lambda r: (order[r["class"]], r["split"], r["ref"], r["a"], r["b"]))
    # one (a, b) pair once per class
    uniq, seen = [], set()
    for r in rows:
        k = (r["class"], r["a"], r["b"])
        if k not in seen:
            seen.add(k)
            uniq.append(r)
    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "pairs.tsv", PAIR_COLUMNS, uniq)
    ord_rows = [{"name": n, "locale": loc, "split": "dev" if stable_hash(n) % 2 == 0 else "test"}
                for n, loc, _ in ordinary]
    write_tsv(args.out / "ordinary_names.tsv", ("name", "locale", "split"), ord_rows)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"dev": 0, "test": 0})
    for r in uniq:
        counts[r["class"]][r["split"]] += 1
    report = {
        "seed": SEED,
        "counts": {c: counts[c] for c in order if c in counts},
        "total_pairs": len(uniq),
        "ordinary_names": len(ord_rows),
        "stats": {k: v for k, v in sorted(stats.items())},
    }
    (args.out / "build_report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for c in order:
        if c in counts:
            print(f"{c:24s} dev {counts[c]['dev']:5d}  test {counts[c]['test']:5d}")
    print(f"total {len(uniq)} pairs, {len(ord_rows)} ordinary names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
