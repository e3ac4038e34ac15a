#!/usr/bin/env python3
"""Builds corpora/lexicon-ar.tsv.gz, the word-frequency lexicon that khulasa-normalize uses to repair lam-alef
ligatures reversed by PDF extraction.

Sources (read in place, never copied): the ANT corpus v2.1 (titles and texts of 31,525 news stories) and the
`# text` lines of UD Arabic-PUD. The EASC articles are NOT used: the repair is evaluated on them.

Only words and counts are written, and only the words the repair needs:
  * every word that holds a lam-alef (ل followed by ا أ إ آ) seen at least MIN_COUNT times,
  * every word that equals the damaged form of one of those (the ligature written "ال"), with its own count,
    so that the repairer can weigh "this is a real word" against "this is a damaged one", and
  * every word that holds alef-lam (what a damaged ligature looks like) seen at least MIN_COUNT_PLAIN times, so
    that a common word such as "الذي" is known as a word when its parts are looked up.
Words are runs of Arabic letters; diacritics and tatweel are removed before counting.

Usage: scripts/build-lexicon.py [DATA_DIR] [OUT]   (defaults: ../shared/data, corpora/lexicon-ar.tsv.gz)
"""
import collections
import gzip
import json
import os
import re
import sys

MIN_COUNT = 2
MIN_COUNT_PLAIN = 5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "corpora", "lexicon-ar.tsv.gz")

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
LAM_ALEF = re.compile("ل[اأإآ]")


def damage(word):
    """What PDF extraction makes of a word: each lam-alef ligature comes out as bare alef then lam."""
    return LAM_ALEF.sub("ال", word)


def count(counts, text):
    counts.update(WORD.findall(MARKS.sub("", text)))


def main():
    counts = collections.Counter()
    ant = os.path.join(DATA, "ant", "ant_v2.1.jsonl.gz")
    with gzip.open(ant, "rt", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            count(counts, story.get("title") or "")
            count(counts, story.get("text") or "")
    pud = os.path.join(DATA, "ud", "pud", "ar_pud-ud-test.conllu")
    with open(pud, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                count(counts, line[len("# text = "):])
    keep = {}
    for word, n in counts.items():
        if n >= MIN_COUNT and LAM_ALEF.search(word):
            keep[word] = n
            damaged = damage(word)
            if counts.get(damaged):
                keep[damaged] = counts[damaged]
    for word, n in counts.items():
        if n >= MIN_COUNT_PLAIN and "ال" in word:
            keep[word] = n
    rows = sorted(keep.items(), key=lambda kv: (-kv[1], kv[0]))
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{w}\t{n}\n" for w, n in rows).encode("utf-8"))
    print(f"{OUT}: {len(rows)} words ({sum(1 for w in keep if LAM_ALEF.search(w))} with lam-alef), "
          f"{os.path.getsize(OUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
