"""Snapshots on disk: import, download, validate, promote atomically, load.

Data home
    ``$SCREEN_HOME`` when set; else, when running from a source checkout (a
    ``pyproject.toml`` naming project "screen" two levels above this package, with a
    ``lists/`` folder beside it), that ``lists/`` folder; else ``$XDG_DATA_HOME/screen``
    or ``~/.local/share/screen``. :func:`data_home` tells which.

Layout, one folder per source, one immutable folder per version::

    HOME/<source>/CURRENT                 the current version's name, replaced atomically
    HOME/<source>/<version>/manifest.json what was imported, from where, when, counts
    HOME/<source>/<version>/entities.parquet
    HOME/<source>/<version>/names.parquet
    HOME/<source>/<version>/raw/...       the files exactly as imported or downloaded

A version is ``<UTC time, ms>Z-<8 hex of the raw files' hashes>``; names sort by time. A
new version is built in ``HOME/<source>/.incoming-*``, parsed from the raw copies
there (so the parquet is exactly what the raw files say), validated, renamed into
place, and only then named in ``CURRENT`` (temp file + ``os.replace``). A reader
therefore sees the old version or the new one, never a mix. Older versions are kept
(the last :data:`KEEP` by default) for audits and ``screen diff``.

Validation before promotion: the tables have the common schema; the source is not
empty; ``entity_id`` is unique within each list (a party on two lists of one
authority, as OFAC does for some SDN and non-SDN entries, is kept and noted); every
name belongs to a listed entity; a
version with under half the entities of the current one is refused unless
``force=True`` (authorities publish broken files more often than they delist half a
list). Files identical to the current version's (same hashes, same library version,
read by the same readers: see :func:`readers_fingerprint`) make no new version: the
source is reported ``unchanged``, unless the current version is damaged (its folder,
manifest or tables missing or unreadable): the files are then imported as a new
version, with a note saying so, which repairs the source.

Sources are independent: one source failing (a file that is not recognised, does not
parse, fails validation or cannot be downloaded) leaves that source's ``CURRENT``
untouched while the others update; the :class:`UpdateReport` says which failed and
why, and is not ``ok``. A bug (an exception that is not a
:class:`~screen.errors.ScreenError`) is re-raised once every other source is done.

Only one process writes a source at a time (``HOME/<source>/.lock``, ``flock``).
Folders and files get the modes the umask gives (no private temp-file modes), so a
home filled by a service account can be read by others when its umask allows.
"""

from __future__ import annotations

import builtins
import errno
import functools
import hashlib
import itertools
import json
import os
import platform
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from . import sources as formats_registry
from .errors import NoSnapshotError, ScreenError, SnapshotError
from .sources.base import ParsedList
from .sources.schema import ENTITY_SCHEMA, NAME_SCHEMA, SOURCES, checked_sources

KEEP = 5  # versions kept per source
SHRINK_LIMIT = 0.5  # a new version under this share of the current one's entities is refused
MANIFEST = "manifest.json"
CURRENT = "CURRENT"


