//! Text encodings of CSV files: UTF-8 (with or without byte-order mark),
//! UTF-16 with a byte-order mark, and the Windows code pages Vietnamese
//! offices still produce (1258, Vietnamese; 1252, Western). Decoded text is
//! normalised to NFC, since Windows-1258 writes tone marks as combining
//! characters.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

/// Bytes that Windows-1258 uses for Vietnamese letters and tone marks
/// (Ă ă Đ đ Ơ ơ Ư ư and the five combining tone marks).
const VIETNAMESE_1258_BYTES: [u8; 13] = [
    0xC3, 0xE3, 0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD, 0xCC, 0xEC, 0xD2, 0xDE, 0xF2,
];

/// A file's text as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, checked to be valid UTF-8.
    pub text: Vec<u8>,
    /// The encoding it was read with.
    pub encoding: &'static str,
    /// The file's bytes when the text is a transcoding of them; None when the
    /// text is the file itself less its first `bom_length` bytes.
    pub original: Option<Vec<u8>>,
    /// Length of the UTF-8 byte-order mark removed from the text.
    pub bom_length: usize,
}

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Decodes `bytes` with the encoding named by `label`, or the detected one;
/// a byte-order mark wins over both; a sentence saying why not when they
/// cannot be decoded. UTF-8 text is checked once, with SIMD, and kept in
/// place (a file of a gigabyte is not copied).
pub fn decode_to_utf8(mut bytes: Vec<u8>, label: Option<&str>) -> Result<Decoded, String> {
    let as_is = |text: Vec<u8>, bom_length: usize| Decoded {
        text,
        encoding: UTF_8.name(),
        original: None,
        bom_length,
    };
    let labelled = match label {
        Some(label) => Some(
            Encoding::for_label(label.as_bytes())
                .ok_or_else(|| format!("'{label}' is not a known encoding"))?,
        ),
        None => None,
    };
    let bom = Encoding::for_bom(&bytes);
    let encoding = match (bom, labelled) {
        (Some((encoding, _)), _) | (None, Some(encoding)) => encoding,
        (None, None) => {
            // Most files are UTF-8: try it first, without copying.
            if is_utf8(&bytes) {
                return Ok(as_is(bytes, 0));
            }
            detect(&bytes)
        }
    };
    let not_valid = |used: &'static Encoding| {
        format!(
            "is not valid {} text; save it as \"CSV UTF-8\" or name its encoding in a profile (encoding = \"windows-1258\")",
            used.name()
        )
    };
    if encoding == UTF_8 {
        let bom_length = bom.map_or(0, |(_, length)| length);
        bytes.drain(..bom_length);
        return match is_utf8(&bytes) {
            true => Ok(as_is(bytes, bom_length)),
            false => Err(not_valid(UTF_8)),
        };
    }
    let (text, used, had_errors) = encoding.decode(&bytes);
    if had_errors {
        return Err(not_valid(used));
    }
    let text: String = if used == WINDOWS_1258 || used == WINDOWS_1252 {
        text.nfc().collect()
    } else {
        text.into_owned()
    };
    Ok(Decoded {
        text: text.into_bytes(),
        encoding: used.name(),
        original: Some(bytes),
        bom_length: 0,
    })
}

/// Whether `bytes` are valid UTF-8.
fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// The encoding of bytes that are not UTF-8 and have no byte-order mark:
/// UTF-16 when every other byte is zero; otherwise Windows-1258 when Vietnamese-specific bytes
/// appear, else Windows-1252.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let looks_utf16 = bytes.len() >= 4 && bytes.iter().step_by(2).skip(1).take(64).all(|&b| b == 0);
    if looks_utf16 {
        return UTF_16LE;
    }
    let looks_utf16be = bytes.len() >= 4 && bytes.iter().step_by(2).take(64).all(|&b| b == 0);
    if looks_utf16be {
        return UTF_16BE;
    }
    let vietnamese = bytes
        .iter()
        .filter(|b| VIETNAMESE_1258_BYTES.contains(b))
        .count();
    if vietnamese > 0 {
        WINDOWS_1258
    } else {
        WINDOWS_1252
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes to a string.
    fn decode(bytes: Vec<u8>, label: Option<&str>) -> Result<(String, &'static str), String> {
        let decoded = decode_to_utf8(bytes, label)?;
        let text = String::from_utf8(decoded.text).map_err(|e| e.to_string())?;
        Ok((text, decoded.encoding))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("Ngày".as_bytes().to_vec(), None),
            Ok(("Ngày".to_string(), "UTF-8"))
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "Ngày".as_bytes()].concat();
        assert_eq!(decode(with_bom, None), Ok(("Ngày".to_string(), "UTF-8")));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Đơn vị".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(
            decode(bytes.clone(), None),
            Ok(("Đơn vị".to_string(), "UTF-16LE"))
        );
    }

    #[test]
    fn windows_1258_is_detected_and_normalised() {
        // "Đường" in Windows-1258: Đ = D0, ư = FD, ơ = F5, the grave tone is the
        // combining mark CC after the vowel.
        let bytes = [0xD0, 0xFD, 0xF5, 0xCC, b'n', b'g'];
        let (text, encoding) = decode(bytes.to_vec(), None).unwrap_or_default();
        assert_eq!(encoding, "windows-1258");
        assert_eq!(text, "Đường");
    }

    #[test]
    fn windows_1252_when_nothing_vietnamese() {
        let bytes = [b'C', b'a', b'f', 0xE9];
        assert_eq!(
            decode(bytes.to_vec(), None),
            Ok(("Café".to_string(), "windows-1252"))
        );
    }
}
