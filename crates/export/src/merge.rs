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
    /// The id of the run, inside every batch file it wrote (empty in manifests written before it was recorded).
    #[serde(default)]
    pub prep_id: String,
    /// Units in the batch files: what translators are quoted on, with `words` and `characters`.
    #[serde(default)]
    pub units: usize,
    /// Words of the units' sources.
    #[serde(default)]
    pub words: usize,
    /// Characters of the units' sources.
    #[serde(default)]
    pub characters: usize,
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
    /// The summary budget, in words a person reads (`3 sentences`, `60 words`, `0.25 of the words`).
    pub budget: String,
    /// The redundancy control (MMR λ) of the summary; 1 is plain rank order.
    pub diversity: f64,
    /// Where IDF came from: `batch`, `background` or `document`.
    pub idf: String,
    /// The stemmer behind the terms (`light`, `snowball`, `none`; empty in manifests written before it was
    /// recorded, which used `light`).
    #[serde(default)]
    pub stemmer: String,
    /// Stop words kept in the terms.
    #[serde(default)]
    pub keep_stopwords: bool,
    /// The weighted scorer's weights when given (`C,P,R,H,M,L`), else empty: the built-in ones.
    #[serde(default)]
    pub weights: String,
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
    /// Words of the units' sources.
    #[serde(default)]
    pub words: usize,
    /// With `--dedupe`: occurrences not sent because an identical sentence was (what translation tools quote as
    /// repetitions).
    #[serde(default)]
    pub repeated_units: usize,
    /// Words of those occurrences.
    #[serde(default)]
    pub repeated_words: usize,
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
    /// Source words in it.
    #[serde(default)]
    pub words: usize,
    /// Source characters in it (the same as `chars`, under the name the manifest's totals use).
    #[serde(default)]
    pub characters: usize,
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
    /// A target that is its Arabic source unchanged: what tools leave in an untranslated segment.
    Untranslated {
        /// `file:line`.
        at: String,
        /// The id.
        id: String,
    },
    /// A target the file marks as not final (see [`Record::draft`]), and drafts are not accepted.
    Draft {
        /// `file:line`.
        at: String,
        /// The id.
        id: String,
        /// The mark: `state="needs-translation"`, `approved="no"` ...
        state: String,
    },
    /// A file whose targets are in another language than the one expected: none of its units is merged.
    WrongLanguage {
        /// The file.
        file: String,
        /// The language it states.
        found: String,
        /// The language expected.
        expected: String,
        /// Its units.
        units: usize,
    },
    /// A file none of whose ids was sent: a file from another `prep` run. Its units are not listed one by one.
    ForeignFile {
        /// The file.
        file: String,
        /// Its units.
        units: usize,
        /// The run the file names by its name or header, when it names one other than the expected
        /// ([`Checks::prep_id`]).
        run: Option<String>,
        /// The run expected ([`Checks::prep_id`]).
        expected: String,
    },
    /// No translation came back for any unit of a batch file: its file was not given, or was refused whole.
    /// Its ids are not listed one by one.
    MissingBatch {
        /// The batch file as `prep` named it.
        batch: String,
        /// Its units.
        units: usize,
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
            Problem::Untranslated { at, id } => {
                write!(
                    f,
                    "{at}: the target of `{id}` is its Arabic source unchanged: untranslated, not merged"
                )
            }
            Problem::Draft { at, id, state } => write!(
                f,
                "{at}: `{id}` is marked {state}: a draft, not merged (--accept-drafts merges drafts)"
            ),
            Problem::WrongLanguage {
                file,
                found,
                expected,
                units,
            } => write!(
                f,
                "{file}: its targets are in `{found}`, not `{expected}`: none of its {units} units merged"
            ),
            Problem::ForeignFile {
                file,
                units,
                run: Some(run),
                expected,
            } => write!(
                f,
                "{file}: 0 of {units} ids known: a file from prep run {run}, not from this folder's {expected}; not \
                 merged"
            ),
            Problem::ForeignFile { file, units, .. } => write!(
                f,
                "{file}: 0 of {units} ids known: a file from another `khulasa prep` run (or not a translation of \
                 this one), not merged"
            ),
            Problem::MissingBatch { batch, units } => write!(
                f,
                "{batch}: no translation came back for any of its {units} units (its file was not given, or was \
                 refused above)"
            ),
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
    /// What the quality checks found in targets that were taken (see [`Checks`]).
    pub warnings: Vec<Warning>,
    /// Files that name another run than [`Checks::prep_id`] (by their name or header) but hold ids that were
    /// sent: `(file, the run it names)`. Ids are made from the story and the sentence, so the same sentences
    /// prepared again have the same ids and their translations are merged; said once a file.
    pub other_runs: Vec<(String, String)>,
}

