//! Lead-ins (`…في 5 مجالات رئيسية:`) and units that refer back to what came before (`وأضاف أن …`).

use crate::agency::{compact_into, is_agency};
use crate::text::{is_blank, is_quote, lexicon, phrases, Lexicon, Phrases, Token};
use std::sync::OnceLock;

/// True when `text`, its trailing white space and closing quotes set aside, ends with a colon.
pub(crate) fn is_lead_in(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_blank(c) || is_quote(c))
        .ends_with([':', '：'])
}

/// How far into a unit a demonstrative or `نفسه` still refers back: the words that name the subject and the
/// topic. A demonstrative further on usually points inside its own sentence.
const WINDOW: usize = 6;

/// Verbs of saying and of going on saying, in the forms that open a sentence (past and present; he, she, they).
/// With no subject named after them they report someone named before: `وأضاف أن …`. Not `يذكر` nor `يشار`:
/// `يُذكر أن …` ("it is worth recalling that") is impersonal and stands alone.
const SAYING: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "قالا",
    "يقول",
    "تقول",
    "يقولون",
    "أضاف",
    "أضافت",
    "أضافوا",
    "أضافا",
    "يضيف",
    "تضيف",
    "يضيفون",
    "تابع",
    "تابعت",
    "يتابع",
    "تتابع",
    "أوضح",
    "أوضحت",
    "أوضحوا",
    "يوضح",
    "توضح",
    "أشار",
    "أشارت",
    "أشاروا",
    "يشير",
    "تشير",
    "يشيرون",
    "لفت",
    "لفتت",
    "يلفت",
    "تلفت",
    "ختم",
    "ختمت",
    "اختتم",
    "اختتمت",
    "يختم",
    "تختم",
    "أكد",
    "أكدت",
    "أكدوا",
    "يؤكد",
    "تؤكد",
    "يؤكدون",
    "شدد",
    "شددت",
    "يشدد",
    "تشدد",
    "اعتبر",
    "اعتبرت",
    "اعتبروا",
    "يعتبر",
    "تعتبر",
    "رأى",
    "رأت",
    "رأوا",
    "يرى",
    "ترى",
    "يرون",
    "أردف",
    "أردفت",
    "يردف",
    "تردف",
    "زاد",
    "زادت",
    "مضى",
    "مضت",
    "يمضي",
    "تمضي",
    "واصل",
    "واصلت",
    "يواصل",
    "تواصل",
    "استطرد",
    "استطردت",
    "استدرك",
    "استدركت",
    "أعرب",
    "أعربت",
    "أعربوا",
    "يعرب",
    "تعرب",
    "نوه",
    "نوهت",
    "ينوه",
    "تنوه",
    "ذكر",
    "ذكرت",
    "أفاد",
    "أفادت",
    "يفيد",
    "تفيد",
    "صرح",
    "صرحت",
    "يصرح",
    "تصرح",
    "كشف",
    "كشفت",
    "يكشف",
    "تكشف",
    "حذر",
    "حذرت",
    "حذروا",
    "يحذر",
    "تحذر",
    "دعا",
    "دعت",
    "دعوا",
    "يدعو",
    "تدعو",
    "طالب",
    "طالبت",
    "طالبوا",
    "يطالب",
    "تطالب",
    "نفى",
    "نفت",
    "نفوا",
    "ينفي",
    "تنفي",
    "أعلن",
    "أعلنت",
    "أعلنوا",
    "يعلن",
    "تعلن",
    "علق",
    "علقت",
    "يعلق",
    "تعلق",
    "عبر",
    "عبرت",
    "يعبر",
    "تعبر",
    "أبلغ",
    "أبلغت",
    "أقر",
    "أقرت",
];
static SAYING_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Words that may follow a verb of saying when no subject is named: complementisers, prepositions, adverbs,
/// days, participles, pronouns. `وقال إن …`, `وأضاف في بيان …`, `وأكد على …`, `وقالت الخميس …`.
const NO_SUBJECT: &[&str] = &[
    "أن",
    "إن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "أنهما",
    "بأن",
    "بأنه",
    "بأنها",
    "بأنهم",
    "قائلا",
    "قائلة",
    "قائلين",
    "بالقول",
    "مضيفا",
    "مضيفة",
    "مشيرا",
    "مشيرة",
    "مؤكدا",
    "مؤكدة",
    "موضحا",
    "موضحة",
    "متابعا",
    "لافتا",
    "معتبرا",
    "محذرا",
    "في",
    "خلال",
    "على",
    "إلى",
    "الى",
    "عن",
    "أمام",
    "لدى",
    "له",
    "لها",
    "لهم",
    "أيضا",
    "كذلك",
    "مجددا",
    "لاحقا",
    "سابقا",
    "أمس",
    "اليوم",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "عبر",
    "حول",
    "بدوره",
    "بدورها",
    "ردا",
    "تعليقا",
    "متحدثا",
    "حديثه",
    "حديثها",
    "كلامه",
    "كلامها",
    "تصريحه",
    "تصريحها",
    "تصريحاته",
    "تصريحاتها",
    "بضرورة",
    "المصدر",
    "المصادر",
];
static NO_SUBJECT_WORDS: OnceLock<Lexicon> = OnceLock::new();
/// What follows `من` after a verb of saying when no subject is named: `وحذر من أن …`, `وقال من جهته …`. Other
/// words after `من` make the verb one of increasing or the like, with a subject after it (`وزاد من حدة التوتر
/// إعلان …`).
const AFTER_MIN: &[&str] = &[
    "أن",
    "أنه",
    "أنها",
    "أنهم",
    "جانبه",
    "جانبها",
    "جهته",
    "جهتها",
    "ناحيته",
    "ناحيتها",
];
static AFTER_MIN_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Whom one tells: `وقال لوكالة …`, `وأضاف لصحيفة …` (and any `لل…`, `للصحفيين`, or `ل` before an agency).
const TOLD: &[&str] = &[
    "لوكالة",
    "لوكالات",
    "لصحيفة",
    "لقناة",
    "لشبكة",
    "لموقع",
    "لمجلة",
    "لإذاعة",
    "لتلفزيون",
    "لوسائل",
    "لمراسل",
    "لمراسلة",
    "لمراسلنا",
    "لمراسلتنا",
];
static TOLD_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Words before a verb of saying that leave its subject where it was: `كما أضاف أن …`, `ثم قال: …`.
const BEFORE_SAYING: &[&str] = &["كما", "وكما", "ثم"];
static BEFORE_SAYING_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Participles that continue the sentence before (`مضيفا أن …`): a unit they open has no subject at all.
const PARTICIPLES: &[&str] = &[
    "مضيفا",
    "مضيفة",
    "مشيرا",
    "مشيرة",
    "مؤكدا",
    "مؤكدة",
    "موضحا",
    "موضحة",
    "لافتا",
    "لافتة",
    "قائلا",
    "قائلة",
    "متابعا",
    "متابعة",
    "معتبرا",
    "معتبرة",
    "محذرا",
    "محذرة",
    "مردفا",
    "مستدركا",
    "منوها",
    "مبينا",
    "معربا",
    "معربة",
    "مشددا",
    "مشددة",
    "داعيا",
    "داعية",
    "مطالبا",
    "مطالبة",
    "مختتما",
    "مستطردا",
];
static PARTICIPLE_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// Openers that answer, contrast with or carry on from what came before, or whose subject is a pronoun.
const OPENERS: &[&str] = &[
    "من جهته",
    "من جهتها",
    "من جهتهم",
    "من جهتهما",
    "ومن جهته",
    "ومن جهتها",
    "ومن جهتهم",
    "من جانبه",
    "من جانبها",
    "من جانبهم",
    "من جانبهما",
    "ومن جانبه",
    "ومن جانبها",
    "ومن جانبهم",
    "من ناحيته",
    "من ناحيتها",
    "ومن ناحيته",
    "ومن ناحيتها",
    "بدوره",
    "بدورها",
    "وبدوره",
    "وبدورها",
    "في المقابل",
    "وفي المقابل",
    "بالمقابل",
    "وبالمقابل",
    "في وقت سابق",
    "وفي وقت سابق",
    "في سياق متصل",
    "وفي سياق متصل",
    "بحسب المصدر",
    "وبحسب المصدر",
    "وفق المصدر",
    "ووفقا للمصدر",
    "وهو",
    "وهي",
    "وهم",
    "وهما",
    "لكنه",
    "لكنها",
    "لكنهم",
    "لكنهما",
    "ولكنه",
    "ولكنها",
    "ولكنهم",
    "إلا أنه",
    "إلا أنها",
    "إلا أنهم",
    "غير أنه",
    "غير أنها",
    "غير أنهم",
    "بيد أنه",
    "بيد أنها",
    "كما أنه",
    "كما أنها",
    "كما أنهم",
];
static OPENER_PHRASES: OnceLock<Phrases> = OnceLock::new();

