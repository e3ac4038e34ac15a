//! A horizontal bar chart with 95% intervals, as a self-contained SVG file (no fonts or scripts to fetch), so a
//! browser shows the variants' figures and how far they overlap.

use std::fmt::Write;

/// How a bar is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarKind {
    /// The baseline every variant is tested against (lead).
    Baseline,
    /// khulasa's default variant.
    Default,
    /// The oracle ceiling.
    Oracle,
    /// Any other variant.
    Other,
}

impl BarKind {
    fn colour(self) -> &'static str {
        match self {
            BarKind::Baseline => "#7f7f7f",
            BarKind::Default => "#d95f02",
            BarKind::Oracle => "#bdbdbd",
            BarKind::Other => "#1f78b4",
        }
    }
}

/// One bar: a value with its interval.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The bar's length.
    pub value: f64,
    /// The interval's lower end.
    pub low: f64,
    /// The interval's upper end.
    pub high: f64,
    /// Its colour.
    pub kind: BarKind,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A tick step that gives between 4 and 10 ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    let mut step = 1.0;
    for candidate in [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0] {
        step = candidate;
        if max / candidate <= 10.0 {
            break;
        }
    }
    step
}

const LEFT: f64 = 230.0;
const PLOT: f64 = 520.0;
const RIGHT: f64 = 110.0;
const TOP: f64 = 64.0;
const ROW: f64 = 28.0;
const BOTTOM: f64 = 56.0;

/// The SVG document of a bar chart: `bars` top to bottom, each with its interval as a whisker and its value
/// written at the end; `title` above, `axis` under the scale, `note` in small type at the bottom.
///
/// ```
/// use khulasa_eval::chart::{svg, Bar, BarKind};
/// let bars = [Bar { label: "lead".into(), value: 42.0, low: 40.0, high: 44.0, kind: BarKind::Baseline }];
/// let doc = svg("ROUGE-2 F1", "ROUGE-2 F1 (%)", "80 articles", &bars);
/// assert!(doc.starts_with("<svg") && doc.contains(">lead</text>") && doc.contains("42.0"));
/// ```
pub fn svg(title: &str, axis: &str, note: &str, bars: &[Bar]) -> String {
    let top_value = bars.iter().map(|b| b.high.max(b.value)).fold(0.0f64, f64::max);
    let step = tick_step(top_value.max(1.0));
    let max = ((top_value / step).ceil() * step).max(step);
    let x = |v: f64| LEFT + PLOT * (v.clamp(0.0, max) / max);
    let width = LEFT + PLOT + RIGHT;
    let height = TOP + ROW * bars.len() as f64 + BOTTOM;
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored rather than unwrapped.
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="28" font-size="17" font-weight="bold" text-anchor="middle">{}</text>"#,
        width / 2.0,
        escape(title)
    );
    let plot_bottom = TOP + ROW * bars.len() as f64;
    let mut tick = 0.0;
    while tick <= max + 1e-9 {
        let tx = x(tick);
        let _ = writeln!(
            out,
            r##"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{plot_bottom}" stroke="#e0e0e0"/><text x="{tx:.1}" y="{}" text-anchor="middle" fill="#444">{tick}</text>"##,
            TOP - 6.0,
            plot_bottom + 18.0
        );
        tick += step;
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        LEFT + PLOT / 2.0,
        plot_bottom + 38.0,
        escape(axis)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let middle = y + ROW / 2.0;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" text-anchor="end" dominant-baseline="central">{}</text>"#,
            LEFT - 10.0,
            middle,
            escape(&bar.label)
        );
        let _ = writeln!(
            out,
            r#"<rect x="{LEFT}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
            y + 5.0,
            x(bar.value) - LEFT,
            ROW - 10.0,
            bar.kind.colour()
        );
        let (low, high) = (x(bar.low), x(bar.high));
        let _ = writeln!(
            out,
            r##"<g stroke="#222" stroke-width="1.5"><line x1="{low:.1}" y1="{middle:.1}" x2="{high:.1}" y2="{middle:.1}"/><line x1="{low:.1}" y1="{:.1}" x2="{low:.1}" y2="{:.1}"/><line x1="{high:.1}" y1="{:.1}" x2="{high:.1}" y2="{:.1}"/></g>"##,
            middle - 6.0,
            middle + 6.0,
            middle - 6.0,
            middle + 6.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{middle:.1}" dominant-baseline="central">{:.1} [{:.1}–{:.1}]</text>"#,
            high + 6.0,
            bar.value,
            bar.low,
            bar.high
        );
    }
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{}" x2="{LEFT}" y2="{plot_bottom}" stroke="#222"/>"##,
        TOP - 6.0
    );
    let _ = writeln!(
        out,
        r##"<text x="10" y="{}" font-size="11" fill="#555">{}</text>"##,
        height - 8.0,
        escape(note)
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_every_bar_is_drawn() {
        let bars: Vec<Bar> = ["a<b", "c&d", "e"]
            .iter()
            .enumerate()
            .map(|(i, l)| Bar {
                label: (*l).to_owned(),
                value: 10.0 * (i + 1) as f64,
                low: 10.0 * i as f64 + 5.0,
                high: 10.0 * (i + 1) as f64 + 5.0,
                kind: BarKind::Other,
            })
            .collect();
        let doc = svg("t", "x", "n", &bars);
        assert!(doc.contains("a&lt;b") && doc.contains("c&amp;d"));
        assert_eq!(doc.matches("fill=\"#1f78b4\"").count(), 3);
        // The widest whisker ends at 35: ticks every 5 (7 of them), and the scale ends there.
        assert!(doc.contains(">35</text>") && !doc.contains(">40</text>"));
    }

    #[test]
    fn tick_steps_stay_readable() {
        assert_eq!(tick_step(8.0), 1.0);
        assert_eq!(tick_step(37.0), 5.0);
        assert_eq!(tick_step(62.0), 10.0);
    }
}
