//! The metrics stage: satisfaction indices and on-time handling, per agency
//! and for the whole city, computed with lazy polars queries over the
//! canonical records. Nothing here knows about output formats.

mod aggregate;
pub mod assemble;
pub mod breakdown;
pub mod compute;
mod covariance;
mod criteria;
pub mod disclosure;
pub mod due_soon;
pub mod frames;
pub mod funnel;
pub mod handling;
pub mod interval;
pub mod listed;
pub mod overdue;
pub mod quarters;
pub mod rankings;
pub mod satisfaction;
pub mod subjects;
pub mod succession;
pub mod summary;
pub mod survey_plan;
pub mod targets;
pub mod trend;

pub use handling::{handling_by, Grouping, Handling, HandlingResults};
pub use satisfaction::{
    satisfaction, satisfaction_by, Criterion, Satisfaction, SatisfactionResults,
};

/// Serialises a percentage with 2 decimals (null when absent): the
/// machine-readable outputs carry rates as published.
pub(crate) fn serialize_rate<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.is_finite() => serializer.serialize_f64(interval::round2(*v)),
        _ => serializer.serialize_none(),
    }
}

/// Serialises a difference in points with 2 decimals.
pub(crate) fn serialize_points<S: serde::Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(interval::round2(*value))
}
