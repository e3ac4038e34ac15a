use crate::changes::{self, Change, Grounds, Rule};
use crate::evidence::{find_lam, is_intact_at, is_mark, word_around, Evidence};
use crate::lexicon::{damage, Lexicon, LexiconError, Side, LETTER_PAIRS};
use crate::offsets::{MapBuilder, OffsetMap};
use crate::scan;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

/// A repaired text and the map back to the text as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text: what a translator sees.
    pub text: String,
    /// Offsets of `text` mapped to offsets of the original.
    pub map: OffsetMap,
    /// Every change a reader can see, in order, none overlapping another (see [`Change`]).
    pub changes: Vec<Change>,
}

/// Repairs extraction damage while keeping the writer's own spelling.
///
/// What it repairs: presentation forms (U+FB50–FDEF, U+FE70–FEFC) become letters (word ligatures such as `ﷺ`
/// are kept); bidi controls, zero-width characters, the Arabic letter mark and byte order marks are removed; runs
/// of spaces (any Unicode space, tab) become one space, spaces at the start and end of a line are removed (so a
/// line of spaces becomes empty), and carriage returns are removed; brackets mirrored by visual-order extraction (`)داعش(`) are put right; lam-alef
/// ligatures that came out reversed (`خالل`) are restored (`خلال`), weighing a word-frequency lexicon, the
/// evidence of the story (see [`Evidence`]) and the word's own form. Everything else is kept as it is: hamzas,
/// diacritics, tatweel, punctuation, line breaks and blank lines.
///
/// Every decision looks only at a word and its neighbours on the same line, and at the [`Evidence`] passed in,
/// so repairing a piece of a text with the text's evidence gives the same result as the piece of the repaired
/// text (up to spaces at the piece's ends).
#[derive(Debug, Clone)]
pub struct Repairer {
    lexicon: Lexicon,
}

impl Default for Repairer {
    fn default() -> Self {
        Self::new()
    }
}

/// Weight of an unknown word's reading as itself: a reading needs `p * count > count(word) + (1 - p) * UNSEEN`.
const UNSEEN: f64 = 1.0;
/// How often a writer's typo changes one letter of a word, for weighing a non-word as a typo (see `accept`).
const TYPO_RATE: f64 = 0.002;
/// Letters that differ by their dots or hamza only: a typo swaps one for another of its group.
const SAME_SHAPE: &[&str] = &[
    "بتثني",
    "جحخ",
    "دذ",
    "رز",
    "سش",
    "صض",
    "طظ",
    "عغ",
    "فق",
    "هة",
    "يىئ",
    "وؤ",
    "اأإآ",
];
/// For each character of the Arabic block (U+0600..06FF), 1 + the index in `SAME_SHAPE` of the first group holding
/// it, 0 for none: the group of each letter of a word weighed as a typo is found by one index, not by a search of
/// every group (a fifth of the instructions of `accept` on damaged text).
static SAME_SHAPE_GROUP: [u8; 256] = same_shape_table();

// Evaluated when compiling: an index out of bounds, or a letter outside the block, fails the build.
#[allow(clippy::indexing_slicing)]
const fn same_shape_table() -> [u8; 256] {
    let mut table = [0; 256];
    let mut group = 0;
    while group < SAME_SHAPE.len() {
        let bytes = SAME_SHAPE[group].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Letters of the block are two bytes in UTF-8: 110xxxxx 10yyyyyy, lead D8..DB.
            assert!(bytes[i] >= 0xD8 && bytes[i] <= 0xDB);
            let code = (((bytes[i] & 0x1F) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize;
            if table[code - 0x600] == 0 {
                table[code - 0x600] = group as u8 + 1;
            }
            i += 2;
        }
        group += 1;
    }
    table
}

/// The first group of `SAME_SHAPE` holding `c`.
fn same_shape_group(c: char) -> Option<&'static str> {
    let index = (c as usize).checked_sub(0x600)?;
    let group = usize::from(*SAME_SHAPE_GROUP.get(index)?);
    SAME_SHAPE.get(group.checked_sub(1)?).copied()
}
/// Repairs seen this often or more are not weighed against typos (and the lookups are saved).
const TYPO_CHECKED_BELOW: f64 = 20.0;
/// A word the lexicon knows, with alef-lam where the definite article goes (`العادة`, `والناي`), is read as a
/// lam-alef repair there (`لإعادة`) only when the repair is this many times as frequent: the article is by far
/// the most common reading of that position, more so in other registers than the news the lexicon counts.
const ARTICLE_MARGIN: f64 = 3.0;
/// Neighbour counts under 2 are not stored: an unstored pair counts as this many occurrences...
const CONTEXT_UNSEEN: f64 = 1.0;
/// ...but as no more than this probability of the neighbour next to the reading (a rare reading's few
/// occurrences say little about what is absent next to it).
const CONTEXT_UNSEEN_MAX: f64 = 0.01;
/// Pseudo-counts of the form rules, used when the lexicon knows neither the word nor a repair of it.
/// `اال`: an article before a damaged ligature, a sequence no Arabic word holds.
const RULE_ALEF_ALEF_LAM: f64 = 200.0;
/// Function words ending in alef that writers run together with the next word.
const RUN_TOGETHER: &[&str] = &[
    "هذا",
    "إذا",
    "اذا",
    "ماذا",
    "لماذا",
    "كما",
    "لما",
    "بما",
    "مما",
    "إما",
    "أما",
    "اما",
];
/// Tanween fath on a final lam (see `Context::tanween_on_lam`): a writer leaves out the support alef far less
/// often than extraction moves it.
const RULE_TANWEEN_ON_LAM: f64 = 200.0;
/// A derived verbal noun after the article with `ال` where its pattern's alef stands (see `derived_noun_lam`).
const RULE_DERIVED_NOUN: f64 = 50.0;
/// `لال` where a word starts: a preposition before an article and a damaged ligature.
const RULE_ARTICLE_LAM_ALEF: f64 = 50.0;
/// A repair seen intact elsewhere in the story or batch counts as this many lexicon occurrences.
const STORY_WORD: f64 = 1000.0;
/// Below this damage probability, affixes are not stripped to look for a repair: a clean story needs none, and
/// the lookups cost time on every word.
const BACKOFF_MIN_P: f64 = 0.05;

/// Fewest times the repair of a form must have been seen for the form to count as a damage signature (see
/// `Repairer::add_damaged_words`)...
const DAMAGED_WORD_MIN: f64 = 5.0;
/// ...and that many times as often as the form itself was seen as a word (the lexicon's text holds some damaged
/// stories of its own: `غالف` once, `غلاف` 69 times).
const DAMAGED_WORD_RATIO: f64 = 50.0;
/// A damage probability beyond which more signatures change no decision worth the lookups (see
/// `Repairer::add_damaged_words`).
const CONCLUSIVE_DAMAGE: f64 = 0.99;
/// How much likelier its neighbours must make a form's repair than the form as written for a form that may be the
/// article and a word to be a damage signature for itself (see `Repairer::add_damaged_words`).
const OWN_SIGNATURE_CONTEXT: f64 = 3.0;

/// Fewest times a stem's repair was seen for a word built on it to be read so: a stem seen once or twice says too
/// little of a word with other affixes (a foreign name, `ساليري`, is no `سلاير` + `ي`).
const MIN_BACKOFF_SUPPORT: f64 = 5.0;

/// Shortest stem (in letters) looked up with affixes stripped: shorter ones match by chance (`الناي` is not
/// `لانا` + `ي`).
const MIN_BACKOFF_STEM: usize = 5;

/// Letters read on each side of an alef-lam by the letter model (as `scripts/build-repair-lexicon.py` counts them).
const LETTER_CONTEXT: usize = 3;
/// How much more weight a ligature must have than alef-lam among the words written with the same letters around
/// them, for the letter model to read it: chosen on ANT's half-A days (the table counted on a half of them, the
/// repair measured on the other, where 320 damaged words were unknown in both readings). Simulated at 3, 10 and 20:
/// 139, 107 and 58 of them restored, 34, 13 and 5 sound words changed; the repair at 10: 106 and 13.
const LETTER_ODDS: f64 = 10.0;
/// The weight of a reading found by its letters alone: that of a word seen once.
const LETTER_SUPPORT: f64 = 1.0;
/// The longest word the letter model reads, in letters: far longer than any word, so that a run of letters with
/// no space (a hostile input) costs no more than its length.
const MAX_LETTER_WORD: usize = 40;
/// The fewest letters a word keeps once a clitic is stripped, for that word to say the whole is a word (see
/// `known_after_prefix`).
const MIN_KNOWN_STEM: usize = 3;

/// Clitics, the future `س` and the article (`الاستدالل`: the article before a word the lexicon knows without it),
/// tried after the empty one. By first letter (see `prefixes_of`), in the order they are tried: only one letter's
/// prefixes can start a word.
const PREFIXES: &[&str] = &[
    "و", "وب", "وك", "ول", "وس", "وال", "ولل", // و
    "ف", "فب", "فل", "فك", "فس", "فال", // ف
    "ب", "بال", // ب
    "ك", "كال", // ك
    "ل", "لل", // ل
    "س",  // س
    "ال", // ا
];
/// The entries of `PREFIXES` that start with `first`.
fn prefixes_of(first: char) -> &'static [&'static str] {
    let range = match first {
        'و' => 0..7,
        'ف' => 7..13,
        'ب' => 13..15,
        'ك' => 15..17,
        'ل' => 17..19,
        'س' => 19..20,
        'ا' => 20..21,
        _ => 0..0,
    };
    PREFIXES.get(range).unwrap_or(&[])
}
/// Prefixes whose lam makes a ligature with the alef a stem starts with, as `(damaged, clean)`: the damaged form is
/// the clean one with the stem's alef written before its last lam (`ل` + `انعدام` is `لانعدام`, damaged `النعدام`;
/// the article + `استدلال`, damaged `االستدالل`). By first letter, longest first: the first that matches is the
/// one tried.
///
/// Where the damaged form reads as the article too (`والتحمل`: `و` + the article + `تحمل`, or `و` + `ل` +
/// `أتحمل`), the preposition's reading is weighed against the article's: the stem's count times
/// `PREPOSITION_SHARE` against the counts of the rest as a word, alone and after the article.
const JOINING: &[(&str, &str)] = &[
    ("اال", "ال"),
    ("ال", "ل"),
    ("لال", "لل"),
    ("واال", "وال"),
    ("ولال", "ولل"),
    ("وال", "ول"),
    ("فاال", "فال"),
    ("فلال", "فلل"),
    ("فال", "فل"),
    ("باال", "بال"),
    ("كاال", "كال"),
];
/// The entries of `JOINING` whose damaged form starts with `first`.
fn joining_of(first: char) -> &'static [(&'static str, &'static str)] {
    let range = match first {
        'ا' => 0..2,
        'ل' => 2..3,
        'و' => 3..6,
        'ف' => 6..9,
        'ب' => 9..10,
        'ك' => 10..11,
        _ => 0..0,
    };
    JOINING.get(range).unwrap_or(&[])
}
/// The share of a stem's occurrences written after the preposition `ل` (a word's verbal nouns more, its other
/// forms less: `استقبال` 47%, `إغلاق` 8%, `اعتقال` 2% of ANT's half-A days).
const PREPOSITION_SHARE: f64 = 0.05;
/// Enclitic pronouns, as `(stripped, looked up in its place)`: a feminine `ة` is written `ت` before one.
/// Inflection endings (`ات`, `ين`, `ة`, ...) are not stripped: they make another word, whose repair says
/// little about this one. The last, the alef of the accusative's tanween, is stripped only where the tanween is
/// written (`استسالماً`): a final alef without it ends many words (`ثالثا`).
const SUFFIXES: &[(&str, &str)] = &[
    ("", ""),
    ("ه", ""),
    ("ك", ""),
    ("ي", ""),
    ("ها", ""),
    ("هم", ""),
    ("هن", ""),
    ("كم", ""),
    ("نا", ""),
    ("ني", ""),
    ("هما", ""),
    ("ته", "ة"),
    ("تها", "ة"),
    ("تهم", "ة"),
    ("ا", ""),
];
// A bit each in `backoff`.
const _: () = assert!(SUFFIXES.len() <= u16::BITS as usize);

