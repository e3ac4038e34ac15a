//! The first pass's work kept for the second: each document repaired, split and reduced to terms, written as a
//! compact record, so that the pass that writes output after the batch's document frequencies are counted
//! neither reads, decompresses and parses the input again nor repairs, splits and analyses it again.
//!
//! Records stay in memory up to a limit ([`MEMORY_LIMIT`]: a day's wire or a few thousand stories), and beyond
//! it go to an unnamed temporary file (in `TMPDIR`, deleted when closed), so memory does not grow with the
//! number of stories: [`khulasa_batch::spool`] keeps them. The job of the first pass writes an [`Encoded`] document with its distinct terms as text;
//! what the spool keeps ([`Record`]) has them as ids of the batch's vocabulary instead, given while the batch's
//! document frequencies are counted, so the second pass looks up no term: its IDF is a vector indexed by id. A
//! record is read back as borrowed slices ([`View`]): the second pass allocates only the term ids of each
//! sentence. Records are serde structures written with postcard.

use crate::batch::Item;
use crate::input::Document;
use crate::pipeline::{self, Prepared};
use khulasa_score::{Role, SentenceFeatures, Standing};
use khulasa_split::Kind;
use serde::{Deserialize, Serialize};

/// One document's work as the first pass's job writes it: the record but its terms' ids, serialised, and its distinct
/// terms as text.
#[derive(Debug, Clone)]
pub struct Encoded {
    body: Vec<u8>,
    names: pipeline::TermNames,
}

/// One document's record, as the spool keeps it and the second pass reads it: its units and sentences, then its distinct
/// terms as ids of the batch's vocabulary.
#[derive(Debug, Clone)]
pub struct Record {
    bytes: Vec<u8>,
}

impl Item for Record {
    fn origin(&self) -> &str {
        postcard::take_from_bytes::<&str>(&self.bytes).map_or("", |(origin, _)| origin)
    }
}

impl khulasa_batch::spool::Spooled for Record {
    fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    fn held(&self) -> usize {
        // What the record holds in memory, the room its terms' text left included.
        self.bytes.capacity()
    }
    fn from_bytes(bytes: Vec<u8>) -> Record {
        Record { bytes }
    }
}

/// What a record holds but the batch's ids of its terms, its texts borrowed from the record's bytes when read.
/// `origin` comes first, so that a record names its document without being read whole.
#[derive(Debug, Serialize, Deserialize)]
struct Body<'a> {
    origin: &'a str,
    id: &'a str,
    encoding: &'a str,
    title: &'a str,
    source: &'a str,
    date: &'a str,
    #[serde(borrow)]
    units: Vec<UnitRecord<'a>>,
    sentences: Vec<SentenceRecord<'a>>,
    changes: Vec<ChangeRecord<'a>>,
}

/// A repair made to the document, as `--changes` lists it.
#[derive(Debug, Serialize, Deserialize)]
struct ChangeRecord<'a> {
    start: usize,
    end: usize,
    before: &'a str,
    after: &'a str,
    rule: &'a str,
    evidence: std::borrow::Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct UnitRecord<'a> {
    start: usize,
    end: usize,
    kind: u8,
    /// UTF-8, checked when read back with SIMD (simdutf8): as `&str`, serde would check it with the standard
    /// library's scalar loop, 4% of the whole run's instructions (callgrind, 3,000 ANT stories).
    #[serde(serialize_with = "as_bytes")]
    text: &'a [u8],
}

fn as_bytes<S: serde::Serializer>(bytes: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

#[derive(Debug, Serialize, Deserialize)]
struct SentenceRecord<'a> {
    /// Its index among the units.
    unit: usize,
    words: usize,
    /// Its role and what the desk found it asks ([`role_code`]).
    role: u8,
    /// Borrowed from the prepared document when written, read back as owned ids.
    terms: std::borrow::Cow<'a, [u32]>,
}

