//! The news desk's clean-up of a story's units (sentences) after splitting: what an editor fixes before a summary
//! goes out.
//!
//! Input is one document's units in order, each with the [`Kind`] the splitter gave it and its text on one line;
//! [`review`] returns, for each unit, the text to show and to score, its kind, and two flags for the selector, with
//! a [`Tally`] of how often each [`Rule`] fired. The rules, and why:
//!
//! - **dateline** (on body units): an agency dateline at the front of a unit is cut off with its separator
//!   (`دبي، الإمارات العربية المتحدة (CNN)— قال …` → `قال …`, `القاهرة - رويترز: …`, `(CNN)-- …`). A place of up
//!   to six words (a comma before a country allowed), then an agency in brackets or after a dash, then a dash or a
//!   colon. The dateline says who filed the story, not what happened; left in, it opens the summary and is scored
//!   as words of the story. A unit that is nothing but a dateline becomes furniture. A place that is the
//!   sentence's subject (`دبي تستضيف …`) is never touched: without an agency there is no dateline.
//! - **hashtag**: hashtag markup is shown as the words it holds (`#محمد_بن_سلمان` → `محمد بن سلمان`): the `#` goes
//!   and underscores inside become spaces. Al Arabiya writes names as hashtags inside its sentences; a reader of
//!   the summary should see the name, and the scorer should count the words, not one long token. A `#` that
//!   opens no word (`# 5`, `C#`) stays.
//! - **boilerplate**: lines that are not the story's prose become furniture: links to other stories (`اقرأ
//!   أيضاً:`, `للمزيد: …`, `شاهد أيضاً`, `قد يهمك| …`), credits (`فرانس24/ أ ف ب`, `المصدر: …`, `(الصورة: …)`,
//!   `*نقلاً عن …`, `حسب رويترز.`), labels (`ريبورتاج`), promotions (`تابعونا على …`, `يمكنكم استلام إشعارات …
//!   تطبيق …`, `اضغط هنا`), disclaimers (`جميع المقالات المنشورة تمثل رأي كتابها`, an outlet's note that it cannot
//!   verify what circulates online, copyright, editor's and sponsorship notes), and the "about" section that
//!   closes a press release or an opinion piece (`حول بيت.كوم`, `عن هذا المقال`, with the few units after it).
//!   They recur across stories, so they would be picked as "central" sentences, and they say nothing about the
//!   news. A headline is boilerplate only as a note or a credit (a sponsored piece's first line), never as a link:
//!   `شاهد.. …` heads a video story.
//! - **lead-in** (on body units): a unit that ends with a colon (closing quotes aside) introduces what follows
//!   (`…في 5 مجالات رئيسية:`) and says nothing alone: flagged [`Reviewed::lead_in`], never to be shown alone.
//! - **back-reference** (on body units but the first): a unit that opens by referring to what came before cannot
//!   stand alone, as its subject or its referent is in an earlier sentence: a verb of saying with no subject named
//!   after it (`وأضاف أن …`, `وقال: …`, `كما أكد على …`; but `وقال وزير الخارجية …` names its subject and
//!   stands alone), a participle (`مضيفا أن …`), an opener that answers or carries on (`من جهته`, `في المقابل`,
//!   `وفي وقت سابق`, `وهو`, `لكنه`), a demonstrative among the first six words (`تلك الشركات`, `هذا القرار`,
//!   `لذلك`; not `هذا العام`), or `نفسه`/`ذاته` after a definite noun (`المصدر نفسه`). Flagged
//!   [`Reviewed::refers_back`]: not to be chosen without the body sentence before it.
//!
//! The rules are built from what recurs across the five outlets of the ANT corpus (Al Arabiya, BBC, CNN,
//! France 24, Sky News), not from any one day or story.
//!
//! It does not split, repair, fold, score or choose sentences, and it never fails: any input is reviewed, in time
//! linear in its length. It does not remove datelines inside a unit, nor hashtags whose `#` was lost upstream
//! (`محمد_بن_سلمان` alone stays as it is).
//!
//! A story split by `khulasa-split`, then reviewed (the example of the project's README):
//!
//! ```
//! let text = "دبي (CNN)— قال الوزير إن #الحكومة_الجديدة ستبدأ عملها. وأضاف أنها جاهزة.";
//! let units = khulasa_split::split(text);
//! let pairs: Vec<_> = units.iter().map(|u| (u.kind, &text[u.start..u.end])).collect();
//! let (reviewed, _tally) = khulasa_desk::review(&pairs);
//! assert_eq!(reviewed[0].text, "قال الوزير إن الحكومة الجديدة ستبدأ عملها.");
//! assert!(reviewed[1].refers_back);
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod agency;
mod boilerplate;
mod dateline;
mod hashtag;
mod reference;
mod text;

