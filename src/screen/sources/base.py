"""What every list format module provides, and the helpers they share.

A format module (``ofac_csv.py``, ``eu_xml.py``, ...) exposes:

``NAME``
    a short id, e.g. ``"ofac_csv"``.
``SOURCE``
    the source it feeds: ``"ofac"``, ``"eu"``, ``"uk"`` or ``"canada"``.
``sniff(path: Path, head: bytes) -> str | None``
    recognise a file by its content (``head`` is its first 64 KiB), never its name.
    Returns a *role* (for the OFAC CSV set: ``"primary"``, ``"alt"``, ``"add"``,
    ``"comments"``; for single-file formats ``"main"``), or ``None`` if not ours.
``parse(files: dict[str, list[Path]]) -> list[ParsedList]``
    parse the files recognised for this format, grouped by role. Raises
    :class:`~screen.errors.ListFormatError` (naming the file and line or element)
    when a file as a whole is broken; skips, counts and reports single bad records.

Adding a format means one module and one line in ``screen.sources.FORMATS``.
"""

from __future__ import annotations

import builtins
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import pyarrow as pa

from ..errors import ListFormatError


@dataclass
class ParsedList:
    """One publication parsed into the common schema."""

    source: str  # "ofac" | "eu" | "uk" | "canada"
    list: str  # which publication: "SDN", "Consolidated (non-SDN)", "Consolidated List", ...
    format: str  # the format module's NAME
    entities: pa.Table
    names: pa.Table
    # (builtins.list: in this class body `list` names the field above, for type checkers)
    files: builtins.list[Path]
    published: str | None = None  # publication date as the file states it (ISO when parseable)
    skipped: int = 0  # malformed or orphan records skipped
    # one line per kind of problem, with counts
    notes: builtins.list[str] = field(default_factory=builtins.list)
    # why a file of it looks cut short (a download closed early, a copy interrupted):
    # the import refuses it unless forced, since it would quietly drop the parties past
    # the cut (see store._import_source)
    cut_short: str | None = None
    # the companion files it was read with, beside its main file (OFAC's CSV: "alt.csv",
    # "add.csv", "sdn_comments.csv", or the cons_ ones): an update whose files lack one
    # that the current version was read with would quietly lose what it gave (every
    # alias, with alt.csv), and is refused (see store._refuse_older)
    parts: tuple[str, ...] = ()
    # what the list lacks as read, for want of a companion file that holds what matching
    # needs (OFAC's sdn.csv without alt.csv: every party, none of their aliases): an
    # import of it is refused unless forced where no current version of that list in its
    # format was read so too (see store._refuse_incomplete)
    lacks: str | None = None


def iter_xml(path: Path, *, tags: set[str] | None = None) -> Iterator[ET.Element]:
    """Stream the elements of an XML file, refusing DTDs and entities.

    Sanctions files never need a DTD; refusing any ``<!DOCTYPE`` shuts out external
    entities (no file or network access) and entity-expansion bombs before expat
    expands anything. Yields each element on its end event (namespace stripped from
    tags), and clears elements of ``tags`` after the caller has seen them.
    Raises :class:`ListFormatError` with the line and column of a syntax error or
    truncation.
    """
    _refuse_dtd(path)
    try:
        it = ET.iterparse(str(path), events=("end",))
        for _event, el in it:
            tag = el.tag
            if "}" in tag:
                el.tag = tag.rsplit("}", 1)[1]
            yield el
            if tags is not None and el.tag in tags:
                el.clear()
    except ET.ParseError as exc:
        line, col = exc.position
        raise ListFormatError(f"malformed or truncated XML ({exc.msg if hasattr(exc, 'msg') else exc})",
                              path=path, where=f"line {line}, column {col}") from None
    except xml.parsers.expat.ExpatError as exc:
        raise ListFormatError(f"malformed XML ({exc})", path=path,
                              where=f"line {exc.lineno}, column {exc.offset}") from None


def _refuse_dtd(path: Path) -> None:
    """Raise ListFormatError if the prolog (everything before the root element) holds a
    DOCTYPE. Entities can only be declared there, so a file that passes cannot make the
    parser read other files, reach the network or expand an entity bomb; a reference to
    an undeclared entity is a plain syntax error."""
    with open(path, "rb") as fh:
        prolog = b""
        while True:
            chunk = fh.read(65536)
            prolog += chunk
            i = 0
            while True:
                i = prolog.find(b"<", i)
                if i < 0 or i + 1 >= len(prolog):
                    break
                nxt = prolog[i + 1 : i + 2]
                if prolog.startswith(b"<!DOCTYPE", i) or prolog.startswith(b"<!ENTITY", i):
                    line = prolog.count(b"\n", 0, i) + 1
                    raise ListFormatError(
                        "XML with a DTD is refused (no DOCTYPE is expected in a list file)",
                        path=path, where=f"line {line}")
                if nxt == b"?" or prolog.startswith(b"<!--", i):
                    end = prolog.find(b"?>" if nxt == b"?" else b"-->", i)
                    if end < 0:
                        break
                    i = end
                    continue
                return  # the root element: the prolog is over
            if not chunk:
                return


