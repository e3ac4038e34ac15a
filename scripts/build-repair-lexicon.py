#!/usr/bin/env python3
"""Builds the four tables of the lam-alef repair into crates/normalize/data/ (the crate carries its own data):

* lexicon-ar.tsv.gz (`word<TAB>count`): every word holding a lam-alef, every word equal to the damaged form of one of
  those (the ligature written "ال") with its own count, every word holding alef-lam seen at least 5 times, and every
  word starting with an alef (ا أ إ آ) seen at least 5 times: the stems a preposition `ل` or the article joins into
  a ligature (`لانعدام` = `ل` + `انعدام`), which the repair looks up for words it does not know, with the words
  that such a stem without its alef makes alone and after the article (`تحمل`, `التحمل` for `أتحمل`), seen at
  least once: the reading of `والتحمل` as the article against `ل` + `أتحمل`;
* article-stems.txt.gz (a word a line): the words that follow the article in the damaged form of a word, when
  they are words themselves (`سيما` of `السيما`): where such a form may be the article and a word;
* letter-context.tsv.gz (`left<TAB>right<TAB>n(ال)<TAB>n(لا)<TAB>n(لأ)<TAB>n(لإ)<TAB>n(لآ)`): for each alef-lam of the
  damaged form of every word, which pair the word holds there, by the letters around it in the damaged form
  (folded; up to LETTER_CONTEXT on each side, `^` and `$` for the word's ends): the weight of each word is
  1 + ln(count), so that a few common words do not speak for every rare one; contexts weighing MIN_LETTER_WEIGHT
  and more. What the repair reads for a word neither it nor its repair is in the lexicon (a name, a rare word);
* lexicon-ar.context.tsv.gz (`reading<TAB><|><TAB>neighbour<TAB>count`): for the damaged forms that are also words,
  how often each reading (folded) stands right after (`<`) or right before (`>`) a neighbour word (folded, then
  damaged; punctuation between them parts them, punctuation on the far side of either does not), counts of 2 and
  more; and, in a row with an empty neighbour (`reading<TAB><<TAB><TAB>count`), how often
  the reading (folded) was seen at all, among the same words: what those counts are shares of.

Two sets of these tables are written, from the titles and texts of ANT v2.1 stories (read in place and never
copied: only words and counts are written):
* crates/normalize/data/: counted on ALL of ANT (every day): the tables compiled into the binary by default;
* crates/normalize/data/ant-half-a/: counted on the stories published on the half-A days of
  scripts/eval-repair.py only, so that half B stays text the repair has never seen. build.rs compiles these
  instead when KHULASA_REPAIR_LEXICON=ant-half-a; scripts/eval-repair.py builds its own binary so for ANT.
The EASC articles and UD Arabic-PUD (evaluation corpora) are never used. Words are runs of Arabic letters;
diacritics and tatweel are removed before counting.

Usage: scripts/build-repair-lexicon.py [DATA_DIR]   (default ../shared/data)
"""
import collections
import gzip
import importlib.util
import json
import math
import os
import re
import string
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "crates", "normalize", "data")
_spec = importlib.util.spec_from_file_location("eval_repair", os.path.join(ROOT, "scripts", "eval-repair.py"))
eval_repair = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_repair)

MIN_COUNT = 1
MIN_COUNT_PLAIN = 5
MIN_COUNT_ALEF = 5
ALEF_FIRST = re.compile("^[اأإآ]")
MIN_CONTEXT = 2
LETTER_CONTEXT = 3
MIN_LETTER_WEIGHT = 5
LETTER_PAIRS = ("ال", "لا", "لأ", "لإ", "لآ")
MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
PURE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
LAM_ALEF = re.compile("ل[اأإآ]")
OUTER_PUNCTUATION = string.punctuation + "،؛؟«»“”‘’…"
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def word_of(token):
    """A white-space token as a word: (its letters folded, or None when it is no Arabic word once the punctuation at
    its ends is set aside; whether it starts without punctuation; whether it ends without). A token of marks alone
    (tatweel) folds to nothing: no word. The punctuation is `is_outer_punctuation`'s of the repair."""
    start = token.lstrip(OUTER_PUNCTUATION)
    core = start.rstrip(OUTER_PUNCTUATION)
    word = fold(core) or None if PURE.fullmatch(core) else None
    return word, start == token, core == start


def damage(word):
    """What PDF extraction makes of a word: each lam-alef ligature comes out as bare alef then lam."""
    return LAM_ALEF.sub("ال", word)


def fold(word):
    return MARKS.sub("", word).translate(FOLD)