impl Repairer {
    /// A repairer with the built-in lexicon (`data/lexicon-ar.tsv.gz`, compiled into the binary).
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::new().repair("خالل االجتماع");
    /// assert_eq!(r.text, "خلال الاجتماع");
    /// ```
    pub fn new() -> Self {
        Repairer {
            lexicon: Lexicon::built_in(),
        }
    }

    /// A repairer with another lexicon: lines `word<TAB>count`, as `scripts/build-repair-lexicon.py` writes them.
    /// It has no neighbour counts and no letter contexts: where both readings are words the counts alone decide,
    /// and a word it does not know is read by its affixes and the form rules only.
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::with_lexicon("خلال\t1000\n").unwrap();
    /// assert_eq!(r.repair("خالل").text, "خلال");
    /// assert!(khulasa_normalize::Repairer::with_lexicon("no count\n").is_err());
    /// ```
    pub fn with_lexicon(tsv: &str) -> Result<Self, LexiconError> {
        Ok(Repairer {
            lexicon: Lexicon::parse(tsv)?,
        })
    }

    /// The evidence of `text` (see [`Evidence`]) as the repair sees it (presentation forms as letters, controls
    /// removed, and the words its repairs restore counted as seen intact, as [`Repairer::repair`] counts them);
    /// merge several to repair a batch with the batch's evidence.
    ///
    /// ```
    /// let repairer = khulasa_normalize::Repairer::new();
    /// assert!(repairer.evidence("االجتماع").damage_probability() > 0.4);
    /// ```
    pub fn evidence(&self, text: &str) -> Evidence {
        let cleaned = clean(text).text;
        let mut alef_lams = Vec::new();
        let mut evidence = Evidence::new();
        evidence.add_text_noting(&cleaned, &mut alef_lams);
        self.add_damaged_words(&cleaned, &alef_lams, &mut evidence);
        // Closed under the text's own repairs, as `repair` decides with it.
        match self.decide_closed(&cleaned, &evidence, &alef_lams, true) {
            (_, Some(closed)) => closed,
            (_, None) => evidence,
        }
    }

    /// Repairs a whole document, with the document as its own evidence: `repair_with(original,
    /// &self.evidence(original))`.
    ///
    /// ```
    /// let original = "قال  \u{200F}الوزير";
    /// let r = khulasa_normalize::Repairer::new().repair(original);
    /// assert_eq!(r.text, "قال الوزير");
    /// // "الوزير" starts after two spaces and a right-to-left mark (3 bytes) in the original.
    /// assert_eq!(r.map.to_original("قال ".len()), "قال  \u{200F}".len());
    /// ```
    pub fn repair(&self, original: &str) -> Repaired {
        let Cleaned {
            mut text,
            map,
            closers,
            mut changes,
        } = clean(original);
        // The evidence pass notes where the ligature pass must look: one scan of the text instead of two.
        let mut evidence = Evidence::new();
        // About one alef-lam in 34 bytes of Arabic news.
        let mut alef_lams = Vec::with_capacity(text.len() / 16);
        evidence.add_text_noting(&text, &mut alef_lams);
        self.add_damaged_words(&text, &alef_lams, &mut evidence);
        self.restore_ligatures(&mut text, &evidence, &alef_lams, &map, &mut changes);
        put_brackets_right(&mut text, &closers, &map, &mut changes);
        let changes = changes::settle(changes, original, &text);
        Repaired { text, map, changes }
    }

    /// Repairs `original` (a document or any piece of one) with the given evidence.
    ///
    /// ```
    /// use khulasa_normalize::{Evidence, Repairer};
    /// let repairer = Repairer::new();
    /// let story = "قال الوزير خالل االجتماع )داعش( إن الهجوم";
    /// let evidence = Evidence::from_text(story);
    /// let whole = repairer.repair_with(story, &evidence);
    /// assert_eq!(whole.text, "قال الوزير خلال الاجتماع (داعش) إن الهجوم");
    /// // A piece repaired alone with the story's evidence is the same piece of the repaired story.
    /// let piece = &story[..story.find(" االجتماع").unwrap()];
    /// assert_eq!(repairer.repair_with(piece, &evidence).text, "قال الوزير خلال");
    /// ```
    pub fn repair_with(&self, original: &str, evidence: &Evidence) -> Repaired {
        let Cleaned {
            mut text,
            map,
            closers,
            mut changes,
        } = clean(original);
        let alef_lams = find_alef_lams(text.as_bytes());
        self.restore_ligatures(&mut text, evidence, &alef_lams, &map, &mut changes);
        put_brackets_right(&mut text, &closers, &map, &mut changes);
        let changes = changes::settle(changes, original, &text);
        Repaired { text, map, changes }
    }

    /// Counts as damage signatures in `evidence` the words of `text` (at `alef_lams`) whose repair the lexicon saw
    /// at least `DAMAGED_WORD_MIN` times and `DAMAGED_WORD_RATIO` times as often as the word itself (`خالل`,
    /// `واحتالل`), its neighbours counted where the word is one too (`ال يزال`: `ال` alone is a fifth as common
    /// as `لا`, never seen before `يزال`): what PDF extraction makes, and found in a headline or a paragraph too
    /// short to hold an `اال` or to be judged by the absence of intact ligatures. A form that may be the article
    /// and a word (`السيما` "the cinema", `وال` "and a governor", see `may_be_article_and_word`) is evidence for the
    /// other words, and for itself only where its neighbours make the repair `OWN_SIGNATURE_CONTEXT` times
    /// likelier (`وال يزال`; `decide` sets its signatures aside for it otherwise); `الستخدام`, whose article would
    /// stand before no word, is evidence for itself too. Only in texts without intact ligatures (extraction
    /// damages every ligature of a document, so one intact ligature makes the text's own damage unlikely), and
    /// only until the evidence is conclusive: clean text pays no lookup for it, nor does a long damaged one
    /// (damaged EASC articles: +3.4 M instructions when every word was looked up, 13% of the repair).
    fn add_damaged_words(&self, text: &str, alef_lams: &[usize], evidence: &mut Evidence) {
        if evidence.intact_ligatures() > 0 {
            return;
        }
        let mut letters = String::new();
        let mut scratch = Scratch::default();
        let mut from = 0;
        for &at in alef_lams {
            if evidence.damage_probability() >= CONCLUSIVE_DAMAGE {
                return;
            }
            if at < from {
                continue;
            }
            let (start, end, marked) = word_around(text, at);
            from = end.max(at + 1);
            let Some(word) = text.get(start..end) else { continue };
            let word = letters_of(word, marked, &mut letters);
            if !self.lexicon.may_repair(word) {
                continue;
            }
            let (count, Some(repair)) = self.lexicon.lookup(word) else {
                continue;
            };
            let repair_count = f64::from(repair.count);
            let count = f64::from(count);
            if repair_count < DAMAGED_WORD_MIN {
                continue;
            }
            let article_word = self.may_be_article_and_word(word, repair.word);
            let mut ratio = 1.0;
            if count > 0.0 && (repair_count <= DAMAGED_WORD_RATIO * count || article_word) {
                let context = Context { text, start, end };
                ratio = self.context_ratio(repair.word, repair_count, word, count, &context, &mut scratch);
            }
            if repair_count * ratio > DAMAGED_WORD_RATIO * count {
                evidence.add_damaged_word(word, article_word && ratio < OWN_SIGNATURE_CONTEXT);
            }
        }
    }

    /// Whether `word`, a damaged form of `candidate`, may also be the article and a word where the damage would
    /// stand (`السيما` the cinema, `وال` a governor): the article followed by nothing (a word of its own, such as
    /// `وال`) or by a word the lexicon knows. Followed by no word (`الستخدام`, `الن`), it is damage.
    fn may_be_article_and_word(&self, word: &str, candidate: &str) -> bool {
        let Some(article) = article_position(word, candidate) else {
            return false;
        };
        match word.get(article..).and_then(|rest| rest.strip_prefix("ال")) {
            Some("") | None => true,
            Some(stem) => self.lexicon.may_follow_article(stem),
        }
    }