@functools.cache
def readers_fingerprint() -> str:
    """A hash of the code that reads list files into tables (the modules of
    ``screen.sources``), kept in each version's manifest: ``update`` reads files it has
    read before again when the readers changed (a newer ``screen`` may split a list's
    names otherwise), and ``screen.diff`` says when two snapshots were read by
    different readers, whose changes may then come from the reading."""
    h = hashlib.sha256()
    for path in sorted((Path(__file__).parent / "sources").glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


# --------------------------------------------------------------------------- home


def data_home() -> Path:
    """Where snapshots live (see the module docstring for the rule)."""
    env = os.environ.get("SCREEN_HOME")
    if env:
        return Path(env).expanduser()
    checkout = _checkout_lists_dir()
    if checkout is not None:
        return checkout
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "screen"


def _checkout_lists_dir(root: Path | None = None) -> Path | None:
    """``<root>/lists`` when ``root`` (default: two levels above this package) is a
    checkout of this project, else None."""
    if root is None:
        root = Path(__file__).resolve().parents[2]
    pyproject = root / "pyproject.toml"
    lists = root / "lists"
    if not (pyproject.is_file() and lists.is_dir()):
        return None
    try:
        import tomllib

        with open(pyproject, "rb") as fh:
            name = tomllib.load(fh).get("project", {}).get("name")
    except (OSError, ValueError):
        return None
    return lists if name == "screen" else None


def _home(home: str | os.PathLike | None) -> Path:
    h = Path(home).expanduser() if home is not None else data_home()
    if h.exists() and not h.is_dir():  # (else a NotADirectoryError deep in an update)
        raise SnapshotError(f"{h}: the data home is a file, not a folder")
    return h


def _make_home(h: Path) -> None:
    """Create the data home before any source is written: a home that cannot be made
    (a read-only parent, a file on its path) is one error, not one per source."""
    try:
        h.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(h) else ""
        if exc.errno == errno.ENOTDIR:  # name the file in the way
            found = next((p for p in h.parents if p.exists()), None)
            where = f" ({found} is a file)" if found and not found.is_dir() else where
        raise SnapshotError(
            f"{h}: cannot create the data home: {exc.strerror or exc}{where}"
        ) from None


# --------------------------------------------------------------------------- reports


@dataclass
class ListReport:
    """One publication inside a source's new version."""

    list: str
    format: str
    published: str | None
    entities: int
    names: int
    skipped: int
    # (builtins.list: in this class body `list` names the field above, for type checkers)
    notes: builtins.list[str] = field(default_factory=builtins.list)


@dataclass
class SourceReport:
    """What happened to one source in an update."""

    source: str
    ok: bool
    status: str  # "updated" | "unchanged" | "failed"
    reason: str | None = None  # why it failed
    version: str | None = None  # the version now current (new, or kept)
    previous: str | None = None  # the version that was current before
    entities: int = 0
    names: int = 0
    skipped: int = 0
    lists: list[ListReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # origins: paths or URLs


@dataclass
class UpdateReport:
    """Per-source results of :func:`import_dir` or :func:`update`."""

    home: Path
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.sources) and all(s.ok for s in self.sources)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]

    def __iter__(self) -> Iterator[SourceReport]:
        return iter(self.sources)

    def __getitem__(self, source: str) -> SourceReport:
        for s in self.sources:
            if s.source == source:
                return s
        raise KeyError(source)

    def summary(self) -> str:
        lines = []
        for s in self.sources:
            if s.ok:
                lines.append(
                    f"{s.source}: {s.status} {s.version} ({s.entities} entities, "
                    f"{s.names} names, {s.skipped} skipped)"
                )
            else:
                lines.append(f"{s.source}: failed: {s.reason}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- snapshot


@dataclass(frozen=True, eq=False)  # compare snapshots by .id, not table contents
class Snapshot:
    """The lists as loaded: one version per source, tables concatenated.

    ``id`` is a short hash of each source's version and raw file hashes: record it
    with a screening decision to know, later, exactly which lists it was made
    against (and :func:`load` with ``version=`` to replay it).
    """

    entities: pa.Table
    names: pa.Table
    manifest: dict[str, dict]  # source -> its version's manifest
    path: Path  # the data home

    @property
    def versions(self) -> dict[str, str]:
        return {s: m["version"] for s, m in self.manifest.items()}

    @property
    def id(self) -> str:
        return _snapshot_id(self.manifest)

    @property
    def sources(self) -> list[str]:
        return list(self.manifest)

    def __repr__(self) -> str:
        return (
            f"Snapshot(id={self.id!r}, versions={self.versions!r}, "
            f"entities={self.entities.num_rows}, names={self.names.num_rows})"
        )


def versions(source: str, *, home: str | os.PathLike | None = None) -> list[str]:
    """The versions of a source on disk, oldest first."""
    d = _home(home) / source
    if not d.is_dir():
        return []
    return sorted(
        p.name
        for p in d.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()
    )


def current_version(source: str, *, home: str | os.PathLike | None = None) -> str | None:
    """The version named in ``HOME/<source>/CURRENT``, or None."""
    try:
        text = (_home(home) / source / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):  # (the latter: a file named <source>)
        return None
    return text or None


def manifest(
    source: str, version: str | None = None, *, home: str | os.PathLike | None = None
) -> dict:
    """A version's manifest (the current one by default)."""
    h = _home(home)
    version = version or current_version(source, home=h)
    if version is None:
        raise NoSnapshotError(h / source)
    path = h / source / version / MANIFEST
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such snapshot version of {source!r}") from None
    except (OSError, ValueError) as exc:  # (JSONDecodeError and UnicodeDecodeError too)
        raise SnapshotError(f"{path}: damaged manifest ({exc})") from None
    if not isinstance(m, dict):
        raise SnapshotError(f"{path}: damaged manifest (not a JSON object)")
    return m


def _snapshot_id(manifests: Mapping[str, dict]) -> str:
    """See :attr:`Snapshot.id`."""
    h = hashlib.sha256()
    for source in sorted(manifests):
        m = manifests[source]
        h.update(f"{source}\0{m['version']}\0".encode())
        for f in sorted(m.get("files", []), key=lambda f: f["name"]):
            h.update(f"{f['name']}\0{f['sha256']}\0".encode())
    return h.hexdigest()[:16]


def snapshot_versions(snapshot_id: str, *, home: str | os.PathLike | None = None
                      ) -> dict[str, str]:
    """The ``{source: version}`` of the snapshot whose :attr:`Snapshot.id` is
    ``snapshot_id`` (what a :class:`~screen.Match` records), among the versions the
    data home keeps: ``load(version=...)`` of it replays a decision against the very
    lists it was made with. The id is a hash, so every combination of kept versions
    (and of sources: a screener may have loaded some only) is tried; with
    :data:`KEEP` versions a source, a few thousand hashes. A :class:`SnapshotError`
    when none has that id (its versions pruned, or another data home)."""
    if not isinstance(snapshot_id, str):
        raise TypeError(f"'snapshot_id' must be str (got {type(snapshot_id).__name__})")
    h = _home(home)
    kept: dict[str, list[dict]] = {}
    for source in _known_sources(h):
        found = []
        for v in versions(source, home=h):
            try:
                found.append(manifest(source, v, home=h))
            except SnapshotError:
                continue  # a damaged version: no snapshot of it can be loaded anyway
        if found:
            kept[source] = found
    names = list(kept)
    for size in range(len(names), 0, -1):
        for chosen in itertools.combinations(names, size):
            for ms in itertools.product(*(kept[s] for s in chosen)):
                manifests = dict(zip(chosen, ms))
                if _snapshot_id(manifests) == snapshot_id:
                    return {s: m["version"] for s, m in manifests.items()}
    raise SnapshotError(
        f"{h}: no snapshot with id {snapshot_id!r} among the versions kept there "
        f"({KEEP} a source: an older one may have been pruned)")


def current_manifests(home: str | os.PathLike | None = None, *,
                      damaged: list[SnapshotError] | None = None) -> dict[str, dict]:
    """The current manifest of every imported source, in :data:`SOURCES` order. A
    damaged one raises its :class:`SnapshotError`, or, given a ``damaged`` list, is
    left out and its error appended there (so that the others can still be shown)."""
    h = _home(home)
    out = {}
    for source in _known_sources(h):
        if current_version(source, home=h):
            try:
                out[source] = manifest(source, home=h)
            except SnapshotError as exc:
                if damaged is None:
                    raise
                damaged.append(exc)
    return out


def _known_sources(h: Path) -> list[str]:
    found = (
        [p.name for p in h.iterdir() if p.is_dir() and not p.name.startswith(".")]
        if h.is_dir()
        else []
    )
    return [s for s in SOURCES if s in found] + sorted(s for s in found if s not in SOURCES)


def load(
    home: str | os.PathLike | None = None,
    *,
    sources: Iterable[str] | None = None,
    version: str | Mapping[str, str] | None = None,
) -> Snapshot:
    """Load the current snapshot (every imported source, or ``sources``).

    ``version`` pins versions: a mapping ``{source: version}`` (e.g. a past
    :attr:`Snapshot.versions`), or one version string when one source is asked for.
    Raises :class:`NoSnapshotError` when nothing was imported, :class:`SnapshotError`
    when an asked-for source or version is missing or damaged.
    """
    h = _home(home)
    if isinstance(sources, str):  # one name alone is that source, not its letters
        sources = [sources]
    if isinstance(version, str):
        wanted = list(sources) if sources is not None else []
        if len(wanted) != 1:
            raise TypeError(
                "a single 'version' string needs exactly one source in 'sources' "
                f"(got {wanted!r}); pass a mapping {{source: version}} otherwise"
            )
        pins = {wanted[0]: version}
    else:
        pins = dict(version or {})
    if sources is None:
        chosen = []
        for s in sorted(set(_known_sources(h)) | set(pins), key=_source_order):
            if s in pins or current_version(s, home=h):
                chosen.append(s)
            elif on_disk := versions(s, home=h):
                # (left out, the source's parties would go unscreened without a word. A
                # first import interrupted before it made its version current reads so
                # too, and is said alike: the same 'screen update' mends both)
                raise SnapshotError(
                    f"{h / s}: damaged snapshot: {CURRENT} is missing or empty, with "
                    f"versions of {s!r} on disk ({', '.join(on_disk)}); run "
                    f"'screen update --source {s}', or screen the other sources alone "
                    "(--source, sources=)")
        if not chosen:
            raise NoSnapshotError(h)
    else:
        chosen = sorted(dict.fromkeys(sources), key=_source_order)
    parts = []
    for s in chosen:
        v = pins.get(s) or current_version(s, home=h)
        if v is None:
            raise SnapshotError(
                f"no snapshot of source {s!r} in {h}: run 'screen update --source {s}' first"
            )
        parts.append(_read_version(h, s, v))
    return Snapshot(
        entities=pa.concat_tables([p[0] for p in parts]),
        names=pa.concat_tables([p[1] for p in parts]),
        manifest={s: p[2] for s, p in zip(chosen, parts)},
        path=h,
    )


def load_for(
    sources: Iterable[str] | None, home: str | os.PathLike | None = None
) -> tuple[Snapshot, str | None]:
    """The snapshot to match against ``sources`` from: the whole current snapshot, whose
    saved index serves every choice of sources, or, when a source not asked for cannot
    be read (a damaged version), the asked-for sources alone (their own index is built
    once, some seconds). The second value is then that source's error, else None.
    ``sources=None`` is :func:`load`: every error raises."""
    try:
        return load(home), None
    except SnapshotError as exc:
        if sources is None:
            raise
        return load(home, sources=sources), str(exc)


def load_version(source: str, version: str, *, home: str | os.PathLike | None = None) -> Snapshot:
    """One source at one version (current or older)."""
    return load(home, sources=[source], version=version)


def _source_order(s: str) -> tuple[int, str]:
    return (SOURCES.index(s) if s in SOURCES else len(SOURCES), s)


def _read_parquet(path: Path) -> pa.Table:
    # each page's CRC checked where the file has them (see _write_version)
    with pq.ParquetFile(path, page_checksum_verification=True) as f:
        return f.read()


def _read_version(h: Path, source: str, version: str) -> tuple[pa.Table, pa.Table, dict]:
    d = h / source / version
    if not (d / MANIFEST).is_file():
        raise SnapshotError(
            f"{d}: no such snapshot version of {source!r} "
            f"(versions: {', '.join(versions(source, home=h)) or 'none'})"
        )
    try:
        m = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(m, dict):  # (a damaged manifest: reported as such below)
            raise ValueError(f"{MANIFEST} is not a JSON object")  # noqa: TRY004
        # ParquetFile, not pq.read_table: that goes through pyarrow.dataset, whose
        # import pulls in pandas when it is installed (half a second of start-up)
        entities = _read_parquet(d / "entities.parquet")
        names = _read_parquet(d / "names.parquet")
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise SnapshotError(f"{d}: damaged snapshot ({exc})") from None
    if (entities.num_rows, names.num_rows) != (m.get("entities"), m.get("names")):
        # (a table of another version copied in: the snapshot id would name other data)
        raise SnapshotError(
            f"{d}: damaged snapshot ({entities.num_rows:,} entities and {names.num_rows:,} "
            f"names where its manifest says {m.get('entities')} and {m.get('names')}); "
            f"run 'screen update --source {source}'")
    try:
        if not entities.schema.equals(ENTITY_SCHEMA, check_metadata=False):
            entities = entities.cast(ENTITY_SCHEMA)
        if not names.schema.equals(NAME_SCHEMA, check_metadata=False):
            names = names.cast(NAME_SCHEMA)
    except (ValueError, pa.ArrowException) as exc:
        raise SnapshotError(
            f"{d}: snapshot does not have the expected columns ({exc}); "
            "re-import it with this library version"
        ) from None
    return entities, names, m


# --------------------------------------------------------------------------- import


def _files_under(root: Path) -> Iterator[Path]:
    """The files under a folder, hidden ones (``.*``, and those in hidden folders) left
    out, following linked folders (a download folder's ``ofac -> /elsewhere``; Path.rglob
    does not) but never one that leads back into a folder it is in."""
    seen: set[tuple[int, int]] = set()
    for top, dirs, names in os.walk(root, followlinks=True):
        st = os.stat(top)
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            p = Path(top) / n
            if not n.startswith(".") and p.is_file():
                yield p


@dataclass
class _RawFile:
    path: Path  # where it lies in the staging raw/ folder (what gets parsed)
    origin: str  # the user's path or the URL
    fetched_at: str
    size: int = 0
    sha256: str = ""
    last_modified: str | None = None  # the server's Last-Modified, or the file's mtime
    served_from: str | None = None  # the address the bytes came from, after redirects


def import_dir(
    path: str | os.PathLike,
    *,
    home: str | os.PathLike | None = None,
    force: bool = False,
    sources: Iterable[str] | None = None,
    keep: int = KEEP,
) -> UpdateReport:
    """Import a folder of downloaded list files (any sub-folder layout).

    Files are recognised by content (:func:`screen.sources.detect`) and grouped by
    source; hidden files (``.*``) are ignored. A file that is not recognised fails the
    source whose folder it lies in (``ofac/``, ``uk/``, ...) or, outside such folders,
    is reported on its own: either way the update is not ``ok``.
    """
    root = Path(path).expanduser()
    if not root.is_dir():
        hint = (f": give the folder that holds the downloaded files ({root.parent} for "
                "this one)" if root.is_file() else "")
        raise SnapshotError(f"{root}: not a folder{hint}")
    h = _home(home)
    wanted = checked_sources(sources)
    _check_keep(keep)
    files = sorted(_files_under(root))
    report = UpdateReport(home=h)
    if not files:
        report.sources.append(
            SourceReport(
                source="(none)", ok=False, status="failed", reason=f"{root}: no files to import"
            )
        )
        return report
    by_source: dict[str, list[Path]] = {}
    failed_detect: dict[str, list[str]] = {}
    for p in files:
        try:
            mod, _role = formats_registry.detect(p)
            src = mod.SOURCE
        except ScreenError as exc:
            hint = next(
                (part for part in p.relative_to(root).parts[:-1] if part in SOURCES),
                "(unrecognised)",
            )
            failed_detect.setdefault(hint, []).append(str(exc))
            continue
        by_source.setdefault(src, []).append(p)
    now = _now()
    todo = sorted(set(by_source) | set(failed_detect), key=_source_order)
    if wanted is not None:
        todo = [s for s in todo if s in wanted or s == "(unrecognised)"]
        for s in sorted(set(wanted) - set(todo), key=_source_order):
            report.sources.append(
                SourceReport(
                    source=s, ok=False, status="failed", reason=f"{root}: no {s} list file found"
                )
            )
    if todo:
        _make_home(h)
    bug: BaseException | None = None
    for src in todo:
        if src in failed_detect:
            reasons = failed_detect[src]
            extra = f" (and {len(reasons) - 1} more unrecognised files)" if len(reasons) > 1 else ""
            report.sources.append(
                SourceReport(
                    source=src,
                    ok=False,
                    status="failed",
                    reason=reasons[0] + extra,
                    previous=current_version(src, home=h) if src in SOURCES else None,
                    version=current_version(src, home=h) if src in SOURCES else None,
                    files=[str(p) for p in by_source.get(src, [])],
                )
            )
            continue

        def stage(raw_dir: Path, src_files: list[Path] = by_source[src]) -> list[_RawFile]:
            return _copy_in(src_files, raw_dir, now)

        result, err = _run_source(h, src, stage, force=force, keep=keep)
        report.sources.append(result)
        bug = bug or err
    if bug is not None:
        bug.add_note("while importing; the other sources:\n" + report.summary())
        raise bug
    return report


def update(
    *,
    home: str | os.PathLike | None = None,
    force: bool = False,
    sources: Iterable[str] | None = None,
    base_url: str | None = None,
    progress: bool | None = None,
    keep: int = KEEP,
    retries: int | None = None,
    backoff: float | None = None,
    timeout: float = 60.0,
) -> UpdateReport:
    """Download the official files of each source (or from ``base_url`` /
    ``$SCREEN_BASE_URL``) and import them, source by source.

    ``progress``: a progress bar per file on stderr; None (default) shows one when
    stderr is a terminal.
    """
    from . import download

    h = _home(home)
    wanted = checked_sources(sources)
    _check_keep(keep)
    todo = sorted({r.source for r in download.remotes(wanted)}, key=_source_order)
    base_url = download.resolve_base_url(base_url)  # (a bad one: said once, not per source)
    _make_home(h)
    report = UpdateReport(home=h)
    bug: BaseException | None = None
    for src in todo:

        def stage(raw_dir: Path, src: str = src) -> list[_RawFile]:
            out = []
            for remote in download.remotes([src]):
                got = download.fetch(
                    remote,
                    raw_dir,
                    base_url=base_url,
                    retries=retries,
                    backoff=backoff,
                    timeout=timeout,
                    progress=progress,
                )
                out.append(
                    _RawFile(
                        path=got.path,
                        origin=got.url,
                        fetched_at=got.fetched_at,
                        size=got.size,
                        sha256=got.sha256,
                        last_modified=got.last_modified,
                        served_from=got.final_url if got.final_url != got.url else None,
                    )
                )
            return out

        result, exc = _run_source(h, src, stage, force=force, keep=keep, expect_source=src)
        report.sources.append(result)
        bug = bug or exc
    if bug is not None:
        bug.add_note("while updating; the other sources:\n" + report.summary())
        raise bug
    return report


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _copy_in(files: list[Path], raw_dir: Path, fetched_at: str) -> list[_RawFile]:
    out = []
    used: set[str] = set()
    for p in files:
        name = p.name
        n = 1
        while name.lower() in used:  # same name in two sub-folders
            n += 1
            name = f"{p.stem}-{n}{p.suffix}"
        used.add(name.lower())
        dest = raw_dir / name
        h = hashlib.sha256()
        size = 0
        with open(p, "rb") as src, open(dest, "wb") as dst:
            while chunk := src.read(1 << 20):
                h.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        mtime = datetime.fromtimestamp(p.stat().st_mtime, UTC)
        out.append(
            _RawFile(
                path=dest,
                origin=str(p.resolve()),
                fetched_at=fetched_at,
                size=size,
                sha256=h.hexdigest(),
                last_modified=mtime.isoformat(timespec="seconds"),
            )
        )
    return out


def _run_source(
    h: Path,
    source: str,
    stage: Callable[[Path], list[_RawFile]],
    *,
    force: bool,
    keep: int,
    expect_source: str | None = None,
) -> tuple[SourceReport, BaseException | None]:
    """Stage, parse, validate and promote one source. Never lets a ScreenError out:
    it becomes a failed report. Other exceptions are returned for re-raising later."""
    previous = current_version(source, home=h)

    def failed(reason: str) -> SourceReport:
        return SourceReport(source=source, ok=False, status="failed", reason=reason,
                            version=previous, previous=previous)

    try:
        return _import_source(
            h, source, stage, force=force, keep=keep, expect_source=expect_source
        ), None
    except ScreenError as exc:
        return failed(str(exc)), None
    except Exception as exc:  # noqa: BLE001 - a bug: reported as failed, re-raised after the others
        if isinstance(exc, OSError) and _file_system_fault(exc, h):
            return failed(f"{exc.filename or h}: {exc.strerror or exc}"), None
        return failed(f"internal error: {type(exc).__name__}: {exc}"), exc


_FS_FAULTS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})
_MISPLACED = frozenset({errno.ENOTDIR, errno.EISDIR, errno.EEXIST})


