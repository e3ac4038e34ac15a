//! Fits the grouping's settings on ANT's seven hand-grouped days, leave one day out, and prints the figures
//! behind the constants `Options::default` holds. Not run by default (it clusters each day a few hundred times):
//!
//! ```text
//! cargo test --release -p khulasa-digest --test fit_events -- --ignored --nocapture
//! ```
//!
//! For each of the seven days, the threshold is chosen on the six other days and the left-out day scored; a
//! setting is judged by the mean of the seven left-out B-cubed scores. The threshold is chosen by the target's
//! rule, precision first: among the thresholds whose mean precision on the training days is at least
//! [`PRECISION_FLOOR`], the middle of the plateau of the best mean F1; when none reaches it, the threshold of the
//! highest mean precision. The rule before it (the plateau of mean F1 over every threshold) is printed beside it.
//! A family of candidate settings is judged nested: for each left-out day, the candidate is the one with the best
//! leave-one-day-out mean F1 over the six other days alone, its threshold fitted on those six, and the left-out day
//! scored with it; the family's final choice is made the same way on all seven days.

mod common;

use common::{data, Data, Day, DAYS};
use khulasa_digest::Options;
use khulasa_eval::rouge::Prf;

/// Thresholds within this much of the best mean F1 on the training days form the plateau whose middle is taken.
const PLATEAU: f64 = 0.005;

/// The mean precision on the training days a threshold must reach to be chosen: the target's 0.88 on a day not
/// fitted on, plus a margin for the spread from day to day (left-out precision ranges over several points).
const PRECISION_FLOOR: f64 = 0.90;

/// The target on a day not fitted on.
const TARGET_F1: f64 = 0.90;
const TARGET_PRECISION: f64 = 0.88;

/// How a fold's threshold is chosen from the training days' mean scores.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rule {
    /// Precision first: the best mean F1 among the thresholds of mean precision at least [`PRECISION_FLOOR`].
    PrecisionFirst,
    /// The best mean F1 over every threshold (the rule before).
    MeanF1,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::PrecisionFirst => "precision-first rule",
            Rule::MeanF1 => "mean-F1 rule",
        }
    }
}

