//! `khulasa digest`: the day's stories grouped into events, each summarised across its stories.

use super::InputArgs;
use anyhow::{bail, Context};
use clap::Args;
use khulasa::batch::{self, Status};
use khulasa::pipeline::{self, SummaryOptions};
use khulasa_digest::{Options, Vocabulary};
use khulasa_normalize::Repairer;
use khulasa_score::{Budget, SentenceFeatures};
use khulasa_split::Kind;
use khulasa_stem::{Algorithm, Analyzer};
use std::io::Write;

pub(super) use khulasa_export::html;

#[derive(Debug, Args)]
pub struct DigestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Groups of stories whose average TF-IDF cosine reaches this report the same event (0 to 1).
    #[arg(long, default_value_t = Options::default().threshold)]
    pub threshold: f64,
    /// Sentences in each event's summary, at most.
    #[arg(long, default_value_t = Options::default().sentences)]
    pub sentences: usize,
    /// Only the N most reported events (default: all).
    #[arg(long)]
    pub events: Option<usize>,
    /// Sentences of each story's own summary, highlighted on the review page.
    #[arg(long, default_value_t = 3)]
    pub story_sentences: usize,
    /// The scorer of each story's own summary.
    #[arg(long, default_value = "default", value_parser = khulasa_score::SCORER_NAMES)]
    pub scorer: String,
    /// The stemmer behind the terms.
    #[arg(long, default_value = "light", value_parser = ["light", "snowball", "none"])]
    pub stemmer: String,
    /// Keep stop words in the terms.
    #[arg(long)]
    pub keep_stopwords: bool,
    /// `text`: events with their summaries; `jsonl`: one object an event; `html`: the review page.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DigestFormat,
}

/// Output formats of `digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DigestFormat {
    /// Plain text.
    Text,
    /// One JSON object an event.
    Jsonl,
    /// The self-contained review page.
    Html,
}

/// A story as the digest keeps it: what it was read as, its own summary, and its features in the batch vocabulary.
struct Story {
    id: String,
    title: Option<String>,
    text: String,
    summary: pipeline::Summary,
}

/// What one story's analysis gives, before its terms join the batch vocabulary.
struct Analysed {
    summary: pipeline::Summary,
    /// Local term names, indexed by the local ids in `sentences`.
    names: pipeline::TermNames,
    sentences: Vec<SentenceFeatures>,
}

pub fn run(args: &DigestArgs) -> anyhow::Result<Status> {
    let repairer = Repairer::new();
    let algorithm = Algorithm::parse(&args.stemmer).unwrap_or(Algorithm::Light);
    let analyzer = Analyzer::new(algorithm, !args.keep_stopwords);
    let Some(scorer) = khulasa_score::scorer(&args.scorer) else {
        bail!("unknown scorer {}", args.scorer);
    };
    let summary_options = SummaryOptions {
        analyzer: &analyzer,
        scorer: scorer.as_ref(),
        budget: Budget::Sentences(args.story_sentences),
        df: None,
    };
    let options = Options {
        threshold: args.threshold,
        sentences: args.sentences,
        ..Options::default()
    };
    let mut vocab = Vocabulary::default();
    let mut stories: Vec<Story> = Vec::new();
    let mut features: Vec<Vec<SentenceFeatures>> = Vec::new();
    let tally = batch::run(
        args.input.documents(),
        |doc| Ok(analyse(&repairer, doc, &summary_options)),
        |doc, analysed| {
            // One lookup per distinct term of the story, not per word.
            let global: Vec<u32> = analysed.names.iter().map(|n| vocab.id(n)).collect();
            let mut sentences = analysed.sentences;
            for s in &mut sentences {
                for t in &mut s.terms {
                    *t = global.get(*t as usize).copied().unwrap_or(0);
                }
            }
            vocab.count_story(&sentences);
            features.push(sentences);
            stories.push(Story {
                id: doc.id.clone(),
                title: doc.title.clone(),
                text: if args.format == DigestFormat::Html {
                    doc.text.clone()
                } else {
                    String::new()
                },
                summary: analysed.summary,
            });
            Ok(())
        },
    )?;
    let mut digest = khulasa_digest::digest(&features, &vocab.idf(), &options).context("digest")?;
    if let Some(n) = args.events {
        digest.events.truncate(n);
    }
    let mut out = super::stdout();
    match args.format {
        DigestFormat::Text => write_text(&mut out, &digest, &stories)?,
        DigestFormat::Jsonl => write_jsonl(&mut out, &digest, &stories)?,
        DigestFormat::Html => write_html(&mut out, &digest, &stories)?,
    }
    out.flush()?;
    Ok(tally.status())
}

