//! The `khulasa` command's shared machinery: reading inputs, chaining the stages for one document, and running
//! a job over a batch in parallel. The stages themselves live in the `khulasa-*` crates under `crates/`.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

pub mod batch;
pub mod df;
pub mod input;
pub mod json;
pub mod pipeline;
pub mod spool;
