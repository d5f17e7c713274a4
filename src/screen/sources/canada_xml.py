"""Consolidated Canadian Autonomous Sanctions List (``sema-lmes.xml``): SEMA and JVCFOA
(Magnitsky-law) listings in one file.

Design notes:

* Recognised by its root ``data-set`` holding ``record`` elements with a ``Country``
  and an ``Item`` field. Three generations of tag names are read by one mapping:
  2020 (``Entity``, ``DateOfBirth``, ``Title``, no ``DateOfListing``), 2025
  (``EntityOrShip``, ``DateOfBirthOrShipBuildDate``, ``TitleOrShip``...) and the
  bilingual names of 2026 (``LastName-NomDeFamille``, ``TitleOrShipType-Titre...``):
  a tag is cut at its first ``-`` and the English part looked up exactly (no loose
  prefix match, so ``Item`` can never swallow a future ``ItemNote``).
* ``Country`` holds the *regime*, bilingual (``China / Chine``): its English part,
  trimmed, is the programme. The 80 JVCFOR records are the Magnitsky-law regime
  (``Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)``).
* The file has no publication date (``published`` is None; a note gives the latest
  ``DateOfListing``) and no identifier. ``entity_id`` is
  ``<regime>/<schedule>/<item>`` with the schedule normalised, since the file writes
  the same schedule several ways: ``1, Part 1``, ``1,Part 1`` and ``1, Part 1 `` ->
  ``1.P1``; ``Part 2`` -> ``P2``; ``1.1`` -> ``1.1``; ``3`` -> ``3``; missing or
  ``N/A`` -> ``-``. ``Part 1`` and ``1, Part 1`` are *not* merged: no regime uses both,
  and keeping them apart cannot make two records collide. Ids are unique in the 2025
  and 2020 files (5,090 and 1,369 records, no collision); should two records still
  share an id, the later ones get ``#2``, ``#3``... and a note counts them.
* Persons (``GivenName``/``LastName``): name = given name + last name, parts kept.
  ``EntityOrShip`` is a vessel when the record has a ``ShipIMONumber`` or its
  ``TitleOrShip`` names a ship type (tanker, cargo, carrier, vessel...), otherwise an
  organization. For vessels ``DateOfBirthOrShipBuildDate`` is the build year (kept in
  the remarks, not as a birth date) and the IMO number is a document. Birth dates are
  kept as published; ``1965-01-01 or 1966-01-01`` gives two.
* ``Aliases`` is one free-text string. It is split (see :func:`split_aliases`):
  always at ``;`` and at a line break between two scripts; at commas outside quotes
  and brackets, except that a piece that is only a legal form (``LLC``, ``АО``, ``Ltd``)
  stays with the name before it (``Концерн "ЦНИИ "Электроприбор, АО``, also in
  ``НПО Лавочкина, АО or Акционерное Общество ...``), or after it when it comes first
  (``ОАО, БЭТО``), and a piece that starts with ``or`` is an alternative in the one
  before it (``Alexander, or Alexandr Valerievich Kalinin``), and a comma that lists
  the items of a company's name is no separator (``Information Technologies, Mechanics
  and Optics University’s Centre``: see :func:`_enumerated`), nor is that of a
  person's name written surname first (``Баранов, Олег Анатольевич``: see
  :func:`_surname_first`); at `` or ``
  when every side has two words or more (``ОАО РЖД or Российские железные дороги``);
  a legal form alone beside an ``or`` is another legal form of the quoted name beside
  it (``Акционерное общество or АО "Усть-Луга Ойл"``: both with the name);
  in a person's alias, an ``or`` with a word alone on one side, or between two
  spellings of one word, joins two spellings of one word (``Katsiaryna or Katerina
  Smuschkovich``: Katsiaryna Smuschkovich, Katerina Smuschkovich; ``Aleksandr
  Evgenyevich or Evgenievich Kon’kov``; so does a slash between two spellings,
  ``Aleksander/ Aleksandr or Alexander /Alexandr Vladimirovich Karnienko``: four
  names); a company's is kept whole, unless each side is in another
  script than Latin and none a legal form alone: ``Следственный Комитет Российской
  Федерации or СКР`` is a name and its short form); at `` and `` between two
  names in a script other than Latin (``Віталій Вікторович Булюк and Виталий
  Викторович Булюк``) and between a person's names (``... Abdul Rahim Dagalo and
  Abdelrahim Hamdan Dagalo Mousa``), never inside a company's Latin name
  (``Myanma Investment and Commercial Bank``) but beside a legal form that closes the
  name before it or opens the next (``... Television Institute and ZAO MNITI``); at a
  slash between two names of two words or more (``Владимир РУЩАК / Володимир РУЩАК``;
  see :func:`_split_slash`).
  Labels such as
  ``Belarusian:``/``Russian:`` are removed and kept as the language of the names they
  head, also where the list left no separator before them (``Gulf Bank Company
  Limited     Arabic: بنك الخليج``). An alias not mostly in Latin letters is
  ``non_latin``, others ``aka``.
* A published name may hold other names: ``Radiofizika JSC (also known as OAO
  Radiofizika)`` (67 in the 2025 file), ``Commercial Bank of Syria/Banque commerciale
  de Syrie`` (English and French). It stays the party's name, and the names it holds
  are added as its aliases (see :func:`names_within`).
* A record with no name at all is skipped, counted and noted once; a file that is not
  well-formed raises :class:`ListFormatError`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from rapidfuzz import fuzz

from ..errors import ListFormatError
from .base import ParsedList, bracketed_names, iter_xml, xml_root_tag
from .schema import Entity, Name, script_of, to_tables

NAME = "canada_xml"
SOURCE = "canada"
LIST = "Consolidated Canadian Autonomous Sanctions List"

# English part of a tag (before the first "-") -> field; every generation's spelling.
FIELDS = {
    "Country": "regime",
    "LastName": "last",
    "GivenName": "given",
    "EntityOrShip": "entity",
    "Entity": "entity",
    "TitleOrShip": "title",
    "TitleOrShipType": "title",
    "Title": "title",
    "ShipIMONumber": "imo",
    "DateOfBirthOrShipBuildDate": "dob",
    "DateOfBirth": "dob",
    "Aliases": "aliases",
    "Schedule": "schedule",
    "Item": "item",
    "DateOfListing": "listed",
}

_SHIP_WORDS = re.compile(
    r"tanker|cargo|carrier|vessel|\bship|ro-ro|bulk|container|\btug\b|\bfso\b|\bfpso\b|"
    r"\blng\b|\blpg\b|barge|trawler|yacht|ferry|dredger|reefer", re.IGNORECASE)


def sniff(path: Path, head: bytes) -> str | None:
    _ns, local = xml_root_tag(head)
    if local == "data-set" and b"<record" in head and b"<Country" in head \
            and b"<Item" in head:
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


def _clean(text: str | None) -> str:
    """``text`` with its runs of white space one space, and a word wrapped at a hyphen
    joined again ("Gavrilov-\\nYam" is "Gavrilov-Yam", not "Gavrilov- Yam")."""
    return " ".join(_WRAPPED_AT_HYPHEN.sub("-", (text or "").replace("\xa0", " ")).split())


_WRAPPED_AT_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


def record_fields(el: ET.Element, unknown: Counter[str] | None = None) -> dict[str, str]:
    """The fields of one ``record`` by their generation-independent names; the tags of
    the elements it holds that are none (whose text is then not read) are counted in
    ``unknown``."""
    out: dict[str, str] = {}
    for child in el:
        key = FIELDS.get(child.tag.split("-", 1)[0])
        if key is None and unknown is not None and (child.text or "").strip():
            unknown[child.tag] += 1
        if key and key not in out:
            raw = child.text or ""
            out[key] = raw if key == "aliases" else _clean(raw)
    return out


def english(bilingual: str, separators: tuple[str, ...] = (" / ",)) -> str:
    """The English half of a bilingual value: ``Russia / Russie`` -> ``Russia``. Ship
    types and titles pair on ``|`` (``General Cargo | Cargo classique``), and a ``/``
    there is part of the English text (``General Cargo / Multi Purpose``); text
    without a separator is returned trimmed."""
    text = _clean(bilingual)
    for sep in separators:
        if sep in text:
            return text.split(sep, 1)[0].strip()
    return text


def normalize_schedule(schedule: str | None) -> str:
    s = _clean(schedule)
    if not s or s.upper() in ("N/A", "NA", "-"):
        return "-"
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)\s*,\s*)?Part\s*(\d+(?:\.\d+)?)", s, re.IGNORECASE)
    if m:
        return (f"{m.group(1)}." if m.group(1) else "") + f"P{m.group(2)}"
    return re.sub(r"\s+", "", s)


def listing_id(regime: str, schedule: str | None, item: str | None) -> str:
    return f"{regime}/{normalize_schedule(schedule)}/{_clean(item) or '-'}"


_LEGAL_FORMS = {
    "llc", "ltd", "ltd.", "limited", "inc", "inc.", "co", "co.", "corp", "corp.", "jsc",
    "ojsc", "pjsc", "cjsc", "ojsc.", "pjsc.", "llp", "plc", "gmbh", "ag", "sa", "s.a.",
    "bv", "b.v.", "ltda", "fze", "fzco", "fzc", "jv", "ao", "ooo", "oao", "pao", "zao",
    "ооо", "оао", "ао", "пао", "зао", "нао", "сао", "ип", "фгуп", "гуп", "муп", "мк",
}
# the legal forms the list writes out in full, alone beside an "or"
_LEGAL_PHRASES = frozenset((
    "акционерное общество", "открытое акционерное общество", "закрытое акционерное общество",
    "публичное акционерное общество", "непубличное акционерное общество",
    "страховое акционерное общество", "общество с ограниченной ответственностью",
    "joint stock company", "open joint stock company", "closed joint stock company",
    "public joint stock company", "limited liability company",
))
_LABEL = re.compile(r"^\s*([A-Z][a-z]{3,})\s*:\s*")
_OR = re.compile(r"\s+or\s+")
_AND = re.compile(r"\s+and\s+")
# a language label inside a piece, before the names in that language that it heads
# ("Gulf Bank Company Limited     Arabic: بنك الخليج", "... Dagalo Mousa Arabic:عبدالرحيم",
# "Беларускi народны банк) (Russian: Открытое ...": the brackets around it go too)
_EMBEDDED_LABEL = re.compile(r"\)?\s+\(?(?=[A-Z][a-z]{3,}\s*:\s*[^\x00-\x7f])")
_OPEN = {"(": ")", "[": "]", "«": "»", "“": "”", "„": "“"}


def _split_commas(text: str) -> list[str]:
    """Split at commas outside brackets and quotes. Publishers leave quotes and brackets
    unbalanced now and then: if they do not balance, straight quotes and then all
    quotes and brackets are ignored."""
    buf: list[str]
    stack: list[str]
    for level in (2, 1, 0):
        pieces, buf, stack, straight = [], [], [], False
        for ch in text:
            if level >= 2 and ch == '"':
                straight = not straight
            elif level >= 1 and stack and ch == _OPEN[stack[-1]]:
                stack.pop()
            elif level >= 1 and ch in _OPEN:
                stack.append(ch)
            elif ch == "," and not stack and not straight:
                pieces.append("".join(buf))
                buf = []
                continue
            buf.append(ch)
        pieces.append("".join(buf))
        if not stack and not straight:
            break
    return pieces


# a piece that goes on with the last two items of an enumeration that the piece before
# it opened: one capitalised word, then "and" ("Information Technologies, Mechanics and
# Optics University's Centre for Quantum Internet", ITMO's name; not "Algunade, Al
# Gunade and Al-Juneid")
_ENUMERATION_GOES_ON = re.compile(r"\s*[A-Z][a-z]+ and [A-Z]")


def _enumerated(before: str, piece: str) -> bool:
    """Whether a comma between ``before`` and ``piece`` lists the items of one
    company's name: ``before`` of one to three capitalised words in Latin letters with
    no "and", ``piece`` one more word and "and" (see _ENUMERATION_GOES_ON)."""
    words = before.split()
    return bool(_ENUMERATION_GOES_ON.match(piece)) and 0 < len(words) <= 3 and all(
        w[:1].isupper() and w[1:].islower() and w.isascii() and w.isalpha() for w in words)


# a patronymic, the last word of "Given Patronymic" (Russian, Ukrainian, Belarusian)
_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|івна|ічна|авіч|аўна|ovich|evich|ovna|evna"
                         r"|ovych|ivna|ovitch)$", re.IGNORECASE)


def _surname_first(before: str, piece: str) -> bool:
    """Whether a comma between ``before`` and ``piece`` is that of a person's name
    written "Surname, Given Patronymic" ("Баранов, Олег Анатольевич"): ``before`` one
    word, ``piece`` two words in the same script, the second a patronymic."""
    words = piece.split()
    return (_words(before) == 1 and len(words) == 2 and bool(_PATRONYMIC.search(words[1]))
            and script_of(before) == script_of(piece))


def _words(text: str) -> int:
    return len(text.split())


def _is_legal_form(piece: str) -> bool:
    words = piece.strip().lower().split()
    if " ".join(words) in _LEGAL_PHRASES:
        return True
    return 0 < len(words) <= 2 and all(w.strip(".") in _LEGAL_FORMS or w in _LEGAL_FORMS
                                       for w in words)


def split_aliases(text: str | None, *, person: bool = False) -> list[tuple[str, str | None]]:
    """Split a Canadian ``Aliases`` string into ``(alias, language label)`` pairs, in
    order, without repeats (the rules are in the module notes); ``person``: the
    aliases are a person's, whose names never hold an "and"."""
    if not text or not text.strip():
        return []
    text = text.replace("\xa0", " ")
    # a line break between two scripts separates aliases; any other is a wrapped line
    text = re.sub(r"\s*\n\s*", lambda m: "\n", text)
    chunks = []
    for line_piece in _split_script_breaks(text):
        chunks.extend(line_piece.split(";"))
    out: list[tuple[str, str | None]] = []
    label: str | None = None
    label_script: str | None = None
    for chunk in chunks:
        pieces = _split_commas(chunk)
        merged: list[str] = []
        for i, p in enumerate(pieces):
            if merged and _is_legal_form(p):
                merged[-1] = merged[-1] + "," + p
                continue
            if not merged and _is_legal_form(p) and i + 1 < len(pieces):  # "ОАО, БЭТО"
                pieces[i + 1] = p + "," + pieces[i + 1]
                continue
            head, sep, rest = p.partition(" or ")
            if merged and sep and _is_legal_form(head):  # "X, АО or Акционерное ..."
                merged[-1] = merged[-1] + "," + head
                p = rest
            elif merged and re.match(r"\s*or\s", p):  # "Alexander, or Alexandr ..."
                merged[-1] = merged[-1] + " " + p.strip()
                continue
            elif merged and not person and _enumerated(merged[-1], p):
                merged[-1] = merged[-1] + "," + p
                continue
            elif merged and person and _surname_first(merged[-1], p):
                merged[-1] = f"{p.strip()} {merged[-1].strip()}"
                continue
            merged.append(p)
        for piece in (part for p in merged for part in _EMBEDDED_LABEL.split(p)):
            piece = " ".join(piece.split())
            m = _LABEL.match(piece)
            if m:
                label = m.group(1)
                piece = piece[m.end():]
                label_script = script_of(piece)
            elif label and script_of(piece) != label_script:
                label = label_script = None
            piece = re.sub(r"^(?:and|a\.k\.a\.?|aka)\s+|\s+(?:AKA|a\.k\.a\.?)$", "", piece,
                           flags=re.IGNORECASE).strip(" ,")
            if piece.startswith("(") and ")" not in piece:  # a bracket the list left open
                piece = piece[1:].strip()
            if piece.endswith(")") and "(" not in piece:
                piece = piece[:-1].strip()
            if not piece:
                continue
            alts = _OR.split(piece)
            if len(alts) > 1 and any(map(_is_legal_form, alts)):
                candidates = _legal_form_alternatives(alts)
            elif len(alts) > 1 and person:
                candidates = _person_names(piece)
            elif len(alts) > 1 and all(_words(a) >= 2 for a in alts):
                candidates = alts
            elif len(alts) > 1 and _other_script_names(alts):
                # a company's name and its short form in another script than Latin,
                # where the English word cannot be part of either ("Следственный
                # Комитет Российской Федерации or СКР")
                candidates = alts
            else:
                candidates = [piece]
            candidates = [c for alt in candidates for a in _split_and(alt, person)
                          for c in _split_slash(a, person)]
            for c in candidates:
                c = c.strip()
                if c and all(c != o for o, _ in out):
                    out.append((c, label))
    return out


