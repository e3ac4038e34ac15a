pub(crate) use crate::lexicon_tables::damage;
use crate::lexicon_tables::{self, Entry, Repair};
use rustc_hash::FxHashMap;
use std::sync::Arc;
use thiserror::Error;

// `WORDS` and `CONTEXT`: the built-in lexicon as `build.rs` reads it from the crate's `data/` (or from
// `data/ant-half-a/`, see `build.rs`), the word-frequency lexicon of `scripts/build-repair-lexicon.py` (words with
// a lam-alef, and their damaged forms, kept as `lexicon-ar.tsv.gz`) and the neighbour counts of the readings of
// ambiguous damaged forms (`lexicon-ar.context.tsv.gz`), with the pairs found by letter context
// (`letter-context.tsv.gz`), as `phf` maps compiled into the binary; their keys and
// repairs are spans of `TEXT`.
include!(concat!(env!("OUT_DIR"), "/lexicon_maps.rs"));

/// The keys and repair words of `WORDS` and the two parts of the keys of `CONTEXT`, one after the other.
static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon_text.txt"));

/// Where a string of the built-in lexicon is in [`TEXT`], its start and length in one integer (see
/// `lexicon_tables::SPAN_LEN_BITS`): no pointer for the loader to relocate at every start of a process, and a
/// quarter of a `&'static str`'s room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span(u32);

impl Span {
    /// Where the span is in [`TEXT`].
    fn range(self) -> std::ops::Range<usize> {
        let start = (self.0 >> lexicon_tables::SPAN_LEN_BITS) as usize;
        start..start + (self.0 & ((1 << lexicon_tables::SPAN_LEN_BITS) - 1)) as usize
    }

    /// The bytes the span holds (none for one outside [`TEXT`], which `build.rs` never writes).
    fn bytes(self) -> &'static [u8] {
        TEXT.as_bytes().get(self.range()).unwrap_or(&[])
    }

    /// The string the span holds ("" for one outside [`TEXT`] or off its characters' bounds, which `build.rs`
    /// never writes).
    fn text(self) -> &'static str {
        TEXT.get(self.range()).unwrap_or("")
    }
}

// How a map compares its key with the string it is asked for.
impl phf_shared::PhfBorrow<str> for Span {
    fn borrow(&self) -> &str {
        self.text()
    }
}

/// A key of `CONTEXT` in two parts, as `lexicon_tables::context_key` writes them one after the other: the reading
/// with its side and the tabs around it (`reading<TAB><<TAB>`), one of a few thousand, and the neighbour, one of
/// some twenty thousand; each part's text is in [`TEXT`] once, not once a key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContextKey {
    reading_side: Span,
    neighbour: Span,
}

// How `CONTEXT` compares its key with the one it is asked for.
impl phf::PhfEq<str> for ContextKey {
    fn phf_eq(&self, key: &str) -> bool {
        // As bytes: the parts' ends need no test against the bounds of characters.
        key.as_bytes().strip_prefix(self.reading_side.bytes()) == Some(self.neighbour.bytes())
    }
}

/// What `WORDS` holds of a form: its count as a word, and 1 + the index of its repair in `REPAIRS` (0: none). Most
/// forms have no repair: kept apart, a repair takes no room in theirs.
#[derive(Debug, Clone, Copy)]
struct Word {
    count: u32,
    repair: u32,
}

impl Word {
    /// The entry, its repair's word as a string.
    fn entry(self) -> Entry<&'static str> {
        let repair = self.repair.checked_sub(1).and_then(|index| REPAIRS.get(index as usize));
        Entry {
            count: self.count,
            repair: repair.map(|r| Repair {
                word: r.word.text(),
                count: r.count,
                best: r.best,
            }),
        }
    }
}

/// The pairs an alef-lam of a damaged form may stand for, in the order of the weights of
/// [`Lexicon::letter_context`]: alef-lam itself, then the four ligatures.
pub(crate) const LETTER_PAIRS: [&str; 5] = ["ال", "لا", "لأ", "لإ", "لآ"];

/// Why a lexicon could not be read.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// A line is not `word<TAB>count`.
    #[error("lexicon line {line}: expected `word<TAB>count`")]
    Line {
        /// 1-based line number.
        line: usize,
    },
}

