#!/usr/bin/env python3
"""Checks `khulasa eval` against an independent ROUGE: Google's rouge-score package with a tokenizer written here
from the evaluation issue's definition (not from khulasa's code).

Usage: rouge-agreement.py CORPUS_DIR SUMMARIES_DIR KHULASA_JSON

SUMMARIES_DIR holds the summaries `khulasa eval --save-summaries` wrote (VARIANT/ARTICLE.txt), KHULASA_JSON the
report it printed with `--format json`. For every variant, P, R and F1 of ROUGE-1/2/L are recomputed (per article
averaged over its references, then over articles) and compared; the script fails when any figure differs by more
than 0.05 points.
"""
import json
import re
import sys
from pathlib import Path

from rouge_score import rouge_scorer, tokenizers

TOLERANCE = 0.05  # points of percent

# The issue's tokenisation: remove U+0610–061A, U+064B–065F, U+0670, U+06D6–06ED and tatweel; fold أ إ آ ٱ → ا,
# ى → ي, ة → ه, ؤ → و, ئ → ي, Arabic-Indic and Persian digits → ASCII; a token is a maximal run of U+0621–064A,
# U+0671–06D3, digits and ASCII letters.
REMOVE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
FOLD = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        "\u0624": "\u0648",
        "\u0626": "\u064a",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
TOKEN = re.compile("[\u0621-\u064a\u0671-\u06d30-9A-Za-z]+")


class ArabicTokenizer(tokenizers.Tokenizer):
    def tokenize(self, text):
        return TOKEN.findall(REMOVE.sub("", text).translate(FOLD))


def read(path):
    return path.read_text(encoding="utf-8-sig")


def main():
    corpus, summaries, report = (Path(a) for a in sys.argv[1:4])
    figures = {row["variant"]: row for row in json.loads(read(report))}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False, tokenizer=ArabicTokenizer())
    references = {}
    for folder in sorted((corpus / "summaries").iterdir()):
        references[folder.name] = [read(p) for p in sorted(folder.glob("*.txt"))]
    worst = 0.0
    print(f"{'variant':28} {'metric':7} {'khulasa F':>10} {'python F':>10} {'max |diff| over P/R/F':>22}")
    for name, row in sorted(figures.items()):
        folder = summaries / name.replace("/", "+")
        articles = sorted(folder.glob("*.txt"))
        if len(articles) != row["articles"]:
            sys.exit(f"{name}: {len(articles)} summaries in {folder}, the report says {row['articles']} articles")
        sums = {m: [0.0, 0.0, 0.0] for m in ("rouge1", "rouge2", "rougeL")}
        for path in articles:
            candidate = read(path)
            refs = references[path.stem]
            for ref in refs:
                scores = scorer.score(ref, candidate)
                for m, s in scores.items():
                    sums[m][0] += s.precision / len(refs)
                    sums[m][1] += s.recall / len(refs)
                    sums[m][2] += s.fmeasure / len(refs)
        for m, (p, r, f) in sums.items():
            ours = (100 * p / len(articles), 100 * r / len(articles), 100 * f / len(articles))
            theirs = (row[m]["p"], row[m]["r"], row[m]["f"])
            diff = max(abs(a - b) for a, b in zip(ours, theirs))
            worst = max(worst, diff)
            print(f"{name:28} {m:7} {theirs[2]:10.3f} {ours[2]:10.3f} {diff:22.5f}")
    verdict = "agree" if worst <= TOLERANCE else "DISAGREE"
    print(f"largest difference: {worst:.5f} points over {len(figures)} variants (tolerance {TOLERANCE}): {verdict}")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