MAX_WORD_ALTERNATIVES = 8  # names one alias with "or" between words may stand for


def _word_alternatives(alias: str) -> list[str]:
    """A person's alias with "or" between two of its words, one of them a word alone:
    the names it stands for, each word after an "or" in place of the word before it
    ("Katsiaryna or Katerina Smuschkovich": Katsiaryna Smuschkovich, Katerina
    Smuschkovich; "Галина Книжонак or Книжонок-Максимова": Галина Книжонак, Галина
    Книжонок-Максимова). As published when a slash is in it too (its readings vary)
    or it stands for too many names."""
    if "/" in alias:
        return [alias]
    slots: list[list[str]] = []
    words = alias.split()
    i = 0
    while i < len(words):
        if words[i].lower() == "or" and slots and i + 1 < len(words):
            slots[-1].append(words[i + 1])
            i += 2
            continue
        slots.append([words[i]])
        i += 1
    names = [" ".join(choice) for choice in itertools.product(*slots)]
    return names if 1 < len(names) <= MAX_WORD_ALTERNATIVES else [alias]


def _person_names(alias: str) -> list[str]:
    """The names a person's alias with "or" in it stands for. An "or" between two
    names of several words each separates them ("Hanna Borisovna Liavusik or Anna
    Borisovna Leusik"), unless the words on either side of it are two spellings of one
    word ("Aleksandr Evgenyevich or Evgenievich Kon'kov"); an "or" with a word alone
    on one side, and a slash between two spellings of one word ("Aleksander/
    Aleksandr or Alexander /Alexandr Vladimirovich Karnienko"), joins two spellings of
    a word of one name (see :func:`_word_alternatives`)."""
    text = _SLASH_BETWEEN.sub(
        lambda m: f"{m.group(1)} or {m.group(2)}" if _spellings(m.group(1), m.group(2))
        else m.group(0), alias)
    parts = _OR.split(text)
    groups = [[parts[0]]]
    for before, part in itertools.pairwise(parts):
        if _words(before) == 1 or _words(part) == 1 \
                or _spellings(before.split()[-1], part.split()[0]):
            groups[-1].append(part)
        else:
            groups.append([part])
    names = [n for g in groups for n in _word_alternatives(" or ".join(g))]
    return list(dict.fromkeys(names))


