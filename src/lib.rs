//! The `khulasa` command's shared machinery: reading inputs, chaining the stages for one document, and running
//! a job over a batch in parallel. The stages themselves live in the `khulasa-*` crates under `crates/`.

pub mod batch;
pub mod df;
pub mod input;
pub mod pipeline;
