//! Hashtag markup shown as the words it holds: `#محمد_بن_سلمان` → `محمد بن سلمان`.

use crate::text::{is_invisible, is_word_char};

/// A letter of the Arabic script.
fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(u32::from(c), 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Letters that join the next word as a prefix (`و#الإمارات`, `بـ#مصر`).
fn is_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

/// What becomes of a `#` (or a run of them) between `before2 before` and `next`, the first character after the run
/// that is neither `#` nor an invisible mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    /// No hashtag: the `#` stays (`C#`, `# 5`, `a.com/#top`, `&#8220;`).
    Kept,
    /// A hashtag at the start of a word, or after a one-letter prefix: the `#` goes.
    Dropped,
    /// A hashtag run into the word before it (`السوري#فيصل`): the `#` becomes the space that was missing.
    Spaced,
}

fn judge(before2: Option<char>, before: Option<char>, next: Option<char>) -> Hash {
    let Some(next) = next.filter(|&n| is_word_char(n)) else {
        return Hash::Kept;
    };
    let word_start = |c: Option<char>| !c.is_some_and(|c| is_word_char(c) || c == '_');
    match before {
        b if word_start(b) && !matches!(b, Some('/' | '&')) => Hash::Dropped,
        Some(b) if is_proclitic(b) && word_start(before2) => Hash::Dropped,
        Some('ـ') if before2.is_some_and(is_proclitic) => Hash::Dropped,
        Some(b) if is_arabic_letter(next) && (is_word_char(b) || b == '_') => Hash::Spaced,
        Some(_) if is_arabic_letter(next) => Hash::Dropped,
        _ => Hash::Kept,
    }
}

/// True when `text` still holds hashtag markup: a `#` that [`unmark`] would remove or turn into a space.
#[cfg(test)]
pub(crate) fn has_hashtag_markup(text: &str) -> bool {
    let (mut before2, mut before) = (None, None);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '#' {
            let next = chars.clone().find(|&n| n != '#' && !is_invisible(n));
            if judge(before2, before, next) != Hash::Kept {
                return true;
            }
        }
        (before2, before) = (before, Some(c));
    }
    false
}

/// `text` with every hashtag shown as its words, or `None` when it has none.
///
/// A hashtag is a `#` (or a run of them, with any invisible marks) followed by a letter or digit, at the start of
/// a word or after a one-letter prefix (`و#الإمارات`); or followed by an Arabic letter anywhere, the space before
/// it lost (`السوري#فيصل`), when the `#` becomes that space. Its body runs over letters, digits, marks and
/// underscores; underscores between words become single spaces (those at its ends go). A Latin hashtag written
/// right to left and so shown with its `#` at the end (`LET_GO#`, `2018_AFED#`: three or more Latin letters,
/// digits and underscores with a letter among them, standing apart) is read the same way. Nothing else changes:
/// the text only loses `#`, invisible marks and underscores, and gains no character but the spaces that
/// underscores and run-in `#` turn into.
pub(crate) fn unmark(text: &str) -> Option<String> {
    memchr::memchr(b'#', text.as_bytes())?;
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '#' {
            out.push(c);
            continue;
        }
        // What comes before is judged as written out, so that a second pass finds what the first left.
        let mut written = out.chars().rev();
        let (before, before2) = (written.next(), written.next());
        let next = chars.clone().find(|&n| n != '#' && !is_invisible(n));
        match judge(before2, before, next) {
            Hash::Kept if next.is_none_or(|n| !is_word_char(n)) => {
                // The whole run goes with a tag written right to left, or stays: looked ahead of once.
                let mirrored = unmirror(&mut out);
                changed |= mirrored;
                if !mirrored {
                    out.push('#');
                }
                while let Some(n) = chars.next_if(|&n| n == '#' || is_invisible(n)) {
                    if !mirrored || n != '#' {
                        out.push(n);
                    }
                }
                continue;
            }
            Hash::Kept => {
                out.push('#');
                continue;
            }
            Hash::Spaced => out.push(' '),
            Hash::Dropped => {}
        }
        while chars.next_if(|&n| n == '#' || is_invisible(n)).is_some() {}
        let mut wrote_word = false;
        let mut gap = false;
        while let Some(n) = chars.next_if(|&n| is_word_char(n) || n == '_') {
            if n == '_' {
                gap = wrote_word;
            } else {
                if gap {
                    out.push(' ');
                    gap = false;
                }
                out.push(n);
                wrote_word = true;
            }
        }
        changed = true;
    }
    changed.then_some(out)
}

