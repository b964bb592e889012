//! The ingest stage: files → tables → canonical records plus data-quality
//! findings. Every data row read ends as exactly one accepted record or one
//! rejected row with at least one finding saying why.

pub mod columns;
pub mod dates;
mod feedback;
mod registry;
mod survey;
pub mod table;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::calendar::Day;
use crate::model::{
    AgencyId, Effect, FeedbackRecords, Finding, InputAccount, InputKind, Reason, Registry,
    SurveyResponses,
};
use columns::MatchedColumns;
pub use registry::read_registry;
use table::Row;

/// A file that cannot be read at all (problems with single rows are findings).
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file cannot be opened or read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file's extension is not a supported format.
    #[error("{path} is not a .csv, .xlsx, .xls or .ods file")]
    UnsupportedFormat {
        /// File path.
        path: String,
    },
    /// A CSV file that is not UTF-8.
    #[error("{path} is not UTF-8 text: save it from Excel as \"CSV UTF-8\"")]
    NotUtf8 {
        /// File path.
        path: String,
    },
    /// A CSV file the parser cannot read.
    #[error("{path} is not a readable CSV file: {message}")]
    Csv {
        /// File path.
        path: String,
        /// Parser message.
        message: String,
    },
    /// A workbook calamine cannot open.
    #[error("{path} is not a readable workbook: {message}")]
    Workbook {
        /// File path.
        path: String,
        /// Reader message.
        message: String,
    },
    /// No header row.
    #[error("{path} is empty: it needs a header row and data rows")]
    Empty {
        /// File path.
        path: String,
    },
    /// Required columns are missing.
    #[error("{path} has no column for {missing}; its headers are: {found}")]
    MissingColumns {
        /// File path.
        path: String,
        /// The missing fields with their typical header.
        missing: String,
        /// The headers found.
        found: String,
    },
    /// A registry that cannot be used.
    #[error("{path}: {message}")]
    Registry {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A folder given as input holds no data file.
    #[error("{path} holds no .csv, .xlsx, .xls or .ods file")]
    EmptyFolder {
        /// Folder path.
        path: String,
    },
}

/// Everything read from the inputs of a run.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Accepted feedback records.
    pub feedback: FeedbackRecords,
    /// Accepted survey responses.
    pub survey: SurveyResponses,
    /// Every data-quality finding, in file and row order.
    pub findings: Vec<Finding>,
    /// Row accounting per input file, in the order read.
    pub accounts: Vec<InputAccount>,
}

impl Inputs {
    /// Reads every feedback and survey file; ids must be unique across files of a kind.
    pub fn read(
        feedback_paths: &[PathBuf],
        survey_paths: &[PathBuf],
        registry: &Registry,
    ) -> Result<Self, IngestError> {
        let mut inputs = Inputs::default();
        let mut seen = HashSet::new();
        for path in feedback_paths {
            let index = inputs.accounts.len() as u32;
            let account = feedback::read(path, index, registry, &mut seen, &mut inputs)?;
            inputs.accounts.push(account);
        }
        seen.clear();
        for path in survey_paths {
            let index = inputs.accounts.len() as u32;
            let account = survey::read(path, index, registry, &mut seen, &mut inputs)?;
            inputs.accounts.push(account);
        }
        Ok(inputs)
    }

    /// The latest day any record or response refers to (received, surveyed).
    pub fn last_day(&self) -> Option<crate::calendar::Day> {
        let feedback = self.feedback.received.iter().max();
        let survey = self.survey.surveyed.iter().max();
        feedback.max(survey).copied()
    }

    /// Total rows rejected.
    pub fn rejected(&self) -> usize {
        self.accounts.iter().map(|a| a.rejected).sum()
    }
}

/// Expands folders into the data files they hold (sorted by name).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| IngestError::Read {
                path: path.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_data_file(p))
                .collect();
            if found.is_empty() {
                return Err(IngestError::EmptyFolder {
                    path: path.display().to_string(),
                });
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn is_data_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    !name.starts_with('.')
        && !name.starts_with("~$")
        && matches!(
            extension.to_ascii_lowercase().as_str(),
            "csv" | "xlsx" | "xlsm" | "xls" | "ods"
        )
}

/// Collects the findings of one row and whether it is rejected.
struct RowCheck<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    row: usize,
    findings: Vec<Finding>,
    rejected: bool,
}

