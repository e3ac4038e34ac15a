//! Where documents come from: files, directories, JSONL feeds (optionally gzip-compressed) and standard input.
//!
//! The contract: a directory means every `*.txt` under it, sorted, recursively; a `*.jsonl` (or `*.jsonl.gz`)
//! file means one document a line with `id` and `text`; no path, or `-`, means standard input as one document.

use anyhow::{anyhow, Context, Result};
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
    /// Where it came from, for error messages (a path, `path:line`, or `stdin`).
    pub origin: String,
}

/// A document that could not be read, with the reason.
#[derive(Debug)]
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
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
        }
    }
}

/// One input as named on the command line, expanded lazily into documents.
enum Item {
    Stdin,
    File { path: PathBuf, id: String },
    Jsonl { path: PathBuf },
}

/// Expands the command-line inputs into a stream of documents, in order.
pub fn documents(inputs: &[PathBuf], fields: &Fields) -> impl Iterator<Item = Result<Document, Failure>> {
    let fields = fields.clone();
    let mut items = Vec::new();
    let mut failures = Vec::new();
    if inputs.is_empty() {
        items.push(Item::Stdin);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            items.push(Item::Stdin);
        } else if input.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(input, &mut files, &mut Vec::new()) {
                failures.push(Failure {
                    origin: input.display().to_string(),
                    message: format!("{e:#}"),
                });
            }
            files.sort();
            for path in files {
                let rel = path.strip_prefix(input).unwrap_or(&path);
                let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
                items.push(Item::File { path, id });
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
    failures
        .into_iter()
        .map(Err)
        .chain(items.into_iter().flat_map(move |item| expand(item, fields.clone())))
}

fn is_jsonl(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Collects `*.txt` files under `dir`, following no symbolic link to a directory already being walked.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, stack: &mut Vec<PathBuf>) -> Result<()> {
    let canonical = dir
        .canonicalize()
        .with_context(|| format!("cannot read directory {}", dir.display()))?;
    if stack.contains(&canonical) {
        return Ok(());
    }
    stack.push(canonical);
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read directory {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory {}", dir.display()))?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files, stack)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    stack.pop();
    Ok(())
}

fn expand(item: Item, fields: Fields) -> Box<dyn Iterator<Item = Result<Document, Failure>>> {
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
            let doc = match std::fs::read(&path) {
                Ok(bytes) => from_bytes(&bytes, id, origin),
                Err(e) => Err(Failure {
                    origin,
                    message: e.to_string(),
                }),
            };
            Box::new(std::iter::once(doc))
        }
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
            origin,
        }),
        Err(e) => Err(Failure {
            origin,
            message: e.to_string(),
        }),
    }
}

fn open_lines(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path).map_err(|e| anyhow!("{e}"))?;
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
    reader: Box<dyn BufRead>,
    origin: String,
    fields: Fields,
) -> impl Iterator<Item = Result<Document, Failure>> {
    let mut seen = std::collections::HashSet::new();
    let mut failed_read = false;
    reader.split(b'\n').enumerate().filter_map(move |(n, line)| {
        if failed_read {
            return None;
        }
        let at = format!("{origin}:{}", n + 1);
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                failed_read = true;
                return Some(Err(Failure {
                    origin: at,
                    message: e.to_string(),
                }));
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(jsonl_document(&line, at, &fields, &mut seen))
    })
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
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| fail(format!("not JSON: {e}")))?;
    let id = match value.get(&fields.id) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err(fail(format!("`{}` is not a string or number", fields.id))),
        None => return Err(fail(format!("no `{}` field", fields.id))),
    };
    let text = match value.get(&fields.text) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(fail(format!("`{}` is not a string", fields.text))),
        None => return Err(fail(format!("no `{}` field", fields.text))),
    };
    if !seen.insert(id.clone()) {
        return Err(fail(format!("duplicate id `{id}`")));
    }
    if let Some(nul) = text.find('\0') {
        return Err(fail(format!(
            "binary data (NUL at byte {nul} of `{}`), not text",
            fields.text
        )));
    }
    let title = value.get("title").and_then(|t| t.as_str()).map(str::to_owned);
    Ok(Document {
        id,
        text,
        encoding: Encoding::Utf8,
        title,
        origin,
    })
}
