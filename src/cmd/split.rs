use super::{InputArgs, TextFormat};
use clap::Args;
use khulasa::batch::{self, Reporting, Status};
use khulasa::pipeline;
use khulasa_normalize::Repairer;
use std::io::Write;

#[derive(Debug, Args)]
pub struct SplitArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `text`: one sentence a line, documents separated by an empty line; `jsonl`: one object a sentence, with the
    /// repairs made in it (`changes`, as `normalize --changes` writes them).
    #[arg(long, value_enum, default_value = "text")]
    format: TextFormat,
}

pub fn run(args: &SplitArgs, reporting: &Reporting) -> anyhow::Result<Status> {
    let repairer = Repairer::new();
    let mut out = super::stdout();
    let mut first = true;
    let tally = batch::run(
        args.input.documents(),
        |doc, counts| {
            let (split, changes) = pipeline::split_noting(&repairer, doc);
            counts.sentences += split.units.len();
            Ok((split, changes))
        },
        |doc, (split, changes)| {
            match args.format {
                TextFormat::Text => {
                    if !first {
                        writeln!(out)?;
                    }
                    for unit in &split.units {
                        writeln!(out, "{}", unit.text)?;
                    }
                }
                TextFormat::Jsonl => {
                    for (index, unit) in split.units.iter().enumerate() {
                        // A change belongs to the sentence it starts in.
                        let in_unit: Vec<_> = changes
                            .iter()
                            .filter(|c| (unit.start..unit.end).contains(&c.original.start))
                            .map(|c| super::normalize::change_json(&doc.id, c))
                            .collect();
                        let line = serde_json::json!({
                            "doc": doc.id,
                            "index": index,
                            "start": unit.start,
                            "end": unit.end,
                            "kind": unit.kind.as_str(),
                            "text": unit.text,
                            "encoding": doc.encoding.name(),
                            "changes": in_unit,
                        });
                        writeln!(out, "{line}")?;
                    }
                }
            }
            first = false;
            Ok(())
        },
        reporting.progress(""),
    )?;
    reporting.close(&tally);
    out.flush()?;
    Ok(tally.status())
}