_SLASH_BETWEEN = re.compile(r"([^\s/]+)\s*/\s*([^\s/]+)")
SPELLING_RATIO = 60  # rapidfuzz's ratio of two spellings of one word, at least


def _spellings(x: str, y: str) -> bool:
    return fuzz.ratio(x.lower(), y.lower()) >= SPELLING_RATIO


def _legal_form_alternatives(alts: list[str]) -> list[str]:
    """Names joined by "or" of which some are a legal form alone: the legal form is
    another of the name beside it ('Акционерное общество or АО "Усть-Луга Ойл"': the
    company's name in quotes with each; 'САО or Страховое Акционерное Общество
    "РЕСО-Гарантия"'). Without a quoted name to put it to, the rest as they are."""
    names = [a for a in alts if not _is_legal_form(a)]
    quoted = [m.group(0) for a in names for m in [_QUOTED.search(a)] if m]
    forms = [a for a in alts if _is_legal_form(a)]
    return [f"{f} {quoted[0]}" for f in forms if quoted] + names


_QUOTED = re.compile(r"[\"«“„][^\"«»“”„]+[\"»”“]")


def _other_script(parts: list[str]) -> bool:
    """Whether every part is written in another script than Latin, where an English
    "and" or "or" cannot be part of a name."""
    return all(script_of(p) not in ("Latin", "") for p in parts)