/// Rewrites a Latin hashtag shown with its `#` at the end, at the end of `out` (the `#` not yet written): true
/// when there was one.
fn unmirror(out: &mut String) -> bool {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = out
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_part(c))
        .last()
        .map_or(out.len(), |(i, _)| i);
    let Some(tag) = out.get(start..) else { return false };
    // Standing apart: after a space or an opening mark, not inside a URL, an address or another tag.
    let apart = out
        .get(..start)
        .and_then(|b| b.chars().next_back())
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '“' | '”' | '،' | ',' | ':'));
    let starts_word = tag.starts_with(|c: char| c.is_ascii_alphanumeric());
    if tag.chars().count() < 3 || !tag.chars().any(|c| c.is_ascii_alphabetic()) || !apart || !starts_word {
        return false;
    }
    let words: Vec<&str> = tag.split('_').filter(|w| !w.is_empty()).collect();
    let shown = words.join(" ");
    out.truncate(start);
    out.push_str(&shown);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        unmark(text).unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn hashtags_become_the_words_they_hold() {
        assert_eq!(shown("التقى #محمد_بن_سلمان الرئيس"), "التقى محمد بن سلمان الرئيس");
        assert_eq!(shown("زار #السعودية، ثم #الإمارات."), "زار السعودية، ثم الإمارات.");
        assert_eq!(shown("(#تحدي_الحوت_الوردي)"), "(تحدي الحوت الوردي)");
        assert_eq!(shown("في #\u{200E}اليمن"), "في اليمن");
        assert_eq!(shown("#2018 عام"), "2018 عام");
        assert_eq!(shown("#الحوثي_ و#داعش__"), "الحوثي وداعش");
        assert_eq!(shown("السعودية و#الإمارات، بـ#مصر"), "السعودية والإمارات، بـمصر");
        assert_eq!(shown("السوري#فيصل_خرتش"), "السوري فيصل خرتش");
        assert_eq!(shown("Apple و#Google"), "Apple وGoogle");
        assert_eq!(shown("##مكرر"), "مكرر");
        assert_eq!(shown("#مُحمّد_علي"), "مُحمّد علي");
    }

    #[test]
    fn latin_hashtags_written_right_to_left_are_read_too() {
        assert_eq!(shown("عمله السابق LET_GO#، الذي"), "عمله السابق LET GO، الذي");
        assert_eq!(shown("المحلي 2018_AFED# في"), "المحلي 2018 AFED في");
        assert_eq!(shown("حملة Metoo# المناهضة"), "حملة Metoo المناهضة");
    }

    #[test]
    fn a_hash_that_opens_no_hashtag_is_left_alone() {
        for text in [
            "الرقم # 5",
            "لغة C# للبرمجة",
            "و50# على",
            "شخصياً# بالتأكيد",
            "a.com/#top",
            "&#8220;",
            "#",
            "# مي تو",
            "#_",
            "#_LET_GO#(",
            "#\u{200F}_LET_GO#",
        ] {
            assert_eq!(unmark(text), None, "{text}");
        }
        assert_eq!(unmark("لا وسم هنا"), None);
    }

    #[test]
    fn markup_is_what_unmark_removes() {
        for text in ["#السعودية", "x #a", "ب #\u{200F}#ج"] {
            assert!(has_hashtag_markup(text), "{text}");
            assert!(!has_hashtag_markup(&shown(text)), "{text}");
        }
        for text in ["C#", "a#b", "_#a", "/#a", "# a", "LET_GO#", "C#x"] {
            assert!(!has_hashtag_markup(text), "{text}");
        }
    }
}