use std::borrow::Cow;

pub use khulasa_split::Kind;

/// A desk rule, named in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// An agency dateline cut from the front of a body unit.
    Dateline,
    /// Hashtag markup shown as its words.
    Hashtag,
    /// A line that is not the story's prose, made furniture.
    Boilerplate,
    /// A body unit ending with a colon, introducing what follows.
    LeadIn,
    /// A body unit that opens by referring to what came before.
    BackReference,
}

impl Rule {
    /// Every rule, in the order they are applied.
    pub const ALL: [Rule; 5] = [
        Rule::Dateline,
        Rule::Hashtag,
        Rule::Boilerplate,
        Rule::LeadIn,
        Rule::BackReference,
    ];

    /// The rule's name in reports: `dateline`, `hashtag`, `boilerplate`, `lead-in` or `back-reference`.
    ///
    /// ```
    /// use khulasa_desk::Rule;
    /// let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    /// assert_eq!(names, ["dateline", "hashtag", "boilerplate", "lead-in", "back-reference"]);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Rule::Dateline => "dateline",
            Rule::Hashtag => "hashtag",
            Rule::Boilerplate => "boilerplate",
            Rule::LeadIn => "lead-in",
            Rule::BackReference => "back-reference",
        }
    }
}

/// What the desk makes of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reviewed<'a> {
    /// The text to show and to score: the unit's text with an agency dateline removed from its front and hashtag
    /// markup shown as the words it holds; borrowed when nothing changed.
    pub text: Cow<'a, str>,
    /// The unit's kind: `Kind::Furniture` for boilerplate (and for a body unit that is only a dateline), else the
    /// splitter's.
    pub kind: Kind,
    /// A lead-in ending in a colon that introduces what follows (`…في 5 مجالات رئيسية:`): never shown alone.
    pub lead_in: bool,
    /// Opens by referring back to what came before (`وأضاف …`, `وبحلول … سيتعين على تلك الشركات…`): not to be
    /// chosen without the body sentence before it.
    pub refers_back: bool,
}

/// How often each rule fired, for a document or, added up, a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Body units whose dateline was cut (or which were only a dateline, and became furniture).
    pub dateline: usize,
    /// Units whose hashtag markup was shown as words.
    pub hashtag: usize,
    /// Units made furniture as boilerplate.
    pub boilerplate: usize,
    /// Body units flagged as lead-ins.
    pub lead_in: usize,
    /// Body units flagged as referring back.
    pub back_reference: usize,
}

impl Tally {
    /// Adds `other`'s counts to these.
    ///
    /// ```
    /// use khulasa_desk::{review, Kind, Rule, Tally};
    /// let mut batch = Tally::default();
    /// for doc in [[(Kind::Body, "زار #السعودية.")], [(Kind::Body, "(CNN)-- قال الوزير.")]] {
    ///     batch.add(&review(&doc).1);
    /// }
    /// assert_eq!((batch.count(Rule::Hashtag), batch.count(Rule::Dateline)), (1, 1));
    /// ```
    pub fn add(&mut self, other: &Tally) {
        self.dateline += other.dateline;
        self.hashtag += other.hashtag;
        self.boilerplate += other.boilerplate;
        self.lead_in += other.lead_in;
        self.back_reference += other.back_reference;
    }

    /// How often `rule` fired.
    ///
    /// ```
    /// use khulasa_desk::{Rule, Tally};
    /// let tally = Tally { lead_in: 2, ..Tally::default() };
    /// assert_eq!(tally.count(Rule::LeadIn), 2);
    /// assert_eq!(tally.count(Rule::Dateline), 0);
    /// ```
    pub fn count(&self, rule: Rule) -> usize {
        match rule {
            Rule::Dateline => self.dateline,
            Rule::Hashtag => self.hashtag,
            Rule::Boilerplate => self.boilerplate,
            Rule::LeadIn => self.lead_in,
            Rule::BackReference => self.back_reference,
        }
    }
}

