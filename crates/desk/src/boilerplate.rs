//! Lines that are not the story's prose: links to other stories, credits, promotions, disclaimers, and the
//! "about the company" section that closes a press release.

use crate::agency::{compact_into, is_agency, is_picture_agency, is_unambiguous_agency, may_be_name, name_fits};
use crate::text::{fold, lexicon, phrases, tokens, Lexicon, Phrases, Token};
use crate::Kind;
use std::sync::OnceLock;

/// Punctuation that ends the heading of a link line (`اقرأ أيضاً:`, `قد يهمك|`, `شاهد..`, `للمزيد -`).
const HEAD_ENDS: &[char] = &[
    ':', '|', '/', '-', '–', '—', '.', '…', '>', '»', '«', '(', '[', '"', '“', '”', '؛',
];

/// Headings of links to other stories. They are boilerplate only when punctuation or the end of the unit follows:
/// `شاهد آلاف الأشخاص …` ("thousands watched …") is prose.
const LINK_HEADS: &[&str] = &[
    "اقرأ",
    "إقرأ",
    "اقرأوا",
    "اقرأ أيضا",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "للمزيد",
    "للمزيد اقرأ",
    "المزيد",
    "شاهد",
    "شاهدوا",
    "شاهد أيضا",
    "شاهد أيضاً",
    "طالع",
    "طالع أيضا",
    "انظر",
    "انظر أيضا",
    "قد يهمك",
    "قد يهمك أيضا",
    "قد يعجبك",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "أخبار ذات صلة",
    "روابط ذات صلة",
    "ذات صلة",
    "مواضيع متعلقة",
    "موضوعات متعلقة",
];
static LINK_HEAD_PHRASES: OnceLock<Phrases> = OnceLock::new();

/// Words that open an attribution (`حسب رويترز.`, `*نقلاً عن الرؤية الإماراتية`): a unit of such an opener and a
/// source, and nothing else, is a credit or a fragment cut from the sentence before.
const ATTRIBUTION_OPENERS: &[&str] = &[
    "حسب",
    "بحسب",
    "وحسب",
    "وبحسب",
    "حسبما",
    "وحسبما",
    "بحسبما",
    "وفقا",
    "ووفقا",
    "وفق",
    "طبقا",
    "وطبقا",
    "نقلا",
    "ونقلا",
];
static ATTRIBUTION_OPENER_WORDS: OnceLock<Lexicon> = OnceLock::new();
/// Most words in an attribution-only unit; more when it names a `وكالة` (`وفقا لوكالة الصحافة الفرنسية.`).
const MAX_ATTRIBUTION_WORDS: usize = 6;
const MAX_AGENCY_ATTRIBUTION_WORDS: usize = 8;
/// Words that start the clause an attribution introduces: with one of them, the unit says something.
const CLAUSE_WORDS: &[&str] = &[
    "أن",
    "إن",
    "فإن",
    "أنه",
    "فإنه",
    "أنها",
    "فإنها",
    "هذه",
    "هذا",
    "هي",
    "هو",
];
static CLAUSE_WORD_SET: OnceLock<Lexicon> = OnceLock::new();

