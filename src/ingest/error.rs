//! Why a file cannot be read at all (problems with single rows are findings).

use thiserror::Error;

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
    /// A profile entry that does not fit the file.
    #[error("{path} line {line}: {message}")]
    Profile {
        /// Profile path.
        path: String,
        /// Line of the entry.
        line: usize,
        /// What is wrong, with the closest headers.
        message: String,
    },
    /// A required field the profile does not map and the file does not name.
    #[error("{path}: {message}")]
    ProfileMissing {
        /// Profile path.
        path: String,
        /// What is missing, with the closest headers.
        message: String,
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
    #[error("{path} has no column for {missing}; its headers are: {found} (map the columns, or set header_row, in a profile: see `sipas check --suggest-profile`)")]
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
