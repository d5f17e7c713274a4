"""screen.batch: screen a whole table, Arrow in and Arrow out, on every core.

:func:`match_table` is a loop of :meth:`Screener.match <screen.match.Screener.match>`
over the rows of a table, and returns exactly what that loop would (the tests check
it on real names), as one Arrow table. :func:`match_table_iter` is the same loop
yielding record batches as it goes, so that a file larger than memory streams through
(the ``screen batch`` command uses it).

Input
    Whatever :func:`pyarrow.table` takes: a ``pyarrow.Table`` or ``RecordBatch``, a
    dict of columns, pandas, and polars or DuckDB results (through the Arrow PyCapsule
    protocol, ``__arrow_c_stream__`` / ``__arrow_c_array__``); and streams: a
    ``pyarrow.RecordBatchReader``, or the path of a Parquet file (``.parquet``,
    ``.pq``) or CSV file (``.csv``, ``.tsv``, optionally ``.gz``) read ``batch_size``
    rows (Parquet) or a few MiB (CSV) at a time, only the columns needed. A CSV file is
    UTF-8 unless ``encoding`` says otherwise, and its delimiter is the one of comma,
    semicolon, tab and bar its header holds most (a ``.tsv`` file's a tab); a row of
    it that cannot be read (a field too many: a name with a comma, unquoted) stops the
    call with a BatchInputError that quotes it (``screen batch`` then writes nothing).
    A column of bytes (a Parquet column of text written without its string type, as
    Hive and Impala write it) is read as UTF-8 text. A pandas frame is read column by
    column as Python objects, so that a column mixing text and numbers is screened row
    by row rather than refused by Arrow.

Output: one row per (input row, match), in input order and, within a row, in the
matcher's order (best first), with the fixed schema :data:`OUTPUT_SCHEMA`:
``input_row`` (0-based position in the input), ``status``, ``query`` (the name as
screened), then the :class:`~screen.match.Match` fields. ``status`` is:

- ``"match"``: a match, its fields filled;
- ``"null name"``, ``"empty name"`` (blank, or nothing left after normalization, such
  as ``"!!!"`` or the ``"???"`` an export writes for letters its encoding lacks: then
  the explanation says so), ``"not a string"``: one row for an input row that could not be
  screened, match fields null but ``snapshot``. Such rows are never dropped silently: a table that
  contains them was not fully screened;
- ``"invalid"``: a birth date or country the matcher refuses (``"unknown"`` as a birth
  date, a number as a country); the explanation column says why. The name is screened
  all the same, without that value (a customer whose birth date reads "unknown" is
  screened by name, as a loop of :meth:`Screener.match` leaving the value out would
  screen it): its match rows (or ``"no match"`` row) follow this one. Likewise a name
  that is not valid text: bytes of a CSV file that are not UTF-8, or lone surrogates
  in a Python string (text decoded with ``errors="surrogateescape"``), which no Arrow
  table can hold: each becomes U+FFFD, the explanation says so, and the name is
  screened and written so (normalization drops the mark: "Zhu Hailun\\xff" is
  screened as "Zhu Hailun");
- ``"no match"``: only with ``unmatched=True``, one row per screened row without a
  match (for an audit trail that shows every row was screened).

An input row without a match produces no output row (unless ``unmatched=True``). Every
output row, whatever its status, names the snapshot it was screened against
(``snapshot``), and so does the table's schema metadata (``b"screen.snapshot"``; also
in a Parquet file :func:`screen_file` writes, and in its summary), so that a table
that cleared every name still says against which lists. With ``changed_since`` only
the match rows do: a row without a match was cleared of the parties changed alone;
the metadata's ``b"screen.scope"`` says which (SCOPE_ALL, SCOPE_CHANGED).

Payment fields: with ``field=True`` each value is a payment message's counterparty
field (SWIFT 50K/50F/59: an account line, the name, address lines, a reference, two
parties joined by "C/O" or "AND/OR"), read by :func:`screen.fields.field_names` and
screened as :meth:`Screener.match_field` screens it: each party once per list, with its best
match, the explanation saying which reading of the field matched. A field in which
no name is found (an account alone) is an ``"empty name"`` row that says so.

Secondary columns: ``birth_date_column`` and ``country_column`` feed the matcher's
``birth_date`` and ``country`` per row. A null, NaN or blank value counts as missing
(where :meth:`Screener.match` would refuse a blank birth date) since CSV cannot tell
a blank from a missing value.

Speed
    Screening is CPU-bound Python, so ``workers`` processes (default: every core) each
    screen chunks of names; on Linux they are forked from the calling process and share
    its :class:`Screener` (its index and prepared names) copy-on-write, so a worker
    starts in milliseconds and only names go in and match rows come out. Elsewhere
    (spawn), each worker rebuilds the screener from the pickled snapshot. Names go to
    the workers by their last word (a surname to one worker), so that each keeps
    what it found for its share of the table's words. The first
    :data:`WARMUP_QUERIES` distinct queries are screened in the calling process before
    the workers are started: the screener prepares listed names lazily, and a worker
    forked from a warm screener starts warm instead of preparing them again (a table
    with fewer distinct names never starts a worker). Within one call, repeated queries
    (same name, birth date and country) are screened once: counterparty tables repeat
    names a lot. ``workers=1`` screens in this process.

Re-screening
    After a list update, ``changed_since=<old snapshot or Diff>`` screens only against
    the parties added or changed since (:func:`screen.diff.diff`), through
    :func:`restricted_screener`, a screener over the sub-snapshot of those parties with
    its own small index (built in about a second for a thousand parties). Its matches
    are exactly the full screen's matches against those parties (with ``limit=None``;
    ``limit`` applies to the restricted result). A source the old snapshot does not
    have counts as wholly added (its parties were never screened); with ``sources``,
    only those sources are compared and screened, so ``changed_since="uk@previous",
    sources=["uk"]`` re-screens against the UK list's changes alone. Parties removed
    from the lists are in the diff, not in this output. What remains per row is
    preparing the name and one index lookup: about half the cost of a full screen
    with today's matcher (the benchmark measures it).
"""

from __future__ import annotations

import atexit
import codecs
import gc
import math
import multiprocessing
import os
import pickle
import re
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from numbers import Integral
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from .errors import ScreenError, SnapshotError, WorkerError
from .fields import field_names
from .match import FieldReader, Match, Screener, birth_year
from .names.normalize import prepare
from .outputs import CSV_SUFFIXES, PARQUET_SUFFIXES, check_writable, temporary_beside
from .sources.schema import checked_sources

DEFAULT_BATCH_SIZE = 65_536
WARMUP_QUERIES = 200  # distinct queries screened in the calling process before forking
CACHE_LIMIT = 500_000  # distinct queries remembered within one call, then forgotten
PREFETCH_NAMES = 256  # names whose index lookups a worker makes together (Screener.prefetch)
# What a worker's cache of index hits may hold (a process that serves queries keeps
# the index's default, HIT_CACHE_BYTES, 24 MiB). The words a worker meets in 128,000
# customer names (its share of 256,000 with two workers) find 30 MiB: with 24 MiB, it
# looked up 31,679 of their 36,296 words and glued pairs again after dropping them, at
# some 40 us each. Each worker may so grow by up to 24 MiB more; so may the calling
# process while it screens (workers=1: 256,000 names in 45.2 s of CPU, not 52.1), back
# to its budget when done (NameIndex.wider_hit_cache).
WORKER_HIT_CACHE_BYTES = 48 << 20
LANE_SLACK = 1024  # queries in flight one worker may have beyond another's (see _State.route)

STATUS_MATCH = "match"
STATUS_NO_MATCH = "no match"
STATUS_NULL = "null name"
STATUS_EMPTY = "empty name"
STATUS_NOT_STRING = "not a string"
STATUS_INVALID = "invalid"
BAD_STATUSES = (STATUS_NULL, STATUS_EMPTY, STATUS_NOT_STRING, STATUS_INVALID)
# the explanation of an "empty name" row whose value is not blank
NOTHING_LEFT = ("no letter or digit to screen: nothing is left after normalization (a "
                "file saved in an encoding without the name's letters has '?' for each)")
UNREAD_SCRIPT = ("nothing is left after normalization: the name is written in letters "
                 "the matcher does not read (a script none of the lists is written in)")


# ... and of one whose value is a payment field (match_table's ``field=True``) in which
# no name is found
NO_NAME_IN_FIELD = ("no name found in the field: only an account, a reference, an "
                    "address or words that introduce a name (see screen.field_names)")


