"""`summarize` gives the sentences `khulasa summarize` gives on the seed story, with each kind of option."""

import pytest

import khulasa
from conftest import SEED, command_summaries, without_cstart

TEXT = SEED.read_text(encoding="utf-8")

CASES = [
    ([], {}),
    (["--scorer", "lexrank"], {"scorer": "lexrank"}),
    (["--scorer", "lead"], {"scorer": "lead"}),
    (["--scorer", "textrank", "--sentences", "2"], {"scorer": "textrank", "sentences": 2}),
    (["--words", "60"], {"words": 60}),
    (["--ratio", "0.3"], {"ratio": 0.3}),
    (["--stemmer", "snowball", "--diversity", "0.6"], {"stemmer": "snowball", "diversity": 0.6}),
    (["--keep-stopwords", "--scorer", "tfidf"], {"keep_stopwords": True, "scorer": "tfidf"}),
]


@pytest.mark.parametrize("args,options", CASES, ids=[" ".join(a) or "defaults" for a, _ in CASES])
def test_the_seed_story_as_the_command_gives_it(khulasa_bin, args, options):
    expected = command_summaries(khulasa_bin, *args, SEED)
    assert len(expected) == 1
    got = khulasa.summarize(TEXT, **options)
    assert got, "a summary"
    assert without_cstart(got) == next(iter(expected.values()))


def test_offsets_in_bytes_and_in_characters():
    picks = khulasa.summarize(TEXT, sentences=5)
    assert [p["rank"] for p in sorted(picks, key=lambda p: p["rank"])] == [1, 2, 3, 4, 5]
    assert [p["start"] for p in picks] == sorted(p["start"] for p in picks), "document order"
    data = TEXT.encode()
    for p in picks:
        span = TEXT[p["cstart"] : p["cend"]]
        assert data[p["start"] : p["end"]].decode() == span
        assert span.strip(), "a sentence's span holds text"
        assert p["cend"] - p["cstart"] == len(span)
    assert sorted(picks[0]) == ["cend", "cstart", "end", "index", "rank", "score", "start", "text"]


def test_a_text_without_sentences_has_an_empty_summary():
    assert khulasa.summarize("") == []
    assert khulasa.summarize("   \n") == []


@pytest.mark.parametrize(
    "options,message",
    [
        ({"scorer": "best"}, "unknown scorer best (known: default, lead"),
        ({"stemmer": "porter"}, "unknown stemmer porter (known: light, snowball, none)"),
        ({"sentences": 0}, "a budget must allow at least one sentence or word"),
        ({"words": -2}, "words must be at least 1, not -2"),
        ({"ratio": 1.5}, "a ratio between 0 and 1, not Ratio(1.5)"),
        ({"diversity": 2.0}, "diversity must be a number between 0 and 1, not 2"),
        ({"sentences": 2, "words": 10}, "give at most one budget"),
    ],
)
def test_bad_options_are_value_errors_with_the_library_message(options, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        khulasa.summarize(TEXT, **options)


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError):
        khulasa.summarize(42)
    with pytest.raises(TypeError):
        khulasa.summarize_many("one text, not a list")
    with pytest.raises(TypeError):
        khulasa.summarize_many([3.5])
    with pytest.raises(ValueError, match="item 0: no `text` field"):
        khulasa.summarize_many([{"title": "no text"}])
    with pytest.raises(ValueError, match="unknown idf sometimes"):
        khulasa.summarize_many([TEXT], idf="sometimes")
    with pytest.raises(ValueError, match="threads must be at least 1"):
        khulasa.summarize_many([TEXT], threads=0)
