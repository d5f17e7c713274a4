"""screen.spark on a local Spark session: the same rows as screen.batch.match_table."""

from __future__ import annotations

import os
import shutil
import sys
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


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install screen[spark])")
    pytest.importorskip("pandas", reason="pandas is not installed: PySpark's mapInArrow "
                        "needs it (pip install 'pyspark[sql]')")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("no Java runtime on this machine: Spark needs Java 17 or later")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("screen-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.ui.showConsoleProgress", "false")
        # a short job: the JVM's quick compiler and no query re-planning start faster
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
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
