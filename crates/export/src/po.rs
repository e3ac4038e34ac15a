//! Gettext PO: what Weblate, Pootle, Poedit and Translate Toolkit live on. Written by hand: an entry is a few
//! keyword lines of quoted C strings, and the reader takes what those tools write back (continuation lines,
//! escapes, flags, obsolete entries, plurals).

use crate::{clean, decode, ExportError, Record, Unit, WriteOptions};
use std::io::Write;

/// The header entry of a PO batch file: UTF-8, the target language when known, and the batch's name.
pub(crate) fn write_header(out: &mut impl Write, options: &WriteOptions) -> std::io::Result<()> {
    writeln!(out, "msgid \"\"")?;
    writeln!(out, "msgstr \"\"")?;
    let mut fields = vec![
        format!("Project-Id-Version: {}", clean(&options.original)),
        format!("Language: {}", clean(options.target_lang.as_deref().unwrap_or(""))),
        "MIME-Version: 1.0".to_owned(),
        "Content-Type: text/plain; charset=UTF-8".to_owned(),
        "Content-Transfer-Encoding: 8bit".to_owned(),
        format!("X-Generator: khulasa {}", env!("CARGO_PKG_VERSION")),
        format!("X-Source-Language: {}", clean(&options.source_lang)),
    ];
    if !options.batch_id.is_empty() {
        fields.push(format!("{}{}", crate::stamp::PO_MARKER, clean(&options.batch_id)));
    }
    for field in fields {
        writeln!(out, "\"{}\\n\"", escape(&field))?;
    }
    writeln!(out)
}

/// One unit as a PO entry: context and developer comments as extracted comments (`#.`), the location as a
/// reference (`#:`), the id as `msgctxt`, the source as `msgid`, an empty `msgstr`.
pub(crate) fn write_unit(out: &mut impl Write, unit: &Unit) -> std::io::Result<()> {
    writeln!(out, "#. context: {}", clean(&unit.context))?;
    writeln!(out, "#. {}", clean(&unit.developer_comments))?;
    if let Some(n) = unit.max_length {
        writeln!(out, "#. max_length: {n}")?;
    }
    // A reference holds no space: a location with one (a story id made from a path) would read as two.
    writeln!(out, "#: {}", clean(&unit.location).replace(' ', "_"))?;
    writeln!(out, "msgctxt \"{}\"", escape(&clean(&unit.id)))?;
    writeln!(out, "msgid \"{}\"", escape(&clean(&unit.source)))?;
    writeln!(out, "msgstr \"\"")?;
    writeln!(out)
}