def _file_system_fault(exc: OSError, h: Path) -> bool:
    """Whether an OSError is the file system's (no permission, read-only, full; or,
    in the data home, a file where a folder belongs or the reverse) rather than a
    bug: said in one line as a failed source, without a traceback. (A missing file
    stays a bug: the store makes every path it opens.)"""
    if exc.errno in _FS_FAULTS:
        return True
    return (
        exc.errno in _MISPLACED
        and bool(exc.filename)
        and Path(os.fsdecode(exc.filename)).is_relative_to(h)
    )


def _import_source(
    h: Path,
    source: str,
    stage: Callable[[Path], list[_RawFile]],
    *,
    force: bool,
    keep: int,
    expect_source: str | None,
) -> SourceReport:
    src_dir = h / source
    src_dir.mkdir(parents=True, exist_ok=True)
    with _lock(src_dir):
        for stale in src_dir.glob(".incoming-*"):  # left by a crashed run (we hold the lock)
            shutil.rmtree(stale, ignore_errors=True)
        # a plain mkdir, not mkdtemp (mode 700): the version keeps this folder's mode,
        # which the umask (or a default ACL) decides, so other accounts can read it
        staging = src_dir / f".incoming-{os.getpid()}-{os.urandom(4).hex()}"
        staging.mkdir()
        try:
            raw_dir = staging / "raw"
            raw_dir.mkdir()
            raw = stage(raw_dir)
            previous = current_version(source, home=h)
            prev_manifest, damage = (
                _current_state(h, source, previous) if previous else (None, None)
            )
            if previous is None and versions(source, home=h):
                damage = f"{src_dir / CURRENT} is missing or empty"
            if prev_manifest and not damage and not force and _same_input(prev_manifest, raw):
                return _report(source, "unchanged", prev_manifest, previous, raw)
            # what the new files are checked against: the current version, or where it
            # cannot be read the newest version that can (a damaged current version
            # must not let a broken download through)
            ref, ref_manifest = ((previous, prev_manifest) if prev_manifest
                                 else _newest_readable(h, source, previous))
            origin_of = {str(r.path): r.origin for r in raw}
            try:
                parsed = _parse(raw, source, expect_source)
            except ScreenError as exc:
                raise _rename_paths(exc, origin_of) from None
            entities, names = _combine(parsed, source)
            notes = _validate(entities, names, source)
            if not force:
                _refuse_cut_short(parsed, source, origin_of)
                _refuse_incomplete(parsed, source, ref_manifest)
            if ref_manifest and not force:
                assert ref is not None  # (ref_manifest was read from it)
                _refuse_shrunk(parsed, entities, ref_manifest, ref, source,
                               ", ".join(r.origin for r in raw), notes)
                _refuse_older(parsed, ref_manifest, src_dir / ref, source,
                              ", ".join(r.origin for r in raw), notes)
            version = _new_version_name(src_dir, raw)
            m = _manifest(source, version, previous, parsed, raw, entities, names, force, notes)
            _write_version(staging, entities, names, m)
            os.rename(staging, src_dir / version)
            _set_current(src_dir, version)
            _prune(src_dir, keep)
            done = _report(source, "updated", m, previous, raw)
            if damage:  # (in the report, not the manifest: later reports would repeat it)
                what = f"the current version {previous}" if previous else "the source"
                done.notes.insert(0, f"{what} was damaged; the files are imported as a new "
                                  f"version: {damage}")
            return done
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def _newest_readable(h: Path, source: str, skip: str | None) -> tuple[str | None, dict | None]:
    """The newest version of a source but ``skip`` that loads whole, and its manifest."""
    for v in reversed(versions(source, home=h)):
        if v != skip:
            m, damage = _current_state(h, source, v)
            if m is not None and damage is None:
                return v, m
    return None, None


