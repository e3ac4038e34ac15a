//! Stable unit ids: story id, sentence index and a short hash of the sentence.

/// FNV-1a (32 bits) of the text's UTF-8 bytes: the same on every run and machine.
///
/// ```
/// assert_eq!(khulasa_export::content_hash(""), 0x811c_9dc5);
/// ```
pub fn content_hash(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The id of sentence `index` of story `story` whose cleaned text is `source`: `story:index:hash`, the hash
/// being [`content_hash`] in 8 lower-case hex digits, so that a changed sentence is noticed on merge.
///
/// ```
/// let id = khulasa_export::unit_id("wire/2019/a1", 4, "قال الوزير");
/// assert!(id.starts_with("wire/2019/a1:4:"));
/// assert_eq!(khulasa_export::UnitId::parse(&id).unwrap().story, "wire/2019/a1");
/// ```
pub fn unit_id(story: &str, index: usize, source: &str) -> String {
    format!("{story}:{index}:{:08x}", content_hash(source))
}

/// An id taken apart. Story ids may themselves hold `:`, so the id is read from the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitId<'a> {
    /// The story id.
    pub story: &'a str,
    /// The sentence's index among the story's units.
    pub index: usize,
    /// The content hash of the source when it was exported.
    pub hash: u32,
}

impl<'a> UnitId<'a> {
    /// Parses `story:index:hash`; `None` when the id does not have that shape.
    ///
    /// ```
    /// let id = khulasa_export::UnitId::parse("a:b:3:0000002a").unwrap();
    /// assert_eq!((id.story, id.index, id.hash), ("a:b", 3, 42));
    /// assert!(khulasa_export::UnitId::parse("a:3").is_none());
    /// ```
    pub fn parse(id: &'a str) -> Option<Self> {
        let mut parts = id.rsplitn(3, ':');
        let hash = parts.next()?;
        let index = parts.next()?;
        let story = parts.next()?;
        if hash.len() != 8 || !index.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(UnitId {
            story,
            index: index.parse().ok()?,
            hash: u32::from_str_radix(hash, 16).ok()?,
        })
    }

    /// Whether `source` (as cleaned for exchange) is still the sentence this id was made for.
    ///
    /// ```
    /// let id = khulasa_export::unit_id("s", 0, "نص");
    /// let parsed = khulasa_export::UnitId::parse(&id).unwrap();
    /// assert!(parsed.matches("نص") && !parsed.matches("نص آخر"));
    /// ```
    pub fn matches(&self, source: &str) -> bool {
        content_hash(&crate::clean(source)) == self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ids_parse_back(story in "\\PC{1,20}", index in 0usize..100_000, source in "\\PC*") {
            let id = unit_id(&story, index, &source);
            let parsed = UnitId::parse(&id).unwrap();
            prop_assert_eq!(parsed.story, story.as_str());
            prop_assert_eq!(parsed.index, index);
            prop_assert_eq!(parsed.hash, content_hash(&source));
        }
    }
}
