//! Readers: translated files back in, as records of id, source (when the format carries it) and target.

use crate::clean::is_removed;
use crate::{decode, restore, ExportError, Profile};
use quick_xml::events::{BytesStart, Event};

/// The deepest nesting of elements [`read_xliff`] reads. khulasa's own XLIFF is 5 deep and a translation tool's
/// inline markup adds a few levels; the reader holds every open element, so without a bound a file of millions
/// of unclosed elements (a few bytes each) takes many times its size in memory before its end shows it broken.
///
/// ```
/// let deep = "<g>".repeat(khulasa_export::MAX_XML_DEPTH + 1);
/// let err = khulasa_export::read_xliff(deep.as_bytes()).unwrap_err();
/// assert!(err.to_string().contains("more than 256 deep"));
/// ```
pub const MAX_XML_DEPTH: usize = 256;

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
    /// Why the file marks the target as not final, when it does: `state="needs-translation"`, `approved="no"`,
    /// `state="initial"`. A target with a draft mark is not merged unless drafts are accepted.
    pub draft: Option<String>,
    /// The language of the target as the file states it (XLIFF `target-language`, `trgLang`, `xml:lang`).
    pub target_lang: Option<String>,
    /// What else the file says of the unit that may identify it when [`Record::id`] does not: XLIFF notes, PO
    /// references and extracted comments, a table's `location`. Tools that renumber units keep these.
    pub hints: Vec<String>,
}

impl Record {
    /// A record with no draft mark and no stated language.
    ///
    /// ```
    /// let record = khulasa_export::Record::new("s:0:x", Some("نعم"), "yes", 2);
    /// assert_eq!((record.draft, record.target_lang), (None, None));
    /// ```
    pub fn new(id: &str, source: Option<&str>, target: &str, line: usize) -> Record {
        Record {
            id: id.to_owned(),
            source: source.map(str::to_owned),
            target: target.to_owned(),
            line,
            draft: None,
            target_lang: None,
            hints: Vec::new(),
        }
    }
}

/// Whether a table's rows may differ from its header in their number of fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// CSV: quoting keeps a field whole, so a short row is one a tool left short.
    Flexible,
    /// TSV: a tab or a line break in a field (which the format cannot carry) splits it into more fields or rows,
    /// and the text after it would land in another column or be taken for another unit.
    AsHeader,
    /// TSV saved by a quote-aware writer (a spreadsheet, Python's csv): fields quoted as in CSV. A target is
    /// still refused for a tab or a line break, as in plain TSV: the same file reads the same whoever saved it.
    Quoted,
}

fn read_table(
    body: &[u8],
    profile: Profile,
    fields: Fields,
    builder: &mut csv::ReaderBuilder,
) -> Result<Vec<Record>, ExportError> {
    let mut reader = builder.has_headers(true).flexible(true).from_reader(body);
    let fix = |cell: &str| -> String {
        match profile {
            Profile::Plain => cell.to_owned(),
            Profile::Excel => restore(cell).to_owned(),
        }
    };
    let headers = reader.headers().map_err(|e| csv_error(e, body))?.clone();
    // Spreadsheets and people write `ID`, `Source`, `Target`.
    let column = |name: &str| headers.iter().position(|h| fix(h).trim().eq_ignore_ascii_case(name));
    let location_at = column("location");
    // Translate Toolkit's `po2csv` writes `location,source,target`: the location then stands for the id, which
    // the caller finds by it.
    let id_at = column("id").or(location_at).ok_or(ExportError::MissingColumn("id"))?;
    let target_at = column("target").ok_or(ExportError::MissingColumn("target"))?;
    let source_at = column("source");
    let mut records = Vec::new();
    // After a CRLF the csv crate puts a record at the LF before it and miscounts lines, so lines are counted here.
    let (mut counted_to, mut line) = (0usize, 1usize);
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(e, body))?;
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
        if fields != Fields::Flexible && row.len() != headers.len() {
            return Err(ExportError::Malformed {
                line,
                message: format!(
                    "{} fields where the header has {}: a tab or a line break in a field splits it, and TSV has no \
                     way to carry either",
                    row.len(),
                    headers.len()
                ),
            });
        }
        let target = row.get(target_at).map(fix).unwrap_or_default();
        if fields != Fields::Flexible {
            check_target(&target, line)?;
        }
        records.push(Record {
            id: fix(id),
            source: source_at.and_then(|i| row.get(i)).map(fix),
            target,
            line,
            draft: None,
            target_lang: None,
            hints: location_at.and_then(|i| row.get(i)).map(fix).into_iter().collect(),
        });
    }
    Ok(records)
}