def _why_empty(name: str) -> str:
    return UNREAD_SCRIPT if any(ch.isalpha() for ch in name) else NOTHING_LEFT

MATCH_FIELDS = ("score", "source", "list", "entity_id", "entity_type", "name", "alias",
                "programs", "explanation", "snapshot", "published")

OUTPUT_SCHEMA = pa.schema([
    pa.field("input_row", pa.int64(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("query", pa.string()),
    pa.field("score", pa.float64()),
    pa.field("source", pa.string()),
    pa.field("list", pa.string()),
    pa.field("entity_id", pa.string()),
    pa.field("entity_type", pa.string()),
    pa.field("name", pa.string()),
    pa.field("alias", pa.string()),
    pa.field("programs", pa.list_(pa.string())),
    pa.field("explanation", pa.string()),
    pa.field("snapshot", pa.string()),
    pa.field("published", pa.string()),
])


class BatchInputError(ScreenError, ValueError):
    """The table to screen cannot be read (unknown file type, unreadable file)."""


class MissingColumnError(ScreenError, KeyError):
    """A column asked for is not in the table; the message names those that are."""

    def __init__(self, role: str, column: str, available: Iterable[object]):
        self.column = column
        self.available = [str(c) for c in available]
        self.message = (f"{role} {column!r} is not in the table (columns: "
                        f"{', '.join(map(repr, self.available)) or 'none'})")
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


# --------------------------------------------------------------------------- input


@dataclass
class _Input:
    """The columns needed, as Python values, a chunk at a time."""

    total: int | None  # rows, when known in advance
    chunks: Iterator[tuple[list, list | None, list | None]]  # names, births, countries


def _open(data: object, roles: dict[str, str | None], batch_size: int,
          encoding: str = "utf-8", *, breaks: int | None = None) -> _Input:
    """Check that the columns exist (eagerly, so the caller's error is immediate) and
    return a lazy reader of them. ``encoding``: a CSV file's (checked whatever the
    input: a misspelt one is an error); ``breaks``: the line breaks from which a CSV
    file's value is a quote left open (see MAX_NAME_LINE_BREAKS)."""
    if not isinstance(encoding, str):
        raise TypeError(f"'encoding' must be str (got {type(encoding).__name__})")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"'encoding': unknown text encoding {encoding!r}") from None
    if isinstance(data, (str, os.PathLike)):
        return _open_path(Path(data), roles, batch_size, encoding, breaks=breaks)
    if isinstance(data, pa.Table):
        _check(data.schema.names, roles)
        return _Input(data.num_rows, _arrow_chunks(
            data.select(_wanted(roles)).to_batches(max_chunksize=batch_size), roles))
    if isinstance(data, pa.RecordBatch):
        _check(data.schema.names, roles)
        return _Input(data.num_rows, _arrow_chunks(
            pa.Table.from_batches([data]).to_batches(max_chunksize=batch_size), roles))
    if isinstance(data, pa.RecordBatchReader):
        _check(data.schema.names, roles)
        return _Input(None, _arrow_chunks(_rechunk(data, batch_size), roles))
    if _is_pandas(data):
        frame: Any = data
        # columns by their names as text, and a named index as a column, as
        # pyarrow.table() reads a frame (pandas.read_csv(header=None) names them 0, 1,
        # ...; set_index("name") makes the names the index)
        wanted = {c for c in roles.values() if c is not None}
        labels = [str(c) for c in frame.columns]
        if (wanted - set(labels)) & {str(n) for n in frame.index.names if n is not None}:
            frame = frame.reset_index()
            labels = [str(c) for c in frame.columns]
        _check(labels, roles)
        if any(not isinstance(c, str) for c in frame.columns):
            frame = frame.set_axis(labels, axis=1)
        return _Input(len(frame), _pandas_chunks(frame, roles, batch_size))
    if isinstance(data, Mapping) and all(isinstance(k, str) for k in data):
        _check(list(data), roles)
        return _mapping_input(data, roles, batch_size)
    if hasattr(data, "__arrow_c_stream__"):
        reader = pa.RecordBatchReader.from_stream(data)
        return _open(reader, roles, batch_size)
    try:
        table = pa.table(data)
    except (TypeError, ValueError, pa.ArrowException) as exc:
        raise BatchInputError(
            "'data' must be a table pyarrow.table() accepts, a RecordBatchReader or the "
            f"path of a Parquet or CSV file (got {type(data).__name__}: {exc})") from None
    return _open(table, roles, batch_size)


def _wanted(roles: dict[str, str | None]) -> list[str]:
    return list(dict.fromkeys(c for c in roles.values() if c is not None))


def _check(columns: list, roles: dict[str, str | None]) -> None:
    columns = list(columns)
    for role, col in roles.items():
        if col is not None and col not in columns:
            raise MissingColumnError(role, col, columns)
        if col is not None and columns.count(col) > 1:
            # which one is meant? A lookup by name gave the last column of a stream
            # (the country codes of "name,name,country" screened as names), the first
            # of a CSV, and a KeyError or AttributeError for a table or a DataFrame
            raise BatchInputError(
                f"'{role}': the table has {columns.count(col)} columns named {col!r}; "
                "rename all but one")


def _open_path(path: Path, roles: dict[str, str | None], batch_size: int,
               encoding: str = "utf-8", *, breaks: int | None = None) -> _Input:
    if not path.is_file():
        raise BatchInputError(f"{path}: no such file")
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    kind = suffixes[-1] if suffixes else ""
    if kind in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as exc:
            raise BatchInputError(f"{path}: not a readable Parquet file ({exc})") from None
        _check(pf.schema_arrow.names, roles)
        return _Input(pf.metadata.num_rows, _arrow_chunks(
            pf.iter_batches(batch_size=batch_size, columns=_wanted(roles)), roles))
    if kind in CSV_SUFFIXES:
        encoding = _bom_encoding(path, encoding)
        source = None  # (the file read, when not the file given)
        if codecs.lookup(encoding).name != "utf-8":
            # read from a UTF-8 copy: Arrow transcodes through Python's codec from its
            # reader's threads, which could still be calling it at the interpreter's
            # exit after an error and abort the process (exit 134, "terminate called
            # without an active exception", in about one run in ten)
            source, encoding = _utf8_copy(path, encoding, kind), "utf-8"
        try:
            reader = _open_csv(path, roles, kind, encoding, include=False, source=source)
            try:
                try:
                    names = reader.schema.names
                except UnicodeDecodeError:
                    raise BatchInputError(
                        f"{path}: its header is not {encoding} text: name the file's "
                        "encoding with encoding= (--encoding), e.g. cp1252 for a Western "
                        "European Excel export") from None
                _check(names, roles)
            finally:
                reader.close()
        except BaseException:
            _discard(source)
            raise
        return _Input(None, _arrow_chunks(  # (its columns are bytes: see _values)
            _rechunk(_csv_batches(path, roles, kind, encoding, source,
                                  breaks or MAX_NAME_LINE_BREAKS, len(names)),
                     batch_size), roles))
    raise BatchInputError(
        f"{path}: unknown file type {path.suffix!r} (expected "
        f"{', '.join(PARQUET_SUFFIXES + CSV_SUFFIXES)}, optionally .gz for CSV)")


def _opener(path: Path) -> Callable:
    """``open``, or ``gzip.open`` for a file named ``.gz``."""
    import gzip

    return gzip.open if path.suffix.lower() == ".gz" else open


def _bom_encoding(path: Path, encoding: str) -> str:
    """``encoding``, or UTF-16 where it is UTF-8 and the file starts with UTF-16's byte
    order mark (what Excel's "Unicode Text" writes): read as UTF-8, its every row
    was one column."""
    if codecs.lookup(encoding).name != "utf-8":
        return encoding
    try:
        with _opener(path)(path, "rb") as fh:
            head = fh.read(2)
    except (OSError, EOFError):
        return encoding  # (the reader says what is wrong with the file)
    return "utf-16" if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else encoding


def _utf8_copy(path: Path, encoding: str, kind: str) -> Path:
    """A temporary copy of the CSV file ``path`` (optionally gzipped) in UTF-8, from
    ``encoding``: removed when its batches are read (_csv_batches), or at exit."""
    fd, name = tempfile.mkstemp(prefix="screen-", suffix=kind)
    copy = Path(name)
    _TEMPORARY.add(copy)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out, \
                _opener(path)(
                    path, "rt", encoding=encoding, newline="") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
    except UnicodeDecodeError as exc:
        _discard(copy)
        raise BatchInputError(f"{path}: not {encoding} text ({exc.reason}: byte "
                              f"{exc.object[exc.start:exc.end]!r}); name the file's "
                              "encoding with encoding= (--encoding)") from None
    except (OSError, EOFError) as exc:
        _discard(copy)
        raise BatchInputError(f"{path}: not a readable CSV file ({exc})") from None
    return copy


_TEMPORARY: set[Path] = set()  # UTF-8 copies not yet removed (see _utf8_copy)


def _discard(copy: Path | None) -> None:
    if copy is not None:
        copy.unlink(missing_ok=True)
        _TEMPORARY.discard(copy)


@atexit.register
def _discard_all() -> None:  # (a table opened and never read)
    for copy in list(_TEMPORARY):
        _discard(copy)


def _csv_batches(path: Path, roles: dict[str, str | None], kind: str, encoding: str,
                 source: Path | None, breaks: int, columns: int) -> Iterator[pa.RecordBatch]:
    """The batches of a CSV file of ``columns`` columns (read from ``source`` when
    given: a UTF-8 copy, then removed); a row it cannot read past the first block (a
    field too many: a name with a comma, unquoted), and a name that holds rows of the
    file (a quote left open), are a BatchInputError naming it, not a traceback of the
    reader or rows lost, and nothing is written (see screen_file)."""
    import pyarrow.compute as pc

    try:
        reader = _open_csv(path, roles, kind, encoding, include=True, source=source)
        delimiter = "\t" if kind == ".tsv" else _delimiter(
            path if source is None else source, encoding)
        warned = False
    except BaseException:
        _discard(source)
        raise
    row = 0
    try:
        while True:
            try:
                b = reader.read_next_batch()
            except StopIteration:
                return
            except (pa.ArrowException, UnicodeDecodeError) as exc:
                raise BatchInputError(f"{path}: not a readable CSV file ({exc})") from None
            # (CR alone too: a file of old Mac line ends hid its quote left open)
            lines = pc.count_substring_regex(b.column(roles["column"]), r"\r\n|\r|\n")
            most = pc.max(lines).as_py()
            if most is not None and most >= breaks:
                at = row + pc.index(lines, most).as_py()
                what = "field" if breaks > MAX_NAME_LINE_BREAKS else "name"
                raise BatchInputError(
                    f"{path}: the {what} of row {at} holds {most} line breaks: a quote left "
                    "open seems to join the rows after it into one field, which would "
                    "leave them unscreened")
            # (not in a payment field's lines, whose addresses hold commas and codes:
            # "LONDON, SW1A1AA")
            if most and columns > 1 and breaks <= MAX_NAME_LINE_BREAKS:
                for i in pc.indices_nonzero(lines).to_pylist():
                    value = b.column(roles["column"])[i].as_py()
                    rows = _rows_inside(value.decode("utf-8", "replace"), delimiter, columns)
                    said = f"{path}: the name of row {row + i} holds "
                    if len(rows) > 1:
                        raise BatchInputError(
                            f"{said}lines that read as rows of the file ({rows[0]!r}, "
                            f"{rows[1]!r}): a quote left open seems to join the rows after "
                            "it into one field, which would leave them unscreened")
                    if rows and not warned:
                        # (one such line may be a name's address: "ACME LTD" / "MOSCOW,
                        # 119019"; said once a file)
                        warned = True
                        warnings.warn(
                            f"{said}a line that reads as a row of the file ({rows[0]!r}): if "
                            "a quote was left open there, the row it joined was not "
                            "screened and the input_row of each row after it is one less",
                            stacklevel=2)
            row += b.num_rows
            yield b
    finally:
        reader.close()
        _discard(source)


_ID_LIKE = re.compile(r"\S*\d\S*")


def _rows_inside(value: str, delimiter: str, columns: int) -> list[str]:
    """The lines of a value of several lines that read as rows of its CSV file: as
    many fields as the file has columns, one of them a word with a digit (an id, a
    number, a date: "Vladimir Putin,1" and "John Smith,2" inside '"Vladimir Putin,1\n
    John Smith,2\nKim Jong Un",3', a quote left open; but also "MOSCOW, 119019" in a
    name's address). Not a name that holds the delimiter ("SMITH, JOHN"), nor an
    address line of words ("12 HIGH ST, LONDON")."""
    out = []
    for line in value.splitlines():
        parts = [p.strip() for p in line.split(delimiter)]
        if len(parts) == columns and any(_ID_LIKE.fullmatch(p) for p in parts):
            out.append(line)
    return out


# A name of a CSV file may hold a line break inside its quotes (typed with Alt+Enter),
# but not this many: a quote left open makes one field of the rows after it, up to the
# next quote, which may be the end of the file.
MAX_NAME_LINE_BREAKS = 4
# ... and a payment field's value (field=True) may hold five lines (SWIFT 50K and 59:
# an account, then four of name and address), and line breaks at its end: six breaks
# are allowed, seven are a quote left open
MAX_FIELD_LINE_BREAKS = 7


def _open_csv(path: Path, roles: dict[str, str | None], kind: str, encoding: str, *,
              include: bool, source: Path | None = None):
    """A reader of the CSV file ``path`` (or of ``source``, its UTF-8 copy)."""
    import pyarrow.csv as pacsv

    wanted = _wanted(roles)
    read = path if source is None else source
    try:
        return pacsv.open_csv(
            # (gzip said here, as _opener says it: Arrow tells it from a name's ".gz"
            # only in lower case, and read "IN.CSV.GZ" as CSV text, "not a readable CSV")
            pa.input_stream(str(read), compression="gzip")
            if read.suffix.lower() == ".gz" else read,
            read_options=pacsv.ReadOptions(block_size=4 << 20, encoding=encoding),
            parse_options=pacsv.ParseOptions(
                delimiter="\t" if kind == ".tsv" else _delimiter(read, encoding),
                # a blank line is a row without a name, reported as such, not dropped
                # (input_row would otherwise stop counting the file's rows)
                ignore_empty_lines=False,
                # a quoted field may hold line breaks (an address, a note): without
                # this a file of more than one block was cut inside such a field
                newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                # (bytes, made text by _values: one byte that is not UTF-8, anywhere
                # in the file, would otherwise stop the reader there)
                column_types={c: pa.binary() for c in wanted},
                include_columns=wanted if include else None,
            ),
        )
    except (OSError, pa.ArrowException, UnicodeDecodeError) as exc:
        raise BatchInputError(f"{path}: not a readable CSV file ({exc})") from None


CSV_DELIMITERS = ",;\t|"


def _delimiter(path: Path, encoding: str) -> str:
    """The delimiter of a CSV file (not .tsv): of ``CSV_DELIMITERS``, the one its
    header line holds most often (a comma when it holds none: one column). Excel
    writes semicolons where the comma is the decimal mark (much of Europe); a name
    column read with the wrong one would not be found, or every "Müller, Hans" split."""
    try:
        with _opener(path)(path, "rb") as fh:
            head = fh.readline(1 << 16)
    except (OSError, EOFError):
        return ","  # (the reader says what is wrong with the file)
    text = re.sub(r'"[^"]*"', "", head.decode(encoding, errors="replace"))  # (quoted: data)
    counts = [(text.count(d), -i, d) for i, d in enumerate(CSV_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


def _rechunk(batches: Iterable[pa.RecordBatch], size: int) -> Iterator[pa.RecordBatch]:
    for b in batches:
        for start in range(0, b.num_rows, size):
            yield b.slice(start, size)


def _arrow_chunks(batches: Iterable[pa.RecordBatch], roles: dict[str, str | None]
                  ) -> Iterator[tuple[list, list | None, list | None]]:
    for b in batches:
        yield tuple(  # type: ignore[misc]
            None if col is None else _values(b.column(b.schema.get_field_index(col)))
            for col in (roles["column"], roles["birth_date_column"], roles["country_column"]))


def _texts(arr: pa.Array) -> list:
    """A column of bytes (a CSV column, read so; a Parquet column of text written
    without its string type, as Hive and Impala do) as text: each value that is not
    UTF-8 decoded with U+FFFD in place of its bad bytes, and marked (see _Mended)."""
    try:  # (the cast checks the UTF-8: most columns pass)
        return arr.cast(pa.large_string() if pa.types.is_large_binary(arr.type)
                        else pa.string()).to_pylist()
    except pa.ArrowInvalid:
        return [None if b is None else _decoded(b) for b in arr.to_pylist()]


def _decoded(b: bytes) -> str:
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return _Mended(b.decode("utf-8", "replace"))


class _Mended(str):
    """A name that was not valid text, with U+FFFD where it was not (see _mended)."""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_TEXT = ("the name is not valid text ({what}): screened and written with U+FFFD in "
            "place of what is not")


def _mended(name: str) -> tuple[str, str | None]:
    """``name`` as an Arrow table can hold it, and why it was changed (None: it was
    not): bytes of a CSV file that are not UTF-8 (see _texts) and lone surrogates
    each become U+FFFD."""
    if type(name) is _Mended:
        return str(name), NOT_TEXT.format(
            what="bytes that are not UTF-8; a CSV file in another encoding is read with "
            "encoding=, --encoding")
    fixed = _writable(name)
    if fixed == name:
        return name, None
    return fixed, NOT_TEXT.format(what="lone surrogates")


def _writable(text: str) -> str:
    """``text`` with its lone surrogates (which Arrow cannot hold) each a U+FFFD."""
    return text if text.isascii() else _LONE_SURROGATE.sub("\ufffd", text)


def _values(arr: pa.Array) -> list:
    if pa.types.is_dictionary(arr.type):
        plain = _PLAIN_OF.get(arr.type.value_type)
        if plain is not None:
            # views (how polars hands over a Categorical or Enum column) have no take
            # kernel to decode them with: their dictionary is made plain first
            arr = pa.DictionaryArray.from_arrays(arr.indices, arr.dictionary.cast(plain))
        arr = arr.dictionary_decode()
    if _is_bytes(arr.type):
        return _texts(arr)  # (bytes that are text: else every row is "not a string")
    try:
        return arr.to_pylist()
    except UnicodeDecodeError:
        # a text column holding bytes that are not UTF-8, which Arrow does not check on
        # reading (a Spark CAST of binary to string, a Hive table of Latin-1): read as
        # the bytes they are, each bad value mended and marked
        return _texts(arr.view(_BYTES_OF[arr.type]))


_BYTES_OF = {pa.string(): pa.binary(), pa.large_string(): pa.large_binary()}
_PLAIN_OF: dict[pa.DataType, pa.DataType] = {}
if hasattr(pa, "string_view"):
    _BYTES_OF[pa.string_view()] = pa.binary_view()
    _PLAIN_OF = {pa.string_view(): pa.string(), pa.binary_view(): pa.binary()}


def _is_bytes(t: pa.DataType) -> bool:
    # (binary_view: how polars hands binary columns over; pyarrow < 16 has no such type)
    return pa.types.is_binary(t) or pa.types.is_large_binary(t) or (
        hasattr(pa.types, "is_binary_view") and pa.types.is_binary_view(t))


def _is_pandas(data: object) -> bool:
    return type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "iloc") and \
        hasattr(data, "columns")


def _pandas_chunks(df: Any, roles: dict[str, str | None], size: int
                   ) -> Iterator[tuple[list, list | None, list | None]]:
    for start in range(0, len(df), size):
        part = df.iloc[start:start + size]
        yield tuple(  # type: ignore[misc]
            None if col is None else part[col].tolist()
            for col in (roles["column"], roles["birth_date_column"], roles["country_column"]))


def _mapping_input(data: Mapping, roles: dict[str, str | None], size: int) -> _Input:
    cols: list[list | None] = []
    for role in ("column", "birth_date_column", "country_column"):
        col = roles[role]
        if col is None:
            cols.append(None)
            continue
        v = data[col]
        cols.append(_values(v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v)
                    if isinstance(v, (pa.Array, pa.ChunkedArray)) else list(v))
    n = len(cols[0] or ())
    if any(c is not None and len(c) != n for c in cols):
        raise BatchInputError("the columns of 'data' are not all of the same length")

    def chunks() -> Iterator[tuple[list, list | None, list | None]]:
        for start in range(0, n, size):
            yield tuple(  # type: ignore[misc]
                None if c is None else c[start:start + size] for c in cols)

    return _Input(n, chunks())


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return type(v).__name__ in ("NAType", "NaTType")  # pandas.NA, pandas.NaT


def _name_status(v: object) -> str | None:
    if _is_missing(v):
        return STATUS_NULL
    if not isinstance(v, str):
        return STATUS_NOT_STRING
    if not v.strip():
        return STATUS_EMPTY
    return None


def _secondary(v: object) -> object:
    """A birth date or country as the matcher takes it: missing, NaN or blank -> None."""
    if _is_missing(v) or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, Integral) and not isinstance(v, (int, bool)):
        return int(v)  # a NumPy integer
    if isinstance(v, float) and v.is_integer():
        return int(v)  # a year in a pandas column of numbers with gaps, made float
    return v


def _facts(birth: object, country: object) -> tuple[object, object, str | None]:
    """A row's birth date and country as the matcher takes them, each it refuses left
    out (None), and why it refused them (None when it took both)."""
    why = []
    try:
        hash(birth)  # (the row's query is a dict key)
    except TypeError:
        why.append("'birth_date' must be a date, an int year or a str "
                   f"(got {type(birth).__name__})")
        birth = None
    try:
        birth_year(birth)
    except (TypeError, ValueError) as exc:
        why.append(str(exc))
        birth = None
    if country is not None and not isinstance(country, str):
        why.append(f"'country' must be str (got {type(country).__name__})")
        country = None
    if not why:
        return birth, country, None
    # (a refused value may be quoted, lone surrogates and all)
    return birth, country, _writable("; ".join(why) + "; the name was screened without it")


# --------------------------------------------------------------------------- workers

_OK, _EMPTY_NAME = 0, 1

# (screener, options) of this process's worker, set by the pool's initializer: with the
# fork start method its arguments are inherited, not pickled.
_WORKER: tuple[Screener, dict] | None = None


def _init_worker(screener: Screener, opts: dict) -> None:
    global _WORKER
    _WORKER = (screener, opts)
    # (the command line's SIGTERM handler, inherited, would unwind a worker the pool
    # terminates; it ends as a pool's worker does)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches every process of the terminal's group: the caller stops the pool
    # (terminate), and a worker's own KeyboardInterrupt only printed its traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a worker lives for one table: its cache of what words find may hold its share of
    # a long table's words (see WORKER_HIT_CACHE_BYTES)
    screener.index.allow_hit_bytes(WORKER_HIT_CACHE_BYTES)
    # a worker only adds to what it inherits (the index, the tables, the prepared
    # names): the collector need not walk those again, which took some 10% of a
    # worker's time, nor touch (and so copy) the pages that hold them
    gc.freeze()
    # and what it adds is mostly caches, which live as long as it does: see
    # _rare_full_collections
    gc.set_threshold(*gc.get_threshold()[:2], FULL_COLLECTION_AFTER)


# Full collections while screening: what a screener adds as it goes (prepared names,
# cached romanizations and index hits) lives on, and every full collection walked all
# of it. Over 8,000 new ordinary names in process, the collector took 13% of the run
# (6 or 7 full collections), 4% with full collections this rare: one per
# FULL_COLLECTION_AFTER collections of the middle generation (some seven million
# allocations) instead of one per 10. They are there for cyclic garbage, which the
# screener does not make.
FULL_COLLECTION_AFTER = 1000


_GC_LOCK = threading.Lock()
# screening runs in this process, and the thresholds before the first (an int, then a
# tuple of them or None: two slots that change under _GC_LOCK)
_GC_RUNS: list[Any] = [0, None]


@contextmanager
def _rare_full_collections():
    """Fewer full collections while screening in the calling process (see
    FULL_COLLECTION_AFTER); the collector's thresholds are restored when the last run
    of this process (threads may screen at once) ends."""
    with _GC_LOCK:
        if _GC_RUNS[0] == 0:
            before = gc.get_threshold()
            _GC_RUNS[1] = before
            gc.set_threshold(before[0], before[1], max(before[2], FULL_COLLECTION_AFTER))
        _GC_RUNS[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_RUNS[0] -= 1
            if _GC_RUNS[0] == 0:
                gc.set_threshold(*_GC_RUNS[1])


def _match_row(m: Match) -> tuple:
    return (m.score, m.source, m.list, m.entity_id, m.entity_type, m.name, m.alias,
            list(m.programs), m.explanation, m.snapshot, m.published)


def _screen_one(screener: Screener, opts: dict, in_field: bool, name: str, birth: object,
                country: object) -> tuple[int, Any]:
    """One query screened: ``opts`` the matcher's options, ``in_field`` whether the
    name is a payment field (see match_table)."""
    # (a birth date or country the matcher would refuse never comes here: see _facts)
    match = screener.match_field if in_field else screener.match
    found = (match(name, birth_date=birth, country=country, **opts)  # type: ignore[arg-type]
             if screener.snapshot.names.num_rows else [])  # the index cannot be empty
    if found:
        return _OK, tuple(_match_row(m) for m in found)
    if in_field:
        names = field_names(name)
        if not names:
            return _EMPTY_NAME, NO_NAME_IN_FIELD
        if all(prepare(n).empty for n in names):  # ("!!!", "???? ?????": letters lost)
            return _EMPTY_NAME, _why_empty(" ".join(names))
        return _OK, ()
    if prepare(name).empty:
        return _EMPTY_NAME, None
    return _OK, ()


def _screen_many(screener: Screener, opts: dict, queries: list[tuple[str, object, object]]
                 ) -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = []
    in_field = FIELD in opts  # (the matcher's options without it, once for all)
    if in_field:
        opts = {k: v for k, v in opts.items() if k != FIELD}
    for start in range(0, len(queries), PREFETCH_NAMES):
        part = queries[start:start + PREFETCH_NAMES]
        if len(part) > 1:
            screener.prefetch(
                (n for q in part for n in field_names(q[0])) if in_field
                else (q[0] for q in part))
        out.extend(_screen_one(screener, opts, in_field, *q) for q in part)
    return out


# the option of match_table's options that says its values are payment fields (kept
# beside the matcher's own: it travels to the workers with them)
FIELD = "field"


def _screen_queries(queries: list[tuple[str, object, object]]) -> list[tuple[int, Any]]:
    assert _WORKER is not None, "worker state not set"
    screener, opts = _WORKER
    return _screen_many(screener, opts, queries)


def _init_spawned(payload: bytes) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (before its long load: see _init_worker)
    snapshot, opts = pickle.loads(payload)
    _init_worker(snapshot if isinstance(snapshot, Screener) else Screener(snapshot), opts)


class _InProcess:
    lanes = 1
    started = 0  # worker processes (see _Pool.started)

    def __init__(self, screener: Screener, opts: dict):
        self.screener = screener
        self.opts = opts

    def submit(self, queries: list, lane: int = 0) -> list:
        return _screen_many(self.screener, self.opts, queries)

    @staticmethod
    def result(handle: list) -> list:
        return handle

    def close(self) -> None:
        pass


class _Pool:
    """Worker processes, each with a queue of its own (a lane; see _State.route),
    started on the first task (after the warm-up, see _State)."""

    def __init__(self, screener: Screener, opts: dict, workers: int):
        self.screener = screener
        self.opts = opts
        self.lanes = workers
        self._pools: list[Any] = []
        self._workers: list[list[Any]] = []  # each pool's process, as started

    def _start(self) -> None:
        # every worker at once, before any has work: a process is then forked while
        # the threads that serve the pools started before it are idle
        ctx: BaseContext
        initializer: Callable[..., None]
        initargs: tuple[object, ...]
        if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
            # the workers share the screener's memory (index, tables, the names it
            # prepared so far) copy-on-write
            ctx = multiprocessing.get_context("fork")
            initializer, initargs = _init_worker, (self.screener, self.opts)
        else:  # pragma: no cover - not Linux: each worker rebuilds the screener
            ctx = multiprocessing.get_context("spawn")
            initializer = _init_spawned
            # (a restricted screener goes whole: it reads payment fields through what
            # it took of the screener it was made from, which its snapshot lacks)
            initargs = (pickle.dumps((self.screener if self.screener._reader is not None
                                      else self.screener.snapshot, self.opts)),)
        for _ in range(self.lanes):
            self._pools.append(ctx.Pool(1, initializer=initializer, initargs=initargs))
            self._workers.append(list(getattr(self._pools[-1], "_pool", ())))

    @property
    def started(self) -> int:
        """The worker processes started so far (none until the first task)."""
        return len(self._pools)

    def submit(self, queries: list, lane: int = 0) -> tuple[int, Any]:
        if not self._pools:
            self._start()
        return lane, self._pools[lane].apply_async(_screen_queries, (queries,))

    def result(self, handle: tuple[int, Any]) -> list:
        # a worker killed (by the out-of-memory killer, by an operator) is replaced by
        # its pool, but its task never ends: waiting for it without looking would wait
        # forever, the job seemingly still running
        lane, pending = handle
        while True:
            try:
                return pending.get(WORKER_WATCH)
            except multiprocessing.TimeoutError:
                pass
            dead = [p for p in self._workers[lane] if p.exitcode is not None]
            if dead:
                code = dead[0].exitcode
                how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
                raise WorkerError(
                    f"a worker process of the batch ended before its work was done ({how}: "
                    "out of memory, or killed?); the batch is stopped")

    def close(self) -> None:
        # Pool.terminate() may never return: it kills the workers, then waits for the
        # pool's task thread, which then sends a last message to the result queue and
        # waits for that queue's lock, which a worker killed while sending a result
        # held (a stream closed early hung so in a test run). So each pool is
        # terminated and joined in a thread of its own, waited for a while; its
        # workers, killed by then, are killed again if need be, and a thread still
        # waiting is left behind (a daemon thread, on a lock no one will free).
        stoppers = []
        for pool in self._pools:
            workers = list(getattr(pool, "_pool", ()))
            stopper = threading.Thread(target=_terminate_and_join, args=(pool,), daemon=True,
                                       name="screen-batch-pool-close")
            stopper.start()
            stoppers.append((stopper, workers))
        deadline = time.monotonic() + POOL_CLOSE_WAIT
        for stopper, workers in stoppers:
            stopper.join(max(0.0, deadline - time.monotonic()))
            for p in workers:
                if p.is_alive():
                    p.kill()
                    p.join(1)


# seconds between looks at a worker whose results are awaited (see _Pool.result)
WORKER_WATCH = 1.0
# seconds that closing a table's workers waits for their pools (see _Pool.close)
POOL_CLOSE_WAIT = 10.0


def _terminate_and_join(pool) -> None:
    pool.terminate()
    pool.join()


# --------------------------------------------------------------------------- the loop


def match_table(
    data: object,
    *,
    column: str = "name",
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    weak_aliases: bool = True,
    birth_date_column: str | None = None,
    country_column: str | None = None,
    workers: int | None = None,
    screener: Screener | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    unmatched: bool = False,
    changed_since: object = None,
    encoding: str = "utf-8",
    field: bool = False,
) -> pa.Table:
    """Screen every row of ``data`` (see the module docstring): the table of
    :data:`OUTPUT_SCHEMA`, one row per (input row, match), equal to a loop of
    :meth:`Screener.match` over the rows. ``encoding``: that of a CSV file (a Python
    codec name: "cp1252" for a Western European Excel export); ignored otherwise.
    ``field=True``: each value is a payment message's counterparty field (an account,
    the name, address lines, references, a second party: see
    :func:`screen.fields.field_names`), screened as :meth:`Screener.match_field` does,
    which it then equals; a field in which no name is found is reported as an empty
    name."""
    run = _checked_run(
        data, column=column, threshold=threshold, limit=limit, sources=sources, kind=kind,
        weak_aliases=weak_aliases, birth_date_column=birth_date_column,
        country_column=country_column, workers=workers, screener=screener,
        batch_size=batch_size, unmatched=unmatched, changed_since=changed_since,
        encoding=encoding, field=field)
    batches = list(run.batches(unmatched, None))
    return pa.Table.from_batches(batches, schema=_with_snapshot(run.screener))


def _with_snapshot(screener: Screener) -> pa.Schema:
    """OUTPUT_SCHEMA with the id of the snapshot screened against in its metadata, and
    what of it was screened (SCOPE_KEY)."""
    if not screener.snapshot_id:
        return OUTPUT_SCHEMA
    return OUTPUT_SCHEMA.with_metadata({
        SNAPSHOT_KEY: screener.snapshot_id,
        SCOPE_KEY: SCOPE_CHANGED if _changed_only(screener) else SCOPE_ALL})


def _changed_only(screener: object) -> bool:
    """Whether a screener screens only the parties a list update added or changed
    (``changed_since``): a row without a match is then cleared of those alone."""
    return isinstance(getattr(screener, "snapshot", None), _SubSnapshot)


SNAPSHOT_KEY = b"screen.snapshot"  # the schema metadata key of the snapshot id
SCOPE_KEY = b"screen.scope"  # ... and of what of it was screened:
SCOPE_ALL = "every party"
SCOPE_CHANGED = "only the parties added or changed since the snapshot changed_since names"


def _checked_run(data: object, *, unmatched: bool, **options: Any) -> _Run:
    """:meth:`_Run.start` of a call's arguments, its notes said as warnings (to the
    caller of the public function that called this)."""
    _check_unmatched(unmatched)
    run = _Run.start(data, **options)
    for note in run.notes:
        warnings.warn(note, stacklevel=3)
    return run


def match_table_iter(
    data: object,
    *,
    column: str = "name",
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    weak_aliases: bool = True,
    birth_date_column: str | None = None,
    country_column: str | None = None,
    workers: int | None = None,
    screener: Screener | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    unmatched: bool = False,
    changed_since: object = None,
    encoding: str = "utf-8",
    progress: Callable[[int], object] | None = None,
    field: bool = False,
) -> Iterator[pa.RecordBatch]:
    """:func:`match_table` as a stream of record batches (one per input batch, possibly
    empty), holding about two input batches at a time. ``progress`` is called with the
    number of input rows of each batch once it is screened.

    The arguments are checked and the input opened when this is called (a missing
    column raises here); screening happens as the batches are consumed."""
    run = _checked_run(data, column=column, threshold=threshold, limit=limit, sources=sources,
                       kind=kind, weak_aliases=weak_aliases,
                       birth_date_column=birth_date_column, country_column=country_column,
                       workers=workers, screener=screener, batch_size=batch_size,
                       unmatched=unmatched, changed_since=changed_since, encoding=encoding,
                       field=field)
    return run.batches(unmatched, progress)


@dataclass
class _Run:
    """A checked call: the input opened, the screener and options settled."""

    source: _Input
    screener: Screener
    opts: dict
    workers: int
    # what the caller should hear of: another source than those asked for was damaged
    notes: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, data: object, *, column: str, threshold: float | None, limit: int | None,
              sources: Collection[str] | None, kind: str | None,
              birth_date_column: str | None, country_column: str | None,
              workers: int | None, screener: Screener | None, batch_size: int,
              changed_since: object, home: str | os.PathLike | None = None,
              weak_aliases: bool = True, encoding: str = "utf-8", field: bool = False
              ) -> _Run:
        for role, col in (("column", column), ("birth_date_column", birth_date_column),
                          ("country_column", country_column)):
            if (col is not None or role == "column") and not isinstance(col, str):
                raise TypeError(f"'{role}' must be str (got {type(col).__name__})")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"'batch_size' must be a positive int (got {batch_size!r})")
        if not isinstance(field, bool):  # ("no" would be true)
            raise TypeError(f"'field' must be bool (got {type(field).__name__})")
        if workers is None:
            workers = _cores()
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
            raise ValueError(f"'workers' must be a positive int or None (got {workers!r})")
        # screening is CPU-bound: processes beyond the cores only share them, each at
        # some 10 MB (1,000 asked for on two cores ran the machine out of memory)
        workers = min(workers, _cores())
        opts: dict[str, Any] = {"threshold": threshold, "limit": limit,
                "sources": checked_sources(sources), "kind": kind,
                "weak_aliases": weak_aliases}
        roles = {"column": column, "birth_date_column": birth_date_column,
                 "country_column": country_column}
        source = _open(data, roles, batch_size, encoding,  # first: a wrong column fails at once
                       breaks=MAX_FIELD_LINE_BREAKS if field else MAX_NAME_LINE_BREAKS)
        notes: list[str] = []
        if screener is None:
            try:
                if home is None:
                    from .api import default_screener

                    screener = default_screener()
                else:
                    from . import store

                    screener = Screener(store.load(home), home=Path(home))
            except SnapshotError as exc:
                if opts["sources"] is None:
                    raise
                # a source not asked for is damaged: the asked-for ones alone
                from . import store

                screener = Screener(store.load(home, sources=opts["sources"]),
                                    home=None if home is None else Path(home))
                notes.append(f"{exc}; screened against {', '.join(opts['sources'])} only")
        screener.match("", **opts)  # the matcher's own check of the options
        if changed_since is not None:
            screener = restricted_screener(
                screener, _changed_keys(changed_since, screener, opts["sources"]))
        if field:
            opts[FIELD] = True
        return cls(source, screener, opts, workers, notes)

    def batches(self, unmatched: bool, progress: Callable[[int], object] | None
                ) -> Iterator[pa.RecordBatch]:
        return _run(self.source, self.screener, self.opts, self.workers, unmatched, progress,
                    self)

    # worker processes a finished run started: none for a table of few distinct names,
    # screened in this process (see WARMUP_QUERIES), whatever ``workers`` allowed
    started: int = 0


