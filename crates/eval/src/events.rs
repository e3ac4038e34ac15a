//! Stories grouped into events, against gold events: B-cubed precision, recall and F1 (Bagga and Baldwin 1998),
//! and the gold files that hold the events (`corpora/events/DAY.tsv`: `id<TAB>event` a line).
//!
//! B-cubed scores each story, then averages over stories: a story's precision is the share of its system
//! group that is in its gold event, its recall the share of its gold event that is in its system group. Unlike
//! pairwise counts, a big event does not weigh with the square of its size, and unlike purity, putting every
//! story alone or all in one is not rewarded (precision 1 or recall 1, the other low).

use crate::rouge::Prf;
use crate::EvalError;
use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;

/// What is wrong with a line of an event gold file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// No tab between the id and the event.
    #[error("no tab between the story id and its event")]
    NoTab,
    /// More than two tab-separated fields.
    #[error("more than two tab-separated fields (expected id<TAB>event)")]
    ExtraField,
    /// An empty story id.
    #[error("empty story id")]
    EmptyId,
    /// An empty event label.
    #[error("empty event label")]
    EmptyEvent,
    /// A story already given on an earlier line.
    #[error("story {id} was already given on line {first}")]
    Duplicate {
        /// The story.
        id: String,
        /// The line (from 1) that gave it first.
        first: usize,
    },
}

/// The `(story id, event label)` pairs of an event gold file, in file order.
///
/// Lines starting with `#` and blank lines are skipped; every other line is `id<TAB>event` (surrounding white
/// space trimmed, a trailing `\r` allowed). A malformed line or a story given twice is refused with the line's
/// number.
///
/// ```
/// use khulasa_eval::events::{parse, LineProblem};
/// use khulasa_eval::EvalError;
///
/// let gold = parse("# id\tevent\na-1\tflood\na-2\tflood\n\nb-1\tmatch\n").unwrap();
/// assert_eq!(gold[2], ("b-1".to_owned(), "match".to_owned()));
/// let err = parse("# id\tevent\na-1\tflood\na-1\tmatch\n").unwrap_err();
/// assert!(matches!(err, EvalError::EventLine { line: 3, problem: LineProblem::Duplicate { first: 2, .. } }));
/// ```
pub fn parse(text: &str) -> Result<Vec<(String, String)>, EvalError> {
    let mut pairs = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim_end_matches('\r');
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let refuse = |problem| Err(EvalError::EventLine { line, problem });
        let mut fields = content.split('\t');
        let (Some(id), Some(event)) = (fields.next(), fields.next()) else {
            return refuse(LineProblem::NoTab);
        };
        if fields.next().is_some() {
            return refuse(LineProblem::ExtraField);
        }
        let (id, event) = (id.trim(), event.trim());
        if id.is_empty() {
            return refuse(LineProblem::EmptyId);
        }
        if event.is_empty() {
            return refuse(LineProblem::EmptyEvent);
        }
        if let Some(&first) = first_line.get(id) {
            return refuse(LineProblem::Duplicate {
                id: id.to_owned(),
                first,
            });
        }
        first_line.insert(id, line);
        pairs.push((id.to_owned(), event.to_owned()));
    }
    Ok(pairs)
}

/// [`parse`] of a file.
///
/// ```
/// let err = khulasa_eval::events::read(std::path::Path::new("no/such/file.tsv")).unwrap_err();
/// assert!(matches!(err, khulasa_eval::EvalError::Io { .. }));
/// ```
pub fn read(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text)
}

/// Dense indices for the groups of `pairs`, keyed by story; refuses a story given twice.
fn index<'a, I: AsRef<str>, G: Eq + Hash>(
    pairs: &'a [(I, G)],
    list: &'static str,
) -> Result<(HashMap<&'a str, usize>, Vec<usize>), EvalError> {
    let mut groups: HashMap<&G, usize> = HashMap::new();
    let mut sizes: Vec<usize> = Vec::new();
    let mut of: HashMap<&str, usize> = HashMap::with_capacity(pairs.len());
    for (id, group) in pairs {
        let next = groups.len();
        let g = *groups.entry(group).or_insert(next);
        if g == sizes.len() {
            sizes.push(0);
        }
        if let Some(size) = sizes.get_mut(g) {
            *size += 1;
        }
        if of.insert(id.as_ref(), g).is_some() {
            return Err(EvalError::DuplicateStory {
                id: id.as_ref().to_owned(),
                list,
            });
        }
    }
    Ok((of, sizes))
}

