//! Batches: output independent of the thread count, shards with a merged document-frequency table equal
//! to one run over everything, and day selection.

mod util;

use util::khulasa;

/// A feed of `n` made-up stories from a small vocabulary (enough for batch IDF: at least 100 stories).
fn feed(n: usize, first: usize) -> String {
    let subjects = ["الوزير", "الرئيس", "المتحدث", "السفير", "المدير"];
    let verbs = ["أعلن", "أكد", "نفى", "أوضح", "قال"];
    let objects = [
        "الاتفاق التجاري",
        "الانتخابات المقبلة",
        "الأزمة الاقتصادية",
        "المفاوضات الجارية",
        "الموازنة العامة",
    ];
    (first..first + n)
        .map(|i| {
            let sentence = |k: usize| {
                format!(
                    "{} {} أن {} ستشهد تطورا رقم {}.",
                    subjects[(i + k) % 5],
                    verbs[(i * 3 + k) % 5],
                    objects[(i * 7 + k * 2) % 5],
                    (i * 13 + k) % 17
                )
            };
            let text = (0..6).map(sentence).collect::<Vec<_>>().join(" ");
            let day = 1 + i % 3;
            serde_json::json!({"id": format!("s{i}"), "text": text, "date": format!("2019-03-0{day}T10:00:00Z")})
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, feed(600, 0)).unwrap();
    let path = path.to_str().unwrap();
    let one = khulasa(&["summarize", "--threads", "1", "--format", "jsonl", path], "");
    let two = khulasa(&["summarize", "--threads", "2", "--format", "jsonl", path], "");
    let four = khulasa(&["summarize", "--threads", "4", "--format", "jsonl", path], "");
    one.assert_code(0);
    assert_eq!(one.stdout.lines().count(), 600);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn shards_with_merged_frequencies_equal_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    let all = dir.path().join("all.jsonl");
    std::fs::write(&a, feed(150, 0)).unwrap();
    std::fs::write(&b, feed(150, 150)).unwrap();
    std::fs::write(&all, format!("{}\n{}", feed(150, 0), feed(150, 150))).unwrap();
    let (a, b, all) = (a.to_str().unwrap(), b.to_str().unwrap(), all.to_str().unwrap());
    let df_a = dir.path().join("a.df");
    let df_b = dir.path().join("b.df");
    khulasa(&["summarize", "--save-df", df_a.to_str().unwrap(), a], "").assert_code(0);
    khulasa(&["summarize", "--save-df", df_b.to_str().unwrap(), b], "").assert_code(0);
    let merged = dir.path().join("all.df");
    let text = std::fs::read_to_string(&df_a).unwrap() + &std::fs::read_to_string(&df_b).unwrap();
    std::fs::write(&merged, text).unwrap();
    let merged = merged.to_str().unwrap();
    let whole = khulasa(&["summarize", "--scorer", "tfidf", "--format", "jsonl", all], "");
    whole.assert_code(0);
    let shard_a = khulasa(
        &["summarize", "--scorer", "tfidf", "--format", "jsonl", "--df", merged, a],
        "",
    );
    let shard_b = khulasa(
        &["summarize", "--scorer", "tfidf", "--format", "jsonl", "--df", merged, b],
        "",
    );
    assert_eq!(shard_a.stdout + &shard_b.stdout, whole.stdout);
    // tfidf: a scorer whose ranks depend on the frequencies (the default follows the story's order).
    // Without the merged table each shard has other frequencies, so the check above is not vacuous.
    let alone = khulasa(&["summarize", "--scorer", "tfidf", "--format", "jsonl", a], "");
    assert_ne!(
        alone.stdout,
        whole
            .stdout
            .lines()
            .take(150)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
}

#[test]
fn date_selects_the_stories_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, feed(30, 0)).unwrap();
    let path = path.to_str().unwrap();
    let run = khulasa(&["summarize", "--format", "jsonl", "--date", "2019-03-02", path], "");
    run.assert_code(0);
    let ids = run.jsonl_field("id");
    let expected: Vec<String> = (0..30).filter(|i| i % 3 == 1).map(|i| format!("s{i}")).collect();
    assert_eq!(ids, expected);
    let range = khulasa(&["split", "--from", "2019-03-02", "--to", "2019-03-03", path], "");
    range.assert_code(0);
    khulasa(&["split", "--date", "2019-13-02", path], "").assert_code(1);
}

#[test]
fn the_closing_report_counts_both_passes_as_one_pass_would() {
    // A scorer that reads IDF, so that the batch's own is counted in a first pass. An unreadable line, reported by
    // that first pass, and a story of one counter, which fails only when summarised (its one unit still counted),
    // among 150 stories of six sentences.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    let counter = serde_json::json!({"id": "counter", "text": "123"});
    std::fs::write(&path, format!("{{not json\n{}\n{counter}\n", feed(150, 0))).unwrap();
    let path = path.to_str().unwrap();
    let report = |args: &[&str]| {
        let run = khulasa(
            &[
                &["summarize", "--stats", "--scorer", "tfidf", "--format", "jsonl", path],
                args,
            ]
            .concat(),
            "",
        );
        run.assert_code(2);
        let last = run.stderr.lines().last().unwrap_or_default().to_owned();
        // The time and rate vary from run to run.
        last.split(", ").take(3).collect::<Vec<_>>().join(", ")
    };
    let two_passes = report(&[]);
    assert_eq!(two_passes, "khulasa: 150 stories, 901 sentences, 2 failures");
    assert_eq!(report(&["--idf", "document"]), two_passes);
    assert_eq!(report(&["--threads", "1"]), two_passes);
}

#[test]
fn a_summary_that_reads_no_idf_is_the_same_with_the_batch_counted_or_not() {
    // The default and `lead` rank by position, so a batch is counted only when asked to save its frequencies;
    // counting (two passes over a spool) and not counting (one pass) must give the same summaries.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(&path, feed(150, 0)).unwrap();
    let path = path.to_str().unwrap();
    let df = dir.path().join("feed.df");
    let df = df.to_str().unwrap();
    for scorer in ["default", "lead"] {
        for format in ["jsonl", "text"] {
            let one_pass = khulasa(&["summarize", "--scorer", scorer, "--format", format, path], "");
            let counted = khulasa(
                &[
                    "summarize",
                    "--scorer",
                    scorer,
                    "--format",
                    format,
                    "--save-df",
                    df,
                    path,
                ],
                "",
            );
            one_pass.assert_code(0);
            counted.assert_code(0);
            assert!(std::fs::metadata(df).unwrap().len() > 0, "the batch was counted");
            assert_eq!(one_pass.stdout, counted.stdout, "{scorer} {format}");
        }
    }
}
