"""OFAC SDN.XML schema (``SDN.XML``, ``CONS.XML`` and their ZIPs): root ``sdnList``, in
the old ``http://tempuri.org/sdnList.xsd`` namespace or the sanctions list service's
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML``.

Design notes:

* Recognised by the root element ``sdnList`` (any of the two namespaces, or none).
  Streamed with :func:`iter_xml`, one ``sdnEntry`` at a time; a ZIP is read through
  :func:`ofac_remarks.xml_member`.
* **Which list.** Both lists use the same root and namespace, so the list is decided by
  content, as for the CSV: the share of entries with a non-SDN program (NS-PLC,
  CMIC-EO13959, 561-Related, ...) or a directive/CAATSA note in their remarks or id list
  (``Executive Order 13662 Directive Determination -`` ``Subject to Directive 1``).
  CONS_2025-06-30.xml: 443 of 443 entries.
* ``entity_id`` is ``uid`` (the CSV ent_num). ``published`` is ``Publish_Date``
  (``MM/DD/YYYY``) as ISO; the misspelt ``publshInformation`` and a correct spelling are
  both read. A ``Record_Count`` that differs from the entries found is noted (the real
  SDN.XML sample is an 8-entry excerpt that still says 8197).
* **Names.** ``lastName, firstName`` for individuals (``lastName`` alone otherwise), the
  same text as the CSV's SDN_Name; ``firstName``/``lastName`` fill given/family names
  when both are present. ``akaList/aka``: ``type`` a.k.a./f.k.a./n.k.a. gives
  aka/fka/nka, ``category`` ``weak`` gives ``strong=False``.
* **Facts.** ``dateOfBirthList`` (as published), ``placeOfBirthList``,
  ``nationalityList`` and ``citizenshipList`` (country), ``addressList`` countries,
  ``vesselInfo`` (flag -> nationalities, call sign -> documents). ``idList`` mixes
  identifiers with other facts: identifiers (:func:`ofac_remarks.is_document_label`) go
  to ``documents`` with issue/expiry dates as the note, ``Gender`` to ``gender``,
  ``Nationality of Registration`` to ``nationalities``; websites, e-mails, sanctions
  notes are left out. ``remarks`` is the entry's ``remarks`` element.
* An ``sdnEntry`` without ``uid`` or ``lastName`` is skipped, counted and noted; a file
  that is not well-formed, or whose root is not ``sdnList``, raises
  :class:`ListFormatError`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from . import ofac_remarks as R
from .base import ParsedList, iter_xml, text_of, xml_root_tag
from .schema import Entity, Name, to_tables

NAME = "ofac_xml"
READS_ZIP = True  # (OFAC publishes SDN_XML.ZIP and CONS_XML.ZIP)
SOURCE = "ofac"
ROOT = "sdnList"
NAMESPACES = ("http://tempuri.org/sdnList.xsd",
              "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML")

SDN_TYPES = {"individual": "person", "entity": "organization", "vessel": "vessel",
             "aircraft": "aircraft"}
AKA_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}


def sniff(path: Path, head: bytes) -> str | None:
    ns, local = xml_root_tag(head)
    if local == ROOT and (ns is None or ns in NAMESPACES or "ofac" in ns.lower()
                          or "sdnlist" in ns.lower()):
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


def _t(el: ET.Element, tag: str) -> str | None:
    return text_of(el.find(tag))


def _full_name(last: str | None, first: str | None) -> str:
    if last and first:
        return f"{last}, {first}"
    return last or first or ""


def _entry(el: ET.Element, list_marks: list[bool]) -> tuple[Entity, list[Name]] | None:
    uid = _t(el, "uid")
    last, first = _t(el, "lastName"), _t(el, "firstName")
    if not uid or not last:
        return None
    etype = SDN_TYPES.get((_t(el, "sdnType") or "").lower(), "unknown")
    programs = [p for p in (text_of(x) for x in el.iterfind("programList/program")) if p]
    primary = _full_name(last, first)
    ent = Entity(SOURCE, "", uid, etype, primary, programs=programs,
                 remarks=_t(el, "remarks"))
    names = [Name(SOURCE, uid, primary, "primary", True,
                  given_name=first if last and first else None,
                  family_name=last if last and first else None)]
    for aka in el.iterfind("akaList/aka"):
        a_last, a_first = _t(aka, "lastName"), _t(aka, "firstName")
        text = _full_name(a_last, a_first)
        if not text:
            continue
        kind = AKA_TYPES.get((_t(aka, "type") or "").lower(), "aka")
        strong = (_t(aka, "category") or "strong").lower() != "weak"
        names.append(Name(SOURCE, uid, text, kind, strong,
                          given_name=a_first if a_last and a_first else None,
                          family_name=a_last if a_last and a_first else None))
    for item in el.iterfind("dateOfBirthList/dateOfBirthItem"):
        if dob := _t(item, "dateOfBirth"):
            ent.birth_dates.append(dob)
    for item in el.iterfind("placeOfBirthList/placeOfBirthItem"):
        if pob := _t(item, "placeOfBirth"):
            ent.birth_places.append(pob)
    for path in ("nationalityList/nationality", "citizenshipList/citizenship"):
        for item in el.iterfind(path):
            if c := _t(item, "country"):
                ent.nationalities.append(c)
    for addr in el.iterfind("addressList/address"):
        if c := _t(addr, "country"):
            ent.countries.append(c)
    vessel = el.find("vesselInfo")
    if vessel is not None:
        if flag := _t(vessel, "vesselFlag"):
            ent.nationalities.append(flag)
        if call := _t(vessel, "callSign"):
            ent.documents.append({"kind": "Call Sign", "number": call, "country": None,
                                  "note": None})
    marks_text = [ent.remarks or ""]
    number: str | None  # the idCountry fallback below may be None
    for item in el.iterfind("idList/id"):
        kind, number = _t(item, "idType") or "", _t(item, "idNumber") or ""
        marks_text.append(f"{kind} {number}")
        low = kind.lower()
        if low == "gender":
            ent.gender = ent.gender or R.gender_of(number)
        elif low.startswith("nationality of registration"):
            if number := (number or _t(item, "idCountry")):
                ent.nationalities.append(number)
        elif number and R.is_document_label(kind):
            issued, expires = _t(item, "issueDate"), _t(item, "expirationDate")
            note = " ".join(([f"issued {issued}"] if issued else [])
                            + ([f"expires {expires}"] if expires else [])) or None
            ent.documents.append({"kind": kind, "number": number,
                                  "country": _t(item, "idCountry"), "note": note})
    list_marks.append(R.non_sdn_mark(programs, " ".join(marks_text)))
    return ent, names


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with R.xml_member(path) as (xml_path, display):
        return _parse(path, xml_path, display)


def _parse(path: Path, xml_path: Path, display: str) -> ParsedList:
    entities: list[Entity] = []
    names: list[Name] = []
    marks: list[bool] = []
    published = record_count = None
    skipped = 0
    R.check_root(xml_path, display, ROOT, "SDN.XML schema")
    for el in iter_xml(xml_path, tags={"sdnEntry"}):
        tag = el.tag
        if tag == "sdnEntry":
            got = _entry(el, marks)
            if got is None:
                skipped += 1
                continue
            entities.append(got[0])
            names.extend(got[1])
        elif tag in ("publshInformation", "publishInformation"):
            published = R.us_date_to_iso(_t(el, "Publish_Date"))
            record_count = _t(el, "Record_Count")
    share = R.non_sdn_share(marks)
    list_name = R.classify_list(share, path.name)
    for e in entities:
        e.list = list_name
    notes = []
    if skipped:
        notes.append(f"{skipped} sdnEntry records without uid or lastName skipped")
    if record_count and record_count.isdigit() and int(record_count) != len(entities) + skipped:
        notes.append(f"the file states Record_Count {record_count} but holds "
                     f"{len(entities) + skipped} entries (an excerpt?)")
    if 0.1 < share < 0.5:
        notes.append(f"{sum(marks)} of {len(marks)} entries carry non-SDN marks; the file "
                     f"name decided the list ({list_name})")
    for n in names:
        n.script = R.quick_script(n.name)
    ents, nams = to_tables(entities, names)
    return ParsedList(source=SOURCE, list=list_name, format=NAME, entities=ents, names=nams,
                      files=[path], published=published, skipped=skipped, notes=notes)
