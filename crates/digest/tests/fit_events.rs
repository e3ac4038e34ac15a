//! Fits the grouping's pair model and threshold on ANT's hand-grouped days, leave one day out, and prints the
//! constants `Options::default` holds. Not run by default (it clusters each day a few hundred times):
//!
//! ```text
//! cargo test --release -p khulasa-digest --test fit_events -- --ignored --nocapture
//! ```
//!
//! For each of the three days, the model is fitted on the pairs of the other two (same event in the gold = 1),
//! its threshold chosen on those two days, and the left-out day scored; a setting is judged by the mean of the
//! three left-out B-cubed F1. The final model is fitted the same way on all three days.

mod common;

use common::{data, Data, Day, FIT_DAY, SECOND_FIT_DAY, THIRD_DAY};
use khulasa_digest::{digest_stories, pair_features, Options, PairModel, PAIR_FEATURES, PAIR_FEATURE_NAMES};
use khulasa_eval::rouge::Prf;
use std::collections::HashMap;

const DAYS: [&str; 3] = [FIT_DAY, SECOND_FIT_DAY, THIRD_DAY];

/// The ridge penalty on the weights (not the intercept): enough to keep a feature that separates a handful of
/// pairs perfectly from running off to infinity.
const RIDGE: f64 = 1.0;

/// Thresholds within this much of the best mean F1 on the training days form the plateau whose middle is taken.
const PLATEAU: f64 = 0.005;

/// One labelled pair: its features and whether the gold puts both stories in one event.
type Example = ([f64; PAIR_FEATURES], bool);

fn examples(day: &Day, idf: &[f64], options: &Options) -> Vec<Example> {
    let labels: HashMap<&str, &str> = day.gold.iter().map(|(id, l)| (id.as_str(), l.as_str())).collect();
    let (_, pairs) = pair_features(&common::stories(day), idf, options).unwrap();
    pairs
        .into_iter()
        .map(|p| {
            let same = labels[day.ids[p.a].as_str()] == labels[day.ids[p.b].as_str()];
            (p.features, same)
        })
        .collect()
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`a` is small and positive definite here).
// Row and column indices mirror the algebra; iterators would hide which entry is which.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap();
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            for k in col..n {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x
}

/// Ridge logistic regression by Newton's method (iteratively reweighted least squares) on the features `used`;
/// the others weigh 0.
#[allow(clippy::needless_range_loop)]
fn fit(examples: &[Example], used: &[usize]) -> PairModel {
    let m = used.len() + 1;
    let row =
        |x: &[f64; PAIR_FEATURES]| -> Vec<f64> { std::iter::once(1.0).chain(used.iter().map(|&k| x[k])).collect() };
    let mut beta = vec![0.0; m];
    for _ in 0..50 {
        let mut hessian = vec![vec![0.0; m]; m];
        let mut gradient = vec![0.0; m];
        for (x, y) in examples {
            let r = row(x);
            let z: f64 = r.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let w = (p * (1.0 - p)).max(1e-12);
            let target = if *y { 1.0 } else { 0.0 };
            for i in 0..m {
                gradient[i] += (target - p) * r[i];
                for j in 0..m {
                    hessian[i][j] += w * r[i] * r[j];
                }
            }
        }
        for i in 1..m {
            gradient[i] -= RIDGE * beta[i];
            hessian[i][i] += RIDGE;
        }
        let step = solve(hessian, gradient);
        let size: f64 = step.iter().map(|s| s.abs()).sum();
        for (b, s) in beta.iter_mut().zip(&step) {
            *b += s;
        }
        if size < 1e-10 {
            break;
        }
    }
    let mut weights = [0.0; PAIR_FEATURES];
    for (k, &f) in used.iter().enumerate() {
        weights[f] = beta[k + 1];
    }
    PairModel {
        intercept: beta[0],
        weights,
    }
}

fn score(day: &Day, idf: &[f64], options: &Options) -> Prf {
    let digest = digest_stories(&common::stories(day), idf, options).unwrap();
    khulasa_eval::bcubed(&common::assigned(day, &digest), &day.gold).unwrap()
}

/// The threshold in the middle of the plateau of mean F1 over `days` (the run of thresholds within [`PLATEAU`] of
/// the best that holds the best), with that best mean.
fn pick_threshold(data: &Data, days: &[&str], options: &Options, grid: &[f64]) -> (f64, f64) {
    let means: Vec<f64> = grid
        .iter()
        .map(|&threshold| {
            let o = Options {
                threshold,
                ..options.clone()
            };
            days.iter().map(|d| score(&data.days[d], &data.idf, &o).f).sum::<f64>() / days.len() as f64
        })
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
    (grid[(lo + hi) / 2], best)
}

/// A method: how its options are set from training days.
enum Method<'a> {
    /// The cosine of event vectors, only the threshold fitted.
    Cosine,
    /// A pair model on these features, fitted, then its threshold.
    Learned(&'a [usize]),
}

