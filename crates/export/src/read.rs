//! Readers: translated files back in, as records of id, source (when the format carries it) and target.

use crate::{restore, ExportError, Profile, BOM};
use quick_xml::events::{BytesStart, Event};

/// One translated unit as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its id, as found in the file.
    pub id: String,
    /// The source, when the format carries it (every format but `lines`).
    pub source: Option<String>,
    /// The translation, as found (empty when the translator left it empty).
    pub target: String,
    /// The line of the file it stands on (1-based; for CSV the record's first line).
    pub line: usize,
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

fn read_table(bytes: &[u8], profile: Profile, builder: &mut csv::ReaderBuilder) -> Result<Vec<Record>, ExportError> {
    let body = strip_bom(bytes);
    let mut reader = builder.has_headers(true).flexible(true).from_reader(body);
    let fix = |cell: &str| -> String {
        match profile {
            Profile::Plain => cell.to_owned(),
            Profile::Excel => restore(cell).to_owned(),
        }
    };
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| fix(h).trim() == name);
    let id_at = column("id").ok_or(ExportError::MissingColumn("id"))?;
    let target_at = column("target").ok_or(ExportError::MissingColumn("target"))?;
    let source_at = column("source");
    let mut records = Vec::new();
    // After a CRLF the csv crate puts a record at the LF before it and miscounts lines, so lines are counted here.
    let (mut counted_to, mut line) = (0usize, 1usize);
    for row in reader.records() {
        let row = row?;
        let mut at = row.position().map_or(counted_to, |p| p.byte() as usize);
        if body.get(at) == Some(&b'\n') {
            at += 1;
        }
        line += newlines(body, counted_to, at);
        counted_to = at.max(counted_to);
        let Some(id) = row.get(id_at) else {
            return Err(ExportError::Malformed {
                line,
                message: "no id field".into(),
            });
        };
        if id.is_empty() && row.iter().all(str::is_empty) {
            continue;
        }
        records.push(Record {
            id: fix(id),
            source: source_at.and_then(|i| row.get(i)).map(fix),
            target: row.get(target_at).map(fix).unwrap_or_default(),
            line,
        });
    }
    Ok(records)
}

/// Reads a CSV file back (a UTF-8 BOM is skipped; quoting as RFC 4180, so files re-saved by spreadsheets read
/// too). Columns are found by name: `id` and `target` are required, `source` is read when present. With the
/// Excel profile, formula neutralising is undone in every cell.
///
/// ```
/// let csv = "\u{feff}\"id\",\"source\",\"target\"\r\n\"s:0:x\",\"'=أ\",\"'=A\"\r\n";
/// let records = khulasa_export::read_csv(csv.as_bytes(), khulasa_export::Profile::Excel).unwrap();
/// assert_eq!((records[0].target.as_str(), records[0].line), ("=A", 2));
/// ```
pub fn read_csv(bytes: &[u8], profile: Profile) -> Result<Vec<Record>, ExportError> {
    read_table(bytes, profile, &mut csv::ReaderBuilder::new())
}

/// Reads a TSV file back: tab-separated, no quoting, the same columns as CSV.
///
/// ```
/// let tsv = "id\tsource\ttarget\ns:0:x\t\"نعم\"\t\"yes\"\n";
/// let records = khulasa_export::read_tsv(tsv.as_bytes(), Default::default()).unwrap();
/// assert_eq!(records[0].target, "\"yes\"");
/// ```
pub fn read_tsv(bytes: &[u8], profile: Profile) -> Result<Vec<Record>, ExportError> {
    read_table(
        bytes,
        profile,
        csv::ReaderBuilder::new().delimiter(b'\t').quoting(false),
    )
}

