use super::{InputArgs, TextFormat};
use anyhow::bail;
use clap::Args;
use khulasa::batch::{self, Status};
use khulasa::pipeline::{self, SummaryOptions};
use khulasa_normalize::Repairer;
use khulasa_score::Budget;
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
    /// `text`: the sentences in document order; `jsonl`: one object a document.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextFormat,
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
    let repairer = Repairer::new();
    let algorithm = Algorithm::parse(&args.stemmer).unwrap_or(Algorithm::Light);
    let analyzer = Analyzer::new(algorithm, !args.keep_stopwords);
    let Some(scorer) = khulasa_score::scorer(&args.scorer) else {
        bail!("unknown scorer {}", args.scorer);
    };
    let options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget,
        df: None,
    };
    let mut out = super::stdout();
    // With one document the summary is printed alone; with several each opens with `# ID`. A directory or feed
    // may hold just one, so the first block waits until a second document shows up or the input ends.
    let mut pending: Option<(String, String)> = None;
    let mut blocks = 0usize;
    let tally = batch::run(
        args.input.documents(),
        |doc| Ok(pipeline::summarize(&repairer, doc, &options)),
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
    if let Some((_, first)) = pending {
        out.write_all(first.as_bytes())?;
    }
    out.flush()?;
    Ok(tally.status())
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
            let sentences: Vec<_> = picked
                .map(|(u, pick, unit)| {
                    serde_json::json!({
                        "index": u,
                        "start": unit.start,
                        "end": unit.end,
                        "rank": pick.rank,
                        "score": pick.score,
                        "text": unit.text,
                    })
                })
                .collect();
            let line = serde_json::json!({
                "id": doc.id,
                "scorer": scorer,
                "encoding": doc.encoding.name(),
                "sentences": sentences,
            });
            format!("{line}\n")
        }
    }
}
