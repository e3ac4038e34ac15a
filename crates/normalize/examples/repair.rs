//! Repairs standard input and prints the result: `cargo run -p khulasa-normalize --example repair < story.txt`.
//! `khulasa normalize` does the same for files, directories and JSONL batches; this example has no other
//! dependency, which makes it handy when working on the repair alone.

use std::io::{Read, Write};

fn main() -> std::io::Result<()> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    let text = match khulasa_normalize::decode(&bytes) {
        Ok(decoded) => decoded.text,
        Err(e) => {
            eprintln!("stdin: {e}");
            std::process::exit(2);
        }
    };
    let repaired = khulasa_normalize::Repairer::new().repair(&text);
    std::io::stdout().write_all(repaired.text.as_bytes())
}
