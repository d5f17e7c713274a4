"""OFAC "legacy" CSV editions: sdn.csv / alt.csv / add.csv / sdn_comments.csv and the
non-SDN cons_prim.csv / cons_alt.csv / cons_add.csv / cons_comments.csv.

Design notes:

* **Recognition by shape.** The files have no header; a file is ours when its first
  row has a numeric ent_num and the column count of a role: 12 (primary, with
  SDN_Type ``individual``/``vessel``/``aircraft``/``-0-``), 5 (alt, alt_type
  ``aka``/``fka``/``nka``), 6 (add, numeric add_num) or 2 (comments). A first row
  naming OFAC columns (``ent_num``...) is also recognised, so that :func:`parse` can
  reject it with a precise message instead of "unknown format".
* **Reading.** Bytes are decoded as UTF-8 (cp1252 if that fails), CRLF and the
  trailing 0x1A line are dropped, ``-0-`` (with its trailing space) is the null
  marker. The first three rows must have the role's shape, otherwise the file as a
  whole is refused (:class:`ListFormatError` with file and line); later rows of the
  wrong shape are skipped, counted and noted.
* **Which list.** SDN and non-SDN files share the layout; each primary file is
  classified by content (:func:`ofac_remarks.classify_list`): 442 of 442 entries of
  the real cons_prim.csv carry a non-SDN program or directive note, against 0.1-0.6%
  of sdn.csv entries. One :class:`ParsedList` per primary file.
* **Attaching alt/add/comments.** Each secondary file has a home primary: the one
  sharing most ent_nums with it (the file name only breaks a tie). A row goes to its
  home primary when that has the ent_num, else to another primary file that has it
  (ent_num is OFAC's id of the party across lists), else it is an orphan: skipped,
  counted in ``skipped`` of the home list, and reported in one note line. Files of
  different dates make orphans (the snapshot folder: 8,210 rows for 4,867 ent_nums).
* **Remarks continuation.** Remarks are cut at 1000 characters and continue in
  *_comments.csv, possibly mid-word, so the two are joined without separator. A
  continuation is only joined to a Remarks of at least 1000 characters: a shorter
  Remarks is complete, and the row comes from another edition of the list (seen in
  the snapshot folder, where comments of 2025 meet an sdn.csv of 2024). Such rows are
  skipped and noted.
* **Facts from Remarks** (:func:`ofac_remarks.parse_remarks`): DOBs, POBs,
  nationality/citizenship, gender, identifiers, and the ``a.k.a. '...'`` names, which
  are OFAC's weak a.k.a.s (``strong=False``; one equal to a name of alt.csv or the
  primary name is not repeated). The full text stays in ``remarks``.
* **Other columns.** SDN_Name is the primary name (``SURNAME, Given`` for individuals
  gives family/given names); SDN_Type gives the entity type (``-0-`` ->
  organization); Program is split on ``] [``; add.csv countries give ``countries``;
  a vessel's flag goes to ``nationalities`` and its call sign to ``documents``. The
  CSV carries no dates of listing or publication.
"""

from __future__ import annotations

import builtins
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ListFormatError
from . import ofac_remarks as R
from .base import ParsedList
from .schema import Entity, Name, to_tables

NAME = "ofac_csv"
SOURCE = "ofac"

COLUMNS = {"primary": 12, "alt": 5, "add": 6, "comments": 2}
ROLE_WORDS = {"primary": "sdn.csv/cons_prim.csv", "alt": "alt.csv", "add": "add.csv",
              "comments": "sdn_comments.csv"}
# what a list loses without its file of each role
ROLE_GIVES = {"alt": "its aliases", "add": "its addresses' countries",
              "comments": "the rest of Remarks over 1,000 characters"}
SDN_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "organization"}
ALT_TYPES = {"aka": "aka", "fka": "fka", "nka": "nka"}
REMARKS_CUT = 1000  # OFAC cuts Remarks here; the rest is in *_comments.csv
SHAPE_ROWS = 3  # rows that must have the expected shape before a file is trusted
_HEADER_WORDS = {"ent_num", "sdn_name", "sdn_type", "alt_num", "alt_name", "alt_type",
                 "add_num", "program", "remarks", "address"}


