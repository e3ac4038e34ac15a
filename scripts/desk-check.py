#!/usr/bin/env python3
"""Can a day's summaries go out from a news desk as they are? Five counts of sentences a desk would have to fix.

Usage:
  scripts/desk-check.py FEED [--date YYYY-MM-DD] [--bin PATH] [--id-field F] [--summaries FILE] [--show N] [--json]
  scripts/desk-check.py --self-test
e.g. scripts/desk-check.py /work/shared/data/ant/ant_v2.1.jsonl.gz --date 2018-05-09 --show 3

FEED is a `.jsonl` or `.jsonl.gz` feed (text field `text`; id field `id`, or `docno` when the first record has
no `id`). Unless --summaries gives khulasa's JSONL output, the script runs
`BIN summarize FEED --format jsonl --id-field F [--date D] --quiet`. The stories measured are those whose ids
appear in the summaries. `start`/`end` are byte offsets into the story text as UTF-8; the shown `text` is what a
reader sees. Counts, over all summary sentences of all stories:

1. unbalanced_quotes: sentences whose shown text is unbalanced for at least one pair kind P, and whose source
   paragraph (the `\\n`-separated line of the story text holding byte `start`) has a P quotation crossing the
   sentence boundary: opened in [start, end) and closed at or after `end`, or opened before `start` and closed in
   [start, end). Kinds, each matched with a stack (a closer with nothing open is left unmatched): « » and ( );
   ﴿ ﴾ in either orientation (either mark closes what is open, else opens); double quotes, where “ opens, and
   ” or ASCII `"` opens after white space, a colon or an opening mark and otherwise closes what is open (so
   “...", ”...” count as pairs, and a quotation left open is not closed by the opening mark of the next one). A
   quotation the paragraph never closes crosses nothing, so it is not counted.
2. datelines: sentences whose first 14 white-space words open with an agency dateline: at most 10 place words
   (anything but dashes, parentheses and colons), then either `(AGENCY)` followed by a dash or colon, or a dash
   then AGENCY as a whole word (what follows is free: `بيروت - وكالات` has no closing dash). AGENCY is one of
   AGENCIES below, optionally after وكالة; alef forms, and spaces or dots inside initials (أ ف ب, أ.ف.ب), are
   free; Latin is matched case-blind.
3. hashtags: sentences whose shown text has `#` immediately followed by a letter or digit (any script).
4. colon_endings: sentences whose shown text, after stripping trailing white space and closing quotes and
   brackets (CLOSERS below), ends with `:` or `：`.
5. near_duplicate_pairs: unordered pairs of sentences within one summary whose folded-token Jaccard (on sets)
   exceeds 0.5. Folding removes diacritics (U+064B-U+065F, U+0670) and tatweel, maps أ إ آ ٱ to ا, ى to ي,
   ة to ه, ؤ to و, ئ to ي and lowercases; tokens are maximal runs of \\w without `_`.

Exit code 0 whatever the counts (this is a measurement); 2 on usage errors or a missing/unreadable file.
"""

import argparse
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["unbalanced_quotes", "datelines", "hashtags", "colon_endings", "near_duplicate_pairs"]
# (always opens, always closes, closes what is open else opens). Writers mix “ with " and turn ” around, so
# these three are one kind: pairing them apart would match a `"` with an unrelated one a sentence away.
KINDS = [("“", "", '”"'), ("«", "»", ""), ("(", ")", ""), ("", "", "﴿﴾")]
AGENCIES = ["CNN", "رويترز", "ا ف ب", "فرانس برس", "فرانس بريس", "د ب ا", "ا ش ا", "الاناضول", "اسوشيتد برس",
            "اسوشيتيد برس", "سبوتنيك", "وكالات", "بي بي سي", "BBC", "AFP", "Reuters", "AP", "DPA", "UPI", "واس",
            "وام", "قنا", "كونا", "بترا", "سانا", "سبا", "ارنا", "شينخوا", "الشرق الاوسط"]
DASH = "[-‐‑‒–—―]"


def _agency_re():
    """One alternation of the agencies; alef seats free, and spaces in initials may be dots or nothing."""
    alts = []
    for a in sorted(AGENCIES, key=len, reverse=True):
        parts = [re.escape(w).replace("ا", "[اأإآ]") for w in a.split()]
        alts.append((r"[\s.]*" if all(len(w) == 1 for w in a.split()) else r"\s+").join(parts) + r"\.?")
    return r"(?:وكال[ةه]\s+)?(?:" + "|".join(alts) + r")(?![^\W_])"


AGENCY = _agency_re()
PLACE = r"^\W*(?:[^\s()\-‐‑‒–—―:]+(?:\s+|(?=[(:]|" + DASH + "))){0,10}?"
DATELINE = re.compile(
    PLACE + r"(?:\(\s*" + AGENCY + r"\s*\)\s*(?:" + DASH + "|:)" + r"|" + DASH + r"+\s*" + AGENCY + ")",
    re.IGNORECASE)
