"""screen.diff: what changed between two snapshots of the lists, party by party.

A party is keyed by ``(source, list, entity_id)``: the id the authority publishes,
within one publication. A party whose key is only in the new snapshot is *added*,
only in the old one *removed*; one in both is *changed* when any of these differ:

- its names (every published name, compared as a set of texts but for spacing and
  the form of apostrophes: a name that became an alias, or the reverse, is no change; one that became a weak alias, or stopped being
  one, is a change of ``weak_names``: ``weak_aliases=False`` matches through it in
  one snapshot only),
- ``entity_type``, the primary ``name``,
- ``programs``, ``birth_dates``, ``birth_places``, ``nationalities``, ``countries``
  (each compared as a set: authorities reorder lists between editions).

These are what the matcher reads (:mod:`screen.match`) plus the programmes it
reports, so a party that is not *changed* gives the same matches in both snapshots,
at the same scores (a name's text may differ in its spacing or apostrophes). Remarks, identity documents, gender and listing dates are not compared:
they do not change who matches, and remarks are rewritten often enough to drown the
real changes.

A party moved from one list to another (OFAC SDN to non-SDN) is removed from one and
added to the other. A Canadian party (whose id the reader makes of regime, schedule and
item, which editions write otherwise) found under a new id only, with the same kind and
primary name as one found under an old id only, is that party *changed*, its
``entity_id`` among the fields that differ. A source present in one snapshot only
contributes all its parties as added (or removed): that is what re-screening needs
(:func:`screen.batch.match_table` with ``changed_since``), and ``sources=`` narrows a
diff to the sources wanted. A side that names one source (``uk@current``, a ``(source,
version)`` pair) narrows it to that source: ``diff(<snapshot id>, "uk@current")``
compares the UK since the snapshot a match recorded, not the other sources that id
stands for.

Snapshots to compare (:func:`resolve`): a :class:`~screen.store.Snapshot`; a
``(source, version)`` pair of a data home; the text ``SOURCE@VERSION`` where VERSION
is a version name, a unique prefix of one, ``current`` or ``previous``; a snapshot id
(what every match records) whose versions the data home still keeps; a data home
(a folder with ``<source>/CURRENT``); or a folder of list files (or one list file),
which is imported into a temporary data home so that it goes through the same parsers
and checks as ``screen update --from``. Two versions read by different readers of the
list files (another release of ``screen``: see
:func:`~screen.store.readers_fingerprint`) may differ where the list did not: the diff
then says so in ``Diff.notes`` (and ``screen diff`` prints them), and diffing the two
versions' ``raw/`` folders compares like with like.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from . import store
from .errors import ScreenError, SnapshotError
from .outputs import CSV_SUFFIXES, PARQUET_SUFFIXES, check_writable, temporary_beside
from .sources.schema import checked_sources
from .sources.uk_conlist import LIST as OFSI_LIST
from .store import Snapshot

CHANGES = ("added", "removed", "changed")
LIST_FIELDS = ("programs", "birth_dates", "birth_places", "nationalities", "countries")
TEXT_FIELDS = ("entity_type", "name")
COMPARED = (*TEXT_FIELDS, *LIST_FIELDS)
WEAK_NAMES = "weak_names"  # a changed party's names marked weak aliases, before and after

Key = tuple[str, str, str]  # (source, list, entity_id)


class DiffInputError(ScreenError, ValueError):
    """A snapshot to compare cannot be found or read."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a party that differs: for list fields, what left and what came."""

    field: str
    before: tuple[str, ...]  # a text field gives a one-element tuple (or none)
    after: tuple[str, ...]

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(v for v in self.before if v not in self.after)

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(v for v in self.after if v not in self.before)

    def describe(self) -> str:
        if self.field in TEXT_FIELDS or self.field == ENTITY_ID:
            return f"{self.field} {_show(self.before)} -> {_show(self.after)}"
        if self.field == WEAK_NAMES:  # ("+X" beside "names +X" would read as a new name)
            parts = [f"now weak: {', '.join(map(repr, self.added))}" if self.added else "",
                     f"no longer weak: {', '.join(map(repr, self.removed))}"
                     if self.removed else ""]
            return "names " + "; ".join(p for p in parts if p)
        parts = [f"-{v}" for v in self.removed] + [f"+{v}" for v in self.added]
        return f"{self.field} " + " ".join(parts)