def _changed_keys(changed_since: object, screener: Screener,
                  sources: Collection[str] | None) -> set[tuple[str, str, str]]:
    """The parties added or changed since ``changed_since``, of ``sources`` only when
    given (a source missing from the old snapshot counts as wholly added)."""
    from .diff import Diff, diff

    if isinstance(changed_since, Diff):
        _check_diff_ends_at(changed_since, screener, sources)
        keys = changed_since.keys()
        return keys if sources is None else {k for k in keys if k[0] in set(sources)}
    # "uk@previous" and ("uk", version) name versions of the screener's data home
    home = getattr(screener.snapshot, "path", None)
    return diff(changed_since, screener.snapshot, sources=sources, home=home).keys()


def _check_diff_ends_at(d, screener: Screener, sources: Collection[str] | None) -> None:
    """Refuse a Diff that does not end at the lists screened: one kept from an earlier
    update, or turned around, or of other sources, would quietly screen the table
    against the wrong parties (a probe's stale diff found 5 or 583 rows of 2,117)."""
    from .diff import file_hashes

    held = getattr(screener.snapshot, "sources", None)
    if not held:
        return  # (a screener of tables of its own: nothing to check against)
    screened = [s for s in held if sources is None or s in set(sources)]
    known = [s for s in screened if s in d.new_files]
    if d.new_files and not known:
        raise ValueError(
            f"'changed_since': the Diff compares {', '.join(sorted(d.new_files))}, and the "
            f"screener screens {', '.join(screened) or 'none of them'}")
    unknown = [s for s in screened if s not in d.new_files]
    if d.new_files and unknown:
        # (the Diff says nothing of their changes: their parties added since would go
        # unscreened, where "uk@previous" counts a source the old snapshot lacks as
        # wholly added)
        raise ValueError(
            f"'changed_since': the Diff compares {', '.join(known)} only, and the screener "
            f"also screens {', '.join(unknown)}, whose changes it does not know: pass "
            f"sources={known!r}, or a Diff of every source screened")
    for s in known:
        mine = file_hashes(screener.snapshot, s)
        if mine and d.new_files[s] != mine:
            raise ValueError(
                f"'changed_since': the Diff ends at other {s} lists (snapshot {d.new}) than "
                f"the screener's (snapshot {screener.snapshot_id}): a diff kept from an "
                "earlier update, or turned around? Compute it against the lists screened: "
                "diff(OLD, screener.snapshot)")


