"""OFAC "advanced" XML (``sdn_advanced.xml``, ``cons_advanced.xml`` and their ZIPs): the
``http://www.un.org/sanctions/1.0`` schema, root ``Sanctions``.

Design notes:

* The file is a small relational database: ``ReferenceValueSets`` (id -> value tables
  for alias types, name-part types, party types, scripts, countries, feature types,
  document types, lists, programs...), then ``Locations``, ``IDRegDocuments``,
  ``DistinctParties``, ``ProfileRelationships``, ``SanctionsEntries``. It is streamed
  with :func:`iter_xml`; the reference tables, location countries and documents (keyed
  by identity) are kept as they come, each ``DistinctParty`` becomes an
  :class:`Entity` at once, and ``SanctionsEntry`` rows later add programs, lists and
  the listing date. Every element of those kinds is cleared after use.
* **Names.** Each ``Alias`` (``AliasTypeID`` -> ``A.K.A.``/``F.K.A.``/``N.K.A.``/``Name``;
  ``Primary="true"`` is the primary name; ``LowQuality="true"`` -> ``strong=False``)
  holds one or more ``DocumentedName``. A name's parts are typed through the identity's
  ``NamePartGroups`` -> ``NamePartType`` (Last Name, First Name, Middle Name, Entity
  Name, Vessel Name...): ``Last Name``/``Matronymic``/``Maiden Name`` make the family
  name, ``First Name``/``Middle Name``/``Patronymic`` the given name, and the text is
  ``FAMILY, Given`` (the SDN_Name form of the CSV) when both exist, else the parts in
  order. A ``DocumentedName`` whose parts are in a script other than Latin (the
  ``ScriptID`` of its ``NamePartValue``) is ``non_latin``.
* **Entity type.** ``PartySubType`` ``Vessel``/``Aircraft``, else its ``PartyType``:
  Individual -> person, Entity -> organization, other -> unknown.
* **Facts.** Features by ``FeatureType`` name: ``Birthdate`` (a ``DatePeriod``, written
  back the OFAC way: ``05 Jun 1950``, ``Jan 1958``, ``1962``, ``1962 to 1964``, with
  ``circa`` when approximate), ``Place of Birth``, ``Nationality Country`` /
  ``Citizenship Country`` / ``Nationality of Registration`` / ``Vessel Flag`` ->
  nationalities, ``Gender``, ``Location`` -> address country; identifier-like features
  (SWIFT/BIC, call signs, ...) and ``IDRegDocument`` rows -> documents.
* **Programs and list.** ``SanctionsMeasure`` elements whose ``SanctionsType`` is
  ``Program`` carry the program code in their ``Comment``. A party is on the SDN list
  when one of its entries has the list ``SDN List``; the file is "SDN" when most
  parties are, else "Consolidated (non-SDN)" (CONS_ADVANCED lists its parties under
  the Consolidated, PLC, SSI, CAPTA... lists). ``listed_on`` is the earliest
  ``EntryEvent`` date; ``published`` is ``DateOfIssue``; ``remarks`` is the party's
  ``Comment``.
* A ``DistinctParty`` without ``FixedRef`` or without a primary name is skipped,
  counted and noted; a broken file raises :class:`ListFormatError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

from . import ofac_remarks as R
from .base import ParsedList, iter_xml, text_of, xml_root_tag
from .schema import Entity, Name, to_tables

NAME = "ofac_advanced"
READS_ZIP = True  # (OFAC publishes it zipped too)
SOURCE = "ofac"
ROOT = "Sanctions"
NAMESPACE_HINT = "un.org/sanctions"

ALIAS_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
FAMILY_PARTS = {"last name", "matronymic", "maiden name"}
GIVEN_PARTS = {"first name", "middle name", "patronymic"}
NATIONALITY_FEATURES = {"nationality country", "citizenship country",
                        "nationality of registration", "vessel flag"}
LATIN_SCRIPTS = {"latin", "latn"}

_TABLES = {  # ReferenceValueSets element -> (attribute kept besides the text)
    "AliasType": None, "Country": None, "AreaCode": "Description", "DetailReference": None,
    "FeatureType": None, "IDRegDocType": None, "IDRegDocDateType": None, "List": None,
    "NamePartType": None, "PartySubType": "PartyTypeID", "PartyType": None,
    "SanctionsType": None, "Script": "ScriptCode", "LegalBasis": None,
}
_CLEARED = {"ReferenceValueSets", "Location", "IDRegDocument", "DistinctParty",
            "SanctionsEntry", "ProfileRelationship", "SanctionsEntryLink"}


def sniff(path: Path, head: bytes) -> str | None:
    ns, local = xml_root_tag(head)
    if local == ROOT and ns and NAMESPACE_HINT in ns:
        return "main"
    return None


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    return [parse_file(p) for paths in files.values() for p in paths]


@dataclass
class _Ref:
    """The reference tables: table -> id -> (text, extra attribute)."""

    tables: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)

    def load(self, rvs: ET.Element) -> None:
        for child in rvs:
            for el in child:
                if el.tag in _TABLES:
                    extra = _TABLES[el.tag]
                    self.tables.setdefault(el.tag, {})[el.get("ID", "")] = (
                        (el.text or "").strip(), el.get(extra) if extra else None)

    def text(self, table: str, key: str | None) -> str:
        return self.tables.get(table, {}).get(key or "", ("", None))[0]

    def extra(self, table: str, key: str | None) -> str | None:
        return self.tables.get(table, {}).get(key or "", ("", None))[1]


def _date(el: ET.Element | None) -> tuple[int, int, int] | None:
    if el is None:
        return None
    try:
        return (int(text_of(el.find("Year")) or 0), int(text_of(el.find("Month")) or 0),
                int(text_of(el.find("Day")) or 0))
    except ValueError:
        return None


def period_text(dp: ET.Element) -> str | None:
    """A ``DatePeriod`` written the way OFAC publishes dates of birth."""
    start, end = dp.find("Start"), dp.find("End")
    s_from = _date(start.find("From")) if start is not None else None
    e_to = _date(end.find("To")) if end is not None else None
    if s_from is None and e_to is None:
        return None
    s_from = s_from or e_to
    e_to = e_to or s_from
    assert s_from is not None and e_to is not None  # not both None: returned above
    (y1, m1, d1), (y2, m2, d2) = s_from, e_to
    if not y1:
        return None
    approx = any(x is not None and x.get("Approximate") == "true" for x in (start, end))
    if (y1, m1, d1) == (y2, m2, d2):
        text = R.ofac_date(y1, m1, d1)
    elif y1 == y2 and m1 == m2 and d1 == 1:
        text = R.ofac_date(y1, m1)
    elif (m1, d1, m2, d2) == (1, 1, 12, 31):
        text = str(y1) if y1 == y2 else f"{y1} to {y2}"
    else:
        text = f"{R.ofac_date(y1, m1, d1)} to {R.ofac_date(y2, m2, d2)}"
    return f"circa {text}" if approx else text


def _period_note(el: ET.Element, ref: _Ref) -> str | None:
    notes = []
    for d in el.iterfind("DocumentDate"):
        kind = ref.text("IDRegDocDateType", d.get("IDRegDocDateTypeID")).lower()
        dp = d.find("DatePeriod")
        when = period_text(dp) if dp is not None else None
        if when:
            word = "issued" if "issue" in kind else "expires" if "expir" in kind else kind
            notes.append(f"{word} {when}")
    return " ".join(notes) or None


@dataclass
class _State:
    ref: _Ref = field(default_factory=_Ref)
    locations: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    documents: dict[str, list[dict]] = field(default_factory=dict)  # IdentityID -> docs
    entities: dict[str, Entity] = field(default_factory=dict)  # ProfileID -> entity
    names: list[Name] = field(default_factory=list)
    party_lists: dict[str, set[str]] = field(default_factory=dict)
    listed: dict[str, date] = field(default_factory=dict)
    published: str | None = None
    skipped: int = 0


def _location(el: ET.Element, ref: _Ref) -> tuple[str | None, str | None]:
    """(country, text) of a Location."""
    country = None
    lc = el.find("LocationCountry")
    if lc is not None:
        country = ref.text("Country", lc.get("CountryID")) or None
    if country is None:
        ac = el.find("LocationAreaCode")
        if ac is not None:
            country = ref.extra("AreaCode", ac.get("AreaCodeID")) or None
    if country and country.lower() == "undetermined":
        country = None
    parts = [text_of(v) for v in el.iterfind("LocationPart/LocationPartValue/Value")]
    text = ", ".join(p for p in parts + [country] if p) or None
    return country, text


def _id_document(el: ET.Element, state: _State) -> None:
    number = text_of(el.find("IDRegistrationNo"))
    if not number:
        return
    ref = state.ref
    doc = {"kind": ref.text("IDRegDocType", el.get("IDRegDocTypeID")) or "document",
           "number": number,
           "country": ref.text("Country", el.get("IssuedBy-CountryID")) or None,
           "note": _period_note(el, ref)}
    state.documents.setdefault(el.get("IdentityID", ""), []).append(doc)


def _name_of(dn: ET.Element, groups: dict[str, str], ref: _Ref
             ) -> tuple[str, str | None, str | None, bool] | None:
    """(text, given, family, is_latin) of a DocumentedName."""
    parts: list[tuple[str, str]] = []
    latin = True
    for v in dn.iterfind("DocumentedNamePart/NamePartValue"):
        value = text_of(v)
        if not value:
            continue
        ptype = ref.text("NamePartType", groups.get(v.get("NamePartGroupID", ""))).lower()
        parts.append((ptype, value))
        script_id = v.get("ScriptID")
        if script_id:
            script = ref.text("Script", script_id).lower()
            code = (ref.extra("Script", script_id) or "").lower()
            if script and script not in LATIN_SCRIPTS and code not in LATIN_SCRIPTS:
                latin = False
    if not parts:
        return None
    family = " ".join(v for t, v in parts if t in FAMILY_PARTS) or None
    given = " ".join(v for t, v in parts if t in GIVEN_PARTS) or None
    others = [v for t, v in parts if t not in FAMILY_PARTS and t not in GIVEN_PARTS]
    if family and given and not others:
        text = f"{family}, {given}"
    else:
        text = " ".join(v for _t, v in parts)
        if not (family and given):
            given = family = None
    return text, given, family, latin


def _party(el: ET.Element, state: _State) -> None:
    ref = state.ref
    fixed = el.get("FixedRef")
    profile = el.find("Profile")
    if not fixed or profile is None:
        state.skipped += 1
        return
    sub = profile.get("PartySubTypeID")
    sub_name = ref.text("PartySubType", sub).lower()
    party_type = ref.text("PartyType", ref.extra("PartySubType", sub)).lower()
    if sub_name in ("vessel", "aircraft"):
        etype = sub_name
    else:
        etype = {"individual": "person", "entity": "organization"}.get(party_type, "unknown")
    names: list[Name] = []
    primary = None
    identity_ids = []
    for identity in profile.iterfind("Identity"):
        identity_ids.append(identity.get("ID", ""))
        groups = {g.get("ID", ""): g.get("NamePartTypeID", "")
                  for g in identity.iterfind("NamePartGroups/MasterNamePartGroup/NamePartGroup")}
        for alias in identity.iterfind("Alias"):
            is_primary = alias.get("Primary") == "true"
            strong = alias.get("LowQuality") != "true"
            kind = ALIAS_TYPES.get(ref.text("AliasType", alias.get("AliasTypeID")).lower(), "aka")
            for dn in alias.iterfind("DocumentedName"):
                got = _name_of(dn, groups, ref)
                if got is None:
                    continue
                text, given, family, latin = got
                if not latin:
                    ntype = "non_latin"
                elif is_primary and primary is None:
                    ntype, primary = "primary", text
                else:
                    ntype = kind
                names.append(Name(SOURCE, fixed, text, ntype, strong, given_name=given,
                                  family_name=family,
                                  script="" if not latin else R.quick_script(text)))
    if primary is None:
        state.skipped += 1
        return
    ent = Entity(SOURCE, "", fixed, etype, primary,
                 remarks=text_of(el.find("Comment")) or text_of(profile.find("Comment")))
    for feature in profile.iterfind("Feature"):
        ftype = ref.text("FeatureType", feature.get("FeatureTypeID"))
        low = ftype.lower()
        for version in feature.iterfind("FeatureVersion"):
            detail = version.find("VersionDetail")
            detail_text = text_of(detail)
            if detail is not None and not detail_text and detail.get("DetailReferenceID"):
                detail_text = ref.text("DetailReference", detail.get("DetailReferenceID")) or None
            loc = version.find("VersionLocation")
            country = loc_text = None
            if loc is not None:
                country, loc_text = state.locations.get(loc.get("LocationID", ""), (None, None))
            if low == "birthdate":
                dp = version.find("DatePeriod")
                if dp is not None and (when := period_text(dp)):
                    ent.birth_dates.append(when)
            elif low == "place of birth":
                if pob := detail_text or loc_text:
                    ent.birth_places.append(pob)
            elif low in NATIONALITY_FEATURES:
                # (a citizenship is given as a Location with the country's name in a
                # LocationPart only, and no LocationCountry: 14 of 14 in CONS_ADVANCED)
                if nat := country or detail_text or loc_text:
                    ent.nationalities.append(nat)
            elif low == "gender":
                ent.gender = ent.gender or R.gender_of(detail_text)
            elif low == "location":
                if country:
                    ent.countries.append(country)
            elif detail_text and R.is_document_label(ftype):
                ent.documents.append({"kind": ftype, "number": detail_text, "country": None,
                                      "note": None})
    for iid in identity_ids:
        ent.documents.extend(state.documents.pop(iid, []))
    profile_id = profile.get("ID") or fixed
    if profile_id in state.entities:
        state.skipped += 1
        return
    state.entities[profile_id] = ent
    state.names.extend(names)


def _sanctions_entry(el: ET.Element, state: _State) -> None:
    ref = state.ref
    ent = state.entities.get(el.get("ProfileID", ""))
    if ent is None:
        return
    list_name = ref.text("List", el.get("ListID"))
    if list_name:
        state.party_lists.setdefault(ent.entity_id, set()).add(list_name)
    for measure in el.iterfind("SanctionsMeasure"):
        if ref.text("SanctionsType", measure.get("SanctionsTypeID")).lower() != "program":
            continue
        if (prog := text_of(measure.find("Comment"))) and prog not in ent.programs:
            ent.programs.append(prog)
    for event in el.iterfind("EntryEvent"):
        ymd = _date(event.find("Date"))
        if ymd and all(ymd):
            try:
                d = date(*ymd)
            except ValueError:
                continue
            if ent.listed_on is None or d < ent.listed_on:
                ent.listed_on = d


def parse_file(path: Path) -> ParsedList:
    path = Path(path)
    with R.xml_member(path) as (xml_path, display):
        return _parse(path, xml_path, display)


def _parse(path: Path, xml_path: Path, display: str) -> ParsedList:
    R.check_root(xml_path, display, ROOT, "OFAC advanced XML schema")
    state = _State()
    for el in iter_xml(xml_path, tags=_CLEARED):
        tag = el.tag
        if tag == "DistinctParty":
            _party(el, state)
        elif tag == "SanctionsEntry":
            _sanctions_entry(el, state)
        elif tag == "Location" and el.get("ID"):
            state.locations[el.attrib["ID"]] = _location(el, state.ref)
        elif tag == "IDRegDocument":
            _id_document(el, state)
        elif tag == "ReferenceValueSets":
            state.ref.load(el)
        elif tag == "DateOfIssue":
            ymd = _date(el)
            if ymd and ymd[0]:
                state.published = "-".join(f"{x:0{w}d}" for x, w in zip(ymd, (4, 2, 2)) if x)
    entities = list(state.entities.values())
    on_sdn = [any(n.strip().lower() == "sdn list" for n in state.party_lists.get(e.entity_id, ()))
              for e in entities]
    list_name = R.SDN if entities and sum(on_sdn) * 2 > len(entities) else R.NON_SDN
    for e in entities:
        e.list = list_name
    notes = []
    if state.skipped:
        notes.append(f"{state.skipped} DistinctParty records without FixedRef or primary name "
                     f"(or repeated) skipped")
    ents, nams = to_tables(entities, state.names)
    return ParsedList(source=SOURCE, list=list_name, format=NAME, entities=ents, names=nams,
                      files=[path], published=state.published, skipped=state.skipped,
                      notes=notes)
