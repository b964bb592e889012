//! Canonical records, agencies, vocabularies and data-quality findings: the
//! shapes every input is turned into and every metric reads.

pub mod agency;
pub mod cell;
pub mod day_column;
pub mod field_column;
pub mod findings;
pub mod inputs;
pub mod origin_column;
pub mod parquet_schema;
pub mod personal;
pub mod records;
pub mod text_codes;
pub mod text_column;
pub mod vocab;

pub use agency::{Agency, AgencyId, AgencyLevel, Registry};
pub use cell::Cell;
pub use day_column::DayColumn;
pub use field_column::FieldColumn;
pub use findings::{
    for_each_saved, save_findings, Effect, Finding, FindingList, FindingRun, InputAccount,
    InputKind, MappedColumn, Reason, ReasonCount, ReasonKey, KEPT_PER_REASON,
};
pub use inputs::Inputs;
pub use origin_column::OriginColumn;
pub use personal::looks_personal;
pub use records::{FeedbackRecords, Origin, Record, Response, SurveyResponses, CRITERIA};
pub use text_codes::TextCodes;
pub use text_column::TextColumn;
pub use vocab::{Category, Channel, Likert, Status};
