//! Excel workbooks: what a translator who lives in a spreadsheet opens without an import dialog. Written with
//! rust_xlsxwriter, read with calamine.
//!
//! The sheet reads right to left, every cell is text (a sentence starting with `=` is a string, never a
//! formula, so no guard is needed as in CSV), the columns are as wide as a sentence needs, and the sheet is
//! protected with only the target column unlocked: a translator cannot change an id or a source by mistake.

use crate::{clean, ExportError, Record, Unit, COLUMNS};
use calamine::{Data, Reader};
use rust_xlsxwriter::{DocProperties, Format, Workbook};

/// Width of each column, in characters: ids and locations are short, sentences long and wrapped.
const WIDTHS: [f64; 7] = [28.0, 60.0, 60.0, 40.0, 30.0, 24.0, 12.0];

/// A workbook being filled, unit by unit; its bytes are made when it is complete.
pub(crate) struct Sheet {
    workbook: Box<Workbook>,
    row: u32,
    max_length: bool,
    locked: Format,
    target: Format,
}

impl Sheet {
    /// A workbook with its header row, widths, direction and protection set.
    pub(crate) fn new(max_length: bool, batch_id: &str) -> Result<Sheet, ExportError> {
        let mut workbook = Box::new(Workbook::new());
        if !batch_id.is_empty() {
            // The batch's id in the document's properties, where a spreadsheet keeps it through a save.
            workbook.set_properties(&DocProperties::new().set_comment(format!(
                "{}{}",
                crate::stamp::XLSX_MARKER,
                clean(batch_id)
            )));
        }
        let header = Format::new().set_bold().set_num_format("@");
        let locked = Format::new().set_text_wrap().set_num_format("@");
        // Text format on the unlocked column: what a translator types there (`=`, a number) stays text.
        let target = Format::new().set_text_wrap().set_num_format("@").set_unlocked();
        let sheet = workbook.add_worksheet();
        sheet.set_name("units")?;
        sheet.set_right_to_left(true);
        let mut columns: Vec<&str> = COLUMNS.to_vec();
        if max_length {
            columns.push("max_length");
        }
        for (col, (name, width)) in (0u16..).zip(columns.iter().zip(WIDTHS)) {
            sheet.set_column_width(col, width)?;
            sheet.write_string_with_format(0, col, *name, &header)?;
        }
        sheet.set_column_format(2, &target)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.protect();
        Ok(Sheet {
            workbook,
            row: 0,
            max_length,
            locked,
            target,
        })
    }

    /// Appends units, one a row.
    pub(crate) fn write(&mut self, units: &[Unit]) -> Result<(), ExportError> {
        let sheet = self.workbook.worksheet_from_index(0)?;
        for u in units {
            self.row += 1;
            let fields = [&u.id, &u.source, "", &u.context, &u.developer_comments, &u.location];
            for (col, field) in (0u16..).zip(fields) {
                let format = if col == 2 { &self.target } else { &self.locked };
                sheet.write_string_with_format(self.row, col, clean(field), format)?;
            }
            if self.max_length {
                let n = u.max_length.map(|n| n.to_string()).unwrap_or_default();
                sheet.write_string_with_format(self.row, 6, n, &self.locked)?;
            }
        }
        Ok(())
    }

    /// The workbook's bytes.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        Ok(self.workbook.save_to_buffer()?)
    }
}

/// The text of a cell as a translator sees it: a whole number without `.0`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// Reads the first sheet of an Excel workbook (`.xlsx`) back: the first row is the header, its columns found by
/// name as in CSV (`id` and `target` required, `source` and `location` read when present; case aside), every
/// other row a record whose line is its row number. A number typed in a cell is read as written (`2019`, not
/// `2019.0`).
///
/// ```
/// use khulasa_export::{read_xlsx, write_xlsx, Unit};
/// let units = [Unit::new("s", 0, "=قال الوزير")];
/// let mut out = Vec::new();
/// write_xlsx(&units, &Default::default(), &mut out).unwrap();
/// let records = read_xlsx(&out).unwrap();
/// assert_eq!((records[0].id.as_str(), records[0].source.as_deref(), records[0].line), (units[0].id.as_str(), Some("=قال الوزير"), 2));
/// ```
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Record>, ExportError> {
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ExportError::MissingColumn("id"))??;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Ok(Vec::new());
    };
    let column = |name: &str| header.iter().position(|h| text(h).trim().eq_ignore_ascii_case(name));
    let location_at = column("location");
    let id_at = column("id").or(location_at).ok_or(ExportError::MissingColumn("id"))?;
    let target_at = column("target").ok_or(ExportError::MissingColumn("target"))?;
    let source_at = column("source");
    let cell = |row: &[Data], at: Option<usize>| at.and_then(|i| row.get(i)).map(text);
    let mut records = Vec::new();
    for (n, row) in rows.enumerate() {
        let id = cell(row, Some(id_at)).unwrap_or_default();
        if id.is_empty() && row.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        records.push(Record {
            id,
            source: cell(row, source_at),
            target: cell(row, Some(target_at)).unwrap_or_default(),
            // The header is the range's first row; rows are numbered from 1.
            line: first_row + n + 2,
            draft: None,
            target_lang: None,
            hints: cell(row, location_at).into_iter().collect(),
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{write_xlsx, WriteOptions};

    /// The parts of the workbook a spreadsheet obeys, as written in its XML.
    #[test]
    fn the_sheet_is_right_to_left_protected_but_the_target_with_widths_and_no_formula() {
        let units = [Unit::new("s", 0, "=SUM(A1)"), Unit::new("s", 1, "قال الوزير")];
        let mut out = Vec::new();
        write_xlsx(&units, &WriteOptions::default(), &mut out).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
        assert!(sheet.contains("rightToLeft=\"1\""), "{sheet}");
        assert!(sheet.contains("<sheetProtection"), "{sheet}");
        assert!(sheet.contains("customWidth=\"1\""), "{sheet}");
        assert!(!sheet.contains("<f>"), "no formula: {sheet}");
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
        assert!(styles.contains("locked=\"0\""), "{styles}");
    }

    #[test]
    fn cells_are_text_and_a_translation_typed_as_a_number_reads_as_written() {
        let units = [Unit::new("s", 0, "=1+1"), Unit::new("s", 1, "2019")];
        let mut out = Vec::new();
        write_xlsx(&units, &WriteOptions::default(), &mut out).unwrap();
        let records = read_xlsx(&out).unwrap();
        assert_eq!(records[0].source.as_deref(), Some("=1+1"));
        assert_eq!(records[1].source.as_deref(), Some("2019"));
        assert_eq!(text(&Data::Float(2019.0)), "2019");
        assert_eq!(text(&Data::Float(2.5)), "2.5");
        assert!(read_xlsx(b"not a workbook").is_err());
    }
}
