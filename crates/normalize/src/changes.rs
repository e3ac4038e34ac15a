use std::ops::Range;

/// One change the repair made, for a translator or an editor to review: where it is in the text as received and
/// in the repaired text, what it was, what it became, by which rule and on what evidence.
///
/// Only changes that a reader can see are listed: spaces collapsed or trimmed and invisible controls removed are
/// not (they change no word).
///
/// ```
/// use khulasa_normalize::{Repairer, Rule};
/// let original = "قال الوزير خالل االجتماع )داعش(";
/// let repaired = Repairer::new().repair(original);
/// let first = &repaired.changes[0];
/// assert_eq!((first.before.as_str(), first.after.as_str()), ("خالل", "خلال"));
/// assert_eq!(first.rule, Rule::LamAlef);
/// assert_eq!(&original[first.original.clone()], first.before);
/// assert_eq!(&repaired.text[first.repaired..first.repaired + first.after.len()], first.after);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Byte range of `before` in the text as received.
    pub original: Range<usize>,
    /// Byte offset of `after` in the repaired text.
    pub repaired: usize,
    /// The text as received.
    pub before: String,
    /// What the repair made of it (empty when it was removed).
    pub after: String,
    /// The rule that made the change.
    pub rule: Rule,
    /// Why, in words and figures: for a ligature, the story's damage and the counts that were weighed.
    pub evidence: String,
}

/// The rules of the repair that change what a reader sees.
///
/// ```
/// assert_eq!(khulasa_normalize::Rule::LamAlef.as_str(), "lam-alef");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A reversed lam-alef ligature restored (`خالل` -> `خلال`).
    LamAlef,
    /// An alef that extraction wrote before a whole ligature, removed (`االأطلسي` -> `الأطلسي`).
    SpuriousAlef,
    /// Presentation forms written as the letters they stand for.
    PresentationForm,
    /// One bracket of a pair mirrored by visual-order extraction, turned the right way.
    MirroredBracket,
}

impl Rule {
    /// The rule's name in `--changes` output.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Rule::MirroredBracket.as_str(), "mirrored-bracket");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::LamAlef => "lam-alef",
            Rule::SpuriousAlef => "spurious-alef",
            Rule::PresentationForm => "presentation-form",
            Rule::MirroredBracket => "mirrored-bracket",
        }
    }
}

/// Sorts `changes`, merges those whose original ranges overlap (a ligature restored in a word written partly in
/// presentation forms is one change to review, not two), and takes `before` and `after` from the two texts so
/// that they are exactly what the ranges hold.
pub(crate) fn settle(mut changes: Vec<Change>, original: &str, repaired: &str) -> Vec<Change> {
    changes.sort_by_key(|c| (c.original.start, c.repaired));
    let mut settled: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        match settled.last_mut() {
            Some(last) if change.original.start < last.original.end => {
                let last_end = last.repaired + last.after.len();
                let end = last_end.max(change.repaired + change.after.len());
                last.original.end = last.original.end.max(change.original.end);
                last.repaired = last.repaired.min(change.repaired);
                last.after = repaired.get(last.repaired..end).unwrap_or_default().to_owned();
                if change.rule == Rule::LamAlef {
                    last.rule = Rule::LamAlef;
                }
                last.evidence.push_str("; ");
                last.evidence.push_str(&change.evidence);
            }
            _ => settled.push(change),
        }
    }
    for change in &mut settled {
        change.before = original.get(change.original.clone()).unwrap_or_default().to_owned();
        let after = change.repaired..change.repaired + change.after.len();
        change.after = repaired.get(after).unwrap_or_default().to_owned();
    }
    settled
}
