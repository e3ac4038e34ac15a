//! The review page: one self-contained HTML file (`dir="rtl"`, `lang="ar"`, no script, no external resource)
//! where an editor reads each story in full with its summary sentences highlighted and ranked, and, when a digest
//! was made, the day's events at the top.
//!
//! The page is built from borrowed parts ([`Page`], [`PageStory`], [`PageEvent`]) and written with
//! [`write_page`]; it uses only `std`. Each highlighted summary sentence is a `<mark class="pick">` holding a
//! `<sup class="rank">` with its rank, so a test can count them in the DOM.

use std::io::{self, Write};

/// One sentence of a story to highlight, located by byte offsets in the story's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    /// Byte offset of the sentence in [`PageStory::text`].
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Its rank in the story's own summary (1 is best), or `None` when it is only in the digest.
    pub rank: Option<usize>,
    /// `(event number, rank)` when the digest uses it: event numbers count from 1 as on the page.
    pub event: Option<(usize, usize)>,
}

/// One story as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStory<'a> {
    /// Its id (also its anchor on the page).
    pub id: &'a str,
    /// Its headline, when it has one.
    pub headline: Option<&'a str>,
    /// Its full text as read; line breaks are kept.
    pub text: &'a str,
    /// The sentences to highlight; ranges that overlap an earlier one, or fall outside the text or inside a
    /// character, are shown unhighlighted rather than garbled.
    pub highlights: Vec<Highlight>,
}

/// One sentence of an event's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSentence<'a> {
    /// Index of its story in [`Page::stories`].
    pub story: usize,
    /// The sentence.
    pub text: &'a str,
}

/// One event of the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEvent<'a> {
    /// Indices of its stories in [`Page::stories`].
    pub stories: Vec<usize>,
    /// The title that names the event (else its first story's headline names it).
    pub headline: Option<&'a str>,
    /// The outlets that report it, by name.
    pub outlets: Vec<&'a str>,
    /// Its summary, in rank order.
    pub summary: Vec<EventSentence<'a>>,
}

/// A whole review page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page<'a> {
    /// The page title.
    pub title: &'a str,
    /// The digest's events, most reported first; empty for summaries alone.
    pub events: Vec<PageEvent<'a>>,
    /// The stories, in input order.
    pub stories: Vec<PageStory<'a>>,
}

const STYLE: &str = "body{font-family:'Noto Naskh Arabic','Amiri','DejaVu Sans',sans-serif;max-width:60em;\
margin:1em auto;padding:0 1em;line-height:1.8;color:#222;background:#fdfdfb}\
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc}h3{font-size:1.1em;margin-bottom:.2em}\
.events ol{padding-inline-start:1.5em}.event{margin-bottom:1em}.sources{font-size:.85em;color:#555}\
.sources a,.from{color:#555;font-size:.85em}.sources a,.from,.id{direction:ltr;unicode-bidi:isolate;white-space:nowrap}\
.event-title{font-weight:bold}.legend{font-size:.85em;color:#555}.legend .key{margin-inline-end:.5em}\
.story{border-top:1px solid #ddd;padding-top:.5em;margin-top:1.5em}.id{font-family:monospace;font-size:.8em;\
color:#777}.text{white-space:pre-wrap}\
.pick{background:#fff1a8;padding:0 .1em}.digest{background:#d6ecff}.pick.digest{background:#c8f0c0}\
sup.rank,sup.event{font-size:.7em;font-weight:bold;color:#a35a00;margin-inline-start:.3em;unicode-bidi:isolate}sup.event{color:#1f5fa0}";

/// What the colours and numbers mean, shown above the events.
const LEGEND: &str = "<p class=\"legend\"><span class=\"key pick\">ملخص القصة<sup class=\"rank\">1</sup></span> \
<span class=\"key digest\">خلاصة الحدث<sup class=\"event\" dir=\"ltr\">E1.1</sup></span> \
<span class=\"key pick digest\">كلاهما</span></p>\n";

