#!/usr/bin/env python3
"""ROUGE-1/2/L F1 of khulasa's scorers (and peers) on an EASC-layout corpus, as issues 6 and 9 define it.

Each article is summarised with `khulasa summarize --words B`, B the rounded mean white-space word count of its
references; ROUGE-N and ROUGE-L F1 are computed against each reference, averaged over the references, then over
the articles. Tokens as khulasa's ROUGE makes them (diacritics and tatweel removed; alef/ya/ta marbuta/hamza seats folded;
Arabic-Indic digits to ASCII; a token is a maximal run of Arabic letters, digits and ASCII letters); no stemming.

Rows:
  - every khulasa scorer named with --scorers (default: all of them);
  - `plain-lead`: the article's first B white-space words, cut mid-sentence (the plain lead baseline);
  - with --peers: sumy 0.13 LexRank and TextRank (in scripts/.venv, made here on first use), ranking the same
    body sentences that khulasa's splitter gives, then taking whole sentences in rank order under the same word
    budget rule as khulasa (skip one that does not fit, at least one; equal ratings in document order). Words are
    runs of \w, unstemmed; sumy has no Arabic stop words, so it runs as shipped (`sumy-*`) and with khulasa's
    list, folded (`sumy-*+stop`); and sumy as a user runs it (`sumy-* (own split)`): its own Arabic tokenizer
    splits the raw article, then the same budget rule.

Usage:
  scripts/eval-summaries.py [--bin PATH] [--data DIR] [--scorers a,b] [--peers] [--json FILE] [-- EXTRA ARGS]
Extra args after `--` go to every `khulasa summarize` call (e.g. `-- --diversity 0.7`).
"""

import argparse
import collections
import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "easc-dev"
DEFAULT_BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "khulasa"

FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
for _d in range(10):
    FOLD[chr(0x0660 + _d)] = str(_d)
    FOLD[chr(0x06F0 + _d)] = str(_d)


def _removed(cp):
    return (
        0x0610 <= cp <= 0x061A
        or 0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x06D6 <= cp <= 0x06ED
        or cp == 0x0640
    )


def _token_char(c):
    cp = ord(c)
    return (
        0x0621 <= cp <= 0x064A
        or 0x0671 <= cp <= 0x06D3
        or "0" <= c <= "9"
        or "a" <= c <= "z"
        or "A" <= c <= "Z"
    )


def rouge_tokens(text):
    """ROUGE tokens: remove marks, fold, then maximal runs of token characters."""
    tokens, cur = [], []
    for c in text:
        if _removed(ord(c)):
            continue
        c = FOLD.get(c, c)
        if _token_char(c):
            cur.append(c)
        elif cur:
            tokens.append("".join(cur))
            cur = []
    if cur:
        tokens.append("".join(cur))
    return tokens


def ngrams(tokens, n):
    return collections.Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def f1(overlap, cand, ref):
    if overlap == 0 or cand == 0 or ref == 0:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


def rouge_n(cand_counts, ref_counts):
    overlap = sum(min(c, ref_counts.get(g, 0)) for g, c in cand_counts.items())
    return f1(overlap, sum(cand_counts.values()), sum(ref_counts.values()))


def lcs(a, b):
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


class Article:
    def __init__(self, name, refs_text):
        self.name = name
        self.refs = [rouge_tokens(t) for t in refs_text]
        self.ref1 = [ngrams(r, 1) for r in self.refs]
        self.ref2 = [ngrams(r, 2) for r in self.refs]
        mean_words = sum(len(t.split()) for t in refs_text) / len(refs_text)
        self.budget = int(math.floor(mean_words + 0.5))

    def scores(self, summary_text, with_l=True):
        """(R1, R2, RL) F1 in percent, averaged over the references."""
        toks = rouge_tokens(summary_text)
        c1, c2 = ngrams(toks, 1), ngrams(toks, 2)
        k = len(self.refs)
        r1 = sum(rouge_n(c1, r) for r in self.ref1) / k
        r2 = sum(rouge_n(c2, r) for r in self.ref2) / k
        rl = sum(f1(lcs(toks, r), len(toks), len(r)) for r in self.refs) / k if with_l else 0.0
        return (100 * r1, 100 * r2, 100 * rl)


def load_corpus(data):
    articles = []
    for path in sorted((data / "articles").glob("*.txt")):
        name = path.stem
        ref_dir = data / "summaries" / name
        refs = [p.read_text(encoding="utf-8") for p in sorted(ref_dir.glob("*.txt"))]
        if refs:
            articles.append(Article(name, refs))
    return articles


