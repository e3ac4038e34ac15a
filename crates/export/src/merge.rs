//! What a run of `prep` leaves for `merge`: the manifest, the register of every sentence exported, and the
//! reconciliation of translated records against it.

use crate::{clean, Caps, Format, Profile, Record, UnitId};
use std::collections::HashMap;

/// Name of the manifest file in a `prep` output folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Name of the register file in a `prep` output folder.
pub const REGISTER_FILE: &str = "register.jsonl";

/// What one run of `prep` did: inputs, options, counts, batch files and tool version.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// `khulasa`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// The inputs as given on the command line.
    pub inputs: Vec<String>,
    /// The options of the run.
    pub options: ManifestOptions,
    /// How much was read and written.
    pub counts: Counts,
    /// The batch files, in order.
    pub batches: Vec<BatchFile>,
    /// The register: every sentence exported, one JSON object a line (see [`RegisterEntry`]).
    pub register: String,
}

/// The options of a `prep` run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ManifestOptions {
    /// The format of the batch files.
    pub format: Format,
    /// Their profile.
    pub profile: Profile,
    /// Language of the sources.
    pub source_lang: String,
    /// Language of the targets, when given.
    pub target_lang: Option<String>,
    /// Only summary sentences exported.
    pub summary_only: bool,
    /// Repeated sentences sent once.
    pub dedupe: bool,
    /// Batch caps.
    pub caps: Caps,
    /// `max_length` = this ratio times the source's characters, rounded up, when given.
    pub max_length_ratio: Option<f64>,
    /// The scorer behind ranks and summaries.
    pub scorer: String,
    /// The summary budget, in words a person reads (`3 sentences`).
    pub budget: String,
    /// The redundancy control (MMR λ) of the summary; 1 is plain rank order.
    pub diversity: f64,
    /// Where IDF came from: `batch` or `background`.
    pub idf: String,
}

/// How much a `prep` run read and wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Documents read and exported.
    pub documents: usize,
    /// Documents that could not be read.
    pub failed_documents: usize,
    /// Sentences exported, every occurrence counted.
    pub sentences: usize,
    /// Units in the batch files (fewer than `sentences` with `--dedupe`).
    pub units: usize,
    /// Characters of the units' sources.
    pub chars: usize,
}

/// One batch: its files (relative to the output folder) and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BatchFile {
    /// The files: one, or for `lines` the sentences then the ids.
    pub files: Vec<String>,
    /// Units in it.
    pub units: usize,
    /// Source characters in it.
    pub chars: usize,
}

/// One exported sentence where it stands in its story. With `--dedupe` several entries share one `sent` id.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegisterEntry {
    /// The story id.
    pub story: String,
    /// Its index among the story's units.
    pub index: usize,
    /// Its own id.
    pub id: String,
    /// The id under which it was sent (its own, or that of the first identical sentence with `--dedupe`).
    pub sent: String,
    /// The source, cleaned.
    pub source: String,
    /// `story:start-end`.
    pub location: String,
    /// headline, subheadline or body.
    pub kind: String,
    /// Whether it is in the story's summary.
    pub summary: bool,
}

/// Something wrong with a set of translations, found by [`reconcile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An expected id was found in no file.
    Missing {
        /// The id.
        id: String,
    },
    /// A file holds an id that was never exported.
    Unknown {
        /// `file:line`.
        at: String,
        /// The id.
        id: String,
    },
    /// An id appears more than once; the first is kept.
    Duplicated {
        /// `file:line` of the repeat.
        at: String,
        /// The id.
        id: String,
        /// `file:line` of the first.
        first: String,
    },
    /// A unit came back without a translation.
    EmptyTarget {
        /// `file:line`.
        at: String,
        /// The id.
        id: String,
    },
    /// A unit's source no longer matches the hash in its id: it was edited, or belongs to another sentence.
    ChangedSource {
        /// `file:line`.
        at: String,
        /// The id.
        id: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing { id } => write!(f, "missing id `{id}`: no file holds its translation"),
            Problem::Unknown { at, id } => write!(f, "{at}: unknown id `{id}`: it was never exported"),
            Problem::Duplicated { at, id, first } => {
                write!(f, "{at}: duplicated id `{id}` (first at {first}; that one is kept)")
            }
            Problem::EmptyTarget { at, id } => write!(f, "{at}: empty target for `{id}`"),
            Problem::ChangedSource { at, id } => {
                write!(
                    f,
                    "{at}: the source of `{id}` no longer matches its hash: it was changed"
                )
            }
        }
    }
}

/// Translations matched to the ids that were sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// The target of every id translated without a problem, cleaned for exchange.
    pub targets: HashMap<String, String>,
    /// Every problem, file by file in reading order, then the missing ids in the order they were sent.
    pub problems: Vec<Problem>,
    /// Targets taken with a change the exchange needs: a line break, tab or control character made a space or
    /// dropped (a sentence is one line). Said, never done silently: `(file:line, id, what it held)`.
    pub reshaped: Vec<(String, String, &'static str)>,
}