/// Writes the page.
///
/// ```
/// use khulasa_export::html::{write_page, Highlight, Page, PageStory};
/// let text = "العنوان\nجملة أولى. جملة ثانية.";
/// let start = text.find("جملة ثانية").unwrap();
/// let page = Page {
///     title: "ملخصات",
///     events: vec![],
///     stories: vec![PageStory {
///         id: "s1",
///         headline: Some("العنوان"),
///         text,
///         highlights: vec![Highlight { start, end: text.len(), rank: Some(1), event: None }],
///     }],
/// };
/// let mut out = Vec::new();
/// write_page(&mut out, &page).unwrap();
/// let html = String::from_utf8(out).unwrap();
/// assert!(html.contains(r#"<html dir="rtl" lang="ar">"#));
/// assert_eq!(html.matches(r#"<mark class="pick""#).count(), 1);
/// ```
pub fn write_page(out: &mut impl Write, page: &Page) -> io::Result<()> {
    out.write_all(b"<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n")?;
    out.write_all(b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")?;
    escape(out, page.title)?;
    write!(out, "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>")?;
    escape(out, page.title)?;
    out.write_all(b"</h1>\n")?;
    if !page.events.is_empty() {
        out.write_all(LEGEND.as_bytes())?;
        write_events(out, page)?;
    }
    out.write_all("<section class=\"stories\">\n<h2>القصص</h2>\n".as_bytes())?;
    for (i, story) in page.stories.iter().enumerate() {
        write_story(out, i, story)?;
    }
    out.write_all(b"</section>\n</body>\n</html>\n")
}

fn write_events(out: &mut impl Write, page: &Page) -> io::Result<()> {
    out.write_all("<section class=\"events\">\n<h2>أحداث اليوم</h2>\n<ol>\n".as_bytes())?;
    for (n, event) in page.events.iter().enumerate() {
        writeln!(
            out,
            "<li class=\"event\" id=\"event-{}\" data-stories=\"{}\">",
            n + 1,
            event.stories.len()
        )?;
        // Without a headline of its own, the first story's names the event; the digest's sentences below tell it.
        let title = event.headline.or_else(|| {
            event
                .stories
                .first()
                .and_then(|&s| page.stories.get(s))
                .and_then(|s| s.headline)
        });
        if let Some(title) = title {
            out.write_all(b"<div class=\"event-title\">")?;
            escape(out, title)?;
            out.write_all(b"</div>\n")?;
        }
        if !event.outlets.is_empty() {
            out.write_all(b"<div class=\"outlets\">")?;
            escape(out, &event.outlets.join(" \u{00b7} "))?;
            out.write_all(b"</div>\n")?;
        }
        write!(out, "<div class=\"sources\">{} \u{2014} ", event.stories.len())?;
        for (k, &s) in event.stories.iter().enumerate() {
            if k > 0 {
                out.write_all(" \u{060c} ".as_bytes())?;
            }
            let id = page.stories.get(s).map_or("", |story| story.id);
            write!(out, "<a href=\"#story-{s}\">")?;
            escape(out, id)?;
            out.write_all(b"</a>")?;
        }
        out.write_all(b"</div>\n<ol class=\"summary\">\n")?;
        for sentence in &event.summary {
            out.write_all(b"<li class=\"event-sentence\">")?;
            escape(out, sentence.text)?;
            let id = page.stories.get(sentence.story).map_or("", |story| story.id);
            write!(out, " <a class=\"from\" href=\"#story-{}\">[", sentence.story)?;
            escape(out, id)?;
            out.write_all(b"]</a></li>\n")?;
        }
        out.write_all(b"</ol>\n</li>\n")?;
    }
    out.write_all(b"</ol>\n</section>\n")
}

fn write_story(out: &mut impl Write, index: usize, story: &PageStory) -> io::Result<()> {
    write!(out, "<article class=\"story\" id=\"story-{index}\">\n<h3>")?;
    escape(out, story.headline.unwrap_or(story.id))?;
    out.write_all(b"</h3>\n<div class=\"id\">")?;
    escape(out, story.id)?;
    out.write_all(b"</div>\n<div class=\"text\">")?;
    let mut marks: Vec<&Highlight> = story.highlights.iter().collect();
    marks.sort_by_key(|h| (h.start, h.end));
    let mut at = 0usize;
    for h in marks {
        let (Some(before), Some(inside)) = (story.text.get(at..h.start), story.text.get(h.start..h.end)) else {
            continue;
        };
        if h.start < at || h.start >= h.end {
            continue;
        }
        escape(out, before)?;
        let class = match (h.rank, h.event) {
            (Some(_), Some(_)) => "pick digest",
            (Some(_), None) => "pick",
            _ => "digest",
        };
        write!(out, "<mark class=\"{class}\"")?;
        if let Some(rank) = h.rank {
            write!(out, " data-rank=\"{rank}\"")?;
        }
        out.write_all(b">")?;
        escape(out, inside)?;
        if let Some(rank) = h.rank {
            write!(out, "<sup class=\"rank\">{rank}</sup>")?;
        }
        if let Some((event, rank)) = h.event {
            // `E<event>.<rank>` read left to right, isolated so the Arabic around it does not reorder the numbers.
            write!(out, "<sup class=\"event\" dir=\"ltr\">E{event}.{rank}</sup>")?;
        }
        out.write_all(b"</mark>")?;
        at = h.end;
    }
    escape(out, story.text.get(at..).unwrap_or(""))?;
    out.write_all(b"</div>\n</article>\n")
}

/// Writes `text` with the five characters HTML gives meaning to escaped.
fn escape(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(text.as_bytes().get(from..i).unwrap_or_default())?;
        out.write_all(entity)?;
        from = i + 1;
    }
    out.write_all(text.as_bytes().get(from..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(page: &Page) -> String {
        let mut out = Vec::new();
        write_page(&mut out, page).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn story<'a>(text: &'a str, highlights: Vec<Highlight>) -> PageStory<'a> {
        PageStory {
            id: "doc<1>",
            headline: None,
            text,
            highlights,
        }
    }

    fn pick(start: usize, end: usize, rank: usize) -> Highlight {
        Highlight {
            start,
            end,
            rank: Some(rank),
            event: None,
        }
    }

    #[test]
    fn text_is_escaped_and_kept_whole() {
        let text = "قال <b>\"الوزير\"</b> & غادر.\nثم عاد.";
        let html = render(&Page {
            title: "t",
            events: vec![],
            stories: vec![story(text, vec![])],
        });
        assert!(html.contains("قال &lt;b&gt;&quot;الوزير&quot;&lt;/b&gt; &amp; غادر.\nثم عاد."));
        assert!(html.contains("doc&lt;1&gt;"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn each_pick_is_marked_with_its_rank_in_text_order() {
        let text = "أول. ثان. ثالث.";
        let second = text.find("ثان").unwrap();
        let third = text.find("ثالث").unwrap();
        let html = render(&Page {
            title: "t",
            events: vec![],
            stories: vec![story(
                text,
                vec![pick(third, text.len(), 1), pick(second, third - 1, 2)],
            )],
        });
        assert_eq!(html.matches("<mark class=\"pick\"").count(), 2);
        let expected = "أول. <mark class=\"pick\" data-rank=\"2\">ثان.<sup class=\"rank\">2</sup></mark> \
                        <mark class=\"pick\" data-rank=\"1\">ثالث.<sup class=\"rank\">1</sup></mark>";
        assert!(html.contains(expected), "{html}");
    }

    #[test]
    fn bad_ranges_are_left_unmarked_not_garbled() {
        let text = "أول. ثان.";
        let html = render(&Page {
            title: "t",
            events: vec![],
            stories: vec![story(
                text,
                vec![pick(1, 4, 1), pick(0, 99, 2), pick(0, 7, 3), pick(4, 2, 4)],
            )],
        });
        assert_eq!(
            html.matches("<mark").count(),
            1,
            "only 0..7 is a whole-character range: {html}"
        );
        assert!(html.contains(text.get(7..).unwrap()));
    }

    #[test]
    fn events_come_first_and_link_to_their_stories() {
        let html = render(&Page {
            title: "t",
            events: vec![PageEvent {
                headline: Some("حدث"),
                outlets: vec!["BBC"],
                stories: vec![0, 1],
                summary: vec![EventSentence {
                    story: 1, text: "ثان."
                }],
            }],
            stories: vec![story("أول.", vec![]), story("ثان.", vec![])],
        });
        let events = html.find("class=\"events\"").unwrap();
        let stories = html.find("class=\"stories\"").unwrap();
        assert!(events < stories);
        assert!(html.contains("<a href=\"#story-0\">") && html.contains("href=\"#story-1\">[doc&lt;1&gt;]"));
        assert!(html.contains("data-stories=\"2\""));
    }

    #[test]
    fn the_page_fetches_nothing() {
        let html = render(&Page {
            title: "t",
            events: vec![],
            stories: vec![story("أول.", vec![pick(0, 8, 1)])],
        });
        for needle in ["<script", "<link", "src=", "http:", "https:", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert!(html.starts_with("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">"));
    }
}
