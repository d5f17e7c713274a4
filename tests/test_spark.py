"""screen.spark on a local Spark session: the same rows as screen.batch.match_table."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screen import Screener, load, store
from screen.batch import OUTPUT_SCHEMA, match_table

pytestmark = pytest.mark.spark

DATA = Path(__file__).parent / "data"

QUERIES = [
    "Chen Mingguo", "Ch'en Ming-kuo", "Wang Mingshan", "Zhu Hailun", "Chu Hai-lun",
    "Khalid Sheikh Mohammed", "Mohammed Khalid Sheikh", "Samira Shahbandar", "سميرة الشاهبندر",
    "Logarcheo SA", "Hengbangwei Electronics", "XPCC PSB", "Choe Song Il", "Hossein Taeb",
    "Abu Zayd Dorda", "Intissar al-Ubaydi", "Haji Khairullah Money Exchange", "Anna Smith",
    "Pierre Dubois", "Maria García", "Kenji Tanaka", None, "", "!!!", "Ali Salem",
    "Ahmed Jan Akhund", "Mohammad Hassan Akhund", "Junzheng Wang", "John Smith",
]


def _need_local_spark() -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install screen[spark])")
    pytest.importorskip("pandas", reason="pandas is not installed: PySpark's mapInArrow "
                        "needs it (pip install 'pyspark[sql]')")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime on this machine: Spark needs Java 17 or later")


# a local session for short test jobs (the classic one and the Connect server alike)
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
    "spark.ui.showConsoleProgress": "false",
    # a short job: the JVM's quick compiler and no query re-planning start faster
    "spark.driver.extraJavaOptions": "-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
}


@pytest.fixture(scope="module")
def spark():
    _need_local_spark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("screen-tests")
        .config(map=LOCAL_CONF)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def small_home(tmp_path_factory) -> Path:
    """The EU and UK excerpts of tests/data as a data home: small, so fast to ship."""
    home = tmp_path_factory.mktemp("spark") / "home"
    report = store.import_dir(DATA, home=home, sources=["eu", "uk"])
    assert report.ok, report.summary()
    return home


def _expected(home: Path) -> list[dict]:
    got = match_table({"name": QUERIES}, screener=Screener(load(home)), workers=1)
    return [{"id": r.pop("input_row"), **r} for r in got.to_pylist()]


def _collected(df) -> list[dict]:
    rows = [r.asDict(recursive=True) for r in df.collect()]
    rows.sort(key=lambda r: r["id"])  # stable: a row's matches stay in the matcher's order
    return rows


def test_screen_dataframe_equals_match_table_on_the_same_rows(spark, small_home):
    from screen.spark import screen_dataframe

    df = spark.createDataFrame(list(enumerate(QUERIES)), "id long, name string")
    assert df.rdd.getNumPartitions() == 2
    out = screen_dataframe(df, "name", id_column="id", snapshot_path=small_home)
    assert out.columns == ["id", *OUTPUT_SCHEMA.names]
    rows = _collected(out)
    # input_row is Spark's row id: one per input row, whatever its partition
    by_id = {}
    for r in rows:
        assert by_id.setdefault(r["id"], r["input_row"]) == r["input_row"]
    assert len(set(by_id.values())) == len(by_id)
    for r in rows:
        del r["input_row"]
    expected = _expected(small_home)
    assert rows == expected
    assert {"match", "null name", "empty name"} <= {r["status"] for r in rows}


def test_screen_dataframe_reads_payment_fields_as_match_table_does(spark, small_home):
    from screen.spark import screen_dataframe

    fields = [f"/DE4450010517\n{q}\n5 HIGH STREET" if isinstance(q, str) else q
              for q in QUERIES]
    df = spark.createDataFrame(list(enumerate(fields)), "id long, name string")
    rows = _collected(screen_dataframe(df, "name", id_column="id", snapshot_path=small_home,
                                       field=True))
    for r in rows:
        del r["input_row"]
    got = match_table({"name": fields}, screener=Screener(load(small_home)), workers=1,
                      field=True)
    expected = [{"id": r.pop("input_row"), **r} for r in got.to_pylist()]
    assert rows == expected
    assert any("field read as" in (r["explanation"] or "") for r in rows)


def test_executors_can_load_a_shared_data_home_instead(spark, small_home):
    from screen.spark import screen_dataframe

    df = spark.createDataFrame(list(enumerate(QUERIES)), "id long, name string")
    out = screen_dataframe(df, id_column="id", snapshot_path=small_home, ship=False,
                           threshold=90, limit=1)
    rows = _collected(out)
    for r in rows:
        del r["input_row"]
    got = match_table({"name": QUERIES}, screener=Screener(load(small_home)), workers=1,
                      threshold=90, limit=1)
    assert rows == [{"id": r.pop("input_row"), **r} for r in got.to_pylist()]


def test_a_missing_column_is_refused_on_the_driver(spark, small_home):
    from screen.spark import SparkScreenError, screen_dataframe

    df = spark.createDataFrame([(1, "x")], "id long, full_name string")
    with pytest.raises(SparkScreenError, match=r"column 'name' is not in the DataFrame "
                                               r"\(columns: 'id', 'full_name'\)"):
        screen_dataframe(df, snapshot_path=small_home)


def test_a_column_object_or_a_name_twice_is_refused_on_the_driver(spark, small_home):
    from pyspark.sql import functions as F

    from screen.spark import SparkScreenError, screen_dataframe

    df = spark.createDataFrame([(1, "x")], "id long, name string")
    with pytest.raises(TypeError, match="'column' must be a column's name, str"):
        screen_dataframe(df, F.col("name"), snapshot_path=small_home)
    with pytest.raises(TypeError, match="'id_column' must be a column's name, str"):
        screen_dataframe(df, id_column=F.col("id"), snapshot_path=small_home)
    both = df.alias("a").join(df.alias("b"), "id").toDF("id", "name", "Name")
    with pytest.raises(SparkScreenError, match=r"column 'name': the DataFrame has 2 columns "
                                               r"of that name \('name', 'Name'\)"):
        screen_dataframe(both, snapshot_path=small_home)


def test_a_column_name_in_another_case_is_the_column_where_spark_ignores_case(spark, small_home):
    from screen.spark import screen_dataframe

    df = spark.createDataFrame(list(enumerate(QUERIES)), "id long, name string")
    want = _collected(screen_dataframe(df, id_column="id", snapshot_path=small_home))
    got = _collected(screen_dataframe(df, "NAME", id_column="ID", snapshot_path=small_home))
    assert got == want and got


def test_a_relative_data_home_is_read_by_the_executors_where_the_driver_read_it(
        spark, small_home, monkeypatch):
    from screen.spark import screen_dataframe

    df = spark.createDataFrame(list(enumerate(QUERIES)), "id long, name string")
    monkeypatch.chdir(small_home.parent)  # (after the workers started, elsewhere)
    out = screen_dataframe(df, id_column="id", snapshot_path=small_home.name, ship=False,
                           threshold=90, limit=1)
    assert len(_collected(out)) == len(_collected(screen_dataframe(
        df, id_column="id", snapshot_path=small_home, ship=False, threshold=90, limit=1)))


def test_a_shared_data_home_updated_between_two_jobs_is_screened_anew(
        spark, small_home, tmp_path):
    """With ``ship=False`` the executors' screener was kept under the home's path alone:
    after ``screen update`` a long-lived session went on screening yesterday's lists.
    The driver's versions are pinned now; of the screeners a worker keeps, at most
    SCREENERS_KEPT."""
    from screen import spark as spark_mod
    from screen.spark import screen_dataframe

    home = tmp_path / "home"
    shutil.copytree(small_home, home)
    df = spark.createDataFrame([(0, "Henin Ashraf Refaat Nabith"), (1, "Nabil Zuhair Haddad")],
                               "id long, name string")
    first = _collected(screen_dataframe(df, id_column="id", snapshot_path=home, ship=False))
    assert [r["id"] for r in first] == [0]
    old_id = load(home).id
    assert {r["snapshot"] for r in first} == {old_id}
    # the next EU edition renames the listed person
    eu = tmp_path / "in" / "eu_fsf_excerpt_2026-08-05.xml"
    eu.parent.mkdir()
    eu.write_text((DATA / eu.name).read_text(encoding="utf-8").replace(
        "Henin Ashraf Refaat Nabith", "Nabil Zuhair Haddad"), encoding="utf-8")
    assert store.import_dir(eu.parent, home=home, sources=["eu"]).ok
    new_id = load(home).id
    assert new_id != old_id
    second = _collected(screen_dataframe(df, id_column="id", snapshot_path=home, ship=False))
    assert [r["id"] for r in second] == [1]
    assert {r["snapshot"] for r in second} == {new_id}
    # in one worker process: one screener a snapshot, the oldest dropped
    versions = tuple(sorted(load(home).versions.items()))
    older = tuple(sorted(store.load_version("eu", store.versions("eu", home=home)[0],
                                            home=home).versions.items()))
    spark_mod._SCREENERS.clear()
    assert spark_mod.executor_screener("home", str(home), versions).snapshot_id == new_id
    assert spark_mod.executor_screener("home", str(home), older).snapshot_id != new_id
    spark_mod.executor_screener("home", str(home), versions)  # used last now
    assert len(spark_mod._SCREENERS) == spark_mod.SCREENERS_KEPT == 2
    small = tuple(sorted(load(small_home).versions.items()))
    spark_mod.executor_screener("home", str(small_home), small)
    # the one used least recently went, not the one built first
    assert list(spark_mod._SCREENERS) == [("home", str(home), versions),
                                          ("home", str(small_home), small)]


def test_odd_column_names_and_a_timestamp_id_column(spark, small_home):
    """A column name with a dot (no struct field), and an id column of Spark's timestamp
    type (its Arrow type needs the session's time zone); an id column named like an
    output column in another case is refused (Spark resolves names without case)."""
    import datetime as dt

    from screen.spark import SparkScreenError, screen_dataframe

    when = dt.datetime(2026, 1, 2, 3, 4, 5)
    df = spark.createDataFrame([(when, "Henin Ashraf Refaat Nabith"), (when, "Anna Smith")],
                               "`opened at` timestamp, `customer.name` string")
    out = screen_dataframe(df, "customer.name", id_column="opened at",
                           snapshot_path=small_home)
    rows = out.collect()
    assert [(r["opened at"], r["status"]) for r in rows] == [(when, "match")]
    renamed = df.withColumnRenamed("opened at", "Source")
    with pytest.raises(SparkScreenError, match="must not be named like an output column"):
        screen_dataframe(renamed, "customer.name", id_column="Source", snapshot_path=small_home)


# PySpark's Connect client: module, and the distribution that installs it
CONNECT_CLIENT = {"grpc": "grpcio", "grpc_status": "grpcio-status",
                  "google.rpc": "googleapis-common-protos", "zstandard": "zstandard"}

# Run by test_screen_dataframe_on_a_spark_connect_session in a process of its own: a
# local Connect server (a classic session with Spark's Connect plugin, as
# SparkSession.builder.remote("local[2]") starts it, but on a free port of the loopback:
# that one takes port 15002, which a test run beside this one would take too) and a
# Connect client of it. Writes what each call of screen_dataframe collected, pickled.
CONNECT_JOB = r"""
import glob, json, os, pickle, socket, sys, tempfile, uuid, zipfile

home, queries, out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
os.environ["SPARK_CONNECT_AUTHENTICATE_TOKEN"] = uuid.uuid4().hex  # (server and client)

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

server = (
    SparkSession.builder.master("local[2]")
    .appName("screen-tests-connect")
    .config("spark.plugins", "org.apache.spark.sql.connect.SparkConnectPlugin")
    .config("spark.connect.grpc.binding.address", "127.0.0.1")
    .config("spark.connect.grpc.binding.port", str(port))
    .config(map=json.loads(sys.argv[4]))  # (the tests' LOCAL_CONF)
    .getOrCreate()
)
server.sparkContext.setLogLevel("ERROR")
# the process is a Connect client from here on, as SparkSession.builder.remote("local")
# marks it once its server runs: pyspark.sql.functions then build Connect columns
os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
from pyspark.sql.connect.session import SparkSession as ConnectSession

spark = ConnectSession.builder.remote(f"sc://localhost:{port}").getOrCreate()
from screen.spark import screen_dataframe

df = spark.createDataFrame(list(enumerate(queries)), "id long, name string").repartition(2)
assert df.select(F.spark_partition_id()).distinct().count() == 2
results = {}

def run(label, **options):
    got = screen_dataframe(df, "name", id_column="id", snapshot_path=home, **options)
    results[label] = (got.columns, [r.asDict(recursive=True) for r in got.collect()])

run("shipped")
# the bundle written anew, with other bytes, under its name (as after the temporary
# folder was cleaned): the server keeps the one it has, the second call is screened
(bundle,) = glob.glob(os.path.join(tempfile.gettempdir(), "screen-spark-*", "*.zip"))
with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(bundle + ".new", "w") as new:
    for info in old.infolist():
        data = old.read(info)
        info.date_time = (2001, 2, 3, 4, 5, 6)
        new.writestr(info, data)
os.replace(bundle + ".new", bundle)
run("shipped again")
run("shared home", ship=False)
with open(out, "wb") as f:
    pickle.dump(results, f)
spark.stop()
server.stop()
"""


def test_screen_dataframe_on_a_spark_connect_session(small_home, tmp_path):
    """A Spark Connect session has no SparkContext: shipping the bundle with
    ``SparkContext.addFile`` failed there (``JVM_ATTRIBUTE_NOT_SUPPORTED``). It is a file
    artifact of the session now, and the rows equal match_table's, shipped (twice, the
    second time a bundle of other bytes under the same name) or read from the home.
    (In a process of its own: a Connect client marks the whole process as one, which
    the classic session of the other tests could not share.)"""
    _need_local_spark()
    missing = [dist for module, dist in CONNECT_CLIENT.items() if _absent(module)]
    if missing:
        pytest.skip(f"PySpark's Connect client is not installed (missing: "
                    f"{', '.join(missing)}; pip install 'pyspark[connect]')")
    out = tmp_path / "rows.pickle"
    tmp = tmp_path / "tmp"  # (the job's bundle, apart from other runs')
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "PYSPARK_PYTHON": sys.executable,
           "PYSPARK_DRIVER_PYTHON": sys.executable}
    for name in ("SPARK_REMOTE", "SPARK_CONNECT_MODE_ENABLED", "SPARK_LOCAL_REMOTE",
                 "SPARK_API_MODE", "SPARK_CONNECT_AUTHENTICATE_TOKEN"):
        env.pop(name, None)
    started = time.monotonic()
    job = subprocess.run(
        [sys.executable, "-c", CONNECT_JOB, str(small_home), json.dumps(QUERIES), str(out),
         json.dumps(LOCAL_CONF)],
        check=False, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert job.returncode == 0, (f"the Connect job failed after "
                                 f"{time.monotonic() - started:.0f} s:\n{job.stderr[-6000:]}")
    results = pickle.loads(out.read_bytes())
    expected = _expected(small_home)
    assert {r["status"] for r in expected} >= {"match", "null name", "empty name"}
    assert list(results) == ["shipped", "shipped again", "shared home"]
    for label, (columns, rows) in results.items():
        assert columns == ["id", *OUTPUT_SCHEMA.names], label
        rows.sort(key=lambda r: r["id"])  # (stable: a row's matches in the matcher's order)
        by_id: dict = {}  # (input_row: one per input row)
        for r in rows:
            assert by_id.setdefault(r["id"], r["input_row"]) == r.pop("input_row"), label
        assert len(set(by_id.values())) == len(by_id), label
        assert rows == expected, label


def _absent(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:  # (its parent package is missing)
        return True


def test_the_bundle_holds_an_index_also_when_the_home_kept_none(small_home, tmp_path,
                                                                  monkeypatch):
    """A data home the job cannot write in keeps no saved index: the bundle had none,
    and every executor built it again (some 10 s for the full lists). The screener's
    own index goes into it now; bundles live in a folder of this account's."""
    import tempfile
    import zipfile

    from screen import spark as spark_mod

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    home = tmp_path / "home"
    shutil.copytree(small_home, home)
    snapshot = load(home)
    screener = Screener(snapshot)
    shutil.rmtree(home / "index")  # (as a read-only home would have it: none saved)
    bundle = spark_mod._bundle(snapshot, screener)
    assert bundle.parent.name == f"screen-spark-{os.getuid()}"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
    assert [n for n in names if n.startswith("index/")] == [f"index/{bundle.stem[16:]}.npz"]
    assert sorted(p.name for p in bundle.parent.iterdir()) == [bundle.name]  # no leftovers
    unpacked = spark_mod._unpack(bundle)
    assert unpacked.name == f"{bundle.stem}-{os.getuid()}"
    from screen.index import NameIndex

    assert NameIndex.load(next((unpacked / "index").iterdir())) is not None


