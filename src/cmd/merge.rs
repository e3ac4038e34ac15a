//! `khulasa merge`: translations back in, checked by id against what `prep` sent, and written out as translated
//! summaries, a bilingual CSV and TMX.

use super::atomic::{checksum_of, lock_folder, prepare_file};
use anyhow::Context;
use clap::Args;
use khulasa::batch::Status;
use khulasa_export::{
    read_csv, read_jsonl, read_lines, read_po, read_tsv, read_xliff, read_xlsx, reconcile_checked, Checks, ExportError,
    Manifest, Pair, Problem, Record, RegisterEntry, Sent, MANIFEST_FILE,
};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The folder `prep` wrote (its manifest and register say what was sent).
    #[arg(long)]
    source: PathBuf,
    /// Translated files or folders of them: CSV, TSV, JSONL, XLIFF (`.xlf`, `.xliff`), PO, XLSX, or lines (any other name,
    /// its ids in the `.ids` file of the same name beside it or in the source folder). A folder gives every file
    /// in it, by name, but `.ids` files, hidden files and what `prep` and `merge` write besides.
    #[arg(long, required = true, num_args = 1..)]
    translations: Vec<PathBuf>,
    /// The folder to write `summaries.txt`, `bilingual.csv` and `memory.tmx` into.
    #[arg(long)]
    out: PathBuf,
    /// Write what matched even when ids are missing, unknown or duplicated, targets empty or sources changed
    /// (every gap is still listed, and the exit code is still 2).
    #[arg(long)]
    allow_partial: bool,
    /// The target language for TMX (default: the one given to `prep`, else `und`). A file stating another
    /// target language is refused whole.
    #[arg(long)]
    target_lang: Option<String>,
    /// Merge targets their file marks as drafts (XLIFF `state="needs-translation"`, `"new"`, `"initial"`,
    /// `approved="no"`), which are otherwise reported and left out.
    #[arg(long)]
    accept_drafts: bool,
    /// Quality warnings (Arabic script in a Latin-script target, a number of the source missing, a target over
    /// the length ratio) fail the merge as problems do, instead of being listed in `report.tsv`.
    #[arg(long)]
    strict: bool,
    /// Warn about a target longer than its source's characters times R, rounded up (default: the ratio given to
    /// `prep`).
    #[arg(long, value_name = "R")]
    max_length_ratio: Option<f64>,
}

/// Reports a usage error on standard error and ends with exit code 1.
pub fn usage(message: &str) -> ! {
    khulasa::batch::warn(message);
    std::process::exit(1)
}

/// The canonical paths of the inputs that are existing files (directories and standard input cannot be
/// overwritten by a file of ours).
pub fn canonical_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| p.canonicalize().ok())
        .collect()
}

/// Whether `path` exists and is one of `files` (canonical).
pub fn is_one_of(path: &Path, files: &[PathBuf]) -> bool {
    path.canonicalize().is_ok_and(|c| files.contains(&c))
}

