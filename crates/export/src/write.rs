//! Writers: units out to translators' formats. Every text field is cleaned on the way out (see [`clean`]), so
//! no format needs line breaks or characters XML forbids.

use crate::{clean, neutralize, ExportError, Format, Profile, Unit, WriteOptions};
use quick_xml::escape::escape;
use std::borrow::Cow;
use std::io::Write;

/// The columns of CSV and TSV files, in order (`max_length` follows when any unit has one). These are the
/// names Translate Toolkit and Weblate read.
pub const COLUMNS: [&str; 6] = ["id", "source", "target", "context", "developer_comments", "location"];

/// The UTF-8 byte order mark, without which Excel shows Arabic as mojibake.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

enum Sink<W: Write> {
    Table {
        // Boxed: the csv writer's buffer state dwarfs the other variants.
        writer: Box<csv::Writer<W>>,
        record: csv::ByteRecord,
        max_length: bool,
        profile: Profile,
    },
    Jsonl {
        out: W,
        /// The batch's id, a field of every line (JSON lines have no header).
        batch: String,
    },
    Lines {
        text: W,
        ids: Option<W>,
    },
    Xliff2 {
        out: W,
        has_target: bool,
        copy_source: bool,
        /// Units written so far: XLIFF 2.0 ids are NMTOKENs (no `/` or space, as story ids from paths hold), so
        /// a unit's id is its number in the file and khulasa's id goes in `name`.
        units: usize,
    },
    Xliff12 {
        out: W,
        has_target: bool,
        copy_source: bool,
    },
    Po(W),
    Xlsx {
        sheet: Box<crate::xlsx::Sheet>,
        out: W,
    },
}

/// A batch file written unit by unit, for exports too large to hold: the header on creation, units as they
/// come, the footer on [`BatchWriter::finish`]. The slice writers ([`write_csv`] ...) are this, in one call.
pub struct BatchWriter<W: Write> {
    sink: Sink<W>,
}

