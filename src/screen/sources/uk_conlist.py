"""OFSI Consolidated List of Financial Sanctions Targets ("ConList"), CSV and XLSX.

Design notes:

* Two editions with the same rows and columns: ``ConList.csv`` and ``ConList.xlsx``.
  Row 1 is ``Last Updated,<dd/mm/yyyy>`` (-> ``published``, ISO), row 2 the header.
  The CSV is recognised by those two rows; the XLSX (a ZIP) by the same header words
  in its shared strings or first sheet. The XLSX is read with the standard library
  only: ``zipfile``, then the shared-string table and the first worksheet, both
  streamed with :func:`iter_xml` (members are copied to a temporary file first, since
  ``iter_xml`` reads a path). When a folder holds both editions of the same date, the
  CSV is parsed and the XLSX skipped with a note.
* Columns are found by header name, not position. The header has changed over the
  years (36 columns since 2022; older files have ``NI Number``/``NI Details`` and no
  non-Latin or alias-quality columns); the columns every edition has are required,
  and a header missing one raises :class:`ListFormatError` naming the file and line 2.
* One row per name variant, repeated for each DOB, address, passport...: rows are
  aggregated by ``Group ID`` (the ``entity_id``), keeping the order of the file.
* Names: ``Name 6`` is the surname of a person or the whole name of an entity or ship,
  ``Name 1``-``Name 5`` the other parts. The whole name is written in the numbered
  order, ``Name 1 .. Name 5`` then ``Name 6`` (``HAILUN ZHU``), the way OFSI's own
  format guide numbers the parts (given names first) and the way the FCDO list, which
  replaced ConList, has them; ``given_name``/``family_name`` keep the parts for persons,
  so a matcher can try the surname-first order too. ``Alias Type`` ``Primary name``
  (older files: ``Prime Alias``) -> ``primary``; ``Primary name variation`` and ``AKA``
  -> ``aka``; ``FKA`` -> ``fka``. ``Alias Quality`` ``Low quality`` -> ``strong=False``.
  ``Name Non-Latin Script`` gives an extra ``non_latin`` name, exactly as published,
  with ``Non-Latin Script Language`` as its language. The entity's name is its first
  ``Primary name`` row (two groups in 2025 have none: then their first row).
* Birth dates are kept as published (``dd/mm/yyyy``, ``mm/yyyy``, ``yyyy``) except that
  the placeholders of unknown parts are dropped: ``00/00/1960`` -> ``1960``,
  ``00/09/1962`` -> ``09/1962`` (the FCDO list writes them ``dd/mm/1945``).
  ``(1) X (2) Y`` enumerations in nationality, birth place and document columns are
  split into their items. Gender comes from ``(Gender):Male`` in Other Information
  (lower-cased: ``male``/``female``); Other Information is the remarks.
* A row without a Group ID or without any name is skipped, counted and noted once.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import ListFormatError
from .base import ParsedList, bracketed_names, iter_xml
from .schema import Entity, Name, to_tables

NAME = "uk_conlist"
SOURCE = "uk"
LIST = "OFSI Consolidated List"

REQUIRED = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "DOB", "Town of Birth",
    "Country of Birth", "Nationality", "Country", "Other Information", "Group Type",
    "Alias Type", "Regime", "Listed On", "Group ID",
)
# Columns read when present; each tuple lists the spellings seen over the years.
OPTIONAL = {
    "Name Non-Latin Script": ("Name Non-Latin Script",),
    "Non-Latin Script Language": ("Non-Latin Script Language",),
    "Alias Quality": ("Alias Quality",),
    "Passport Number": ("Passport Number",),
    "Passport Details": ("Passport Details",),
    "National Identification Number": ("National Identification Number", "NI Number"),
    "National Identification Details": ("National Identification Details", "NI Details"),
}
_DATE_COLUMNS = ("DOB", "Listed On", "UK Sanctions List Date Designated", "Last Updated")

ENTITY_TYPES = {"individual": "person", "entity": "organization", "ship": "vessel"}
NAME_TYPES = {
    "primary name": "primary", "prime alias": "primary", "primary name variation": "aka",
    "aka": "aka", "alias": "aka", "also known as": "aka", "fka": "fka",
    "formerly known as": "fka", "nka": "nka", "now known as": "nka",
}


# ---------------------------------------------------------------- shared helpers
# (also used by uk_fcdo, the FCDO list that replaced ConList)

def whole_name(parts: Sequence[str | None]) -> str:
    """``Name 1 .. Name 5`` then ``Name 6``; ``parts`` is ``[Name 1, ..., Name 6]``."""
    return " ".join(p.strip() for p in parts if p and p.strip())


def name_type(alias_type: str | None) -> str:
    return NAME_TYPES.get(" ".join((alias_type or "").lower().split()), "aka")


def is_weak(quality: str | None) -> bool:
    return (quality or "").strip().lower().startswith("low")


_PLACEHOLDER = {"00", "0", "dd", "mm", "xx", "?"}


def uk_birth_date(text: str | None) -> str | None:
    """A published DOB without the placeholders of unknown parts (see module notes)."""
    t = (text or "").strip()
    if not t:
        return None
    parts = t.split("/")
    if len(parts) == 3:
        d, m, y = (p.strip() for p in parts)
        if m.lower() in _PLACEHOLDER:
            return y
        if d.lower() in _PLACEHOLDER:
            return f"{m}/{y}"
    elif len(parts) == 2 and parts[0].strip().lower() in _PLACEHOLDER:
        return parts[1].strip()
    return t


def uk_date(text: str | None) -> date | None:
    """``dd/mm/yyyy`` -> date, else None."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text or "")
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def iso(text: str | None) -> str | None:
    d = uk_date(text)
    return d.isoformat() if d else ((text or "").strip() or None)