pub fn run(args: &MergeArgs, reporting: &khulasa::batch::Reporting) -> anyhow::Result<Status> {
    let manifest_path = args.source.join(MANIFEST_FILE);
    let manifest_bytes = std::fs::read(&manifest_path).unwrap_or_else(|e| {
        usage(&format!(
            "{}: {e} (--source must be a folder written by `khulasa prep`)",
            manifest_path.display()
        ))
    });
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .unwrap_or_else(|e| usage(&format!("{}: not a khulasa manifest: {e}", manifest_path.display())));
    check_files(&args.source, &manifest_path, &manifest_bytes)?;
    let register_path = args.source.join(&manifest.register);
    let register = read_register(&register_path)?;
    if args.out.exists() && !args.out.is_dir() {
        usage(&format!("--out {} is a file, not a folder", args.out.display()));
    }
    let mut protected = canonical_files(&translation_files(&args.translations));
    protected.extend(canonical_files(&[manifest_path.clone(), register_path.clone()]));
    for name in OUTPUTS {
        let path = args.out.join(name);
        if is_one_of(&path, &protected) {
            usage(&format!("--out: writing {} would overwrite an input", path.display()));
        }
    }

    if let Some(r) = args.max_length_ratio {
        if !(r.is_finite() && r > 0.0) {
            usage(&format!("--max-length-ratio must be a positive number, not {r}"));
        }
    }
    let paths = translation_files(&args.translations);
    let mut failed_files = 0usize;
    let mut files: Vec<(String, Vec<Record>)> = Vec::new();
    // The run each file names by its header or its name, to tell a file of another run in one line.
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut refused = Vec::new();
    for path in &paths {
        match read_translations(path, &args.source, &manifest) {
            Ok((records, run)) => {
                let name = path.display().to_string();
                if let Some(run) = run {
                    runs.push((name.clone(), run));
                }
                files.push((name, records));
            }
            Err(e) => {
                failed_files += 1;
                // One line for a file refused whole, before any line about its units.
                let line = format!("{e:#}");
                khulasa::batch::warn(&line);
                refused.push(line);
            }
        }
    }
    let merged_identical = resolve_ids(&mut files, &register);
    for (file, n) in &merged_identical {
        khulasa::batch::warn(&format!(
            "{file}: {n} unit(s) whose source repeats another's took its translation (a PO file holds one entry for \
             identical sources)"
        ));
    }
    let sent = sent_units(&register, &manifest);
    let target_lang = args.target_lang.as_deref().or(manifest.options.target_lang.as_deref());
    let checks = Checks {
        target_lang,
        accept_drafts: args.accept_drafts,
        max_length_ratio: args.max_length_ratio.or(manifest.options.max_length_ratio),
        prep_id: &manifest.prep_id,
        runs: &runs,
    };
    let done = reconcile_checked(&sent, &files, &checks);
    let other_runs: Vec<String> = done
        .other_runs
        .iter()
        .map(|(file, run)| {
            format!(
                "{file}: a file from prep run {run}, not from this folder's {}: its units are the same sentences by \
                 id and were taken",
                manifest.prep_id
            )
        })
        .collect();
    for line in &other_runs {
        khulasa::batch::warn(&if args.strict {
            format!("{line} (--strict)")
        } else {
            line.clone()
        });
    }
    for (at, id, what) in &done.reshaped {
        khulasa::batch::warn(&format!(
            "{at}: the target of `{id}` held {what}; merged as one line without it"
        ));
    }
    for problem in &done.problems {
        match problem {
            Problem::Missing { .. } => khulasa::batch::warn(&format!("{}: {problem}", register_path.display())),
            _ => khulasa::batch::warn(&format!("{problem}")),
        }
    }
    let report_path = args.out.join(REPORT_FILE);
    if args.strict {
        for warning in &done.warnings {
            khulasa::batch::warn(&format!("{warning} (--strict)"));
        }
    } else if !done.warnings.is_empty() {
        khulasa::batch::warn(&format!(
            "quality: {} warning(s) ({}), listed in {}",
            done.warnings.len(),
            warning_counts(&done.warnings),
            report_path.display()
        ));
    }
    if reporting.stats {
        print_stats(&done, &files, failed_files, sent.len());
    }
    let strict_gaps = if args.strict {
        done.warnings.len() + other_runs.len()
    } else {
        0
    };
    let gaps = done.problems.len() + failed_files + strict_gaps;
    if gaps > 0 && !args.allow_partial {
        khulasa::batch::warn(&format!(
            "nothing written: {} problem(s) in {} file(s) read, {} unreadable{} (--allow-partial writes what matched)",
            done.problems.len(),
            files.len(),
            failed_files,
            if strict_gaps > 0 {
                format!(", {strict_gaps} quality warning(s) under --strict")
            } else {
                String::new()
            }
        ));
        return Ok(Status::SomeFailed);
    }

    super::atomic::create_out_dir(&args.out)?;
    let _lock = lock_folder(&args.out)?;
    let targets = &done.targets;
    let target = |entry: &RegisterEntry| -> &str { targets.get(&entry.sent).map_or("", String::as_str) };
    // The three files are renamed into place together, once all are complete: a failure leaves the old set.
    let summaries = prepare_file(&args.out.join("summaries.txt"), |w| {
        write_summaries(&register, targets, w)
    })?;
    let rows: Vec<Pair> = register
        .iter()
        .map(|e| Pair {
            id: &e.id,
            source: &e.source,
            target: target(e),
            location: &e.location,
        })
        .collect();
    let bilingual = prepare_file(&args.out.join("bilingual.csv"), |w| {
        // The targets come from outside translators: the bilingual file is as guarded as the batch it answers.
        khulasa_export::write_bilingual_csv(&rows, manifest.options.profile, w)
    })?;
    let mut in_memory = HashSet::new();
    let memory: Vec<Pair> = rows
        .iter()
        .zip(&register)
        .filter(|(pair, entry)| !pair.target.is_empty() && in_memory.insert(entry.sent.as_str()))
        .map(|(pair, entry)| Pair {
            id: &entry.sent,
            ..pair.clone()
        })
        .collect();
    let tmx = prepare_file(&args.out.join("memory.tmx"), |w| {
        khulasa_export::write_tmx_of_run(
            &memory,
            &manifest.options.source_lang,
            target_lang.unwrap_or("und"),
            &manifest.prep_id,
            w,
        )
    })?;
    let report = prepare_file(&report_path, |w| write_report(&refused, &other_runs, &done, w))?;
    for file in [summaries, bilingual, tmx, report] {
        file.persist()?;
    }
    if gaps > 0 {
        khulasa::batch::warn(&format!(
            "written with {} gap(s) listed above: {} of {} units translated",
            gaps,
            done.targets.len(),
            sent.len()
        ));
        return Ok(Status::SomeFailed);
    }
    Ok(Status::Ok)
}

