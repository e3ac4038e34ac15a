//! The hand-grouped ANT days, analysed as `khulasa digest` analyses them, for the tests that measure the
//! grouping against them.
//!
//! Terms are made as `khulasa digest` makes them: the text split by `khulasa-split`, furniture left out, each
//! unit's words through the light stemmer with stop words dropped, the feed's title as the headline when the
//! text has none; IDF from the archive's table `crates/score/data/df-ar.tsv` (the command also repairs the text
//! and applies the desk's review first, which changes a few terms).
//!
//! Without the corpus the loader says why it skips, unless `CI` is `true`, where the data must be there.

use flate2::read::GzDecoder;
use khulasa_digest::{digest_stories, Digest, Options, Story, Vocabulary};
use khulasa_score::{DfTable, Role, SentenceFeatures};
use khulasa_split::Kind;
use khulasa_stem::{Algorithm, Analyzer};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The hand-grouped development days, on which every setting is chosen leave one day out.
pub const DAYS: [&str; 7] = [
    "2018-05-09",
    "2018-05-10",
    "2018-05-11",
    "2018-04-10",
    "2018-03-19",
    "2018-02-27",
    "2018-06-06",
];

/// Months as the feed's `time` field writes them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn manifest(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One day's stories, analysed, with their gold events.
pub struct Day {
    pub ids: Vec<String>,
    pub outlets: Vec<String>,
    pub published: Vec<Option<i64>>,
    pub features: Vec<Vec<SentenceFeatures>>,
    pub gold: Vec<(String, String)>,
}

pub struct Data {
    pub days: HashMap<&'static str, Day>,
    pub idf: Vec<f64>,
}