def _other_script_names(parts: list[str]) -> bool:
    """Whether every part is a name in another script than Latin (_other_script), none
    a legal form alone ("САО or Страховое Акционерное Общество ..." is one name: its
    legal form first)."""
    return _other_script(parts) and not any(map(_is_legal_form, parts))


def _split_and(alias: str, person: bool) -> list[str]:
    """An alias joined to the next by "and": between two names in another script than
    Latin ("Віталій Вікторович Булюк and Виталий Викторович Булюк"), where the English
    word cannot be part of either, or between a person's names ("Manakhimova and
    Semendueva and Jasmine"); a company's Latin name keeps its "and" ("Myanma
    Investment and Commercial Bank"), except beside a legal form that closes the name
    before it or opens the one after it: "Moscow Scientific Research Television
    Institute and ZAO MNITI", "VMP AVITEC JSC and Joint Stock Company Vyatskoye ..."
    (the 2025 file lists a company's other names so inside "(also known as ...)")."""
    parts = _AND.split(alias)
    if len(parts) > 1 and (person or _other_script(parts)):
        return [p for p in parts if p]
    if len(parts) > 1:
        out = [parts[0]]
        for part in parts[1:]:
            # (not "GmbH and Co. KG", a legal form of its own)
            if (_legal_edge(out[-1].split()[-1:]) or _opens_with_legal_form(part)) \
                    and part.split()[0].lower().strip(".") not in ("co", "cie"):
                out.append(part)
            else:
                out[-1] = f"{out[-1]} and {part}"
        if len(out) > 1 and all(_words(p) >= 2 for p in out):
            return out
    return [alias]


