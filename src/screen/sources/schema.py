"""One Arrow schema for every list source.

A snapshot is two tables. ``entities`` has one row per listed party, ``names`` one
row per published name of a party. Each parser builds plain Python records
(:class:`Entity`, :class:`Name`) and turns them into tables with :func:`to_tables`,
so every source yields exactly the same columns and types.

The key of a party is ``(source, entity_id)``; ``entity_id`` is the identifier the
authority publishes (OFAC ent_num, EU logicalId, UK Group ID / Unique ID, Canada
"<regime>/<schedule>/<item>" since Canada publishes no id of its own).
"""

from __future__ import annotations

import builtins
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import cast

import pyarrow as pa

SOURCES = ("ofac", "eu", "uk", "canada")
ENTITY_TYPES = ("person", "organization", "vessel", "aircraft", "unknown")
NAME_TYPES = ("primary", "aka", "fka", "nka", "non_latin")


def checked_sources(sources: object) -> tuple[str, ...] | None:
    """``sources`` (None, one source name, or a collection of them) as a tuple of
    distinct source names. One name alone is that source: read as a collection, a
    str would be its letters, which name no source. A name that is no source, or an
    empty collection, is a ``ValueError``: asked to screen against it, a caller would
    quietly get nothing (None is every source)."""
    if sources is None:
        return None
    if isinstance(sources, str):
        sources = (sources,)
    try:
        # any object may come in: one that is not iterable raises the TypeError below,
        # and the names are checked against SOURCES
        wanted = tuple(dict.fromkeys(cast(Iterable[str], sources)))
    except TypeError:
        raise TypeError("'sources' must be a source name, a collection of them or None "
                        f"(got {type(sources).__name__})") from None
    if not wanted:
        raise ValueError(f"'sources' must name at least one of {', '.join(SOURCES)}, "
                         "or be None for all (got an empty collection)")
    unknown = [s for s in wanted if s not in SOURCES]
    if unknown:
        raise ValueError(f"'sources' must be among {', '.join(SOURCES)} "
                         f"(got {', '.join(map(repr, unknown))})")
    return wanted


DOCUMENT = pa.struct(
    [
        pa.field("kind", pa.string()),  # "passport", "national id", ... as published
        pa.field("number", pa.string()),
        pa.field("country", pa.string()),
        pa.field("note", pa.string()),
    ]
)

ENTITY_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("list", pa.string(), nullable=False),
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("entity_type", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("programs", pa.list_(pa.string())),
        pa.field("listed_on", pa.date32()),
        pa.field("birth_dates", pa.list_(pa.string())),  # as published
        pa.field("birth_year_min", pa.int16()),
        pa.field("birth_year_max", pa.int16()),
        pa.field("birth_places", pa.list_(pa.string())),
        pa.field("nationalities", pa.list_(pa.string())),
        pa.field("countries", pa.list_(pa.string())),  # address countries
        pa.field("documents", pa.list_(DOCUMENT)),
        pa.field("gender", pa.string()),
        pa.field("remarks", pa.string()),
    ]
)

NAME_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),  # exactly as published
        pa.field("name_type", pa.string(), nullable=False),
        pa.field("strong", pa.bool_(), nullable=False),
        pa.field("script", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        pa.field("given_name", pa.string()),
        pa.field("family_name", pa.string()),
    ]
)


@dataclass(slots=True)
class Entity:
    source: str
    list: str
    entity_id: str
    entity_type: str
    name: str
    # (builtins.list: in this class body `list` names the field above, for type checkers)
    programs: builtins.list[str] = field(default_factory=builtins.list)
    listed_on: date | None = None
    birth_dates: builtins.list[str] = field(default_factory=builtins.list)
    birth_year_min: int | None = None
    birth_year_max: int | None = None
    birth_places: builtins.list[str] = field(default_factory=builtins.list)
    nationalities: builtins.list[str] = field(default_factory=builtins.list)
    countries: builtins.list[str] = field(default_factory=builtins.list)
    documents: builtins.list[dict] = field(default_factory=builtins.list)
    gender: str | None = None
    remarks: str | None = None


@dataclass(slots=True)
class Name:
    source: str
    entity_id: str
    name: str
    name_type: str = "primary"
    strong: bool = True
    script: str = ""  # filled by to_tables() from the text when empty
    language: str | None = None
    given_name: str | None = None
    family_name: str | None = None


