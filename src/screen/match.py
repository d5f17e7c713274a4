"""screen.match: rank the listed parties whose names match a query, and say why.

A :class:`Screener` holds one snapshot and its candidate index (:mod:`screen.index`):
load once, match many times; it is safe to share between threads (its state is
read-only after construction apart from its caches: the prepared listed names, whose
dict entries are filled atomically, and the index's caches, which change under a
lock; see :mod:`screen.index`).

What a match is: a listed party is returned when one of its published names has a
:func:`screen.compare` score with the query (both names prepared without a kind) that,
adjusted by the secondary facts (and the weak-alias rule below), reaches the
threshold. The index only makes this fast: :meth:`Screener.match_exhaustive` compares
the query with every listed name and must give the same answer (the tests check it on
thousands of queries).

Secondary facts, each with its reason in the explanation:

- birth year: a year within one year of a listed one (each year a published date or
  range names; not the years between two published dates) adds 3; a year further
  from all of them takes off 15; no listed year is neutral. A query's range ("1955 to
  1965", "the 1960s") fits when some listed year is within one year of it.
- country: both sides are read as ISO 3166 countries (:mod:`screen.countries`: codes
  such as "RU" or "RUS", names such as "Russian Federation", "Korea, North", "Burma",
  in English and a few other languages; a listed place such as "Moscow, Russia" by
  the country its last part names: "Armenia, Quindio, Colombia" is in Colombia). A
  country named in the party's nationalities, citizenships, addresses or places of
  birth adds 2; a party whose listed countries are all others takes off 5 (people
  move; a weak signal). A country not recognised, a party with no recognised
  country, a query's country that may be one of several ("Korea") of which only some
  are listed, or one only a listed value naming several countries may mean
  ("Khabarovsk Region, USSR"), is neutral, and the explanation says so. A missing
  value (None, NaN, ``pandas.NA``) is no country and no birth date.
- kind: a person query against an organisation, vessel or aircraft (or the reverse)
  takes off 20.

Scores above 100 are held to 100; among parties at one score, the one whose score
before that was higher comes first (a birth year that fits ranks a party above one
that lists none), and a party is shown through the name that scored best.

One fact of the listed name adjusts its score too: a name the list marks as a weak
alias that meets only part of the query takes off 20 (see :data:`WEAK_PART_PENALTY`).
"""

from __future__ import annotations

import os
import re
import warnings
from bisect import bisect_left
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from numbers import Integral, Real
from pathlib import Path
from typing import TypedDict

import numpy as np
import pyarrow as pa

from .countries import codes_in, codes_of
from .fields import LINE_WIDTH, cut_lines, field_names, given_name
from .index import NameIndex, code_fingerprint
from .names import korean
from .names.compare import (
    ARABIC_ARTICLES,
    DEFAULT_THRESHOLD,
    Comparison,
    compare_lazy,
    glued_in,
)
from .names.normalize import (
    EDGE_LEGAL_FORMS,
    GENERIC_FORMS,
    GENERIC_ORG_WORDS,
    LEGAL_FORMS,
    LEGAL_PHRASES,
    PARTICLES,
    SOFT_TITLE_WEIGHT,
    TITLES,
    Prepared,
    _segments,
    legal_typo,
    prepare,
    prepare_once,
)
from .names.romanize import romanize
from .sources.schema import birth_years as listed_years
from .sources.schema import checked_sources, decade_years

