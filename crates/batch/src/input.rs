//! Where documents come from: files, directories, JSONL feeds (optionally gzip-compressed) and standard input.
//!
//! The contract: a directory means every `*.txt` under it, sorted, recursively; a `*.jsonl` (or `*.jsonl.gz`)
//! file means one document a line with `id` and `text`; no path, or `-`, means standard input as one document.

use khulasa_normalize::{decode, Encoding};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document as read, before any processing.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its id: path relative to the directory given (without `.txt`), JSONL `id`, or `stdin`.
    pub id: String,
    /// The decoded text.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: Encoding,
    /// The optional JSONL `title`.
    pub title: Option<String>,
    /// The optional JSONL `source` (else `src`): the outlet or agency it came from.
    pub source: Option<String>,
    /// The day of its date field (JSONL `date` or `time`), when it has one that parses.
    pub day: Option<Day>,
    /// The moment of its date field in seconds since 1970 (UTC), when it gives a time of day.
    pub published: Option<i64>,
    /// Where it came from, for error messages (a path, `path:line`, or `stdin`).
    pub origin: String,
}

impl Document {
    /// A UTF-8 document made from text in memory (for tests, benchmarks and library use).
    ///
    /// ```
    /// let doc = khulasa_batch::input::Document::new("story", "نص الخبر.");
    /// assert_eq!(doc.origin, "story");
    /// ```
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            origin: id.clone(),
            id,
            text: text.into(),
            encoding: Encoding::Utf8,
            title: None,
            source: None,
            day: None,
            published: None,
        }
    }
}

/// Turns a document with no text into a failure. Applied after date filtering, so an empty story of another day
/// is not reported.
pub fn reject_empty(doc: Result<Document, Failure>) -> Result<Document, Failure> {
    match doc {
        Ok(doc) if doc.text.trim().is_empty() => Err(Failure {
            origin: doc.origin,
            message: "empty document (no text)".into(),
        }),
        other => other,
    }
}

/// A document that could not be read, with the reason.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Where it came from (a path, `path:line`, or `stdin`).
    pub origin: String,
    /// What is wrong, one line.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// Field names of JSONL feeds.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The id field (`id` unless told otherwise).
    pub id: String,
    /// The text field (`text` unless told otherwise).
    pub text: String,
    /// The date field (by default `date`, else `time`).
    pub date: Option<String>,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
            date: None,
        }
    }
}

/// A calendar day, as written in a story's date (no time zone conversion: the day the source dated it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

impl Day {
    /// Parses `YYYY-MM-DD`, alone or at the start of an ISO 8601 timestamp.
    pub fn parse_iso(text: &str) -> Option<Day> {
        let text = text.trim();
        let year = text.get(0..4)?.parse().ok()?;
        if text.get(4..5)? != "-" || text.get(7..8)? != "-" {
            return None;
        }
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        if text.len() > 10 && !text[10..].starts_with(['T', 't', ' ']) {
            return None;
        }
        Day::new(year, month, day)
    }

    /// Parses an RFC 2822 date (`Sun, 18 Feb 2018 21:35:43 +0400`), the weekday optional.
    pub fn parse_rfc2822(text: &str) -> Option<Day> {
        let text = text.trim();
        let text = match text.split_once(',') {
            Some((_, rest)) => rest,
            None => text,
        };
        let mut parts = text.split_whitespace();
        let day = parts.next()?.parse().ok()?;
        let month = parts.next()?.to_ascii_lowercase();
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let month = MONTHS.iter().position(|m| month.starts_with(m))? as u32 + 1;
        let year = parts.next()?.parse().ok()?;
        Day::new(year, month, day)
    }

    /// Parses either form.
    pub fn parse(text: &str) -> Option<Day> {
        Day::parse_iso(text).or_else(|| Day::parse_rfc2822(text))
    }

    fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }
}

