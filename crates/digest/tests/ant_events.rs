//! The grouping measured against ANT's seven hand-grouped days (`corpora/events/`), all development days: the
//! threshold, the shared-title boost and the day's IDF power were chosen on them, leave one day out
//! (`tests/fit_events.rs`), and each day is held here to the figures the defaults measure on it. The default
//! threshold, 0.22, is the fitting rule's choice on all seven days, this day among them, so these are floors against
//! regressions, not estimates of a fresh day; each day's test also gives its left-out figure (the threshold chosen on
//! the six other days). The target, B-cubed F1 0.90 with precision 0.88 on a day not fitted on, is met left out by
//! 2018-05-09, 2018-05-10, 2018-02-27 and 2018-06-06, not by 2018-05-11, 2018-04-10 (recall) or 2018-03-19
//! (precision; see each day's test).
//!
//! Terms are made as `khulasa digest` makes them (see `common/mod.rs`). Without the corpus the tests print why
//! they skip, unless `CI` is `true`, where the data must be there.

mod common;

use common::{assigned, data, run, Data, DAYS};
use khulasa_digest::Options;
use khulasa_eval::rouge::Prf;

const FIT_DAY: &str = DAYS[0];
const SECOND_FIT_DAY: &str = DAYS[1];
const THIRD_DAY: &str = DAYS[2];
const APRIL_DAY: &str = DAYS[3];
const MARCH_DAY: &str = DAYS[4];
const FEBRUARY_DAY: &str = DAYS[5];
const JUNE_DAY: &str = DAYS[6];

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

/// The development days without named pairs, each held to floors just under what the test's terms (made without
/// the command's repair and desk review) measure with the defaults; the threshold, 0.22, is fitted on all seven.
/// Measured here, P / R / F1, and left out (the threshold fitted on the six other days):
///
/// | day | here | left out | the loss |
/// | --- | --- | --- | --- |
/// | 2018-05-11 | 0.864 / 0.875 / 0.869 | the same (0.22) | happenings of one setting joined: the Cannes festival's films and guests, the strikes in Syria, the Friday sermon in Tehran |
/// | 2018-04-10 | 0.932 / 0.849 / 0.889 | 0.939 / 0.802 / 0.865 (0.24) | recall: the Douma attack stays in more than one group |
/// | 2018-03-19 | 0.865 / 0.957 / 0.909 | the same (0.22) | happenings that share their names joined: the capture of Afrin and a British volunteer killed there, the Saudi crown prince's CBS interview and his US visit, Putin's re-election and his Skripal remark |
/// | 2018-02-27 | 0.906 / 0.964 / 0.934 | 0.922 / 0.964 / 0.942 (0.24) | |
/// | 2018-06-06 | 0.900 / 0.963 / 0.930 | the same (0.22) | |
///
/// 2018-04-10 and 2018-03-19, then 2018-02-27 and 2018-06-06, were grouped by hand as fresh days and measured
/// once with the defaults of their time before they were fitted on.
#[test]
fn the_other_development_days_keep_their_figures() {
    let Some(data) = data() else { return };
    let floors = [
        (THIRD_DAY, 0.86, 0.86),
        (APRIL_DAY, 0.88, 0.93),
        (MARCH_DAY, 0.90, 0.86),
        (FEBRUARY_DAY, 0.93, 0.90),
        (JUNE_DAY, 0.92, 0.89),
    ];
    let below: Vec<String> = floors
        .iter()
        .filter_map(|&(day, f, p)| {
            let (score, _) = measured(data, day);
            (score.f < f || score.p < p).then(|| format!("{day}: {score:?} under F1 {f}, P {p}"))
        })
        .collect();
    assert!(below.is_empty(), "{below:#?}");
}

/// 2018-05-10, a development day: B-cubed P 0.908, R 0.908, F1 0.908 here; left out (threshold 0.24) P 0.908,
/// R 0.900, F1 0.904.
#[test]
fn the_second_fitted_day_keeps_its_figures_and_its_pairs() {
    let Some(data) = data() else { return };
    let (score, pairs) = measured(data, SECOND_FIT_DAY);
    assert!(score.f >= 0.90 && score.p >= 0.90, "{SECOND_FIT_DAY}: {score:?}");
    let together = [("AL-internationalNews-1100-20180510", "CN-middleEast-865-20180510")];
    for (a, b) in together {
        assert_eq!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} report one event");
    }
    // The Golan rockets and Israel's strikes against the Iran deal: neighbours in the news, not one event.
    let (a, b) = ("CN-middleEast-865-20180510", "CN-middleEast-863-20180510");
    assert_ne!(event_of(&pairs, a), event_of(&pairs, b), "{a} and {b} are two events");
}

/// 2018-05-09, a development day: B-cubed P 0.928, R 0.918, F1 0.923 here; left out (threshold 0.25) P 0.945,
/// R 0.891, F1 0.917; every named pair holds.
#[test]
fn the_fitted_day_keeps_its_figures_and_its_pairs() {
    let Some(data) = data() else { return };
    let (score, pairs) = measured(data, FIT_DAY);
    assert!(score.f >= 0.92 && score.p >= 0.92, "{FIT_DAY}: {score:?}");
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
