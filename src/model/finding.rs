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

/// Why a row or cell could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum Reason {
    /// A required value is blank; `field` is the canonical field name.
    Missing {
        /// Canonical field name (`id`, `received_at`, `agency`…).
        field: String,
    },
    /// Not a date in any accepted format.
    UnreadableDate,
    /// A date before 1900 or after 2100.
    DateOutOfRange,
    /// The agency is not in the registry.
    UnknownAgency {
        /// The closest registry name, when one is close.
        suggestion: Option<String>,
    },
    /// The channel is not in the vocabulary.
    UnknownChannel,
    /// Resolved before it was received.
    ResolvedBeforeReceived,
    /// An earlier row with the same id was accepted.
    DuplicateId,
    /// An earlier file already holds a record with this id (without
    /// `--snapshots`, the first one stands).
    DuplicateIdInEarlierFile,
    /// The profile maps two fields to this one column.
    SharedColumn {
        /// The two fields, "a and b".
        fields: String,
    },
    /// This row of a later export was rejected; the record of the same id
    /// in an earlier export stays (with `--snapshots`).
    EarlierSnapshotKept {
        /// The earlier file.
        file: String,
        /// Its row.
        row: usize,
    },
    /// A survey answer that is not 1–5, a label or a no-answer code.
    InvalidAnswer,
    /// A status outside the vocabulary.
    UnknownStatus,
    /// A category outside the vocabulary.
    UnknownCategory,
    /// A rating that is neither satisfied nor unsatisfied.
    UnknownRating,
    /// A gave-feedback answer that is not yes or no.
    UnknownYesNo,
    /// A weight that is not a positive number.
    InvalidWeight,
    /// The status says handled but there is no resolution date.
    HandledWithoutDate,
    /// A CSV row with more or fewer fields than the header.
    RaggedRow {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
}

impl std::fmt::Display for Reason {
    /// The reason as one English sentence (the command line's language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Missing { field } => write!(f, "the {field} is missing"),
            Reason::UnreadableDate => {
                f.write_str("not a date: write dd/mm/yyyy, dd/mm/yyyy HH:MM or yyyy-mm-dd")
            }
            Reason::DateOutOfRange => f.write_str("the date is outside 1900–2100"),
            Reason::UnknownAgency { suggestion: Some(name) } => {
                write!(f, "unknown agency; did you mean '{name}'?")
            }
            Reason::UnknownAgency { suggestion: None } => {
                f.write_str("unknown agency; add it to the agency registry or correct the name")
            }
            Reason::UnknownChannel => f.write_str(
                "unknown channel: use a channel of the vocabulary (Đường dây nóng, Thư điện tử, Cổng Dịch vụ công quốc gia, …)",
            ),
            Reason::ResolvedBeforeReceived => f.write_str("resolved before it was received"),
            Reason::DuplicateId => {
                f.write_str("duplicate id: an earlier row with this id was accepted")
            }
            Reason::DuplicateIdInEarlierFile => f.write_str(
                "duplicate id: an earlier file holds this id; if the files are successive exports of the same system, run with --snapshots so that the later export's record replaces the earlier one",
            ),
            Reason::SharedColumn { fields } => write!(
                f,
                "the profile maps {fields} to this same column; map each field to a column of its own"
            ),
            Reason::EarlierSnapshotKept { file, row } => write!(
                f,
                "this row of a later export was rejected, so the record of {file} row {row} stays"
            ),
            Reason::InvalidAnswer => f.write_str(
                "not an answer 1–5, a Vietnamese answer label or a no-answer code: this answer is left out",
            ),
            Reason::UnknownStatus => {
                f.write_str("unknown status: use Đang xử lý, Đã xử lý, Từ chối or Chuyển xử lý")
            }
            Reason::UnknownCategory => f.write_str(
                "unknown category: use Quy định hành chính, Hành vi hành chính, Thủ tục hành chính or Khác",
            ),
            Reason::UnknownRating => f.write_str("unknown rating: use Hài lòng or Không hài lòng"),
            Reason::UnknownYesNo => {
                f.write_str("not a yes/no answer (Có/Không, 1/0): treated as blank")
            }
            Reason::InvalidWeight => f.write_str("the weight must be a positive number"),
            Reason::RaggedRow { found, expected } => write!(
                f,
                "the row has {found} fields but the header has {expected}: missing fields are read as blank, extra ones ignored"
            ),
            Reason::HandledWithoutDate => f.write_str(
                "the status says handled but there is no resolution date: counted as pending",
            ),
        }
    }
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
    /// Why it could not be used.
    pub reason: Reason,
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
    /// Rows replaced by the same id in a later export (with `--snapshots`):
    /// rows = accepted + rejected + superseded.
    pub superseded: usize,
    /// File size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// 1-based row of the (first) header row.
    pub header_row: usize,
    /// The canonical fields read, each with the header of its column.
    pub mapped: Vec<MappedColumn>,
    /// Headers of the columns no canonical field reads.
    pub ignored: Vec<String>,
}

/// A canonical field and the column it is read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MappedColumn {
    /// Canonical field name (`received_at`, `TC1`…).
    pub field: String,
    /// The file's header of that column.
    pub header: String,
}
