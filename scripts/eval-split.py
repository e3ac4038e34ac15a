#!/usr/bin/env python3
"""Sentence-boundary F1 of `khulasa split` on UD Arabic-PUD.

The `# text` sentences of ../shared/data/ud/pud/ar_pud-ud-test.conllu are taken five at a time and joined into a
paragraph three ways:
  (a) with a space;
  (b) with no space after a sentence that ends in punctuation (web text: `الداخلية.وذكرت`);
  (c) with a space, then hard-wrapped at 70 characters with single line breaks.
Each paragraph goes to `khulasa split --format jsonl` on standard input. Boundaries are positions in the paragraph
with white space removed (so that a space or a line break at a cut does not matter); the end of the paragraph is
not counted, only the four boundaries inside it. Prints precision, recall and F1 for each way.

Usage: scripts/eval-split.py [--errors N]   (N: print up to N wrong boundaries of each way, in context)
The binary is $KHULASA when set, else it is built with `cargo build --release --bin khulasa` (into
$CARGO_TARGET_DIR when set). Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import textwrap
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUD = os.path.join(ROOT, "..", "shared", "data", "ud", "pud", "ar_pud-ud-test.conllu")
GROUP = 5
WRAP = 70


def sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line[len("# text = "):].strip() for line in f if line.startswith("# text = ")]


def ends_in_punctuation(sentence):
    return unicodedata.category(sentence[-1]).startswith("P")


def non_space_length(text):
    return sum(1 for c in text if not c.isspace())


def join(group, way):
    """The paragraph and its gold boundaries (non-white-space offsets of the cuts inside it)."""
    gold, count = [], 0
    for s in group[:-1]:
        count += non_space_length(s)
        gold.append(count)
    if way == "a":
        text = " ".join(group)
    elif way == "b":
        text = group[0]
        for prev, s in zip(group, group[1:]):
            text += ("" if ends_in_punctuation(prev) else " ") + s
    else:
        text = textwrap.fill(" ".join(group), width=WRAP, break_long_words=False, break_on_hyphens=False)
    return text, gold


def binary():
    if os.environ.get("KHULASA"):
        return os.environ["KHULASA"]
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "khulasa"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "khulasa")


def predicted(khulasa, text):
    run = subprocess.run([khulasa, "split", "--format", "jsonl"], input=text.encode("utf-8"),
                         capture_output=True, check=True)
    data = text.encode("utf-8")
    total = non_space_length(text)
    cuts = set()
    for line in run.stdout.decode("utf-8").splitlines():
        if line.strip():
            end = json.loads(line)["end"]
            cut = non_space_length(data[:end].decode("utf-8"))
            if cut < total:
                cuts.add(cut)
    return cuts


def context(text, cut, width=30):
    """The paragraph around a non-white-space offset, with `|` at the cut."""
    seen = 0
    for i, c in enumerate(text):
        if seen == cut:
            return (text[max(0, i - width):i] + " | " + text[i:i + width]).replace("\n", "⏎")
        if not c.isspace():
            seen += 1
    return text[-width:] + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong boundaries of each way")
    args = parser.parse_args()
    if not os.path.exists(PUD):
        print(f"skipped: {PUD} absent")
        return 0
    sents = sentences(PUD)
    groups = [sents[i:i + GROUP] for i in range(0, len(sents), GROUP)]
    khulasa = binary()
    names = {"a": "joined with a space", "b": "no space after punctuation", "c": f"hard-wrapped at {WRAP}"}
    print(f"UD Arabic-PUD: {len(sents)} sentences, {len(groups)} paragraphs of {GROUP}, "
          f"{sum(len(g) - 1 for g in groups)} boundaries inside paragraphs")
    print(f"{'way':<32} {'P':>6} {'R':>6} {'F1':>6}   TP  FP  FN")
    for way in "abc":
        tp = fp = fn = 0
        errors = []
        for group in groups:
            text, gold = join(group, way)
            got = predicted(khulasa, text)
            gold = set(gold)
            tp += len(got & gold)
            fp += len(got - gold)
            fn += len(gold - got)
            errors += [("FP", context(text, c)) for c in sorted(got - gold)]
            errors += [("FN", context(text, c)) for c in sorted(gold - got)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"({way}) {names[way]:<28} {p:6.4f} {r:6.4f} {f1:6.4f} {tp:4d} {fp:3d} {fn:3d}")
        for kind, where in errors[:args.errors]:
            print(f"    {kind} {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