impl<'a> RowCheck<'a> {
    fn new(file: &'a str, sheet: Option<&'a str>, row: usize) -> Self {
        Self {
            file,
            sheet,
            row,
            findings: Vec::new(),
            rejected: false,
        }
    }

    fn add(&mut self, column: &str, value: &str, reason: Reason, effect: Effect) {
        if effect == Effect::RowRejected {
            self.rejected = true;
        }
        self.findings.push(Finding {
            file: self.file.to_string(),
            sheet: self.sheet.map(str::to_string),
            row: self.row,
            column: column.to_string(),
            value: value.to_string(),
            reason,
            effect,
        });
    }

    fn reject(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::RowRejected);
    }

    fn ignore_cell(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::CellIgnored);
    }

    fn warn(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::Warning);
    }

    /// A text cell that must not be blank.
    fn required_text<'r>(
        &mut self,
        columns: &MatchedColumns,
        row: &'r dyn Row,
        field: usize,
    ) -> Cow<'r, str> {
        let text = columns.cell(row, field).text();
        if text.is_empty() {
            self.missing(columns, field);
        }
        text
    }

    fn missing(&mut self, columns: &MatchedColumns, field: usize) {
        let reason = Reason::Missing {
            field: columns.name(field).to_string(),
        };
        self.reject(columns.header(field), "", reason);
    }

    /// A date cell; a blank required date or an unreadable date rejects the row.
    fn date(
        &mut self,
        columns: &MatchedColumns,
        row: &dyn Row,
        field: usize,
        required: bool,
    ) -> Option<Day> {
        let value = columns.cell(row, field);
        match dates::parse_date_cell(&value) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                if required {
                    self.missing(columns, field);
                }
                None
            }
            Err(e) => {
                self.reject(columns.header(field), &value.text(), e.reason());
                None
            }
        }
    }

    /// Rejects a row whose id was already accepted (every occurrence after the first).
    fn duplicate_id(&mut self, column: &str, id: &str, seen: &HashSet<String>) {
        if !id.is_empty() && !self.rejected && seen.contains(id) {
            self.reject(column, id, Reason::DuplicateId);
        }
    }
}

/// Finds agencies in the registry, remembering each spelling already seen.
struct AgencyLookup<'r> {
    registry: &'r Registry,
    cache: HashMap<String, Option<AgencyId>>,
}

impl<'r> AgencyLookup<'r> {
    fn new(registry: &'r Registry) -> Self {
        Self {
            registry,
            cache: HashMap::new(),
        }
    }

    /// The agency named in `field`; a blank or unknown name rejects the row.
    fn find(
        &mut self,
        check: &mut RowCheck,
        columns: &MatchedColumns,
        row: &dyn Row,
        field: usize,
    ) -> Option<AgencyId> {
        let text = check.required_text(columns, row, field);
        if text.is_empty() {
            return None;
        }
        let found = match self.cache.get(text.as_ref()) {
            Some(found) => *found,
            None => {
                let found = self.registry.find(&text);
                self.cache.insert(text.to_string(), found);
                found
            }
        };
        if found.is_none() {
            let suggestion = crate::text::closest(&text, self.registry.names()).map(str::to_string);
            check.reject(
                columns.header(field),
                &text,
                Reason::UnknownAgency { suggestion },
            );
        }
        found
    }
}

/// Opens `path`, matches its headers and checks the required columns.
fn open_with_columns(
    path: &Path,
    fields: &[columns::FieldSpec],
) -> Result<(table::Table, columns::MatchedColumns), IngestError> {
    let table = table::Table::open(path)?;
    let columns = columns::MatchedColumns::new(&table.headers, fields);
    let missing: Vec<String> = fields
        .iter()
        .zip(&columns.index)
        .filter(|(spec, found)| spec.required && found.is_none())
        .map(|(spec, _)| {
            format!(
                "{} (\"{}\")",
                spec.name,
                spec.headers.first().unwrap_or(&"")
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(IngestError::MissingColumns {
            path: path.display().to_string(),
            missing: missing.join(", "),
            found: table.headers.join(" | "),
        });
    }
    Ok((table, columns))
}

/// Account skeleton for a file.
fn account_for(path: &Path, kind: InputKind, sheet: Option<String>) -> InputAccount {
    InputAccount {
        path: path.display().to_string(),
        kind,
        sheet,
        rows: 0,
        accepted: 0,
        rejected: 0,
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    }
}
