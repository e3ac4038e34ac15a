//! Laws that hold for any document.

mod common;

use khulasa_desk::{review, Kind, Rule};
use proptest::prelude::*;
use std::borrow::Cow;

/// Text built from what the rules react to: Arabic words, openers, agencies, places, hashtags and underscores,
/// dashes, colons, brackets, quotes, commas, and white space and invisible marks.
fn desk_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "الوزير",
        "وأضاف",
        "أن",
        "إن",
        "وقال",
        "من جهته",
        "هذا",
        "تلك",
        "العام",
        "دبي،",
        "القاهرة",
        "الإمارات",
        "CNN",
        "رويترز",
        "أ ف ب",
        "وكالات",
        "(",
        ")",
        "(CNN)",
        "(رويترز)",
        "-",
        "--",
        "—",
        "–",
        ":",
        "،",
        ",",
        ".",
        "؟",
        "#",
        "#",
        "##",
        "_",
        "_",
        "#السعودية",
        "و#",
        "LET_GO#",
        "C#",
        "a",
        "Z9",
        "2018",
        "٣",
        "اقرأ أيضاً",
        "للمزيد",
        "حول",
        "بيت.كوم",
        "حسب",
        "\"",
        "«",
        "»",
        "”",
        "/",
        "&",
        " ",
        " ",
        " ",
        "  ",
        "\u{200F}",
        "\u{200E}",
        "\u{a0}",
        "\u{64E}",
        "ـ",
        "*",
        "•",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(vec![
        Kind::Headline,
        Kind::Subheadline,
        Kind::Body,
        Kind::Body,
        Kind::Furniture,
    ])
}

fn document() -> impl Strategy<Value = Vec<(Kind, String)>> {
    prop::collection::vec((kind(), desk_text()), 0..12)
}

fn any_document() -> impl Strategy<Value = Vec<(Kind, String)>> {
    prop::collection::vec((kind(), "\\PC{0,80}"), 0..8)
}

fn check_laws(doc: &[(Kind, String)]) -> Result<(), TestCaseError> {
    let units: Vec<(Kind, &str)> = doc.iter().map(|(k, t)| (*k, t.as_str())).collect();
    let (reviewed, tally) = review(&units);
    prop_assert_eq!(reviewed.len(), units.len());
    let mut first_body = true;
    let (mut lead_ins, mut back_refs) = (0, 0);
    for (r, &(kind, text)) in reviewed.iter().zip(&units) {
        // Kinds only ever turn into furniture.
        prop_assert!(
            r.kind == kind || r.kind == Kind::Furniture,
            "{:?} became {:?}",
            kind,
            r.kind
        );
        // Nothing grows: `#` and invisible marks go, `_` and a run-in `#` turn into one space each at most.
        prop_assert!(r.text.len() <= text.len(), "{:?} -> {:?}", text, r.text);
        let (before, after) = (common::skeleton(text), common::skeleton(&r.text));
        if kind == Kind::Body {
            // A dateline is cut from the front; the rest is kept.
            prop_assert!(before.ends_with(&after), "{:?} -> {:?}", text, r.text);
        } else {
            prop_assert_eq!(&before, &after, "{:?} -> {:?}", text, r.text);
        }
        if !text.contains('#') {
            // Without a `#` the text is borrowed: the unit itself or, after a dateline, its end.
            prop_assert!(matches!(r.text, Cow::Borrowed(_)));
            prop_assert!(text.ends_with(r.text.as_ref()));
            if kind != Kind::Body {
                prop_assert_eq!(r.text.as_ref(), text);
            }
        }
        prop_assert!(!common::has_hashtag_markup(&r.text), "{:?} -> {:?}", text, r.text);
        prop_assert!(r.kind == Kind::Body || !(r.lead_in || r.refers_back));
        if r.kind == Kind::Body {
            prop_assert!(!(first_body && r.refers_back), "first body unit {:?}", text);
            first_body = false;
        }
        lead_ins += usize::from(r.lead_in);
        back_refs += usize::from(r.refers_back);
    }
    prop_assert_eq!(tally.count(Rule::LeadIn), lead_ins);
    prop_assert_eq!(tally.count(Rule::BackReference), back_refs);
    // Datelines and hashtags depend on the unit alone: a document's tally is the sum of its units' tallies.
    let alone = units.iter().map(|&unit| review(&[unit]).1);
    let (datelines, hashtags) = alone.fold((0, 0), |(d, h), t| (d + t.dateline, h + t.hashtag));
    prop_assert_eq!((tally.dateline, tally.hashtag), (datelines, hashtags));
    // Units become furniture as boilerplate, or as nothing but a dateline.
    let newly_furniture = reviewed
        .iter()
        .zip(&units)
        .filter(|(r, u)| r.kind == Kind::Furniture && u.0 != Kind::Furniture);
    let newly_furniture = newly_furniture.count();
    prop_assert!(tally.boilerplate <= newly_furniture && newly_furniture <= tally.boilerplate + tally.dateline);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn desk_text_keeps_the_laws(doc in document()) {
        check_laws(&doc)?;
    }

    #[test]
    fn any_unicode_keeps_the_laws(doc in any_document()) {
        check_laws(&doc)?;
    }

    #[test]
    fn a_second_review_finds_no_hashtag(doc in document()) {
        let units: Vec<(Kind, &str)> = doc.iter().map(|(k, t)| (*k, t.as_str())).collect();
        let (first, _) = review(&units);
        // As headlines, so that no dateline cut in the second review brings a new start of a unit.
        let again: Vec<(Kind, &str)> = first.iter().map(|r| (Kind::Headline, r.text.as_ref())).collect();
        let (second, tally) = review(&again);
        prop_assert_eq!(tally.hashtag, 0);
        prop_assert_eq!(second.len(), first.len());
    }
}