def summarize_all(binary, data, articles, scorer, extra=()):
    """{article name: summary text}: one `khulasa summarize` call per article, since each has its own budget."""
    from concurrent.futures import ThreadPoolExecutor

    def one(a):
        path = data / "articles" / f"{a.name}.txt"
        cmd = [str(binary), "summarize", str(path), "--words", str(a.budget), "--scorer", scorer, *extra]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"eval-summaries: {' '.join(cmd)} failed: {out.stderr.strip()}")
        return a.name, out.stdout

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(one, articles))


def plain_lead(data, articles):
    out = {}
    for a in articles:
        words = (data / "articles" / f"{a.name}.txt").read_text(encoding="utf-8").split()
        out[a.name] = " ".join(words[: a.budget])
    return out


def body_sentences(binary, data, articles):
    """{article: [sentence text]} of the body sentences khulasa's splitter gives (what khulasa selects from)."""
    out = {}
    for a in articles:
        path = data / "articles" / f"{a.name}.txt"
        res = subprocess.run([str(binary), "split", "--format", "jsonl", str(path)], capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"eval-summaries: split {path} failed: {res.stderr.strip()}")
        out[a.name] = [o["text"] for o in map(json.loads, res.stdout.splitlines()) if o["kind"] == "body"]
    return out


def budget_pick(texts, ratings, budget):
    """Whole sentences in rank order while they fit (skip one that does not fit, at least one), document order."""
    order = sorted(range(len(texts)), key=lambda i: (-ratings[i], i))
    picked, used = [], 0
    for i in order:
        w = len(texts[i].split())
        if picked and used + w > budget:
            continue
        picked.append(i)
        used += w
    return "\n".join(texts[i] for i in sorted(picked))


def ensure_venv():
    venv = ROOT / "scripts" / ".venv"
    py = venv / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(py), "-c", "import sumy"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(py), "-m", "pip", "install", "-q", "sumy==0.13.0"], check=True)
    return py


SUMY_RANKER = r"""
import json, re, sys
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

class Words:
    def to_words(self, text):
        return re.findall(r"\w+", text)
    def to_sentences(self, text):
        return [text]

stop_list = frozenset(json.loads(sys.argv[1]))
captured = {}
def capture(sentences, count, rating, *a, **k):
    captured["r"] = rating
    return ()
out = {}
for line in sys.stdin:
    item = json.loads(line)
    tok = Words()
    sents = [Sentence(t, tok) for t in item["sentences"]]
    doc = ObjectDocumentModel([Paragraph(sents)])
    row = {}
    for name, cls, stop in (
        ("sumy-lexrank", LexRankSummarizer, frozenset()),
        ("sumy-textrank", TextRankSummarizer, frozenset()),
        ("sumy-lexrank+stop", LexRankSummarizer, stop_list),
        ("sumy-textrank+stop", TextRankSummarizer, stop_list),
    ):
        s = cls()
        s.stop_words = stop
        s._get_best_sentences = capture
        captured.clear()
        if sents:
            s(doc, len(sents))
        rating = captured.get("r", {})
        row[name] = [float(rating.get(x, 0.0)) if isinstance(rating, dict) else 0.0 for x in sents]
    out[item["name"]] = row
print(json.dumps(out))
"""


SUMY_AS_SHIPPED = r"""
import json, sys
from sumy.parsers.plaintext import PlaintextParser
from sumy.nlp.tokenizers import Tokenizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

captured = {}
def capture(sentences, count, rating, *a, **k):
    captured["r"] = rating
    return ()
out = {}
tokenizer = Tokenizer("arabic")
for line in sys.stdin:
    item = json.loads(line)
    doc = PlaintextParser.from_string(item["text"], tokenizer).document
    texts = [str(s) for s in doc.sentences]
    row = {"sentences": texts}
    for name, cls in (("sumy-lexrank (own split)", LexRankSummarizer), ("sumy-textrank (own split)", TextRankSummarizer)):
        s = cls()
        s._get_best_sentences = capture
        captured.clear()
        if texts:
            s(doc, len(texts))
        rating = captured.get("r", {})
        row[name] = [float(rating.get(x, 0.0)) if isinstance(rating, dict) else 0.0 for x in doc.sentences]
    out[item["name"]] = row
print(json.dumps(out))
"""