/// B-cubed precision, recall and F1 of `assigned` (each story with its system group) against `gold` (each story
/// with its gold event), the same stories in both, each once. Stories are known by their ids, which may be held
/// differently in the two lists (`&str` and `String`, say).
///
/// Per story: precision = |its group ∩ its event| / |its group|, recall = |its group ∩ its event| / |its event|;
/// P and R are the means over stories, F1 their harmonic mean. Groups and events are compared only for equality:
/// any labels will do.
///
/// ```
/// // Gold: {a, b, c} and {d, e}. System: {a, b, c, d} and {e}.
/// let gold = [("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")];
/// let system = [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 2)];
/// let s = khulasa_eval::bcubed(&system, &gold).unwrap();
/// assert!((s.p - 0.7).abs() < 1e-12); // (3/4 + 3/4 + 3/4 + 1/4 + 1) / 5
/// assert!((s.r - 0.8).abs() < 1e-12); // (1 + 1 + 1 + 1/2 + 1/2) / 5
/// assert!((s.f - 56.0 / 75.0).abs() < 1e-12);
/// ```
pub fn bcubed<A, C, G, L>(assigned: &[(A, C)], gold: &[(G, L)]) -> Result<Prf, EvalError>
where
    A: AsRef<str>,
    C: Eq + Hash,
    G: AsRef<str>,
    L: Eq + Hash,
{
    const SYSTEM: &str = "system output";
    const GOLD: &str = "gold";
    let (cluster_of, cluster_size) = index(assigned, SYSTEM)?;
    let (event_of, event_size) = index(gold, GOLD)?;
    if let Some((id, _)) = gold.iter().find(|(id, _)| !cluster_of.contains_key(id.as_ref())) {
        return Err(EvalError::UnmatchedStory {
            id: id.as_ref().to_owned(),
            found_in: GOLD,
            missing_from: SYSTEM,
        });
    }
    if let Some((id, _)) = assigned.iter().find(|(id, _)| !event_of.contains_key(id.as_ref())) {
        return Err(EvalError::UnmatchedStory {
            id: id.as_ref().to_owned(),
            found_in: SYSTEM,
            missing_from: GOLD,
        });
    }
    if gold.is_empty() {
        return Err(EvalError::Empty);
    }
    let pair = |(id, _): &(G, L)| Some((*cluster_of.get(id.as_ref())?, *event_of.get(id.as_ref())?));
    let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
    for key in gold.iter().filter_map(pair) {
        *overlap.entry(key).or_insert(0) += 1;
    }
    let (mut p, mut r) = (0.0f64, 0.0f64);
    for (c, e) in gold.iter().filter_map(pair) {
        let both = overlap.get(&(c, e)).copied().unwrap_or(0) as f64;
        p += both / cluster_size.get(c).copied().unwrap_or(1).max(1) as f64;
        r += both / event_size.get(e).copied().unwrap_or(1).max(1) as f64;
    }
    let n = gold.len() as f64;
    let (p, r) = (p / n, r / n);
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Ok(Prf { p, r, f })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gold of five stories: {a, b, c} and {d, e}.
    const GOLD: [(&str, &str); 5] = [("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn all_singletons_have_full_precision_and_recall_of_one_over_event_size() {
        let system: Vec<(&str, usize)> = GOLD.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let s = bcubed(&system, &GOLD).unwrap();
        // Recall: a, b, c see 1/3 of their event, d and e 1/2: (3 × 1/3 + 2 × 1/2) / 5 = 2/5.
        assert!(close(s.p, 1.0) && close(s.r, 0.4), "{s:?}");
        assert!(close(s.f, 2.0 * 0.4 / 1.4));
    }

    #[test]
    fn all_in_one_has_full_recall_and_precision_of_event_share() {
        let system: Vec<(&str, &str)> = GOLD.iter().map(|(id, _)| (*id, "all")).collect();
        let s = bcubed(&system, &GOLD).unwrap();
        // Precision: a, b, c find 3/5 of the group in their event, d and e 2/5: (9/5 + 4/5) / 5 = 13/25.
        assert!(close(s.p, 13.0 / 25.0) && close(s.r, 1.0), "{s:?}");
        assert!(close(s.f, 2.0 * (13.0 / 25.0) / (13.0 / 25.0 + 1.0)));
    }

    #[test]
    fn a_mixed_grouping_scores_as_computed_by_hand() {
        // System {a, b} and {c, d, e}: a, b: P 1, R 2/3; c: P 1/3, R 1/3; d, e: P 2/3, R 1.
        let system = [("a", 7), ("b", 7), ("c", 9), ("d", 9), ("e", 9)];
        let s = bcubed(&system, &GOLD).unwrap();
        assert!(
            close(s.p, 11.0 / 15.0) && close(s.r, 11.0 / 15.0) && close(s.f, 11.0 / 15.0),
            "{s:?}"
        );
        // Order of the lists and names of the groups do not matter.
        let shuffled = [("e", "q"), ("a", "p"), ("d", "q"), ("c", "q"), ("b", "p")];
        assert_eq!(bcubed(&shuffled, &GOLD).unwrap(), s);
    }

    #[test]
    fn the_gold_against_itself_is_perfect() {
        let s = bcubed(&GOLD, &GOLD).unwrap();
        assert_eq!((s.p, s.r, s.f), (1.0, 1.0, 1.0));
        // Ids held as `String` on one side and `&str` on the other still meet.
        let owned: Vec<(String, &str)> = GOLD.iter().map(|(id, e)| ((*id).to_owned(), *e)).collect();
        assert_eq!(bcubed(&GOLD, &owned).unwrap(), s);
    }

    #[test]
    fn stories_missing_doubled_or_none_are_refused() {
        let missing = [("a", 1), ("b", 1), ("c", 1), ("d", 1)];
        assert!(matches!(
            bcubed(&missing, &GOLD),
            Err(EvalError::UnmatchedStory { id, found_in: "gold", .. }) if id == "e"
        ));
        let extra = [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1), ("f", 1)];
        assert!(matches!(
            bcubed(&extra, &GOLD),
            Err(EvalError::UnmatchedStory { id, found_in: "system output", .. }) if id == "f"
        ));
        let doubled = [("a", 1), ("a", 2), ("b", 1), ("c", 1), ("d", 1), ("e", 1)];
        assert!(matches!(
            bcubed(&doubled, &GOLD),
            Err(EvalError::DuplicateStory { id, list: "system output" }) if id == "a"
        ));
        let none: [(&str, u8); 0] = [];
        assert!(matches!(bcubed(&none, &none), Err(EvalError::Empty)));
    }

    #[test]
    fn gold_lines_are_read_and_bad_ones_named() {
        let text = "# id\tevent\r\n a-1\tflood \r\n\n# note\nb-1\tmatch\n";
        assert_eq!(
            parse(text).unwrap(),
            [
                ("a-1".to_owned(), "flood".to_owned()),
                ("b-1".to_owned(), "match".to_owned())
            ]
        );
        for (text, line, problem) in [
            ("a-1\tflood\nb-1 match\n", 2, LineProblem::NoTab),
            ("# h\na-1\tflood\tx\n", 2, LineProblem::ExtraField),
            ("\ta\n", 1, LineProblem::EmptyId),
            ("a-1\t \n", 1, LineProblem::EmptyEvent),
            (
                "a-1\tx\nb-1\ty\na-1\tx\n",
                3,
                LineProblem::Duplicate {
                    id: "a-1".to_owned(),
                    first: 1,
                },
            ),
        ] {
            match parse(text) {
                Err(EvalError::EventLine { line: l, problem: p }) => {
                    assert_eq!((l, &p), (line, &problem), "{text:?}");
                    assert!(EvalError::EventLine { line: l, problem: p }
                        .to_string()
                        .starts_with(&format!("line {line}: ")));
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_shipped_gold_files_agree_with_their_table() {
        // Every hand-grouped day in corpora/events has a row in its README's table, and the row's counts are
        // the file's: the table is what readers quote.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpora/events");
        let Ok(readme) = std::fs::read_to_string(dir.join("README.md")) else {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        };
        let rows: Vec<Vec<&str>> = readme
            .lines()
            .filter(|line| line.starts_with("| 20"))
            .map(|line| line.split('|').map(str::trim).filter(|cell| !cell.is_empty()).collect())
            .collect();
        let mut days: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|entry| {
                let name = entry.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".tsv").map(str::to_owned)
            })
            .collect();
        days.sort();
        let table_days: Vec<&str> = rows.iter().map(|row| row[0]).collect();
        assert_eq!(days, table_days);
        for row in rows {
            let gold = read(&dir.join(format!("{}.tsv", row[0]))).unwrap();
            let mut sizes: HashMap<&str, usize> = HashMap::new();
            for (_, event) in &gold {
                *sizes.entry(event.as_str()).or_default() += 1;
            }
            let counted = [
                gold.len(),
                sizes.len(),
                sizes.values().filter(|&&n| n >= 2).count(),
                sizes.values().filter(|&&n| n == 1).count(),
            ]
            .map(|n| n.to_string());
            assert_eq!(counted.as_slice(), &row[1..], "{}", row[0]);
        }
    }
}