def _null(value: str) -> str:
    """A field without OFAC's ``-0-`` null marker and surrounding blanks."""
    v = value.strip()
    return "" if v == "-0-" else v


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _is_eof_row(row: list[str]) -> bool:
    return not row or (len(row) == 1 and row[0].strip() in ("", "\x1a"))


def _looks_like_header(row: list[str]) -> bool:
    return any(c.strip().lower().replace(" ", "_") in _HEADER_WORDS for c in row)


def _role_of_row(row: list[str]) -> str | None:
    if not row or not row[0].strip().isdigit():
        return None
    n = len(row)
    if n == 12 and _null(row[2]).lower() in SDN_TYPES:
        return "primary"
    if n == 5 and _null(row[2]).lower().replace(".", "") in ALT_TYPES:
        return "alt"
    if n == 6 and row[1].strip().isdigit():
        return "add"
    if n == 2:
        return "comments"
    return None


def sniff(path: Path, head: bytes) -> str | None:
    text = _decode(head)
    if not text.strip() or text.lstrip().startswith("<"):
        return None
    lines = text.splitlines()
    if len(head) >= 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    try:
        rows = [r for r in csv.reader(lines[:20]) if not _is_eof_row(r)]
    except csv.Error:
        return None
    if not rows:
        return None
    first = rows[0]
    if _looks_like_header(first) and any(c.strip().lower() == "ent_num" for c in first):
        # an OFAC layout with a header row: claim it so that parse() can say what is wrong
        return {12: "primary", 5: "alt", 6: "add", 2: "comments"}.get(len(first))
    return _role_of_row(first)


# --------------------------------------------------------------------------- reading


@dataclass
class _File:
    path: Path
    role: str
    rows: list[tuple[int, list[str]]]  # (line, cells)
    bad: int = 0
    first_bad: int | None = None
    unterminated: bool = False  # no end-of-file mark (see END_MARK_ROLES)
    marked: bool = True  # ends with the end-of-file mark (a comments file may not)
    open_end: bool = False  # ends inside a row: neither the mark nor a line end closes it


# OFAC closes its CSV files with an end-of-file character (0x1A, Ctrl-Z): every sdn,
# alt, add and cons_* file of the editions here ends so (one comments file of 2021
# does not). Without it such a file was most likely cut short: an interrupted
# download whose server sent no length cuts at a line as often as not, and every row
# past the cut, and so its parties, would be lost without a malformed row to count.
# A comments file without the mark is cut short when Remarks cut at 1,000 characters
# of entries numbered past its last row lack the continuation it should hold (every
# cut Remarks has one in the editions of 2021 and 2025; in the snapshot folder, whose
# files are of different dates, 17 of 18, the one without inside the file's rows).
END_MARK_ROLES = ("primary", "alt", "add")


def _read(path: Path, role: str) -> _File:
    path = Path(path)
    want = COLUMNS[role]
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\x1a"):
        raise ListFormatError("empty file", path=path)
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    marked = data.rstrip(b" \t\r\n").endswith(b"\x1a")
    out = _File(path, role, [], unterminated=role in END_MARK_ROLES and not marked,
                marked=marked, open_end=not marked and not data.rstrip(b" \t").endswith(b"\n"))
    good = 0
    try:
        for row in reader:
            if _is_eof_row(row):
                continue
            line = reader.line_num
            ok = len(row) == want and row[0].strip().isdigit()
            if ok:
                good += 1
                out.rows.append((line, row))
                continue
            if good < SHAPE_ROWS:
                if _looks_like_header(row):
                    why = "a header row; OFAC CSV files have none"
                elif len(row) != want:
                    why = (f"{len(row)} columns where an OFAC {ROLE_WORDS[role]} file has "
                           f"{want}")
                else:
                    why = f"ent_num {row[0]!r} is not a number"
                raise ListFormatError(f"not an OFAC {ROLE_WORDS[role]} file: {why}",
                                      path=path, where=f"line {line}")
            out.bad += 1
            out.first_bad = out.first_bad or line
    except csv.Error as exc:
        raise ListFormatError(f"malformed CSV ({exc})", path=path,
                              where=f"line {reader.line_num}") from None
    if not out.rows:
        raise ListFormatError(f"no rows in the OFAC {ROLE_WORDS[role]} layout", path=path)
    return out


# --------------------------------------------------------------------------- building


