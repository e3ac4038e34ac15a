//! `khulasa digest`: the day's stories grouped into events, each summarised across its stories.

use super::InputArgs;
use anyhow::{bail, Context};
use clap::Args;
use khulasa::batch::{self, Reporting, Status};
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
    /// The outlet as the feed names it (`src` or `source`).
    source: Option<String>,
    /// Its day, `YYYY-MM-DD`, when its date parses.
    date: Option<String>,
    /// Seconds since 1970 of its date, when it gives a time of day.
    published: Option<i64>,
    text: String,
    summary: pipeline::Summary,
}

impl Story {
    /// The title a desk reads: the feed's title, else the text's own headline.
    fn headline(&self) -> Option<&str> {
        self.title.as_deref().or_else(|| {
            let units = &self.summary.split.units;
            units.iter().find(|u| u.kind == Kind::Headline).map(|u| u.text.as_str())
        })
    }
}

/// An outlet's name as a reader knows it, for the feeds' short codes (`skynews` → Sky News Arabia); other names as
/// they are.
fn outlet_name(source: &str) -> &str {
    match source.to_ascii_lowercase().as_str() {
        "skynews" | "sky" => "Sky News Arabia",
        "alarabia" | "alarabiya" => "Al Arabiya",
        "france24" => "France 24",
        "bbc" => "BBC Arabic",
        "cnn" => "CNN Arabic",
        _ => source,
    }
}

/// What one story's analysis gives, before its terms join the batch vocabulary.
struct Analysed {
    summary: pipeline::Summary,
    /// Local term names, indexed by the local ids in `sentences`.
    names: pipeline::TermNames,
    sentences: Vec<SentenceFeatures>,
}

