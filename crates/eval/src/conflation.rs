//! Stemmer conflation against gold lemmas (CoNLL-U): over pairs of distinct word types, how often sharing a stem
//! means sharing a lemma (precision) and sharing a lemma means sharing a stem (recall).
