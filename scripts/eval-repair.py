#!/usr/bin/env python3
"""Measures the lam-alef repair of `khulasa normalize` on text it was not tuned on.

Two corpora, each split in two halves fixed here once and for all (by a hash, never by looking at the text):
  * easc: the EASC development articles (../shared/data/easc-dev/articles), by article: half A when the first
    byte of SHA-1(file name) is even, else half B;
  * ant: ANT v2.1 stories, by day of publication: half A when the first byte of SHA-1("YYYY-MM-DD") is even, else
    half B; one story in SAMPLE (by SHA-1 of its docno) of stories with at least 50 words is measured.
    The lexicon shipped in the binary is counted on ALL of ANT, so ANT is never measured with it: for ANT this
    script builds, from this checkout, a binary whose lexicon is counted on half-A days only
    (`KHULASA_REPAIR_LEXICON=ant-half-a cargo build --release --bin khulasa`, into the target folder of its own
    `ant-half-a` under $CARGO_TARGET_DIR, else target/; scripts/build-repair-lexicon.py uses `ant_half` from here),
    and uses it whatever --bin says: half B is text that binary has never seen. EASC, PUD and PADT are not ANT:
    they are measured with --bin, the lexicon users get.
The rules are tuned on half A only; half B is for the report.
Two more corpora are never tuned on at all, and have no halves:
  * pud: the UD Arabic-PUD treebank's sentences (../shared/data/ud/pud, news and Wikipedia), each article's
    sentences (sent_id without its last three digits) joined in order as one text: 397 short texts.
  * padt: the UD Arabic-PADT v1.2 dev file (../shared/data/ud/padt-legacy-dev: AFP, Ummah, Xinhua... newswire of
    2000-2003, two decades before ANT), each source story's sentences joined as one text: 80 stories. The file
    holds syntactic words, vocalised, clitics apart, and no text lines: each story is written back as news is
    published (see `padt_sentence`), without its vowel marks.

Each text is damaged on purpose as PDF extraction damages it (each ل followed by ا أ إ آ becomes ال), sent through
`khulasa normalize` on standard input, and compared word by word (white-space tokens) with the clean text after
folding (diacritics, tatweel, alef variants, alef maqsura, ta marbuta, hamza seats; bidi and zero-width controls,
which the repair removes on purpose, are dropped too). The clean texts are also sent through undamaged: for ANT,
that is the stories as published. Prints, per corpus and half:
  damaged words restored, undamaged words changed (in the damaged texts), words changed in clean texts.

With --words N, each text is cut into pieces of N white-space words (the last one shorter), each sent alone: a
headline or a paragraph repaired without its story, where the text holds little evidence of its own damage.

Usage: scripts/eval-repair.py [--half A|B|both] [--corpus easc|ant|both|pud|padt] [--words N] [--verbose] [--data DIR]
                              [--bin PATH]
  --bin (EASC, PUD, PADT) defaults to $KHULASA, else target/release/khulasa (build it with `cargo build --release --bin
  khulasa`); ANT is always measured with the half-A-lexicon binary built here (see above), never with --bin.
  --verbose lists every wrong word (never pass it with --half B while tuning).
"""
import argparse
import concurrent.futures
import email.utils
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAMAGE = re.compile("ل[اأإآ]")
DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                      **{chr(0x660 + d): str(d) for d in range(10)}, **{chr(0x6F0 + d): str(d) for d in range(10)}})
SAMPLE = 8
# The corpora without halves: never tuned on.
UNSPLIT = ("pud", "padt")
MIN_WORDS = 50


def half_of(key):
    """The half ("A" or "B") of an article name or a day: fixed by a hash, so that nobody picks it."""
    return "A" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def story_day(story):
    """The day (YYYY-MM-DD) an ANT story was published, or None."""
    try:
        return email.utils.parsedate_to_datetime(story["time"]).date().isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def ant_half(story):
    day = story_day(story)
    return half_of(day) if day else None


INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\r]")
PRESENTATION = re.compile("[\ufb50-\ufdef\ufe70-\ufefc]+")


def tokens(text):
    """White-space tokens, invisible controls dropped first: a control standing alone between spaces is removed by
    the repair on purpose and would otherwise shift every later word."""
    return INVISIBLE.sub("", text).split()


def fold(word):
    """Matching form of a word: a presentation form written as its letters is the same word (the repair writes
    them so on purpose: that is not a change of the word)."""
    word = PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()).replace(" ", ""), word)
    return DROP.sub("", word).translate(FOLD)