/// Headings of photo and source credits that need no colon after them (`مصدر الصورة Getty Images`).
const CREDIT_HEADS: &[&str] = &["مصدر الصورة", "مصدر الصور", "حقوق الصورة", "حقوق الصور", "الصورة من"];
static CREDIT_HEAD_PHRASES: OnceLock<Phrases> = OnceLock::new();
/// Headings of credits when a colon follows (`المصدر: …`, `(الصورة: …)`, `بقلم: …`). Not `مصدر:` ("a source:"),
/// which opens headlines of the form `مصدر: الاتفاق وشيك`.
const COLON_CREDIT_HEADS: &[&str] = &[
    "المصدر",
    "المصادر",
    "الصورة",
    "الصور",
    "تصوير",
    "بقلم",
    "إعداد",
    "ترجمة",
];
static COLON_CREDIT_HEAD_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Phrases of disclaimers under opinion pieces; folded, as [`crate::text::fold`] writes them.
const OPINION_DISCLAIMERS: &[&str] = &[
    "الآراء الواردة",
    "الآراء المنشورة",
    "المقالات المنشورة تمثل",
    "تمثل رأي كتابها",
    "تمثل رأي كاتبها",
    "تعبر عن رأي كاتبها",
    "تعبر عن رأي كتابها",
    "هذا المقال بقلم",
];
const COPYRIGHT: &[&str] = &[
    "حقوق النشر محفوظة",
    "حقوق الطبع محفوظة",
    "حقوق الطبع والنشر محفوظة",
    "الحقوق محفوظة",
];
/// Most words of a copyright line: a longer unit that mentions copyright is about it.
const MAX_COPYRIGHT_WORDS: usize = 15;
/// Openings of a note that the piece is sponsored (with `بالتعاون مع` or `برعاية` after them).
const SPONSORED_OPENERS: &[&str] = &[
    "نشر هذا المقال",
    "تم نشر هذا المقال",
    "هذا المقال منشور",
    "هذ المقال منشور",
    "هذا المحتوى",
    "هذا الموضوع منشور",
    "هذا الفيديو",
];
static SPONSORED_OPENER_PHRASES: OnceLock<Phrases> = OnceLock::new();
const EDITOR_NOTES: &[&str] = &["ملاحظة المحرر", "ملاحظة من المحرر", "ملاحظة التحرير"];
static EDITOR_NOTE_PHRASES: OnceLock<Phrases> = OnceLock::new();

/// Labels of the kind of piece (a one-word unit): report, video, pictures, infographic, podcast.
const LABELS: &[&str] = &[
    "ريبورتاج",
    "فيديو",
    "بالفيديو",
    "صور",
    "بالصور",
    "إنفوغرافيك",
    "انفوجرافيك",
    "إنفوجرافيك",
    "بالإنفوغرافيك",
    "فيديوغراف",
    "بودكاست",
];
static LABEL_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// An outlet's standing note that it cannot check what it reports from social media: with the outlet's own
/// name (see [`OUTLETS`]), a "cannot" and a "verify".
const CANNOT: &[&str] = &["لا يمكن", "لم يتسن", "لا تستطيع", "لا يستطيع", "يتعذر"];
const VERIFY: &[&str] = &["التأكد", "التحقق"];
const OUTLETS: &[&str] = &[
    "cnn",
    "بي بي سي",
    "bbc",
    "فرانس24",
    "فرانس 24",
    "سكاي نيوز",
    "العربية.نت",
    "موقعنا",
];
static CANNOT_FOLDED: OnceLock<Folded> = OnceLock::new();
static VERIFY_FOLDED: OnceLock<Folded> = OnceLock::new();
static OUTLETS_FOLDED: OnceLock<Folded> = OnceLock::new();
/// Most words of such a note: a longer unit that says so is reporting.
const MAX_VERIFY_NOTE_WORDS: usize = 25;

/// Promotions: what a reader is asked to follow, install or click.
const FOLLOW_US: &[&str] = &["تابعونا", "وتابعونا"];
static FOLLOW_US_WORDS: OnceLock<Lexicon> = OnceLock::new();
/// `تابعوا` is also "they followed": it is an imperative only with a channel to follow.
const FOLLOW: &[&str] = &["تابعوا", "وتابعوا"];
static FOLLOW_WORDS: OnceLock<Lexicon> = OnceLock::new();
const CHANNELS: &[&str] = &[
    "مباشر",
    "موقع",
    "البث",
    "صفحت",
    "حساب",
    "تطبيق",
    "قناة",
    "تغطية",
    "يوتيوب",
    "تويتر",
    "فيسبوك",
    "انستغرام",
];
/// Openers that address the reader (`يمكنكم استلام إشعارات … تطبيق بي بي سي`), with what they offer.
const YOU_CAN: &[&str] = &[
    "يمكنكم",
    "ويمكنكم",
    "بإمكانكم",
    "اشترك",
    "اشتركوا",
    "حملوا",
    "نزلوا",
    "حمل",
    "نزل",
];
static YOU_CAN_WORDS: OnceLock<Lexicon> = OnceLock::new();
const OFFERS: &[&str] = &[
    "تطبيق",
    "إشعارات",
    "اشتراك",
    "النشرة",
    "نشرتنا",
    "متابعتنا",
    "صفحتنا",
    "حسابنا",
    "قناتنا",
];
const CLICK: &[&str] = &[
    "اضغط هنا",
    "انقر هنا",
    "اضغطوا هنا",
    "انقروا هنا",
    "اضغط على الرابط",
    "انقر على الرابط",
    "اضغط على العنوان",
    "انقر على العنوان",
    "على الرابط التالي",
];
/// Most words of a click-here line: longer units that say `اضغط هنا` are instructions in a how-to story.
const MAX_CLICK_WORDS: usize = 25;

