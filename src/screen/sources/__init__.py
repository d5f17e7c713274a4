"""List formats: one module per official format, all feeding one schema.

:func:`detect` recognises files by content; :func:`parse_files` groups recognised
files by format and parses them. ``FORMATS`` is the registry: adding a format is one
module and one line here.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from ..errors import ListFormatError
from .base import ParsedList

_FORMAT_MODULES = (
    "ofac_csv",
    "ofac_xml",
    "ofac_advanced",
    "ofac_enhanced",
    "eu_xml",
    "uk_conlist",
    "uk_fcdo",
    "canada_xml",
)

HEAD_BYTES = 65536


def formats() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{m}") for m in _FORMAT_MODULES]


def read_head(path: Path) -> bytes:
    """The first bytes of a file; for a ZIP archive, of its first member."""
    import zipfile

    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/")]
                if len(names) > 1 and "[Content_Types].xml" not in names:
                    # (not a workbook, which is a ZIP of many parts: ConList.xlsx)
                    raise ListFormatError(
                        f"a ZIP archive of {len(names)} files ({', '.join(names[:4])}"
                        f"{', ...' if len(names) > 4 else ''}): an archive is read as one "
                        "list file (as OFAC zips its XML); unzip it into the folder to "
                        "import its files", path=path)
                if names:
                    with zf.open(names[0]) as member:
                        return member.read(HEAD_BYTES)
        except zipfile.BadZipFile:
            raise ListFormatError("damaged ZIP archive", path=path) from None
    return head


def _zip_of_one(path: Path) -> bool:
    """Whether a file is a ZIP archive of one file (not a workbook, a ZIP of parts)."""
    import zipfile

    with open(path, "rb") as fh:
        if fh.read(4) != b"PK\x03\x04":
            return False
    with zipfile.ZipFile(path) as zf:
        return "[Content_Types].xml" not in zf.namelist()


def detect(path: Path) -> tuple[ModuleType, str]:
    """The format module and role of one file. Raises ListFormatError naming the
    file when no format recognises it (empty file, another format, ...)."""
    path = Path(path)
    head = read_head(path)
    if not head.strip():
        raise ListFormatError("empty file", path=path)
    for mod in formats():
        role = mod.sniff(path, head)
        if role:
            if not getattr(mod, "READS_ZIP", False) and _zip_of_one(path):
                raise ListFormatError(
                    f"a ZIP archive holding a {mod.SOURCE} list file: only OFAC's XML is "
                    "read zipped; unzip it into the folder to import it", path=path)
            return mod, role
    if re.match(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", head[:512], re.IGNORECASE):
        raise ListFormatError(
            "an HTML page, not a list file (an error, login or consent page served in its "
            "place?): download the list again, or by hand from the authority's site",
            path=path)
    raise ListFormatError(
        "not a recognised sanctions list format (expected an OFAC CSV/XML, EU FSF XML, "
        "UK ConList CSV or UK Sanctions List XML, or Canadian sema-lmes.xml file)",
        path=path,
    )


def parse_files(paths: Iterable[Path]) -> list[ParsedList]:
    """Recognise and parse a set of files, e.g. a download folder."""
    grouped: dict[str, tuple[ModuleType, dict[str, list[Path]]]] = {}
    for p in sorted(Path(p) for p in paths):
        mod, role = detect(p)
        grouped.setdefault(mod.NAME, (mod, {}))[1].setdefault(role, []).append(p)
    out: list[ParsedList] = []
    for mod, files in grouped.values():
        out.extend(mod.parse(files))
    return out


__all__ = ["ParsedList", "detect", "formats", "parse_files"]
