"""`summarize_many` gives what `khulasa summarize` gives over the same JSONL records, with the batch's own IDF."""

import json

import pytest

import khulasa
from conftest import ANT, DAY, SEED, command_summaries, run, without_cstart

TEXT = SEED.read_text(encoding="utf-8")


def by_id(records, summaries):
    """The non-empty summaries by record id (the command prints nothing for a story it cannot summarise)."""
    assert len(summaries) == len(records)
    return {r["id"]: without_cstart(s) for r, s in zip(records, summaries) if s}


def test_a_day_of_the_archive_as_the_command_gives_it(khulasa_bin, ant_day):
    assert len(ant_day) >= 100, "a day large enough for its own document frequencies"
    expected = command_summaries(khulasa_bin, ANT, "--id-field", "docno", "--date", DAY)
    got = by_id(ant_day, khulasa.summarize_many(ant_day))
    assert list(got) == list(expected), "the same stories, in the same order"
    for story, sentences in expected.items():
        assert got[story] == sentences, story
    # The same with two threads of a pool of its own, and with the records' own offsets right.
    again = khulasa.summarize_many(ant_day, threads=2)
    assert by_id(ant_day, again) == got
    for record, summary in zip(ant_day, again):
        data = record["text"].encode()
        for s in summary:
            assert data[s["start"] : s["end"]].decode() == record["text"][s["cstart"] : s["cend"]]


@pytest.mark.parametrize(
    "args,options",
    [
        (["--idf", "batch"], {"idf": "batch"}),
        ([], {}),
        (["--idf", "document", "--scorer", "lexrank"], {"idf": "document", "scorer": "lexrank"}),
        (["--words", "50", "--stemmer", "snowball"], {"words": 50, "stemmer": "snowball"}),
    ],
)
def test_a_small_batch_as_the_command_gives_it(khulasa_bin, ant_day, tmp_path, args, options):
    records = ant_day[:30]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = command_summaries(khulasa_bin, feed, "--id-field", "docno", *args)
    assert by_id(records, khulasa.summarize_many(records, **options)) == expected


def test_texts_and_dicts_and_empty_items():
    picks = khulasa.summarize_many([TEXT, {"text": TEXT, "id": 7, "title": None}, "", {"text": " "}])
    assert picks[0] == picks[1] == khulasa.summarize(TEXT)
    assert picks[2] == picks[3] == []
    assert khulasa.summarize_many([]) == []
    # Any iterable, a generator included.
    assert khulasa.summarize_many(t for t in [TEXT]) == [picks[0]]


def test_a_small_batch_takes_the_background_table_a_forced_one_its_own_counts():
    assert khulasa.summarize_many([TEXT])[0] == khulasa.summarize(TEXT)
    table = khulasa.DfTable.count([TEXT])
    assert khulasa.summarize_many([TEXT], idf="batch") == khulasa.summarize_many([TEXT], df=table)


def test_jsonl_lines_as_the_command_writes_them(khulasa_bin, ant_day):
    expected = run(khulasa_bin, "summarize", "--format", "jsonl", "--quiet", ANT, "--id-field", "docno", "--date", DAY)
    records = [dict(r) for r in ant_day]
    for r in records:
        r["id"] = r.pop("docno")
    got = "".join(khulasa.jsonl_line(r, s) for r, s in zip(records, khulasa.summarize_many(records)) if s)
    assert got == expected
    # A story without metadata: nulls, as the command writes them.
    line = json.loads(khulasa.jsonl_line(TEXT, khulasa.summarize(TEXT), scorer="default"))
    assert (line["date"], line["source"], line["title"], line["encoding"]) == (None, None, None, "utf-8")


def test_fields_as_the_command_reads_them():
    # Any value but a string in an optional field counts as absent (pandas gives NaN and Timestamps).
    base = khulasa.summarize_many([{"text": TEXT}])
    assert khulasa.summarize_many([{"text": TEXT, "title": float("nan"), "date": 3, "source": None}]) == base
    with pytest.raises(TypeError, match="item 1: `text` is not a string"):
        khulasa.summarize_many([TEXT, {"text": float("nan")}])
    line = json.loads(khulasa.jsonl_line({"text": TEXT, "id": 12, "src": "bbc", "time": "Wed, 09 May 2018 10:00:00 GMT"}, base[0]))
    assert (line["id"], line["source"], line["date"], line["title"]) == ("12", "bbc", "2018-05-09", None)