def _show(values: tuple[str, ...]) -> str:
    return repr(values[0]) if values else "(none)"


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyChange:
    """One party added, removed or changed between two snapshots."""

    change: str  # "added" | "removed" | "changed"
    source: str
    list: str
    entity_id: str
    entity_type: str  # in the new snapshot (the old one for a removed party)
    name: str  # primary name, likewise
    names_added: tuple[str, ...] = ()  # an added party: all its names
    names_removed: tuple[str, ...] = ()  # a removed party: all its names
    fields: tuple[FieldChange, ...] = ()  # a changed party: what else changed

    @property
    def key(self) -> Key:
        return (self.source, self.list, self.entity_id)

    @property
    def changed_fields(self) -> tuple[str, ...]:
        names = ("names",) if self.change == "changed" and (
            self.names_added or self.names_removed) else ()
        return names + tuple(f.field for f in self.fields)

    def describe(self) -> str:
        """What changed, in one line (empty for an added or removed party)."""
        if self.change != "changed":
            return ""
        parts = []
        if self.names_added or self.names_removed:
            parts.append("names " + " ".join(
                [f"-{n!r}" for n in self.names_removed] + [f"+{n!r}" for n in self.names_added]))
        parts.extend(f.describe() for f in self.fields)
        return "; ".join(parts)

    def to_dict(self) -> dict:
        """The change as plain data (what ``screen diff --json`` prints): the columns of
        :data:`DIFF_SCHEMA` with lists for the names, plus ``fields``, each field that
        differs with its values ``before`` and ``after``."""
        return {
            "change": self.change, "source": self.source, "list": self.list,
            "entity_id": self.entity_id, "entity_type": self.entity_type,
            "name": self.name, "names_added": list(self.names_added),
            "names_removed": list(self.names_removed),
            "changed_fields": list(self.changed_fields),
            "fields": [{"field": f.field, "before": list(f.before), "after": list(f.after)}
                       for f in self.fields],
            "details": self.describe() or None,
        }


