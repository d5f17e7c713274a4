"""Helpers shared by the four OFAC format modules.

Design notes:

* **Remarks.** The CSV editions pack structured facts into the free-text Remarks
  column: ``DOB 05 Jun 1950; alt. DOB 1951; POB Sargodha, Punjab, Pakistan;
  nationality Pakistan; Gender Male; Passport BE5978421 (Pakistan) issued 14 Nov 2007;
  a.k.a. 'HAFIZ SAHIB'; Linked To: ...``. :func:`parse_remarks` splits the text on
  ``;`` (after taking out the quoted a.k.a. names, which may hold any character) and
  reads each segment by its leading label; ``alt.`` prefixes are dropped. Values are
  kept as published (``Jan 1958``, ``circa 1951``, ``1962 to 1964``).
* **Names in Remarks are the weak a.k.a.s.** OFAC moves low-quality ("weak") a.k.a.s
  out of alt.csv into Remarks: in the non-SDN list 66 of the 70 ``category=weak``
  a.k.a.s of the XML edition are exactly the ``a.k.a. '...'`` of the CSV Remarks (the
  other 4 sit in the comments continuation), and none of them is in cons_alt.csv. So
  they are returned as ``strong=False``.
* **Identifiers.** A segment is a document when its label (the text before the value)
  names an identifier: passports, national and tax ids, registration numbers, IMO /
  MMSI / call signs, aircraft serials, SWIFT/BIC, ISIN, digital currency addresses.
  Phone, e-mail, website, dates, sanctions information and titles are not. The value
  is split into number, country (the last ``(...)`` group) and a note (``issued ...``,
  ``expires ...``). A short upper-case code between label and number (``Passport RL
  1794375``, ``Registration Number HRB 14604``, ``... IMO 7406784``) stays with the
  number. :func:`is_document_label` is shared with the XML formats, whose id lists mix
  real identifiers with websites, e-mails, genders and sanctions notes.
* **SDN or not.** The same layouts carry the SDN list and the non-SDN Consolidated
  list. :func:`non_sdn_share` measures how many entries carry a non-SDN mark: a non-SDN
  program (``NS-*``, ``CMIC*``, ``FSE-*``, ``SSI``, ``PLC``, ``MEU``, ``561-Related``)
  or a sectoral-directive / CAATSA-235 / EO 14059 note. Measured: the 2025-12
  consolidated list 442 of 442 entries; the SDN lists of 2021-07 and 2024-05 0.1% and
  0.6% (a few SDN entries are also subject to directives). :func:`classify_list`
  decides at one half, and uses the file name only when the share is ambiguous.
* **ZIP.** :func:`xml_member` gives a plain XML file for a path that may be a ZIP
  (OFAC ships ``SDN_XML.ZIP``, ``SDN_ENHANCED.ZIP``, ...): ``iter_xml`` reads paths,
  so the member is copied (streamed, size-capped) to a temporary file; errors name
  ``archive!member``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ListFormatError
from .base import xml_root_tag

SDN = "SDN"
NON_SDN = "Consolidated (non-SDN)"

# --------------------------------------------------------------------------- remarks

# a.k.a. 'NAME' -- the name ends at a quote followed by ; . , ) or the end of the text,
# so inner apostrophes (AL-QA'IDA) are kept.
_AKA = re.compile(r"\b([afn])\.k\.a\.,?\s+'(.+?)'(?=\s*(?:[;.,)]|$))")

_DOC_YES = re.compile(
    r"passport|\bid\b|identif|identity|identidad|\bcard\b|c[eé]dula|c\.u\.r\.p|\bcurp\b|"
    r"r\.f\.c|\brfc\b|c\.u\.i|d\.n\.i|\bdni\b|n\.i\.e|c\.i\.f|i\.f\.e|\bssn\b|\btax\b|fiscal|"
    r"\bnit\b|\bruc\b|\brif\b|\brtn\b|\ble number|registration|registry|register|"
    r"company number|business number|gazette|legal entity|credit code|incorporation|"
    r"\bc\.r\.|folio|matr[ií]cula|licen[cs]e|electoral|cartilla|certificate|residency|"
    r"travel document|permit|visa|immigration|seafarer|v\.a\.t|enterprise number|"
    r"branch unit|d-u-n-s|\bfein\b|charity|organization code|file number|"
    r"maritime organization|\bimo\b|\bmmsi\b|call sign|swift|\bbik\b|serial|tail number|"
    r"construction number|transponder|digital currency address|\bisin\b|\bcnp\b|"
    r"chamber of comm",
    re.IGNORECASE,
)
_DOC_NO = re.compile(
    r"phone|\bfax\b|telex|e-?mail|website|\bdate\b|risk|information|\btype\b|ticker|"
    r"issuer|model|year of build|operator|established|prohibited|directive|linked to|"
    r"gender|nationality",
    re.IGNORECASE,
)
# a short upper-case code that belongs to the number ("RL", "HRB", "IMO", "TR-P", "CNIC:")
_CODE_TOKEN = re.compile(r"^[A-Z][A-Z.\-]{0,5}:?$")
_FIRST_NUMBER = re.compile(r"\s+(?=[^\s\d]*\d)")  # the space before the first token with a digit
_NUMBER_FIRST = re.compile(r"^[^\s\d]*\d")
_NOT_CODES = {"ID", "NO", "NO.", "#"}
_NOTE = re.compile(r"\s+(?=(?:issued|expires|expired|expiration|issue date|expire date)\b)",
                   re.IGNORECASE)
_LABEL_ONLY_VALUE = re.compile(r"^(SWIFT/BIC|BIK \(RU\)|MMSI|Vessel Call Sign|Other Vessel Call "
                               r"Sign)\s+(\S+)$")


@functools.lru_cache(maxsize=4096)
def is_document_label(label: str) -> bool:
    """Whether an OFAC id label names an identifier (passport, tax id, IMO number,
    SWIFT/BIC, ...) rather than a website, e-mail, date, gender or sanctions note."""
    label = label.strip()
    return bool(label) and bool(_DOC_YES.search(label)) and not _DOC_NO.search(label)


def document(kind: str, value: str) -> dict | None:
    """A document record from a label and its published value
    (``BE5978421 (Pakistan) issued 14 Nov 2007`` -> number, country, note)."""
    value = value.strip().rstrip(";").strip()
    if not value:
        return None
    note = None
    parts = _NOTE.split(value, maxsplit=1)
    if len(parts) == 2:
        value, note = parts[0].strip().rstrip(","), parts[1].strip()
    country = None
    m = re.match(r"^(.*?)\s*\(([^()]*)\)$", value)
    if m and m.group(1).strip():
        value, country = m.group(1).strip().rstrip(","), m.group(2).strip() or None
    elif m:  # the whole value is in brackets: "(5777731)"
        value = m.group(2).strip()
    if not value:
        return None
    return {"kind": kind.strip().rstrip(":").strip(), "number": value, "country": country,
            "note": note}


def _document_segment(seg: str) -> dict | None:
    m = _LABEL_ONLY_VALUE.match(seg)
    if m:
        return document(m.group(1), m.group(2))
    m = _FIRST_NUMBER.search(seg)
    if not m or _NUMBER_FIRST.match(seg) or m.start() > 120:
        return None  # no number, a number first, or a sentence: not "<label> <number>"
    label = seg[: m.start()].split()
    # (what brackets hold is no words of a sentence: "Aircraft Construction Number
    # (also called L/N or S/N or F/N) 8401")
    if len(re.sub(r"\([^()]*\)", " ", seg[: m.start()]).split()) > 8:
        return None
    if " - " not in seg[: m.start()]:  # "Digital Currency Address - XBT": the code is the kind
        while (len(label) > 1 and _CODE_TOKEN.match(label[-1])
               and label[-1].rstrip(":").upper() not in _NOT_CODES
               and is_document_label(" ".join(label[:-1]))):
            label = label[:-1]
    label_text = " ".join(label)
    if not is_document_label(label_text):
        return None
    return document(label_text, seg.split(None, len(label))[-1])


@dataclass
class RemarkFacts:
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    documents: list[dict] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list)  # (aka|fka|nka, name)


_ABBREV_END = re.compile(r"\b(?:St|Co|Ltd|Inc|Jr|Sr|D\.C|U\.S|S\.A|C\.V|No)\.$")


def _clean(value: str) -> str:
    value = value.strip()
    if value.endswith(".") and not _ABBREV_END.search(value):
        value = value[:-1].rstrip()
    return value


def gender_of(text: str | None) -> str | None:
    """``Male``/``Female`` as published -> ``male``/``female`` (other values lowercased)."""
    if not text:
        return None
    t = text.strip().rstrip(".").strip().lower()
    return t or None


def parse_remarks(text: str | None) -> RemarkFacts:
    """The facts packed into an OFAC Remarks text (see the module notes)."""
    facts = RemarkFacts()
    if not text:
        return facts
    for m in (_AKA.finditer(text) if ".k.a." in text else ()):
        name = m.group(2).strip()
        if name:
            facts.names.append((m.group(1).lower() + "ka", name))
    rest = _AKA.sub(" ", text) if facts.names else text
    for raw in rest.split(";"):
        seg = raw.strip()
        head = seg[:10].lower()
        if head.startswith(("alt. ", "alternate ")):
            seg = seg.split(None, 1)[1] if " " in seg else ""
            head = seg[:10].lower()
        if not seg or head.startswith("linked to"):
            continue
        seg = _clean(seg)
        word, _sp, value = seg.partition(" ")
        word = word.rstrip(":").lower()
        value = value.strip()
        if not value:
            continue
        if word == "dob":
            facts.birth_dates.append(_clean(value))
        elif word == "pob":
            facts.birth_places.append(_clean(value))
        elif word == "nationality" and value.lower().startswith("of registration"):
            facts.nationalities.append(_clean(value[len("of registration"):].lstrip(": ")))
        elif word in ("nationality", "citizen", "citizenship"):
            facts.nationalities.append(_clean(value))
        elif word == "gender":
            facts.gender = facts.gender or gender_of(value)
        elif doc := _document_segment(seg):
            facts.documents.append(doc)
    return facts


def split_person_name(name: str) -> tuple[str | None, str | None]:
    """``SURNAME, Given names`` -> (given, family); (None, None) without a comma."""
    family, sep, given = name.partition(",")
    if not sep or not family.strip() or not given.strip():
        return None, None
    return given.strip(), family.strip()


def quick_script(text: str) -> str:
    """``Latin`` for an ASCII name with letters (most OFAC names), else "" so that
    :func:`~screen.sources.schema.to_tables` works the script out from the text."""
    return "Latin" if text.isascii() and any(c.isalpha() for c in text) else ""


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


# --------------------------------------------------------------------------- SDN or not

_NON_SDN_PROGRAM = re.compile(r"^(?:NS-|CMIC|FSE|SSI\b|PLC\b|MEU\b|561)", re.IGNORECASE)
_NON_SDN_TEXT = ("subject to directive", "directive information",
                 "caatsa section 235 information", "executive order 14059 information",
                 "non-sdn")


def non_sdn_mark(programs: list[str], text: str | None) -> bool:
    """Whether one entry carries a mark of the non-SDN lists (see the module notes)."""
    if any(_NON_SDN_PROGRAM.match(p) for p in programs):
        return True
    if not text:
        return False
    low = text.lower()
    return any(needle in low for needle in _NON_SDN_TEXT)


def non_sdn_share(marks: list[bool]) -> float:
    return sum(marks) / len(marks) if marks else 0.0


def classify_list(share: float, hint_name: str = "") -> str:
    """``SDN`` or ``Consolidated (non-SDN)`` from the share of entries with a non-SDN
    mark; the file name breaks a tie only when the share is between 10% and 50%."""
    if share >= 0.5:
        return NON_SDN
    if share <= 0.1:
        return SDN
    return NON_SDN if "cons" in hint_name.lower() else SDN


# --------------------------------------------------------------------------- dates

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def us_date_to_iso(text: str | None) -> str | None:
    """``06/30/2025`` -> ``2025-06-30``; other text is returned unchanged."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    if not m:
        return text.strip() or None
    return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"


