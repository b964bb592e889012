//! The report stage: writes what the metrics computed — the workbook, the
//! picture charts, `summary.json` and the CSV exports — into the report
//! folder. Nothing here computes an indicator; it only lays numbers out.
//!
//! The folder is written whole or not at all: every file goes into a hidden
//! staging folder next to it, which then replaces the old report by renames
//! (see [`atomic`]).

pub mod atomic;
pub mod charts;
pub mod csv_export;
pub mod document;
pub mod html;
pub mod json;
pub mod labels;
pub mod narrative;
pub mod progress;
pub mod survey_plan;
pub mod workbook;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::metrics::due_soon::DueSoonRecord;
use crate::metrics::overdue::OverdueRecord;
use crate::metrics::subjects::AgencyFieldResults;
use crate::metrics::summary::Summary;
use crate::model::FindingList;
use labels::Lang;

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
    /// A chart could not be drawn.
    #[error("cannot draw the chart {path}: {message}")]
    Chart {
        /// Path.
        path: String,
        /// Renderer message.
        message: String,
    },
    /// The report document could not be written.
    #[error("cannot write the report document {path}: {message}")]
    Document {
        /// Path.
        path: String,
        /// Writer message.
        message: String,
    },
    /// The workbook writer failed.
    #[error("cannot write the workbook {path}: {message}")]
    Workbook {
        /// Path.
        path: String,
        /// Writer message.
        message: String,
    },
    /// The output folder has no name of its own (`.`, `..`, `/`).
    #[error(
        "{path} cannot be the report folder: name a folder of its own, e.g. --out reports/2025-Q2"
    )]
    FolderUnnamed {
        /// The path given.
        path: String,
    },
    /// A file of the previous report is open in another program (on
    /// Windows, Excel or Word lock the files they have open).
    #[error("{path} is open in another program: close it and run again; the previous report is left as it was")]
    FileOpen {
        /// The file.
        path: String,
    },
    /// The output folder holds files the tool did not write.
    #[error("the folder {path} already holds {example}, which sipas did not write; choose an empty or new folder with --out so that nothing of yours is replaced")]
    FolderInUse {
        /// The folder.
        path: String,
        /// One of the foreign entries.
        example: String,
    },
}

/// Everything a report is written from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The indicators of the period.
    pub summary: &'a Summary,
    /// The overdue PAKN of the period.
    pub overdue: &'a [OverdueRecord],
    /// The PAKN due soon after the as-of date.
    pub due_soon: &'a [DueSoonRecord],
    /// Handling per agency and subject field.
    pub agency_fields: &'a [AgencyFieldResults],
    /// Data-quality findings of the inputs.
    pub findings: &'a FindingList,
    /// Language of the labels.
    pub lang: Lang,
}

/// The files a report run wrote, at their final place.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    /// The report folder.
    pub folder: PathBuf,
    /// `bao-cao-<period>.xlsx`.
    pub workbook: PathBuf,
    /// `bao-cao-<period>.docx`, the draft report document.
    pub document: PathBuf,
    /// `summary.json`.
    pub summary: PathBuf,
    /// `findings.csv`.
    pub findings: PathBuf,
    /// `overdue.csv`.
    pub overdue: PathBuf,
    /// `due-soon.csv`.
    pub due_soon: PathBuf,
    /// `agencies.csv`.
    pub agencies: PathBuf,
    /// `fields.csv`.
    pub fields: PathBuf,
    /// `charts/*.png` and `charts/*.svg`.
    pub charts: Vec<PathBuf>,
}

/// Name of the workbook of a period label.
pub fn workbook_name(period_label: &str) -> String {
    format!("bao-cao-{period_label}.xlsx")
}

/// Writes the whole report into `folder`, replacing an earlier report there
/// only once every new file is complete.
pub fn write_report(input: &ReportInput<'_>, folder: &Path) -> Result<ReportFiles, ReportError> {
    let staged = atomic::replace_folder(folder, |staging| write_files(input, staging))?;
    let relocate = |p: &Path| folder.join(p.strip_prefix(&staged.staging).unwrap_or(p));
    let files = staged.value;
    Ok(ReportFiles {
        folder: folder.to_path_buf(),
        workbook: relocate(&files.workbook),
        document: relocate(&files.document),
        summary: relocate(&files.summary),
        findings: relocate(&files.findings),
        overdue: relocate(&files.overdue),
        due_soon: relocate(&files.due_soon),
        agencies: relocate(&files.agencies),
        fields: relocate(&files.fields),
        charts: files.charts.iter().map(|p| relocate(p)).collect(),
    })
}

/// Writes every file of the report into `folder` (which exists and is empty).
fn write_files(input: &ReportInput<'_>, folder: &Path) -> Result<ReportFiles, ReportError> {
    let summary = input.summary;
    let chart_data = charts::ChartData::of(summary, input.lang);
    let workbook = folder.join(workbook_name(&summary.period.label));
    let summary_path = folder.join("summary.json");
    let findings = folder.join("findings.csv");
    let overdue = folder.join("overdue.csv");
    let due_soon = folder.join("due-soon.csv");
    let agencies = folder.join("agencies.csv");
    let fields = folder.join("fields.csv");
    let document = folder.join(document::document_name(&summary.period.label));
    // The workbook is the longest to write: the other files are written
    // beside it, on another core.
    let (written, charts) = rayon::join(
        || workbook::write(input, &chart_data, &workbook),
        || -> Result<_, ReportError> {
            json::write(summary, &summary_path)?;
            csv_export::write_findings(&findings, input.findings, input.lang)?;
            csv_export::write_overdue(&overdue, summary, input.overdue, input.lang)?;
            csv_export::write_due_soon(&due_soon, summary, input.due_soon, input.lang)?;
            csv_export::write_agencies(&agencies, summary, input.lang)?;
            csv_export::write_agency_fields(&fields, summary, input.agency_fields, input.lang)?;
            let charts = charts::picture::write_all(&chart_data, &folder.join("charts"))?;
            // The document embeds two of the picture charts.
            document::write_document(summary, input.lang, &folder.join("charts"), &document)?;
            html::public::write_public(
                summary,
                input.lang,
                &folder.join("charts"),
                &folder.join("public"),
            )?;
            Ok(charts)
        },
    );
    written?;
    let charts = charts?;
    Ok(ReportFiles {
        folder: folder.to_path_buf(),
        workbook,
        document,
        summary: summary_path,
        findings,
        overdue,
        due_soon,
        agencies,
        fields,
        charts,
    })
}
