//! Corpora in the EASC layout: `articles/NAME.txt` and, for each, `summaries/NAME/*.txt`, any number of
//! reference summaries.

use crate::{word_count, EvalError};
use std::path::{Path, PathBuf};

/// An article and its reference summaries.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file name without `.txt`.
    pub name: String,
    /// Where the article was read from.
    pub path: PathBuf,
    /// The decoded text.
    pub text: String,
    /// The reference summaries, in file name order.
    pub references: Vec<String>,
}

impl Article {
    /// The rounded mean word count of the references: the budget of `--budget ref`.
    ///
    /// ```
    /// let a = khulasa_eval::corpus::Article {
    ///     name: "x".into(),
    ///     path: "x.txt".into(),
    ///     text: String::new(),
    ///     references: vec!["a b c".into(), "a b c d".into()],
    /// };
    /// assert_eq!(a.reference_words(), 4); // (3 + 4) / 2 = 3.5, rounded half away from zero
    /// ```
    pub fn reference_words(&self) -> usize {
        if self.references.is_empty() {
            return 0;
        }
        let total: usize = self.references.iter().map(|r| word_count(r)).sum();
        (total as f64 / self.references.len() as f64).round() as usize
    }
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    khulasa_normalize::decode(&bytes)
        .map(|d| d.text)
        .map_err(|source| EvalError::Decode {
            path: path.to_owned(),
            source,
        })
}

/// The `*.txt` files directly in `dir`, sorted by name.
fn text_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| EvalError::Io {
                path: dir.to_owned(),
                source,
            })?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every article of a corpus in the EASC layout, sorted by name, with its references.
///
/// An article without any reference is an error (a silent skip would change what the figures mean).
///
/// ```no_run
/// let articles = khulasa_eval::corpus::load("../shared/data/easc-dev".as_ref())?;
/// println!("{} articles", articles.len());
/// # Ok::<(), khulasa_eval::EvalError>(())
/// ```
pub fn load(dir: &Path) -> Result<Vec<Article>, EvalError> {
    let articles_dir = dir.join("articles");
    if !articles_dir.is_dir() {
        return Err(EvalError::NoArticles(dir.to_owned()));
    }
    let mut articles = Vec::new();
    for path in text_files(&articles_dir)? {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let summaries = dir.join("summaries").join(&name);
        let references = if summaries.is_dir() {
            text_files(&summaries)?
                .iter()
                .map(|p| read_text(p))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        if references.is_empty() {
            return Err(EvalError::NoReferences(summaries));
        }
        articles.push(Article {
            text: read_text(&path)?,
            name,
            path,
            references,
        });
    }
    if articles.is_empty() {
        return Err(EvalError::NoArticles(dir.to_owned()));
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("khulasa-eval-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn reads_articles_and_references_in_name_order() {
        let dir = scratch_dir("corpus");
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        std::fs::create_dir_all(dir.join("summaries/b")).unwrap();
        std::fs::create_dir_all(dir.join("summaries/a")).unwrap();
        std::fs::write(dir.join("articles/b.txt"), "نص ب").unwrap();
        std::fs::write(dir.join("articles/a.txt"), "نص أ").unwrap();
        std::fs::write(dir.join("summaries/a/B.txt"), "ثاني").unwrap();
        std::fs::write(dir.join("summaries/a/A.txt"), "أول").unwrap();
        std::fs::write(dir.join("summaries/b/A.txt"), "وحيد").unwrap();
        let articles = load(&dir).unwrap();
        assert_eq!(articles.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(articles[0].references, ["أول", "ثاني"]);
        assert_eq!(articles[1].text, "نص ب");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_article_without_references_is_an_error() {
        let dir = scratch_dir("noref");
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        std::fs::write(dir.join("articles/a.txt"), "نص").unwrap();
        assert!(matches!(load(&dir), Err(EvalError::NoReferences(_))));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(load(&dir), Err(EvalError::NoArticles(_))));
    }
}