_ENUM = re.compile(r"\(\d{1,2}\)")


def split_enum(text: str | None) -> list[str]:
    """``(1) Germany. (2) Morocco`` -> ``["Germany", "Morocco"]``; other text -> [text].
    Items that are only ``-`` are kept as empty strings so that positions still pair."""
    t = (text or "").strip()
    if not t:
        return []
    if not _ENUM.match(t):
        return [t]
    items = [i.strip().rstrip(".;,").strip() for i in _ENUM.split(t)[1:]]
    return ["" if i in ("-", "") else i for i in items]


def birth_places(towns: str | None, countries: str | None) -> list[str]:
    ts, cs = split_enum(towns), split_enum(countries)
    if len(cs) == 1 and len(ts) > 1:
        cs = cs * len(ts)
    if len(ts) == 1 and len(cs) > 1:
        ts = ts + [""] * (len(cs) - 1)
    if len(ts) != len(cs):
        return [p for p in ts + cs if p]
    return [", ".join(p for p in pair if p) for pair in zip(ts, cs) if any(pair)]


def documents(kind: str, numbers: str | None, details: str | None) -> list[dict]:
    ns, ds = split_enum(numbers), split_enum(details)
    out: list[dict] = []
    if not ns:
        return out
    if len(ds) != len(ns):
        ds = [(details or "").strip()] * len(ns)
    for n, d in zip(ns, ds):
        if n:
            out.append({"kind": kind, "number": n, "country": None, "note": d or None})
    return out


_GENDER = re.compile(r"\(Gender\)\s*:\s*([A-Za-z]+)")


def gender_of(other_information: str | None) -> str | None:
    m = _GENDER.search(other_information or "")
    return m.group(1).lower() if m else None


# ---------------------------------------------------------------- recognition

def _norm(h: str) -> str:
    return " ".join(h.replace("\ufeff", "").split()).lower()


def sniff(path: Path, head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04") or _is_zip(path):
        return "xlsx" if _sniff_xlsx(path) else None
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    lines = text.splitlines()[:2]
    if len(lines) == 2 and _norm(lines[0]).startswith("last updated"):
        header = _norm(lines[1])
        if "name 6" in header and "group id" in header and "alias type" in header:
            return "main"
    return None


def _is_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _sniff_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                return False
            blob = b""
            for member in ("xl/sharedStrings.xml", _first_sheet(zf)):
                if member in names:
                    with zf.open(member) as fh:
                        blob += fh.read(1 << 16)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError):
        return False
    return all(w in blob for w in (b"Name 6", b"Group ID", b"Alias Type"))


