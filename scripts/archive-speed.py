#!/usr/bin/env python3
"""Speed of `khulasa summarize` on the ANT archive, alternated with `zcat` of the same file.

Runs, one after the other and N times (default 7): `zcat ARCHIVE > /dev/null`, then
`khulasa summarize --quiet --id-field docno --format jsonl ARCHIVE > /dev/null` (with `--date D` when given), then
the same with a second binary when `--against` names one (the code before a change, say). Prints for each program
the median wall time, CPU time (user + system) and peak memory (maximum resident set), each run's wall time, and the
ratios of the medians: khulasa in `zcat` units (the host's speed changes from hour to hour; decompressing alone is
the floor the issue gives for scale) and, with `--against`, the speed-up. This machine is shared and noisy: quote
the medians and the ratios, and run it again before believing a difference under a tenth.

khulasa is built with `cargo build --profile release-lto` (into $CARGO_TARGET_DIR, or target/) unless --bin names a binary.

Usage: scripts/archive-speed.py [--runs 7] [--bin PATH] [--against PATH] [--date YYYY-MM-DD] [ARCHIVE]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"


def build_khulasa():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(["cargo", "build", "--profile", "release-lto", "--quiet", "--bin", "khulasa"], cwd=ROOT, check=True)
    return target / "release-lto" / "khulasa"


def timed(argv):
    """Wall seconds, CPU seconds and peak resident MB of one run, its output thrown away."""
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # khulasa exits 2 when it reported some stories (the archive has 16 it cannot summarise) and did the rest.
    if code not in (0, 2):
        sys.exit(f"archive-speed: `{' '.join(map(str, argv))}` failed with exit code {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", nargs="?", default=str(ANT))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bin", help="the khulasa binary (default: build it)")
    ap.add_argument("--against", help="a second khulasa binary, alternated with the first")
    ap.add_argument("--date", help="summarise only this day's stories (YYYY-MM-DD)")
    args = ap.parse_args()
    if not Path(args.archive).exists():
        print(f"skipped: the archive ({args.archive}) is absent", file=sys.stderr)
        return 0
    binary = Path(args.bin) if args.bin else build_khulasa()
    summarize = ["summarize", "--quiet", "--id-field", "docno", "--format", "jsonl"]
    if args.date:
        summarize += ["--date", args.date]
    programs = {"zcat": ["zcat", args.archive], "khulasa": [str(binary), *summarize, args.archive]}
    if args.against:
        programs["against"] = [args.against, *summarize, args.archive]
    runs = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, argv in programs.items():
            runs[name].append(timed(argv))
    load = os.getloadavg()[0]
    print(f"{args.archive}{' --date ' + args.date if args.date else ''}: medians of {args.runs} alternated runs, "
          f"load {load:.1f}")
    medians = {}
    for name, results in runs.items():
        wall, cpu, peak = (statistics.median(r[i] for r in results) for i in range(3))
        medians[name] = wall
        label = programs[name][0] if name != "zcat" else "zcat"
        walls = " ".join(f"{r[0]:.2f}" for r in results)
        print(f"{name:8} wall {wall:6.3f} s  cpu {cpu:6.3f} s  peak {max(r[2] for r in results):5.0f} MB  ({walls})"
              f"  {label}")
    print(f"khulasa = {medians['khulasa'] / medians['zcat']:.2f} x zcat")
    if args.against:
        print(f"speed-up over --against: {medians['against'] / medians['khulasa']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
