//! Reports of a ROUGE evaluation: per-variant figures with bootstrap intervals and a paired test against a
//! baseline, written as a terminal table, Markdown, CSV or JSON.
//!
//! All figures in a [`Row`] are in percent (0–100), as the JSON of the evaluation issue specifies.

use crate::rouge::{Metric, Prf, Rouge};
use crate::stats::{bootstrap_ci, paired_test, Interval, Paired};
use crate::EvalError;
use serde::Serialize;
use std::io::Write;

/// The scores of one variant on every article, before statistics.
#[derive(Debug, Clone)]
pub struct VariantScores {
    /// Its name in reports (`default` for the default scorer with default settings, `oracle` for the ceiling).
    pub variant: String,
    /// The scorer's name (`oracle` for the oracle).
    pub scorer: String,
    /// The stemmer behind the scorer's terms (`none`, `light`, `snowball`; `-` when it does not apply).
    pub stemmer: String,
    /// Whether stop words were left out of the scorer's terms.
    pub stopwords: bool,
    /// The budget, as given (`ref`, `words=100`, `sentences=3`, `ratio=0.3`).
    pub budget: String,
    /// ROUGE of each article (fractions, averaged over the article's references), in corpus order.
    pub per_article: Vec<Rouge>,
    /// Stories summarised per second, when measured.
    pub stories_per_s: Option<f64>,
}

/// Bootstrap 95% intervals of the mean F1, in percent, as `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ci95 {
    /// ROUGE-1 F1.
    pub rouge1: [f64; 2],
    /// ROUGE-2 F1.
    pub rouge2: [f64; 2],
    /// ROUGE-L F1.
    #[serde(rename = "rougeL")]
    pub rouge_l: [f64; 2],
}

impl Ci95 {
    /// The interval of `metric`.
    ///
    /// ```
    /// use khulasa_eval::{report::Ci95, rouge::Metric};
    /// let ci = Ci95 { rouge1: [1.0, 2.0], rouge2: [3.0, 4.0], rouge_l: [5.0, 6.0] };
    /// assert_eq!(ci.get(Metric::Rouge2), [3.0, 4.0]);
    /// ```
    pub fn get(&self, metric: Metric) -> [f64; 2] {
        match metric {
            Metric::Rouge1 => self.rouge1,
            Metric::Rouge2 => self.rouge2,
            Metric::RougeL => self.rouge_l,
        }
    }
}

/// One line of a report: the JSON object of the evaluation issue (figures in percent).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Variant name.
    pub variant: String,
    /// Scorer name.
    pub scorer: String,
    /// Stemmer name.
    pub stemmer: String,
    /// Stop words left out of the terms.
    pub stopwords: bool,
    /// The budget, as given.
    pub budget: String,
    /// Number of articles.
    pub articles: usize,
    /// Mean ROUGE-1 over the articles, percent.
    pub rouge1: Prf,
    /// Mean ROUGE-2, percent.
    pub rouge2: Prf,
    /// Mean ROUGE-L, percent.
    #[serde(rename = "rougeL")]
    pub rouge_l: Prf,
    /// Bootstrap 95% intervals of the F1 figures, percent.
    pub ci95: Ci95,
    /// Stories per second (`null` for the oracle, which is no summariser).
    pub stories_per_s: Option<f64>,
    /// Paired test of each metric's F1 against the baseline (delta in points), absent for the baseline itself;
    /// shown in tables and CSV, kept out of the JSON object the issue defines.
    #[serde(skip)]
    pub vs_baseline: Option<[Paired; 3]>,
}

impl Row {
    /// The mean figures of `metric`, percent.
    ///
    /// ```
    /// # use khulasa_eval::report::*; use khulasa_eval::rouge::*;
    /// let rows = rows(&[VariantScores { variant: "v".into(), scorer: "lead".into(), stemmer: "light".into(),
    ///     stopwords: true, budget: "ref".into(), per_article: vec![Rouge::default()], stories_per_s: None }],
    ///     "v", 100, 1).unwrap();
    /// assert_eq!(rows[0].get(Metric::Rouge1).f, 0.0);
    /// ```
    pub fn get(&self, metric: Metric) -> Prf {
        match metric {
            Metric::Rouge1 => self.rouge1,
            Metric::Rouge2 => self.rouge2,
            Metric::RougeL => self.rouge_l,
        }
    }