/// A sentence of a document read back from its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitView<'a> {
    /// Byte offset in the document as read.
    pub start: usize,
    /// Byte offset just past the sentence in the document as read.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Its repaired text on one line.
    pub text: &'a str,
}

/// A document read back from its record: what [`Prepared`] held, the texts borrowed from the record.
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a> {
    /// The document's origin (for error messages).
    pub origin: &'a str,
    /// Its id.
    pub id: &'a str,
    /// The name of the encoding it was read in.
    pub encoding: &'a str,
    /// Its title, outlet and day (`YYYY-MM-DD`) as the feed gave them; empty when it gave none.
    pub title: &'a str,
    /// See [`View::title`].
    pub source: &'a str,
    /// See [`View::title`].
    pub date: &'a str,
    /// Its distinct terms (indexed by the sentences' term ids), as ids of the batch's vocabulary.
    pub terms: Vec<u32>,
    /// All its units, furniture included.
    pub units: Vec<UnitView<'a>>,
    /// For each scored sentence, its index in `units`.
    pub scored: Vec<usize>,
    /// The scored sentences' terms.
    pub sentences: Vec<SentenceFeatures>,
    /// What each scored sentence asks of a summary, as the desk found it.
    pub standing: Vec<Standing>,
    /// What the repair changed in it, offsets in the document as read.
    pub changes: Vec<khulasa_export::SourceChange>,
}

impl View<'_> {
    /// The IDF of each of the document's terms: from `idf` (indexed by vocabulary id) when given, else counting
    /// the document's own sentences as documents.
    pub fn idf(&self, idf: Option<&[f64]>) -> Vec<f64> {
        match idf {
            Some(idf) => self
                .terms
                .iter()
                .map(|&t| idf.get(t as usize).copied().unwrap_or(1.0))
                .collect(),
            None => pipeline::sentence_idf(self.terms.len(), &self.sentences),
        }
    }

    /// Scores and selects the document, as [`pipeline::summarize_prepared`] does for the [`Prepared`] the record
    /// was written from, with `idf` as [`View::idf`] takes it (the texts are copied into the summary's units).
    pub fn summarize(self, idf: Option<&[f64]>, options: &pipeline::SummaryOptions, lambda: f64) -> pipeline::Summary {
        let doc = khulasa_score::Document {
            idf: self.idf(idf),
            sentences: self.sentences,
        };
        let (scores, picks) = pipeline::score_and_select(&doc, &self.standing, options, lambda);
        let units = self
            .units
            .iter()
            .map(|u| pipeline::Unit {
                start: u.start,
                end: u.end,
                kind: u.kind,
                text: u.text.to_owned(),
                standing: Standing::default(),
            })
            .collect::<Vec<_>>();
        pipeline::Summary {
            read: units.len(),
            split: pipeline::Split { units },
            scored: self.scored,
            picks,
            scores,
            // Counted by the pass that made the record.
            desk: khulasa_desk::Tally::default(),
        }
    }
}

