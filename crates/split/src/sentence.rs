/// What a unit of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The story's headline: its first line when short and unpunctuated.
    Headline,
    /// A sub-headline inside the story: a short line with no final punctuation.
    Subheadline,
    /// A sentence of prose.
    Body,
    /// Page furniture that is not prose (share counters, lone numbers, button labels).
    Furniture,
}

impl Kind {
    /// The name used in outputs: `headline`, `subheadline`, `body` or `furniture`.
    ///
    /// ```
    /// assert_eq!(khulasa_split::Kind::Subheadline.as_str(), "subheadline");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Headline => "headline",
            Kind::Subheadline => "subheadline",
            Kind::Body => "body",
            Kind::Furniture => "furniture",
        }
    }

    /// True for units that are prose or headings, and so go to translation.
    pub fn is_text(self) -> bool {
        self != Kind::Furniture
    }
}

/// One unit of a document: a byte range of the text it was split from, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What the unit is.
    pub kind: Kind,
}