/// Refuses a `--source` folder whose files are not those its manifest was written with: each file the manifest
/// lists with a length and SHA-256 must, when present, have them (a batch file sent away may be gone). A manifest
/// written before checksums were recorded is taken as it is.
fn check_files(source: &Path, manifest_path: &Path, manifest: &[u8]) -> anyhow::Result<()> {
    let listed: serde_json::Value = serde_json::from_slice(manifest)?;
    let Some(files) = listed.get(super::prep::CHECKSUMS_FIELD) else {
        return Ok(());
    };
    let Some(files) = files.as_object() else {
        anyhow::bail!(
            "{}: `{}` is not an object; not a manifest khulasa wrote",
            manifest_path.display(),
            super::prep::CHECKSUMS_FIELD
        );
    };
    for (name, sum) in files {
        // A name with a folder in it would let a manifest make us read any file.
        if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
            anyhow::bail!("{}: lists `{name}`, which is not a file name", manifest_path.display());
        }
        let path = source.join(name);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => anyhow::bail!("{}: {e}", path.display()),
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            anyhow::bail!("{}: not a regular file", path.display());
        }
        let actual = checksum_of(file).with_context(|| format!("cannot read {}", path.display()))?;
        let expected_bytes = sum.get("bytes").and_then(serde_json::Value::as_u64);
        let expected_sha = sum.get("sha256").and_then(serde_json::Value::as_str);
        if expected_bytes != Some(actual.bytes) || expected_sha != Some(actual.sha256.as_str()) {
            anyhow::bail!(
                "{}: not the file {} lists (another `khulasa prep` run wrote it, or it was changed): refusing a mixed set; run prep again into an empty folder",
                path.display(),
                manifest_path.display()
            );
        }
    }
    Ok(())
}

/// The report of a merge: every file refused, problem and quality warning, one a line.
const REPORT_FILE: &str = "report.tsv";

/// What `merge` writes into `--out`.
const OUTPUTS: [&str; 4] = ["summaries.txt", "bilingual.csv", "memory.tmx", REPORT_FILE];