/// A CSV error with the line counted in the text itself: the csv crate's own count is off after a CRLF.
fn csv_error(e: csv::Error, body: &[u8]) -> ExportError {
    let Some(at) = e.position().map(|p| p.byte() as usize) else {
        return ExportError::Csv(e);
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    };
    let line = line_of(body, at) + usize::from(body.get(at) == Some(&b'\n'));
    ExportError::Malformed { line, message }
}

/// The separator of a CSV file: a comma, or a semicolon when the header holds semicolons and no comma (what
/// spreadsheets write where the comma is the decimal sign).
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if !header.contains(',') && header.contains(';') {
        b';'
    } else {
        b','
    }
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
    let text = decode(bytes)?;
    let mut builder = csv::ReaderBuilder::new();
    builder.delimiter(separator(&text));
    read_table(text.as_bytes(), profile, Fields::Flexible, &mut builder)
}

/// Reads a TSV file back: tab-separated, no quoting, the same columns as CSV.
///
/// TSV has no escapes (khulasa writes clean fields, which hold no tab or line break), so nothing in a field can
/// stand for a tab, a line break or a control character: a row whose number of fields differs from the
/// header's (a tab or line break split a field), or a target holding a control character (a NUL, a lone
/// carriage return ...), is refused with its line, rather than read with part of its text gone.
///
/// ```
/// let tsv = "id\tsource\ttarget\ns:0:x\t\"نعم\"\t\"yes\"\n";
/// let records = khulasa_export::read_tsv(tsv.as_bytes(), Default::default()).unwrap();
/// assert_eq!(records[0].target, "\"yes\"");
/// let split = "id\tsource\ttarget\ns:0:x\tنعم\tyes\tand more\n";
/// let err = khulasa_export::read_tsv(split.as_bytes(), Default::default()).unwrap_err();
/// assert!(err.to_string().starts_with("line 2: 4 fields where the header has 3"));
/// ```
pub fn read_tsv(bytes: &[u8], profile: Profile) -> Result<Vec<Record>, ExportError> {
    let text = decode(bytes)?;
    if quoted_by_a_writer(text.as_bytes(), profile) {
        return read_table(
            text.as_bytes(),
            profile,
            Fields::Quoted,
            csv::ReaderBuilder::new().delimiter(b'\t'),
        );
    }
    read_table(
        text.as_bytes(),
        profile,
        Fields::AsHeader,
        csv::ReaderBuilder::new().delimiter(b'\t').quoting(false),
    )
}

/// Whether a TSV file was saved by a writer that quotes fields as CSV does (`"قال ""نعم"""`), which khulasa's
/// TSV never does: a field in that form with a doubled quote inside, or a source that matches its id's hash only
/// once unquoted. Read as written, such a file would have every quoted source "changed".
fn quoted_by_a_writer(body: &[u8], profile: Profile) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_reader(body);
    let Ok(headers) = reader.headers().cloned() else {
        return false;
    };
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (id_at, source_at) = (column("id"), column("source"));
    let fix = |cell: &str| -> String {
        match profile {
            Profile::Plain => cell.to_owned(),
            Profile::Excel => restore(cell).to_owned(),
        }
    };
    for row in reader.records() {
        let Ok(row) = row else {
            return false;
        };
        if row.iter().any(|f| unquote_csv(f).is_some_and(|u| u.contains('"'))) {
            return true;
        }
        let (Some(id), Some(source)) = (id_at.and_then(|i| row.get(i)), source_at.and_then(|i| row.get(i))) else {
            continue;
        };
        if let (Some(parsed), Some(unquoted)) = (crate::UnitId::parse(id), unquote_csv(source)) {
            if !parsed.matches(&fix(source)) && parsed.matches(&fix(&unquoted)) {
                return true;
            }
        }
    }
    false
}

