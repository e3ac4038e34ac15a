//! The desk's review on arbitrary text, split as the pipeline splits it: one result for every unit, in order; a
//! unit whose text the review leaves alone is borrowed, not copied; a shown text is never longer than the unit it
//! comes from; the counts agree with the flags and kinds; and the same units give the same review.
#![no_main]

use khulasa_desk::{review, Kind};
use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;

fuzz_target!(|text: &str| {
    let units: Vec<(Kind, &str)> = khulasa_split::split(text)
        .iter()
        .filter_map(|s| Some((s.kind, text.get(s.start..s.end)?)))
        .collect();
    let (reviewed, tally) = review(&units);
    assert_eq!(reviewed.len(), units.len());
    for (r, &(kind, unit)) in reviewed.iter().zip(&units) {
        assert!(r.text.len() <= unit.len(), "{unit:?} shown longer as {:?}", r.text);
        if let Cow::Owned(shown) = &r.text {
            assert_ne!(shown, unit, "an unchanged text is borrowed");
        }
        assert!(r.kind == kind || r.kind == Kind::Furniture, "{kind:?} became {:?}", r.kind);
        if r.kind != Kind::Body {
            assert!(!r.lead_in && !r.refers_back, "flags on a {:?} unit", r.kind);
        }
    }
    assert_eq!(tally.lead_in, reviewed.iter().filter(|r| r.lead_in).count());
    assert_eq!(tally.back_reference, reviewed.iter().filter(|r| r.refers_back).count());
    assert_eq!(review(&units).0, reviewed);
});
