//! End-to-end tests of `khulasa digest`: they run the built binary on stories written here and, when the
//! ANT corpus is present, on one real day of it.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use util::khulasa;

const ANT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/ant/ant_v2.1.jsonl.gz");

/// Two stories of one (invented) flood, told in different words, and an unrelated match.
const STORIES: [(&str, &str, &str); 3] = [
    (
        "flood-a",
        "فيضانات تغمر مدينة البصرة بعد أمطار غزيرة",
        "غمرت مياه الفيضانات أحياء واسعة في مدينة البصرة جنوب العراق بعد أمطار غزيرة استمرت يومين. \
         وقالت السلطات المحلية إن فرق الإنقاذ أجلت مئات العائلات من المناطق المنخفضة في البصرة. \
         وأغلقت المدارس والدوائر الحكومية في المدينة حتى إشعار آخر.",
    ),
    (
        "match",
        "المنتخب المغربي يفوز على نظيره التونسي",
        "فاز المنتخب المغربي لكرة القدم على نظيره التونسي بهدفين مقابل هدف في مباراة ودية أقيمت في الرباط. \
         وسجل المهاجم هدف الفوز في الدقائق الأخيرة من المباراة. \
         ويستعد المنتخبان للمشاركة في كأس الأمم الأفريقية الصيف المقبل.",
    ),
    (
        "flood-b",
        "أمطار غزيرة تسبب فيضانات في البصرة",
        "تسببت أمطار غزيرة في فيضانات غمرت أحياء في مدينة البصرة العراقية. \
         وأجلت فرق الإنقاذ مئات العائلات من منازلها في المناطق المنخفضة بعد أن غمرتها مياه الفيضانات. \
         وتوقعت الأرصاد الجوية استمرار هطول الأمطار الغزيرة خلال الأيام المقبلة.",
    ),
];

fn write_feed(dir: &std::path::Path, stories: &[serde_json::Value]) -> String {
    let path = dir.join("day.jsonl");
    let lines: String = stories.iter().map(|s| format!("{s}\n")).collect();
    std::fs::write(&path, lines).unwrap();
    path.to_str().unwrap().to_owned()
}

fn written_feed(dir: &std::path::Path) -> String {
    let stories: Vec<_> = STORIES
        .iter()
        .map(|(id, title, text)| serde_json::json!({"id": id, "title": title, "text": format!("{title}\n\n{text}")}))
        .collect();
    write_feed(dir, &stories)
}

