//! Data-quality findings and the per-file accounting of rows.

use serde::Serialize;

/// What a finding did to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The whole row was rejected ("loại dòng").
    RowRejected,
    /// Only this cell was ignored; the row was kept ("bỏ qua ô").
    CellIgnored,
    /// The row was kept as it is; the finding is a warning ("lưu ý").
    Warning,
}

/// A problem found in one row or cell of an input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Input file as given on the command line.
    pub file: String,
    /// Sheet name for workbooks.
    pub sheet: Option<String>,
    /// Row number as the user sees it in Excel (the header is row 1 in a CSV).
    pub row: usize,
    /// Column header.
    pub column: String,
    /// The raw value found.
    pub value: String,
    /// Why it could not be used, as one sentence.
    pub reason: String,
    /// What happened to the row.
    pub effect: Effect,
}

/// Which canonical records a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Feedback records (PAKN).
    Feedback,
    /// SIPAS survey responses.
    Survey,
}

/// Rows read, accepted and rejected for one input file (and sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputAccount {
    /// File path as given.
    pub path: String,
    /// Feedback or survey.
    pub kind: InputKind,
    /// Sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Data rows read (fully blank rows are not counted).
    pub rows: usize,
    /// Rows that became canonical records.
    pub accepted: usize,
    /// Rows rejected with a finding.
    pub rejected: usize,
    /// File size in bytes.
    pub bytes: u64,
}
