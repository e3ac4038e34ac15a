use crate::evidence::{is_intact_at, is_mark, word_bounds, Evidence};
use crate::lexicon::{damage, Lexicon, LexiconError, Side};
use crate::offsets::{MapBuilder, OffsetMap};
use std::sync::{Arc, OnceLock};
use unicode_normalization::UnicodeNormalization;

/// A repaired text and the map back to the text as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text: what a translator sees.
    pub text: String,
    /// Offsets of `text` mapped to offsets of the original.
    pub map: OffsetMap,
}

/// Repairs extraction damage while keeping the writer's own spelling.
///
/// What it repairs: presentation forms (U+FB50–FDFF, U+FE70–FEFC) become letters; bidi controls, zero-width
/// characters, the Arabic letter mark and byte order marks are removed; runs of spaces (any Unicode space, tab)
/// become one space, spaces at the start and end of a line are removed (so a line of spaces becomes empty), and
/// carriage returns are removed; brackets mirrored by visual-order extraction (`)داعش(`) are put right; lam-alef
/// ligatures that came out reversed (`خالل`) are restored (`خلال`), weighing a word-frequency lexicon, the
/// evidence of the story (see [`Evidence`]) and the word's own form. Everything else is kept as it is: hamzas,
/// diacritics, tatweel, punctuation, line breaks and blank lines.
///
/// Every decision looks only at a word and its neighbours on the same line, and at the [`Evidence`] passed in,
/// so repairing a piece of a text with the text's evidence gives the same result as the piece of the repaired
/// text (up to spaces at the piece's ends).
#[derive(Debug, Clone)]
pub struct Repairer {
    lexicon: Arc<Lexicon>,
}

impl Default for Repairer {
    fn default() -> Self {
        Self::new()
    }
}

/// Weight of an unknown word's reading as itself: a reading needs `p * count > count(word) + (1 - p) * UNSEEN`.
const UNSEEN: f64 = 1.0;
/// A word the lexicon knows, with alef-lam where the definite article goes (`العادة`, `والناي`), is read as a
/// lam-alef repair there (`لإعادة`) only when the repair is this many times as frequent: the article is by far
/// the most common reading of that position, more so in other registers than the news the lexicon counts.
const ARTICLE_MARGIN: f64 = 2.0;
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
/// `لال` where a word starts: a preposition before an article and a damaged ligature.
const RULE_ARTICLE_LAM_ALEF: f64 = 50.0;
/// A repair seen intact elsewhere in the story or batch counts as this many lexicon occurrences.
const STORY_WORD: f64 = 1000.0;
/// Below this damage probability, affixes are not stripped to look for a repair: a clean story needs none, and
/// the lookups cost time on every word.
const BACKOFF_MIN_P: f64 = 0.05;

/// Shortest stem (in letters) looked up with affixes stripped: shorter ones match by chance (`الناي` is not
/// `لانا` + `ي`).
const MIN_BACKOFF_STEM: usize = 5;

const PREFIXES: &[&str] = &["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فل", "فك"];
/// Enclitic pronouns, as `(stripped, looked up in its place)`: a feminine `ة` is written `ت` before one.
/// Inflection endings (`ات`, `ين`, `ة`, ...) are not stripped: they make another word, whose repair says
/// little about this one.
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
];

fn shared_lexicon() -> Arc<Lexicon> {
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    // The built-in lexicon is compiled in and checked by a unit test; were it unreadable, repairs would rest on
    // the form rules alone rather than fail.
    LEXICON
        .get_or_init(|| Arc::new(Lexicon::built_in().unwrap_or_default()))
        .clone()
}

impl Repairer {
    /// A repairer with the built-in lexicon (`corpora/lexicon-ar.tsv.gz`, read once per process).
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::new().repair("خالل االجتماع");
    /// assert_eq!(r.text, "خلال الاجتماع");
    /// ```
    pub fn new() -> Self {
        Repairer {
            lexicon: shared_lexicon(),
        }
    }

    /// A repairer with another lexicon: lines `word<TAB>count`, as `scripts/build-lexicon.py` writes them.
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::with_lexicon("خلال\t1000\n").unwrap();
    /// assert_eq!(r.repair("خالل").text, "خلال");
    /// assert!(khulasa_normalize::Repairer::with_lexicon("no count\n").is_err());
    /// ```
    pub fn with_lexicon(tsv: &str) -> Result<Self, LexiconError> {
        Ok(Repairer {
            lexicon: Arc::new(Lexicon::parse(tsv)?),
        })
    }

