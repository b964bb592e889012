//! The report stage: writes what the metrics computed — the Vietnamese
//! workbook and `summary.json` — into the report folder. Nothing here
//! computes a number; it only lays numbers out.

pub mod csv_export;
pub mod json;
pub mod labels;
pub mod progress;
pub mod workbook;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::metrics::summary::Summary;
use crate::model::Finding;

/// An output that could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The workbook writer failed.
    #[error("cannot write the workbook {path}: {message}")]
    Workbook {
        /// Path.
        path: String,
        /// Writer message.
        message: String,
    },
}

/// The files a report run wrote.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    /// `bao-cao-<period>.xlsx`.
    pub workbook: PathBuf,
    /// `summary.json`.
    pub summary: PathBuf,
    /// `findings.csv`.
    pub findings: PathBuf,
}

/// Writes the workbook, `summary.json` and `findings.csv` into `folder`.
pub fn write_report(
    summary: &Summary,
    findings: &[Finding],
    folder: &Path,
) -> Result<ReportFiles, ReportError> {
    std::fs::create_dir_all(folder).map_err(|source| ReportError::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let workbook = folder.join(format!("bao-cao-{}.xlsx", summary.period.label));
    workbook::write(summary, findings, &workbook)?;
    let summary_path = folder.join("summary.json");
    json::write(summary, &summary_path)?;
    let findings_path = folder.join("findings.csv");
    csv_export::write_findings(&findings_path, findings)?;
    Ok(ReportFiles {
        workbook,
        summary: summary_path,
        findings: findings_path,
    })
}
