//! khulasa from Python: the `khulasa` extension module (PyO3, abi3 for CPython 3.9 and later), built by maturin.
//!
//! The module wraps the library's [`khulasa::Summarizer`] (the same picks as `khulasa summarize`), the splitter
//! and repair behind `khulasa split`, the repairer behind `khulasa normalize`, the stemmers behind `khulasa stem`
//! and the document-frequency tables of `--save-df`/`--df`. Work on many texts runs on rayon's threads with the
//! GIL released. Offsets are given twice: `start`/`end` in bytes of the UTF-8 text (as the command writes them)
//! and `cstart`/`cend` in characters (code points), as Python slices a `str`.

use khulasa::input::{Day, Document};
use khulasa::{Budget, Idf, Pick, Summarizer};
use khulasa_normalize::Repairer;
use khulasa_score::DfTable;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3::{intern, IntoPyObjectExt};
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

// As in the command: summarising allocates many small strings and vectors on several threads, which the system
// allocator serves slowly. Only the module's own Rust allocations go through it; Python's objects do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The repairer shared by every call (it holds tables built once).
fn repairer() -> &'static Repairer {
    static REPAIRER: OnceLock<Repairer> = OnceLock::new();
    REPAIRER.get_or_init(Repairer::new)
}

/// A `ValueError` with the library's message.
fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The options every summarising call takes, as given from Python.
struct Options<'a> {
    scorer: &'a str,
    sentences: Option<i64>,
    words: Option<i64>,
    ratio: Option<f64>,
    diversity: Option<f64>,
    stemmer: &'a str,
    keep_stopwords: bool,
    idf: &'a str,
    df: Option<&'a PyDfTable>,
}

impl Options<'_> {
    fn budget(&self) -> PyResult<Option<Budget>> {
        let count = |name: &str, n: i64| {
            usize::try_from(n).map_err(|_| PyValueError::new_err(format!("{name} must be at least 1, not {n}")))
        };
        match (self.sentences, self.words, self.ratio) {
            (None, None, None) => Ok(None),
            (Some(n), None, None) => Ok(Some(Budget::Sentences(count("sentences", n)?))),
            (None, Some(n), None) => Ok(Some(Budget::Words(count("words", n)?))),
            (None, None, Some(r)) => Ok(Some(Budget::Ratio(r))),
            _ => Err(PyValueError::new_err(
                "give at most one budget: sentences, words or ratio",
            )),
        }
    }

    fn idf(&self) -> PyResult<Idf> {
        match self.idf {
            "auto" => Ok(Idf::Auto),
            "batch" => Ok(Idf::Batch),
            "background" => Ok(Idf::Background),
            "document" => Ok(Idf::Document),
            other => Err(PyValueError::new_err(format!(
                "unknown idf {other} (known: auto, batch, background, document)"
            ))),
        }
    }

    /// The summarizer for these options (a table is shared with it, not copied).
    fn summarizer(&self) -> PyResult<Summarizer> {
        let budget = self.budget()?;
        let idf = self.idf()?;
        let mut s = Summarizer::new()
            .scorer(self.scorer)
            .map_err(value_error)?
            .stemmer(self.stemmer)
            .map_err(value_error)?
            .keep_stopwords(self.keep_stopwords)
            .idf(idf);
        if let Some(budget) = budget {
            s = s.budget(budget).map_err(value_error)?;
        }
        if let Some(lambda) = self.diversity {
            s = s.diversity(lambda).map_err(value_error)?;
        }
        if let Some(table) = self.df {
            s = s.df(Arc::clone(&table.table));
        }
        Ok(s)
    }
}

/// Counts characters up to byte offsets taken in increasing order (restarting when one goes back).
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

/// A pick with its character offsets.
struct Located {
    pick: Pick,
    cstart: usize,
    cend: usize,
}

fn locate(text: &str, picks: Vec<Pick>) -> Vec<Located> {
    let mut counter = CharCounter::new(text);
    picks
        .into_iter()
        .map(|pick| {
            let cstart = counter.at(pick.range.start);
            let cend = counter.at(pick.range.end);
            Located { pick, cstart, cend }
        })
        .collect()
}

