"""Files the library writes for its caller (``screen batch``'s matches, ``screen
diff``'s changes): checked before the work that fills them, written beside their
place under a name of their own and renamed into it when complete, so that a run
that fails or is stopped leaves no half file, nor replaces a good one."""

from __future__ import annotations

import os
from pathlib import Path

# the tables read and written: Parquet, and CSV (tab-separated in .tsv)
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def check_writable(out: Path, error: type[Exception]) -> None:
    """Raise ``error`` naming ``out`` when no file can be written there: its folder is
    missing or not writable, or ``out`` is a folder."""
    if not out.parent.is_dir():
        raise error(f"{out}: no such folder: {out.parent}")
    if not os.access(out.parent, os.W_OK):
        raise error(f"{out}: the folder {out.parent} is not writable")
    if out.is_dir():
        raise error(f"{out}: is a folder, not a file to write")


def temporary_beside(out: Path, error: type[Exception]) -> Path:
    """A new empty file beside ``out`` (hidden, short enough for any name ``out`` may
    have): where the output is written before it is renamed to ``out``."""
    tmp = out.parent / f".screen-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    try:  # (mode 666 less the umask, as the output would have been made: no mkstemp 600)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise error(f"{out}: cannot write beside it ({exc.strerror or exc})") from None
    return tmp
