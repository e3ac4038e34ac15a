//! The lexicon's tables as data: reading their lines, the keys of the neighbour counts, and the compact image of
//! both that `build.rs` writes, so that a process reads the built-in lexicon without parsing text, damaging words
//! or hashing neighbour keys at start. Shared with `build.rs`, so it uses `std` alone.

use std::borrow::Cow;
use std::hash::Hasher;

/// FNV-1a: the keys are short words, for which it is several times faster than SipHash; the lexicon is ours, so
/// there is no adversary to defend against.
#[derive(Default)]
pub(crate) struct Fnv(pub(crate) u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The key of a neighbour count: `reading` folded, whether the neighbour comes before it, `neighbour` folded and
/// damaged.
pub(crate) fn context_key(reading_folded: &str, before: bool, neighbour: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(reading_folded.as_bytes());
    h.write(if before { b"\t<\t" } else { b"\t>\t" });
    h.write(neighbour.as_bytes());
    h.finish()
}

/// Whether `c` is one of the four alefs that follow lam in a lam-alef ligature.
pub(crate) fn is_ligature_alef(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ')
}

/// The form PDF extraction makes of `word`: each lam-alef ligature written as bare alef then lam.
pub(crate) fn damage(word: &str, out: &mut String) {
    out.clear();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ل' {
            if let Some(&next) = chars.peek() {
                if is_ligature_alef(next) {
                    chars.next();
                    out.push_str("ال");
                    continue;
                }
            }
        }
        out.push(c);
    }
}

/// The lines of a table, without their `\n` (or `\r\n`). Searching bytes: `str::lines` looks for a `char`, which
/// costs more than the short lines it finds.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let r = rest?;
        let (line, next) = match r.bytes().position(|b| b == b'\n') {
            Some(i) => (r.get(..i), r.get(i + 1..).filter(|n| !n.is_empty())),
            None => (Some(r), None),
        };
        rest = next;
        line.map(|l| l.strip_suffix('\r').unwrap_or(l))
    })
}

/// How many lines `lines` will give (to size the tables once).
pub(crate) fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The tab-separated fields of a line.
pub(crate) fn tab_fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The clean words whose damaged form is one given form. Texts are borrowed from the built-in image (nothing to
/// allocate at start) or owned when read from text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Repair<'a> {
    /// The most frequent of them, spelled as in the corpus (hamza included).
    pub(crate) word: Cow<'a, str>,
    /// How often all of them were seen together.
    pub(crate) count: u32,
    /// How often `word` was seen.
    pub(crate) best: u32,
}

/// What the lexicon knows of one form: its count as a word, and what it is the damaged form of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    pub(crate) count: u32,
    pub(crate) repair: Option<Repair<'a>>,
}

/// A table of forms being filled.
pub(crate) trait Forms {
    /// The entry of `form`, made empty if it is new.
    fn form(&mut self, form: &str) -> &mut Entry<'static>;
}

impl<S: std::hash::BuildHasher> Forms for std::collections::HashMap<Cow<'static, str>, Entry<'static>, S> {
    fn form(&mut self, form: &str) -> &mut Entry<'static> {
        self.entry(Cow::Owned(form.to_owned())).or_default()
    }
}

/// Reads `word<TAB>count` lines into `forms`: each word's count, and for a word with a lam-alef its damaged form's
/// repair. `Err` holds the 1-based number of a malformed line.
pub(crate) fn read_words(text: &str, forms: &mut impl Forms) -> Result<(), usize> {
    let mut damaged = String::new();
    for (i, line) in lines(text).enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut fields = tab_fields(line);
        let (Some(word), Some(count), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(i + 1);
        };
        let count: u32 = count.trim().parse().map_err(|_| i + 1)?;
        forms.form(word).count += count;
        damage(word, &mut damaged);
        if damaged != word {
            let repair = forms.form(&damaged).repair.get_or_insert_with(Repair::default);
            repair.count += count;
            if count > repair.best {
                repair.best = count;
                repair.word = Cow::Owned(word.to_owned());
            }
        }
    }
    Ok(())
}

