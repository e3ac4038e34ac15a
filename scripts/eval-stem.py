#!/usr/bin/env python3
"""Conflation of Arabic stemmers against the gold lemmas of two UD treebanks.

For all pairs of distinct word types whose part of speech is NOUN, ADJ, VERB or ADV:
  precision = pairs sharing a stem that also share a lemma / pairs sharing a stem
  recall    = pairs sharing a stem that also share a lemma / pairs sharing a lemma
A type's lemma is its most frequent gold lemma; lemmas are compared after folding (diacritics and tatweel removed,
alef variants, alef maqsura, ta marbuta and hamza seats folded, as khulasa_normalize::fold does).

- PUD: a surface word is the run of tokens glued by SpaceAfter=No (punctuation excluded), so the stemmers see
  the clitics as written (لأوباما, نشرتها); the type's lemma is that of its content token.
- PADT dev (v1.2): syntactic words (clitics already split off), vowels stripped.

Run through scripts/eval-stem.sh, which builds khulasa and the virtual environment with NLTK and PyStemmer.
"""

import argparse
import collections
import re
import subprocess
import sys

CONTENT = {"NOUN", "ADJ", "VERB", "ADV"}
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold(text):
    return DIACRITICS.sub("", text).translate(FOLD)


def sentences(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                rows.append(cols)
    if rows:
        yield rows


def pud_types(path):
    """Surface words (tokens glued by SpaceAfter=No) holding one content token, with that token's lemma."""
    lemmas = collections.defaultdict(collections.Counter)
    for rows in sentences(path):
        group = []
        for cols in rows:
            group.append(cols)
            if "SpaceAfter=No" in cols[9].split("|") and cols is not rows[-1]:
                continue
            words = [c for c in group if c[3] != "PUNCT"]
            content = [c for c in words if c[3] in CONTENT]
            group = []
            if len(content) != 1:
                continue
            surface = "".join(c[1] for c in words)
            lemmas[surface][content[0][2]] += 1
    return {w: c.most_common(1)[0][0] for w, c in lemmas.items()}


def padt_types(path):
    """Syntactic words of content parts of speech, vowels stripped, with their lemmas."""
    lemmas = collections.defaultdict(collections.Counter)
    for rows in sentences(path):
        for cols in rows:
            if cols[3] in CONTENT:
                word = DIACRITICS.sub("", cols[1])
                if word:
                    lemmas[word][cols[2]] += 1
    return {w: c.most_common(1)[0][0] for w, c in lemmas.items()}


def pairs(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def conflation(types, stems):
    """(precision, recall, f1) of the stems against the lemmas of the types."""
    by_stem = collections.Counter()
    by_lemma = collections.Counter()
    by_both = collections.Counter()
    for word, lemma in types.items():
        stem, lemma = stems[word], fold(lemma)
        by_stem[stem] += 1
        by_lemma[lemma] += 1
        by_both[(stem, lemma)] += 1
    both = pairs(by_both)
    p = both / max(pairs(by_stem), 1)
    r = both / max(pairs(by_lemma), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def khulasa(binary, algorithm):
    def stem_all(words):
        out = subprocess.run(
            [binary, "stem", "--algorithm", algorithm, "--words"],
            input="\n".join(words) + "\n",
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")[: len(words)]
        if len(out) != len(words):
            sys.exit(f"khulasa stem --algorithm {algorithm}: {len(out)} lines for {len(words)} words")
        return out

    return stem_all


def light10(words):
    """Lucene's ArabicNormalizer + ArabicStemmer (Light10), for reference."""
    prefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"]
    suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]
    out = []
    for w in words:
        w = DIACRITICS.sub("", w).translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}))
        for p in prefixes:
            if w.startswith(p) and (len(w) >= 4 if len(p) == 1 else len(w) >= len(p) + 2):
                w = w[len(p):]
                break
        for s in suffixes:
            if w.endswith(s) and len(w) >= len(s) + 2:
                w = w[: -len(s)]
        out.append(w)
    return out


def python_stemmers():
    found = []
    try:
        from nltk.stem.arlstem import ARLSTem
        from nltk.stem.isri import ISRIStemmer

        arl, isri = ARLSTem(), ISRIStemmer()
        found.append(("NLTK ARLSTem", lambda ws: [arl.stem(w) for w in ws]))
        found.append(("NLTK ISRI", lambda ws: [isri.stem(w) for w in ws]))
    except ImportError:
        print("skipped: NLTK absent (run scripts/eval-stem.sh)", file=sys.stderr)
    try:
        import Stemmer

        snow = Stemmer.Stemmer("arabic")
        found.append(("PyStemmer Snowball", lambda ws: snow.stemWords(ws)))
    except ImportError:
        print("skipped: PyStemmer absent (run scripts/eval-stem.sh)", file=sys.stderr)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--khulasa", default="target/release/khulasa", help="the khulasa binary")
    ap.add_argument("--data", default="../shared/data", help="the shared data folder")
    ap.add_argument("--only", help="evaluate only this stemmer (e.g. light)")
    args = ap.parse_args()

    corpora = [
        ("PUD", pud_types(f"{args.data}/ud/pud/ar_pud-ud-test.conllu")),
        ("PADT dev", padt_types(f"{args.data}/ud/padt-legacy-dev/ar-ud-dev.conllu")),
    ]
    stemmers = [
        ("khulasa light", khulasa(args.khulasa, "light")),
        ("khulasa snowball", khulasa(args.khulasa, "snowball")),
        ("Light10 (Lucene rules)", light10),
    ] + python_stemmers() + [("no stemming", khulasa(args.khulasa, "none"))]
    if args.only:
        stemmers = [s for s in stemmers if args.only in s[0]]

    header = "| stemmer | " + " | ".join(f"{name} P | R | F1" for name, _ in corpora) + " |"
    print(" ".join(f"{name}: {len(types)} types;" for name, types in corpora))
    print(header)
    print("| --- " * (1 + 3 * len(corpora)) + "|")
    for label, stem_all in stemmers:
        cells = []
        for _, types in corpora:
            words = sorted(types)
            stems = dict(zip(words, stem_all(words)))
            cells.extend(f"{x:.3f}" for x in conflation(types, stems))
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
