//! Translation exchange on arbitrary sentences: every writer's output read back by khulasa's own readers gives
//! the units that were written.
//!
//! The input is one story: pieces separated by U+001E (record separator); with two or more pieces the first is
//! the story id. Units are built the way `khulasa prep` builds them (story id cleaned, empty sources skipped,
//! the previous sentence as context, a location and optionally a `max_length`).
//!
//! Laws, for CSV, TSV, JSON lines, parallel lines, XLIFF 2.0 and XLIFF 1.2, in both profiles and with and without
//! a target language: the file reads back, record for record in order, with the ids and sources written and
//! empty targets; `reconcile` then reports exactly one empty target per unit and nothing else. XLIFF with its
//! empty `<target>`s filled in, a bilingual CSV and a TMX file carry translations back unchanged (after
//! `clean`), and `reconcile` on the filled XLIFF and the bilingual CSV accepts every unit without a problem.
#![no_main]

use khulasa_export::{
    clean, read_csv, read_jsonl, read_lines, read_tsv, read_xliff, reconcile, write_bilingual_csv, write_tmx,
    BatchWriter, Format, Pair, Problem, Profile, Record, Unit, WriteOptions,
};
use libfuzzer_sys::fuzz_target;
use quick_xml::events::Event;

fn units_of(text: &str) -> Vec<Unit> {
    let pieces: Vec<&str> = text.split('\u{1e}').collect();
    let (story, sentences) = match pieces.split_first() {
        Some((first, rest)) if !rest.is_empty() => (clean(first).into_owned(), rest),
        _ => ("story".to_owned(), pieces.as_slice()),
    };
    let mut previous = String::new();
    let mut units = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let mut unit = Unit::new(&story, index, sentence);
        let this = unit.source.clone();
        if !unit.source.is_empty() {
            unit.context = format!("{story} | {previous}");
            unit.developer_comments = format!("kind=body; rank={index}; summary=no");
            unit.location = format!("{story}:{index}-{}", index + sentence.len());
            unit.max_length = (index % 2 == 0).then(|| unit.chars() * 2);
            units.push(unit);
        }
        previous = this;
    }
    units
}

fn write(format: Format, options: &WriteOptions, max_length: bool, units: &[Unit]) -> (Vec<u8>, Vec<u8>) {
    let (mut out, mut ids) = (Vec::new(), Vec::new());
    let mut writer =
        BatchWriter::new(format, options, max_length, &mut out, Some(&mut ids)).expect("writing to memory fails");
    // In two calls, as a batch is written when it does not fit in memory.
    let half = units.len() / 2;
    writer.write(units.get(..half).unwrap_or_default()).expect("write");
    writer.write(units.get(half..).unwrap_or_default()).expect("write");
    writer.finish().expect("finish");
    (out, ids)
}

fn read(format: Format, profile: Profile, out: &[u8], ids: &[u8], units: &[Unit]) -> Vec<Record> {
    let read = match format {
        Format::Csv => read_csv(out, profile),
        Format::Tsv => read_tsv(out, profile),
        Format::Jsonl => read_jsonl(out),
        Format::Lines => {
            // A translator's file: one (empty) target a line.
            let empty = "\n".repeat(units.len());
            read_lines(empty.as_bytes(), ids)
        }
        Format::Xliff | Format::Xliff12 => read_xliff(out),
    };
    match read {
        Ok(records) => records,
        Err(e) => panic!(
            "{format:?} {profile:?} does not read back: {e}\n{}",
            String::from_utf8_lossy(out)
        ),
    }
}

fn assert_same_units(what: &str, records: &[Record], units: &[Unit], sources: bool, targets: &[String]) {
    assert_eq!(
        records.len(),
        units.len(),
        "{what}: {} records for {} units",
        records.len(),
        units.len()
    );
    for ((record, unit), target) in records.iter().zip(units).zip(targets) {
        assert_eq!(record.id, unit.id, "{what}: id");
        if sources {
            assert_eq!(
                record.source.as_deref(),
                Some(unit.source.as_str()),
                "{what}: source of {}",
                unit.id
            );
        }
        assert_eq!(clean(&record.target), clean(target), "{what}: target of {}", unit.id);
    }
}

/// Fills the empty `<target></target>` elements the XLIFF writers leave, in order.
fn fill_xliff(out: &[u8], targets: &[String]) -> Vec<u8> {
    let text = std::str::from_utf8(out).expect("XLIFF is UTF-8");
    let parts: Vec<&str> = text.split("<target></target>").collect();
    assert_eq!(parts.len(), targets.len() + 1, "one empty <target> a unit");
    let mut filled = String::new();
    for (part, target) in parts.iter().zip(targets) {
        filled.push_str(part);
        filled.push_str("<target>");
        filled.push_str(&quick_xml::escape::escape(target.as_str()));
        filled.push_str("</target>");
    }
    filled.push_str(parts.last().copied().unwrap_or_default());
    filled.into_bytes()
}