    /// The paired test of `metric` against the baseline, if this row is not the baseline.
    ///
    /// ```
    /// # use khulasa_eval::report::*; use khulasa_eval::rouge::*;
    /// let rows = rows(&[VariantScores { variant: "lead".into(), scorer: "lead".into(), stemmer: "light".into(),
    ///     stopwords: true, budget: "ref".into(), per_article: vec![Rouge::default()], stories_per_s: None }],
    ///     "lead", 100, 1).unwrap();
    /// assert!(rows[0].versus(Metric::Rouge2).is_none());
    /// ```
    pub fn versus(&self, metric: Metric) -> Option<Paired> {
        let tests = self.vs_baseline?;
        let index = Metric::ALL.iter().position(|&m| m == metric)?;
        tests.get(index).copied()
    }
}

fn f_values(scores: &VariantScores, metric: Metric) -> Vec<f64> {
    scores.per_article.iter().map(|r| r.f(metric) * 100.0).collect()
}

/// Report rows from per-article scores: means, bootstrap intervals (over articles, `resamples` draws from
/// `seed`), and paired randomisation tests of every variant against the one named `baseline` (when present).
///
/// ```
/// use khulasa_eval::report::{rows, VariantScores};
/// use khulasa_eval::rouge::{Metric, Prf, Rouge};
/// let r = |f| Rouge { rouge2: Prf { p: f, r: f, f }, ..Rouge::default() };
/// let variant = |name: &str, fs: &[f64]| VariantScores {
///     variant: name.into(), scorer: name.into(), stemmer: "light".into(), stopwords: true,
///     budget: "ref".into(), per_article: fs.iter().map(|&f| r(f)).collect(), stories_per_s: None,
/// };
/// let out = rows(&[variant("lead", &[0.4, 0.5]), variant("tfidf", &[0.5, 0.6])], "lead", 1000, 7).unwrap();
/// assert!((out[1].rouge2.f - 55.0).abs() < 1e-9);
/// assert!((out[1].versus(Metric::Rouge2).unwrap().delta - 10.0).abs() < 1e-9);
/// ```
pub fn rows(variants: &[VariantScores], baseline: &str, resamples: usize, seed: u64) -> Result<Vec<Row>, EvalError> {
    let base = variants.iter().find(|v| v.variant == baseline);
    variants
        .iter()
        .map(|v| {
            let mean = Rouge::mean(&v.per_article);
            let ci = |m: Metric| -> Result<[f64; 2], EvalError> {
                let Interval { low, high } = bootstrap_ci(&f_values(v, m), resamples, seed)?;
                Ok([low, high])
            };
            let vs_baseline = match base {
                Some(b) if b.variant != v.variant => {
                    let test = |m: Metric| paired_test(&f_values(v, m), &f_values(b, m), resamples, seed);
                    Some([test(Metric::Rouge1)?, test(Metric::Rouge2)?, test(Metric::RougeL)?])
                }
                _ => None,
            };
            Ok(Row {
                variant: v.variant.clone(),
                scorer: v.scorer.clone(),
                stemmer: v.stemmer.clone(),
                stopwords: v.stopwords,
                budget: v.budget.clone(),
                articles: v.per_article.len(),
                rouge1: mean.rouge1.percent(),
                rouge2: mean.rouge2.percent(),
                rouge_l: mean.rouge_l.percent(),
                ci95: Ci95 {
                    rouge1: ci(Metric::Rouge1)?,
                    rouge2: ci(Metric::Rouge2)?,
                    rouge_l: ci(Metric::RougeL)?,
                },
                stories_per_s: v.stories_per_s,
                vs_baseline,
            })
        })
        .collect()
}

/// Sorts rows by the F1 of `metric`, best first; ties by name so the order is stable.
///
/// ```
/// # use khulasa_eval::report::*; use khulasa_eval::rouge::*;
/// let v = |name: &str, f| VariantScores { variant: name.into(), scorer: name.into(), stemmer: "light".into(),
///     stopwords: true, budget: "ref".into(), stories_per_s: None,
///     per_article: vec![Rouge { rouge1: Prf { p: f, r: f, f }, ..Rouge::default() }] };
/// let mut r = rows(&[v("a", 0.1), v("b", 0.3)], "a", 100, 1).unwrap();
/// sort(&mut r, Metric::Rouge1);
/// assert_eq!(r[0].variant, "b");
/// ```
pub fn sort(rows: &mut [Row], metric: Metric) {
    rows.sort_by(|a, b| {
        b.get(metric)
            .f
            .total_cmp(&a.get(metric).f)
            .then_with(|| a.variant.cmp(&b.variant))
    });
}

