//! The grouping measured against ANT's hand-grouped days (`corpora/events/`): the defaults were fitted on
//! 2018-05-09 and 2018-05-10 and are held to their figures there; 2018-05-11 was grouped by hand before the
//! grouping was run on it and was not looked at while fitting. The target, B-cubed F1 0.90 with precision 0.88 on
//! a day not fitted on, is not reached there (see its test).
//!
//! Terms are made as `khulasa digest` makes them: the text split by `khulasa-split`, furniture left out, each
//! unit's words through the light stemmer with stop words dropped, the feed's title as the headline when the
//! text has none; IDF from the archive's table `crates/score/data/df-ar.tsv`.
//!
//! Without the corpus the tests print why they skip, unless `CI` is `true`, where the data must be there.

use flate2::read::GzDecoder;
use khulasa_digest::{digest_stories, Digest, Options, Story, Vocabulary};
use khulasa_eval::rouge::Prf;
use khulasa_score::{DfTable, Role, SentenceFeatures};
use khulasa_split::Kind;
use khulasa_stem::{Algorithm, Analyzer};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FIT_DAY: &str = "2018-05-09";
const SECOND_FIT_DAY: &str = "2018-05-10";
const HELD_OUT_DAY: &str = "2018-05-11";

fn manifest(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One day's stories, analysed, with their gold events.
struct Day {
    ids: Vec<String>,
    outlets: Vec<String>,
    published: Vec<Option<i64>>,
    features: Vec<Vec<SentenceFeatures>>,
    gold: Vec<(String, String)>,
}

struct Data {
    days: HashMap<&'static str, Day>,
    idf: Vec<f64>,
}

/// `Wed, 09 May 2018 03:27:24 +0400` as `(YYYY-MM-DD as written, seconds since the Unix epoch)`.
fn parse_time(time: &str) -> Option<(String, Option<i64>)> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
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
    for day in [FIT_DAY, SECOND_FIT_DAY, HELD_OUT_DAY] {
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
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(&corpus).unwrap()));
    for line in reader.lines() {
        let line = line.unwrap();
        // Most of the archive is other days: only lines that may hold one of ours are parsed.
        if !line.contains("May 2018") {
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

fn data() -> Option<&'static Data> {
    static DATA: OnceLock<Option<Data>> = OnceLock::new();
    DATA.get_or_init(load).as_ref()
}

fn run(day: &Day, idf: &[f64], options: &Options) -> Digest {
    let stories: Vec<Story> = day
        .features
        .iter()
        .zip(&day.outlets)
        .zip(&day.published)
        .map(|((f, outlet), published)| Story {
            sentences: f,
            outlet: Some(outlet),
            published: *published,
        })
        .collect();
    digest_stories(&stories, idf, options).unwrap()
}

/// Each story's id with the number of its event.
fn assigned<'a>(day: &'a Day, digest: &Digest) -> Vec<(&'a str, usize)> {
    let mut pairs = Vec::new();
    for (n, event) in digest.events.iter().enumerate() {
        pairs.extend(event.stories.iter().map(|&s| (day.ids[s].as_str(), n)));
    }
    pairs
}

fn measured(data: &'static Data, name: &str) -> (Prf, Vec<(&'static str, usize)>) {
    let day = &data.days[name];
    assert_eq!(
        day.ids.len(),
        day.gold.len(),
        "{name}: the stories of the day are the gold's"
    );
    let digest = run(day, &data.idf, &Options::default());
    let pairs = assigned(day, &digest);
    let score = khulasa_eval::bcubed(&pairs, &day.gold).unwrap();
    let alone: Vec<(&str, usize)> = day.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let baseline = khulasa_eval::bcubed(&alone, &day.gold).unwrap();
    eprintln!(
        "{name}: {} stories, {} events: B-cubed P {:.3} R {:.3} F1 {:.3} (every story alone: F1 {:.3})",
        day.ids.len(),
        digest.events.len(),
        score.p,
        score.r,
        score.f,
        baseline.f
    );
    (score, pairs)
}

fn event_of(pairs: &[(&str, usize)], id: &str) -> usize {
    pairs
        .iter()
        .find(|(s, _)| *s == id)
        .map(|p| p.1)
        .unwrap_or_else(|| panic!("{id} is not among the day's stories"))
}