# ---------------------------------------------------------------- reading rows

def _first_sheet(zf: zipfile.ZipFile) -> str:
    """Path of the first worksheet, from workbook.xml and its relationships."""
    default = "xl/worksheets/sheet1.xml"
    try:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return default
    sheet = next((e for e in wb.iter() if e.tag.endswith("}sheet") or e.tag == "sheet"), None)
    if sheet is None:
        return default
    rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
    for rel in rels:
        if rel.get("Id") == rid and rel.get("Target"):
            target = rel.attrib["Target"].lstrip("/")
            return target if target.startswith("xl/") else "xl/" + target
    return default


_COLS: dict[str, int] = {}


def _col_index(ref: str) -> int | None:
    """0-based column of a cell reference such as ``AB12``."""
    letters = ref.rstrip("0123456789")
    ix = _COLS.get(letters)
    if ix is None:
        if not letters.isalpha() or not letters.isupper():
            return None
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        ix = _COLS[letters] = n - 1
    return ix


def _cell_text(el: ET.Element) -> str:
    """Text of an ``si`` or ``is`` element: its ``t`` runs, phonetic runs left out."""
    out = []
    for child in el:
        if child.tag == "t":
            out.append(child.text or "")
        elif child.tag == "r":
            out.extend(t.text or "" for t in child if t.tag == "t")
    return "".join(out)


