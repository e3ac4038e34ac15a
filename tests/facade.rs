//! The library's `Summarizer` gives the sentences `khulasa summarize` prints: on the seed story, with each
//! scorer and budget, and on a whole day of the ANT archive with the batch's own document frequencies.

mod util;

use khulasa::input::{documents, DayFilter, Document, Fields};
use khulasa::{Budget, Pick, Summarizer};
use util::khulasa;

const SEED: &str = "corpora/coalition-marrakech.txt";

/// A summary's sentence as (text, start, end, index, rank).
type Sentence = (String, usize, usize, usize, usize);

/// The binary's JSONL summaries: for each story, its sentences.
fn command_picks(args: &[&str]) -> Vec<Vec<Sentence>> {
    let mut all = vec!["summarize", "--format", "jsonl", "--quiet"];
    all.extend_from_slice(args);
    let run = khulasa(&all, "");
    run.assert_code(0);
    run.stdout
        .lines()
        .map(|line| {
            let summary: serde_json::Value = serde_json::from_str(line).unwrap();
            summary["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let n = |k: &str| s[k].as_u64().unwrap() as usize;
                    (
                        s["text"].as_str().unwrap().to_owned(),
                        n("start"),
                        n("end"),
                        n("index"),
                        n("rank"),
                    )
                })
                .collect()
        })
        .collect()
}

fn tuples(picks: &[Pick]) -> Vec<Sentence> {
    picks
        .iter()
        .map(|p| (p.text.clone(), p.range.start, p.range.end, p.index, p.rank))
        .collect()
}

#[test]
fn the_seed_story_as_the_command_gives_it() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpora/coalition-marrakech.txt")).unwrap();
    let cases: [(&[&str], Summarizer); 6] = [
        (&[], Summarizer::default()),
        (&["--scorer", "lexrank"], Summarizer::new().scorer("lexrank").unwrap()),
        (&["--scorer", "lead"], Summarizer::new().scorer("lead").unwrap()),
        (&["--words", "60"], Summarizer::new().budget(Budget::Words(60)).unwrap()),
        (
            &["--stemmer", "snowball", "--diversity", "0.6"],
            Summarizer::new().stemmer("snowball").unwrap().diversity(0.6).unwrap(),
        ),
        (&["--idf", "document", "--sentences", "5"], {
            Summarizer::new()
                .idf(khulasa::Idf::Document)
                .budget(Budget::Sentences(5))
                .unwrap()
        }),
    ];
    for (args, summarizer) in cases {
        let mut all = args.to_vec();
        all.push(SEED);
        let expected = command_picks(&all);
        assert_eq!(expected.len(), 1);
        let picks = summarizer.summarize(&text);
        assert!(!picks.is_empty(), "{args:?}");
        assert_eq!(tuples(&picks), expected[0], "{args:?}");
        for p in &picks {
            assert!(text.get(p.range.clone()).is_some(), "a range on character boundaries");
        }
    }
}

#[test]
fn a_day_of_the_archive_as_the_command_gives_it() {
    let Some(feed) = util::shared_data("ant/ant_v2.1.jsonl.gz") else {
        return;
    };
    let day = "2018-05-09";
    let fields = Fields {
        id: "docno".into(),
        ..Fields::default()
    };
    let only = DayFilter {
        from: khulasa::input::Day::parse(day),
        to: khulasa::input::Day::parse(day),
    };
    let docs: Vec<_> = documents(std::slice::from_ref(&feed), &fields)
        .filter(|d| only.keeps(d))
        .map(|d| d.unwrap())
        .collect();
    assert!(docs.len() >= 100, "a day large enough for its own document frequencies");
    let expected = command_picks(&[feed.to_str().unwrap(), "--id-field", "docno", "--date", day]);
    let got = Summarizer::default().summarize_batch(&docs);
    assert_eq!(got.len(), docs.len());
    let got: Vec<_> = got.iter().filter(|p| !p.is_empty()).map(|p| tuples(p)).collect();
    assert_eq!(got.len(), expected.len());
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "story {i}");
    }
    // Below the batch size the background table is used, as the command does: one story alone.
    let alone = command_picks(&[
        feed.to_str().unwrap(),
        "--id-field",
        "docno",
        "--date",
        day,
        "--idf",
        "background",
    ]);
    let first = Summarizer::default().summarize_document(&docs[0]);
    assert_eq!(tuples(&first), alone[0]);
}

#[test]
fn the_default_summary_of_a_batch_is_the_same_with_or_without_its_frequencies() {
    // The default reads no IDF, so `summarize_batch` does not count the batch; with the batch's own table given,
    // the picks must not change.
    let docs: Vec<Document> = (0..120)
        .map(|i| {
            let text = format!(
                "أعلن الوزير رقم {i} أن الاتفاق جاهز. وأضاف أن التوقيع غدا. وقال المتحدث إن الموازنة {} مقبولة. \
                 ونفى السفير ما تردد عن الأزمة. وختم المدير بالشكر.",
                i % 7
            );
            Document::new(format!("s{i}"), text)
        })
        .collect();
    let summarizer = Summarizer::default();
    let table = summarizer.count(&docs);
    assert_eq!(table.documents, 120);
    let counted = summarizer.clone().df(table).summarize_batch(&docs);
    let plain = summarizer.summarize_batch(&docs);
    assert_eq!(plain, counted);
    assert!(plain.iter().all(|p| !p.is_empty()));
}