fn pick_dict<'py>(py: Python<'py>, located: &Located) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let p = &located.pick;
    d.set_item(intern!(py, "text"), &p.text)?;
    d.set_item(intern!(py, "start"), p.range.start)?;
    d.set_item(intern!(py, "end"), p.range.end)?;
    d.set_item(intern!(py, "cstart"), located.cstart)?;
    d.set_item(intern!(py, "cend"), located.cend)?;
    d.set_item(intern!(py, "index"), p.index)?;
    d.set_item(intern!(py, "rank"), p.rank)?;
    d.set_item(intern!(py, "score"), p.score)?;
    Ok(d)
}

fn picks_list<'py>(py: Python<'py>, picks: &[Located]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for p in picks {
        list.append(pick_dict(py, p)?)?;
    }
    Ok(list)
}

/// An optional string field of an item dict: as the command reads a JSONL record's `title`, `source` or `date`,
/// any value but a string (None, a number, pandas' NaN or Timestamp) counts as absent.
fn text_field(item: &Bound<'_, PyDict>, name: &str) -> PyResult<Option<String>> {
    match item.get_item(name)? {
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_cow()?.into_owned())),
            Err(_) => Ok(None),
        },
        None => Ok(None),
    }
}

/// A document from a `str`, or from a dict shaped like a JSONL record: `text`, and optionally `id` (a string or
/// a number), `title`, `source` (else `src`) and `date` (else `time`), as the command reads a feed.
fn document(item: &Bound<'_, PyAny>, n: usize) -> PyResult<Document> {
    if let Ok(text) = item.cast::<PyString>() {
        return Ok(Document::new(n.to_string(), text.to_cow()?.into_owned()));
    }
    let Ok(dict) = item.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "item {n}: expected a str or a dict with `text`, not {}",
            item.get_type().name()?
        )));
    };
    let text = match dict.get_item("text")? {
        None => return Err(PyValueError::new_err(format!("item {n}: no `text` field"))),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => return Err(PyTypeError::new_err(format!("item {n}: `text` is not a string"))),
        },
    };
    let id = match dict.get_item("id")? {
        Some(v) if v.is_none() => n.to_string(),
        None => n.to_string(),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => v.str()?.to_cow()?.into_owned(),
        },
    };
    let mut doc = Document::new(id, text);
    doc.title = text_field(dict, "title")?;
    doc.source = match text_field(dict, "source")? {
        Some(s) => Some(s),
        None => text_field(dict, "src")?,
    };
    let date = match text_field(dict, "date")? {
        Some(d) => Some(d),
        None => text_field(dict, "time")?,
    };
    doc.day = date.as_deref().and_then(Day::parse);
    doc.published = date.as_deref().and_then(khulasa::input::timestamp);
    Ok(doc)
}

fn documents(items: &Bound<'_, PyAny>) -> PyResult<Vec<Document>> {
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected an iterable of texts or dicts, not one str",
        ));
    }
    let mut docs = Vec::new();
    for (n, item) in items.try_iter()?.enumerate() {
        docs.push(document(&item?, n)?);
    }
    Ok(docs)
}

/// Runs `work` on a pool of `threads` threads, or on rayon's global pool.
fn on_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None => Ok(work()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1, not 0")),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            Ok(pool.install(work))
        }
    }
}

/// The summary of one text: the sentences `khulasa summarize` picks, in document order.
///
/// Each sentence is a dict: `text` (as a reader is shown it: repaired, on one line), `start`/`end` (byte
/// offsets in the UTF-8 of `text`, as the command writes them), `cstart`/`cend` (character offsets: `text[cstart:
/// cend]`), `index` (among the text's sentences, as `khulasa split` numbers them), `rank` (1 for the sentence
/// chosen first) and `score`. The budget is three sentences unless one of `sentences`, `words` or `ratio` is
/// given. IDF comes from the background table of Arabic news, or from `df` (a `DfTable`) when given.
/// Raises ValueError for an unknown scorer or stemmer, a budget below one or a ratio or diversity outside 0..1.
#[pyfunction]
#[pyo3(signature = (text, *, scorer="default", sentences=None, words=None, ratio=None, diversity=None,
    stemmer="light", keep_stopwords=false, df=None))]
