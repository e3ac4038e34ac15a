//! `khulasa eval`: measures khulasa against gold data. Three tasks share the harness:
//! - `summary` (the default): ROUGE of a grid of scorer variants on a corpus in the EASC layout, with bootstrap
//!   intervals, a paired test against `lead`, the greedy oracle as the ceiling, and stories per second;
//! - `stem`: conflation of the stemmers against CoNLL-U gold lemmas;
//! - `split`: sentence boundaries against joined CoNLL-U sentences.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use khulasa::batch::Status;
use khulasa::input::Document;
use khulasa::pipeline::{self, SummaryOptions};
use khulasa_eval::boundaries::{self, Counts, Join};
use khulasa_eval::chart::{self, Bar, BarKind};
use khulasa_eval::conflation::{self, Words};
use khulasa_eval::corpus::{self, Article};
use khulasa_eval::oracle::{greedy_oracle, Candidate};
use khulasa_eval::report::{self, Format, VariantScores};
use khulasa_eval::rouge::{rouge_multi, Metric, Rouge};
use khulasa_eval::{rouge_tokens, stats, word_count};
use khulasa_normalize::Repairer;
use khulasa_score::Budget;
use khulasa_split::Kind;
use khulasa_stem::{Algorithm, Analyzer};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The variant every other is tested against.
const BASELINE: &str = "lead";
/// The stemmer and stop-word setting of `khulasa summarize` when not told otherwise.
const DEFAULT_STEMMER: &str = "light";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// ROUGE of summaries on a corpus in the EASC layout (articles/NAME.txt, summaries/NAME/*.txt).
    Summary,
    /// Stemmer conflation against the gold lemmas of CoNLL-U files.
    Stem,
    /// Sentence boundaries against the `# text` sentences of CoNLL-U files, joined five at a time.
    Split,
    /// The digest's events against hand-made groupings (`id<TAB>event` files) of the stories of `--feed`:
    /// B-cubed precision, recall and F1.
    Events,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns.
    Table,
    /// A Markdown table.
    Markdown,
    /// Comma-separated values (every figure).
    Csv,
    /// JSON.
    Json,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Table => Format::Table,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortMetric {
    /// ROUGE-1 F1.
    Rouge1,
    /// ROUGE-2 F1.
    Rouge2,
    /// ROUGE-L F1.
    #[value(name = "rougeL", alias = "rougel")]
    RougeL,
}

