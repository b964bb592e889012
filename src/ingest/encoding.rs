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

/// Decodes `bytes` with the encoding named by `label`, or the detected one.
/// Returns the text and the encoding's name, or a sentence saying why not.
pub fn decode_text(bytes: &[u8], label: Option<&str>) -> Result<(String, &'static str), String> {
    let encoding = match label {
        Some(label) => Encoding::for_label(label.as_bytes())
            .ok_or_else(|| format!("'{label}' is not a known encoding"))?,
        None => detect(bytes),
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(format!(
            "is not valid {} text; save it as \"CSV UTF-8\" or name its encoding in a profile (encoding = \"windows-1258\")",
            used.name()
        ));
    }
    let text = if used == WINDOWS_1258 || used == WINDOWS_1252 {
        text.nfc().collect()
    } else {
        text.into_owned()
    };
    Ok((text, used.name()))
}

/// UTF-8 when the bytes are valid UTF-8; UTF-16 when they start with its
/// byte-order mark; otherwise Windows-1258 when Vietnamese-specific bytes
/// appear, else Windows-1252.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
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

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_text("Ngày".as_bytes(), None),
            Ok(("Ngày".to_string(), "UTF-8"))
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "Ngày".as_bytes()].concat();
        assert_eq!(
            decode_text(&with_bom, None),
            Ok(("Ngày".to_string(), "UTF-8"))
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Đơn vị".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(
            decode_text(&bytes, None),
            Ok(("Đơn vị".to_string(), "UTF-16LE"))
        );
    }

    #[test]
    fn windows_1258_is_detected_and_normalised() {
        // "Đường" in Windows-1258: Đ = D0, ư = FD, ơ = F5, the grave tone is the
        // combining mark CC after the vowel.
        let bytes = [0xD0, 0xFD, 0xF5, 0xCC, b'n', b'g'];
        let (text, encoding) = decode_text(&bytes, None).unwrap_or_default();
        assert_eq!(encoding, "windows-1258");
        assert_eq!(text, "Đường");
    }

    #[test]
    fn windows_1252_when_nothing_vietnamese() {
        let bytes = [b'C', b'a', b'f', 0xE9];
        assert_eq!(
            decode_text(&bytes, None),
            Ok(("Café".to_string(), "windows-1252"))
        );
    }
}