/// Seconds since 1970 (UTC) of a date with a time of day: RFC 2822 (`Wed, 09 May 2018 14:03:00 +0400`) or ISO 8601
/// (`2018-05-09T14:03:00Z`, `2018-05-09 14:03:00+04:00`); `None` for a day alone or what does not parse.
///
/// ```
/// use khulasa_batch::input::timestamp;
/// assert_eq!(timestamp("Wed, 09 May 2018 14:03:00 +0400"), Some(1_525_860_180));
/// assert_eq!(timestamp("2018-05-09T10:03:00Z"), Some(1_525_860_180));
/// assert_eq!(timestamp("2018-05-09 12:03:00+02:00"), Some(1_525_860_180));
/// assert_eq!(timestamp("2018-05-09"), None);
/// ```
pub fn timestamp(text: &str) -> Option<i64> {
    let day = Day::parse(text)?;
    let text = text.trim();
    // The time of day is the first token holding two colons (or one), the zone what follows it.
    let (clock, zone) = if Day::parse_iso(text).is_some() {
        let rest = text.get(10..)?.trim_start_matches(['T', 't', ' ']);
        let split = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        (rest.get(..split)?, rest.get(split..)?)
    } else {
        let mut parts = text.split_whitespace().skip_while(|p| !p.contains(':'));
        (parts.next()?, parts.next().unwrap_or(""))
    };
    let mut hms = clock
        .split(':')
        .map(|p| p.split('.').next().unwrap_or(p).parse::<i64>().ok());
    let (hour, minute) = (hms.next()??, hms.next()??);
    let second = hms.next().flatten().unwrap_or(0);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match zone.trim() {
        "" | "Z" | "z" | "GMT" | "UT" | "UTC" => 0,
        zone => {
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let digits: String = zone.get(1..)?.chars().filter(|c| *c != ':').collect();
            let hours: i64 = digits.get(..2)?.parse().ok()?;
            let minutes: i64 = digits.get(2..4).unwrap_or("0").parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    Some(days_since_epoch(day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days from 1970-01-01 to `day` in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
fn days_since_epoch(day: Day) -> i64 {
    let (month, d) = (i64::from(day.month), i64::from(day.day));
    let year = i64::from(day.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The UTC calendar date and time of day of seconds since 1970: `(year, month, day, hour, minute, second)`
/// (Howard Hinnant's `civil_from_days`, the inverse of [`timestamp`]'s day count).
///
/// ```
/// assert_eq!(khulasa_batch::input::utc_civil(1_525_860_185), (2018, 5, 9, 10, 3, 5));
/// ```
pub fn utc_civil(seconds: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
}

/// `YYYY-MM-DD HH:MM` of seconds since 1970, in UTC.
///
/// ```
/// assert_eq!(khulasa_batch::input::utc_minute(1_525_860_180), "2018-05-09 10:03");
/// ```
pub fn utc_minute(seconds: i64) -> String {
    let (year, month, day, hour, minute, _) = utc_civil(seconds);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Keeps the documents whose day lies in a range; with no bound, keeps everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct DayFilter {
    /// The first day kept.
    pub from: Option<Day>,
    /// The last day kept.
    pub to: Option<Day>,
}

impl DayFilter {
    /// True when `doc` is kept. A failure is always kept (it must be reported); a document without a date is
    /// dropped as soon as any bound is set.
    pub fn keeps(&self, doc: &Result<Document, Failure>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Ok(doc) = doc else { return true };
        match doc.day {
            None => false,
            Some(day) => self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t),
        }
    }
}

/// The longest JSONL line read, in bytes (its line break not counted). A longer line is reported like any bad
/// line and skipped without being held in memory: a story is far shorter, and a feed with one endless line (a
/// decompression bomb, a garbled file) must not take the whole run down with it.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// The longest document id, in bytes. Ids are copied into every unit, context and location `prep` writes and into
/// its register: a huge one multiplies the output by the number of sentences.
pub const MAX_ID_BYTES: usize = 1024;

/// One input as named on the command line, expanded lazily into documents.
enum Item {
    Stdin,
    File {
        path: PathBuf,
        id: String,
    },
    Jsonl {
        path: PathBuf,
    },
    /// A part of a folder that could not be read, reported where its documents would have come.
    Failed(Failure),
}

/// Expands the command-line inputs into a stream of documents, in order.
pub fn documents(
    inputs: &[PathBuf],
    fields: &Fields,
) -> impl Iterator<Item = Result<Document, Failure>> + Send + 'static {
    let fields = fields.clone();
    let mut items = Vec::new();
    if inputs.is_empty() {
        items.push(Item::Stdin);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            items.push(Item::Stdin);
        } else if let Some(message) = not_regular(input) {
            items.push(Item::Failed(Failure {
                origin: input.display().to_string(),
                message,
            }));
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found, &mut Vec::new());
            found.sort_by(|a, b| a.0.cmp(&b.0));
            for (path, unreadable) in found {
                items.push(match unreadable {
                    Some(message) => Item::Failed(Failure {
                        origin: path.display().to_string(),
                        message,
                    }),
                    None => {
                        let rel = path.strip_prefix(input).unwrap_or(&path);
                        let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
                        Item::File { path, id }
                    }
                });
            }
        } else if is_jsonl(input) {
            items.push(Item::Jsonl { path: input.clone() });
        } else {
            let id = input
                .file_stem()
                .map_or_else(|| input.display().to_string(), |s| s.to_string_lossy().into_owned());
            items.push(Item::File {
                path: input.clone(),
                id,
            });
        }
    }
    items.into_iter().flat_map(move |item| expand(item, fields.clone()))
}

/// Why `path` is skipped when it is neither a folder nor a regular file (after following links): reading a FIFO
/// waits for a writer forever, a device such as `/dev/zero` never ends. `None` for what can be read, and for what
/// cannot be looked at (opening it reports why).
fn not_regular(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    Some(format!("not a regular file ({}); skipped", kind_name(&kind)))
}

#[cfg(unix)]
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "neither file nor folder"
    }
}

#[cfg(not(unix))]
fn kind_name(_: &std::fs::FileType) -> &'static str {
    "neither file nor folder"
}

/// The error of an id longer than [`MAX_ID_BYTES`].
fn id_too_long(id: &str) -> Option<String> {
    (id.len() > MAX_ID_BYTES).then(|| format!("id of {} bytes; ids are limited to {MAX_ID_BYTES} bytes", id.len()))
}

fn is_jsonl(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Collects `*.txt` files under `dir`, following no symbolic link to a directory already being walked, with the
/// folders (or entries) that could not be read and why: one unreadable folder costs only its own files.
fn walk(dir: &Path, found: &mut Vec<(PathBuf, Option<String>)>, stack: &mut Vec<PathBuf>) {
    let unreadable = |e: std::io::Error| Some(format!("cannot read directory: {e}"));
    let canonical = match dir.canonicalize() {
        Ok(canonical) => canonical,
        Err(e) => return found.push((dir.to_owned(), unreadable(e))),
    };
    if stack.contains(&canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push((dir.to_owned(), unreadable(e))),
    };
    stack.push(canonical);
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found, stack);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    let skipped = not_regular(&path);
                    found.push((path, skipped));
                }
            }
            Err(e) => found.push((dir.to_owned(), unreadable(e))),
        }
    }
    stack.pop();
}