/// What in `target` the exchange's cleaning changes beyond runs of spaces, named for a report.
fn reshaped(target: &str) -> Option<&'static str> {
    target.chars().find_map(|c| match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some("a line break"),
        '\t' => Some("a tab"),
        '\0' => Some("a NUL"),
        c if c.is_control() => Some("a control character"),
        _ => None,
    })
}

/// Matches translated records (grouped by the file they were read from) to the ids that were sent, in order.
///
/// ```
/// use khulasa_export::{reconcile, unit_id, Problem, Record};
/// let (a, b) = (unit_id("s", 0, "نعم"), unit_id("s", 1, "لا"));
/// let records = vec![Record { id: a.clone(), source: Some("نعم".into()), target: "yes".into(), line: 2 }];
/// let done = reconcile(&[a.as_str(), b.as_str()], &[("t.csv".into(), records)]);
/// assert_eq!(done.targets[&a], "yes");
/// assert_eq!(done.problems, [Problem::Missing { id: b }]);
/// ```
pub fn reconcile(sent: &[&str], files: &[(String, Vec<Record>)]) -> Reconciliation {
    let expected: HashMap<&str, ()> = sent.iter().map(|&id| (id, ())).collect();
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut done = Reconciliation::default();
    for (file, records) in files {
        for record in records {
            let at = format!("{file}:{}", record.line);
            let id = record.id.as_str();
            if !expected.contains_key(id) {
                done.problems.push(Problem::Unknown { at, id: id.to_owned() });
                continue;
            }
            if let Some(first) = seen.get(id) {
                done.problems.push(Problem::Duplicated {
                    at,
                    id: id.to_owned(),
                    first: first.clone(),
                });
                continue;
            }
            seen.insert(id, at.clone());
            let changed = match (&record.source, UnitId::parse(id)) {
                (Some(source), Some(parsed)) => !parsed.matches(source),
                _ => false,
            };
            let target = clean(&record.target);
            if changed {
                done.problems.push(Problem::ChangedSource { at, id: id.to_owned() });
            } else if target.is_empty() {
                done.problems.push(Problem::EmptyTarget { at, id: id.to_owned() });
            } else {
                if let Some(what) = reshaped(&record.target) {
                    done.reshaped.push((at, id.to_owned(), what));
                }
                done.targets.insert(id.to_owned(), target.into_owned());
            }
        }
    }
    for &id in sent {
        if !seen.contains_key(id) {
            done.problems.push(Problem::Missing { id: id.to_owned() });
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_reshaped_for_one_line_is_said() {
        let a = unit_id("s", 0, "نعم");
        let record = |target: &str| Record {
            id: a.clone(),
            source: Some("نعم".into()),
            target: target.into(),
            line: 2,
        };
        let done = reconcile(&[a.as_str()], &[("t.csv".to_owned(), vec![record("yes,\nindeed")])]);
        assert_eq!(done.targets[&a], "yes, indeed");
        assert_eq!(done.reshaped, [("t.csv:2".to_owned(), a.clone(), "a line break")]);
        let plain = reconcile(&[a.as_str()], &[("t.csv".to_owned(), vec![record("yes  indeed ")])]);
        assert!(plain.reshaped.is_empty(), "runs of spaces are no change worth a word");
    }
    use crate::unit_id;

    fn record(id: &str, source: Option<&str>, target: &str, line: usize) -> Record {
        Record {
            id: id.into(),
            source: source.map(Into::into),
            target: target.into(),
            line,
        }
    }

    #[test]
    fn every_kind_of_problem_is_reported_once_with_its_place() {
        let ids: Vec<String> = ["أ", "ب", "ج", "د"]
            .iter()
            .enumerate()
            .map(|(i, s)| unit_id("s", i, s))
            .collect();
        let sent: Vec<&str> = ids.iter().map(String::as_str).collect();
        let first = vec![
            record(&ids[0], Some("أ"), "a", 2),
            record(&ids[1], Some("ب تغير"), "b", 3),
            record("s:9:00000000", None, "x", 4),
        ];
        let second = vec![record(&ids[0], None, "a again", 1), record(&ids[2], None, " \t", 2)];
        let done = reconcile(&sent, &[("one.csv".into(), first), ("two.en".into(), second)]);
        assert_eq!(done.targets.len(), 1);
        assert_eq!(done.targets[&ids[0]], "a");
        let lines: Vec<String> = done.problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines[0].starts_with("one.csv:3: the source of"));
        assert!(lines[1].starts_with("one.csv:4: unknown id"));
        assert!(lines[2].starts_with("two.en:1: duplicated id") && lines[2].contains("first at one.csv:2"));
        assert!(lines[3].starts_with("two.en:2: empty target"));
        assert_eq!(
            lines[4],
            format!("missing id `{}`: no file holds its translation", ids[3])
        );
    }
}
