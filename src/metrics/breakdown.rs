//! One period's handling broken down several ways (per agency, channel,
//! classification, subject field, agency and field) from one pass over the
//! feedback frame: the rows that count in the period are kept once with a
//! flag per count of [`super::Handling`], and each breakdown adds up the
//! flags of its groups. The counts are those [`super::handling_by`] gives
//! for each breakdown on its own.

use polars::prelude::*;

use super::aggregate::Aggregates;
use super::handling::{handling_counts, handling_filter, Grouping, HandlingResults};
use crate::calendar::{Day, Period};
use crate::config::Config;

/// The columns of the feedback frame a breakdown is grouped by.
const KEYS: [&str; 4] = ["agency", "field", "channel", "category"];

/// The rows of the feedback frame that count in one period as of a day,
/// with their keys and one flag per count, ready to be broken down.
pub struct HandlingBreakdown {
    /// The keys ([`KEYS`]) and the flags, one row per row that counts.
    rows: DataFrame,
    /// The names of the counts (one flag column each).
    counts: Vec<&'static str>,
}

impl HandlingBreakdown {
    /// Keeps the rows of the feedback frame (see
    /// [`super::frames::feedback_frame`]) that count in `period` as of
    /// `as_of`, with the flags of the counts.
    pub fn compute(
        frame: &DataFrame,
        period: &Period,
        as_of: Day,
        config: &Config,
    ) -> PolarsResult<Self> {
        let counts = handling_counts(period, as_of, config);
        let names = counts.iter().map(|(name, _)| *name).collect();
        let columns: Vec<Expr> = KEYS
            .iter()
            .map(|&key| col(key))
            .chain(
                counts
                    .into_iter()
                    .map(|(name, rows)| rows.fill_null(lit(false)).alias(name)),
            )
            .collect();
        let rows = frame
            .clone()
            .lazy()
            .filter(handling_filter(period, as_of))
            .select(columns)
            .collect()?;
        Ok(Self {
            rows,
            counts: names,
        })
    }

    /// The counts for the city and per group of `grouping`.
    pub fn by(&self, grouping: Grouping) -> PolarsResult<HandlingResults> {
        let sums: Vec<Expr> = self
            .counts
            .iter()
            .map(|&name| col(name).sum().alias(name))
            .collect();
        let aggregates = Aggregates::compute_by(&self.rows, lit(true), grouping.key(), &sums)?;
        Ok(HandlingResults::of(aggregates))
    }
}
