#!/usr/bin/env bash
# Checks khulasa's translation files against real clients:
#   - Translate Toolkit reads the CSV (its CSV store, and csv2po), the XLIFF 2.0 and the XLIFF 1.2 files, and
#     sees every unit with its id and source, in order, as the register of the run says;
#   - the Excel-profile CSV converted by csv2po gives back the unguarded sources;
#   - xmllint --noout accepts both XLIFF files and the TMX that merge writes, and --dtdvalid finds the TMX valid
#     against the TMX 1.4 DTD that Debian's omegat ships;
#   - Translate Toolkit's TMX store reads every translation unit back;
#   - PO routes come back through merge whole: khulasa's PO filled by Translate Toolkit (msgfmt accepts it),
#     po2xliff and po2csv of it, csv2po -> po2csv, xliff2po -> po2xliff;
#   - OmegaT (Debian's omegat, console mode) finds the segments of the XLIFF 1.2 written with --copy-source,
#     translates them from a memory in tm/auto, and merge takes its output; with no memory, merge reports every
#     segment untranslated and merges nothing;
#   - LibreOffice (headless) converts the XLSX batch to CSV with every id and source as written.
# Installs what it needs: translate-toolkit into scripts/.venv (created here), libxml2-utils via apt-get when
# xmllint is absent, omegat with default-jre-headless and libreoffice-calc-nogui via apt-get when absent (a client
# that cannot be installed is skipped with a message). Uses $KHULASA as the binary when set, else builds it (cargo
# build --release).
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