    /// Restores reversed lam-alef ligatures in place (every change keeps the byte length). Decisions are all
    /// taken on the text before any of them is applied, so a word's neighbours look the same to it whether or not
    /// they are repaired, and whether or not they are in the piece being repaired.
    ///
    /// `alef_lams` are the offsets of every alef-lam of `text`, in order. Each repair is noted in `noted`, with
    /// its range in the original through `map`.
    fn restore_ligatures(
        &self,
        text: &mut String,
        evidence: &Evidence,
        alef_lams: &[usize],
        map: &OffsetMap,
        noted: &mut Vec<Change>,
    ) {
        let (changes, _) = self.decide_closed(text, evidence, alef_lams, false);
        if changes.is_empty() {
            return;
        }
        noted.reserve(changes.len());
        // The text is written once, the repairs (in order, each of its word's length) between its unchanged runs.
        let mut repaired = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, rebuilt, _, why) in changes {
            repaired.push_str(text.get(copied..start).unwrap_or(""));
            repaired.push_str(&rebuilt);
            copied = start + rebuilt.len();
            noted.push(Change {
                original: map.original_range(start..start + rebuilt.len()),
                repaired: start,
                before: String::new(),
                after: rebuilt,
                rule: Rule::LamAlef,
                evidence: why.grounds(evidence),
            });
        }
        repaired.push_str(text.get(copied..).unwrap_or(""));
        *text = repaired;
    }

    /// The repairs of the words of `source` (see `decide`), with the evidence closed under them: a word repaired
    /// reads, in the repaired text, as a word with an intact ligature, which [`Evidence`] counts as support for
    /// the same repair elsewhere. Were it not counted here, a second pass would count it and might repair what
    /// the first refused (`أال آال`: `ألا` supports `آلا`). So the decisions are taken again with the repaired
    /// words added, until no refused repair is among them (rarely more than once: most refusals are of words
    /// no repair made elsewhere). Returns the repairs and, when `all_words`, the closed evidence (the words
    /// added even where no decision turns on them: what a piece of the text needs to be repaired alike).
    fn decide_closed(
        &self,
        source: &str,
        evidence: &Evidence,
        alef_lams: &[usize],
        all_words: bool,
    ) -> (Vec<Decided>, Option<Evidence>) {
        let mut closed: Option<Evidence> = None;
        let mut refused = Vec::new();
        // Each round adds at least one word, and a text holds finitely many; the bound only guards the time.
        for _ in 0..8 {
            let current = closed.as_ref().unwrap_or(evidence);
            let changes = self.decide(source, current, alef_lams, &mut refused);
            let added: Vec<u64> = changes
                .iter()
                .filter_map(|&(_, _, intact_key, _)| intact_key)
                .filter(|&key| !current.has_key(key))
                .collect();
            let turns = added.iter().any(|key| refused.contains(key));
            if turns || (all_words && !added.is_empty()) {
                let grown = closed.get_or_insert_with(|| evidence.clone());
                grown.add_keys(&added);
            }
            if !turns {
                return (changes, closed);
            }
        }
        let current = closed.as_ref().unwrap_or(evidence);
        (self.decide(source, current, alef_lams, &mut refused), closed)
    }

    /// The repairs of the words of `source` holding alef-lam (at `alef_lams`), decided with `evidence`: each as
    /// its start, the word repaired, its key when it holds an intact ligature (worked out once for a word
    /// repeated, see `decide_closed`) and the grounds. The keys of the candidates refused go to `refused`.
    fn decide<'a>(
        &self,
        source: &'a str,
        evidence: &Evidence,
        alef_lams: &[usize],
        refused: &mut Vec<u64>,
    ) -> Vec<Decided> {
        let p = evidence.damage_probability();
        let any_own = evidence.has_own_signatures();
        let mut letters = String::new();
        let mut candidate = String::new();
        let mut scratch = Scratch {
            refused: std::mem::take(refused),
            ..Scratch::default()
        };
        scratch.refused.clear();
        let mut changes: Vec<Decided> = Vec::new();
        // The decision on each distinct word (without marks) of `source`, taken once: a story repeats its words,
        // and the decision reads nothing else but the evidence, fixed for this call, and the word's neighbours,
        // when it asks them (such decisions are not kept). The keys refused on the way are in `scratch.refused`
        // already. Damaged EASC articles: a third of the words weighed are repeats. Below `BACKOFF_MIN_P` a
        // decision costs less than keeping it (clean EASC articles: +12% instructions with it). A decision is kept
        // as the index in `changes` of the word's first repair, `None` for no repair; room for a word each
        // alef-lam is made at once.
        let memo = p >= BACKOFF_MIN_P;
        let mut decided: FxHashMap<&str, Option<usize>> =
            FxHashMap::with_capacity_and_hasher(if memo { alef_lams.len() } else { 0 }, Default::default());
        let mut from = 0;
        for &found in alef_lams {
            if found < from {
                // Inside a word already looked at.
                continue;
            }
            let (start, end, marked) = word_around(source, found);
            from = end.max(found + 1);
            let Some(word) = source.get(start..end) else { continue };
            // An article written onto a quoted or hyphenated word (`ال"ماوس"`), or marked with a sukun (`الْ`),
            // is an article.
            let mut after = source.get(end..).unwrap_or("").chars();
            let attached = word.ends_with("ال")
                && after
                    .next()
                    .is_some_and(|c| matches!(c, '"' | '“' | '”' | '«' | '\'' | '-' | '_'))
                && after.next().is_some_and(char::is_alphanumeric);
            // Tatweel drawn after a word-final alef-lam (`الـ15`, `الـ`) separates an article from a number or a
            // foreign word: extraction does not draw tatweel.
            let drawn = marked && word.trim_end_matches('\u{0640}').len() < word.len() && {
                let letters_end = word.trim_end_matches(is_mark);
                letters_end.ends_with("ال")
            };
            if attached || drawn || (marked && word.contains("الْ")) {
                continue;
            }
            // A ligature the evidence counts intact is never touched, even where a mark stands inside it (`لاَ`
            // reads `لال` once its marks are set aside): see `keeps_evidence`.
            if marked && holds_intact(source.as_bytes(), start, end) {
                continue;
            }
            // Diacritics and tatweel are set aside for the lookup and put back after the letters they follow.
            let word_letters = letters_of(word, marked, &mut letters);
            // Kept for words without marks (whose letters are the word), when no neighbour was asked.
            let key = (memo && !marked).then_some(word);
            if let Some(key) = key {
                if let Some(&known) = decided.get(key) {
                    if let Some((_, rebuilt, intact_key, why)) = known.and_then(|first| changes.get(first)) {
                        changes.push((start, rebuilt.clone(), *intact_key, *why));
                    }
                    continue;
                }
                scratch.context_asked = false;
            }
            let remember = |decided: &mut FxHashMap<&'a str, _>, scratch: &Scratch, decision| {
                if let Some(key) = key.filter(|_| !scratch.context_asked) {
                    decided.insert(key, decision);
                }
            };
            let context = Context {
                text: source,
                start,
                end,
            };
            // A form that may be the article and a word is not the evidence of its own damage unless its
            // neighbours spoke for the repair (see `add_damaged_words`). Asked only of texts that gave such
            // signatures (a call on every word: +2.5% instructions on clean news).
            let own_set_aside = if any_own {
                evidence.without_own_signatures(word_letters)
            } else {
                None
            };
            let (evidence, p) = match &own_set_aside {
                Some(others) => (others, others.damage_probability()),
                None => (evidence, p),
            };
            let Some(source) = self.choose(word_letters, p, evidence, &context, &mut candidate, &mut scratch) else {
                remember(&mut decided, &scratch, None);
                continue;
            };
            // A word repaired by affixes may still hold the signature of damage (`اال`): apply the rules to it, so
            // that repairing twice changes nothing more.
            if source == Source::Affixes && candidate.contains("اال") && rules(&candidate, &mut letters) > 0.0 {
                std::mem::swap(&mut letters, &mut candidate);
            }
            // The reading is followed until it is stable: read again with the same evidence, the repaired word
            // stays as it is. A second pass, whose evidence shows no more damage (see `keeps_evidence`) and no
            // more intact words (see `decide_closed`), then finds nothing more: every decision is monotone in the
            // evidence. A word repaired by a rule or with its affixes stripped may be a form the lexicon knows, or
            // still hold a rule's pattern (`لالتالل` → `لالتلال`, which starts with `لال`); a word the lexicon
            // gave may read as the damaged form of another where the story is damaged enough (`بالل` → `بلال` →
            // `بللا`). A reading that does not settle within four steps is not made.
            let mut stable = false;
            for _ in 0..4 {
                std::mem::swap(&mut letters, &mut candidate);
                let next = self.choose(&letters, p, evidence, &context, &mut candidate, &mut scratch);
                if next.is_none() {
                    std::mem::swap(&mut letters, &mut candidate);
                    stable = true;
                    break;
                }
            }
            if !stable {
                remember(&mut decided, &scratch, None);
                continue;
            }
            let rebuilt: String = if marked {
                let mut repaired_letters = candidate.chars();
                word.chars()
                    .map(|c| {
                        if is_mark(c) {
                            c
                        } else {
                            repaired_letters.next().unwrap_or(c)
                        }
                    })
                    .collect()
            } else {
                // Letter for letter: `accept` takes no candidate of another length in letters.
                candidate.clone()
            };
            if rebuilt.len() == word.len() && keeps_evidence(word, &rebuilt) {
                remember(&mut decided, &scratch, Some(changes.len()));
                let intact_key = crate::evidence::intact_word_key(&rebuilt);
                changes.push((start, rebuilt, intact_key, scratch.why));
            } else {
                remember(&mut decided, &scratch, None);
            }
        }
        *refused = scratch.refused;
        changes
    }

    /// How much more likely the neighbours make reading `repair` (seen `repair_count` times) than reading `word`
    /// (seen `word_count` times): the product, over the neighbours that either reading was seen with, of the ratio
    /// of the neighbour's probabilities next to each reading. A neighbour seen with neither says nothing.
    fn context_ratio(
        &self,
        repair: &str,
        repair_count: f64,
        word: &str,
        word_count: f64,
        context: &Context<'_>,
        scratch: &mut Scratch,
    ) -> f64 {
        let mut ratio = 1.0;
        scratch.context_asked = true;
        let Scratch {
            repair_folded,
            word_folded,
            neighbour_folded,
            neighbour_key,
            context_key,
            ..
        } = scratch;
        repair_folded.clear();
        word_folded.clear();
        crate::fold_into(repair, repair_folded);
        crate::fold_into(word, word_folded);
        // The neighbour counts are of the folded readings, so they are shares of how often each folded reading was
        // seen, where the table says (a spelling seen once, `القى`, folds with a common one, `ألقى`, whose
        // neighbours it then has); looked up once a neighbour is found.
        let mut totals: Option<(f64, f64)> = None;
        for (side, neighbour) in [(Side::Before, context.before()), (Side::After, context.after())] {
            let Some(neighbour) = neighbour else { continue };
            neighbour_folded.clear();
            crate::fold_into(neighbour, neighbour_folded);
            // Marks alone (tatweel) are no word; the empty neighbour's row is the reading's count.
            if neighbour_folded.is_empty() {
                continue;
            }
            damage(neighbour_folded, neighbour_key);
            let with_repair = f64::from(self.lexicon.context(repair_folded, side, neighbour_key, context_key));
            let with_word = f64::from(self.lexicon.context(word_folded, side, neighbour_key, context_key));
            if with_repair == 0.0 && with_word == 0.0 {
                continue;
            }
            let (repair_total, word_total) = *totals.get_or_insert_with(|| {
                let mut total = |folded: &str, count: f64| match self.lexicon.reading_count(folded, context_key) {
                    0 => count,
                    seen => f64::from(seen),
                };
                (total(repair_folded, repair_count), total(word_folded, word_count))
            });
            let factor =
                neighbour_probability(with_repair, repair_total) / neighbour_probability(with_word, word_total);
            // A neighbour seen with one reading only never speaks against that reading: the other's count of it
            // is below what the table stores, not known to be lower.
            ratio *= if with_word == 0.0 {
                factor.max(1.0)
            } else if with_repair == 0.0 {
                factor.min(1.0)
            } else {
                factor
            };
        }
        ratio
    }

    /// Whether `word` (letters only, alef-lam inside) should read as a repaired form, written into `candidate`.
    fn choose(
        &self,
        word: &str,
        p: f64,
        evidence: &Evidence,
        context: &Context<'_>,
        candidate: &mut String,
        scratch: &mut Scratch,
    ) -> Option<Source> {
        scratch.ratio = 1.0;
        let bytes = word.as_bytes();
        let mut from = 0;
        // On the way, whether the word holds `اال`, the pattern of the first form rule.
        let mut alef_alef_lam = false;
        // And whether it holds lam-alef at all (before a lam: `خلال`, not intact, see `is_intact_at`).
        let mut lam_alef = false;
        while let Some(lam) = find_lam(bytes, from) {
            if is_intact_at(bytes, lam) {
                return None;
            }
            alef_alef_lam |= lam >= 4 && matches!(bytes.get(lam - 4..lam), Some([0xD8, 0xA7, 0xD8, 0xA7]));
            lam_alef |= matches!(bytes.get(lam + 2..lam + 4), Some([0xD8, 0xA7]));
            from = lam + 2;
        }
        // A word the lexicon gives as the repair of its own damaged form (`خلال`, `بلال`, `لالتزامات`) is read as
        // written: it is what a repair writes, and read again as the damaged form of yet another (`خللا`,
        // `بللا`, `للاتزامات`: a chain no damage makes) a repaired text would change on a second pass.
        if lam_alef {
            damage(word, &mut scratch.core);
            if self.lexicon.repair(&scratch.core).is_some_and(|r| *r.word == *word) {
                return None;
            }
        }
        // The weight of the reading as written: its count, looked up only when there is a repair to weigh it
        // against (most words holding alef-lam are not the damaged form of anything).
        let keep_of = |count: u32| f64::from(count);
        candidate.clear();
        // Tanween fath written on a final lam (`عمالً`): the accusative's tanween stands on a support alef after any
        // letter but ة ء ى, so the word ended `لاً` before the damage moved its alef (`عملاً`). The word as written
        // is no word; in a story that shows damage of its own, the rule decides.
        if evidence.shows_damage() && context.tanween_on_lam() {
            if let Some(stem) = word.strip_suffix("ال") {
                candidate.push_str(stem);
                candidate.push_str("لا");
                return self
                    .accept(
                        word,
                        candidate,
                        RULE_TANWEEN_ON_LAM,
                        0.0,
                        p,
                        evidence,
                        scratch,
                        Source::Rules,
                    )
                    .then_some(Source::Rules);
            }
        }
        let looked_up = if self.lexicon.may_repair(word) {
            self.lexicon.lookup(word)
        } else {
            (0, None)
        };
        if let (count, Some(repair)) = looked_up {
            let keep = keep_of(count);
            // A word of the language in a story without damage of its own is kept whatever its neighbours say (see
            // `accept`), and whatever the story's words: they are not asked, and the refusal is not noted.
            if keep > 0.0 && !evidence.shows_damage() {
                return None;
            }
            candidate.push_str(repair.word);
            let mut support = f64::from(repair.count);
            if keep > 0.0 {
                // Both readings are words: let the neighbours weigh in.
                let ratio = self.context_ratio(candidate, support, word, keep, context, scratch);
                scratch.ratio = ratio;
                support *= ratio;
            }
            return self
                .accept(word, candidate, support, keep, p, evidence, scratch, Source::Lexicon)
                .then_some(Source::Lexicon);
        }
        // Affixes are stripped only when the story looks damaged; the form rules are tried when that finds
        // nothing acceptable, at any damage probability (so a lower probability never accepts what a higher
        // one refused).
        if p >= BACKOFF_MIN_P {
            let tanween = context.tanween_on_alef();
            if let Some((support, core_count)) = self.backoff(word, tanween, candidate, &mut scratch.core) {
                let keep = keep_of(self.lexicon.count(word));
                let keep = keep.max(core_count);
                if self.accept(word, candidate, support, keep, p, evidence, scratch, Source::Affixes) {
                    return Some(Source::Affixes);
                }
            }
        }
        if p >= BACKOFF_MIN_P {
            if let Some((support, keep)) = self.joined_stem(word, candidate, &mut scratch.core) {
                if self.accept(word, candidate, support, keep, p, evidence, scratch, Source::Affixes) {
                    return Some(Source::Affixes);
                }
            }
        }
        let support = rules_if(alef_alef_lam || starts_with_lam_alef_lam(bytes), word, candidate);
        if candidate.is_empty() {
            // No rule applies. A word the lexicon does not know, nor without a clitic, in a story that looks
            // damaged, may be a name or a rare word: the letters around its alef-lams say how words written so
            // read. Not a word holding a lam-alef: a rule's reading being read again (`االليكترونات` ->
            // `الاليكترونات`), whose new alef-lam no damage made.
            if p >= BACKOFF_MIN_P
                && !lam_alef
                && self.lexicon.count(word) == 0
                && self.letter_reading(word, candidate, &mut scratch.letters)
                && !self.known_after_prefix(word)
            {
                return self
                    .accept(
                        word,
                        candidate,
                        LETTER_SUPPORT,
                        0.0,
                        p,
                        evidence,
                        scratch,
                        Source::Letters,
                    )
                    .then_some(Source::Letters);
            }
            return None;
        }
        let keep = keep_of(self.lexicon.count(word));
        self.accept(word, candidate, support, keep, p, evidence, scratch, Source::Rules)
            .then_some(Source::Rules)
    }

    /// The decision: whether reading `candidate` (seen `support` times, all evidence counted) beats reading
    /// `word` as written (seen `keep` times) in a text damaged with probability `p`.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        word: &str,
        candidate: &str,
        mut support: f64,
        keep: f64,
        p: f64,
        evidence: &Evidence,
        scratch: &mut Scratch,
        source: Source,
    ) -> bool {
        if candidate.is_empty() || candidate == word || candidate.chars().count() != word.chars().count() {
            return false;
        }
        // The candidate's key is looked up among the story's intact words, when it has any, and kept when the
        // candidate is refused: a damaged story has none, and most candidates are accepted.
        let key = evidence.has_words().then(|| crate::evidence::word_key(candidate));
        let story_word = key.is_some_and(|key| evidence.has_key(key));
        if story_word {
            support += STORY_WORD;
        }
        let margin = if article_position(word, candidate).is_some() {
            ARTICLE_MARGIN
        } else {
            1.0
        };
        // A word of the language, or one that reads as the article before a word (`السيما` "the cinema", a word
        // the lexicon may not know), is changed only where the story shows damage of its own.
        let well_formed_in_clean_story = (keep > 0.0 || margin > 1.0) && !evidence.shows_damage();
        let mut accepted = !well_formed_in_clean_story && p * support > margin * keep + (1.0 - p) * UNSEEN;
        if accepted && keep == 0.0 && support < TYPO_CHECKED_BELOW {
            // A word that is no word may be the writer's typo of one (`بهدف القصاء` for `القضاء`) rather than the
            // damaged form of a rare one (`لإقصاء`): the typo reading weighs its word's count times the typo rate.
            let typo = TYPO_RATE * f64::from(self.typo_neighbour_count(word, &mut scratch.typo_variant));
            accepted = p * support > margin * typo + (1.0 - p) * UNSEEN;
        }
        if accepted {
            scratch.why = Why {
                source,
                p,
                support,
                keep,
                margin,
                story_word,
                context: scratch.ratio,
            };
        } else if !story_word {
            // Refused, but would the candidate be seen intact elsewhere, it might not be: see `restore_ligatures`.
            scratch
                .refused
                .push(key.unwrap_or_else(|| crate::evidence::word_key(candidate)));
        }
        accepted
    }

    /// Whether `word` is a word of the lexicon once a clitic or the article is stripped (`فتوالت`: `ف` + `توالت`).
    fn known_after_prefix(&self, word: &str) -> bool {
        word.chars().next().is_some_and(|first| {
            prefixes_of(first).iter().any(|prefix| {
                word.strip_prefix(prefix)
                    .is_some_and(|rest| rest.chars().count() >= MIN_KNOWN_STEM && self.lexicon.count(rest) > 0)
            })
        })
    }

    /// Reads each alef-lam of `word` by the letters around it (up to `LETTER_CONTEXT` each side, the word's ends
    /// counting as letters): where the words of the lexicon's text whose damaged form has those letters there
    /// held a ligature `LETTER_ODDS` times more than alef-lam, the ligature. The widest context the table holds
    /// decides. Writes the reading into `candidate`; true when it differs from `word`.
    fn letter_reading(&self, word: &str, candidate: &mut String, room: &mut LetterRoom) -> bool {
        if word.chars().nth(MAX_LETTER_WORD).is_some() {
            return false;
        }
        let LetterRoom { letters, padded, key } = room;
        letters.clear();
        letters.extend(word.chars());
        // The word folded, as the table's keys are, between its ends.
        padded.clear();
        padded.push('^');
        padded.extend(letters.iter().map(|&c| crate::fold_char(c).unwrap_or(c)));
        padded.push('$');
        candidate.clear();
        let mut changed = false;
        let mut at = 0;
        while let Some(&letter) = letters.get(at) {
            if letters.get(at..at + 2) != Some(&['ا', 'ل']) {
                candidate.push(letter);
                at += 1;
                continue;
            }
            // In `padded`, a word's letter is one place on.
            let weights = self.letter_weights(padded, at + 1, key);
            let ligature = weights.and_then(|[alef_lam, ligatures @ ..]| {
                // The heaviest ligature, the first of equals.
                ligatures
                    .iter()
                    .zip(&LETTER_PAIRS[1..])
                    .rev()
                    .max_by_key(|&(&weight, _)| weight)
                    .filter(|&(&weight, _)| f64::from(weight) + 0.5 > LETTER_ODDS * (f64::from(alef_lam) + 0.5))
                    .map(|(_, ligature)| *ligature)
            });
            changed |= ligature.is_some();
            candidate.push_str(ligature.unwrap_or("ال"));
            at += 2;
        }
        changed
    }

    /// The weights of the widest letter context of the alef-lam at `alef` in `padded` that the table holds (of
    /// equally wide ones, the one with more letters before it).
    fn letter_weights(&self, padded: &[char], alef: usize, key: &mut String) -> Option<[u32; 5]> {
        for width in (0..=2 * LETTER_CONTEXT).rev() {
            for left in (width.saturating_sub(LETTER_CONTEXT)..=width.min(LETTER_CONTEXT)).rev() {
                let before = padded.get(alef.saturating_sub(left)..alef)?;
                let after = padded.get(alef + 2..(alef + 2 + width - left).min(padded.len()))?;
                key.clear();
                key.extend(before);
                key.push('\t');
                key.extend(after);
                if let Some(weights) = self.lexicon.letter_context(key) {
                    return Some(weights);
                }
            }
        }
        None
    }

    /// The count of the commonest word the lexicon knows that differs from `word` by one letter, changed for a
    /// letter of the same shape (dots added or dropped, hamza seats: the typos a writer makes most, and few
    /// enough to look up on every word weighed).
    ///
    /// Every letter of a group is two bytes in UTF-8 (see `same_shape_table`), so each variant is the word with two
    /// bytes written over in `variant`, and most are refused by the lexicon's filter before a string is made of
    /// them (the typo check of the damaged EASC articles: 1.69 M -> 0.84 M instructions).
    fn typo_neighbour_count(&self, word: &str, variant: &mut Vec<u8>) -> u32 {
        let mut best = 0;
        variant.clear();
        variant.extend_from_slice(word.as_bytes());
        for (at, c) in word.char_indices() {
            let Some(group) = same_shape_group(c) else {
                continue;
            };
            let Some(written) = word.as_bytes().get(at..at + 2) else {
                continue;
            };
            for letter in group.as_bytes().chunks_exact(2).filter(|&letter| letter != written) {
                if let Some(slot) = variant.get_mut(at..at + 2) {
                    slot.copy_from_slice(letter);
                }
                best = best.max(self.lexicon.count_utf8(variant));
            }
            if let Some(slot) = variant.get_mut(at..at + 2) {
                slot.copy_from_slice(written);
            }
        }
        best
    }

    /// Looks for a repair of `word` as a prefix whose lam joined the alef of a stem into a ligature, the damage
    /// having moved the lam past that alef (see `JOINING`): `النعدام` is `ل` + `انعدام`, `االستدالل` is the
    /// article + `استدلال`. The stem, with its alef put back, is looked up as the damaged form of a word the
    /// lexicon knows (the stem's own ligatures) or, holding none, as a word starting with any of the four alefs
    /// (the damage lost the hamza). Writes the whole word repaired and returns the weights of the reading and of
    /// the word as written (see `JOINING`).
    fn joined_stem(&self, word: &str, candidate: &mut String, core: &mut String) -> Option<(f64, f64)> {
        // The entries of the word's first letter (see `joining_of`).
        for &(damaged, clean) in joining_of(word.chars().next()?) {
            let Some(rest) = word.strip_prefix(damaged) else {
                continue;
            };
            // A stem starting with lam would be the article's after a preposition, which drops its alef there
            // (`للحية`, never `لالحية`): `اللحية` is the article before `لحية`.
            if rest.starts_with('ل') || !self.lexicon.may_be_stem(rest) || rest.chars().count() + 1 < MIN_BACKOFF_STEM
            {
                return None;
            }
            // The commonest reading of the stem over the four alefs, each as the damaged form of a word or as a
            // word holding no ligature.
            let mut best: Option<(char, Option<&str>, u32)> = None;
            for alef in ['ا', 'أ', 'إ', 'آ'] {
                core.clear();
                core.push(alef);
                core.push_str(rest);
                let (count, repair) = self.lexicon.lookup(core);
                let (repaired, count) = match repair {
                    Some(repair) if repair.word.starts_with(crate::lexicon_tables::is_ligature_alef) => {
                        (Some(repair.word), repair.count)
                    }
                    _ => (None, count),
                };
                if count > best.map_or(0, |(_, _, c)| c) {
                    best = Some((alef, repaired, count));
                }
            }
            let (alef, repaired, count) = best?;
            // The damaged form may read as the article before `rest` too.
            let article_too = !clean.ends_with("ال") && !clean.ends_with("لل");
            let share = if article_too { PREPOSITION_SHARE } else { 1.0 };
            // A reading the lexicon's text is not expected to hold even once (a rare stem after a preposition) is
            // no evidence against the word as written.
            let support = share * f64::from(count);
            if support < 1.0 {
                return None;
            }
            let mut keep = f64::from(self.lexicon.count(word));
            if article_too {
                core.clear();
                core.push_str("ال");
                core.push_str(rest);
                keep += f64::from(self.lexicon.count(rest)) + f64::from(self.lexicon.count(core));
            }
            candidate.clear();
            candidate.push_str(clean);
            match repaired {
                Some(stem) => candidate.push_str(stem),
                None => {
                    candidate.push(alef);
                    candidate.push_str(rest);
                }
            }
            return Some((support, keep));
        }
        None
    }

    /// Looks for a repair of `word` with clitics and suffixes stripped; writes the whole word repaired. `tanween`:
    /// the word as written ends with the tanween's alef (see `Context::tanween_on_alef`).
    fn backoff(&self, word: &str, tanween: bool, candidate: &mut String, core: &mut String) -> Option<(f64, f64)> {
        // The suffixes the word ends with, found once rather than once per prefix, by comparisons of a few bytes
        // the compiler inlines (a call to `memcmp` for each of them cost an eighth of the time of damaged text).
        let bytes = word.as_bytes();
        let ends_with = |affix: &str| {
            bytes
                .len()
                .checked_sub(affix.len())
                .and_then(|at| bytes.get(at..))
                .is_some_and(|end| end.iter().eq(affix.as_bytes()))
        };
        // A prefix reaching past the word's last alef-lam leaves no stem holding one: of the words weighed in a
        // damaged story, most are an article before a word, for which only the empty prefix is compared.
        let last_alef_lam = bytes.windows(4).rposition(|w| w == [0xD8, 0xA7, 0xD9, 0x84])?;
        // A bit each (bit `i` for `SUFFIXES[i]`), so that each prefix goes through the few suffixes the word ends
        // with, not through all of them.
        let mut endings: u16 = 0;
        for (i, &(suffix, _)) in SUFFIXES.iter().enumerate() {
            endings |= u16::from(ends_with(suffix)) << i;
        }
        // The last suffix, the alef of tanween, only where the writer wrote the tanween.
        if !tanween {
            endings &= !(1 << (SUFFIXES.len() - 1));
        }
        let first = word.chars().next()?;
        for prefix in std::iter::once("").chain(prefixes_of(first).iter().copied()) {
            if prefix.len() > last_alef_lam || !word.starts_with(prefix) {
                continue;
            }
            let Some(rest) = word.get(prefix.len()..) else {
                continue;
            };
            // In the order of `SUFFIXES`: the lowest bit left is the next.
            let mut left = endings;
            while let Some(&(suffix, replacement)) = SUFFIXES.get(left.trailing_zeros() as usize) {
                left &= left.wrapping_sub(1);
                // The word whole was looked up already, but not with a writer's hamza taken off.
                let whole = prefix.is_empty() && suffix.is_empty();
                if whole && !matches!(first, 'أ' | 'إ' | 'آ') {
                    continue;
                }
                let Some(stem) = rest.len().checked_sub(suffix.len()).and_then(|end| rest.get(..end)) else {
                    continue;
                };
                if stem.chars().count() + replacement.chars().count() < MIN_BACKOFF_STEM || !holds_alef_lam(stem) {
                    continue;
                }
                core.clear();
                core.push_str(stem);
                core.push_str(replacement);
                let repair = match (!whole).then(|| self.lexicon.repair(core)).flatten() {
                    Some(found) => Some(found),
                    None => with_bare_alef(core).and_then(|()| self.lexicon.repair(core)),
                };
                let Some(repair) = repair.filter(|r| f64::from(r.count) >= MIN_BACKOFF_SUPPORT) else {
                    continue;
                };
                let repaired_stem = repair.word.get(..repair.word.len().saturating_sub(replacement.len()))?;
                // A stem read as the preposition `ل` before a word with a hamza (`لإتمام`) cannot follow another
                // preposition: `بالتمام` is `ب` + `التمام`, never `بلإتمام`.
                if prefix.ends_with(['ب', 'ك', 'ل']) && starts_with_lam_hamza(repaired_stem) {
                    continue;
                }
                candidate.clear();
                candidate.push_str(prefix);
                candidate.push_str(repaired_stem);
                candidate.push_str(suffix);
                // The writer's hamza stays where the writer put it.
                let first = prefix.len();
                if let (Some(hamza), Some(alef)) = (
                    stem.chars().next(),
                    candidate.get(first..).and_then(|c| c.chars().next()),
                ) {
                    if hamza != alef
                        && hamza.len_utf8() == alef.len_utf8()
                        && crate::lexicon_tables::is_ligature_alef(alef)
                        && crate::lexicon_tables::is_ligature_alef(hamza)
                    {
                        let mut buf = [0; 4];
                        candidate.replace_range(first..first + alef.len_utf8(), hamza.encode_utf8(&mut buf));
                    }
                }
                // After the preposition `ل` an article loses its alef (`للقسام`): `ل` + `القسام` is no clean word.
                let core_count = if prefix.ends_with('ل') && core.starts_with("ال") {
                    0.0
                } else {
                    f64::from(self.lexicon.count(core))
                };
                return Some((f64::from(repair.count), core_count));
            }
        }
        None
    }
}

