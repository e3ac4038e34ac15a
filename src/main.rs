//! `khulasa`: Arabic wire stories in, repaired sentences, summaries and translation files out.

mod cmd;

// Most of a story's work is small short-lived strings and vectors (sentences, terms, per-story tables): the
// system allocator spent some 15% of the time on them, mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cmd::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
    };
    match cmd::run(cli) {
        Ok(status) => status.into(),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("khulasa: {e:#}");
            if e.chain().any(|c| c.downcast_ref::<cmd::Usage>().is_some()) {
                return ExitCode::from(1);
            }
            ExitCode::from(2)
        }
    }
}

/// A closed pipe downstream (`khulasa ... | head`) is a normal end, not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