def ofac_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """A date written the OFAC way: ``05 Jun 1950``, ``Jan 1958``, ``1962``."""
    if month and day:
        return f"{day:02d} {_MONTHS[month - 1]} {year}"
    if month:
        return f"{_MONTHS[month - 1]} {year}"
    return str(year)


# --------------------------------------------------------------------------- XML files


def check_root(xml_path: Path, display: str, root: str, what: str) -> str | None:
    """Raise :class:`ListFormatError` unless the file's root element is ``root``;
    returns the root's namespace."""
    with open(xml_path, "rb") as fh:
        head = fh.read(65536)
    if not head.strip():
        raise ListFormatError("empty file", path=display)
    ns, local = xml_root_tag(head)
    if local != root:
        found = f"<{local}>" if local else "no XML root element"
        raise ListFormatError(f"{found} where the {what} has <{root}>", path=display)
    return ns


# --------------------------------------------------------------------------- ZIP members

MAX_MEMBER_BYTES = 4 << 30  # refuse absurd (bomb-like) members


def _rename_error(exc: ListFormatError, display: str) -> ListFormatError:
    text = str(exc)
    prefix = ": ".join(p for p in (exc.path, exc.where) if p)
    if prefix and text.startswith(prefix + ": "):
        text = text[len(prefix) + 2:]
    return ListFormatError(text, path=display, where=exc.where)


