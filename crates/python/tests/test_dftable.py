"""`DfTable`: counted as `--save-df` counts, merged across shards, saved, loaded and pickled."""

import pickle

import pytest

import khulasa
from conftest import ANT, DAY, SEED, run

TEXT = SEED.read_text(encoding="utf-8")


def test_count_equals_the_command_save_df(khulasa_bin, tmp_path):
    saved = tmp_path / "seed.tsv"
    run(khulasa_bin, "summarize", "--quiet", "--save-df", saved, SEED)
    table = khulasa.DfTable.count([TEXT])
    assert table.documents == 1
    assert table.to_bytes() == saved.read_bytes()
    assert khulasa.DfTable.load(saved) == table


def test_merge_save_load_round_trip(tmp_path):
    half = TEXT[: len(TEXT) // 2]
    a = khulasa.DfTable.count([TEXT, half])
    b = khulasa.DfTable.count([{"text": half, "id": "x"}])
    both = khulasa.DfTable.count([TEXT, half, half])
    merged = khulasa.DfTable()
    assert merged.documents == 0 and len(merged) == 0
    merged.merge(a)
    merged.merge(b)
    assert merged == both and merged.documents == 3
    assert merged.get("تحالف") == both.get("تحالف") > 0 and merged.get("nothing") == 0
    path = tmp_path / "df.tsv"
    merged.save(path)
    loaded = khulasa.DfTable.load(str(path))
    assert loaded == merged and repr(loaded) == repr(merged)
    assert pickle.loads(pickle.dumps(merged)) == merged
    assert khulasa.DfTable.from_bytes(merged.to_bytes()) == merged
    # A merged table used for IDF: the same summaries as the batch's own counts.
    items = [TEXT, half, half]
    assert khulasa.summarize_many(items, df=merged) == khulasa.summarize_many(items, idf="batch")


def test_file_errors(tmp_path):
    with pytest.raises(OSError, match="cannot open"):
        khulasa.DfTable.load(tmp_path / "absent.tsv")
    with pytest.raises(OSError):
        khulasa.DfTable().save(tmp_path / "no" / "such" / "folder.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab here\n")
    with pytest.raises(ValueError, match=r"line 1: expected `term<TAB>count`"):
        khulasa.DfTable.load(bad)
    with pytest.raises(ValueError):
        khulasa.DfTable.from_bytes(b"\xff\xfe")
    with pytest.raises(TypeError):
        khulasa.DfTable().merge("not a table")


def test_shards_counted_apart_and_merged_give_the_command_summaries(khulasa_bin, ant_day, tmp_path):
    shards = [ant_day[i::3] for i in range(3)]
    table = khulasa.DfTable()
    for shard in shards:
        table.merge(khulasa.DfTable.count(shard))
    whole = tmp_path / "day.tsv"
    run(khulasa_bin, "summarize", "--quiet", "--id-field", "docno", "--date", DAY, "--save-df", whole, ANT)
    assert table == khulasa.DfTable.load(whole)
    assert khulasa.summarize_many(ant_day, df=table) == khulasa.summarize_many(ant_day)
