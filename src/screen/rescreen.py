"""screen.rescreen: index a table's names once; after a list update, screen only the
rows that may match a party added or changed.

``match_table(data, changed_since=...)`` screens every row against the changed parties
only, but it still prepares every row's name and looks it up: about half the cost of
a full screen, hours for tens of millions of rows. A :class:`TableIndex` turns the
search around. The table's names are prepared once and filed in a
:class:`~screen.index.NameIndex`, the index the lists themselves use (build it after
the full screen, save it beside the table). After a list update, :func:`rescreen`
looks up each name of each added or changed party in it and screens only the rows
found, against those parties, through
:func:`~screen.batch.restricted_screener`. The cost follows the size of the update,
not of the table.

Why nothing is lost: :func:`screen.compare` is symmetric (a property test checks it),
and the index returns every row whose name's score with a query may reach the score
asked for, so a row whose name matches a changed party is among the rows found for
that party's names (looked up at the threshold less the largest bonus birth date and
country can add). The rows found, the rows ``match_table`` reports without screening
them (null, empty and non-string names, names with no word left after
normalization) and the rows whose birth date or country the
matcher refuses are then screened exactly as ``match_table`` screens them, so the
result equals ``match_table(data, changed_since=...)`` row for row (the tests check
it on the UK list of 2023 against that of 2025).

The index belongs to one state of the table: :func:`rescreen` checks that the names
it is given are the names indexed, row for row, and refuses a table that changed (a
row added, removed or renamed would be missed). An index saved by another version of
screen is rebuilt from its names on load: its keys may differ.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .batch import (
    DEFAULT_BATCH_SIZE,
    OUTPUT_SCHEMA,
    STATUS_MATCH,
    _facts,
    _mended,
    _name_status,
    _open,
    _Run,
    _secondary,
    match_table,
)
from .diff import ENTITY_ID, LIST_FIELD, Diff
from .errors import ScreenError
from .index import NameIndex, code_fingerprint
from .match import MAX_BONUS, Screener
from .names.compare import DEFAULT_THRESHOLD
from .names.normalize import prepare
from .outputs import CSV_SUFFIXES, PARQUET_SUFFIXES

_META = "table_index.json"
_NAMES = "names.parquet"
_INDEX = "index.npz"


def _names_digest(names: list[str | None]) -> str:
    """A SHA-256 of a table index's names, in order (a row without a name apart)."""
    h = hashlib.sha256()
    for v in names:
        h.update(b"\x01" if v is None else v.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()


def _file_digest(path: Path) -> str | None:
    """A SHA-256 of a file's bytes; None when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


class TableChangedError(ScreenError, ValueError):
    """The table given to :func:`rescreen` is not the table that was indexed."""


@dataclass
class TableIndex:
    """The names of one table (one per row, ``None`` where a row has no string name),
    indexed for :func:`rescreen`."""

    names: list[str | None]
    index: NameIndex
    column: str = "name"

    @classmethod
    def build(cls, data: object, *, column: str = "name",
              batch_size: int = DEFAULT_BATCH_SIZE,
              progress: Callable[[int], object] | None = None,
              encoding: str = "utf-8") -> TableIndex:
        """Read ``data`` (anything :func:`screen.batch.match_table` reads) and index
        its ``column``. Costs about what preparing every name costs (a full screen
        does the same), once. ``encoding``: that of a CSV file, as for match_table."""
        roles = {"column": column, "birth_date_column": None, "country_column": None}
        names: list[str | None] = []
        for chunk, _, _ in _open(data, roles, batch_size, encoding).chunks:
            # (as match_table writes them: see batch._mended)
            names.extend(_mended(v)[0] if isinstance(v, str) else None for v in chunk)
        index = NameIndex.build([v or "" for v in names], progress=progress)
        return cls(names, index, column)

    def __len__(self) -> int:
        return len(self.names)

    # -- persistence ---------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> Path:
        """Write the index to the directory ``path`` (created; files replaced)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        # the description goes first and comes back last: a save cut short leaves a
        # folder load() refuses, never names of one table beside the index of another
        (folder / _META).unlink(missing_ok=True)
        tmp = folder / (_NAMES + ".tmp")
        pq.write_table(pa.table({"name": pa.array(self.names, pa.string())}), tmp)
        tmp.replace(folder / _NAMES)
        self.index.save(folder / _INDEX)
        # (and what the index was built of: an index file of another table with as many
        # rows, restored from a backup or saved there at the same time, is rebuilt)
        meta = {"rows": len(self.names), "column": self.column, "code": code_fingerprint(),
                "names_sha256": _names_digest(self.names),
                "index_sha256": _file_digest(folder / _INDEX)}
        tmp = folder / (_META + ".tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        tmp.replace(folder / _META)
        return folder

    @classmethod
    def load(cls, path: str | os.PathLike) -> TableIndex:
        """Read an index :meth:`save` wrote; one written by another version of screen
        is rebuilt from its names (and saved again when the folder is writable)."""
        folder = Path(path)
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
            names = pq.read_table(folder / _NAMES).column("name").to_pylist()
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            raise ScreenError(f"{folder}: not a table index ({exc})") from None
        if len(names) != meta.get("rows"):
            raise ScreenError(f"{folder}: the table index is incomplete "
                              f"({len(names)} names, {meta.get('rows')} expected)")
        column = str(meta.get("column", "name"))
        index = NameIndex.load(folder / _INDEX) \
            if meta.get("code") == code_fingerprint() \
            and meta.get("names_sha256") == _names_digest(names) \
            and meta.get("index_sha256") == _file_digest(folder / _INDEX) else None
        if index is None or len(index.weights) != len(names):
            got = cls(names, NameIndex.build([v or "" for v in names]), column)
            try:
                got.save(folder)
            except OSError:
                pass  # a read-only folder: keep the rebuilt index in memory
            return got
        return cls(names, index, column)

    # -- lookup --------------------------------------------------------------------
    def rows_near(self, names: Collection[str], min_score: float) -> np.ndarray:
        """The rows (sorted) whose name's score with one of ``names`` may reach
        ``min_score``: a superset of those that reach it."""
        found = [self.index.candidates(p, min_score)
                 for p in map(prepare, names) if not p.empty]
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found)).astype(np.int64)


