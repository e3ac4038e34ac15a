#!/usr/bin/env python3
"""Side-by-side speed of khulasa and the peer a user would otherwise pick: sumy's LexRank.

Takes the first N (default 1,000) BBC and CNN stories of ANT v2.1 in file order, writes them to a temporary JSONL
file (outside the project: ANT is never copied into it), and in one run
  - summarises each with sumy 0.13 LexRank, set up as its documentation says for Arabic (Tokenizer("arabic"), which
    needs pyarabic; Stemmer("arabic"), NLTK's Snowball; its Arabic stop words), 3 sentences, in this process;
  - runs `khulasa summarize --format jsonl` (3 sentences) on all the stories of the same file, as a separate
    process, output to /dev/null; the time includes starting the process and reading the file (not sumy's imports,
    nor copying this process: the binary is started with posix_spawn).
One round is sumy over all the stories; khulasa runs --samples times in each round, interleaved with it: after each
--samples-th part of sumy's stories (sumy's clock stopped meanwhile). A sumy round takes some 15 s and a khulasa
run a tenth of a second, and the host's pace moves within seconds: spread over the round, khulasa's runs meet the
same stretch of the host's pace that sumy's round does, where runs taken all at one moment of it need not.
Prints both times (sumy: the median of --runs rounds; khulasa: the median of its runs over all rounds; wall and CPU
seconds, the latter fair when other jobs load the machine), stories per second, the ratios, and the lowest and
highest ratio of a round (its sumy time against the median of its own khulasa runs). The target is a ratio of at
least 150.

sumy, pyarabic and numpy (which LexRank needs) are installed in scripts/.venv (created here on first use); khulasa is built with
`cargo build --profile release-lto` (into $CARGO_TARGET_DIR, or target/) unless --bin names a binary.

Usage: scripts/peer-speed.py [--stories 1000] [--runs 3] [--samples 5] [--bin PATH] [--write-feed FILE]
"""

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"
VENV = ROOT / "scripts" / ".venv"
PEERS = ["sumy==0.13.0", "pyarabic==0.6.15", "numpy==2.*"]


def in_venv():
    """Re-runs this script with the virtual environment's Python, creating it and installing the peers if needed."""
    py = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(py), "-c", "import sumy, pyarabic, nltk"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEERS], check=True)
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


def stories(n):
    out = []
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("src") in ("BBC", "CNN") and d.get("text", "").strip():
                out.append({"id": d["docno"], "text": d["text"]})
                if len(out) == n:
                    break
    return out


def build_khulasa():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(["cargo", "build", "--profile", "release-lto", "--quiet", "--bin", "khulasa"], cwd=ROOT, check=True)
    return target / "release-lto" / "khulasa"


def round_side_by_side(docs, binary, feed, samples):
    """One round: sumy over `docs`, with a khulasa run after each of `samples` parts of them. Returns sumy's wall
    and CPU seconds (its parts added up), the sentences it picked, and khulasa's runs (wall, CPU)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("arabic")
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = get_stop_words("arabic")
    wall = cpu = 0.0
    picked = 0
    khulasa = []
    bounds = [len(docs) * i // samples for i in range(samples + 1)]
    for start_at, end_at in zip(bounds, bounds[1:]):
        start, started_cpu = time.perf_counter(), time.process_time()
        for d in docs[start_at:end_at]:
            parser = PlaintextParser.from_string(d["text"], tokenizer)
            picked += len(summarizer(parser.document, 3))
        wall += time.perf_counter() - start
        cpu += time.process_time() - started_cpu
        khulasa.append(time_khulasa(binary, feed))
    return wall, cpu, picked, khulasa


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_khulasa(binary, feed):
    """Wall and CPU seconds of one khulasa run, from its start to its exit.

    Started with posix_spawn: this process holds sumy, NLTK and numpy (some 300 MB), and `subprocess.run` copies
    it before starting the binary, 9 ms (measured) that would be counted against khulasa."""
    argv = [str(binary), "summarize", "--quiet", "--format", "jsonl", feed]
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        start, cpu = time.perf_counter(), children_cpu()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, sink.fileno(), 1), (os.POSIX_SPAWN_DUP2, errors.fileno(), 2)])
        _, status = os.waitpid(pid, 0)
        wall = time.perf_counter() - start
        # Exit code 2 means some stories were reported (one with no body sentence, say) and the rest summarised.
        if os.waitstatus_to_exitcode(status) not in (0, 2):
            errors.seek(0)
            sys.exit(f"peer-speed: khulasa failed: {errors.read().decode(errors='replace').strip()}")
    return wall, children_cpu() - cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3, help="rounds: sumy's median is reported (default 3)")
    ap.add_argument("--samples", type=int, default=5, help="khulasa runs in each round, spread over it (default 5)")
    ap.add_argument("--bin", help="the khulasa binary (default: build it)")
    ap.add_argument("--write-feed", metavar="FILE", help="only write the stories as a JSONL feed to FILE (for "
                    "scripts/ab-speed.py or examples/stage_times) and stop")
    args = ap.parse_args()
    if not ANT.exists():
        print(f"skipped: the ANT corpus ({ANT}) is absent", file=sys.stderr)
        return 0
    if args.write_feed:
        with open(args.write_feed, "w", encoding="utf-8") as f:
            for d in stories(args.stories):
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        return 0
    in_venv()
    binary = Path(args.bin) if args.bin else build_khulasa()
    docs = stories(args.stories)
    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "bbc-cnn.jsonl")
        with open(feed, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        time_khulasa(binary, feed)  # warm the page cache and the binary
        sumy_runs, khulasa_runs, round_ratios = [], [], []
        for _ in range(args.runs):
            wall, cpu, picked, khulasa = round_side_by_side(docs, binary, feed, max(args.samples, 1))
            sumy_runs.append((wall, cpu))
            khulasa_runs.extend(khulasa)
            round_ratios.append(wall / statistics.median(k[0] for k in khulasa))
    n = len(docs)
    sw, sc = (statistics.median(r[i] for r in sumy_runs) for i in (0, 1))
    kw, kc = (statistics.median(r[i] for r in khulasa_runs) for i in (0, 1))
    load = os.getloadavg()[0]
    print(f"stories: {n} (BBC and CNN, ANT v2.1), 3 sentences each; {args.runs} rounds of sumy, "
          f"{len(khulasa_runs)} runs of khulasa among them; load {load:.1f}")
    print(f"sumy 0.13 LexRank: wall {sw:8.3f} s  cpu {sc:8.3f} s  {n / sw:8.0f} stories/s  ({picked} sentences)")
    print(f"khulasa summarize: wall {kw:8.3f} s  cpu {kc:8.3f} s  {n / kw:8.0f} stories/s  (whole process)")
    print(f"ratio (wall): khulasa is {sw / kw:.0f} times faster (target: at least 150); "
          f"rounds {min(round_ratios):.0f}-{max(round_ratios):.0f}")
    print(f"ratio (cpu):  khulasa is {sc / kc:.0f} times faster (CPU seconds: fairer on a loaded machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