/// The letters of `word`: the word itself, or when it is `marked`, the word without its marks, written in `room`.
fn letters_of<'a>(word: &'a str, marked: bool, room: &'a mut String) -> &'a str {
    if !marked {
        return word;
    }
    room.clear();
    room.extend(word.chars().filter(|&c| !is_mark(c)));
    room
}

/// Whether `word` starts with lam and an alef carrying a hamza or madda (`لأ`, `لإ`, `لآ`): the preposition `ل`
/// joined to a word, in all but a few rare words (`لآلئ`).
fn starts_with_lam_hamza(word: &str) -> bool {
    let mut letters = word.chars();
    letters.next() == Some('ل') && matches!(letters.next(), Some('أ' | 'إ' | 'آ'))
}

/// Writes a bare alef in place of the hamza on alef that `core` starts with (`إختالف`: many writers put one where
/// the news the lexicon counts leaves it off); `None`, and `core` as it was, when it starts with none.
fn with_bare_alef(core: &mut String) -> Option<()> {
    let first = core.chars().next()?;
    matches!(first, 'أ' | 'إ' | 'آ').then(|| core.replace_range(..first.len_utf8(), "ا"))
}

/// Where (in bytes) the first change from `word` to `candidate` is, when it is at the start of the word or right
/// after at most two conjunctions and prepositions written as one with it (`و ف ب ك`): where a definite article
/// stands.
fn article_position(word: &str, candidate: &str) -> Option<usize> {
    let mut at = 0;
    for (n, (letter, _)) in word
        .chars()
        .zip(candidate.chars())
        .take_while(|(a, b)| a == b)
        .enumerate()
    {
        if n == 2 || !matches!(letter, 'و' | 'ف' | 'ب' | 'ك') {
            return None;
        }
        at += letter.len_utf8();
    }
    Some(at)
}

