use crate::OffsetMap;

/// A repaired text and the map back to the text as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The repaired text: what a translator sees.
    pub text: String,
    /// Offsets of `text` mapped to offsets of the original.
    pub map: OffsetMap,
}

/// Repairs extraction damage while keeping the writer's own spelling.
#[derive(Debug, Clone, Default)]
pub struct Repairer {}

impl Repairer {
    /// A repairer with the built-in resources.
    pub fn new() -> Self {
        Repairer {}
    }

    /// Repairs `original`: removes bidi and zero-width controls and collapses runs of spaces.
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::new().repair("قال  \u{200F}الوزير");
    /// assert_eq!(r.text, "قال الوزير");
    /// assert_eq!(r.map.to_original(4), 4 + 1 + 3);
    /// ```
    pub fn repair(&self, original: &str) -> Repaired {
        let mut text = String::with_capacity(original.len());
        let mut map = OffsetMap::identity(original.len());
        map.set_original_len(original.len());
        let mut prev_space = false;
        for (i, c) in original.char_indices() {
            let drop = matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
                || (prev_space && (c == ' ' || c == '\u{00A0}'));
            if drop {
                continue;
            }
            map.push(text.len(), i);
            prev_space = c == ' ' || c == '\u{00A0}';
            text.push(if c == '\u{00A0}' { ' ' } else { c });
        }
        Repaired { text, map }
    }
}