/// Output formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// A GitHub-flavoured Markdown table.
    Markdown,
    /// Comma-separated values, every figure.
    Csv,
    /// A JSON array, one object per variant.
    Json,
}

fn significance(p: f64) -> &'static str {
    if p < 0.01 {
        "**"
    } else if p < 0.05 {
        "*"
    } else {
        ""
    }
}

/// The cells of the table and Markdown layouts.
fn cells(rows: &[Row], metric: Metric, baseline: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let label = metric.label();
    let header = vec![
        "variant".to_owned(),
        "R-1 F".to_owned(),
        "R-2 F".to_owned(),
        "R-L F".to_owned(),
        format!("{label} 95% CI"),
        format!("Δ{label} vs {baseline}"),
        "p".to_owned(),
        "stories/s".to_owned(),
    ];
    let body = rows
        .iter()
        .map(|row| {
            let [low, high] = row.ci95.get(metric);
            let (delta, p) = match row.versus(metric) {
                Some(t) => (format!("{:+.2}{}", t.delta, significance(t.p)), format!("{:.3}", t.p)),
                None => ("–".to_owned(), "–".to_owned()),
            };
            vec![
                row.variant.clone(),
                format!("{:.2}", row.rouge1.f),
                format!("{:.2}", row.rouge2.f),
                format!("{:.2}", row.rouge_l.f),
                format!("{low:.1}–{high:.1}"),
                delta,
                p,
                row.stories_per_s.map_or_else(|| "–".to_owned(), |s| format!("{s:.0}")),
            ]
        })
        .collect();
    (header, body)
}

/// Writes `rows` (already sorted) in `format`; `metric` chooses the interval and test columns of the table
/// layouts, `baseline` names the variant the paired tests compare against.
///
/// ```
/// # use khulasa_eval::report::*; use khulasa_eval::rouge::*;
/// let v = VariantScores { variant: "lead".into(), scorer: "lead".into(), stemmer: "light".into(),
///     stopwords: true, budget: "ref".into(), per_article: vec![Rouge::default()], stories_per_s: Some(10.0) };
/// let r = rows(&[v], "lead", 100, 1).unwrap();
/// let mut out = Vec::new();
/// write(&r, Format::Json, Metric::Rouge2, "lead", &mut out).unwrap();
/// let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(json[0]["rouge2"]["f"], 0.0);
/// assert_eq!(json[0]["ci95"]["rougeL"][1], 0.0);
/// ```
pub fn write(
    rows: &[Row],
    format: Format,
    metric: Metric,
    baseline: &str,
    mut out: impl Write,
) -> Result<(), EvalError> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(rows, baseline, out)?,
        Format::Markdown | Format::Table => {
            let (header, body) = cells(rows, metric, baseline);
            write_cells(&header, &body, format, out)?;
        }
    }
    Ok(())
}

/// Writes a table of text cells as aligned columns ([`Format::Table`]), Markdown or CSV (the first column left,
/// the others right-aligned); [`Format::Json`] has no cell layout and writes the rows as arrays of strings.
///
/// ```
/// use khulasa_eval::report::{write_cells, Format};
/// let mut out = Vec::new();
/// let header = ["name".to_owned(), "F1".to_owned()];
/// write_cells(&header, &[vec!["light".to_owned(), "0.61".to_owned()]], Format::Markdown, &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "| name | F1 |\n| --- | ---: |\n| light | 0.61 |\n");
/// ```
pub fn write_cells(
    header: &[String],
    body: &[Vec<String>],
    format: Format,
    mut out: impl Write,
) -> Result<(), EvalError> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, body)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(header)?;
            for line in body {
                csv.write_record(line)?;
            }
            csv.flush()?;
        }
        Format::Markdown => {
            writeln!(out, "| {} |", header.join(" | "))?;
            let rule: Vec<&str> = (0..header.len()).map(|i| if i == 0 { "---" } else { "---:" }).collect();
            writeln!(out, "| {} |", rule.join(" | "))?;
            for line in body {
                writeln!(out, "| {} |", line.join(" | "))?;
            }
        }
        Format::Table => {
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for line in body {
                for (w, cell) in widths.iter_mut().zip(line) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            for line in std::iter::once(header).chain(body.iter().map(Vec::as_slice)) {
                let mut text = String::new();
                for (i, (cell, &w)) in line.iter().zip(&widths).enumerate() {
                    let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                    if i == 0 {
                        text.push_str(cell);
                        text.push_str(&pad);
                    } else {
                        text.push_str("  ");
                        text.push_str(&pad);
                        text.push_str(cell);
                    }
                }
                writeln!(out, "{}", text.trim_end())?;
            }
        }
    }
    Ok(())
}