fn events(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn stories_of_one_event_are_grouped_and_summarised_across_sources() {
    let dir = tempfile::tempdir().unwrap();
    let feed = written_feed(dir.path());
    let run = khulasa(&["digest", "--format", "jsonl", &feed], "");
    run.assert_code(0);
    let events = events(&run.stdout);
    let groups: Vec<Vec<&str>> = events
        .iter()
        .map(|e| {
            e["stories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(groups, [vec!["flood-a", "flood-b"], vec!["match"]]);
    let titles: Vec<&str> = STORIES.iter().map(|(_, title, _)| *title).collect();
    assert!(titles.contains(&events[0]["headline"].as_str().unwrap()));
    assert_eq!(events[1]["headline"], "المنتخب المغربي يفوز على نظيره التونسي");
    assert_eq!(events[0]["stories"][1]["title"], titles[2]);
    let flood = &events[0]["summary"].as_array().unwrap();
    assert_eq!(flood.len(), 3, "{flood:?}");
    let texts: BTreeMap<&str, String> = STORIES
        .iter()
        .map(|(id, title, text)| (*id, format!("{title}\n\n{text}")))
        .collect();
    for (k, s) in flood.iter().enumerate() {
        assert_eq!(s["rank"], k + 1);
        let doc = s["doc"].as_str().unwrap();
        assert!(doc.starts_with("flood-"), "{s}");
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let slice = khulasa::pipeline::one_line(&texts[doc][start..end]);
        assert_eq!(slice, s["text"].as_str().unwrap(), "the trace points at the sentence");
        assert!(
            !STORIES.iter().any(|(_, title, _)| *title == slice),
            "a headline is not summary prose"
        );
    }
    // The two stories both tell of families evacuated; the summary tells it once.
    let evacuations = flood
        .iter()
        .filter(|s| s["text"].as_str().unwrap().contains("مئات العائلات"))
        .count();
    assert_eq!(evacuations, 1, "{flood:?}");
}

#[test]
fn text_format_heads_each_event_and_traces_each_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let feed = written_feed(dir.path());
    let run = khulasa(&["digest", "--sentences", "2", &feed], "");
    run.assert_code(0);
    let blocks: Vec<&str> = run.stdout.split_terminator("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{}", run.stdout);
    let first: Vec<&str> = blocks[0].lines().collect();
    assert!(first[0] == format!("# 1. {}", STORIES[0].1) || first[0] == format!("# 1. {}", STORIES[2].1));
    assert_eq!(first[1], "2 stories");
    assert_eq!(first.len(), 6, "{first:?}");
    for line in &first[2..4] {
        assert!(line.ends_with("[flood-a]") || line.ends_with("[flood-b]"), "{line}");
    }
    assert_eq!(first[4], format!("  - flood-a · {}", STORIES[0].1));
    assert_eq!(first[5], format!("  - flood-b · {}", STORIES[2].1));
    assert!(
        blocks[1].starts_with(&format!("# 2. {}\n1 story\n", STORIES[1].1)),
        "{}",
        blocks[1]
    );
}

#[test]
fn html_page_highlights_each_story_summary_and_lists_events_first() {
    let dir = tempfile::tempdir().unwrap();
    let feed = written_feed(dir.path());
    let run = khulasa(&["digest", "--format", "html", "--story-sentences", "2", &feed], "");
    run.assert_code(0);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">"));
    assert_eq!(
        html.matches("<mark class=\"pick").count(),
        6,
        "2 sentences in each of 3 stories"
    );
    assert_eq!(html.matches("<li class=\"event\"").count(), 2);
    assert!(html.find("class=\"events\"").unwrap() < html.find("class=\"stories\"").unwrap());
    for (_, title, _) in STORIES {
        assert!(html.contains(&format!("<h3>{title}</h3>")), "headline of {title}");
    }
    for needle in ["<script", "<link", "http://", "https://", "url("] {
        assert!(!html.contains(needle), "the page fetches nothing: {needle}");
    }
}

#[test]
fn a_bad_story_is_reported_and_the_others_digested() {
    let dir = tempfile::tempdir().unwrap();
    let feed = written_feed(dir.path());
    let mut text = std::fs::read_to_string(&feed).unwrap();
    text.push_str("{\"id\": \"broken\"\n");
    std::fs::write(&feed, text).unwrap();
    let run = khulasa(&["digest", "--format", "jsonl", &feed], "");
    run.assert_code(2);
    assert!(run.stderr.contains("day.jsonl:4"), "{}", run.stderr);
    assert_eq!(events(&run.stdout).len(), 2);
}

/// ANT's stories of one calendar day (as their `time` field writes it), as a feed in `dir`.
fn ant_day(dir: &std::path::Path, day: (&str, &str, &str)) -> Option<(String, Vec<serde_json::Value>)> {
    let Ok(file) = std::fs::File::open(ANT) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the ANT corpus ({ANT}) is missing: CI must have the data"
        );
        eprintln!("skipped: the ANT corpus ({ANT}) is absent");
        return None;
    };
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut stories = Vec::new();
    let month_year = format!(" {} {} ", day.1, day.2);
    for line in reader.lines() {
        let line = line.unwrap();
        // Most lines are other months: skip them before parsing, which is slow in a debug build.
        if !line.contains(&month_year) {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        // RFC 2822: `Wed, 09 May 2018 10:31:00 +0300`; the day is the one the source wrote.
        let time = v["time"].as_str().unwrap_or("");
        let parts: Vec<&str> = time.split_whitespace().collect();
        if parts.len() >= 4 && parts[1].trim_start_matches('0') == day.0 && parts[2] == day.1 && parts[3] == day.2 {
            stories.push(serde_json::json!({
                "id": v["docno"], "title": v["title"], "src": v["src"], "time": v["time"], "text": v["text"]
            }));
        }
    }
    Some((write_feed(dir, &stories), stories))
}

