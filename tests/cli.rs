//! End-to-end tests of the command-line contract: they run the built `khulasa` binary.

mod util;

use util::khulasa;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/coalition-marrakech.txt");

#[test]
fn summary_of_the_seed_story_leaves_out_counters_and_headline() {
    let run = khulasa(&["summarize", "corpora/"], "");
    run.assert_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "default budget is 3 sentences: {lines:?}");
    let seed = std::fs::read_to_string(SEED).unwrap();
    let headline = seed.lines().next().unwrap().trim();
    for line in &lines {
        assert!(
            line.trim() != "0" && line.trim() != "360",
            "furniture in summary: {line}"
        );
        assert_ne!(line.trim(), headline, "headline selected as a body sentence");
        assert!(!line.starts_with("# "), "one document prints its sentences alone");
    }
}

#[test]
fn split_jsonl_slices_normalise_to_the_sentence_text() {
    let run = khulasa(&["split", "--format", "jsonl", SEED], "");
    run.assert_code(0);
    let original = std::fs::read_to_string(SEED).unwrap();
    let repairer = khulasa_normalize::Repairer::new();
    let mut kinds = std::collections::BTreeMap::new();
    let mut previous_end = 0;
    for (i, line) in run.stdout.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["doc"], "coalition-marrakech");
        assert_eq!(v["index"], i);
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(
            previous_end <= start && start < end && end <= original.len(),
            "{start}..{end}"
        );
        previous_end = end;
        let text = v["text"].as_str().unwrap();
        assert!(!text.contains('\n'));
        let slice = &original[start..end];
        let evidence = repairer.evidence(&original);
        let normalised = khulasa::pipeline::one_line(&repairer.repair_with(slice, &evidence).text);
        assert_eq!(
            normalised, text,
            "slice {start}..{end} does not normalise to the sentence's text"
        );
        *kinds.entry(v["kind"].as_str().unwrap().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(kinds.get("headline"), Some(&1), "{kinds:?}");
    assert_eq!(kinds.get("furniture"), Some(&2), "{kinds:?}");
    assert!(kinds.get("body").copied().unwrap_or(0) >= 15, "{kinds:?}");
}

#[test]
fn split_text_is_one_sentence_a_line_documents_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود\nغدا إلى بلاده.",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "جملة واحدة فقط.").unwrap();
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "قال الوزير إن الاجتماع ناجح.\nوأضاف أنه سيعود غدا إلى بلاده.\n\nجملة واحدة فقط.\n"
    );
}

#[test]
fn stem_words_keeps_the_line_count() {
    let words = "والإرهاب\nالإرهابية\n\nكتبت\nمُدَرِّسُونَ\n  \nبالمدارس\n";
    for algorithm in ["light", "snowball"] {
        let run = khulasa(&["stem", "--algorithm", algorithm, "--words"], words);
        run.assert_code(0);
        assert_eq!(
            run.stdout.lines().count(),
            words.lines().count(),
            "{algorithm}: {}",
            run.stdout
        );
    }
}

#[test]
fn summarize_jsonl_and_several_documents() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let seed = std::fs::read_to_string(SEED).unwrap();
    let lines = [
        serde_json::json!({"id": "one", "text": seed}).to_string(),
        serde_json::json!({"id": "two", "text": "قال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود غدا."}).to_string(),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let run = khulasa(
        &[
            "summarize",
            "--format",
            "jsonl",
            "--sentences",
            "2",
            feed.to_str().unwrap(),
        ],
        "",
    );
    run.assert_code(0);
    let docs: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "one");
    let sentences = docs[0]["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 2);
    for s in sentences {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= seed.len());
        assert!(s["rank"].as_u64().unwrap() >= 1 && s["score"].is_number() && s["text"].is_string());
    }
    assert!(
        sentences[0]["start"].as_u64() < sentences[1]["start"].as_u64(),
        "document order"
    );

    let text = khulasa(&["summarize", "--sentences", "1", feed.to_str().unwrap()], "");
    text.assert_code(0);
    let blocks: Vec<&str> = text.stdout.split("\n\n").filter(|b| !b.is_empty()).collect();
    assert_eq!(blocks.len(), 2, "{}", text.stdout);
    assert!(
        blocks[0].starts_with("# one\n") && blocks[1].starts_with("# two\n"),
        "{}",
        text.stdout
    );
}

#[test]
fn word_budget_takes_whole_sentences_and_at_least_one() {
    let text = "جملة أولى قصيرة جدا هنا.\n\nجملة ثانية أطول من الأولى بكثير وفيها كلمات عديدة أخرى أيضا.";
    let run = khulasa(&["summarize", "--words", "1"], text);
    run.assert_code(0);
    assert_eq!(run.stdout.lines().count(), 1, "at least one sentence: {}", run.stdout);
}

#[test]
fn a_bad_file_among_good_ones_gives_exit_2_and_the_good_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "الخبر الأول. وفيه جملتان.").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8").unwrap();
    std::fs::write(dir.path().join("c.txt"), "الخبر الثالث في جملة.").unwrap();
    let run = khulasa(&["split", dir.path().to_str().unwrap()], "");
    run.assert_code(2);
    assert_eq!(run.stdout, "الخبر الأول.\nوفيه جملتان.\n\nالخبر الثالث في جملة.\n");
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains("b.txt"), "the error names the file: {}", errors[0]);
}

#[test]
fn usage_errors_exit_1() {
    khulasa(&["summarize", "--scorer", "no-such-scorer"], "").assert_code(1);
    khulasa(&["no-such-command"], "").assert_code(1);
    let help = khulasa(&["--help"], "");
    help.assert_code(0);
    assert!(help.stdout.contains("summarize"));
}

#[test]
fn normalize_keeps_paragraphs() {
    let run = khulasa(&["normalize"], "الفقرة   الأولى.\n   \nالفقرة الثانية.\n");
    run.assert_code(0);
    assert_eq!(run.stdout, "الفقرة الأولى.\n\nالفقرة الثانية.\n");
}
