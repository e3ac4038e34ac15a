//! Sentence splitting on arbitrary text: the splitter's contract (units in order, disjoint, non-empty, trimmed, on
//! character boundaries, never across an empty line, every non-blank character inside a unit, a text unit holds
//! a letter) holds on any string; `split_into` into a reused vector equals `split`; the same input gives the same
//! units. The repair is left out on purpose: its own target covers it, and a crash here then means the splitter.
#![no_main]

use khulasa_split::{Kind, Sentence};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

fn spans_paragraph(body: &str) -> bool {
    let mut lines = body.split('\n');
    lines.next();
    let mut inner: Vec<&str> = lines.collect();
    inner.pop();
    inner.iter().any(|line| line.trim().is_empty())
}

fn assert_contract(text: &str, units: &[Sentence]) {
    let mut covered_to = 0;
    for unit in units {
        assert!(unit.start < unit.end, "empty unit {unit:?}");
        assert!(unit.end <= text.len(), "unit {unit:?} past the end ({})", text.len());
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

thread_local! {
    // Reused across runs on purpose: a stale unit left over from a previous input would break the law below.
    static REUSED: RefCell<Vec<Sentence>> = const { RefCell::new(Vec::new()) };
}

fn check(text: &str) {
    let units = khulasa_split::split(text);
    assert_contract(text, &units);
    REUSED.with(|reused| {
        let mut reused = reused.borrow_mut();
        khulasa_split::split_into(text, &mut reused);
        assert_eq!(*reused, units, "split_into differs from split");
    });
    assert_eq!(khulasa_split::split(text), units, "same input, different units");
    let _ = khulasa_split::layout(text);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
});
