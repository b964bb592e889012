//! Why a file cannot be read at all (problems with single rows are findings).
//! The English sentence is the error's `Display`; `crate::messages` says it
//! in Vietnamese too.

use std::fmt;

use thiserror::Error;

/// A required field a file has no column for.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingField {
    /// Canonical field name.
    pub name: String,
    /// Its typical Vietnamese header.
    pub header: String,
}

/// A field of a profile that finds no column in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileColumn {
    /// Profile path.
    pub profile: String,
    /// Line of the entry (0 when the profile has none).
    pub line: usize,
    /// The profile's section (`feedback`, `survey`).
    pub section: String,
    /// The field (canonical name).
    pub field: String,
    /// The field's typical Vietnamese header.
    pub header: String,
    /// The headers the profile names (none when it names none).
    pub wanted: Vec<String>,
    /// Data file path.
    pub file: String,
    /// The file's headers closest to the one wanted.
    pub closest: Vec<String>,
}

/// What makes an agency registry unusable, with the rows (as the
/// spreadsheet numbers them) and values at fault.
#[derive(Debug, Clone, PartialEq)]
pub enum RegistryProblem {
    /// A row without a code or a name.
    NoCodeOrName {
        /// The row.
        row: usize,
    },
    /// A lifetime cell that is not a date.
    NotADate {
        /// The row.
        row: usize,
        /// The column's header.
        column: String,
        /// The value.
        value: String,
    },
    /// A level that is not one of the three.
    UnknownLevel {
        /// The row.
        row: usize,
        /// The value.
        value: String,
    },
    /// No agency at all.
    NoAgency,
    /// Two agencies share a code, name or alias.
    SharedKey {
        /// The first row.
        first: usize,
        /// The second row.
        second: usize,
        /// The code, name or alias they share.
        key: String,
    },
    /// A successor that is not a code of the registry.
    UnknownSuccessor {
        /// The row.
        row: usize,
        /// The agency's code.
        code: String,
        /// The successor named.
        successor: String,
    },
    /// Agencies that name each other as successors in a cycle.
    SuccessionCycle {
        /// Their rows.
        rows: Vec<usize>,
        /// Their codes, the first again at the end.
        codes: Vec<String>,
    },
    /// An agency ends before its successor starts, leaving days uncovered.
    SuccessionGap {
        /// The agency's row.
        row: usize,
        /// Its code.
        code: String,
        /// Its last day (dd/mm/yyyy).
        until: String,
        /// The successor's row.
        successor_row: usize,
        /// The successor's code.
        successor: String,
        /// The successor's first day (dd/mm/yyyy).
        from: String,
    },
    /// An agency with a successor but no last day, or one before its first.
    SuccessionDates {
        /// The row.
        row: usize,
        /// The agency's code.
        code: String,
    },
}

impl fmt::Display for RegistryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCodeOrName { row } => write!(f, "row {row} needs both a code and a name"),
            Self::NotADate { row, column, value } => write!(
                f,
                "row {row}: {column} '{value}' is not a date: write dd/mm/yyyy or yyyy-mm-dd, or leave it blank"
            ),
            Self::UnknownLevel { row, value } => write!(
                f,
                "row {row}: level '{value}' is not so_nganh, quan_huyen or xa_phuong"
            ),
            Self::NoAgency => f.write_str("the registry lists no agency"),
            Self::SharedKey { first, second, key } => write!(
                f,
                "rows {first} and {second} both use '{key}' as a code, name or alias; give each agency its own"
            ),
            Self::UnknownSuccessor { row, code, successor } => write!(
                f,
                "row {row}: successor '{successor}' of {code} is not a code of the registry; write the code of the agency that took over its work"
            ),
            Self::SuccessionCycle { rows, codes } => {
                let rows: Vec<String> = rows.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "rows {} name each other as successors in a cycle ({}); an agency's work must end with one that still exists",
                    rows.join(", "),
                    codes.join(" → ")
                )
            }
            Self::SuccessionGap { row, code, until, successor_row, successor, from } => write!(
                f,
                "row {row}: {code} ends on {until} but its successor {successor} (row {successor_row}) starts on {from}, leaving days with no agency; the successor must start at the latest the day after"
            ),
            Self::SuccessionDates { row, code } => write!(
                f,
                "row {row}: {code} has a successor but no valid_until, or ends before it starts; give the last day it existed"
            ),
        }
    }
}

/// The headers of a file as messages show them: the first 30, and how many
/// more there are.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderList {
    /// The first headers.
    pub shown: Vec<String>,
    /// How many headers follow them.
    pub more: usize,
}

