#!/usr/bin/env python3
"""Two or more khulasa binaries (or any commands) on the same arguments, run in turn, many times: medians of wall
and CPU time and the peak memory of each, and each binary's speed against the first.

On a shared, noisy machine the pace of the host drifts over minutes; runs taken in turn (A, B, A, B, ...) see the
same drift, so their medians compare fairly where two separate batches of runs would not. Each run is started with
`posix_spawn` (no copy of this process) and timed from its start to its exit; standard output and error go to
/dev/null.

Usage: scripts/ab-speed.py [--runs 31] BIN [BIN...] -- ARGS...
  e.g. scripts/ab-speed.py --runs 31 old/khulasa target/release/khulasa -- summarize --quiet --format jsonl feed.jsonl
"""
import argparse
import os
import statistics
import sys
import time


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=31, help="runs of each binary (default 31)")
    ap.add_argument("bins", nargs="+", help="the binaries, run in turn")
    opts = ap.parse_args(argv[:split])
    args = argv[split + 1 :]
    for binary in opts.bins:
        if not os.access(binary, os.X_OK):
            sys.exit(f"ab-speed: {binary} is not an executable file")
    devnull = os.open(os.devnull, os.O_WRONLY)
    results = {b: [] for b in opts.bins}
    for _ in range(opts.runs):
        for binary in opts.bins:
            start = time.perf_counter()
            pid = os.posix_spawn(
                binary,
                [binary] + args,
                os.environ,
                file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)],
            )
            _, status, usage = os.wait4(pid, 0)
            wall = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            # Exit code 2: some documents were reported (one with no body sentence, say), the rest processed.
            if code not in (0, 2):
                sys.exit(f"ab-speed: {binary} exited with code {code}")
            results[binary].append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    first = None
    print(f"medians of {opts.runs} runs in turn, load {os.getloadavg()[0]:.1f}")
    for binary in opts.bins:
        walls = [r[0] for r in results[binary]]
        wall = statistics.median(walls)
        cpu = statistics.median(r[1] for r in results[binary])
        peak = max(r[2] for r in results[binary])
        first = first or wall
        print(
            f"{binary}: wall {wall * 1000:.1f} ms (fastest {min(walls) * 1000:.1f}), cpu {cpu * 1000:.1f} ms, "
            f"peak {peak:.0f} MB, {first / wall:.3f}x the first"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