fn expand(item: Item, fields: Fields) -> Box<dyn Iterator<Item = Result<Document, Failure>> + Send> {
    match item {
        Item::Stdin => {
            let mut bytes = Vec::new();
            let doc = match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => from_bytes(&bytes, "stdin".into(), "stdin".into()),
                Err(e) => Err(Failure {
                    origin: "stdin".into(),
                    message: e.to_string(),
                }),
            };
            Box::new(std::iter::once(doc))
        }
        Item::File { path, id } => {
            let origin = path.display().to_string();
            if let Some(message) = id_too_long(&id) {
                return Box::new(std::iter::once(Err(Failure { origin, message })));
            }
            let doc = match read_regular(&path) {
                Ok(bytes) => from_bytes(&bytes, id, origin),
                Err(e) => Err(Failure {
                    origin,
                    message: e.to_string(),
                }),
            };
            Box::new(std::iter::once(doc))
        }
        Item::Failed(failure) => Box::new(std::iter::once(Err(failure))),
        Item::Jsonl { path } => match open_lines(&path) {
            Ok(lines) => Box::new(jsonl_documents(lines, path.display().to_string(), fields)),
            Err(e) => Box::new(std::iter::once(Err(Failure {
                origin: path.display().to_string(),
                message: format!("{e:#}"),
            }))),
        },
    }
}