/// The files named on the command line, each folder replaced by the files in it, by name: but ids files (read
/// beside their sentences), hidden files, and the files `prep` and `merge` write besides translations.
fn translation_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(path) else {
            // Read as a file, it is reported with the reason.
            out.push(path.clone());
            continue;
        };
        let mut inside: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let ours = name == MANIFEST_FILE
                    || name == khulasa_export::REGISTER_FILE
                    || OUTPUTS.contains(&name.as_str())
                    || name.starts_with(".khulasa");
                !ours && !name.starts_with('.') && !name.ends_with(".ids")
            })
            .collect();
        inside.sort();
        if inside.is_empty() {
            usage(&format!(
                "--translations {}: a folder with no file in it",
                path.display()
            ));
        }
        out.extend(inside);
    }
    out
}

/// The units sent, each once and in order, with the batch file it went out in: batches hold the units in
/// order, as many as the manifest says. A manifest whose counts do not add up names no batch.
fn sent_units<'a>(register: &'a [RegisterEntry], manifest: &'a Manifest) -> Vec<Sent<'a>> {
    let mut seen = HashSet::new();
    let mut sent: Vec<Sent> = register
        .iter()
        .filter(|e| seen.insert(e.sent.as_str()))
        .map(|e| Sent {
            id: &e.sent,
            source: &e.source,
            batch: "",
        })
        .collect();
    if manifest.batches.iter().map(|b| b.units).sum::<usize>() == sent.len() {
        let mut units = sent.iter_mut();
        for batch in &manifest.batches {
            let name = batch.files.first().map_or("", String::as_str);
            for unit in units.by_ref().take(batch.units) {
                unit.batch = name;
            }
        }
    }
    sent
}

/// Gives a record whose id was not sent the id its other marks name: a location (`po2csv` keeps it for the id
/// `csv2po` dropped; a PO reference has `_` for a space), or an id in a note (`xliff2po` and `po2xliff` keep a
/// developer note and renumber units). Only a record whose id is none of ours is looked up: one none of whose
/// marks is known keeps its id, reported as unknown.
fn resolve_ids(files: &mut [(String, Vec<Record>)], register: &[RegisterEntry]) -> Vec<(String, usize)> {
    let ids: HashSet<&str> = register.iter().map(|e| e.sent.as_str()).collect();
    let mut by_location: HashMap<String, &str> = HashMap::new();
    for e in register {
        by_location.entry(e.location.clone()).or_insert(&e.sent);
        by_location.entry(e.location.replace(' ', "_")).or_insert(&e.sent);
    }
    let mut looked_up_files = Vec::new();
    for (n, (file, records)) in files.iter_mut().enumerate() {
        let mut looked_up = file.ends_with(".po") || file.ends_with(".pot");
        for record in records.iter_mut() {
            // An id of ours, sent or not, is the file's word: a stale one stays unknown.
            if ids.contains(record.id.as_str()) || khulasa_export::UnitId::parse(&record.id).is_some() {
                continue;
            }
            looked_up = true;
            let found = std::iter::once(&record.id)
                .chain(&record.hints)
                .flat_map(|hint| hint.lines())
                .flat_map(|line| {
                    let line = line.trim();
                    let named = line.strip_prefix("khulasa-id:").map(str::trim);
                    named.into_iter().chain([line]).chain(line.split_whitespace())
                })
                .find_map(|c| match ids.get(c) {
                    Some(id) => Some(*id),
                    None => by_location.get(c).copied(),
                });
            if let Some(id) = found {
                record.id = id.to_owned();
            }
        }
        if looked_up {
            looked_up_files.push(n);
        }
    }
    // Filled only for units no file holds: a unit of another batch file is that file's.
    let mut held: HashSet<String> = files.iter().flat_map(|(_, r)| r.iter().map(|r| r.id.clone())).collect();
    let mut merged_identical = Vec::new();
    for n in looked_up_files {
        if let Some((file, records)) = files.get_mut(n) {
            let added = fill_identical(records, register, &mut held);
            if added > 0 {
                merged_identical.push((file.clone(), added));
            }
        }
    }
    merged_identical
}

