//! Summaries a desk can send: the story's identity in the output, datelines and hashtag markup gone from what is
//! shown, no sentence that repeats another, no lead-in cut from its list; and the day's five desk counts on real
//! wire, read in place from `../shared/data` (skipped with a message on a user's machine, failing in CI).

mod util;

use util::khulasa;

/// A feed of one story as the ANT feeds write them (`docno`, `src`, `time`), in a `.jsonl` file of `dir`.
fn feed(dir: &tempfile::TempDir, id: &str, title: &str, text: &str) -> String {
    let record = serde_json::json!({
        "docno": id,
        "src": "cnn",
        "title": title,
        "time": "Wed, 09 May 2018 10:00:00 +0400",
        "text": text,
    });
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, format!("{record}\n")).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Runs `khulasa ARGS FEED` on a feed of one story.
fn on_story(args: &[&str], id: &str, title: &str, text: &str) -> util::Run {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(&dir, id, title, text);
    let mut all = args.to_vec();
    all.push(&path);
    khulasa(&all, "")
}

const STORY: &str = "دبي، الإمارات العربية المتحدة (CNN)— قال وزير الخارجية إن #الحكومة_الجديدة ستبدأ عملها الأسبوع المقبل بعد مشاورات طويلة.\n\
قال وزير الخارجية إن الحكومة الجديدة ستبدأ عملها الأسبوع المقبل بعد مشاورات طويلة جدا.\n\
وحدد الوزير أولويات الحكومة في 5 مجالات رئيسية:\n\
وأضاف أن الخطة ستعرض على البرلمان.\n\
وتواجه البلاد أزمة اقتصادية منذ عامين أدت إلى ارتفاع الأسعار.\n\
ويتوقع محللون أن تتحسن الأوضاع في العام المقبل مع عودة الاستثمارات.";

fn summary_of(story: &str) -> serde_json::Value {
    let run = on_story(
        &["summarize", "--format", "jsonl", "--id-field", "docno"],
        "CN-1",
        "الحكومة الجديدة تبدأ عملها",
        story,
    );
    run.assert_code(0);
    serde_json::from_str(run.stdout.trim()).expect("one JSON line")
}

fn sentences(summary: &serde_json::Value) -> Vec<String> {
    summary["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s["text"].as_str().expect("text").to_owned())
        .collect()
}

#[test]
fn jsonl_output_carries_title_source_and_date() {
    let summary = summary_of(STORY);
    assert_eq!(summary["id"], "CN-1");
    assert_eq!(summary["title"], "الحكومة الجديدة تبدأ عملها");
    assert_eq!(summary["source"], "cnn");
    assert_eq!(summary["date"], "2018-05-09");
}

#[test]
fn the_shown_text_has_no_dateline_and_no_hashtag_markup_while_offsets_point_into_the_original() {
    let summary = summary_of(STORY);
    let first = &summary["sentences"][0];
    assert_eq!(
        first["text"],
        "قال وزير الخارجية إن الحكومة الجديدة ستبدأ عملها الأسبوع المقبل بعد مشاورات طويلة."
    );
    let start = first["start"].as_u64().unwrap() as usize;
    assert_eq!(start, 0, "the range still covers the dateline in the text as read");
}

#[test]
fn a_repeated_sentence_a_lead_in_and_a_sentence_referring_to_one_left_out_are_not_chosen() {
    let shown = sentences(&summary_of(STORY));
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(
        !shown.iter().any(|s| s.contains("جدا")),
        "the repeated standfirst: {shown:?}"
    );
    assert!(
        !shown.iter().any(|s| s.ends_with(':')),
        "a lead-in without its list: {shown:?}"
    );
    assert!(
        !shown.iter().any(|s| s.starts_with("وأضاف")),
        "refers to a sentence left out: {shown:?}"
    );
}

#[test]
fn the_lead_baseline_takes_the_first_sentences_as_they_stand() {
    let run = on_story(
        &[
            "summarize",
            "--format",
            "jsonl",
            "--id-field",
            "docno",
            "--scorer",
            "lead",
        ],
        "CN-1",
        "الحكومة الجديدة تبدأ عملها",
        STORY,
    );
    run.assert_code(0);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let indices: Vec<u64> = summary["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indices, [0, 1, 2]);
}

#[test]
fn the_text_block_opens_with_id_source_date_and_title_and_cannot_be_forged() {
    let run = on_story(
        &["summarize", "--id-field", "docno"],
        "CN-1\n# FORGED\u{1b}[31m",
        "عنوان\nالخبر",
        STORY,
    );
    run.assert_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "# CN-1\\u{a}# FORGED\\u{1b}[31m · cnn · 2018-05-09");
    assert_eq!(lines[1], "## عنوان الخبر");
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn a_title_stands_as_the_headline_when_the_text_has_none() {
    // The first sentence says no more than the title: a desk does not print the headline twice.
    let story = "الحكومة الجديدة تبدأ عملها اليوم.\nوتواجه البلاد أزمة اقتصادية منذ عامين.\nويتوقع محللون تحسن الأوضاع.";
    let run = on_story(
        &[
            "summarize",
            "--format",
            "jsonl",
            "--id-field",
            "docno",
            "--sentences",
            "1",
        ],
        "CN-2",
        "الحكومة الجديدة تبدأ عملها اليوم",
        story,
    );
    run.assert_code(0);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(sentences(&summary), ["وتواجه البلاد أزمة اقتصادية منذ عامين."]);
}

/// The ANT archive, or `None` (with a message) where it is absent on a user's machine; in CI its absence fails.
fn ant() -> Option<std::path::PathBuf> {
    util::shared_data("ant/ant_v2.1.jsonl.gz")
}

/// The five counts of `scripts/desk-check.py` on one day of the archive.
fn desk_counts(day: &str) -> Option<serde_json::Value> {
    let feed = ant()?;
    let dir = tempfile::tempdir().unwrap();
    let summaries = dir.path().join("summaries.jsonl");
    let run = khulasa(
        &[
            "summarize",
            feed.to_str().unwrap(),
            "--id-field",
            "docno",
            "--date",
            day,
            "--format",
            "jsonl",
            "--quiet",
        ],
        "",
    );
    run.assert_code(0);
    std::fs::write(&summaries, &run.stdout).unwrap();
    let output = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/desk-check.py"))
        .arg(&feed)
        .args([
            "--summaries",
            summaries.to_str().unwrap(),
            "--json",
            "--id-field",
            "docno",
        ])
        .output()
        .expect("python3 runs scripts/desk-check.py");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).expect("the script's JSON"))
}

#[test]
fn the_five_desk_counts_are_zero_on_a_day_of_wire() {
    for day in ["2018-05-09", "2018-05-10"] {
        let Some(counts) = desk_counts(day) else { return };
        for name in [
            "unbalanced_quotes",
            "datelines",
            "hashtags",
            "colon_endings",
            "near_duplicate_pairs",
        ] {
            assert_eq!(counts[name], 0, "{day} {name}: {counts}");
        }
    }
}