HASHTAG = re.compile(r"#[^\W_]")
CLOSERS = "\"'”»)]}﴾﴿’›"
TRAILING = re.compile(r"[\s" + re.escape(CLOSERS) + r"]+$")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
STRIP = re.compile("[\u064b-\u065f\u0670\u0640]")
TOKEN = re.compile(r"[^\W_]+")


def pairs(chars, kind):
    """(open index, close index or None) for each quotation of one kind in a sequence of characters, and the
    indices of closers that close nothing."""
    opens, closes, either = kind
    found, stray, stack = [], [], []
    for i, c in enumerate(chars):
        if c in either and c in '"”':
            # A straight quote's direction is read from where it stands, as a reader does: after white space, a
            # colon or an opening mark it opens (`قال "نعم`), glued to a word it closes (`نعم."`); so a quotation
            # left open is not closed by the opening mark of the next one.
            prev = chars[i - 1] if i > 0 else " "
            if prev.isspace() or prev in "(:[«“":
                stack.append(i)
            elif stack:
                found.append((stack.pop(), i))
            else:
                stray.append(i)
            continue
        if c in opens or (c in either and not stack):
            stack.append(i)
        elif c in closes or c in either:
            if stack:
                found.append((stack.pop(), i))
            else:
                stray.append(i)
    return found + [(o, None) for o in stack], stray


def unbalanced(shown, kind):
    """Whether the shown text leaves a quotation of this kind open, or closes one it never opened."""
    found, stray = pairs(shown, kind)
    return bool(stray) or any(c is None for _, c in found)


def crosses(raw, start, end, kind):
    """Whether a `kind` quotation of the source paragraph holding byte `start` crosses the sentence boundary."""
    ps, pe = raw.rfind(b"\n", 0, start) + 1, raw.find(b"\n", start)
    pe = len(raw) if pe < 0 else pe
    # Matching runs on characters, so the byte boundaries become character boundaries of the paragraph.
    cut = min(end, pe)
    before, inside, after = (raw[a:b].decode("utf-8", "replace") for a, b in ((ps, start), (start, cut), (cut, pe)))
    lo, hi = len(before), len(before) + len(inside)
    found, _ = pairs(before + inside + after, kind)
    return any(c is not None and ((lo <= o < hi <= c) or (o < lo <= c < hi)) for o, c in found)


def fold_tokens(text):
    """The set of folded tokens of a sentence."""
    return set(TOKEN.findall(STRIP.sub("", text).translate(FOLD).lower()))


def measure(texts, summaries):
    """Counts and examples {name: [(id, sentence)]} over the summaries; texts maps ids to story texts."""
    counts = dict.fromkeys(["stories", "summary_sentences"] + NAMES, 0)
    examples = {n: [] for n in NAMES}

    def hit(name, sid, what):
        counts[name] += 1
        examples[name].append((sid, what))

    for s in summaries:
        sid, sents = s["id"], s.get("sentences") or []
        counts["stories"] += 1
        counts["summary_sentences"] += len(sents)
        raw = texts[sid].encode("utf-8") if sid in texts else None
        for x in sents:
            shown = x["text"]
            kinds = [k for k in KINDS if unbalanced(shown, k)]
            if kinds and raw is not None and any(crosses(raw, x["start"], x["end"], k) for k in kinds):
                hit("unbalanced_quotes", sid, shown)
            if DATELINE.search(" ".join(shown.split()[:14])):
                hit("datelines", sid, shown)
            if HASHTAG.search(shown):
                hit("hashtags", sid, shown)
            if TRAILING.sub("", shown).endswith((":", "：")):
                hit("colon_endings", sid, shown)
        toks = [fold_tokens(x["text"]) for x in sents]
        for i in range(len(toks)):
            for j in range(i + 1, len(toks)):
                union = toks[i] | toks[j]
                if union and len(toks[i] & toks[j]) / len(union) > 0.5:
                    hit("near_duplicate_pairs", sid, sents[i]["text"] + "  <>  " + sents[j]["text"])
    return counts, examples


