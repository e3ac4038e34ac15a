//! The stages chained for one document: repair, split, terms, scores, selection.

use crate::input::Document;
use hashbrown::HashTable;
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, Desk, DfTable, Pick, Role, SentenceFeatures, Standing};
use khulasa_split::Kind;
use khulasa_stem::Analyzer;
use std::hash::Hasher;

/// One sentence of a document, located in the text as read.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Byte offset in the document as read (after decoding).
    pub start: usize,
    /// Byte offset just past the sentence in the document as read.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// The repaired text with line breaks and runs of white space made single spaces; after the desk's review
    /// ([`review`]), the text a reader is shown (an agency dateline cut, hashtags as words).
    pub text: String,
    /// What the desk found it asks of a summary ([`review`]; nothing before).
    pub standing: Standing,
}

/// A document split into units.
#[derive(Debug, Clone)]
pub struct Split {
    /// All units in order, furniture included.
    pub units: Vec<Unit>,
}

/// Repairs and splits a document.
pub fn split(repairer: &Repairer, doc: &Document) -> Split {
    split_noting(repairer, doc).0
}

/// [`split`], with the changes the repair made (offsets in the document as read), for a reviewer.
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let doc = khulasa::input::Document::new("d", "قال الوزير خالل االجتماع إن الخطة جاهزة.");
/// let (split, changes) = khulasa::pipeline::split_noting(&repairer, &doc);
/// assert_eq!(split.units[0].text, "قال الوزير خلال الاجتماع إن الخطة جاهزة.");
/// assert_eq!(changes[0].before, "خالل");
/// ```
pub fn split_noting(repairer: &Repairer, doc: &Document) -> (Split, Vec<khulasa_normalize::Change>) {
    let repaired = repairer.repair(&doc.text);
    let units = khulasa_split::split(&repaired.text)
        .into_iter()
        .filter_map(|s| {
            let slice = repaired.text.get(s.start..s.end)?;
            let range = repaired.map.original_range(s.start..s.end);
            Some(Unit {
                start: range.start,
                end: range.end,
                kind: s.kind,
                text: one_line(slice),
                standing: Standing::default(),
            })
        })
        .filter(|u| !u.text.is_empty())
        .collect::<Vec<_>>();
    (Split { units }, repaired.changes)
}

/// The desk's clean-up of a split document ([`khulasa_desk::review`]): each unit's text as a reader is shown it,
/// boilerplate made furniture, and what each unit asks of a summary (a lead-in, a sentence that refers back).
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let doc = khulasa::input::Document::new("d", "قال الوزير إن #الحكومة_الجديدة ستدرس الخطة.\nوأضاف أنها جاهزة.");
/// let mut split = khulasa::pipeline::split(&repairer, &doc);
/// let tally = khulasa::pipeline::review(&mut split);
/// assert_eq!(split.units[0].text, "قال الوزير إن الحكومة الجديدة ستدرس الخطة.");
/// assert!(split.units[1].standing.refers_back);
/// assert_eq!(tally.hashtag, 1);
/// ```
pub fn review(split: &mut Split) -> khulasa_desk::Tally {
    let mut reviewer = reviewer(split);
    review_units(&mut split.units, &mut reviewer);
    reviewer.tally()
}

/// The desk's reviewer of a split document's units ([`khulasa_desk::Reviewer`]).
fn reviewer(split: &Split) -> khulasa_desk::Reviewer {
    let units: Vec<(Kind, &str)> = split.units.iter().map(|u| (u.kind, u.text.as_str())).collect();
    khulasa_desk::Reviewer::new(&units)
}