# prep names its batch files after its run (<run id>-001.csv); each folder here holds one batch, linked as
# units.<ext> so that the checks below name it the same way on every run.
link_batch() {
    local file
    for file in "$1"/*-001.*; do
        ln -s "$(basename "$file")" "$1/units.${file##*-001.}"
    done
}

for format in csv xliff xliff12; do
    "$khulasa" prep "${inputs[@]}" --out "$work/$format" --format "$format" --target-lang en
    link_batch "$work/$format"
done
"$khulasa" prep "${inputs[@]}" --out "$work/excel" --profile excel
link_batch "$work/excel"
"$khulasa" prep "${inputs[@]}" --out "$work/lines" --format lines --target-lang en
link_batch "$work/lines"
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

failures=0
fail() {
    echo "check-clients: FAIL $*"
    failures=$((failures + 1))
}
ok() {
    echo "check-clients: ok $*"
}

# Fills every target of a file Translate Toolkit reads (PO, XLIFF) with an English stand-in that keeps the
# source's numbers, as a translator's tool saves it.
fill() {
    "$venv/bin/python" - "$1" "$2" <<'EOF'
import re, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
for unit in store.units:
    if not unit.isheader():
        unit.target = ("Translated " + " ".join(re.findall(r"[0-9]+", unit.source))).strip()
store.savefile(sys.argv[2])
EOF
}

# Merges the translated file $3 against the prep folder $2 into $4: every unit must come back.
merged_whole() {
    local name=$1 source=$2 file=$3 out=$4 log
    if ! log=$("$khulasa" --stats merge --source "$source" --translations "$file" --out "$out" 2>&1); then
        fail "$name: merge refused it: $log"
        return
    fi
    local counts
    counts=$(grep -o '[0-9]* of [0-9]* units translated' <<<"$log" || true)
    if [ -n "$counts" ] && [ "$(cut -d' ' -f1 <<<"$counts")" = "$(cut -d' ' -f3 <<<"$counts")" ]; then
        ok "$name: merge took it whole ($counts)"
    else
        fail "$name: $log"
    fi
}

# PO: khulasa's own, and what Translate Toolkit's converters give back.
"$khulasa" prep "${inputs[@]}" --out "$work/po" --format po --target-lang en
link_batch "$work/po"
fill "$work/po/units.po" "$work/po-en.po"
merged_whole "PO filled by Translate Toolkit" "$work/po" "$work/po-en.po" "$work/m-po"
if command -v msgfmt >/dev/null; then
    if msgfmt --check-format --check-domain -o /dev/null "$work/po/units.po" 2>"$work/msgfmt.log" \
        && msgfmt --check-format --check-domain -o /dev/null "$work/po-en.po" 2>>"$work/msgfmt.log"; then
        ok "msgfmt --check-format accepts units.po and its translation"
    else
        fail "msgfmt: $(cat "$work/msgfmt.log")"
    fi
fi
"$venv/bin/po2xliff" --progress=none "$work/po-en.po" "$work/po-en.xliff"
merged_whole "po2xliff of khulasa's PO (id by reference)" "$work/po" "$work/po-en.xliff" "$work/m-po2xliff"
"$venv/bin/po2csv" --progress=none "$work/po-en.po" "$work/po-en.csv"
merged_whole "po2csv of khulasa's PO (id by location)" "$work/po" "$work/po-en.csv" "$work/m-po2csv"
fill "$work/csv/units.po" "$work/csv-en.po"
"$venv/bin/po2csv" --progress=none "$work/csv-en.po" "$work/csv-en.csv"
merged_whole "csv2po -> po2csv (id by location)" "$work/csv" "$work/csv-en.csv" "$work/m-csv2po"
"$venv/bin/xliff2po" --progress=none "$work/xliff12/units.xliff" "$work/x12.po"
fill "$work/x12.po" "$work/x12-en.po"
"$venv/bin/po2xliff" --progress=none "$work/x12-en.po" "$work/x12-en.xliff"
merged_whole "xliff2po -> po2xliff (id by developer note)" "$work/xliff12" "$work/x12-en.xliff" "$work/m-xliff2po"

# Installs Debian packages when their command is absent; says so and returns 1 when it cannot.
have_or_install() {
    local command=$1
    shift
    command -v "$command" >/dev/null && return 0
    apt-get update -qq >"$work/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$work/apt.log" 2>&1 || true
    command -v "$command" >/dev/null && return 0
    echo "check-clients: skipped $command: cannot install $* ($(tail -1 "$work/apt.log"))"
    return 1
}

# OmegaT 3.6 reads segments from XLIFF 1.2 targets only (none from an empty target, nothing from XLIFF 2.0):
# prep --copy-source writes each target as a copy of its source.
omegat_project() {
    mkdir -p "$1"/{source,target,tm/auto,glossary,omegat,dictionary}
    cat >"$1/omegat.project" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ar</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
EOF
}
if have_or_install omegat omegat default-jre-headless; then
    "$khulasa" prep "${inputs[@]}" --out "$work/omegat" --format xliff12 --target-lang en --copy-source
    link_batch "$work/omegat"
    # A translation memory as a team has one: the merge of a translation of the same batch.
    fill "$work/omegat/units.xliff" "$work/omegat-fake.xliff"
    "$khulasa" merge --source "$work/omegat" --translations "$work/omegat-fake.xliff" --out "$work/omegat-memory"
    # Debian's omegat ships the TMX 1.4 DTD (schemas/tmx14.dtd inside OmegaT.jar): the memories merge writes are
    # validated against it. No package of Debian, PyPI or npm that was searched ships the XLIFF 1.2 or 2.0
    # schemas, so XLIFF is checked by xmllint --noout and the clients above only.
    jar=/usr/share/omegat/OmegaT.jar
    if "$venv/bin/python" -c 'import sys, zipfile
open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("schemas/tmx14.dtd"))' \
        "$jar" "$work/tmx14.dtd" 2>"$work/dtd.log"; then
        if xmllint --noout --dtdvalid "$work/tmx14.dtd" "$work/merged/memory.tmx" "$work/omegat-memory/memory.tmx" \
            2>"$work/dtdvalid.log"; then
            ok "xmllint --dtdvalid: both memory.tmx files are valid TMX 1.4 (tmx14.dtd from Debian's omegat)"
        else
            fail "memory.tmx is not valid against tmx14.dtd: $(head -3 "$work/dtdvalid.log")"
        fi
    else
        fail "no schemas/tmx14.dtd in $jar: $(tail -1 "$work/dtd.log")"
    fi
    for run in with-memory without-memory; do
        project="$work/omegat-$run"
        omegat_project "$project"
        cp "$work/omegat/units.xliff" "$project/source/"
        if [ "$run" = with-memory ]; then
            cp "$work/omegat-memory/memory.tmx" "$project/tm/auto/"
        fi
        if ! timeout 600 omegat "$project" --mode=console-translate >"$work/omegat-$run.log" 2>&1; then
            fail "OmegaT console mode ($run): $(tail -3 "$work/omegat-$run.log")"
            continue
        fi
        segments=$(awk -F'\t' '/^Total:/ {gsub(/ /, "", $2); print $2}' "$project/omegat/project_stats.txt")
        echo "check-clients: OmegaT ($run) found ${segments:-0} segments in units.xliff"
        [ "${segments:-0}" -gt 0 ] || fail "OmegaT found no segment"
        if [ "$run" = with-memory ]; then
            merged_whole "OmegaT console mode translating from tm/auto" "$work/omegat" \
                "$project/target/units.xliff" "$work/m-omegat"
        elif log=$("$khulasa" merge --source "$work/omegat" --translations "$project/target/units.xliff" \
            --out "$work/m-omegat-none" 2>&1); then
            fail "OmegaT output with no translation merged: $log"
        elif grep -q "untranslated, not merged" <<<"$log"; then
            ok "OmegaT output with no translation: $(grep -c 'untranslated, not merged' <<<"$log") segments reported untranslated, nothing merged"
        else
            fail "OmegaT output with no translation: $log"
        fi
    done
fi

if have_or_install soffice libreoffice-calc-nogui; then
    "$khulasa" prep "${inputs[@]}" --out "$work/xlsx" --format xlsx --target-lang en
    link_batch "$work/xlsx"
    # 44,34,76: comma-separated, double quotes, UTF-8.
    if (cd "$work/xlsx" && timeout 300 soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
        --outdir "$work/lo" units.xlsx >"$work/lo.log" 2>&1) && [ -f "$work/lo/units.csv" ]; then
        "$venv/bin/python" - "$work" <<'EOF' || fail "LibreOffice: the XLSX as converted differs from the register"
import csv, json, sys
from pathlib import Path
work = Path(sys.argv[1])
rows = list(csv.reader(open(work / "lo/units.csv", encoding="utf-8", newline="")))
entries = [json.loads(l) for l in (work / "xlsx/register.jsonl").read_text(encoding="utf-8").splitlines()]
want = [(e["id"], e["source"]) for e in entries if e["sent"] == e["id"]]
got = [(r[0], r[1]) for r in rows[1:]]
if rows[0][:3] != ["id", "source", "target"]:
    print(f"check-clients: header {rows[0]!r}")
    sys.exit(1)
if got != want:
    bad = next(i for i, w in enumerate(want) if i >= len(got) or got[i] != w)
    print(f"check-clients: row {bad + 2}: got {got[bad] if bad < len(got) else None!r}, want {want[bad]!r}")
    sys.exit(1)
print(f"check-clients: ok LibreOffice headless (units.xlsx -> csv): {len(got)} rows, every id and source as written")
EOF
    else
        fail "LibreOffice could not convert units.xlsx: $(tail -3 "$work/lo.log")"
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "check-clients: $failures failure(s)"
    exit 1
fi
echo "check-clients: every client passed"