/// Writes a document's record but the batch's ids of its terms, which [`Encoded::into_record`] appends.
///
/// ```
/// let repairer = khulasa_normalize::Repairer::new();
/// let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
/// let doc = khulasa::input::Document::new("d", "قال الوزير إن الخطة جاهزة.");
/// let prepared = khulasa::pipeline::prepare(&repairer, &doc, &analyzer);
/// let encoded = khulasa::spool::encode(&doc, &prepared);
/// assert_eq!(encoded.names(), prepared.terms.names.iter().collect::<Vec<_>>());
/// // The batch's vocabulary gives each term an id (here 100, 101...).
/// let ids: Vec<u32> = (100..).take(prepared.terms.names.len()).collect();
/// let record = encoded.into_record(&ids).unwrap();
/// let view = khulasa::spool::decode(&record).unwrap();
/// assert_eq!((view.id, view.units[0].text), ("d", "قال الوزير إن الخطة جاهزة."));
/// assert_eq!(view.terms, ids);
/// ```
pub fn encode(doc: &Document, prepared: &Prepared) -> Encoded {
    let terms = &prepared.terms;
    let date = doc.day.map(|d| d.to_string()).unwrap_or_default();
    let standing = terms
        .standing
        .iter()
        .copied()
        .chain(std::iter::repeat(Standing::default()));
    let body = Body {
        origin: &doc.origin,
        id: &doc.id,
        encoding: doc.encoding.name(),
        title: doc.title.as_deref().unwrap_or(""),
        source: doc.source.as_deref().unwrap_or(""),
        date: &date,
        units: prepared
            .split
            .units
            .iter()
            .map(|u| UnitRecord {
                start: u.start,
                end: u.end,
                kind: kind_code(u.kind),
                text: u.text.as_bytes(),
            })
            .collect(),
        sentences: terms
            .sentences
            .iter()
            .zip(&terms.scored)
            .zip(standing)
            .map(|((s, &unit), standing)| SentenceRecord {
                unit,
                words: s.words,
                role: role_code(s.role, standing),
                terms: std::borrow::Cow::Borrowed(&s.terms),
            })
            .collect(),
        changes: prepared
            .changes
            .iter()
            .map(|c| ChangeRecord {
                start: c.original.start,
                end: c.original.end,
                before: &c.before,
                after: &c.after,
                rule: c.rule.as_str(),
                evidence: std::borrow::Cow::Owned(c.evidence.to_string()),
            })
            .collect(),
    };
    // Sized before it is written, with room for the ids (up to five bytes each): a vector grown by doubling would
    // hold up to twice a long story's text at its peak (a 50 MB story: 354 MB peak instead of 264).
    let size = postcard::experimental::serialized_size(&body).unwrap_or(0) + 5 * (terms.names.len() + 1);
    Encoded {
        // Writing to a vector fails only when memory runs out, which aborts anyway.
        body: postcard::to_extend(&body, Vec::with_capacity(size)).unwrap_or_default(),
        names: terms.names.clone(),
    }
}

impl Encoded {
    /// The document's distinct terms (what the first pass counts), in order of term id.
    pub fn names(&self) -> Vec<&str> {
        self.names.iter().collect()
    }

    /// The record the spool keeps: the document with its distinct terms given as `ids` (one for each of
    /// [`Encoded::names`], in order). `None` when `ids` does not match.
    pub fn into_record(self, ids: &[u32]) -> Option<Record> {
        if ids.len() != self.names.len() {
            return None;
        }
        let bytes = postcard::to_extend(ids, self.body).ok()?;
        Some(Record { bytes })
    }
}