/// The heading of an "about" section (`حول بيت.كوم`, `عن هذا المقال`): the opener, then its subject.
const ABOUT_OPENERS: &[&str] = &["حول", "عن", "نبذة عن"];
static ABOUT_OPENER_PHRASES: OnceLock<Phrases> = OnceLock::new();
/// Subjects of an "about" heading that are about the piece or its publisher, not the story.
const ABOUT_SUBJECTS: &[&str] = &[
    "الشركة",
    "المجموعة",
    "هذا المقال",
    "المقال",
    "الكاتب",
    "الكاتبة",
    "المؤلف",
    "المؤلفة",
    "الناشر",
];
static ABOUT_SUBJECT_PHRASES: OnceLock<Phrases> = OnceLock::new();
/// Most words in the subject of an "about" heading.
const MAX_ABOUT_SUBJECT_WORDS: usize = 3;
/// Most units after an "about" heading: the section closes the document and is short. A heading with more after
/// it is a section of the story (`نبذة عن قوات سوريا الديمقراطية`).
const MAX_ABOUT_SECTION_UNITS: usize = 6;

/// Phrases looked for anywhere in a unit, folded, each with its searcher built once (not once a unit), and the
/// anchors that every one of them holds: a unit without any anchor has none of the phrases, found in fewer passes
/// over its text.
struct Folded {
    anchors: Vec<memchr::memmem::Finder<'static>>,
    phrases: Vec<memchr::memmem::Finder<'static>>,
}

impl Folded {
    fn any_in(&self, folded: &str) -> bool {
        let holds = |p: &memchr::memmem::Finder<'_>| p.find(folded.as_bytes()).is_some();
        (self.anchors.is_empty() || self.anchors.iter().any(holds)) && self.phrases.iter().any(holds)
    }
}