fn from_bytes(bytes: &[u8], id: String, origin: String) -> Result<Document, Failure> {
    match decode(bytes) {
        Ok(decoded) => Ok(Document {
            id,
            text: decoded.text,
            encoding: decoded.encoding,
            title: None,
            source: None,
            day: None,
            published: None,
            origin,
        }),
        Err(e) => Err(Failure {
            origin,
            message: e.to_string(),
        }),
    }
}

/// `std::fs::read` of a file checked, once open, to be a regular file (it may have been replaced since it was
/// listed).
fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let file = std::fs::File::open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(std::io::Error::other(format!(
            "not a regular file ({}); skipped",
            kind_name(&kind)
        )));
    }
    Ok(file)
}

fn open_lines(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let file = open_regular(path)?;
    if path.to_string_lossy().ends_with(".gz") {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        )))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
    }
}

fn jsonl_documents(
    mut reader: Box<dyn BufRead + Send>,
    origin: String,
    fields: Fields,
) -> impl Iterator<Item = Result<Document, Failure>> {
    let mut seen = std::collections::HashSet::new();
    let mut done = false;
    let mut first_line = true;
    let mut number = 0usize;
    // One buffer for every line: a buffer a line would be allocated and grown again for each story.
    let mut line = Vec::new();
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        line.clear();
        number += 1;
        let at = || format!("{origin}:{number}");
        match read_line(reader.as_mut(), &mut line, MAX_LINE_BYTES) {
            Ok(Line::End) => {
                done = true;
                return None;
            }
            Ok(Line::Read) => {}
            Ok(Line::TooLong) => {
                return Some(Err(Failure {
                    origin: at(),
                    message: format!(
                        "line longer than {MAX_LINE_BYTES} bytes (khulasa's limit for a JSONL line); skipped"
                    ),
                }));
            }
            // A reader that failed (a truncated gzip member) fails again on every call without consuming
            // anything: stop after its first error rather than pull from it forever.
            Err(e) => {
                done = true;
                return Some(Err(Failure {
                    origin: at(),
                    message: e.to_string(),
                }));
            }
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let document = jsonl_document(&line, at(), &fields, &mut seen);
        let first = std::mem::replace(&mut first_line, false);
        if let (true, Err(failure)) = (first, &document) {
            // A feed whose first line lacks the id or text field is named otherwise: one line that says which
            // fields it has, not one error for each of its stories.
            if let Some(refusal) = misnamed_fields(&line, &fields, &failure.message) {
                done = true;
                return Some(Err(Failure {
                    origin: origin.clone(),
                    message: refusal,
                }));
            }
        }
        return Some(document);
    })
}

/// When `message` says a line lacks the id or text field, what to say of the whole feed: the fields its first line
/// has, and the option that names the field.
fn misnamed_fields(line: &[u8], fields: &Fields, message: &str) -> Option<String> {
    let (field, option) = if message == format!("no `{}` field", fields.text) {
        (&fields.text, "--text-field")
    } else if message == format!("no `{}` field", fields.id) {
        (&fields.id, "--id-field")
    } else {
        return None;
    };
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(line).ok()?;
    let names: Vec<&str> = object.keys().map(String::as_str).collect();
    Some(format!(
        "no `{field}` field in the first line (its fields: {}); name it with {option}; the feed is skipped",
        names.join(", ")
    ))
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line, in the buffer.
    Read,
    /// A line longer than the limit, read through its end and dropped.
    TooLong,
    /// The end of the input.
    End,
}

