#!/usr/bin/env python3
"""Parallel efficiency on the ANT archive: `khulasa summarize` with 2 threads against 1, alternated.

Runs `khulasa summarize --quiet --id-field docno --format jsonl ARCHIVE` with `--threads 2` and `--threads 1`,
one after the other, N times (default 7), output to /dev/null, and prints each setting's wall times, the medians,
the ratio of the medians and the median of the paired ratios (each pair ran back to back, so the host's speed
changes less between them). The target is a ratio of at least 1.8.

Usage: scripts/thread-scaling.py [--runs 7] [--bin PATH] [ARCHIVE]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"
DEFAULT_BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "khulasa"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", nargs="?", type=Path, default=ANT)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN)
    args = ap.parse_args()
    if not args.archive.exists():
        sys.exit(f"thread-scaling: skipped: {args.archive} absent")
    if not args.bin.exists():
        sys.exit(f"thread-scaling: no binary at {args.bin}: cargo build --release, or --bin PATH")
    wall = {2: [], 1: []}
    cpu = {2: [], 1: []}
    for _ in range(args.runs):
        for threads in (2, 1):
            cmd = [str(args.bin), "summarize", "--quiet", "--threads", str(threads), "--id-field", "docno",
                   "--format", "jsonl", str(args.archive)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall[threads].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[threads].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            # 2: some stories were reported (ANT has empty ones); anything else is a failure.
            if done.returncode not in (0, 2):
                sys.exit(f"thread-scaling: {' '.join(cmd)} exited with {done.returncode}")
    for threads in (2, 1):
        runs = " ".join(f"{t:.2f}" for t in wall[threads])
        print(f"{threads} threads: wall median {statistics.median(wall[threads]):.2f} s ({runs}), "
              f"CPU median {statistics.median(cpu[threads]):.2f} s")
    paired = [one / two for one, two in zip(wall[1], wall[2])]
    print(f"ratio of the medians {statistics.median(wall[1]) / statistics.median(wall[2]):.2f}, "
          f"median of the paired ratios {statistics.median(paired):.2f} (target: at least 1.8)")


if __name__ == "__main__":
    main()
