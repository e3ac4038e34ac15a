#!/usr/bin/env python3
"""Speed of the Python module: `khulasa.summarize_many` against the command and against sumy's LexRank.

Takes the first N (default 1,000) BBC and CNN stories of ANT v2.1 (docno `BB-`/`CN-`) with text, in file order,
writes them to a temporary JSONL file (outside the project: ANT is never copied into it), and in one process
  - runs `khulasa summarize --quiet --format jsonl --id-field docno FEED` (3 sentences, the batch's own IDF), output
    to /dev/null, started with posix_spawn: the time includes starting it and reading and parsing the file;
  - calls `khulasa.summarize_many(records)` on the same records, already parsed (the lists of dicts it returns
    included), and, end to end, reads and parses the file, summarises and writes the command's JSONL lines
    (`khulasa.jsonl_line`) to /dev/null;
interleaved, --runs times (each run one of each), and reports medians of wall and CPU seconds and the ratios.
Then sumy 0.13 LexRank, set up as its documentation says for Arabic (Tokenizer("arabic"), which needs pyarabic;
Stemmer("arabic"); its Arabic stop words), 3 sentences a story, in this process, over the same stories
(--sumy-runs times; median). Checks first that the module picks what the command picks.

Targets: summarize_many within 1.3x of the command; at least 50x faster than sumy LexRank.

Needs: a venv with the module (`pip install ./crates/python`, a release build), sumy, pyarabic and numpy; a release
binary (`cargo build --release`; $CARGO_TARGET_DIR/release/khulasa or target/release/khulasa, or --bin).

Usage: scripts/python-speed.py [--stories 1000] [--runs 7] [--sumy-runs 1] [--bin PATH]
"""

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import khulasa

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"
FIELDS = ("docno", "src", "title", "time", "text")


def stories(n):
    out = []
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["docno"][:3] in ("BB-", "CN-") and d.get("text", "").strip():
                out.append({k: d[k] for k in FIELDS if k in d})
                if len(out) == n:
                    break
    return out


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_command(binary, feed, out=os.devnull):
    """Wall and CPU seconds of one `khulasa summarize` run (posix_spawn: this process is not copied first)."""
    argv = [str(binary), "summarize", "--quiet", "--format", "jsonl", "--id-field", "docno", str(feed)]
    with open(out, "wb") as sink, tempfile.TemporaryFile() as errors:
        start, cpu = time.perf_counter(), children_cpu()
        pid = os.posix_spawn(
            argv[0],
            argv,
            os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, sink.fileno(), 1), (os.POSIX_SPAWN_DUP2, errors.fileno(), 2)],
        )
        _, status = os.waitpid(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 2):
            errors.seek(0)
            sys.exit(f"python-speed: khulasa failed: {errors.read().decode(errors='replace').strip()}")
    return wall, children_cpu() - cpu


def timed(work):
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - start, time.process_time() - cpu), result


def end_to_end(feed):
    """From the file to the command's JSONL lines, in Python."""
    with open(feed, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    for r in records:
        r["id"] = r["docno"]
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for r, s in zip(records, khulasa.summarize_many(records)):
            if s:
                sink.write(khulasa.jsonl_line(r, s))


def sumy_lexrank(docs):
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("arabic")
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = get_stop_words("arabic")
    picked = 0
    for d in docs:
        picked += len(summarizer(PlaintextParser.from_string(d["text"], tokenizer).document, 3))
    return picked


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sumy-runs", type=int, default=1)
    ap.add_argument("--bin", type=Path)
    args = ap.parse_args()
    binary = args.bin or Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "khulasa"
    if not binary.exists():
        sys.exit(f"python-speed: {binary} is missing: cargo build --release, or --bin")
    if not ANT.exists():
        sys.exit(f"python-speed: {ANT} is missing")
    docs = stories(args.stories)
    records = [dict(d, id=d["docno"]) for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bbc-cnn.jsonl"
        feed.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        # The same picks first.
        expected = Path(tmp) / "command.jsonl"
        run_command(binary, feed, expected)
        got = "".join(khulasa.jsonl_line(r, s) for r, s in zip(records, khulasa.summarize_many(records)) if s)
        same = got == expected.read_text(encoding="utf-8")
        print(f"{len(docs)} stories ({sum(len(d['text'].encode()) for d in docs) / 1e6:.1f} MB); "
              f"module's lines equal the command's: {same}")
        if not same:
            sys.exit("python-speed: the module and the command differ")
        command, module, e2e = [], [], []
        for _ in range(args.runs):
            command.append(run_command(binary, feed))
            module.append(timed(lambda: khulasa.summarize_many(records))[0])
            e2e.append(timed(lambda: end_to_end(feed))[0])
        sumy = []
        for _ in range(args.sumy_runs):
            t, picked = timed(lambda: sumy_lexrank(docs))
            sumy.append(t)
    med = lambda runs, i: statistics.median(r[i] for r in runs)  # noqa: E731
    rows = [("khulasa summarize (command)", command), ("khulasa.summarize_many", module),
            ("file -> summarize_many -> JSONL lines", e2e), ("sumy 0.13 LexRank", sumy)]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
          f"runs: {args.runs} (sumy {args.sumy_runs}); {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"{'':40} {'wall s':>8} {'cpu s':>8} {'stories/s':>10}")
    for name, runs in rows:
        w, c = med(runs, 0), med(runs, 1)
        print(f"{name:40} {w:8.3f} {c:8.3f} {len(docs) / w:10.0f}")
    mw, cw = med(module, 0), med(command, 0)
    print(f"summarize_many / command: wall {mw / cw:.2f}x, cpu {med(module, 1) / med(command, 1):.2f}x "
          f"(target <= 1.3x); end to end / command: wall {med(e2e, 0) / cw:.2f}x")
    print(f"sumy LexRank / summarize_many: wall {med(sumy, 0) / mw:.0f}x, cpu {med(sumy, 1) / med(module, 1):.0f}x "
          f"(target >= 50x); sumy picked {picked} sentences")


if __name__ == "__main__":
    main()