def test_bundles_and_unpacked_snapshots_unused_for_a_week_are_removed(tmp_path):
    from screen import spark as screen_spark

    week = screen_spark.STALE_DAYS * 86400
    now = time.time()
    old_zip, recent_zip, other = (tmp_path / f"screen-snapshot-{n}.zip" for n in "abc")
    old_dir = tmp_path / "screen-snapshot-d-0"
    for p in (old_zip, recent_zip, other):
        p.write_bytes(b"x")
    old_dir.mkdir()
    (old_dir / ".complete").touch()
    keep = tmp_path / "my-notes.zip"  # not a bundle
    keep.write_bytes(b"x")
    for p in (old_zip, old_dir, keep):
        os.utime(p, (now - week - 60, now - week - 60))
    os.utime(recent_zip, (now - week + 3600, now - week + 3600))
    os.utime(other, (now - week - 60, now - week - 60))
    screen_spark._used(other, "screen-snapshot-*.zip")  # the one used now stays
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "my-notes.zip", "screen-snapshot-b.zip", "screen-snapshot-c.zip", "screen-snapshot-d-0"]
    assert other.stat().st_mtime > now - 60
    screen_spark._used(recent_zip, "screen-snapshot-*-0")  # unpacked folders
    assert not old_dir.exists() and other.exists()