impl HeaderList {
    /// How many headers a message shows.
    const SHOWN: usize = 30;

    /// The list of `headers`.
    pub fn of(headers: &[String]) -> Self {
        Self {
            shown: headers.iter().take(Self::SHOWN).cloned().collect(),
            more: headers.len().saturating_sub(Self::SHOWN),
        }
    }
}

impl fmt::Display for HeaderList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown.join(" | "))?;
        if self.more > 0 {
            write!(f, " | … and {} more", self.more)?;
        }
        Ok(())
    }
}

fn missing_list(missing: &[MissingField]) -> String {
    let named: Vec<String> = missing
        .iter()
        .map(|m| format!("{} (\"{}\")", m.name, m.header))
        .collect();
    named.join(", ")
}

fn quoted(headers: &[String]) -> String {
    let quoted: Vec<String> = headers.iter().map(|h| format!("'{h}'")).collect();
    quoted.join(", ")
}

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
    /// The run was told to stop while reading.
    #[error("the run was stopped")]
    Cancelled,
    /// The findings could not be kept in a temporary file.
    #[error("the findings could not be kept in a temporary file ({0}): free some disk space and run again")]
    FindingSpill(std::io::Error),
    /// The file's extension is not a supported format.
    #[error("{path} is not a .csv, .xlsx, .xls, .ods or .parquet file")]
    UnsupportedFormat {
        /// File path.
        path: String,
    },
    /// A CSV file whose encoding cannot be decoded.
    #[error("{path} {message}")]
    Encoding {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A file larger than the tool reads.
    #[error("{path} is {} MB, more than the 8 GB the tool reads: split it by period", bytes >> 20)]
    TooLarge {
        /// File path.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// A file named .csv that holds binary data.
    #[error("{path} holds binary data, not text: is it really a CSV file?")]
    Binary {
        /// File path.
        path: String,
    },
    /// A profile maps a field to headers the file does not have.
    #[error("{} line {}: [{}.columns] {} = \"{}\" matches no header of {}; closest headers: {}", .0.profile, .0.line, .0.section, .0.field, .0.wanted.join("\" or \""), .0.file, quoted(&.0.closest))]
    ProfileNoHeader(Box<ProfileColumn>),
    /// A profile maps a column to a criterion the questionnaire lacks.
    #[error("{profile} line {line}: [survey.columns] {name} is not a criterion of the questionnaire; declare it in a [[questionnaire]] table of the configuration (sipas.toml) or remove the line")]
    UnknownCriterion {
        /// Profile path.
        profile: String,
        /// Line of the entry.
        line: usize,
        /// The name the profile gives.
        name: String,
    },
    /// A required field the profile does not map and the file does not name.
    #[error("{}: [{}.columns] has no entry for {} and {} has no header \"{}\"; add {} = \"<header>\" (closest headers: {})", .0.profile, .0.section, .0.field, .0.file, .0.header, .0.field, quoted(&.0.closest))]
    ProfileMissing(Box<ProfileColumn>),
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
    #[error("{path} has no column for {}; its headers are: {found} (map the columns, or set header_row, in a profile: see `sipas check --suggest-profile`)", missing_list(missing))]
    MissingColumns {
        /// File path.
        path: String,
        /// The missing fields.
        missing: Vec<MissingField>,
        /// The headers found.
        found: HeaderList,
    },
    /// A survey file with no column for any criterion.
    #[error("{path} has no column for any of the criteria {}; its headers are: {found} (map the columns, or set header_row, in a profile: see `sipas check --suggest-profile`)", codes.join(", "))]
    NoCriterionColumn {
        /// File path.
        path: String,
        /// The criteria looked for.
        codes: Vec<String>,
        /// The headers found.
        found: HeaderList,
    },
    /// A registry that cannot be used.
    #[error("{path}: {problem}")]
    Registry {
        /// File path.
        path: String,
        /// What is wrong, and where.
        problem: Box<RegistryProblem>,
    },
    /// A Parquet file that cannot be read as a dataset of canonical records.
    #[error("{path} is not a readable sipas Parquet dataset: {message}")]
    Dataset {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A large CSV file read in blocks whose text stops being UTF-8 after
    /// its first block: it is read again whole, which detects its encoding
    /// (never reported as such).
    #[error("{path} is not UTF-8 text after its first block")]
    NotUtf8AfterStart {
        /// File path.
        path: String,
    },
    /// A folder given as input holds no data file.
    #[error("{path} holds no .csv, .xlsx, .xls, .ods or .parquet file")]
    EmptyFolder {
        /// Folder path.
        path: String,
    },
}
