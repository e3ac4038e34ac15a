//! Byte scans, the building block of the fast paths: a predicate is evaluated on every byte of a block without a
//! branch (sixteen bytes that the compiler turns into vector compares, or eight bytes in a `u64`), and only the
//! hits are looked at one by one.

/// Bytes looked at together.
pub(crate) const BLOCK: usize = 16;

/// The hits of `flags` (one byte per position, 0 or 1) as a bit mask, bit `8 j` for byte `j`.
#[inline]
fn to_mask(flags: [u8; BLOCK]) -> u128 {
    u128::from_le_bytes(flags)
}

/// The first hit of a mask made by [`to_mask`], as a byte index.
#[inline]
fn first_hit(mask: u128) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The high bit of each byte of `word` that equals `byte`, no other bit (exact, unlike the shorter test for a
/// zero byte, which may flag a byte after a hit).
#[inline]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((x & LOW7) + LOW7) | x) & !LOW7
}

/// The offset of the first byte at or after `from` that is one of `needles`, eight bytes at a time.
#[inline]
pub(crate) fn find_byte<const N: usize>(bytes: &[u8], from: usize, needles: [u8; N]) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(*chunk);
        let hits = needles.iter().fold(0, |hits, &needle| hits | equal_bytes(word, needle));
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|b| needles.contains(b)).map(|j| i + j)
}

/// Calls `on_hit` with the offset of every byte equal to `needle`, in order, eight bytes at a time.
#[inline]
pub(crate) fn for_each_byte(bytes: &[u8], needle: u8, mut on_hit: impl FnMut(usize)) {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let mut hits = equal_bytes(u64::from_le_bytes(*chunk), needle);
        while hits != 0 {
            on_hit(i + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
        i += 8;
    }
    for (j, &b) in bytes.iter().enumerate().skip(i) {
        if b == needle {
            on_hit(j);
        }
    }
}

/// Calls `on_hit` with every offset, in order, at which `is_hit(byte, next byte)` holds (0 stands for the byte
/// after the last).
#[inline]
pub(crate) fn for_each_pair(bytes: &[u8], is_hit: impl Fn(u8, u8) -> bool, mut on_hit: impl FnMut(usize)) {
    let mut i = 0;
    while let Some(window) = bytes.get(i..).and_then(|rest| rest.first_chunk::<{ BLOCK + 1 }>()) {
        // Offsets into an array of known length: no check is left after compiling.
        let (Some(block), Some(next)) = (
            window.first_chunk::<BLOCK>(),
            window.get(1..).and_then(|rest| rest.first_chunk::<BLOCK>()),
        ) else {
            break;
        };
        let mut flags = [0u8; BLOCK];
        for (flag, (&b, &n)) in flags.iter_mut().zip(block.iter().zip(next)) {
            *flag = u8::from(is_hit(b, n));
        }
        let mut mask = to_mask(flags);
        while mask != 0 {
            on_hit(i + first_hit(mask));
            // Each flag is 0 or 1: the lowest bit set is the whole of its byte.
            mask &= mask - 1;
        }
        i += BLOCK;
    }
    while let Some(&b) = bytes.get(i) {
        if is_hit(b, bytes.get(i + 1).copied().unwrap_or(0)) {
            on_hit(i);
        }
        i += 1;
    }
}

/// The offset of the first position at or after `from` for which `is_hit(bytes, position)` holds, or the
/// length of `bytes`. `may_hit(before2, before1, byte, after1, after2)`, the byte and its neighbours, must hold
/// wherever `is_hit` does (it may hold elsewhere too): it sorts out whole blocks without a branch.
#[inline]
pub(crate) fn find_position(
    bytes: &[u8],
    from: usize,
    may_hit: impl Fn(u8, u8, u8, u8, u8) -> bool,
    mut is_hit: impl FnMut(&[u8], usize) -> bool,
) -> usize {
    let mut i = from;
    while i < bytes.len() {
        // A block with two bytes on either side of it inside `bytes`: decided sixteen at a time, from five
        // views of the bytes shifted by one.
        let window = i
            .checked_sub(2)
            .and_then(|start| bytes.get(start..))
            .and_then(|rest| rest.first_chunk::<{ BLOCK + 4 }>());
        let Some(window) = window else {
            if is_hit(bytes, i) {
                return i;
            }
            i += 1;
            continue;
        };
        // Offsets into an array of known length: no check is left after compiling.
        let shifted = |k: usize| window.get(k..).and_then(|rest| rest.first_chunk::<BLOCK>());
        let (Some(before2), Some(before1), Some(block), Some(after1), Some(after2)) =
            (shifted(0), shifted(1), shifted(2), shifted(3), shifted(4))
        else {
            if is_hit(bytes, i) {
                return i;
            }
            i += 1;
            continue;
        };
        let mut flags = [0u8; BLOCK];
        let columns = before2.iter().zip(before1).zip(block).zip(after1).zip(after2);
        for (flag, ((((&b2, &b1), &b), &a1), &a2)) in flags.iter_mut().zip(columns) {
            *flag = u8::from(may_hit(b2, b1, b, a1, a2));
        }
        let mut mask = to_mask(flags);
        while mask != 0 {
            let j = first_hit(mask);
            if is_hit(bytes, i + j) {
                return i + j;
            }
            mask &= !(0xFF_u128 << (8 * j));
        }
        i += BLOCK;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn find_byte_is_position(bytes in prop::collection::vec(prop::sample::select(vec![0u8, 7, 0x80, 0x84, 0xD9, 0xFF]), 0..80), from in 0usize..90) {
            let slow = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == 0x84 || b == 7)).map(|j| from + j);
            prop_assert_eq!(find_byte(&bytes, from, [0x84, 7]), slow);
        }

        #[test]
        fn find_byte_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..80), needle in any::<u8>()) {
            prop_assert_eq!(find_byte(&bytes, 0, [needle]), bytes.iter().position(|&b| b == needle));
        }

        #[test]
        fn for_each_byte_finds_every_hit(bytes in prop::collection::vec(any::<u8>(), 0..80), needle in any::<u8>()) {
            let slow: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == needle).collect();
            let mut fast = Vec::new();
            for_each_byte(&bytes, needle, |i| fast.push(i));
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn for_each_pair_finds_every_hit(bytes in prop::collection::vec(0u8..4, 0..80)) {
            let is_hit = |b: u8, n: u8| b == 1 && n != 2;
            let slow: Vec<usize> = (0..bytes.len())
                .filter(|&i| is_hit(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)))
                .collect();
            let mut fast = Vec::new();
            for_each_pair(&bytes, is_hit, |i| fast.push(i));
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn find_position_is_the_first_hit(bytes in prop::collection::vec(0u8..8, 0..80), from in 0usize..90) {
            // Hit: a 3 between two bytes that add up to more than 6; the prefilter looks at the byte alone.
            let is_hit = |b: &[u8], i: usize| {
                b.get(i) == Some(&3) && i >= 1 && usize::from(b[i - 1]) + usize::from(*b.get(i + 1).unwrap_or(&0)) > 6
            };
            let slow = (from..bytes.len()).find(|&i| is_hit(&bytes, i)).unwrap_or(bytes.len()).max(from.min(bytes.len()));
            let fast = find_position(&bytes, from, |_, _, b, _, _| b == 3, is_hit);
            prop_assert_eq!(fast, if from >= bytes.len() { bytes.len() } else { slow });
        }
    }
}