@dataclass
class _Party:
    row: list[str]
    programs: list[str] = field(default_factory=list)
    alt: list[tuple[str, str]] = field(default_factory=list)  # (type, name)
    countries: list[str] = field(default_factory=list)
    comments: dict[int, list[str]] = field(default_factory=dict)  # priority -> texts


@dataclass
class _Primary:
    file: _File
    parties: dict[str, _Party]
    list: str
    # (builtins.list: in this class body `list` names the field above, for type checkers)
    files: builtins.list[Path]
    skipped: int = 0
    notes: builtins.list[str] = field(default_factory=builtins.list)
    orphan_rows: dict[str, int] = field(default_factory=dict)  # file name -> rows
    unterminated: set[Path] = field(default_factory=set)  # its files without an end mark
    unmarked_comments: _File | None = None  # its comments file, when it has no end mark
    orphan_ents: set[str] = field(default_factory=set)
    parts: dict[str, Path] = field(default_factory=dict)  # role -> the file of it here


# words of the names OFAC gives its files of each role
_ROLE_NAMES = ("alt", "add", "comments", "sdn", "prim")


def _file_word(role: str, list_name: str) -> str:
    """How the file of ``role`` of a list is named where OFAC publishes it."""
    non_sdn = list_name == R.NON_SDN
    if role == "primary":
        return "cons_prim.csv" if non_sdn else "sdn.csv"
    return f"{'cons' if non_sdn else 'sdn'}_comments.csv" if role == "comments" else \
        f"{'cons_' if non_sdn else ''}{role}.csv"


def _programs(text: str) -> list[str]:
    text = _null(text).strip().strip("[]")
    return [p.strip() for p in re.split(r"\]\s*\[", text) if p.strip()]


def _load_primary(f: _File) -> _Primary:
    parties: dict[str, _Party] = {}
    dupes = 0
    for _line, row in f.rows:
        ent = row[0].strip()
        if ent in parties:
            dupes += 1
            continue
        parties[ent] = _Party(row, _programs(row[3]))
    marks = [R.non_sdn_mark(p.programs, p.row[11]) for p in parties.values()]
    share = R.non_sdn_share(marks)
    prim = _Primary(f, parties, R.classify_list(share, f.path.name), [f.path],
                    unterminated={f.path} if f.unterminated else set())
    if 0.1 < share < 0.5:
        prim.notes.append(f"{f.path.name}: {sum(marks)} of {len(marks)} entries carry non-SDN "
                          f"marks; the file name decided the list ({prim.list})")
    if dupes:
        prim.skipped += dupes
        prim.notes.append(f"{f.path.name}: {dupes} repeated ent_num rows skipped")
    if f.bad:
        prim.skipped += f.bad
        prim.notes.append(f"{f.path.name}: {f.bad} rows with the wrong number of columns "
                          f"skipped (first at line {f.first_bad})")
    return prim


def _home(f: _File, primaries: list[_Primary]) -> int:
    ents = {row[0].strip() for _l, row in f.rows}
    hint_cons = "cons" in f.path.name.lower()

    def score(i: int) -> tuple[int, int]:
        p = primaries[i]
        tie = int((p.list == R.NON_SDN) == hint_cons)
        return (len(ents & p.parties.keys()), tie)

    return max(range(len(primaries)), key=score)


