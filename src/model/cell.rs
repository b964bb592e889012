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

impl<'a> Cell<'a> {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it.
    pub fn text(&self) -> Cow<'a, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
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
