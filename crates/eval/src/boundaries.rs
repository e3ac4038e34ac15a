//! Sentence boundaries against a gold standard: joined CoNLL-U sentences, boundaries compared as positions in
//! the text with white space removed.
