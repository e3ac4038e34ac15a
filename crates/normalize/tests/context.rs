//! Words that are both words and damaged forms (`وال`, `السيما`, `الت…`): decided by the story's evidence and the
//! neighbours, never by a blanket rule. The sentences here are written for these tests.

use khulasa_normalize::{Repairer, Rule};

fn lam_alef_changes(text: &str) -> Vec<(String, String)> {
    Repairer::new()
        .repair(text)
        .changes
        .into_iter()
        .filter(|c| c.rule == Rule::LamAlef)
        .map(|c| (c.before, c.after))
        .collect()
}

#[test]
fn governor_in_ordinary_text_is_kept() {
    for text in [
        "التقى الرئيس وال المدينة الجديد في مكتبه.",
        "وصل وال جديد إلى الولاية صباح الأحد، وقال إن الأولوية للأمن.",
        "قرب بلدة أرك، وال وقود المستنفد من المنشأة يحتوي على البلوتونيوم، كما قال الخبراء إن الاتفاق لا يسمح بذلك.",
    ] {
        assert_eq!(Repairer::new().repair(text).text, text);
        assert!(lam_alef_changes(text).is_empty(), "{text}");
    }
}

#[test]
fn cinema_in_ordinary_text_is_kept() {
    for text in [
        "ذهبنا إلى السيما لمشاهدة الفيلم الجديد.",
        "افتتحت السيما أبوابها أمس",
        "السيما",
    ] {
        assert_eq!(Repairer::new().repair(text).text, text);
    }
}

#[test]
fn the_same_words_in_a_damaged_story_are_repaired() {
    let story = "قال االمين العام إن االجتماع لم يكن سهال، وال يزال الخالف قائما، السيما بعد االنتخابات.";
    let repaired = Repairer::new().repair(story).text;
    assert_eq!(
        repaired,
        "قال الأمين العام إن الاجتماع لم يكن سهلا، ولا يزال الخلاف قائما، لاسيما بعد الانتخابات."
    );
}

#[test]
fn alef_lam_words_of_a_clean_story_are_kept() {
    // Real words holding alef-lam that are also damaged forms of others (`التي`/`لأتي`, `العب`/`لاعب`,
    // `الحد`/`لأحد`, `ثالث`/`ثلاث`), in a story with intact ligatures.
    let text = "قال الوزير إن الحد الأدنى للأجور سيرتفع في الربع الثالث، وهي الزيادة التي وعد بها العام الماضي.";
    assert_eq!(Repairer::new().repair(text).text, text);
}

#[test]
fn a_non_word_is_repaired_even_without_other_damage() {
    // `خالل` is no word: its repair needs no other evidence from the story.
    assert_eq!(Repairer::new().repair("خالل").text, "خلال");
}

/// BB-middleEast-477 of 2018-05-09 as published (read in place; skipped where the archive is absent): its
/// `وال وقود` (the article split from `وقود` by the writer) is kept, and nothing of the story is read as damaged.
#[test]
fn bbc_middle_east_477_keeps_its_words() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ant/ant_v2.1.jsonl.gz"
    ));
    let Ok(file) = std::fs::File::open(path) else {
        eprintln!("skipped: {} absent", path.display());
        return;
    };
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("\"BB-middleEast-477-20180509\""))
        .expect("the story is in the archive");
    let story: serde_json::Value = serde_json::from_str(line).unwrap();
    let story = story["text"].as_str().unwrap();
    assert!(story.contains("وال وقود"));
    let repaired = Repairer::new().repair(story);
    assert!(repaired.text.contains("وال وقود"));
    assert!(
        repaired.changes.iter().all(|c| c.rule != Rule::LamAlef),
        "{:?}",
        repaired.changes
    );
}

#[test]
fn word_ligatures_are_kept_and_letter_forms_become_letters() {
    // `ﷺ` is a symbol the writer chose; `ﻟﻧزوح` is a word left in contextual forms by extraction.
    let repaired = Repairer::new().repair("قال النبي ﷺ إن ﻟﻧزوح");
    assert_eq!(repaired.text, "قال النبي ﷺ إن لنزوح");
    assert_eq!(repaired.changes.len(), 1);
    assert_eq!(repaired.changes[0].rule, Rule::PresentationForm);
}