DIFF_SCHEMA = pa.schema([
    pa.field("change", pa.string(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("list", pa.string(), nullable=False),
    pa.field("entity_id", pa.string(), nullable=False),
    pa.field("entity_type", pa.string(), nullable=False),
    pa.field("name", pa.string(), nullable=False),
    pa.field("names_added", pa.list_(pa.string())),
    pa.field("names_removed", pa.list_(pa.string())),
    pa.field("changed_fields", pa.list_(pa.string())),
    pa.field("details", pa.string()),
])


@dataclass(frozen=True, kw_only=True)
class Diff:
    """The parties added, removed and changed from ``old`` to ``new`` (snapshot ids),
    each group sorted by key."""

    old: str
    new: str
    added: tuple[PartyChange, ...]
    removed: tuple[PartyChange, ...]
    changed: tuple[PartyChange, ...]
    parties: dict[str, tuple[int, int]] = field(default_factory=dict)  # source -> (old, new)
    # what a reader should know before trusting the changes: the sources whose two
    # versions were read by different list readers (see store.readers_fingerprint)
    notes: tuple[str, ...] = ()
    # per source compared: the SHA-256 of the new snapshot's raw files, sorted, by
    # which a re-screen checks that it screens the lists this diff ends at
    new_files: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[PartyChange]:
        yield from self.added
        yield from self.removed
        yield from self.changed

    def __len__(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)

    def keys(self, changes: Collection[str] = ("added", "changed")) -> set[Key]:
        """The keys of the parties with one of these kinds of change: by default those
        a table must be screened against again."""
        bad = set(changes) - set(CHANGES)
        if bad:
            raise ValueError(f"'changes' must be among {CHANGES} (got {sorted(bad)})")
        return {c.key for c in self if c.change in changes}

    def counts(self) -> dict[str, dict[str, int]]:
        """Per source: added, removed, changed."""
        out: dict[str, dict[str, int]] = {
            s: dict.fromkeys(CHANGES, 0) for s in self.parties}
        for c in self:
            out.setdefault(c.source, dict.fromkeys(CHANGES, 0))[c.change] += 1
        return out

    def summary(self) -> str:
        """One line per source: ``uk: 1,002 added, 307 removed, 2,190 changed (3,993 ->
        4,688 parties)``."""
        lines = []
        for source, n in self.counts().items():
            before, after = self.parties.get(source, (0, 0))
            lines.append(
                f"{source}: {n['added']:,} added, {n['removed']:,} removed, "
                f"{n['changed']:,} changed ({before:,} -> {after:,} parties)")
        return "\n".join(lines)

    def to_table(self) -> pa.Table:
        """One row per party change, in the order of iteration, with :data:`DIFF_SCHEMA`
        (and the two snapshot ids in the schema metadata)."""
        rows = list(self)
        table = pa.table({
            "change": [c.change for c in rows],
            "source": [c.source for c in rows],
            "list": [c.list for c in rows],
            "entity_id": [c.entity_id for c in rows],
            "entity_type": [c.entity_type for c in rows],
            "name": [c.name for c in rows],
            "names_added": [list(c.names_added) for c in rows],
            "names_removed": [list(c.names_removed) for c in rows],
            "changed_fields": [list(c.changed_fields) for c in rows],
            "details": [c.describe() or None for c in rows],
        }, schema=DIFF_SCHEMA)
        return table.replace_schema_metadata({"old_snapshot": self.old,
                                              "new_snapshot": self.new})


    def write(self, path: str | os.PathLike) -> int:
        """Write :meth:`to_table` to a ``.parquet``, ``.csv`` or ``.tsv`` file (list
        columns joined with ``"; "`` in CSV); returns the number of rows."""
        p = check_output(path)
        table = self.to_table()
        suffix = p.suffix.lower()
        tmp = temporary_beside(p, DiffInputError)  # (renamed to p once written)
        try:
            if suffix in PARQUET_SUFFIXES:
                import pyarrow.parquet as pq

                pq.write_table(table, tmp, compression="zstd")
            else:
                import pyarrow.compute as pc
                import pyarrow.csv as pacsv

                flat = pa.table({
                    n: pc.binary_join(table[n], "; ") if pa.types.is_list(table[n].type)
                    else table[n] for n in table.column_names})
                pacsv.write_csv(flat, tmp, write_options=pacsv.WriteOptions(
                    delimiter="\t" if suffix == ".tsv" else ","))
            os.replace(tmp, p)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return table.num_rows


def check_output(path: str | os.PathLike) -> Path:
    """``path`` as a file :meth:`Diff.write` can write (a ``.parquet``, ``.csv`` or
    ``.tsv`` file in a folder that exists and may be written), else
    :class:`DiffInputError`."""
    p = Path(path)
    if p.suffix.lower() not in PARQUET_SUFFIXES + CSV_SUFFIXES:
        raise DiffInputError(
            f"{p}: unknown output type {p.suffix!r} (expected .csv, .tsv or .parquet)")
    check_writable(p, DiffInputError)
    return p


# --------------------------------------------------------------------------- diff


def diff(old: object, new: object, *, sources: Collection[str] | None = None,
         home: str | os.PathLike | None = None) -> Diff:
    """Compare two snapshots (anything :func:`resolve` takes) party by party."""
    checked = checked_sources(sources)  # (first: a misspelt source would diff nothing)
    wanted = None if checked is None else set(checked)
    named = [n for n in (_named_source(old), _named_source(new)) if n is not None]
    if wanted is None and named:
        # one source named on a side ("4d5c6f586b0f9cab uk@current": the UK since the
        # snapshot a match recorded): that source is compared, not the other sources of
        # the other side, which would read as removed (and close their alerts in ended())
        wanted = set.intersection(*named)
        if not wanted:
            raise DiffInputError(
                f"{old} and {new} are versions of other sources: compare one source's "
                "versions, or pass sources=")
    a = resolve(old, home=home)
    b = resolve(new, home=home)
    if wanted is not None and wanted.isdisjoint((*a.sources, *b.sources)):
        # (an empty diff would read as "nothing changed")
        held = sorted(set(a.sources) | set(b.sources))
        raise DiffInputError(
            f"neither snapshot holds {' or '.join(sorted(wanted))} lists (they hold "
            f"{', '.join(held) or 'none'})")
    ea, na, wa = _parties(a, wanted)
    eb, nb, wb = _parties(b, wanted)
    added, removed, changed = [], [], []
    moved = _renumbered(ea, eb, na, nb)  # new key -> old key
    was = set(moved.values())
    for key in sorted(eb.keys() - ea.keys() - moved.keys()):
        e = eb[key]
        added.append(PartyChange(change="added", source=key[0], list=key[1], entity_id=key[2],
                                 entity_type=e["entity_type"], name=e["name"],
                                 names_added=_sorted(nb.get((key[0], key[2]), ()))))
    for key in sorted(ea.keys() - eb.keys() - was):
        e = ea[key]
        removed.append(PartyChange(change="removed", source=key[0], list=key[1],
                                   entity_id=key[2], entity_type=e["entity_type"],
                                   name=e["name"],
                                   names_removed=_sorted(na.get((key[0], key[2]), ()))))
    for key, old_key in sorted([(k, k) for k in ea.keys() & eb.keys()] + list(moved.items())):
        x, y = ea[old_key], eb[key]
        fields = tuple(
            FieldChange(f, _tuple(x[f]), _tuple(y[f])) for f in COMPARED
            if (_spelling(x[f] or "") != _spelling(y[f] or "") if f == "name"
                else _canon(x[f]) != _canon(y[f])))
        if old_key != key:
            # (and its list, when that changed too: the UK's ConList to its new list)
            fields = (FieldChange(ENTITY_ID, (old_key[2],), (key[2],)),
                      *([FieldChange(LIST_FIELD, (old_key[1],), (key[1],))]
                        if old_key[1] != key[1] else []), *fields)
        # names compared as written but for spacing and the form of apostrophes,
        # which no match reads ("Галина Евгеньевна \xa0ПУМПЯНСКАЯ", a curly ’ made straight)
        names_x = _by_spelling(na.get((old_key[0], old_key[2]), ()))
        names_y = _by_spelling(nb.get((key[0], key[2]), ()))
        # a name in both that became a weak alias, or stopped being one: matched
        # with weak_aliases=False in one snapshot only
        both = names_x.keys() & names_y.keys()
        weak_x = {_spelling(n) for n in wa.get((old_key[0], old_key[2]), ())} & both
        weak_y = {_spelling(n) for n in wb.get((key[0], key[2]), ())} & both
        if weak_x != weak_y:
            fields += (FieldChange(WEAK_NAMES, _sorted(names_x[n] for n in weak_x),
                                   _sorted(names_y[n] for n in weak_y)),)
        if fields or names_x.keys() != names_y.keys():
            changed.append(PartyChange(
                change="changed", source=key[0], list=key[1], entity_id=key[2],
                entity_type=y["entity_type"], name=y["name"],
                names_added=_sorted(names_y[n] for n in names_y.keys() - names_x.keys()),
                names_removed=_sorted(names_x[n] for n in names_x.keys() - names_y.keys()),
                fields=fields))
    per_source: dict[str, list[int]] = {}
    for i, parties in enumerate((ea, eb)):
        for key in parties:
            per_source.setdefault(key[0], [0, 0])[i] += 1
    order = [s for s in (*a.sources, *b.sources) if s in per_source]
    return Diff(old=a.id, new=b.id, added=tuple(added), removed=tuple(removed),
                changed=tuple(changed),
                parties={s: (per_source[s][0], per_source[s][1]) for s in dict.fromkeys(order)},
                notes=_reader_notes(a, b, wanted),
                new_files={s: file_hashes(b, s) for s in b.sources
                           if wanted is None or s in wanted})


# Sources whose ids are made by the reader, not published: Canada's
# "<regime>/<schedule>/<item>", which an edition rewrites when the list renames a
# regime or writes its schedules otherwise ("Burma/1/1" -> "Myanmar (Burma)/P1/1":
# 993 of the 1,112 parties the 2020 edition lists and the 2025 one does not under
# their ids are listed there under another)
RENUMBERED_SOURCES = frozenset({"canada"})
ENTITY_ID = "entity_id"
LIST_FIELD = "list"  # a renumbered party's list, when that changed too (see _renumbered)


def _renumbered(ea: dict[Key, dict], eb: dict[Key, dict],
                na: dict[tuple[str, str], frozenset[str]],
                nb: dict[tuple[str, str], frozenset[str]]) -> dict[Key, Key]:
    """The parties of a source in RENUMBERED_SOURCES that are only under a new key in
    the new snapshot and only under an old one in the old, with the same kind and
    primary name (spaces and case aside), the one such party on each side: read as one
    party whose id changed (new key -> old key), not one removed and one added."""
    def by_name(parties: dict[Key, dict], keys) -> dict[tuple, list[Key]]:
        out: dict[tuple, list[Key]] = {}
        for k in keys:
            if k[0] in RENUMBERED_SOURCES:
                e = parties[k]
                name = " ".join(str(e["name"] or "").lower().split())
                out.setdefault((k[0], k[1], e["entity_type"], name), []).append(k)
        return out

    gone = by_name(ea, ea.keys() - eb.keys())
    new = by_name(eb, eb.keys() - ea.keys())
    moved = {ks[0]: gone[n][0] for n, ks in new.items()
             if len(ks) == 1 and len(gone.get(n, ())) == 1 and n[3]}
    # the UK list's two formats: a party of the UK Sanctions List (FCDO) that gives its
    # OFSI Group ID is that party of OFSI's ConList, under its new UniqueID (read
    # apart, every party seemed removed and added again, and ended() closed every
    # alert as "party removed"), when the two are of one kind and share a name (a
    # Group ID given wrong would make one party of two)
    taken = set(moved.values())
    for key in sorted(eb.keys() - ea.keys()):
        group = _OFSI_GROUP.search(eb[key].get("remarks") or "") if key[0] == "uk" else None
        old = ("uk", OFSI_LIST, group.group(1)) if group else None
        if old is not None and old in ea and old not in eb and old not in taken \
                and ea[old]["entity_type"] == eb[key]["entity_type"] \
                and not _spellings(na, old).isdisjoint(_spellings(nb, key)):
            moved[key] = old
            taken.add(old)
    return moved


def _spellings(names: dict[tuple[str, str], frozenset[str]], key: Key) -> set[str]:
    """A party's names, case and spacing aside."""
    return {" ".join(n.casefold().split()) for n in names.get((key[0], key[2]), ())}


_OFSI_GROUP = re.compile(r"\bOFSI Group ID: (\d+)\b")


def file_hashes(snap: Snapshot, source: str) -> tuple[str, ...]:
    """The SHA-256 of a source's raw files in a snapshot, sorted (() when its manifest
    names none)."""
    m = (getattr(snap, "manifest", None) or {}).get(source) or {}
    return tuple(sorted(f.get("sha256", "") for f in m.get("files", [])))


def _reader_notes(a: Snapshot, b: Snapshot, wanted: set[str] | None) -> tuple[str, ...]:
    """A note for each source whose two versions were read by different readers of its
    list files (another release of screen, or one whose manifest does not say)."""
    notes = []
    for source in a.manifest.keys() & b.manifest.keys():
        if wanted is not None and source not in wanted:
            continue
        ra = a.manifest[source].get("library", {}).get("readers")
        rb = b.manifest[source].get("library", {}).get("readers")
        if ra is None or ra != rb:
            how = ("one or both versions do not record which readers of its list files "
                   "read them" if ra is None or rb is None else
                   f"the two versions were read by different readers of its list files "
                   f"({ra} -> {rb})")
            notes.append(
                f"{source}: {how}: some changes may come from how the files were read, not "
                f"from the list; to compare like with like, diff the two versions' raw/ "
                f"folders, which are then read again by the same readers")
    return tuple(sorted(notes))


def _parties(snap: Snapshot, wanted: set[str] | None
             ) -> tuple[dict[Key, dict], dict[tuple[str, str], frozenset[str]],
                        dict[tuple[str, str], frozenset[str]]]:
    """The parties' compared fields by key, their names' texts, and the texts of their
    weak aliases (a text every row of which the list marks weak: one strong row of it
    is enough for ``weak_aliases=False`` to match through it)."""
    ents = snap.entities
    names = snap.names
    cols = {c: ents.column(c).to_pylist()
            for c in ("source", "list", "entity_id", "remarks", *COMPARED)}
    parties: dict[Key, dict] = {}
    for i, key in enumerate(zip(cols["source"], cols["list"], cols["entity_id"])):
        if wanted is not None and key[0] not in wanted:
            continue
        parties[key] = {c: cols[c][i] for c in COMPARED}
        if key[0] == "uk":  # (the OFSI Group ID a UK party may give: see _renumbered)
            parties[key]["remarks"] = cols["remarks"][i]
    texts: dict[tuple[str, str], set[str]] = {}
    strong: dict[tuple[str, str], set[str]] = {}
    for s, e, n, st in zip(names.column("source").to_pylist(),
                           names.column("entity_id").to_pylist(),
                           names.column("name").to_pylist(), names.column("strong").to_pylist()):
        if wanted is None or s in wanted:
            texts.setdefault((s, e), set()).add(n)
            if st:
                strong.setdefault((s, e), set()).add(n)
    weak = {k: frozenset(v - strong.get(k, set())) for k, v in texts.items()}
    return parties, {k: frozenset(v) for k, v in texts.items()}, weak


_APOSTROPHE_FORMS = str.maketrans("\u2019\u2018\u02bc\u02bb`\u00b4", "'" * 6)


def _spelling(name: str) -> str:
    """A published name but for its spacing and the form of its apostrophes."""
    return " ".join(name.translate(_APOSTROPHE_FORMS).split())


def _by_spelling(names) -> dict[str, str]:
    """Names by :func:`_spelling` (the first of those spelt alike, in sorted order)."""
    out: dict[str, str] = {}
    for n in sorted(names):
        out.setdefault(_spelling(n), n)
    return out


def _canon(value: object) -> object:
    if isinstance(value, list):
        return frozenset(value)
    return value


def _tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(dict.fromkeys(value))
    return (str(value),)


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))


