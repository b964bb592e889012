//! A cell as found in an input file, before its column gives it a meaning.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// One cell as found in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell, and text cells of workbooks).
    Text(&'a str),
    /// A number cell.
    Number(f64),
    /// A date or date-time cell of a workbook.
    DateTime(NaiveDateTime),
    /// A boolean cell.
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error(String),
}

/// `text` without its leading and trailing whitespace, as `str::trim`
/// gives it. Most cells begin and end with a visible ASCII character, which
/// two byte tests settle without decoding a character.
pub fn trim_text(text: &str) -> &str {
    let visible_ascii = |b: &u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ');
    match text.as_bytes() {
        [first, .., last] if visible_ascii(first) && visible_ascii(last) => text,
        [only] if visible_ascii(only) => text,
        _ => text.trim(),
    }
}

impl<'a> Cell<'a> {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => trim_text(t).is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it.
    pub fn text(&self) -> Cow<'a, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(trim_text(t)),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Cow::Owned(format!("{}", *n as i64))
            }
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::DateTime(dt) => Cow::Owned(dt.format("%d/%m/%Y %H:%M:%S").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
            Cell::Error(e) => Cow::Owned(e.clone()),
        }
    }
}
