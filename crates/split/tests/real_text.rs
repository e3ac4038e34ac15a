//! The splitter on real text: the seed story (in the project), the EASC articles and a sample of ANT stories
//! (read in place from `../shared/data`, skipped with a message when absent, failing in CI).

mod common;

use khulasa_split::{layout, split, Kind, Layout};
use std::io::BufRead;
use std::path::PathBuf;

const SEED: &str = include_str!("data/coalition-marrakech.txt");

fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
}

#[test]
fn the_seed_story_splits_into_headline_subheadlines_body_and_furniture() {
    let units = split(SEED);
    common::assert_contract(SEED, &units);
    let text = |i: usize| SEED[units[i].start..units[i].end].to_owned();
    let of_kind = |kind: Kind| {
        units
            .iter()
            .enumerate()
            .filter(move |(_, u)| u.kind == kind)
            .map(|(i, _)| i)
    };

    assert_eq!(units[0].kind, Kind::Headline);
    assert!(text(0).starts_with("رئيس الديبلوماسية الأمريكية") && text(0).ends_with("بالمغرب"));
    assert_eq!(of_kind(Kind::Headline).count(), 1);

    let furniture: Vec<String> = of_kind(Kind::Furniture).map(text).collect();
    assert_eq!(furniture, ["0", "360"]);

    let subheadlines: Vec<String> = of_kind(Kind::Subheadline).map(text).collect();
    assert_eq!(subheadlines.len(), 2, "{subheadlines:?}");
    assert!(subheadlines[0].starts_with("بوريطة يلتقي نظراءه") && subheadlines[0].ends_with("ضد “داعش”"));
    assert!(subheadlines[1].starts_with("مباحثات مغربية بحرينية") && subheadlines[1].ends_with("ضد “داعش”"));

    // 15 paragraphs of prose, one holding two sentences (`... 3461.” واشار ...`) and one holding three.
    let body: Vec<String> = of_kind(Kind::Body).map(text).collect();
    assert_eq!(body.len(), 18, "{body:#?}");
    assert!(
        body.iter().all(|s| !s.contains('\n')),
        "a body sentence spans two paragraphs"
    );
    assert!(body.iter().any(|s| s.ends_with("بلغ عددهم 3461.”")));
    assert!(body.iter().any(|s| s.starts_with("واشار الى ان غرب افريقيا")));
    assert!(body.iter().all(|s| s.ends_with(['.', '”'])), "{body:#?}");
}

#[test]
fn a_one_paragraph_a_line_story_ends_a_sentence_at_every_line_break() {
    // The layout of every ANT story: no empty lines, one paragraph a line, some without final punctuation.
    let story = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد، وقالت إنها ستبدأ الشهر المقبل.\n\
                 وقال الوزير في مؤتمر صحفي إن الخطة تشمل ثلاثة محاور رئيسية\n\
                 أهداف الخطة\n\
                 وأوضح أن المحور الأول يتعلق بالضرائب. وأضاف أن المحور الثاني يخص الاستثمار.";
    assert_eq!(layout(story), Layout::LinePerParagraph);
    let units = split(story);
    common::assert_contract(story, &units);
    let got: Vec<(Kind, &str)> = units.iter().map(|u| (u.kind, &story[u.start..u.end])).collect();
    assert_eq!(
        got,
        [
            (
                Kind::Body,
                "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد، وقالت إنها ستبدأ الشهر المقبل."
            ),
            // Prose that lost its full stop: `وقال` goes on from what came before, so it is no heading.
            (Kind::Body, "وقال الوزير في مؤتمر صحفي إن الخطة تشمل ثلاثة محاور رئيسية"),
            (Kind::Subheadline, "أهداف الخطة"),
            (Kind::Body, "وأوضح أن المحور الأول يتعلق بالضرائب."),
            (Kind::Body, "وأضاف أن المحور الثاني يخص الاستثمار."),
        ]
    );
}