def _legal_edge(words: list[str]) -> bool:
    """Whether the first of ``words`` (one word or none) is a legal form."""
    return bool(words) and words[0].strip(",").lower() in _LEGAL_FORMS


def _opens_with_legal_form(part: str) -> bool:
    """Whether ``part`` opens with a legal form, or one written out in full."""
    low = part.lower()
    return _legal_edge(part.split()[:1]) or any(
        low.startswith(phrase + " ") for phrase in _LEGAL_PHRASES)


_SLASH = re.compile(r"\s*/\s*")


def _split_slash(alias: str, person: bool) -> list[str]:
    """An alias that holds a name on each side of a slash: one name in two languages
    (``Владимир РУЩАК / Володимир РУЩАК``, ``Hara Institute/Institut Hara``), or a
    company's name and its short form (``Открытое акционерное общество "ВОЛАТАВТО"/ ОАО
    "ВОЛАТАВТО"``). Every side must be two words or more: a word alone is part of the
    name (``Victory/Pobeda Political Bloc``, ``M/V Maria``, ``A/S``) or too short to
    stand for it (``GORT/ORTAS``, ``Aleksander/ Aleksandr``), except in a person's
    alias, where one word before the slash and a name after it are two spellings of the
    name's first word (``Alexander /Alexandr Vladimirovich Karnienko``). As published
    with an "or" in it (see :func:`_word_alternatives`)."""
    if "/" not in alias or _OR.search(alias):
        return [alias]
    parts = _SLASH.split(alias)
    if any(not p for p in parts):
        return [alias]
    if all(_words(p) >= 2 for p in parts):
        return parts
    if person and len(parts) == 2 and _words(parts[0]) == 1 and _words(parts[1]) >= 2:
        return [" ".join([parts[0], *parts[1].split()[1:]]), parts[1]]
    return [alias]


