//! Checks shared by the integration tests.

use khulasa_split::{Kind, Sentence};

/// Asserts the splitter's contract on `text`: units in order, never overlapping, on character boundaries, trimmed,
/// never across an empty line, and every character that is not white space inside some unit.
pub fn assert_contract(text: &str, units: &[Sentence]) {
    let mut covered_to = 0;
    for unit in units {
        assert!(unit.start < unit.end, "empty unit {unit:?}");
        assert!(
            unit.start >= covered_to,
            "unit {unit:?} overlaps or goes back (previous end {covered_to})"
        );
        let gap = text.get(covered_to..unit.start).expect("gap on char boundaries");
        assert!(gap.trim().is_empty(), "text outside every unit: {gap:?}");
        let body = text.get(unit.start..unit.end).expect("unit on char boundaries");
        assert_eq!(body.trim(), body, "unit not trimmed");
        assert!(!spans_paragraph(body), "unit spans an empty line: {body:?}");
        if unit.kind != Kind::Furniture {
            assert!(
                body.chars().any(char::is_alphabetic),
                "text unit with no letter: {body:?}"
            );
        }
        covered_to = unit.end;
    }
    let tail = text.get(covered_to..).expect("tail on char boundary");
    assert!(tail.trim().is_empty(), "text after the last unit: {tail:?}");
}

fn spans_paragraph(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    let mut inner: Vec<&str> = lines.collect();
    inner.pop();
    inner.iter().any(|line| line.trim().is_empty())
}
