#!/usr/bin/env python3
"""Agreement of two hand groupings of one day's stories into events (corpora/events format: a `# id<TAB>event`
header, then `docno<TAB>label`).

Usage: events-agreement.py FIRST.tsv SECOND.tsv [--list]

Prints B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of SECOND against FIRST and of FIRST against
SECOND: per story, precision = |its group in the judged file ∩ its group in the reference| / |its group in the
judged file|, recall = the same overlap / |its group in the reference|, both averaged over stories, F1 the harmonic
mean of the averages (the definition `khulasa_eval::bcubed` uses). One direction's precision is the other's
recall, so the two lines are the same figures swapped; both are printed so that neither file reads as the gold.

Also counts the stories whose group differs between the files (the set of stories grouped with them is not the
same: every member of a group that gained or lost one story counts), the stories that would have to move to turn one
grouping into the other (those outside the parts kept when the groups are paired one to one, largest overlap first)
and, with --list, prints each group of one file that the other does not have, with how the other file
divides it: the material for classifying the disagreements by hand. Labels are compared only for equality within
a file; the same label in both files means nothing.
"""
import sys
from collections import defaultdict


def read(path):
    """Story -> label, refusing a story given twice."""
    labels = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 2:
                sys.exit(f"{path}:{number}: expected `docno<TAB>label`")
            story, label = fields
            if story in labels:
                sys.exit(f"{path}:{number}: {story} given twice")
            labels[story] = label
    return labels


def groups(labels):
    """Label -> frozenset of its stories."""
    members = defaultdict(set)
    for story, label in labels.items():
        members[label].add(story)
    return {label: frozenset(stories) for label, stories in members.items()}


def bcubed(judged, reference):
    """(P, R, F1) of `judged` against `reference`, both story -> label over the same stories."""
    judged_groups, reference_groups = groups(judged), groups(reference)
    p = r = 0.0
    for story in reference:
        mine = judged_groups[judged[story]]
        theirs = reference_groups[reference[story]]
        both = len(mine & theirs)
        p += both / len(mine)
        r += both / len(theirs)
    n = len(reference)
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def moved(first, second):
    """Stories outside the overlaps kept when groups of `first` and `second` are paired one to one, largest overlap
    first (ties by label, so the count is reproducible)."""
    overlap = defaultdict(int)
    for story in first:
        overlap[(first[story], second[story])] += 1
    paired_first, paired_second, kept = set(), set(), 0
    for (a, b), n in sorted(overlap.items(), key=lambda item: (-item[1], str(item[0][0]), str(item[0][1]))):
        if a in paired_first or b in paired_second:
            continue
        paired_first.add(a)
        paired_second.add(b)
        kept += n
    return len(first) - kept


def check():
    """The worked example of khulasa_eval::bcubed: gold {a, b, c} {d, e}, system {a, b, c, d} {e}."""
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    system = {"a": 1, "b": 1, "c": 1, "d": 1, "e": 2}
    p, r, f = bcubed(system, gold)
    assert abs(p - 0.7) < 1e-12 and abs(r - 0.8) < 1e-12 and abs(f - 56 / 75) < 1e-12, (p, r, f)
    assert moved(system, gold) == 1


def main():
    args = [a for a in sys.argv[1:] if a != "--list"]
    if len(args) != 2:
        sys.exit(__doc__)
    check()
    first_path, second_path = args
    first, second = read(first_path), read(second_path)
    if set(first) != set(second):
        only_first = sorted(set(first) - set(second))
        only_second = sorted(set(second) - set(first))
        sys.exit(f"the files hold different stories: only in the first {only_first}, only in the second {only_second}")
    first_groups, second_groups = groups(first), groups(second)
    print(f"stories {len(first)}")
    for name, labels, g in ((first_path, first, first_groups), (second_path, second, second_groups)):
        sizes = [len(s) for s in g.values()]
        multi = sum(1 for s in sizes if s >= 2)
        print(f"{name}: events {len(g)}, with >=2 stories {multi}, singletons {len(g) - multi}")
    for judged_path, judged, reference_path, reference in (
        (second_path, second, first_path, first),
        (first_path, first, second_path, second),
    ):
        p, r, f = bcubed(judged, reference)
        print(f"B-cubed of {judged_path} against {reference_path}: P {p:.4f} R {r:.4f} F1 {f:.4f}")
    differing = [s for s in first if first_groups[first[s]] != second_groups[second[s]]]
    print(f"stories whose group differs: {len(differing)} of {len(first)}")
    print(f"stories to move to turn one grouping into the other: {moved(first, second)} of {len(first)}")
    same = set(first_groups.values()) & set(second_groups.values())
    print(f"groups identical in both files: {len(same)}")
    if "--list" in sys.argv[1:]:
        for name, own, other, other_labels in (
            (first_path, first_groups, second_groups, second),
            (second_path, second_groups, first_groups, first),
        ):
            print(f"\ngroups of {name} not in the other file, with how the other file divides them:")
            for label, stories in sorted(own.items()):
                if stories in set(other.values()):
                    continue
                parts = defaultdict(list)
                for story in sorted(stories):
                    parts[other_labels[story]].append(story)
                print(f"  {label} ({len(stories)})")
                for other_label, part in sorted(parts.items()):
                    print(f"    {other_label} ({len(part)} of its {len(other[other_label])}): {' '.join(part)}")


if __name__ == "__main__":
    main()