# a company's name that holds its other names: "Radiofizika JSC (also known as OAO
# Radiofizika)", the bracket now and then left open
_ALSO_KNOWN = re.compile(r"\s*\(\s*also known as\s+(.*?)\)?\s*$", re.IGNORECASE)


def names_within(name: str, person: bool) -> list[str]:
    """The names a published name holds besides itself, in order: the name before an
    "(also known as ...)" and the names in it (split as aliases are), and the names on
    either side of a slash (see :func:`_split_slash`); [] for most names. The published
    name stays the party's name: these are added as its aliases."""
    out: list[str] = []
    m = _ALSO_KNOWN.search(name)
    base = name
    if m:
        base = name[:m.start()].strip()
        out.append(base)
        out.extend(a for a, _ in split_aliases(m.group(1), person=person))
    parts = _split_slash(base, person)
    if len(parts) > 1:
        out.extend(parts)
    return [n for n in dict.fromkeys(out) if n and n != name]


def _split_script_breaks(text: str) -> list[str]:
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        prev = script_of(out[-1].split()[-1]) if out[-1].split() else ""
        nxt = script_of(line.split()[0]) if line.split() else ""
        if prev and nxt and prev != nxt:
            out.append(line)
        else:
            out[-1] = (out[-1] + " " + line).strip()
    return out


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def entity_from_fields(f: dict[str, str], eid: str, regime: str) -> tuple[Entity, list[Name]]:
    given, last, entity = f.get("given", ""), f.get("last", ""), f.get("entity", "")
    title = english(f.get("title", ""), ("|",))
    remarks = []
    if given or last:
        kind = "person"
        name = " ".join(p for p in (given, last) if p)
        if title:
            remarks.append(f"Title: {title}")
    else:
        name = entity
        vessel = bool(f.get("imo")) or bool(title and _SHIP_WORDS.search(title))
        kind = "vessel" if vessel else "organization"
        if vessel and title:
            remarks.append(f"Ship type: {title}")
    ent = Entity(source=SOURCE, list=LIST, entity_id=eid, entity_type=kind, name=name,
                 programs=[regime] if regime else [], listed_on=_iso(f.get("listed", "")))
    dob = f.get("dob", "")
    if dob:
        if kind == "vessel":
            remarks.append(f"Built: {dob}")
        else:
            ent.birth_dates = [d.strip() for d in re.split(r"\s+or\s+", dob, flags=re.IGNORECASE)
                               if d.strip()]
    if f.get("imo"):
        ent.documents.append({"kind": "IMO number", "number": f["imo"], "country": None,
                              "note": None})
    ent.remarks = "; ".join(remarks) or None
    names = [Name(source=SOURCE, entity_id=eid, name=name, name_type="primary",
                  given_name=(given or None) if kind == "person" else None,
                  family_name=(last or None) if kind == "person" else None)]
    within = [(n, None) for n in names_within(name, kind == "person")]
    for alias, label in within + split_aliases(f.get("aliases"), person=kind == "person"):
        if alias == name or any(alias == n.name for n in names[1:]):
            continue
        latin = script_of(alias) in ("Latin", "")
        names.append(Name(source=SOURCE, entity_id=eid, name=alias,
                          name_type="aka" if latin else "non_latin", language=label))
    if kind == "person":
        names += _one_word_variants(name, names)
    # the name before its acronym in brackets (see bracketed_names)
    for published in list(names):
        for text in bracketed_names(published.name):
            if all(text != n.name for n in names):
                names.append(Name(source=SOURCE, entity_id=eid, name=text,
                                  strong=published.strong,
                                  name_type="aka" if script_of(text) in ("Latin", "")
                                  else "non_latin", language=published.language))
    return ent, names