/// `BufRead::read_until(b'\n', line)` with a SIMD search for the line's end (std's search goes a word at a time),
/// holding at most `limit` bytes of a line (and its line break): a longer line is read through to its end without
/// being kept.
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>, limit: usize) -> std::io::Result<Line> {
    let mut read = 0usize;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, content, used) = match memchr::memchr(b'\n', available) {
            Some(end) => (true, end, end + 1),
            None => (available.is_empty(), available.len(), available.len()),
        };
        if !too_long && line.len().saturating_add(content) > limit {
            too_long = true;
            line.clear();
            // The buffer is shared by every line: do not keep a huge one for the rest of the feed.
            line.shrink_to(1 << 16);
        }
        if !too_long {
            let needed = line.len().saturating_add(used);
            if needed > line.capacity() {
                // Grown by doubling as `extend_from_slice` would, but never past what the limit can use.
                let target = needed
                    .max(line.capacity().saturating_mul(2))
                    .min(needed.max(limit.saturating_add(1)));
                line.reserve_exact(target - line.len());
            }
            line.extend_from_slice(available.get(..used).unwrap_or_default());
        }
        reader.consume(used);
        read = read.saturating_add(used);
        if done {
            return Ok(match (read, too_long) {
                (0, _) => Line::End,
                (_, true) => Line::TooLong,
                _ => Line::Read,
            });
        }
    }
}

fn jsonl_document(
    line: &[u8],
    origin: String,
    fields: &Fields,
    seen: &mut std::collections::HashSet<String>,
) -> Result<Document, Failure> {
    let fail = |message: String| Failure {
        origin: origin.clone(),
        message,
    };
    // Validating the whole line at once (SIMD) is several times cheaper than serde_json checking each string.
    let line = simdutf8::basic::from_utf8(line).map_err(|_| match std::str::from_utf8(line) {
        Err(e) => fail(format!("not JSON: invalid UTF-8 at byte {}", e.valid_up_to())),
        Ok(_) => fail("not JSON: invalid UTF-8".into()),
    })?;
    let picked = pick(line, fields).map_err(fail)?;
    let id = match picked.id {
        Some(Value::Text(s) | Value::Number(s)) => s,
        Some(Value::Other) => return Err(fail(format!("`{}` is not a string or number", fields.id))),
        None => return Err(fail(format!("no `{}` field", fields.id))),
    };
    if let Some(message) = id_too_long(&id) {
        return Err(fail(format!("`{}`: {message}", fields.id)));
    }
    let text = match picked.text {
        Some(Value::Text(s)) => s,
        Some(_) => return Err(fail(format!("`{}` is not a string", fields.text))),
        None => return Err(fail(format!("no `{}` field", fields.text))),
    };
    if !seen.insert(id.clone()) {
        return Err(fail(format!("duplicate id `{id}`")));
    }
    // SIMD: a story's every byte is looked at.
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        return Err(fail(format!(
            "binary data (NUL at byte {nul} of `{}`), not text",
            fields.text
        )));
    }
    let text_of = |v: Option<Value>| match v {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    };
    let title = text_of(picked.title);
    let source = text_of(picked.source.or(picked.src));
    let date = match &fields.date {
        Some(_) => picked.date,
        None => picked.date.or(picked.time),
    };
    let date = text_of(date);
    let day = date.as_deref().and_then(Day::parse);
    let published = date.as_deref().and_then(timestamp);
    Ok(Document {
        id,
        text,
        encoding: Encoding::Utf8,
        title,
        source,
        day,
        published,
        origin,
    })
}

/// The wanted fields of a JSON line, or why it is refused.
fn pick(line: &str, fields: &Fields) -> std::result::Result<Picked, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    serde::de::DeserializeSeed::deserialize(Wanted { fields }, &mut de)
        .and_then(|picked| de.end().map(|()| picked))
        .map_err(|e| match e.classify() {
            serde_json::error::Category::Data => "not a JSON object".into(),
            // serde_json words a lone half of a UTF-16 surrogate pair as the end of an escape; say what it is.
            _ if e.to_string().contains("hex escape") || e.to_string().contains("surrogate") => format!(
                "not JSON: a \\u escape that is half of a UTF-16 surrogate pair, with no other half, at column {}",
                e.column()
            ),
            _ => format!("not JSON: {e}"),
        })
}

/// The fields of a JSONL line that khulasa reads; every other field is skipped without being built.
#[derive(Default)]
struct Picked {
    id: Option<Value>,
    text: Option<Value>,
    title: Option<Value>,
    /// `source`, and `src`, its fallback.
    source: Option<Value>,
    src: Option<Value>,
    /// The date field named by `--date-field`, else `date`.
    date: Option<Value>,
    /// `time`, the fallback of `date` when no date field is named.
    time: Option<Value>,
}