/// Reviews `units`, the next ones of the document `reviewer` was made for, in place.
fn review_units(units: &mut [Unit], reviewer: &mut khulasa_desk::Reviewer) {
    for unit in units {
        let reviewed = reviewer.review(unit.kind, &unit.text);
        let (kind, standing) = (
            reviewed.kind,
            Standing {
                lead_in: reviewed.lead_in,
                refers_back: reviewed.refers_back,
            },
        );
        // A dateline cut leaves a borrowed slice of the original: only an unchanged text is left alone.
        let text = (reviewed.text != unit.text.as_str()).then(|| reviewed.text.into_owned());
        unit.kind = kind;
        match text {
            // Nothing left to show (a dateline alone): the unit stays, as furniture, so that units keep the
            // indices `khulasa split` gives them.
            Some(text) if text.trim().is_empty() => unit.kind = Kind::Furniture,
            Some(text) => unit.text = text,
            None => {}
        }
        unit.standing = standing;
    }
}

/// Joins the words of `text` with single spaces: what a sentence looks like when it goes to translation.
pub fn one_line(text: &str) -> String {
    // The repair already made most sentences so: one pass over the bytes to see, instead of splitting on
    // Unicode white space. A byte that may start white space other than the space (C2 for U+0085 and U+00A0,
    // E1/E2/E3 for U+1680, U+2000.., U+3000) sends the text the long way.
    // The tests are folds without early exit, which the compiler turns into vector code.
    let bytes = text.as_bytes();
    let doubled = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |seen, (&a, &b)| seen | ((a == b' ') & (b == b' ')));
    let other = bytes.iter().fold(false, |seen, &b| {
        seen | matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1..=0xE3)
    });
    let single_spaced = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ') && !doubled && !other;
    if single_spaced {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of a unit's text: `one_line` left single spaces between words, none at the ends, and no other white
/// space, so the words are the spaces plus one.
fn word_count(one_line: &str) -> usize {
    if one_line.is_empty() {
        return 0;
    }
    memchr::memchr_iter(b' ', one_line.as_bytes()).count() + 1
}

/// Settings of a summary.
pub struct SummaryOptions<'a> {
    /// Terms of sentences.
    pub analyzer: &'a Analyzer,
    /// The scorer.
    pub scorer: &'a dyn khulasa_score::Scorer,
    /// The budget.
    pub budget: Budget,
    /// Document frequencies for IDF: the batch's when it is large enough, else [`background_df`]; `None` counts
    /// the document's own sentences as documents.
    pub df: Option<&'a DfTable>,
}

/// A summarised document: its units, the indices (into `units`) of the scored ones, and the picks.
pub struct Summary {
    /// The document's units.
    pub split: Split,
    /// For each scored sentence, its index in `split.units`.
    pub scored: Vec<usize>,
    /// The selected sentences, indices into `scored`, in document order.
    pub picks: Vec<Pick>,
    /// Every scored sentence's score.
    pub scores: Vec<f64>,
    /// What the desk's review did to the document (to the units read).
    pub desk: khulasa_desk::Tally,
    /// How many of the document's units, from the first, the desk reviewed and the scorer saw: all of them, or
    /// fewer when those settled the summary ([`summarize_as_needed`]); the units after them are as split.
    pub read: usize,
}

/// A document's terms before IDF: what the first pass over a batch counts and the pass that writes output scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    /// The non-furniture units as the scorer sees them, in document order.
    pub sentences: Vec<SentenceFeatures>,
    /// The term of each term id (the index), in order of first appearance: the document's distinct terms.
    pub names: TermNames,
    /// For each sentence, its index in the split's units (one past the last unit for a title that is no unit).
    pub scored: Vec<usize>,
    /// For each sentence, what the desk found it asks of a summary.
    pub standing: Vec<Standing>,
}

/// Terms of a document's non-furniture units.
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
/// let doc = khulasa::input::Document::new("d", "قال الوزير إن الحكومة ستدرس الخطة. ورحب الوزير بالخطة.");
/// let terms = khulasa::pipeline::terms(&khulasa::pipeline::split(&repairer, &doc), &analyzer);
/// assert_eq!(terms.sentences.len(), 2);
/// assert_eq!(terms.names.iter().filter(|&t| t == "وزير").count(), 1);
/// ```
pub fn terms(split: &Split, analyzer: &Analyzer) -> Terms {
    terms_titled(split, None, analyzer)
}

