//! `khulasa normalize --changes` and the `changes` of `split` and `prep --format jsonl`: every change listed, each mapping back
//! to the text as received; on the ANT stories of 2018-05-09 as published, every change reviewed in
//! `tests/repair_2018-05-09.tsv`; a short damaged story shows its own damage.

mod util;

use util::khulasa;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/coalition-marrakech.txt");

#[test]
fn normalize_lists_every_change_of_the_seed_story() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("changes.jsonl");
    let run = khulasa(&["normalize", SEED, "--changes", file.to_str().unwrap()], "");
    run.assert_code(0);
    let original = std::fs::read_to_string(SEED).unwrap();
    let changes = util::json_lines(&file);
    assert!(changes.len() >= 35, "{} changes", changes.len());
    let mut rebuilt = String::new();
    let mut last = 0;
    for change in &changes {
        assert_eq!(change["doc"], "coalition-marrakech");
        let (start, end) = (
            change["start"].as_u64().unwrap() as usize,
            change["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&original[start..end], change["before"].as_str().unwrap());
        assert!(!change["rule"].as_str().unwrap().is_empty());
        assert!(!change["evidence"].as_str().unwrap().is_empty());
        let repaired = change["repaired"].as_u64().unwrap() as usize;
        let after = change["after"].as_str().unwrap();
        assert_eq!(&run.stdout[repaired..repaired + after.len()], after);
        rebuilt.push_str(&original[last..start]);
        rebuilt.push_str(after);
        last = end;
    }
    rebuilt.push_str(&original[last..]);
    let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        words(&rebuilt),
        words(&run.stdout),
        "the listed changes are all the changes to words"
    );
}

/// The changes `normalize --changes` lists for the seed story, in a fresh temporary folder.
fn seed_changes() -> (tempfile::TempDir, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("changes.jsonl");
    khulasa(&["normalize", SEED, "--changes", file.to_str().unwrap()], "").assert_code(0);
    let listed = util::json_lines(&file);
    (dir, listed)
}

#[test]
fn split_jsonl_gives_each_sentence_its_changes() {
    let (_dir, listed) = seed_changes();
    let run = khulasa(&["split", "--format", "jsonl", SEED], "");
    run.assert_code(0);
    let mut in_sentences = 0;
    for line in run.stdout.lines() {
        let unit: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (unit["start"].as_u64().unwrap(), unit["end"].as_u64().unwrap());
        for change in unit["changes"].as_array().unwrap() {
            let at = change["start"].as_u64().unwrap();
            assert!(start <= at && at < end, "{change} outside {start}..{end}");
            assert!(listed.contains(change));
            in_sentences += 1;
        }
    }
    // The seed's repairs all fall inside its sentences and headlines.
    assert_eq!(in_sentences, listed.len());
}

#[test]
fn prep_jsonl_gives_each_unit_its_changes() {
    let (dir, listed) = seed_changes();
    let out = dir.path().join("out");
    khulasa(
        &[
            "prep",
            "--format",
            "jsonl",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
            SEED,
        ],
        "",
    )
    .assert_code(0);
    let mut in_units = 0;
    for unit in util::json_lines(&util::batch_file(&out, 1, "jsonl")) {
        let location = unit["location"].as_str().unwrap();
        let (start, end) = location.rsplit_once(':').unwrap().1.split_once('-').unwrap();
        let (start, end): (u64, u64) = (start.parse().unwrap(), end.parse().unwrap());
        for change in unit["changes"].as_array().unwrap() {
            let at = change["start"].as_u64().unwrap();
            assert!(start <= at && at < end, "{change} outside {location}");
            let same = |c: &&serde_json::Value| {
                ["start", "end", "before", "after", "rule", "evidence"]
                    .iter()
                    .all(|field| c[field] == change[field])
            };
            assert!(listed.iter().any(|c| same(&c)), "{change} is not one normalize lists");
            in_units += 1;
        }
    }
    // Every repair of the seed falls in a headline or body sentence, and prep exports them all.
    assert_eq!(in_units, listed.len());
}

#[test]
fn every_change_on_2018_05_09_is_reviewed_and_right() {
    let Some(feed) = util::shared_data("ant/ant_v2.1.jsonl.gz") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("changes.jsonl");
    let run = khulasa(
        &[
            "normalize",
            feed.to_str().unwrap(),
            "--id-field",
            "docno",
            "--date",
            "2018-05-09",
            "--quiet",
            "--changes",
            file.to_str().unwrap(),
        ],
        "",
    );
    run.assert_code(0);
    let listed: Vec<String> = util::json_lines(&file)
        .iter()
        .map(|c| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                c["doc"].as_str().unwrap(),
                c["start"],
                c["end"],
                c["rule"].as_str().unwrap(),
                c["before"].as_str().unwrap(),
                c["after"].as_str().unwrap()
            )
        })
        .collect();
    let fixture = include_str!("repair_2018-05-09.tsv");
    let mut reviewed = Vec::new();
    for line in fixture.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (change, label) = line.rsplit_once('\t').unwrap();
        assert_eq!(label, "right", "a change reviewed as wrong is still made: {change}");
        reviewed.push(change.to_owned());
    }
    let unreviewed: Vec<_> = listed.iter().filter(|c| !reviewed.contains(c)).collect();
    assert!(unreviewed.is_empty(), "changes not reviewed: {unreviewed:#?}");
    let gone: Vec<_> = reviewed.iter().filter(|c| !listed.contains(c)).collect();
    assert!(
        gone.is_empty(),
        "reviewed changes no longer made (review again): {gone:#?}"
    );
}

#[test]
fn a_short_story_shows_its_own_damage_and_a_rare_word_alone_is_kept() {
    // Written for this test: a damaged headline, too short to hold an `اال` or to be judged by its length, whose
    // `خالل` is no word; and an undamaged one whose `السيما` ("the cinema") is a word and its only candidate.
    let feed = concat!(
        r#"{"id":"damaged","text":"خالل الحرب ال يزال القتال"}"#,
        "\n",
        r#"{"id":"clean","text":"افتتحت السيما أبوابها أمس"}"#,
        "\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, feed).unwrap();
    let file = dir.path().join("changes.jsonl");
    let run = khulasa(
        &[
            "normalize",
            "--quiet",
            "--changes",
            file.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        "",
    );
    run.assert_code(0);
    assert!(run.stdout.contains("خلال الحرب لا يزال القتال"), "{}", run.stdout);
    assert!(run.stdout.contains("افتتحت السيما أبوابها أمس"), "{}", run.stdout);
    let changes = util::json_lines(&file);
    let afters: Vec<_> = changes
        .iter()
        .map(|c| (c["doc"].as_str().unwrap(), c["after"].as_str().unwrap()))
        .collect();
    assert_eq!(afters, [("damaged", "خلال"), ("damaged", "لا")]);
    assert!(
        // `خالل`, and `ال` before `يزال`, where `لا` stands and `ال` never did.
        changes[1]["evidence"].as_str().unwrap().contains("2 damage signatures"),
        "{}",
        changes[1]["evidence"]
    );
}
