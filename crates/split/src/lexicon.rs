//! Small closed lists and character classes the splitter consults.

/// Latin abbreviations that stand before a name or a number, so their full stop never ends a sentence.
const LATIN_TITLES: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Capt", "Gov", "Sen", "Rep", "No", "Vol",
    "vs", "Mt", "Ft", "Messrs", "Rev", "Hon", "Sgt", "Maj", "Adm", "Fig", "pp", "cf", "approx",
];

/// Latin letters spelt out in Arabic, as in acronyms (`سي. آي. إيه` for CIA, `بي. بي. سي` for BBC): followed by a
/// full stop and another of them they are initials.
const SPELT_LETTERS: &[&str] = &[
    "إيه",
    "أيه",
    "آيه",
    "ايه",
    "بي",
    "بى",
    "سي",
    "سى",
    "دي",
    "دى",
    "إي",
    "اي",
    "إف",
    "أف",
    "اف",
    "جي",
    "جى",
    "إتش",
    "اتش",
    "آي",
    "آى",
    "أي",
    "جيه",
    "كيه",
    "كي",
    "إل",
    "أل",
    "ال",
    "إم",
    "أم",
    "ام",
    "إن",
    "ان",
    "أو",
    "او",
    "كيو",
    "آر",
    "أر",
    "ار",
    "إس",
    "أس",
    "اس",
    "تي",
    "تى",
    "يو",
    "في",
    "ڤي",
    "دبليو",
    "إكس",
    "أكس",
    "اكس",
    "واي",
    "زد",
    "زي",
];

/// Abbreviations that often close a sentence ("etc."), so their full stop is judged by the word after it.
const CLOSING_ABBREVIATIONS: &[&str] = &["إلخ", "الخ", "etc"];

/// Latin company suffixes (`Apple Inc.`): inside an Arabic sentence the name goes on (`شركة Apple Inc. الأمريكية`),
/// so their full stop ends a sentence only before a word that opens one.
const CORPORATE_ABBREVIATIONS: &[&str] = &["Inc", "Ltd", "Co", "Corp", "Cos", "Bros", "Plc", "PLC", "LLC", "Pty"];

/// Participles of saying after a quotation (`"...انتهى." مضيفا أن`): accusative, they cannot open a sentence, so the
/// quotation's full stop is not a sentence end.
const SAYING_PARTICIPLES: &[&str] = &[
    "مضيفا",
    "مضيفاً",
    "مضيفة",
    "قائلا",
    "قائلاً",
    "قائلة",
    "متسائلا",
    "متسائلاً",
    "متسائلة",
    "مشيرا",
    "مشيراً",
    "مشيرة",
    "مؤكدا",
    "مؤكداً",
    "مؤكدة",
    "موضحا",
    "موضحاً",
    "موضحة",
    "معتبرا",
    "معتبراً",
    "معتبرة",
    "مردفا",
    "مردفاً",
    "مردفة",
];

/// Verbs of answering and saying that, joined to `ف` or `ل`, take up a question or an exclamation in quotation marks
/// (`"هل ستنسحبون؟" فأجاب الوزير`, `"...؟" ليجيبه السائل`): the answer belongs to the sentence of the question.
const ANSWERING_VERBS: &[&str] = &[
    "أجاب",
    "أجابت",
    "أجابه",
    "أجابها",
    "يجيب",
    "تجيب",
    "يجيبه",
    "يجيبها",
    "رد",
    "ردت",
    "يرد",
    "ترد",
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "سأل",
    "سألت",
    "سأله",
    "سألها",
    "تساءل",
    "تساءلت",
];

/// Words that continue the clause after an abbreviation's full stop: a bare preposition or conjunction cannot open
/// a new sentence after a date such as `2000 ق.م.`, whereas a verb or a `و`-prefixed word usually does.
const CONTINUATIONS: &[&str] = &[
    "في", "من", "إلى", "الى", "على", "عن", "حتى", "منذ", "مع", "بين", "أو", "او", "ثم", "عند", "لدى", "خلال", "بعد",
    "قبل",
];