def stories(data):
    """The texts counted, as (half of the story's day, title and text): every ANT story."""
    with gzip.open(os.path.join(data, "ant", "ant_v2.1.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            yield eval_repair.ant_half(story), [story.get("title") or "", story.get("text") or ""]


def main():
    every = list(stories(DATA))
    write_tables([t for _, texts in every for t in texts], OUT)
    write_tables([t for half, texts in every if half == "A" for t in texts], os.path.join(OUT, "ant-half-a"))


def write_tables(corpus, out):
    """Counts the words of `corpus` (a list of texts) and writes the tables into the folder `out`."""
    counts = collections.Counter()
    for text in corpus:
        counts.update(WORD.findall(MARKS.sub("", text)))
    keep = {}
    for word, n in counts.items():
        if n >= MIN_COUNT and LAM_ALEF.search(word):
            keep[word] = n
            damaged = damage(word)
            if counts.get(damaged):
                keep[damaged] = counts[damaged]
    for word, n in counts.items():
        if n >= MIN_COUNT_PLAIN and "ال" in word or n >= MIN_COUNT_ALEF and ALEF_FIRST.match(word):
            keep[word] = n
    for word, n in list(keep.items()):
        if n >= MIN_COUNT_ALEF and ALEF_FIRST.match(word) and not word.startswith("ال"):
            for other in (word[1:], "ال" + word[1:]):
                if counts.get(other):
                    keep[other] = counts[other]
    os.makedirs(out, exist_ok=True)
    rows = sorted(keep.items(), key=lambda kv: (-kv[1], kv[0]))
    with gzip.GzipFile(os.path.join(out, "lexicon-ar.tsv.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{w}\t{n}\n" for w, n in rows).encode("utf-8"))
    print(f"{out}/lexicon-ar.tsv.gz: {len(rows)} words", file=sys.stderr)

    readings = collections.defaultdict(set)
    for word in keep:
        d = damage(word)
        if d != word and keep.get(d):
            readings[d].add(word)
            readings[d].add(d)
    targets = {fold(w) for ws in readings.values() for w in ws}
    pairs = collections.Counter()
    totals = collections.Counter()
    for text in corpus:
        for line in text.split("\n"):
            tokens = [word_of(t) for t in line.split()]
            totals.update(w for w, _, _ in tokens if w in targets)
            for (a, _, a_ends_clean), (b, b_starts_clean, _) in zip(tokens, tokens[1:]):
                # Two words are neighbours when no punctuation stands between them; punctuation on the far side of
                # either (`صالح خاطر.`) is outside the pair.
                if a is None or b is None or not (a_ends_clean and b_starts_clean):
                    continue
                if a in targets:
                    pairs[(a, ">", damage(b))] += 1
                if b in targets:
                    pairs[(b, "<", damage(a))] += 1
    rows = [(k, n) for k, n in pairs.items() if n >= MIN_CONTEXT]
    rows += [((reading, "<", ""), n) for reading, n in totals.items()]
    rows.sort(key=lambda kn: (kn[0][0], -kn[1], kn[0]))
    with gzip.GzipFile(os.path.join(out, "lexicon-ar.context.tsv.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{r}\t{s}\t{nb}\t{n}\n" for (r, s, nb), n in rows).encode("utf-8"))
    print(f"{out}/lexicon-ar.context.tsv.gz: {len(rows)} pairs", file=sys.stderr)

    letters = letter_contexts(counts)
    with gzip.GzipFile(os.path.join(out, "letter-context.tsv.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{left}\t{right}\t" + "\t".join(map(str, weights)) + "\n"
                        for (left, right), weights in letters).encode("utf-8"))
    print(f"{out}/letter-context.tsv.gz: {len(letters)} contexts", file=sys.stderr)

    stems = sorted(article_stems(keep, counts))
    with gzip.GzipFile(os.path.join(out, "article-stems.txt.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write("".join(f"{stem}\n" for stem in stems).encode("utf-8"))
    print(f"{out}/article-stems.txt.gz: {len(stems)} stems", file=sys.stderr)


def letter_contexts(counts):
    """The rows of letter-context.tsv.gz, sorted: ((left, right), weights in the order of LETTER_PAIRS)."""
    weights = collections.defaultdict(lambda: [0.0] * len(LETTER_PAIRS))
    for word, n in counts.items():
        damaged = damage(word)
        padded = "^" + fold(damaged) + "$"
        weight = 1.0 + math.log(n)
        for found in re.finditer("ال", damaged):
            pair = word[found.start():found.end()]
            if pair not in LETTER_PAIRS:
                continue
            at = found.start() + 1
            # A context reaching past an end is the shorter one: counted once.
            keys = {(padded[max(0, at - left):at], padded[at + 2:at + 2 + right])
                    for left in range(LETTER_CONTEXT + 1) for right in range(LETTER_CONTEXT + 1)}
            for key in keys:
                weights[key][LETTER_PAIRS.index(pair)] += weight
    rows = [(key, [round(w) for w in ws]) for key, ws in weights.items()]
    return sorted((key, ws) for key, ws in rows if sum(ws) >= MIN_LETTER_WEIGHT)


def article_stems(keep, counts):
    """The words (two letters or more, seen at least MIN_COUNT_PLAIN times) that follow the article in the damaged
    form of a word of the lexicon (`سيما` of `السيما`, the damage of `لاسيما`): such a form may be the article and
    a word, not damage (`Repairer::add_damaged_words`). The damaged form's article stands where it first differs
    from the word, after at most two of the letters و ف ب ك."""
    stems = set()
    for word in keep:
        damaged = damage(word)
        if damaged == word:
            continue
        same = next(i for i, (a, b) in enumerate(zip(damaged, word)) if a != b)
        if same > 2 or any(c not in "وفبك" for c in damaged[:same]) or damaged[same:same + 2] != "ال":
            continue
        stem = damaged[same + 2:]
        if len(stem) >= 2 and counts.get(stem, 0) >= MIN_COUNT_PLAIN:
            stems.add(stem)
    return stems


if __name__ == "__main__":
    main()