/// Word counts, and damaged form -> what it may stand for, in one table (one lookup per word), and the counts of
/// the neighbours of readings. The built-in one is a pair of perfect-hash maps compiled into the binary, so a
/// process starts without building a table (their strings are spans of one text, so it relocates none either);
/// one read from text at run time is a hash map, without neighbour counts, shared by the clones of a repairer. A
/// Bloom filter of the damaged forms answers most asks for the repair of a word that is none with a cheap hash and
/// one memory access, before the map's SipHash.
#[derive(Debug, Clone)]
pub(crate) enum Lexicon {
    BuiltIn,
    Read(Arc<FxHashMap<String, Entry<String>>>),
}

/// Which side of a word its neighbour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
}

impl Lexicon {
    /// The built-in lexicon.
    pub(crate) fn built_in() -> Self {
        Lexicon::BuiltIn
    }

    /// Reads `word<TAB>count` lines.
    pub(crate) fn parse(text: &str) -> Result<Self, LexiconError> {
        let mut forms = FxHashMap::default();
        lexicon_tables::read_words(text, &mut forms).map_err(|line| LexiconError::Line { line })?;
        Ok(Lexicon::Read(Arc::new(forms)))
    }

    /// What the lexicon knows of `word`, if anything.
    fn entry(&self, word: &str) -> Option<Entry<&str>> {
        match self {
            Lexicon::BuiltIn => WORDS.get(word).map(|word| word.entry()),
            Lexicon::Read(forms) => forms.get(word).map(Entry::borrowed),
        }
    }

    /// How often `neighbour` (folded and damaged) was seen on `side` of `reading_folded`; `key` is room to write
    /// the key in.
    pub(crate) fn context(&self, reading_folded: &str, side: Side, neighbour: &str, key: &mut String) -> u32 {
        match self {
            Lexicon::BuiltIn => {
                lexicon_tables::context_key(reading_folded, side == Side::Before, neighbour, key);
                // Most neighbours were never seen next to the reading: the filter answers for them before the
                // map's SipHash.
                if !passes(&CONTEXT_FILTER, key.as_str()) {
                    return 0;
                }
                CONTEXT.get(key.as_str()).copied().unwrap_or(0)
            }
            Lexicon::Read(_) => 0,
        }
    }

    /// How often the folded reading `reading_folded` was seen among the words whose neighbours are counted (0 when
    /// the table does not say): the row with an empty neighbour; `key` is room to write the key in.
    pub(crate) fn reading_count(&self, reading_folded: &str, key: &mut String) -> u32 {
        self.context(reading_folded, Side::Before, "", key)
    }

    /// How often `word` was seen in clean text (0 when unknown).
    pub(crate) fn count(&self, word: &str) -> u32 {
        // Most words counted are no word (the typo neighbours of a damaged word, a damaged word itself): a filter
        // answers for them before the map's SipHash. Repair of the damaged EASC articles: 29.1 -> 27.7 M instructions.
        if matches!(self, Lexicon::BuiltIn) && !passes(&COUNTED_FILTER, word) {
            return 0;
        }
        self.entry(word).map_or(0, |entry| entry.count)
    }

    /// [`Lexicon::count`] of the word spelled by `bytes` (0 when they are no UTF-8): the filter is asked before the
    /// bytes are checked, so that a caller writing variants of a word in place makes a string of few of them.
    pub(crate) fn count_utf8(&self, bytes: &[u8]) -> u32 {
        if matches!(self, Lexicon::BuiltIn) && !passes(&COUNTED_FILTER, bytes) {
            return 0;
        }
        std::str::from_utf8(bytes).map_or(0, |word| self.count(word))
    }

    /// Whether `word` may be a damaged form with a repair: false means [`Lexicon::repair`] is `None` (true may
    /// still find none).
    pub(crate) fn may_repair(&self, word: &str) -> bool {
        match self {
            // Most words weighed are no damaged form: `khulasa normalize` of 3,000 ANT stories 422M -> 383M instr.
            Lexicon::BuiltIn => passes(&DAMAGED_FILTER, word),
            Lexicon::Read(_) => true,
        }
    }

    /// Whether any of the four alefs followed by `rest` may be a form of the lexicon: false means
    /// [`Lexicon::lookup`] finds none of them (true may still find none).
    pub(crate) fn may_be_stem(&self, rest: &str) -> bool {
        match self {
            Lexicon::BuiltIn => {
                // Most words after the article are no stem after a joined lam: one test, and no form written, for
                // all four alefs (repair of the 80 damaged EASC articles: 58.7M -> 48.0M instructions).
                passes(&STEM_FILTER, rest)
            }
            Lexicon::Read(_) => true,
        }
    }