DROP_NOTED = 0.2  # a list that lost this share of its entities or more is noted


def _refuse_shrunk(parsed: list[ParsedList], entities: pa.Table, before: dict, version: str,
                   source: str, origins: str, notes: list[str]) -> None:
    """Refuse new files under half the entities of ``before`` (the version ``version``);
    note a list that lost a fifth or more (OFAC's non-SDN list beside the SDN list,
    whose count the source's hides)."""
    total = before["entities"]
    if entities.num_rows < total * SHRINK_LIMIT:
        raise SnapshotError(
            f"{source}: refused: the new files hold {entities.num_rows:,} entities, "
            f"under half of the current version's {total:,} ({version}); "
            f"likely a broken or partial file ({origins}). "
            "Use --force (force=True) to accept it"
        )
    now: dict[str, int] = {}
    for p in parsed:
        now[p.list] = now.get(p.list, 0) + p.entities.num_rows
    was: dict[str, int] = {}
    for lst in before.get("lists") or []:
        if isinstance(lst, dict) and isinstance(lst.get("entities"), int):
            name = str(lst.get("list"))
            was[name] = was.get(name, 0) + lst["entities"]
    for name, n in was.items():
        # (said, not refused: a list shrinks by half when a programme of it is lifted,
        # OFAC's non-SDN list by its UKRAINE-EO13662 parties, and a list cut short is
        # refused by its format's own marks, see _refuse_cut_short and _refuse_older)
        if name in now and now[name] <= n * (1 - DROP_NOTED):
            notes.append(f"the {name} list holds {now[name]:,} entities, "
                         f"{1 - now[name] / n:.0%} fewer than the current version's {n:,}")