/// The probability of a neighbour next to a reading seen `count` times, `seen` of them with the neighbour.
fn neighbour_probability(seen: f64, count: f64) -> f64 {
    let count = count.max(1.0);
    (seen / count).max((CONTEXT_UNSEEN / count).min(CONTEXT_UNSEEN_MAX))
}

/// Whether `word` holds alef-lam (D8 A7 D9 84): compared in place, as `str::contains` would first build a searcher
/// for every word.
fn holds_alef_lam(word: &str) -> bool {
    word.as_bytes().windows(4).any(|w| w == [0xD8, 0xA7, 0xD9, 0x84])
}

/// Whether a lam of `bytes[start..end]` starts a ligature that [`Evidence`] counts intact.
fn holds_intact(bytes: &[u8], start: usize, end: usize) -> bool {
    let mut from = start;
    while let Some(lam) = find_lam(bytes, from).filter(|&lam| lam < end) {
        if is_intact_at(bytes, lam) {
            return true;
        }
        from = lam + 2;
    }
    false
}

/// Whether `rebuilt`, written in place of `word`, leaves the text's evidence speaking no more for damage: no more
/// damage signatures (`اال`) than `word` held. (`word` holds no intact ligature, see `holds_intact`.)
///
/// This is what makes repair idempotent: the repaired text's evidence then shows at most the damage of the
/// original's (signatures repaired, ligatures restored), and every decision is monotone in that evidence, so a
/// second pass finds nothing the first did not. Marks put back where they stood can make a signature of letters
/// the decision saw apart (`لاَلال` read as `للاَال`); such a repair is not made.
fn keeps_evidence(word: &str, rebuilt: &str) -> bool {
    signatures(rebuilt) <= signatures(word)
}

/// How many damage signatures `اال` (D8 A7 D8 A7 D9 84) `word` holds: compared in place, as `str::matches` would
/// first build a searcher for every word. Two of them cannot overlap (no end of `اال` starts it).
fn signatures(word: &str) -> usize {
    word.as_bytes()
        .windows(6)
        .filter(|w| *w == [0xD8, 0xA7, 0xD8, 0xA7, 0xD9, 0x84])
        .count()
}

/// The offsets of every alef-lam (D8 A7 D9 84) of `bytes`, in order.
fn find_alef_lams(bytes: &[u8]) -> Vec<usize> {
    let mut found = Vec::with_capacity(bytes.len() / 16);
    // Found by the lam's second byte, rarer than the alef's.
    scan::for_each_byte(bytes, 0x84, |second| {
        if let Some(start) = second.checked_sub(3) {
            if matches!(bytes.get(start..=second), Some([0xD8, 0xA7, 0xD9, 0x84])) {
                found.push(start);
            }
        }
    });
    found
}

/// What a ligature repair was decided on, for its [`Change`].
#[derive(Debug, Clone, Copy)]
struct Why {
    source: Source,
    p: f64,
    support: f64,
    keep: f64,
    margin: f64,
    story_word: bool,
    /// How much more likely the neighbours made the repair (1 when they were not asked).
    context: f64,
}

impl Default for Why {
    fn default() -> Self {
        Why {
            source: Source::Lexicon,
            p: 0.0,
            support: 0.0,
            keep: 0.0,
            margin: 1.0,
            story_word: false,
            context: 1.0,
        }
    }
}

impl Why {
    fn grounds(&self, evidence: &Evidence) -> Grounds {
        let source = match self.source {
            Source::Lexicon => "lexicon",
            Source::Affixes => "lexicon, clitics stripped",
            Source::Rules => "form rule",
            Source::Letters => "letter context",
        };
        Grounds::weighed(
            source,
            self.p,
            evidence.damaged_signatures(),
            evidence.intact_ligatures(),
            self.support,
            self.keep,
            self.margin,
            self.story_word,
            self.context,
        )
    }
}

/// Buffers reused from word to word.
#[derive(Default)]
struct Scratch {
    /// The last repair accepted.
    why: Why,
    /// The folded keys of the candidates refused (see `restore_ligatures`).
    refused: Vec<u64>,
    /// The neighbours' ratio of the word being weighed (1 when they were not asked).
    ratio: f64,
    /// Whether the neighbours of the word being decided were asked (see `decide`).
    context_asked: bool,
    /// A word with its affixes stripped.
    core: String,
    repair_folded: String,
    word_folded: String,
    neighbour_folded: String,
    /// The neighbour folded and damaged.
    neighbour_key: String,
    /// Room for the key of a neighbour count.
    context_key: String,
    /// Room for the typo variants of a word (see `typo_neighbour_count`).
    typo_variant: Vec<u8>,
    letters: LetterRoom,
}

/// Room for reading a word by its letters (see `Repairer::letter_reading`).
#[derive(Default)]
struct LetterRoom {
    /// The word's letters.
    letters: Vec<char>,
    /// The word folded, between `^` and `$`.
    padded: Vec<char>,
    /// A letter context's key.
    key: String,
}

/// Where a repair came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The lexicon knows the damaged form.
    Lexicon,
    /// The lexicon knows it with clitics stripped.
    Affixes,
    /// A form rule.
    Rules,
    /// The letters around the alef-lam (see `Repairer::letter_reading`).
    Letters,
}

/// Where a word stands, to find its neighbours when they are needed (see `scripts/build-repair-lexicon.py`).
struct Context<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Context<'a> {
    fn before(&self) -> Option<&'a str> {
        neighbour(self.text, self.start, Side::Before)
    }

    fn after(&self) -> Option<&'a str> {
        neighbour(self.text, self.end, Side::After)
    }

    /// The last two characters of the word as written (4 bytes: both in the Arabic block), compared in place
    /// (`ends_with` calls `memcmp`, for every word weighed).
    fn last_two(&self) -> Option<&'a [u8]> {
        let end = self.end.checked_sub(4).filter(|&at| at >= self.start)?;
        self.text.as_bytes().get(end..self.end)
    }

    /// Whether the word as written ends with the alef of tanween fath, the mark before or after it (`استسالماً`).
    fn tanween_on_alef(&self) -> bool {
        matches!(
            self.last_two(),
            Some([0xD8, 0xA7, 0xD9, 0x8B] | [0xD9, 0x8B, 0xD8, 0xA7])
        )
    }

    /// Whether the word as written ends with a lam carrying tanween fath (`عمالً`).
    fn tanween_on_lam(&self) -> bool {
        matches!(self.last_two(), Some([0xD9, 0x84, 0xD9, 0x8B]))
    }
}