def rescreen(
    data: object,
    index: TableIndex,
    changed_since: object,
    *,
    column: str | None = None,
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    weak_aliases: bool = True,
    birth_date_column: str | None = None,
    country_column: str | None = None,
    screener: Screener | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    encoding: str = "utf-8",
) -> pa.Table:
    """``match_table(data, changed_since=changed_since, ...)``, screening only the rows
    of ``data`` that ``index`` (a :class:`TableIndex` of ``data``) finds for the
    changed parties' names. ``column`` defaults to the indexed column. Raises
    :class:`TableChangedError` when ``data``'s names are not those indexed."""
    column = index.column if column is None else column
    run = _Run.start(data, column=column, threshold=threshold, limit=limit,
                     sources=sources, kind=kind, weak_aliases=weak_aliases,
                     birth_date_column=birth_date_column,
                     country_column=country_column, workers=1, screener=screener,
                     batch_size=batch_size, changed_since=changed_since, encoding=encoding)
    restricted = run.screener
    t = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    near = set(index.rows_near(restricted._name_text, t - MAX_BONUS).tolist())
    # names with no word left after normalization ("!!!"): match_table reports them
    near.update(np.nonzero(index.index.ntok == 0)[0].tolist())
    rows: list[int] = []
    names: list = []
    births: list = []
    countries: list = []
    offset = 0
    for chunk, b_chunk, c_chunk in run.source.chunks:
        for i, v in enumerate(chunk):
            r = offset + i
            text, not_text = _mended(v) if isinstance(v, str) else (None, None)
            if r >= len(index.names) or index.names[r] != text:
                raise TableChangedError(
                    f"row {r} of the table is not the row indexed (name {v!r}): "
                    "index the table again (TableIndex.build)")
            b = None if b_chunk is None else b_chunk[i]
            c = None if c_chunk is None else c_chunk[i]
            # (match_table reports the rows it cannot screen, those whose birth date
            # or country it refuses and those whose name is not valid text, whatever
            # their matches)
            if r in near or _name_status(v) is not None or not_text or _refused(b, c):
                rows.append(r)
                names.append(v)
                births.append(b)
                countries.append(c)
        offset += len(chunk)
    if offset != len(index.names):
        raise TableChangedError(f"the table has {offset} rows, the index {len(index.names)}: "
                                "index the table again (TableIndex.build)")
    sub = {"name": names, "birth": births, "country": countries}
    got = match_table(sub, column="name", screener=restricted, workers=1,
                      birth_date_column="birth" if birth_date_column else None,
                      country_column="country" if country_column else None,
                      **run.opts)
    where = np.asarray(rows, dtype=np.int64)
    input_row = pa.array(where[got.column("input_row").to_numpy()] if len(where)
                         else np.zeros(0, dtype=np.int64), pa.int64())
    return got.set_column(0, OUTPUT_SCHEMA.field("input_row"), input_row)


