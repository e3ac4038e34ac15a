//! Laws that hold on any input.

mod common;

use proptest::prelude::*;

/// Text built from the characters the splitter reacts to: Arabic and Latin letters, digits of both kinds, every
/// terminal mark, quotes and brackets (ornate ones included), separators, white space of several kinds (line breaks
/// included), and words some rules look for (list numbers, a company suffix, a spelt letter, verbs of saying).
fn wire_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "الوزير",
        "د",
        "م",
        "ق",
        "هـ",
        "نت",
        "في",
        "ز",
        "U",
        "S",
        "Dr",
        "www",
        "com",
        "2014",
        "3",
        "٣٫٥",
        "1ر4",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\n",
        "\n\n",
        "\n \n",
        "\t",
        "\u{a0}",
        "\u{200b}",
        ".",
        ".",
        "...",
        "…",
        "!",
        "?",
        "؟",
        "۔",
        "،",
        ",",
        ":",
        "؛",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "(",
        ")",
        "-",
        "•",
        "0",
        "360",
        "شارك",
        "@",
        "/",
        "[",
        "]",
        "﴿",
        "﴾",
        "„",
        "1",
        "١",
        "Inc",
        "أر",
        "فأجاب",
        "مضيفا",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn units_are_ordered_disjoint_and_cover_all_text(text in wire_text()) {
        let units = khulasa_split::split(&text);
        common::assert_contract(&text, &units);
    }

    #[test]
    fn any_unicode_string_keeps_the_contract(text in "\\PC{0,200}") {
        let units = khulasa_split::split(&text);
        common::assert_contract(&text, &units);
    }

    #[test]
    fn splitting_is_the_same_into_a_reused_vector(a in wire_text(), b in wire_text()) {
        let mut reused = Vec::new();
        khulasa_split::split_into(&a, &mut reused);
        khulasa_split::split_into(&b, &mut reused);
        prop_assert_eq!(reused, khulasa_split::split(&b));
    }
}
