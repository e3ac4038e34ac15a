use super::{InputArgs, TextFormat};
use anyhow::{bail, Context};
use clap::Args;
use khulasa::batch::{self, Status};
use khulasa::pipeline::{self, SummaryOptions};
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, DefaultScorer, DefaultWeights, DfTable};
use khulasa_stem::{Algorithm, Analyzer};
use std::io::Write;

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// At most N sentences (the default budget is 3 sentences).
    #[arg(long, group = "budget")]
    pub sentences: Option<usize>,
    /// At most N words (white-space-separated), whole sentences in rank order while they fit, at least one.
    #[arg(long, group = "budget")]
    pub words: Option<usize>,
    /// At most this fraction of the document's words.
    #[arg(long, group = "budget")]
    pub ratio: Option<f64>,
    /// The scorer.
    #[arg(long, default_value = "default", value_parser = khulasa_score::SCORER_NAMES)]
    pub scorer: String,
    /// The stemmer behind the terms.
    #[arg(long, default_value = "light", value_parser = ["light", "snowball", "none"])]
    pub stemmer: String,
    /// Keep stop words in the terms.
    #[arg(long)]
    pub keep_stopwords: bool,
    /// Redundancy control (MMR): λ weighs a sentence's score against its likeness to those already chosen;
    /// 1 is plain rank order, lower values say less twice.
    #[arg(long, value_name = "λ", default_value_t = khulasa_score::DEFAULT_DIVERSITY, value_parser = lambda)]
    pub diversity: f64,
    /// Weights of the default scorer: centrality,position,relative,headline,centroid,length (as fitted by
    /// scripts/fit-default.py; the built-in ones are used when absent).
    #[arg(long, value_name = "C,P,R,H,M,L", value_parser = weights)]
    pub weights: Option<DefaultWeights>,
    /// Where IDF comes from: `auto` counts the batch when it holds at least 100 documents, else uses the
    /// background table (corpora/df-ar.tsv; light stems without stop words, so other term settings fall back to
    /// `document`); `document` counts the document's own sentences.
    #[arg(long, value_enum, default_value = "auto")]
    pub idf: IdfSource,
    /// Load document frequencies from FILE (a table written by `--save-df`, or several shards' tables merged by
    /// `khulasa-score`'s `DfTable::merge`) instead of counting the batch.
    #[arg(long, value_name = "FILE")]
    pub df: Option<std::path::PathBuf>,
    /// Write the batch's document frequencies to FILE (`#documents<TAB>N`, then `term<TAB>count` lines).
    #[arg(long, value_name = "FILE")]
    pub save_df: Option<std::path::PathBuf>,
    /// `text`: the sentences in document order; `jsonl`: one object a document.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
}

/// Where IDF comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IdfSource {
    /// The batch when large enough, else the background table.
    Auto,
    /// Always the batch being processed.
    Batch,
    /// The background table shipped in corpora/.
    Background,
    /// The document alone (its sentences as documents).
    Document,
}

/// `--diversity`: a number from 0 to 1 (a usage error otherwise).
fn lambda(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(l) if (0.0..=1.0).contains(&l) => Ok(l),
        _ => Err(format!("must be a number between 0 and 1, not {text}")),
    }
}

/// `--weights`: six comma-separated numbers (a usage error otherwise).
fn weights(text: &str) -> Result<DefaultWeights, String> {
    DefaultWeights::parse(text).map_err(|e| e.to_string())
}

impl SummarizeArgs {
    pub fn budget(&self) -> anyhow::Result<Budget> {
        Ok(match (self.sentences, self.words, self.ratio) {
            (Some(n), _, _) => Budget::Sentences(n),
            (_, Some(n), _) => Budget::Words(n),
            (_, _, Some(r)) if (0.0..=1.0).contains(&r) => Budget::Ratio(r),
            (_, _, Some(r)) => bail!("--ratio must be between 0 and 1, not {r}"),
            _ => Budget::Sentences(3),
        })
    }
}

