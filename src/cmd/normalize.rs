use super::InputArgs;
use anyhow::Context;
use clap::Args;
use khulasa::batch::{self, Reporting, Status};
use khulasa_normalize::{Change, Repairer};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also write every change the repair made to FILE, one JSON object a line: `doc`, `start` and `end` (byte
    /// offsets in the text as received), `repaired` (byte offset in the output), `before`, `after`, `rule`,
    /// `evidence`. Spaces collapsed and invisible controls removed are not listed.
    #[arg(long, value_name = "FILE")]
    pub changes: Option<PathBuf>,
}

/// One change as a line of `--changes` (and an element of `split --format jsonl`'s `changes`).
pub(crate) fn change_json(doc: &str, change: &Change) -> serde_json::Value {
    serde_json::json!({
        "doc": doc,
        "start": change.original.start,
        "end": change.original.end,
        "repaired": change.repaired,
        "before": change.before,
        "after": change.after,
        "rule": change.rule.as_str(),
        "evidence": change.evidence.to_string(),
    })
}

pub fn run(args: &NormalizeArgs, reporting: &Reporting) -> anyhow::Result<Status> {
    let repairer = Repairer::new();
    let mut changes = match &args.changes {
        Some(path) => Some(BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => None,
    };
    let mut out = super::stdout();
    let mut first = true;
    let tally = batch::run(
        args.input.documents(),
        |doc, _| Ok(repairer.repair(&doc.text)),
        |doc, repaired| {
            if !first {
                writeln!(out)?;
            }
            first = false;
            out.write_all(repaired.text.as_bytes())?;
            if !repaired.text.ends_with('\n') {
                writeln!(out)?;
            }
            if let Some(file) = changes.as_mut() {
                for change in &repaired.changes {
                    writeln!(file, "{}", change_json(&doc.id, change))?;
                }
            }
            Ok(())
        },
        reporting.progress(""),
    )?;
    reporting.close(&tally);
    out.flush()?;
    if let Some(mut file) = changes {
        file.flush().context("cannot write the changes")?;
    }
    Ok(tally.status())
}