@contextlib.contextmanager
def xml_member(path: Path) -> Iterator[tuple[Path, str]]:
    """Yield ``(xml_path, display_name)`` for a plain XML file or a ZIP holding one.

    For a ZIP, the first ``.xml`` member is streamed to a temporary file; a
    :class:`ListFormatError` raised inside the block is re-raised naming
    ``archive!member`` instead of the temporary file.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic != b"PK\x03\x04":
        yield path, str(path)
        return
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ListFormatError("damaged ZIP archive", path=path) from None
    with zf, tempfile.TemporaryDirectory(prefix="screen-ofac-") as tmp:
        members = [i for i in zf.infolist() if i.filename.lower().endswith(".xml")]
        if not members:
            raise ListFormatError("ZIP archive holds no XML file", path=path)
        info = members[0]
        if info.file_size > MAX_MEMBER_BYTES:
            raise ListFormatError(f"ZIP member {info.filename} is implausibly large "
                                  f"({info.file_size} bytes)", path=path)
        display = f"{path}!{info.filename}"
        target = Path(tmp) / "member.xml"
        try:
            with zf.open(info) as src, open(target, "wb") as dst:
                copied = 0
                while chunk := src.read(1 << 20):
                    copied += len(chunk)
                    if copied > MAX_MEMBER_BYTES:
                        raise ListFormatError("ZIP member is implausibly large", path=display)
                    dst.write(chunk)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ListFormatError(f"damaged ZIP archive ({exc})", path=display) from None
        try:
            yield target, display
        except ListFormatError as exc:
            if exc.path == str(target):
                raise _rename_error(exc, display) from None
            raise
