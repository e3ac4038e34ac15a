//! Running the built binary in tests.

use std::io::Write;
use std::process::{Command, Stdio};

/// What a run of the binary gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails with the run's output when the exit code is not `code`.
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
    }
}

impl Run {
    /// The string field `name` of every JSONL line of standard output, in order.
    #[allow(dead_code)] // not every test file reads JSONL
    pub fn jsonl_field(&self, name: &str) -> Vec<String> {
        self.stdout
            .lines()
            .map(|l| {
                let value: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
                value[name].as_str().expect("a string field").to_owned()
            })
            .collect()
    }
}

/// Runs `khulasa ARGS` in the workspace root with `stdin` as standard input.
pub fn khulasa(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khulasa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the khulasa binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_owned();
    let writer = std::thread::spawn(move || input.write_all(stdin.as_bytes()));
    let output = child.wait_with_output().expect("the khulasa binary finishes");
    let _ = writer.join();
    Run::from(output)
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The file of batch `number` (1-based) that `prep` wrote into `out` with extension `ext`
/// (`<run id>-001.csv`), found by the run id its manifest names.
#[allow(dead_code)] // only the tests of `prep` read batch files
pub fn batch_file(out: &std::path::Path, number: usize, ext: &str) -> std::path::PathBuf {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).expect("a manifest"))
            .expect("a JSON manifest");
    let run = manifest["prep_id"].as_str().expect("a prep id");
    out.join(format!("{run}-{number:03}.{ext}"))
}

/// The JSON lines of a file (a register, a `--changes` list), one value a line.
#[allow(dead_code)] // only the tests that read a register or a changes list call it
pub fn json_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `../shared/data/REL` beside the project, or `None` (with a "skipped" message) when it is absent. CI has the data:
/// there (`CI=true`) an absent path fails the test instead of skipping it.
#[allow(dead_code)] // only the tests that read the shared data call it
pub fn shared_data(rel: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing: CI must have the data",
        path.display()
    );
    eprintln!("skipped: {} is absent", path.display());
    None
}