/// Leave-one-day-out: the options fitted on the other days and the left-out day's score, per day; then the
/// options fitted on all days and their in-sample scores.
fn evaluate(data: &Data, name: &str, method: &Method, base: &Options) -> f64 {
    let (grid, fit_on): (Vec<f64>, _) = match method {
        Method::Cosine => ((5..=50).map(|k| f64::from(k) / 100.0).collect(), None),
        Method::Learned(used) => ((2..=90).map(|k| f64::from(k) / 100.0).collect(), Some(*used)),
    };
    let examples: HashMap<&str, Vec<Example>> = DAYS
        .iter()
        .map(|&d| (d, examples(&data.days[d], &data.idf, base)))
        .collect();
    let fitted = |train: &[&str]| -> Options {
        let model = fit_on.map(|used| {
            let pooled: Vec<Example> = train.iter().flat_map(|d| examples[d].iter().copied()).collect();
            fit(&pooled, used)
        });
        let o = Options {
            pair_model: model,
            ..base.clone()
        };
        let (threshold, _) = pick_threshold(data, train, &o, &grid);
        Options { threshold, ..o }
    };
    let mut sum = 0.0;
    let mut line = format!("{name:<40}");
    let mut sum_p = 0.0;
    for &out in &DAYS {
        let train: Vec<&str> = DAYS.iter().copied().filter(|&d| d != out).collect();
        let o = fitted(&train);
        let s = score(&data.days[out], &data.idf, &o);
        sum += s.f;
        sum_p += s.p;
        line += &format!(" | {out} t={:.2} P {:.3} R {:.3} F1 {:.3}", o.threshold, s.p, s.r, s.f);
    }
    line += &format!(" | mean P {:.3} F1 {:.3}", sum_p / 3.0, sum / 3.0);
    let o = fitted(&DAYS);
    line += &format!("\n{:<40} all three days: threshold {:.2}", "", o.threshold);
    for d in DAYS {
        let s = score(&data.days[d], &data.idf, &o);
        line += &format!(" | {d} P {:.3} R {:.3} F1 {:.3}", s.p, s.r, s.f);
    }
    if let Some(model) = o.pair_model {
        line += &format!("\n{:<40} intercept {:.4}", "", model.intercept);
        for (name, w) in PAIR_FEATURE_NAMES.iter().zip(model.weights) {
            line += &format!(", {name} {w:.4}");
        }
    }
    eprintln!("{line}");
    sum / 3.0
}

#[test]
#[ignore = "fits the defaults: minutes of clustering"]
fn fit_the_grouping_leave_one_day_out() {
    let Some(data) = data() else { return };
    let base = Options {
        sentences: 0,
        ..Options::default()
    };
    // The alternatives were measured against the event vectors of the method before (shared title words
    // boosted by 1), the default then.
    let before = Options {
        shared_title_boost: 1.0,
        ..base.clone()
    };
    let all: Vec<usize> = (0..PAIR_FEATURES).collect();
    let cosine = |o: Options| (Method::Cosine, o);
    let learned = |used, o: Options| (Method::Learned(used), o);
    let variants: Vec<(String, (Method, Options))> = vec![
        (
            "cosine (the defaults: title boost 0.5, lone words 0.5)".into(),
            cosine(base.clone()),
        ),
        ("pair model: event cosine".into(), learned(&[0][..], before.clone())),
        ("pair model: event, keys".into(), learned(&[0, 4], before.clone())),
        (
            "pair model: event, title, lead, keys".into(),
            learned(&[0, 1, 2, 4], before.clone()),
        ),
        (
            "pair model: all but outlet and time".into(),
            learned(&[0, 1, 2, 3, 4], before.clone()),
        ),
        ("pair model: all".into(), learned(&all, before.clone())),
        (
            "cosine, complete link".into(),
            cosine(Options {
                complete_link: true,
                ..before.clone()
            }),
        ),
        (
            "pair model: all, complete link".into(),
            learned(
                &all,
                Options {
                    complete_link: true,
                    ..before.clone()
                },
            ),
        ),
    ];
    let mut variants = variants;
    variants.push((
        "pair model, the defaults' vectors: event, title, lead, keys".into(),
        learned(&[0, 1, 2, 4], base.clone()),
    ));
    variants.push((
        "pair model, the defaults' vectors: all".into(),
        learned(&all, base.clone()),
    ));
    for boost in [0.0, 0.5, 1.0] {
        for lone in [0.5, 1.0] {
            let o = Options {
                shared_title_boost: boost,
                lone_weight: lone,
                ..base.clone()
            };
            variants.push((format!("cosine, title boost {boost}, lone words {lone}"), cosine(o)));
        }
    }
    for outlets in [2, 4, 5] {
        let o = Options {
            shared_title_outlets: outlets,
            ..before.clone()
        };
        variants.push((format!("cosine, title words of {outlets} outlets boosted"), cosine(o)));
    }
    for lead_sentences in [1, 3] {
        let o = Options {
            lead_sentences,
            ..base.clone()
        };
        variants.push((format!("cosine, lead of {lead_sentences} sentences"), cosine(o)));
    }
    for body_weight in [0.05, 0.2] {
        let o = Options {
            body_weight,
            ..base.clone()
        };
        variants.push((format!("cosine, body weight {body_weight}"), cosine(o)));
    }
    let o = Options {
        title_weight: 2.0,
        ..base.clone()
    };
    variants.push(("cosine, title weight 2".into(), cosine(o)));
    // FIT_ONLY=prefix runs the variants whose name starts with it.
    let only = std::env::var("FIT_ONLY").unwrap_or_default();
    for (name, (method, options)) in variants.iter().filter(|(n, _)| n.starts_with(&only)) {
        evaluate(data, name, method, options);
    }
}
