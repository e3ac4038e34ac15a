//! The names of news agencies and outlets that sign a dateline or a credit line.

use crate::text::{fold_into, is_word_char};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Agencies and outlets as their names are spelt in datelines and credits. Spaces and dots inside a name do not
/// count (`أ ف ب`, `أ.ف.ب` and `ا ف ب` are one name), nor do hamza seats or diacritics.
const AGENCIES: &[&str] = &[
    // Latin.
    "CNN",
    "BBC",
    "AFP",
    "AP",
    "Reuters",
    "DPA",
    "UPI",
    "Xinhua",
    "EFE",
    "ANSA",
    "KUNA",
    "WAM",
    "SPA",
    "QNA",
    "IRNA",
    "SANA",
    "MENA",
    "Sputnik",
    "TASS",
    // Wire agencies, in Arabic.
    "رويترز",
    "أ ف ب",
    "فرانس برس",
    "فرانس بريس",
    "الأناضول",
    "د ب أ",
    "أسوشيتد برس",
    "أسوشيتيد برس",
    "أسوشييتد برس",
    "أسوشيتدبرس",
    "أسوتشيدبرس",
    "أسوشيدبرس",
    "سبوتنيك",
    "شينخوا",
    "تاس",
    "نوفوستي",
    "ريا نوفوستي",
    "إنترفاكس",
    "يونهاب",
    "كيودو",
    "وكالات",
    "الوكالات",
    "متابعات",
    // State agencies of the Arab world and Iran.
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بنا",
    "بترا",
    "سانا",
    "سبأ",
    "إرنا",
    "فارس",
    "تسنيم",
    "أ ش أ",
    "وفا",
    "معا",
    "واج",
    "لاماب",
    "تونس إفريقيا للأنباء",
    // Outlets that sign their own stories.
    "العربية",
    "العربية.نت",
    "بي بي سي",
    "بي بي سي عربي",
    "سي إن إن",
    "فرانس 24",
    "سكاي نيوز",
    "سكاي نيوز عربية",
    "الجزيرة نت",
];

/// Names that are also common words, names or places (`معا` "together", `فارس` "knight", `قنا` the Egyptian town):
/// they open a dateline only when a separator follows them, never on their own.
const AMBIGUOUS: &[&str] = &[
    "AP",
    "SPA",
    "WAM",
    "SANA",
    "MENA",
    "EFE",
    "واس",
    "وام",
    "قنا",
    "بنا",
    "بترا",
    "سبأ",
    "فارس",
    "تسنيم",
    "وفا",
    "معا",
    "واج",
    "العربية",
    "تاس",
    "متابعات",
];

/// Picture agencies: they sign photo credits, not stories.
const PICTURE_AGENCIES: &[&str] = &["Getty", "Getty Images", "EPA", "Shutterstock", "iStock", "AFP/Getty"];

static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
static AMBIGUOUS_NAMES: OnceLock<HashSet<String>> = OnceLock::new();
static PICTURE_NAMES: OnceLock<HashSet<String>> = OnceLock::new();

/// Appends `text` folded, with everything that is not a letter or digit left out: the form names are compared in.
pub(crate) fn compact_into(text: &str, out: &mut String) {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    out.extend(folded.chars().filter(|&c| is_word_char(c)));
}

/// Whether `text` is short enough to be a name once compacted: it has no more letters and digits that folding
/// keeps than the longest name of any list. Answered from the first letters of a long text, so that a whole
/// sentence is not folded and compacted only to find it is no name.
pub(crate) fn may_be_name(text: &str) -> bool {
    name_fits(text.chars())
}

/// Whether the characters `chars` are few enough to be a name once compacted (see [`may_be_name`]); read no further
/// than the longest name reaches.
pub(crate) fn name_fits(chars: impl Iterator<Item = char>) -> bool {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    let longest = *LONGEST.get_or_init(|| {
        [set(&NAMES, AGENCIES), set(&PICTURE_NAMES, PICTURE_AGENCIES)]
            .iter()
            .flat_map(|names| names.iter())
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(0)
    });
    chars
        .filter(|&c| is_word_char(c) && khulasa_normalize::fold_char(c).is_some())
        .nth(longest)
        .is_none()
}

fn compact(text: &str) -> String {
    let mut out = String::new();
    compact_into(text, &mut out);
    out
}

fn set(cell: &'static OnceLock<HashSet<String>>, names: &[&str]) -> &'static HashSet<String> {
    cell.get_or_init(|| names.iter().map(|n| compact(n)).collect())
}

/// True when `compacted` (see [`compact_into`]) names an agency or an outlet.
pub(crate) fn is_agency(compacted: &str) -> bool {
    set(&NAMES, AGENCIES).contains(compacted)
}

/// True when `compacted` names an agency and is no common word besides.
pub(crate) fn is_unambiguous_agency(compacted: &str) -> bool {
    is_agency(compacted) && !set(&AMBIGUOUS_NAMES, AMBIGUOUS).contains(compacted)
}

/// True when `compacted` names a picture agency.
pub(crate) fn is_picture_agency(compacted: &str) -> bool {
    set(&PICTURE_NAMES, PICTURE_AGENCIES).contains(compacted)
}

/// The number of words (1 to 4) of the longest agency name that `words` open with.
pub(crate) fn agency_prefix(words: &[&str]) -> Option<usize> {
    let mut key = String::new();
    let mut best = None;
    for (n, word) in words.iter().take(4).enumerate() {
        compact_into(word, &mut key);
        if is_agency(&key) {
            best = Some(n + 1);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_agency_are_one_name() {
        for name in [
            "أ ف ب",
            "أ.ف.ب",
            "ا ف ب",
            "أ. ف. ب",
            "AFP",
            "afp",
            "(رويترز",
            "العربية.نت",
            "د.ب.أ",
            "فرانس24",
        ] {
            let mut key = String::new();
            compact_into(name, &mut key);
            assert!(is_agency(&key), "{name}");
        }
        assert!(!is_agency(&compact("الإمارات")));
        assert!(is_unambiguous_agency(&compact("رويترز")));
        assert!(!is_unambiguous_agency(&compact("معا")));
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(agency_prefix(&["بي", "بي", "سي", "عربي"]), Some(4));
        assert_eq!(agency_prefix(&["سكاي", "نيوز", "قال"]), Some(2));
        assert_eq!(agency_prefix(&["قال", "رويترز"]), None);
    }
}
