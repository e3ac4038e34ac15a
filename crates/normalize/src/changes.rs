use std::fmt;
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
/// assert!(first.evidence.to_string().starts_with("story damaged"));
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
    /// Why: for a ligature, the story's damage and the counts that were weighed (put in words by `Display`).
    pub evidence: Grounds,
}

/// Why a change was made. Kept as figures and put in words only when shown (`Display`), so that a repair whose
/// changes nobody reads pays nothing for the words.
///
/// ```
/// let repaired = khulasa_normalize::Repairer::new().repair(")داعش(");
/// assert_eq!(
///     repaired.changes[0].evidence.to_string(),
///     "a closing bracket opens the words and an opening one ends them, on one line"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grounds(Inner);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inner {
    Fixed(&'static str),
    Weighed(Weighed),
}

/// The figures of a ligature decision; the `f64`s as their bits, so that changes compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Weighed {
    source: &'static str,
    p: u64,
    signatures: u64,
    intact: u64,
    support: u64,
    keep: u64,
    margin: u64,
    story_word: bool,
    neighbours: u64,
}

impl Grounds {
    pub(crate) fn fixed(text: &'static str) -> Self {
        Grounds(Inner::Fixed(text))
    }

    /// The figures of a ligature decision: the story's damage probability, signatures and intact ligatures, and
    /// the counts weighed (see `Repairer::accept`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn weighed(
        source: &'static str,
        p: f64,
        signatures: u64,
        intact: u64,
        support: f64,
        keep: f64,
        margin: f64,
        story_word: bool,
        neighbours: f64,
    ) -> Self {
        Grounds(Inner::Weighed(Weighed {
            source,
            p: p.to_bits(),
            signatures,
            intact,
            support: support.to_bits(),
            keep: keep.to_bits(),
            margin: margin.to_bits(),
            story_word,
            neighbours: neighbours.to_bits(),
        }))
    }
}

impl fmt::Display for Grounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = match self.0 {
            Inner::Fixed(text) => return f.write_str(text),
            Inner::Weighed(w) => w,
        };
        write!(
            f,
            "story damaged p={:.3} ({} damage signatures, {} intact ligatures); {}: repair {:.0} vs as written {:.0} \
             (margin {})",
            f64::from_bits(w.p),
            w.signatures,
            w.intact,
            w.source,
            f64::from_bits(w.support),
            f64::from_bits(w.keep),
            f64::from_bits(w.margin),
        )?;
        if w.story_word {
            f.write_str("; repair seen intact in the story")?;
        }
        let neighbours = f64::from_bits(w.neighbours);
        if neighbours != 1.0 {
            write!(f, "; neighbours x{neighbours:.2}")?;
        }
        Ok(())
    }
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
                // The ligature's grounds are the ones to review; presentation forms need none.
                if change.rule == Rule::LamAlef {
                    last.rule = Rule::LamAlef;
                    last.evidence = change.evidence;
                }
            }
            _ => settled.push(change),
        }
    }
    for change in &mut settled {
        change.before = original.get(change.original.clone()).unwrap_or_default().to_owned();
        let after = change.repaired..change.repaired + change.after.len();
        // Written over the change's own buffer: as long already.
        let written = repaired.get(after).unwrap_or_default();
        change.after.clear();
        change.after.push_str(written);
    }
    settled
}