impl From<SortMetric> for Metric {
    fn from(m: SortMetric) -> Metric {
        match m {
            SortMetric::Rouge1 => Metric::Rouge1,
            SortMetric::Rouge2 => Metric::Rouge2,
            SortMetric::RougeL => Metric::RougeL,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WordsArg {
    /// Surface words if the file has `# text` lines (tokens glued by SpaceAfter=No), else syntactic words.
    Auto,
    /// Surface words: tokens glued by SpaceAfter=No (UD Arabic-PUD).
    Surface,
    /// Syntactic words, one a line, vowels stripped (UD Arabic-PADT).
    Syntactic,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// summary: one corpus directory in the EASC layout; stem and split: CoNLL-U files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// What to evaluate.
    #[arg(long, value_enum, default_value = "summary")]
    pub task: Task,
    /// summary: `ref` = each article's rounded mean reference length in words (the default budget).
    #[arg(long, value_parser = ["ref"], group = "size")]
    pub budget: Option<String>,
    /// summary: at most N sentences per summary.
    #[arg(long, group = "size", allow_negative_numbers = true, value_parser = super::at_least_one)]
    pub sentences: Option<usize>,
    /// summary: at most N white-space-separated words per summary.
    #[arg(long, group = "size", allow_negative_numbers = true, value_parser = super::at_least_one)]
    pub words: Option<usize>,
    /// summary: at most this fraction of each article's words (0 to 1).
    #[arg(long, group = "size", allow_negative_numbers = true, value_parser = super::fraction)]
    pub ratio: Option<f64>,
    /// summary: scorers of the grid, comma-separated, or `all`.
    #[arg(long, default_value = "all", value_delimiter = ',')]
    pub scorers: Vec<String>,
    /// summary: stemmers behind the scorers' terms (none, light, snowball, or all); stem: algorithms to measure.
    #[arg(long, value_delimiter = ',')]
    pub stemmers: Vec<String>,
    /// summary: stop-word settings of the grid: `on` (left out of the terms), `off` (kept), or `on,off`.
    #[arg(long, default_value = "on", value_delimiter = ',', value_parser = ["on", "off"])]
    pub stopwords: Vec<String>,
    /// summary: the metric the table is sorted by, and whose interval and paired test it shows.
    #[arg(long, value_enum, default_value = "rouge2")]
    pub sort: SortMetric,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// summary: also write a bar chart (SVG) of the sort metric with its 95% intervals.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// summary: also write every variant's summaries as DIR/VARIANT/ARTICLE.txt, one sentence a line.
    #[arg(long, value_name = "DIR")]
    pub save_summaries: Option<PathBuf>,
    /// summary: leave out the greedy oracle.
    #[arg(long)]
    pub no_oracle: bool,
    /// summary: bootstrap and randomisation-test resamples (1 to 1,000,000).
    #[arg(long, default_value_t = stats::RESAMPLES, value_parser = resamples)]
    pub resamples: usize,
    /// summary: seed of the resampling (the same seed always gives the same intervals).
    #[arg(long, default_value_t = stats::SEED)]
    pub seed: u64,
    /// stem: what a word is in the CoNLL-U files.
    #[arg(long, value_enum, default_value = "auto")]
    pub conllu_words: WordsArg,
    /// split: print up to N paragraphs where the boundaries differ, per join, on standard error.
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
    /// events: the JSONL feed holding the stories the groupings name.
    #[arg(long, value_name = "FEED")]
    pub feed: Option<PathBuf>,
    /// events: the id field of the feed.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// events: the digest's threshold (default: its own).
    #[arg(long)]
    pub threshold: Option<f64>,
}

/// `--resamples`: 1 to 1,000,000 (a million resamples already take minutes; more would never end).
fn resamples(text: &str) -> std::result::Result<usize, String> {
    match super::at_least_one(text) {
        Ok(n) if n <= 1_000_000 => Ok(n),
        Ok(_) => Err(format!("at most 1000000, not {text}")),
        Err(e) => Err(e),
    }
}

pub fn run(args: &EvalArgs) -> Result<Status> {
    match args.task {
        Task::Summary => summary(args),
        Task::Stem => stem(args),
        Task::Split => split(args),
        Task::Events => events(args),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// summary

/// One cell of the grid.
struct Variant {
    name: String,
    scorer: String,
    stemmer: String,
    stopwords: bool,
}

fn variant_name(scorer: &str, stemmer: &str, stopwords: bool) -> String {
    let mut name = scorer.to_owned();
    if stemmer != DEFAULT_STEMMER {
        name.push_str(&format!("/{stemmer}"));
    }
    if !stopwords {
        name.push_str("/stopwords-kept");
    }
    name
}

fn expand(list: &[String], all: &[&str], what: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in list {
        if item == "all" {
            out.extend(all.iter().map(|s| (*s).to_owned()));
        } else if all.contains(&item.as_str()) {
            out.push(item.clone());
        } else {
            bail!("unknown {what} `{item}` (known: {}, or all)", all.join(", "));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|x| seen.insert(x.clone()));
    Ok(out)
}

const STEMMERS: [&str; 3] = ["none", "light", "snowball"];

fn grid(args: &EvalArgs) -> Result<Vec<Variant>> {
    let scorers = expand(&args.scorers, &khulasa_score::SCORER_NAMES, "scorer")?;
    let stemmer_list = if args.stemmers.is_empty() {
        vec![DEFAULT_STEMMER.to_owned()]
    } else {
        args.stemmers.clone()
    };
    let stemmers = expand(&stemmer_list, &STEMMERS, "stemmer")?;
    let mut variants = Vec::new();
    // The baseline comes first and always: every other variant is tested against it.
    variants.push(Variant {
        name: BASELINE.to_owned(),
        scorer: BASELINE.to_owned(),
        stemmer: DEFAULT_STEMMER.to_owned(),
        stopwords: true,
    });
    for scorer in &scorers {
        for stemmer in &stemmers {
            for setting in &args.stopwords {
                let stopwords = setting == "on";
                let name = variant_name(scorer, stemmer, stopwords);
                if variants.iter().any(|v| v.name == name) {
                    continue;
                }
                variants.push(Variant {
                    name,
                    scorer: scorer.clone(),
                    stemmer: stemmer.clone(),
                    stopwords,
                });
            }
        }
    }
    Ok(variants)
}

/// The budget as the user gave it: a name for reports and, per article, what selection gets.
#[derive(Debug, Clone, Copy)]
enum BudgetArg {
    Reference,
    Fixed(Budget),
}

impl BudgetArg {
    fn parse(args: &EvalArgs) -> Result<BudgetArg> {
        Ok(match (args.sentences, args.words, args.ratio) {
            (Some(n), _, _) => BudgetArg::Fixed(Budget::Sentences(n)),
            (_, Some(n), _) => BudgetArg::Fixed(Budget::Words(n)),
            (_, _, Some(r)) if r > 0.0 && r <= 1.0 => BudgetArg::Fixed(Budget::Ratio(r)),
            (_, _, Some(r)) => bail!("--ratio must be above 0 and at most 1, not {r}"),
            _ => BudgetArg::Reference,
        })
    }

    fn name(self) -> String {
        match self {
            BudgetArg::Reference => "ref".to_owned(),
            BudgetArg::Fixed(Budget::Sentences(n)) => format!("sentences={n}"),
            BudgetArg::Fixed(Budget::Words(n)) => format!("words={n}"),
            BudgetArg::Fixed(Budget::Ratio(r)) => format!("ratio={r}"),
        }
    }

    fn for_article(self, article: &Prepared) -> Budget {
        match self {
            BudgetArg::Reference => Budget::Words(article.reference_words),
            BudgetArg::Fixed(b) => b,
        }
    }
}

/// An article read and tokenised once, shared by every variant.
struct Prepared {
    article: Article,
    doc: Document,
    references: Vec<Vec<String>>,
    reference_words: usize,
}

/// One variant's summaries and scores.
struct Outcome {
    per_article: Vec<Rouge>,
    summaries: Vec<Vec<String>>,
    busy: Duration,
}

/// ROUGE of a summary given as its sentences.
fn score_summary(sentences: &[String], references: &[Vec<String>]) -> Rouge {
    let tokens = rouge_tokens(&sentences.join("\n"));
    rouge_multi(&tokens, references)
}

fn run_variant(variant: &Variant, articles: &[Prepared], budget: BudgetArg, repairer: &Repairer) -> Result<Outcome> {
    let algorithm = Algorithm::parse(&variant.stemmer).with_context(|| format!("stemmer {}", variant.stemmer))?;
    let analyzer = Analyzer::new(algorithm, variant.stopwords);
    let scorer =
        khulasa_score::scorer(&variant.scorer).with_context(|| format!("unknown scorer {}", variant.scorer))?;
    let results: Vec<(Vec<String>, Rouge, Duration)> = articles
        .par_iter()
        .map(|a| {
            let options = SummaryOptions {
                analyzer: &analyzer,
                scorer: scorer.as_ref(),
                budget: budget.for_article(a),
                // As `summarize` does for a batch this small: the background table, whose terms are light stems
                // without stop words; other term settings count the document's own sentences.
                df: pipeline::takes_background(algorithm, !variant.stopwords).then(pipeline::background_df),
            };
            // Only the summariser is timed: scoring the summary is the harness's cost, not khulasa's.
            let started = Instant::now();
            let summary = pipeline::summarize(repairer, &a.doc, &options);
            let busy = started.elapsed();
            let sentences: Vec<String> = summary
                .picks
                .iter()
                .filter_map(|p| summary.split.units.get(*summary.scored.get(p.index)?))
                .map(|u| u.text.clone())
                .collect();
            let rouge = score_summary(&sentences, &a.references);
            (sentences, rouge, busy)
        })
        .collect();
    let busy = results.iter().map(|r| r.2).sum();
    let (summaries, per_article): (Vec<_>, Vec<_>) = results.into_iter().map(|(s, r, _)| (s, r)).unzip();
    Ok(Outcome {
        per_article,
        summaries,
        busy,
    })
}

fn run_oracle(articles: &[Prepared], budget: BudgetArg, repairer: &Repairer) -> Outcome {
    let results: Vec<(Vec<String>, Rouge)> = articles
        .par_iter()
        .map(|a| {
            let split = pipeline::split(repairer, &a.doc);
            // Only body sentences, as selection only ever picks those.
            let body: Vec<&str> = split
                .units
                .iter()
                .filter(|u| u.kind == Kind::Body)
                .map(|u| u.text.as_str())
                .collect();
            let candidates: Vec<Candidate<String>> = body
                .iter()
                .map(|t| Candidate {
                    tokens: rouge_tokens(t),
                    words: word_count(t),
                })
                .collect();
            let (words, sentences) = match budget.for_article(a) {
                Budget::Words(w) => (w, usize::MAX),
                Budget::Sentences(n) => (usize::MAX, n),
                Budget::Ratio(r) => {
                    // As selection does: a fraction of all the document's words, headlines included.
                    let total: usize = split
                        .units
                        .iter()
                        .filter(|u| u.kind != Kind::Furniture)
                        .map(|u| word_count(&u.text))
                        .sum();
                    ((r * total as f64).round() as usize, usize::MAX)
                }
            };
            let picks = greedy_oracle(&candidates, &a.references, words, sentences);
            let chosen: Vec<String> = picks
                .iter()
                .filter_map(|&i| body.get(i))
                .map(|s| (*s).to_owned())
                .collect();
            let rouge = score_summary(&chosen, &a.references);
            (chosen, rouge)
        })
        .collect();
    let (summaries, per_article) = results.into_iter().unzip();
    Outcome {
        per_article,
        summaries,
        busy: Duration::ZERO,
    }
}

fn save_summaries(dir: &Path, variant: &str, articles: &[Prepared], summaries: &[Vec<String>]) -> Result<()> {
    let folder = dir.join(variant.replace('/', "+"));
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    for (a, sentences) in articles.iter().zip(summaries) {
        let path = folder.join(format!("{}.txt", a.article.name));
        let mut text = sentences.join("\n");
        text.push('\n');
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn summary(args: &EvalArgs) -> Result<Status> {
    let [dir] = args.inputs.as_slice() else {
        bail!("--task summary takes one corpus directory (articles/NAME.txt, summaries/NAME/*.txt)");
    };
    // Outputs written into the corpus's articles or references would replace an article or mix with the gold.
    for (option, path) in [("--chart", &args.chart), ("--save-summaries", &args.save_summaries)] {
        let Some(path) = path.as_ref() else { continue };
        for part in ["articles", "summaries"] {
            let inside = dir.join(part);
            if lies_within(path, &inside) {
                return Err(super::Usage(format!(
                    "{option} {} lies inside the corpus's {}: write it elsewhere",
                    path.display(),
                    inside.display()
                ))
                .into());
            }
        }
    }
    let budget = BudgetArg::parse(args)?;
    let variants = grid(args)?;
    // An empty article or reference would be scored 0 and pull the means down without a word: each is reported
    // and left out, and the run ends with exit code 2.
    let mut left_out = 0usize;
    let articles: Vec<Prepared> = corpus::load(dir)?
        .into_iter()
        .filter_map(|mut article| {
            let summaries = dir.join("summaries").join(&article.name);
            let before = article.references.len();
            article.references.retain(|r| !rouge_tokens(r).is_empty());
            if article.references.len() < before {
                left_out += 1;
                khulasa::batch::warn(&format!(
                    "{}: {} of {before} references have no words; left out",
                    super::printable(&summaries.display().to_string()),
                    before - article.references.len()
                ));
            }
            if rouge_tokens(&article.text).is_empty() || article.references.is_empty() {
                left_out += 1;
                let what = if article.references.is_empty() {
                    "no reference with words"
                } else {
                    "no words"
                };
                khulasa::batch::warn(&format!(
                    "{}: {what}; the article is left out",
                    super::printable(&article.path.display().to_string())
                ));
                return None;
            }
            Some(Prepared {
                doc: Document::new(&article.name, &article.text),
                references: article.references.iter().map(|r| rouge_tokens(r)).collect(),
                reference_words: article.reference_words(),
                article,
            })
        })
        .collect();
    if articles.is_empty() {
        bail!("{}: no article left to evaluate", dir.display());
    }
    let repairer = Repairer::new();
    let mut scores = Vec::new();
    for v in &variants {
        let outcome = run_variant(v, &articles, budget, &repairer)?;
        if let Some(dir) = &args.save_summaries {
            save_summaries(dir, &v.name, &articles, &outcome.summaries)?;
        }
        let seconds = outcome.busy.as_secs_f64();
        scores.push(VariantScores {
            variant: v.name.clone(),
            scorer: v.scorer.clone(),
            stemmer: v.stemmer.clone(),
            stopwords: v.stopwords,
            budget: budget.name(),
            per_article: outcome.per_article,
            stories_per_s: (seconds > 0.0).then(|| articles.len() as f64 / seconds),
        });
    }
    if !args.no_oracle {
        let outcome = run_oracle(&articles, budget, &repairer);
        if let Some(dir) = &args.save_summaries {
            save_summaries(dir, "oracle", &articles, &outcome.summaries)?;
        }
        scores.push(VariantScores {
            variant: "oracle".to_owned(),
            scorer: "oracle".to_owned(),
            stemmer: "-".to_owned(),
            stopwords: false,
            budget: budget.name(),
            per_article: outcome.per_article,
            stories_per_s: None,
        });
    }
    let metric = Metric::from(args.sort);
    let mut rows = report::rows(&scores, BASELINE, args.resamples, args.seed)?;
    report::sort(&mut rows, metric);
    let mut out = super::stdout();
    report::write(&rows, args.format.into(), metric, BASELINE, &mut out)?;
    out.flush()?;
    if let Some(path) = &args.chart {
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| {
                let [low, high] = r.ci95.get(metric);
                Bar {
                    label: r.variant.clone(),
                    value: r.get(metric).f,
                    low,
                    high,
                    kind: match r.variant.as_str() {
                        BASELINE => BarKind::Baseline,
                        "default" => BarKind::Default,
                        "oracle" => BarKind::Oracle,
                        _ => BarKind::Other,
                    },
                }
            })
            .collect();
        let corpus_name = dir
            .file_name()
            .map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into());
        let title = format!("{} F1 on {corpus_name}, budget {}", metric_title(metric), budget.name());
        let note = format!(
            "{} articles; bars: mean F1 over articles (each averaged over its references); whiskers: bootstrap 95% \
             interval ({} resamples)",
            articles.len(),
            args.resamples
        );
        let svg = chart::svg(&title, &format!("{} F1 (%)", metric_title(metric)), &note, &bars);
        std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(if left_out > 0 { Status::SomeFailed } else { Status::Ok })
}

fn metric_title(metric: Metric) -> &'static str {
    match metric {
        Metric::Rouge1 => "ROUGE-1",
        Metric::Rouge2 => "ROUGE-2",
        Metric::RougeL => "ROUGE-L",
    }
}

// ---------------------------------------------------------------------------------------------------------------
// stem

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(khulasa_normalize::decode(&bytes)
        .with_context(|| format!("decoding {}", path.display()))?
        .text)
}

#[derive(serde::Serialize)]
struct StemRow {
    file: String,
    words: &'static str,
    algorithm: String,
    #[serde(flatten)]
    conflation: conflation::Conflation,
}

fn stem(args: &EvalArgs) -> Result<Status> {
    let list = if args.stemmers.is_empty() {
        vec!["all".to_owned()]
    } else {
        args.stemmers.clone()
    };
    let algorithms = expand(&list, &STEMMERS, "stemmer")?;
    let mut rows = Vec::new();
    for path in &args.inputs {
        let text = read(path)?;
        let words = match args.conllu_words {
            WordsArg::Surface => Words::Surface,
            WordsArg::Syntactic => Words::Syntactic,
            WordsArg::Auto if text.lines().any(|l| l.starts_with("# text = ")) => Words::Surface,
            WordsArg::Auto => Words::Syntactic,
        };
        let types = conflation::gold_types(&text, words);
        if types.is_empty() {
            bail!("{}: no word types with lemmas (is it CoNLL-U?)", path.display());
        }
        for name in &algorithms {
            let stemmer = Algorithm::parse(name)
                .with_context(|| format!("stemmer {name}"))?
                .stemmer();
            rows.push(StemRow {
                file: path.display().to_string(),
                words: match words {
                    Words::Surface => "surface",
                    Words::Syntactic => "syntactic",
                },
                algorithm: name.clone(),
                conflation: conflation::conflation(&types, |w| stemmer.stem(w).into_owned()),
            });
        }
    }
    write_rows(
        args,
        &rows,
        &[
            "file",
            "words",
            "algorithm",
            "types",
            "stem pairs",
            "lemma pairs",
            "P",
            "R",
            "F1",
        ],
        |r| {
            let c = &r.conflation;
            vec![
                short_name(&r.file),
                r.words.to_owned(),
                r.algorithm.clone(),
                c.types.to_string(),
                c.stem_pairs.to_string(),
                c.lemma_pairs.to_string(),
                format!("{:.3}", c.precision),
                format!("{:.3}", c.recall),
                format!("{:.3}", c.f1),
            ]
        },
    )
}

fn short_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

// ---------------------------------------------------------------------------------------------------------------
// split

#[derive(serde::Serialize)]
struct SplitRow {
    file: String,
    join: &'static str,
    paragraphs: usize,
    #[serde(flatten)]
    counts: Counts,
    precision: f64,
    recall: f64,
    f1: f64,
}

fn split(args: &EvalArgs) -> Result<Status> {
    let repairer = Repairer::new();
    let mut rows = Vec::new();
    for path in &args.inputs {
        let sentences = boundaries::conllu_sentences(&read(path)?);
        if sentences.is_empty() {
            bail!("{}: no `# text = ` lines", path.display());
        }
        for join in Join::ALL {
            let paragraphs = boundaries::paragraphs(&sentences, join, boundaries::GROUP);
            let found: Vec<Vec<usize>> = paragraphs
                .par_iter()
                .map(|p| {
                    // The same path as `khulasa split`: repair, then split, offsets back in the text as given.
                    let doc = Document::new("paragraph", &p.text);
                    let split = pipeline::split(&repairer, &doc);
                    boundaries::predicted(&p.text, split.units.iter().map(|u| u.end))
                })
                .collect();
            let mut counts = Counts::default();
            let mut shown = 0;
            for (p, predicted) in paragraphs.iter().zip(&found) {
                counts.add(&p.gold, predicted);
                if shown < args.show_errors && &p.gold != predicted {
                    shown += 1;
                    // A diagnostic for a reader of standard error: a closed pipe ends it, not the run.
                    let _ = writeln!(
                        std::io::stderr(),
                        "--- {} ({}): gold {:?}, found {:?}\n{}",
                        short_name(&path.display().to_string()),
                        join.name(),
                        p.gold,
                        predicted,
                        p.text
                    );
                }
            }
            rows.push(SplitRow {
                file: path.display().to_string(),
                join: join.name(),
                paragraphs: paragraphs.len(),
                counts,
                precision: counts.precision(),
                recall: counts.recall(),
                f1: counts.f1(),
            });
        }
    }
    write_rows(
        args,
        &rows,
        &["file", "join", "paragraphs", "gold", "found", "correct", "P", "R", "F1"],
        |r| {
            vec![
                short_name(&r.file),
                r.join.to_owned(),
                r.paragraphs.to_string(),
                r.counts.gold.to_string(),
                r.counts.predicted.to_string(),
                r.counts.correct.to_string(),
                format!("{:.4}", r.precision),
                format!("{:.4}", r.recall),
                format!("{:.4}", r.f1),
            ]
        },
    )
}

/// One hand grouping scored: its stories and events, the events the digest found for them, B-cubed figures.
#[derive(serde::Serialize)]
struct EventsRow {
    file: String,
    stories: usize,
    events: usize,
    found: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

/// `--task events`: for each grouping file, the digest of the feed's stories it names, scored by B-cubed.
fn events(args: &EvalArgs) -> Result<Status> {
    let Some(feed) = &args.feed else {
        bail!("--task events needs --feed FEED, the stories the groupings name");
    };
    let defaults = khulasa_digest::Options::default();
    let settings = super::digest::Settings {
        threshold: args.threshold.unwrap_or(defaults.threshold),
        sentences: 0,
        story_sentences: 1,
        scorer: "default",
        stemmer: "light",
        keep_stopwords: false,
        keep_text: false,
    };
    let fields = khulasa::input::Fields {
        id: args.id_field.clone(),
        ..Default::default()
    };
    let mut rows = Vec::new();
    for path in &args.inputs {
        let gold = khulasa_eval::events::read(path)?;
        let wanted: std::collections::HashSet<String> = gold.iter().map(|(id, _)| id.clone()).collect();
        let documents = khulasa::input::documents(std::slice::from_ref(feed), &fields)
            .filter(move |d| d.as_ref().map_or(true, |d| wanted.contains(&d.id)));
        let assigned = super::digest::events_of(documents, &settings)?;
        let score = khulasa_eval::bcubed(&assigned, &gold).with_context(|| path.display().to_string())?;
        let labels: std::collections::HashSet<&str> = gold.iter().map(|(_, l)| l.as_str()).collect();
        let found: std::collections::HashSet<usize> = assigned.iter().map(|(_, e)| *e).collect();
        rows.push(EventsRow {
            file: path.display().to_string(),
            stories: gold.len(),
            events: labels.len(),
            found: found.len(),
            precision: score.p,
            recall: score.r,
            f1: score.f,
        });
    }
    write_rows(
        args,
        &rows,
        &["grouping", "stories", "events", "found", "B3 P", "B3 R", "B3 F1"],
        |r| {
            vec![
                short_name(&r.file),
                r.stories.to_string(),
                r.events.to_string(),
                r.found.to_string(),
                format!("{:.3}", r.precision),
                format!("{:.3}", r.recall),
                format!("{:.3}", r.f1),
            ]
        },
    )
}

/// Writes `rows` as JSON (each row serialised whole) or, in the other formats, as `header` over the cells
/// `cells` makes of each row.
fn write_rows<R: serde::Serialize>(
    args: &EvalArgs,
    rows: &[R],
    header: &[&str],
    cells: impl Fn(&R) -> Vec<String>,
) -> Result<Status> {
    let mut out = super::stdout();
    if args.format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut out, rows)?;
        writeln!(out)?;
    } else {
        let header: Vec<String> = header.iter().map(|s| (*s).to_owned()).collect();
        let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
        report::write_cells(&header, &body, args.format.into(), &mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

/// Whether `path` (which may not exist yet) is `dir` or lies under it, links resolved.
fn lies_within(path: &Path, dir: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else { return false };
    // The nearest existing ancestor, resolved, with the rest of the path put back.
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_owned()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return false,
        }
    }
    let Ok(mut resolved) = existing.canonicalize() else {
        return false;
    };
    resolved.extend(rest.iter().rev());
    resolved.starts_with(&dir)
}