/// [`terms`], with `title` (a feed's title field) scored as the headline when the text has none of its own: the
/// sentence that says what the story is about, for scorers that compare with it and for the desk's check that a
/// sentence does not merely repeat it. It comes last, its unit index one past the last unit.
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
/// let doc = khulasa::input::Document::new("d", "قال الوزير إن الحكومة ستدرس الخطة. ورحب الوزير بالخطة.");
/// let split = khulasa::pipeline::split(&repairer, &doc);
/// let terms = khulasa::pipeline::terms_titled(&split, Some("الحكومة تدرس خطة الوزير"), &analyzer);
/// assert_eq!(terms.sentences.len(), 3);
/// assert_eq!(terms.sentences[2].role, khulasa_score::Role::Headline);
/// assert_eq!(terms.scored[2], split.units.len());
/// ```
pub fn terms_titled(split: &Split, title: Option<&str>, analyzer: &Analyzer) -> Terms {
    terms_of(&split.units, title_unit(split, title).as_ref(), analyzer)
}

/// The feed's title as a headline unit, with its index (one past the last unit), when the text has no headline.
fn title_unit(split: &Split, title: Option<&str>) -> Option<(usize, Unit)> {
    let has_headline = split.units.iter().any(|u| u.kind == Kind::Headline);
    let title = title.filter(|t| !has_headline && !t.trim().is_empty()).map(one_line)?;
    let unit = Unit {
        start: 0,
        end: 0,
        kind: Kind::Headline,
        text: title,
        standing: Standing::default(),
    };
    Some((split.units.len(), unit))
}

/// Terms of `units` (a document's, or its opening ones), then of `title` ([`title_unit`]).
fn terms_of(units: &[Unit], title: Option<&(usize, Unit)>, analyzer: &Analyzer) -> Terms {
    // Sized once, not grown: a news story has a distinct term in every 20 bytes and 2.6 bytes of text for each
    // byte of its terms' names (medians of 1,000 BBC/CNN and 3,000 ANT stories); 16 and 2 cover 95% and 99%
    // of them (24 and 4, the guesses before, were short for 90% and 99.9%).
    let bytes: usize = units.iter().map(|u| u.text.len()).sum();
    let mut table = TermTable::with_capacity(bytes / 16, bytes / 2);
    let mut scratch = String::new();
    let mut sentences = Vec::new();
    let mut scored = Vec::new();
    let mut standing = Vec::new();
    for (i, unit) in units.iter().enumerate().chain(title.map(|(i, u)| (*i, u))) {
        let role = match unit.kind {
            Kind::Furniture => continue,
            Kind::Headline => Role::Headline,
            Kind::Subheadline => Role::Subheadline,
            Kind::Body => Role::Body,
        };
        // About one term in every seven bytes of Arabic text: sized once, not grown.
        let mut terms = Vec::with_capacity(unit.text.len() / 7 + 1);
        analyzer.terms(&unit.text, &mut scratch, |t| terms.push(table.add(t)));
        sentences.push(SentenceFeatures {
            terms,
            words: word_count(&unit.text),
            role,
        });
        scored.push(i);
        standing.push(unit.standing);
    }
    Terms {
        sentences,
        names: table.into_names(),
        scored,
        standing,
    }
}

/// Terms given ids in order of first appearance, each counted every time it is added: a story's vocabulary, and
/// the batch's (where a term is added once for each document holding it).
#[derive(Default)]
pub(crate) struct TermTable {
    entries: HashTable<TermEntry>,
    names: TermNames,
    /// The hash of each term, by id, for when the table grows.
    hashes: Vec<u64>,
}

/// A term of a [`TermTable`]: its id, how often it was added (up to 4,294,967,295) and where its text lies in the
/// table's (up to 4 GB of distinct terms). Sixteen bytes that hold all a lookup needs besides the text itself, so
/// that a lookup touches two places in memory (the batch's table outgrows the caches on an archive).
struct TermEntry {
    id: u32,
    count: u32,
    start: u32,
    len: u32,
}

impl TermTable {
    /// Room for `terms` terms of `bytes` bytes in all.
    pub(crate) fn with_capacity(terms: usize, bytes: usize) -> Self {
        TermTable {
            entries: HashTable::with_capacity(terms),
            names: TermNames::with_capacity(terms, bytes),
            hashes: Vec::with_capacity(terms),
        }
    }

