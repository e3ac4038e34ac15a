use thiserror::Error;

/// Why a scorer could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScoreError {
    /// The default scorer's weights are not six comma-separated finite numbers.
    #[error(
        "weights `{0}`: expected six comma-separated numbers: centrality,position,relative,headline,centroid,length"
    )]
    Weights(String),
}
