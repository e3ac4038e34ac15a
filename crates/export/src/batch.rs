//! Batching: units split into files no bigger than a cap, stories kept whole.

use crate::Unit;
use std::ops::Range;

/// Caps on one batch file; `None` means no cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Caps {
    /// At most this many source characters (what MT APIs count).
    pub max_chars: Option<usize>,
    /// At most this many units.
    pub max_units: Option<usize>,
}

impl Caps {
    fn fits(&self, units: usize, chars: usize) -> bool {
        self.max_units.is_none_or(|m| units <= m) && self.max_chars.is_none_or(|m| chars <= m)
    }
}

/// Places stories into batches as they come, for writers that stream: the same decisions as [`plan_batches`],
/// which depend only on the batch being filled and the next story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batcher {
    caps: Caps,
    units: usize,
    chars: usize,
    open: bool,
}

impl Batcher {
    /// A batcher with nothing placed yet.
    ///
    /// ```
    /// let batcher = khulasa_export::Batcher::new(khulasa_export::Caps::default());
    /// # let _ = batcher;
    /// ```
    pub fn new(caps: Caps) -> Batcher {
        Batcher {
            caps,
            units: 0,
            chars: 0,
            open: false,
        }
    }

    /// Places one story's units after everything placed so far, and returns the indices into `story` before
    /// which a new batch begins (in order; `0` when the story opens a batch, as the first story always does).
    ///
    /// ```
    /// use khulasa_export::{Batcher, Caps, Unit};
    /// let story = |name: &str, n: usize| -> Vec<Unit> { (0..n).map(|i| Unit::new(name, i, "نص")).collect() };
    /// let mut batcher = Batcher::new(Caps { max_units: Some(3), max_chars: None });
    /// assert_eq!(batcher.place(&story("a", 2)), [0]);
    /// assert!(batcher.place(&story("b", 1)).is_empty());
    /// assert_eq!(batcher.place(&story("c", 7)), [0, 3, 6]);
    /// ```
    pub fn place(&mut self, story: &[Unit]) -> Vec<usize> {
        let mut cuts = Vec::new();
        if story.is_empty() {
            return cuts;
        }
        let chars: usize = story.iter().map(Unit::chars).sum();
        if self.open && self.caps.fits(self.units + story.len(), self.chars + chars) {
            self.units += story.len();
            self.chars += chars;
            return cuts;
        }
        cuts.push(0);
        self.open = true;
        if self.caps.fits(story.len(), chars) {
            self.units = story.len();
            self.chars = chars;
            return cuts;
        }
        // The story alone is over the cap: cut it between units, each batch as full as the cap allows.
        self.units = 0;
        self.chars = 0;
        for (i, unit) in story.iter().enumerate() {
            let c = unit.chars();
            if self.units > 0 && !self.caps.fits(self.units + 1, self.chars + c) {
                cuts.push(i);
                self.units = 0;
                self.chars = 0;
            }
            self.units += 1;
            self.chars += c;
        }
        cuts
    }
}

/// Splits `units` (a story's units contiguous, in order) into batches within `caps`, as ranges in order that
/// cover every unit once. A story never straddles two batches unless it alone is over the cap; then it starts a
/// batch of its own and is cut between units. A single unit over the character cap stands alone.
///
/// ```
/// use khulasa_export::{plan_batches, Caps, Unit};
/// let units: Vec<Unit> = [("a", 0), ("a", 1), ("b", 0), ("c", 0)]
///     .iter().map(|&(s, i)| Unit::new(s, i, "نص")).collect();
/// let caps = Caps { max_units: Some(3), max_chars: None };
/// assert_eq!(plan_batches(&units, caps), [0..3, 3..4]);
/// ```
pub fn plan_batches(units: &[Unit], caps: Caps) -> Vec<Range<usize>> {
    let mut batcher = Batcher::new(caps);
    let mut starts = Vec::new();
    let mut start = 0;
    while let Some(rest) = units.get(start..).filter(|r| !r.is_empty()) {
        let story = rest.first().map_or("", |u| u.story.as_str());
        let len = rest.iter().take_while(|u| u.story == story).count();
        starts.extend(
            batcher
                .place(rest.get(..len).unwrap_or_default())
                .into_iter()
                .map(|i| start + i),
        );
        start += len;
    }
    let mut batches: Vec<Range<usize>> = starts
        .windows(2)
        .filter_map(|w| Some(*w.first()?..*w.get(1)?))
        .collect();
    if let Some(&last) = starts.last() {
        batches.push(last..units.len());
    }
    batches
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(stories: &[(usize, usize)]) -> Vec<Unit> {
        let mut out = Vec::new();
        for (s, &(n, chars)) in stories.iter().enumerate() {
            for i in 0..n {
                out.push(Unit::new(&format!("story{s}"), i, &"ب".repeat(chars.max(1))));
            }
        }
        out
    }

    #[test]
    fn no_caps_gives_one_batch() {
        assert_eq!(
            plan_batches(&units(&[(2, 3), (4, 5)]), Caps::default()),
            vec![0..6_usize]
        );
        assert!(plan_batches(&[], Caps::default()).is_empty());
    }

    #[test]
    fn a_story_over_the_cap_is_cut_alone() {
        let caps = Caps {
            max_units: Some(3),
            max_chars: None,
        };
        // The tail of the long story shares its batch with the next story, which stays whole.
        assert_eq!(
            plan_batches(&units(&[(1, 1), (5, 1), (1, 1)]), caps),
            [0..1, 1..4, 4..7]
        );
    }

    proptest! {
        #[test]
        fn batches_cover_in_order_within_caps_and_keep_stories(
            stories in proptest::collection::vec((1usize..6, 1usize..30), 0..12),
            max_units in proptest::option::of(1usize..8),
            max_chars in proptest::option::of(1usize..120),
        ) {
            let units = units(&stories);
            let caps = Caps { max_chars, max_units };
            let batches = plan_batches(&units, caps);
            let mut next = 0;
            for b in &batches {
                prop_assert_eq!(b.start, next);
                prop_assert!(!b.is_empty());
                next = b.end;
                let slice = &units[b.clone()];
                let chars: usize = slice.iter().map(Unit::chars).sum();
                if !caps.fits(slice.len(), chars) {
                    // Only a single unit longer than the character cap may stand over it.
                    prop_assert_eq!(slice.len(), 1);
                }
            }
            prop_assert_eq!(next, units.len());
            for s in 0..stories.len() {
                let name = format!("story{s}");
                let holding: Vec<_> = batches.iter().filter(|b| units[(*b).clone()].iter().any(|u| u.story == name)).collect();
                let story_units: Vec<&Unit> = units.iter().filter(|u| u.story == name).collect();
                let chars: usize = story_units.iter().map(|u| u.chars()).sum();
                if caps.fits(story_units.len(), chars) {
                    prop_assert_eq!(holding.len(), 1);
                }
            }
        }
    }
}