impl<W: Write> BatchWriter<W> {
    /// Starts a batch file of `format` on `out` (for `lines`, the sentences; their ids go to `ids`, or nowhere
    /// when `None`). `max_length` adds the `max_length` column to CSV and TSV (XLIFF and JSONL carry it per unit).
    ///
    /// ```
    /// use khulasa_export::{BatchWriter, Format, Unit};
    /// let mut out = Vec::new();
    /// let mut writer = BatchWriter::new(Format::Jsonl, &Default::default(), false, &mut out, None).unwrap();
    /// writer.write(&[Unit::new("s", 0, "نعم")]).unwrap();
    /// writer.finish().unwrap();
    /// assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    /// ```
    pub fn new(
        format: Format,
        options: &WriteOptions,
        max_length: bool,
        mut out: W,
        ids: Option<W>,
    ) -> Result<Self, ExportError> {
        let has_target = options.target_lang.is_some() || options.copy_source;
        let copy_source = options.copy_source;
        let sink = match format {
            Format::Csv | Format::Tsv => {
                if options.profile == Profile::Excel {
                    out.write_all(BOM)?;
                }
                let mut builder = csv::WriterBuilder::new();
                if format == Format::Csv {
                    builder
                        .quote_style(csv::QuoteStyle::Always)
                        .terminator(csv::Terminator::CRLF);
                } else {
                    builder
                        .delimiter(b'\t')
                        .quote_style(csv::QuoteStyle::Never)
                        .terminator(csv::Terminator::Any(b'\n'));
                }
                let mut writer = builder.from_writer(out);
                let mut header: Vec<&str> = COLUMNS.to_vec();
                if max_length {
                    header.push("max_length");
                }
                writer.write_record(&header)?;
                Sink::Table {
                    writer: Box::new(writer),
                    record: csv::ByteRecord::new(),
                    max_length,
                    profile: options.profile,
                }
            }
            Format::Jsonl => Sink::Jsonl {
                out,
                batch: clean(&options.batch_id).into_owned(),
            },
            Format::Lines => Sink::Lines { text: out, ids },
            Format::Xliff => {
                writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
                write!(
                    out,
                    r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="{}""#,
                    xml(&options.source_lang)
                )?;
                if let Some(target) = &options.target_lang {
                    write!(out, r#" trgLang="{}""#, xml(target))?;
                }
                writeln!(out, ">")?;
                // The file's id is the batch's (an NMTOKEN), so a file from another run says so itself.
                writeln!(
                    out,
                    r#"  <file id="{}" original="{}">"#,
                    nmtoken(&options.batch_id),
                    xml(&options.original)
                )?;
                Sink::Xliff2 {
                    out,
                    has_target,
                    copy_source,
                    units: 0,
                }
            }
            Format::Xliff12 => {
                writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
                writeln!(
                    out,
                    r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"#
                )?;
                write!(
                    out,
                    r#"  <file original="{}" source-language="{}""#,
                    xml(&options.original),
                    xml(&options.source_lang)
                )?;
                if let Some(target) = &options.target_lang {
                    write!(out, r#" target-language="{}""#, xml(target))?;
                }
                writeln!(out, r#" datatype="plaintext">"#)?;
                if !options.batch_id.is_empty() {
                    writeln!(out, "    <header>")?;
                    writeln!(
                        out,
                        "      {}{}</note>",
                        crate::stamp::XLIFF12_MARKER,
                        xml(&options.batch_id)
                    )?;
                    writeln!(out, "    </header>")?;
                }
                writeln!(out, "    <body>")?;
                Sink::Xliff12 {
                    out,
                    has_target,
                    copy_source,
                }
            }
            Format::Po => {
                crate::po::write_header(&mut out, options)?;
                Sink::Po(out)
            }
            Format::Xlsx => Sink::Xlsx {
                sheet: Box::new(crate::xlsx::Sheet::new(max_length, &options.batch_id)?),
                out,
            },
        };
        Ok(BatchWriter { sink })
    }

    /// Writes units after those already written.
    ///
    /// ```
    /// use khulasa_export::{BatchWriter, Format, Unit};
    /// let (mut text, mut ids) = (Vec::new(), Vec::new());
    /// let mut writer = BatchWriter::new(Format::Lines, &Default::default(), false, &mut text, Some(&mut ids)).unwrap();
    /// writer.write(&[Unit::new("s", 0, "أ")]).unwrap();
    /// writer.write(&[Unit::new("s", 1, "ب")]).unwrap();
    /// writer.finish().unwrap();
    /// assert_eq!(text, "أ\nب\n".as_bytes());
    /// ```
    pub fn write(&mut self, units: &[Unit]) -> Result<(), ExportError> {
        match &mut self.sink {
            Sink::Table {
                writer,
                record,
                max_length,
                profile,
            } => {
                for u in units {
                    record.clear();
                    for field in [&u.id, &u.source, "", &u.context, &u.developer_comments, &u.location] {
                        let text = clean(field);
                        match profile {
                            Profile::Plain => record.push_field(text.as_bytes()),
                            Profile::Excel => record.push_field(neutralize(&text).as_bytes()),
                        }
                    }
                    if *max_length {
                        record.push_field(u.max_length.map(|n| n.to_string()).unwrap_or_default().as_bytes());
                    }
                    writer.write_byte_record(record)?;
                }
            }
            Sink::Jsonl { out, batch } => {
                for u in units {
                    let (source, context, comments, location) = (
                        clean(&u.source),
                        clean(&u.context),
                        clean(&u.developer_comments),
                        clean(&u.location),
                    );
                    let line = JsonUnit {
                        id: &clean(&u.id),
                        source: &source,
                        target: "",
                        context: &context,
                        developer_comments: &comments,
                        location: &location,
                        max_length: u.max_length,
                        batch,
                        changes: &u.changes,
                    };
                    serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                }
            }
            Sink::Lines { text, ids } => {
                for u in units {
                    text.write_all(clean(&u.source).as_bytes())?;
                    text.write_all(b"\n")?;
                    if let Some(ids) = ids {
                        ids.write_all(clean(&u.id).as_bytes())?;
                        ids.write_all(b"\n")?;
                    }
                }
            }
            Sink::Xliff2 {
                out,
                has_target,
                copy_source,
                units: written,
            } => {
                for u in units {
                    *written += 1;
                    writeln!(out, r#"    <unit id="u{written}" name="{}">"#, xml(&u.id))?;
                    writeln!(out, "      <notes>")?;
                    writeln!(out, r#"        <note category="context">{}</note>"#, xml(&u.context))?;
                    writeln!(
                        out,
                        r#"        <note category="developer">{}</note>"#,
                        xml(&u.developer_comments)
                    )?;
                    writeln!(out, r#"        <note category="location">{}</note>"#, xml(&u.location))?;
                    if let Some(n) = u.max_length {
                        writeln!(out, r#"        <note category="max_length">{n}</note>"#)?;
                    }
                    writeln!(out, "      </notes>")?;
                    writeln!(out, "      <segment>")?;
                    writeln!(out, "        <source>{}</source>", xml(&u.source))?;
                    if *has_target {
                        writeln!(out, "        <target>{}</target>", target_text(u, *copy_source))?;
                    }
                    writeln!(out, "      </segment>")?;
                    writeln!(out, "    </unit>")?;
                }
            }
            Sink::Xliff12 {
                out,
                has_target,
                copy_source,
            } => {
                for u in units {
                    write!(out, r#"      <trans-unit id="{}""#, xml(&u.id))?;
                    if let Some(n) = u.max_length {
                        write!(out, r#" maxwidth="{n}" size-unit="char""#)?;
                    }
                    writeln!(out, ">")?;
                    writeln!(out, "        <source>{}</source>", xml(&u.source))?;
                    if *has_target {
                        writeln!(out, "        <target>{}</target>", target_text(u, *copy_source))?;
                    }
                    writeln!(out, r#"        <note from="context">{}</note>"#, xml(&u.context))?;
                    writeln!(
                        out,
                        r#"        <note from="developer">{}</note>"#,
                        xml(&u.developer_comments)
                    )?;
                    writeln!(out, r#"        <note from="location">{}</note>"#, xml(&u.location))?;
                    // Translate Toolkit's xliff2po keeps developer notes only, and po2xliff renumbers units: the
                    // id travels in a developer note of its own.
                    writeln!(
                        out,
                        r#"        <note from="developer">khulasa-id: {}</note>"#,
                        xml(&u.id)
                    )?;
                    writeln!(out, "      </trans-unit>")?;
                }
            }
            Sink::Po(out) => {
                for u in units {
                    crate::po::write_unit(out, u)?;
                }
            }
            Sink::Xlsx { sheet, .. } => sheet.write(units)?,
        }
        Ok(())
    }

    /// Writes the footer, flushes, and gives the writers back (for `lines`, the ids writer second).
    ///
    /// ```
    /// use khulasa_export::{BatchWriter, Format};
    /// let writer = BatchWriter::new(Format::Xliff, &Default::default(), false, Vec::new(), None).unwrap();
    /// let (out, _) = writer.finish().unwrap();
    /// assert!(String::from_utf8(out).unwrap().ends_with("</xliff>\n"));
    /// ```
    pub fn finish(self) -> Result<(W, Option<W>), ExportError> {
        match self.sink {
            Sink::Table { writer, .. } => {
                let mut out = (*writer).into_inner().map_err(|e| ExportError::Io(e.into_error()))?;
                out.flush()?;
                Ok((out, None))
            }
            Sink::Jsonl { mut out, .. } => {
                out.flush()?;
                Ok((out, None))
            }
            Sink::Lines { mut text, mut ids } => {
                text.flush()?;
                if let Some(ids) = &mut ids {
                    ids.flush()?;
                }
                Ok((text, ids))
            }
            Sink::Xliff2 { mut out, .. } => {
                writeln!(out, "  </file>")?;
                writeln!(out, "</xliff>")?;
                out.flush()?;
                Ok((out, None))
            }
            Sink::Po(mut out) => {
                out.flush()?;
                Ok((out, None))
            }
            Sink::Xlsx { sheet, mut out } => {
                out.write_all(&sheet.finish()?)?;
                out.flush()?;
                Ok((out, None))
            }
            Sink::Xliff12 { mut out, .. } => {
                writeln!(out, "    </body>")?;
                writeln!(out, "  </file>")?;
                writeln!(out, "</xliff>")?;
                out.flush()?;
                Ok((out, None))
            }
        }
    }
}

fn has_max_length(units: &[Unit]) -> bool {
    units.iter().any(|u| u.max_length.is_some())
}

fn write_all<W: Write>(format: Format, units: &[Unit], options: &WriteOptions, out: W) -> Result<(), ExportError> {
    let mut writer = BatchWriter::new(format, options, has_max_length(units), out, None)?;
    writer.write(units)?;
    writer.finish()?;
    Ok(())
}

/// Writes units as CSV: UTF-8, RFC 4180 with every field quoted, CRLF, header [`COLUMNS`] (and `max_length`
/// when any unit has one), `target` empty. The Excel profile adds a BOM and neutralises formula cells.
///
/// ```
/// let unit = khulasa_export::Unit::new("story", 0, "قال \"نعم\"");
/// let mut out = Vec::new();
/// khulasa_export::write_csv(&[unit], &Default::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("\"id\",\"source\",\"target\""));
/// assert!(text.contains("\"قال \"\"نعم\"\"\"") && text.ends_with("\r\n"));
/// ```
pub fn write_csv(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Csv, units, options, out)
}

/// Writes units as TSV: the CSV columns separated by tabs, LF, no quoting (a `"` is just a character).
///
/// ```
/// let unit = khulasa_export::Unit::new("story", 0, "قال \"نعم\"");
/// let mut out = Vec::new();
/// khulasa_export::write_tsv(&[unit], &Default::default(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("\tقال \"نعم\"\t\t"));
/// ```
pub fn write_tsv(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Tsv, units, options, out)
}

#[derive(serde::Serialize)]
struct JsonUnit<'a> {
    id: &'a str,
    source: &'a str,
    target: &'a str,
    context: &'a str,
    developer_comments: &'a str,
    location: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<usize>,
    #[serde(skip_serializing_if = "str::is_empty")]
    batch: &'a str,
    changes: &'a [crate::SourceChange],
}

/// Writes units as JSON lines: `{id, source, target, context, developer_comments, location[, max_length][,
/// batch], changes}` (`batch`: the batch id of [`WriteOptions::batch_id`], when there is one; `changes`: what the
/// repair changed in the source, [`crate::SourceChange`]).
///
/// ```
/// let unit = khulasa_export::Unit::new("story", 0, "نعم");
/// let mut out = Vec::new();
/// khulasa_export::write_jsonl(&[unit], &mut out).unwrap();
/// let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(line["source"], "نعم");
/// ```
pub fn write_jsonl(units: &[Unit], out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Jsonl, units, &WriteOptions::default(), out)
}

/// Writes units as parallel lines: one source a line to `text`, its id on the same line of `ids`, what Marian,
/// CTranslate2, fairseq and sentence aligners take.
///
/// ```
/// let units = [khulasa_export::Unit::new("s", 0, "أ"), khulasa_export::Unit::new("s", 1, "ب")];
/// let (mut text, mut ids) = (Vec::new(), Vec::new());
/// khulasa_export::write_lines(&units, &mut text, &mut ids).unwrap();
/// assert_eq!(String::from_utf8(text).unwrap(), "أ\nب\n");
/// assert_eq!(String::from_utf8(ids).unwrap().lines().count(), 2);
/// ```
pub fn write_lines(units: &[Unit], text: impl Write, mut ids: impl Write) -> Result<(), ExportError> {
    let mut text_writer = BatchWriter::new(Format::Lines, &WriteOptions::default(), false, text, None)?;
    text_writer.write(units)?;
    text_writer.finish()?;
    for u in units {
        ids.write_all(clean(&u.id).as_bytes())?;
        ids.write_all(b"\n")?;
    }
    ids.flush()?;
    Ok(())
}

/// Escaped for XML text and attributes, after cleaning.
/// An XLIFF target as written: empty, or the source when tools translate in the target (OmegaT 3.6 reads no
/// segment from an empty target).
fn target_text(unit: &Unit, copy_source: bool) -> Cow<'_, str> {
    if copy_source {
        xml(&unit.source)
    } else {
        Cow::Borrowed("")
    }
}

/// `text` as an XML NMTOKEN (letters, digits, `.`, `-`, `_`; anything else `_`), `f1` when empty.
fn nmtoken(text: &str) -> String {
    if text.is_empty() {
        return "f1".into();
    }
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn xml(text: &str) -> Cow<'_, str> {
    match clean(text) {
        Cow::Borrowed(t) => escape(t),
        Cow::Owned(t) => Cow::Owned(escape(t.as_str()).into_owned()),
    }
}

/// Writes units as XLIFF 2.0: one `<unit>` a sentence with notes for context, comments and location, and an
/// empty `<target>` when the target language is known.
///
/// ```
/// let unit = khulasa_export::Unit::new("story", 0, "أ < ب");
/// let mut out = Vec::new();
/// khulasa_export::write_xliff2(&[unit], &Default::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains("srcLang=\"ar\"") && text.contains("<source>أ &lt; ب</source>"));
/// ```
pub fn write_xliff2(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Xliff, units, options, out)
}

/// Writes units as a gettext PO file: a header (UTF-8, `Language` the target language), then one entry a unit
/// with the id as `msgctxt`, the context and developer comments as extracted comments and the location as a
/// reference.
///
/// ```
/// let unit = khulasa_export::Unit::new("s", 0, "قال \"نعم\"");
/// let mut out = Vec::new();
/// khulasa_export::write_po(&[unit.clone()], &Default::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(&format!("msgctxt \"{}\"\nmsgid \"قال \\\"نعم\\\"\"\nmsgstr \"\"\n", unit.id)));
/// let records = khulasa_export::read_po(text.as_bytes()).unwrap();
/// assert_eq!((records[0].id.as_str(), records[0].source.as_deref()), (unit.id.as_str(), Some("قال \"نعم\"")));
/// ```
pub fn write_po(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Po, units, options, out)
}

/// Writes units as an Excel workbook: one sheet, right to left, a header row, one row a unit, every cell text,
/// the sheet protected but for the target column (see [`crate::read_xlsx`]). The workbook is made in memory when
/// complete: a batch's size is bounded by its caps.
///
/// ```
/// let mut out = Vec::new();
/// khulasa_export::write_xlsx(&[khulasa_export::Unit::new("s", 0, "نعم")], &Default::default(), &mut out).unwrap();
/// assert!(out.starts_with(b"PK"));
/// ```
pub fn write_xlsx(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Xlsx, units, options, out)
}

/// Writes units as XLIFF 1.2: `<file original source-language datatype>`, one `<trans-unit id>` a sentence
/// (`maxwidth` in characters when asked), notes from `context`, `developer` and `location`.
///
/// ```
/// let unit = khulasa_export::Unit::new("story", 0, "نعم");
/// let mut out = Vec::new();
/// khulasa_export::write_xliff12(&[unit], &Default::default(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"source-language="ar" datatype="plaintext""#) && text.contains("<trans-unit id="));
/// ```
pub fn write_xliff12(units: &[Unit], options: &WriteOptions, out: impl Write) -> Result<(), ExportError> {
    write_all(Format::Xliff12, units, options, out)
}

/// One translated sentence for translation memory and bilingual files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair<'a> {
    /// The unit's id.
    pub id: &'a str,
    /// The source sentence.
    pub source: &'a str,
    /// Its translation.
    pub target: &'a str,
    /// Where the sentence stands (`story:start-end`), or empty.
    pub location: &'a str,
}

/// Writes translation memory as TMX 1.4b: one `<tu tuid>` a pair, source and target `<tuv xml:lang>`.
///
/// ```
/// let pair = khulasa_export::Pair { id: "s:0:00000000", source: "نعم", target: "yes", location: "" };
/// let mut out = Vec::new();
/// khulasa_export::write_tmx(&[pair], "ar", "en", &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<tmx version="1.4">"#) && text.contains(r#"<tuv xml:lang="en"><seg>yes</seg>"#));
/// ```
pub fn write_tmx(pairs: &[Pair], source_lang: &str, target_lang: &str, out: impl Write) -> Result<(), ExportError> {
    write_tmx_of_run(pairs, source_lang, target_lang, "", out)
}

/// [`write_tmx`], the id of the `prep` run the memory answers in a header `<prop type="x-khulasa-prep-id">`
/// (none when empty).
///
/// ```
/// let pair = khulasa_export::Pair { id: "s:0:00000000", source: "نعم", target: "yes", location: "" };
/// let mut out = Vec::new();
/// khulasa_export::write_tmx_of_run(&[pair], "ar", "en", "20261207T120000Z-0001", &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<prop type="x-khulasa-prep-id">20261207T120000Z-0001</prop>"#));
/// ```
pub fn write_tmx_of_run(
    pairs: &[Pair],
    source_lang: &str,
    target_lang: &str,
    prep_id: &str,
    mut out: impl Write,
) -> Result<(), ExportError> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<tmx version="1.4">"#)?;
    let header = format!(
        r#"  <header creationtool="khulasa" creationtoolversion="{}" segtype="sentence" o-tmf="khulasa" adminlang="en" srclang="{}" datatype="plaintext""#,
        env!("CARGO_PKG_VERSION"),
        xml(source_lang)
    );
    if prep_id.is_empty() {
        writeln!(out, "{header}/>")?;
    } else {
        writeln!(out, "{header}>")?;
        writeln!(out, r#"    <prop type="x-khulasa-prep-id">{}</prop>"#, xml(prep_id))?;
        writeln!(out, "  </header>")?;
    }
    writeln!(out, "  <body>")?;
    for p in pairs {
        writeln!(out, r#"    <tu tuid="{}">"#, xml(p.id))?;
        writeln!(
            out,
            r#"      <tuv xml:lang="{}"><seg>{}</seg></tuv>"#,
            xml(source_lang),
            xml(p.source)
        )?;
        writeln!(
            out,
            r#"      <tuv xml:lang="{}"><seg>{}</seg></tuv>"#,
            xml(target_lang),
            xml(p.target)
        )?;
        writeln!(out, "    </tu>")?;
    }
    writeln!(out, "  </body>")?;
    writeln!(out, "</tmx>")?;
    out.flush()?;
    Ok(())
}

/// Writes a bilingual CSV (every field quoted, CRLF): `id,source,target,location`. With [`Profile::Excel`] it is
/// written as the batch CSV of that profile is: a UTF-8 BOM first, and every cell that a spreadsheet would run
/// as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) guarded by [`neutralize`] (a translation is text
/// from outside, and `=HYPERLINK(…)` in it must not become a live link).
///
/// ```
/// use khulasa_export::{write_bilingual_csv, Pair, Profile};
/// let pair = Pair { id: "s:0:00000000", source: "نعم", target: "yes", location: "s:0-6" };
/// let mut out = Vec::new();
/// write_bilingual_csv(&[pair], Profile::Plain, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().ends_with("\"نعم\",\"yes\",\"s:0-6\"\r\n"));
/// let formula = Pair { id: "s:1:00000000", source: "-نعم", target: "=1+1", location: "s:7-12" };
/// let mut out = Vec::new();
/// write_bilingual_csv(&[formula], Profile::Excel, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().ends_with("\"'-نعم\",\"'=1+1\",\"s:7-12\"\r\n"));
/// ```
pub fn write_bilingual_csv(pairs: &[Pair], profile: Profile, mut out: impl Write) -> Result<(), ExportError> {
    if profile == Profile::Excel {
        out.write_all(BOM)?;
    }
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(["id", "source", "target", "location"])?;
    let mut record = csv::StringRecord::new();
    for p in pairs {
        record.clear();
        for field in [p.id, p.source, p.target, p.location] {
            match profile {
                Profile::Plain => record.push_field(field),
                Profile::Excel => record.push_field(&neutralize(field)),
            }
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_csv, restore};

    #[test]
    fn bilingual_csv_guards_formula_cells_with_the_excel_profile() {
        let targets = [
            "=HYPERLINK(\"http://example.invalid\",\"x\")",
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=kept",
            "plain",
        ];
        let pairs: Vec<Pair> = targets
            .iter()
            .map(|&target| Pair {
                id: "s:0:00000000",
                source: "=قال",
                target,
                location: "s:0-6",
            })
            .collect();
        let mut out = Vec::new();
        write_bilingual_csv(&pairs, Profile::Excel, &mut out).unwrap();
        assert!(out.starts_with(BOM));
        let mut reader = csv::ReaderBuilder::new().from_reader(&out[BOM.len()..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), targets.len());
        for (row, target) in rows.iter().zip(targets) {
            assert!(
                row.iter()
                    .all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])),
                "{row:?}"
            );
            assert_eq!(restore(&row[2]), target);
            assert_eq!(&row[1], "'=قال");
        }
        // Read back as a CSV of the same profile, every cell is what was given.
        let records = read_csv(&out, Profile::Excel).unwrap();
        assert!(records
            .iter()
            .zip(targets)
            .all(|(r, t)| r.target == t && r.source.as_deref() == Some("=قال")));

        let mut plain = Vec::new();
        write_bilingual_csv(&pairs, Profile::Plain, &mut plain).unwrap();
        let text = String::from_utf8(plain).unwrap();
        assert!(text.starts_with("\"id\"") && text.contains("\"=1+1\""));
    }
}