/// Reads a record back; `None` when it is not one [`Encoded::into_record`] made.
pub fn decode(record: &Record) -> Option<View<'_>> {
    let (body, rest) = postcard::take_from_bytes::<Body>(&record.bytes).ok()?;
    let terms: Vec<u32> = postcard::from_bytes(rest).ok()?;
    let units = body
        .units
        .into_iter()
        .map(|u| {
            Some(UnitView {
                start: u.start,
                end: u.end,
                kind: kind_of(u.kind)?,
                text: simdutf8::basic::from_utf8(u.text).ok()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let count = body.sentences.len();
    let (mut scored, mut sentences, mut standing) = (
        Vec::with_capacity(count),
        Vec::with_capacity(count),
        Vec::with_capacity(count),
    );
    for s in body.sentences {
        let (role, stands) = role_of(s.role)?;
        scored.push(s.unit);
        standing.push(stands);
        sentences.push(SentenceFeatures {
            terms: s.terms.into_owned(),
            words: s.words,
            role,
        });
    }
    Some(View {
        origin: body.origin,
        id: body.id,
        encoding: body.encoding,
        title: body.title,
        source: body.source,
        date: body.date,
        terms,
        units,
        scored,
        sentences,
        standing,
        changes: body
            .changes
            .into_iter()
            .map(|c| khulasa_export::SourceChange {
                start: c.start,
                end: c.end,
                before: c.before.to_owned(),
                after: c.after.to_owned(),
                rule: c.rule.to_owned(),
                evidence: c.evidence.into_owned(),
            })
            .collect(),
    })
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Furniture => 0,
        Kind::Headline => 1,
        Kind::Subheadline => 2,
        Kind::Body => 3,
    }
}

fn kind_of(code: u8) -> Option<Kind> {
    Some(match code {
        0 => Kind::Furniture,
        1 => Kind::Headline,
        2 => Kind::Subheadline,
        3 => Kind::Body,
        _ => return None,
    })
}

/// A sentence's role in the low bits, what the desk found it asks in bits 4 and 5.
fn role_code(role: Role, standing: Standing) -> u8 {
    let role = match role {
        Role::Headline => 1,
        Role::Subheadline => 2,
        Role::Body => 3,
    };
    role | u8::from(standing.lead_in) << 4 | u8::from(standing.refers_back) << 5
}

fn role_of(code: u8) -> Option<(Role, Standing)> {
    let role = match code & 0x0F {
        1 => Role::Headline,
        2 => Role::Subheadline,
        3 => Role::Body,
        _ => return None,
    };
    if code & !0x3F != 0 {
        return None;
    }
    let standing = Standing {
        lead_in: code & 0x10 != 0,
        refers_back: code & 0x20 != 0,
    };
    Some((role, standing))
}

/// Runs the pass after the one that filled `kept`: `job` on each document read back (in parallel, as
/// [`crate::batch::run`] runs it), `sink` on the outputs in input order. A failure to read the temporary file
/// back ends the pass with that error.
pub fn second_pass<T: Send>(
    kept: Spool,
    job: impl Fn(View<'_>) -> Result<T, String> + Sync,
    sink: impl FnMut(&Record, T) -> std::io::Result<()> + Send,
    progress: crate::batch::Progress,
) -> std::io::Result<crate::batch::Tally> {
    let (records, read_error) = kept.into_records()?;
    let tally = crate::batch::run(
        records,
        |record, _| job(decode(record).ok_or("the first pass's record of it could not be read back")?),
        sink,
        progress,
    )?;
    match read_error.take() {
        Some(e) => Err(std::io::Error::new(
            e.kind(),
            format!("reading back the first pass: {e}"),
        )),
        None => Ok(tally),
    }
}

/// Keeps the record of `encoded` in `spool`, its distinct terms replaced by the ids `assign` writes into `ids` (one
/// for each term, in order), as [`Encoded::into_record`] makes it.
pub fn keep(
    spool: &mut Spool,
    encoded: Encoded,
    ids: &mut Vec<u32>,
    assign: impl FnOnce(&[&str], &mut Vec<u32>),
) -> std::io::Result<()> {
    ids.clear();
    assign(&encoded.names(), ids);
    let record = encoded
        .into_record(ids)
        .ok_or_else(|| std::io::Error::other("a document's work could not be kept"))?;
    spool.push(record)
}

/// The first pass's records, in memory up to a limit and in a temporary file beyond it.
pub type Spool = khulasa_batch::spool::Spool<Record>;

pub use khulasa_batch::spool::{memory_limit, MEMORY_LIMIT};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prepared(text: &str) -> (Document, Prepared) {
        static REPAIRER: std::sync::OnceLock<khulasa_normalize::Repairer> = std::sync::OnceLock::new();
        let repairer = REPAIRER.get_or_init(khulasa_normalize::Repairer::new);
        let analyzer = khulasa_stem::Analyzer::new(khulasa_stem::Algorithm::Light, true);
        let doc = Document::new("story-1", text);
        let prepared = pipeline::prepare(repairer, &doc, &analyzer);
        (doc, prepared)
    }

    /// The record of a prepared document, its terms given ids from 7 on.
    fn record(doc: &Document, prepared: &Prepared) -> Record {
        let ids: Vec<u32> = (7..).take(prepared.terms.names.len()).collect();
        encode(doc, prepared).into_record(&ids).unwrap()
    }

    fn same(view: &View, doc: &Document, prepared: &Prepared) {
        assert_eq!(
            (view.origin, view.id, view.encoding),
            (doc.origin.as_str(), doc.id.as_str(), "utf-8")
        );
        assert_eq!(view.terms, (7..).take(prepared.terms.names.len()).collect::<Vec<u32>>());
        assert_eq!(view.scored, prepared.terms.scored);
        assert_eq!(view.sentences, prepared.terms.sentences);
        let units: Vec<_> = prepared
            .split
            .units
            .iter()
            .map(|u| UnitView {
                start: u.start,
                end: u.end,
                kind: u.kind,
                text: &u.text,
            })
            .collect();
        assert_eq!(view.units, units);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let (doc, prepared) = prepared("عاجل\n\nقال الوزير إن الحكومة ستدرس الخطة. ورحب النواب بالخطة الجديدة.");
        let record = record(&doc, &prepared);
        same(&decode(&record).unwrap(), &doc, &prepared);
        assert_eq!(record.origin(), "story-1");
        assert!(
            encode(&doc, &prepared).into_record(&[1]).is_none(),
            "one id for several terms"
        );
    }

    #[test]
    fn a_story_of_more_than_65536_terms_keeps_its_term_ids_whole() {
        let (doc, mut prepared) = prepared("قال الوزير إن الحكومة ستدرس الخطة.");
        let mut names = pipeline::TermNames::default();
        for t in 0..70_000 {
            names.push(&format!("t{t}"));
        }
        prepared.terms.names = names;
        if let Some(sentence) = prepared.terms.sentences.first_mut() {
            sentence.terms = vec![69_999, 65_536, 3, 65_535];
        }
        let record = record(&doc, &prepared);
        same(&decode(&record).unwrap(), &doc, &prepared);
    }

    #[test]
    fn a_damaged_record_is_refused_not_misread() {
        let (doc, prepared) = prepared("قال الوزير إن الحكومة ستدرس الخطة.");
        let record = record(&doc, &prepared);
        for cut in 0..record.bytes.len() {
            let short = Record {
                bytes: record.bytes[..cut].to_vec(),
            };
            assert!(decode(&short).is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn records_come_back_in_order_from_memory_and_from_the_file() {
        let texts = [
            "قال الوزير.",
            "ورحب النواب بالخطة الجديدة.",
            "عاد الهدوء إلى المدينة بعد أيام.",
        ];
        for limit in [usize::MAX, 0, 40] {
            let mut spool = Spool::new(limit);
            let mut written = Vec::new();
            for (i, text) in texts.iter().cycle().take(50).enumerate() {
                let (mut doc, prepared) = prepared(text);
                doc.origin = format!("feed.jsonl:{i}");
                if i % 2 == 0 {
                    spool.push(record(&doc, &prepared)).unwrap();
                } else {
                    let encoded = encode(&doc, &prepared);
                    keep(&mut spool, encoded, &mut Vec::new(), |names, ids| {
                        ids.extend((7..).take(names.len()))
                    })
                    .unwrap();
                }
                written.push((doc, prepared));
            }
            assert_eq!(spool.len(), 50);
            let (records, error) = spool.into_records().unwrap();
            let read: Vec<Record> = records.map(Result::unwrap).collect();
            assert!(error.take().is_none());
            assert_eq!(read.len(), written.len(), "limit {limit}");
            for (record, (doc, prepared)) in read.iter().zip(&written) {
                same(&decode(record).unwrap(), doc, prepared);
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in "[\\u{0600}-\\u{06FF} .،\\n a-z0-9]{0,200}") {
            let (doc, prepared) = prepared(&text);
            let encoded = encode(&doc, &prepared);
            prop_assert_eq!(encoded.names(), prepared.terms.names.iter().collect::<Vec<_>>());
            same(&decode(&record(&doc, &prepared)).unwrap(), &doc, &prepared);
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let record = Record { bytes };
            let _ = decode(&record);
            let _ = record.origin();
        }
    }
}
