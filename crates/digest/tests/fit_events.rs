//! Fits the grouping's settings on ANT's five hand-grouped days, leave one day out, and prints the figures behind
//! the constants `Options::default` holds. Not run by default (it clusters each day a few hundred times):
//!
//! ```text
//! cargo test --release -p khulasa-digest --test fit_events -- --ignored --nocapture
//! ```
//!
//! For each of the five days, the threshold is chosen on the four other days (the middle of the plateau of their
//! mean F1) and the left-out day scored; a setting is judged by the mean of the five left-out B-cubed F1. A
//! family of candidate settings is judged nested: for each left-out day, the candidate is the one with the best
//! leave-one-day-out mean over the four other days alone, its threshold fitted on those four, and the left-out day
//! scored with it; the family's final choice is made the same way on all five days.

mod common;

use common::{data, Data, Day, DAYS};
use khulasa_digest::{digest_stories, Options};
use khulasa_eval::rouge::Prf;

/// Thresholds within this much of the best mean F1 on the training days form the plateau whose middle is taken.
const PLATEAU: f64 = 0.005;

fn score(day: &Day, idf: &[f64], options: &Options) -> Prf {
    let digest = digest_stories(&common::stories(day), idf, options).unwrap();
    khulasa_eval::bcubed(&common::assigned(day, &digest), &day.gold).unwrap()
}

fn grid() -> Vec<f64> {
    (5..=50).map(|k| f64::from(k) / 100.0).collect()
}