#[test]
fn a_real_day_of_ant_is_partitioned_into_events_across_sources() {
    let dir = tempfile::tempdir().unwrap();
    let Some((feed, stories)) = ant_day(dir.path(), ("9", "May", "2018")) else {
        return;
    };
    assert!(
        stories.len() > 200,
        "2018-05-09 holds 250 stories, found {}",
        stories.len()
    );
    let run = khulasa(&["digest", "--format", "jsonl", &feed], "");
    run.assert_code(0);
    let events = events(&run.stdout);
    let texts: BTreeMap<&str, &str> = stories
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut previous = (usize::MAX, usize::MAX);
    let mut multi_source = 0;
    let repairer = khulasa_normalize::Repairer::new();
    for e in &events {
        let ids: Vec<&str> = e["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        let outlets = e["outlets"].as_array().unwrap().len();
        let rank = (outlets, e["distinct"].as_u64().unwrap() as usize);
        assert!(
            rank <= previous,
            "events ordered by outlets, then stories: {rank:?} after {previous:?}"
        );
        previous = rank;
        for id in &ids {
            assert!(seen.insert(*id), "{id} in two events");
        }
        // ANT ids open with the source: `AL-`, `BB-`, `CN-`, `FR-`, `SK-`.
        let sources: BTreeSet<&str> = ids.iter().map(|id| id.split('-').next().unwrap()).collect();
        multi_source += usize::from(sources.len() > 1);
        for s in e["summary"].as_array().unwrap() {
            let doc = s["doc"].as_str().unwrap();
            assert!(ids.contains(&doc), "sentence traced to a story outside its event: {s}");
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let evidence = repairer.evidence(texts[doc]);
            let slice = khulasa::pipeline::one_line(&repairer.repair_with(&texts[doc][start..end], &evidence).text);
            // The desk shows hashtags as words and cuts a dateline from the front.
            let bare = |t: &str| t.chars().filter(|c| !matches!(c, '#' | '_' | ' ')).collect::<String>();
            assert!(
                bare(&slice).ends_with(&bare(s["text"].as_str().unwrap())),
                "{slice} / {s}"
            );
        }
    }
    assert_eq!(seen.len(), stories.len(), "every story is in one event");
    assert_eq!(
        events[0]["outlets"].as_array().unwrap().len(),
        5,
        "the day's main news, from every outlet"
    );
    // The rockets fired at the Golan: the event's summary opens with the news, not with background.
    let golan = events
        .iter()
        .find(|e| {
            e["stories"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == "SK-middleEast-1560-20180509")
        })
        .unwrap();
    let opening = golan["summary"][0]["text"].as_str().unwrap();
    assert!(
        opening.contains("20 قذيفة") && !opening.starts_with("وفي وقت سابق"),
        "{opening}"
    );
    // Eight Sky News items on Malaysia are one outlet's: every event that several outlets report ranks above them.
    let malaysia = events
        .iter()
        .position(|e| {
            e["stories"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == "SK-internationalNews-1455-20180509")
        })
        .unwrap();
    let outlets = |e: &serde_json::Value| e["outlets"].as_array().unwrap().len();
    assert!(events[malaysia..].iter().all(|e| outlets(e) <= 1), "{malaysia}");
    assert!(malaysia > 5, "{malaysia}");
    assert!(
        multi_source >= 5,
        "a day of five sources has events several of them report: {multi_source}"
    );
    assert!(events.len() < stories.len(), "some stories were grouped");
}

#[test]
fn a_real_day_digests_the_same_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let Some((feed, _)) = ant_day(dir.path(), ("10", "Apr", "2018")) else {
        return;
    };
    let one = khulasa(&["digest", "--threads", "1", "--format", "jsonl", &feed], "");
    one.assert_code(0);
    let two = khulasa(&["digest", "--threads", "2", "--format", "jsonl", &feed], "");
    two.assert_code(0);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
}

/// `text` with the entities the review page writes turned back into characters.
fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_review_page_highlights_exactly_what_summarize_prints_for_each_story() {
    let dir = tempfile::tempdir().unwrap();
    let Some((feed, stories)) = ant_day(dir.path(), ("9", "May", "2018")) else {
        return;
    };
    let texts: BTreeMap<&str, &str> = stories
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    let summaries = khulasa(&["summarize", "--format", "jsonl", &feed], "");
    summaries.assert_code(0);
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in summaries.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        let slices = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| texts[id][s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize].to_owned())
            .collect();
        expected.insert(id.to_owned(), slices);
    }
    let page = khulasa(&["digest", "--format", "html", &feed], "");
    page.assert_code(0);
    assert!(
        page.stdout.contains("<h1>خلاصة اليوم · 2018-05-09</h1>"),
        "the page names its day"
    );
    let outlets = "<div class=\"outlets\">Al Arabiya · BBC Arabic · CNN Arabic · France 24 · Sky News Arabia</div>";
    assert!(page.stdout.contains(outlets), "the events name their outlets");
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for article in page.stdout.split("<article class=\"story\"").skip(1) {
        let id = article
            .split("<div class=\"id\">")
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap();
        let picks = article
            .split("<mark class=\"pick")
            .skip(1)
            .map(|mark| {
                let inside = mark.split_once('>').unwrap().1;
                unescape_html(inside.split("<sup class=\"rank\">").next().unwrap())
            })
            .collect();
        found.insert(unescape_html(id), picks);
    }
    assert_eq!(found.len(), stories.len());
    let differing: Vec<&String> = expected
        .keys()
        .filter(|id| found.get(*id) != expected.get(*id))
        .collect();
    assert!(
        differing.is_empty(),
        "highlights differ from summarize for {differing:?}"
    );
}

#[test]
fn ids_and_titles_cannot_forge_the_digest_text() {
    let dir = tempfile::tempdir().unwrap();
    let stories: Vec<_> = STORIES
        .iter()
        .map(|(id, title, text)| {
            serde_json::json!({"id": format!("{id}\n# 9. forged\u{0}"), "title": format!("{title}\u{1b}[2J"), "text": text})
        })
        .collect();
    let feed = write_feed(dir.path(), &stories);
    let run = khulasa(&["digest", &feed], "");
    run.assert_code(0);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\0'),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.lines().any(|l| l.starts_with("# 9. forged")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\\u{a}# 9. forged\\u{0}"), "{}", run.stdout);
}