    /// Whether `stem`, standing after the article in the damaged form of a word, is a word of its own (`سيما` of
    /// `السيما`): the form may then be the article and that word. One read from text does not say, and answers
    /// yes.
    pub(crate) fn may_follow_article(&self, stem: &str) -> bool {
        match self {
            Lexicon::BuiltIn => ARTICLE_STEMS.contains(stem),
            Lexicon::Read(_) => true,
        }
    }

    /// The weights of the pairs ([`LETTER_PAIRS`]) that words of the lexicon's text hold where their damaged form
    /// holds alef-lam between the letters `key` names (`left<TAB>right`, folded, `^` and `$` for the word's ends),
    /// if the text had enough such words. One read from text has none.
    pub(crate) fn letter_context(&self, key: &str) -> Option<[u32; 5]> {
        match self {
            Lexicon::BuiltIn => LETTERS.get(key).copied(),
            Lexicon::Read(_) => None,
        }
    }

    /// The clean words that `damaged` may be the damaged form of.
    pub(crate) fn repair(&self, damaged: &str) -> Option<Repair<&str>> {
        if !self.may_repair(damaged) {
            return None;
        }
        self.entry(damaged)?.repair
    }

    /// Both at once: the count of `word` as a word, and what it may be the damaged form of.
    pub(crate) fn lookup(&self, word: &str) -> (u32, Option<Repair<&str>>) {
        self.entry(word).map_or((0, None), |entry| (entry.count, entry.repair))
    }
}