/// Demonstratives: near the start of a unit they point at something named before (`تلك الشركات`, `هذه الخطوة`).
const DEMONSTRATIVES: &[&str] = &[
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هؤلاء",
    "أولئك",
    "هذين",
    "هاتين",
    "هذان",
    "هاتان",
    "ذاك",
];
/// Prefixes a demonstrative takes: `وهذا`, `بهذه`, `لذلك`, `فتلك`, `كهذا`.
const PREFIXES: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"];
/// Time words a demonstrative points at the present with, not back: `هذا العام`, `هذه الأيام`.
const TIME: &[&str] = &[
    "العام",
    "السنة",
    "الشهر",
    "الأسبوع",
    "اليوم",
    "الموسم",
    "الأيام",
    "الصيف",
    "الشتاء",
    "الربيع",
    "الخريف",
    "الليلة",
    "المساء",
    "الصباح",
    "الأسابيع",
    "الأشهر",
    "الشهور",
    "السنوات",
    "الأعوام",
    "العامين",
    "الأسبوعين",
    "الشهرين",
    "القرن",
    "العقد",
];
static TIME_WORDS: OnceLock<Lexicon> = OnceLock::new();
/// `نفسه`, `ذاته` after a definite noun: the one already named (`المصدر نفسه`, `في الوقت ذاته`).
const SAME: &[&str] = &["نفسه", "نفسها", "نفسهم", "نفسهما", "ذاته", "ذاتها", "ذاتهم", "ذاتهما"];
static SAME_WORDS: OnceLock<Lexicon> = OnceLock::new();