ENDED_REASONS = ("party removed", "no longer matches")
_KEYS = ("input_row", "status", "source", "list", "entity_id")


def ended(previous: object, rescreened: object, changes: Diff) -> pa.Table:
    """The matches of an earlier screen of a table that a list update ended: what a
    re-screen against the changed parties cannot show, since it reports matches found,
    not matches gone.

    ``previous`` is the earlier screen's output (:func:`~screen.batch.match_table` or
    ``screen batch``) against the lists ``changes`` starts at; ``rescreened`` the
    re-screen's, against the parties added or changed since
    (``match_table(..., changed_since=changes)`` or :func:`rescreen`), of the same
    table, row for row. Either may be a table (anything :func:`pyarrow.table`
    accepts) or the Parquet or CSV file ``screen batch`` wrote.

    A match of ``previous`` ended when its party was removed (``"party removed"``),
    or changed and ``rescreened`` holds no match of that party for that row (``"no
    longer matches"``; a Canadian party renumbered is looked for under its new id).
    A match of a party that did not change stands: such a party gives the same
    matches. Returns those rows of ``previous`` with a column ``ended`` saying which.
    Screen both times with ``limit=None``: with a limit, a party another one pushed
    out of a row's first ``limit`` reads as ended."""
    old = _read_hits(previous, "previous")
    new = _read_hits(rescreened, "rescreened")
    removed = {c.key for c in changes.removed}
    moved = {c.key: c.key for c in changes.changed}
    for c in changes.changed:  # a renumbered party: its old id -> its new one
        was_on = next((f.before[0] for f in c.fields if f.field == LIST_FIELD and f.before),
                      c.list)  # (and its old list, when that changed too)
        for f in c.fields:
            if f.field == ENTITY_ID and f.before:
                moved[(c.source, was_on, f.before[0])] = c.key
    still = {(r, (s, lst, e)) for r, st, s, lst, e in zip(*(
        new.column(k).to_pylist() for k in _KEYS)) if st == STATUS_MATCH}
    keep: list[int] = []
    why: list[str] = []
    for i, (r, st, s, lst, e) in enumerate(zip(*(old.column(k).to_pylist() for k in _KEYS))):
        if st != STATUS_MATCH:
            continue
        key = (s, lst, e)
        if key in removed:
            keep.append(i)
            why.append(ENDED_REASONS[0])
        elif key in moved and (r, moved[key]) not in still:
            keep.append(i)
            why.append(ENDED_REASONS[1])
    out = old.take(pa.array(keep, pa.int64()))
    return out.append_column(pa.field("ended", pa.string(), nullable=False),
                             pa.array(why, pa.string()))


def _read_hits(hits: object, what: str) -> pa.Table:
    """A screen's output: a table, or the file ``screen batch`` wrote (its ids read as
    text, as written)."""
    if isinstance(hits, (str, os.PathLike)):
        path = Path(hits)
        suffix = path.suffix.lower()
        if suffix in PARQUET_SUFFIXES:
            table = pq.read_table(path)
        elif suffix in CSV_SUFFIXES:
            import pyarrow.csv as pacsv

            # as screen batch writes it: tab-separated .tsv, comma-separated else; every
            # text column text, "NA" and "null" too (a name may be either)
            types = {f.name: f.type if f.name in ("input_row", "score") else pa.string()
                     for f in OUTPUT_SCHEMA}
            table = pacsv.read_csv(
                path, parse_options=pacsv.ParseOptions(delimiter="\t" if suffix == ".tsv"
                                                       else ","),
                convert_options=pacsv.ConvertOptions(column_types=types,
                                                     strings_can_be_null=False))
        else:
            raise ValueError(f"{what}: {path}: a screen's output is a "
                             f"{', '.join(PARQUET_SUFFIXES + CSV_SUFFIXES)} file (got "
                             f"{suffix or 'no suffix'!r})")
    else:
        table = hits if isinstance(hits, pa.Table) else pa.table(hits)
    missing = [k for k in _KEYS if k not in table.column_names]
    if missing:
        raise ValueError(f"{what} is not a screen's output: it lacks the column(s) "
                         f"{', '.join(missing)} (it has {', '.join(table.column_names)})")
    return table


def _refused(birth: object, country: object) -> bool:
    """Whether the matcher refuses this row's birth date or country (``match_table``
    reports such a row whatever its name, see batch._facts)."""
    return _facts(_secondary(birth), _secondary(country))[2] is not None


__all__ = ["ENDED_REASONS", "TableChangedError", "TableIndex", "ended", "rescreen"]