/// A PO file holds one entry for identical sources (`xliff2po` keeps the first and drops the others): every unit
/// sent whose source is that of a record of the file, and which no file holds, gets a record of its own with the
/// same target. Returns how many were added.
fn fill_identical(records: &mut Vec<Record>, register: &[RegisterEntry], held: &mut HashSet<String>) -> usize {
    let mut by_source: HashMap<&str, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(source) = r.source.as_deref() {
            by_source.entry(source).or_insert(i);
        }
    }
    let mut added = Vec::new();
    let mut seen = HashSet::new();
    for e in register {
        if held.contains(&e.sent) || !seen.insert(e.sent.as_str()) {
            continue;
        }
        held.insert(e.sent.clone());
        if let Some(&i) = by_source.get(e.source.as_str()) {
            if let Some(first) = records.get(i) {
                added.push(Record {
                    id: e.sent.clone(),
                    source: Some(e.source.clone()),
                    hints: Vec::new(),
                    ..first.clone()
                });
            }
        }
    }
    let n = added.len();
    records.extend(added);
    n
}

/// `arabic-script 3, missing-number 1`.
fn warning_counts(warnings: &[khulasa_export::Warning]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for w in warnings {
        match counts.iter_mut().find(|(name, _)| *name == w.check.name()) {
            Some((_, n)) => *n += 1,
            None => counts.push((w.check.name(), 1)),
        }
    }
    counts
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closing counts of a merge, on standard error like every command's closing report.
fn print_stats(
    done: &khulasa_export::Reconciliation,
    files: &[(String, Vec<Record>)],
    failed_files: usize,
    sent: usize,
) {
    let count = |pick: fn(&Problem) -> bool| done.problems.iter().filter(|p| pick(p)).count();
    let records: usize = files.iter().map(|(_, r)| r.len()).sum();
    khulasa::batch::warn(&format!(
        "merge: {} file(s) read, {} refused; {} record(s); {} of {} units translated; {} draft(s), {} untranslated, \
         {} empty, {} missing, {} unknown, {} duplicated, {} changed; {} quality warning(s)",
        files.len(),
        failed_files,
        records,
        done.targets.len(),
        sent,
        count(|p| matches!(p, Problem::Draft { .. })),
        count(|p| matches!(p, Problem::Untranslated { .. })),
        count(|p| matches!(p, Problem::EmptyTarget { .. })),
        count(|p| matches!(p, Problem::Missing { .. }))
            + done
                .problems
                .iter()
                .map(|p| match p {
                    Problem::MissingBatch { units, .. } => *units,
                    _ => 0,
                })
                .sum::<usize>(),
        count(|p| matches!(p, Problem::Unknown { .. } | Problem::ForeignFile { .. })),
        count(|p| matches!(p, Problem::Duplicated { .. })),
        count(|p| matches!(p, Problem::ChangedSource { .. })),
        done.warnings.len()
    ));
}

/// `report.tsv`: `severity`, `check` and the message, one line a refused file, problem and warning.
fn write_report(
    refused: &[String],
    other_runs: &[String],
    done: &khulasa_export::Reconciliation,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut line = |severity: &str, check: &str, message: &str| {
        writeln!(out, "{severity}\t{check}\t{}", khulasa_export::clean(message))
    };
    line("severity", "check", "message")?;
    for message in refused {
        line("error", "unreadable", message)?;
    }
    for problem in &done.problems {
        line("error", problem_name(problem), &problem.to_string())?;
    }
    for message in other_runs {
        line("warning", "other-run", message)?;
    }
    for (at, id, what) in &done.reshaped {
        line(
            "warning",
            "reshaped",
            &format!("{at}: the target of `{id}` held {what}"),
        )?;
    }
    for warning in &done.warnings {
        line("warning", warning.check.name(), &warning.to_string())?;
    }
    out.flush()
}

fn problem_name(problem: &Problem) -> &'static str {
    match problem {
        Problem::Missing { .. } => "missing",
        Problem::Unknown { .. } => "unknown",
        Problem::Duplicated { .. } => "duplicated",
        Problem::EmptyTarget { .. } => "empty",
        Problem::ChangedSource { .. } => "changed-source",
        Problem::Untranslated { .. } => "untranslated",
        Problem::Draft { .. } => "draft",
        Problem::WrongLanguage { .. } => "wrong-language",
        Problem::ForeignFile { .. } => "foreign-file",
        Problem::MissingBatch { .. } => "missing-batch",
    }
}

