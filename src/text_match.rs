//! Text folding used to match headers, agency names and vocabulary labels.
//!
//! Vietnamese exports spell the same header many ways (`Ngày tiếp nhận`,
//! `ngay tiep nhan`, `NGÀY TIẾP NHẬN`, NFD or NFC). All of them fold to the
//! same key: diacritics removed, `đ` mapped to `d`, lower case, and every run of
//! characters that are not letters or digits turned into a single space.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `text` to its matching key (see the module documentation).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// `text` in NFC with its ends trimmed and every inner run of white space
/// made one space: how a free-text label (a subject field) is shown.
pub fn tidy(text: &str) -> String {
    let composed: String = text.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The grouping key of a free-text label: [`tidy`], then lower case. Unlike
/// [`fold`] it keeps the diacritics, which tell words apart in Vietnamese
/// ("Thuế", tax, and "Thuê", renting, are different subject fields).
pub fn label_key(text: &str) -> String {
    tidy(text).to_lowercase()
}

/// Levenshtein edit distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `target` by edit distance on folded text, if any
/// is close enough to be a plausible typo (at most a third of its length).
pub fn closest<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = fold(target);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&key, &fold(c)), c))
        .filter(|(d, c)| *d <= (fold(c).chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `text` as a TOML basic string: quoted, `"` and `\\` escaped, control
/// characters turned into spaces.
pub fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_spellings_to_one_key() {
        for spelling in ["Ngày tiếp nhận", "NGÀY TIẾP NHẬN", "  ngay_tiep   nhan "] {
            assert_eq!(fold(spelling), "ngay tiep nhan");
        }
        // NFD input (decomposed accents) folds the same as NFC.
        let nfd: String = "Hòm thư góp ý".nfd().collect();
        let cases = [
            ("Đường dây nóng", "duong day nong"),
            ("Hỏi - Đáp", "hoi dap"),
            (nfd.as_str(), "hom thu gop y"),
        ];
        for (written, key) in cases {
            assert_eq!(fold(written), key, "{written}");
        }
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ngày", "ngay"), 1);
    }
}