/// The white-space token next to the word that starts or ends at `at`, when a single space separates them and
/// the token is an Arabic word (letters and marks only) once the punctuation on its far side is set aside
/// (`صالح خاطر.`: `خاطر`), as `scripts/build-repair-lexicon.py` counts neighbours.
fn neighbour(text: &str, at: usize, side: Side) -> Option<&str> {
    // The run of word characters next to the space, found as `word_around` finds a word: the token is that run
    // when only such punctuation stands between it and what ends the token.
    match side {
        Side::Before => {
            let space = at.checked_sub(1).filter(|&i| text.as_bytes().get(i) == Some(&b' '))?;
            let (start, _, _) = word_around(text, space);
            let token = text.get(start..space).filter(|token| !token.is_empty())?;
            // The token starts after white space or a sentence end (`!لأ`): a piece of the text repaired alone
            // starts there too, and must see the same neighbour.
            let is_sentence_end = |c: char| matches!(c, '.' | '!' | '?' | '؟');
            let past = text
                .get(..start)?
                .chars()
                .rev()
                .find(|&c| !is_outer_punctuation(c) || is_sentence_end(c));
            past.is_none_or(|c| c.is_whitespace() || is_sentence_end(c))
                .then_some(token)
        }
        Side::After => {
            let after_space = (text.as_bytes().get(at) == Some(&b' ')).then_some(at + 1)?;
            let (_, end, _) = word_around(text, after_space);
            let token = text.get(after_space..end).filter(|token| !token.is_empty())?;
            let past = text.get(end..)?.chars().find(|&c| !is_outer_punctuation(c));
            past.is_none_or(char::is_whitespace).then_some(token)
        }
    }
}

/// Punctuation that may stand at the ends of a neighbour (ASCII, Arabic comma, semicolon and question mark, quotes
/// and the ellipsis): the same set as `OUTER_PUNCTUATION` of `scripts/build-repair-lexicon.py`.
fn is_outer_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '‘' | '’' | '…')
}

/// The form rules, for words the lexicon does not know: `اال` -> `الا` anywhere (an article, or a word ending
/// in alef, before a damaged ligature: a sequence no Arabic word holds); where a word starts (after `و ف ب ك`),
/// `لال` -> `للا` (the preposition before an article and a damaged ligature; in a damaged text a lam before a
/// bare alef comes from nothing else). `الال` is left to the lexicon: it is what the first rule makes of `االل`
/// (`الالتزام`) as well as the damaged form of `اللا` (`اللاجئين`). Once the article is restored, a derived verbal
/// noun with `ال` where its pattern's alef stands is read with the ligature (see `derived_noun_lam`). Returns the
/// pseudo-count of the strongest rule applied, 0 when none applies.
fn rules(word: &str, candidate: &mut String) -> f64 {
    let bytes = word.as_bytes();
    rules_if(
        has_alef_alef_lam(bytes) || starts_with_lam_alef_lam(bytes),
        word,
        candidate,
    )
}

/// [`rules`], told whether `word` holds one of their patterns (most words hold neither: then nothing is copied).
fn rules_if(may_apply: bool, word: &str, candidate: &mut String) -> f64 {
    candidate.clear();
    if !may_apply {
        return 0.0;
    }
    candidate.push_str(word);
    let mut next = String::new();
    let mut support: f64 = 0.0;
    // Applied until nothing changes (a run of alefs moves one step per application), so that the rules never
    // apply to their own result; each application swaps at least one alef-lam into lam-alef, so the rounds are
    // bounded by the word's length.
    for _ in 0..word.len() {
        let applied = rules_once(candidate, &mut next);
        if applied == 0.0 {
            break;
        }
        support = support.max(applied);
        std::mem::swap(candidate, &mut next);
    }
    if support == 0.0 {
        candidate.clear();
    }
    support
}

/// Whether `word` holds `اال` (D8 A7 D8 A7 D9 84) anywhere.
fn has_alef_alef_lam(word: &[u8]) -> bool {
    let mut from = 0;
    while let Some(lam) = find_lam(word, from) {
        if lam >= 4 && matches!(word.get(lam - 4..lam), Some([0xD8, 0xA7, 0xD8, 0xA7])) {
            return true;
        }
        from = lam + 2;
    }
    false
}

/// Whether `word` starts with `لال` after the clitics `و ف ب ك`.
fn starts_with_lam_alef_lam(word: &[u8]) -> bool {
    let mut start = 0;
    // و ف ك (D9 88, D9 81, D9 83) and ب (D8 A8).
    while matches!(
        word.get(start..start + 2),
        Some([0xD9, 0x88 | 0x81 | 0x83] | [0xD8, 0xA8])
    ) {
        start += 2;
    }
    matches!(word.get(start..start + 6), Some([0xD9, 0x84, 0xD8, 0xA7, 0xD9, 0x84]))
}

/// One application of the form rules to `word`, written into `out`; the pseudo-count of the strongest rule
/// applied, 0 when none applies.
fn rules_once(word: &str, out: &mut String) -> f64 {
    out.clear();
    out.push_str(word);
    let mut support: f64 = 0.0;
    let mut from = 0;
    while let Some(found) = word.get(from..).and_then(|rest| rest.find("اال")) {
        // A word ending in alef run together with an article (`هذاالمتحف`) is the writer's, not damage.
        if RUN_TOGETHER.contains(&word.get(..from + found + "ا".len()).unwrap_or("")) {
            from += found + "ا".len();
            continue;
        }
        let at = from + found + "ا".len();
        if out.get(at..at + 4).is_some() {
            out.replace_range(at..at + 4, "لا");
            support = RULE_ALEF_ALEF_LAM;
        }
        from = at + 4;
    }
    if support > 0.0 {
        return support;
    }
    let start = word
        .char_indices()
        .find(|&(_, c)| !matches!(c, 'و' | 'ف' | 'ب' | 'ك'))
        .map_or(word.len(), |(i, _)| i);
    if start <= "وب".len() {
        if let Some(at) = derived_noun_lam(word.get(start..).unwrap_or("")) {
            out.replace_range(start + at..start + at + 4, "لا");
            return RULE_DERIVED_NOUN;
        }
    }
    let rest = word.get(start..).unwrap_or("");
    // Only when the restored ligature is followed by something else than lam: `للال` would still look damaged.
    let swap_at = (rest.starts_with("لال") && !rest.starts_with("لالل")).then_some(start + "ل".len());
    if let Some(at) = swap_at.filter(|_| start <= "وب".len()) {
        if out.get(at..at + 4) == Some("ال") {
            out.replace_range(at..at + 4, "لا");
            support = RULE_ARTICLE_LAM_ALEF;
        }
    }
    support
}

/// Where `word` (after its conjunctions) is a verbal noun of the derived forms after the article (`الاستفعال`,
/// `الافتعال`, `الانفعال`) whose second root letter is a lam, written `ال` where the pattern has that lam and its
/// alef (`لا`), the byte offset of that `ال`. The pattern puts the alef after the second root letter, never before
/// it: `الاستدالل` is the damaged `الاستدلال`, `الاستقالب` the damaged `الاستقلاب`. The article tells a noun from a verb (`استقالت`
/// "she resigned" is a verb of the same letters); a last letter `ة` is a hollow root's noun (`الاستقالة`).
fn derived_noun_lam(word: &str) -> Option<usize> {
    let rest = word.strip_prefix("الا")?;
    let letters: Vec<char> = rest.chars().take(7).collect();
    let swap = match letters.as_slice() {
        ['س', 'ت', _, 'ا', 'ل', last] | [_, 'ت', 'ا', 'ل', last] | ['ن', _, 'ا', 'ل', last]
            if crate::evidence::is_arabic_letter(*last) && !matches!(last, 'ة' | 'ا' | 'ى') =>
        {
            letters.len() - 3
        }
        _ => return None,
    };
    let offset: usize = letters.iter().take(swap).map(|c| c.len_utf8()).sum();
    Some("الا".len() + offset)
}

/// What one character of the original becomes in the first pass.
enum Kind {
    /// Copied unchanged.
    Keep,
    /// A space of any kind (collapsed with its neighbours into one space, or removed at a line's ends).
    Space,
    /// A line break.
    Newline,
    /// Removed (controls, carriage returns).
    Remove,
    /// A spurious alef, removed (see `spurious_alef`).
    SpuriousAlef,
    /// A presentation form, replaced by its letters.
    Presentation(char),
}

fn classify(text: &str, i: usize, c: char, after_alef: bool) -> Kind {
    match c {
        ' ' | '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Kind::Space
        }
        '\n' => Kind::Newline,
        _ if is_removed_control(c) => Kind::Remove,
        'ا' | '\u{FE8D}' | '\u{FE8E}' if after_alef && spurious_alef(text, i + c.len_utf8()) => Kind::SpuriousAlef,
        // Word ligatures (`ﷲ`, `ﷺ`, the rial sign, `﷽`) are symbols a writer chooses, not letters that
        // extraction left in their contextual forms.
        '\u{FDF0}'..='\u{FDFF}' => Kind::Keep,
        '\u{FB50}'..='\u{FDEF}' | '\u{FE70}'..='\u{FEFC}' => Kind::Presentation(c),
        _ => Kind::Keep,
    }
}

/// Whether an alef that follows another alef, with the text from byte `at` on, is spurious: the run of alefs it
/// belongs to goes on to lam + hamzated alef (`االأ`: a lam-alef ligature that extraction wrote both reversed and
/// whole). The first alef of the run stays. Presentation forms count as the letters they stand for, and
/// characters that the repair removes are skipped, so that the rule sees what the repaired text will hold.
fn spurious_alef(text: &str, at: usize) -> bool {
    let mut chars = text
        .get(at..)
        .unwrap_or("")
        .chars()
        .filter(|&c| !is_removed_control(c))
        .map(base_letter)
        .skip_while(|&c| c == 'ا');
    match chars.next() {
        Some('ل') => matches!(chars.next(), Some('أ' | 'إ' | 'آ')),
        // Lam-alef ligatures with hamza or madda.
        Some('\u{FEF5}'..='\u{FEFA}') => true,
        _ => false,
    }
}

