"""OFAC "enhanced" XML (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``, usually inside a
ZIP): root ``sanctionsData`` in the
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML``
namespace.

Design notes:

* Recognised by the root element ``sanctionsData`` in an ENHANCED_XML namespace. A ZIP
  is read through :func:`ofac_remarks.xml_member` (its XML member is streamed to a
  temporary file, since :func:`iter_xml` reads paths); each ``entity`` is turned into an
  :class:`Entity` and cleared.
* **Which list.** ``publicationInfo/filters/sanctionsLists`` names the publication
  (``SDN List`` or ``Consolidated List``). Without a filter, the file is "SDN" when most
  entities have ``SDN List`` among their ``sanctionsLists``. ``published`` is the date
  of ``dataAsOf``; ``listed_on`` the earliest ``datePublished`` of the entity's lists.
* **Names.** Each ``name`` (``isPrimary``, ``aliasType`` A.K.A./F.K.A./N.K.A.,
  ``isLowQuality`` -> ``strong=False``) has ``translations``; the primary translation
  gives the primary / aka / fka / nka name, the others (``script`` Cyrillic, Chinese
  Simplified, ...) are ``non_latin`` when their script is not Latin. The text is
  ``formattedFullName`` (``LAST, First`` as in the CSV); ``formattedFirstName`` /
  ``formattedLastName`` fill given/family names when both exist.
* **Facts.** ``entityType`` (Individual/Entity/Vessel/Aircraft); ``sanctionsPrograms``;
  features by type: ``Birthdate`` (``value`` as published, ``circa`` when
  ``isApproximate``), ``Place of Birth``, ``Nationality Country`` / ``Citizenship
  Country`` / ``Nationality of Registration`` / ``Vessel Flag`` -> nationalities,
  ``Gender``, identifier-like features (SWIFT/BIC, call signs, ...) -> documents;
  ``identityDocuments`` -> documents; address ``country`` -> countries;
  ``generalInfo/remarks`` -> remarks.
* An ``entity`` without ``id`` or primary name is skipped, counted and noted; a broken
  file or archive raises :class:`ListFormatError` naming it (``archive!member`` for a
  ZIP) and the line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from . import ofac_remarks as R
from .base import ParsedList, iter_xml, text_of, xml_root_tag
from .schema import Entity, Name, to_tables

NAME = "ofac_enhanced"
READS_ZIP = True  # (OFAC publishes it zipped too)
SOURCE = "ofac"
ROOT = "sanctionsData"

ENTITY_TYPES = {"individual": "person", "entity": "organization", "vessel": "vessel",
                "aircraft": "aircraft"}
ALIAS_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
NATIONALITY_FEATURES = {"nationality country", "citizenship country",
                        "nationality of registration", "vessel flag"}


def sniff(path: Path, head: bytes) -> str | None:
    ns, local = xml_root_tag(head)
    if local == ROOT and ns and "enhanced_xml" in ns.lower():
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


def _true(el: ET.Element | None) -> bool:
    return (text_of(el) or "").lower() == "true"


def _names(el: ET.Element, eid: str) -> tuple[str | None, list[Name]]:
    primary = None
    out: list[Name] = []
    for name in el.iterfind("names/name"):
        is_primary = _true(name.find("isPrimary"))
        strong = not _true(name.find("isLowQuality"))
        kind = ALIAS_TYPES.get((text_of(name.find("aliasType")) or "").lower(), "aka")
        for tr in name.iterfind("translations/translation"):
            first = text_of(tr.find("formattedFirstName"))
            last = text_of(tr.find("formattedLastName"))
            text = text_of(tr.find("formattedFullName"))
            if not text:
                parts = [text_of(v) for v in tr.iterfind("nameParts/namePart/value")]
                text = " ".join(p for p in parts if p)
            if not text:
                continue
            script = (text_of(tr.find("script")) or "Latin").lower()
            if script != "latin":
                ntype = "non_latin"
            elif not _true(tr.find("isPrimary")):
                ntype = kind if not is_primary else "aka"
            elif is_primary and primary is None:
                ntype, primary = "primary", text
            else:
                ntype = kind
            both = bool(first and last)
            out.append(Name(SOURCE, eid, text, ntype, strong,
                            given_name=first if both else None,
                            family_name=last if both else None,
                            script=R.quick_script(text) if ntype != "non_latin" else ""))
    return primary, out


def _entity(el: ET.Element, marks: list[bool]) -> tuple[Entity, list[Name]] | None:
    eid = (el.get("id") or "").strip()
    if not eid:
        return None
    primary, names = _names(el, eid)
    if primary is None:
        return None
    etype = ENTITY_TYPES.get((text_of(el.find("generalInfo/entityType")) or "").lower(),
                             "unknown")
    ent = Entity(SOURCE, "", eid, etype, primary,
                 programs=[p for p in (text_of(x) for x in
                                       el.iterfind("sanctionsPrograms/sanctionsProgram")) if p],
                 remarks=text_of(el.find("generalInfo/remarks")))
    lists = []
    for sl in el.iterfind("sanctionsLists/sanctionsList"):
        lists.append((text_of(sl) or "").lower())
        try:
            d = date.fromisoformat((sl.get("datePublished") or "")[:10])
        except ValueError:
            continue
        if ent.listed_on is None or d < ent.listed_on:
            ent.listed_on = d
    marks.append("sdn list" in lists)
    for feature in el.iterfind("features/feature"):
        ftype = text_of(feature.find("type")) or ""
        low = ftype.lower()
        value = text_of(feature.find("value"))
        if not value:
            continue
        if low == "birthdate":
            approx = _true(feature.find("valueDate/isApproximate"))
            ent.birth_dates.append(f"circa {value}" if approx and "circa" not in value
                                   else value)
        elif low == "place of birth":
            ent.birth_places.append(value)
        elif low in NATIONALITY_FEATURES:
            ent.nationalities.append(value)
        elif low == "gender":
            ent.gender = ent.gender or R.gender_of(value)
        elif R.is_document_label(ftype):
            ent.documents.append({"kind": ftype, "number": value, "country": None,
                                  "note": text_of(feature.find("comments"))})
    for doc in el.iterfind("identityDocuments/identityDocument"):
        number = text_of(doc.find("documentNumber"))
        if not number:
            continue
        notes = []
        for tag, word in (("issueDate", "issued"), ("expirationDate", "expires")):
            if when := text_of(doc.find(tag)):
                notes.append(f"{word} {when}")
        if (text_of(doc.find("isValid")) or "true").lower() == "false":
            notes.append("not valid")
        ent.documents.append({"kind": text_of(doc.find("type")) or "document",
                              "number": number,
                              "country": text_of(doc.find("issuingCountry")),
                              "note": " ".join(notes) or None})
    for addr in el.iterfind("addresses/address"):
        if country := text_of(addr.find("country")):
            ent.countries.append(country)
    return ent, names


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with R.xml_member(path) as (xml_path, display):
        return _parse(path, xml_path, display)


def _parse(path: Path, xml_path: Path, display: str) -> ParsedList:
    R.check_root(xml_path, display, ROOT, "OFAC enhanced XML schema")
    entities: list[Entity] = []
    names: list[Name] = []
    marks: list[bool] = []
    published = None
    filters: list[str] = []
    skipped = 0
    for el in iter_xml(xml_path, tags={"entity", "referenceValue", "featureType"}):
        tag = el.tag
        if tag == "entity":
            got = _entity(el, marks)
            if got is None:
                skipped += 1
                continue
            entities.append(got[0])
            names.extend(got[1])
        elif tag == "publicationInfo":
            when = text_of(el.find("dataAsOf"))
            published = when[:10] if when else None
            filters = [(text_of(x) or "").lower()
                       for x in el.iterfind("filters/sanctionsLists/sanctionsList")]
    if "sdn list" in filters:
        list_name = R.SDN
    elif filters:
        list_name = R.NON_SDN
    else:
        list_name = R.SDN if marks and sum(marks) * 2 > len(marks) else R.NON_SDN
    for e in entities:
        e.list = list_name
    notes = []
    if skipped:
        notes.append(f"{skipped} entity records without id or primary name skipped")
    ents, nams = to_tables(entities, names)
    return ParsedList(source=SOURCE, list=list_name, format=NAME, entities=ents, names=nams,
                      files=[path], published=published, skipped=skipped, notes=notes)
