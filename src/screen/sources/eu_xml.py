"""EU Financial Sanctions Files (FSF), XML export (namespace
``http://eu.europa.ec/fpi/fsd/export``).

Design notes:

* Recognised by its root element ``export`` in the FSF namespace, never by name.
  The file is streamed with :func:`iter_xml`; each ``sanctionEntity`` is turned into
  one :class:`Entity` and then cleared, so the 25 MB full export stays small in memory.
* ``entity_id`` is the entity's ``logicalId``; ``published`` is the date part of the
  root's ``generationDate``.
* Names: every ``nameAlias`` gives one name. ``wholeName`` is the text to match (when
  it is empty, first/middle/last names are joined); ``firstName`` (+ ``middleName``)
  and ``lastName`` fill given/family name; ``nameLanguage`` is kept as published (an
  ISO 639-1 code such as ``EN`` or ``ZH``); ``strong="false"`` gives ``strong=False``.
  A name whose letters are not mostly Latin is ``non_latin``. The FSF marks no name
  as the main one and lists them in no useful order (an Irish or Chinese spelling may
  come first, e.g. ``朱海仑`` before ``ZHU Hailun``). The primary name is the first
  ``nameAlias`` preferring, in this order, Latin script, ``nameLanguage`` ``EN`` or
  empty, and a name given in parts (first/last name), which is how the FSF writes the
  main spelling (``Khalid Sheikh MOHAMMED`` rather than ``Ali Salem``). Other names are
  ``aka``: the FSF does not distinguish a.k.a. from f.k.a. A name repeated within an
  entity is kept once.
* A ``logicalId`` that occurs twice (seen in a hand-cut sample) is merged into one
  entity: its names and facts are added to the first, and a note says so.
* ``listed_on`` is ``designationDate`` when present. Many entities lack it; then it is
  the earliest ``publicationDate`` of any ``regulation`` or ``regulationSummary`` of the
  entity, i.e. the first Official Journal act the export cites for it. That is the
  listing date or, when the export only cites later amendments, an upper bound of it.
* Birth dates are kept as published: the ``birthdate`` attribute (ISO date) when
  present, else ``year`` (with ``-MM`` when ``monthOfYear`` is given), else
  ``yearRangeFrom-yearRangeTo``; ``circa="true"`` prefixes ``circa``. A date in a
  non-Gregorian calendar without a Gregorian ``birthdate`` is suffixed with its
  calendar. Birth places join city, place, region and country.
* ``citizenship`` gives nationalities, ``address`` country descriptions give
  countries (``UNKNOWN`` is dropped), ``identification`` gives documents, the first
  ``nameAlias`` gender gives the gender (``male``/``female``), and the entity's own
  ``remark`` elements plus those of its names give the remarks.
* A ``sanctionEntity`` without a ``logicalId`` or without any name is skipped, counted
  and noted once; a file that is not well-formed raises :class:`ListFormatError`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import ListFormatError
from .base import ParsedList, iter_xml, text_of, xml_root_tag
from .schema import Entity, Name, merge_into, script_of, to_tables

NAME = "eu_xml"
SOURCE = "eu"
LIST = "Financial Sanctions Files"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_SUBJECT_TYPES = {"person": "person", "enterprise": "organization"}
_GENDERS = {"M": "male", "F": "female"}
_UNKNOWN_COUNTRIES = {"", "UNKNOWN", "00"}


def sniff(path: Path, head: bytes) -> str | None:
    ns, local = xml_root_tag(head)
    if local == "export" and ns == NAMESPACE:
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


def _attr(el: ET.Element, key: str) -> str:
    return (el.get(key) or "").strip()


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def is_latin(text: str) -> bool:
    """True when a name is written mostly in Latin letters (or has no letters)."""
    return script_of(text) in ("Latin", "")


def birth_date_text(el: ET.Element) -> str | None:
    """One published birth date as text (see the module notes)."""
    text = _attr(el, "birthdate")
    calendar = _attr(el, "calendarType").upper()
    if not text:
        year = _attr(el, "year")
        month = _attr(el, "monthOfYear")
        day = _attr(el, "dayOfMonth")
        if year:
            text = year
            if month.isdigit():
                text += f"-{int(month):02d}"
                if day.isdigit():
                    text += f"-{int(day):02d}"
        else:
            lo, hi = _attr(el, "yearRangeFrom"), _attr(el, "yearRangeTo")
            if lo and hi:
                text = f"{lo}-{hi}"
            else:
                text = lo or hi
        if text and calendar and calendar != "GREGORIAN":
            text += f" ({calendar.lower()} calendar)"
    if text and _attr(el, "circa").lower() == "true":
        text = "circa " + text
    return text or None


def _place(el: ET.Element) -> str | None:
    parts = []
    for key in ("city", "place", "region"):
        v = _attr(el, key)
        if v and v != "-":
            parts.append(v)
    country = _attr(el, "countryDescription")
    if country.upper() not in _UNKNOWN_COUNTRIES:
        parts.append(country)
    return ", ".join(parts) or None


def _country(el: ET.Element) -> str | None:
    c = _attr(el, "countryDescription")
    return None if c.upper() in _UNKNOWN_COUNTRIES else c


def _document(el: ET.Element) -> dict | None:
    number = _attr(el, "number") or _attr(el, "latinNumber")
    if not number:
        return None
    notes = []
    for flag, label in (("knownFalse", "known false"), ("knownExpired", "known expired"),
                        ("reportedLost", "reported lost"), ("revokedByIssuer", "revoked"),
                        ("diplomatic", "diplomatic")):
        if _attr(el, flag).lower() == "true":
            notes.append(label)
    for key, label in (("issuedBy", "issued by"), ("issueDate", "issued"),
                       ("validTo", "valid to"), ("region", "region"),
                       ("nameOnDocument", "name on document")):
        v = _attr(el, key)
        if v:
            notes.append(f"{label} {v}")
    remark = text_of(el.find("remark"))
    if remark:
        notes.append(remark)
    return {
        "kind": _attr(el, "identificationTypeDescription") or _attr(el, "identificationTypeCode")
        or None,
        "number": number,
        "country": _country(el),
        "note": "; ".join(notes) or None,
    }


def _whole_name(alias: ET.Element) -> str:
    whole = _attr(alias, "wholeName")
    if whole:
        return whole
    return " ".join(p for p in (_attr(alias, "firstName"), _attr(alias, "middleName"),
                                _attr(alias, "lastName")) if p)


def _primary_index(texts: list[str], aliases: list[ET.Element]) -> int:
    def rank(i: int) -> tuple[int, int, int, int]:
        a = aliases[i]
        return (0 if is_latin(texts[i]) else 1,
                0 if _attr(a, "nameLanguage").upper() in ("", "EN") else 1,
                0 if _attr(a, "lastName") or _attr(a, "firstName") else 1,
                i)
    return min(range(len(texts)), key=rank)


def entity_from_element(el: ET.Element) -> tuple[Entity, list[Name]] | None:
    """One ``sanctionEntity`` as an Entity and its names, or None if it is unusable."""
    eid = _attr(el, "logicalId")
    aliases = [a for a in el.findall("nameAlias") if _whole_name(a)]
    if not eid or not aliases:
        return None
    subject = el.find("subjectType")
    code = _attr(subject, "code").lower() if subject is not None else ""
    entity_type = _SUBJECT_TYPES.get(code, "unknown")

    unique: dict[str, ET.Element] = {}
    for a in aliases:  # a name repeated within one entity is kept once, first wins
        text = _whole_name(a)
        kept = unique.setdefault(text, a)
        if kept is not a and _attr(kept, "strong").lower() == "false" \
                and _attr(a, "strong").lower() != "false":
            unique[text] = a  # (in the first's place) no weak alias: it is also published strong
    texts, aliases = list(unique), list(unique.values())
    primary_ix = _primary_index(texts, aliases)
    names: list[Name] = []
    for i, (alias, text) in enumerate(zip(aliases, texts)):
        if i == primary_ix:
            ntype = "primary"
        elif not is_latin(text):
            ntype = "non_latin"
        else:
            ntype = "aka"
        given = " ".join(p for p in (_attr(alias, "firstName"), _attr(alias, "middleName")) if p)
        names.append(Name(
            source=SOURCE, entity_id=eid, name=text, name_type=ntype,
            strong=_attr(alias, "strong").lower() != "false",
            language=_attr(alias, "nameLanguage") or None,
            given_name=given or None, family_name=_attr(alias, "lastName") or None,
        ))

    listed = _iso_date(_attr(el, "designationDate"))
    if listed is None:
        published = [_iso_date(_attr(r, "publicationDate"))
                     for r in el.iter() if r.tag in ("regulation", "regulationSummary")]
        dates = [d for d in published if d]
        listed = min(dates) if dates else None

    ent = Entity(
        source=SOURCE, list=LIST, entity_id=eid, entity_type=entity_type,
        name=texts[primary_ix], listed_on=listed,
        programs=[_attr(r, "programme") for r in el.findall("regulation")],
    )
    for b in el.findall("birthdate"):
        t = birth_date_text(b)
        if t:
            ent.birth_dates.append(t)
        p = _place(b)
        if p:
            ent.birth_places.append(p)
    ent.nationalities = [c for c in map(_country, el.findall("citizenship")) if c]
    ent.countries = [c for c in map(_country, el.findall("address")) if c]
    docs = [d for d in map(_document, el.findall("identification")) if d]
    seen_docs: set[tuple] = set()
    for d in docs:
        key = (d["kind"], d["number"], d["country"])
        if key not in seen_docs:
            seen_docs.add(key)
            ent.documents.append(d)
    for alias in aliases:
        g = _GENDERS.get(_attr(alias, "gender").upper())
        if g:
            ent.gender = g
            break
    remarks: list[str] = []
    for r in el.findall("remark") + [r for a in aliases for r in a.findall("remark")]:
        t = text_of(r)
        if t and t not in remarks:
            remarks.append(t)
    ent.remarks = "\n".join(remarks) or None
    return ent, names


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(65536)
    ns, local = xml_root_tag(head)
    if local != "export" or ns != NAMESPACE:
        raise ListFormatError(
            f"not an EU FSF XML export (root element {local!r} in namespace {ns!r}, expected "
            f"'export' in {NAMESPACE})", path=path, where="root element")
    entities: dict[str, Entity] = {}
    names: list[Name] = []
    skipped = 0
    merged: list[str] = []
    root: ET.Element | None = None
    count = 0
    for el in iter_xml(path, tags={"sanctionEntity"}):
        if el.tag == "sanctionEntity":
            count += 1
            got = entity_from_element(el)
            if got is None:
                skipped += 1
                continue
            ent, ent_names = got
            first = entities.get(ent.entity_id)
            if first is None:
                entities[ent.entity_id] = ent
            else:
                merged.append(ent.entity_id)
                merge_into(first, ent)
                for n in ent_names:
                    if n.name_type == "primary":
                        n.name_type = "aka"
            names.extend(ent_names)
        elif el.tag == "export":
            root = el
    if root is None:
        raise ListFormatError("no <export> root element", path=path, where="root element")
    notes = []
    if skipped:
        notes.append(f"{skipped} of {count} sanctionEntity elements skipped: no logicalId or "
                     "no nameAlias with a name")
    if merged:
        notes.append(f"{len(merged)} sanctionEntity elements repeat an earlier logicalId "
                     f"({', '.join(sorted(set(merged)))}); merged into the first")
    generated = (root.get("generationDate") or "").strip()
    ent_table, name_table = to_tables(list(entities.values()), names)
    return ParsedList(
        source=SOURCE, list=LIST, format=NAME, entities=ent_table, names=name_table,
        files=[path], published=generated[:10] if _iso_date(generated) else (generated or None),
        skipped=skipped, notes=notes,
    )
