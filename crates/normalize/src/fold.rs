/// Folds one character for matching, or drops it (`None`).
///
/// Drops diacritics (U+0610–061A, U+064B–065F, U+0670, U+06D6–06ED) and tatweel; folds alef variants to bare
/// alef, alef maqsura to ya, ta marbuta to ha, hamza on waw/ya to waw/ya, and Arabic-Indic and Persian digits to
/// ASCII.
///
/// ```
/// assert_eq!(khulasa_normalize::fold_char('أ'), Some('ا'));
/// assert_eq!(khulasa_normalize::fold_char('\u{064E}'), None);
/// ```
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            return None
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    })
}

/// Appends the folded form of `text` to `out` (no allocation when `out` has room).
///
/// ```
/// let mut out = String::new();
/// khulasa_normalize::fold_into("الإرهابيّة", &mut out);
/// assert_eq!(out, "الارهابيه");
/// ```
pub fn fold_into(text: &str, out: &mut String) {
    out.extend(text.chars().filter_map(fold_char));
}

/// The folded form of `text`.
///
/// ```
/// assert_eq!(khulasa_normalize::fold("مُستشفى"), "مستشفي");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}
