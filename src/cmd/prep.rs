use super::InputArgs;
use anyhow::Context;
use clap::Args;
use khulasa::batch::{self, Status};
use khulasa::pipeline;
use khulasa_export::Unit;
use khulasa_normalize::Repairer;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PrepArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The folder to write translation files into.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: &PrepArgs) -> anyhow::Result<Status> {
    let repairer = Repairer::new();
    let mut units = Vec::new();
    let tally = batch::run(
        args.input.documents(),
        |doc| Ok(pipeline::split(&repairer, doc)),
        |doc, split| {
            let mut previous = "";
            for (index, unit) in split.units.iter().enumerate() {
                if !unit.kind.is_text() {
                    continue;
                }
                units.push(Unit {
                    id: format!("{}:{index}:{}", doc.id, short_hash(&unit.text)),
                    source: unit.text.clone(),
                    context: format!("{} | {previous}", doc.id),
                    developer_comments: unit.kind.as_str().to_owned(),
                    location: format!("{}:{}-{}", doc.id, unit.start, unit.end),
                });
                previous = &unit.text;
            }
            Ok(())
        },
    )?;
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let path = args.out.join("units.csv");
    let tmp = args.out.join(".units.csv.tmp");
    let file = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    khulasa_export::write_csv(&units, std::io::BufWriter::new(file))
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(tally.status())
}

/// FNV-1a of the text, 8 hex digits: the same on every run and machine.
fn short_hash(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}
