//! Text of a translated file: UTF-8, or UTF-16 with its byte order mark (what Excel saves as "Unicode text");
//! anything else is refused with the encoding it looks like, so that a translator knows what to save it as.

use crate::{ExportError, BOM};
use std::borrow::Cow;

/// The text of a file in UTF-8 (its BOM dropped) or UTF-16 with a byte order mark (decoded). Any other bytes are
/// [`ExportError::Encoding`], naming what the file looks like: UTF-16 without a byte order mark, or an 8-bit
/// Arabic code page (Windows-1256, ISO 8859-6).
///
/// ```
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("id\tنعم".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// assert_eq!(khulasa_export::decode(&utf16).unwrap(), "id\tنعم");
/// let cp1256 = b"\xe1\xc7 \xe4\xda\xe3 \xdf\xe1\xe3\xc9";
/// let err = khulasa_export::decode(cp1256).unwrap_err().to_string();
/// assert!(err.contains("looks like Windows-1256"), "{err}");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ExportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes, "UTF-16 LE").map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes, "UTF-16 BE").map(Cow::Owned);
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        // ASCII and Arabic in UTF-16 are valid UTF-8 byte by byte, with a NUL in every other byte.
        Ok(_) if body.contains(&0) && sniff(body).starts_with("UTF-16") => Err(ExportError::Encoding {
            line: 1,
            found: sniff(body),
        }),
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => Err(ExportError::Encoding {
            line: 1 + body.iter().take(e.valid_up_to()).filter(|&&b| b == b'\n').count(),
            found: sniff(body),
        }),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, ExportError> {
    let units = bytes.chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        // An odd last byte: a unit that cannot be, reported below as a broken file.
        _ => 0xDC00,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut line = 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                line += usize::from(c == '\n');
                text.push(c);
            }
            Err(_) => {
                return Err(ExportError::Encoding {
                    line,
                    found: format!("{name} with a broken character (an unpaired surrogate or an odd last byte)"),
                })
            }
        }
    }
    Ok(text)
}

/// What bytes that are not UTF-8 look like, worded for a report.
fn sniff(bytes: &[u8]) -> String {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    // ASCII and Arabic in UTF-16 leave a zero in one byte of most units (Arabic's high byte is 0x06).
    if half > 0 && zeros(1) * 4 > half {
        return "UTF-16 LE without a byte order mark".into();
    }
    if half > 0 && zeros(0) * 4 > half {
        return "UTF-16 BE without a byte order mark".into();
    }
    let high: Vec<u8> = sample.iter().copied().filter(|&b| b >= 0x80).collect();
    // Windows-1256 and ISO 8859-6 put the Arabic letters in 0xC1..=0xFA; a file of such bytes is Arabic text in
    // an 8-bit code page, most likely Windows' own.
    let arabic = high.iter().filter(|&&b| (0xC1..=0xFA).contains(&b)).count();
    if !high.is_empty() && arabic * 10 >= high.len() * 8 {
        return "not UTF-8: it looks like Windows-1256 (Arabic Windows) or ISO 8859-6".into();
    }
    "neither UTF-8 nor UTF-16 with a byte order mark".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn every_encoding_is_named_or_decoded() {
        assert_eq!(decode(&utf16le("id\tنعم\r\n", true)).unwrap(), "id\tنعم\r\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("نعم".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "نعم");
        let err = decode(&utf16le("id,source\nنعم", false)).unwrap_err().to_string();
        assert!(err.contains("UTF-16 LE without a byte order mark"), "{err}");
        let err = decode(b"id\nok\n\xC7\xE1\xE6\xD2\xED\xD1").unwrap_err().to_string();
        assert!(err.starts_with("line 3: ") && err.contains("Windows-1256"), "{err}");
        let err = decode(b"\x80\x81\x82").unwrap_err().to_string();
        assert!(err.contains("neither UTF-8 nor UTF-16"), "{err}");
        let mut odd = utf16le("نعم", true);
        odd.push(b'x');
        assert!(decode(&odd)
            .unwrap_err()
            .to_string()
            .contains("UTF-16 LE with a broken character"));
        assert_eq!(decode(b"\xEF\xBB\xBFok").unwrap(), "ok");
    }
}
