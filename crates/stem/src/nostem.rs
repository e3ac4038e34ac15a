use crate::wordset::WordSet;
use std::sync::OnceLock;

const NOSTEM: &str = include_str!("../data/nostem-ar.lst");

/// The words of `data/nostem-ar.lst`, folded, read on first use.
pub(crate) fn list() -> &'static WordSet {
    static LIST: OnceLock<WordSet> = OnceLock::new();
    LIST.get_or_init(|| WordSet::from_list(NOSTEM))
}

/// True when a folded word is one the light stemmer returns whole (a function word or a frequent proper name of
/// `data/nostem-ar.lst`).
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
    use crate::wordset::list_words;

    #[test]
    fn every_listed_word_is_found_and_its_neighbours_are_not() {
        let words: Vec<String> = list_words(NOSTEM).collect();
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