def _attach(f: _File, primaries: list[_Primary], *, one_per_list: bool = True) -> None:
    home = _home(f, primaries)
    hp = primaries[home]
    if f.role in hp.parts and one_per_list:
        # two editions of one file, or one saved over another's name (an add.csv
        # downloaded as ALT.CSV): their rows would be merged, or a list's aliases lost
        first = hp.parts[f.role]
        word = _file_word(f.role, hp.list)
        # (the one whose name says another role is named first: a download's URL)
        odd = [p for p in (first, f.path) if f.role not in p.name.lower()
               and any(w in p.name.lower() for w in _ROLE_NAMES if w != f.role)]
        if len(odd) == 1:
            other = first if odd[0] == f.path else f.path
            raise ListFormatError(
                f"{odd[0].name} holds an OFAC {word} file for {hp.file.path.name}, as "
                f"{other.name} does: one file's content under another's name (a file saved "
                "over another, or an address that served another file's content)",
                path=odd[0])
        raise ListFormatError(
            f"two OFAC {word} files for {hp.file.path.name} ({first.name} and "
            f"{f.path.name}): two editions of one file, or two copies; keep the one that "
            "goes with the list",
            path=f.path)
    hp.parts.setdefault(f.role, f.path)
    hp.files.append(f.path)
    if f.unterminated:
        hp.unterminated.add(f.path)
    if f.role == "comments" and not f.marked:
        hp.unmarked_comments = f
    if f.bad:
        hp.skipped += f.bad
        hp.notes.append(f"{f.path.name}: {f.bad} rows with the wrong number of columns "
                        f"skipped (first at line {f.first_bad})")
    others = [p for i, p in enumerate(primaries) if i != home]
    home_parties = hp.parties
    orphans: set[str] = set()
    orphan_rows = 0
    for _line, row in f.rows:
        ent = row[0].strip()
        party = home_parties.get(ent)
        target: _Primary | None = hp
        if party is None:
            target = next((p for p in others if ent in p.parties), None)
            if target is None:
                orphan_rows += 1
                orphans.add(ent)
                continue
            party = target.parties[ent]
            if f.path not in target.files:  # the file feeds this list too
                target.files.append(f.path)
        if f.role == "alt":
            name = _null(row[3])
            if name:
                kind = ALT_TYPES.get(_null(row[2]).lower().replace(".", ""), "aka")
                party.alt.append((kind, name))
        elif f.role == "add":
            country = _null(row[4])
            if country:
                party.countries.append(country)
        else:  # comments: the home file's continuation wins over another file's
            text = row[1]
            if text.strip() and _null(text):
                party.comments.setdefault(0 if target is hp else 1, []).append(text)
    if orphan_rows:
        hp.skipped += orphan_rows
        hp.orphan_rows[f.path.name] = hp.orphan_rows.get(f.path.name, 0) + orphan_rows
        hp.orphan_ents |= orphans


def _person_parts(name: str, is_person: bool) -> tuple[str | None, str | None]:
    return R.split_person_name(name) if is_person else (None, None)