/// One candidate's scores: `[day][threshold index]`, days in [`DAYS`] order.
fn table(data: &Data, options: &Options) -> Vec<Vec<Prf>> {
    let grid = grid();
    std::thread::scope(|scope| {
        let handles: Vec<_> = DAYS
            .iter()
            .map(|d| {
                let grid = &grid;
                scope.spawn(move || {
                    grid.iter()
                        .map(|&threshold| {
                            let o = Options {
                                threshold,
                                ..options.clone()
                            };
                            score(&data.days[d], &data.idf, &o)
                        })
                        .collect::<Vec<Prf>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// The threshold index in the middle of the plateau of mean F1 over the days `train` (indices into [`DAYS`]),
/// with that best mean.
fn pick_threshold(scores: &[Vec<Prf>], train: &[usize]) -> (usize, f64) {
    let steps = scores.first().map_or(0, Vec::len);
    let means: Vec<f64> = (0..steps)
        .map(|k| train.iter().map(|&d| scores[d][k].f).sum::<f64>() / train.len() as f64)
        .collect();
    let (best_at, best) = means.iter().enumerate().fold(
        (0, f64::MIN),
        |acc, (i, &m)| if m > acc.1 + 1e-12 { (i, m) } else { acc },
    );
    let (mut lo, mut hi) = (best_at, best_at);
    while lo > 0 && means[lo - 1] >= best - PLATEAU {
        lo -= 1;
    }
    while hi + 1 < means.len() && means[hi + 1] >= best - PLATEAU {
        hi += 1;
    }
    ((lo + hi) / 2, best)
}

/// The mean F1 of leaving each of the days `train` out in turn, its threshold fitted on the others.
fn left_out_mean(scores: &[Vec<Prf>], train: &[usize]) -> f64 {
    let sum: f64 = train
        .iter()
        .map(|&out| {
            let rest: Vec<usize> = train.iter().copied().filter(|&d| d != out).collect();
            scores[out][pick_threshold(scores, &rest).0].f
        })
        .sum();
    sum / train.len() as f64
}

/// The candidate (index) and threshold (index) fitted on `train`: the candidate whose leave-one-day-out mean F1
/// over `train` is the highest (the first among equals), with its plateau-middle threshold on all of `train`.
fn fit(tables: &[Vec<Vec<Prf>>], train: &[usize]) -> (usize, usize) {
    let mut chosen = (0, f64::MIN);
    if tables.len() > 1 {
        for (c, scores) in tables.iter().enumerate() {
            let mean = left_out_mean(scores, train);
            if mean > chosen.1 + 1e-12 {
                chosen = (c, mean);
            }
        }
    }
    (chosen.0, pick_threshold(&tables[chosen.0], train).0)
}

/// Leave one day out over a family of candidates, printed as one block.
fn evaluate(data: &Data, name: &str, family: &[(String, Options)]) {
    let grid = grid();
    let tables: Vec<Vec<Vec<Prf>>> = family.iter().map(|(_, o)| table(data, o)).collect();
    let mut out = format!("{name}\n");
    let (mut sum_p, mut sum_r, mut sum_f) = (0.0, 0.0, 0.0);
    for (left_out, day) in DAYS.iter().enumerate() {
        let train: Vec<usize> = (0..DAYS.len()).filter(|&d| d != left_out).collect();
        let (c, k) = fit(&tables, &train);
        let s = &tables[c][left_out][k];
        sum_p += s.p;
        sum_r += s.r;
        sum_f += s.f;
        out += &format!(
            "  {day} left out: {} t={:.2} P {:.3} R {:.3} F1 {:.3}\n",
            family[c].0, grid[k], s.p, s.r, s.f
        );
    }
    let n = DAYS.len() as f64;
    out += &format!(
        "  mean left out: P {:.3} R {:.3} F1 {:.4}\n",
        sum_p / n,
        sum_r / n,
        sum_f / n
    );
    let all: Vec<usize> = (0..DAYS.len()).collect();
    let (c, k) = fit(&tables, &all);
    out += &format!("  all five days: {} t={:.2}", family[c].0, grid[k]);
    for (d, day) in DAYS.iter().enumerate() {
        let s = &tables[c][d][k];
        out += &format!(" | {day} P {:.3} R {:.3} F1 {:.3}", s.p, s.r, s.f);
    }
    eprintln!("{out}");
}

fn one(name: &str, options: Options) -> Vec<(String, Options)> {
    vec![(name.to_owned(), options)]
}

#[test]
#[ignore = "fits the defaults: minutes of clustering"]
fn fit_the_grouping_leave_one_day_out() {
    let Some(data) = data() else { return };
    let base = Options {
        sentences: 0,
        ..Options::default()
    };
    // The method before the day's IDF (a day IDF power of 0), against which the new setting was judged.
    let before = Options {
        day_idf_power: 0.0,
        ..base.clone()
    };
    let mut families: Vec<(String, Vec<(String, Options)>)> = vec![
        ("the defaults".into(), one("defaults", base.clone())),
        ("before: day idf power 0".into(), one("", before.clone())),
    ];
    let powers = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.5, 0.75, 1.0];
    let mut day_idf = vec![("day idf power 0".to_owned(), before.clone())];
    for day_idf_power in powers {
        let o = Options {
            day_idf_power,
            ..base.clone()
        };
        families.push((format!("day idf power {day_idf_power}"), one("", o.clone())));
        day_idf.push((format!("day idf power {day_idf_power}"), o));
    }
    families.push(("nested: day idf power chosen per fold".into(), day_idf));
    for boost in [0.0, 1.0] {
        for day_idf_power in [0.0, 0.25, 0.5] {
            let o = Options {
                shared_title_boost: boost,
                day_idf_power,
                ..base.clone()
            };
            families.push((
                format!("title boost {boost}, day idf power {day_idf_power}"),
                one("", o),
            ));
        }
    }
    let o = Options {
        lone_weight: 1.0,
        ..base.clone()
    };
    families.push(("lone words 1".into(), one("", o)));
    for outlets in [2, 4] {
        let o = Options {
            shared_title_outlets: outlets,
            ..base.clone()
        };
        families.push((format!("title words of {outlets} outlets boosted"), one("", o)));
    }
    for lead_sentences in [1, 3] {
        let o = Options {
            lead_sentences,
            ..base.clone()
        };
        families.push((format!("lead of {lead_sentences} sentences"), one("", o)));
    }
    for body_weight in [0.05, 0.2] {
        let o = Options {
            body_weight,
            ..base.clone()
        };
        families.push((format!("body weight {body_weight}"), one("", o)));
    }
    let o = Options {
        title_weight: 2.0,
        ..base.clone()
    };
    families.push(("title weight 2".into(), one("", o)));
    // FIT_ONLY=prefix runs the families whose name starts with it.
    let only = std::env::var("FIT_ONLY").unwrap_or_default();
    for (name, family) in families.iter().filter(|(n, _)| n.starts_with(&only)) {
        evaluate(data, name, family);
    }
}