/// Reads `reading<TAB>side<TAB>neighbour<TAB>count` lines (side `<` or `>`), calling `add(key, count)` for each.
/// `Err` holds the 1-based number of a malformed line.
// Used by build.rs and the tests: the library reads the image.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn read_context(text: &str, mut add: impl FnMut(u64, u32)) -> Result<(), usize> {
    for (i, line) in lines(text).enumerate() {
        let mut fields = tab_fields(line);
        let (Some(reading), Some(side), Some(neighbour), Some(count), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err(i + 1);
        };
        let before = match side {
            "<" => true,
            ">" => false,
            _ => return Err(i + 1),
        };
        let count: u32 = count.parse().map_err(|_| i + 1)?;
        add(context_key(reading, before, neighbour), count);
    }
    Ok(())
}

/// Writes the image of a lexicon: the number of entries and of neighbour counts; the entries (the byte lengths
/// of the key and of the repair's word, 0 for none; the count; the repair's count and best); the neighbour counts
/// (key, count); then all the texts one after another, so that they are checked as UTF-8 in one call when read.
/// Numbers are little-endian `u32`, keys of neighbour counts `u64`.
// Used by build.rs and the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn write_image<'a>(
    entries: impl ExactSizeIterator<Item = (&'a str, &'a Entry<'a>)>,
    context: impl ExactSizeIterator<Item = (u64, u32)>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut texts = String::new();
    let number = |out: &mut Vec<u8>, n: u32| out.extend_from_slice(&n.to_le_bytes());
    number(&mut out, entries.len() as u32);
    number(&mut out, context.len() as u32);
    for (key, entry) in entries {
        texts.push_str(key);
        number(&mut out, key.len() as u32);
        let (word, count, best) = entry
            .repair
            .as_ref()
            .map_or(("", 0, 0), |r| (&*r.word, r.count, r.best));
        texts.push_str(word);
        number(&mut out, word.len() as u32);
        number(&mut out, entry.count);
        number(&mut out, count);
        number(&mut out, best);
    }
    for (key, count) in context {
        out.extend_from_slice(&key.to_le_bytes());
        number(&mut out, count);
    }
    out.extend_from_slice(texts.as_bytes());
    out
}

/// What an image holds: the number of entries and of neighbour counts.
pub(crate) fn image_sizes(image: &[u8]) -> Option<(usize, usize)> {
    let number = |at: usize| Some(u32::from_le_bytes(image.get(at..at + 4)?.try_into().ok()?) as usize);
    Some((number(0)?, number(4)?))
}

/// Reads an image written by [`write_image`], calling `entry` for each entry and `context` for each neighbour
/// count; `None` when the image is damaged. `utf8` checks the block of texts (the library's is SIMD).
pub(crate) fn read_image<'a>(
    image: &'a [u8],
    utf8: impl Fn(&'a [u8]) -> Option<&'a str>,
    mut entry: impl FnMut(&'a str, Entry<'a>),
    mut context: impl FnMut(u64, u32),
) -> Option<()> {
    const ENTRY: usize = 20;
    const COUNT: usize = 12;
    let (entries, counts) = image_sizes(image)?;
    let counts_at = entries.checked_mul(ENTRY)?.checked_add(8)?;
    let texts_at = counts.checked_mul(COUNT)?.checked_add(counts_at)?;
    let texts = utf8(image.get(texts_at..)?)?;
    let number = |at: usize| Some(u32::from_le_bytes(image.get(at..at.checked_add(4)?)?.try_into().ok()?));
    let mut rest = texts;
    let mut text = |len: u32| {
        let len = len as usize;
        let taken = rest.get(..len)?;
        rest = rest.get(len..)?;
        Some(taken)
    };
    for i in 0..entries {
        let at = 8 + i * ENTRY;
        let key = text(number(at)?)?;
        let word = text(number(at + 4)?)?;
        let repair = (!word.is_empty()).then(|| Repair {
            word: Cow::Borrowed(word),
            count: number(at + 12).unwrap_or(0),
            best: number(at + 16).unwrap_or(0),
        });
        entry(
            key,
            Entry {
                count: number(at + 8)?,
                repair,
            },
        );
    }
    for i in 0..counts {
        let at = counts_at + i * COUNT;
        let key = u64::from_le_bytes(image.get(at..at + 8)?.try_into().ok()?);
        context(key, number(at + 8)?);
    }
    rest.is_empty().then_some(())
}