    /// The id of `term`, which is added if new, and counted.
    // Inlined into the word loop, where it runs for every word: the call's saving and restoring of registers cost
    // a tenth of the lookup.
    #[inline(always)]
    pub(crate) fn add(&mut self, term: &str) -> u32 {
        let TermTable { entries, names, hashes } = self;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(term.as_bytes());
        let hash = hasher.finish();
        let text = names.text();
        let found = entries.find_mut(hash, |e| {
            text.as_bytes().get(e.start as usize..e.start as usize + e.len as usize) == Some(term.as_bytes())
        });
        if let Some(entry) = found {
            entry.count = entry.count.saturating_add(1);
            return entry.id;
        }
        let start = u32::try_from(names.text_len()).unwrap_or(u32::MAX);
        let len = u32::try_from(term.len()).unwrap_or(u32::MAX);
        let id = names.push(term);
        hashes.push(hash);
        let entry = TermEntry {
            id,
            count: 1,
            start,
            len,
        };
        entries.insert_unique(hash, entry, |e| hashes.get(e.id as usize).copied().unwrap_or(0));
        id
    }

    /// The terms by id (a story's: its counts are not needed).
    pub(crate) fn into_names(self) -> TermNames {
        self.names
    }

    /// The terms by id, and how often each was added.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub(crate) fn into_names_and_counts(self) -> (TermNames, Vec<u64>) {
        let mut counts = vec![0; self.names.len()];
        for entry in self.entries {
            if let Some(to) = counts.get_mut(entry.id as usize) {
                *to = u64::from(entry.count);
            }
        }
        (self.names, counts)
    }
}

/// A document's distinct terms, by term id (the index): one text for all of them, not one allocation a term.
///
/// ```
/// let mut names = khulasa::pipeline::TermNames::default();
/// assert_eq!((names.push("وزير"), names.push("خطه")), (0, 1));
/// assert_eq!(names.get(1), Some("خطه"));
/// assert_eq!(names.iter().collect::<Vec<_>>(), ["وزير", "خطه"]);
/// assert_eq!((names.len(), names.text_len()), (2, 14));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermNames {
    text: String,
    /// Where each term ends in `text`.
    ends: Vec<usize>,
}

impl TermNames {
    /// Room for `terms` terms of `bytes` bytes in all.
    pub fn with_capacity(terms: usize, bytes: usize) -> Self {
        TermNames {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(terms),
        }
    }

    /// Adds a term and gives its id.
    pub fn push(&mut self, term: &str) -> u32 {
        self.text.push_str(term);
        self.ends.push(self.text.len());
        (self.ends.len() - 1) as u32
    }

    /// The term of id `id`.
    pub fn get(&self, id: usize) -> Option<&str> {
        let start = match id.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(id)?)
    }

    /// The terms in order of id.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).filter_map(|id| self.get(id))
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of all the terms together.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// All the terms one after another, in order of id.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// IDF of each term id of a document whose distinct terms are `names` and whose sentences are `sentences`:
/// from `df` when given, else counting the document's own sentences as documents.
pub fn idf(names: &TermNames, sentences: &[SentenceFeatures], df: Option<&DfTable>) -> Vec<f64> {
    match df {
        Some(df) => names.iter().map(|t| df.idf(t)).collect(),
        None => sentence_idf(names.len(), sentences),
    }
}