/// Reads JSON lines back: every non-blank line an object with a string `id`, a string (or null or absent)
/// `target`, and optionally `source`.
///
/// ```
/// let jsonl = "{\"id\":\"s:0:x\",\"source\":\"نعم\",\"target\":\"yes\"}\n";
/// let records = khulasa_export::read_jsonl(jsonl.as_bytes()).unwrap();
/// assert_eq!(records[0].source.as_deref(), Some("نعم"));
/// ```
pub fn read_jsonl(bytes: &[u8]) -> Result<Vec<Record>, ExportError> {
    let text = std::str::from_utf8(strip_bom(bytes)).map_err(|e| ExportError::Malformed {
        line: line_of(bytes, e.valid_up_to()),
        message: "not UTF-8".into(),
    })?;
    let mut records = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let malformed = |message: String| ExportError::Malformed { line: line_no, message };
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| malformed(format!("not JSON: {e}")))?;
        let field = |name: &str| -> Result<Option<String>, ExportError> {
            match value.get(name) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(malformed(format!("`{name}` is not a string"))),
            }
        };
        let id = field("id")?.ok_or_else(|| malformed("no `id`".into()))?;
        records.push(Record {
            id,
            source: field("source")?,
            target: field("target")?.unwrap_or_default(),
            line: line_no,
        });
    }
    Ok(records)
}

/// Reads parallel lines back: line *n* of `targets` translates the unit whose id is line *n* of `ids`. The
/// two must have the same number of lines.
///
/// ```
/// let records = khulasa_export::read_lines(b"yes\nno\n", b"s:0:x\ns:1:y\n").unwrap();
/// assert_eq!(records[1].target, "no");
/// assert!(khulasa_export::read_lines(b"yes\n", b"s:0:x\ns:1:y\n").is_err());
/// ```
pub fn read_lines(targets: &[u8], ids: &[u8]) -> Result<Vec<Record>, ExportError> {
    let utf8 = |bytes: &[u8]| -> Result<String, ExportError> {
        let bytes = strip_bom(bytes);
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| ExportError::Malformed {
                line: line_of(bytes, e.valid_up_to()),
                message: "not UTF-8".into(),
            })
    };
    let (targets, ids) = (utf8(targets)?, utf8(ids)?);
    let (target_lines, id_lines): (Vec<&str>, Vec<&str>) = (targets.lines().collect(), ids.lines().collect());
    if target_lines.len() != id_lines.len() {
        return Err(ExportError::LineCount {
            lines: target_lines.len(),
            ids: id_lines.len(),
        });
    }
    Ok(id_lines
        .into_iter()
        .zip(target_lines)
        .enumerate()
        .map(|(n, (id, target))| Record {
            id: id.to_owned(),
            source: None,
            target: target.to_owned(),
            line: n + 1,
        })
        .collect())
}

fn newlines(bytes: &[u8], from: usize, to: usize) -> usize {
    bytes
        .get(from..to)
        .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count())
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes.iter().take(offset).filter(|&&b| b == b'\n').count()
}

