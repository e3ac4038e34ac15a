#!/usr/bin/env python3
"""Runs the same inputs through khulasa and its Python peers and prints throughput and ratios side by side.

Usage: bench-peers.py KHULASA_BINARY CORPUS_DIR [REPEATS]

Inputs (read in place, never copied): the articles of CORPUS_DIR/articles (EASC layout).
- stem: every word of the articles (maximal runs of Arabic letters), repeated 10 times, one a line: khulasa
  `stem --words` (light, snowball) against NLTK ISRI, NLTK ARLSTem and PyStemmer (Snowball Arabic, in C).
- split: the articles' text: khulasa `split` against pySBD (language ar).
- summarise: the articles, 3 sentences each: khulasa `summarize` (textrank, lexrank, default) against sumy's
  TextRank and LexRank (given sentences split at terminal punctuation and line breaks, so sumy's own cost is
  scoring only, without the sentence splitting khulasa also does).
khulasa runs as a process with --threads 1 (start-up and I/O included); the peers run in this process, one
thread.
Each measure is the median of REPEATS runs (default 3).
"""
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARABIC_WORD = re.compile("[\u0621-\u064a]+")
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def median_seconds(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_khulasa(binary, args, stdin_path=None):
    def go():
        with open(stdin_path or os.devnull, "rb") as stdin:
            subprocess.run([binary, "--threads", "1", "--quiet", *args], stdin=stdin, stdout=subprocess.DEVNULL,
                           check=True)
    return go


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main():
    binary, corpus = sys.argv[1], Path(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    paths = sorted((corpus / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8-sig") for p in paths]
    words = [w for t in texts for w in ARABIC_WORD.findall(t)] * 10
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows = []  # (task, tool, seconds, units, unit name, is_khulasa)

    with tempfile.TemporaryDirectory() as tmp:
        word_file = Path(tmp) / "words.txt"
        word_file.write_text("\n".join(words) + "\n", encoding="utf-8")

        # --- stemming
        for algorithm in ("light", "snowball"):
            s = median_seconds(run_khulasa(binary, ["stem", "--algorithm", algorithm, "--words"], word_file), repeats)
            rows.append(("stem", f"khulasa stem {algorithm}", s, len(words), "words", True))
        from nltk.stem.arlstem import ARLSTem
        from nltk.stem.isri import ISRIStemmer
        import Stemmer

        isri, arlstem = ISRIStemmer(), ARLSTem()
        rows.append(("stem", "NLTK ISRI", median_seconds(lambda: [isri.stem(w) for w in words], repeats),
                     len(words), "words", False))
        rows.append(("stem", "NLTK ARLSTem", median_seconds(lambda: [arlstem.stem(w) for w in words], repeats),
                     len(words), "words", False))
        snowball = Stemmer.Stemmer("arabic")
        rows.append(("stem", "PyStemmer (Snowball, C)", median_seconds(lambda: snowball.stemWords(words), repeats),
                     len(words), "words", False))

        # --- splitting
        s = median_seconds(run_khulasa(binary, ["split", str(corpus / "articles")]), repeats)
        rows.append(("split", "khulasa split", s, megabytes, "MB", True))
        import pysbd

        segmenter = pysbd.Segmenter(language="ar", clean=False)
        rows.append(("split", "pySBD", median_seconds(lambda: [segmenter.segment(t) for t in texts], repeats),
                     megabytes, "MB", False))

        # --- summarising
        for scorer in ("textrank", "lexrank", "default"):
            s = median_seconds(
                run_khulasa(binary, ["summarize", "--scorer", scorer, "--sentences", "3", str(corpus / "articles")]),
                repeats)
            rows.append(("summarise", f"khulasa summarize {scorer}", s, len(texts), "stories", True))
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer

        class Words:
            """sumy's tokenizer interface, without NLTK data: Arabic words by a regular expression."""
            language = "arabic"

            def to_words(self, sentence):
                return ARABIC_WORD.findall(sentence)

            def to_sentences(self, paragraph):
                return [s for s in SENTENCE_END.split(paragraph) if s.strip()]

        tokenizer = Words()
        documents = [
            ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(t)])])
            for t in texts
        ]
        for name, summarizer in (("sumy TextRank", TextRankSummarizer()), ("sumy LexRank", LexRankSummarizer())):
            rows.append(("summarise", name,
                         median_seconds(lambda: [summarizer(d, 3) for d in documents], repeats),
                         len(texts), "stories", False))

    print(f"# bench-peers, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"# machine: {machine()}")
    print(f"# inputs: {len(texts)} articles of {corpus} ({megabytes:.2f} MB, {len(words)} words for stemming); "
          f"median of {repeats} runs; khulasa as a process with --threads 1")
    print()
    print("| task | tool | seconds | throughput | khulasa's best ÷ this |")
    print("| --- | --- | ---: | ---: | ---: |")
    for task in ("stem", "split", "summarise"):
        task_rows = [r for r in rows if r[0] == task]
        best = max(units / seconds for t, _, seconds, units, _, ours in task_rows if ours)
        for _, tool, seconds, units, unit, ours in task_rows:
            rate = units / seconds
            ratio = "–" if ours else f"{best / rate:.1f}×"
            shown = f"{rate:,.2f} {unit}/s" if unit == "MB" else f"{rate:,.0f} {unit}/s"
            print(f"| {task} | {tool} | {seconds:.3f} | {shown} | {ratio} |")


if __name__ == "__main__":
    main()