/// A unit as it was sent, for [`reconcile_checked`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its source, cleaned.
    pub source: &'a str,
    /// The batch file it went out in, as `prep` named it (empty when not known: missing ids are then listed
    /// one by one).
    pub batch: &'a str,
}

/// What [`reconcile_checked`] checks beyond ids.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Checks<'a> {
    /// The language the targets must be in (BCP 47; only the primary subtag is compared). A file that states
    /// another is refused whole, and a Latin-script language has its targets checked for Arabic script.
    pub target_lang: Option<&'a str>,
    /// Merge targets marked as drafts (see [`Record::draft`]) instead of refusing them.
    pub accept_drafts: bool,
    /// A target longer than this ratio times its source's characters, rounded up, is warned about.
    pub max_length_ratio: Option<f64>,
    /// The id of the `prep` run the translations answer (empty: not checked).
    pub prep_id: &'a str,
    /// The run each file names by its name or header, `(file, run)` (see [`crate::stated_batch`] and
    /// [`crate::run_of_batch`]); a file not listed names none.
    pub runs: &'a [(String, String)],
}

/// A quality check a taken target failed: said, not refused (callers may refuse on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// `file:line`.
    pub at: String,
    /// The id.
    pub id: String,
    /// What was found.
    pub check: Check,
}

/// What a quality check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Arabic letters left in a target in a Latin-script language.
    ArabicScript,
    /// A number of the source (digits, Arabic-Indic digits read as such) found nowhere in the target.
    MissingNumber(String),
    /// A target over the length the ratio allows.
    TooLong {
        /// Its characters.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
}

impl Check {
    /// A short name, for reports and counts.
    ///
    /// ```
    /// assert_eq!(khulasa_export::Check::ArabicScript.name(), "arabic-script");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Check::ArabicScript => "arabic-script",
            Check::MissingNumber(_) => "missing-number",
            Check::TooLong { .. } => "too-long",
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (at, id) = (&self.at, &self.id);
        match &self.check {
            Check::ArabicScript => write!(f, "{at}: the target of `{id}` holds Arabic script"),
            Check::MissingNumber(n) => write!(f, "{at}: the target of `{id}` lacks the number {n} of its source"),
            Check::TooLong { chars, max } => {
                write!(
                    f,
                    "{at}: the target of `{id}` has {chars} characters, over the {max} allowed"
                )
            }
        }
    }
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
/// [`reconcile_checked`] with no sources, batches or checks.
///
/// ```
/// use khulasa_export::{reconcile, unit_id, Problem, Record};
/// let (a, b) = (unit_id("s", 0, "نعم"), unit_id("s", 1, "لا"));
/// let records = vec![Record::new(&a, Some("نعم"), "yes", 2)];
/// let done = reconcile(&[a.as_str(), b.as_str()], &[("t.csv".into(), records)]);
/// assert_eq!(done.targets[&a], "yes");
/// assert_eq!(done.problems, [Problem::Missing { id: b }]);
/// ```
pub fn reconcile(sent: &[&str], files: &[(String, Vec<Record>)]) -> Reconciliation {
    let sent: Vec<Sent> = sent
        .iter()
        .map(|&id| Sent {
            id,
            source: "",
            batch: "",
        })
        .collect();
    reconcile_checked(&sent, files, &Checks::default())
}

