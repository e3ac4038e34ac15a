#!/usr/bin/env python3
"""Measures the lam-alef repair of `khulasa normalize` on the EASC development articles.

Each article is damaged on purpose as PDF extraction damages text (each ل followed by ا أ إ آ becomes ال), sent
through `khulasa normalize` on standard input, and compared word by word (white-space tokens) with the clean
article after folding (diacritics, tatweel, alef variants, alef maqsura, ta marbuta, hamza seats; bidi and
zero-width controls, which the repair removes on purpose, are dropped too). The clean articles are also sent
through undamaged. Prints:
  damaged words restored, undamaged words changed (in the damaged articles), words changed in clean articles.

Usage: scripts/eval-repair.py [--verbose] [--data DIR] [--bin PATH]
  --bin defaults to $KHULASA, else target/release/khulasa (build it with `cargo build --release --bin khulasa`).
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAMAGE = re.compile("ل[اأإآ]")
DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                      **{chr(0x660 + d): str(d) for d in range(10)}, **{chr(0x6F0 + d): str(d) for d in range(10)}})


def fold(word):
    return DROP.sub("", word).translate(FOLD)


def normalize(binary, text):
    run = subprocess.run([binary, "normalize"], input=text.encode("utf-8"), capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list every wrong word")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--bin", default=os.environ.get("KHULASA", os.path.join(ROOT, "target", "release", "khulasa")))
    args = ap.parse_args()
    articles = os.path.join(args.data, "easc-dev", "articles")
    if not os.path.isdir(articles):
        print(f"skipped: {articles} absent", file=sys.stderr)
        return 0
    damaged_words = restored = undamaged_words = undamaged_changed = clean_words = clean_changed = 0
    misaligned = 0
    for name in sorted(os.listdir(articles)):
        with open(os.path.join(articles, name), encoding="utf-8-sig") as f:
            clean = f.read()
        damaged = DAMAGE.sub("ال", clean)
        clean_tokens = clean.split()
        for source, kind in ((damaged, "damaged"), (clean, "clean")):
            out_tokens = normalize(args.bin, source).split()
            if len(out_tokens) != len(clean_tokens):
                misaligned += 1
                print(f"{name} ({kind}): {len(out_tokens)} words out, {len(clean_tokens)} in", file=sys.stderr)
                continue
            for src, ref, out in zip(source.split(), clean_tokens, out_tokens):
                right = fold(out) == fold(ref)
                if kind == "clean":
                    clean_words += 1
                    clean_changed += not right
                elif src != ref:
                    damaged_words += 1
                    restored += right
                else:
                    undamaged_words += 1
                    undamaged_changed += not right
                if args.verbose and not right:
                    print(f"{name}\t{kind}\t{src}\t{out}\texpected {ref}")
    pct = lambda a, b: 100.0 * a / b if b else 0.0
    print(f"articles: {len(os.listdir(articles))}, misaligned runs: {misaligned}")
    print(f"damaged articles: damaged words restored {restored}/{damaged_words} = {pct(restored, damaged_words):.2f}% "
          f"(target >= 97%)")
    print(f"damaged articles: undamaged words changed {undamaged_changed}/{undamaged_words} = "
          f"{pct(undamaged_changed, undamaged_words):.3f}% (target <= 0.1%)")
    print(f"clean articles: words changed {clean_changed}/{clean_words} = {pct(clean_changed, clean_words):.3f}% "
          f"(target <= 0.02%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