/// Words that open a clause going on from what came before (a conjunction on a function word or a verb of
/// saying, a subordinator): a line starting with one is prose missing its full stop, never a heading, whose
/// grammar stands alone (`بوريطة يلتقي نظراءه ...`, `مباحثات مغربية بحرينية ...`).
const PROSE_OPENERS: &[&str] = &[
    "وفي",
    "ومن",
    "وعلى",
    "وإلى",
    "والى",
    "وعن",
    "ولم",
    "ولن",
    "وقد",
    "ولا",
    "وما",
    "وكان",
    "وكانت",
    "وأن",
    "وإن",
    "وهو",
    "وهي",
    "وهذا",
    "وهذه",
    "وذلك",
    "وتلك",
    "وقال",
    "وقالت",
    "وأضاف",
    "وأضافت",
    "وأكد",
    "وأكدت",
    "وأوضح",
    "وأوضحت",
    "وأشار",
    "وأشارت",
    "وذكر",
    "وذكرت",
    "وأعلن",
    "وأعلنت",
    "وتابع",
    "وتابعت",
    "ولفت",
    "وبين",
    "وشدد",
    "وللاطلاع",
    "فقد",
    "فإن",
    "فهو",
    "فهي",
    "فلم",
    "فلا",
    "فما",
    "لكن",
    "ولكن",
    "لكنه",
    "لأن",
    "إذا",
    "إذ",
    "حيث",
    "كما",
    "غير",
    "بينما",
    "فيما",
    "إلا",
    "الا",
    "لذلك",
    "لذا",
    "ثم",
    "أما",
    "اما",
    "للاطلاع",
];

/// Words of share, print and social-media buttons: a line made only of these (and numbers) is page furniture.
const BUTTON_WORDS: &[&str] = &[
    "شارك",
    "شاركها",
    "مشاركة",
    "المشاركة",
    "طباعة",
    "اطبع",
    "أرسل",
    "ارسل",
    "إرسال",
    "لصديق",
    "تويتر",
    "فيسبوك",
    "فيس",
    "بوك",
    "واتساب",
    "واتس",
    "اب",
    "آب",
    "تلغرام",
    "تيليغرام",
    "لينكدإن",
    "غرد",
    "تغريد",
    "انسخ",
    "نسخ",
    "الرابط",
    "البريد",
    "الإلكتروني",
    "الالكتروني",
    "تعليق",
    "تعليقات",
    "حفظ",
    "مشاهدة",
    "مشاهدات",
    "share",
    "print",
    "email",
    "e-mail",
    "tweet",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "pinterest",
    "google+",
    "messenger",
    "comments",
    "views",
];

/// Most words a headline or sub-headline has: the seed story's headline has 14; a line of more is prose.
pub const MAX_HEADING_WORDS: usize = 20;

/// True when `word` is a title abbreviation, whose full stop never ends a sentence.
pub fn is_title(word: &str) -> bool {
    word.is_ascii() && LATIN_TITLES.contains(&word)
}

/// True when `word` is a Latin letter spelt out in Arabic (`سي`, `آي`, `إيه`).
pub fn is_spelt_letter(word: &str) -> bool {
    // The longest, `دبليو`, has 10 bytes: a longer word needs no look-up.
    word.len() <= 10 && SPELT_LETTERS.contains(&word)
}

/// True when `word`, with a clitic joined to its front (`السي`, `الإف`, `وبي`), is a Latin letter spelt out in Arabic:
/// the first initial of an acronym written in one piece (`السي.آي.إيه`).
pub fn is_spelt_letter_with_clitic(word: &str) -> bool {
    ["وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"]
        .iter()
        .filter_map(|clitic| word.strip_prefix(clitic))
        .any(is_spelt_letter)
}

/// True when `word` is an abbreviation that may also close a sentence.
pub fn is_closing_abbreviation(word: &str) -> bool {
    CLOSING_ABBREVIATIONS.contains(&word)
}

/// True when `word` is a Latin company suffix (`Inc`, `Ltd`), which ends a sentence only before a word opening one.
pub fn is_corporate_abbreviation(word: &str) -> bool {
    word.is_ascii() && CORPORATE_ABBREVIATIONS.contains(&word)
}