/// Splits and summarises one story, and gives its scored sentences' terms with ids local to the story.
fn analyse(repairer: &Repairer, doc: &khulasa::input::Document, options: &SummaryOptions) -> Analysed {
    let prepared = pipeline::prepare(repairer, doc, options.analyzer);
    let pipeline::Terms { names, sentences, .. } = prepared.terms.clone();
    let summary = pipeline::summarize_prepared(prepared, options, 1.0);
    batch::count_sentences(summary.split.units.len());
    Analysed {
        summary,
        names,
        sentences,
    }
}

/// The unit behind a trace: the index of the sentence in the story's units, and the unit.
fn traced<'a>(stories: &'a [Story], t: &khulasa_digest::Trace) -> Option<(&'a Story, usize, &'a pipeline::Unit)> {
    let story = stories.get(t.story)?;
    let u = *story.summary.scored.get(t.sentence)?;
    Some((story, u, story.summary.split.units.get(u)?))
}

/// The ids of an event's stories, in the event's order.
fn story_ids<'a>(event: &khulasa_digest::Event, stories: &'a [Story]) -> Vec<&'a str> {
    event
        .stories
        .iter()
        .filter_map(|&s| stories.get(s).map(|s| s.id.as_str()))
        .collect()
}

fn write_text(out: &mut impl Write, digest: &khulasa_digest::Digest, stories: &[Story]) -> std::io::Result<()> {
    for (n, event) in digest.events.iter().enumerate() {
        let ids = story_ids(event, stories);
        let noun = if ids.len() == 1 { "story" } else { "stories" };
        writeln!(out, "# event {}: {} {noun}: {}", n + 1, ids.len(), ids.join(" "))?;
        for t in &event.summary {
            if let Some((story, _, unit)) = traced(stories, t) {
                writeln!(out, "{} [{}]", unit.text, story.id)?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_jsonl(out: &mut impl Write, digest: &khulasa_digest::Digest, stories: &[Story]) -> std::io::Result<()> {
    for (n, event) in digest.events.iter().enumerate() {
        let ids = story_ids(event, stories);
        let sentences: Vec<_> = event
            .summary
            .iter()
            .filter_map(|t| {
                let (story, index, unit) = traced(stories, t)?;
                Some(serde_json::json!({
                    "doc": story.id,
                    "index": index,
                    "start": unit.start,
                    "end": unit.end,
                    "rank": t.rank,
                    "relevance": t.relevance,
                    "text": unit.text,
                }))
            })
            .collect();
        let line = serde_json::json!({
            "event": n + 1,
            "stories": ids,
            "cohesion": event.cohesion,
            "sentences": sentences,
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// One story on the review page, its own summary highlighted with ranks: what `summarize --format html` shows.
pub(super) fn page_story<'a>(
    id: &'a str,
    title: Option<&'a str>,
    text: &'a str,
    summary: &'a pipeline::Summary,
) -> html::PageStory<'a> {
    let highlights = summary
        .picks
        .iter()
        .filter_map(|pick| {
            let unit = summary.split.units.get(*summary.scored.get(pick.index)?)?;
            Some(html::Highlight {
                start: unit.start,
                end: unit.end,
                rank: Some(pick.rank),
                event: None,
            })
        })
        .collect();
    let headline = title.or_else(|| {
        summary
            .split
            .units
            .iter()
            .find(|u| u.kind == Kind::Headline)
            .map(|u| u.text.as_str())
    });
    html::PageStory {
        id,
        headline,
        text,
        highlights,
    }
}

fn write_html(out: &mut impl Write, digest: &khulasa_digest::Digest, stories: &[Story]) -> std::io::Result<()> {
    let mut page_stories: Vec<html::PageStory> = stories
        .iter()
        .map(|s| page_story(&s.id, s.title.as_deref(), &s.text, &s.summary))
        .collect();
    let mut events = Vec::with_capacity(digest.events.len());
    for (n, event) in digest.events.iter().enumerate() {
        let mut summary = Vec::new();
        for t in &event.summary {
            let Some((_, _, unit)) = traced(stories, t) else {
                continue;
            };
            // A digest sentence that is also in its story's own summary is one highlight with both marks.
            if let Some(story) = page_stories.get_mut(t.story) {
                match story
                    .highlights
                    .iter_mut()
                    .find(|h| h.start == unit.start && h.end == unit.end)
                {
                    Some(h) => h.event = Some((n + 1, t.rank)),
                    None => story.highlights.push(html::Highlight {
                        start: unit.start,
                        end: unit.end,
                        rank: None,
                        event: Some((n + 1, t.rank)),
                    }),
                }
            }
            summary.push(html::EventSentence {
                story: t.story,
                text: &unit.text,
            });
        }
        events.push(html::PageEvent {
            stories: event.stories.clone(),
            summary,
        });
    }
    let page = html::Page {
        title: "خلاصة اليوم",
        events,
        stories: page_stories,
    };
    html::write_page(out, &page)
}