/// The held-out day, measured once by `khulasa eval --task events` when the defaults were set: B-cubed P 0.811,
/// R 0.872, F1 0.840 (here, with terms made without the command's repair and desk review, P 0.806, R 0.864, F1
/// 0.834), short of the target (F1 0.90 with precision 0.88); the grouping before the lone-word weight (threshold
/// 0.24, every word at full weight) measured P 0.826, R 0.864, F1 0.845 on it. Most of the loss is stories the gold keeps apart as
/// distinct happenings of one setting: the Cannes festival's films and guests (eight stories, six events in the
/// gold, one in the digest), the Friday sermon in Tehran and the history of Israel and Iran joined to the strikes
/// in Syria. The floor below keeps the figures from falling further; it is not the target.
#[test]
fn the_held_out_day_keeps_its_measured_figures() {
    let Some(data) = data() else { return };
    let (score, _) = measured(data, HELD_OUT_DAY);
    assert!(score.f >= 0.83 && score.p >= 0.80, "{HELD_OUT_DAY}: {score:?}");
}

#[test]
fn the_second_fitted_day_keeps_its_figures_and_its_pairs() {
    let Some(data) = data() else { return };
    let (score, pairs) = measured(data, SECOND_FIT_DAY);
    assert!(score.f >= 0.91 && score.p >= 0.89, "{SECOND_FIT_DAY}: {score:?}");
    let together = [("AL-internationalNews-1100-20180510", "CN-middleEast-865-20180510")];
    for (a, b) in together {
        assert_eq!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} report one event");
    }
    // The Golan rockets and Israel's strikes against the Iran deal: neighbours in the news, not one event.
    let (a, b) = ("CN-middleEast-865-20180510", "CN-middleEast-863-20180510");
    assert_ne!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} are two events");
}

#[test]
fn the_fitted_day_keeps_its_figures_and_its_pairs() {
    let Some(data) = data() else { return };
    let (score, pairs) = measured(data, FIT_DAY);
    assert!(score.f >= 0.94 && score.p >= 0.92, "{FIT_DAY}: {score:?}");
    let together = [
        // Khamenei's answer to the US exit, BBC and CNN.
        ("BB-internationalNews-484-20180509", "CN-middleEast-856-20180509"),
        // Erdogan on the US exit, Al Arabiya and CNN's interview.
        ("AL-internationalNews-1090-20180509", "CN-middleEast-849-20180509"),
        // Barcelona 5–1 Villarreal, Al Arabiya and Sky News.
        ("AL-sport-1488-20180509", "SK-sport-1095-20180509"),
        // Twitter's test of encrypted messages, Al Arabiya and Sky News.
        ("AL-technology-231-20180509", "SK-technology-610-20180509"),
        // Le Drian: the deal "is not dead", BBC and CNN.
        ("BB-middleEast-476-20180509", "CN-internationalNews-330-20180509"),
        // The US flag burned in the Iranian parliament, a reaction to the US exit.
        ("CN-middleEast-858-20180509", "BB-internationalNews-484-20180509"),
        // Al-Hraifi's farewell match, told five times by one outlet from the night before to the final whistle:
        // the tributes, Ronaldinho's and Al-Hraifi's words, the crowd arriving and the match report, one event.
        ("AL-sport-1472-20180509", "AL-sport-1473-20180509"),
        ("AL-sport-1472-20180509", "AL-sport-1474-20180509"),
        ("AL-sport-1472-20180509", "AL-sport-1481-20180509"),
        ("AL-sport-1472-20180509", "AL-sport-1484-20180509"),
    ];
    for (a, b) in together {
        assert_eq!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} report one event");
    }
    let apart = [
        // Twitter's encryption test against the WhatsApp encryption row.
        ("AL-technology-231-20180509", "SK-technology-609-20180509"),
        // Zidane on Ronaldo's fitness against Real Madrid and Salah.
        ("AL-sport-1471-20180509", "SK-sport-1074-20180509"),
        // Barcelona's 5–1 against Real Madrid's defeat at Sevilla.
        ("SK-sport-1095-20180509", "SK-sport-1096-20180509"),
    ];
    for (a, b) in apart {
        assert_ne!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} are two events");
    }
}

#[test]
fn the_day_s_main_news_leads_the_desk_with_a_central_headline() {
    let Some(data) = data() else { return };
    let day = &data.days[FIT_DAY];
    let digest = run(day, &data.idf, &Options::default());
    let first = &digest.events[0];
    let khamenei = day
        .ids
        .iter()
        .position(|id| id == "BB-internationalNews-484-20180509")
        .unwrap();
    assert!(
        first.stories.contains(&khamenei),
        "the US exit from the Iran deal comes first"
    );
    assert_eq!(first.outlets, 5);
    assert!(first.distinct < first.stories.len(), "some outlets ran a story twice");
    assert!(first.stories.contains(&first.headline));
    assert!(first.latest.is_some());
    for pair in digest.events.windows(2) {
        assert_ne!(
            khulasa_digest::desk_order(&pair[0], &pair[1]),
            std::cmp::Ordering::Greater
        );
    }
}