/// Matches translated records to the units that were sent, and checks them.
///
/// Problems come file-level first (a file from another run, a file in the wrong language: one line each, its
/// units not listed), then unit by unit in reading order (unknown, duplicated, changed source, empty,
/// untranslated, draft), then what is missing: one line for a batch none of whose units came back, else one a
/// unit. A target taken is checked (Arabic script in a Latin-script language, numbers of the source missing,
/// length over the ratio) and every finding is a [`Warning`].
///
/// ```
/// use khulasa_export::{reconcile_checked, unit_id, Checks, Problem, Record, Sent};
/// let (a, b) = (unit_id("s", 0, "قال ٣ وزراء"), unit_id("s", 1, "لا"));
/// let sent = [
///     Sent { id: &a, source: "قال ٣ وزراء", batch: "p-001.csv" },
///     Sent { id: &b, source: "لا", batch: "p-001.csv" },
/// ];
/// let records = vec![Record::new(&a, None, "Three ministers said", 2), Record::new(&b, None, "لا", 3)];
/// let checks = Checks { target_lang: Some("en"), ..Checks::default() };
/// let done = reconcile_checked(&sent, &[("t.csv".into(), records)], &checks);
/// assert_eq!(done.problems, [Problem::Untranslated { at: "t.csv:3".into(), id: b.clone() }]);
/// assert_eq!(done.warnings[0].to_string(), format!("t.csv:2: the target of `{a}` lacks the number 3 of its source"));
/// ```
pub fn reconcile_checked(sent: &[Sent], files: &[(String, Vec<Record>)], checks: &Checks) -> Reconciliation {
    let expected: HashMap<&str, &Sent> = sent.iter().map(|s| (s.id, s)).collect();
    let mut seen: HashMap<&str, String> = HashMap::new();
    let mut done = Reconciliation::default();
    let mut per_unit = Vec::new();
    for (file, records) in files {
        let other_run = checks
            .runs
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, run)| run)
            .filter(|run| !checks.prep_id.is_empty() && run.as_str() != checks.prep_id);
        if !records.is_empty() && records.iter().all(|r| !expected.contains_key(r.id.as_str())) {
            done.problems.push(Problem::ForeignFile {
                file: file.clone(),
                units: records.len(),
                run: other_run.cloned(),
                expected: checks.prep_id.to_owned(),
            });
            continue;
        }
        if let Some(run) = other_run {
            done.other_runs.push((file.clone(), run.clone()));
        }
        let wrong = checks.target_lang.and_then(|want| {
            records
                .iter()
                .filter_map(|r| r.target_lang.as_deref())
                .find(|found| !same_language(found, want))
                .map(|found| (found, want))
        });
        if let Some((found, want)) = wrong {
            done.problems.push(Problem::WrongLanguage {
                file: file.clone(),
                found: found.to_owned(),
                expected: want.to_owned(),
                units: records.len(),
            });
            // Said once for the file: its ids are not listed again as missing.
            for r in records {
                if expected.contains_key(r.id.as_str()) {
                    seen.entry(r.id.as_str())
                        .or_insert_with(|| format!("{file}:{}", r.line));
                }
            }
            continue;
        }
        for record in records {
            let at = format!("{file}:{}", record.line);
            let id = record.id.as_str();
            let Some(unit) = expected.get(id) else {
                per_unit.push(Problem::Unknown { at, id: id.to_owned() });
                continue;
            };
            if let Some(first) = seen.get(id) {
                per_unit.push(Problem::Duplicated {
                    at,
                    id: id.to_owned(),
                    first: first.clone(),
                });
                continue;
            }
            seen.insert(id, at.clone());
            // A spreadsheet's formula guard added by a tool (po2csv quotes `=…` as `'=…`) is no change.
            let changed = match (&record.source, UnitId::parse(id)) {
                (Some(source), Some(parsed)) => !parsed.matches(source) && !parsed.matches(crate::restore(source)),
                _ => false,
            };
            let target = clean(&record.target);
            if changed {
                per_unit.push(Problem::ChangedSource { at, id: id.to_owned() });
            } else if target.is_empty() {
                per_unit.push(Problem::EmptyTarget { at, id: id.to_owned() });
            } else if has_arabic(unit.source) && target == clean(unit.source) {
                per_unit.push(Problem::Untranslated { at, id: id.to_owned() });
            } else if let Some(state) = record.draft.as_ref().filter(|_| !checks.accept_drafts) {
                per_unit.push(Problem::Draft {
                    at,
                    id: id.to_owned(),
                    state: state.clone(),
                });
            } else {
                if let Some(what) = reshaped(&record.target) {
                    done.reshaped.push((at.clone(), id.to_owned(), what));
                }
                for check in quality(unit.source, &target, checks) {
                    done.warnings.push(Warning {
                        at: at.clone(),
                        id: id.to_owned(),
                        check,
                    });
                }
                done.targets.insert(id.to_owned(), target.into_owned());
            }
        }
    }
    done.problems.append(&mut per_unit);
    let mut batches: Vec<(&str, usize, Vec<&str>)> = Vec::new();
    for unit in sent {
        let missing = !seen.contains_key(unit.id);
        match batches.last_mut() {
            Some((batch, units, gone)) if *batch == unit.batch => {
                *units += 1;
                if missing {
                    gone.push(unit.id);
                }
            }
            _ => batches.push((unit.batch, 1, if missing { vec![unit.id] } else { Vec::new() })),
        }
    }
    for (batch, units, gone) in batches {
        if !batch.is_empty() && gone.len() == units {
            done.problems.push(Problem::MissingBatch {
                batch: batch.to_owned(),
                units,
            });
        } else {
            done.problems
                .extend(gone.into_iter().map(|id| Problem::Missing { id: id.to_owned() }));
        }
    }
    done
}

