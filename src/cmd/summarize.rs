use super::{printable, InputArgs, TextFormat};
use anyhow::{bail, Context};
use clap::Args;
use khulasa::batch::{self, Reporting, Status};
use khulasa::jsonl::{given, SentenceLine, SummaryLine};
use khulasa::pipeline::{self, SummaryOptions};
use khulasa::spool;
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, DefaultScorer, DefaultWeights, DfTable};
use khulasa_stem::{Algorithm, Analyzer};
use std::fmt::Write as _;
use std::io::Write;

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// At most N sentences (the default budget is 3 sentences).
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::at_least_one)]
    pub sentences: Option<usize>,
    /// At most N words (white-space-separated), whole sentences in rank order while they fit, at least one.
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::at_least_one)]
    pub words: Option<usize>,
    /// At most this fraction of the document's words (0 to 1).
    #[arg(long, group = "budget", allow_negative_numbers = true, value_parser = super::fraction)]
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
    /// Weights of the weighted scorer: centrality,position,relative,headline,centroid,length (as fitted by
    /// scripts/fit-default.py; the built-in ones are used when absent).
    #[arg(long, value_name = "C,P,R,H,M,L", value_parser = weights)]
    pub weights: Option<DefaultWeights>,
    /// Where IDF comes from: `auto` counts the batch when it holds at least 100 documents, else uses the
    /// background table (crates/score/data/df-ar.tsv; light stems without stop words, so other term settings fall back to
    /// `document`); `document` counts the document's own sentences. Read only by scorers other than `default`
    /// and `lead`, and by `--diversity` below 1: otherwise nothing is counted (but for `--save-df`).
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
pub(super) fn lambda(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(l) if (0.0..=1.0).contains(&l) => Ok(l),
        _ => Err(format!("must be a number between 0 and 1, not {text}")),
    }
}

/// `--weights`: six comma-separated numbers (a usage error otherwise).
pub(super) fn weights(text: &str) -> Result<DefaultWeights, String> {
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

pub fn run(args: &SummarizeArgs, reporting: &Reporting) -> anyhow::Result<Status> {
    let budget = args.budget()?;
    let algorithm = Algorithm::parse(&args.stemmer).unwrap_or(Algorithm::Light);
    let analyzer = Analyzer::new(algorithm, !args.keep_stopwords);
    let scorer: Box<dyn khulasa_score::Scorer> = match (&args.weights, args.scorer.as_str()) {
        (Some(w), "weighted") => Box::new(DefaultScorer::new(*w)),
        (Some(_), other) => bail!("--weights applies to the weighted scorer only, not {other}"),
        (None, name) => match khulasa_score::scorer(name) {
            Some(s) => s,
            None => bail!("unknown scorer {name}"),
        },
    };
    let loaded = match &args.df {
        Some(path) => {
            let file = std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            Some(DfTable::read(std::io::BufReader::new(file)).with_context(|| format!("{}", path.display()))?)
        }
        None => None,
    };
    let reads_idf = pipeline::reads_idf(scorer.as_ref(), args.diversity);
    let counting = loaded.is_none()
        && ((reads_idf && matches!(args.idf, IdfSource::Auto | IdfSource::Batch)) || args.save_df.is_some());
    let repairer = Repairer::new();
    let mut output = Output::new(args.format);
    let tally = if counting {
        summarize_counted(
            args,
            &repairer,
            &analyzer,
            scorer.as_ref(),
            budget,
            &mut output,
            reporting,
        )?
    } else {
        let df = match (&loaded, args.idf) {
            (Some(table), _) => Some(table),
            (None, IdfSource::Document) => None,
            // Nothing reads it.
            (None, _) if !reads_idf => None,
            (None, _) => background(args),
        };
        let options = SummaryOptions {
            analyzer: &analyzer,
            scorer: scorer.as_ref(),
            budget,
            df,
        };
        // The closing report counts the desk's work on every unit; without it, a story is read as far as its
        // summary needs.
        let summarize = if reporting.reports() {
            pipeline::summarize_mmr
        } else {
            pipeline::summarize_as_needed
        };
        batch::run(
            args.input.documents(),
            |doc, counts| {
                let summary = summarize(&repairer, doc, &options, args.diversity);
                counts.sentences += summary.split.units.len();
                counts.desk.add(&summary.desk);
                let picked = summary.picks.iter().filter_map(|pick| {
                    let u = *summary.scored.get(pick.index)?;
                    let unit = summary.split.units.get(u)?;
                    Some(Picked::new(u, pick, unit.start, unit.end, &unit.text))
                });
                let date = doc.day.map(|d| d.to_string()).unwrap_or_default();
                let story = Story {
                    id: &doc.id,
                    encoding: doc.encoding.name(),
                    title: doc.title.as_deref().unwrap_or(""),
                    source: doc.source.as_deref().unwrap_or(""),
                    date: &date,
                };
                let body = render(picked, &story, scorer.name(), args.format)?;
                Ok((story.header(), body))
            },
            |_, (header, body)| output.write(&header, body),
            reporting.progress(""),
        )?
    };
    reporting.close(&tally);
    output.finish(tally)?;
    Ok(tally.status())
}

/// The background table, when the terms are those it holds (light stems without stop words).
fn background(args: &SummarizeArgs) -> Option<&'static DfTable> {
    takes_background(args).then(pipeline::background_df)
}

