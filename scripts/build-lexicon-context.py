#!/usr/bin/env python3
"""Builds corpora/lexicon-ar.context.tsv.gz: neighbour counts for the readings of ambiguous damaged forms.

A damaged form is ambiguous when it is itself a word and also the damaged form of another word (`ثالث` "third"
and `ثلاث` "three" both come out `ثالث`). For each reading of such a form (the word itself and its repairs), the
script counts the words seen right before (`<`) and right after (`>`) it in ANT stories and UD-PUD text lines
(never EASC, which the repair is evaluated on), then writes counts only: `reading<TAB>side<TAB>neighbour<TAB>count`.
Readings are folded (khulasa_normalize::fold); neighbours are folded and then damaged (each lam-alef written
alef-lam), so that they look the same whether the text around them was damaged or not. A neighbour is the next
white-space token on the same line when both tokens are Arabic words only (punctuation between stops the context).

Usage: scripts/build-lexicon-context.py [DATA_DIR] [OUT]   (needs corpora/lexicon-ar.tsv.gz, built first)
"""
import collections
import gzip
import json
import os
import re
import sys

MIN_COUNT = 2
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "corpora", "lexicon-ar.context.tsv.gz")
LEXICON = os.path.join(ROOT, "corpora", "lexicon-ar.tsv.gz")

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
PURE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
LAM_ALEF = re.compile("ل[اأإآ]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold(word):
    return MARKS.sub("", word).translate(FOLD)


def damage(word):
    return LAM_ALEF.sub("ال", word)


def main():
    counts = {}
    with gzip.open(LEXICON, "rt", encoding="utf-8") as f:
        for line in f:
            word, n = line.rstrip("\n").split("\t")
            counts[word] = int(n)
    readings = collections.defaultdict(set)
    for word in counts:
        d = damage(word)
        if d != word and counts.get(d):
            readings[d].add(word)
            readings[d].add(d)
    targets = {fold(w) for ws in readings.values() for w in ws}
    pairs = collections.Counter()

    def scan(text):
        for line in text.split("\n"):
            tokens = [fold(t) if PURE.fullmatch(t) else None for t in line.split()]
            for a, b in zip(tokens, tokens[1:]):
                if a is None or b is None:
                    continue
                if a in targets:
                    pairs[(a, ">", damage(b))] += 1
                if b in targets:
                    pairs[(b, "<", damage(a))] += 1

    with gzip.open(os.path.join(DATA, "ant", "ant_v2.1.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            scan(story.get("title") or "")
            scan(story.get("text") or "")
    with open(os.path.join(DATA, "ud", "pud", "ar_pud-ud-test.conllu"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                scan(line[len("# text = "):])
    rows = sorted(((k, n) for k, n in pairs.items() if n >= MIN_COUNT), key=lambda kn: (kn[0][0], -kn[1], kn[0]))
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{r}\t{s}\t{nb}\t{n}\n" for (r, s, nb), n in rows).encode("utf-8"))
    print(f"{OUT}: {len(rows)} neighbour counts for {len(targets)} readings of {len(readings)} ambiguous forms, "
          f"{os.path.getsize(OUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
