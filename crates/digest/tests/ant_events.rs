//! The grouping measured against ANT's hand-grouped days (`corpora/events/`). Three are development days: the
//! threshold and the shared-title boost were chosen on them, leave one day out (`tests/fit_events.rs`), and each
//! is held here to the figures the defaults measure on it (in sample, so these are floors against regressions,
//! not estimates of a fresh day; the left-out figures are in the crate's documentation). Two more, 2018-04-10 and
//! 2018-03-19, were grouped by hand after the defaults were fixed and are held to the figures measured on them
//! once. The target, B-cubed F1 0.90 with precision 0.88 on a day not fitted on, is reached on neither 2018-05-11
//! left out nor 2018-03-19, and on 2018-04-10 by the command's figures only (see each day's test).
//!
//! Terms are made as `khulasa digest` makes them (see `common/mod.rs`). Without the corpus the tests print why
//! they skip, unless `CI` is `true`, where the data must be there.

mod common;

use common::{assigned, data, run, Data, FIT_DAY, FRESH_DAYS, SECOND_FIT_DAY, THIRD_DAY};
use khulasa_digest::Options;
use khulasa_eval::rouge::Prf;

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

/// 2018-05-11, in sample with the defaults: B-cubed P 0.813, R 0.907, F1 0.858 here (terms made without the
/// command's repair and desk review). Left out (threshold chosen on the two other days), it measures P 0.823,
/// F1 0.849, short of the target (F1 0.90 with precision 0.88). Most of the loss is stories the gold keeps apart
/// as distinct happenings of one setting: the Cannes festival's films and guests, the Friday sermon in Tehran and
/// the history of Israel and Iran joined to the strikes in Syria.
#[test]
fn the_third_day_keeps_its_figures() {
    let Some(data) = data() else { return };
    let (score, _) = measured(data, THIRD_DAY);
    assert!(score.f >= 0.85 && score.p >= 0.81, "{THIRD_DAY}: {score:?}");
}

/// 2018-04-10, held out, measured once, not fitted: grouped by hand after the defaults were fixed, and no
/// setting changed after it was measured. Here B-cubed P 0.926, R 0.857, F1 0.890 (terms made without the
/// command's repair and desk review); `khulasa eval --task events` measures P 0.925, R 0.896, F1 0.910, the target
/// (F1 0.90 with precision 0.88) reached. The two differ in the day's main event, the Douma attack: the command
/// joins to its 31-story group a group of five more Douma stories (with one on Russia jamming US drones) and one
/// Douma story alone, which these terms leave apart; the target holds on this day by merges near the threshold.
#[test]
fn the_fresh_day_2018_04_10_keeps_its_figures() {
    let Some(data) = data() else { return };
    let (score, _) = measured(data, FRESH_DAYS[0]);
    assert!(score.f >= 0.89 && score.p >= 0.92, "{}: {score:?}", FRESH_DAYS[0]);
}

/// 2018-03-19, held out, measured once, not fitted: grouped by hand after the defaults were fixed, and no
/// setting changed after it was measured. Here B-cubed P 0.816, R 0.967, F1 0.885 (the command measures the
/// same), short of the target (F1 0.90 with precision 0.88) by precision: the grouping joins happenings the gold
/// keeps apart because they share their names, such as the capture of Afrin and the British volunteer killed
/// there, the Saudi crown prince's CBS interview and his visit to the US, and Putin's re-election and his remark
/// on the Skripal poisoning.
#[test]
fn the_fresh_day_2018_03_19_keeps_its_figures() {
    let Some(data) = data() else { return };
    let (score, _) = measured(data, FRESH_DAYS[1]);
    assert!(score.f >= 0.88 && score.p >= 0.81, "{}: {score:?}", FRESH_DAYS[1]);
}

#[test]
fn the_second_fitted_day_keeps_its_figures_and_its_pairs() {
    let Some(data) = data() else { return };
    let (score, pairs) = measured(data, SECOND_FIT_DAY);
    assert!(score.f >= 0.90 && score.p >= 0.89, "{SECOND_FIT_DAY}: {score:?}");
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
    assert!(score.f >= 0.93 && score.p >= 0.90, "{FIT_DAY}: {score:?}");
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