#[allow(clippy::too_many_arguments)]
fn summarize<'py>(
    py: Python<'py>,
    text: &str,
    scorer: &str,
    sentences: Option<i64>,
    words: Option<i64>,
    ratio: Option<f64>,
    diversity: Option<f64>,
    stemmer: &str,
    keep_stopwords: bool,
    df: Option<PyRef<'py, PyDfTable>>,
) -> PyResult<Bound<'py, PyList>> {
    let summarizer = Options {
        scorer,
        sentences,
        words,
        ratio,
        diversity,
        stemmer,
        keep_stopwords,
        idf: "auto",
        df: df.as_deref(),
    }
    .summarizer()?;
    let located = py.detach(|| locate(text, summarizer.summarize(text)));
    picks_list(py, &located)
}

/// The summaries of a batch, in input order: a list of sentence lists shaped as `summarize` gives them.
///
/// `items` are texts or dicts shaped like the command's JSONL records: `text`, and optionally `id`, `title` (scored
/// as the headline), `source` and `date`. With `idf="auto"` a batch of at least 100 stories takes IDF from its own
/// document frequencies, a smaller one from the background table, exactly as `khulasa summarize` does over the
/// same records; `"batch"`, `"background"` and `"document"` choose as `--idf` does, and `df` (a `DfTable`)
/// overrides them as `--df` does. A story with no text, or with only headlines, has an empty summary. The work
/// runs on rayon's threads with the GIL released: `threads` sets their number for this call.
#[pyfunction]
#[pyo3(signature = (items, *, threads=None, idf="auto", scorer="default", sentences=None, words=None, ratio=None,
    diversity=None, stemmer="light", keep_stopwords=false, df=None))]
#[allow(clippy::too_many_arguments)]
fn summarize_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    threads: Option<usize>,
    idf: &str,
    scorer: &str,
    sentences: Option<i64>,
    words: Option<i64>,
    ratio: Option<f64>,
    diversity: Option<f64>,
    stemmer: &str,
    keep_stopwords: bool,
    df: Option<PyRef<'py, PyDfTable>>,
) -> PyResult<Bound<'py, PyList>> {
    let summarizer = Options {
        scorer,
        sentences,
        words,
        ratio,
        diversity,
        stemmer,
        keep_stopwords,
        idf,
        df: df.as_deref(),
    }
    .summarizer()?;
    let docs = documents(items)?;
    let summaries = py.detach(|| {
        on_threads(threads, || {
            let picks = summarizer.summarize_batch(&docs);
            picks
                .into_par_iter()
                .zip(docs.par_iter())
                .map(|(picks, doc)| locate(&doc.text, picks))
                .collect::<Vec<_>>()
        })
    })?;
    let out = PyList::empty(py);
    for summary in &summaries {
        out.append(picks_list(py, summary)?)?;
    }
    Ok(out)
}

/// The sentences of a text as `khulasa split` gives them, after the same repair: a list of dicts with `text` (on
/// one line), `start`/`end` (byte offsets in the UTF-8 of the text given), `cstart`/`cend` (character offsets)
/// and `kind` (`body`, `headline`, `subheadline` or `furniture`, as the command names them).
#[pyfunction]
fn split<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let split = py.detach(|| khulasa::pipeline::split(repairer(), &Document::new("text", text)));
    let mut counter = CharCounter::new(text);
    let out = PyList::empty(py);
    for unit in &split.units {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "text"), &unit.text)?;
        d.set_item(intern!(py, "start"), unit.start)?;
        d.set_item(intern!(py, "end"), unit.end)?;
        d.set_item(intern!(py, "cstart"), counter.at(unit.start))?;
        d.set_item(intern!(py, "cend"), counter.at(unit.end))?;
        d.set_item(intern!(py, "kind"), unit.kind.as_str())?;
        out.append(d)?;
    }
    Ok(out)
}

/// The text repaired as `khulasa normalize` repairs it: extraction damage undone (reversed or presentation-form
/// letters, broken lines, stray control characters), nothing else changed.
#[pyfunction]
fn normalize(py: Python<'_>, text: &str) -> String {
    py.detach(|| repairer().repair(text).text)
}