/// A field's value as far as khulasa cares.
enum Value {
    Text(String),
    /// A number, written as `serde_json` writes it.
    Number(String),
    Other,
}

/// Reads one JSON object into [`Picked`] (a `serde_json::Value` of the whole line would build every field).
struct Wanted<'f> {
    fields: &'f Fields,
}

impl<'de> serde::de::DeserializeSeed<'de> for Wanted<'_> {
    type Value = Picked;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Picked, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Wanted<'_> {
    type Value = Picked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Picked, A::Error> {
        let mut picked = Picked::default();
        while let Some(key) = map.next_key_seed(KeyOf(self.fields))? {
            let slot = match key {
                Key::Id => &mut picked.id,
                Key::Text => &mut picked.text,
                Key::Title => &mut picked.title,
                Key::Source => &mut picked.source,
                Key::Src => &mut picked.src,
                Key::Date => &mut picked.date,
                Key::Time => &mut picked.time,
                Key::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    continue;
                }
            };
            // A repeated key keeps its last value, as `serde_json::Value` does.
            *slot = Some(map.next_value_seed(ValueSeed)?);
        }
        Ok(picked)
    }
}

/// Which wanted field a key names. The id and text fields win over `title`/`source`/`date`/`time` of the same
/// name.
enum Key {
    Id,
    Text,
    Title,
    Source,
    Src,
    Date,
    Time,
    Other,
}

struct KeyOf<'f>(&'f Fields);

impl KeyOf<'_> {
    fn key(&self, name: &str) -> Key {
        let fields = self.0;
        if name == fields.id {
            Key::Id
        } else if name == fields.text {
            Key::Text
        } else if name == "title" {
            Key::Title
        } else if name == "source" {
            Key::Source
        } else if name == "src" {
            Key::Src
        } else if fields.date.as_deref().map_or(name == "date", |d| name == d) {
            Key::Date
        } else if fields.date.is_none() && name == "time" {
            Key::Time
        } else {
            Key::Other
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyOf<'_> {
    type Value = Key;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyOf<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> std::result::Result<Key, E> {
        Ok(self.key(name))
    }
}

struct ValueSeed;

impl<'de> serde::de::DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::Text(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::Text(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Other, |n| Value::Number(n.to_string())))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Value::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Lines are read as `read_until` reads them, whatever the buffer's size.
        #[test]
        fn lines_are_read_as_read_until_reads_them(text in "[a\\n\\r]{0,40}", capacity in 1usize..8) {
            let mut ours = BufReader::with_capacity(capacity, text.as_bytes());
            let mut std = BufReader::with_capacity(capacity, text.as_bytes());
            let (mut a, mut b) = (Vec::new(), Vec::new());
            loop {
                a.clear();
                b.clear();
                let got = read_line(&mut ours, &mut a, usize::MAX).unwrap();
                let n = std.read_until(b'\n', &mut b).unwrap();
                prop_assert_eq!(got == Line::End, n == 0);
                prop_assert_eq!(&a, &b);
                if n == 0 {
                    break;
                }
            }
        }

        /// A line over the limit is dropped whole, and the lines after it are read as they are.
        #[test]
        fn long_lines_are_skipped(text in "[ab\n]{0,60}", capacity in 1usize..8, limit in 0usize..6) {
            let mut ours = BufReader::with_capacity(capacity, text.as_bytes());
            let mut line = Vec::new();
            let mut expected = text.split_inclusive('\n');
            loop {
                line.clear();
                let got = read_line(&mut ours, &mut line, limit).unwrap();
                let Some(want) = expected.next() else {
                    prop_assert_eq!(got, Line::End);
                    break;
                };
                if want.trim_end_matches('\n').len() > limit {
                    prop_assert_eq!(got, Line::TooLong);
                } else {
                    prop_assert_eq!(got, Line::Read);
                    prop_assert_eq!(&line, want.as_bytes());
                }
                prop_assert!(line.capacity() <= (1 << 16).max(limit + 1) + capacity);
            }
        }
    }
}