def sumy_shipped_rows(data, articles):
    """sumy as a user runs it: its own Arabic tokenizer splits the article (PlaintextParser, Tokenizer("arabic")),
    its summarizer ranks, and whole sentences are taken in rank order under the same word budget."""
    py = ensure_venv()
    feed = "".join(
        json.dumps({"name": a.name, "text": (data / "articles" / f"{a.name}.txt").read_text(encoding="utf-8")}) + "\n"
        for a in articles
    )
    res = subprocess.run([str(py), "-c", SUMY_AS_SHIPPED], input=feed, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"eval-summaries: sumy failed: {res.stderr.strip()}")
    ratings = json.loads(res.stdout)
    return {
        name: {a.name: budget_pick(ratings[a.name]["sentences"], ratings[a.name][name], a.budget) for a in articles}
        for name in ("sumy-lexrank (own split)", "sumy-textrank (own split)")
    }


def sumy_rows(binary, data, articles):
    py = ensure_venv()
    sentences = body_sentences(binary, data, articles)
    stop = [
        " ".join(rouge_tokens(line))
        for line in (ROOT / "crates" / "stem" / "data" / "stopwords-ar.lst").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    feed = "".join(json.dumps({"name": a.name, "sentences": sentences[a.name]}) + "\n" for a in articles)
    res = subprocess.run([str(py), "-c", SUMY_RANKER, json.dumps(stop)], input=feed, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"eval-summaries: sumy failed: {res.stderr.strip()}")
    ratings = json.loads(res.stdout)
    rows = {}
    for name in ("sumy-lexrank", "sumy-textrank", "sumy-lexrank+stop", "sumy-textrank+stop"):
        rows[name] = {
            a.name: budget_pick(sentences[a.name], ratings[a.name][name], a.budget) for a in articles
        }
    return rows


def evaluate(articles, summaries, with_l=True):
    """Mean (R1, R2, RL) over articles."""
    totals = [0.0, 0.0, 0.0]
    for a in articles:
        for i, v in enumerate(a.scores(summaries.get(a.name, ""), with_l)):
            totals[i] += v
    return tuple(t / len(articles) for t in totals)


def scorer_names(binary):
    res = subprocess.run([str(binary), "summarize", "--help"], capture_output=True, text=True)
    for line in res.stdout.splitlines():
        if "possible values:" in line:
            inner = line.split("possible values:")[1].strip().strip("]")
            return [s.strip() for s in inner.split(",")]
    sys.exit("eval-summaries: cannot read the scorer names from `khulasa summarize --help`")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN, help="the khulasa binary (default: %(default)s)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="EASC-layout corpus (default: %(default)s)")
    ap.add_argument("--scorers", help="comma-separated khulasa scorers (default: all)")
    ap.add_argument("--peers", action="store_true", help="also sumy LexRank and TextRank (creates scripts/.venv)")
    ap.add_argument("--json", type=Path, help="also write the table as JSON here")
    ap.add_argument("extra", nargs="*", help="extra arguments for `khulasa summarize` (after --)")
    args = ap.parse_args()
    if not (args.data / "articles").is_dir():
        sys.exit(f"eval-summaries: skipped: {args.data} absent")
    if not args.bin.exists():
        sys.exit(f"eval-summaries: {args.bin} absent; build it with `cargo build --release --bin khulasa`")
    articles = load_corpus(args.data)
    names = args.scorers.split(",") if args.scorers else scorer_names(args.bin)
    table = []
    for name in names:
        table.append((name, evaluate(articles, summarize_all(args.bin, args.data, articles, name, args.extra))))
    table.append(("plain-lead", evaluate(articles, plain_lead(args.data, articles))))
    if args.peers:
        for name, summaries in sumy_rows(args.bin, args.data, articles).items():
            table.append((name, evaluate(articles, summaries)))
        for name, summaries in sumy_shipped_rows(args.data, articles).items():
            table.append((name, evaluate(articles, summaries)))
    extra = " ".join(args.extra)
    print(f"{len(articles)} articles of {args.data}, --words B (mean reference length){' ' + extra if extra else ''}")
    print(f"| {'scorer':<25} | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    print(f"| {'-' * 25} | ------: | ------: | ------: |")
    for name, (r1, r2, rl) in table:
        print(f"| {name:<25} | {r1:7.2f} | {r2:7.2f} | {rl:7.2f} |")
    if args.json:
        rows = [{"scorer": n, "rouge1": r1, "rouge2": r2, "rougeL": rl} for n, (r1, r2, rl) in table]
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