def normalize(binary, text):
    run = subprocess.run([binary, "normalize", "--quiet"], input=text.encode("utf-8"), capture_output=True,
                         check=True)
    return run.stdout.decode("utf-8")


def easc_texts(data, half):
    articles = os.path.join(data, "easc-dev", "articles")
    if not os.path.isdir(articles):
        print(f"skipped: {articles} absent", file=sys.stderr)
        return
    for name in sorted(os.listdir(articles)):
        if half_of(name) == half:
            with open(os.path.join(articles, name), encoding="utf-8-sig") as f:
                yield name, f.read()


def ant_texts(data, half):
    path = os.path.join(data, "ant", "ant_v2.1.jsonl.gz")
    if not os.path.exists(path):
        print(f"skipped: {path} absent", file=sys.stderr)
        return
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            text = story.get("text") or ""
            if (ant_half(story) != half or len(text.split()) < MIN_WORDS
                    or hashlib.sha1(story["docno"].encode()).digest()[1] % SAMPLE != 0):
                continue
            yield story["docno"], text


def present(path):
    """`path` when it exists; else None, said on standard error (the data is read in place, absent on a user's
    machine)."""
    if os.path.exists(path):
        return path
    print(f"skipped: {path} absent", file=sys.stderr)
    return None


def pud_texts(data, half):
    """PUD's articles; it has no halves (never tuned on), so it is read whatever half is asked for."""
    path = present(os.path.join(data, "ud", "pud", "ar_pud-ud-test.conllu"))
    if not path:
        return
    articles = {}
    sent_id = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# sent_id = "):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text = ") and sent_id:
                articles.setdefault(sent_id[:-3], []).append((sent_id, line.split("=", 1)[1].strip()))
    for name in sorted(articles):
        yield name, " ".join(text for _, text in sorted(articles[name]))


# Vowel marks only: PADT writes tatweel as a word of its own.
PADT_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
PADT_PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س"}
PADT_CLOSING = set(".،؛:؟!)»,;?")
PADT_OPENING = set("(«")


def padt_sentence(words):
    """One PADT sentence, its (form without marks, XPOS) syntactic words, as published: a one-letter conjunction,
    preposition or particle (XPOS C, P, F) joins the next word (`ل` + `الحظر` -> `للحظر`, the article losing its
    alef after that preposition), a pronoun in the genitive or accusative (XPOS `SP`, case 2 or 4) the word
    before it (ta marbuta and alef maqsura taking their inner forms: `مجموعة` + `ها` -> `مجموعتها`), closing
    punctuation the word before, opening punctuation the word after."""
    out = []
    prefix = ""
    glue = False
    for form, xpos in words:
        if not form:
            continue
        attached_pronoun = xpos.startswith("SP") and len(xpos) >= 9 and xpos[8] in "24"
        if attached_pronoun and out and not prefix and out[-1][-1:] not in PADT_CLOSING:
            host = out[-1]
            if host.endswith("ة"):
                host = host[:-1] + "ت"
            elif host.endswith("ى"):
                host = host[:-1] + "ي"
            out[-1] = host + form
            continue
        if xpos[:1] in "CPF" and form in PADT_PROCLITICS:
            prefix += form
            continue
        if xpos[:1] == "G" and not prefix:
            if form in PADT_CLOSING and out:
                out[-1] += form
            else:
                out.append(form)
                glue = form in PADT_OPENING
            continue
        if prefix.endswith("ل") and form.startswith("ال"):
            form = form[1:]
        word = prefix + form
        prefix = ""
        if glue and out:
            out[-1] += word
        else:
            out.append(word)
        glue = False
    if prefix:
        out.append(prefix)
    return " ".join(out)


def padt_texts(data, half):
    """PADT's stories (see `padt_sentence`); no halves (never tuned on), read whatever half is asked for."""
    path = present(os.path.join(data, "ud", "padt-legacy-dev", "ar-ud-dev.conllu"))
    if not path:
        return
    # Each sentence's syntactic words, under the story its `orig_file_sentence` (STORY#N) names.
    sentences = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# orig_file_sentence"):
                sentences.append((line.split(None, 2)[2].strip().rsplit("#", 1)[0], []))
                continue
            fields = line.rstrip("\n").split("\t")
            if sentences and len(fields) >= 5 and fields[0].isdigit():
                sentences[-1][1].append((PADT_MARKS.sub("", fields[1]), fields[4]))
    stories = {}
    for story, words in sentences:
        if words:
            stories.setdefault(story, []).append(padt_sentence(words))
    for name in sorted(stories):
        yield name, " ".join(stories[name])


