#!/usr/bin/env bash
# Conflation of khulasa's stemmers and of NLTK's ISRI and ARLSTem (and Snowball via PyStemmer) against the gold
# lemmas of UD Arabic-PUD and the UD Arabic-PADT v1.2 dev file; prints a Markdown table. See scripts/eval-stem.py.
# Usage: scripts/eval-stem.sh [--only NAME]   (env KHULASA=path/to/khulasa to skip the build, DATA=../shared/data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DATA:-$root/../shared/data}"
if [[ ! -f "$data/ud/pud/ar_pud-ud-test.conllu" || ! -f "$data/ud/padt-legacy-dev/ar-ud-dev.conllu" ]]; then
  echo "skipped: $data/ud (UD Arabic-PUD, PADT dev) absent" >&2
  exit 0
fi
if [[ -z "${KHULASA:-}" ]]; then
  (cd "$root" && cargo build --release --quiet --bin khulasa)
  KHULASA="${CARGO_TARGET_DIR:-$root/target}/release/khulasa"
fi
venv="$root/scripts/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import nltk, Stemmer" 2>/dev/null; then
  "$venv/bin/pip" install --quiet "nltk==3.9.1" "PyStemmer==3.1.0"
fi
exec "$venv/bin/python" "$root/scripts/eval-stem.py" --khulasa "$KHULASA" --data "$data" "$@"
