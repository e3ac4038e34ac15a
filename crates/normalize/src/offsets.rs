/// Maps byte offsets of a repaired text back to byte offsets of the text as received.
///
/// Stored as sorted checkpoints `(repaired, original)`: between two checkpoints the two texts advance together,
/// byte for byte. A repair that changes length adds a checkpoint at its start and at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    checkpoints: Vec<(usize, usize)>,
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
            original_len: len,
        }
    }

    /// Records that repaired offset `repaired` corresponds to original offset `original`. Calls must come in
    /// increasing order of both.
    pub fn push(&mut self, repaired: usize, original: usize) {
        if let Some(&(r, o)) = self.checkpoints.last() {
            if r == repaired && o == original {
                return;
            }
        }
        self.checkpoints.push((repaired, original));
    }

    /// Sets the length of the original text, the bound of every mapped offset.
    pub fn set_original_len(&mut self, len: usize) {
        self.original_len = len;
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The original offset of a repaired offset, never past the original's end.
    ///
    /// ```
    /// let mut map = khulasa_normalize::OffsetMap::identity(8);
    /// map.push(0, 0);
    /// map.push(2, 4); // four original bytes became two
    /// assert_eq!(map.to_original(3), 5);
    /// ```
    pub fn to_original(&self, repaired: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(r, _)| r <= repaired);
        let mapped = match i.checked_sub(1).and_then(|j| self.checkpoints.get(j)) {
            Some(&(r, o)) => o + (repaired - r),
            None => repaired,
        };
        mapped.min(self.original_len)
    }

    /// The original byte range of a repaired byte range.
    pub fn original_range(&self, repaired: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.to_original(repaired.start);
        let end = self.to_original(repaired.end).max(start);
        start..end
    }
}
