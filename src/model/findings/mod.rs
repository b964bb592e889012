//! Data-quality findings and the per-file accounting of rows.

mod codec;
mod list;
mod run;

pub use list::{for_each_saved, save_findings, FindingList, ReasonCount};
pub use run::{FindingRun, KEPT_PER_REASON};

use serde::{Deserialize, Serialize};

/// What a finding did to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// A CSV row too short to hold the required values: the fields it
    /// lacks are the ones missing, so the row is rejected with this one
    /// finding instead of one per missing value.
    ShortRow {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
        /// The required fields it lacks, "received_at, channel".
        missing: String,
    },
    /// A CSV field opens a quote that is never closed where a field should
    /// end: read as one cell, it would swallow the lines after it, which
    /// read as records of their own. The record is rejected and reading
    /// goes on with the next line.
    StrayQuote,
    /// The record names an agency after the last day it existed
    /// (`valid_until` in the registry); it counts under its successor.
    AgencyAfterEnd {
        /// The agency's last day, dd/mm/yyyy.
        until: String,
        /// The name of the agency it counts under, when it has a successor.
        successor: Option<String>,
    },
}

impl Reason {
    /// The reason's number in the spill files of findings.
    pub(crate) fn number(&self) -> u8 {
        match self {
            Reason::Missing { .. } => 0,
            Reason::UnreadableDate => 1,
            Reason::DateOutOfRange => 2,
            Reason::UnknownAgency { .. } => 3,
            Reason::UnknownChannel => 4,
            Reason::ResolvedBeforeReceived => 5,
            Reason::DuplicateId => 6,
            Reason::DuplicateIdInEarlierFile => 7,
            Reason::SharedColumn { .. } => 8,
            Reason::EarlierSnapshotKept { .. } => 9,
            Reason::InvalidAnswer => 10,
            Reason::UnknownStatus => 11,
            Reason::UnknownCategory => 12,
            Reason::UnknownRating => 13,
            Reason::UnknownYesNo => 14,
            Reason::InvalidWeight => 15,
            Reason::HandledWithoutDate => 16,
            Reason::RaggedRow { .. } => 17,
            Reason::StrayQuote => 18,
            Reason::AgencyAfterEnd { .. } => 19,
            Reason::ShortRow { .. } => 20,
        }
    }

    /// The reason without details of number `number`.
    pub(crate) fn plain(number: u8) -> Option<Reason> {
        Some(match number {
            1 => Reason::UnreadableDate,
            2 => Reason::DateOutOfRange,
            4 => Reason::UnknownChannel,
            5 => Reason::ResolvedBeforeReceived,
            6 => Reason::DuplicateId,
            7 => Reason::DuplicateIdInEarlierFile,
            10 => Reason::InvalidAnswer,
            11 => Reason::UnknownStatus,
            12 => Reason::UnknownCategory,
            13 => Reason::UnknownRating,
            14 => Reason::UnknownYesNo,
            15 => Reason::InvalidWeight,
            16 => Reason::HandledWithoutDate,
            18 => Reason::StrayQuote,
            _ => return None,
        })
    }

    /// One reason of every kind, with details: what a catalogue of
    /// sentences must cover.
    pub fn examples() -> Vec<Reason> {
        let mut all: Vec<Reason> = (0..=u8::MAX).filter_map(Reason::plain).collect();
        all.extend([
            Reason::Missing {
                field: "received_at".into(),
            },
            Reason::UnknownAgency {
                suggestion: Some("Sở Tư pháp".into()),
            },
            Reason::UnknownAgency { suggestion: None },
            Reason::SharedColumn {
                fields: "field and category".into(),
            },
            Reason::EarlierSnapshotKept {
                file: "2025-03-20.csv".into(),
                row: 14,
            },
            Reason::RaggedRow {
                found: 1,
                expected: 11,
            },
            Reason::ShortRow {
                found: 1,
                expected: 4,
                missing: "received_at, channel, agency".into(),
            },
            Reason::AgencyAfterEnd {
                until: "28/02/2025".into(),
                successor: Some("Sở Nông nghiệp và Môi trường".into()),
            },
            Reason::AgencyAfterEnd {
                until: "30/06/2025".into(),
                successor: None,
            },
        ]);
        all
    }