# --------------------------------------------------------------------------- resolve

_SOURCE_AT = re.compile(r"^(?P<source>[a-z][a-z0-9_]*)@(?P<version>[^/\\]+)$")


def _named_source(spec: object) -> set[str] | None:
    """The source a snapshot to compare names alone (a ``(source, version)`` pair, or
    ``SOURCE@VERSION`` where no such file or folder is), else None."""
    if isinstance(spec, tuple) and len(spec) == 2 and all(isinstance(x, str) for x in spec):
        return {spec[0]}
    if isinstance(spec, (str, os.PathLike)) and not Path(spec).expanduser().exists():
        m = _SOURCE_AT.match(str(spec))
        if m:
            return {m.group("source")}
    return None


def resolve(spec: object, *, home: str | os.PathLike | None = None) -> Snapshot:
    """A :class:`~screen.store.Snapshot` from any of the forms in the module docstring.

    ``home`` is the data home that ``(source, version)`` pairs and ``SOURCE@VERSION``
    refer to (default: :func:`screen.store.data_home`)."""
    if isinstance(spec, Snapshot):
        return spec
    if isinstance(spec, tuple) and len(spec) == 2 and all(isinstance(x, str) for x in spec):
        return store.load_version(spec[0], _version(spec[0], spec[1], home), home=home)
    if not isinstance(spec, (str, os.PathLike)):
        raise TypeError(
            "a snapshot to compare must be a Snapshot, a (source, version) pair, "
            f"'SOURCE@VERSION' or a folder (got {type(spec).__name__})")
    path = Path(spec).expanduser()
    if not path.exists():
        m = _SOURCE_AT.match(str(spec))
        if m:
            source = m.group("source")
            return store.load_version(source, _version(source, m.group("version"), home),
                                      home=home)
        if _SNAPSHOT_ID.fullmatch(str(spec)):
            # the snapshot a match recorded: the versions it stands for, if still kept
            try:
                versions = store.snapshot_versions(str(spec), home=home)
            except SnapshotError as exc:
                raise DiffInputError(str(exc)) from None
            return store.load(home, sources=list(versions), version=versions)
        raise DiffInputError(
            f"{spec}: no such folder or file, not of the form SOURCE@VERSION "
            "(e.g. uk@previous), and no snapshot id")
    if path.is_dir() and any(p.is_file() for p in path.glob("*/" + store.CURRENT)):
        return store.load(path)
    return _import_temporarily(path)


