#!/usr/bin/env bash
# Checks khulasa's translation files against real clients:
#   - Translate Toolkit reads the CSV (its CSV store, and csv2po), the XLIFF 2.0 and the XLIFF 1.2 files, and
#     sees every unit with its id and source, in order, as the register of the run says;
#   - the Excel-profile CSV converted by csv2po gives back the unguarded sources;
#   - xmllint --noout accepts both XLIFF files and the TMX that merge writes;
#   - Translate Toolkit's TMX store reads every translation unit back.
# Installs what it needs: translate-toolkit into scripts/.venv (created here), libxml2-utils via apt-get when
# xmllint is absent. Uses $KHULASA as the binary when set, else builds it (cargo build --release).
# Inputs: the seed story in corpora/, a story written here to be hard on every format, and the EASC development
# articles from ../shared/data when present (skipped with a message when absent).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/scripts/.venv"

if ! "$venv/bin/python" -c 'import translate' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "translate-toolkit>=3.12,<4"
fi
if ! command -v xmllint >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq libxml2-utils >/dev/null
fi

khulasa=${KHULASA:-}
if [ -z "$khulasa" ]; then
    (cd "$root" && cargo build --quiet --release --bin khulasa)
    khulasa="${CARGO_TARGET_DIR:-$root/target}/release/khulasa"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/wire"
cp "$root/corpora/coalition-marrakech.txt" "$work/in/"
# Quotes, commas, a line break, = and - at the start, embedded ", markup characters, a vertical tab.
printf '%s\n\n%s\n%s\n%s\n%s\n' \
    'عنوان: "الوزير" يرد، بحزم' \
    '=قال الوزير في بيان، صدر اليوم، إن "الاتفاق" لن يُلغى.' \
    '-وأضاف أن الحكومة ستواصل الحوار مع <الشركاء> & الحلفاء.' \
    $'وأكد المتحدث أن الاجتماع المقبل سيعقد في الرباط\v الأسبوع القادم.' \
    "+وتابع: '=هذا ليس رقما' كما كتب @الوزارة." >"$work/in/wire/hard.txt"
inputs=("$work/in")
easc="$root/../shared/data/easc-dev/articles"
if [ -d "$easc" ]; then
    inputs+=("$easc")
else
    echo "check-clients: skipped EASC articles: $easc absent; checking the seed and the hard story only"
fi

for format in csv xliff xliff12; do
    "$khulasa" prep "${inputs[@]}" --out "$work/$format" --format "$format" --target-lang en
done
"$khulasa" prep "${inputs[@]}" --out "$work/excel" --profile excel
"$khulasa" prep "${inputs[@]}" --out "$work/lines" --format lines --target-lang en
"$venv/bin/csv2po" --progress=none "$work/csv/units.csv" "$work/csv/units.po"
"$venv/bin/csv2po" --progress=none --unescape-formulas "$work/excel/units.csv" "$work/excel/units.po"

# A fake translation (every sentence reversed) merged back, for a TMX to check.
"$venv/bin/python" - "$work/lines/units.ar" "$work/units.en" <<'EOF'
import sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        out.write(line.rstrip("\n")[::-1] + "\n")
EOF
cp "$work/lines/units.ids" "$work/units.ids"
"$khulasa" merge --source "$work/lines" --translations "$work/units.en" --out "$work/merged"

xmllint --noout "$work/xliff/units.xlf" "$work/xliff12/units.xliff" "$work/merged/memory.tmx"
echo "check-clients: xmllint --noout accepts units.xlf (XLIFF 2.0), units.xliff (XLIFF 1.2) and memory.tmx"

"$venv/bin/python" - "$work" <<'EOF'
import json, sys
from pathlib import Path
from translate.storage import csvl10n, po, tmx, xliff, xliff2

work = Path(sys.argv[1])
failures = 0

def expected(folder):
    entries = [json.loads(l) for l in (work / folder / "register.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(e["id"], e["source"], e["location"]) for e in entries if e["sent"] == e["id"]]

def load(cls, path):
    with open(path, "rb") as f:
        store = cls.parsefile(f)
    return [u for u in store.units if not u.isheader()]

def check(name, units, want, get_id, get_location=None):
    global failures
    got = [(get_id(u), u.source, get_location(u) if get_location else loc) for u, (_, _, loc) in zip(units, want)]
    if len(units) != len(want) or got != want:
        failures += 1
        bad = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        print(f"check-clients: FAIL {name}: {len(units)} units read, {len(want)} expected; first difference at "
              f"unit {bad}: got {got[bad] if bad < len(got) else None!r}, want {want[bad] if bad < len(want) else None!r}")
    else:
        print(f"check-clients: ok {name}: {len(units)} units, every id and source as written, in order")

csv_want = expected("csv")
check("Translate Toolkit CSV store (units.csv)", load(csvl10n.csvfile, work / "csv/units.csv"), csv_want,
      lambda u: u.getid(), lambda u: u.getlocations()[0])
# csv2po keeps location, source, target and context, and drops the id column: the location (story:start-end)
# identifies each unit there.
check("csv2po (units.csv -> units.po; id checked by location)", load(po.pofile, work / "csv/units.po"),
      csv_want, lambda u: next(i for i, _, l in csv_want if l == u.getlocations()[0]), lambda u: u.getlocations()[0])
excel_want = expected("excel")
check("csv2po on the Excel profile (formula guards undone)", load(po.pofile, work / "excel/units.po"),
      excel_want, lambda u: next(i for i, _, l in excel_want if l == u.getlocations()[0]),
      lambda u: u.getlocations()[0])
# XLIFF 2.0 unit ids are NMTOKENs (u1, u2, ...); khulasa's id is the unit's `name`.
check("Translate Toolkit XLIFF 2.0 (units.xlf; khulasa id in name)", load(xliff2.Xliff2File, work / "xliff/units.xlf"),
      expected("xliff"), lambda u: u.xmlelement.getparent().get("name"))
check("Translate Toolkit XLIFF 1.2 (units.xliff)", load(xliff.xlifffile, work / "xliff12/units.xliff"),
      expected("xliff12"), lambda u: u.getid().split("\x04")[-1])

lines_want = expected("lines")
tus = load(tmx.tmxfile, work / "merged/memory.tmx")
pairs = [(u.source, u.target) for u in tus]
want_pairs = [(s, s[::-1]) for _, s, _ in lines_want]
if pairs != want_pairs:
    failures += 1
    print(f"check-clients: FAIL TMX: {len(pairs)} translation units read, {len(want_pairs)} expected")
else:
    print(f"check-clients: ok Translate Toolkit TMX (memory.tmx): {len(pairs)} units, source and target as merged")
sys.exit(1 if failures else 0)
EOF