/// IDF of each of `terms` term ids counting the sentences as documents (the smoothed IDF of [`DfTable::idf`]).
///
/// ```
/// use khulasa_score::{Role, SentenceFeatures};
/// let s = |terms: Vec<u32>| SentenceFeatures { terms, words: 3, role: Role::Body };
/// let idf = khulasa::pipeline::sentence_idf(2, &[s(vec![0, 0, 1]), s(vec![0])]);
/// assert!(idf[1] > idf[0]);
/// ```
pub fn sentence_idf(terms: usize, sentences: &[SentenceFeatures]) -> Vec<f64> {
    let mut df = vec![0u64; terms];
    let mut last_seen = vec![usize::MAX; terms];
    for (i, s) in sentences.iter().enumerate() {
        for &t in &s.terms {
            if let (Some(seen), Some(count)) = (last_seen.get_mut(t as usize), df.get_mut(t as usize)) {
                if *seen != i {
                    *seen = i;
                    *count += 1;
                }
            }
        }
    }
    let documents = sentences.len() as u64;
    df.iter().map(|&d| khulasa_score::smoothed_idf(documents, d)).collect()
}

/// A document repaired, split and reduced to terms: all a summary needs but the IDF.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The document's units.
    pub split: Split,
    /// The terms of its non-furniture units.
    pub terms: Terms,
    /// What the desk's review did to it.
    pub desk: khulasa_desk::Tally,
    /// What the repair changed in it ([`split_noting`]).
    pub changes: Vec<khulasa_normalize::Change>,
}

/// Repairs, splits, reviews as a desk does ([`review`]) and analyses a document, its title scored as the headline
/// when the text has none ([`terms_titled`]).
pub fn prepare(repairer: &Repairer, doc: &Document, analyzer: &Analyzer) -> Prepared {
    let (mut split, changes) = split_noting(repairer, doc);
    let desk = review(&mut split);
    let terms = terms_titled(&split, doc.title.as_deref(), analyzer);
    Prepared {
        split,
        terms,
        desk,
        changes,
    }
}

/// Repairs, splits, scores and selects, in plain rank order (no redundancy control).
pub fn summarize(repairer: &Repairer, doc: &Document, options: &SummaryOptions) -> Summary {
    summarize_mmr(repairer, doc, options, 1.0)
}

/// [`summarize`] with MMR redundancy control: `lambda` as [`khulasa_score::select_mmr`] takes it (1 = off).
pub fn summarize_mmr(repairer: &Repairer, doc: &Document, options: &SummaryOptions, lambda: f64) -> Summary {
    summarize_prepared(prepare(repairer, doc, options.analyzer), options, lambda)
}

/// Scores and selects a prepared document (`options.analyzer` is not used: the terms are made).
pub fn summarize_prepared(prepared: Prepared, options: &SummaryOptions, lambda: f64) -> Summary {
    let Prepared { split, terms, desk, .. } = prepared;
    let read = split.units.len();
    summary_of(split, terms, desk, read, options, lambda).0
}

/// Scores and selects the sentences `terms` holds, of the first `read` units of `split`; with whether the picks met
/// the desk's conditions ([`select_scored`]).
fn summary_of(
    split: Split,
    terms: Terms,
    desk: khulasa_desk::Tally,
    read: usize,
    options: &SummaryOptions,
    lambda: f64,
) -> (Summary, bool) {
    let scoring_doc = khulasa_score::Document {
        idf: idf(&terms.names, &terms.sentences, options.df),
        sentences: terms.sentences,
    };
    let (scores, picks, held) = select_scored(&scoring_doc, &terms.standing, options, lambda);
    let summary = Summary {
        split,
        scored: terms.scored,
        picks,
        scores,
        desk,
        read,
    };
    (summary, held)
}