fn read_register(path: &Path) -> anyhow::Result<Vec<RegisterEntry>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| usage(&format!("{}: {e}", path.display())));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).with_context(|| format!("{}:{}: not a register entry", path.display(), n + 1))
        })
        .collect()
}

/// Reads one translated file, its format told by its name, and the `prep` run it names: by the batch id in its
/// header, else by its name.
fn read_translations(
    path: &Path,
    source_dir: &Path,
    manifest: &Manifest,
) -> anyhow::Result<(Vec<Record>, Option<String>)> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let records = read_records(path, &bytes, source_dir, manifest)?;
    let run = khulasa_export::stated_batch(&bytes)
        .and_then(|batch| khulasa_export::run_of_batch(&batch).map(str::to_owned))
        .or_else(|| {
            let name = path.file_name()?.to_string_lossy();
            khulasa_export::run_of_batch(&name).map(str::to_owned)
        });
    Ok((records, run))
}

/// The records of one translated file, its format told by its name.
fn read_records(path: &Path, bytes: &[u8], source_dir: &Path, manifest: &Manifest) -> anyhow::Result<Vec<Record>> {
    let named = |e: ExportError| anyhow::anyhow!("{}: {e}", path.display());
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let profile = manifest.options.profile;
    match extension.as_str() {
        "csv" => read_csv(bytes, profile).map_err(named),
        "tsv" => read_tsv(bytes, profile).map_err(named),
        "jsonl" => read_jsonl(bytes).map_err(named),
        // Excel's "Unicode text" is TSV in UTF-16 with a byte order mark, under `.txt`.
        "txt" if is_table(bytes) => read_tsv(bytes, profile).map_err(named),
        "xlf" | "xliff" => read_xliff(bytes).map_err(named),
        "po" | "pot" => read_po(bytes).map_err(named),
        "xlsx" => read_xlsx(bytes).map_err(named),
        "ids" => anyhow::bail!(
            "{}: a file of ids; give the translated sentences instead",
            path.display()
        ),
        _ => {
            let ids_name = path.with_extension("ids");
            let ids_path = if ids_name.is_file() {
                ids_name
            } else {
                source_dir.join(ids_name.file_name().unwrap_or_default())
            };
            let ids = std::fs::read(&ids_path).map_err(|e| {
                anyhow::anyhow!(
                    "{}: not CSV, TSV, JSONL or XLIFF by its name, and its ids file {} cannot be read: {e}",
                    path.display(),
                    ids_path.display()
                )
            })?;
            read_lines(bytes, &ids).map_err(named)
        }
    }
}

/// Whether a `.txt` file is a table (a header with tabs and an `id` column), as Excel saves "Unicode text",
/// rather than one translated sentence a line.
fn is_table(bytes: &[u8]) -> bool {
    let Ok(text) = khulasa_export::decode(bytes.get(..4096).unwrap_or(bytes)) else {
        // Cut inside a character, or not text: a table only if it says so with a UTF-16 byte order mark.
        return bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    };
    let header = text.lines().next().unwrap_or_default();
    header.contains('\t') && header.split('\t').any(|h| h.trim().eq_ignore_ascii_case("id"))
}

/// The translated summaries: every story in order, `# ID` then its summary's target sentences in document
/// order, then an empty line.
fn write_summaries(
    register: &[RegisterEntry],
    targets: &HashMap<String, String>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut current: Option<&str> = None;
    for entry in register {
        if current != Some(entry.story.as_str()) {
            if current.is_some() {
                out.write_all(b"\n")?;
            }
            writeln!(out, "# {}", entry.story)?;
            current = Some(&entry.story);
        }
        if let Some(text) = targets.get(&entry.sent).filter(|_| entry.summary) {
            writeln!(out, "{text}")?;
        }
    }
    out.flush()
}