def xlsx_rows(path: Path) -> list[list[str]]:
    """All rows of the first sheet of an XLSX file, as lists of strings. Numbers are
    kept as written, except date serials in the date columns of the header (row 2),
    which become ``dd/mm/yyyy`` like the CSV edition."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise ListFormatError("damaged ZIP archive (expected ConList.xlsx)", path=path) from None
    with zf, tempfile.TemporaryDirectory(prefix="screen-xlsx-") as tmp:
        names = set(zf.namelist())
        sheet_name = _first_sheet(zf)
        if sheet_name not in names:
            raise ListFormatError(f"no worksheet {sheet_name} in the workbook", path=path)
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            ss_path = _extract(zf, "xl/sharedStrings.xml", Path(tmp) / "sharedStrings.xml")
            try:
                for el in iter_xml(ss_path, tags={"si"}):
                    if el.tag == "si":
                        shared.append(_cell_text(el))
            except ListFormatError as exc:
                raise ListFormatError(str(exc).split(": ", 2)[-1], path=path,
                                      where=f"xl/sharedStrings.xml, {exc.where}") from None
        sheet_path = _extract(zf, sheet_name, Path(tmp) / "sheet.xml")
        rows: list[list[str]] = []
        date_cols: set[int] = set()
        width = 0
        try:
            for el in iter_xml(sheet_path, tags={"row"}):
                if el.tag != "row":
                    continue
                row: list[str] = []
                for c in el:
                    if c.tag != "c":
                        continue
                    ix = _col_index(c.get("r", ""))
                    if ix is None:
                        ix = len(row)
                    kind = c.get("t")
                    v = c.find("v")
                    if kind == "s":
                        try:
                            text = shared[int(v.text)] if v is not None and v.text else ""
                        except (ValueError, IndexError):
                            raise ListFormatError(
                                f"cell {c.get('r')} points at a missing shared string",
                                path=path, where=sheet_name) from None
                    elif kind == "inlineStr":
                        is_ = c.find("is")
                        text = _cell_text(is_) if is_ is not None else ""
                    else:
                        text = v.text if v is not None and v.text else ""
                        if kind in (None, "n") and ix in date_cols:
                            text = _excel_date(text)
                    if ix >= len(row):
                        row.extend([""] * (ix - len(row) + 1))
                    row[ix] = text
                if len(row) < width:  # a sheet leaves out empty trailing cells
                    row.extend([""] * (width - len(row)))
                rows.append(row)
                if len(rows) == 2:  # the header: numbers in its date columns are serials
                    date_cols = {i for i, h in enumerate(row) if h.strip() in _DATE_COLUMNS}
                    width = len(row)
        except ListFormatError as exc:
            if exc.path == str(path):
                raise
            raise ListFormatError(str(exc).split(": ", 2)[-1], path=path,
                                  where=f"{sheet_name}, {exc.where}") from None
    return rows


def _extract(zf: zipfile.ZipFile, member: str, dest: Path) -> Path:
    with zf.open(member) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    return dest


def _excel_date(text: str) -> str:
    """A numeric cell of a date column: an Excel date serial (``44643``) becomes
    ``dd/mm/yyyy``; a plain year (``1963``) and anything else stay as they are."""
    try:
        serial = float(text)
    except ValueError:
        return text
    if serial.is_integer() and 1800 <= serial <= 2100:
        return str(int(serial))
    d = date(1899, 12, 30) + timedelta(days=int(serial))
    return d.strftime("%d/%m/%Y") if 1800 < d.year < 2200 else text


def csv_rows(path: Path) -> tuple[list[list[str]], list[str]]:
    notes = []
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", "replace")
        notes.append(f"not UTF-8 (byte {exc.start}); read as Windows-1252")
    return list(csv.reader(io.StringIO(text, newline=""))), notes


# ---------------------------------------------------------------- parsing

def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    out: list[ParsedList] = []
    for p in files.get("main", []):
        rows, notes = csv_rows(p)
        out.append(parse_rows(rows, p, notes))
    done = {pl.published for pl in out}
    for p in files.get("xlsx", []):
        rows = xlsx_rows(p)
        published = iso(rows[0][1]) if rows and len(rows[0]) > 1 else None
        if published in done:
            for pl in out:
                if pl.published == published:
                    pl.notes.append(f"{p.name}: the XLSX edition of the same list, not parsed "
                                    "again")
            continue
        out.append(parse_rows(rows, p, []))
    return out


def _columns(header: list[str], path: Path) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        index.setdefault(_norm(h), i)
    missing = [c for c in REQUIRED if _norm(c) not in index]
    if missing:
        raise ListFormatError(
            "ConList header changed: no column " + ", ".join(repr(m) for m in missing)
            + f" (header has {len(header)} columns)", path=path, where="line 2")
    cols = {c: index[_norm(c)] for c in REQUIRED}
    for key, spellings in OPTIONAL.items():
        for s in spellings:
            if _norm(s) in index:
                cols[key] = index[_norm(s)]
                break
    return cols


def parse_rows(rows: list[list[str]], path: Path, notes: list[str]) -> ParsedList:
    """Parse ConList rows (row 1 ``Last Updated``, row 2 header) from either edition."""
    path = Path(path)
    if not rows or not rows[0] or _norm(rows[0][0]) != "last updated":
        raise ListFormatError("not an OFSI ConList: row 1 is not 'Last Updated,<date>'",
                              path=path, where="line 1")
    if len(rows) < 2:
        raise ListFormatError("no header row", path=path, where="line 2")
    published = iso(rows[0][1] if len(rows[0]) > 1 else None)
    cols = _columns(rows[1], path)
    width = max(cols.values()) + 1

    ix = {key: cols.get(key, -1) for key in (*REQUIRED, *OPTIONAL)}
    name_ix = [ix[f"Name {i}"] for i in (1, 2, 3, 4, 5, 6)]

    entities: dict[str, Entity] = {}
    primary_seen: set[str] = set()
    facts_seen: dict[str, set] = {}
    remarks: dict[str, list[str]] = {}
    names: list[Name] = []
    skipped = short = 0
    last_short = False  # the last row with any value is short: the file was cut there
    for row in rows[2:]:
        if len(row) < width:
            if any(v.strip() for v in row):
                short += 1
                last_short = True
            continue
        if any(v.strip() for v in row):
            last_short = False
        if len(row) == width:
            row = row + [""]  # index -1 (an absent optional column) reads as ""
        else:
            row = list(row)
            row[-1] = ""
        gid = row[ix["Group ID"]].strip()
        parts = [row[i].strip() for i in name_ix]
        full = whole_name(parts)
        non_latin = row[ix["Name Non-Latin Script"]].strip()
        if not gid or not (full or non_latin):
            if any(v.strip() for v in row):
                skipped += 1
            continue
        ent = entities.get(gid)
        if ent is None:
            group_type = ENTITY_TYPES.get(row[ix["Group Type"]].strip().lower(), "unknown")
            ent = entities[gid] = Entity(source=SOURCE, list=LIST, entity_id=gid,
                                         entity_type=group_type, name=full or non_latin)
            facts_seen[gid] = set()
            remarks[gid] = []
        ntype = name_type(row[ix["Alias Type"]])
        if ntype == "primary" and gid not in primary_seen and full:
            primary_seen.add(gid)
            ent.name = full
        if full:
            person = ent.entity_type == "person"
            strong = not is_weak(row[ix["Alias Quality"]])
            names.append(Name(
                source=SOURCE, entity_id=gid, name=full, name_type=ntype,
                strong=strong,
                given_name=(whole_name(parts[:5]) or None) if person else None,
                family_name=(parts[5] or None) if person else None,
            ))
            # (the name before its acronym in brackets: see bracketed_names)
            names += [Name(source=SOURCE, entity_id=gid, name=text,
                           name_type="aka" if ntype == "primary" else ntype, strong=strong)
                      for text in bracketed_names(full)]
        if non_latin:
            names.append(Name(source=SOURCE, entity_id=gid, name=non_latin,
                              name_type="non_latin",
                              language=row[ix["Non-Latin Script Language"]].strip() or None))
        # The facts below repeat on every row of a group: handle each value once.
        seen = facts_seen[gid]
        for key in ("Regime", "Listed On", "DOB", "Nationality", "Country",
                    "Other Information"):
            value = row[ix[key]].strip()
            if not value or (key, value) in seen:
                continue
            seen.add((key, value))
            if key == "Regime":
                ent.programs.append(value)
            elif key == "Listed On":
                listed = uk_date(value)
                if listed and (ent.listed_on is None or listed < ent.listed_on):
                    ent.listed_on = listed
            elif key == "DOB":
                born = uk_birth_date(value)
                assert born is not None  # None only for a blank value, skipped above
                ent.birth_dates.append(born)
            elif key == "Nationality":
                ent.nationalities.extend(n for n in split_enum(value) if n)
            elif key == "Country":
                ent.countries.extend(c for c in split_enum(value) if c)
            else:
                remarks[gid].append(value)
                ent.gender = ent.gender or gender_of(value)
        place = ("place", row[ix["Town of Birth"]].strip(), row[ix["Country of Birth"]].strip())
        if (place[1] or place[2]) and place not in seen:
            seen.add(place)
            ent.birth_places.extend(birth_places(place[1], place[2]))
        docs = (row[ix["Passport Number"]].strip(), row[ix["Passport Details"]].strip(),
                row[ix["National Identification Number"]].strip(),
                row[ix["National Identification Details"]].strip())
        if any(docs) and docs not in seen:
            seen.add(docs)
            for doc in documents("passport", docs[0], docs[1]) + \
                    documents("national id", docs[2], docs[3]):
                doc_key = (doc["kind"], doc["number"], doc["note"])
                if doc_key not in seen:
                    seen.add(doc_key)
                    ent.documents.append(doc)
    for gid, ent in entities.items():
        ent.remarks = "\n".join(remarks[gid]) or None
    if skipped:
        notes.append(f"{skipped} rows skipped: no Group ID or no name")
    if short:
        notes.append(f"{short} rows skipped: fewer columns than the header (truncated file?)")
    ent_table, name_table = to_tables(list(entities.values()), names)
    return ParsedList(source=SOURCE, list=LIST, format=NAME, entities=ent_table,
                      names=name_table, files=[path], published=published,
                      skipped=skipped + short, notes=notes,
                      cut_short=(f"{path.name}: its last row stops short of the header's "
                                 f"{width} columns") if last_short else None)