/// Whether the background table holds the terms `args` make ([`pipeline::takes_background`]).
fn takes_background(args: &SummarizeArgs) -> bool {
    let algorithm = Algorithm::parse(&args.stemmer).unwrap_or(Algorithm::Light);
    pipeline::takes_background(algorithm, args.keep_stopwords)
}

/// Summarises a batch with its own document frequencies: a first pass repairs, splits and analyses every document,
/// counts its terms and keeps the work in a [`spool::Spool`]; once the table is complete, a second pass scores and
/// selects from the spool.
fn summarize_counted(
    args: &SummarizeArgs,
    repairer: &Repairer,
    analyzer: &Analyzer,
    scorer: &dyn khulasa_score::Scorer,
    budget: khulasa_score::Budget,
    output: &mut Output,
    reporting: &Reporting,
) -> anyhow::Result<batch::Tally> {
    if let Some(path) = &args.save_df {
        super::atomic::refuse_overwriting_inputs(path, &args.input.inputs)?;
    }
    let counted = khulasa::df::count_and_keep(
        args.input.documents(),
        repairer,
        analyzer,
        reporting.progress("reading"),
    )?;
    if let Some(path) = &args.save_df {
        super::atomic::write_file(path, |out| counted.table().write(out))?;
    }
    let batch = counted.documents >= khulasa::df::MIN_BATCH_DOCUMENTS;
    // Looked up once for each term of the batch, not once for each term of each story; the batch's own counts
    // are already by term id.
    let idf = match args.idf {
        IdfSource::Batch => Some(counted.batch_idf_by_id()),
        IdfSource::Auto if batch => Some(counted.batch_idf_by_id()),
        IdfSource::Document => None,
        _ => takes_background(args).then(|| counted.background_idf_by_id()),
    };
    let options = SummaryOptions {
        analyzer,
        scorer,
        budget,
        // The second pass takes IDF by term id from `idf`.
        df: None,
    };
    let khulasa::df::Counted { kept, tally, .. } = counted;
    let written = spool::second_pass(
        kept,
        |view| {
            let idf = view.idf(idf.as_deref());
            let spool::View {
                id,
                encoding,
                title,
                source,
                date,
                units,
                scored,
                sentences,
                standing,
                ..
            } = view;
            let doc = khulasa_score::Document { idf, sentences };
            let (_, picks) = pipeline::score_and_select(&doc, &standing, &options, args.diversity);
            let picked = picks.iter().filter_map(|pick| {
                let u = *scored.get(pick.index)?;
                let unit = units.get(u)?;
                Some(Picked::new(u, pick, unit.start, unit.end, unit.text))
            });
            let story = Story {
                id,
                encoding,
                title,
                source,
                date,
            };
            let body = render(picked, &story, scorer.name(), args.format)?;
            Ok((story.header(), body))
        },
        |_, (header, body)| output.write(&header, body),
        reporting.progress("writing"),
    )?;
    Ok(tally.then(written))
}

/// Where summaries go: with one document the summary is printed alone; with several each opens with `# ID`. A
/// directory or feed may hold just one, so the first block waits until a second document (or a failed one)
/// shows up or the input ends.
struct Output {
    out: std::io::BufWriter<super::Stdout>,
    format: TextFormat,
    pending: Option<(Header, String)>,
    blocks: usize,
}