/// The phrases of `list`, found anywhere, with `anchors` (none, or what each phrase holds, a phrase that holds none
/// of them being its own anchor).
fn folded_list(cell: &'static OnceLock<Folded>, list: &[&str], anchors: &[&str]) -> &'static Folded {
    cell.get_or_init(|| {
        let finder = |p: &String| memchr::memmem::Finder::new(p.as_bytes()).into_owned();
        let phrases: Vec<String> = list.iter().map(|p| fold(p)).collect();
        let mut anchors: Vec<String> = anchors.iter().map(|a| fold(a)).collect();
        if !anchors.is_empty() {
            let unanchored: Vec<String> = phrases
                .iter()
                .filter(|p| !anchors.iter().any(|a| p.contains(a.as_str())))
                .cloned()
                .collect();
            anchors.extend(unanchored);
        }
        Folded {
            anchors: anchors.iter().map(finder).collect(),
            phrases: phrases.iter().map(finder).collect(),
        }
    })
}

static OPINION_FOLDED: OnceLock<Folded> = OnceLock::new();
/// What every opinion disclaimer holds.
const OPINION_ANCHORS: &[&str] = &["الآراء ال", "تمثل", "تعبر عن رأي"];
static COPYRIGHT_FOLDED: OnceLock<Folded> = OnceLock::new();
/// What every copyright line holds.
const COPYRIGHT_ANCHORS: &[&str] = &["حقوق"];
static CHANNELS_FOLDED: OnceLock<Folded> = OnceLock::new();
static OFFERS_FOLDED: OnceLock<Folded> = OnceLock::new();
static CLICK_FOLDED: OnceLock<Folded> = OnceLock::new();
/// What every click-here line holds.
const CLICK_ANCHORS: &[&str] = &["اضغط", "انقر", "الرابط"];
static SPONSOR_FOLDED: OnceLock<Folded> = OnceLock::new();

/// True when `folded` has at most `most` words (tokens with a word in them). Asked only of units that hold a
/// phrase of a rule that allows so many.
fn at_most_words(folded: &str, most: usize) -> bool {
    tokens(folded).filter(|t| !t.key.is_empty()).nth(most).is_none()
}

/// Longest unit, in bytes of folded text, that may be boilerplate: four times the longest disclaimer seen on the
/// ANT archive.
const MAX_BOILERPLATE_BYTES: usize = 4096;

/// The words at the front of a unit that the rules read (see [`crate::text::leading_tokens`]): the rules that read
/// a whole unit word by word allow at most MAX_AGENCY_ATTRIBUTION_WORDS of them, and beyond that, knowing there are
/// more is enough. The rules that allow more words look for phrases, and count words only then.
pub(crate) const WORDS_READ: usize = MAX_AGENCY_ATTRIBUTION_WORDS + 1;

/// True when the unit whose folded text is `folded` (see [`crate::text::fold`]), with `all` its tokens at the front
/// (at least [`WORDS_READ`] words of them when there are so many), is boilerplate. A `headline` is never taken for
/// a link: `شاهد.. …` is the headline of a video story.
pub(crate) fn is_boilerplate(folded: &str, all: &[Token<'_>], headline: bool) -> bool {
    // Links, credits and disclaimers are a line or two; a longer unit is prose.
    if folded.len() > MAX_BOILERPLATE_BYTES {
        return false;
    }
    // Bullets and stars before a line (`*نقلاً عن …`, `• اقرأ أيضا`) do not change what it is.
    let start = all.iter().position(|t| !t.key.is_empty()).unwrap_or(all.len());
    let toks = all.get(start..).unwrap_or(&[]);
    let words: Vec<&str> = toks
        .iter()
        .map(|t| t.key)
        .filter(|k| !k.is_empty())
        .take(WORDS_READ)
        .collect();
    // Most rules are told by the first word: a unit that opens with none of their words is not asked them.
    let opens_rule = words.first().is_some_and(|w| first_words().contains(w));
    let by_first_word = opens_rule
        && ((!headline && link(toks))
            || label(&words, toks)
            || attribution_only(toks, &words)
            || credit(toks)
            || promotion(folded, &words)
            || note(folded, toks));
    by_first_word || credit_line(folded) || holds_phrase(folded)
}

/// The first words of the rules told by the first word of a unit, in one lexicon: a unit is looked up once, not
/// once a rule.
fn first_words() -> &'static Lexicon {
    static WORDS: OnceLock<Lexicon> = OnceLock::new();
    WORDS.get_or_init(|| {
        let lists = [
            LINK_HEADS,
            LABELS,
            ATTRIBUTION_OPENERS,
            CREDIT_HEADS,
            COLON_CREDIT_HEADS,
            FOLLOW_US,
            FOLLOW,
            YOU_CAN,
            EDITOR_NOTES,
            SPONSORED_OPENERS,
        ];
        Lexicon::folded(
            lists
                .iter()
                .flat_map(|list| list.iter())
                .filter_map(|p| p.split(' ').next()),
        )
    })
}

/// The most words of any rule that looks for phrases anywhere in a short unit.
const MAX_SHORT_WORDS: usize = max(MAX_COPYRIGHT_WORDS, max(MAX_VERIFY_NOTE_WORDS, MAX_CLICK_WORDS));

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// True when `folded` surely has more than `most` words: more than `most` of its pieces between spaces open with a
/// letter or digit, each a token with a word. Counted over the bytes, without cutting tokens.
fn surely_more_words(folded: &str, most: usize) -> bool {
    // A letter or digit of ASCII, or a letter of the Arabic block (lead D8 or D9): what most words open with.
    let opens_word = |piece: &&[u8]| match piece {
        [b, ..] if b.is_ascii_alphanumeric() => true,
        [0xD8, 0xA1..=0xBA, ..] | [0xD9, 0x81..=0x8A, ..] => true,
        _ => false,
    };
    folded
        .as_bytes()
        .split(|&b| b == b' ')
        .filter(opens_word)
        .nth(most)
        .is_some()
}

/// A link to another story: `اقرأ أيضاً: …`, `للمزيد - …`, `قد يهمك| …`.
fn link(toks: &[Token<'_>]) -> bool {
    let Some(n) = phrases(&LINK_HEAD_PHRASES, LINK_HEADS).longest_prefix(toks) else {
        return false;
    };
    ends_heading(toks, n)
}

/// True when the heading of `n` tokens at the front of `toks` is set off by punctuation or ends the unit.
fn ends_heading(toks: &[Token<'_>], n: usize) -> bool {
    let last_ends = n
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .is_some_and(|t| t.trail_has(HEAD_ENDS));
    match toks.get(n) {
        None => true,
        Some(next) => last_ends || next.key.is_empty() || next.lead.contains(HEAD_ENDS),
    }
}

/// A label alone on its line that says what kind of piece follows: `ريبورتاج`, `بالفيديو`.
fn label(words: &[&str], toks: &[Token<'_>]) -> bool {
    let [word] = words else { return false };
    let plain = toks.last().is_none_or(|t| !t.trail_has(&['؟', '?', '!']));
    plain && lexicon(&LABEL_WORDS, LABELS).contains(word)
}

/// A credit line made of agency names only: `فرانس24/ أ ف ب`, `Getty Images`.
fn credit_line(folded: &str) -> bool {
    const SEPARATORS: [char; 9] = ['/', '|', '،', ',', '-', '–', '—', '+', '\\'];
    // The first group is read only as far as a name can reach: most units are refused from their first letters,
    // not split at a separator that may come late or never.
    if !name_fits(folded.chars().take_while(|c| !SEPARATORS.contains(c))) {
        return false;
    }
    let mut names = 0;
    let mut sure = false;
    for group in folded.split(SEPARATORS) {
        let mut key = String::new();
        if !may_be_name(group) {
            return false;
        }
        compact_into(group, &mut key);
        if key.is_empty() {
            continue;
        }
        if !(is_agency(&key) || is_picture_agency(&key)) {
            return false;
        }
        names += 1;
        sure |= is_unambiguous_agency(&key) || is_picture_agency(&key);
    }
    // One name alone that is also a common word (`معا.`) is not enough.
    names >= 2 || (names == 1 && sure)
}

/// A unit that only says where something came from: `حسب رويترز.`, `*نقلاً عن الرؤية الإماراتية`.
fn attribution_only(toks: &[Token<'_>], words: &[&str]) -> bool {
    let Some(&first) = words.first() else { return false };
    if !lexicon(&ATTRIBUTION_OPENER_WORDS, ATTRIBUTION_OPENERS).contains(first) {
        return false;
    }
    if first.ends_with("نقلا") && words.get(1) != Some(&"عن") {
        return false;
    }
    let names_agency = words.iter().any(|w| w.ends_with("وكاله"));
    let most = if names_agency {
        MAX_AGENCY_ATTRIBUTION_WORDS
    } else {
        MAX_ATTRIBUTION_WORDS
    };
    let clause = lexicon(&CLAUSE_WORD_SET, CLAUSE_WORDS);
    // A comma or a colon inside, or a clause, and the unit says something of its own.
    let inner_pause = toks.iter().rev().skip(1).any(|t| t.trail_has(&['،', ',', ':', '؛']));
    let ends_open = toks.last().is_some_and(|t| t.trail_has(&[':']));
    words.len() <= most && !inner_pause && !ends_open && !words.iter().any(|w| clause.contains(w))
}

/// A photo or source credit, or a byline: `المصدر: …`, `(الصورة: …)`, `مصدر الصورة Getty Images`.
fn credit(toks: &[Token<'_>]) -> bool {
    if phrases(&CREDIT_HEAD_PHRASES, CREDIT_HEADS)
        .longest_prefix(toks)
        .is_some()
    {
        return true;
    }
    let Some(first) = toks.first() else { return false };
    lexicon(&COLON_CREDIT_HEAD_WORDS, COLON_CREDIT_HEADS).contains(first.key)
        && (first.trail_has(&[':']) || toks.get(1).is_some_and(|t| t.key.is_empty() && t.lead.starts_with(':')))
}

/// A promotion told by its first word: follow us, install the app.
fn promotion(folded: &str, words: &[&str]) -> bool {
    let Some(&first) = words.first() else { return false };
    if lexicon(&FOLLOW_US_WORDS, FOLLOW_US).contains(first) {
        return true;
    }
    if lexicon(&FOLLOW_WORDS, FOLLOW).contains(first) && folded_list(&CHANNELS_FOLDED, CHANNELS, &[]).any_in(folded) {
        return true;
    }
    lexicon(&YOU_CAN_WORDS, YOU_CAN).contains(first) && folded_list(&OFFERS_FOLDED, OFFERS, &[]).any_in(folded)
}

/// An editor's note or a sponsorship note.
fn note(folded: &str, toks: &[Token<'_>]) -> bool {
    if phrases(&EDITOR_NOTE_PHRASES, EDITOR_NOTES)
        .longest_prefix(toks)
        .is_some()
    {
        return true;
    }
    phrases(&SPONSORED_OPENER_PHRASES, SPONSORED_OPENERS)
        .longest_prefix(toks)
        .is_some()
        && folded_list(&SPONSOR_FOLDED, &["بالتعاون مع", "برعاية"], &[]).any_in(folded)
}

/// A disclaimer found anywhere in the unit, or, in a short unit, a copyright line, an outlet's note that it cannot
/// verify what it reports, or a click-here line.
fn holds_phrase(folded: &str) -> bool {
    if folded_list(&OPINION_FOLDED, OPINION_DISCLAIMERS, OPINION_ANCHORS).any_in(folded) {
        return true;
    }
    // The rules that look for phrases anywhere in a short unit are not asked of a long one.
    if surely_more_words(folded, MAX_SHORT_WORDS) {
        return false;
    }
    if folded_list(&COPYRIGHT_FOLDED, COPYRIGHT, COPYRIGHT_ANCHORS).any_in(folded)
        && at_most_words(folded, MAX_COPYRIGHT_WORDS)
    {
        return true;
    }
    if folded_list(&VERIFY_FOLDED, VERIFY, &[]).any_in(folded)
        && folded_list(&CANNOT_FOLDED, CANNOT, &[]).any_in(folded)
        && folded_list(&OUTLETS_FOLDED, OUTLETS, &[]).any_in(folded)
        && at_most_words(folded, MAX_VERIFY_NOTE_WORDS)
    {
        return true;
    }
    folded_list(&CLICK_FOLDED, CLICK, CLICK_ANCHORS).any_in(folded) && at_most_words(folded, MAX_CLICK_WORDS)
}

/// The index of the heading of the "about" section that closes the document, if any: `حول بيت.كوم` or `عن هذا
/// المقال`, a sub-headline or a short body unit, with at most six units after it. That heading and the units
/// after it describe the publisher or the writer, not the story.
pub(crate) fn about_section(units: &[(Kind, &str)]) -> Option<usize> {
    let first = units.len().saturating_sub(MAX_ABOUT_SECTION_UNITS + 1);
    units.iter().enumerate().skip(first).find_map(|(i, &(kind, text))| {
        (matches!(kind, Kind::Subheadline | Kind::Body) && is_about_heading(text)).then_some(i)
    })
}

fn is_about_heading(text: &str) -> bool {
    // A heading is a few words: a long unit is not folded and read word by word to find that out.
    if text.len() > MAX_BOILERPLATE_BYTES {
        return false;
    }
    // A heading opens with an opener: the first word is folded alone (white space folds to itself, and nothing
    // else folds to white space), and a unit that opens otherwise is not read further (the last units of every
    // story are looked at here).
    let openers = phrases(&ABOUT_OPENER_PHRASES, ABOUT_OPENERS);
    let first = text.split(char::is_whitespace).map(fold).find(|f| !f.is_empty());
    if !first.is_some_and(|f| tokens(&f).next().is_some_and(|t| openers.opens_with(t.key))) {
        return false;
    }
    // A heading has at most `most` words: when the first words of a unit, folded, are already more, it is none,
    // and the rest of it is not folded.
    let most = openers.longest() + MAX_ABOUT_SUBJECT_WORDS;
    let cut = text
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(most + 1)
        .map_or(text.len(), |(at, _)| at);
    if cut < text.len() && tokens(&fold(text.get(..cut).unwrap_or(""))).count() > most {
        return false;
    }
    let folded = fold(text);
    let toks: Vec<Token<'_>> = tokens(&folded).collect();
    let Some(n) = openers.longest_prefix(&toks) else {
        return false;
    };
    let subject = toks.get(n..).unwrap_or(&[]);
    // A question (`عن كوين-تشيك؟`) or a sentence is no heading.
    let ends_well = subject.last().is_some_and(|t| !t.trail_has(&['.', '؟', '?', '!', '،']));
    if subject.is_empty() || subject.len() > MAX_ABOUT_SUBJECT_WORDS || !ends_well {
        return false;
    }
    // The publisher's name: a domain (`بيت.كوم`) or a Latin name; or a word for the piece or its writer.
    let names_publisher = subject
        .iter()
        .any(|t| t.key.contains('.') || t.key.chars().any(|c| c.is_ascii_alphabetic()));
    let about_piece = phrases(&ABOUT_SUBJECT_PHRASES, ABOUT_SUBJECTS).longest_prefix(subject) == Some(subject.len());
    names_publisher || about_piece
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::leading_tokens;

    fn boilerplate(text: &str) -> bool {
        is_boilerplate_as(text, false)
    }

    fn is_boilerplate_as(text: &str, headline: bool) -> bool {
        let folded = fold(text);
        is_boilerplate(&folded, &leading_tokens(&folded, WORDS_READ), headline)
    }

    #[test]
    fn links_to_other_stories() {
        for text in [
            "اقرأ أيضاً:",
            "اقرأ أيضا",
            "إقرأ أيضا: الادعاء البلجيكي يكشف تفاصيل",
            "اقرأ أيضا| أول تعليق من الوزير",
            "للمزيد: أكاديمية الأوسكار تطرد المنتج",
            "للمزيد - هل يمنح مهرجان كان سعفة ذهبية؟",
            "شاهد أيضاً: الأمير يغادر المستشفى",
            "شاهد.. أكبر 10 أكاذيب في التاريخ",
            "قد يهمك/ مساحة بيضاء في الصحيفة",
            "• اقرأ: (وثيقة حصلت عليها الشبكة)",
        ] {
            assert!(boilerplate(text), "{text}");
        }
        for text in [
            "شاهد آلاف الأشخاص فيلما نشرته الشركة",
            "اقرأ الكتاب قبل أن تشاهد الفيلم.",
            "للمزيد من الأمان، غيّر كلمة السر كل شهر.",
            "المزيد من الدول تنضم إلى الاتفاق.",
        ] {
            assert!(!boilerplate(text), "{text}");
        }
    }

    #[test]
    fn credits_and_attributions() {
        for text in [
            "فرانس24/ أ ف ب",
            "فرانس 24/ أ ف ب/ رويترز",
            "حسب رويترز.",
            "بحسب ما أوردت رويترز.",
            "وفقا لوكالة الصحافة الفرنسية.",
            "*نقلاً عن الرؤية الإماراتية",
            "* نقلا عن \"الخليج\" الإماراتية",
            "المصدر: وزارة الصحة",
            "(الصورة: أرشيف)",
            "(المصدر: حكومة موزمبيق)",
            "مصدر الصورة Getty Images",
            "Getty Images",
        ] {
            assert!(boilerplate(text), "{text}");
        }
        for text in [
            "ووفقاً للبيت الأبيض، هذه هي أجندة القمة:",
            "وبحسب الشحي فإن \"خسائر العدو تقدر بالمئات\".",
            "بحسب الإحصاءات الرسمية، ارتفع عدد السكان إلى عشرة ملايين نسمة.",
            "نقلا عن مصادر مطلعة قالت الصحيفة إن الاتفاق وشيك",
            "معا.",
            "المصدر الرئيسي للدخل هو النفط.",
            "مصادر: الاتفاق وشيك",
            "مصدر: الاتفاق وشيك",
            "تصوير الفيلم بدأ في الصيف.",
        ] {
            assert!(!boilerplate(text), "{text}");
        }
    }

    #[test]
    fn promotions_and_disclaimers() {
        for text in [
            "تابعونا على تويتر",
            "تابعوا المباراة مباشرة على موقعنا.",
            "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيقنا على هاتفكم المحمول.",
            "لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...",
            "لقراءة التصريحات كاملة اضغط على العنوان التالي:",
            "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
            "هذا المقال بقلم كاتب ضيف، والآراء الواردة أدناه تعبر عن رأيه.",
            "**حقوق النشر محفوظة لمجلة القافلة",
            "نشر هذا المقال بالتعاون مع موقع التوظيف",
            "ملاحظة المحرر: الكاتب عضو في اللجنة.",
            "هذا الفيديو جزء من سلسلة يقدمها لكم الموقع بالتعاون مع شركة",
            "علماً أن CNN بالعربية لا يمكنها التأكد من صحة المعلومات المتناقلة عبر مواقع التواصل الاجتماعي.",
            "ريبورتاج",
            "بالفيديو:",
        ] {
            assert!(boilerplate(text), "{text}");
        }
        for text in [
            "تابعوا العمل حتى ساعات الفجر الأولى.",
            "يمكنك تحميل التطبيق من المتجر ثم فتحه.",
            "وقال إن هذه التصريحات لا تعبر بالضرورة عن موقف الحكومة.",
            "تستعد اللجنة للتصويت على تشريع جديد لضمان حقوق المؤلفين على الإنترنت.",
            "ويذكر أنه لم يتسن لـCNN الاطلاع، حتى الآن، على أي نسخ أولية من التقرير.",
            "فيديو؟",
            "فيديو مسرب يظهر الحادث.",
        ] {
            assert!(!boilerplate(text), "{text}");
        }
    }

    #[test]
    fn anchors_are_held_by_phrases_of_their_list() {
        for (list, anchors) in [
            (OPINION_DISCLAIMERS, OPINION_ANCHORS),
            (CLICK, CLICK_ANCHORS),
            (COPYRIGHT, COPYRIGHT_ANCHORS),
        ] {
            for anchor in anchors {
                assert!(list.iter().any(|p| fold(p).contains(&fold(anchor))), "{anchor}");
            }
        }
    }

    #[test]
    fn long_units_are_told_from_their_spaces() {
        let long = "كلمة ".repeat(30);
        assert!(surely_more_words(&long, 25));
        assert!(!at_most_words(&long, 25));
        // Pieces without a word do not count; a word after a bullet is not seen from the spaces, only counted.
        let short = "- ، ".repeat(30) + "•كلمة";
        assert!(!surely_more_words(&short, 25));
        assert!(at_most_words(&short, 25));
        assert!(!surely_more_words("", 0));
        assert!(surely_more_words("a", 0));
    }

    #[test]
    fn headlines_are_never_links() {
        assert!(!is_boilerplate_as("شاهد.. كيف تحتفل المدن بالعيد", true));
        assert!(is_boilerplate_as("شاهد.. كيف تحتفل المدن بالعيد", false));
        assert!(is_boilerplate_as("نشر هذا المقال بالتعاون مع موقع التوظيف", true));
    }

    #[test]
    fn about_sections_close_a_document() {
        let press = [
            (Kind::Headline, "عنوان"),
            (Kind::Body, "قال الاستبيان إن نصف المجيبين راضون."),
            (Kind::Subheadline, "حول بيت.كوم"),
            (Kind::Body, "إن بيت.كوم هو أكبر موقع للوظائف."),
            (Kind::Body, "قم بالإعلان عن وظائف على الموقع."),
        ];
        assert_eq!(about_section(&press), Some(2));
        let colon = [(Kind::Body, "نص."), (Kind::Body, "حول بيت.كوم:"), (Kind::Body, "نبذة.")];
        assert_eq!(about_section(&colon), Some(1));
        let article = [
            (Kind::Body, "نص."),
            (Kind::Subheadline, "عن هذا المقال"),
            (Kind::Body, "طلبت الهيئة."),
        ];
        assert_eq!(about_section(&article), Some(1));

        let story = [
            (Kind::Body, "نص."),
            (Kind::Subheadline, "نبذة عن قوات سوريا الديمقراطية"),
            (Kind::Body, "نص."),
        ];
        assert_eq!(about_section(&story), None);
        let question = [
            (Kind::Body, "نص."),
            (Kind::Body, "عن كوين-تشيك؟"),
            (Kind::Body, "تأسست الشركة."),
        ];
        assert_eq!(about_section(&question), None);
        let lead_in = [
            (Kind::Body, "نص."),
            (Kind::Body, "حول تشخيص مرضه:"),
            (Kind::Body, "نص."),
        ];
        assert_eq!(about_section(&lead_in), None);
        let mut long = vec![(Kind::Subheadline, "حول Apple")];
        long.extend(std::iter::repeat_n((Kind::Body, "نص."), 7));
        assert_eq!(about_section(&long), None);
    }
}
