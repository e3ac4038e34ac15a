#!/usr/bin/env python3
"""The Spark job on the whole ANT archive in local mode: wall time, peak memory, and its output against the command's.

Runs `scripts/spark-summarize ANT OUT --id-field docno --partitions P` under `/usr/bin/time -v` (its maximum
resident set is that of the largest single process of the tree, the JVM or a Python worker), samples the resident
memory of the whole process tree (driver, JVM, Python workers) every 0.2 s for the peak of their sum, then runs
`khulasa summarize --format jsonl --id-field docno ANT` (the release binary, also under `/usr/bin/time -v`) and
compares the two outputs byte for byte.

Needs: pyspark, Java 17+, the module in this Python (`pip install ./crates/python`), a release binary.

Usage: scripts/python-spark-archive.py [--partitions 4] [--master local[*]] [--bin PATH]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1.jsonl.gz"


def tree_rss(root_pid):
    """The resident memory (bytes) of a process and all its descendants."""
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def timed(argv, stdout=None):
    """Runs argv under /usr/bin/time -v; returns (wall s, time's max RSS in MB, sampled peak of the tree in MB)."""
    with tempfile.NamedTemporaryFile("w+") as report:
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name, *argv], stdout=stdout,
                                stderr=subprocess.PIPE)
        peak = [0]

        def sample():
            while proc.poll() is None:
                peak[0] = max(peak[0], tree_rss(proc.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        start = time.perf_counter()
        sampler.start()
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        sampler.join()
        if proc.returncode not in (0, 2):
            sys.exit(f"python-spark-archive: {argv[0]} failed: {err.decode(errors='replace')[-3000:]}")
        text = Path(report.name).read_text()
    max_rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return wall, max_rss, peak[0] / 2**20


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--bin", type=Path)
    args = ap.parse_args()
    binary = args.bin or Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "khulasa"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "spark"
        spark = timed([sys.executable, str(ROOT / "scripts" / "spark-summarize"), str(ANT), str(out), "--master",
                       args.master, "--id-field", "docno", "--partitions", str(args.partitions)])
        got = b"".join(p.read_bytes() for p in sorted(out.glob("part-*")))
        expected_path = Path(tmp) / "command.jsonl"
        with open(expected_path, "wb") as sink:
            command = timed([str(binary), "summarize", "--quiet", "--format", "jsonl", "--id-field", "docno",
                             str(ANT)], stdout=sink)
        expected = expected_path.read_bytes()
    lines, expected_lines = got.count(b"\n"), expected.count(b"\n")
    print(f"ANT archive, {args.master}, {args.partitions} partitions, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"spark-summarize: {spark[0]:.1f} s wall, /usr/bin/time -v {spark[1]:.0f} MB (the driver: the JVM is not its waited child), whole tree peak "
          f"{spark[2]:.0f} MB; {lines} summaries")
    print(f"khulasa summarize: {command[0]:.1f} s wall, {command[1]:.0f} MB peak; {expected_lines} summaries")
    print(f"outputs identical: {got == expected}")
    if got != expected:
        sys.exit(1)


if __name__ == "__main__":
    main()