fn score(day: &Day, idf: &[f64], options: &Options) -> Prf {
    let digest = common::run(day, idf, options);
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

/// The threshold index chosen by `rule` on the days `train` (indices into [`DAYS`]), with its mean F1 there: the
/// middle of the contiguous run of allowed thresholds whose mean F1 is within [`PLATEAU`] of the best allowed one.
fn pick_threshold(scores: &[Vec<Prf>], train: &[usize], rule: Rule) -> (usize, f64) {
    let steps = scores.first().map_or(0, Vec::len);
    let mean =
        |k: usize, of: fn(&Prf) -> f64| train.iter().map(|&d| of(&scores[d][k])).sum::<f64>() / train.len() as f64;
    let f1: Vec<f64> = (0..steps).map(|k| mean(k, |s| s.f)).collect();
    let precision: Vec<f64> = (0..steps).map(|k| mean(k, |s| s.p)).collect();
    let allowed: Vec<bool> = match rule {
        Rule::MeanF1 => vec![true; steps],
        Rule::PrecisionFirst => precision.iter().map(|&p| p >= PRECISION_FLOOR).collect(),
    };
    if !allowed.contains(&true) {
        let (most_precise, _) =
            precision.iter().enumerate().fold(
                (0, f64::MIN),
                |acc, (i, &p)| if p > acc.1 + 1e-12 { (i, p) } else { acc },
            );
        return (most_precise, f1[most_precise]);
    }
    let (best_at, best) = f1
        .iter()
        .enumerate()
        .filter(|&(i, _)| allowed[i])
        .fold(
            (0, f64::MIN),
            |acc, (i, &m)| if m > acc.1 + 1e-12 { (i, m) } else { acc },
        );
    let within = |i: usize| allowed[i] && f1[i] >= best - PLATEAU;
    let (mut lo, mut hi) = (best_at, best_at);
    while lo > 0 && within(lo - 1) {
        lo -= 1;
    }
    while hi + 1 < steps && within(hi + 1) {
        hi += 1;
    }
    ((lo + hi) / 2, best)
}

/// The mean F1 of leaving each of the days `train` out in turn, its threshold fitted on the others by `rule`.
fn left_out_mean(scores: &[Vec<Prf>], train: &[usize], rule: Rule) -> f64 {
    let sum: f64 = train
        .iter()
        .map(|&out| {
            let rest: Vec<usize> = train.iter().copied().filter(|&d| d != out).collect();
            scores[out][pick_threshold(scores, &rest, rule).0].f
        })
        .sum();
    sum / train.len() as f64
}

/// The candidate (index) and threshold (index) fitted on `train`: the candidate whose leave-one-day-out mean F1
/// over `train` is the highest (the first among equals), with its threshold chosen by `rule` on all of `train`.
fn fit(tables: &[Vec<Vec<Prf>>], train: &[usize], rule: Rule) -> (usize, usize) {
    let mut chosen = (0, f64::MIN);
    if tables.len() > 1 {
        for (c, scores) in tables.iter().enumerate() {
            let mean = left_out_mean(scores, train, rule);
            if mean > chosen.1 + 1e-12 {
                chosen = (c, mean);
            }
        }
    }
    (chosen.0, pick_threshold(&tables[chosen.0], train, rule).0)
}

/// Leave one day out over a family of candidates, under each rule, printed as one block.
fn evaluate(data: &Data, name: &str, family: &[(String, Options)]) {
    let grid = grid();
    let tables: Vec<Vec<Vec<Prf>>> = family.iter().map(|(_, o)| table(data, o)).collect();
    let mut out = format!("{name}\n");
    for rule in [Rule::PrecisionFirst, Rule::MeanF1] {
        out += &format!("  {}\n", rule.name());
        let (mut sum_p, mut sum_r, mut sum_f, mut on_target) = (0.0, 0.0, 0.0, 0);
        for (left_out, day) in DAYS.iter().enumerate() {
            let train: Vec<usize> = (0..DAYS.len()).filter(|&d| d != left_out).collect();
            let (c, k) = fit(&tables, &train, rule);
            let s = &tables[c][left_out][k];
            sum_p += s.p;
            sum_r += s.r;
            sum_f += s.f;
            let met = s.f >= TARGET_F1 && s.p >= TARGET_PRECISION;
            on_target += usize::from(met);
            out += &format!(
                "    {day} left out: {} t={:.2} P {:.3} R {:.3} F1 {:.3}{}\n",
                family[c].0,
                grid[k],
                s.p,
                s.r,
                s.f,
                if met { " (target met)" } else { "" }
            );
        }
        let n = DAYS.len() as f64;
        out += &format!(
            "    mean left out: P {:.3} R {:.3} F1 {:.4}; days meeting the target: {on_target} of {}\n",
            sum_p / n,
            sum_r / n,
            sum_f / n,
            DAYS.len()
        );
        let all: Vec<usize> = (0..DAYS.len()).collect();
        let (c, k) = fit(&tables, &all, rule);
        out += &format!("    all seven days: {} t={:.2}", family[c].0, grid[k]);
        // The seven days' means near the choice, to show how close the precision floor is.
        for near in k.saturating_sub(2)..(k + 3).min(grid.len()) {
            let mean = |of: fn(&Prf) -> f64| all.iter().map(|&d| of(&tables[c][d][near])).sum::<f64>() / n;
            out += &format!(
                " [t={:.2}: mean P {:.4} F1 {:.4}]",
                grid[near],
                mean(|s| s.p),
                mean(|s| s.f)
            );
        }
        for (d, day) in DAYS.iter().enumerate() {
            let s = &tables[c][d][k];
            out += &format!(" | {day} P {:.3} R {:.3} F1 {:.3}", s.p, s.r, s.f);
        }
        out += "\n";
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