#[test]
fn a_hard_wrapped_article_joins_its_soft_wraps() {
    // The layout of 43 EASC articles: prose wrapped near 80 characters, a paragraph's first line indented.
    let article = "\
 يشكل الإصلاح في العالم العربي أحد أهم محاور المنتدى الاقتصادي العالمي الذي
يتخلى عن نخبويته لأول مرة ليرتكز في حواراته على استطلاعات رأي تخاطب نبض
الشارع العربي. وبانتظار نتائج الاستفتاء التي ستناقش في ثلاث جلسات عمل الى
جانب استطلاع ينفذه معهد غالوب، ثمة قناعة بأن الاصلاح قد بات مطلبا ملحا.
مطالب الإصلاح
 في الأردن ثمة ورشة حوارية دائرة في الجامعات وفي الصحافة ومؤسسات المجتمع
المدني هدفها إشراك المجتمع على اختلاف شرائحه في عملية الإصلاح الشامل.";
    assert!(matches!(layout(article), Layout::HardWrapped { .. }));
    let units = split(article);
    common::assert_contract(article, &units);
    let got: Vec<(Kind, String)> = units
        .iter()
        .map(|u| {
            (
                u.kind,
                article[u.start..u.end].split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(got[0].0, Kind::Body);
    assert!(got[0].1.starts_with("يشكل الإصلاح") && got[0].1.ends_with("نبض الشارع العربي."));
    assert!(got[1].1.starts_with("وبانتظار") && got[1].1.ends_with("مطلبا ملحا."));
    assert_eq!(got[2], (Kind::Subheadline, "مطالب الإصلاح".to_owned()));
    assert!(got[3].1.starts_with("في الأردن") && got[3].1.ends_with("الإصلاح الشامل."));
}

/// EASC articles whose prose is hard-wrapped near 80 characters (found by reading them; 27 of the 80 dev articles).
const EASC_WRAPPED: &[&str] = &[
    "art_and_music_004",
    "education_011",
    "education_012",
    "education_013",
    "education_016",
    "environment_019",
    "finance_056",
    "finance_057",
    "finance_059",
    "finance_062",
    "finance_063",
    "finance_064",
    "health_068",
    "health_071",
    "health_072",
    "health_073",
    "politics_087",
    "politics_088",
    "politics_091",
    "politics_092",
    "politics_093",
    "politics_094",
    "politics_095",
    "politics_104",
    "religion_109",
    "science_and_technology_119",
    "science_and_technology_120",
];

#[test]
fn easc_articles_get_their_layout_and_keep_the_contract() {
    let dir = data_dir().join("easc-dev/articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing: CI must have the data",
            dir.display()
        );
        eprintln!("skipped: {} absent", dir.display());
        return;
    };
    let mut checked = 0;
    let (mut wrapped_units, mut wrapped_closed) = (0, 0);
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let units = split(&text);
        common::assert_contract(&text, &units);
        let wrapped = EASC_WRAPPED.contains(&name.as_str());
        assert_eq!(matches!(layout(&text), Layout::HardWrapped { .. }), wrapped, "{name}");
        if wrapped {
            for u in units.iter().filter(|u| u.kind == Kind::Body) {
                wrapped_units += 1;
                let s = text[u.start..u.end].trim_end_matches(['"', '”', '»', ')', ' ']);
                if s.ends_with(['.', '!', '?', '؟', '…', ':']) {
                    wrapped_closed += 1;
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 80);
    // Were line breaks read as sentence ends, most units of these articles would end mid-sentence (over 70% of
    // their running-on lines end with no punctuation); joined soft wraps leave very few such units.
    let closed = wrapped_closed as f64 / wrapped_units as f64;
    assert!(
        closed > 0.95,
        "only {wrapped_closed} of {wrapped_units} units of wrapped articles end a sentence"
    );
}

#[test]
fn ant_stories_are_one_paragraph_a_line() {
    let path = data_dir().join("ant/ant_v2.1.jsonl.gz");
    let Ok(file) = std::fs::File::open(&path) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} is missing: CI must have the data",
            path.display()
        );
        eprintln!("skipped: {} absent", path.display());
        return;
    };
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut stories = 0;
    let mut wrapped = 0;
    for line in reader.lines().take(2000) {
        let story: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = story["text"].as_str().unwrap();
        let units = split(text);
        common::assert_contract(text, &units);
        if matches!(layout(text), Layout::LinePerParagraph | Layout::Undecided) {
            assert!(
                units.iter().all(|u| !text[u.start..u.end].contains('\n')),
                "{}",
                story["docno"]
            );
        } else {
            wrapped += 1;
        }
        stories += 1;
    }
    assert_eq!(stories, 2000);
    assert!(wrapped <= 2, "{wrapped} of {stories} ANT stories judged hard-wrapped");
}