/// Whether `form` may be one of the forms `filter` was made of (see `lexicon_tables::filter_bits`): false means
/// it is not.
fn passes(filter: &[u64], form: impl AsRef<[u8]>) -> bool {
    let (index, bits) = lexicon_tables::filter_bits(form);
    filter.get(index).is_some_and(|&word| word & bits == bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const WORDS_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.tsv"));
    const CONTEXT_TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-ar.context.tsv"));

    /// The tables read as text into hash maps: what every lookup in the compiled maps must answer.
    fn reference() -> (HashMap<String, Entry<String>>, HashMap<String, u32>) {
        let mut entries = HashMap::new();
        lexicon_tables::read_words(WORDS_TABLE, &mut entries).unwrap();
        let mut counts = HashMap::new();
        lexicon_tables::read_context(CONTEXT_TABLE, |key, count| {
            *counts.entry(key.to_owned()).or_default() += count
        })
        .unwrap();
        (entries, counts)
    }

    #[test]
    fn the_built_in_maps_answer_as_the_tables_read_as_text() {
        let (entries, counts) = reference();
        assert!(entries.len() > 20_000 && counts.len() > 20_000);
        assert_eq!(WORDS.len(), entries.len());
        assert_eq!(
            REPAIRS.len(),
            entries.values().filter(|entry| entry.repair.is_some()).count()
        );
        assert_eq!(CONTEXT.len(), counts.len());
        let lexicon = Lexicon::built_in();
        for (key, entry) in &entries {
            let entry = entry.borrowed();
            assert_eq!(lexicon.lookup(key), (entry.count, entry.repair), "{key}");
            assert_eq!(lexicon.count(key), entry.count, "{key}");
            assert_eq!(lexicon.repair(key), entry.repair, "{key}");
        }
        let mut room = String::new();
        for (key, &count) in &counts {
            let mut fields = key.split('\t');
            let (Some(reading), Some(side), Some(neighbour)) = (fields.next(), fields.next(), fields.next()) else {
                panic!("{key}");
            };
            let side = if side == "<" { Side::Before } else { Side::After };
            assert_eq!(lexicon.context(reading, side, neighbour, &mut room), count, "{key}");
        }
        // Words and neighbours that are not in the tables.
        let mut absent = 0;
        for (key, _) in entries.iter().take(5_000) {
            let other = format!("{key}ب");
            if !entries.contains_key(other.as_str()) {
                absent += 1;
                assert_eq!(lexicon.lookup(&other), (0, None), "{other}");
                assert_eq!(lexicon.context(key, Side::After, &other, &mut room), 0);
            }
        }
        assert!(absent > 1_000);
    }

    #[test]
    fn the_filter_lets_few_words_through_that_are_no_damaged_form() {
        let (entries, _) = reference();
        let lexicon = Lexicon::built_in();
        let passing = entries
            .iter()
            .filter(|(word, entry)| entry.repair.is_none() && lexicon.may_repair(word))
            .count();
        assert!(passing * 100 < entries.len(), "{passing} of {} pass", entries.len());
        // The filter passes every damaged form with a repair (else `repair` above would have missed it).
        assert!(entries
            .iter()
            .filter(|(_, entry)| entry.repair.is_some())
            .all(|(word, _)| lexicon.may_repair(word)));
        // The filter of words seen passes every one of them, and few forms that are none.
        assert!(entries
            .iter()
            .filter(|(_, entry)| entry.count > 0)
            .all(|(word, _)| passes(&COUNTED_FILTER, word)));
        // The filter of neighbour counts passes every key of them.
        let (_, counts) = reference();
        assert!(counts.keys().all(|key| passes(&CONTEXT_FILTER, key)));
        let unseen: Vec<String> = entries.keys().map(|word| format!("{word}ب")).collect();
        let unseen_passing = unseen
            .iter()
            .filter(|form| !entries.contains_key(form.as_str()) && passes(&COUNTED_FILTER, form))
            .count();
        assert!(
            unseen_passing * 10 < unseen.len(),
            "{unseen_passing} of {} pass",
            unseen.len()
        );
    }

    #[test]
    fn a_parsed_lexicon_answers_as_the_built_in_one_made_from_the_same_lines() {
        let parsed = Lexicon::parse(WORDS_TABLE).unwrap();
        let built_in = Lexicon::built_in();
        for word in ["خلال", "خالل", "عالقة", "الاجتماع", "االجتماع", "كلمة لا توجد"]
        {
            assert_eq!(parsed.lookup(word), built_in.lookup(word), "{word}");
        }
        let mut room = String::new();
        // No neighbour counts in a word list.
        assert_eq!(parsed.context("ثلاث", Side::After, "سنوات", &mut room), 0);
        assert!(built_in.context("ثلاث", Side::After, "سنوات", &mut room) > 0);
    }

    /// A table of the crate's `data/` folder, unpacked.
    fn data_table(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path);
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        text
    }

    #[test]
    fn the_half_a_tables_count_a_part_of_what_the_shipped_ones_count() {
        // Both pairs are written by one run of `scripts/build-repair-lexicon.py`, the half-A days being part of all
        // of ANT: a pair rebuilt alone, or from other text, shows as a count the whole does not reach.
        let counts = |table: &str| -> HashMap<String, u32> {
            data_table(table)
                .lines()
                .map(|line| {
                    let (key, count) = line.rsplit_once('\t').unwrap();
                    (key.to_owned(), count.parse().unwrap())
                })
                .collect()
        };
        for table in ["lexicon-ar.tsv.gz", "lexicon-ar.context.tsv.gz"] {
            let all = counts(table);
            let half = counts(&format!("ant-half-a/{table}"));
            assert!(half.len() > 20_000 && all.len() > half.len(), "{table}");
            for (key, count) in &half {
                assert!(all.get(key).is_some_and(|all| all >= count), "{table}: {key}");
            }
            let more: u64 = all.values().map(|&n| u64::from(n)).sum();
            assert!(
                more > 3 * half.values().map(|&n| u64::from(n)).sum::<u64>() / 2,
                "{table}"
            );
        }
    }

    #[test]
    fn the_letter_contexts_are_the_table_s_and_the_half_a_ones_weigh_less() {
        let rows = |table: &str| -> HashMap<String, Vec<u32>> {
            data_table(table)
                .lines()
                .map(|line| {
                    let mut fields = line.splitn(3, '\t');
                    let key = format!("{}\t{}", fields.next().unwrap(), fields.next().unwrap());
                    let weights = fields.next().unwrap().split('\t').map(|w| w.parse().unwrap()).collect();
                    (key, weights)
                })
                .collect()
        };
        let all = rows("letter-context.tsv.gz");
        let lexicon = Lexicon::built_in();
        assert!(all.len() > 20_000);
        for (key, weights) in &all {
            assert_eq!(
                lexicon.letter_context(key).map(Vec::from).as_ref(),
                Some(weights),
                "{key}"
            );
        }
        assert_eq!(lexicon.letter_context("\tnone"), None);
        // Each word weighs less counted on fewer days, and no context holds a word the whole does not.
        let half = rows("ant-half-a/letter-context.tsv.gz");
        assert!(half.len() > 15_000 && half.len() < all.len());
        for (key, weights) in &half {
            let whole = all.get(key).unwrap_or_else(|| panic!("{key}"));
            assert!(weights.iter().zip(whole).all(|(half, all)| half <= all), "{key}");
        }
    }

    #[test]
    fn the_article_stems_are_the_table_s_and_the_half_a_ones_a_part_of_them() {
        let stems = data_table("article-stems.txt.gz");
        let lexicon = Lexicon::built_in();
        assert!(stems.lines().count() > 500);
        assert!(stems.lines().all(|stem| lexicon.may_follow_article(stem)));
        assert!(!lexicon.may_follow_article("ستخدام") && !lexicon.may_follow_article(""));
        // Counted on fewer days, the half-A stems are seen as often on all of them.
        let half = data_table("ant-half-a/article-stems.txt.gz");
        assert!(half.lines().count() > 200 && half.lines().all(|stem| stems.lines().any(|s| s == stem)));
    }

    proptest::proptest! {
        #[test]
        fn damage_writes_each_ligature_as_alef_lam_and_keeps_the_rest(word in "[لاأإآبٱ\u{064E}a]{0,16}") {
            // Character by character, as the rule of `scripts/eval-repair.py` reads.
            let mut expected = String::new();
            let mut chars = word.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek()) {
                    ('ل', Some(&next)) if lexicon_tables::is_ligature_alef(next) => {
                        chars.next();
                        expected.push_str("ال");
                    }
                    _ => expected.push(c),
                }
            }
            let mut out = String::from("left over");
            damage(&word, &mut out);
            proptest::prop_assert_eq!(out, expected);
        }
    }

    #[test]
    fn damage_reverses_every_ligature() {
        let mut out = String::new();
        damage("لإعلان", &mut out);
        assert_eq!(out, "العالن");
        damage("للأوركسترا", &mut out);
        assert_eq!(out, "لالوركسترا");
    }

    #[test]
    fn built_in_lexicon_knows_common_repairs() {
        let lexicon = Lexicon::built_in();
        let r = lexicon.repair("خالل").unwrap();
        assert_eq!(r.word, "خلال");
        assert!(r.count > 1000 * lexicon.count("خالل").max(1));
        assert!(lexicon.count("عالقة") > 0, "a real word that looks damaged");
        // A reading's neighbours are counted folded, as is its count in the context table: `القى` folds with `ألقى`.
        let mut key = String::new();
        assert!(f64::from(lexicon.reading_count("القي", &mut key)) > 100.0 * f64::from(lexicon.count("القى")));
        assert_eq!(lexicon.reading_count("كلمة لا توجد", &mut key), 0);
        // "ثلاث سنوات" (three years) is common, "ثالث سنوات" is not.
        let mut room = String::new();
        assert!(
            lexicon.context("ثلاث", Side::After, "سنوات", &mut room)
                > 10 * lexicon.context("ثالث", Side::After, "سنوات", &mut room)
        );
    }

    #[test]
    fn the_commonest_word_is_the_repair_of_a_damaged_form_and_counts_add_up() {
        let lexicon = Lexicon::parse("لان\t2\nلأن\t5\nلإن\t5\nلان\t1\n").unwrap();
        assert_eq!(lexicon.count("لان"), 3);
        assert_eq!(
            lexicon.repair("الن"),
            Some(Repair {
                word: "لأن",
                count: 13,
                best: 5
            })
        );
        assert_eq!(lexicon.lookup("الن").0, 0);
    }

    #[test]
    fn a_malformed_line_is_refused_with_its_number() {
        assert!(matches!(
            Lexicon::parse("خلال\t5\t7"),
            Err(LexiconError::Line { line: 1 })
        ));
        assert!(matches!(
            Lexicon::parse("خلال\t5\nخلال"),
            Err(LexiconError::Line { line: 2 })
        ));
        assert!(matches!(
            Lexicon::parse("خلال\t5\n\nخلال\tخمسة"),
            Err(LexiconError::Line { line: 3 })
        ));
    }

    #[test]
    fn context_lines_need_a_side_and_a_count() {
        let mut seen = Vec::new();
        let add = |key: &str, count| seen.push((key.to_owned(), count));
        assert_eq!(lexicon_tables::read_context("ثلاث\t>\tسنوات\t4\n", add), Ok(()));
        assert_eq!(seen, [("ثلاث\t>\tسنوات".to_owned(), 4)]);
        assert_eq!(
            lexicon_tables::read_context("a\t>\tb\t4\na\t=\tb\t4", |_, _| ()),
            Err(2)
        );
        assert_eq!(lexicon_tables::read_context("a\t>\tb", |_, _| ()), Err(1));
        assert_eq!(lexicon_tables::read_context("a\t>\tb\tc\t4", |_, _| ()), Err(1));
    }
}