/// The text of a field in CSV's quoted form (`"…"`, a quote inside doubled), or `None` when it is not one.
fn unquote_csv(field: &str) -> Option<String> {
    let inner = field.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' && chars.next() != Some('"') {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// Refuses a target read from a format without escapes (TSV, parallel lines) that holds a character no exchange
/// file carries: a control character, or a byte order mark or non-character. Reconciliation cleans targets, which
/// would drop it, or make a tab or line break a space, without a word; here it is named, with its line.
fn check_target(target: &str, line: usize) -> Result<(), ExportError> {
    let Some((at, c)) = target.char_indices().find(|&(_, c)| is_removed(c)) else {
        return Ok(());
    };
    let what = match c {
        '\0' => "a NUL (U+0000)".to_owned(),
        '\t' => "a tab (U+0009)".to_owned(),
        '\n' => "a line feed (U+000A)".to_owned(),
        '\r' => "a carriage return (U+000D)".to_owned(),
        c => format!("the control character U+{:04X}", u32::from(c)),
    };
    let chars = target.get(..at).map_or(0, |before| before.chars().count());
    Err(ExportError::Malformed {
        line,
        message: format!(
            "the target holds {what} after its first {chars} characters: refused, since it would be dropped or \
             changed"
        ),
    })
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
    let text = decode(bytes)?;
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
            draft: None,
            target_lang: None,
            hints: field("location")?.into_iter().collect(),
        });
    }
    Ok(records)
}

/// Reads parallel lines back: line *n* of `targets` translates the unit whose id is line *n* of `ids`. The
/// two must have the same number of lines. Lines end in LF or CRLF; a target holding any other control
/// character (a tab, a NUL, a lone carriage return ...) is refused with its line, as [`read_tsv`] refuses one,
/// rather than read and then cleaned of it.
///
/// ```
/// let records = khulasa_export::read_lines(b"yes\nno\r\n", b"s:0:x\ns:1:y\n").unwrap();
/// assert_eq!(records[1].target, "no");
/// assert!(khulasa_export::read_lines(b"yes\n", b"s:0:x\ns:1:y\n").is_err());
/// let err = khulasa_export::read_lines(b"yes\nno\tmore\n", b"s:0:x\ns:1:y\n").unwrap_err();
/// assert!(err.to_string().starts_with("line 2: the target holds a tab"));
/// ```
pub fn read_lines(targets: &[u8], ids: &[u8]) -> Result<Vec<Record>, ExportError> {
    let (targets, ids) = (decode(targets)?, decode(ids)?);
    let (target_lines, id_lines): (Vec<&str>, Vec<&str>) = (targets.lines().collect(), ids.lines().collect());
    if target_lines.len() != id_lines.len() {
        return Err(ExportError::LineCount {
            lines: target_lines.len(),
            ids: id_lines.len(),
        });
    }
    id_lines
        .into_iter()
        .zip(target_lines)
        .enumerate()
        .map(|(n, (id, target))| {
            check_target(target, n + 1)?;
            Ok(Record::new(id, None, target, n + 1))
        })
        .collect()
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
    /// A note of the unit, kept as a hint.
    Note,
}

