//! Output files that appear whole or not at all.
//!
//! Every file is written under a temporary name (`.NAME.tmp`) in its final folder (so the rename cannot cross a
//! file system), synced, and renamed into place only once the whole set of a run is complete. A run that fails
//! (full disk, a write refused) removes its temporary files; a run killed outright leaves at most a `.NAME.tmp`,
//! never a truncated file under the final name.

use anyhow::Context;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written under its temporary name; removed when dropped unless [`Pending::persist`] ran.
pub struct Pending {
    path: PathBuf,
    tmp: PathBuf,
    armed: bool,
}

impl Pending {
    /// Creates the temporary file for `path` and a buffered writer on it.
    pub fn create(path: &Path) -> anyhow::Result<(Self, BufWriter<File>)> {
        let name = path
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.tmp"));
        let file = File::create(&tmp).with_context(|| format!("cannot write {}", path.display()))?;
        let pending = Self {
            path: path.to_owned(),
            tmp,
            armed: true,
        };
        Ok((pending, BufWriter::with_capacity(1 << 16, file)))
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes and syncs the writer: after this the temporary file is complete on disk.
    pub fn complete(&self, writer: BufWriter<File>) -> anyhow::Result<()> {
        writer
            .into_inner()
            .map_err(|e| anyhow::Error::from(e.into_error()))
            .and_then(|file| file.sync_all().map_err(anyhow::Error::from))
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Renames the complete temporary file into place.
    pub fn persist(mut self) -> anyhow::Result<()> {
        std::fs::rename(&self.tmp, &self.path).with_context(|| format!("cannot write {}", self.path.display()))?;
        self.armed = false;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `path` whole or not at all (see the module documentation).
pub fn write_file<E>(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>) -> anyhow::Result<()>
where
    E: std::error::Error + Send + Sync + 'static,
{
    prepare_file(path, write)?.persist()
}

/// Writes the temporary file of `path` completely, leaving the rename to the caller, who renames the files of a
/// set together once all are complete.
pub fn prepare_file<E>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> anyhow::Result<Pending>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let (pending, mut writer) = Pending::create(path)?;
    write(&mut writer)
        .map_err(anyhow::Error::from)
        .and_then(|()| writer.flush().map_err(anyhow::Error::from))
        .with_context(|| format!("cannot write {}", path.display()))?;
    pending.complete(writer)?;
    Ok(pending)
}
