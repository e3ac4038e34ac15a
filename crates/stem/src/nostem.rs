use crate::wordset::WordSet;
use std::sync::OnceLock;

const NOSTEM: &str = include_str!("../../../corpora/nostem-ar.lst");

/// The words of `corpora/nostem-ar.lst`, folded.
pub(crate) struct NoStem {
    words: WordSet,
}

impl NoStem {
    /// True when `folded` is on the list.
    pub(crate) fn contains(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }
}

impl std::fmt::Debug for NoStem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NoStem")
    }
}

/// The list's words, folded.
fn folded_words() -> impl Iterator<Item = String> {
    NOSTEM
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(khulasa_normalize::fold)
}

/// The list, read and folded on first use.
pub(crate) fn list() -> &'static NoStem {
    static LIST: OnceLock<NoStem> = OnceLock::new();
    LIST.get_or_init(|| {
        let words: Vec<String> = folded_words().collect();
        NoStem {
            words: WordSet::new(words.iter().map(String::as_str)),
        }
    })
}

/// True when a folded word is one the light stemmer returns whole (a function word or a frequent proper name of
/// `corpora/nostem-ar.lst`).
///
/// ```
/// assert!(khulasa_stem::is_nostem("لبنان"));
/// assert!(!khulasa_stem::is_nostem("لبناني"));
/// ```
pub fn is_nostem(folded: &str) -> bool {
    list().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found_and_its_neighbours_are_not() {
        let words: Vec<String> = folded_words().collect();
        assert!(words.len() > 100);
        for w in &words {
            assert!(is_nostem(w), "{w}");
            for other in [format!("{w}ه"), format!("و{w}")] {
                assert_eq!(is_nostem(&other), words.contains(&other), "{other}");
            }
        }
        for w in [
            "الحكومه",
            "المدارس",
            "ويقولون",
            "السياسه",
            "منطقتهم",
            "الارهاب",
            "سيارات",
            "مسوولين",
        ] {
            assert!(!is_nostem(w), "{w}");
        }
    }
}