/// [`summarize_mmr`], reading a story's opening units only when they settle the summary.
///
/// A scorer that ranks by position ([`khulasa_score::Scorer::ranks_by_position`]: the default and `lead`), in
/// plain rank order under a sentence budget, takes the first body sentences the desk allows. Once the budget is
/// filled within the opening units (as many as the budget's sentences) by sentences the desk allows (not by its
/// last resort, taken when none passes), no later unit can change the picks: the desk's verdict on a unit reads no
/// later unit but the story's closing "about" section, which [`khulasa_desk::Reviewer`] looks for first, and a
/// sentence is checked for repeats against those chosen and the headlines (a story with a headline further down
/// is read whole). Reviewing and analysing the rest of the story was two thirds of the default summary's
/// instructions on ANT (stories of 8.5 units, 3 sentences taken), so the rest is read only when the opening
/// units leave the budget unfilled, and then the work on the opening units is kept.
///
/// The picks are those of [`summarize_mmr`], and so are the scores and `scored` entries of the picks; units past
/// [`Summary::read`] are as split (not reviewed), and `scores` and `desk` cover the units read.
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
/// let scorer = khulasa_score::LeadAnchored;
/// let options = khulasa::pipeline::SummaryOptions { analyzer: &analyzer, scorer: &scorer, budget: khulasa_score::Budget::Sentences(2), df: None };
/// let text = "قال الوزير إن الحكومة ستدرس الخطة. وأكد المتحدث أن الموازنة جاهزة. ونفى السفير ما تردد. \
///             وختم المدير بالشكر. وأعلن الرئيس موعد الانتخابات. وزار الوفد المدينة.";
/// let doc = khulasa::input::Document::new("d", text);
/// let lazily = khulasa::pipeline::summarize_as_needed(&repairer, &doc, &options, 1.0);
/// let whole = khulasa::pipeline::summarize_mmr(&repairer, &doc, &options, 1.0);
/// assert_eq!((lazily.picks, lazily.scored[..2].to_vec()), (whole.picks, whole.scored[..2].to_vec()));
/// assert!(lazily.read < whole.read);
/// ```
pub fn summarize_as_needed(repairer: &Repairer, doc: &Document, options: &SummaryOptions, lambda: f64) -> Summary {
    let (mut split, changes) = split_noting(repairer, doc);
    let mut reviewer = reviewer(&split);
    let title = doc.title.as_deref();
    if let Some((opening, cap)) = opening_units(&split, options, lambda) {
        // `opening_units` leaves units after the opening ones: the slices are never empty for want of them.
        review_units(split.units.get_mut(..opening).unwrap_or_default(), &mut reviewer);
        let title = title_unit(&split, title);
        let terms = terms_of(
            split.units.get(..opening).unwrap_or_default(),
            title.as_ref(),
            options.analyzer,
        );
        let (summary, held) = summary_of(split, terms, reviewer.tally(), opening, options, lambda);
        // Picks taken regardless of the desk (none of the opening units passed) would not be the whole story's.
        if held && summary.picks.len() >= cap {
            return summary;
        }
        split = summary.split;
        review_units(split.units.get_mut(opening..).unwrap_or_default(), &mut reviewer);
    } else {
        review_units(&mut split.units, &mut reviewer);
    }
    let terms = terms_titled(&split, title, options.analyzer);
    summarize_prepared(
        Prepared {
            split,
            terms,
            desk: reviewer.tally(),
            changes,
        },
        options,
        lambda,
    )
}

/// How many opening units may settle a summary of `split` ([`summarize_as_needed`]), and the sentence budget that
/// tells when they do; `None` when the summary needs the whole story.
fn opening_units(split: &Split, options: &SummaryOptions, lambda: f64) -> Option<(usize, usize)> {
    let Budget::Sentences(cap) = options.budget else {
        return None;
    };
    if cap == 0 || !options.scorer.ranks_by_position() || lambda < 1.0 {
        return None;
    }
    // As many units as the budget takes sentences: on the first 3,000 ANT stories (whose headline is a field, not
    // a unit), room for one or two more units turned down cost 9% and 19% more instructions than reading the
    // rest of the few stories whose opening units do not settle the summary.
    let opening = cap;
    let later = split.units.get(opening..).filter(|later| !later.is_empty())?;
    (!later.iter().any(|u| u.kind == Kind::Headline)).then_some((opening, cap))
}

/// The scores of a document's sentences and the picks of the summary, held to the desk's conditions
/// ([`khulasa_score::select_with`]: what each sentence asks, `standing`, and no sentence that repeats another or
/// the headline) unless the scorer is a baseline.
pub fn score_and_select(
    doc: &khulasa_score::Document,
    standing: &[Standing],
    options: &SummaryOptions,
    lambda: f64,
) -> (Vec<f64>, Vec<Pick>) {
    let (scores, picks, _) = select_scored(doc, standing, options, lambda);
    (scores, picks)
}