def _refuse_cut_short(parsed: list[ParsedList], source: str, origin_of: dict[str, str]
                      ) -> None:
    """A file that looks cut short (see ParsedList.cut_short) would quietly drop every
    party past the cut: refused, unless forced."""
    for p in parsed:
        if p.cut_short:
            files = ", ".join(origin_of.get(str(f), f.name) for f in p.files)
            raise SnapshotError(
                f"{source}: refused: {p.cut_short}: the file looks cut short (an interrupted "
                f"download or copy), and what {p.list} holds past the cut would be lost "
                f"({files}); fetch it again, or use --force (force=True) to accept it")


def _refuse_incomplete(parsed: list[ParsedList], source: str, prev: dict | None) -> None:
    """A list that lacks what a companion file holds (OFAC's sdn.csv without alt.csv:
    18,628 SDN names of 36,171, and "Usama bin Laden" no match) is refused unless
    forced, on a first import and over a current version of that list in another
    format (OFAC's XML). Over one in its own format the current version decides (see
    _refuse_older): a version forced without the file stays without it."""
    mine = {(e.get("list"), e.get("format")) for e in (prev or {}).get("lists", [])}
    for p in parsed:
        if p.lacks and (p.list, p.format) not in mine:
            raise SnapshotError(
                f"{source}: refused: {p.lacks}: its parties would be screened without them. "
                f"Add the file to the folder, or use --force (force=True) to import "
                f"{p.list} without it")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _refuse_older(parsed: list[ParsedList], prev: dict, prev_dir: Path, source: str,
                  files: str, notes: list[str]) -> None:
    """An update that would make the snapshot older or smaller than what it replaces,
    without anything being wrong with its files, is refused unless forced: a folder of
    an older edition (which would undo the designations made since), or a set missing
    one of the current version's lists in the format it came in (OFAC's SDN files
    without the Consolidated ones would drop the non-SDN parties), or a list without a
    companion file it was read with (sdn.csv without alt.csv: every party, none of
    their aliases; see ParsedList.parts). A list in another format replaces it (the
    UK's FCDO list took over from OFSI's in January 2026), and that is a note, unless
    the new list states an earlier publication date than the one it would replace. An
    edition is older when it says it was published earlier; when
    its files state no date (OFAC's and Canada's), when its highest entry number is
    lower than the current version's and it holds entries the current version does not
    have on any of its lists (parties delisted since): OFAC numbers its entries, SDN
    and non-SDN alike, in the order it lists them, while a newer edition that only
    dropped its newest entries (a designation withdrawn, a party moved to the other
    list) holds none the current version lacks. Files that state the current version's
    publication date but lack its last parties are refused too: one edition, other
    bytes, the last parties gone is a file cut short at a row's end. A Canadian
    edition (no date, no entry numbers) is older when its latest date of listing is,
    and it holds parties the current version lacks or lacks the listings of more than
    one day since (a newer edition may withdraw the latest day's designations)."""
    before = {entry["list"]: entry for entry in prev.get("lists", [])}
    now = {p.list: p for p in parsed}
    formats = {p.format for p in parsed}
    for name, entry in before.items():
        if name in now:
            continue
        if entry.get("format") in formats:
            raise SnapshotError(
                f"{source}: refused: the new files hold no {name}, which the current version "
                f"has ({entry.get('entities', 0):,} entities): a file missing from the set "
                f"({files})? Use --force (force=True) to drop that list")
        # (a list in another format takes over only when it is not older: OFSI's last
        # ConList over the FCDO list that replaced it would undo a year of designations)
        was = entry.get("published") or ""
        dates = [d for p in parsed if (d := p.published) and _ISO_DATE.fullmatch(d)]
        if _ISO_DATE.fullmatch(was) and dates and max(dates) < was:
            raise SnapshotError(
                f"{source}: refused: the new files, {', '.join(sorted(now))} "
                f"({', '.join(sorted(formats))}, published {max(dates)}), are older than the "
                f"current version's {name} ({entry.get('format')}, published {was}), which "
                f"they would replace ({files}); use --force (force=True) to go back to it")
        notes.append(f"{name} ({entry.get('format')}) is replaced by "
                     f"{', '.join(sorted(now))} ({', '.join(sorted(formats))})")
    undated = []
    for name, p in now.items():
        entry = before.get(name)
        if entry is None:
            continue
        lost = [part for part in entry.get("parts", ()) if part not in p.parts]
        if lost and entry.get("format") == p.format:
            # (OFAC's SDN files without alt.csv: every alias gone, the parties all there)
            raise SnapshotError(
                f"{source}: refused: the new files of {name} come without "
                f"{', '.join(lost)}, which the current version was read with ({files}); "
                f"what {'they give' if len(lost) > 1 else 'it gives'} would be lost. Add "
                f"{'them' if len(lost) > 1 else 'it'} to the set, or use --force (force=True) "
                f"to go without")
        was, is_ = entry.get("published") or "", p.published or ""
        if _ISO_DATE.fullmatch(was) and _ISO_DATE.fullmatch(is_):
            if is_ < was:
                raise SnapshotError(
                    f"{source}: refused: the new files are an older edition of {name} "
                    f"(published {is_}; the current version's {was}: {files}); use --force "
                    "(force=True) to go back to it")
            had = entry.get("entities") or 0
            if is_ == was and p.entities.num_rows < had and _cut_at_a_row(p, prev_dir):
                # the same edition, other bytes, the last parties gone: a file cut at a
                # row's end (a dropped connection without a length) passes every other
                # check (a delisting published the same day takes parties from
                # anywhere in the list)
                raise SnapshotError(
                    f"{source}: refused: the new files state the same publication date as "
                    f"the current version ({is_}) but hold fewer entities of {name} "
                    f"({p.entities.num_rows:,}, the current version {had:,}): a file cut "
                    f"short? ({files}); use --force (force=True) to take it")
        else:
            undated.append(p)
    if not undated:
        return
    try:
        current = _read_parquet(prev_dir / "entities.parquet")
    except (OSError, ValueError, pa.ArrowException):
        return  # a damaged current version: nothing to compare with
    import pyarrow.compute as pc  # (see _validate)

    old_all = _numeric_ids([current])
    for p in undated:
        # an edition whose latest listing is older than the current version's latest
        # (Canada's file states no date, but a date of listing for each party)
        mine = current.filter(pc.equal(current.column("list"), p.list))
        was_listed = _latest_listing(mine)
        is_listed = _latest_listing(p.entities)
        if was_listed and is_listed and is_listed < was_listed \
                and _older_by_listing(p.entities, mine, is_listed):
            raise SnapshotError(
                f"{source}: refused: the new files look like an older edition of {p.list} "
                f"(their latest listing is of {is_listed.isoformat()}, the current version's "
                f"of {was_listed.isoformat()}: {files}); use --force (force=True) to go back "
                "to it")
        new_ids = _numeric_ids([p.entities])
        old_ids = _numeric_ids([current.filter(pc.equal(current.column("list"), p.list))])
        if not (new_ids and old_ids and old_all) or max(new_ids) >= max(old_ids):
            continue
        if not new_ids <= old_all:
            raise SnapshotError(
                f"{source}: refused: the new files look like an older edition of {p.list} "
                f"(their highest entry number is {max(new_ids)}, the current version's "
                f"{max(old_ids)}, and they hold {len(new_ids - old_all):,} entries the "
                f"current version does not: {files}); use --force (force=True) to go back "
                "to it")