/// Which text of a unit is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// Reads XLIFF 1.2 or 2.0 back (whichever the file is): one record a `<trans-unit>` or `<unit>`, its text the
/// concatenated text of its `<source>` and `<target>` elements (in 2.0, of every segment and ignorable), inline
/// markup dropped. Sources and targets of `<alt-trans>` are not read.
///
/// ```
/// let xlf = r#"<xliff version="2.0" srcLang="ar"><file id="f"><unit id="s:0:x"><segment>
///   <source>أ &amp; ب</source><target>A <pc id="1">&amp;</pc> B</target></segment></unit></file></xliff>"#;
/// let records = khulasa_export::read_xliff(xlf.as_bytes()).unwrap();
/// assert_eq!((records[0].source.as_deref(), records[0].target.as_str()), (Some("أ & ب"), "A & B"));
/// ```
pub fn read_xliff(bytes: &[u8]) -> Result<Vec<Record>, ExportError> {
    let text = std::str::from_utf8(strip_bom(bytes)).map_err(|e| ExportError::Malformed {
        line: line_of(bytes, e.valid_up_to()),
        message: "not UTF-8".into(),
    })?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut unit: Option<Record> = None;
    let mut side: Option<(Side, usize)> = None;
    let mut records = Vec::new();
    let (mut counted_to, mut line) = (0usize, 1usize);
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| ExportError::Malformed {
            line: line_of(text.as_bytes(), reader.error_position() as usize),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                if name == b"unit" || name == b"trans-unit" {
                    line += newlines(text.as_bytes(), counted_to, at);
                    counted_to = at;
                    unit = Some(Record {
                        id: id_of(&e, name == b"unit", line)?,
                        source: Some(String::new()),
                        target: String::new(),
                        line,
                    });
                } else if side.is_none() && unit.is_some() {
                    let parent = stack.last().map(Vec::as_slice);
                    if matches!(parent, Some(b"trans-unit" | b"segment" | b"ignorable")) {
                        side = match name.as_slice() {
                            b"source" => Some((Side::Source, stack.len())),
                            b"target" => Some((Side::Target, stack.len())),
                            _ => None,
                        };
                    }
                }
                stack.push(name);
            }
            Event::End(e) => {
                stack.pop();
                if side.is_some_and(|(_, depth)| depth == stack.len()) {
                    side = None;
                }
                let name = e.local_name();
                if name.as_ref() == b"unit" || name.as_ref() == b"trans-unit" {
                    if let Some(done) = unit.take() {
                        records.push(done);
                    }
                }
            }
            Event::Text(t) => {
                if let (Some((s, _)), Some(u)) = (side, unit.as_mut()) {
                    let piece = t.unescape().map_err(|e| ExportError::Malformed {
                        line: line_of(text.as_bytes(), at),
                        message: e.to_string(),
                    })?;
                    push(u, s, &piece);
                }
            }
            Event::CData(t) => {
                if let (Some((s, _)), Some(u)) = (side, unit.as_mut()) {
                    push(u, s, &String::from_utf8_lossy(&t.into_inner()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if unit.is_some() || !stack.is_empty() {
        return Err(ExportError::Malformed {
            line: line_of(text.as_bytes(), text.len()),
            message: "the file ends inside an element".into(),
        });
    }
    Ok(records)
}

fn push(unit: &mut Record, side: Side, piece: &str) {
    match side {
        Side::Source => unit.source.get_or_insert_with(String::new).push_str(piece),
        Side::Target => unit.target.push_str(piece),
    }
}

/// khulasa's id of a unit: XLIFF 2.0's `name` (its `id` must be an NMTOKEN, so khulasa writes the unit's number
/// there), else `id` (XLIFF 1.2, or a 2.0 file written by another tool).
fn id_of(e: &BytesStart, xliff2: bool, line: usize) -> Result<String, ExportError> {
    let malformed = |message: String| ExportError::Malformed { line, message };
    let name = match xliff2 {
        true => e.try_get_attribute("name").map_err(|err| malformed(err.to_string()))?,
        false => None,
    };
    let attr = match name {
        Some(name) => name,
        None => e
            .try_get_attribute("id")
            .map_err(|err| malformed(err.to_string()))?
            .ok_or_else(|| malformed("a unit without an id".into()))?,
    };
    Ok(attr
        .unescape_value()
        .map_err(|err| malformed(err.to_string()))?
        .into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_count_line_breaks_inside_quoted_fields() {
        let csv = "\"id\",\"source\",\"target\"\r\n\"a\",\"x\",\"one\r\ntwo\"\r\n\"b\",\"y\",\"z\"\r\n";
        let records = read_csv(csv.as_bytes(), Profile::Plain).unwrap();
        assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(records[0].target, "one\r\ntwo");
    }

    #[test]
    fn csv_without_a_target_column_is_refused() {
        let err = read_csv(b"id,source\na,b\n", Profile::Plain).unwrap_err();
        assert_eq!(err.to_string(), "no `target` column in the header");
    }

    #[test]
    fn xliff12_alt_trans_and_notes_are_not_read_as_the_translation() {
        let xlf = r#"<?xml version="1.0"?>
<xliff version="1.2"><file original="f" source-language="ar" datatype="plaintext"><body>
<trans-unit id="s:0:x"><source>نعم</source><target>yes</target>
<note from="developer">kind=body</note>
<alt-trans><source>نعم</source><target>yeah</target></alt-trans></trans-unit>
<trans-unit id="s:1:y"><source>لا</source></trans-unit>
</body></file></xliff>"#;
        let records = read_xliff(xlf.as_bytes()).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!((records[0].target.as_str(), records[0].line), ("yes", 3));
        assert_eq!((records[1].target.as_str(), records[1].line), ("", 6));
    }

    #[test]
    fn truncated_xliff_is_an_error_with_a_line() {
        let err = read_xliff(b"<xliff>\n<file>\n<unit id=\"a\"><segment><source>x").unwrap_err();
        assert!(matches!(err, ExportError::Malformed { .. }), "{err}");
    }
}