# how alike (rapidfuzz ratio) a person's one-word alias and a word of the name must be
# to be read as another spelling of that word
WORD_VARIANT_RATIO = 70


def _one_word_variants(name: str, names: list[Name]) -> list[Name]:
    """For a person's one-word Latin aliases (the list gives a spelling of one word of
    the name alone: "Andrei" for Andrey Igorevich AKIMOV, "SALIAIEV" for Aleksey
    Mikhailovich SALYAEV), the name with that word so spelt, as an alias; the word
    alone, a given name or a surname that matched at 100 whoever bore it, becomes a
    weak alias (as is one that is a word of the name as written: "Yinon" of Yinon
    Levi). A one-word alias like no word of the name is a name of its own (a stage
    name, "Timati"; a nickname, "Hemedti") and stays as it is."""
    words = name.split()
    if len(words) < 2 or script_of(name) not in ("Latin", ""):
        return []
    out: list[Name] = []
    for n in names[1:]:
        alias = n.name
        if " " in alias or script_of(alias) not in ("Latin", ""):
            continue
        folded = alias.casefold()
        if any(w.casefold() == folded for w in words):
            n.strong = False
            continue
        ratios = [fuzz.ratio(w.casefold(), folded) for w in words]
        best = ratios.index(max(ratios))  # (the first of the best, as before)
        if ratios[best] < WORD_VARIANT_RATIO:
            continue
        n.strong = False
        variant = " ".join([*words[:best], alias, *words[best + 1:]])
        if all(variant != m.name for m in (*names, *out)):
            out.append(Name(source=SOURCE, entity_id=n.entity_id, name=variant, name_type="aka"))
    return out


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(65536)
    _ns, local = xml_root_tag(head)
    if local != "data-set":
        raise ListFormatError(f"not a Canadian sema-lmes.xml file (root element {local!r}, "
                              "expected 'data-set')", path=path, where="root element")
    entities: list[Entity] = []
    names: list[Name] = []
    ids: Counter[str] = Counter()
    skipped = collided = count = 0
    latest: date | None = None
    unknown: Counter[str] = Counter()
    for el in iter_xml(path, tags={"record"}):
        if el.tag != "record":
            continue
        count += 1
        f = record_fields(el, unknown)
        if not (f.get("given") or f.get("last") or f.get("entity")):
            skipped += 1
            continue
        regime = english(f.get("regime", "")) or "-"
        eid = listing_id(regime, f.get("schedule"), f.get("item"))
        ids[eid] += 1
        if ids[eid] > 1:
            collided += 1
            eid = f"{eid}#{ids[eid]}"
        ent, ent_names = entity_from_fields(f, eid, regime)
        if ent.listed_on and (latest is None or ent.listed_on > latest):
            latest = ent.listed_on
        entities.append(ent)
        names.extend(ent_names)
    if count == 0:
        raise ListFormatError("no <record> elements", path=path, where="data-set")
    notes = []
    if latest:
        notes.append(f"the file states no publication date; its latest DateOfListing is "
                     f"{latest.isoformat()}")
    if skipped:
        notes.append(f"{skipped} of {count} records skipped: no name")
    if collided:
        notes.append(f"{collided} records share regime/schedule/item with an earlier one; "
                     "their ids got a #2, #3... suffix")
    if unknown:
        # (the format renamed its fields once, between 2020 and 2025: a field renamed
        # again would lose its values, aliases or birth dates, unsaid)
        notes.append("fields this reader does not know, not read (a new edition of the "
                     "format?): " + ", ".join(f"<{tag}> in {n:,} records"
                                              for tag, n in unknown.most_common()))
    ent_table, name_table = to_tables(entities, names)
    return ParsedList(source=SOURCE, list=LIST, format=NAME, entities=ent_table,
                      names=name_table, files=[path], published=None,
                      skipped=skipped, notes=notes)
