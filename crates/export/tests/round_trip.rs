//! Every format written, translated by a fake translator that writes each source reversed, and read back gives
//! exactly the ids, sources and targets written, in order: for chosen hard cases and for arbitrary Unicode.

use khulasa_export::*;
use proptest::prelude::*;

fn reversed(text: &str) -> String {
    text.chars().rev().collect()
}

/// Fills every `target` cell of a CSV/TSV file with the reversed source, the way a spreadsheet user would:
/// seeing the restored text, typing a target that the spreadsheet then saves with the guard again.
fn translate_table(bytes: &[u8], tsv: bool, profile: Profile) -> Vec<u8> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new();
    let mut writer = csv::WriterBuilder::new();
    if tsv {
        reader.delimiter(b'\t').quoting(false);
        writer.delimiter(b'\t').quote_style(csv::QuoteStyle::Never);
    }
    let mut reader = reader.has_headers(false).from_reader(body);
    let mut out = if body.len() < bytes.len() {
        BOM.to_vec()
    } else {
        Vec::new()
    };
    {
        let mut w = writer.from_writer(&mut out);
        for (n, row) in reader.records().enumerate() {
            let mut row: Vec<String> = row.unwrap().iter().map(str::to_owned).collect();
            if n > 0 {
                row[2] = match profile {
                    Profile::Plain => reversed(&row[1]),
                    Profile::Excel => neutralize(&reversed(restore(&row[1]))).into_owned(),
                };
            }
            w.write_record(&row).unwrap();
        }
    }
    out
}

fn translate_jsonl(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in std::str::from_utf8(bytes).unwrap().lines() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["target"] = reversed(v["source"].as_str().unwrap()).into();
        out.extend(serde_json::to_vec(&v).unwrap());
        out.push(b'\n');
    }
    out
}

