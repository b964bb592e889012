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
    #[error("{path}: {message}")]
    Registry {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
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