/// A C string's escapes for PO: backslash, quote and the control characters gettext names.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// The text of a quoted PO string (`"…"`, quotes included), its escapes undone.
fn unquote(field: &str, line: usize) -> Result<String, ExportError> {
    let malformed = |message: &str| ExportError::Malformed {
        line,
        message: message.to_owned(),
    };
    let inner = field
        .trim()
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .ok_or_else(|| malformed("a PO string not in double quotes"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('v') => out.push('\u{b}'),
                Some(c @ ('\\' | '"' | '\'' | '?')) => out.push(c),
                _ => return Err(malformed("an unknown escape in a PO string")),
            },
            '"' => return Err(malformed("an unescaped quote inside a PO string")),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Which string a continuation line adds to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Plural,
    Str,
    /// A `msgstr[n]` other than the first, or an obsolete entry's: read and not kept.
    Ignored,
}

#[derive(Default)]
struct Entry {
    line: usize,
    context: Option<String>,
    id: Option<String>,
    target: Option<String>,
    references: Vec<String>,
    comments: Vec<String>,
    fuzzy: bool,
}

/// Reads a PO file back: one record an entry (the header, with an empty `msgid`, and obsolete `#~` entries
/// are not records). The id is `msgctxt`; every reference (`#:`) and extracted comment (`#.`) is a
/// [`Record::hints`], where tools that drop `msgctxt` keep what identifies the unit. A `fuzzy` entry is a draft;
/// the header's `Language` is every record's target language. A plural entry's target is its `msgstr[0]`.
///
/// ```
/// let po = "msgid \"\"\nmsgstr \"Language: en\\n\"\n\n#: s:0-9\n#, fuzzy\nmsgctxt \"s:0:x\"\nmsgid \"\"\n\"نعم\"\nmsgstr \"ye\\\"s\"\n";
/// let records = khulasa_export::read_po(po.as_bytes()).unwrap();
/// assert_eq!((records[0].id.as_str(), records[0].target.as_str()), ("s:0:x", "ye\"s"));
/// assert_eq!(records[0].source.as_deref(), Some("نعم"));
/// assert_eq!(records[0].draft.as_deref(), Some("#, fuzzy"));
/// assert_eq!((records[0].target_lang.as_deref(), records[0].line), (Some("en"), 4));
/// ```
pub fn read_po(bytes: &[u8]) -> Result<Vec<Record>, ExportError> {
    let text = decode(bytes)?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry = Entry::default();
    let mut field: Option<Field> = None;
    // Comments come before the keywords of their entry: a comment after a keyword starts the next entry.
    let mut in_keywords = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let starts_entry =
            line.starts_with('#') || line.starts_with("msgctxt") || (line.starts_with("msgid ") && entry.id.is_some());
        if starts_entry && in_keywords {
            entries.push(std::mem::take(&mut entry));
            in_keywords = false;
            field = None;
        }
        if entry.line == 0 {
            entry.line = line_no;
        }
        if let Some(obsolete) = line.strip_prefix("#~") {
            // Obsolete entries are kept by tools for memory, never translations to merge.
            let _ = obsolete;
            field = Some(Field::Ignored);
            continue;
        }
        if let Some(reference) = line.strip_prefix("#:") {
            entry.references.extend(reference.split_whitespace().map(str::to_owned));
            continue;
        }
        if let Some(comment) = line.strip_prefix("#.") {
            entry.comments.push(comment.trim().to_owned());
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match line.find([' ', '\t', '"']) {
            Some(at) => line.split_at(at),
            None => (line, ""),
        };
        let target_field = match keyword {
            "" => {
                // A continuation line.
                let Some(f) = field else {
                    return Err(ExportError::Malformed {
                        line: line_no,
                        message: "a PO string with no keyword before it".into(),
                    });
                };
                let piece = unquote(line, line_no)?;
                append(&mut entry, f, &piece);
                continue;
            }
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" | "msgstr[0]" => Field::Str,
            k if k.starts_with("msgstr[") => Field::Ignored,
            _ => {
                return Err(ExportError::Malformed {
                    line: line_no,
                    message: format!("`{}` is not a PO keyword", crate::clean(keyword)),
                })
            }
        };
        in_keywords = true;
        let piece = unquote(rest, line_no)?;
        match target_field {
            Field::Context => entry.context = Some(String::new()),
            Field::Id => entry.id = Some(String::new()),
            Field::Str => entry.target = Some(String::new()),
            Field::Plural | Field::Ignored => {}
        }
        append(&mut entry, target_field, &piece);
        field = Some(target_field);
    }
    if entry.id.is_some() || entry.context.is_some() {
        entries.push(entry);
    }
    let mut language = None;
    let mut records = Vec::new();
    for e in entries {
        let Some(source) = e.id else {
            if e.context.is_some() {
                return Err(ExportError::Malformed {
                    line: e.line,
                    message: "an entry with no msgid".into(),
                });
            }
            continue;
        };
        if source.is_empty() && e.context.is_none() {
            // The header: `Language: en` names the targets' language.
            language = e
                .target
                .as_deref()
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix("Language:"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned);
            continue;
        }
        let mut hints = e.references;
        hints.extend(e.comments);
        let id = match e.context {
            Some(context) => {
                hints.insert(0, context.clone());
                context
            }
            None => hints.first().cloned().unwrap_or_default(),
        };
        records.push(Record {
            id,
            source: Some(source),
            target: e.target.unwrap_or_default(),
            line: e.line,
            draft: e.fuzzy.then(|| "#, fuzzy".to_owned()),
            target_lang: None,
            hints,
        });
    }
    for r in &mut records {
        r.target_lang.clone_from(&language);
    }
    Ok(records)
}

fn append(entry: &mut Entry, field: Field, piece: &str) {
    let slot = match field {
        Field::Context => entry.context.as_mut(),
        Field::Id => entry.id.as_mut(),
        Field::Str => entry.target.as_mut(),
        Field::Plural | Field::Ignored => None,
    };
    if let Some(slot) = slot {
        slot.push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn what_translate_toolkit_writes_reads() {
        let po = r#"#. extracted from units.csv
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\n"
"Language: \n"

#: a:0-27
msgctxt "a"
msgid "اجتماع الوزراء"
msgstr "Ministers meet"

#. kind=body
#: a:29-79
#, fuzzy, c-format
msgctxt "a | اجتماع"
msgid ""
"قال الوزير "
"إن"
msgid_plural "x"
msgstr[0] "The minister "
"said"
msgstr[1] "other"

#~ msgid "old"
#~ msgstr "alt"
"#;
        let records = read_po(po.as_bytes()).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].hints, ["a", "a:0-27"]);
        assert_eq!(
            (records[0].target.as_str(), records[0].line, records[0].draft.as_deref()),
            ("Ministers meet", 7, None)
        );
        assert_eq!(records[1].source.as_deref(), Some("قال الوزير إن"));
        assert_eq!(records[1].target, "The minister said");
        assert_eq!(records[1].draft.as_deref(), Some("#, fuzzy"));
        assert_eq!(records[1].hints, ["a | اجتماع", "a:29-79", "kind=body"]);
        assert_eq!(records[1].target_lang, None, "an empty Language says nothing");
    }

    #[test]
    fn broken_po_is_refused_with_its_line() {
        for (po, line) in [
            ("msgid \"a\nmsgstr \"\"\n", 1),
            ("msgid \"a\"\nmsgstr \"b\\q\"\n", 2),
            ("\"orphan\"\n", 1),
            ("msgid \"a\"\nmsgtext \"b\"\n", 2),
        ] {
            match read_po(po.as_bytes()) {
                Err(ExportError::Malformed { line: got, .. }) => assert_eq!(got, line, "{po}"),
                other => panic!("{po}: {other:?}"),
            }
        }
    }

    proptest! {
        /// Whatever a file holds, the reader ends with records or an error, never a panic; PO keywords and
        /// comments are drawn often so that entries, not only errors, are reached.
        #[test]
        fn any_text_reads_or_is_refused(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("msgid \"\"".to_owned()),
                    Just("msgstr \"\"".to_owned()),
                    Just("#, fuzzy".to_owned()),
                    Just("#~ msgid \"x\"".to_owned()),
                    "(msgctxt|msgid|msgstr|msgstr\\[[0-9]\\]|#:|#\\.|) ?\"[^\"\\\\\n]{0,8}\"",
                    any::<String>(),
                ],
                0..12,
            ),
        ) {
            let _ = read_po(lines.join("\n").as_bytes());
        }

        /// Whatever a string holds, written as a PO string it reads back as it was.
        #[test]
        fn escape_and_unquote_are_inverse(text in any::<String>()) {
            let written = format!("\"{}\"", escape(&text));
            prop_assert!(!written.contains('\n'));
            prop_assert_eq!(unquote(&written, 1).unwrap(), text);
        }
    }
}
