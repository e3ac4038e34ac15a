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

/// How many lines `lines` will give, at most.
#[cfg(test)]
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

/// A hash of a whole word, eight bytes at a time (FNV takes a multiplication a byte).
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, word: u64| (h ^ word).wrapping_mul(K).rotate_left(31);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        h = mix(h, u64::from_le_bytes(*chunk));
        rest = tail;
    }
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        for (to, &from) in last.iter_mut().zip(rest) {
            *to = from;
        }
        h = mix(h, u64::from_le_bytes(last));
    }
    // MurmurHash3's finaliser: every bit of the result depends on every byte.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Words (64 bits each) of the filter of damaged forms: 32 KiB, about 25 bits for each damaged form of the
/// built-in lexicon.
pub(crate) const FILTER_WORDS: usize = 1 << 12;

/// The word of the filter and the three bits in it that stand for a word of hash `hash` (all in one word: one
/// memory access a lookup; under two words in a thousand that are no damaged form pass).
pub(crate) fn filter_bits(hash: u64) -> (usize, u64) {
    let index = (hash as usize) & (FILTER_WORDS - 1);
    let bits = (1 << ((hash >> 12) & 63)) | (1 << ((hash >> 18) & 63)) | (1 << ((hash >> 24) & 63));
    (index, bits)
}

/// The layout of a lexicon image: open-addressed hash tables that are looked up where they lie (in the binary for
/// the built-in lexicon), so a process builds nothing at start. All numbers are little-endian.
///
/// - header: [`IMAGE_VERSION`], the number of entry slots and of neighbour-count slots (powers of two, or 0), the
///   byte length of the texts (all `u32`);
/// - the filter of damaged forms: [`FILTER_WORDS`] `u64`;
/// - entry slots of [`ENTRY_SLOT`] bytes, `u32` each: the high half of the key's [`word_hash`], the key's offset and
///   byte length in the texts (length 0: an empty slot), the key's count as a word, then its repair: the word's
///   offset and length (0: none), the count of all its readings and of the word;
/// - neighbour-count slots of [`CONTEXT_SLOT`] bytes: the key (`u64`, [`context_key`]) and the count (`u32`, 0: an
///   empty slot);
/// - the texts, UTF-8, one after another.
///
/// A slot is found from the low bits of the hash (of a neighbour key, [`context_slot`]) by linear probing.
pub(crate) const IMAGE_VERSION: u32 = 2;
pub(crate) const HEADER: usize = 16;
pub(crate) const ENTRY_SLOT: usize = 32;
pub(crate) const CONTEXT_SLOT: usize = 12;

/// The first slot to probe for neighbour key `key` in a table of `slots` slots (a power of two): FNV's low bits
/// are poorly mixed, so the key is multiplied first.
pub(crate) fn context_slot(key: u64, slots: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & slots.wrapping_sub(1)
}

/// Slots for `n` keys: a power of two, at most about three quarters full (none for no keys).
fn slots_for(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (n + n / 3 + 1).next_power_of_two()
    }
}

/// Writes the image of a lexicon (see [`IMAGE_VERSION`] for the layout). The same entries and counts in the same
/// order give the same bytes.
pub(crate) fn write_image<'a>(
    entries: impl ExactSizeIterator<Item = (&'a str, &'a Entry<'a>)>,
    context: impl ExactSizeIterator<Item = (u64, u32)>,
) -> Vec<u8> {
    let entry_slots = slots_for(entries.len());
    let context_slots = slots_for(context.len());
    let mut filter = vec![0u64; FILTER_WORDS];
    let mut entry_table = vec![[0u32; ENTRY_SLOT / 4]; entry_slots];
    let mut context_table = vec![(0u64, 0u32); context_slots];
    let mut texts = String::new();
    for (key, entry) in entries {
        let hash = word_hash(key.as_bytes());
        let key_at = texts.len() as u32;
        texts.push_str(key);
        let (word_at, word) = (texts.len() as u32, entry.repair.as_ref().map_or("", |r| &*r.word));
        texts.push_str(word);
        let (count, best) = entry.repair.as_ref().map_or((0, 0), |r| (r.count, r.best));
        if entry.repair.is_some() {
            let (index, bits) = filter_bits(hash);
            if let Some(word) = filter.get_mut(index) {
                *word |= bits;
            }
        }
        let fields = [
            (hash >> 32) as u32,
            key_at,
            key.len() as u32,
            entry.count,
            word_at,
            word.len() as u32,
            count,
            best,
        ];
        // A key's length is never 0, so a slot whose length is 0 is free; there are more slots than keys.
        let mut i = hash as usize & (entry_slots - 1);
        while let Some(slot) = entry_table.get_mut(i) {
            if slot[2] == 0 {
                *slot = fields;
                break;
            }
            i = (i + 1) & (entry_slots - 1);
        }
    }
    for (key, count) in context.filter(|&(_, count)| count > 0) {
        let mut i = context_slot(key, context_slots);
        while let Some(slot) = context_table.get_mut(i) {
            if slot.1 == 0 {
                *slot = (key, count);
                break;
            }
            i = (i + 1) & (context_slots - 1);
        }
    }
    let mut out = Vec::with_capacity(
        HEADER + FILTER_WORDS * 8 + entry_slots * ENTRY_SLOT + context_slots * CONTEXT_SLOT + texts.len(),
    );
    for n in [
        IMAGE_VERSION,
        entry_slots as u32,
        context_slots as u32,
        texts.len() as u32,
    ] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    for word in filter {
        out.extend_from_slice(&word.to_le_bytes());
    }
    for slot in entry_table {
        for n in slot {
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
    for (key, count) in context_table {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
    }
    out.extend_from_slice(texts.as_bytes());
    out
}

/// The image of the lexicon of two tables as text: `word<TAB>count` lines (see [`read_words`]) and neighbour counts
/// (see [`read_context`]), entries sorted by key and counts by key, so that the image is the same from build to
/// build. `Err` names the table and the 1-based number of a malformed line.
pub(crate) fn image_from_tables(words: &str, context: &str) -> Result<Vec<u8>, (&'static str, usize)> {
    let mut entries: std::collections::HashMap<Cow<'static, str>, Entry<'static>> = std::collections::HashMap::new();
    read_words(words, &mut entries).map_err(|line| ("words", line))?;
    let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    read_context(context, |key, count| *counts.entry(key).or_default() += count).map_err(|line| ("context", line))?;
    let mut entries: Vec<_> = entries.iter().map(|(k, e)| (&**k, e)).collect();
    entries.sort_unstable_by_key(|(k, _)| *k);
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_unstable();
    Ok(write_image(entries.into_iter(), counts.into_iter()))
}
