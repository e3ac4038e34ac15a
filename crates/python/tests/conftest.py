"""Shared fixtures: the project's root, the `khulasa` binary the module is compared with, and ANT's data."""

import email.utils
import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "corpora" / "coalition-marrakech.txt"
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"
DAY = "2018-05-09"


def binary() -> Path:
    """`KHULASA_BIN`, else the debug build under `CARGO_TARGET_DIR` or the project's `target/`."""
    if os.environ.get("KHULASA_BIN"):
        return Path(os.environ["KHULASA_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "khulasa"


@pytest.fixture(scope="module")
def khulasa_bin() -> Path:
    path = binary()
    if not path.exists():
        message = f"{path} is missing: build it with `cargo build` or set KHULASA_BIN"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def run(khulasa_bin: Path, *args, stdin: str = "") -> str:
    done = subprocess.run(
        [str(khulasa_bin), *map(str, args)], input=stdin.encode(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def command_summaries(khulasa_bin: Path, *args) -> dict:
    """`khulasa summarize --format jsonl` over ARGS: each story's id and its sentences."""
    out = run(khulasa_bin, "summarize", "--format", "jsonl", "--quiet", *args)
    lines = [json.loads(line) for line in out.splitlines()]
    return {line["id"]: line["sentences"] for line in lines}


def without_cstart(sentences: list) -> list:
    """Sentences as the command writes them (no character offsets)."""
    return [{k: v for k, v in s.items() if k not in ("cstart", "cend")} for s in sentences]


def day_of(record: dict):
    """The day a record's `date` (else `time`) names, as the command reads it (no time-zone conversion)."""
    value = record.get("date") or record.get("time")
    if not value:
        return None
    parsed = email.utils.parsedate_tz(value)
    if parsed is not None:
        return "%04d-%02d-%02d" % parsed[:3]
    return value[:10]


def need_ant() -> Path:
    if not ANT.exists():
        message = f"{ANT} is absent (ANT corpus): data tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{ANT} is missing: CI must have the data")
        pytest.skip(message)
    return ANT


@pytest.fixture(scope="module")
def ant() -> Path:
    return need_ant()


@pytest.fixture(scope="module")
def ant_day(ant) -> list:
    """The records of 2018-05-09, in file order, each with `id` set from ANT's `docno`."""
    records = []
    with gzip.open(ant, "rt", encoding="utf-8") as feed:
        for line in feed:
            record = json.loads(line)
            if day_of(record) == DAY:
                record["id"] = record["docno"]
                records.append(record)
    return records