/// Reviews one document's units, in order: one [`Reviewed`] for each unit, in the same order, and how often each
/// rule fired.
///
/// Rules apply in the order of [`Rule::ALL`], each to what the one before left: the dateline is cut from a body
/// unit, hashtags are shown as words in any unit, units that are boilerplate become furniture, and the body units
/// left are checked for lead-ins and, after the first of them, for back-references. Furniture stays furniture.
///
/// ```
/// use khulasa_desk::{review, Kind};
/// let units = [
///     (Kind::Headline, "عنوان الخبر"),
///     (Kind::Body, "القاهرة - رويترز: قال #وزير_الخارجية إن الاجتماع ناجح."),
///     (Kind::Body, "وأضاف أن الخطة تشمل ثلاثة محاور:"),
///     (Kind::Subheadline, "اقرأ أيضاً:"),
/// ];
/// let (reviewed, tally) = review(&units);
/// assert_eq!(reviewed[1].text, "قال وزير الخارجية إن الاجتماع ناجح.");
/// assert!(reviewed[2].lead_in && reviewed[2].refers_back);
/// assert_eq!(reviewed[3].kind, Kind::Furniture);
/// assert_eq!((tally.dateline, tally.hashtag, tally.boilerplate), (1, 1, 1));
/// ```
pub fn review<'a>(units: &[(Kind, &'a str)]) -> (Vec<Reviewed<'a>>, Tally) {
    let mut reviewer = Reviewer::new(units);
    let reviewed = units.iter().map(|&(kind, unit)| reviewer.review(kind, unit)).collect();
    (reviewed, reviewer.tally())
}

/// A story's units reviewed one at a time, in order, as [`review`] reviews them all: the verdict on a unit reads
/// the units before it, and of those after it only the story's last few (where an "about" section may open,
/// found when the reviewer is made). So a caller that needs only the opening units of a story (a summary by
/// position) reviews those and stops, and the verdicts are the ones a review of the whole story gives.
///
/// ```
/// use khulasa_desk::{review, Kind, Reviewer};
/// let units = [
///     (Kind::Body, "القاهرة - رويترز: قال الوزير إن الاجتماع ناجح."),
///     (Kind::Body, "وأضاف أن الخطة جاهزة."),
///     (Kind::Body, "اقرأ أيضاً:"),
/// ];
/// let mut reviewer = Reviewer::new(&units);
/// let first: Vec<_> = units[..2].iter().map(|&(kind, text)| reviewer.review(kind, text)).collect();
/// let (all, _) = review(&units);
/// assert_eq!(first, all[..2]);
/// assert_eq!((reviewer.tally().dateline, reviewer.tally().boilerplate), (1, 0));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Reviewer {
    /// Where the story's closing "about" section opens, if it has one.
    about_from: Option<usize>,
    /// The index of the next unit.
    next: usize,
    seen_body: bool,
    folded: String,
    tally: Tally,
}

impl Reviewer {
    /// A reviewer of the story whose units, all of them, are `units`.
    pub fn new(units: &[(Kind, &str)]) -> Self {
        Reviewer {
            about_from: boilerplate::about_section(units),
            ..Reviewer::default()
        }
    }