    /// The reason's code, as `summary.json` and the spill files name it.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Missing { .. } => "missing",
            Reason::UnreadableDate => "unreadable_date",
            Reason::DateOutOfRange => "date_out_of_range",
            Reason::UnknownAgency { .. } => "unknown_agency",
            Reason::UnknownChannel => "unknown_channel",
            Reason::ResolvedBeforeReceived => "resolved_before_received",
            Reason::DuplicateId => "duplicate_id",
            Reason::DuplicateIdInEarlierFile => "duplicate_id_in_earlier_file",
            Reason::SharedColumn { .. } => "shared_column",
            Reason::EarlierSnapshotKept { .. } => "earlier_snapshot_kept",
            Reason::InvalidAnswer => "invalid_answer",
            Reason::UnknownStatus => "unknown_status",
            Reason::UnknownCategory => "unknown_category",
            Reason::UnknownRating => "unknown_rating",
            Reason::UnknownYesNo => "unknown_yes_no",
            Reason::InvalidWeight => "invalid_weight",
            Reason::HandledWithoutDate => "handled_without_date",
            Reason::RaggedRow { .. } => "ragged_row",
            Reason::StrayQuote => "stray_quote",
            Reason::AgencyAfterEnd { .. } => "agency_after_end",
            Reason::ShortRow { .. } => "short_row",
        }
    }

    /// What findings are counted and capped by: the reason's kind, and
    /// for a missing value the field (`missing:received_at`).
    pub fn key(&self) -> ReasonKey {
        ReasonKey {
            code: std::borrow::Cow::Borrowed(self.code()),
            field: match self {
                Reason::Missing { field } => Some(field.clone()),
                _ => None,
            },
        }
    }
}

impl Reason {
    /// Whether `key` is this reason's key (without making one).
    pub fn has_key(&self, key: &ReasonKey) -> bool {
        self.code() == key.code
            && match self {
                Reason::Missing { field } => key.field.as_deref() == Some(field.as_str()),
                _ => key.field.is_none(),
            }
    }
}

/// A reason's kind (and, for a missing value, the field): what findings
/// are counted and capped by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReasonKey {
    /// The reason's code (`missing`, `unreadable_date`…).
    pub code: std::borrow::Cow<'static, str>,
    /// The field of a missing value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
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
            Reason::ShortRow {
                found,
                expected,
                missing,
            } => write!(
                f,
                "the row has {found} fields but the header has {expected}, so it lacks the {missing}: the row is left out"
            ),
            Reason::StrayQuote => f.write_str(
                "a quote opens this field and is never closed where a field ends, so the lines after it would read as one cell: this row is left out and reading goes on with the next line; remove the stray quote or close it",
            ),
            Reason::AgencyAfterEnd {
                until,
                successor: Some(successor),
            } => write!(
                f,
                "the export still names this agency after it ended on {until}: counted under {successor}"
            ),
            Reason::AgencyAfterEnd {
                until,
                successor: None,
            } => write!(
                f,
                "the export still names this agency after it ended on {until}: counted under it"
            ),
        }
    }
}

/// A problem found in one row or cell of an input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Feedback records (PAKN).
    Feedback,
    /// SIPAS survey responses.
    Survey,
}

/// Rows read, accepted and rejected for one input file (and sheet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedColumn {
    /// Canonical field name (`received_at`, `TC1`…).
    pub field: String,
    /// The file's header of that column.
    pub header: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_s_code_is_the_one_summary_json_writes() {
        for reason in Reason::examples() {
            let json = serde_json::to_value(&reason).unwrap();
            assert_eq!(json["code"], reason.code(), "{reason:?}");
            assert_eq!(
                Reason::plain(reason.number()).is_some(),
                json.as_object().unwrap().len() == 1,
                "{reason:?}"
            );
        }
    }
}
