// Written by scripts/fit-default.py: do not edit by hand, re-run the script.
// Coordinate search on easc-dev (80 articles, --words B): mean ROUGE-2 F1 44.54.

use crate::DefaultWeights;

/// The default scorer's weights, fitted by `scripts/fit-default.py`.
pub(crate) const FITTED_WEIGHTS: DefaultWeights = DefaultWeights {
    centrality: 0.15,
    position: 1.0,
    relative: 1.0,
    headline: 0.5,
    centroid: 0.35,
    length: 1.0,
};

/// The MMR λ fitted with them (1 = plain rank order).
pub(crate) const FITTED_DIVERSITY: f64 = 1.0;