fn write_csv(rows: &[Row], baseline: &str, out: impl Write) -> Result<(), EvalError> {
    let mut csv = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["variant", "scorer", "stemmer", "stopwords", "budget", "articles"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for m in Metric::ALL {
        let k = m.key();
        for field in ["p", "r", "f", "f_ci_low", "f_ci_high"] {
            header.push(format!("{k}_{field}"));
        }
        header.push(format!("{k}_f_delta_vs_{baseline}"));
        header.push(format!("{k}_f_p_vs_{baseline}"));
    }
    header.push("stories_per_s".to_owned());
    csv.write_record(&header)?;
    for row in rows {
        let mut record = vec![
            row.variant.clone(),
            row.scorer.clone(),
            row.stemmer.clone(),
            row.stopwords.to_string(),
            row.budget.clone(),
            row.articles.to_string(),
        ];
        for m in Metric::ALL {
            let prf = row.get(m);
            let [low, high] = row.ci95.get(m);
            for value in [prf.p, prf.r, prf.f, low, high] {
                record.push(format!("{value:.4}"));
            }
            match row.versus(m) {
                Some(t) => {
                    record.push(format!("{:.4}", t.delta));
                    record.push(format!("{:.4}", t.p));
                }
                None => {
                    record.push(String::new());
                    record.push(String::new());
                }
            }
        }
        record.push(row.stories_per_s.map_or_else(String::new, |s| format!("{s:.1}")));
        csv.write_record(&record)?;
    }
    csv.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(name: &str, fs: &[f64]) -> VariantScores {
        VariantScores {
            variant: name.into(),
            scorer: name.into(),
            stemmer: "light".into(),
            stopwords: true,
            budget: "ref".into(),
            per_article: fs
                .iter()
                .map(|&f| Rouge {
                    rouge1: Prf { p: f, r: f, f },
                    rouge2: Prf { p: f, r: f, f },
                    rouge_l: Prf { p: f, r: f, f },
                })
                .collect(),
            stories_per_s: Some(100.0),
        }
    }

    #[test]
    fn json_has_exactly_the_issue_keys() {
        let r = rows(
            &[variant("lead", &[0.4, 0.6]), variant("default", &[0.5, 0.7])],
            "lead",
            200,
            1,
        )
        .unwrap();
        let mut out = Vec::new();
        write(&r, Format::Json, Metric::Rouge2, "lead", &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let object = json[1].as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "articles",
                "budget",
                "ci95",
                "rouge1",
                "rouge2",
                "rougeL",
                "scorer",
                "stemmer",
                "stopwords",
                "stories_per_s",
                "variant"
            ]
        );
        assert_eq!(json[1]["variant"], "default");
        assert!((json[1]["rouge1"]["f"].as_f64().unwrap() - 60.0).abs() < 1e-9);
        assert_eq!(json[1]["articles"], 2);
    }

    #[test]
    fn tables_show_the_delta_against_the_baseline() {
        let mut r = rows(
            &[variant("lead", &[0.4, 0.6]), variant("default", &[0.5, 0.7])],
            "lead",
            200,
            1,
        )
        .unwrap();
        sort(&mut r, Metric::Rouge2);
        let mut out = Vec::new();
        write(&r, Format::Markdown, Metric::Rouge2, "lead", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[2].starts_with("| default | 60.00 | 60.00 | 60.00 |"),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains("+10.00"), "{}", lines[2]);
        assert!(
            lines[3].starts_with("| lead |") && lines[3].contains("| – | – |"),
            "{}",
            lines[3]
        );

        let mut out = Vec::new();
        write(&r, Format::Csv, Metric::Rouge2, "lead", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().next().unwrap().contains("rouge2_f_delta_vs_lead"));
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("default,default,light,true,ref,2,60.0000"));
    }
}
