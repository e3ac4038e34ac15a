use thiserror::Error;

/// The encoding a document was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (removed from the text).
    Utf8Bom,
    /// UTF-16 little endian, recognised by its byte order mark.
    Utf16Le,
    /// UTF-16 big endian, recognised by its byte order mark.
    Utf16Be,
    /// Windows-1256, the legacy Arabic code page.
    Windows1256,
}

impl Encoding {
    /// The name reported in outputs, e.g. `"utf-8"`.
    ///
    /// ```
    /// assert_eq!(khulasa_normalize::Encoding::Windows1256.name(), "windows-1256");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1256 => "windows-1256",
        }
    }
}

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
}

/// Why bytes could not be decoded.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold a NUL or other binary content.
    #[error("binary data (NUL byte at offset {offset}), not text")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// UTF-16 with a byte order mark, but with unpaired surrogates.
    #[error("invalid UTF-16 (byte order mark present, but unpaired surrogates)")]
    InvalidUtf16,
    /// Neither valid UTF-8 nor plausible Windows-1256.
    #[error("not UTF-8, UTF-16 or Windows-1256 (invalid UTF-8 at byte {offset})")]
    Unrecognised {
        /// Byte offset of the first invalid UTF-8 sequence.
        offset: usize,
    },
}

/// Decodes a document's bytes.
///
/// ```
/// let decoded = khulasa_normalize::decode("\u{feff}سلام".as_bytes()).unwrap();
/// assert_eq!(decoded.text, "سلام");
/// assert_eq!(decoded.encoding, khulasa_normalize::Encoding::Utf8Bom);
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => utf8(text, Encoding::Utf8Bom),
            Err(e) => Err(DecodeError::Unrecognised {
                offset: e.valid_up_to() + 3,
            }),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, label) = if bytes.starts_with(b"\xFF\xFE") {
            (Encoding::Utf16Le, encoding_rs::UTF_16LE)
        } else {
            (Encoding::Utf16Be, encoding_rs::UTF_16BE)
        };
        let (text, had_errors) = label.decode_without_bom_handling(bytes.get(2..).unwrap_or_default());
        if had_errors {
            return Err(DecodeError::InvalidUtf16);
        }
        return utf8(&text, encoding);
    }
    // Text with NUL bytes is either UTF-16 that lost its byte order mark or binary: every space of UTF-16 text
    // has a NUL beside it, so only then is it worth looking.
    if bytes.contains(&0) {
        if let Some(decoded) = utf16_without_bom(bytes) {
            return Ok(decoded);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => utf8(text, Encoding::Utf8),
        Err(e) => {
            let offset = e.valid_up_to();
            if let Some(nul) = bytes.iter().position(|&b| b == 0) {
                return Err(DecodeError::Binary { offset: nul });
            }
            let (text, _, had_errors) = encoding_rs::WINDOWS_1256.decode(bytes);
            if had_errors || !looks_like_windows_1256(bytes) {
                return Err(DecodeError::Unrecognised { offset });
            }
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Windows1256,
            })
        }
    }
}

/// UTF-16 without a byte order mark, recognised by its high bytes: nearly all code units of Arabic news lie in
/// Basic Latin (high byte 0x00), Arabic (0x06) or General Punctuation (0x20), and the low bytes are not NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let plausible = |high: u8, low: u8| matches!(high, 0x00 | 0x06 | 0x20) && low != 0;
    let count = |high_first: bool| {
        bytes
            .chunks_exact(2)
            .filter(|pair| match (pair.first(), pair.get(1)) {
                (Some(&a), Some(&b)) if high_first => plausible(a, b),
                (Some(&a), Some(&b)) => plausible(b, a),
                _ => false,
            })
            .count()
    };
    let (encoding, label) = if count(false) * 100 >= units * 95 {
        (Encoding::Utf16Le, encoding_rs::UTF_16LE)
    } else if count(true) * 100 >= units * 95 {
        (Encoding::Utf16Be, encoding_rs::UTF_16BE)
    } else {
        return None;
    };
    let (text, had_errors) = label.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        return None;
    }
    Some(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

fn utf8(text: &str, encoding: Encoding) -> Result<Decoded, DecodeError> {
    if let Some(offset) = text.bytes().position(|b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    Ok(Decoded {
        text: text.to_owned(),
        encoding,
    })
}

/// Windows-1256 maps every byte, so any bytes "decode": accept them only when the high bytes are mostly the
/// Arabic letter range (0xC1..=0xFE minus the few Latin letters kept there) and there are few C1 controls.
fn looks_like_windows_1256(bytes: &[u8]) -> bool {
    let mut high = 0usize;
    let mut arabic = 0usize;
    for &b in bytes {
        if b >= 0x80 {
            high += 1;
            if (0xC1..=0xDF).contains(&b)
                || matches!(b, 0xE1 | 0xE3..=0xE6 | 0xEC | 0xED | 0xF0..=0xF3 | 0xF5 | 0xF6 | 0xF8 | 0xFA)
            {
                arabic += 1;
            }
        }
    }
    high > 0 && arabic * 10 >= high * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "خلال".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("خلال", Encoding::Utf16Le));
    }

    #[test]
    fn windows_1256() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("الاجتماع الوزاري");
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("الاجتماع الوزاري", Encoding::Windows1256)
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_high_bytes() {
        let text = "قال الوزير “نعم” في 2019.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&le).unwrap(),
            Decoded {
                text: text.into(),
                encoding: Encoding::Utf16Le
            }
        );
        assert_eq!(
            decode(&be).unwrap(),
            Decoded {
                text: text.into(),
                encoding: Encoding::Utf16Be
            }
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\x00"),
            Err(DecodeError::Binary { .. })
        ));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary { offset: 3 })));
    }
}
