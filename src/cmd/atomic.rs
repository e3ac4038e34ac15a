//! Output files that appear whole or not at all, and folders that one run writes at a time.
//!
//! Every file is written under a temporary name (`.NAME.XXXXXX.tmp`) in its final folder (so the rename cannot
//! cross a file system), synced, and renamed into place only once the whole set of a run is complete. The
//! temporary name is unpredictable and created exclusively: a symbolic link planted there beforehand cannot
//! redirect the write to another file. A run that fails (full disk, a write refused) removes its temporary files;
//! a run killed outright leaves at most a `.NAME.XXXXXX.tmp`, never a truncated file under the final name.

use anyhow::Context;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A file being written under its temporary name; removed when dropped unless [`Pending::persist`] ran.
pub struct Pending {
    path: PathBuf,
    tmp: tempfile::TempPath,
    checksum: Option<Checksum>,
}

/// The length and SHA-256 of a complete file, as the manifest of `prep` records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checksum {
    /// Its length in bytes.
    pub bytes: u64,
    /// Its SHA-256, in lower-case hexadecimal.
    pub sha256: String,
}

impl Pending {
    /// Creates the temporary file for `path` and a buffered writer on it.
    pub fn create(path: &Path) -> anyhow::Result<(Self, BufWriter<File>)> {
        let name = path
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // The permissions `File::create` gives (the umask applies), not tempfile's owner-only default: these are
        // files handed to translators and other tools.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let (file, tmp) = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot write {}", path.display()))?
            .into_parts();
        let pending = Self {
            path: path.to_owned(),
            tmp,
            checksum: None,
        };
        Ok((pending, BufWriter::with_capacity(1 << 16, file)))
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The length and SHA-256 of the complete file (after [`Pending::complete`]).
    pub fn checksum(&self) -> Option<&Checksum> {
        self.checksum.as_ref()
    }

    /// Flushes and syncs the writer: after this the temporary file is complete on disk, its checksum known.
    pub fn complete(&mut self, writer: BufWriter<File>) -> anyhow::Result<()> {
        let checksum = writer
            .into_inner()
            .map_err(|e| anyhow::Error::from(e.into_error()))
            .and_then(|mut file| {
                file.sync_all()?;
                // Read back rather than hashed on the way: the writers are typed on `BufWriter<File>`.
                file.rewind()?;
                Ok(checksum_of(file)?)
            })
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        self.checksum = Some(checksum);
        Ok(())
    }

    /// Renames the complete temporary file into place (replacing whatever is there, a symbolic link itself rather
    /// than what it points at).
    pub fn persist(self) -> anyhow::Result<()> {
        let path = self.path;
        self.tmp
            .persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", path.display()))?;
        // The rename is on disk only once the folder is synced: a crash right after would otherwise find the old
        // name, and the set half renamed.
        let folder = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(())
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
    let (mut pending, mut writer) = Pending::create(path)?;
    write(&mut writer)
        .map_err(anyhow::Error::from)
        .and_then(|()| writer.flush().map_err(anyhow::Error::from))
        .with_context(|| format!("cannot write {}", path.display()))?;
    pending.complete(writer)?;
    Ok(pending)
}

/// Refuses to write `out` when that would replace one of `inputs`: the same file (through any link or relative
/// path), or a file inside an input folder. For outputs such as `summarize --save-df` that are not checked
/// otherwise.
pub fn refuse_overwriting_inputs(out: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Some(out_canonical) = canonical_target(out) else {
        return Ok(());
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        let Ok(input_canonical) = input.canonicalize() else {
            continue;
        };
        let clash = if input_canonical.is_dir() {
            out_canonical.starts_with(&input_canonical)
        } else {
            out_canonical == input_canonical
        };
        if clash {
            anyhow::bail!(
                "{}: writing it would overwrite an input, {} (choose another path)",
                out.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// The canonical path `path` would have: its own when it exists, else its canonical folder's joined with its name.
fn canonical_target(path: &Path) -> Option<PathBuf> {
    if let Ok(canonical) = path.canonicalize() {
        return Some(canonical);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

/// The name of the lock file `prep` and `merge` hold in the folder they write.
pub const LOCK_FILE: &str = ".khulasa.lock";

/// A folder locked for the run that holds this; the operating system releases the lock when the process ends,
/// however it ends, so a killed run leaves no stale lock.
pub struct FolderLock {
    _file: File,
}

/// Locks `dir` (which must exist) against another `prep` or `merge` writing into it at the same time: their
/// files would interleave into a set neither run wrote.
pub fn lock_folder(dir: &Path) -> anyhow::Result<FolderLock> {
    let path = dir.join(LOCK_FILE);
    // A link planted at the lock's name must not make us create or lock a file elsewhere.
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        if !meta.file_type().is_file() {
            anyhow::bail!(
                "{}: not a regular file; remove it to write into {}",
                path.display(),
                dir.display()
            );
        }
    }
    // Opened to append, never truncated: the file's content is never written.
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .with_context(|| format!("cannot lock {}: {}", dir.display(), path.display()))?;
    match try_lock(&file) {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "{}: another khulasa run is writing into this folder (it holds {}); wait for it to end or choose another folder",
            dir.display(),
            LOCK_FILE
        ),
        // A file system without locks (some network mounts) must not stop the run: it goes on unguarded, as
        // before locks existed.
        Err(std::fs::TryLockError::Error(_)) => {}
    }
    Ok(FolderLock { _file: file })
}

fn try_lock(file: &File) -> Result<(), std::fs::TryLockError> {
    file.try_lock()
}

/// The length and SHA-256 of everything `reader` gives.
pub fn checksum_of(mut reader: impl Read) -> std::io::Result<Checksum> {
    use sha2::Digest;
    let mut sha = sha2::Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = buffer.get(..n).unwrap_or_default();
        sha.update(chunk);
        bytes += n as u64;
    }
    let digest = sha.finalize();
    let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Checksum { bytes, sha256 })
}

/// Creates the output folder `dir` (and its parents) as `--out` names it. A link to a folder that does not exist
/// is said to be one: `create_dir_all` would only answer "File exists".
pub fn create_out_dir(dir: &Path) -> anyhow::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(dir) {
        if meta.file_type().is_symlink() && !dir.exists() {
            let target = std::fs::read_link(dir)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            anyhow::bail!(
                "{}: a link to {target}, which does not exist; create it or choose another folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}
