#!/usr/bin/env bash
# Builds crates/score/data/df-ar.tsv: the background document frequencies that `khulasa summarize` falls back on for IDF
# when the batch is too small to count its own. Counts only (no sentences): for every stemmed, folded term of the
# ANT corpus (31,525 news stories, title + text each) that occurs in at least MIN_DF stories, the number of stories
# holding it; the first line is `#documents<TAB>N`. Terms are made exactly as summarize makes them (the light
# stemmer, stop words out), by crates/score/examples/build_df.rs, over each story's title and text as read (a
# batch's own counts, `--save-df`, are over its repaired, non-furniture sentences; the default scorer was fitted
# with this table as it is).
#
# Usage: scripts/build-df.sh [MIN_DF]   (default 8, which keeps the file under 300 KB)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/../shared/data/ant/ant_v2.1.jsonl.gz"
min_df="${1:-8}"
if [ ! -f "$corpus" ]; then
    echo "build-df: skipped: $corpus absent" >&2
    exit 1
fi
cd "$root"
cargo build --quiet --release -p khulasa-score --example build_df
target="${CARGO_TARGET_DIR:-$root/target}"
"$target/release/examples/build_df" "$corpus" "$min_df" > crates/score/data/df-ar.tsv.tmp
mv crates/score/data/df-ar.tsv.tmp crates/score/data/df-ar.tsv
echo "build-df: crates/score/data/df-ar.tsv: $(($(wc -l < crates/score/data/df-ar.tsv) - 1)) terms, $(wc -c < crates/score/data/df-ar.tsv) bytes" >&2
