"""FCDO "UK Sanctions List" XML (``UK_Sanctions_List.xml``), the single UK list since
OFSI's Consolidated List closed in January 2026.

Design notes:

* Recognised by its root element ``Designations`` (today without a namespace; any
  would do) with ``Designation`` or ``DateGenerated`` children. ``DateGenerated`` (``dd/mm/yyyy``) -> ``published``.
* Each ``Designation`` is one entity; ``UniqueID`` (``AFG0006``, ``RUS0251``) is the
  ``entity_id`` (the OFSI Group ID, when given, is only kept in the remarks, since
  ships carry none); ``DateDesignated`` -> ``listed_on``; ``RegimeName`` -> programs;
  ``IndividualEntityShip`` -> person / organization / vessel.
* Names are built as in :mod:`uk_conlist` (``Name1 .. Name5`` then ``Name6``, parts
  kept for persons). ``NameType`` is matched case-insensitively (the file spells it
  several ways): ``Primary Name`` -> primary, ``Primary Name Variation`` and ``Alias``
  -> aka. ``AliasStrength`` ``Low quality a.k.a`` -> ``strong=False``. Each
  ``NonLatinName/NameNonLatinScript`` is a ``non_latin`` name, with
  ``NonLatinScriptLanguage`` as its language when given.
* Individual details: ``DOBs/DOB`` (``dd/mm/1945`` placeholders dropped as in ConList:
  ``1945``), ``Nationalities``, ``Genders`` (lower-cased), passports and national
  identifiers -> documents, ``BirthDetails/Location`` -> birth places. Ships: IMO
  numbers -> documents. Entities: business registration numbers -> documents.
  ``Addresses/Address/AddressCountry`` -> countries. ``OtherInformation`` and the
  ``UKStatementofReasons`` -> remarks.
* A ``Designation`` without a ``UniqueID`` or without any name is skipped, counted and
  noted once; a file that is not well-formed raises :class:`ListFormatError`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import ListFormatError
from .base import ParsedList, bracketed_names, iter_xml, text_of, xml_root_tag
from .schema import Entity, Name, merge_into, to_tables
from .uk_conlist import ENTITY_TYPES, is_weak, iso, name_type, uk_birth_date, uk_date, whole_name

NAME = "uk_fcdo"
SOURCE = "uk"
LIST = "UK Sanctions List"


def sniff(path: Path, head: bytes) -> str | None:
    _ns, local = xml_root_tag(head)
    if local == "Designations" and (b"Designation>" in head or b"DateGenerated>" in head):
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


def _texts(el: ET.Element, path: str) -> list[str]:
    return [t for t in (text_of(e) for e in el.iterfind(path)) if t]


def entity_from_element(el: ET.Element) -> tuple[Entity, list[Name]] | None:
    """One ``Designation`` as an Entity and its names, or None if it is unusable."""
    uid = text_of(el.find("UniqueID"))
    if not uid:
        return None
    kind = ENTITY_TYPES.get((text_of(el.find("IndividualEntityShip")) or "").lower(), "unknown")
    person = kind == "person"
    names: list[Name] = []
    primary = None
    for n in el.iterfind("Names/Name"):
        parts = [text_of(n.find(f"Name{i}")) for i in (1, 2, 3, 4, 5, 6)]
        full = whole_name(parts)
        if not full:
            continue
        ntype = name_type(text_of(n.find("NameType")))
        if ntype == "primary" and primary is None:
            primary = full
        strong = not is_weak(text_of(n.find("AliasStrength")))
        names.append(Name(
            source=SOURCE, entity_id=uid, name=full, name_type=ntype,
            strong=strong,
            given_name=(whole_name(parts[:5]) or None) if person else None,
            family_name=parts[5] if person else None,
        ))
        # (the name before its acronym in brackets: see bracketed_names)
        names += [Name(source=SOURCE, entity_id=uid, name=text,
                       name_type="aka" if ntype == "primary" else ntype, strong=strong)
                  for text in bracketed_names(full)]
    for n in el.iterfind("NonLatinNames/NonLatinName"):
        text = text_of(n.find("NameNonLatinScript"))
        if text:
            names.append(Name(source=SOURCE, entity_id=uid, name=text, name_type="non_latin",
                              language=text_of(n.find("NonLatinScriptLanguage"))))
    if not names:
        return None
    ent = Entity(source=SOURCE, list=LIST, entity_id=uid, entity_type=kind,
                 name=primary or names[0].name.strip(),
                 listed_on=uk_date(text_of(el.find("DateDesignated"))),
                 programs=_texts(el, "RegimeName"))
    for ind in el.iterfind("IndividualDetails/Individual"):
        ent.birth_dates.extend(d for d in map(uk_birth_date, _texts(ind, "DOBs/DOB")) if d)
        ent.nationalities.extend(_texts(ind, "Nationalities/Nationality"))
        genders = _texts(ind, "Genders/Gender")
        if genders and not ent.gender:
            ent.gender = genders[0].lower()
        for loc in ind.iterfind("BirthDetails/Location"):
            place = ", ".join(t for t in (text_of(loc.find("TownOfBirth")),
                                          text_of(loc.find("StateOrProvinceOfBirth")),
                                          text_of(loc.find("CountryOfBirth"))) if t)
            if place:
                ent.birth_places.append(place)
        for p in ind.iterfind("PassportDetails/Passport"):
            _add_doc(ent, "passport", text_of(p.find("PassportNumber")),
                     text_of(p.find("PassportAdditionalInformation")))
        for p in ind.iterfind("NationalIdentifierDetails/NationalIdentifier"):
            _add_doc(ent, "national id", text_of(p.find("NationalIdentifierNumber")),
                     text_of(p.find("NationalIdentifierAdditionalInformation")))
    for imo in _texts(el, "ShipDetails/Ship/IMONumbers/IMONumber"):
        _add_doc(ent, "IMO number", imo, None)
    for reg in _texts(el, "EntityDetails/Entity/BusinessRegistrationNumbers/"
                          "BusinessRegistrationNumber"):
        _add_doc(ent, "business registration", reg, None)
    ent.countries = _texts(el, "Addresses/Address/AddressCountry")
    remarks = [t for t in (text_of(el.find("OtherInformation")),
                           text_of(el.find("UKStatementofReasons"))) if t]
    group = text_of(el.find("OFSIGroupID"))
    if group:
        remarks.append(f"OFSI Group ID: {group}")
    ent.remarks = "\n".join(remarks) or None
    return ent, names


def _add_doc(ent: Entity, kind: str, number: str | None, note: str | None) -> None:
    if not number:
        return
    doc = {"kind": kind, "number": number, "country": None, "note": note}
    if doc not in ent.documents:
        ent.documents.append(doc)


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(65536)
    _ns, local = xml_root_tag(head)
    if local != "Designations":
        raise ListFormatError(f"not a UK Sanctions List XML file (root element {local!r}, "
                              "expected 'Designations')", path=path, where="root element")
    entities: dict[str, Entity] = {}
    names: list[Name] = []
    skipped = count = 0
    repeated: list[str] = []
    generated = None
    for el in iter_xml(path, tags={"Designation"}):
        if el.tag == "DateGenerated":
            generated = text_of(el)
        elif el.tag == "Designation":
            count += 1
            got = entity_from_element(el)
            if got is None:
                skipped += 1
                continue
            ent, ent_names = got
            first = entities.get(ent.entity_id)
            if first is not None:
                # a designation repeated: its names and facts join the first's (kept
                # first, its later names were lost: an alias only the repeat held)
                repeated.append(ent.entity_id)
                merge_into(first, ent)
                for n in ent_names:
                    if n.name_type == "primary":
                        n.name_type = "aka"
            else:
                entities[ent.entity_id] = ent
            names.extend(ent_names)
    notes = []
    if skipped:
        notes.append(f"{skipped} of {count} Designation elements skipped: no UniqueID or no "
                     "name")
    if repeated:
        notes.append(f"{len(repeated)} Designation elements repeat an earlier UniqueID "
                     f"({', '.join(sorted(set(repeated)))}); merged into the first")
    ent_table, name_table = to_tables(list(entities.values()), names)
    return ParsedList(source=SOURCE, list=LIST, format=NAME, entities=ent_table,
                      names=name_table, files=[path], published=iso(generated),
                      skipped=skipped, notes=notes)