def _older_by_listing(new: pa.Table, current: pa.Table, latest: date) -> bool:
    """Whether files whose latest listing is ``latest``, older than the current
    version's, are an older edition rather than a newer one that withdrew the latest
    designations: they hold parties the current version does not (delisted since), or
    they lack the designations of more than one day since ``latest``."""
    import pyarrow.compute as pc  # (see _validate)

    if set(new.column("entity_id").to_pylist()) - set(current.column("entity_id").to_pylist()):
        return True
    since = current.filter(pc.greater(current.column("listed_on"), pa.scalar(latest)))
    return len(set(since.column("listed_on").to_pylist())) > 1


def _cut_at_a_row(p: ParsedList, prev_dir: Path) -> bool:
    """Whether the parties the new files lack (of the current version's list) are its
    last ones, in the order the list gives them: what a file cut at a row's end lacks."""
    import pyarrow.compute as pc  # (see _validate)

    try:
        current = _read_parquet(prev_dir / "entities.parquet")
    except (OSError, ValueError, pa.ArrowException):
        return False  # (a damaged current version: nothing to compare with)
    order = current.filter(pc.equal(current.column("list"), p.list)).column("entity_id").to_pylist()
    missing = set(order) - set(p.entities.column("entity_id").to_pylist())
    return bool(missing) and missing == set(order[len(order) - len(missing):])


def _latest_listing(table: pa.Table) -> date | None:
    """The latest date of listing in an entities table (None when none is given)."""
    if "listed_on" not in table.column_names:
        return None
    import pyarrow.compute as pc  # (see _validate)

    return pc.max(table.column("listed_on")).as_py()


def _numeric_ids(tables: Iterable[pa.Table]) -> set[int]:
    """The entity ids of the tables, when every one is a number (else none)."""
    out: set[int] = set()
    for t in tables:
        for eid in t.column("entity_id").to_pylist():
            if not eid.isdigit():
                return set()
            out.add(int(eid))
    return out