/// The stem of each word as `khulasa stem --words` gives it: the word trimmed and folded (alef variants, ta
/// marbuta, diacritics, tatweel), then stemmed by `light`, `snowball` or `none` (folding only). Raises
/// ValueError for another algorithm.
#[pyfunction]
#[pyo3(signature = (words, algorithm="light"))]
fn stem(py: Python<'_>, words: Vec<String>, algorithm: &str) -> PyResult<Vec<String>> {
    let algorithm: khulasa_stem::Algorithm = algorithm.parse().map_err(value_error)?;
    let stemmer = algorithm.stemmer();
    Ok(py.detach(|| {
        let mut folded = String::new();
        words
            .iter()
            .map(|word| {
                folded.clear();
                khulasa_normalize::fold_into(word.trim(), &mut folded);
                stemmer.stem(&folded).into_owned()
            })
            .collect()
    }))
}

/// A field of a sentence dict, for `jsonl_line`.
fn sentence_field<'py, T: FromPyObjectOwned<'py>>(sentence: &Bound<'py, PyDict>, name: &str) -> PyResult<T> {
    match sentence.get_item(name)? {
        Some(v) => v.extract::<T>().map_err(Into::into),
        None => Err(PyValueError::new_err(format!("a sentence without `{name}`"))),
    }
}

/// The line `khulasa summarize --format jsonl` writes for a story: `item` as `summarize_many` takes it (its `id`,
/// `title`, `source` and `date` read as the command reads a JSONL record's) and `sentences` as `summarize_many`
/// gave them for it; fields in alphabetical order, compact, with a final line break. For writing the command's
/// format from Python (the Spark job does).
#[pyfunction]
#[pyo3(signature = (item, sentences, *, scorer="default"))]
fn jsonl_line(item: &Bound<'_, PyAny>, sentences: &Bound<'_, PyAny>, scorer: &str) -> PyResult<String> {
    use khulasa::jsonl::{given, SentenceLine, SummaryLine};
    let doc = document(item, 0)?;
    let mut texts = Vec::new();
    let mut numbers = Vec::new();
    for sentence in sentences.try_iter()? {
        let sentence = sentence?;
        let sentence = sentence
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err("a sentence is a dict as summarize gives it"))?;
        let n = |name: &str| sentence_field::<usize>(sentence, name);
        numbers.push((
            n("end")?,
            n("index")?,
            n("rank")?,
            sentence_field::<f64>(sentence, "score")?,
            n("start")?,
        ));
        texts.push(sentence_field::<String>(sentence, "text")?);
    }
    let date = doc.day.map(|d| d.to_string());
    let line = SummaryLine {
        date: date.as_deref(),
        encoding: doc.encoding.name(),
        id: &doc.id,
        scorer,
        sentences: numbers
            .iter()
            .zip(&texts)
            .map(|(&(end, index, rank, score, start), text)| SentenceLine {
                end,
                index,
                rank,
                score,
                start,
                text,
            })
            .collect(),
        source: doc.source.as_deref().and_then(given),
        title: doc.title.as_deref().and_then(given),
    };
    Ok(line.to_line())
}

/// Document frequencies of terms over a collection, as `khulasa summarize --save-df` writes them and `--df` reads
/// them: counted over a shard with `DfTable.count`, added across shards with `merge`, saved and loaded as text.
/// A summary with `df=table` takes IDF from it; a table counted over a batch gives that batch the same summaries
/// as the batch's own IDF. `DfTable()` is an empty table. Tables pickle (to ship to Spark's workers).
#[pyclass(name = "DfTable", module = "khulasa")]
struct PyDfTable {
    table: Arc<DfTable>,
}

impl PyDfTable {
    fn wrap(table: DfTable) -> Self {
        PyDfTable { table: Arc::new(table) }
    }

    fn text(&self) -> PyResult<Vec<u8>> {
        let mut out = Vec::new();
        self.table.write(&mut out).map_err(value_error)?;
        Ok(out)
    }
}

#[pymethods]
impl PyDfTable {
    #[new]
    fn new() -> Self {
        PyDfTable::wrap(DfTable::default())
    }

