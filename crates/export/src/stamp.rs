//! Batch ids: what a `prep` run names its batch files and writes inside them, so that a file from another run
//! is known by its name and its header, not only by its unit ids.

/// Length of a run id: `20261207T122900Z-3fa1` (UTC time and four hex digits).
const RUN_ID_LEN: usize = 21;

/// The id of batch `number` (1-based) of run `prep_id`, which is also its file name without the extension:
/// `20261207T122900Z-3fa1-001`.
///
/// ```
/// assert_eq!(khulasa_export::batch_id("20261207T122900Z-3fa1", 2), "20261207T122900Z-3fa1-002");
/// ```
pub fn batch_id(prep_id: &str, number: usize) -> String {
    format!("{prep_id}-{number:03}")
}

/// Whether `text` is a run id as `prep` makes them: `YYYYMMDDTHHMMSSZ-xxxx`.
///
/// ```
/// assert!(khulasa_export::is_run_id("20261207T122900Z-3fa1"));
/// assert!(!khulasa_export::is_run_id("units"));
/// ```
pub fn is_run_id(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == RUN_ID_LEN
        && b.iter().enumerate().all(|(i, &c)| match i {
            0..=7 | 9..=14 => c.is_ascii_digit(),
            8 => c == b'T',
            15 => c == b'Z',
            16 => c == b'-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
}

/// The run a batch id or a batch file's name belongs to (`20261207T122900Z-3fa1` of
/// `20261207T122900Z-3fa1-002.csv`), or `None` for a name `prep` does not write.
///
/// ```
/// use khulasa_export::run_of_batch;
/// assert_eq!(run_of_batch("20261207T122900Z-3fa1-002.csv"), Some("20261207T122900Z-3fa1"));
/// assert_eq!(run_of_batch("20261207T122900Z-3fa1-002"), Some("20261207T122900Z-3fa1"));
/// assert_eq!(run_of_batch("translated.csv"), None);
/// ```
pub fn run_of_batch(name: &str) -> Option<&str> {
    let run = name.get(..RUN_ID_LEN).filter(|r| is_run_id(r))?;
    let rest = name.get(RUN_ID_LEN..)?.strip_prefix('-')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(digits..)?;
    (digits >= 3 && (after.is_empty() || after.starts_with('.'))).then_some(run)
}

/// The batch id a file states inside it, where `prep` writes one: XLIFF 2.0 `<file id>`, the XLIFF 1.2 header
/// note `batch: …`, the PO header's `X-Khulasa-Batch`, a workbook's comment `khulasa batch: …`, a JSON line's
/// `batch` field. Only the start of
/// a text file is looked at (every one of these is in its header); `None` when no batch id of ours is there.
///
/// ```
/// use khulasa_export::{stated_batch, write_po, Unit, WriteOptions};
/// let options = WriteOptions { batch_id: "20261207T122900Z-3fa1-001".into(), ..Default::default() };
/// let mut po = Vec::new();
/// write_po(&[Unit::new("s", 0, "نعم")], &options, &mut po).unwrap();
/// assert_eq!(stated_batch(&po).as_deref(), Some("20261207T122900Z-3fa1-001"));
/// assert_eq!(stated_batch(b"id,source,target\n"), None);
/// ```
pub fn stated_batch(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK") {
        return workbook_comment(bytes).and_then(|comment| after_marker(&comment, XLSX_MARKER));
    }
    let head = String::from_utf8_lossy(bytes.get(..HEAD).unwrap_or(bytes));
    [PO_MARKER, XLIFF12_MARKER, XLIFF2_MARKER, JSONL_MARKER]
        .iter()
        .find_map(|marker| after_marker(&head, marker))
}

/// How much of a text file [`stated_batch`] reads: its header, with room for a tool's added lines.
const HEAD: usize = 16 * 1024;
/// What stands before the batch id in a PO header.
pub(crate) const PO_MARKER: &str = "X-Khulasa-Batch: ";
/// What stands before the batch id in an XLIFF 1.2 header note.
pub(crate) const XLIFF12_MARKER: &str = "<note from=\"khulasa\">batch: ";
/// What stands before the batch id in XLIFF 2.0.
const XLIFF2_MARKER: &str = "<file id=\"";
/// What stands before the batch id in a JSON line (serde_json writes no space after the colon).
const JSONL_MARKER: &str = "\"batch\":\"";
/// What stands before the batch id in a workbook's comment.
pub(crate) const XLSX_MARKER: &str = "khulasa batch: ";

/// The batch id after the first `marker` in `text`, when it is one of ours.
fn after_marker(text: &str, marker: &str) -> Option<String> {
    let (_, rest) = text.split_once(marker)?;
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    run_of_batch(&id).is_some().then_some(id)
}

/// The comment (`dc:description`) of a workbook's document properties.
fn workbook_comment(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let member = archive.by_name("docProps/core.xml").ok()?;
    let mut text = String::new();
    // A properties part is a few hundred bytes; a bound keeps a crafted archive from inflating without end.
    std::io::Read::read_to_string(&mut std::io::Read::take(member, HEAD as u64), &mut text).ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_look_almost_like_batches_are_not() {
        for name in [
            "20261207T122900Z-3fa1-01.csv",
            "20261207T122900Z-3fA1-001.csv",
            "20261207T122900Z-3fa1-001x",
            "20261207X122900Z-3fa1-001",
            "20261207T122900Z-3fa1",
            "",
        ] {
            assert_eq!(run_of_batch(name), None, "{name}");
        }
        assert_eq!(
            run_of_batch("20261207T122900Z-3fa1-1234.ar"),
            Some("20261207T122900Z-3fa1")
        );
    }

    #[test]
    fn a_third_party_xliff_file_id_is_no_batch() {
        assert_eq!(stated_batch(br#"<xliff><file id="f1" original="x">"#), None);
        assert_eq!(
            stated_batch(br#"<xliff><file id="20261207T122900Z-3fa1-003" original="x">"#).as_deref(),
            Some("20261207T122900Z-3fa1-003")
        );
        assert_eq!(stated_batch(b"PK\x03\x04 not a zip"), None);
    }
}