    /// The evidence of `text` (see [`Evidence`]) as the repair sees it (presentation forms as letters, controls
    /// removed); merge several to repair a batch with the batch's evidence.
    ///
    /// ```
    /// let repairer = khulasa_normalize::Repairer::new();
    /// assert!(repairer.evidence("االجتماع").damage_probability() > 0.4);
    /// ```
    pub fn evidence(&self, text: &str) -> Evidence {
        Evidence::from_text(&clean(text).0)
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
        let (mut text, map) = clean(original);
        let evidence = Evidence::from_text(&text);
        self.restore_ligatures(&mut text, &evidence);
        put_brackets_right(&mut text);
        Repaired { text, map }
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
        let (mut text, map) = clean(original);
        self.restore_ligatures(&mut text, evidence);
        put_brackets_right(&mut text);
        Repaired { text, map }
    }

    /// Restores reversed lam-alef ligatures in place (every change keeps the byte length). Decisions are all
    /// taken on the text before any of them is applied, so a word's neighbours look the same to it whether or not
    /// they are repaired, and whether or not they are in the piece being repaired.
    fn restore_ligatures(&self, text: &mut String, evidence: &Evidence) {
        let p = evidence.damage_probability();
        let mut letters = String::new();
        let mut candidate = String::new();
        let mut scratch = String::new();
        let mut changes: Vec<(usize, String)> = Vec::new();
        let mut from = 0;
        let source: &str = text;
        while let Some(found) = find_alef_lam(source.as_bytes(), from) {
            let (start, end) = word_bounds(source, found);
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
            if attached || word.contains("الْ") {
                continue;
            }
            // Diacritics and tatweel are set aside for the lookup and put back after the letters they follow.
            letters.clear();
            if word.chars().any(is_mark) {
                letters.extend(word.chars().filter(|&c| !is_mark(c)));
            } else {
                letters.push_str(word);
            }
            let context = Context {
                text: source,
                start,
                end,
            };
            let Some(source) = self.choose(&letters, p, evidence, &context, &mut candidate, &mut scratch) else {
                continue;
            };
            // A word repaired by affixes may still hold the signature of damage (`اال`): apply the rules to it, so
            // that repairing twice changes nothing more.
            if source == Source::Affixes && candidate.contains("اال") && rules(&candidate, &mut letters) > 0.0 {
                std::mem::swap(&mut letters, &mut candidate);
            }
            // A word repaired by a rule may now be a form the lexicon knows: look again until it is stable.
            let mut again = source == Source::Rules;
            let mut rounds = 0;
            while again && rounds < 4 {
                rounds += 1;
                std::mem::swap(&mut letters, &mut candidate);
                let next = self.choose(&letters, p, evidence, &context, &mut candidate, &mut scratch);
                if next.is_none() {
                    std::mem::swap(&mut letters, &mut candidate);
                }
                again = next == Some(Source::Rules);
            }
            let mut repaired_letters = candidate.chars();
            let rebuilt: String = word
                .chars()
                .map(|c| {
                    if is_mark(c) {
                        c
                    } else {
                        repaired_letters.next().unwrap_or(c)
                    }
                })
                .collect();
            if rebuilt.len() == word.len() {
                changes.push((start, rebuilt));
            }
        }
        for (start, rebuilt) in changes {
            text.replace_range(start..start + rebuilt.len(), &rebuilt);
        }
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
    ) -> f64 {
        let mut ratio = 1.0;
        let (mut repair_folded, mut word_folded) = (String::new(), String::new());
        crate::fold_into(repair, &mut repair_folded);
        crate::fold_into(word, &mut word_folded);
        let (mut neighbour_folded, mut neighbour_key) = (String::new(), String::new());
        for (side, neighbour) in [(Side::Before, context.before()), (Side::After, context.after())] {
            let Some(neighbour) = neighbour else { continue };
            neighbour_folded.clear();
            crate::fold_into(neighbour, &mut neighbour_folded);
            damage(&neighbour_folded, &mut neighbour_key);
            let with_repair = f64::from(self.lexicon.context(&repair_folded, side, &neighbour_key));
            let with_word = f64::from(self.lexicon.context(&word_folded, side, &neighbour_key));
            if with_repair == 0.0 && with_word == 0.0 {
                continue;
            }
            ratio *= neighbour_probability(with_repair, repair_count) / neighbour_probability(with_word, word_count);
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
        scratch: &mut String,
    ) -> Option<Source> {
        let bytes = word.as_bytes();
        if word.match_indices('ل').any(|(i, _)| is_intact_at(bytes, i)) {
            return None;
        }
        let (count, repair) = self.lexicon.lookup(word);
        let mut keep = f64::from(count);
        if matches!(word, "ال" | "وال" | "فال") && context.after().is_some() {
            // The article is written onto its noun: before another Arabic word, a free-standing `ال` is no
            // article (the lexicon counts it from `ال` before Latin names and quotes).
            keep = 0.0;
        }
        candidate.clear();
        if let Some(repair) = repair {
            candidate.push_str(&repair.word);
            let mut support = f64::from(repair.count);
            if keep > 0.0 {
                // Both readings are words: let the neighbours weigh in.
                support *= self.context_ratio(candidate, support, word, keep, context);
            }
            return self
                .accept(word, candidate, support, keep, p, evidence)
                .then_some(Source::Lexicon);
        }
        // Affixes are stripped only when the story looks damaged; the form rules are tried when that finds
        // nothing acceptable, at any damage probability (so a lower probability never accepts what a higher
        // one refused).
        if p >= BACKOFF_MIN_P {
            if let Some((support, core_count)) = self.backoff(word, candidate, scratch) {
                if self.accept(word, candidate, support, keep.max(core_count), p, evidence) {
                    return Some(Source::Affixes);
                }
            }
        }
        let support = rules(word, candidate);
        self.accept(word, candidate, support, keep, p, evidence)
            .then_some(Source::Rules)
    }

    /// The decision: whether reading `candidate` (seen `support` times, all evidence counted) beats reading
    /// `word` as written (seen `keep` times) in a text damaged with probability `p`.
    fn accept(&self, word: &str, candidate: &str, mut support: f64, keep: f64, p: f64, evidence: &Evidence) -> bool {
        if candidate.is_empty() || candidate == word || candidate.chars().count() != word.chars().count() {
            return false;
        }
        if evidence.has_word(candidate) {
            support += STORY_WORD;
        }
        let margin = if at_article_position(word, candidate) {
            ARTICLE_MARGIN
        } else {
            1.0
        };
        p * support > margin * keep + (1.0 - p) * UNSEEN
    }

    /// Looks for a repair of `word` with clitics and suffixes stripped; writes the whole word repaired.
    fn backoff(&self, word: &str, candidate: &mut String, core: &mut String) -> Option<(f64, f64)> {
        for prefix in PREFIXES {
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            for &(suffix, replacement) in SUFFIXES {
                if prefix.is_empty() && suffix.is_empty() {
                    continue;
                }
                let Some(stem) = rest.strip_suffix(suffix) else {
                    continue;
                };
                if stem.chars().count() + replacement.chars().count() < MIN_BACKOFF_STEM || !stem.contains("ال") {
                    continue;
                }
                core.clear();
                core.push_str(stem);
                core.push_str(replacement);
                let Some(repair) = self.lexicon.repair(core) else {
                    continue;
                };
                let repaired_stem = repair.word.get(..repair.word.len().saturating_sub(replacement.len()))?;
                candidate.clear();
                candidate.push_str(prefix);
                candidate.push_str(repaired_stem);
                candidate.push_str(suffix);
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

/// Whether the first change from `word` to `candidate` is at the start of the word or right after conjunctions
/// and prepositions written as one with it (`و ف ب ك`): where a definite article stands.
fn at_article_position(word: &str, candidate: &str) -> bool {
    word.chars()
        .zip(candidate.chars())
        .take_while(|(a, b)| a == b)
        .try_fold(0, |n, (a, _)| matches!(a, 'و' | 'ف' | 'ب' | 'ك').then_some(n + 1))
        .is_some_and(|n| n <= 2)
}

/// The probability of a neighbour next to a reading seen `count` times, `seen` of them with the neighbour.
fn neighbour_probability(seen: f64, count: f64) -> f64 {
    let count = count.max(1.0);
    (seen / count).max((CONTEXT_UNSEEN / count).min(CONTEXT_UNSEEN_MAX))
}

/// The byte offset of the next alef-lam (D8 A7 D9 84) at or after `from`.
fn find_alef_lam(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + bytes.get(i..)?.iter().position(|&b| b == 0xA7)?;
        if at > 0 && matches!(bytes.get(at - 1..at + 3), Some([0xD8, 0xA7, 0xD9, 0x84])) {
            return Some(at - 1);
        }
        i = at + 1;
    }
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
}

/// Where a word stands, to find its neighbours when they are needed (see `scripts/build-lexicon-context.py`).
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
}

/// The white-space token next to the word that starts or ends at `at`, when a single space separates them and
/// the token is an Arabic word (letters and marks only, no punctuation).
fn neighbour(text: &str, at: usize, side: Side) -> Option<&str> {
    let (start, end) = match side {
        Side::Before => {
            let before = text.get(..at)?.strip_suffix(' ')?;
            let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            (start, before.len())
        }
        Side::After => {
            let rest = text.get(at..)?.strip_prefix(' ')?;
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (at + 1, at + 1 + len)
        }
    };
    let token = text.get(start..end)?;
    (!token.is_empty()
        && token
            .chars()
            .all(|c| crate::evidence::is_arabic_letter(c) || is_mark(c)))
    .then_some(token)
}

/// The form rules, for words the lexicon does not know: `اال` -> `الا` anywhere (an article, or a word ending
/// in alef, before a damaged ligature: a sequence no Arabic word holds); where a word starts (after `و ف ب ك`),
/// `لال` -> `للا` (the preposition before an article and a damaged ligature; in a damaged text a lam before a
/// bare alef comes from nothing else). `الال` is left to the lexicon: it is what the first rule makes of `االل`
/// (`الالتزام`) as well as the damaged form of `اللا` (`اللاجئين`). Returns the pseudo-count of the strongest
/// rule applied, 0 when none applies.
fn rules(word: &str, candidate: &mut String) -> f64 {
    candidate.clear();
    // Most words hold neither pattern: say so without copying them.
    let bytes = word.as_bytes();
    let alef_alef_lam = bytes
        .windows(6)
        .any(|w| matches!(w, [0xD8, 0xA7, 0xD8, 0xA7, 0xD9, 0x84]));
    if !alef_alef_lam && !word.trim_start_matches(['و', 'ف', 'ب', 'ك']).starts_with("لال") {
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

/// What one character of the original becomes in the first pass.
enum Kind {
    /// Copied unchanged.
    Keep,
    /// A space of any kind (collapsed with its neighbours into one space, or removed at a line's ends).
    Space,
    /// A line break.
    Newline,
    /// Removed (controls, carriage returns, a spurious alef).
    Remove,
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
        'ا' | '\u{FE8D}' | '\u{FE8E}' if after_alef && spurious_alef(text, i + c.len_utf8()) => Kind::Remove,
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Kind::Presentation(c),
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

/// First pass: character-level repairs, with the offset map. The second pass only swaps characters of equal
/// length, so this map is the final one.
fn clean(original: &str) -> (String, OffsetMap) {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut map = MapBuilder::default();
    // Spaces (and removed characters among them) waiting for what follows: a space between words, or nothing at
    // a line's ends.
    let mut pending: Option<(usize, usize)> = None;
    let mut line_has_text = false;
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        if is_plain_at(bytes, i) {
            i += 1;
            continue;
        }
        // Flush the plain run before i.
        if plain_from < i {
            settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
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
                text.push(c);
                map.copy(len);
                line_has_text = true;
            }
            Kind::Space => pending = Some(pending.map_or((i, i + len), |(s, _)| (s, i + len))),
            Kind::Remove => match pending.as_mut() {
                Some((_, end)) => *end = i + len,
                None => map.delete(len),
            },
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
                map.replace(len, text.len() - before);
                line_has_text = true;
            }
        }
        i += len;
        plain_from = i;
    }
    if plain_from < bytes.len() {
        settle_spaces(&mut pending, line_has_text, true, &mut text, &mut map);
        text.push_str(original.get(plain_from..).unwrap_or(""));
        map.copy(bytes.len() - plain_from);
    }
    settle_spaces(&mut pending, line_has_text, false, &mut text, &mut map);
    (text, map.finish())
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
fn put_brackets_right(text: &mut String) {
    const PAIRS: [(char, char); 4] = [(')', '('), (']', '['), ('}', '{'), ('»', '«')];
    if !text.contains([')', ']', '}', '»']) {
        return;
    }
    let mut swaps = Vec::new();
    let bytes = text.as_bytes();
    // `)` `]` `}` are single bytes; `»` is C2 BB.
    let closers = bytes.iter().enumerate().filter_map(|(i, &b)| match b {
        b')' | b']' | b'}' => Some(i),
        0xC2 if bytes.get(i + 1) == Some(&0xBB) => Some(i),
        _ => None,
    });
    for i in closers {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let Some(&(close, open)) = PAIRS.iter().find(|&&(close, _)| close == c) else {
            continue;
        };
        let prev = text.get(..i).and_then(|before| before.chars().next_back());
        let next = text.get(i + close.len_utf8()..).and_then(|rest| rest.chars().next());
        if !(prev.is_none_or(char::is_whitespace) && next.is_some_and(char::is_alphanumeric)) {
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
        // Same lengths: `(` and `)`, `«` and `»` take as many bytes as each other.
        text.replace_range(at_close..at_close + close.len_utf8(), open.encode_utf8(&mut [0; 4]));
        text.replace_range(at_open..at_open + open.len_utf8(), close.encode_utf8(&mut [0; 4]));
    }
}