/// True when `word`, right after a closing quotation mark, takes the quotation up in the same sentence: a participle
/// of saying after any quotation, or a verb of answering joined to `ف` or `ل` after a question or an exclamation
/// (`strong`). A bare verb (`قال`) or one joined to `و` (`وأضاف`) opens a sentence of its own.
pub fn continues_quotation(word: &str, strong: bool) -> bool {
    if SAYING_PARTICIPLES.contains(&word) {
        return true;
    }
    strong
        && word
            .strip_prefix(['ف', 'ل'])
            .is_some_and(|verb| ANSWERING_VERBS.contains(&verb))
}

/// True when `word` continues a clause, so the full stop of an abbreviation before it is not a sentence end.
pub fn is_continuation(word: &str) -> bool {
    CONTINUATIONS.contains(&word)
}

/// True when a line starting with `word` is prose rather than a heading.
pub fn is_prose_opener(word: &str) -> bool {
    PROSE_OPENERS.contains(&word)
}

/// True when `word` (already stripped of punctuation) is a share-button label.
pub fn is_button_word(word: &str) -> bool {
    if word.is_ascii() {
        BUTTON_WORDS.iter().any(|b| b.eq_ignore_ascii_case(word))
    } else {
        BUTTON_WORDS.contains(&word)
    }
}

/// True for an ASCII or Arabic-Indic (either form) digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// True for a letter of the Arabic block (the only script whose words may follow a full stop with no space).
pub fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c) || c == '\u{06D5}'
}

/// True for punctuation that ends a sentence.
pub fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// True for a character that closes a quotation or a bracket (the ASCII `"` is judged by the caller). Either
/// ornate bracket may close: sources put them in either order.
pub fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '»' | '”' | '’' | '›' | '﴾' | '﴿')
}

/// True for an invisible format mark (zero-width space, joiners, direction marks, BOM) that web text leaves at the
/// ends of lines.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{2060}')
}

/// True for a character that opens a quotation or a bracket. Either ornate bracket may open.
pub fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '«' | '“' | '‘' | '‹' | '"' | '﴾' | '﴿')
}

/// True for punctuation after which a line or sentence visibly continues.
pub fn is_continuing_punctuation(c: char) -> bool {
    matches!(c, ':' | '،' | ',' | '؛' | ';' | '-' | '–' | '—' | 'ـ')
}

/// True when `text` holds a letter of any script (prose, a heading, or a label), as opposed to numbers and marks.
pub fn has_letter(text: &str) -> bool {
    text.chars().any(is_letter)
}

/// `char::is_alphabetic`, with Arabic and ASCII letters answered before the general Unicode table.
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || is_arabic_letter(c) || (!c.is_ascii() && c.is_alphabetic())
}

/// True when a line starts with a list marker: a bullet, or a number of at most three digits followed by `-`,
/// `)` or `.` (`1-`, `2)`, `3.`), or a number in brackets (`(2)`).
pub fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '-' | '–' | '—' | '•' | '·' | '*' | '●' | '▪' | '■' | '◦' | '►') {
        return true;
    }
    let rest = if first == '(' { chars.as_str() } else { line };
    let digits = rest.chars().take_while(|&c| is_digit(c)).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let mut after = rest.chars().skip(digits);
    match after.next() {
        Some(')') => true,
        Some('-' | '.' | '–') => first != '(' && after.next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_are_recognised_and_numbers_are_not() {
        assert!(is_list_item("- بند أول"));
        assert!(is_list_item("• بند"));
        assert!(is_list_item("1- التقدم بالشكوى"));
        assert!(is_list_item("(2) لماذا ننام؟"));
        assert!(is_list_item("٣) بند"));
        assert!(!is_list_item("2018 كان عاما صعبا"));
        assert!(!is_list_item("3.5 مليون"));
        assert!(!is_list_item("قال الوزير"));
    }

    #[test]
    fn button_words_match_latin_without_case() {
        assert!(is_button_word("Facebook"));
        assert!(is_button_word("شارك"));
        assert!(!is_button_word("الوزير"));
    }
}