/// `Wed, 09 May 2018 03:27:24 +0400` as `(YYYY-MM-DD as written, seconds since the Unix epoch)`.
fn parse_time(time: &str) -> Option<(String, Option<i64>)> {
    let parts: Vec<&str> = time.split_whitespace().collect();
    let day: i64 = parts.get(1)?.parse().ok()?;
    let month = MONTHS.iter().position(|m| Some(m) == parts.get(2))? as i64 + 1;
    let year: i64 = parts.get(3)?.parse().ok()?;
    let written = format!("{year:04}-{month:02}-{day:02}");
    let seconds = (|| {
        let clock: Vec<i64> = parts
            .get(4)?
            .split(':')
            .map(|x| x.parse().ok())
            .collect::<Option<_>>()?;
        // `+0400` or, as BBC, France 24 and Sky News write it, `GMT`.
        let zone = parts.get(5)?;
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let zone: i64 = match *zone {
            "GMT" | "UT" | "UTC" | "Z" => 0,
            zone => zone.trim_start_matches(['+', '-']).parse().ok()?,
        };
        // Days from the civil date (Howard Hinnant's algorithm).
        let (y, m) = if month <= 2 {
            (year - 1, month + 9)
        } else {
            (year, month - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + day - 1;
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
        let offset = sign * ((zone / 100) * 3600 + (zone % 100) * 60);
        Some(days * 86_400 + clock.first()? * 3600 + clock.get(1)? * 60 + clock.get(2)? - offset)
    })();
    Some((written, seconds))
}

/// `2018-05-09` as the feed's `time` writes its month: `May 2018`.
fn month_as_written(day: &str) -> Option<String> {
    let (year, rest) = day.split_once('-')?;
    let month: usize = rest.split('-').next()?.parse().ok()?;
    Some(format!("{} {year}", MONTHS.get(month.checked_sub(1)?)?))
}

/// A story's sentences as `khulasa digest` gives them to the digest.
fn features(text: &str, title: &str, analyzer: &Analyzer, vocab: &mut Vocabulary) -> Vec<SentenceFeatures> {
    let mut scratch = String::new();
    let mut sentence = |unit: &str, role| {
        let mut terms = Vec::new();
        analyzer.terms(unit, &mut scratch, |t| terms.push(vocab.id(t)));
        SentenceFeatures {
            terms,
            words: unit.split_whitespace().count(),
            role,
        }
    };
    let mut sentences = Vec::new();
    let mut has_headline = false;
    for unit in khulasa_split::split(text) {
        let role = match unit.kind {
            Kind::Furniture => continue,
            Kind::Headline => Role::Headline,
            Kind::Subheadline => Role::Subheadline,
            Kind::Body => Role::Body,
        };
        has_headline |= role == Role::Headline;
        if let Some(slice) = text.get(unit.start..unit.end) {
            sentences.push(sentence(slice, role));
        }
    }
    if !has_headline && !title.trim().is_empty() {
        sentences.push(sentence(title, Role::Headline));
    }
    sentences
}

fn load() -> Option<Data> {
    let corpus = manifest("../../../shared/data/ant/ant_v2.1.jsonl.gz");
    let table = manifest("../score/data/df-ar.tsv");
    let gold_dir = manifest("../../corpora/events");
    let missing: Vec<String> = [&corpus, &table, &gold_dir]
        .iter()
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the data these tests measure with is missing: {}",
            missing.join(", ")
        );
        eprintln!("skipped: the data is absent ({})", missing.join(", "));
        return None;
    }
    let analyzer = Analyzer::new(Algorithm::Light, true);
    let mut vocab = Vocabulary::default();
    let mut days: HashMap<&'static str, Day> = HashMap::new();
    for day in DAYS {
        let gold = khulasa_eval::events::read(&gold_dir.join(format!("{day}.tsv"))).unwrap();
        let empty = Day {
            ids: Vec::new(),
            outlets: Vec::new(),
            published: Vec::new(),
            features: Vec::new(),
            gold,
        };
        days.insert(day, empty);
    }
    // Most of the archive is other days: only lines naming one of our months (`May 2018`) are parsed.
    let months: Vec<String> = DAYS.iter().filter_map(|d| month_as_written(d)).collect();
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(&corpus).unwrap()));
    for line in reader.lines() {
        let line = line.unwrap();
        if !months.iter().any(|m| line.contains(m.as_str())) {
            continue;
        }
        let story: serde_json::Value = serde_json::from_str(&line).unwrap();
        let field = |name: &str| story[name].as_str().unwrap_or_default();
        let Some((written, seconds)) = parse_time(field("time")) else {
            continue;
        };
        let Some(day) = days.get_mut(written.as_str()) else {
            continue;
        };
        day.ids.push(field("docno").to_owned());
        day.outlets.push(field("src").to_owned());
        day.published.push(seconds);
        day.features
            .push(features(field("text"), field("title"), &analyzer, &mut vocab));
    }
    let table = DfTable::parse(&std::fs::read_to_string(&table).unwrap()).unwrap();
    Some(Data {
        days,
        idf: vocab.idf_from(&table),
    })
}

/// The development days, loaded once; `None` when the data is absent (outside CI).
pub fn data() -> Option<&'static Data> {
    static DATA: OnceLock<Option<Data>> = OnceLock::new();
    DATA.get_or_init(load).as_ref()
}

/// The day's stories as the digest takes them.
fn stories(day: &Day) -> Vec<Story<'_>> {
    day.features
        .iter()
        .zip(&day.outlets)
        .zip(&day.published)
        .map(|((f, outlet), published)| Story {
            sentences: f,
            outlet: Some(outlet),
            published: *published,
        })
        .collect()
}

/// The day's digest.
pub fn run(day: &Day, idf: &[f64], options: &Options) -> Digest {
    digest_stories(&stories(day), idf, options).unwrap()
}

/// Each story's id with the number of its event.
pub fn assigned<'a>(day: &'a Day, digest: &Digest) -> Vec<(&'a str, usize)> {
    let mut pairs = Vec::new();
    for (n, event) in digest.events.iter().enumerate() {
        pairs.extend(event.stories.iter().map(|&s| (day.ids[s].as_str(), n)));
    }
    pairs
}