_SNAPSHOT_ID = re.compile(r"[0-9a-f]{16}")  # what Snapshot.id and every Match record


def _version(source: str, version: str, home: str | os.PathLike | None) -> str:
    """A version name from a name, a unique prefix, "current" or "previous"."""
    found = store.versions(source, home=home)
    where = home if home is not None else store.data_home()
    if not found:
        raise DiffInputError(f"{source}@{version}: no version of {source!r} in {where}")
    if version == "current":
        cur = store.current_version(source, home=home)
        if cur is None:
            raise DiffInputError(f"{source}@current: {source!r} has no current version")
        return cur
    if version == "previous":
        cur = store.current_version(source, home=home)
        older = [v for v in found if cur is None or v < cur]
        if not older:
            raise DiffInputError(
                f"{source}@previous: {source!r} has no version older than the current one "
                f"({cur}) in {where}")
        return older[-1]
    hits = [v for v in found if v.startswith(version)]
    if len(hits) == 1:
        return hits[0]
    what = "matches no" if not hits else "matches more than one"
    raise DiffInputError(
        f"{source}@{version}: {what} version of {source!r} in {where} "
        f"(versions: {', '.join(found)})")


def _import_temporarily(path: Path) -> Snapshot:
    """A folder of list files (or one file), imported into a throw-away data home that
    lives until the process exits (its tables are memory-mapped, and a screener may
    keep its index there)."""
    tmp = Path(tempfile.mkdtemp(prefix="screen-diff-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    folder = path
    if path.is_file():
        folder = tmp / "files"
        folder.mkdir()
        (folder / path.name).symlink_to(path.resolve())
    report = store.import_dir(folder, home=tmp / "home")
    if not report.ok:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in report.failed)
        raise SnapshotError(f"{path}: could not be read as list files ({reasons})")
    return store.load(tmp / "home")


__all__ = ["DIFF_SCHEMA", "Diff", "DiffInputError", "FieldChange", "PartyChange", "diff",
           "resolve"]
