//! Records of a first pass kept for the second, in order: in memory up to a limit, in an unnamed temporary file
//! beyond it (in `TMPDIR`, deleted when closed), so that memory does not grow with the number of stories while a
//! command that needs the whole batch's counts before its output reads, decodes and analyses its input once.
//!
//! A record is opaque bytes here ([`Spooled`]): what it holds, and how it is encoded, is the caller's.
//!
//! ```
//! use khulasa_batch::spool::{Spool, Spooled};
//!
//! struct Line(Vec<u8>);
//! impl Spooled for Line {
//!     fn bytes(&self) -> &[u8] { &self.0 }
//!     fn from_bytes(bytes: Vec<u8>) -> Line { Line(bytes) }
//! }
//!
//! let mut spool = Spool::new(8); // 8 bytes in memory, then the temporary file
//! for text in ["one", "two", "three"] {
//!     spool.push(Line(text.as_bytes().to_vec()))?;
//! }
//! let (records, error) = spool.into_records()?;
//! let back: Vec<Vec<u8>> = records.filter_map(Result::ok).map(|line| line.0).collect();
//! assert_eq!(back, [b"one".to_vec(), b"two".to_vec(), b"three".to_vec()]);
//! assert!(error.take().is_none());
//! # Ok::<(), std::io::Error>(())
//! ```

use crate::input::Failure;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::sync::{Arc, Mutex};

/// Bytes of records kept in memory before they move to a temporary file.
pub const MEMORY_LIMIT: usize = 32 << 20;

/// [`MEMORY_LIMIT`], or the number of bytes in the environment variable `KHULASA_SPOOL_MEMORY` when it holds one:
/// a machine short of memory spills sooner, and a test reaches the temporary file without a 100 MB batch.
pub fn memory_limit() -> usize {
    std::env::var("KHULASA_SPOOL_MEMORY")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(MEMORY_LIMIT)
}

/// A record a [`Spool`] can keep: its bytes, and the record made again from them.
pub trait Spooled: Sized + Send {
    /// The record's bytes, as written to the temporary file.
    fn bytes(&self) -> &[u8];
    /// Bytes the record holds in memory, counted against the spool's limit (its bytes' length unless said
    /// otherwise).
    fn held(&self) -> usize {
        self.bytes().len()
    }
    /// The record made again from the bytes [`Spooled::bytes`] gave.
    fn from_bytes(bytes: Vec<u8>) -> Self;
}

/// Records written in order, in memory up to a limit and in a temporary file beyond it.
pub struct Spool<R> {
    memory: Vec<R>,
    memory_bytes: usize,
    file: Option<BufWriter<std::fs::File>>,
    limit: usize,
    records: usize,
}

impl<R: Spooled> Spool<R> {
    /// An empty spool that keeps up to `limit` bytes in memory.
    pub fn new(limit: usize) -> Spool<R> {
        Spool {
            memory: Vec::new(),
            memory_bytes: 0,
            file: None,
            limit,
            records: 0,
        }
    }

    /// Records written so far.
    pub fn len(&self) -> usize {
        self.records
    }

    /// Whether no record was written.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Appends a record.
    pub fn push(&mut self, record: R) -> std::io::Result<()> {
        let held = record.held();
        if self.file.is_none() && self.memory_bytes + held <= self.limit {
            self.records += 1;
            self.memory_bytes += held;
            self.memory.push(record);
            return Ok(());
        }
        self.write(record.bytes())
    }

    /// Writes a record to the file (made on first use, with the records kept in memory so far), after its length.
    fn write(&mut self, record: &[u8]) -> std::io::Result<()> {
        // A full or unwritable TMPDIR is named: "No space left on device" alone does not say which disk.
        let named = |what: &str, e: std::io::Error| {
            let dir = std::env::temp_dir();
            std::io::Error::new(e.kind(), format!("{what} in {} (TMPDIR): {e}", dir.display()))
        };
        let file = match &mut self.file {
            Some(file) => file,
            None => {
                let file =
                    tempfile::tempfile().map_err(|e| named("cannot create the first pass's temporary file", e))?;
                let mut file = BufWriter::with_capacity(1 << 20, file);
                for kept in std::mem::take(&mut self.memory) {
                    write_record(&mut file, kept.bytes())
                        .map_err(|e| named("cannot write the first pass's temporary file", e))?;
                }
                self.file.insert(file)
            }
        };
        self.records += 1;
        write_record(file, record).map_err(|e| named("cannot write the first pass's temporary file", e))
    }

    /// The records in the order written. A failure to read the temporary file ends the stream and is kept in
    /// the returned [`ReadError`].
    pub fn into_records(self) -> std::io::Result<(Records<R>, ReadError)> {
        let error = ReadError::default();
        let source = match self.file {
            Some(file) => {
                let mut file = file.into_inner().map_err(|e| {
                    let e = e.into_error();
                    let dir = std::env::temp_dir();
                    std::io::Error::new(
                        e.kind(),
                        format!(
                            "cannot write the first pass's temporary file in {} (TMPDIR): {e}",
                            dir.display()
                        ),
                    )
                })?;
                file.rewind()?;
                Source::File(BufReader::with_capacity(1 << 20, file))
            }
            None => Source::Memory(self.memory.into_iter()),
        };
        Ok((
            Records {
                source,
                error: error.clone(),
            },
            error,
        ))
    }
}

/// The error that ended a stream of [`Records`] early, if any.
#[derive(Debug, Clone, Default)]
pub struct ReadError(Arc<Mutex<Option<std::io::Error>>>);

impl ReadError {
    /// Takes the error, if reading stopped on one.
    pub fn take(&self) -> Option<std::io::Error> {
        self.0.lock().ok().and_then(|mut e| e.take())
    }

    fn set(&self, error: std::io::Error) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(error);
        }
    }
}

enum Source<R> {
    Memory(std::vec::IntoIter<R>),
    File(BufReader<std::fs::File>),
}

/// The records of a [`Spool`], in order.
pub struct Records<R> {
    source: Source<R>,
    error: ReadError,
}

impl<R: Spooled> Iterator for Records<R> {
    type Item = Result<R, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        let read = match &mut self.source {
            Source::Memory(records) => return records.next().map(Ok),
            Source::File(file) => read_record(file),
        };
        match read {
            Ok(record) => record.map(|bytes| Ok(R::from_bytes(bytes))),
            Err(e) => {
                self.error.set(e);
                None
            }
        }
    }
}

/// Writes a record after its length (eight bytes, little-endian).
fn write_record(file: &mut impl Write, record: &[u8]) -> std::io::Result<()> {
    file.write_all(&(record.len() as u64).to_le_bytes())?;
    file.write_all(record)
}

/// One record from the file; `None` at its end.
fn read_record(file: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    if file.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let mut len = [0u8; 8];
    file.read_exact(&mut len)?;
    let len = usize::try_from(u64::from_le_bytes(len)).map_err(std::io::Error::other)?;
    let mut bytes = Vec::new();
    if file.take(len as u64).read_to_end(&mut bytes)? < len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "temporary file cut short",
        ));
    }
    Ok(Some(bytes))
}