    /// The verdict on the story's next unit, given as the splitter gave it (the next of the units the reviewer was
    /// made with).
    pub fn review<'a>(&mut self, split_kind: Kind, unit: &'a str) -> Reviewed<'a> {
        let i = self.next;
        self.next += 1;
        let tally = &mut self.tally;
        let mut kind = split_kind;
        let mut shown = Cow::Borrowed(unit);
        if kind == Kind::Body {
            if let Some(rest) = dateline::strip(unit).and_then(|at| unit.get(at..)) {
                tally.dateline += 1;
                if rest.is_empty() {
                    kind = Kind::Furniture;
                } else {
                    shown = Cow::Borrowed(rest);
                }
            }
        }
        if let Some(words) = hashtag::unmark(&shown) {
            tally.hashtag += 1;
            shown = Cow::Owned(words);
        }
        // The unit is folded once, and its words at the front cut once, for all the rules that read them.
        let folded = &mut self.folded;
        folded.clear();
        if kind != Kind::Furniture {
            text::fold_into(&shown, folded);
        }
        let front = text::leading_tokens(folded, boilerplate::WORDS_READ.max(reference::WORDS_READ));
        if kind != Kind::Furniture {
            let headline = kind == Kind::Headline;
            let in_about = self.about_from.is_some_and(|from| i >= from) && !headline;
            if in_about || boilerplate::is_boilerplate(folded, &front, headline) {
                tally.boilerplate += 1;
                kind = Kind::Furniture;
            }
        }
        let body = kind == Kind::Body;
        let lead_in = body && reference::is_lead_in(&shown);
        // The first body unit opens the story: whatever it seems to point back at is in the headline.
        let refers_back = body && self.seen_body && reference::refers_back(&front);
        self.seen_body |= body;
        tally.lead_in += usize::from(lead_in);
        tally.back_reference += usize::from(refers_back);
        Reviewed {
            text: shown,
            kind,
            lead_in,
            refers_back,
        }
    }

    /// How often each rule fired on the units reviewed so far.
    pub fn tally(&self) -> Tally {
        self.tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_result_per_unit_in_order() {
        let units = [
            (Kind::Headline, "عنوان"),
            (Kind::Furniture, "0"),
            (Kind::Body, "نص."),
            (Kind::Subheadline, "فرع"),
        ];
        let (reviewed, tally) = review(&units);
        assert_eq!(reviewed.len(), units.len());
        for (r, &(kind, text)) in reviewed.iter().zip(&units) {
            assert_eq!((r.kind, r.text.as_ref()), (kind, text));
            assert!(matches!(r.text, Cow::Borrowed(_)));
        }
        assert_eq!(tally, Tally::default());
        assert_eq!(review(&[]), (Vec::new(), Tally::default()));
    }

    #[test]
    fn a_dateline_is_cut_from_body_units_only() {
        let units = [
            (Kind::Subheadline, "القاهرة - رويترز: عنوان"),
            (Kind::Body, "القاهرة - رويترز: قال الوزير"),
            (Kind::Body, "دبي تستضيف المعرض."),
            (Kind::Body, "لندن (رويترز) - وقال المتحدث"),
        ];
        let (reviewed, tally) = review(&units);
        assert_eq!(reviewed[0].text, "القاهرة - رويترز: عنوان");
        assert_eq!(reviewed[1].text, "قال الوزير");
        assert!(matches!(reviewed[1].text, Cow::Borrowed(_)));
        assert_eq!(reviewed[2].text, "دبي تستضيف المعرض.");
        assert_eq!(reviewed[3].text, "وقال المتحدث");
        assert_eq!(tally.dateline, 2);
    }

    #[test]
    fn a_unit_that_is_only_a_dateline_becomes_furniture() {
        let units = [
            (Kind::Body, "القاهرة - رويترز:"),
            (Kind::Body, "قال الوزير إن الاجتماع ناجح."),
        ];
        let (reviewed, tally) = review(&units);
        assert_eq!(reviewed[0].kind, Kind::Furniture);
        assert!(!reviewed[0].lead_in);
        assert_eq!(
            tally,
            Tally {
                dateline: 1,
                ..Tally::default()
            }
        );
    }

    #[test]
    fn hashtags_count_units_not_tags() {
        let units = [
            (Kind::Headline, "#ترمب و#بوتين"),
            (Kind::Body, "التقى #ترمب و #بوتين في #هلسنكي."),
        ];
        let (reviewed, tally) = review(&units);
        assert_eq!(reviewed[0].text, "ترمب وبوتين");
        assert_eq!(reviewed[1].text, "التقى ترمب و بوتين في هلسنكي.");
        assert_eq!(tally.hashtag, 2);
    }

    #[test]
    fn boilerplate_becomes_furniture_and_headlines_stay() {
        let units = [
            (Kind::Headline, "اقرأ أيضاً"),
            (Kind::Body, "قال الوزير إن الاجتماع ناجح."),
            (Kind::Subheadline, "اقرأ أيضاً:"),
            (Kind::Body, "** جميع المقالات المنشورة تمثل رأي كتابها فقط."),
        ];
        let (reviewed, tally) = review(&units);
        let kinds: Vec<Kind> = reviewed.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [Kind::Headline, Kind::Body, Kind::Furniture, Kind::Furniture]);
        assert_eq!(tally.boilerplate, 2);
    }

    #[test]
    fn an_about_section_and_what_follows_it_are_boilerplate() {
        let units = [
            (Kind::Body, "قال الاستبيان إن نصف المجيبين راضون."),
            (Kind::Subheadline, "حول بيت.كوم"),
            (Kind::Body, "إن بيت.كوم هو أكبر موقع للوظائف."),
        ];
        let (reviewed, tally) = review(&units);
        assert_eq!(reviewed[1].kind, Kind::Furniture);
        assert_eq!(reviewed[2].kind, Kind::Furniture);
        assert_eq!(tally.boilerplate, 2);
    }

    #[test]
    fn lead_ins_and_back_references_are_flagged_on_body_units() {
        let units = [
            (Kind::Headline, "عنوان"),
            (Kind::Body, "وأضاف أن الخطة جاهزة."),
            (Kind::Body, "وتتمثل هذه المجالات في 5 مجالات رئيسية:"),
            (Kind::Subheadline, "وأضاف أن"),
            (Kind::Body, "وقال وزير الخارجية إن الاجتماع ناجح."),
            (Kind::Body, "وأضاف أن الخطة جاهزة."),
        ];
        let (reviewed, tally) = review(&units);
        let flags: Vec<(bool, bool)> = reviewed.iter().map(|r| (r.lead_in, r.refers_back)).collect();
        // The first body unit never refers back; sub-headlines are not flagged.
        assert_eq!(
            flags,
            [
                (false, false),
                (false, false),
                (true, true),
                (false, false),
                (false, false),
                (false, true)
            ]
        );
        assert_eq!((tally.lead_in, tally.back_reference), (1, 2));
    }

    #[test]
    fn the_first_body_unit_is_counted_after_boilerplate_and_datelines() {
        let units = [
            (Kind::Body, "(CNN)--"),
            (Kind::Body, "اقرأ أيضاً:"),
            (Kind::Body, "وأضاف أن الخطة جاهزة."),
            (Kind::Body, "وأضاف أن الخطة جاهزة."),
        ];
        let (reviewed, _) = review(&units);
        assert!(!reviewed[2].refers_back);
        assert!(reviewed[3].refers_back);
    }

    #[test]
    fn a_reviewer_stopped_early_gives_the_verdicts_of_the_whole_story() {
        // An "about" heading counts only among a story's last seven units: here it opens the story's second
        // unit and is followed by eight more, so it is none. Reviewed as a story of their own, the first three
        // units would take it for one and drop the third unit; stepping through the whole story's reviewer does
        // not.
        let mut units = vec![
            (Kind::Body, "القاهرة - رويترز: قال الاستبيان إن نصف المجيبين راضون."),
            (Kind::Subheadline, "حول بيت.كوم"),
            (Kind::Body, "وأضاف أن #الخطة_الجديدة جاهزة:"),
        ];
        units.extend(std::iter::repeat_n((Kind::Body, "قال الوزير إن الاجتماع ناجح."), 7));
        let (all, tally) = review(&units);
        assert_eq!(all[2].kind, Kind::Body);
        assert_eq!(
            review(&units[..3]).0[2].kind,
            Kind::Furniture,
            "a story cut short reads otherwise"
        );
        for n in 0..=units.len() {
            let mut reviewer = Reviewer::new(&units);
            let first: Vec<Reviewed> = units[..n].iter().map(|&(k, t)| reviewer.review(k, t)).collect();
            assert_eq!(first, all[..n], "the first {n}");
        }
        let mut reviewer = Reviewer::new(&units);
        for &(k, t) in &units {
            reviewer.review(k, t);
        }
        assert_eq!(reviewer.tally(), tally);
    }

    #[test]
    fn tally_adds_and_counts_every_rule() {
        let mut tally = Tally {
            dateline: 1,
            hashtag: 2,
            boilerplate: 3,
            lead_in: 4,
            back_reference: 5,
        };
        let copy = tally;
        tally.add(&copy);
        let counts: Vec<usize> = Rule::ALL.iter().map(|&r| tally.count(r)).collect();
        assert_eq!(counts, [2, 4, 6, 8, 10]);
    }
}

/// The README's example, compiled and run as a doc-test so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