/// Reads XLIFF 1.2 or 2.0 back (whichever the file is): one record a `<trans-unit>` or `<unit>`, its text the
/// concatenated text of its `<source>` and `<target>` elements (in 2.0, of every segment and ignorable), inline
/// markup dropped. Sources and targets of `<alt-trans>` are not read. Elements nested more than
/// [`MAX_XML_DEPTH`] deep are an error naming the line and the limit.
///
/// A unit the file marks as not final has its [`Record::draft`] said: in 1.2 `approved="no"` or a target
/// `state` of `new`, `needs-translation` or `needs-…` (review, adaptation, localisation); in 2.0 a segment in
/// `state="initial"`. The target language (1.2 `target-language`, 2.0 `trgLang`, or the target's `xml:lang`) is
/// each record's [`Record::target_lang`].
///
/// ```
/// let xlf = r#"<xliff version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="s:0:x"><segment>
///   <source>أ &amp; ب</source><target>A <pc id="1">&amp;</pc> B</target></segment></unit>
///   <unit id="s:1:y"><segment state="initial"><source>ج</source><target>ج</target></segment></unit></file></xliff>"#;
/// let records = khulasa_export::read_xliff(xlf.as_bytes()).unwrap();
/// assert_eq!((records[0].source.as_deref(), records[0].target.as_str()), (Some("أ & ب"), "A & B"));
/// assert_eq!((records[0].draft.as_deref(), records[0].target_lang.as_deref()), (None, Some("en")));
/// assert_eq!(records[1].draft.as_deref(), Some("state=\"initial\""));
/// ```
pub fn read_xliff(bytes: &[u8]) -> Result<Vec<Record>, ExportError> {
    let text = decode(bytes)?;
    let text: &str = &text;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut unit: Option<Record> = None;
    let mut side: Option<(Side, usize)> = None;
    let mut records = Vec::new();
    // The target language the enclosing `<xliff>` (2.0) or `<file>` (1.2) states.
    let mut file_lang: Option<String> = None;
    let mut header_unit = false;
    let (mut counted_to, mut line) = (0usize, 1usize);
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| ExportError::Malformed {
            line: line_of(text.as_bytes(), reader.error_position() as usize),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(ExportError::Malformed {
                        line: line_of(text.as_bytes(), at),
                        message: format!("elements nested more than {MAX_XML_DEPTH} deep, the most this reader takes"),
                    });
                }
                let name = e.local_name().as_ref().to_vec();
                let attr_line = || line + newlines(text.as_bytes(), counted_to, at);
                match name.as_slice() {
                    b"xliff" => file_lang = attribute(&e, b"trgLang", attr_line())?.or(file_lang),
                    b"file" => {
                        if let Some(lang) = attribute(&e, b"target-language", attr_line())? {
                            file_lang = Some(lang);
                        }
                    }
                    _ => {}
                }
                if name == b"unit" || name == b"trans-unit" {
                    line += newlines(text.as_bytes(), counted_to, at);
                    counted_to = at;
                    let approved = attribute(&e, b"approved", line)?;
                    // po2xliff turns a PO header into a unit of its own: no sentence of ours.
                    header_unit = attribute(&e, b"restype", line)?.as_deref() == Some("x-gettext-domain-header");
                    unit = Some(Record {
                        id: id_of(&e, name == b"unit", line)?,
                        source: Some(String::new()),
                        target: String::new(),
                        line,
                        draft: approved.filter(|a| a == "no").map(|_| "approved=\"no\"".to_owned()),
                        target_lang: file_lang.clone(),
                        hints: Vec::new(),
                    });
                } else if side.is_none() && unit.is_some() {
                    let parent = stack.last().map(Vec::as_slice);
                    if name == b"segment" && parent == Some(b"unit") {
                        mark_draft(&mut unit, attribute(&e, b"state", line)?, &["initial"]);
                    }
                    if matches!(parent, Some(b"trans-unit" | b"segment" | b"ignorable")) {
                        side = match name.as_slice() {
                            b"source" => Some((Side::Source, stack.len())),
                            b"target" => Some((Side::Target, stack.len())),
                            _ => None,
                        };
                        if name == b"target" {
                            target_marks(&e, &mut unit, line)?;
                        }
                    }
                    // Notes, and 1.2 context groups (where po2xliff puts a PO reference): hints to the unit.
                    let hint = (name == b"note" && matches!(parent, Some(b"trans-unit" | b"notes")))
                        || (name == b"context" && parent == Some(b"context-group"));
                    if hint {
                        if let Some(u) = unit.as_mut() {
                            u.hints.push(String::new());
                        }
                        side = Some((Side::Note, stack.len()));
                    }
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                // `<target state="new"/>`: an empty target still says its state.
                let parent = stack.last().map(Vec::as_slice);
                if side.is_none()
                    && unit.is_some()
                    && e.local_name().as_ref() == b"target"
                    && matches!(parent, Some(b"trans-unit" | b"segment"))
                {
                    target_marks(&e, &mut unit, line)?;
                }
            }
            Event::End(e) => {
                stack.pop();
                if side.is_some_and(|(_, depth)| depth == stack.len()) {
                    side = None;
                }
                let name = e.local_name();
                if name.as_ref() == b"unit" || name.as_ref() == b"trans-unit" {
                    if let Some(done) = unit.take().filter(|_| !header_unit) {
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

/// XLIFF 1.2 target states that say the target is not (yet) a translation to use.
const DRAFT_STATES_12: [&str; 8] = [
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
    // 2.0's first state, met in files converted between versions.
    "initial",
];

/// A target's `state` and `xml:lang`, recorded on its unit.
fn target_marks(e: &BytesStart, unit: &mut Option<Record>, line: usize) -> Result<(), ExportError> {
    mark_draft(unit, attribute(e, b"state", line)?, &DRAFT_STATES_12);
    if let (Some(lang), Some(u)) = (attribute(e, b"xml:lang", line)?, unit.as_mut()) {
        u.target_lang = Some(lang);
    }
    Ok(())
}

fn mark_draft(unit: &mut Option<Record>, state: Option<String>, drafts: &[&str]) {
    if let (Some(state), Some(u)) = (state, unit.as_mut()) {
        if u.draft.is_none() && drafts.contains(&state.as_str()) {
            u.draft = Some(format!("state=\"{state}\""));
        }
    }
}

/// An attribute's unescaped value, when present.
fn attribute(e: &BytesStart, name: &[u8], line: usize) -> Result<Option<String>, ExportError> {
    let malformed = |message: String| ExportError::Malformed { line, message };
    let Some(attr) = e.try_get_attribute(name).map_err(|err| malformed(err.to_string()))? else {
        return Ok(None);
    };
    Ok(Some(
        attr.unescape_value()
            .map_err(|err| malformed(err.to_string()))?
            .into_owned(),
    ))
}

fn push(unit: &mut Record, side: Side, piece: &str) {
    match side {
        Side::Source => unit.source.get_or_insert_with(String::new).push_str(piece),
        Side::Target => unit.target.push_str(piece),
        Side::Note => {
            if let Some(note) = unit.hints.last_mut() {
                note.push_str(piece);
            }
        }
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
    fn deeply_nested_xliff_is_refused_at_the_depth_limit() {
        let nested = |depth: usize| "<g>".repeat(depth) + "x" + &"</g>".repeat(depth);
        let unit = |inner: &str| {
            format!(
                "<xliff version=\"2.0\"><file id=\"f\">\n<unit id=\"u1\" name=\"s:0:x\"><segment><source>نعم</source>\
                 <target>{inner}</target></segment></unit></file></xliff>"
            )
        };
        for text in [unit(&nested(10_000)), "<g>".repeat(10_000), nested(10_000)] {
            let err = read_xliff(text.as_bytes()).unwrap_err();
            let message = err.to_string();
            assert!(message.contains("more than 256 deep"), "{message}");
        }
        assert!(read_xliff(unit(&nested(10_000)).as_bytes())
            .unwrap_err()
            .to_string()
            .starts_with("line 2: "));
        // Nesting up to the limit reads as before, inline markup dropped: five levels to the target, then `<g>`s.
        let records = read_xliff(unit(&nested(MAX_XML_DEPTH - 5)).as_bytes()).unwrap();
        assert_eq!(records[0].target, "x");
        let err = read_xliff(unit(&nested(MAX_XML_DEPTH - 4)).as_bytes()).unwrap_err();
        assert!(err.to_string().contains("more than 256 deep"), "{err}");
        assert_eq!(records[0].target, "x");
    }

    #[test]
    fn tsv_rows_split_by_a_tab_or_a_line_break_are_refused_with_their_line() {
        let header = "id\tsource\ttarget\tcontext\n";
        let tab = format!("{header}a\tس\tone\ttwo\tctx\nb\tص\tfine\tctx\n");
        let err = read_tsv(tab.as_bytes(), Profile::Plain).unwrap_err();
        assert!(
            err.to_string().starts_with("line 2: 5 fields where the header has 4"),
            "{err}"
        );
        let newline = format!("{header}a\tس\tone\ntwo\tctx\nb\tص\tfine\tctx\n");
        let err = read_tsv(newline.as_bytes(), Profile::Plain).unwrap_err();
        assert!(
            err.to_string().starts_with("line 2: 3 fields where the header has 4"),
            "{err}"
        );
        let lone_cr = format!("{header}a\tس\tone\rtwo\tctx\n");
        assert!(matches!(
            read_tsv(lone_cr.as_bytes(), Profile::Plain),
            Err(ExportError::Malformed { line: 2, .. })
        ));
        // Rows as written, with CRLF or LF, read as before.
        let fine = format!("{header}a\tس\tone two\tctx\r\nb\tص\t\tctx\n");
        let records = read_tsv(fine.as_bytes(), Profile::Plain).unwrap();
        assert_eq!(
            (records[0].target.as_str(), records[1].target.as_str(), records[1].line),
            ("one two", "", 3)
        );
    }

    #[test]
    fn control_characters_in_tsv_and_lines_targets_are_refused_with_their_line() {
        let tsv = "id\tsource\ttarget\na\tس\tone\nb\tص\tt\u{0}wo\n";
        let err = read_tsv(tsv.as_bytes(), Profile::Excel).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3: the target holds a NUL (U+0000) after its first 1 characters: refused, since it would be \
             dropped or changed"
        );
        for (targets, line, what) in [
            ("one\ntwo\tthree\n", 2, "a tab (U+0009)"),
            ("o\u{0}ne\ntwo\n", 1, "a NUL (U+0000)"),
            ("one\rone\ntwo\n", 1, "a carriage return (U+000D)"),
            ("one\ntwo\r\r\n", 2, "a carriage return (U+000D)"),
            ("one\ntwo\u{b}\n", 2, "the control character U+000B"),
            ("one\ntwo\u{85}\n", 2, "the control character U+0085"),
        ] {
            let err = read_lines(targets.as_bytes(), b"a\nb\n").unwrap_err();
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("line {line}: the target holds {what}")),
                "{message}"
            );
        }
        let records = read_lines("one\r\nتوقيع\u{a0}هنا\n".as_bytes(), b"a\nb\n").unwrap();
        assert_eq!(records[1].target, "توقيع\u{a0}هنا");
    }

    #[test]
    fn tsv_saved_by_a_quote_aware_writer_is_read_unquoted() {
        let id = crate::unit_id("s", 0, "قال \"نعم\"");
        let plain = format!("id\tsource\ttarget\n{id}\tقال \"نعم\"\tsaid \"yes\"\n");
        let records = read_tsv(plain.as_bytes(), Profile::Plain).unwrap();
        assert_eq!(records[0].target, "said \"yes\"");
        let quoted = format!("id\tsource\ttarget\n{id}\t\"قال \"\"نعم\"\"\"\t\"said \"\"yes\"\"\"\n");
        let records = read_tsv(quoted.as_bytes(), Profile::Plain).unwrap();
        assert_eq!(records[0].source.as_deref(), Some("قال \"نعم\""));
        assert_eq!(records[0].target, "said \"yes\"");
        // A quoted source with no quote inside is told by its id's hash.
        let id = crate::unit_id("s", 1, "نعم");
        let quoted = format!("id\tsource\ttarget\n{id}\t\"نعم\"\t\"a b\"\n");
        let records = read_tsv(quoted.as_bytes(), Profile::Plain).unwrap();
        assert_eq!(
            (records[0].source.as_deref(), records[0].target.as_str()),
            (Some("نعم"), "a b")
        );
        let tab = quoted.replace("a b", "a\tb");
        let err = read_tsv(tab.as_bytes(), Profile::Plain).unwrap_err().to_string();
        assert!(err.starts_with("line 2: the target holds a tab"), "{err}");
        assert_eq!(unquote_csv("\"a\"b\""), None);
    }

    #[test]
    fn xliff_notes_are_hints_and_a_po_header_unit_is_no_record() {
        let xlf = r#"<xliff version="1.1"><file original="x.po" source-language="en-US" datatype="plaintext"><body>
<trans-unit id="2" approved="no" restype="x-gettext-domain-header"><source>Project-Id-Version: x</source></trans-unit>
<trans-unit id="3" approved="yes"><source>نعم</source><target state="translated">yes</target>
<note from="developer">kind=body
khulasa-id: s:0:x</note></trans-unit></body></file></xliff>"#;
        let records = read_xliff(xlf.as_bytes()).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!((records[0].id.as_str(), records[0].draft.as_deref()), ("3", None));
        assert_eq!(records[0].hints, ["kind=body\nkhulasa-id: s:0:x"]);
    }

    #[test]
    fn truncated_xliff_is_an_error_with_a_line() {
        let err = read_xliff(b"<xliff>\n<file>\n<unit id=\"a\"><segment><source>x").unwrap_err();
        assert!(matches!(err, ExportError::Malformed { .. }), "{err}");
    }
}