BIRTH_MATCH_BONUS = 3.0
BIRTH_CONTRADICTION = 15.0
COUNTRY_MATCH_BONUS = 2.0
COUNTRY_CONTRADICTION = 5.0
KIND_CONTRADICTION = 20.0
MAX_BONUS = BIRTH_MATCH_BONUS + COUNTRY_MATCH_BONUS


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One listed party whose name matched the query."""

    score: float  # 0..100, after the secondary facts
    source: str  # "ofac" | "eu" | "uk" | "canada"
    list: str  # the publication: "SDN", "OFSI Consolidated List", ...
    entity_id: str  # the id the authority publishes
    entity_type: str  # person | organization | vessel | aircraft | unknown
    name: str  # the party's primary name
    alias: str  # the published name that matched
    programs: tuple[str, ...]
    explanation: str  # why: which words met which, under which rule, and the facts
    snapshot: str  # identity of the snapshot matched against (for audit and replay)
    published: str | None  # the source list's publication date as it states it

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.__slots__}  # type: ignore[attr-defined]


FIRST_BIRTH_YEAR = 1800  # the earliest birth year read; the latest is this year


def birth_year(birth_date: object) -> int | None:
    """The (first) year ``match`` reads from a ``birth_date``; see :func:`birth_years`."""
    years = birth_years(birth_date)
    return None if years is None else years[0]


def birth_years(birth_date: object) -> tuple[int, int] | None:
    """The years ``match`` reads from a ``birth_date``, first and last: of a str, the
    years it names (four digits, or a date written YYYYMMDD), from the earliest to the
    latest, at most :data:`MAX_BIRTH_SPAN` years apart ("1955-1965", "1955 to 1965",
    "1950 or 1952", "01 Jan 1950 to 31 Dec 1952", "1950-01-01/1952-12-31", "1950-60"),
    or a decade ("1960s", "early 1960s"), when it holds dates alone (else its first
    year: "DOB 1958 passport 2005"), two years more either side when approximate ("c.
    1960", as a listed one, see :data:`CIRCA_YEARS`); of anything else, the year of
    :func:`_one_birth_year`. A str naming years further apart is a ``ValueError``:
    read as its first year alone, the others were lost, and a listed birth year among
    them counted as evidence against the party."""
    if isinstance(birth_date, str):
        decade = decade_years(birth_date)
        if decade:
            return _plausible(decade[0], birth_date), min(decade[-1], date.today().year)
        years = [int(m.group(1)) for pattern in (_YEAR, _YYYYMMDD_IN)
                 for m in pattern.finditer(birth_date)]
        if len(years) > 1 and not _dates_alone(birth_date):
            # other words beside the dates ("DOB 1958 passport 2005", "1958, age 60 in
            # 2018"): the first year is the birth year, as it always was
            years = years[:1]
        else:
            for m in _SHORT_SPAN.finditer(birth_date):  # "1950-60": 1950 to 1960
                first, last = int(m.group(1)), int(m.group(1)[:2] + m.group(2))
                if last > first and int(m.group(2)) > 12:  # ("2010-12" is a month)
                    years.append(last)
            # decades, each whole ("1950s or 1960s": 1950 to 1969)
            years += [int(m.group(1)) + 9 for m in _DECADE_IN.finditer(birth_date)]
        spread = _approximate(birth_date)  # ("c. 1960", "1957 +/- 2": as a listed one)
        if years and spread:
            years += [min(years) - spread, max(years) + spread]
        if years:
            first, last = min(years), max(years)
            _plausible(first, birth_date)
            _plausible(last, birth_date)
            if last - first > MAX_BIRTH_SPAN:
                raise ValueError(
                    f"'birth_date' names years more than {MAX_BIRTH_SPAN} apart ({first} and "
                    f"{last}: {birth_date!r}); give one year, or a range of at most "
                    f"{MAX_BIRTH_SPAN} years")
            return first, last
    year = _one_birth_year(birth_date)
    return None if year is None else (year, year)


# the most years a birth date given as a range or as several dates may span
MAX_BIRTH_SPAN = 20
_DECADE_IN = re.compile(r"(?<!\d)(1[89]\d0|20\d0)'?s\b", re.IGNORECASE)
# what a text of dates alone holds besides its numbers: month names, their
# abbreviations, "or", "to", "and", "between", "circa" ... (see _dates_alone)
_DATE_WORDS = frozenset("""jan feb mar apr may jun jul aug sep sept oct nov dec january february
    march april june july august september october november december or to and between
    from until till bis und oder ou et y o circa ca c approx approximately about around
    est estimated early mid late the st nd rd th dob born in alt also s t z""".split())
# (1950s; ISO T, Z)


def _dates_alone(text: str) -> bool:
    """Whether a text holds dates alone (and the words that join them: "1950 or 1952",
    "01 Jan 1950 to 31 Dec 1952", "between 1955 and 1965"), not other numbers beside
    them ("Passport 1987 issued 2005")."""
    return all(w in _DATE_WORDS for w in re.findall(r"[^\W\d_]+", text.lower()))


# a range whose second year is written with two digits, over 12 (else a month: "2010-12"),
# in no longer date ("2001-09-11"): "1950-60", "1950/52"
_SHORT_SPAN = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*(?:-|–|—|/|\bto\b)\s*(\d\d)"
                         r"(?!\d|[-./]\d)", re.IGNORECASE)


def _missing(value: object) -> bool:
    """None, or a missing value of pandas or NumPy (NaN, NaT, pandas.NA)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and value != value  # noqa: PLR0124 - NaN


def _one_birth_year(birth_date: object) -> int | None:
    """The year ``match`` reads from a ``birth_date``: a date's (``datetime.date``,
    ``datetime``, a pandas ``Timestamp``, ``numpy.datetime64``), an int's (a year, or
    a date written YYYYMMDD as databases keep them: 19521007), the first four-digit
    year in a str (or its first YYYYMMDD run); None for None and for a missing value
    (NaN, NaT, ``pandas.NA``). A year before 1800 or after this one is a
    ``ValueError``, as is a str without a year: a year no one can be born in would
    otherwise count as evidence against every listed birth year. Any other type is a
    ``TypeError``."""
    if _missing(birth_date):
        return None
    if isinstance(birth_date, (date, datetime)):
        if birth_date != birth_date:  # noqa: PLR0124 - pandas' NaT: a datetime, missing
            return None
        return _plausible(birth_date.year, birth_date)
    if isinstance(birth_date, np.datetime64):
        if np.isnat(birth_date):
            return None
        return _plausible(int(birth_date.astype("datetime64[Y]").astype(np.int64)) + 1970,
                          birth_date)
    if isinstance(birth_date, (Real, Decimal)) and not isinstance(birth_date, bool):
        if birth_date != birth_date:  # noqa: PLR0124 - NaN (of any float type): missing
            return None
        try:
            # (typeshed's numbers.Real declares no __int__; float, Fraction, Decimal and
            # NumPy's numbers have one)
            year = int(birth_date)  # type: ignore[arg-type]
        except (OverflowError, ValueError):  # (infinity)
            year = None
        if year is None or (not isinstance(birth_date, Integral) and birth_date != year):
            raise ValueError(f"'birth_date' must be a whole year (got {birth_date!r})")
        if 10_000_000 <= year <= 99_999_999:  # YYYYMMDD
            m = _YYYYMMDD.fullmatch(str(year))
            if m is None:
                raise ValueError(f"'birth_date' {birth_date!r} is neither a year nor a "
                                 "date written YYYYMMDD")
            year = int(m.group(1))
        return _plausible(year, birth_date)
    if isinstance(birth_date, str):
        m = _YEAR.search(birth_date) or _YYYYMMDD_IN.search(birth_date) \
            or _ANY_YEAR.search(birth_date)  # (1700: not "no year", a year refused)
        if m:
            return _plausible(int(m.group(1)), birth_date)
        raise ValueError(f"'birth_date' must contain a four-digit year (got {birth_date!r})")
    raise TypeError(f"'birth_date' must be a date, an int year or a str (got {type(birth_date).__name__})")


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_YYYYMMDD = re.compile(r"(1[89]\d\d|20\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_YYYYMMDD_IN = re.compile(rf"(?<!\d){_YYYYMMDD.pattern}(?!\d)")
_ANY_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _plausible(year: int, given: object) -> int:
    if not FIRST_BIRTH_YEAR <= year <= date.today().year:
        raise ValueError(f"'birth_date' must be a year from {FIRST_BIRTH_YEAR} to this year "
                         f"(got {given!r})")
    return year


KINDS = ("person", "organization", "vessel", "aircraft")  # what ``kind`` may say
# ... in any case, and as these words too: British spelling, and the words the lists
# type their parties with (the UK's Group Type "Individual", "Entity", "Ship"; the EU's
# subjectType "enterprise"), which a table built from them holds
KIND_WORDS = {**{k: k for k in KINDS}, "organisation": "organization", "individual": "person",
              "entity": "organization", "enterprise": "organization", "ship": "vessel"}
INDEX_KEEP = 4  # saved indexes kept in HOME/index (see Screener._load_or_build_index)


class _MatchOptions(TypedDict):
    """:meth:`Screener.match`'s options but ``limit``, as match_field passes them on."""

    threshold: float | None
    sources: Collection[str] | None
    kind: str | None
    birth_date: object
    country: str | None
    weak_aliases: bool


class IndexNotSavedWarning(UserWarning):
    """A screener built the candidate index but could not save it in the data home
    (read-only to this user): each process builds it again."""


def _country(country: str | None) -> tuple[str, frozenset[str]] | None:
    """A query's country as given (trimmed) and its ISO codes (empty when not
    recognised); None when there is none. "Moscow, Russia" is read as a listed place
    is, when it is no country's code or name."""
    text = " ".join(country.split()) if country else ""
    if not text or _NO_COUNTRY.fullmatch(text):
        return None
    return text, codes_of(text) or codes_in(text)


# what databases write for a country they do not have: no country ("N.A." would
# otherwise be read as Namibia's code; "NA" alone is Namibia)
_NO_COUNTRY = re.compile(r"(?i)n\. ?a\.?|n/a|none|unknown|not (?:known|available)|-+|\?+")


class _ReadsFields:
    """How a payment field's names are read against the listed names (romanized and
    sorted, see :meth:`_plain_names`): a :class:`Screener`'s, or a :class:`FieldReader`
    taken of one."""

    _plain: tuple[list[str], list[int]] | None
    _plain_longest: int
    _name_entity: np.ndarray
    _name_text: list[str]

    def _opened(self, start: str) -> list[int]:
        """The positions in :meth:`_plain_names` of the listed names that open with
        ``start``, up to the first that makes them many (see :meth:`_many`)."""
        texts, _ = self._plain_names()
        opened = []
        for i in range(bisect_left(texts, start), len(texts)):
            if not texts[i].startswith(start):
                break
            opened.append(i)
            if len(opened) > 4 * CUT_MAX_PARTIES and self._many(opened):
                break
        return opened

    def _many(self, opened: list[int]) -> bool:
        """Whether listed names (positions in :meth:`_plain_names`) are of more than
        :data:`CUT_MAX_PARTIES` parties and more than as many distinct names."""
        texts, rows = self._plain_names()
        return len({texts[i] for i in opened}) > CUT_MAX_PARTIES and len(
            {int(self._name_entity[rows[i]]) for i in opened}) > CUT_MAX_PARTIES

    def _glued_names(self, name: str) -> list[str]:
        """The listed names (romanized, see :func:`_plain`) that ``name`` opens with,
        before an address on its line: glued to it where lines were joined without a
        space ("U-STONE LIMITEDAV FRANCISCO DE MIRANDA 1060" opens with "U-STONE
        LIMITED" and an "AV"), or before a word that opens one ("ROSNEFT UL TVERSKAYA
        7"; an address with a number first is cut off by :func:`field_names`
        already). Only a listed name that ends inside a word of ``name`` whose rest is
        a word that opens an address (:data:`ADDRESS_OPENERS`; of three letters or more
        inside the first word) or a number, or before a word that opens a street
        (:data:`STREET_OPENERS`, not "BUILDING" or "OFFICE", which a company's name
        may hold) with a number after it, or before a last word that names a country
        ("ROSNEFT RU", see :func:`_country_word`), or (a name of two words or more)
        before a place and a country at the end ("ANGSTREM JSC CARACAS VENEZUELA", see
        :func:`_place_before_country`) or before a street ("PARTOSANAT PJSC LENINA 14",
        "BANK URALSIB OAO KING FAHD ROAD", see :func:`_street_at`), and that names something (see
        :func:`_names_something`), each to be screened as a name; and those a long name
        opens with once a space is put back where a wrapped line was joined on without
        one (see :func:`_rejoined`)."""
        text = _plain(name)
        if " " not in text:
            return []
        texts, _ = self._plain_names()
        longest = self._plain_longest
        # (no listed name is longer: the words past it are never looked at, so that a
        # field of 100,000 characters answers as promptly as a name)
        words = text[:longest + 1].split(" ")
        last_digit = max((i for i, ch in enumerate(text) if ch.isdigit()), default=-1)
        # (a two-letter country code after a Chinese or Korean name is its last
        # syllable, "ZHANG WEI LI", "KIM SONG IL", not a country: see _one_syllable)
        out = []
        start = 0
        # where a place (one to three words) before a country at the field's end may
        # start: "ANGSTREM JSC CARACAS VENEZUELA", "HOSSEIN MAROUFI BUSINESS BAY DUBAI UAE"
        # (not in a field written in Chinese, Japanese or Korean characters, whose
        # syllables read as words would be taken for a place's or a street's: "近藤 亮介
        # BAGHDAD IRAQ", read "jin teng liang jie baghdad iraq", is no "JIN TENG" in a
        # place, nor "近藤 誠 MAIN STREET 5" one before a street)
        latin = not _CJK.search(name)
        place = _place_before_country(text) if latin else None
        for k, word in enumerate(words):
            end = start + len(word)
            if start > longest:
                break
            # (an opener is at most as long as the longest of them: only the word's end)
            ends = [at for at in range(max(start + 1, end - _LONGEST_OPENER), end)
                    if (rest := text[at:end]) in ADDRESS_OPENERS and (start or len(rest) >= 3)]
            # (in the name's first word only a long opener: "NETPOSASTRADA", not
            # "GRU|PO" (GRUPO ...) or "LEONA|RD" (LEONARD ...)); a number glued on
            if start:
                ends += [at for at in range(start + 1, end)
                         if text[at].isdigit() and not text[at - 1].isdigit()][:1]
            if k and word in STREET_OPENERS and k + 1 < len(words) and last_digit > end:
                ends.append(start - 1)
            if k and k + 1 == len(words) and _country_word(word, words[:k]):
                ends.append(start - 1)  # a country after it: "ROSNEFT RU"
            for at in ends:
                head = text[:at]
                if _listed(texts, head) and _names_something(head.split()):
                    out.append(head)
            # a place and a country, or a street, after a name of two words or more
            # that ends where they may follow (see _carries_itself). Not after a
            # one-word name: a given name before a surname ("OTTO LOPES CARACAS
            # VENEZUELA": OTTO a weak alias), a company's common word before its trade
            # ("SPUTNIK TOURS DUBAI UAE": SPUTNIK listed) as often as a listed name
            # before its place ("ROSNEFT MOSCOW RUSSIA"). Nor where the name's words
            # are each one Chinese or Korean syllable and the next word is one too: a
            # given name's second ("SUN WEI JUN SHANGHAI CN" is no SUN WEI in a place)
            if k > 1 and ((place is not None and place[0] <= start < place[1])
                          or (latin and _street_at(words, k))) \
                    and not (_one_syllable(word) and all(map(_one_syllable, words[:k]))):
                head = text[:start - 1]
                if _listed(texts, head) and _names_something(words[:k]) and _carries_itself(head):
                    out.append(head)
            start = end + 1
        return out + _rejoined(words, texts, longest)

    def _plain_names(self) -> tuple[list[str], list[int]]:
        """Every listed name romanized (see :func:`_plain`), sorted, and the row of
        each; a name written "SURNAME, Given" (one comma) also in the order a payment
        writes it ("PESKOV, Dmitrii Sergeevich" as "dmitrii sergeevich peskov";
        "PETROBARRANCOS, S.A. DE C.V." as "s a de c v petrobarrancos"). Made on first
        use (0.3 s for the full lists)."""
        got = self._plain
        if got is None:
            pairs = [(_plain(name), row) for row, name in enumerate(self._name_text)]
            pairs += [(_plain(f"{given} {surname}"), row)
                      for row, name in enumerate(self._name_text) if name.count(",") == 1
                      for surname, given in [name.split(",")] if surname.strip() and given.strip()]
            pairs.sort()
            self._plain_longest = max((len(t) for t, _ in pairs), default=0)
            got = self._plain = ([t for t, _ in pairs], [row for _, row in pairs])
        return got


class Screener(_ReadsFields):
    """One snapshot, ready to match.

    Its candidate index is saved in the data home (``HOME/index/``) and loaded by the
    next screener of the same snapshot; of the indexes of other snapshots, only the
    most recently used (:data:`INDEX_KEEP` in all) are kept."""

    def __init__(self, snapshot=None, *, home: str | Path | None = None):
        if snapshot is None:
            from . import store

            snapshot = store.load(home)
        if not (hasattr(snapshot, "entities") and hasattr(snapshot, "names")):
            # (a snapshot id a match recorded is a natural thing to try here)
            raise TypeError(
                "'snapshot' must be a loaded snapshot, such as screen.load() returns (got "
                f"{type(snapshot).__name__}); for the snapshot of an id a match recorded: "
                "screen.load(version=screen.store.snapshot_versions(ID))")
        self.snapshot = snapshot
        self.snapshot_id: str = getattr(snapshot, "id", "") or ""
        ents: pa.Table = snapshot.entities
        names: pa.Table = snapshot.names
        self._published = _published_by_list(getattr(snapshot, "manifest", None) or {})
        e_source = ents.column("source").to_pylist()
        e_id = ents.column("entity_id").to_pylist()
        # (source, entity_id) is unique within a list; a party on two lists of one
        # source (61 OFAC parties are both SDN and non-SDN) has one row per list, and a
        # name of it matches on each of them.
        row_of: dict[tuple[str, str], int] = {}
        self._same_party: dict[int, list[int]] = {}
        for r, key in enumerate(zip(e_source, e_id)):
            first = row_of.setdefault(key, r)
            if first != r:
                self._same_party.setdefault(first, []).append(r)
        self._ent_source = e_source
        self._ent_id = e_id
        self._ent_list = ents.column("list").to_pylist()
        self._ent_type = ents.column("entity_type").to_pylist()
        self._ent_name = ents.column("name").to_pylist()
        self._ent_programs = [tuple(p or ()) for p in ents.column("programs").to_pylist()]
        self._by_min = np.array([-1 if v is None else v for v in ents.column("birth_year_min").to_pylist()])
        self._by_max = np.array([-1 if v is None else v for v in ents.column("birth_year_max").to_pylist()])
        # (see _entity_countries)
        self._countries: list[tuple[frozenset[str], frozenset[str]] | None] = [None] * len(e_id)
        self._years: list[tuple[int, ...] | None] = [None] * len(e_id)  # see _listed_years
        self._circa: set[int] = set()  # parties with a birth date published as approximate
        self._ents = ents
        n_source = names.column("source").to_pylist()
        n_id = names.column("entity_id").to_pylist()
        self._name_text: list[str] = names.column("name").to_pylist()
        self._name_entity = np.array([row_of[(s, i)] for s, i in zip(n_source, n_id)], dtype=np.int32)
        self._name_source = np.array(n_source, dtype=object)
        # the names a list marks as weak aliases (OFAC's weak a.k.a.s, the UK's
        # low-quality ones): matched like any other, and said so in the explanation,
        # unless a call leaves them out (weak_aliases=False). (Through a list: pyarrow's
        # to_numpy would import pandas, when installed: 0.2 s and 45 MB of a process
        # that only matches.)
        self._name_weak = (np.logical_not(np.array(names.column("strong").to_pylist(), dtype=bool))
                           if "strong" in names.column_names else np.zeros(len(n_id), dtype=bool))
        # listed names prepared so far, by text: a name published on several lists (6%
        # of the snapshot's names repeat) is prepared once
        self._prepared: dict[str, Prepared] = {}
        self._plain: tuple[list[str], list[int]] | None = None  # see _plain_names
        self._plain_longest = 0
        # a screener of some parties only (batch.restricted_screener) reads a payment
        # field as the screener of all of them does: (what that screener reads fields
        # through, see FieldReader, and per row of its names the row of the same name
        # here, -1 where it has none). Which names a field holds depends on every
        # listed name (a name glued to an address, a line cut, one that opens many
        # parties' names), not only on those it may match
        self._reader: tuple[FieldReader, np.ndarray] | None = None
        self.index = self._load_or_build_index(home)

    # -- index ---------------------------------------------------------------------------
    def _index_path(self, home) -> Path | None:
        if not self.snapshot_id:
            return None
        base = getattr(self.snapshot, "path", None)
        if base is None:
            return None
        return Path(base) / "index" / f"{self.snapshot_id}-{code_fingerprint()}.npz"

    def _load_or_build_index(self, home) -> NameIndex:
        """The snapshot's index from ``HOME/index/<snapshot id>-<code fingerprint>.npz``,
        or built and saved there. An index loaded is touched, so that its modification
        time says when it was last used. Saving one removes the indexes of other
        snapshot ids beyond the :data:`INDEX_KEEP` most recently used (counting the one
        saved; some 44 MB each for the full lists), and those of this snapshot built by
        other code. A process still reading a removed file is not disturbed (POSIX
        keeps an open file until it is closed); one about to open it builds the
        index anew."""
        path = self._index_path(home)
        if path is not None and path.exists():
            index = NameIndex.load(path)
            if index is not None and len(index.weights) == len(self._name_text):
                try:
                    os.utime(path)  # used now: kept by the pruning of other screeners
                except OSError:
                    pass  # a read-only data home
                return index
        index = NameIndex.build(self._name_text)
        if path is not None:
            try:
                index.save(path)
                # its prepared names read from the file from now on, not held (17 MB)
                index.use_saved(path)
                for stale in path.parent.glob(f"{self.snapshot_id}-*.npz"):
                    if stale != path:  # built by other code: its keys may differ
                        stale.unlink(missing_ok=True)
                _prune_indexes(path, INDEX_KEEP)
            except OSError as exc:  # a read-only data home: the index kept in memory
                warnings.warn(
                    f"the candidate index could not be saved in {path.parent} "
                    f"({exc.strerror or exc}): every process builds it anew (some 10 s "
                    "for the four lists) until a user who may write the data home runs "
                    "'screen update'", IndexNotSavedWarning, stacklevel=3)
        return index

    # -- matching ------------------------------------------------------------------------
    def _prepared_name(self, row: int) -> Prepared:
        text = self._name_text[row]
        p = self._prepared.get(text)
        if p is None:
            # as the index packed it when it was built, else prepared now (kept here,
            # not in prepare's cache)
            p = self.index.prepared(row, text) or prepare_once(text)
            self._prepared[text] = p
        self.index.ready[row] = 1
        return p

    def match(
        self,
        name: str,
        *,
        threshold: float | None = None,
        limit: int | None = 10,
        sources: Collection[str] | None = None,
        kind: str | None = None,
        birth_date: object = None,
        country: str | None = None,
        weak_aliases: bool = True,
    ) -> list[Match]:
        """The listed parties matching ``name``, best first (score descending, then the
        score before it was held to 100, source, entity id, list, alias).
        ``weak_aliases=False`` leaves out the names a list marks as weak aliases (see
        :data:`WEAK_NOTE`): a party is then matched through its other names only.

        ``limit``: at most this many parties (an int of at least 1), or None for all.
        ``sources``: one source name ("uk") or a collection of them; ``kind``: one of
        :data:`KINDS`, in any case (and the words of :data:`KIND_WORDS`: "individual",
        "entity", "ship" ...). An option that would quietly match less (a source name
        misspelt, a limit of 0) is a ``ValueError``, also for a name that matches
        nothing."""
        q, threshold, year, country_key, sources, kind = self._query(
            name, threshold, birth_date, country, weak_aliases, limit, sources, kind)
        if q is None:
            return []
        bonus = (BIRTH_MATCH_BONUS if year is not None else 0.0) + (
            COUNTRY_MATCH_BONUS if country_key and country_key[1] else 0.0)
        rows = self.index.candidates(q, threshold - bonus)
        return self._finish(q, rows, threshold, limit, sources, kind, year, country_key,
                            weak_aliases)

    def match_field(
        self,
        field: str,
        *,
        threshold: float | None = None,
        limit: int | None = 10,
        sources: Collection[str] | None = None,
        kind: str | None = None,
        birth_date: object = None,
        country: str | None = None,
        weak_aliases: bool = True,
    ) -> list[Match]:
        """The listed parties matching a name in a payment message's counterparty field
        (an account, an address, a reference, two parties: see
        :func:`screen.fields.field_names`), each once per list with its best match, best first
        (score descending, then in the order the field's names and :meth:`match` gave
        them). A match through a name the field was read as says so first in its
        explanation ('field read as "ZHU HAILUN": ...'). A name line that fills its 35
        characters may have been cut there, the rest of the name lost: it is also read
        as the start of the listed names it opens (see :meth:`_cut_matches`; 'field
        line cut at 35 characters, read as the start of the listed name: ...'), and a
        listed name the field opens with, glued to an address by lines joined without
        a space, is screened as a name (see :meth:`_glued_names`). A field that is a
        plain name of fewer than 33 characters, glued to nothing, gets what
        :meth:`match` gives it. The options are :meth:`match`'s."""
        names = field_names(field)
        # (every option checked, as match checks them, also for a field with no name)
        self._query("", threshold, birth_date, country, weak_aliases, limit, sources, kind)
        plain = " ".join(field.split())
        opts: _MatchOptions = {"threshold": threshold, "sources": sources, "kind": kind,
                "birth_date": birth_date, "country": country, "weak_aliases": weak_aliases}
        cut = cut_lines(field)
        # (each with the text it was read from, to show it as the field writes it)
        reader: _ReadsFields = self._reader[0] if self._reader is not None else self
        glued = {g: name for name in names for g in reader._glued_names(name) if g not in names}
        if names == [plain] and not cut and not glued:
            return self.match(field, limit=limit, **opts)
        shown = {g: _as_written(name, g) for g, name in glued.items()}
        # (a reading with a space put back, see _rejoined, is shown as read)
        shown = {g: w if _plain(w) == g else g for g, w in shown.items()}
        names += glued
        # per listed party and list, as match gives them: a party on two lists of one
        # source (61 OFAC parties are both SDN and non-SDN) is shown on each
        best: dict[tuple[str, str, str], Match] = {}
        found = [(name, self.match(name, limit=None, **opts)) for name in names]
        found += [(name, self._cut_matches(name, opts)) for name in cut]
        for i, (name, matches) in enumerate(found):
            for m in matches:
                key = (m.source, m.list, m.entity_id)
                if key not in best or m.score > best[key].score:
                    best[key] = replace(m, explanation=(
                        f"field line cut at {len(name)} characters, read as the start of the "
                        f"listed name: {m.explanation}") if i >= len(names)
                        else m.explanation if name == plain
                        else f'field read as "{shown.get(name, name)}": {m.explanation}')
        ranked = sorted(best.values(), key=lambda m: -m.score)  # (stable: first found first)
        return ranked if limit is None else ranked[:limit]

    def _cut_matches(self, line: str, opts: _MatchOptions) -> list[Match]:
        """The listed names whose text starts with ``line`` (a payment field's name line
        that fills its width and may have been cut there, see
        :func:`screen.fields.cut_lines`), scored as the words the line has whole
        against as many of the listed name's first words (the line's last word may be
        cut: it only has to open the listed name's next word). Letters are compared
        romanized, case and punctuation aside. Only a line that names something is
        read so: a whole word that names something (see :func:`_names_something`), or
        a last word of five letters or more that opens no word of legal forms or
        generic company words ("LIMITED LIABILITY COMPANY ZHEMCHUZH", not "LIMITED
        LIABILITY COMPANY INVESTMEN" nor "OBSHCHESTVO S OGRANICHENNOY OTVETST", which
        open many listed names and customers' alike); and one that does not open the
        names of many parties (see :meth:`_many`).
        ``opts``: :meth:`match`'s options but ``limit``."""
        words = _plain(line).split()
        if len(words) < 2:
            return []
        if not _names_something(words[:-1]) and (
                len(words[-1]) < 5 or words[-1] in _common_openings()):
            return []
        reader: _ReadsFields = self if self._reader is None else self._reader[0]
        own = None if self._reader is None else self._reader[1]
        texts, rows = reader._plain_names()
        start = " ".join(words)
        opened = reader._opened(start)
        # a line that opens many listed names of many parties names none of them: a
        # form of company unread ("FEDERALNOE GOSUDARSTVENNOE UNITARNO", "JOINT STOCK
        # COMPANY SCIENTIFIC PROD"); one party is on up to four lists, with several
        # spellings, and one name may be filed as several parties (AL-AQSA's 9); and a
        # cut word of a few letters says little more than the whole words before it
        # ("FEDERAL STATE UNITARY ENTERPRISE ST"): those must then name few as well
        if not opened or reader._many(opened) or (
                len(words[-1]) < 5 and reader._many(reader._opened(" ".join(words[:-1]) + " "))):
            return []
        listed_as = {row: prepare_once(" ".join(texts[i].split()[:len(words) - 1]))
                     for i in opened
                     if (row := rows[i] if own is None else int(own[rows[i]])) >= 0}
        if not listed_as:
            return []
        q, threshold, year, country_key, sources, kind = self._query(
            " ".join(words[:-1]), opts["threshold"], opts["birth_date"], opts["country"],
            opts["weak_aliases"], None, opts["sources"], opts["kind"])
        if q is None:
            return []
        return self._finish(q, np.array(sorted(listed_as), dtype=np.int32), threshold, None,
                            sources, kind, year, country_key, opts["weak_aliases"], listed_as)

    def warm_up(self) -> int:
        """Prepare every listed name now, so that no query pays for preparing the
        listed names it is the first to meet: for a long-running service whose latency
        counts from its first queries. A saved index holds them prepared, and they
        are read back from it (see ``NameIndex.prepared``): the full snapshot here
        takes 0.7 s in a fresh process (6.2 s when each name was prepared anew),
        212 MB resident before it and 272 MB after. The many objects it makes lengthen
        Python's full garbage collections: ``gc.freeze()`` right after this call
        exempts the objects alive then from later collections, for good. Changes no
        answer. Returns how many names it prepared (0 when called again)."""
        before = len(self._prepared)
        for row in range(len(self._name_text)):
            self._prepared_name(row)
        return len(self._prepared) - before

    def prefetch(self, names: Iterable[object]) -> None:
        """Prepare ``names`` (non-strings are skipped) and look up the index hits of
        their words in one batch, so that matching them next costs less: a word's
        lookup costs a few dozen NumPy calls, which a batch of names shares. Changes no
        answer. :func:`screen.match_table` calls it for each batch of names."""
        self.index.prefetch([prepare(n) for n in names if isinstance(n, str)])

    def match_exhaustive(self, name: str, *, threshold: float | None = None,
                         limit: int | None = 10, sources: Collection[str] | None = None,
                         kind: str | None = None, birth_date: object = None,
                         country: str | None = None, weak_aliases: bool = True
                         ) -> list[Match]:
        """The reference :meth:`match`: compares the query with every listed name, no
        index. Slow (about a second); for tests and benchmarks."""
        q, threshold, year, country_key, sources, kind = self._query(
            name, threshold, birth_date, country, weak_aliases, limit, sources, kind)
        if q is None:
            return []
        rows = np.arange(len(self._name_text), dtype=np.int32)
        return self._finish(q, rows, threshold, limit, sources, kind, year, country_key,
                            weak_aliases)

    def _query(self, name, threshold, birth_date, country, weak_aliases=True, limit=None,
               sources=None, kind=None):
        """The options checked (every one, also for a name that matches nothing, so
        that a wrong option fails at once) and read: the prepared query (None when it
        is empty), the threshold, the birth year, the country key, the sources and the
        kind (in any case, a word of KIND_WORDS read as its kind: "individual" as
        "person")."""
        if not isinstance(name, str):
            raise TypeError(f"'name' must be str (got {type(name).__name__})")
        if not isinstance(weak_aliases, bool):
            raise TypeError(f"'weak_aliases' must be bool (got {type(weak_aliases).__name__})")
        if threshold is None:
            threshold = DEFAULT_THRESHOLD
        elif isinstance(threshold, bool) or not isinstance(threshold, (Real, Decimal)):
            raise TypeError(f"'threshold' must be a number (got {type(threshold).__name__})")
        threshold = float(threshold)
        if not 0 < threshold <= 100:  # (also refuses NaN)
            raise ValueError(f"'threshold' must be in (0, 100] (got {threshold})")
        if limit is not None:
            if not isinstance(limit, Integral) or isinstance(limit, bool):
                raise TypeError(f"'limit' must be an int or None (got {type(limit).__name__})")
            limit = int(limit)  # (a NumPy int too: what a DataFrame's cell gives)
            if limit < 1:  # (a slice would quietly drop the last matches)
                raise ValueError(f"'limit' must be at least 1, or None for every match "
                                 f"(got {limit})")
        if _missing(kind):  # (a DataFrame's empty cell, as for country and birth_date)
            kind = None
        if kind is not None and not isinstance(kind, str):
            raise TypeError(f"'kind' must be str or None (got {type(kind).__name__})")
        if isinstance(kind, str):  # ("Person", a list's "Individual", British spelling)
            kind = KIND_WORDS.get(kind.strip().lower(), kind)
        if kind is not None and kind not in KINDS:
            raise ValueError(f"'kind' must be one of {', '.join(KINDS)} or None (got {kind!r})")
        sources = checked_sources(sources)
        year = birth_years(birth_date)
        if _missing(country):  # (a DataFrame's empty cell)
            country = None
        if country is not None and not isinstance(country, str):
            raise TypeError(f"'country' must be str (got {type(country).__name__})")
        q = prepare(name)
        if q.empty:
            return None, threshold, year, None, sources, kind
        return q, threshold, year, _country(country), sources, kind

    def _finish(self, q, rows, threshold, limit, sources, kind, year, country_key,
                weak_aliases=True, listed_as: dict[int, Prepared] | None = None
                ) -> list[Match]:
        """The matches of ``q`` among the name ``rows``; ``listed_as``: the prepared name
        to compare with in place of a row's (the start of it, see :meth:`_cut_matches`)."""
        if sources is not None:
            rows = rows[np.isin(self._name_source[rows], list(sources))]
        if not weak_aliases and len(rows):
            rows = rows[~self._name_weak[rows]]
        # per party: (score, the score before it was held to 100, the name's score,
        # the name's row, the comparison, the alias): the best name of a party is the
        # one whose score, then unheld score, then name score is highest, then the
        # first alias (a party met at 100 through an exact name and, with a birth
        # year that fits, through a close one is shown through the exact one)
        best: dict[int, tuple[float, float, float, int, Comparison, str]] = {}
        for row in rows.tolist():
            listed = self._prepared_name(row) if listed_as is None else listed_as[row]
            name_score, why = compare_lazy(q, listed)  # why: if it matches
            if name_score <= 0 or name_score + MAX_BONUS < threshold:  # cheap early out
                continue
            weak = self._name_weak[row]
            part = weak and weak_alias_in_part(q, listed)
            if part:
                name_score = max(0.0, round(name_score - WEAK_PART_PENALTY, 2))
                if name_score <= 0 or name_score + MAX_BONUS < threshold:
                    continue
            first = int(self._name_entity[row])
            alias = self._name_text[row]
            base = None  # the explanation, written once for the name's parties
            for ent in (first, *self._same_party.get(first, ())):
                unheld, facts = self._adjust(ent, name_score, kind, year, country_key)
                score = max(0.0, min(100.0, unheld))  # (rounded: _adjust rounds)
                if score < threshold:
                    continue
                prev = best.get(ent)
                if prev is None or (score, unheld, name_score) > prev[:3] or (
                        (score, unheld, name_score) == prev[:3] and alias < prev[5]):
                    if base is None:
                        base = Comparison(name_score, why() + (
                            WEAK_PART_NOTE if part else WEAK_NOTE if weak else ""))
                    best[ent] = (score, unheld, name_score, row,
                                 Comparison(base.score, _explain(base, facts)), alias)
        # best first: by score, then by the score before it was held to 100 (a party
        # whose birth year fits before one that lists none, at 100 both)
        ranked = sorted(((self._make_match(ent, score, alias, comp), unheld)
                         for ent, (score, unheld, _name, _row, comp, alias) in best.items()),
                        key=lambda mu: (-mu[0].score, -mu[1], mu[0].source, mu[0].entity_id,
                                        mu[0].list, mu[0].alias))
        out = [m for m, _ in ranked]
        return out if limit is None else out[:limit]

    def _adjust(self, ent: int, score: float, kind, year, country_key) -> tuple[float, list[str]]:
        facts: list[str] = []
        if year is not None:
            listed = self._listed_years(ent)
            one = year[0] == year[1]
            given = f"birth year {year[0]}" if one else f"birth years {year[0]}-{year[1]}"
            if not listed:
                facts.append("no birth year listed")
            else:
                shown = _runs(listed) + (f" (a circa date read as {CIRCA_YEARS} years either "
                                         "side)" if ent in self._circa else "")
                if any(year[0] - 1 <= y <= year[1] + 1 for y in listed):
                    score += BIRTH_MATCH_BONUS
                    facts.append(f"{given} {'fits' if one else 'fit'} listed {shown}")
                else:
                    score -= BIRTH_CONTRADICTION
                    facts.append(f"{given} {'contradicts' if one else 'contradict'} listed "
                                 f"{shown}")
        if country_key:
            given, codes = country_key
            sure, listed_in = self._entity_countries(ent)
            if not codes:
                facts.append(f"country {given!r} not recognised, not used")
            elif not listed_in:
                facts.append("no country listed")
            elif codes <= sure:
                score += COUNTRY_MATCH_BONUS
                facts.append(f"country {given!r} listed")
            elif codes.isdisjoint(listed_in) and _related(codes, listed_in):
                facts.append(f"country {given!r} {_related(codes, listed_in)}, not used")
            elif codes.isdisjoint(listed_in):
                score -= COUNTRY_CONTRADICTION
                facts.append(f"country {given!r} not among the listed countries "
                             f"({', '.join(sorted(listed_in))})")
            elif len(codes) > 1:
                facts.append(f"country {given!r} may be one of several "
                             f"({', '.join(sorted(codes))}), not all listed")
            else:  # (a listed value that names several: "USSR")
                facts.append(f"country {given!r} only in a listed value that names several "
                             "countries, not used")
        if kind is not None:
            etype = self._ent_type[ent]
            if etype != "unknown" and (etype == "person") != (kind == "person"):
                score -= KIND_CONTRADICTION
                facts.append(f"listed as {etype}, query is {kind}")
        return round(score, 2), facts

    def _listed_years(self, ent: int) -> tuple[int, ...]:
        """The party's birth years, each year its published dates name (every year of a
        published range; not the years between two dates: a party listed as born in
        1966 or 1986 was not born in 1976), and :data:`CIRCA_YEARS` either side of one
        published as approximate ("circa 1942": a query's 1944 is no contradiction),
        sorted; () when none."""
        got = self._years[ent]
        if got is None:
            lo, hi = int(self._by_min[ent]), int(self._by_max[ent])
            if lo < 0:
                got = ()
            else:
                texts = self._ents.column("birth_dates")[ent].as_py() or []
                got = tuple(sorted({y for t in texts for y in _years_of(t)})) \
                    or tuple(range(lo, hi + 1))
                if any(_approximate(t) for t in texts):
                    self._circa.add(ent)
            self._years[ent] = got
        return got

    def _entity_countries(self, ent: int) -> tuple[frozenset[str], frozenset[str]]:
        """The ISO codes of the countries the party's nationalities, countries and
        places of birth name: those a value names for sure, and those it may name (a
        value that names several, such as a former state, "Khabarovsk Region, USSR",
        may be in any of them but is in none for sure). A place is in the country its
        last part names, when it names one ("Armenia, Quindio, Colombia" is in
        Colombia), and may be in a territory an earlier part names ("Gaza, Egypt").
        Both empty when none is recognised."""
        got = self._countries[ent]
        if got is None:
            row = self._ents.slice(ent, 1)
            sure: set[str] = set()
            listed: set[str] = set()
            for col in ("nationalities", "countries", "birth_places"):
                for v in row.column(col)[0].as_py() or []:
                    if v:
                        for_sure, maybe = _value_countries(v, col == "birth_places")
                        sure |= for_sure
                        listed |= maybe
            got = (frozenset(sure), frozenset(listed))
            self._countries[ent] = got
        return got

    def _make_match(self, ent: int, score: float, alias: str, comp: Comparison) -> Match:
        source = self._ent_source[ent]
        lst = self._ent_list[ent]
        return Match(
            score=score,
            source=source,
            list=lst,
            entity_id=self._ent_id[ent],
            entity_type=self._ent_type[ent],
            name=self._ent_name[ent],
            alias=alias,
            programs=self._ent_programs[ent],
            explanation=comp.explanation,
            snapshot=self.snapshot_id,
            published=self._published.get((source, lst)),
        )


# OFAC "does not expect that persons will screen for weak AKAs, but expects that such
# AKAs may be used to help determine whether a 'hit' arising from other information is
# accurate" (FAQ 124): a match through one is kept, and marked for the analyst
WEAK_NOTE = "; a weak alias on the list"
# ... and one that meets only part of the query is the false hit OFAC warns of: a
# customer "Ahmed Abu Ayed" is not the party whose weak a.k.a. is "ABU AYED" for that
# alone, nor "Dos Santos" the one of "SANTOS". Such a match costs WEAK_PART_PENALTY
# (from 94 and 100 to 74 and 80), and is kept for lower thresholds.
WEAK_PART_PENALTY = 20.0
WEAK_PART_NOTE = f"; a weak alias on the list, meeting only part of the name (-{WEAK_PART_PENALTY:g})"


class FieldReader(_ReadsFields):
    """What a :class:`Screener` reads payment fields through (its listed names
    romanized, their parties), apart from its index and caches: a restricted screener
    holds one of the full screener's (see ``batch.restricted_screener``), which pickles
    small and whole while that screener serves other threads (pickling the screener
    itself then failed, its caches changing under it)."""

    def __init__(self, screener: Screener):
        self._plain = screener._plain_names()
        self._plain_longest = screener._plain_longest
        self._name_entity = screener._name_entity


def weak_alias_in_part(q: Prepared, alias: Prepared) -> bool:
    """Whether the query says more than the (weak) listed name can meet: a word of
    its own beyond the alias's words (particles too: "dos"; not Arabic articles, which
    one spelling writes and another joins, nor the query's title kept before a
    one-word name: "MAULANA AL-BIJA"; the alias's such title may meet a word, "SHAUKH
    MUKHTAR" / "SHAYKH MUKHTAR"), unless the alias writes as one word what the query
    writes apart ("ABUAYED" / "Abu Ayed")."""
    words = sum(t.weight > SOFT_TITLE_WEIGHT and t.text not in ARABIC_ARTICLES
                for t in q.tokens)
    return words > sum(t.text not in ARABIC_ARTICLES for t in alias.tokens) \
        and not glued_in(alias.tokens, q.tokens)


# years either side of a birth year a list publishes as approximate ("circa 1942", "c.
# 1942", "approximately 1942"; OFAC gives 70 so, 46 parties no other), within which a
# query's year is no contradiction: the exact-date tolerance of one year cost such a
# party 15 points for a birth year two off ("Izzat Ibrahim al-Douri", listed circa 1942,
# lost at 1944)
CIRCA_YEARS = 2
_CIRCA = re.compile(r"\b(?:circa|ca|approx|approximately|about|around|est|estimated)\b"
                    r"|\bca?\.|~|\bca?(?=\d{4}\b)", re.IGNORECASE)
# a year and how far from it, as a reckoning gives it: "1957 +/- 2", "1957±2"
_PLUS_MINUS = re.compile(r"(?:±|\+\s*/\s*-|\+-)\s*(\d{1,2})(?!\d)")
MAX_PLUS_MINUS = 10  # the most years either side a "±" widens a date by


def _approximate(text: str) -> int:
    """The years either side of the year(s) a birth date names that it leaves open: a
    "±" or "+/-" and its years (at most :data:`MAX_PLUS_MINUS`), :data:`CIRCA_YEARS`
    for a circa date ("circa 1942", "c. 1942", "c1942", "ca1942", "approx.", "1942
    (est.)", "~1942"), else 0."""
    m = _PLUS_MINUS.search(text)
    if m:
        return min(int(m.group(1)), MAX_PLUS_MINUS)
    return CIRCA_YEARS if _CIRCA.search(text) else 0


def _years_of(text: str) -> list[int]:
    """The years a published birth date names, widened when it is approximate (see
    :func:`_approximate`)."""
    years = listed_years(text)
    spread = _approximate(text)
    if years and spread:
        return list(range(min(years) - spread, max(years) + spread + 1))
    return years


def _value_countries(value: str, place: bool) -> tuple[frozenset[str], frozenset[str]]:
    """The countries a listed value names for sure, and those it may name: a place is
    in the country its last part names, when that names one ("Armenia, Quindio,
    Colombia"), and may be in a territory its other parts name; a value naming several
    countries names each for sure when each of its parts names one ("Germany. Russia",
    a dual nationality), and none for sure when a name stands for several ("USSR",
    "Korea")."""
    if place:
        rest, _, tail = value.rpartition(",")
        last = codes_in(tail)
        if len(last) == 1:
            # ... and may be in a territory an earlier part names, as lists write one
            # before the state they file it under ("Gaza, Egypt", "Stimlje, Kosovo,
            # Serbia"); not in any country an earlier part names: a town ("Armenia,
            # Quindio, Colombia", "Ye, Burma"), a former state ("Baku, Former USSR, now
            # Azerbaijan")
            held = [c for c in map(codes_in, rest.split(",") if rest else ())
                    if len(c) == 1 and c <= _TERRITORIES]
            return last, last.union(*held)
    whole = codes_in(value)
    if len(whole) <= 1:
        return whole, whole
    parts = [codes_in(p) for p in _VALUE_PARTS.split(value) if p.strip()]
    if parts and all(len(c) == 1 for c in parts) and frozenset().union(*parts) == whole:
        return whole, whole
    return frozenset(), whole


_VALUE_PARTS = re.compile(r"[.,;/]")

# territories a list writes before the state it files them under, in a birth place
_TERRITORIES = frozenset({"PS", "XK", "HK", "MO", "TW", "EH"})
# territories a list may file under the state they are part of: OFAC writes a Hong Kong
# address as city "Hong Kong", country "China" (127 of its 150 parties with one list
# China alone), the UK list likewise; a bank's field says "HK", as payments and BICs do
_PART_OF = {"HK": "CN", "MO": "CN"}


def _related(codes: frozenset[str], listed: frozenset[str]) -> str:
    """How a query's countries, none of them listed, relate to listed ones (a part of
    a listed state, or the state of a listed part: "is part of listed CN", "holds
    listed HK"); "" when they do not."""
    parents = sorted(p for c in codes if (p := _PART_OF.get(c)) in listed)
    if parents:
        return f"is part of listed {', '.join(parents)}"
    parts = sorted(t for t in listed if _PART_OF.get(t) in codes)
    return f"holds listed {', '.join(parts)}" if parts else ""


def _runs(years: tuple[int, ...]) -> str:
    """Sorted years written as runs: "1945-1947, 1955, 1961"."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _explain(base: Comparison, facts: list[str]) -> str:
    if not facts:
        return base.explanation
    return f"{base.explanation}; name score {base.score:g}; " + "; ".join(facts)


def _prune_indexes(saved: Path, keep: int) -> list[Path]:
    """Remove the saved indexes beside ``saved`` but the ``keep`` most recently used
    (by modification time), counting ``saved``, which always stays: each snapshot id
    leaves one, and the store prunes its versions, not these. Returns those removed."""
    dated = []
    for p in saved.parent.glob("*.npz"):
        if p == saved or p.name.startswith("."):  # ("."-files: saves under way)
            continue
        try:
            dated.append((p.stat().st_mtime, p))
        except OSError:
            continue  # removed meanwhile by another process
    dated.sort(reverse=True)
    doomed = [p for _, p in dated[max(keep - 1, 0):]]
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed


def _published_by_list(manifest: dict) -> dict[tuple[str, str], str | None]:
    out: dict[tuple[str, str], str | None] = {}
    for source, info in (manifest or {}).items():
        if not isinstance(info, dict):
            continue
        for lst in info.get("lists", []) or []:
            if isinstance(lst, dict) and lst.get("list"):
                out[(source, lst["list"])] = lst.get("published")
    return out


_WORD_CHARS = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile("['\u2019\u02bc`\u00b4]")


def _plain(name: str) -> str:
    """A name romanized, in lowercase letters and digits, one space between words."""
    # (an apostrophe joins: "PEOPLE'S" is "peoples", as a field without it writes it)
    return " ".join(_WORD_CHARS.findall(_APOSTROPHES.sub("", romanize(name))))


def _listed(texts: list[str], head: str) -> bool:
    """Whether ``head`` is one of ``texts`` (sorted: see Screener._plain_names)."""
    i = bisect_left(texts, head)
    return i < len(texts) and texts[i] == head


@lru_cache(maxsize=1)
def _common_openings() -> frozenset[str]:
    """The openings (five letters or more) of the words of legal forms and of generic
    company words: a cut word that is one names nothing ("investmen", "corporat")."""
    words = {w for p in LEGAL_PHRASES for w in p} | LEGAL_FORMS | GENERIC_ORG_WORDS \
        | set(GENERIC_FORMS)
    return frozenset(w[:n] for w in words for n in range(5, len(w) + 1))


def _names_something(words: list[str]) -> bool:
    """Whether words (romanized, see :func:`_plain`) hold one of three letters or more
    that is no word of a legal form or phrase (whole or not: "OBSHCHESTVO S
    OGRANICHENNOY" names nothing), nor one a letter off such a word ("ogranichennoj",
    see normalize.legal_typo), generic company word, particle, title or number.
    (Spellings that share a phonetic key with such words were tried too: they took
    "MANSOUR", "SECURITY" and "OTKRITIE" for them.)"""
    nameless = _nameless_words()
    return any(len(w) >= 3 and not w.isdigit() and w not in nameless and not legal_typo(w)
               for w in words)


@lru_cache(maxsize=1)
def _nameless_words() -> frozenset[str]:
    """The words that name nothing in a company's name (see :func:`_names_something`)."""
    return frozenset({w for p in LEGAL_PHRASES for w in p} | LEGAL_FORMS | EDGE_LEGAL_FORMS
                     | GENERIC_ORG_WORDS | set(GENERIC_FORMS) | PARTICLES | TITLES
                     | _HOUSE_WORDS)


def _country_word(word: str, before: list[str]) -> bool:
    """Whether a field's last word names a country after the words ``before`` it: its
    name, or its two-letter code; not a three-letter code, which names end with
    ("DANIEL PAK", "TIGER CUB"), nor a code after words that are each one Chinese or
    Korean syllable, whose last it is ("ZHANG WEI LI"); after one word, only a code,
    and not after a given name (``fields.given_name``; "MARIA FR": a given
    name alone meets one-word listed names and weak aliases at 100)."""
    if len(word) == 3 or word in _legal_codes() or not codes_of(word):
        return False
    if len(word) == 2 and all(map(_one_syllable, before)):
        return False
    if len(before) == 1:
        return len(word) == 2 and bool(prepare(before[0]).tokens) and not given_name(before[0])
    return True


@lru_cache(maxsize=1)
def _legal_codes() -> frozenset[str]:
    """Country codes that are legal forms too, which end a company's name ("MOTORS AG",
    "TRADING SA", "HOLDING BV"). (Made on first use, not at import: it reads the table
    of countries.)"""
    return frozenset(w for w in LEGAL_FORMS | EDGE_LEGAL_FORMS if len(w) <= 3 and codes_of(w))


def _carries_itself(head: str) -> bool:
    """Whether a listed name of two words or more (romanized) that a field opens with
    ends where a place's or a street's words may follow: it has two words of full
    weight (not one name and a title, a particle or an Abd: "ABDUR RAHMAN DHAWAN
    BAGHDAD STREET" is no ABDUR RAHMAN before a street "DHAWAN BAGHDAD"), or, for one
    of one such word, a legal form closes it ("ANGSTREM JSC CARACAS VENEZUELA"; not
    "LIMITED LIABILITY COMPANY VELESSTORE FOODS DUBAI UAE", a company's word after a
    name of one word, which a probe of 1,500 listed companies with a trade word after
    them met 17-18% of the time in each form)."""
    p = prepare(head)
    if p.full >= 2.0 - 1e-9:
        return True
    last = head.rsplit(" ", 1)[-1]
    return p.organization and (last in LEGAL_FORMS or last in EDGE_LEGAL_FORMS)


def _place_before_country(text: str) -> tuple[int, int] | None:
    """Where a place's words before a country named at the end of ``text`` (romanized,
    see :func:`_plain`) may start: (the first such offset, the country's offset), or
    None. The country: its name (one to four words), or its two- or three-letter code
    ("UAE", "USA") not after a Chinese or Korean syllable; the place: one to
    PLACE_WORDS words of letters, none a word of a company's name (a legal form, a
    generic word: "MAK TRADING ISTANBUL TURKEY" is no "MAK" in a place; particles
    and titles may be a place's: "LA PAZ", "AL AIN")."""
    words = text.rsplit(" ", 4 + PLACE_WORDS)
    for n in (4, 3, 2, 1):
        if len(words) <= n + 1:
            continue
        tail = " ".join(words[-n:])
        if len(tail) < 2 or tail in _legal_codes() or not codes_of(tail) \
                or (len(tail) <= 3 and _one_syllable(words[-n - 1])):
            continue
        at = len(text) - len(tail)
        company = _company_words()[0]
        first = at
        for w in reversed(words[-n - PLACE_WORDS:-n]):
            if not w.isalpha() or w in company:
                break
            first -= len(w) + 1
        return (first, at) if first < at else None
    return None


_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# the most words a place before a country may have ("BUSINESS BAY DUBAI", "NEW YORK NY")
PLACE_WORDS = 3


def _one_syllable(word: str) -> bool:
    """Whether a word is one Chinese (pinyin) or Korean syllable."""
    return any(len(seg) == 1 for seg in (*_segments(word), *korean.segment(word)))


# "trading house" (torgovy dom), the way a company names itself, not who it is
_HOUSE_WORDS = frozenset(("house", "dom", "doma", "haus", "maison", "casa"))


# the most listed parties (and distinct names) whose names a cut line may open and
# still be read as the start of them (see Screener._cut_matches): one party on each of
# the four sources
CUT_MAX_PARTIES = 4


# words an address opens with, which a field whose lines were joined without a space
# glues onto the end of a name ("LIMITEDAV FRANCISCO DE MIRANDA", "PLANTVIA ROMA 15")
ADDRESS_OPENERS = frozenset("""
    av ave avda avenida avenue rua rue via calle carrera cra strada strasse str ul ulica
    ulitsa pr prosp prospekt jl jalan flat office suite unit plot po pob box bldg building
    blk floor fl apt apartment room rm villa road rd street lane no
""".split())
# ... those of them that open a street's name, and no company's word
STREET_OPENERS = frozenset("""
    av ave avda avenida rua rue via calle carrera cra strada strasse ul ulica ulitsa pr
    prosp prospekt jl jalan
""".split())
_LONGEST_OPENER = max(map(len, ADDRESS_OPENERS))
# words a street's name ends with ("KING FAHD ROAD", "SEKOU TOURE ST")
STREET_CLOSERS = frozenset("""
    road rd street st str avenue ave boulevard blvd drive highway hwy lane cad caddesi
    sokak sok
""".split())
# the most words of a street's own name before its closing word
STREET_WORDS = 2
# ... and words after a house's number that say it opens the street's name
_STREET_WORDS_AFTER = STREET_OPENERS | {"square", "sq", "place", "pl", "plaza", "way"}


def _street_at(words: list[str], k: int) -> bool:
    """Whether a street's name and number start at word ``k`` of a field (romanized,
    see :func:`_plain`): one word of letters and a house's number of four characters
    at most ("LENINA 14", "KOLONNADEN 5"), or one to STREET_WORDS words of letters and
    a word that closes a street's name ("KING FAHD ROAD", "AL RASHEED STREET"; ST only
    before a number). None of its words is a word of a company's name (a legal form,
    a generic word), nor opens with one of five letters or more, where lines were
    joined without a space: "LLC MAK TRADING 5" is no "LLC MAK" before a street, nor
    "AL WAFA ESTATE COMPANYBAGHDAD STREET" "AL WAFA"."""
    company, openings = _company_words()
    for j in range(k, min(k + STREET_WORDS, len(words) - 1)):
        if not words[j].isalpha() or words[j] in company or words[j].startswith(openings):
            return False
        after = words[j + 1]
        if after in STREET_CLOSERS and (after != "st" or words[j + 2:j + 3] and
                                        words[j + 2][:1].isdigit()):
            return True  # (ST before a number: "SMITH ST PETERSBURG" is a saint's)
        if j == k and after[:1].isdigit() and len(after) <= 4:
            # a house's number (not a postcode, a telephone's), and not one before its
            # street: "BRICHESE 45 AL WASL ROAD", "MARINE 7 RUE DE RIVOLI"
            return not any(w in STREET_CLOSERS or w in _STREET_WORDS_AFTER
                           for w in words[j + 2:j + 3 + STREET_WORDS])
    return False


@lru_cache(maxsize=1)
def _company_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words that name nothing in a company's name less particles and titles,
    which a street's or a place's name may hold ("AL RASHEED", "SHEIKH ZAYED", "LA
    PAZ"), and those of them of five letters or more, which a street's word may not
    open with (shorter ones open streets' names: "FREEDOM", "CASABLANCA", "OPENSHAW";
    a legal form glued to a street's word after a listed name, "GOLDEN STAR
    LLCBAGHDAD STREET", is the listed company's anyway)."""
    words = _nameless_words() - PARTICLES - TITLES
    return words, tuple(sorted(w for w in words if len(w) >= 5))


def _rejoined(words: list[str], texts: list[str], longest: int) -> list[str]:
    """The listed names (``texts``, sorted) that a name of more than a line's 35
    characters (its romanized ``words``) opens with once a space is put back inside a
    word across which the line was wrapped and joined on without one ("LIMITED
    LIABILITY COMPANY VTBCOMMERCIAL FINANCE"): the space at or before the 35th
    character, each such listed name that names something (``longest``: the length
    of the longest listed name)."""
    if sum(map(len, words)) + len(words) - 1 <= LINE_WIDTH:
        return []
    out = []
    start = 0
    for k, word in enumerate(words):
        if start >= LINE_WIDTH:
            break
        if start + len(word) < LINE_WIDTH - 2:
            # the word the line was wrapped before did not fit: the glued word reaches
            # the 35th character (less two for punctuation the romanized text drops),
            # not "AL|HAYAT AUTO SPARE PARTS TRADINGL.L.C", whose "AL HAYAT" is listed
            start += len(word) + 1
            continue
        for at in range(1, min(len(word), LINE_WIDTH - start + 1)):
            parts = [*words[:k], word[:at], word[at:], *words[k + 1:]]
            size = start + len(word)  # (the length of the head up to the split word's end)
            for e in range(k + 2, len(parts) + 1):
                if size > longest:
                    break
                size += len(parts[e]) + 1 if e < len(parts) else 0
                head = " ".join(parts[:e])
                i = bisect_left(texts, head)
                if i == len(texts) or not texts[i].startswith(head):
                    break  # (no listed name goes on so)
                if texts[i] == head and _names_something(parts[:e]):
                    out.append(head)
        start += len(word) + 1
    return out


def _as_written(text: str, head: str) -> str:
    """The start of ``text`` that ``head``, a start of its romanized letters and digits
    (see :func:`_plain`), stands for, as ``text`` writes it ("U-STONE LIMITED" of
    "U-STONE LIMITEDAV ..." for "u stone limited"); ``head`` itself where ``text`` is
    not all ASCII."""
    if not text.isascii():
        return head
    want = head.replace(" ", "")
    got = 0
    for i, ch in enumerate(text):
        if got == len(want):
            return text[:i].strip(" ,;/-")
        if ch.isalnum():
            if ch.lower() != want[got]:
                return head
            got += 1
    return text.strip(" ,;/-") if got == len(want) else head