/// Characters the first pass removes wherever they are.
fn is_removed_control(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The letter of a presentation form of alef, hamzated alef or lam; any other character unchanged.
fn base_letter(c: char) -> char {
    match c {
        '\u{FE8D}' | '\u{FE8E}' => 'ا',
        '\u{FE83}' | '\u{FE84}' => 'أ',
        '\u{FE87}' | '\u{FE88}' => 'إ',
        '\u{FE81}' | '\u{FE82}' => 'آ',
        '\u{FEDD}'..='\u{FEE0}' => 'ل',
        _ => c,
    }
}

// Measured: `khulasa normalize` on the first 3,000 ANT stories takes 386 M instructions with this test, 474 M
// (+23%) with `is_plain_at` alone on every byte; `summarize` 1,940 M against 2,028 M (+4.5%).
/// Whether the byte `byte`, with the two bytes before and after it, may be one that `is_plain_at` refuses (it
/// holds wherever that one does not; it may hold elsewhere too). Evaluated on whole blocks without a branch, so
/// it is written with `&` and `|`.
#[inline]
fn may_be_special(before2: u8, before1: u8, byte: u8, after1: u8, after2: u8) -> bool {
    // ASCII white space: space, and tab to carriage return (0x09..0x0D).
    let white = |x: u8| (x == b' ') | (x.wrapping_sub(b'\t') < 5);
    let arabic_lead = |x: u8| x.wrapping_sub(0xD8) < 4;
    // Tab to carriage return, and the lead bytes C2, E1..E3 and EF.
    let always = (byte.wrapping_sub(b'\t') < 5) | (byte == 0xC2) | (byte.wrapping_sub(0xE1) < 3) | (byte == 0xEF);
    // Not an ASCII letter or an Arabic-block character, or the Arabic letter mark (D8 9C). The byte before a space
    // or a lead byte D8 is never a lead byte itself (the text is UTF-8): a byte from 0x80 on is a continuation.
    let odd_before =
        white(before1) | ((before1 >= 0x80) & (!arabic_lead(before2) | ((before2 == 0xD8) & (before1 == 0x9C))));
    let odd_after = white(after1) | ((after1 >= 0x80) & (!arabic_lead(after1) | ((after1 == 0xD8) & (after2 == 0x9C))));
    let space = (byte == b' ') & (odd_before | odd_after);
    // Closing brackets `)` `]` `}` (0x29, 0x5D, 0x7D): plain, but noted on the way.
    let closer = (byte == b')') | ((byte | 0x20) == b'}');
    let alef_after_odd =
        (after1 == 0xA7) & ((before1 == b'\r') | (before1 == 0xA7) | ((before1 >= 0x80) & !arabic_lead(before2)));
    let d8 = (byte == 0xD8) & ((after1 == 0x9C) | alef_after_odd);
    always | space | d8 | closer
}

/// Whether the byte at `i` is copied in bulk without a look at its character (most bytes: the first pass only
/// looks at spaces, line breaks, the three-byte ranges of controls and presentation forms, the Arabic letter
/// mark, and an alef before another alef).
fn is_plain_at(bytes: &[u8], i: usize) -> bool {
    let Some(&b) = bytes.get(i) else { return true };
    let before = |n: usize| i.checked_sub(n).and_then(|j| bytes.get(j..i));
    match b {
        // A single space between two ordinary characters (ASCII or an Arabic letter) is copied as it is.
        b' ' => {
            let prev_ordinary = match before(2) {
                Some([_, p]) if p.is_ascii() => !p.is_ascii_whitespace(),
                Some([0xD8, 0x9C]) => false,
                Some([0xD8..=0xDB, 0x80..=0xBF]) => true,
                _ => false,
            };
            let next_ordinary = match bytes.get(i + 1..i + 3) {
                Some([n, _]) if n.is_ascii() => !n.is_ascii_whitespace(),
                Some([0xD8, 0x9C]) => false,
                Some([0xD8..=0xDB, _]) => true,
                _ => false,
            };
            prev_ordinary && next_ordinary
        }
        b'\t' | b'\r' | b'\n' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => false,
        0xD8 => match bytes.get(i + 1) {
            Some(0x9C) => false,
            // An alef after ASCII or an Arabic letter other than alef is copied in bulk; after anything else
            // (another alef, a control that goes, a presentation form) it is looked at: see `spurious_alef`.
            Some(0xA7) => match before(2) {
                Some([0xD8, 0xA7]) => false,
                // A carriage return goes, so the alef may follow an alef after all.
                Some([_, p]) if p.is_ascii() => *p != b'\r',
                Some([0xD8..=0xDB, 0x80..=0xBF]) => true,
                None => true,
                _ => false,
            },
            _ => true,
        },
        _ => true,
    }
}

/// A repair decided by `Repairer::decide`: the start of its word, the word repaired, the word's key when it holds
/// an intact ligature (see `intact_word_key`) and the grounds.
type Decided = (usize, String, Option<u64>, Why);

/// First pass: character-level repairs, with the offset map. The second pass only swaps characters of equal
/// length, so this map is the final one.
fn clean(original: &str) -> Cleaned {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut map = MapBuilder::default();
    // Spaces (and removed characters among them) waiting for what follows: a space between words, or nothing at
    // a line's ends.
    let mut pending: Option<(usize, usize)> = None;
    let mut line_has_text = false;
    let mut i = 0;
    let mut plain_from = 0;
    // Closing brackets of the plain run being scanned (offsets in `original`), and of `text`.
    let mut run_closers: Vec<usize> = Vec::new();
    let mut closers: Vec<usize> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    while i < bytes.len() {
        i = scan::find_position(bytes, i, may_be_special, |bytes, at| {
            // The scan stops at closing brackets too, to note them for `put_brackets_right`; they are plain.
            if matches!(bytes.get(at), Some(b')' | b']' | b'}')) && run_closers.last().is_none_or(|&last| last < at) {
                run_closers.push(at);
            }
            !is_plain_at(bytes, at)
        });
        if i >= bytes.len() {
            break;
        }
        // Flush the plain run before i.
        if plain_from < i {
            settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
            closers.extend(run_closers.drain(..).map(|at| text.len() + (at - plain_from)));
            text.push_str(original.get(plain_from..i).unwrap_or(""));
            map.copy(i - plain_from);
            line_has_text = true;
        }
        let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let after_alef = pending.is_none() && text.ends_with('ا');
        match classify(original, i, c, after_alef) {
            Kind::Keep => {
                settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
                if c == '»' {
                    closers.push(text.len());
                }
                text.push(c);
                map.copy(len);
                line_has_text = true;
            }
            Kind::Space => pending = Some(pending.map_or((i, i + len), |(s, _)| (s, i + len))),
            Kind::Remove => match pending.as_mut() {
                Some((_, end)) => *end = i + len,
                None => map.delete(len),
            },
            Kind::SpuriousAlef => {
                // Only ever after an alef of the text, so no spaces are pending.
                settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
                changes.push(Change {
                    original: i..i + len,
                    repaired: text.len(),
                    before: String::new(),
                    after: String::new(),
                    rule: Rule::SpuriousAlef,
                    evidence: Grounds::fixed(
                        "a run of alefs before lam and hamzated alef (`االأ`): a ligature written reversed and whole",
                    ),
                });
                map.delete(len);
            }
            Kind::Newline => {
                settle_spaces(&mut pending, line_has_text, false, &mut text, &mut map);
                text.push('\n');
                map.copy(1);
                line_has_text = false;
            }
            Kind::Presentation(c) => {
                settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
                let before = text.len();
                // Isolated forms of diacritics decompose to a space and the mark: the space is not wanted.
                text.extend(std::iter::once(c).nfkc().filter(|&d| d != ' '));
                // No presentation form decomposes to a closing bracket, but were one to, it would be noted.
                let made = text.get(before..).unwrap_or("");
                closers.extend(made.match_indices([')', ']', '}', '»']).map(|(at, _)| before + at));
                match changes.last_mut() {
                    // A run of presentation forms (a word, mostly) is one change.
                    Some(last)
                        if last.rule == Rule::PresentationForm
                            && last.original.end == i
                            && last.repaired + last.after.len() == before =>
                    {
                        last.original.end = i + len;
                        last.after.push_str(made);
                    }
                    _ => changes.push(Change {
                        original: i..i + len,
                        repaired: before,
                        before: String::new(),
                        after: made.to_owned(),
                        rule: Rule::PresentationForm,
                        evidence: Grounds::fixed("presentation forms, written as the letters they stand for"),
                    }),
                }
                map.replace(len, text.len() - before);
                line_has_text = true;
            }
        }
        i += len;
        plain_from = i;
    }
    if plain_from < bytes.len() {
        settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
        closers.extend(run_closers.drain(..).map(|at| text.len() + (at - plain_from)));
        text.push_str(original.get(plain_from..).unwrap_or(""));
        map.copy(bytes.len() - plain_from);
    }
    settle_spaces(&mut pending, line_has_text, false, &mut text, &mut map);
    Cleaned {
        text,
        map: map.finish(),
        closers,
        changes,
    }
}

/// What the first pass makes of a text.
struct Cleaned {
    text: String,
    map: OffsetMap,
    /// Offsets in `text` of every closing bracket (`)` `]` `}` `»`), in order: where `put_brackets_right` looks.
    closers: Vec<usize>,
    /// The presentation forms replaced and the spurious alefs removed.
    changes: Vec<Change>,
}

/// Resolves a run of spaces: one space when text precedes it on the line and follows it, nothing otherwise.
fn settle_spaces(
    pending: &mut Option<(usize, usize)>,
    line_has_text: bool,
    text_follows: bool,
    text: &mut String,
    map: &mut MapBuilder,
) {
    let Some((start, end)) = pending.take() else { return };
    if line_has_text && text_follows {
        text.push(' ');
        map.replace(end - start, 1);
    } else {
        map.delete(end - start);
    }
}

/// Puts right brackets mirrored by visual-order extraction: `)word(` -> `(word)` when the closing bracket opens a
/// word, the opening one ends a word, and Arabic text without brackets or sentence punctuation lies between them.
///
/// `closers` are the offsets of the closing brackets of `text`, in order, as the first pass noted them (the
/// ligature pass keeps every offset).
fn put_brackets_right(text: &mut String, closers: &[usize], map: &OffsetMap, noted: &mut Vec<Change>) {
    const PAIRS: [(char, char); 4] = [(')', '('), (']', '['), ('}', '{'), ('»', '«')];
    let mut swaps = Vec::new();
    for &i in closers {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let Some(&(close, open)) = PAIRS.iter().find(|&&(close, _)| close == c) else {
            continue;
        };
        let prev = text.get(..i).and_then(|before| before.chars().next_back());
        let next = text.get(i + close.len_utf8()..).and_then(|rest| rest.chars().next());
        // A bracket opens after white space or where a sentence ends (`قال!)داعش(`): the same places a piece of
        // the text repaired alone starts, so that a piece and the whole agree.
        let opens_here = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '.' | '!' | '?' | '؟'));
        if !(opens_here && next.is_some_and(char::is_alphanumeric)) {
            continue;
        }
        let Some(rest) = text.get(i + close.len_utf8()..) else {
            continue;
        };
        let mut arabic = false;
        let mut last = None;
        for (j, d) in rest.char_indices() {
            if j > 200
                || matches!(
                    d,
                    '\n' | '.' | '!' | '?' | '؟' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»'
                )
            {
                if d == open
                    && arabic
                    && last.is_some_and(char::is_alphanumeric)
                    && rest
                        .get(j + d.len_utf8()..)
                        .and_then(|r| r.chars().next())
                        .is_none_or(|n| !n.is_alphanumeric())
                {
                    swaps.push((i, close, open, i + close.len_utf8() + j));
                }
                break;
            }
            arabic |= crate::evidence::is_arabic_letter(d);
            last = Some(d);
        }
    }
    for (at_close, close, open, at_open) in swaps {
        for (at, was, now) in [(at_close, close, open), (at_open, open, close)] {
            noted.push(Change {
                original: map.original_range(at..at + was.len_utf8()),
                repaired: at,
                before: String::new(),
                after: now.to_string(),
                rule: Rule::MirroredBracket,
                evidence: Grounds::fixed("a closing bracket opens the words and an opening one ends them, on one line"),
            });
        }
        // Same lengths: `(` and `)`, `«` and `»` take as many bytes as each other.
        text.replace_range(at_close..at_close + close.len_utf8(), open.encode_utf8(&mut [0; 4]));
        text.replace_range(at_open..at_open + open.len_utf8(), close.encode_utf8(&mut [0; 4]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_repair_never_moves_the_evidence_towards_damage() {
        // `لاَ` is an intact ligature with a fatha inside; read without its marks the word is `لالالل`, whose
        // repair put the fatha back between lam and lam (`للَالال`): the intact ligature gone and a signature
        // written, the second pass saw a damaged story and repaired `لالجئينا`.
        let repairer = Repairer::new();
        let text = "لا\u{64e}لالل لالجئينا";
        let once = repairer.repair(text).text;
        assert_eq!(repairer.repair(&once).text, once);
        assert_eq!(once, text);
        assert!(!keeps_evidence("الال", "االل"));
        assert!(keeps_evidence("االل", "الال"));
    }

    /// A damaged story (signatures, no intact ligature) with `words` in it.
    fn in_damaged_story(words: &str) -> String {
        let story = format!("قال االمين العام إن االجتماع لم يكن سهال {words} بعد االنتخابات");
        Repairer::new().repair(&story).text
    }

    #[test]
    fn a_preposition_joined_to_an_alef_stem_is_weighed_against_the_article() {
        // `ل` + `انعدام`: the article before `نعدام` is no word.
        assert!(in_damaged_story("بسبب النعدام الثقة").contains(" لانعدام "));
        // The article + `أطلال`, whose own ligature is damaged too; the damage lost the hamza.
        assert!(in_damaged_story("على االطالل").contains(" الأطلال "));
        // `و` + the article + `تحمل` (a common word) against `و` + `ل` + `أتحمل`: the article.
        assert!(in_damaged_story("القدرة والتحمل").contains(" والتحمل "));
        // `لحية` after the article; a preposition before the article would drop its alef (`للحية`).
        assert!(in_damaged_story("اللحية").contains(" اللحية "));
        // In a story without damage of its own, the word is left as written.
        let clean = "قال الأمين العام إن الاجتماع بسبب النعدام";
        assert_eq!(Repairer::new().repair(clean).text, clean);
    }

    #[test]
    fn neighbours_are_weighed_as_shares_of_the_folded_reading() {
        // `القى` is written so once in the lexicon's text, but folds with `ألقى` "threw", seen thousands of times:
        // its neighbours are those of `ألقى`, and only a share of them stands after `ما`.
        assert!(in_damaged_story("وسرعان ما القى مكانة كبرى").contains(" ما لاقى "));
        // `إلى` "to" is not read as `لأي` before a place.
        assert!(in_damaged_story("وصل الى القاهرة").contains(" الى "));
    }

    #[test]
    fn a_word_the_lexicon_does_not_know_is_read_by_the_letters_around_its_alef_lam() {
        // Names and rare words, neither reading in the lexicon: `فنزويلا` ends as words ending `ويلا` do, `وصولات`
        // as plurals in `لات`, `صيدلاني` as adjectives in `لاني`. A word the lexicon knows once a clitic is
        // stripped is that word (`ف` + `توالت`).
        for (words, read) in [
            ("زار فينزويال أمس", " فينزويلا "),
            ("ووصوالت كثيرة", " ووصولات "),
            ("صيدالني ماهر", " صيدلاني "),
            ("فتوالت الأحداث", " فتوالت "),
        ] {
            assert!(in_damaged_story(words).contains(read), "{words}");
        }
        // The change says where its reading came from.
        let story = "قال االمين العام إن االجتماع لم يكن سهال زار فينزويال بعد االنتخابات";
        let repaired = Repairer::new().repair(story);
        let change = repaired.changes.iter().find(|c| c.before == "فينزويال");
        assert!(change.is_some_and(|c| c.evidence.to_string().contains("letter context")));
        // In a story without damage of its own, never.
        let clean = "قال الأمين العام إن فينزويال تغيرت";
        assert_eq!(Repairer::new().repair(clean).text, clean);
    }

    #[test]
    fn a_form_only_damage_makes_is_a_signature_in_a_short_text() {
        let repairer = Repairer::new();
        // Too short for the absence of intact ligatures to say much, and no `اال`; but `خالل` is no word, and the
        // damaged form of a common one: the text shows damage, so its `ال` is read as `لا` too.
        assert_eq!(repairer.evidence("خالل الحرب").damaged_signatures(), 1);
        assert_eq!(
            repairer.repair("خالل الحرب ال يزال القتال").text,
            "خلال الحرب لا يزال القتال"
        );
        // `غالف` was seen once as a word, `غلاف` 69 times: a signature still.
        assert_eq!(repairer.repair("غالف الكتاب ال يزال").text, "غلاف الكتاب لا يزال");
        // `ال` alone is seen as a word more than a fiftieth as often as `لا`: its count alone gives no signature,
        // its neighbours do where `لا` stands before them and `ال` never (`يزال`), and not before a name that
        // follows the Spanish article (`ال بايس`, the newspaper).
        assert_eq!(repairer.evidence("قال إنه ال يزال").damaged_signatures(), 1);
        assert_eq!(repairer.repair("قال إنه ال يزال").text, "قال إنه لا يزال");
        assert_eq!(repairer.repair("قال إنه ال يعرف").text, "قال إنه لا يعرف");
        for text in ["صحيفة ال بايس الإسبانية", "ظاهرة ال نينو تضرب"] {
            assert_eq!(repairer.evidence(text).damaged_signatures(), 0, "{text}");
            assert_eq!(repairer.repair(text).text, text);
        }
        // A form that may be the article and a word (`السيما` "the cinema", `وال` "and a governor") is a signature
        // for the other words, and for itself only where its neighbours speak for the repair: alone, it is kept;
        // two of them (`لاستخراج`, `لاستخدام`) are evidence for each other and for `ال`.
        for text in ["افتتحت السيما أبوابها", "التقى الرئيس وال المدينة"] {
            assert_eq!(repairer.evidence(text).damaged_signatures(), 1, "{text}");
            assert_eq!(repairer.repair(text).text, text);
        }
        assert_eq!(repairer.repair("وال يزال الوضع متوترا").text, "ولا يزال الوضع متوترا");
        // Whose article would stand before no word (`ستخدام`, `ن`), it is a signature for itself too: alone in a
        // headline, it is repaired.
        assert_eq!(repairer.repair("خطة الستخدام الطاقة").text, "خطة لاستخدام الطاقة");
        assert_eq!(repairer.repair("قال الن الوقت حان").text, "قال لأن الوقت حان");
        assert_eq!(
            repairer.repair("ال بد الستخراج النفط الستخدام الطاقة").text,
            "لا بد لاستخراج النفط لاستخدام الطاقة"
        );
        // A text with an intact ligature is not searched: extraction damages every ligature of a document.
        assert_eq!(repairer.evidence("خالل الحرب لا يزال").damaged_signatures(), 0);
    }

    #[test]
    fn a_preposition_never_reads_before_the_preposition_lam() {
        // `ب` + `لإتمام`, `ك` + `لإعادة`: two prepositions; the article reading stays.
        assert!(in_damaged_story("بالتمام").contains(" بالتمام "));
        assert!(in_damaged_story("كالعادة").contains(" كالعادة "));
        // `ب` before a stem whose own lam-alef is no preposition is Arabic (`بلاعب`).
        assert!(in_damaged_story("بالعب").contains(" بلاعب "));
    }

    #[test]
    fn a_stem_seen_under_five_times_reads_no_word_built_on_it() {
        // `سلاير` is seen 3 times, `لأهلي` twice: the words are no `سلاير` + `ي`, no `لأهلي` + `ني`.
        assert!(in_damaged_story("الموسيقار ساليري").contains(" ساليري "));
        assert!(in_damaged_story("العصر الهليني").contains(" الهليني "));
        // A stem seen often enough still reads (`وإختالف`: `اختلاف`).
        assert!(in_damaged_story("وإختالف").contains(" وإختلاف "));
    }

    #[test]
    fn punctuation_on_a_neighbour_s_far_side_is_set_aside() {
        let text = "«الرئيس صالح خاطر.";
        let start = text.find("صالح").unwrap();
        let end = start + "صالح".len();
        assert_eq!(neighbour(text, start, Side::Before), Some("الرئيس"));
        assert_eq!(neighbour(text, end, Side::After), Some("خاطر"));
        // Punctuation between the two parts them.
        let text = "الرئيس، صالح (خاطر)";
        let start = text.find("صالح").unwrap();
        assert_eq!(neighbour(text, start, Side::Before), None);
        assert_eq!(neighbour(text, start + "صالح".len(), Side::After), None);
        assert_eq!(neighbour("صالح ...", "صالح".len(), Side::After), None);
    }

    #[test]
    fn prefixes_are_found_by_their_first_letter() {
        let mut found = 0;
        for first in ['و', 'ف', 'ب', 'ك', 'ل', 'س', 'ا', 'م'] {
            for prefix in prefixes_of(first) {
                assert!(prefix.starts_with(first), "{prefix} under {first}");
                found += 1;
            }
        }
        assert_eq!(found, PREFIXES.len());
        assert!(
            !PREFIXES.contains(&""),
            "the empty prefix is tried first, outside the table"
        );
    }

    #[test]
    fn joining_entries_are_found_by_their_first_letter() {
        let mut found = 0;
        for first in ['ا', 'ل', 'و', 'ف', 'ب', 'ك', 'م'] {
            for (damaged, _) in joining_of(first) {
                assert!(damaged.starts_with(first), "{damaged} under {first}");
                found += 1;
            }
        }
        assert_eq!(found, JOINING.len());
    }

    #[test]
    fn a_writer_s_hamza_on_a_stem_is_kept() {
        // The lexicon knows `اختلاف`; the writer put a hamza on its alef.
        assert!(in_damaged_story("وإختالف").contains(" وإختلاف "));
        assert!(in_damaged_story("إستقالال").contains(" إستقلالا "));
        let mut core = String::from("إختالف");
        assert_eq!(with_bare_alef(&mut core), Some(()));
        assert_eq!(core, "اختالف");
        let mut core = String::from("ختالف");
        assert_eq!(with_bare_alef(&mut core), None);
        assert_eq!(core, "ختالف");
    }

    #[test]
    fn the_same_shape_table_finds_the_first_group_holding_a_letter() {
        for c in ('\u{0600}'..='\u{06FF}').chain(['a', ' ', '\u{FEFB}']) {
            let searched = SAME_SHAPE.iter().find(|g| g.contains(c)).copied();
            assert_eq!(same_shape_group(c), searched, "{c}");
        }
        // `ي` is in two groups: the first is the one weighed.
        assert_eq!(same_shape_group('ي'), Some("بتثني"));
    }

    #[test]
    fn signatures_are_counted_as_str_matches_counts_them() {
        for word in ["", "اال", "االال", "ااالل", "وااللاال", "الاال", "خالل"] {
            assert_eq!(signatures(word), word.matches("اال").count(), "{word}");
        }
    }

    /// `neighbour` as it was written first, token by token, its far side's punctuation set aside: the one it must
    /// answer as.
    fn neighbour_by_tokens(text: &str, at: usize, side: Side) -> Option<&str> {
        let (start, end) = match side {
            Side::Before => {
                let before = text.get(..at)?.strip_suffix(' ')?;
                let start = before
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '؟'))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                (start, before.len())
            }
            Side::After => {
                let rest = text.get(at..)?.strip_prefix(' ')?;
                let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (at + 1, at + 1 + len)
            }
        };
        let token = text.get(start..end)?;
        let token = match side {
            Side::Before => token.trim_start_matches(is_outer_punctuation),
            Side::After => token.trim_end_matches(is_outer_punctuation),
        };
        (!token.is_empty()
            && token
                .chars()
                .all(|c| crate::evidence::is_arabic_letter(c) || is_mark(c)))
        .then_some(token)
    }

    proptest! {
        #[test]
        fn a_neighbour_is_the_token_next_to_the_space(text in "[ لاأبة\u{064E}\u{0640}.!؟،«»(a\u{00A0}\n\u{0660}]{0,24}") {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                for side in [Side::Before, Side::After] {
                    prop_assert_eq!(neighbour(&text, at, side), neighbour_by_tokens(&text, at, side), "at {} {:?}", at, side);
                }
            }
        }

        #[test]
        fn the_block_test_holds_wherever_a_byte_is_not_plain(text in "([ \t\r\n\u{00A0}\u{2003}\u{200F}\u{061C}\u{FEFB}\u{FE8D})»(a.]ابلأ]|.){0,40}") {
            let bytes = text.as_bytes();
            let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
            for i in 2..bytes.len().saturating_sub(2) {
                if !is_plain_at(bytes, i) {
                    prop_assert!(may_be_special(at(i - 2), at(i - 1), at(i), at(i + 1), at(i + 2)), "at {}", i);
                }
            }
        }
    }
}
