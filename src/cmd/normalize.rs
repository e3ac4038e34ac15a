use super::InputArgs;
use clap::Args;
use khulasa::batch::{self, Status};
use khulasa_normalize::Repairer;
use std::io::Write;

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: &NormalizeArgs) -> anyhow::Result<Status> {
    let repairer = Repairer::new();
    let mut out = super::stdout();
    let mut first = true;
    let tally = batch::run(
        args.input.documents(),
        |doc| Ok(repairer.repair(&doc.text).text),
        |_, text| {
            if !first {
                writeln!(out)?;
            }
            first = false;
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                writeln!(out)?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(tally.status())
}