def _run(source: _Input, screener: Screener, opts: dict, workers: int, unmatched: bool,
         progress: Callable[[int], object] | None, run: _Run | None = None
         ) -> Iterator[pa.RecordBatch]:
    executor: _InProcess | _Pool = (
        _InProcess(screener, opts) if workers == 1 else _Pool(screener, opts, workers))
    # (in this process: the in-process run, the warm-up; its cache of index hits as
    # wide as a worker's while it runs, see WORKER_HIT_CACHE_BYTES)
    with _rare_full_collections(), screener.index.wider_hit_cache(WORKER_HIT_CACHE_BYTES):
        try:
            state = _State(executor)
            window: deque[_Batch] = deque()
            offset = 0
            for names, births, countries in source.chunks:
                window.append(state.submit(offset, names, births, countries))
                offset += len(names)
                while len(window) > 1:
                    yield state.finish(window.popleft(), unmatched, progress)
            while window:
                yield state.finish(window.popleft(), unmatched, progress)
        finally:
            if run is not None:
                run.started = executor.started
            executor.close()


@dataclass
class _Batch:
    offset: int
    rows: list  # per input row: a status (not screened), a _Noted query key, or a query key
    queries: list  # the query of each row (the name as screened), or None
    tasks: list  # task ids this batch waits for