/// Whether two language tags name the same language (their primary subtags, case aside).
fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
}

/// Languages written in the Latin script, by primary subtag: a target in one holds no Arabic letter.
const LATIN_SCRIPT: [&str; 44] = [
    "af", "az", "bs", "ca", "cs", "cy", "da", "de", "en", "es", "et", "eu", "fi", "fil", "fr", "ga", "gl", "ha", "hr",
    "hu", "id", "is", "it", "lt", "lv", "ms", "mt", "nb", "nl", "nn", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq",
    "sv", "sw", "tl", "tr", "uz", "vi",
];

fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_alphabetic()
            && matches!(u32::from(c), 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
    })
}

/// The numbers of a text: runs of digits (Arabic-Indic and Persian digits read as ASCII), separators between
/// digits dropped, so that `١٬٠٠٠` and `1,000` are the same number.
fn numbers(text: &str) -> Vec<String> {
    let digit = |c: char| -> Option<char> {
        match u32::from(c) {
            0x30..=0x39 => Some(c),
            n @ 0x0660..=0x0669 => char::from_digit(n - 0x0660, 10),
            n @ 0x06F0..=0x06F9 => char::from_digit(n - 0x06F0, 10),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = digit(c) {
            current.push(d);
        } else if !current.is_empty()
            && matches!(c, ',' | '.' | '\u{066B}' | '\u{066C}')
            && chars.peek().is_some_and(|&n| digit(n).is_some())
        {
            continue;
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The quality checks of one taken target.
fn quality(source: &str, target: &str, checks: &Checks) -> Vec<Check> {
    let mut found = Vec::new();
    let latin = checks
        .target_lang
        .is_some_and(|lang| LATIN_SCRIPT.iter().any(|l| same_language(l, lang)));
    if latin && has_arabic(target) {
        found.push(Check::ArabicScript);
    }
    let in_target = numbers(target);
    for n in numbers(source) {
        if !in_target.contains(&n) && !found.contains(&Check::MissingNumber(n.clone())) {
            found.push(Check::MissingNumber(n));
        }
    }
    if let Some(ratio) = checks.max_length_ratio {
        let max = (source.chars().count() as f64 * ratio).ceil() as usize;
        let chars = target.chars().count();
        if chars > max {
            found.push(Check::TooLong { chars, max });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_reshaped_for_one_line_is_said() {
        let a = unit_id("s", 0, "نعم");
        let record = |target: &str| Record::new(&a, Some("نعم"), target, 2);
        let done = reconcile(&[a.as_str()], &[("t.csv".to_owned(), vec![record("yes,\nindeed")])]);
        assert_eq!(done.targets[&a], "yes, indeed");
        assert_eq!(done.reshaped, [("t.csv:2".to_owned(), a.clone(), "a line break")]);
        let plain = reconcile(&[a.as_str()], &[("t.csv".to_owned(), vec![record("yes  indeed ")])]);
        assert!(plain.reshaped.is_empty(), "runs of spaces are no change worth a word");
    }
    use crate::unit_id;

    fn record(id: &str, source: Option<&str>, target: &str, line: usize) -> Record {
        Record::new(id, source, target, line)
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