/// The tokens from the first word of a unit that [`refers_back`] reads, at most: so many words at the front are
/// enough.
pub(crate) const WORDS_READ: usize = WINDOW + 3;

/// True when the unit whose tokens at the front are `all` (of its folded text, see [`crate::text::leading_tokens`];
/// at least [`WORDS_READ`] words of them when there are so many) opens by referring back to what came before it, so
/// that it cannot stand alone.
pub(crate) fn refers_back(all: &[Token<'_>]) -> bool {
    // Bullets, dashes and quotes before the first word do not change how it opens.
    let start = all.iter().position(|t| !t.key.is_empty()).unwrap_or(all.len());
    let toks = all.get(start..).unwrap_or(&[]);
    let toks = toks.get(..WORDS_READ).unwrap_or(toks);
    // The verbs, participles and openers are told by the first word: one lookup, not one a list.
    let opens = toks.first().is_some_and(|t| first_words().contains(t.key));
    if opens && says_without_subject(toks) {
        return true;
    }
    // After a verb of saying and its named subject, a quotation opens: what it points at is the speaker's
    // business (`وقال الجبير للشبكة "هذه الصواريخ …"` stands alone).
    let reported = opens && toks.first().is_some_and(|t| is_saying(t.key));
    let in_own_words = toks
        .iter()
        .enumerate()
        .take_while(|&(i, t)| !(reported && i > 0 && t.lead.contains(QUOTES)))
        .take_while(|&(i, _)| !(reported && i > 0 && toks.get(i - 1).is_some_and(|p| p.trail.contains([':']))));
    let words: Vec<&str> = in_own_words
        .map(|(_, t)| t.key)
        .filter(|k| !k.is_empty())
        .take(WINDOW + 1)
        .collect();
    let opened = opens
        && (words
            .first()
            .is_some_and(|w| with_conjunction(w, lexicon(&PARTICIPLE_WORDS, PARTICIPLES)))
            || phrases(&OPENER_PHRASES, OPENERS).longest_prefix(toks).is_some());
    // A demonstrative or `نفسه` is looked for in detail only when one of the words is one, with a prefix or not.
    let points = words.iter().any(|w| pointing_words().contains(w));
    opened || (points && (demonstrative(&words) || same_as_before(&words)))
}

/// The first words of the verbs of saying (maybe after `و` or `ف`), of the words before them, of the participles
/// (maybe after `و` or `ف`) and of the openers, in one lexicon.
fn first_words() -> &'static Lexicon {
    static WORDS: OnceLock<Lexicon> = OnceLock::new();
    WORDS.get_or_init(|| {
        let with_conjunctions = SAYING.iter().chain(PARTICIPLES).flat_map(|w| {
            ["", "و", "ف"]
                .into_iter()
                .map(move |conjunction| format!("{conjunction}{w}"))
        });
        let openers = OPENERS.iter().filter_map(|p| p.split(' ').next()).map(str::to_owned);
        let before = BEFORE_SAYING.iter().map(|w| (*w).to_owned());
        Lexicon::folded(with_conjunctions.chain(openers).chain(before))
    })
}

