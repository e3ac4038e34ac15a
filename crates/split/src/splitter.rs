use crate::{Kind, Sentence};

/// Splits `text` into sentences.
///
/// ```
/// use khulasa_split::{split, Kind};
/// let text = "عنوان الخبر\n\nقال الوزير إن الاجتماع ناجح. وأضاف أنه سيعود!";
/// let s = split(text);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[0].kind, Kind::Headline);
/// assert_eq!(&text[s[2].start..s[2].end], "وأضاف أنه سيعود!");
/// ```
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first_line = true;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed_start = line_start + (line.len() - line.trim_start().len());
        let trimmed_end = line_start + line.trim_end().len();
        line_start += line.len();
        if trimmed_start >= trimmed_end {
            continue;
        }
        let Some(content) = text.get(trimmed_start..trimmed_end) else {
            continue;
        };
        let ends_with_stop = content.ends_with(['.', '!', '?', '؟', '…', '»', '"', '”', ')', ':']);
        let is_number = content
            .chars()
            .all(|c| c.is_numeric() || c.is_whitespace() || c.is_ascii_punctuation());
        if is_number {
            out.push(Sentence {
                start: trimmed_start,
                end: trimmed_end,
                kind: Kind::Furniture,
            });
        } else if !ends_with_stop && content.split_whitespace().count() <= 20 {
            let kind = if first_line { Kind::Headline } else { Kind::Subheadline };
            out.push(Sentence {
                start: trimmed_start,
                end: trimmed_end,
                kind,
            });
        } else {
            split_prose(content, trimmed_start, &mut out);
        }
        first_line = false;
    }
    out
}

fn split_prose(content: &str, base: usize, out: &mut Vec<Sentence>) {
    let mut start = 0;
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '؟' | '…') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if matches!(d, '.' | '!' | '?' | '؟' | '…' | '"' | '”' | '»' | ')') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let next_is_space = chars.peek().is_none_or(|&(_, d)| d.is_whitespace());
            let prev_is_digit = content
                .get(..i)
                .and_then(|p| p.chars().last())
                .is_some_and(|p| p.is_ascii_digit());
            if next_is_space && !(c == '.' && prev_is_digit && chars.peek().is_none()) {
                push_trimmed(content, base, start, end, out);
                start = end;
            }
        }
    }
    push_trimmed(content, base, start, content.len(), out);
}

fn push_trimmed(content: &str, base: usize, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(piece) = content.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    out.push(Sentence {
        start: base + start + lead,
        end: base + end - trail,
        kind: Kind::Body,
    });
}
