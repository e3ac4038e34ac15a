"""`split`, `normalize` and `stem` give what `khulasa split`, `normalize` and `stem` give."""

import json

import pytest

import khulasa
from conftest import SEED, run

TEXT = SEED.read_text(encoding="utf-8")


def test_split_as_the_command_gives_it(khulasa_bin):
    expected = [json.loads(line) for line in run(khulasa_bin, "split", "--format", "jsonl", SEED).splitlines()]
    got = khulasa.split(TEXT)
    assert [(u["text"], u["start"], u["end"], u["kind"]) for u in got] == [
        (u["text"], u["start"], u["end"], u["kind"]) for u in expected
    ]
    data = TEXT.encode()
    for u in got:
        assert data[u["start"] : u["end"]].decode() == TEXT[u["cstart"] : u["cend"]]
    assert {u["kind"] for u in got} >= {"headline", "body"}


def test_offsets_of_a_repaired_text_point_into_the_text_given():
    # Presentation forms are repaired (the unit's text differs), the offsets still point into the original.
    text = "ﺍﻟﺤﻜﻮﻣﺔ ﺗﻘﺮ ﺍﻟﻤﻮﺍﺯﻧﺔ. وقال الوزير إن الموازنة جاهزة."
    units = khulasa.split(text)
    assert len(units) == 2
    assert units[0]["text"] == khulasa.normalize(text[units[0]["cstart"] : units[0]["cend"]])
    assert text.encode()[units[1]["start"] : units[1]["end"]].decode() == text[units[1]["cstart"] : units[1]["cend"]]


def test_normalize_as_the_command_gives_it(khulasa_bin):
    damaged = "ﺍﻟﺤﻜﻮﻣﺔ ﺗﻘﺮ ﺍﻟﻤﻮﺍﺯﻧﺔ\n" + TEXT
    expected = run(khulasa_bin, "normalize", stdin=damaged)
    got = khulasa.normalize(damaged)
    assert got != damaged
    assert got == expected or got + "\n" == expected


@pytest.mark.parametrize("algorithm", ["light", "snowball", "none"])
def test_stem_as_the_command_gives_it(khulasa_bin, algorithm):
    words = ["الإرهابيّة", "والإرهاب", "  للحكومـــة  ", "Obama", "كانت", "يكون", ""]
    expected = run(khulasa_bin, "stem", "--words", "--algorithm", algorithm, stdin="\n".join(words) + "\n")
    assert khulasa.stem(words, algorithm) == expected.split("\n")[:-1]
    assert khulasa.stem(words) == khulasa.stem(words, algorithm="light")


def test_stem_refuses_an_unknown_algorithm():
    with pytest.raises(ValueError, match="unknown stemming algorithm `porter`"):
        khulasa.stem(["كانت"], "porter")