/// (tuid, segments) of every `<tu>` of a TMX file, read with a plain XML parser.
fn read_tmx(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut units = Vec::new();
    let mut seg: Option<String> = None;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == b"tu" => {
                let tuid = e
                    .try_get_attribute("tuid")
                    .expect("attribute")
                    .expect("tuid")
                    .unescape_value()
                    .expect("escaped tuid")
                    .into_owned();
                units.push((tuid, Vec::new()));
            }
            Ok(Event::Start(e)) if e.name().as_ref() == b"seg" => seg = Some(String::new()),
            Ok(Event::Text(t)) => {
                if let Some(s) = seg.as_mut() {
                    s.push_str(&t.unescape().expect("escaped text"));
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(s) = seg.as_mut() {
                    s.push_str(std::str::from_utf8(&t).expect("UTF-8"));
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"seg" => {
                let text = seg.take().expect("seg open");
                units.last_mut().expect("seg inside tu").1.push(text);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("TMX is not well-formed XML: {e}\n{}", String::from_utf8_lossy(bytes)),
        }
        buf.clear();
    }
    units
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let units = units_of(&text);
    let sent: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let no_targets = vec![String::new(); units.len()];
    // What a translator might type: the source reversed, quotes, markup and a formula-like start included.
    let targets: Vec<String> = units
        .iter()
        .enumerate()
        .map(|(i, u)| match i % 3 {
            0 => u.source.chars().rev().collect(),
            1 => format!("=\"{}\" <b>&amp;</b>", u.source),
            _ => format!("+{}\t]]>", u.source),
        })
        .collect();

    for format in Format::ALL {
        for profile in [Profile::Plain, Profile::Excel] {
            for target_lang in [None, Some("en".to_owned())] {
                let options = WriteOptions {
                    profile,
                    target_lang: target_lang.clone(),
                    ..Default::default()
                };
                let max_length = target_lang.is_some();
                let (out, ids) = write(format, &options, max_length, &units);
                let records = read(format, profile, &out, &ids, &units);
                let what = format!("{format:?} {profile:?} {target_lang:?}");
                assert_same_units(&what, &records, &units, format != Format::Lines, &no_targets);
                let done = reconcile(&sent, &[("batch".to_owned(), records)]);
                assert!(done.targets.is_empty(), "{what}: a target out of nothing");
                assert_eq!(done.problems.len(), units.len(), "{what}: {:?}", done.problems);
                assert!(
                    done.problems.iter().all(|p| matches!(p, Problem::EmptyTarget { .. })),
                    "{what}: {:?}",
                    done.problems
                );

                if matches!(format, Format::Xliff | Format::Xliff12)
                    && target_lang.is_some()
                    && profile == Profile::Plain
                {
                    let records = read_xliff(&fill_xliff(&out, &targets)).expect("filled XLIFF reads");
                    assert_same_units(&format!("filled {what}"), &records, &units, true, &targets);
                    let done = reconcile(&sent, &[("batch".to_owned(), records)]);
                    assert!(done.problems.is_empty(), "filled {what}: {:?}", done.problems);
                    for (unit, target) in units.iter().zip(&targets) {
                        assert_eq!(done.targets.get(&unit.id).map(String::as_str), Some(&*clean(target)));
                    }
                }
            }
        }
    }

    let cleaned_targets: Vec<String> = targets.iter().map(|t| clean(t).into_owned()).collect();
    let pairs: Vec<Pair> = units
        .iter()
        .zip(&cleaned_targets)
        .map(|(u, t)| Pair {
            id: &u.id,
            source: &u.source,
            target: t,
            location: &u.location,
        })
        .collect();

    for profile in [Profile::Plain, Profile::Excel] {
        let mut bilingual = Vec::new();
        write_bilingual_csv(&pairs, profile, &mut bilingual).expect("bilingual CSV to memory");
        let records = read_csv(&bilingual, profile).expect("bilingual CSV reads back");
        assert_same_units("bilingual CSV", &records, &units, true, &cleaned_targets);
        let done = reconcile(&sent, &[("bilingual".to_owned(), records)]);
        assert!(done.problems.is_empty(), "bilingual CSV ({profile:?}): {:?}", done.problems);
    }

    let mut tmx = Vec::new();
    write_tmx(&pairs, "ar", "en", &mut tmx).expect("TMX to memory");
    let tus = read_tmx(&tmx);
    assert_eq!(tus.len(), pairs.len(), "TMX: one <tu> a pair");
    for (tu, pair) in tus.iter().zip(&pairs) {
        assert_eq!(tu.0, pair.id, "TMX tuid");
        assert_eq!(tu.1, [pair.source, pair.target], "TMX segments of {}", pair.id);
    }
});