/// [`score_and_select`], and whether the picks met the desk's conditions: false when every candidate failed one
/// and the best were taken regardless ([`khulasa_score::select_held`]).
fn select_scored(
    doc: &khulasa_score::Document,
    standing: &[Standing],
    options: &SummaryOptions,
    lambda: f64,
) -> (Vec<f64>, Vec<Pick>, bool) {
    let scores = options.scorer.score(doc);
    let desk = if options.scorer.is_baseline() {
        Desk::NONE
    } else {
        Desk {
            standing,
            max_overlap: khulasa_score::MAX_OVERLAP,
        }
    };
    let picks = khulasa_score::select_held(doc, &scores, options.budget, lambda, &desk);
    if picks.is_empty() && desk != Desk::NONE {
        // As `select_with` does: a summary that asks for an edit is better than none.
        let picks = khulasa_score::select_held(doc, &scores, options.budget, lambda, &Desk::NONE);
        return (scores, picks, false);
    }
    (scores, picks, true)
}

/// Whether a summary reads IDF at all: the scorer's scores do ([`khulasa_score::Scorer::reads_idf`]), or MMR
/// (`lambda` below 1) weighs sentence vectors. The default (a position scorer, plain rank order) does not, and
/// then a batch is not counted: on ANT the count and its spool were 8.6% of the default run.
///
/// ```
/// let lead = khulasa_score::scorer("default").unwrap();
/// assert!(!khulasa::pipeline::reads_idf(lead.as_ref(), 1.0));
/// assert!(khulasa::pipeline::reads_idf(lead.as_ref(), 0.7));
/// assert!(khulasa::pipeline::reads_idf(khulasa_score::scorer("textrank").unwrap().as_ref(), 1.0));
/// ```
pub fn reads_idf(scorer: &dyn khulasa_score::Scorer, lambda: f64) -> bool {
    scorer.reads_idf() || lambda < 1.0
}

/// Fewest documents in a batch for its own document frequencies to be trusted over the background table.
pub const MIN_BATCH_DOCUMENTS: u64 = 100;

/// The background document frequencies of Arabic news ([`khulasa_score::background`]): the IDF of a document
/// summarised without a large enough batch.
pub fn background_df() -> &'static DfTable {
    khulasa_score::background()
}

pub use khulasa_score::BACKGROUND_DF;