class _State:
    """Queries in flight and done, shared by the batches of one call, so that a query
    is screened once however often it repeats."""

    def __init__(self, executor: _InProcess | _Pool):
        self.executor = executor
        self.local = _InProcess(executor.screener, executor.opts)
        self.warmup_left = WARMUP_QUERIES if isinstance(executor, _Pool) else 0
        self.done: dict[tuple, tuple[int, Any]] = {}
        self.pending: dict[tuple, int] = {}  # query -> task id
        self.tasks: dict[int, tuple[Any, list[tuple], int]] = {}  # id -> (handle, queries, lane)
        self.next_task = 0
        self.load = [0] * executor.lanes  # queries in flight per lane
        # the match fields of a row without a match: null, but the snapshot it was
        # screened against (a name cleared is a decision an audit replays too)
        # (with changed_since, none: a row cleared of the changed parties alone is no
        # row cleared against the snapshot, which an audit would read it as)
        empty = [None] * len(MATCH_FIELDS)
        if not _changed_only(executor.screener):
            empty[MATCH_FIELDS.index("snapshot")] = \
                getattr(executor.screener, "snapshot_id", None) or None
        self.empty = tuple(empty)

    def submit(self, offset: int, names: list, births: list | None, countries: list | None
               ) -> _Batch:
        rows: list = []
        todo: dict[tuple, None] = {}
        for i, v in enumerate(names):
            status = _name_status(v)
            if status is not None:
                rows.append(status)
                continue
            v, not_text = _mended(v)
            if not_text:
                names[i] = v  # (the query written)
            birth, country, why = _facts(
                None if births is None else _secondary(births[i]),
                None if countries is None else _secondary(countries[i]))
            if not_text:
                why = not_text if why is None else f"{not_text}; {why}"
            key = (v, birth, country)
            rows.append(key if why is None else _Noted(key, why))
            if key not in self.done and key not in self.pending:
                todo[key] = None
        queries = list(todo)
        if queries and self.warmup_left > 0:
            # the first queries are screened here, before the workers are forked: they
            # fill the screener's caches (prepared listed names, romanizations), which
            # the workers then inherit instead of each filling its own
            head, queries = queries[:self.warmup_left], queries[self.warmup_left:]
            self.warmup_left -= len(head)
            self.done.update(zip(head, self.local.submit(head)))
        tasks = []
        for lane, mine in enumerate(self.route(queries)):
            size = max(32, min(1024, math.ceil(len(mine) / 8)))
            for start in range(0, len(mine), size):
                part = mine[start:start + size]
                tid = self.next_task
                self.next_task += 1
                self.tasks[tid] = (self.executor.submit(part, lane), part, lane)
                self.load[lane] += len(part)
                for q in part:
                    self.pending[q] = tid
                tasks.append(tid)
        return _Batch(offset, rows, [v if isinstance(v, str) else None for v in names], tasks)

    def route(self, queries: list[tuple]) -> list[list[tuple]]:
        """``queries`` split among the lanes (worker processes): by their name's last
        word, so that each worker meets its share of a table's words, not all of them,
        unless a lane would then have ``LANE_SLACK`` queries more in flight than
        another (a table in which one surname abounds), when the least loaded lane
        gets it. A worker keeps what it worked out for a word (its index hits, the
        listed names it found, prepared): with two workers on 64,000 customer names,
        14.1-14.5 s of the workers' CPU against 14.8-15.2 s split at random (and 9,907-
        10,388 names/s against 9,196-9,537 at 256,000, with the wider cache of
        WORKER_HIT_CACHE_BYTES). Each lane's queries
        are then in the order of that word, so that the names a worker looks up
        together (see PREFETCH_NAMES) and one after the other share their surnames:
        5-8% less CPU at 64,000 names, 3-5% at 256,000. Which worker screens a query,
        and when, changes no answer."""
        n = len(self.load)
        parts: list[list[tuple[str, tuple]]] = [[] for _ in range(n)]
        load = self.load[:]
        low = min(load)
        for q in queries:
            words = q[0].rsplit(None, 1)
            word = words[-1].lower() if words else ""
            lane = 0
            if n > 1:
                # (str's hash: any string has one, a lone surrogate's too; this process
                # alone routes, so that it differs between processes does not matter)
                lane = hash(word) % n
                if load[lane] > low + LANE_SLACK:
                    low = min(load)
                    if load[lane] > low + LANE_SLACK:
                        lane = load.index(low)
            parts[lane].append((word, q))
            load[lane] += 1
        return [[q for _, q in sorted(part, key=itemgetter(0))] for part in parts]

    def _collect(self, tid: int) -> None:
        got = self.tasks.pop(tid, None)
        if got is None:
            return
        handle, queries, lane = got
        self.load[lane] -= len(queries)
        results = self.executor.result(handle)
        if len(self.done) + len(queries) > CACHE_LIMIT:
            self.done.clear()
        for q, r in zip(queries, results):
            self.done[q] = r
            self.pending.pop(q, None)

    def lookup(self, key: tuple) -> tuple[int, Any]:
        r = self.done.get(key)
        if r is None:
            tid = self.pending.get(key)
            if tid is not None:
                self._collect(tid)
                r = self.done.get(key)
            if r is None:  # forgotten by the cache before this batch read it
                r = self.local.submit([key])[0]
        return r

    def finish(self, batch: _Batch, unmatched: bool,
               progress: Callable[[int], object] | None) -> pa.RecordBatch:
        for tid in batch.tasks:
            self._collect(tid)
        out_row: list[int] = []
        status: list[str] = []
        query: list[str | None] = []
        fields: list[tuple] = []
        empty = self.empty
        for i, key in enumerate(batch.rows):
            n = batch.offset + i
            if isinstance(key, str):  # a name that could not be screened
                out_row.append(n)
                status.append(key)
                query.append(batch.queries[i])
                fields.append(empty)
                continue
            if isinstance(key, _Noted):  # a value left out: said first, then the matches
                out_row.append(n)
                status.append(STATUS_INVALID)
                query.append(batch.queries[i])
                fields.append((*empty[:8], key.message, *empty[9:]))
                key = key.key
            code: int
            payload: Any
            code, payload = self.lookup(key)
            if code == _OK:
                if payload:
                    for m in payload:
                        out_row.append(n)
                        status.append(STATUS_MATCH)
                        query.append(batch.queries[i])
                        fields.append(m)
                elif unmatched:
                    out_row.append(n)
                    status.append(STATUS_NO_MATCH)
                    query.append(batch.queries[i])
                    fields.append(empty)
            else:  # (nothing left after normalization: "!!!", "???" where letters were lost)
                out_row.append(n)
                status.append(STATUS_EMPTY)
                query.append(batch.queries[i])
                fields.append((*empty[:8], payload or _why_empty(batch.queries[i]), *empty[9:]))
        if progress is not None:
            progress(len(batch.rows))
        return _to_batch(out_row, status, query, fields)