pub fn run(args: &SummarizeArgs) -> anyhow::Result<Status> {
    let budget = args.budget()?;
    let algorithm = Algorithm::parse(&args.stemmer).unwrap_or(Algorithm::Light);
    let analyzer = Analyzer::new(algorithm, !args.keep_stopwords);
    let scorer: Box<dyn khulasa_score::Scorer> = match (&args.weights, args.scorer.as_str()) {
        (Some(w), "default") => Box::new(DefaultScorer::new(*w)),
        (Some(_), other) => bail!("--weights applies to the default scorer only, not {other}"),
        (None, name) => match khulasa_score::scorer(name) {
            Some(s) => s,
            None => bail!("unknown scorer {name}"),
        },
    };
    let batch_table;
    // The repair's lexicon (some 35 ms to unpack) loads while the first pass counts the batch, which needs no
    // repair (with `--threads 1`, one after the other: one thread means one core).
    let (repairer, counted) = if rayon::current_num_threads() > 1 {
        std::thread::scope(|scope| {
            let loading = scope.spawn(Repairer::new);
            let counted = idf_table(args, &analyzer);
            let repairer = loading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (repairer, counted)
        })
    } else {
        (Repairer::new(), idf_table(args, &analyzer))
    };
    let (table, kept) = counted?;
    let df = match table {
        Some(table) => {
            batch_table = table;
            Some(&batch_table)
        }
        None if args.idf == IdfSource::Document => None,
        // The table's terms are light stems without stop words; other terms would all miss it.
        None if args.stemmer != "light" || args.keep_stopwords => None,
        None => Some(pipeline::background_df()),
    };
    let options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget,
        df,
    };
    let mut out = super::stdout();
    // With one document the summary is printed alone; with several each opens with `# ID`. A directory or feed
    // may hold just one, so the first block waits until a second document (or a failed one) shows up or the
    // input ends.
    let mut pending: Option<(String, String)> = None;
    let mut blocks = 0usize;
    let tally = batch::run(
        args.input.documents_after(kept),
        |doc| {
            let summary = pipeline::summarize_mmr(&repairer, doc, &options, args.diversity);
            if summary.picks.is_empty() {
                // A story of only a headline or counters has nothing a summary may hold: say so, never print
                // an empty summary as if it were one.
                return Err("no body sentence to summarise (only headlines, sub-headlines or furniture)".into());
            }
            Ok(summary)
        },
        |doc, summary| {
            let body = render(&summary, doc, scorer.name(), args.format);
            blocks += 1;
            if args.format == TextFormat::Jsonl {
                return out.write_all(body.as_bytes());
            }
            if let Some((id, first)) = pending.take() {
                write!(out, "# {id}\n{first}\n")?;
            }
            if blocks == 1 {
                pending = Some((doc.id.clone(), body));
                Ok(())
            } else {
                write!(out, "# {}\n{body}\n", doc.id)
            }
        },
    )?;
    // Several documents read (some of them failed): the one summary still opens with its id.
    match pending {
        Some((id, first)) if tally.documents + tally.failures > 1 => write!(out, "# {id}\n{first}\n")?,
        Some((_, first)) => out.write_all(first.as_bytes())?,
        None => {}
    }
    out.flush()?;
    Ok(tally.status())
}

/// The IDF table `--idf` asks for: `--df FILE` when given, else the batch's own counts (a first pass over the
/// inputs) when asked for or, with `auto`, when the batch holds enough documents; `--save-df` writes the table.
fn idf_table(args: &SummarizeArgs, analyzer: &Analyzer) -> anyhow::Result<(Option<DfTable>, Option<super::Kept>)> {
    if let Some(path) = &args.df {
        let file = std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
        let table = DfTable::read(std::io::BufReader::new(file)).with_context(|| format!("{}", path.display()))?;
        return Ok((Some(table), None));
    }
    let wanted = matches!(args.idf, IdfSource::Auto | IdfSource::Batch) || args.save_df.is_some();
    let (table, kept) = if wanted {
        args.input.batch_df(analyzer)?
    } else {
        (None, None)
    };
    if let (Some(path), Some(table)) = (&args.save_df, &table) {
        super::atomic::write_file(path, |out| table.write(out))?;
    }
    let table = match args.idf {
        IdfSource::Auto => table.filter(|t| t.documents >= khulasa::df::MIN_BATCH_DOCUMENTS),
        IdfSource::Batch => table,
        _ => None,
    };
    Ok((table, kept))
}

/// One document's summary, as text lines or one JSON line.
fn render(summary: &pipeline::Summary, doc: &khulasa::input::Document, scorer: &str, format: TextFormat) -> String {
    let picked = summary.picks.iter().filter_map(|pick| {
        let u = *summary.scored.get(pick.index)?;
        Some((u, pick, summary.split.units.get(u)?))
    });
    match format {
        TextFormat::Text => picked.map(|(_, _, unit)| format!("{}\n", unit.text)).collect(),
        TextFormat::Jsonl => {
            let line = JsonSummary {
                encoding: doc.encoding.name(),
                id: &doc.id,
                scorer,
                sentences: picked
                    .map(|(u, pick, unit)| JsonSentence {
                        end: unit.end,
                        index: u,
                        rank: pick.rank,
                        score: pick.score,
                        start: unit.start,
                        text: &unit.text,
                    })
                    .collect(),
            };
            let line = serde_json::to_string(&line).unwrap_or_default();
            format!("{line}\n")
        }
    }
}

/// One JSONL summary line; fields in alphabetical order, the order of the format since its first release.
#[derive(serde::Serialize)]
struct JsonSummary<'a> {
    encoding: &'a str,
    id: &'a str,
    scorer: &'a str,
    sentences: Vec<JsonSentence<'a>>,
}

#[derive(serde::Serialize)]
struct JsonSentence<'a> {
    end: usize,
    index: usize,
    rank: usize,
    score: f64,
    start: usize,
    text: &'a str,
}