def _dedupe(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip() if isinstance(v, str) else v
        if v:
            seen.setdefault(v, None)
    return list(seen)


def merge_into(first: Entity, other: Entity) -> None:
    """Add to ``first`` what ``other``, a later record of the same party (a list that
    repeats an id), says: its list values, the earlier listing date, a gender and a
    type ``first`` lacks, other remarks."""
    for key in ("programs", "birth_dates", "birth_places", "nationalities", "countries",
                "documents"):
        getattr(first, key).extend(getattr(other, key))
    first.listed_on = min(d for d in (first.listed_on, other.listed_on) if d) \
        if (first.listed_on or other.listed_on) else None
    first.gender = first.gender or other.gender
    if other.remarks and other.remarks != first.remarks:
        first.remarks = "\n".join(r for r in (first.remarks, other.remarks) if r)
    if first.entity_type == "unknown":
        first.entity_type = other.entity_type


def to_tables(entities: list[Entity], names: list[Name]) -> tuple[pa.Table, pa.Table]:
    """Build the two tables of :data:`ENTITY_SCHEMA` and :data:`NAME_SCHEMA`.

    Fills the birth-year range from ``birth_dates`` where a parser left it empty,
    the ``script`` of each name from its text, and drops repeated list values and
    repeated (entity, name) rows, which several formats produce because they repeat a
    name once per address or birth date, and which a list gives when it publishes a
    party's primary name again as an alias (the UK list, 40 parties). The row kept is
    the first, or the primary name where a repeat is one; it is strong when any of
    its repeats is, and has the language the first of them to give one gives.
    """
    ent_cols: dict[str, list] = {f.name: [] for f in ENTITY_SCHEMA}
    for e in entities:
        if e.entity_type not in ENTITY_TYPES:
            raise ValueError(f"entity_type must be one of {ENTITY_TYPES} (got {e.entity_type!r})")
        if e.birth_year_min is None and e.birth_dates:
            years = [y for d in e.birth_dates for y in birth_years(d)]
            if years:
                e.birth_year_min, e.birth_year_max = min(years), max(years)
        for f in ENTITY_SCHEMA:
            v = getattr(e, f.name)
            if isinstance(v, list) and f.name != "documents":
                v = _dedupe(v)
            ent_cols[f.name].append(v)
    name_cols: dict[str, list] = {f.name: [] for f in NAME_SCHEMA}
    seen: dict[tuple[str, str, str], int] = {}  # -> its row
    for n in names:
        if n.name_type not in NAME_TYPES:
            raise ValueError(f"name_type must be one of {NAME_TYPES} (got {n.name_type!r})")
        text = n.name.strip() if n.name else ""
        if not text:
            continue
        n.name = text
        if not n.script:
            n.script = script_of(text)
        key = (n.source, n.entity_id, text)
        row = seen.get(key)
        if row is not None:
            # a name published twice, once as a weak alias and once not (the UK list
            # gives "Sheikh Hassan Dahir AWEYS" as a low and a good quality alias), is
            # no weak alias: leaving it out with weak_aliases=False would lose it
            strong = n.strong or name_cols["strong"][row]
            language = name_cols["language"][row] or n.language
            if n.name_type == "primary" and name_cols["name_type"][row] != "primary":
                for f in NAME_SCHEMA:
                    name_cols[f.name][row] = getattr(n, f.name)
            name_cols["strong"][row] = strong
            # (the UK list leaves a non-Latin name's language blank on some of its rows)
            name_cols["language"][row] = name_cols["language"][row] or language
            continue
        seen[key] = len(name_cols["name"])
        for f in NAME_SCHEMA:
            name_cols[f.name].append(getattr(n, f.name))
    return (
        pa.table(ent_cols, schema=ENTITY_SCHEMA),
        pa.table(name_cols, schema=NAME_SCHEMA),
    )


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


# a decade ("born in the 1970s"), with the part of it a list may name
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]+)?(1[89]\d0|20\d0)'?s\b", re.IGNORECASE)
_DECADE_PART = {None: (0, 9), "early": (0, 3), "mid": (3, 7), "late": (6, 9)}


def decade_years(text: str) -> list[int]:
    """The years of the decade a text names, when it names one and no other year:
    "born in the early 1970s" -> 1970-1973, "the 1970s" -> 1970-1979, "mid" 3-7,
    "late" 6-9; [] for other texts."""
    decade = _DECADE.search(text or "")
    if not decade or len(_YEAR.findall(text)) != 1:
        return []
    lo, hi = _DECADE_PART[decade.group(1) and decade.group(1).lower()]
    start = int(decade.group(2))
    return list(range(start + lo, start + hi + 1))


def birth_years(text: str) -> list[int]:
    """The four-digit years in a published birth date ("DOB Jan 1958", "1965-04-29",
    "circa 1960", "1962 to 1964" -> every year of the range; a decade, see
    :func:`decade_years`)."""
    decade = decade_years(text)
    if decade:
        return decade
    years = [int(y) for y in _YEAR.findall(text or "")]
    if len(years) == 2 and re.search(r"\bto\b|-|–", text) and years[0] < years[1] <= years[0] + 20:
        return list(range(years[0], years[1] + 1))
    return years


_SCRIPT_CACHE: dict[str, str] = {}


def _char_script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    s = _SCRIPT_CACHE.get(ch)
    if s is None:
        try:
            uname = unicodedata.name(ch)
        except ValueError:
            uname = ""
        first = uname.split(" ")[0] if uname else "UNKNOWN"
        if first == "CJK" or "IDEOGRAPH" in uname:
            s = "Han"
        elif first in ("HANGUL",):
            s = "Hangul"
        elif first in ("HIRAGANA", "KATAKANA"):
            s = "Kana"
        else:
            s = first.capitalize()
        _SCRIPT_CACHE[ch] = s
    return s


def script_of(text: str) -> str:
    """The main script of a name: "Latin", "Han", "Cyrillic", "Arabic", "Greek",
    "Hangul", ...; "Mixed" when no script has four fifths of the letters; "" when
    there are no letters."""
    counts: dict[str, int] = {}
    for ch in text:
        s = _char_script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return ""
    best = max(counts, key=counts.__getitem__)
    if counts[best] * 5 >= sum(counts.values()) * 4:
        return best
    return "Mixed"
