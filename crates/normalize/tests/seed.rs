//! The seed story: every damaged word of `repairs.tsv` repaired, the undamaged paragraphs unchanged.

use khulasa_normalize::{fold, words, Repairer};
use std::path::Path;

const SEED: &str = include_str!("data/coalition-marrakech.txt");

fn repairs_tsv() -> Option<String> {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/seed/repairs.tsv"
    ));
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} absent", path.display());
            None
        }
    }
}

fn folded_words(text: &str) -> Vec<String> {
    words(text).map(|(_, w)| fold(w)).collect()
}

#[test]
fn every_catalogued_damage_is_repaired() {
    let Some(tsv) = repairs_tsv() else { return };
    let repaired = Repairer::new().repair(SEED).text;
    let before = folded_words(SEED);
    let after = folded_words(&repaired);
    assert_eq!(before.len(), after.len(), "the repair keeps the words");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let Some((damaged, intended)) = line.split_once('\t') else {
            continue;
        };
        let (damaged, intended) = (fold(damaged), fold(intended));
        let mut seen = false;
        for (b, a) in before.iter().zip(&after) {
            if *b == damaged {
                seen = true;
                if *a != intended {
                    failures.push(format!("{damaged} -> {a}, expected {intended}"));
                }
            }
        }
        assert!(seen, "{damaged} is not in the seed story");
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} entries read");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn undamaged_opening_is_unchanged_apart_from_spacing() {
    // The headline, the counters and the first four paragraphs were not damaged.
    let opening: Vec<&str> = SEED.split("\n\n").take(6).collect();
    let repaired = Repairer::new().repair(SEED).text;
    let repaired_opening: Vec<&str> = repaired.split("\n\n").take(6).collect();
    for (before, after) in opening.iter().zip(&repaired_opening) {
        let before: Vec<&str> = before.split_whitespace().collect();
        let after: Vec<&str> = after.split_whitespace().collect();
        assert_eq!(before, after);
    }
}

#[test]
fn mirrored_brackets_and_blank_lines_are_put_right() {
    let repaired = Repairer::new().repair(SEED).text;
    assert!(repaired.contains("ضد (داعش) الذي"));
    assert!(!repaired.contains(")داعش("));
    assert!(
        repaired.lines().all(|l| l.trim() == l),
        "no line starts or ends with a space"
    );
    assert!(!repaired.contains("  "));
    // Paragraphs are kept.
    assert_eq!(repaired.matches("\n\n").count(), SEED.matches("\n\n").count());
}

#[test]
fn writer_s_own_typos_are_kept() {
    let repaired = Repairer::new().repair(SEED).text;
    // `القصاء` is the writer's typo of `القضاء` in a damaged paragraph; read as damage it would be `لإقصاء`.
    assert!(SEED.contains("بهدف القصاء على"));
    assert!(repaired.contains("بهدف القصاء على"), "the typo is kept");
    assert!(repaired.contains("منالعراق"));
    assert!(repaired.contains("العرببة"));
    assert!(repaired.contains("4ر1"));
}

#[test]
fn every_change_is_listed_with_its_place_rule_and_evidence() {
    let repaired = Repairer::new().repair(SEED);
    let changes = &repaired.changes;
    assert!(changes.len() >= 35, "{} changes", changes.len());
    for change in changes {
        assert_eq!(&SEED[change.original.clone()], change.before);
        assert_eq!(
            &repaired.text[change.repaired..change.repaired + change.after.len()],
            change.after
        );
        assert!(!change.evidence.to_string().is_empty());
    }
    let find = |before: &str| changes.iter().find(|c| c.before == before);
    assert_eq!(find("خالل").map(|c| c.after.as_str()), Some("خلال"));
    // In this damaged story, `وال` and `السيما` are the damaged `ولا` and `لاسيما`.
    assert_eq!(find("وال").map(|c| c.after.as_str()), Some("ولا"));
    assert_eq!(find("السيما").map(|c| c.after.as_str()), Some("لاسيما"));
    assert!(find("القصاء").is_none());
    assert_eq!(
        changes
            .iter()
            .filter(|c| c.rule == khulasa_normalize::Rule::MirroredBracket)
            .count()
            % 2,
        0
    );
}
