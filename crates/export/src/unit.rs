//! What is exchanged: units, formats and the options of a batch file.

use crate::{clean, unit_id, ExportError};

/// One sentence to translate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// Stable id: story id, sentence index and a short content hash (see [`unit_id`]).
    pub id: String,
    /// The story the sentence belongs to (batches never split a story unless it alone is over the cap).
    pub story: String,
    /// The source sentence, cleaned for exchange (see [`clean`]).
    pub source: String,
    /// Story id and the previous sentence, so that a translator sees where it sits.
    pub context: String,
    /// Kind, rank, score, whether in the summary.
    pub developer_comments: String,
    /// `story:start-end`, byte offsets in the document as read.
    pub location: String,
    /// The longest target a translator should write, in characters, when asked for.
    pub max_length: Option<usize>,
    /// What the repair changed in the sentence's source text (JSON lines carry them; other formats do not).
    #[serde(default)]
    pub changes: Vec<SourceChange>,
}

/// A change the repair made to a unit's source, for a translator or editor to review: where it is in the document
/// as read, what it was, what it became, by which rule and on what evidence (as `khulasa normalize --changes`
/// lists it).
///
/// ```
/// let change = khulasa_export::SourceChange {
///     start: 11,
///     end: 19,
///     before: "خالل".into(),
///     after: "خلال".into(),
///     rule: "lam-alef".into(),
///     evidence: "story damaged".into(),
/// };
/// assert_eq!(change.end - change.start, change.before.len());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceChange {
    /// Byte offset of `before` in the document as read.
    pub start: usize,
    /// Byte offset just past `before`.
    pub end: usize,
    /// The text as read.
    pub before: String,
    /// What the repair made of it (empty when it was removed).
    pub after: String,
    /// The rule's name.
    pub rule: String,
    /// Why, in words.
    pub evidence: String,
}

impl Unit {
    /// A unit for sentence `index` of `story`: the text is cleaned and the id made from the clean text.
    /// Context, comments and location start empty.
    ///
    /// ```
    /// let unit = khulasa_export::Unit::new("s1", 2, "قال\nالوزير");
    /// assert_eq!(unit.source, "قال الوزير");
    /// assert_eq!(unit.id, khulasa_export::unit_id("s1", 2, "قال الوزير"));
    /// ```
    pub fn new(story: &str, index: usize, text: &str) -> Unit {
        let source = clean(text).into_owned();
        Unit {
            id: unit_id(story, index, &source),
            story: story.to_owned(),
            source,
            context: String::new(),
            developer_comments: String::new(),
            location: String::new(),
            max_length: None,
            changes: Vec::new(),
        }
    }

    /// Characters of the source, the unit of `--max-chars` and `max_length`.
    ///
    /// ```
    /// assert_eq!(khulasa_export::Unit::new("s", 0, "نعم").chars(), 3);
    /// ```
    pub fn chars(&self) -> usize {
        self.source.chars().count()
    }

    /// Words of the source, as translators are quoted on them: runs between spaces holding a letter or a digit
    /// (a lone dash or quote is no word).
    ///
    /// ```
    /// assert_eq!(khulasa_export::Unit::new("s", 0, "قال الوزير - «نعم» 2019").words(), 4);
    /// ```
    pub fn words(&self) -> usize {
        self.source
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }
}

/// An exchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// RFC 4180 CSV, every field quoted, CRLF, with a header row.
    Csv,
    /// Tab-separated values with a header row, LF, no quoting (clean fields hold no tab or line break).
    Tsv,
    /// One JSON object a unit.
    Jsonl,
    /// One sentence a line (`.ar`) and a parallel file of ids (`.ids`).
    Lines,
    /// XLIFF 2.0.
    Xliff,
    /// XLIFF 1.2.
    Xliff12,
    /// Gettext PO: `msgctxt` the id, notes as extracted comments, the location as a reference.
    Po,
    /// An Excel workbook: text cells, right to left, only the target column unlocked.
    Xlsx,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 8] = [
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Lines,
        Format::Xliff,
        Format::Xliff12,
        Format::Po,
        Format::Xlsx,
    ];

    /// Its name on the command line and in manifests.
    ///
    /// ```
    /// assert_eq!(khulasa_export::Format::Xliff12.name(), "xliff12");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Lines => "lines",
            Format::Xliff => "xliff",
            Format::Xliff12 => "xliff12",
            Format::Po => "po",
            Format::Xlsx => "xlsx",
        }
    }

    /// The format called `name`.
    ///
    /// ```
    /// use khulasa_export::Format;
    /// assert_eq!(Format::parse("tsv").unwrap(), Format::Tsv);
    /// assert!(Format::parse("docx").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<Format, ExportError> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| ExportError::UnknownFormat(name.to_owned()))
    }

    /// The extension of its (main) file; for `lines` that of the sentences, `ar` unless the source language
    /// differs.
    ///
    /// ```
    /// assert_eq!(khulasa_export::Format::Xliff.extension("ar"), "xlf");
    /// assert_eq!(khulasa_export::Format::Lines.extension("ar"), "ar");
    /// ```
    pub fn extension(self, source_lang: &str) -> String {
        match self {
            Format::Csv => "csv".into(),
            Format::Tsv => "tsv".into(),
            Format::Jsonl => "jsonl".into(),
            Format::Lines => source_lang.into(),
            Format::Xliff => "xlf".into(),
            Format::Xliff12 => "xliff".into(),
            Format::Po => "po".into(),
            Format::Xlsx => "xlsx".into(),
        }
    }
}

/// Who will open the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Tools that read the format as specified: text goes as it is.
    #[default]
    Plain,
    /// Spreadsheets (CSV and TSV only): a UTF-8 BOM so Excel reads Arabic, and formula cells neutralised
    /// (see [`crate::neutralize`]); readers undo it.
    Excel,
}

/// Settings of one batch file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Spreadsheet profile (CSV and TSV).
    pub profile: Profile,
    /// Language of the sources (`ar`).
    pub source_lang: String,
    /// Language of the targets, when known: XLIFF then carries empty `<target>` elements for tools to fill.
    pub target_lang: Option<String>,
    /// Name of the batch, XLIFF's `original`.
    pub original: String,
    /// The batch's id (its run's id and number, see [`crate::batch_id`]), written inside the file: XLIFF 2.0
    /// `<file id>`, an XLIFF 1.2 header note, the PO header's `X-Khulasa-Batch`, the workbook's comment, a JSON
    /// line's `batch` (read back by [`crate::stated_batch`]). Empty when none.
    pub batch_id: String,
    /// XLIFF targets written as copies of their sources, for tools that translate in the target (OmegaT 3.6
    /// finds no segment in an empty one). A copy that comes back unchanged is reported as untranslated.
    pub copy_source: bool,
}

impl Default for WriteOptions {
    /// Plain profile, Arabic sources, no target language, `original` = `units`.
    ///
    /// ```
    /// assert_eq!(khulasa_export::WriteOptions::default().source_lang, "ar");
    /// ```
    fn default() -> Self {
        WriteOptions {
            profile: Profile::Plain,
            source_lang: "ar".into(),
            target_lang: None,
            original: "units".into(),
            batch_id: String::new(),
            copy_source: false,
        }
    }
}
