//! `summary.json`: the machine-readable results of a period.

use std::path::Path;

use super::ReportError;
use crate::metrics::summary::Summary;

/// The summary as pretty-printed JSON.
pub fn to_json(summary: &Summary) -> String {
    // Serialising plain structs of numbers and strings cannot fail.
    serde_json::to_string_pretty(summary).unwrap_or_default()
}

/// Writes `summary.json`.
pub fn write(summary: &Summary, path: &Path) -> Result<(), ReportError> {
    std::fs::write(path, to_json(summary) + "\n").map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}
