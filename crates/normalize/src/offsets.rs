use std::ops::Range;

/// Maps byte offsets of a repaired text back to byte offsets of the text as received.
///
/// Stored as sorted checkpoints `(repaired, original)`, both coordinates non-decreasing, with an implicit first
/// checkpoint `(0, 0)` and an implicit last one at the two texts' ends. Between two checkpoints either both texts
/// advance together byte for byte (same length: text copied), or one piece of text was replaced by another of a
/// different length (a deletion is a replacement by nothing). A replaced piece is atomic: an offset inside it maps
/// to its start, or to its end when it ends a range, so a mapped offset is always a character boundary of the
/// original when the repaired offset is one of the repaired text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    checkpoints: Vec<(usize, usize)>,
    repaired_len: usize,
    original_len: usize,
}

impl OffsetMap {
    /// The identity map for a text of `len` bytes.
    ///
    /// ```
    /// let map = khulasa_normalize::OffsetMap::identity(10);
    /// assert_eq!(map.to_original(4), 4);
    /// ```
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            checkpoints: Vec::new(),
            repaired_len: len,
            original_len: len,
        }
    }

    /// Length of the original text in bytes.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::OffsetMap::identity(7).original_len(), 7);
    /// ```
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Length of the repaired text in bytes.
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::new().repair("a  b");
    /// assert_eq!(r.map.repaired_len(), 3);
    /// ```
    pub fn repaired_len(&self) -> usize {
        self.repaired_len
    }

    /// The checkpoint `index` of the full list (implicit ends included).
    fn checkpoint(&self, index: usize) -> (usize, usize) {
        match index.checked_sub(1) {
            None => (0, 0),
            Some(i) => self
                .checkpoints
                .get(i)
                .copied()
                .unwrap_or((self.repaired_len, self.original_len)),
        }
    }

    /// Number of checkpoints in the full list (implicit ends included).
    fn count(&self) -> usize {
        self.checkpoints.len() + 2
    }

    /// The original offset where the repaired text from offset `repaired` on comes from (start semantics: a
    /// removed piece just before `repaired` is not included). Never past the original's end.
    ///
    /// ```
    /// // "a\u{200F}b": the mark (3 bytes) is removed.
    /// let r = khulasa_normalize::Repairer::new().repair("a\u{200F}b");
    /// assert_eq!(r.text, "ab");
    /// assert_eq!(r.map.to_original(1), 4);
    /// ```
    pub fn to_original(&self, repaired: usize) -> usize {
        let repaired = repaired.min(self.repaired_len);
        // Last checkpoint at or before `repaired` (the implicit first one is at 0).
        let k = self.checkpoints.partition_point(|&(r, _)| r <= repaired);
        let (r0, o0) = self.checkpoint(k);
        let (r1, o1) = self.checkpoint(k + 1);
        let mapped = if r1 - r0 == o1 - o0 || repaired == r0 {
            o0 + (repaired - r0)
        } else {
            o0
        };
        mapped.min(self.original_len)
    }

    /// The original offset where the repaired text up to offset `repaired` ends (end semantics: a removed piece
    /// just after `repaired` is not included).
    ///
    /// ```
    /// let r = khulasa_normalize::Repairer::new().repair("a\u{200F}b");
    /// assert_eq!(r.map.to_original_end(1), 1);
    /// ```
    pub fn to_original_end(&self, repaired: usize) -> usize {
        let repaired = repaired.min(self.repaired_len);
        if repaired == 0 {
            return 0;
        }
        // Last checkpoint strictly before `repaired`.
        let k = self.checkpoints.partition_point(|&(r, _)| r < repaired);
        let (r0, o0) = self.checkpoint(k);
        let (r1, o1) = self.checkpoint(k + 1);
        let mapped = if r1 - r0 == o1 - o0 { o0 + (repaired - r0) } else { o1 };
        mapped.min(self.original_len)
    }

    /// The original byte range of a repaired byte range: what the repaired text `repaired` was made from.
    ///
    /// ```
    /// let original = "قال  \u{200F}الوزير";
    /// let r = khulasa_normalize::Repairer::new().repair(original);
    /// assert_eq!(r.text, "قال الوزير");
    /// let range = r.map.original_range(7..r.text.len());
    /// assert_eq!(&original[range], "الوزير");
    /// ```
    pub fn original_range(&self, repaired: Range<usize>) -> Range<usize> {
        let start = self.to_original(repaired.start);
        let end = self.to_original_end(repaired.end).max(start);
        start..end
    }

    /// Whether the map is non-decreasing and within both texts' bounds (a check for tests and debugging).
    ///
    /// ```
    /// assert!(khulasa_normalize::Repairer::new().repair(" a  b ").map.is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        (1..self.count()).all(|i| {
            let (r0, o0) = self.checkpoint(i - 1);
            let (r1, o1) = self.checkpoint(i);
            r0 <= r1 && o0 <= o1
        })
    }
}

/// Builds an [`OffsetMap`] while a text is rewritten from left to right.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    map: OffsetMap,
    repaired: usize,
    original: usize,
}

impl MapBuilder {
    /// `len` bytes copied unchanged.
    pub(crate) fn copy(&mut self, len: usize) {
        self.repaired += len;
        self.original += len;
    }

    fn checkpoint(&mut self) {
        let here = (self.repaired, self.original);
        if self.map.checkpoints.last() != Some(&here) && here != (0, 0) {
            self.map.checkpoints.push(here);
        }
    }

    /// `original_len` bytes replaced by `repaired_len` bytes (of a different length; equal lengths would read as
    /// a copy).
    pub(crate) fn replace(&mut self, original_len: usize, repaired_len: usize) {
        if original_len == repaired_len {
            self.copy(original_len);
            return;
        }
        self.checkpoint();
        self.repaired += repaired_len;
        self.original += original_len;
        self.checkpoint();
    }

    /// `len` original bytes removed.
    pub(crate) fn delete(&mut self, len: usize) {
        self.replace(len, 0);
    }

    pub(crate) fn finish(mut self) -> OffsetMap {
        self.map.repaired_len = self.repaired;
        self.map.original_len = self.original;
        // The implicit last checkpoint stands for the final one.
        if self.map.checkpoints.last() == Some(&(self.repaired, self.original)) {
            self.map.checkpoints.pop();
        }
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_maps_start_after_and_end_before() {
        let mut b = MapBuilder::default();
        b.copy(2);
        b.delete(3);
        b.copy(2);
        let map = b.finish();
        assert_eq!(map.to_original(2), 5);
        assert_eq!(map.to_original_end(2), 2);
        assert_eq!(map.original_range(0..4), 0..7);
        assert_eq!(map.original_range(2..4), 5..7);
    }

    #[test]
    fn replacement_is_atomic() {
        // A 3-byte character became 4 bytes, between two copied bytes.
        let mut b = MapBuilder::default();
        b.copy(1);
        b.replace(3, 4);
        b.copy(1);
        let map = b.finish();
        assert_eq!(map.to_original(1), 1);
        assert_eq!(map.to_original(3), 1);
        assert_eq!(map.to_original_end(3), 4);
        assert_eq!(map.to_original_end(5), 4);
        assert_eq!(map.to_original(5), 4);
        assert_eq!(map.to_original_end(6), 5);
        assert!(map.is_consistent());
    }

    #[test]
    fn identity_is_identity() {
        let map = MapBuilder::default();
        let mut map = map;
        map.copy(9);
        let map = map.finish();
        assert_eq!(map, OffsetMap::identity(9));
        assert_eq!(map.original_range(3..5), 3..5);
    }
}