def read_jsonl(path):
    """The records of a .jsonl or .jsonl.gz file."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def self_test():
    """Hand-made examples for each count; returns the number of failures."""
    def story(sentences, sep=" "):
        text, spans, at = sep.join(sentences), [], 0
        for s in sentences:
            b = len(s.encode("utf-8"))
            spans.append({"start": at, "end": at + b, "text": " ".join(s.split())})
            at += b + len(sep.encode("utf-8"))
        return text, spans

    cases = [  # (sentences, separator, which sentences to show, expected counts)
        (["قال الوزير «إن الاتفاق قائم.", "ولن نتراجع عنه» في المؤتمر."], " ", [0, 1], {"unbalanced_quotes": 2}),
        (["قال الوزير «إن الاتفاق قائم.", "ولن نتراجع عنه» في المؤتمر."], "\n", [0, 1], {}),  # next paragraph
        (["قال الوزير «إن الاتفاق قائم.", "ولن نتراجع عنه في المؤتمر."], " ", [0, 1], {}),  # never closed
        (['وقال "لن نتراجع.', 'أبدا" ثم غادر.'], " ", [0], {"unbalanced_quotes": 1}),
        (["قال تعالى ﴾وقل رب زدني علما﴿ صدق الله."], " ", [0], {}),
        (['أفادت تقارير “سماع دوي انفجارات".', 'وزعمت أن "الدفاعات تصدت".'], " ", [0, 1], {}),
        (["وقال الوزير ”لن نتراجع.", "أبدا” ثم غادر (وسط تصفيق)."], " ", [1], {"unbalanced_quotes": 1}),
        (["قال تعالى ﴾وقل رب زدني.", "علما﴿ صدق الله."], " ", [0], {"unbalanced_quotes": 1}),
        (["دبي، الإمارات العربية المتحدة (CNN)— قال مسؤول إن الوضع هادئ."], " ", [0], {"datelines": 1}),
        (["القاهرة - رويترز: أعلنت خطة.", "أنقرة (الأناضول) - أعلنت.", "باريس - أ.ف.ب: قال.",
          "واشنطن (أ ف ب) - قال البيت الأبيض.", "بيروت - وكالات أعلن الجيش.", "(CNN) -- Officials said."],
         " ", [0, 1, 2, 3, 4, 5], {"datelines": 6}),
        (["نقلت وكالة رويترز عن مصادر أن المحادثات - بحسب رويترز - مستمرة."], " ", [0], {}),
        (["يتنافس النجوم في موسم #الدراما الرمضاني.", "وبلغ السعر 5 # فقط."], " ", [0, 1], {"hashtags": 1}),
        (["وأضاف المتحدث:", "وقال: «نحن هنا:»"], " ", [0, 1], {"colon_endings": 2}),
        (["أعلنت الحكومة المصرية زيادة الأجور اليوم.", "اعلنت الحكومه المصريه زياده الأجور."], " ", [0, 1],
         {"near_duplicate_pairs": 1}),
        (["أعلنت الحكومة زيادة الأجور.", "وانتقد البرلمان الخطة بشدة."], " ", [0, 1], {}),
    ]
    failures = 0
    for n, (sentences, sep, pick, want) in enumerate(cases):
        text, spans = story(sentences, sep)
        counts, _ = measure({"t": text}, [{"id": "t", "sentences": [spans[i] for i in pick]}])
        got = {k: counts[k] for k in NAMES if counts[k]}
        if got != want:
            failures += 1
            print(f"self-test case {n + 1} failed: {sentences} {pick}: got {got}, want {want}")
    print(f"self-test: {len(cases) - failures}/{len(cases)} passed")
    return failures


def main():
    """Parse arguments, get the summaries, measure, report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("feed", nargs="?")
    ap.add_argument("--self-test", action="store_true", help="run the built-in checks of the five counts")
    ap.add_argument("--date")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "khulasa"))
    ap.add_argument("--id-field", help="default: id, or docno when the first record has no id")
    ap.add_argument("--summaries", help="khulasa's JSONL output, instead of running BIN")
    ap.add_argument("--show", type=int, default=0, help="up to N examples of each non-zero count")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the report")
    a = ap.parse_args()
    if a.self_test:
        sys.exit(1 if self_test() else 0)
    if not a.feed:
        ap.error("FEED is required")

    def fail(msg):
        print(f"desk-check: {msg}", file=sys.stderr)
        sys.exit(2)

    for p in [a.feed] + ([a.summaries] if a.summaries else []):
        if not Path(p).is_file():
            fail(f"no such file: {p}")
    try:
        first = next(read_jsonl(a.feed), {})
        field = a.id_field or ("id" if "id" in first else "docno")
        if a.summaries:
            summaries = list(read_jsonl(a.summaries))
        else:
            if not Path(a.bin).is_file():
                fail(f"no khulasa binary at {a.bin} (build it, or give --bin)")
            cmd = [a.bin, "summarize", a.feed, "--format", "jsonl", "--id-field", field, "--quiet"]
            cmd += ["--date", a.date] if a.date else []
            run = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, encoding="utf-8")
            # Exit 2 only means some stories failed; their lines are missing and the rest still count.
            if run.returncode not in (0, 2):
                fail(f"{a.bin} exited with {run.returncode}")
            summaries = [json.loads(l) for l in run.stdout.splitlines() if l.strip()]
        wanted = {s["id"] for s in summaries}
        texts = {str(r.get(field)): r.get("text", "") for r in read_jsonl(a.feed) if str(r.get(field)) in wanted}
    except (OSError, ValueError, EOFError) as e:
        fail(f"cannot read {a.summaries or a.feed}: {e}")
    if wanted - texts.keys():
        n = len(wanted - texts.keys())
        print(f"desk-check: {n} ids not in {a.feed}; their quotes unchecked", file=sys.stderr)
    counts, examples = measure(texts, summaries)
    if a.json:
        out = dict(counts, feed=a.feed, date=a.date)
        if a.show:
            out["examples"] = {k: [list(e) for e in v[:a.show]] for k, v in examples.items() if v}
        print(json.dumps(out, ensure_ascii=False))
        return
    for name in ["stories", "summary_sentences"] + NAMES:
        print(f"{name} {counts[name]}")
    for name in NAMES:
        for sid, sent in examples[name][:a.show]:
            print(f"  [{name}] {sid}: {sent}")


if __name__ == "__main__":
    main()
