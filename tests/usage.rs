//! Usage errors and reports a careless operator meets: every mistake in the command line is a one-line message
//! with exit code 1, never a panic or an OS error that does not say which option; measures that would quietly
//! count empty texts say so.

mod util;

use util::khulasa;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/");

/// A usage error: exit code 1 and a message holding `words`, nothing on standard output.
fn refused(args: &[&str], words: &str) {
    let run = khulasa(args, "");
    run.assert_code(1);
    assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn thread_counts_out_of_range_are_usage_errors() {
    refused(&["--threads", "18446744073709551615", "split", SEED], "--threads");
    refused(&["--threads", "1000", "split", SEED], "1..=256");
    refused(&["--threads", "0", "split", SEED], "--threads");
}

#[test]
fn budgets_blame_the_option_not_the_documents() {
    refused(&["summarize", "--sentences", "0", SEED], "must be at least 1, not 0");
    refused(&["summarize", "--sentences", "-2", SEED], "must be at least 1, not -2");
    refused(&["summarize", "--words", "-5", SEED], "must be at least 1");
    refused(&["summarize", "--ratio", "1.5", SEED], "between 0 and 1");
    refused(&["summarize", "--ratio", "-0.1", SEED], "between 0 and 1");
}

#[test]
fn resamples_have_a_limit() {
    refused(
        &["eval", "corpora", "--resamples", "18446744073709551615"],
        "at most 1000000",
    );
    refused(&["eval", "corpora", "--resamples", "0"], "at least 1");
}

#[test]
fn impossible_days_and_reversed_ranges_are_refused() {
    refused(&["summarize", "--date", "2018-02-30", SEED], "no day of the calendar");
    refused(&["summarize", "--date", "2018-13-01", SEED], "YYYY-MM-DD");
    refused(
        &["summarize", "--from", "2018-05-10", "--to", "2018-05-09", SEED],
        "--from 2018-05-10 is after --to 2018-05-09",
    );
    // 2016 was a leap year, 2100 will not be.
    khulasa(&["summarize", "--date", "2016-02-29", SEED], "").assert_code(2);
    refused(&["summarize", "--date", "2100-02-29", SEED], "no day of the calendar");
}

#[test]
fn a_selection_of_days_that_keeps_nothing_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"id\":\"a\",\"date\":\"2018-05-09\",\"text\":\"قال الوزير إن الاجتماع ناجح.\"}\n",
    )
    .unwrap();
    let feed = feed.to_str().unwrap();
    let run = khulasa(&["summarize", "--date", "2018-05-10", feed], "");
    run.assert_code(2);
    assert!(run.stderr.contains("no story dated 2018-05-10"), "{}", run.stderr);
    let kept = khulasa(&["summarize", "--date", "2018-05-09", feed], "");
    kept.assert_code(0);
    assert!(!kept.stderr.contains("no story"), "{}", kept.stderr);
}

#[test]
fn a_file_name_cannot_forge_a_report_line() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("bad\nkhulasa: forged\u{1b}[31m.txt");
    std::fs::write(&name, [0xFFu8, 0xFE, 0x00, 0xD8, 0x00]).unwrap();
    std::fs::write(dir.path().join("good.txt"), "قال الوزير إن الاجتماع ناجح.").unwrap();
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("bad\\u{a}khulasa: forged\\u{1b}[31m"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("قال الوزير"));
}

/// A copy of two articles of an EASC-layout corpus written here, the second's text empty and one of the first's
/// references empty.
fn corpus_with_empty_texts(dir: &std::path::Path) {
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "articles/one.txt",
        "قال الوزير إن الاجتماع ناجح. وأضاف أن الخطة جاهزة. وختم بالشكر.",
    );
    write("summaries/one/A.txt", "قال الوزير إن الاجتماع ناجح.");
    write("summaries/one/B.txt", "  \n");
    write("articles/two.txt", "\n");
    write("summaries/two/A.txt", "قال الوزير.");
}

#[test]
fn eval_reports_empty_articles_and_references_instead_of_scoring_them_zero() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_empty_texts(dir.path());
    let corpus = dir.path().to_str().unwrap();
    let run = khulasa(
        &["eval", corpus, "--scorers", "lead", "--no-oracle", "--sentences", "1"],
        "",
    );
    run.assert_code(2);
    assert!(run.stderr.contains("1 of 2 references have no words"), "{}", run.stderr);
    assert!(
        run.stderr.contains("two.txt: no words; the article is left out"),
        "{}",
        run.stderr
    );
    // One article, its one reference the sentence chosen: a perfect score, not a mean pulled down by zeros.
    let lead = run.stdout.lines().find(|l| l.starts_with("lead")).unwrap();
    assert!(lead.contains("100.00"), "{lead}");
}

#[test]
fn eval_outputs_never_land_inside_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_empty_texts(dir.path());
    let corpus = dir.path().to_str().unwrap();
    let article = dir.path().join("articles/one.txt");
    let before = std::fs::read(&article).unwrap();
    refused(
        &[
            "eval",
            corpus,
            "--chart",
            article.to_str().unwrap(),
            "--scorers",
            "lead",
        ],
        "lies inside the corpus's",
    );
    assert_eq!(std::fs::read(&article).unwrap(), before);
    let gold = dir.path().join("summaries/mine");
    refused(
        &[
            "eval",
            corpus,
            "--save-summaries",
            gold.to_str().unwrap(),
            "--scorers",
            "lead",
        ],
        "lies inside the corpus's",
    );
    assert!(!gold.exists());
}

#[test]
fn a_temporary_folder_that_cannot_be_written_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let lines: String = (0..120)
        .map(|i| format!("{{\"id\":\"s{i}\",\"text\":\"قال الوزير إن الاجتماع رقم {i} ناجح. وأضاف أنه سيعود.\"}}\n"))
        .collect();
    std::fs::write(&feed, lines).unwrap();
    let missing = dir.path().join("no-such-folder");
    // A scorer that reads IDF: the batch is counted, and its stories spooled.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(["summarize", "--quiet", "--scorer", "tfidf", feed.to_str().unwrap()])
        .env("TMPDIR", &missing)
        .env("KHULASA_SPOOL_MEMORY", "0")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("in {} (TMPDIR)", missing.display())),
        "{stderr}"
    );
}

#[test]
fn save_df_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let line = "{\"id\":\"a\",\"text\":\"قال الوزير إن الاجتماع ناجح.\"}\n";
    std::fs::write(&feed, line).unwrap();
    let feed = feed.to_str().unwrap();
    let run = khulasa(&["summarize", "--save-df", feed, feed], "");
    run.assert_code(2);
    assert!(run.stderr.contains("would overwrite an input"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(feed).unwrap(), line);
    // A table written into a folder that is itself an input would be read as a story the next time.
    let folder = dir.path().to_str().unwrap();
    let inside = dir.path().join("table.df");
    let run = khulasa(&["summarize", "--save-df", inside.to_str().unwrap(), folder], "");
    run.assert_code(2);
    assert!(!inside.exists());
    let elsewhere = tempfile::tempdir().unwrap();
    let table = elsewhere.path().join("table.df");
    khulasa(&["summarize", "--save-df", table.to_str().unwrap(), feed], "").assert_code(0);
    assert!(std::fs::read_to_string(table).unwrap().starts_with("#documents\t1"));
}