@dataclass(frozen=True)
class _Noted:
    """A row's query key, a value of the row left out of it, and why."""

    key: tuple
    message: str


def _to_batch(out_row: list[int], status: list[str], query: list, fields: list[tuple]
              ) -> pa.RecordBatch:
    cols = list(zip(*fields)) if fields else [()] * len(MATCH_FIELDS)
    arrays = [pa.array(out_row, pa.int64()), pa.array(status, pa.string()),
              pa.array(query, pa.string())]
    for f, values in zip(list(OUTPUT_SCHEMA)[3:], cols):
        arrays.append(pa.array(values, f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=OUTPUT_SCHEMA)


# --------------------------------------------------------------------------- files


@dataclass
class Summary:
    """What :func:`screen_file` did."""

    rows: int = 0  # input rows screened
    matched: int = 0  # input rows with at least one match
    matches: int = 0  # match rows written
    # status -> input rows reported: not screened, or for "invalid", screened without
    # the birth date or country refused
    bad: dict[str, int] = field(default_factory=dict)
    written: int = 0  # output rows written
    seconds: float = 0.0
    workers: int = 0  # worker processes started (0: screened in the calling process)
    output: str = ""
    # problems that did not stop the screen (the command prints them on stderr): a
    # source not asked for was damaged, so the asked-for sources were loaded alone
    notes: list[str] = field(default_factory=list)
    snapshot: str = ""  # the id of the snapshot screened against (Match.snapshot)
    limit: int | None = None  # the most matches a row may have
    changed_only: bool = False  # changed_since: only the parties an update changed
    at_limit: int = 0  # input rows with that many: more parties may reach the threshold

    @property
    def names_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """The summary the ``screen batch`` command prints, e.g.::

            screened 1,000 rows in 2.5 s (400 names/s, 2 workers)
            12 rows with matches (15 matches)

        ("in this process" in place of the workers when none was started: with
        ``workers=1``, or a table of few distinct names)
            3 rows reported as bad: null name 1, empty name 1, not a string 1
            wrote 18 rows to out.csv
            snapshot 270097c0d2469930
        """
        n_bad = sum(self.bad.values())
        detail = ", ".join(f"{k} {v:,}" for k, v in self.bad.items() if v)
        lines = [
            (f"screened {self.rows:,} rows in {self.seconds:.1f} s "
             f"({self.names_per_second:,.0f} names/s, "
             + (f"{self.workers} worker{'s' if self.workers != 1 else ''})" if self.workers
                else "in this process)")),
            f"{self.matched:,} rows with matches ({self.matches:,} matches)",
            f"{n_bad:,} rows reported as bad" + (f": {detail}" if detail else ""),
            f"wrote {self.written:,} rows to {self.output}",
        ]
        if self.at_limit:
            lines.append(f"{self.at_limit:,} rows reached the limit of matches a row may "
                         f"have ({self.limit}): more parties may reach the threshold")
        if self.snapshot:
            lines.append(f"snapshot {self.snapshot}" + (
                ": only its parties added or changed since the snapshot --changed-since "
                "names were screened" if self.changed_only else ""))
        return lines


def known_rows(path: str | os.PathLike) -> int | None:
    """The number of rows of a Parquet file (from its footer); None for CSV."""
    p = Path(path)
    if p.suffix.lower() in PARQUET_SUFFIXES and p.is_file():
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(p).metadata.num_rows
        except (OSError, pa.ArrowException):
            return None
    return None


def screen_file(
    input: str | os.PathLike,
    output: str | os.PathLike,
    *,
    progress: Callable[[int], object] | None = None,
    column: str = "name",
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    weak_aliases: bool = True,
    birth_date_column: str | None = None,
    country_column: str | None = None,
    workers: int | None = None,
    screener: Screener | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    unmatched: bool = False,
    changed_since: object = None,
    encoding: str = "utf-8",
    home: str | os.PathLike | None = None,
    field: bool = False,
) -> Summary:
    """Screen a CSV or Parquet file into a CSV or Parquet file (by extension), streaming:
    the input is never all in memory. The output appears only when complete (written
    beside it, then renamed). In CSV output, ``programs`` is joined with ``"; "``.
    Without ``screener``, the snapshot of ``home`` (default: the data home) is loaded
    after the input is opened, so that a wrong column name fails at once."""
    _check_unmatched(unmatched)
    out = Path(output)
    if out.exists() and Path(input).exists() and out.resolve() == Path(input).resolve():
        raise BatchInputError(f"{out}: the output would overwrite the input")
    kind_out = out.suffix.lower()
    if kind_out not in PARQUET_SUFFIXES + CSV_SUFFIXES:
        raise BatchInputError(
            f"{out}: unknown output type {out.suffix!r} (expected .csv, .tsv or .parquet)")
    check_writable(out, BatchInputError)  # (before screening)
    # the output is written beside it under a name of its own, then renamed: that file
    # is made first, so that a folder it cannot be made in fails before anything else
    tmp = temporary_beside(out, BatchInputError)
    try:
        run = _Run.start(input, column=column, threshold=threshold, limit=limit,
                         sources=sources, kind=kind, weak_aliases=weak_aliases,
                         birth_date_column=birth_date_column, country_column=country_column,
                         workers=workers, screener=screener, batch_size=batch_size,
                         changed_since=changed_since, home=home, encoding=encoding,
                         field=field)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    summary = Summary(output=str(output), bad=dict.fromkeys(BAD_STATUSES, 0),
                      notes=run.notes, snapshot=run.screener.snapshot_id,
                      limit=run.opts["limit"], changed_only=_changed_only(run.screener))

    def counted(n: int) -> None:
        summary.rows += n
        if progress is not None:
            progress(n)

    started = time.perf_counter()
    try:
        with _writer(tmp, kind_out, run.screener) as write:
            for b in run.batches(unmatched, counted):
                write(b)
                _tally(summary, b)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - started
    summary.workers = run.started  # (what ran, not what was allowed)
    return summary


def _check_unmatched(unmatched: object) -> None:
    # ("no" would be true: a row for every name, matched or not)
    if not isinstance(unmatched, bool):
        raise TypeError(f"'unmatched' must be bool (got {type(unmatched).__name__})")


def _cores() -> int:
    """The cores this process may run on (its affinity where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _tally(summary: Summary, b: pa.RecordBatch) -> None:
    import pyarrow.compute as pc

    summary.written += b.num_rows
    if not b.num_rows:
        return
    status = b.column(1)
    is_match = pc.equal(status, STATUS_MATCH)
    summary.matches += pc.sum(is_match).as_py() or 0
    rows = pc.filter(b.column(0), is_match)
    summary.matched += len(pc.unique(rows))
    if summary.limit and len(rows):
        summary.at_limit += sum(c == summary.limit for c in _value_counts(rows)[1])
    for value, count in zip(*_value_counts(status)):
        if value in summary.bad:
            summary.bad[value] += count


def _value_counts(arr: pa.Array) -> tuple[list, list]:
    import pyarrow.compute as pc

    vc = pc.value_counts(arr)
    return vc.field("values").to_pylist(), vc.field("counts").to_pylist()


@contextmanager
def _writer(path: Path, kind: str, screener: Screener | None = None
            ) -> Iterator[Callable[[pa.RecordBatch], None]]:
    if kind in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        schema = OUTPUT_SCHEMA if screener is None else _with_snapshot(screener)
        with pq.ParquetWriter(path, schema, compression="zstd") as w:
            yield w.write_batch
        return
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    i = OUTPUT_SCHEMA.get_field_index("programs")
    schema = OUTPUT_SCHEMA.set(i, pa.field("programs", pa.string()))

    def flat(b: pa.RecordBatch) -> pa.RecordBatch:
        programs = b.column(i)
        joined = pc.binary_join(programs, "; ")
        return pa.RecordBatch.from_arrays(
            [*b.columns[:i], joined, *b.columns[i + 1:]], schema=schema)

    options = pacsv.WriteOptions(delimiter="\t" if kind == ".tsv" else ",")
    with pacsv.CSVWriter(path, schema, write_options=options) as w:
        yield lambda b: w.write_batch(flat(b))


# --------------------------------------------------------------------------- re-screening


@dataclass(frozen=True, eq=False)
class _SubSnapshot:
    """Some parties of a snapshot; keeps the snapshot's id (matches name the lists they
    were made against) but no data home (its index is never saved over the full one)."""

    entities: pa.Table
    names: pa.Table
    manifest: dict
    id: str
    path: None = None

    @property
    def sources(self) -> list[str]:
        return list(self.manifest)


def restricted_screener(base: Screener | Any, keys: Iterable[tuple[str, str, str]]
                        ) -> Screener:
    """A screener over only the parties ``keys`` (``(source, list, entity_id)``) of
    ``base`` (a :class:`Screener` or a snapshot) and their names, with its own index.

    Its matches are those of the full screener that are of these parties (with
    ``limit=None``), with the same snapshot id. Of a :class:`Screener`, also for payment
    fields (``match_field``): which names a field holds depends on every listed name
    (one glued to an address, a line cut at its width), so it reads them through
    ``base``; of a snapshot, through the parties' own names only, which may read a
    field otherwise."""
    snapshot = base.snapshot if isinstance(base, Screener) else base
    wanted = set(keys)
    ents = snapshot.entities
    ent_keys = zip(ents.column("source").to_pylist(), ents.column("list").to_pylist(),
                   ents.column("entity_id").to_pylist())
    ent_mask = pa.array([k in wanted for k in ent_keys], pa.bool_())
    sub_ents = ents.filter(ent_mask)
    by_party = {(s, e) for s, _l, e in wanted}
    names = snapshot.names
    name_keep = [k in by_party for k in zip(names.column("source").to_pylist(),
                                            names.column("entity_id").to_pylist())]
    sub_names = names.filter(pa.array(name_keep, pa.bool_()))
    sub = _SubSnapshot(entities=sub_ents, names=sub_names,
                       manifest=getattr(snapshot, "manifest", {}) or {},
                       id=getattr(snapshot, "id", "") or "")
    restricted = Screener(sub)
    if isinstance(base, Screener):
        kept = np.array(name_keep, dtype=bool)
        own = np.full(len(kept), -1, dtype=np.int64)
        own[kept] = np.arange(int(kept.sum()))
        if base._reader is not None:  # (restricted twice: read through the first's reader)
            reader, of_base = base._reader
            own = np.where(of_base >= 0, own[np.maximum(of_base, 0)], -1)
            restricted._reader = (reader, own)
        else:
            restricted._reader = (FieldReader(base), own)
    return restricted


__all__ = [
    "BAD_STATUSES",
    "DEFAULT_BATCH_SIZE",
    "OUTPUT_SCHEMA",
    "BatchInputError",
    "MissingColumnError",
    "Summary",
    "known_rows",
    "match_table",
    "match_table_iter",
    "restricted_screener",
    "screen_file",
]