def half_a_binary():
    """The binary ANT is measured with: this checkout built with the lexicon counted on ANT's half-A days only, in
    a target folder of its own (switching the lexicon in a shared one would rebuild every crate each time)."""
    target = os.path.join(os.path.abspath(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")),
                          "ant-half-a")
    env = dict(os.environ, KHULASA_REPAIR_LEXICON="ant-half-a", CARGO_TARGET_DIR=target)
    subprocess.run(["cargo", "build", "--release", "--bin", "khulasa"], cwd=ROOT, env=env, check=True)
    return os.path.join(target, "release", "khulasa")


def measure(binary, name, clean):
    """Tallies and wrong words of one text, damaged and clean."""
    damaged = DAMAGE.sub("ال", clean)
    clean_tokens = tokens(clean)
    tally = dict(damaged_words=0, restored=0, undamaged_words=0, undamaged_changed=0, clean_words=0,
                 clean_changed=0, misaligned=0, texts=1)
    wrong = []
    for source, kind in ((damaged, "damaged"), (clean, "clean")):
        if kind == "damaged" and damaged == clean:
            continue
        out_tokens = tokens(normalize(binary, source))
        if len(out_tokens) != len(clean_tokens):
            tally["misaligned"] += 1
            wrong.append(f"{name} ({kind}): {len(out_tokens)} words out, {len(clean_tokens)} in")
            continue
        for src, ref, out in zip(tokens(source), clean_tokens, out_tokens):
            right = fold(out) == fold(ref)
            if kind == "clean":
                tally["clean_words"] += 1
                tally["clean_changed"] += not right
            elif src != ref:
                tally["damaged_words"] += 1
                tally["restored"] += right
            else:
                tally["undamaged_words"] += 1
                tally["undamaged_changed"] += not right
            if not right:
                wrong.append(f"{name}\t{kind}\t{src}\t{out}\texpected {ref}")
    return tally, wrong


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list every wrong word")
    ap.add_argument("--half", choices=["A", "B", "both"], default="both")
    ap.add_argument("--corpus", choices=["easc", "ant", "both", "pud", "padt"], default="both")
    ap.add_argument("--words", type=int, default=0, help="cut each text into pieces of this many words")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--bin", default=os.environ.get("KHULASA", os.path.join(ROOT, "target", "release", "khulasa")))
    args = ap.parse_args()
    pct = lambda a, b: 100.0 * a / b if b else 0.0
    for corpus in (["easc", "ant"] if args.corpus == "both" else [args.corpus]):
        halves = ["A", "B"] if args.half == "both" else [args.half]
        for half in (["-"] if corpus in UNSPLIT else halves):
            reader = {"easc": easc_texts, "ant": ant_texts, "pud": pud_texts, "padt": padt_texts}[corpus]
            texts = list(reader(args.data, half))
            if args.words:
                texts = [(f"{name}#{i}", " ".join(words[i:i + args.words]))
                         for name, words in ((name, text.split()) for name, text in texts)
                         for i in range(0, len(words), args.words)]
            if not texts:
                continue
            total = {}
            binary = half_a_binary() if corpus == "ant" else args.bin
            print(f"{corpus}: {binary}", file=sys.stderr)
            with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
                for tally, wrong in pool.map(lambda t: measure(binary, *t), texts):
                    for k, v in tally.items():
                        total[k] = total.get(k, 0) + v
                    if args.verbose:
                        for w in wrong:
                            print(w)
            t = total
            part = "(never tuned on)" if corpus in UNSPLIT else f"half {half}"
            if args.words:
                part += f", pieces of {args.words} words"
            print(f"{corpus} {part}: {t['texts']} texts, misaligned runs {t['misaligned']}")
            print(f"  damaged texts: damaged words restored {t['restored']}/{t['damaged_words']} = "
                  f"{pct(t['restored'], t['damaged_words']):.2f}% (target >= 98%)")
            print(f"  damaged texts: undamaged words changed {t['undamaged_changed']}/{t['undamaged_words']} = "
                  f"{pct(t['undamaged_changed'], t['undamaged_words']):.3f}% (target <= 0.05%)")
            print(f"  clean texts: words changed {t['clean_changed']}/{t['clean_words']} = "
                  f"{pct(t['clean_changed'], t['clean_words']):.4f}% (target <= 0.002%)")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
