//! Text made safe for exchange: one line, nothing XML 1.0 forbids, and the Excel formula guard.

use std::borrow::Cow;

/// Cleans text for exchange: every run of white space (line breaks, tabs, no-break spaces ...) becomes one
/// space, leading and trailing white space goes, and control characters are removed: C0 controls other than
/// white space (XML 1.0 forbids them: one U+000B makes a TMX or XLIFF file unreadable), DEL and C1 controls
/// (XML 1.0 discourages them), the non-characters U+FFFE and U+FFFF (XML 1.0 forbids them), and U+FEFF (a
/// byte order mark: at the start of a line-based file, readers take it for the file's own and drop it).
///
/// Clean text is returned as it is, without allocating. Bidi controls are left alone: normalisation has
/// already removed them from documents.
///
/// ```
/// assert_eq!(khulasa_export::clean("قال\n\u{b}«نعم»\t "), "قال «نعم»");
/// assert!(matches!(khulasa_export::clean("كلمة أخرى"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !is_removed(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether [`clean`] would return `text` unchanged.
///
/// ```
/// assert!(khulasa_export::is_clean("جملة واحدة"));
/// assert!(!khulasa_export::is_clean("جملة  واحدة"));
/// ```
pub fn is_clean(text: &str) -> bool {
    let mut previous_space = true;
    for c in text.chars() {
        if c == ' ' {
            if previous_space {
                return false;
            }
            previous_space = true;
        } else if c.is_whitespace() || is_removed(c) {
            return false;
        } else {
            previous_space = false;
        }
    }
    // A trailing space (not the empty text) is unclean.
    !previous_space || text.is_empty()
}

pub(crate) fn is_removed(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// What makes a spreadsheet read a cell as a formula, plus the guard itself (so that [`restore`] is an exact
/// inverse of [`neutralize`]).
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Excel profile: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that a spreadsheet
/// shows it as text instead of running it. A cell already starting with `'` gets one too, so that [`restore`]
/// gives back exactly what was written.
///
/// ```
/// use khulasa_export::{neutralize, restore};
/// assert_eq!(neutralize("=1+1"), "'=1+1");
/// assert_eq!(neutralize("قال"), "قال");
/// assert_eq!(restore(&neutralize("'=x")), "'=x");
/// ```
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(GUARDED) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralize`]: a leading `'` before a guarded character goes.
///
/// ```
/// assert_eq!(khulasa_export::restore("'-5"), "-5");
/// assert_eq!(khulasa_export::restore("'قال"), "'قال");
/// ```
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vertical_tab_and_nul_are_removed_and_line_breaks_become_spaces() {
        assert_eq!(clean("a\u{0}b\u{b}c\r\nd\u{2028}e"), "ab c d e");
        assert_eq!(clean("\u{feff}x\u{fffe}\u{feff}y"), "xy");
        assert_eq!(clean("  \n "), "");
    }

    proptest! {
        #[test]
        fn clean_is_idempotent_and_agrees_with_is_clean(text in "\\PC*|[\\x00-\\x20a\u{85}\u{a0}\u{2028}]*") {
            let once = clean(&text).into_owned();
            prop_assert!(is_clean(&once));
            prop_assert_eq!(clean(&once), once.as_str());
            prop_assert_eq!(is_clean(&text), once == text);
        }

        #[test]
        fn restore_inverts_neutralize(cell in "['=+\\-@\t\r]{0,3}\\PC{0,5}") {
            let guarded = neutralize(&cell);
            prop_assert!(!guarded.starts_with(['=', '+', '-', '@', '\t', '\r']));
            prop_assert_eq!(restore(&guarded), cell.as_str());
        }
    }
}