def _build(prim: _Primary) -> ParsedList:
    entities: list[Entity] = []
    names: list[Name] = []
    unused_comments = 0
    uncontinued = 0  # Remarks cut at REMARKS_CUT whose continuation no comments row gives
    past = 0  # ... of those, the entries numbered above an unmarked comments file's last row
    unmarked = prim.unmarked_comments
    last = max(int(row[0]) for _line, row in unmarked.rows) if unmarked is not None else 0
    nameless: list[str] = []
    for ent, party in prim.parties.items():
        row = party.row
        sdn_type = _null(row[2]).lower()
        etype = SDN_TYPES.get(sdn_type, "unknown")
        is_person = etype == "person"
        primary = _null(row[1])
        if not primary:
            nameless.append(ent)
            continue
        remarks = row[11] if _null(row[11]) else ""  # unstripped: the cut may fall on a space
        if len(remarks) >= REMARKS_CUT and not party.comments:
            uncontinued += 1
            past += int(ent) > last
        if party.comments:
            best = min(party.comments)
            if len(remarks) >= REMARKS_CUT:
                remarks += "".join(party.comments[best])
                unused_comments += sum(len(v) for k, v in party.comments.items() if k != best)
            else:
                unused_comments += sum(len(v) for v in party.comments.values())
        remarks = remarks.strip()
        facts = R.parse_remarks(remarks)
        nationalities = list(facts.nationalities)
        documents = list(facts.documents)
        flag, call_sign = _null(row[9]), _null(row[5])
        if flag:
            nationalities.append(flag)
        if call_sign:
            documents.append({"kind": "Call Sign", "number": call_sign, "country": None,
                              "note": None})
        entities.append(Entity(
            source=SOURCE, list=prim.list, entity_id=ent, entity_type=etype, name=primary,
            programs=party.programs, birth_dates=facts.birth_dates,
            birth_places=facts.birth_places, nationalities=nationalities,
            countries=party.countries, documents=documents, gender=facts.gender,
            remarks=remarks or None,
        ))
        given, family = _person_parts(primary, is_person)
        names.append(Name(SOURCE, ent, primary, "primary", True, given_name=given,
                          family_name=family))
        seen = {R.name_key(primary)}
        for kind, alt in party.alt:
            given, family = _person_parts(alt, is_person)
            names.append(Name(SOURCE, ent, alt, kind, True, given_name=given,
                              family_name=family))
            seen.add(R.name_key(alt))
        for kind, alt in facts.names:
            if R.name_key(alt) in seen:
                continue
            seen.add(R.name_key(alt))
            given, family = _person_parts(alt, is_person)
            names.append(Name(SOURCE, ent, alt, kind, False, given_name=given,
                              family_name=family))
    if nameless:
        prim.skipped += len(nameless)
        prim.notes.append(f"{prim.file.path.name}: {len(nameless)} rows without SDN_Name "
                          f"skipped (ent_num {', '.join(nameless[:5])}"
                          f"{', ...' if len(nameless) > 5 else ''})")
    if prim.orphan_rows:
        per_file = ", ".join(f"{k} {v:,}" for k, v in prim.orphan_rows.items())
        prim.notes.append(
            f"{sum(prim.orphan_rows.values()):,} alt/add/comments rows skipped ({per_file}): "
            f"their {len(prim.orphan_ents):,} ent_nums are in no primary file "
            f"(sdn.csv/cons_prim.csv), so the files are of different dates")
    if unused_comments:
        prim.skipped += unused_comments
        prim.notes.append(f"{unused_comments} comments rows not joined: their entry's Remarks "
                          f"is complete (under {REMARKS_CUT} characters) or already continued, "
                          f"so they belong to another edition of the list")
    if uncontinued and "comments" in prim.parts:
        prim.notes.append(f"Remarks cut at {REMARKS_CUT:,} characters with no continuation in "
                          f"{prim.parts['comments'].name}: {uncontinued} (their rest is "
                          "missing)")
    for n in names:
        n.script = R.quick_script(n.name)
    missing = [f"{_file_word(role, prim.list)} ({ROLE_GIVES[role]})"
               for role in ("alt", "add", "comments") if role not in prim.parts]
    if missing:
        prim.notes.append(f"{prim.file.path.name}: no {', no '.join(missing)} in the set: "
                          f"missing from {prim.list}")
    ents, nams = to_tables(entities, names)
    cut = [p.name for p in prim.files if p in prim.unterminated]
    cut_short = (f"{', '.join(cut)} {'ends' if len(cut) == 1 else 'end'} without the "
                 "end-of-file mark (0x1A) OFAC closes its files with") if cut else None
    if cut_short is None and unmarked is not None and unmarked.open_end:
        # (its last continuation cut short, which the reader takes as it finds it)
        cut_short = (f"{unmarked.path.name} ends inside a row, with neither a line end nor "
                     "the end-of-file mark (0x1A)")
    if cut_short is None and past and unmarked is not None:
        # a comments file the mark does not close, short of the rows its list needs past
        # its last one: its rows go by ent_num, and a cut loses the last (a continuation
        # missing before it is another edition's file, as in the snapshot folder)
        cut_short = (f"{unmarked.path.name} ends without the end-of-file mark "
                     f"(0x1A), and Remarks of entries numbered past its last row, cut at "
                     f"{REMARKS_CUT:,} characters, have no continuation in it ({past}: a "
                     "comments file cut short, or one older than the list)")
    return ParsedList(source=SOURCE, list=prim.list, format=NAME, entities=ents, names=nams,
                      files=prim.files, published=None, skipped=prim.skipped, notes=prim.notes,
                      cut_short=cut_short,
                      parts=tuple(_file_word(role, prim.list) for role in sorted(prim.parts)),
                      lacks=None if "alt" in prim.parts else
                      f"{prim.file.path.name} comes without {_file_word('alt', prim.list)}, "
                      f"which holds {ROLE_GIVES['alt']}")


def parse(files: dict[str, list[Path]]) -> list[ParsedList]:
    unknown = set(files) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown OFAC CSV roles {sorted(unknown)}")
    primaries = [_load_primary(_read(p, "primary")) for p in files.get("primary", [])]
    secondary = [(role, p) for role in ("alt", "add", "comments") for p in files.get(role, [])]
    if not primaries:
        if secondary:
            raise ListFormatError(
                f"an OFAC {ROLE_WORDS[secondary[0][0]]} file needs its primary file "
                "(sdn.csv or cons_prim.csv) in the same set", path=secondary[0][1])
        return []
    # (two primary files of one list are two editions, which the import refuses as
    # such: their companion files are not told apart then)
    one_per_list = len({p.list for p in primaries}) == len(primaries)
    for role, p in secondary:
        _attach(_read(p, role), primaries, one_per_list=one_per_list)
    return [_build(prim) for prim in primaries]
