#!/usr/bin/env python3
"""Writes the events of a `khulasa digest --format jsonl` run as an `id<TAB>event` file (the format of
corpora/events), so that any digest — this release's or an older one's — can be scored against a hand grouping
with scripts/events-agreement.py.

Usage: khulasa digest --format jsonl --id-field docno --date DAY FEED | scripts/digest-to-events.py > DAY.tsv

Each JSON line is one event with `event` (its number) and `stories`: story ids (older releases) or objects with
an `id` (this one).
"""
import json
import sys


def main():
    print("# id\tevent")
    for number, line in enumerate(sys.stdin, 1):
        try:
            event = json.loads(line)
            for story in event["stories"]:
                print(f"{story['id'] if isinstance(story, dict) else story}\t{event['event']}")
        except (ValueError, KeyError, TypeError) as error:
            sys.exit(f"digest-to-events: stdin:{number}: not a digest event ({error})")


if __name__ == "__main__":
    main()
