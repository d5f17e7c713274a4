"""screen.spark: screen a Spark DataFrame on a cluster (``pip install screen[spark]``).

:func:`screen_dataframe` runs :func:`screen.batch.match_table` on every partition with
``DataFrame.mapInArrow``: Arrow record batches in, Arrow record batches out, no row
goes through Python objects on the way. The result is a DataFrame with the columns
of :data:`screen.batch.OUTPUT_SCHEMA` (one row per input row and match, plus one row
per input row whose name could not be screened), preceded by the input's
``id_column`` when one is given. ``input_row`` is Spark's
``monotonically_increasing_id()`` of the input row: unique and increasing within a
partition, equal to the row's position when the DataFrame has one partition; use
``id_column`` to join the matches back to your rows.

How the lists get to the executors
    By default the driver writes the snapshot (each source's manifest and two Parquet
    tables, plus the saved candidate index: about 47 MB for the four lists) into one
    ZIP file, ``screen-snapshot-<snapshot id>-<code fingerprint>.zip``, and ships it
    with ``SparkContext.addFile``: Spark copies it once to each executor. The first
    Python worker of an executor that needs it unpacks it under the temporary folder
    (atomically; the others wait for or reuse that folder), and every Python worker
    builds its :class:`~screen.match.Screener` once and keeps it at module level, so
    with ``spark.python.worker.reuse`` (the default) a screener is loaded once per
    worker process, not per task or batch. The index is loaded, not rebuilt, when the
    executors run the same ``screen`` version as the driver.

    With ``ship=False`` the executors instead load ``snapshot_path`` themselves: a data
    home on storage every executor mounts at the same path (NFS, a shared volume).

    On a Spark Connect session (``SparkSession.builder.remote(...)``; told apart from a
    classic one by the session's class) the process that calls :func:`screen_dataframe`
    is a client: the driver's JVM runs on the Connect server, and there is no
    ``SparkContext`` to ``addFile`` with. The client writes the same ZIP and uploads it
    with ``spark.addArtifacts(bundle, file=True)`` as a file artifact of the session,
    which the server hands to the session's executors as it does an added file, so the
    executors find and unpack it the same way. The upload is repeated at each call
    (about 47 MB over the connection; the server keeps one copy per session), and other
    sessions of the server do not see it; Spark gives each Connect session Python
    workers of its own, so a screener is loaded once per worker and session. Here
    ``snapshot_path=None`` is the client's data home, and with ``ship=False`` both the
    client and the executors load ``snapshot_path``, which both must see.

Running it on a cluster
    1. Build the wheel (``python -m build`` or ``pip wheel . --no-deps``) and install it
       with its dependencies (pyarrow, numpy, rapidfuzz, unidecode, tqdm, and
       pandas >= 2.2, which PySpark's ``mapInArrow`` requires: ``pip install
       'pyspark[sql]'``) on every node, or ship a packed environment: with the wheel and
       pandas, not PySpark (the cluster's own Spark runs the job; the ``spark`` extra
       would bring a PySpark of its own)::

           conda create -p ./env python=3.11 && ./env/bin/pip install \\
               screen-0.1.0-py3-none-any.whl 'pandas>=2.2'
           conda-pack -p ./env -o env.tar.gz
           spark-submit --master yarn --deploy-mode cluster \\
               --archives env.tar.gz#env \\
               --conf spark.pyspark.python=./env/bin/python \\
               --conf spark.executor.memoryOverhead=2g \\
               nightly_screen.py

       conda-pack packs the Python interpreter too; ``venv-pack`` does not (a venv's
       ``bin/python`` is a link to the Python it was made with), so with it every node
       needs that same Python at the same path.
    2. The lists: the driver loads the data home ``snapshot_path`` names (None: its own,
       where ``screen update`` ran) and, with ``ship=True`` (the default), sends it to
       the executors itself. In ``--deploy-mode cluster`` the driver runs on a node of
       the cluster, so ``snapshot_path`` must be a data home that node reads: on shared
       storage, or a local path present on every node. With ``ship=False`` the
       executors load ``snapshot_path`` too, at the same absolute path (shared storage
       mounted alike everywhere): a relative path is made absolute on the driver.
    3. Memory: each Python worker holds one screener, 300-500 MB resident for the four
       lists (tables, index, prepared names: measured by ``benchmarks/bench_batch.py``)
       on top of Spark's own, and two (:data:`SCREENERS_KEPT`) for a while after a list
       update (measured: 337 MB with one, 474 MB with two); give the
       executors ``spark.executor.memoryOverhead`` (or ``spark.executor.pyspark.memory``)
       of at least 1 GB per core that runs Python tasks. The driver writes the bundle
       under the temporary folder (``screen-spark-<uid>/``), one per snapshot and
       library version, and the executors unpack it there; those not used for
       :data:`STALE_DAYS` days are removed when another is made.
    4. Partitions: screening costs milliseconds per distinct name, so a few thousand
       rows per partition already keep a core busy; ``df.repartition(n)`` with n a small
       multiple of the cluster's cores.
    5. Spark Connect: the client needs ``screen`` installed too, with PySpark's Connect
       client (``pip install 'screen[spark]'`` brings ``pyspark[connect]``), on the same
       Python version as the cluster's workers, which unpickle the function it sends.

    In ``nightly_screen.py``::

        from pyspark.sql import SparkSession
        from screen.spark import screen_dataframe

        spark = SparkSession.builder.getOrCreate()
        customers = spark.read.parquet("s3://bucket/customers/")
        hits = screen_dataframe(customers, "full_name", id_column="customer_id",
                                snapshot_path="/opt/screen/home")
        hits.write.mode("overwrite").parquet("s3://bucket/screening/today/")
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import warnings
import zipfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .batch import OUTPUT_SCHEMA, WORKER_HIT_CACHE_BYTES, _check_unmatched, match_table
from .errors import ScreenError
from .match import Screener
from .sources.schema import checked_sources

ROW_ID = "__screen_row"

_SCREENERS: dict[tuple, Screener] = {}
_LOCK = threading.Lock()


class SparkScreenError(ScreenError, ValueError):
    """A DataFrame or option that :func:`screen_dataframe` cannot use."""


def screen_dataframe(
    df: Any,
    column: str = "name",
    *,
    id_column: str | None = None,
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    weak_aliases: bool = True,
    birth_date_column: str | None = None,
    country_column: str | None = None,
    snapshot_path: str | os.PathLike | None = None,
    ship: bool = True,
    unmatched: bool = False,
    field: bool = False,
) -> Any:
    """Screen every row of the Spark DataFrame ``df`` (see the module docstring).

    ``column``: the names; ``id_column``: a column of ``df`` copied to the front of
    each output row (to join the matches back); ``threshold``, ``limit``, ``sources``,
    ``kind``, ``weak_aliases``, ``birth_date_column``, ``country_column``,
    ``unmatched`` and ``field`` (payment fields) as in
    :func:`screen.batch.match_table`. ``snapshot_path`` is a data home (default:
    :func:`screen.store.data_home` of the driver); ``ship=True`` sends
    its current snapshot to the executors, ``ship=False`` has them load the same
    versions from that path, which they must see. With ``sources`` and a source not
    asked for damaged, a warning, and the asked-for sources alone. A streaming
    DataFrame is refused (screen its micro-batches with ``foreachBatch``). Lazy, like
    any DataFrame transformation: screening happens when the result is written or
    collected."""
    from pyspark.sql import functions as F

    from . import store

    _check_unmatched(unmatched)  # (on the driver: the executors would say it late)
    if not isinstance(field, bool):
        raise TypeError(f"'field' must be bool (got {type(field).__name__})")
    columns = list(df.columns)
    # (Spark resolves column names without regard to case, unless told otherwise)
    exact = str(df.sparkSession.conf.get("spark.sql.caseSensitive", "false")).lower() == "true"
    # each named as the DataFrame writes it (a "NAME" asked for is its "name", where Spark
    # ignores case: the output's id column is looked up by that name)
    named: dict[str, str] = {}
    for role, col in (("column", column), ("id_column", id_column),
                      ("birth_date_column", birth_date_column),
                      ("country_column", country_column)):
        if col is None:
            continue
        if not isinstance(col, str):  # (F.col("name"): Spark's own error spoke of bools)
            raise TypeError(f"'{role}' must be a column's name, str (got {type(col).__name__})")
        same = [c for c in columns if c == col or (not exact and c.lower() == col.lower())]
        if not same:
            raise SparkScreenError(
                f"{role} {col!r} is not in the DataFrame (columns: "
                f"{', '.join(map(repr, columns)) or 'none'})")
        if len(same) > 1:  # (a join's two "id" columns: which one is meant?)
            raise SparkScreenError(
                f"{role} {col!r}: the DataFrame has {len(same)} columns of that name "
                f"({', '.join(map(repr, same))}); rename all but one")
        named[role] = same[0]
    column = named.get("column", column)
    id_column, birth_date_column, country_column = (
        named.get("id_column"), named.get("birth_date_column"), named.get("country_column"))
    taken = {n.lower() for n in (*OUTPUT_SCHEMA.names, ROW_ID)}
    if id_column is not None and (id_column if exact else id_column.lower()) in taken:
        raise SparkScreenError(
            f"'id_column' must not be named like an output column (got {id_column!r}); "
            "rename it first")
    if df.isStreaming:
        raise SparkScreenError("a streaming DataFrame cannot be screened: screen each "
                               "micro-batch (DataStreamWriter.foreachBatch)")
    # (absolute: an executor resolves a relative path against its own working folder)
    home = (Path(snapshot_path).expanduser() if snapshot_path is not None
            else store.data_home()).absolute()
    opts: dict[str, Any] = {"threshold": threshold, "limit": limit,
            "sources": checked_sources(sources), "kind": kind,
            "weak_aliases": weak_aliases}
    snapshot, problem = store.load_for(opts["sources"], home)
    if problem:  # (a source not asked for is damaged: the asked-for ones alone)
        warnings.warn(f"{problem}; screened against {', '.join(opts['sources'])} only",
                      stacklevel=2)
    screener = Screener(snapshot)  # checks the options; saves the index to ship it
    screener.match("", **opts)  # type: ignore[arg-type]
    if ship:
        bundle = _bundle(snapshot, screener)
        _ship(df.sparkSession, bundle)
        where: tuple = ("bundle", bundle.name)
    else:
        # the versions the driver loaded, which the executors load too: a data home
        # updated while the job runs (or between two jobs of one session) is not
        # screened half old, half new
        where = ("home", str(home), tuple(sorted(snapshot.versions.items())))

    wanted = [c for c in dict.fromkeys((id_column, column, birth_date_column, country_column))
              if c is not None]
    # (each under a name of its own: mapInArrow resolves "customer.name" as a field of
    # a struct "customer", which is no column)
    inner = {c: f"{ROW_ID}_{i}" for i, c in enumerate(wanted)}
    source = df.select(F.monotonically_increasing_id().alias(ROW_ID),
                       *[F.col(_quoted(c)).alias(inner[c]) for c in wanted])
    out_schema = OUTPUT_SCHEMA
    if id_column is not None:
        timezone = df.sparkSession.conf.get("spark.sql.session.timeZone")
        out_schema = pa.schema([
            pa.field(id_column, _arrow_type(df.schema[id_column].dataType, timezone)),
            *OUTPUT_SCHEMA])
    spark_schema = _spark_schema(out_schema)
    options = {"column": inner[column], "unmatched": unmatched, "field": field, **opts,
               "birth_date_column": inner.get(birth_date_column),  # type: ignore[arg-type]
               "country_column": inner.get(country_column)}  # type: ignore[arg-type]
    id_inner = inner.get(id_column)  # type: ignore[arg-type]

    def screen_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _screen_partition(batches, where, id_inner, out_schema, options)

    return source.mapInArrow(screen_partition, spark_schema)


# --------------------------------------------------------------------------- executors


def _screen_partition(batches: Iterator[pa.RecordBatch], where: tuple[str, str],
                      id_column: str | None, out_schema: pa.Schema, options: dict
                      ) -> Iterator[pa.RecordBatch]:
    screener = executor_screener(*where)
    for b in batches:
        if not b.num_rows:
            continue
        out = match_table(b, screener=screener, workers=1, batch_size=b.num_rows, **options)
        pos = out.column("input_row")
        arrays = []
        if id_column is not None:
            arrays.append(pc.take(b.column(id_column), pos))
        arrays.append(pc.take(b.column(ROW_ID), pos))
        arrays.extend(out.columns[1:])
        table = pa.Table.from_arrays(arrays, schema=out_schema)
        yield from table.to_batches()


def executor_screener(kind: str, where: str, versions: tuple = ()) -> Screener:
    """This worker process's screener over a shipped bundle (``kind="bundle"``, its file
    name) or a data home every executor can read (``kind="home"``; ``versions``, pairs
    of source and version, pin what it loads), built once. Of the screeners of other
    snapshots, only the one used last is kept (:data:`SCREENERS_KEPT` in all)."""
    key = (kind, where, versions)
    s = _SCREENERS.get(key)
    if s is not None:
        with _LOCK:  # (used last: the one an eviction leaves; read under the lock too)
            if key in _SCREENERS and next(reversed(_SCREENERS)) != key:
                _SCREENERS[key] = _SCREENERS.pop(key)
    if s is None:
        with _LOCK:
            s = _SCREENERS.get(key)
            if s is None:
                from . import store

                if kind == "bundle":
                    from pyspark import SparkFiles

                    s = Screener(store.load(_unpack(Path(SparkFiles.get(where)))))
                elif versions:
                    pins = dict(versions)
                    s = Screener(store.load(Path(where), sources=list(pins), version=pins))
                else:
                    s = Screener(store.load(Path(where)))
                # (a process that screens partitions, one batch after another: its
                # cache of index hits as wide as a batch worker's, see batch)
                s.index.allow_hit_bytes(WORKER_HIT_CACHE_BYTES)
                while len(_SCREENERS) >= SCREENERS_KEPT:  # (each some 300 MB)
                    del _SCREENERS[next(iter(_SCREENERS))]
                _SCREENERS[key] = s
    return s


# screeners a worker process keeps: the one of the snapshot in use, and the last
# before it (a long-lived session that takes up each list update would otherwise grow
# by a screener each time)
SCREENERS_KEPT = 2


def _quoted(column: str) -> str:
    """A column name as Spark reads it literally ("customer.name" is no struct field)."""
    return "`" + column.replace("`", "``") + "`"


def _user_folder(name: str) -> Path:
    """``name`` under the temporary folder, one per user account: another account's
    folder of that name would be one this account cannot write in."""
    uid = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return Path(tempfile.gettempdir()) / f"{name}-{uid}"


# a bundle (driver) or an unpacked one (executor) not used for this many days is
# removed when another is made: a nightly job on a long-lived cluster left some 100 MB
# a day on each host. (Not sooner: another job of the account may still use one.)
STALE_DAYS = 7


def _used(path: Path, pattern: str) -> None:
    """Mark ``path`` used now, and remove the stale others that ``pattern`` finds beside
    it (see :data:`STALE_DAYS`)."""
    import time

    try:
        os.utime(path)
    except OSError:
        return
    cutoff = time.time() - STALE_DAYS * 86400
    for other in path.parent.glob(pattern):
        try:
            if other != path and other.stat().st_mtime < cutoff:
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink()
        except OSError:
            continue


def _unpack(bundle: Path) -> Path:
    """The bundle unpacked under the temporary folder, once per machine and account."""
    target = _user_folder(bundle.stem)
    if (target / ".complete").is_file():
        _used(target, _user_folder("screen-snapshot-*").name)
        return target
    tmp = Path(tempfile.mkdtemp(prefix=f".{bundle.stem}-", dir=target.parent))
    try:
        with zipfile.ZipFile(bundle) as zf:
            zf.extractall(tmp)
        (tmp / ".complete").touch()
        try:
            os.rename(tmp, target)
        except OSError:  # another worker unpacked it first
            if not (target / ".complete").is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _used(target, _user_folder("screen-snapshot-*").name)
    return target


# --------------------------------------------------------------------------- driver


def _is_connect(session: Any) -> bool:
    """Whether ``session`` is a Spark Connect session (a client of a remote driver)
    rather than a classic one. Asked of the session itself, not of
    ``pyspark.sql.utils.is_remote()``: that reads an environment variable of the whole
    process, which a Connect session sets and (connected to a ``sc://`` address) leaves
    set after it stops. A process that never imported PySpark's Connect client holds no
    Connect session, and need not have the client's packages (grpcio, ...) installed."""
    connect = sys.modules.get("pyspark.sql.connect.session")
    return connect is not None and isinstance(session, connect.SparkSession)


def _ship(session: Any, bundle: Path) -> None:
    """Send ``bundle`` to the executors that run ``session``'s jobs, where
    ``SparkFiles.get(bundle.name)`` finds it. A classic session copies it with
    ``SparkContext.addFile``. A Spark Connect session has no SparkContext (the driver's
    JVM is on the server, not in this process): the bundle is uploaded to the server as
    a file artifact of that session, which Spark hands to the session's executors as it
    does an added file. Both accept the same file again (at each call); a Connect server
    refuses a file of that name whose bytes differ (a bundle written anew after the
    temporary folder was cleaned: the ZIP records the time of its files), which holds
    the same snapshot for the same code, as its name says, so the one it has is used."""
    if not _is_connect(session):
        session.sparkContext.addFile(str(bundle))
        return
    try:
        session.addArtifacts(str(bundle), file=True)
    except Exception as exc:
        condition = getattr(exc, "getCondition", getattr(exc, "getErrorClass", None))
        if condition is None or condition() != "ARTIFACT_ALREADY_EXISTS":
            raise


def _bundle(snapshot: Any, screener: Screener) -> Path:
    """One ZIP of the snapshot's tables, manifests and candidate index (``screener``'s,
    saved in the data home or, where that is read-only, written here): a minimal data
    home, whose executors load the index instead of building it (some 10 s)."""
    from . import store
    from .index import code_fingerprint

    home = Path(snapshot.path)
    fingerprint = code_fingerprint()
    name = f"screen-snapshot-{snapshot.id}-{fingerprint}.zip"
    out_dir = _user_folder("screen-spark")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    if path.is_file():
        _used(path, "screen-snapshot-*.zip")
        return path
    tmp = out_dir / f".{name}.{os.getpid()}.tmp"
    index_name = f"{snapshot.id}-{fingerprint}.npz"
    index = home / "index" / index_name
    own_index = None
    try:
        if not index.is_file():
            own_index = out_dir / f".{index_name}.{os.getpid()}.tmp"
            screener.index.save(own_index)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
            for source, m in snapshot.manifest.items():
                version = m["version"]
                d = home / source / version
                for f in (store.MANIFEST, "entities.parquet", "names.parquet"):
                    zf.write(d / f, f"{source}/{version}/{f}")
                zf.writestr(f"{source}/{store.CURRENT}", version + "\n")
            zf.write(own_index or index, f"index/{index_name}")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        if own_index is not None:
            own_index.unlink(missing_ok=True)
    _used(path, "screen-snapshot-*.zip")
    return path


def _arrow_type(spark_type: Any, timezone: str | None) -> pa.DataType:
    from pyspark.sql.pandas.types import to_arrow_type

    # (a timestamp column comes to mapInArrow in the session's time zone; PySpark 3.5
    # takes no time zone here, and hands timestamps over in UTC)
    try:
        return to_arrow_type(spark_type, timezone=timezone)
    except TypeError:
        return to_arrow_type(spark_type)


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


__all__ = ["SparkScreenError", "executor_screener", "screen_dataframe"]