/// Puts a `<target>` after every `<source>`, replacing the empty ones the writer left.
fn translate_xliff(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap().replace("<target></target>", "");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find("<source>") {
        let close = rest.find("</source>").unwrap();
        let source = quick_xml::escape::unescape(&rest[open + 8..close]).unwrap();
        out.push_str(&rest[..close + 9]);
        out.push_str(&format!(
            "<target>{}</target>",
            quick_xml::escape::escape(reversed(&source))
        ));
        rest = &rest[close + 9..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn round_trip(units: &[Unit], format: Format, profile: Profile) -> Vec<Record> {
    let options = WriteOptions {
        profile,
        target_lang: Some("en".into()),
        ..Default::default()
    };
    let mut out = Vec::new();
    match format {
        Format::Csv => {
            write_csv(units, &options, &mut out).unwrap();
            read_csv(&translate_table(&out, false, profile), profile).unwrap()
        }
        Format::Tsv => {
            write_tsv(units, &options, &mut out).unwrap();
            read_tsv(&translate_table(&out, true, profile), profile).unwrap()
        }
        Format::Jsonl => {
            write_jsonl(units, &mut out).unwrap();
            read_jsonl(&translate_jsonl(&out)).unwrap()
        }
        Format::Lines => {
            let mut ids = Vec::new();
            write_lines(units, &mut out, &mut ids).unwrap();
            let translated: String = std::str::from_utf8(&out)
                .unwrap()
                .lines()
                .map(|l| reversed(l) + "\n")
                .collect();
            read_lines(translated.as_bytes(), &ids).unwrap()
        }
        Format::Xliff => {
            write_xliff2(units, &options, &mut out).unwrap();
            read_xliff(&translate_xliff(&out)).unwrap()
        }
        Format::Xliff12 => {
            write_xliff12(units, &options, &mut out).unwrap();
            read_xliff(&translate_xliff(&out)).unwrap()
        }
        Format::Po => {
            write_po(units, &options, &mut out).unwrap();
            read_po(&translate_po(&out)).unwrap()
        }
        Format::Xlsx => {
            write_xlsx(units, &options, &mut out).unwrap();
            read_xlsx(&translate_xlsx(&out)).unwrap()
        }
    }
}

/// Fills every target cell of a workbook with the reversed source, as a spreadsheet user saves it: read with
/// calamine, written again with rust_xlsxwriter (every cell a string).
fn translate_xlsx(bytes: &[u8]) -> Vec<u8> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = match (r, c) {
                (r, 2) if r > 0 => reversed(&row[1].to_string()),
                _ => cell.to_string(),
            };
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// Fills every `msgstr` of a unit with its reversed `msgid`, escaping as a PO editor does.
fn translate_po(bytes: &[u8]) -> Vec<u8> {
    let unescape = |s: &str| s.replace("\\\"", "\"").replace("\\\\", "\\");
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::new();
    let mut source = None;
    for line in std::str::from_utf8(bytes).unwrap().lines() {
        if let Some(id) = line.strip_prefix("msgid \"").and_then(|l| l.strip_suffix('"')) {
            source = Some(unescape(id)).filter(|s| !s.is_empty());
        }
        match (&source, line) {
            (Some(s), "msgstr \"\"") => out.push_str(&format!("msgstr \"{}\"\n", escape(&reversed(s)))),
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    out.into_bytes()
}

fn check(units: &[Unit]) -> Result<(), TestCaseError> {
    for format in Format::ALL {
        for profile in [Profile::Plain, Profile::Excel] {
            let records = round_trip(units, format, profile);
            prop_assert_eq!(records.len(), units.len(), "{:?} {:?}", format, profile);
            for (r, u) in records.iter().zip(units) {
                prop_assert_eq!(&r.id, &u.id, "{:?} {:?}", format, profile);
                if format != Format::Lines {
                    prop_assert_eq!(
                        r.source.as_deref(),
                        Some(u.source.as_str()),
                        "{:?} {:?}",
                        format,
                        profile
                    );
                }
                prop_assert_eq!(&r.target, &reversed(&u.source), "{:?} {:?}", format, profile);
                prop_assert!(UnitId::parse(&r.id).is_some_and(|id| r.source.as_deref().is_none_or(|s| id.matches(s))));
            }
        }
    }
    Ok(())
}

#[test]
fn arabic_with_quotes_commas_newlines_formulas_and_markup_survives_every_format() {
    let hard = [
        "قال الوزير: \"لن نتراجع\"، وأضاف, بعد ذلك",
        "=SUM(A1:A2) ليست صيغة",
        "-5 درجات و+3 و@الوكالة",
        "'=نص يبدأ بفاصلة عليا",
        "سطر أول\nسطر ثان\r\nوثالث",
        "علامات <b>&amp;</b> و ]]> و \"\"",
        "\u{b}\u{0}تحكم\u{1f} ممنوع\u{7f}",
    ];
    let units: Vec<Unit> = hard.iter().enumerate().map(|(i, t)| Unit::new("خبر/1", i, t)).collect();
    assert_eq!(units[4].source, "سطر أول سطر ثان وثالث");
    assert_eq!(units[6].source, "تحكم ممنوع");
    check(&units).unwrap();
}

#[test]
fn excel_profile_guards_formula_cells_in_the_file_and_merge_restores_them() {
    let units = [
        Unit::new("s", 0, "=1+1"),
        Unit::new("s", 1, "@x"),
        Unit::new("s", 2, "عادي"),
    ];
    let options = WriteOptions {
        profile: Profile::Excel,
        ..Default::default()
    };
    let mut out = Vec::new();
    write_csv(&units, &options, &mut out).unwrap();
    assert!(out.starts_with(BOM));
    let text = std::str::from_utf8(&out[3..]).unwrap();
    assert!(text.contains(",\"'=1+1\","), "{text}");
    assert!(text.contains(",\"'@x\","), "{text}");
    assert!(text.contains(",\"عادي\","), "{text}");
    let records = read_csv(&translate_table(&out, false, Profile::Excel), Profile::Excel).unwrap();
    assert_eq!(records[0].source.as_deref(), Some("=1+1"));
    assert_eq!(records[0].target, "1+1=");
    assert_eq!(records[1].target, "x@");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_unicode_loses_nothing_but_the_documented_cleaning(
        texts in proptest::collection::vec(any::<String>(), 1..6),
        context in any::<String>(),
    ) {
        let units: Vec<Unit> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut u = Unit::new("story", i, t);
                u.context = context.clone();
                u
            })
            .filter(|u| !u.source.is_empty())
            .collect();
        check(&units)?;
    }
}

/// XLIFF 2.0 makes unit ids NMTOKENs: letters, digits, `.`, `-`, `_`, `:` and marks, nothing else.
fn is_nmtoken(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '\u{B7}') || c.is_ascii_digit())
}

#[test]
fn xliff2_unit_ids_are_nmtokens_and_khulasa_ids_come_back_from_name() {
    let units = vec![
        Unit::new("wire/2019/a b", 0, "قال الوزير"),
        Unit::new("wire/2019/a&b", 1, "وأضاف"),
        Unit::new("plain", 2, "نعم"),
    ];
    let mut out = Vec::new();
    write_xliff2(&units, &WriteOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let ids: Vec<&str> = text
        .split("<unit id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.iter().all(|id| is_nmtoken(id)), "{ids:?}");
    let read = read_xliff(text.as_bytes()).unwrap();
    let back: Vec<&str> = read.iter().map(|r| r.id.as_str()).collect();
    let written: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(back, written);
}
