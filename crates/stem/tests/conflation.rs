//! The light stemmer's conflation targets, checked on the UD treebanks when `../shared/data` is present (the full
//! table, with the other stemmers, comes from `scripts/eval-stem.sh`; this guards against regressions).
//!
//! Pairs of distinct word types (NOUN, ADJ, VERB, ADV): precision = pairs sharing a stem and a lemma / pairs sharing
//! a stem; recall = the same / pairs sharing a lemma. A type's lemma is its most frequent gold lemma, folded.

use khulasa_stem::LightStemmer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const CONTENT: [&str; 4] = ["NOUN", "ADJ", "VERB", "ADV"];

fn data(rel: &str) -> Option<PathBuf> {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(rel);
    if path.exists() {
        Some(path)
    } else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing: CI must have the data",
            path.display()
        );
        eprintln!("skipped: {} absent", path.display());
        None
    }
}

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Token lines of a CoNLL-U file, grouped by sentence, as columns (multiword ranges and empty nodes left out).
fn sentences(path: &Path) -> Vec<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = vec![Vec::new()];
    for line in text.lines() {
        if line.is_empty() {
            out.push(Vec::new());
        } else if !line.starts_with('#') {
            let cols: Vec<String> = line.split('\t').map(str::to_owned).collect();
            if !cols[0].contains(['-', '.']) {
                out.last_mut().unwrap().push(cols);
            }
        }
    }
    out
}

/// Word type → counts of its lemmas, in first-seen order (ties go to the lemma seen first).
#[derive(Default)]
struct Types(HashMap<String, Vec<(String, usize)>>);

impl Types {
    fn add(&mut self, word: String, lemma: &str) {
        let lemmas = self.0.entry(word).or_default();
        match lemmas.iter_mut().find(|(l, _)| l == lemma) {
            Some((_, n)) => *n += 1,
            None => lemmas.push((lemma.to_owned(), 1)),
        }
    }

    /// (precision, recall, F1) of the light stemmer against the types' most frequent lemmas.
    fn conflation(&self) -> (f64, f64, f64) {
        let stemmer = LightStemmer::new();
        let (mut by_stem, mut by_lemma, mut by_both) = (HashMap::new(), HashMap::new(), HashMap::new());
        for (word, lemmas) in &self.0 {
            let mut best = &lemmas[0];
            for l in lemmas {
                if l.1 > best.1 {
                    best = l;
                }
            }
            let folded = khulasa_normalize::fold(word);
            let stem = stemmer.stem_str(&folded).to_owned();
            let lemma = khulasa_normalize::fold(&best.0);
            *by_stem.entry(stem.clone()).or_insert(0u64) += 1;
            *by_lemma.entry(lemma.clone()).or_insert(0u64) += 1;
            *by_both.entry((stem, lemma)).or_insert(0u64) += 1;
        }
        let pairs = |counts: Vec<u64>| counts.into_iter().map(|n| n * n.saturating_sub(1) / 2).sum::<u64>() as f64;
        let both = pairs(by_both.into_values().collect());
        let p = both / pairs(by_stem.into_values().collect());
        let r = both / pairs(by_lemma.into_values().collect());
        (p, r, 2.0 * p * r / (p + r))
    }
}

#[test]
fn pud_surface_words_reach_the_target() {
    let Some(path) = data("ud/pud/ar_pud-ud-test.conllu") else {
        return;
    };
    let mut types = Types::default();
    for sentence in sentences(&path) {
        let mut group: Vec<&Vec<String>> = Vec::new();
        for (i, cols) in sentence.iter().enumerate() {
            group.push(cols);
            let glued = cols[9].split('|').any(|m| m == "SpaceAfter=No");
            if glued && i + 1 < sentence.len() {
                continue;
            }
            let words: Vec<_> = group.drain(..).filter(|c| c[3] != "PUNCT").collect();
            let content: Vec<_> = words.iter().filter(|c| CONTENT.contains(&c[3].as_str())).collect();
            if let [only] = content[..] {
                types.add(words.iter().map(|c| c[1].as_str()).collect(), &only[2]);
            }
        }
    }
    let (p, r, f1) = types.conflation();
    eprintln!("PUD: {} types, P {p:.3} R {r:.3} F1 {f1:.3}", types.0.len());
    assert!(types.0.len() > 5000);
    assert!(p >= 0.60 && f1 >= 0.60, "P {p:.3} R {r:.3} F1 {f1:.3}");
}

#[test]
fn padt_dev_beats_arlstem() {
    let Some(path) = data("ud/padt-legacy-dev/ar-ud-dev.conllu") else {
        return;
    };
    let mut types = Types::default();
    for cols in sentences(&path).iter().flatten() {
        if CONTENT.contains(&cols[3].as_str()) {
            let word: String = cols[1].chars().filter(|&c| !is_diacritic(c)).collect();
            if !word.is_empty() {
                types.add(word, &cols[2]);
            }
        }
    }
    let (p, r, f1) = types.conflation();
    eprintln!("PADT dev: {} types, P {p:.3} R {r:.3} F1 {f1:.3}", types.0.len());
    assert!(types.0.len() > 5000);
    // NLTK ARLSTem's F1 on the same types, measured by scripts/eval-stem.sh.
    assert!(f1 > 0.659, "P {p:.3} R {r:.3} F1 {f1:.3}");
}