/// The demonstratives with their prefixes and `نفسه`, `ذاته` and their kin, in one lexicon.
fn pointing_words() -> &'static Lexicon {
    static WORDS: OnceLock<Lexicon> = OnceLock::new();
    WORDS.get_or_init(|| Lexicon::folded(prefixed_forms().chain(SAME.iter().map(|w| (*w).to_owned()))))
}

/// Marks that open (or, written the other way round, close) a quotation.
const QUOTES: [char; 6] = ['"', '«', '“', '”', '\'', '„'];

/// True when `key` (folded) is a verb of saying, maybe after `و` or `ف`: `وأضاف`, `فقالت`, `يقول`.
pub(crate) fn is_saying(key: &str) -> bool {
    with_conjunction(key, lexicon(&SAYING_WORDS, SAYING))
}

/// True when `word`, or `word` without a leading `و` or `ف`, is in `lexicon`.
fn with_conjunction(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.contains(word) || word.strip_prefix(['و', 'ف']).is_some_and(|w| lexicon.contains(w))
}

/// `وأضاف أن …`, `وقال: …`, `كما أكد على …`: a verb of saying, then no subject.
fn says_without_subject(toks: &[Token<'_>]) -> bool {
    let saying = lexicon(&SAYING_WORDS, SAYING);
    let verb_at = match toks.first() {
        Some(t) if with_conjunction(t.key, saying) => 0,
        Some(t) if lexicon(&BEFORE_SAYING_WORDS, BEFORE_SAYING).contains(t.key) => match toks.get(1) {
            Some(v) if saying.contains(v.key) && t.trail.is_empty() => 1,
            _ => return false,
        },
        _ => return false,
    };
    let Some(verb) = toks.get(verb_at) else { return false };
    if verb.trail_has(&[':', '،', ',', '"', '«', '“', '”']) {
        return true;
    }
    let Some(next) = toks.get(verb_at + 1) else { return true };
    if next.lead.contains(QUOTES) {
        return !quotes_a_name(toks.get(verb_at + 1..).unwrap_or(&[]));
    }
    next.key.is_empty()
        || next.lead.contains(':')
        || lexicon(&NO_SUBJECT_WORDS, NO_SUBJECT).contains(next.key)
        || (next.key == "من"
            && toks
                .get(verb_at + 2)
                .is_some_and(|t| lexicon(&AFTER_MIN_WORDS, AFTER_MIN).contains(t.key)))
        || saying.contains(next.key)
        || tells(next.key)
}

/// True when the quotation that `toks` open is a name, the subject of the verb before it, not the words said: it
/// closes within three words, and then comes a colon, a comma, a complementiser or a definite noun in apposition
/// (`وقالت "تلغراف" إن …`, `وذكرت "رويترز": …`, `كشف " إدوارد سنودن " الموظف السابق …`).
fn quotes_a_name(toks: &[Token<'_>]) -> bool {
    // A quote mark standing alone is a token of its own, with no word.
    let closes = |(i, t): &(usize, &Token<'_>)| {
        if t.key.is_empty() {
            *i > 0 && t.lead.contains(QUOTES)
        } else {
            t.trail.contains(QUOTES)
        }
    };
    let Some((close, closing)) = toks.iter().enumerate().take(4).find(closes) else {
        return false;
    };
    let words = toks.iter().take(close + 1).filter(|t| !t.key.is_empty()).count();
    let pause =
        closing.trail.contains([':', '،', ',']) || (closing.key.is_empty() && closing.lead.contains([':', '،', ',']));
    let after = toks.get(close + 1);
    (1..=3).contains(&words)
        && (pause
            || after.is_some_and(|t| matches!(t.key, "ان" | "انه" | "انها" | "بان" | "عن") || t.key.starts_with("ال")))
}

/// True when `key` is whom one tells: `لوكالة`, `للصحفيين`, `لرويترز`, `لـCNN`.
fn tells(key: &str) -> bool {
    if key.starts_with("لل") || lexicon(&TOLD_WORDS, TOLD).contains(key) {
        return true;
    }
    let Some(rest) = key.strip_prefix('ل') else {
        return false;
    };
    let mut compacted = String::new();
    compact_into(rest, &mut compacted);
    is_agency(&compacted)
}

/// A demonstrative among the first words, not pointing at the present (`هذا العام`).
fn demonstrative(words: &[&str]) -> bool {
    let demonstratives = prefixed_demonstratives();
    let time = lexicon(&TIME_WORDS, TIME);
    words
        .iter()
        .take(WINDOW)
        .enumerate()
        .any(|(i, word)| demonstratives.contains(word) && !words.get(i + 1).is_some_and(|next| time.contains(next)))
}

/// Every demonstrative, bare or after one of its [`PREFIXES`] (`هذا`, `وهذا`, `لذلك`), folded: one lookup a word.
/// Not `كذلك` and `وكذلك` ("also"): they hold `ذلك` but point at nothing.
fn prefixed_demonstratives() -> &'static Lexicon {
    static FORMS: OnceLock<Lexicon> = OnceLock::new();
    FORMS.get_or_init(|| Lexicon::folded(prefixed_forms()))
}

/// The demonstratives, bare and after each of their prefixes, but `كذلك` and `وكذلك`; as spelt.
fn prefixed_forms() -> impl Iterator<Item = String> {
    std::iter::once(&"")
        .chain(PREFIXES)
        .flat_map(|prefix| DEMONSTRATIVES.iter().map(move |d| format!("{prefix}{d}")))
        .filter(|form| !form.ends_with("كذلك"))
}

/// `نفسه` or `ذاته` after a definite noun among the first words: `المصدر نفسه`.
fn same_as_before(words: &[&str]) -> bool {
    let same = lexicon(&SAME_WORDS, SAME);
    words.windows(2).take(WINDOW).any(|pair| match *pair {
        [noun, word] => {
            same.contains(word)
                && ["ال", "وال", "بال", "لل", "فال", "كال"]
                    .iter()
                    .any(|p| noun.starts_with(p))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{fold, leading_tokens};

    fn back(text: &str) -> bool {
        refers_back(&leading_tokens(&fold(text), WORDS_READ))
    }

    #[test]
    fn lead_ins_end_with_a_colon() {
        assert!(is_lead_in("وتتمثل هذه المجالات في 5 مجالات رئيسية:"));
        assert!(is_lead_in("وقال الوزير: \" "));
        assert!(is_lead_in("البدلاء:”"));
        assert!(!is_lead_in("الساعة 10:30 صباحا."));
        assert!(!is_lead_in("قال: \"نعم\"."));
    }

    #[test]
    fn saying_with_no_subject_refers_back() {
        for text in [
            "وأضاف أن المفاوضات جارية.",
            "وأضاف: \"لحسن الحظ\".",
            "وأضاف :\"لا أعتقد\"",
            "وتابع قائلا: \"الجانب الثالث\"",
            "وقالت في مقابلة إنها بكت.",
            "وقال لرويترز إن الوضع هادئ.",
            "وقال لـ\"رويترز\" إن الوضع هادئ.",
            "وقال للصحفيين إن الموازنة عدلت.",
            "وأشار إلى أن تركيا ستستمر.",
            "وأوضح أنه لن يتراجع.",
            "ولفت إلى أن الأسعار ارتفعت.",
            "وختم بالقول: سأعود.",
            "كما أضاف أنه يجري مناقشات.",
            "كما أكد أن الحكومة تبذل جهودا.",
            "ويضيف \"على الأقل\".",
            "وقالت الخميس إنها ستنسحب.",
            "ومضى يقول إن الاحتمال ضعيف.",
            "وأكد على ضرورة الحوار.",
            "وحذر من أن الأزمة ستطول.",
            "وقال من جهته إن الخطة جاهزة.",
            "وأضاف المصدر أن الاجتماع انتهى.",
            "وقال \"لقد أصدرت تعليمات\" للوكالة.",
            "وأضاف \"معارك\" أخرى ما زال يتعين خوضها.",
            "قال إنه سيعود غدا.",
            "وأضاف",
        ] {
            assert!(back(text), "{text}");
        }
    }

    #[test]
    fn saying_with_a_named_subject_stands_alone() {
        for text in [
            "وقال وزير الخارجية إن الاجتماع ناجح.",
            "وقال ترامب: \"لا يمكن\".",
            "وأضافت الوزيرة أن الخطة جاهزة.",
            "وقال لوزا إن المنظمات شاركت.",
            "وقالت مصادر مطلعة إن الاتفاق وشيك.",
            "ويرى محللون أن الأسعار ستنخفض.",
            "وزاد من حدة التوتر إعلان الحكومة.",
            "كما أكد وزير المالية أن العجز تراجع.",
            "وقالت وكالة الأنباء الرسمية إن الهجوم صد.",
            "وقالت \"تلغراف\" إن المؤتمر يجسد تراجع الشركة.",
            "وقالت صحيفة \"ذا تايمز\" إن المؤتمر فشل.",
            "كشف \" إدوارد سنودن \" الموظف السابق في الاستخبارات عن وثائق.",
            "وقال الجبير للشبكة الإخبارية \"هذه الصواريخ إيرانية الصنع\".",
            "ولفت السفير السعودي قائلا: \"هذه الإجراءات ليست موجهة\".",
            "يذكر أن الشركة تأسست عام 1985.",
            "ويذكر أن الحقل اكتشف عام 2015.",
            "يشار إلى أن الحفل سيقام في الكويت.",
        ] {
            assert!(!back(text), "{text}");
        }
    }

    #[test]
    fn openers_that_carry_on_refer_back() {
        for text in [
            "من جهته، قال الوزير إن الخطة جاهزة.",
            "من جانبها، ذكرت الشركة أنها ستشارك.",
            "في المقابل، رفضت المعارضة الاتفاق.",
            "وفي وقت سابق، قال ترامب إنه يريد النمو.",
            "إلى ذلك، عبر الوزراء عن غضبهم.",
            "وبحسب المصدر نفسه، فإن الاجتماع تأجل.",
            "وهو ما يعني ضمان استمرار الهيمنة.",
            "لكنه لم يصل بعد إلى قرار.",
            "إلا أنها رفضت التعليق.",
            "مضيفا أن المحادثات ستستمر.",
        ] {
            assert!(back(text), "{text}");
        }
    }

    #[test]
    fn demonstratives_near_the_start_refer_back() {
        for text in [
            "وبحلول عام 2020، سيتعين على تلك الشركات دفع الضريبة.",
            "هذه الخطوة أثارت غضب المعارضة.",
            "وجاء هذا القرار بعد أشهر من المفاوضات.",
            "وقال بولتن إن هذه الخطوات يجب أن تتم.",
            "ومع ذلك، لا يوجد دليل على علمه.",
            "لذلك قررت الخروج سريعا.",
            "وفي الوقت نفسه، ارتفعت أسعار الذهب.",
            "وتعود تسمية الكنيسة بهذا الاسم إلى القيامة.",
        ] {
            assert!(back(text), "{text}");
        }
        for text in [
            "وشهد هذا العام ارتفاعا في الأسعار.",
            "وتراجعت الأسعار هذه الأيام إلى أدنى مستوى.",
            "وكذلك ارتفعت أسعار النفط.",
            "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وقالت إن هذه الخطة ستبدأ الشهر المقبل.",
            "حاول الرجل أن يقتل نفسه.",
            "أعلنت الشركة أرباحا قياسية.",
            "وإلى جانب الاقتصاد، ناقش الزعيمان الأمن.",
        ] {
            assert!(!back(text), "{text}");
        }
    }
}