pub fn run(args: &DigestArgs, reporting: &Reporting) -> anyhow::Result<Status> {
    let settings = Settings {
        threshold: args.threshold,
        sentences: args.sentences,
        story_sentences: args.story_sentences,
        scorer: &args.scorer,
        stemmer: &args.stemmer,
        keep_stopwords: args.keep_stopwords,
        keep_text: args.format == DigestFormat::Html,
    };
    let (stories, mut digest, tally) = group(args.input.documents(), &settings, Some(reporting))?;
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
fn analyse(
    repairer: &Repairer,
    doc: &khulasa::input::Document,
    options: &SummaryOptions,
    counts: &mut batch::Counts,
) -> Analysed {
    let prepared = pipeline::prepare(repairer, doc, options.analyzer);
    let pipeline::Terms { names, sentences, .. } = prepared.terms.clone();
    let summary = pipeline::summarize_prepared(prepared, options, 1.0);
    counts.sentences += summary.split.units.len();
    counts.desk.add(&summary.desk);
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

/// What a desk reads at the top of an event: its headline (the title of its most central story), the outlets by
/// name, and when its stories came out.
struct EventHead<'a> {
    headline: Option<&'a str>,
    outlets: Vec<&'a str>,
    first: Option<i64>,
    last: Option<i64>,
}

impl<'a> EventHead<'a> {
    fn of(event: &khulasa_digest::Event, stories: &'a [Story]) -> Self {
        let members = || event.stories.iter().filter_map(|&s| stories.get(s));
        let mut outlets: Vec<&str> = members().filter_map(|s| s.source.as_deref()).map(outlet_name).collect();
        outlets.sort_unstable();
        outlets.dedup();
        EventHead {
            headline: stories.get(event.headline).and_then(Story::headline),
            outlets,
            first: members().filter_map(|s| s.published).min(),
            last: members().filter_map(|s| s.published).max(),
        }
    }

    /// `2018-05-09 06:12 – 23:40 UTC` (the day again only when the span crosses one), or nothing without times.
    fn span(&self) -> Option<String> {
        let (first, last) = (
            khulasa::input::utc_minute(self.first?),
            khulasa::input::utc_minute(self.last?),
        );
        Some(if first == last {
            format!("{first} UTC")
        } else if first.get(..10) == last.get(..10) {
            format!("{first} – {} UTC", last.get(11..).unwrap_or(""))
        } else {
            format!("{first} – {last} UTC")
        })
    }
}

/// Text output: each event under its headline, outlets, story count and time span; its summary, each sentence
/// traced to its story; then its stories with outlet and title. Fields from the input are printed with their
/// control characters escaped, so that none can forge a line.
fn write_text(out: &mut impl Write, digest: &khulasa_digest::Digest, stories: &[Story]) -> std::io::Result<()> {
    use super::printable;
    for (n, event) in digest.events.iter().enumerate() {
        let head = EventHead::of(event, stories);
        let noun = if event.stories.len() == 1 { "story" } else { "stories" };
        writeln!(out, "# {}. {}", n + 1, printable(head.headline.unwrap_or("(no title)")))?;
        let mut facts = Vec::new();
        if !head.outlets.is_empty() {
            facts.push(head.outlets.join(", "));
        }
        facts.push(format!("{} {noun}", event.stories.len()));
        facts.extend(head.span());
        writeln!(out, "{}", printable(&facts.join(" · ")))?;
        for t in &event.summary {
            if let Some((story, _, unit)) = traced(stories, t) {
                writeln!(out, "{} [{}]", unit.text, printable(&story.id))?;
            }
        }
        for story in event.stories.iter().filter_map(|&s| stories.get(s)) {
            let parts = [
                Some(story.id.as_str()),
                story.source.as_deref().map(outlet_name),
                story.headline(),
            ];
            let line: Vec<_> = parts.into_iter().flatten().map(printable).collect();
            writeln!(out, "  - {}", line.join(" · "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_jsonl(out: &mut impl Write, digest: &khulasa_digest::Digest, stories: &[Story]) -> std::io::Result<()> {
    for (n, event) in digest.events.iter().enumerate() {
        let head = EventHead::of(event, stories);
        let summary: Vec<_> = event
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
        let members: Vec<_> = event
            .stories
            .iter()
            .filter_map(|&s| stories.get(s))
            .map(|s| {
                serde_json::json!({
                    "id": s.id,
                    "title": s.headline(),
                    "source": s.source,
                    "date": s.date,
                })
            })
            .collect();
        let line = serde_json::json!({
            "event": n + 1,
            "headline": head.headline,
            "outlets": head.outlets,
            "first": head.first.map(khulasa::input::utc_minute),
            "last": head.last.map(khulasa::input::utc_minute),
            "stories": members,
            "distinct": event.distinct,
            "cohesion": event.cohesion,
            "summary": summary,
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
        let head = EventHead::of(event, stories);
        events.push(html::PageEvent {
            stories: event.stories.clone(),
            headline: head.headline,
            outlets: head.outlets,
            summary,
        });
    }
    // The page names its day (or days) as the stories' dates give them.
    let mut days: Vec<&str> = stories.iter().filter_map(|s| s.date.as_deref()).collect();
    days.sort_unstable();
    let title = match (days.first(), days.last()) {
        (Some(first), Some(last)) if first == last => format!("خلاصة اليوم · {first}"),
        (Some(first), Some(last)) => format!("خلاصة اليوم · {first} – {last}"),
        _ => "خلاصة اليوم".to_owned(),
    };
    let page = html::Page {
        title: &title,
        events,
        stories: page_stories,
    };
    html::write_page(out, &page)
}

/// How `group` reads and groups stories: the digest's options as the command line gives them.
pub(super) struct Settings<'a> {
    pub threshold: f64,
    pub sentences: usize,
    pub story_sentences: usize,
    pub scorer: &'a str,
    pub stemmer: &'a str,
    pub keep_stopwords: bool,
    /// Keep each story's text (the review page shows it).
    pub keep_text: bool,
}

/// Reads, summarises and groups stories into the day's events; `reporting` shows its progress and closing report
/// (none for `eval`, which groups several feeds for its own report).
fn group(
    documents: impl Iterator<Item = Result<khulasa::input::Document, khulasa::input::Failure>> + Send,
    args: &Settings,
    reporting: Option<&Reporting>,
) -> anyhow::Result<(Vec<Story>, khulasa_digest::Digest, batch::Tally)> {
    let repairer = Repairer::new();
    let algorithm = Algorithm::parse(args.stemmer).unwrap_or(Algorithm::Light);
    let analyzer = Analyzer::new(algorithm, !args.keep_stopwords);
    let Some(scorer) = khulasa_score::scorer(args.scorer) else {
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
        documents,
        |doc, counts| Ok(analyse(&repairer, doc, &summary_options, counts)),
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
                source: doc.source.clone(),
                date: doc.day.map(|d| d.to_string()),
                published: doc.published,
                text: if args.keep_text {
                    doc.text.clone()
                } else {
                    String::new()
                },
                summary: analysed.summary,
            });
            Ok(())
        },
        reporting.map(|r| r.progress("")).unwrap_or_default(),
    )?;
    if let Some(reporting) = reporting {
        reporting.close(&tally);
    }
    let inputs: Vec<khulasa_digest::Story> = features
        .iter()
        .zip(&stories)
        .map(|(sentences, story)| {
            let mut input = khulasa_digest::Story::new(sentences);
            if let Some(source) = &story.source {
                input = input.outlet(source);
            }
            if let Some(seconds) = story.published {
                input = input.published(seconds);
            }
            input
        })
        .collect();
    // The archive's IDF, not the day's: on a day whose main story fills a quarter of the wire, the day's own IDF
    // makes that story's words nearly weightless, and its stories fall apart.
    // The background table holds light stems without stop words; other term settings count the day.
    let idf = if algorithm == Algorithm::Light && !args.keep_stopwords {
        vocab.idf_from(pipeline::background_df())
    } else {
        vocab.idf()
    };
    let digest = khulasa_digest::digest_stories(&inputs, &idf, &options).context("digest")?;
    Ok((stories, digest, tally))
}

/// Each story's id and the number of its event (from 1, in the digest's order): what `eval --task events`
/// compares with a hand-made grouping.
pub(super) fn events_of(
    documents: impl Iterator<Item = Result<khulasa::input::Document, khulasa::input::Failure>> + Send,
    settings: &Settings,
) -> anyhow::Result<Vec<(String, usize)>> {
    let (stories, digest, _) = group(documents, settings, None)?;
    let mut assigned = Vec::with_capacity(stories.len());
    for (n, event) in digest.events.iter().enumerate() {
        for story in event.stories.iter().filter_map(|&s| stories.get(s)) {
            assigned.push((story.id.clone(), n + 1));
        }
    }
    Ok(assigned)
}