impl Output {
    fn new(format: TextFormat) -> Output {
        Output {
            out: super::stdout(),
            format,
            pending: None,
            blocks: 0,
        }
    }

    /// Writes a document's summary under its header ([`Story::header`]).
    fn write(&mut self, header: &Header, body: String) -> std::io::Result<()> {
        self.blocks += 1;
        if self.format == TextFormat::Jsonl {
            return self.out.write_all(body.as_bytes());
        }
        if let Some((header, first)) = self.pending.take() {
            writeln!(self.out, "{}{first}", header.block)?;
        }
        if self.blocks == 1 {
            self.pending = Some((header.clone(), body));
            Ok(())
        } else {
            writeln!(self.out, "{}{body}", header.block)
        }
    }

    fn finish(mut self, tally: batch::Tally) -> std::io::Result<()> {
        // Several documents read (some of them failed), or a story with a title, outlet or date: the summary opens
        // with its header; a lone text file's summary is printed alone.
        match self.pending.take() {
            Some((header, first)) if tally.documents + tally.failures > 1 || header.has_metadata => {
                writeln!(self.out, "{}{first}", header.block)?
            }
            Some((_, first)) => self.out.write_all(first.as_bytes())?,
            None => {}
        }
        self.out.flush()
    }
}

/// A selected sentence: its index among the document's units, its rank and score, where it is and its text.
struct Picked<'a> {
    index: usize,
    rank: usize,
    score: f64,
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> Picked<'a> {
    fn new(index: usize, pick: &khulasa_score::Pick, start: usize, end: usize, text: &'a str) -> Self {
        Picked {
            index,
            rank: pick.rank,
            score: pick.score,
            start,
            end,
            text,
        }
    }
}

/// One document's summary, as text lines or one JSON line; an error for a document with nothing to summarise.
fn render<'a>(
    picked: impl Iterator<Item = Picked<'a>>,
    story: &Story,
    scorer: &str,
    format: TextFormat,
) -> Result<String, String> {
    let picked: Vec<Picked> = picked.collect();
    if picked.is_empty() {
        // A story of only a headline or counters has nothing a summary may hold: say so, never print an empty
        // summary as if it were one.
        return Err("no body sentence to summarise (only headlines, sub-headlines or furniture)".into());
    }
    Ok(match format {
        TextFormat::Text => picked.iter().map(|p| format!("{}\n", p.text)).collect(),
        TextFormat::Jsonl => json_line(&picked, story, scorer),
    })
}

/// One JSONL summary line ([`SummaryLine`]).
fn json_line(picked: &[Picked], story: &Story, scorer: &str) -> String {
    SummaryLine {
        date: given(story.date),
        encoding: story.encoding,
        id: story.id,
        scorer,
        sentences: picked
            .iter()
            .map(|p| SentenceLine {
                end: p.end,
                index: p.index,
                rank: p.rank,
                score: p.score,
                start: p.start,
                text: p.text,
            })
            .collect(),
        source: given(story.source),
        title: given(story.title),
    }
    .to_line()
}

/// What identifies a story in the output: its id, and the title, outlet and day a feed gave (empty when none).
struct Story<'a> {
    id: &'a str,
    encoding: &'a str,
    title: &'a str,
    source: &'a str,
    date: &'a str,
}

/// A summary's block header in text output.
#[derive(Debug, Clone)]
struct Header {
    /// `# ID · SOURCE · DATE` and `## TITLE` lines, each ending in a line break.
    block: String,
    /// Whether the story had a title, outlet or date (then even a lone summary is printed under its header).
    has_metadata: bool,
}

impl Story<'_> {
    /// The text output's header: `# ID · SOURCE · DATE`, then `## TITLE` when there is one; control characters
    /// of any of them written as `\u{…}` escapes, so that a field cannot forge a line or reach the terminal.
    fn header(&self) -> Header {
        let mut block = format!("# {}", printable(self.id));
        for part in [self.source, self.date] {
            if !part.is_empty() {
                let _ = write!(block, " · {}", printable(part));
            }
        }
        block.push('\n');
        if !self.title.is_empty() {
            let _ = writeln!(block, "## {}", printable(&pipeline::one_line(self.title)));
        }
        Header {
            block,
            has_metadata: !(self.title.is_empty() && self.source.is_empty() && self.date.is_empty()),
        }
    }
}