    /// The document frequencies of the terms of `texts` (strs or dicts with `text`, as `summarize_many` takes
    /// them), counted as `--save-df` counts a batch; the terms are made as the summaries' are (`stemmer`,
    /// `keep_stopwords`), so count with the options you summarise with.
    #[staticmethod]
    #[pyo3(signature = (texts, *, stemmer="light", keep_stopwords=false, threads=None))]
    fn count(
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        stemmer: &str,
        keep_stopwords: bool,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let summarizer = Summarizer::new()
            .stemmer(stemmer)
            .map_err(value_error)?
            .keep_stopwords(keep_stopwords);
        let docs = documents(texts)?;
        let table = py.detach(|| on_threads(threads, || summarizer.count(&docs)))?;
        Ok(PyDfTable::wrap(table))
    }

    /// Adds another table's counts to this one (documents and each term's count), as shards' tables add up.
    fn merge(&mut self, other: &Bound<'_, PyDfTable>) -> PyResult<()> {
        let other = other.try_borrow().map_err(|e| PyValueError::new_err(e.to_string()))?;
        let other = Arc::clone(&other.table);
        Arc::make_mut(&mut self.table).merge(&other);
        Ok(())
    }

    /// Writes the table to `path` as `--save-df` does (`#documents<TAB>N`, then `term<TAB>count` lines sorted).
    /// Raises OSError when the file cannot be written.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.text()?;
        py.detach(|| std::fs::write(&path, text))
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
    }

    /// Reads a table written by `save` or by `khulasa summarize --save-df` (shards' tables concatenated add up).
    /// Raises OSError when the file cannot be read, ValueError when it is not such a table.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let bytes = py
            .detach(|| std::fs::read(&path))
            .map_err(|e| PyOSError::new_err(format!("{}: cannot open: {e}", path.display())))?;
        Self::parse(py, &bytes).map_err(|e| PyValueError::new_err(format!("{}: {e}", path.display())))
    }

    /// A table from the text `to_bytes` (or `save`) writes. Raises ValueError when it is not such a table.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        Self::parse(py, data)
    }

    /// The table as `save` writes it, in memory.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, &self.text()?))
    }

    /// The number of documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        self.table.documents
    }

    /// The number of documents holding `term` (a term as the summaries make it: a folded stem), 0 if none.
    fn get(&self, term: &str) -> u64 {
        self.table.counts.get(term).copied().unwrap_or(0)
    }

    /// The number of distinct terms.
    fn __len__(&self) -> usize {
        self.table.counts.len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyDfTable>() {
            Ok(other) => other.try_borrow().is_ok_and(|o| o.table == self.table),
            Err(_) => false,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "DfTable(documents={}, terms={})",
            self.table.documents,
            self.table.counts.len()
        )
    }

    fn __getstate__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.to_bytes(py)
    }

    fn __setstate__(&mut self, py: Python<'_>, state: &[u8]) -> PyResult<()> {
        *self = Self::parse(py, state)?;
        Ok(())
    }
}

impl PyDfTable {
    fn parse(py: Python<'_>, bytes: &[u8]) -> PyResult<Self> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| PyValueError::new_err(format!("not a table: invalid UTF-8 at byte {}", e.valid_up_to())))?;
        let table = py.detach(|| DfTable::parse(text)).map_err(value_error)?;
        Ok(PyDfTable::wrap(table))
    }
}

/// khulasa (خلاصة, "the gist"): extractive summaries of Arabic news.
///
/// `summarize` and `summarize_many` give the sentences `khulasa summarize` gives; `split`, `normalize` and `stem`
/// what `khulasa split`, `normalize` and `stem` give; `DfTable` counts, merges, saves and loads the document
/// frequencies that `--save-df`/`--df` write and read. Offsets: `start`/`end` in bytes of the UTF-8 text,
/// `cstart`/`cend` in characters.
#[pymodule]
#[pyo3(name = "khulasa")]
fn khulasa_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(summarize, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_many, m)?)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(stem, m)?)?;
    m.add_function(wrap_pyfunction!(jsonl_line, m)?)?;
    m.add_class::<PyDfTable>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION").into_py_any(m.py())?)?;
    // From this many stories on, `idf="auto"` takes a batch's own document frequencies.
    m.add("MIN_BATCH_DOCUMENTS", khulasa::pipeline::MIN_BATCH_DOCUMENTS)?;
    Ok(())
}