@contextmanager
def _lock(src_dir: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    with open(src_dir / ".lock", "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SnapshotError(
                f"{src_dir}: another 'screen update' is writing this source "
                "right now; try again when it is done"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _rename_paths(exc: ScreenError, origin_of: dict[str, str]) -> ScreenError:
    """The same error, naming the user's file or the URL rather than the staging copy."""
    msg = str(exc)
    for staged, origin in origin_of.items():
        msg = msg.replace(staged, origin)
    exc.args = (msg,)
    if getattr(exc, "path", None) in origin_of:
        exc.path = origin_of[exc.path]  # type: ignore[attr-defined]
    return exc


def _parse(raw: list[_RawFile], source: str, expect_source: str | None) -> list[ParsedList]:
    grouped: dict[str, tuple[ModuleType, dict[str, list[Path]]]] = {}
    for r in raw:
        mod, role = formats_registry.detect(r.path)
        if expect_source is not None and mod.SOURCE != expect_source:
            raise SnapshotError(
                f"{r.path}: expected a list file of {expect_source}, got one of "
                f"format {mod.NAME} ({mod.SOURCE})"
            )
        grouped.setdefault(mod.NAME, (mod, {}))[1].setdefault(role, []).append(r.path)
    parsed: list[ParsedList] = []
    for mod, files in grouped.values():
        parsed.extend(mod.parse(files))
    if not parsed:
        raise SnapshotError(f"{source}: the files held no list")
    _refuse_two_editions(parsed, source, downloaded=expect_source is not None)
    return parsed


def _refuse_two_editions(parsed: list[ParsedList], source: str, *, downloaded: bool = False
                         ) -> None:
    """Refuse files that hold one list twice with the same parties: two editions side
    by side (a new download saved next to an older one). Said with the files and the
    dates they state, where the refusal of repeated entity ids that would follow names
    neither."""
    seen: dict[str, ParsedList] = {}
    for p in parsed:
        first = seen.setdefault(p.list, p)
        if first is p:
            continue
        ids = set(first.entities["entity_id"].to_pylist())
        if ids.isdisjoint(p.entities["entity_id"].to_pylist()):
            continue  # two parts of one list, whatever its files

        def said(q: ParsedList) -> str:
            files = ", ".join(f.name for f in q.files)
            return f"{files} (published {q.published or 'on no date it states'})"

        if downloaded:  # (one address served the list another address serves)
            raise SnapshotError(
                f"{source}: two of the files downloaded hold one list ({p.list}): "
                f"{said(first)} and {said(p)}; an address served another file's content. "
                "Try again later, or download the files by hand and use --from")
        raise SnapshotError(
            f"{source}: two editions of one list ({p.list}) among the files: {said(first)} "
            f"and {said(p)}; import one of them (move the other out of the folder)")


def _combine(parsed: list[ParsedList], source: str) -> tuple[pa.Table, pa.Table]:
    ents: list[pa.Table] = []
    nams: list[pa.Table] = []
    for p in parsed:
        if p.source != source:
            raise SnapshotError(
                f"{source}: a parser returned a {p.source!r} list ({p.list}) "
                "among this source's files"
            )
        for table, schema, kind, bucket in (
            (p.entities, ENTITY_SCHEMA, "entities", ents),
            (p.names, NAME_SCHEMA, "names", nams),
        ):
            if not table.schema.equals(schema, check_metadata=False):
                try:
                    table = table.select(schema.names).cast(schema)
                except (KeyError, ValueError, pa.ArrowException) as exc:
                    raise SnapshotError(
                        f"{source}: the {p.list} {kind} table does not have the "
                        f"common schema ({exc})"
                    ) from None
            bucket.append(table)
    entities = pa.concat_tables(ents).combine_chunks()
    names = pa.concat_tables(nams).combine_chunks()
    return entities, names


def _validate(entities: pa.Table, names: pa.Table, source: str) -> list[str]:
    """Raise SnapshotError unless the tables make a sound snapshot of ``source``;
    return notes on what is sound but worth saying."""
    import pyarrow.compute as pc  # here, not at import: it costs 60 ms of start-up

    if entities.num_rows == 0:
        raise SnapshotError(f"{source}: refused: the files hold no entity")
    if names.num_rows == 0:
        raise SnapshotError(f"{source}: refused: the files hold no name")
    for kind, table in (("entities", entities), ("names", names)):
        others = pc.unique(table["source"]).to_pylist()
        if others != [source]:
            raise SnapshotError(f"{source}: {kind} table holds rows of sources {others}")
        for col in table.schema.names:
            if not table.schema.field(col).nullable and table[col].null_count:
                raise SnapshotError(
                    f"{source}: {kind} column {col!r} has {table[col].null_count} empty values"
                )
    ids = entities["entity_id"]
    notes = []
    per_list = entities.group_by(["list", "entity_id"]).aggregate([("entity_id", "count")])
    if per_list.num_rows != entities.num_rows:
        dup = pc.filter(per_list, pc.greater(per_list["entity_id_count"], 1))
        sample = [
            f"{li}/{e}"
            for li, e in zip(dup["list"].to_pylist()[:5], dup["entity_id"].to_pylist()[:5])
        ]
        raise SnapshotError(
            f"{source}: refused: entity ids are not unique within a list "
            f"({dup.num_rows} repeated, e.g. {sample})"
        )
    distinct = pc.count_distinct(ids).as_py()
    if distinct != len(ids):
        # the same party on two lists of one authority (OFAC lists some parties on both
        # the SDN and the non-SDN list under one ent_num): kept as published, said once
        counts = pc.value_counts(ids)
        shared = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
        notes.append(
            f"{len(shared):,} entity ids appear on more than one list of {source} "
            f"(the same party listed twice by the authority), e.g. "
            f"{shared.to_pylist()[:5]}"
        )
    orphans = pc.invert(pc.is_in(names["entity_id"], value_set=ids))
    n_orphans = pc.sum(orphans).as_py() or 0
    if n_orphans:
        sample = pc.filter(names["entity_id"], orphans).unique().to_pylist()[:5]
        raise SnapshotError(
            f"{source}: refused: {n_orphans} names belong to no listed entity "
            f"(e.g. entity ids {sample})"
        )
    return notes


def _same_input(prev: dict, raw: list[_RawFile]) -> bool:
    # (read by other readers: the same files may give other tables, so read them again)
    library = prev.get("library", {})
    if library.get("screen") != __version__ or library.get("readers") != readers_fingerprint():
        return False
    before = sorted(f["sha256"] for f in prev.get("files", []))
    return before == sorted(r.sha256 for r in raw)


_MANIFEST_KEYS = ("version", "entities", "names", "lists", "files")  # what an update reads


def _current_state(h: Path, source: str, version: str) -> tuple[dict | None, str | None]:
    """The current version's manifest (None when unreadable) and why the version is
    damaged (None when it loads whole). A damaged version proves nothing about which
    files are imported, so the update imports them again instead of saying
    ``unchanged``: the only repair a user would otherwise find is --force."""
    d = h / source / version
    try:
        m = manifest(source, version, home=h)
    except SnapshotError as exc:
        return None, str(exc)
    missing = [k for k in _MANIFEST_KEYS if k not in m]
    if missing:
        return None, f"{d / MANIFEST}: damaged manifest (no {', '.join(missing)})"
    try:  # what load() reads, so that an update repairs what 'screen match' refuses
        entities, names, _ = _read_version(h, source, version)
    except SnapshotError as exc:
        return m, str(exc)
    if (entities.num_rows, names.num_rows) != (m["entities"], m["names"]):
        return m, (
            f"{d}: damaged snapshot ({entities.num_rows} entities and {names.num_rows} "
            f"names where its manifest says {m['entities']} and {m['names']})"
        )
    return m, None


def _new_version_name(src_dir: Path, raw: list[_RawFile]) -> str:
    """``<UTC time to the millisecond>Z-<hash>``, later than every existing version even
    if the clock went back, so that names sort in the order versions were made."""
    digest = hashlib.sha256("".join(sorted(r.sha256 for r in raw)).encode()).hexdigest()[:8]
    when = datetime.now(UTC)
    existing = versions(src_dir.name, home=src_dir.parent)
    if existing:
        try:
            last = datetime.strptime(existing[-1][:19], "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
        except ValueError:
            last = None
        if last is not None and when <= last:
            when = last + timedelta(milliseconds=1)
    return f"{when:%Y%m%dT%H%M%S}.{when.microsecond // 1000:03d}Z-{digest}"


def _manifest(
    source: str,
    version: str,
    previous: str | None,
    parsed: list[ParsedList],
    raw: list[_RawFile],
    entities: pa.Table,
    names: pa.Table,
    force: bool,
    notes: list[str],
) -> dict:
    by_path = {str(r.path): r for r in raw}
    raw_root = raw[0].path.parent if raw else None

    def file_entry(r: _RawFile) -> dict:
        entry = {
            "name": r.path.relative_to(raw_root).as_posix() if raw_root else r.path.name,
            "origin": r.origin,
            "fetched_at": r.fetched_at,
            "last_modified": r.last_modified,
            "bytes": r.size,
            "sha256": r.sha256,
        }
        if r.served_from:  # (a redirect: where the bytes came from, for the audit)
            entry["served_from"] = r.served_from
        return entry

    lists = []
    for p in parsed:
        lists.append(
            {
                "list": p.list,
                "format": p.format,
                "published": p.published,
                "entities": p.entities.num_rows,
                "names": p.names.num_rows,
                "skipped": p.skipped,
                "notes": list(p.notes),
                "parts": list(p.parts),
                "files": [
                    file_entry(by_path[str(f)])["name"] for f in p.files if str(f) in by_path
                ],
                "origins": [by_path[str(f)].origin for f in p.files if str(f) in by_path],
                "fetched_at": max(
                    (by_path[str(f)].fetched_at for f in p.files if str(f) in by_path), default=None
                ),
            }
        )
    return {
        "source": source,
        "version": version,
        "previous": previous,
        "created_at": _now(),
        "forced": force,
        "entities": entities.num_rows,
        "names": names.num_rows,
        "skipped": sum(p.skipped for p in parsed),
        "notes": notes,
        "lists": lists,
        "files": [file_entry(r) for r in raw],
        "library": {
            "screen": __version__,
            "readers": readers_fingerprint(),
            "pyarrow": pa.__version__,
            "python": platform.python_version(),
        },
    }


def _write_version(staging: Path, entities: pa.Table, names: pa.Table, m: dict) -> None:
    for table, name in ((entities, "entities.parquet"), (names, "names.parquet")):
        # with a CRC per page: a byte flipped on disk was read back, in a third of the
        # tries, as other names ("MOROZOV" as "MORIUOV"), not as a damaged file
        pq.write_table(table, staging / name, compression="zstd", write_page_checksum=True)
        _fsync(staging / name)
    tmp = staging / (MANIFEST + ".tmp")
    text = json.dumps(m, indent=2, ensure_ascii=False)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        # a file or folder name that is not UTF-8 (its bytes are surrogates in Python's
        # text): the manifest escapes it, as JSON allows, instead of failing the import
        data = json.dumps(m, indent=2, ensure_ascii=True).encode("ascii")
    tmp.write_bytes(data + b"\n")
    _fsync(tmp)
    os.replace(tmp, staging / MANIFEST)
    for r in (staging / "raw").iterdir():
        _fsync(r)
    _fsync_dir(staging)


def _set_current(src_dir: Path, version: str) -> None:
    # not mkstemp (mode 600): created 666, the kernel applies the umask (or a default
    # ACL) as for any file, without this process reading or changing its umask
    tmp = src_dir / f".CURRENT-{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(version + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, src_dir / CURRENT)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(src_dir)


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if sys.platform.startswith("win"):  # pragma: no cover
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune(source: str, *, keep: int = KEEP, home: str | os.PathLike | None = None) -> list[str]:
    """Delete all but the newest ``keep`` versions of a source (never the current
    one). Returns the versions deleted."""
    return _prune(_home(home) / source, keep)


def _check_keep(keep: object) -> None:
    """(Checked before an import: after it, its new version was current already.)"""
    if isinstance(keep, bool) or not isinstance(keep, int):
        raise TypeError(f"'keep' must be int (got {type(keep).__name__})")
    if keep < 1:
        raise ValueError(f"'keep' must be at least 1 (got {keep})")


def _prune(src_dir: Path, keep: int) -> list[str]:
    _check_keep(keep)
    all_versions = versions(src_dir.name, home=src_dir.parent)
    cur = current_version(src_dir.name, home=src_dir.parent)
    doomed = [v for v in all_versions[:-keep] if v != cur]
    for v in doomed:
        shutil.rmtree(src_dir / v, ignore_errors=True)
    return doomed


def _report(
    source: str, status: str, m: dict, previous: str | None, raw: list[_RawFile]
) -> SourceReport:
    return SourceReport(
        source=source,
        ok=True,
        status=status,
        version=m["version"],
        previous=previous,
        entities=m["entities"],
        names=m["names"],
        skipped=m.get("skipped", 0),
        lists=[
            ListReport(
                list=x["list"],
                format=x["format"],
                published=x.get("published"),
                entities=x["entities"],
                names=x["names"],
                skipped=x["skipped"],
                notes=list(x.get("notes", [])),
            )
            for x in m["lists"]
        ],
        notes=[*m.get("notes", []), *(n for x in m["lists"] for n in x.get("notes", []))],
        files=[r.origin for r in raw],
    )


__all__ = [
    "KEEP",
    "ListReport",
    "Snapshot",
    "SourceReport",
    "UpdateReport",
    "current_manifests",
    "current_version",
    "data_home",
    "import_dir",
    "load",
    "load_version",
    "manifest",
    "prune",
    "update",
    "versions",
]
