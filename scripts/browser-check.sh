#!/usr/bin/env bash
# Renders the review page of `khulasa digest --format html` in a real browser (headless Chromium) and checks it
# through the DOM the browser built:
#   - one highlighted summary sentence (<mark class="pick"> with its <sup class="rank">) for every sentence
#     `khulasa summarize --format jsonl` selects on the same stories,
#   - one event (<li class="event">) for every line of `khulasa digest --format jsonl`,
#   - the page is right-to-left Arabic, and every story is on it.
# It also saves a screenshot (PNG) to look at.
#
# Input: one day of ANT (default 2018-05-09, from ../shared/data/ant/ant_v2.1.jsonl.gz); when ANT is absent, the
# seed story in corpora/. Installs Debian's chromium with apt-get when it is not there.
#
# Usage: scripts/browser-check.sh [YYYY-MM-DD] [OUTDIR]   (OUTDIR defaults to target/browser-check)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
day=${1:-2018-05-09}
outdir=${2:-$root/target/browser-check}
ant=$root/../shared/data/ant/ant_v2.1.jsonl.gz

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "browser-check: installing Debian's chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    browser=$(command -v chromium)
fi

target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release --quiet --bin khulasa)
khulasa=$target/release/khulasa

if [ -f "$ant" ]; then
    inputs=(--id-field docno --date "$day" "$ant")
    what="ANT, $day"
else
    echo "browser-check: ANT ($ant) is absent: checking the page of the seed story (corpora/) instead" >&2
    inputs=("$root/corpora/")
    what="the seed story"
fi

mkdir -p "$outdir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Stories that fail to read (outside the day or not) are reported on stderr; the page holds the others.
"$khulasa" digest --quiet "${inputs[@]}" --format html >"$outdir/page.html" || [ $? -eq 2 ]
"$khulasa" digest --quiet "${inputs[@]}" --format jsonl >"$work/digest.jsonl" 2>/dev/null || [ $? -eq 2 ]
"$khulasa" summarize --quiet "${inputs[@]}" --format jsonl >"$work/summaries.jsonl" 2>/dev/null || [ $? -eq 2 ]

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
    --disable-component-update --disable-sync --hide-scrollbars)
"$browser" "${flags[@]}" --user-data-dir="$work/profile-dom" --dump-dom "file://$outdir/page.html" \
    >"$work/dom.html" 2>"$work/chromium-dom.log"
"$browser" "${flags[@]}" --user-data-dir="$work/profile-png" --window-size=1280,2000 \
    --screenshot="$outdir/page.png" "file://$outdir/page.html" >/dev/null 2>"$work/chromium-png.log"
[ -s "$outdir/page.png" ] || { echo "browser-check: FAILED: no screenshot" >&2; exit 1; }

python3 - "$work/dom.html" "$work/summaries.jsonl" "$work/digest.jsonl" "$what" <<'EOF'
import json, sys
from html.parser import HTMLParser

dom_path, summaries_path, digest_path, what = sys.argv[1:]

class Dom(HTMLParser):
    """Counts what the browser built: highlighted picks (with their ranks), events, stories."""
    def __init__(self):
        super().__init__()
        self.html_attrs, self.picks, self.ranks, self.events, self.stories = {}, 0, 0, 0, 0
        self.open_marks = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.html_attrs = a
        elif tag == "mark":
            self.open_marks.append("pick" in classes)
            self.picks += "pick" in classes
        elif tag == "sup" and "rank" in classes and self.open_marks and self.open_marks[-1]:
            self.ranks += 1
        elif tag == "li" and "event" in classes:
            self.events += 1
        elif tag == "article" and "story" in classes:
            self.stories += 1
    def handle_endtag(self, tag):
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()

dom = Dom()
dom.feed(open(dom_path, encoding="utf-8").read())
summaries = [json.loads(l) for l in open(summaries_path, encoding="utf-8") if l.strip()]
expected_picks = sum(len(s["sentences"]) for s in summaries)
expected_events = sum(1 for l in open(digest_path, encoding="utf-8") if l.strip())
checks = [
    ("html dir=rtl lang=ar", dom.html_attrs.get("dir") == "rtl" and dom.html_attrs.get("lang") == "ar"),
    (f"stories: {dom.stories} on the page, {len(summaries)} summarised", dom.stories == len(summaries)),
    (f"highlighted sentences: {dom.picks} in the DOM, {expected_picks} selected by summarize",
     dom.picks == expected_picks and expected_picks > 0),
    (f"ranks shown: {dom.ranks} of {dom.picks}", dom.ranks == dom.picks),
    (f"events: {dom.events} in the DOM, {expected_events} in the digest", dom.events == expected_events),
]
print(f"browser-check ({what}):")
for label, ok in checks:
    print(f"  {'ok  ' if ok else 'FAIL'} {label}")
sys.exit(0 if all(ok for _, ok in checks) else 1)
EOF
echo "  page: $outdir/page.html  screenshot: $outdir/page.png"