/// Whether the background table holds the terms an analyzer makes: light stems without stop words, as it was
/// counted. Other term settings count the document's own sentences instead.
pub fn takes_background(algorithm: khulasa_stem::Algorithm, keep_stopwords: bool) -> bool {
    algorithm == khulasa_stem::Algorithm::Light && !keep_stopwords
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn joined(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_line_collapses_every_kind_of_white_space() {
        for text in [
            "قال  الوزير",
            " قال",
            "قال ",
            "قال\nالوزير",
            "قال\u{a0}الوزير",
            "قال\u{2003}الوزير",
            "قال\u{3000}",
        ] {
            assert_eq!(one_line(text), joined(text), "{text:?}");
        }
    }

    /// Units of news stories the desk and the selection treat differently: a headline and a sentence repeating
    /// it, datelines (one alone), a hashtag, lead-ins, sentences that refer back, boilerplate, an "about"
    /// section, furniture, and plain sentences.
    const UNITS: [&str; 16] = [
        "الحكومة تدرس خطة الوزير الجديدة",
        "القاهرة - رويترز: قال الوزير إن الحكومة ستدرس الخطة.",
        "وأضاف أن الخطة جاهزة للتنفيذ.",
        "وتتمثل هذه المجالات في 5 مجالات رئيسية:",
        "اقرأ أيضاً:",
        "حول بيت.كوم",
        "إن بيت.كوم هو أكبر موقع للوظائف.",
        "أعلن الرئيس موعد الانتخابات المقبلة.",
        "ونفى السفير ما تردد عن الأزمة الاقتصادية.",
        "الحكومة تدرس خطة الوزير الجديدة.",
        "12",
        "زار #محمد_بن_سلمان المدينة أمس.",
        "(CNN)--",
        "مضيفا أن التنفيذ يبدأ غدا.",
        "وقال وزير الخارجية إن الاجتماع ناجح.",
        "ورحب المدير بالقرار الجديد.",
    ];

    /// What a command prints of a summary: each pick's unit, place, text, rank and score.
    fn shown(summary: &Summary) -> Vec<(usize, usize, usize, String, usize, f64)> {
        summary
            .picks
            .iter()
            .map(|p| {
                let u = summary.scored[p.index];
                let unit = &summary.split.units[u];
                (u, unit.start, unit.end, unit.text.clone(), p.rank, p.score)
            })
            .collect()
    }

    #[test]
    fn opening_units_that_all_fail_the_desk_do_not_settle_the_summary() {
        // Every body unit but the last repeats the title: within the opening units only the desk's last resort
        // would pick one, while the whole story has a sentence that passes.
        let repeat = "الحكومة تدرس خطة الوزير الجديدة.";
        let text = format!("{repeat} {repeat} {repeat} {repeat}\n{} {}", UNITS[1], UNITS[6]);
        let mut doc = Document::new("d", text);
        doc.title = Some("الحكومة تدرس خطة الوزير الجديدة".to_owned());
        let repairer = Repairer::new();
        let analyzer = Analyzer::new(khulasa_stem::Algorithm::Light, true);
        let options = SummaryOptions {
            analyzer: &analyzer,
            scorer: &khulasa_score::LeadAnchored,
            budget: Budget::Sentences(1),
            df: None,
        };
        let whole = summarize_mmr(&repairer, &doc, &options, 1.0);
        assert_eq!(shown(&whole)[0].3, UNITS[6]);
        assert_eq!(
            shown(&summarize_as_needed(&repairer, &doc, &options, 1.0)),
            shown(&whole)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn a_summary_read_as_needed_is_the_summary_of_the_whole_story(
            units in proptest::collection::vec((0..UNITS.len(), prop::bool::ANY), 0..24),
            title in prop::option::of(0..3usize),
            budget in 1usize..6,
        ) {
            let text: String = units
                .iter()
                .map(|&(u, line_break)| format!("{}{}", UNITS[u], if line_break { "\n" } else { " " }))
                .collect();
            let mut doc = Document::new("d", text);
            doc.title = title.map(|t| ["خطة الوزير", "الحكومة تدرس خطة الوزير الجديدة", "أعلن الرئيس موعد الانتخابات"][t].to_owned());
            let repairer = Repairer::new();
            let analyzer = Analyzer::new(khulasa_stem::Algorithm::Light, true);
            for name in ["default", "lead"] {
                let scorer = khulasa_score::scorer(name).unwrap();
                let options = SummaryOptions {
                    analyzer: &analyzer,
                    scorer: scorer.as_ref(),
                    budget: Budget::Sentences(budget),
                    df: None,
                };
                let whole = summarize_mmr(&repairer, &doc, &options, 1.0);
                let lazily = summarize_as_needed(&repairer, &doc, &options, 1.0);
                prop_assert_eq!(shown(&lazily), shown(&whole), "{}", name);
                prop_assert_eq!(lazily.split.units.len(), whole.split.units.len());
                if lazily.read == whole.read {
                    prop_assert_eq!(lazily.desk, whole.desk);
                    prop_assert_eq!(&lazily.scores, &whole.scores);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn one_line_is_the_words_joined_by_single_spaces(text in "[ \\t\\n\\u{a0}\\u{2000}\\u{3000}\\u{85}a\\u{0627}\\u{0644}]{0,30}") {
            prop_assert_eq!(one_line(&text), joined(&text));
        }

        #[test]
        fn one_line_on_any_unicode(text in any::<String>()) {
            prop_assert_eq!(one_line(&text), joined(&text));
        }

        #[test]
        fn word_count_of_one_line_is_the_white_space_split(text in "[ \t\n\u{a0}a\u{0627}]{0,30}|[ a\u{0627}]{250,900}") {
            prop_assert_eq!(word_count(&one_line(&text)), text.split_whitespace().count());
        }
    }
}
