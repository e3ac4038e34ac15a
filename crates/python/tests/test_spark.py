"""`scripts/spark-summarize` writes what `khulasa summarize --format jsonl` writes (when pyspark and Java are here)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run

SCRIPT = ROOT / "scripts" / "spark-summarize"


def need_spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("pyspark is not installed (pip install pyspark): the Spark job is not tested")
    java = shutil.which("java") or (os.environ.get("JAVA_HOME") and os.path.join(os.environ["JAVA_HOME"], "bin", "java"))
    if not java or not os.path.exists(java):
        pytest.skip("no Java (apt-get install default-jre-headless): the Spark job is not tested")


def spark_output(feed, out, *args):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(feed), str(out), "--master", "local[2]", *args],
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode()[-4000:]
    assert (out / "_SUCCESS").exists()
    return b"".join(p.read_bytes() for p in sorted(out.glob("part-*")))


def test_a_day_on_spark_as_the_command_gives_it(khulasa_bin, ant_day, tmp_path):
    need_spark()
    feed = tmp_path / "day.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ant_day), encoding="utf-8")
    expected = run(khulasa_bin, "summarize", "--format", "jsonl", "--quiet", "--id-field", "docno", feed)
    got = spark_output(feed, tmp_path / "out", "--id-field", "docno", "--partitions", "3", "--save-df", tmp_path / "df")
    assert got.decode() == expected
    assert len(expected.splitlines()) > 200
    whole = tmp_path / "whole.tsv"
    run(khulasa_bin, "summarize", "--quiet", "--id-field", "docno", "--save-df", whole, feed)
    assert (tmp_path / "df").read_bytes() == whole.read_bytes()


def test_a_small_feed_takes_the_background_table_as_the_command_does(khulasa_bin, ant_day, tmp_path):
    need_spark()
    feed = tmp_path / "few.jsonl.gz"
    import gzip

    with gzip.open(feed, "wt", encoding="utf-8") as out:
        for r in ant_day[:12]:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    expected = run(khulasa_bin, "summarize", "--format", "jsonl", "--quiet", "--id-field", "docno", "--sentences", "2", feed)
    got = spark_output(feed, tmp_path / "out", "--id-field", "docno", "--sentences", "2")
    assert got.decode() == expected