def xml_root_tag(head: bytes) -> tuple[str | None, str | None]:
    """(namespace, local name) of the root element in the first bytes of a file,
    or (None, None) if it does not look like XML."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<"):
        return None, None
    i = 0
    s = text.decode("utf-8", "replace")
    while True:
        i = s.find("<", i)
        if i < 0 or i + 1 >= len(s):
            return None, None
        nxt = s[i + 1]
        if nxt in "?!":
            i = s.find(">", i)
            if i < 0:
                return None, None
            continue
        end = i + 1
        while end < len(s) and s[end] not in " \t\r\n/>":
            end += 1
        qname = s[i + 1 : end]
        local = qname.split(":")[-1]
        tag_end = s.find(">", end)
        attrs = s[end : tag_end if tag_end > 0 else len(s)]
        prefix = qname.split(":")[0] + ":" if ":" in qname else ""
        ns = None
        key = f'xmlns{":" + prefix[:-1] if prefix else ""}="'
        j = attrs.find(key)
        if j >= 0:
            k = attrs.find('"', j + len(key))
            ns = attrs[j + len(key) : k]
        return ns, local


def text_of(el: ET.Element | None) -> str | None:
    """Stripped text of an element, or None when absent or blank."""
    if el is None or el.text is None:
        return None
    t = el.text.strip()
    return t or None


# a name's last part in brackets ("TECHNICAL INDUSTRIES CORPORATION (TIC)"), and a name
# given twice with "a.k.a." between ("DANA HOLDINGS A.K.A DANA ASTRA")
# (a name with brackets before them as well holds more than one name: not read so)
_TRAILING_BRACKETS = re.compile(r"^([^()]*[^\s(),])[\s,]*\(([^()]*)\)$")
_AKA_INSIDE = re.compile(r"\s+a\.k\.a\.?\s+", re.IGNORECASE)
# words an acronym leaves out ("ISIL": Islamic State in Iraq and the Levant)
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "in", "for", "on", "at", "to", "de", "du",
                            "des", "la", "le", "al", "el", "&", "-"})


def _initials(text: str) -> str:
    """The first letters of a text's words (parts of hyphenated words too), but for
    the words an acronym leaves out, in capitals."""
    words = re.split(r"[\s\-–/]+", text)
    return "".join(w[0] for w in (re.sub(r"[^\w&]", "", w) for w in words)
                   if w and w.lower() not in _ACRONYM_SKIPS).upper()


def _acronym_of(acronym: str, words: str) -> bool:
    """Whether ``acronym`` (one word, its dots and hyphens aside) is the initials of
    ``words`` (two words or more), or of their first words ("SAMI": State Authority
    for Military Industry of the Republic of Belarus), two letters or more."""
    if " " in acronym.strip() or len(words.split()) < 2:
        return False
    letters = re.sub(r"[\W\d_]", "", acronym).upper()
    return len(letters) >= 2 and _initials(words).startswith(letters)


def bracketed_names(name: str) -> list[str]:
    """The names a published name holds besides itself: the names on either side of
    "a.k.a.", and the name before a last part in brackets that is its acronym
    ("TECHNICAL INDUSTRIES CORPORATION" of "TECHNICAL INDUSTRIES CORPORATION (TIC)"),
    or the bracketed words
    that a one-word name before them is the acronym of ("ALLIED DEMOCRATIC FORCES" of
    "ADF (ALLIED DEMOCRATIC FORCES)"). A screen of "Technical Industries Corporation"
    met the published name at 82.5, its acronym a word left over; and a name published
    only so (UK 15715, "ISLAMIC STATE IN IRAQ AND THE LEVANT IN SOUTH-EAST ASIA
    (ISIL-SEA, ISIL-SOUTH EAST ASIA)") was found by no screen of it. The published name
    stays; these are added beside it. Acronyms are no names of their own here (a
    review found "HM", "AIG", "IRA", "ETC" among them, which met "H&M" and "ETC Ltd" at
    100), nor is the name before other bracketed words, which may be all that makes it
    that party's: a place ("Soap Factory (Paung)"), a branch ("AL-HARAMAIN (AFGHANISTAN
    BRANCH)"), a legal form, a translation."""
    name = " ".join(name.split())
    out: list[str] = []
    parts = [p.strip() for p in _AKA_INSIDE.split(name)]
    if len(parts) > 1 and all(parts):
        out += parts
    for part in parts:
        m = _TRAILING_BRACKETS.match(part) if part.endswith(")") else None
        if not m:
            continue
        base, inside = m.group(1).strip(), m.group(2)
        pieces = [p.strip() for p in inside.split(",") if any(ch.isalpha() for ch in p)]
        if any(_acronym_of(p, base) for p in pieces):
            out.append(base)
        elif " " not in base:
            out += [p for p in pieces if _acronym_of(base, p)]
    # (not a bracketed part alone, "(Y)" of "X A.K.A. (Y)", nor one cut mid-bracket)
    return [text for text in dict.fromkeys(out) if text != name
            and not text.startswith("(") and text.count("(") == text.count(")")]
