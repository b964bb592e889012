//! The city's trend over many periods from one pass per family instead of
//! one pass per period: the handling totals counted over the feedback
//! frame's rows, and the survey sums from one grouped query, each computed
//! on its own (so that the survey's sums can be taken before the feedback
//! frame is built).
//!
//! Every row is given the quarter its day falls in; the counts and sums the
//! trend needs are computed per quarter, and a period's values are the sums
//! over the quarters that make it up (a half-year is two quarters, a year
//! four, under either period rule). This holds for what the trend shows:
//! PAKN received in the period, handled in it (as of its last day: resolved
//! from its first to its last day), of those early and on their due date,
//! and the survey's sums. Counts that depend on the period's first day or
//! on an as-of date (carried over, pending) do not add up this way and are
//! not part of the trend.

use polars::prelude::*;

use super::aggregate::Aggregates;
use super::handling::HandlingResults;
use super::satisfaction::{self, SatisfactionResults};
use super::{Handling, Satisfaction};
use crate::calendar::{Day, Period, PeriodMode};

/// Name of the quarter-index column added to the frames.
const QUARTER: &str = "quarter";

/// Consecutive quarters, each row of a frame keyed by the one its day falls
/// in.
struct Quarters {
    /// The quarters in order, index = the group key.
    periods: Vec<Period>,
    /// The first day of each.
    starts: Vec<Day>,
    /// The last day of the last one.
    last: Day,
}

impl Quarters {
    /// Every quarter from the first day of `periods` to their last.
    fn spanning(periods: &[Period], mode: PeriodMode) -> Self {
        let periods = quarters_spanning(periods, mode);
        let starts = periods.iter().map(|q| q.start).collect();
        let last = periods.last().map_or(Day::MIN, |q| q.end);
        Self {
            periods,
            starts,
            last,
        }
    }

    /// `frame` with each row keyed by the quarter of its `day` (none when
    /// it lies outside them).
    fn keyed(&self, frame: &DataFrame, day: &str) -> PolarsResult<DataFrame> {
        let days = frame.column(day)?.i32()?;
        let keys: UInt32Chunked = days
            .iter()
            .map(|d| d.and_then(|d| quarter_index(&self.starts, self.last, d)))
            .collect();
        let mut frame = frame.clone();
        frame.with_column(keys.with_name(QUARTER.into()).into_column())?;
        Ok(frame)
    }

    /// The quarters (group keys) that make up `period` exactly, or None when
    /// it is not a run of whole quarters.
    fn of(&self, period: &Period) -> Option<Vec<u32>> {
        let keys: Vec<u32> = self
            .periods
            .iter()
            .enumerate()
            .filter(|(_, q)| q.start >= period.start && q.end <= period.end)
            .map(|(index, _)| index as u32)
            .collect();
        let first = self.periods.get(*keys.first()? as usize)?;
        let last = self.periods.get(*keys.last()? as usize)?;
        (first.start == period.start && last.end == period.end).then_some(keys)
    }
}

/// Per-quarter handling totals of the feedback frame: PAKN received, by
/// quarter received; handled, early and on due, by quarter resolved.
pub struct HandlingQuarters {
    quarters: Quarters,
    received: Aggregates,
    handled: Aggregates,
}

impl HandlingQuarters {
    /// Computes the totals of every quarter from the first day of `periods`
    /// to their last, from the feedback frame (see
    /// [`super::frames::feedback_frame`]): one pass over its rows, each
    /// counted in the quarter of its day.
    pub fn compute(
        feedback: &DataFrame,
        periods: &[Period],
        mode: PeriodMode,
    ) -> PolarsResult<Self> {
        let quarters = Quarters::spanning(periods, mode);
        let days = |name: &str| -> PolarsResult<&Int32Chunked> { feedback.column(name)?.i32() };
        let (received, resolved, due) = (days("received")?, days("resolved")?, days("due")?);
        let refused = feedback.column("refused")?.bool()?;
        let quarter = |day: Option<Day>| {
            day.and_then(|d| quarter_index(&quarters.starts, quarters.last, d))
                .map(|q| q as usize)
        };
        // Received, by quarter received; handled, early and on due, by
        // quarter resolved, of the accepted (the refused and the pending
        // are in no quarter; a PAKN without a deadline is neither early
        // nor on due).
        let mut received_in = vec![[0u64; 1]; quarters.periods.len()];
        let mut handled_in = vec![[0u64; 3]; quarters.periods.len()];
        let rows = received.iter().zip(resolved.iter()).zip(due.iter());
        for (((received, resolved), due), refused) in rows.zip(refused.iter()) {
            if let Some(counts) = quarter(received).and_then(|q| received_in.get_mut(q)) {
                counts[0] += 1;
            }
            if refused == Some(true) {
                continue;
            }
            let Some(counts) = quarter(resolved).and_then(|q| handled_in.get_mut(q)) else {
                continue;
            };
            counts[0] += 1;
            if let (Some(resolved), Some(due)) = (resolved, due) {
                counts[1] += u64::from(resolved < due);
                counts[2] += u64::from(resolved == due);
            }
        }
        let received = Aggregates::from_groups(&["received"], counted(received_in));
        let handled = Aggregates::from_groups(&["handled", "early", "on_due"], counted(handled_in));
        Ok(Self {
            quarters,
            received,
            handled,
        })
    }

    /// The city's handling in `period` as of its last day: received,
    /// handled, early, on due and the on-time rate (the other counts are 0:
    /// they are not part of the trend). None when `period` is not made of
    /// whole quarters of these totals.
    pub fn handling(&self, period: &Period) -> Option<Handling> {
        let keys = self.quarters.of(period)?;
        let received = self.received.sum_of_groups(keys.iter().copied());
        let handled = self.handled.sum_of_groups(keys);
        Some(HandlingResults::of(received.beside(handled)).city())
    }
}

/// Per-quarter sums of the survey frame, by quarter surveyed.
pub struct SatisfactionQuarters {
    quarters: Quarters,
    sums: Aggregates,
    min_sample: u32,
    questionnaire: crate::config::questionnaire::Questionnaire,
}

impl SatisfactionQuarters {
    /// Computes the sums of every quarter from the first day of `periods`
    /// to their last, from the survey frame (see
    /// [`super::frames::survey_frame`]).
    pub fn compute(
        survey: &DataFrame,
        periods: &[Period],
        mode: PeriodMode,
        min_sample: u32,
        questionnaire: &crate::config::questionnaire::Questionnaire,
    ) -> PolarsResult<Self> {
        let quarters = Quarters::spanning(periods, mode);
        let by_surveyed = quarters.keyed(survey, "surveyed")?;
        let sums = Aggregates::compute_derived(
            &by_surveyed,
            lit(true),
            Some(col(QUARTER)),
            &super::criteria::weighted_columns(questionnaire),
            &satisfaction::aggregations(questionnaire),
        )?;
        Ok(Self {
            quarters,
            sums,
            min_sample,
            questionnaire: questionnaire.clone(),
        })
    }

    /// The city's satisfaction in `period`; None when `period` is not made
    /// of whole quarters of these sums.
    pub fn satisfaction(&self, period: &Period) -> Option<Satisfaction> {
        let keys = self.quarters.of(period)?;
        let sums = self.sums.sum_of_groups(keys);
        Some(SatisfactionResults::of(sums, self.min_sample, &self.questionnaire).city())
    }
}

/// The groups of quarters with anything counted: each quarter's key and its
/// counts.
fn counted<const N: usize>(counts: Vec<[u64; N]>) -> Vec<(u32, Vec<f64>)> {
    counts
        .into_iter()
        .enumerate()
        .filter(|(_, values)| values.iter().any(|&v| v > 0))
        .map(|(q, values)| (q as u32, values.iter().map(|&v| v as f64).collect()))
        .collect()
}

/// Consecutive quarters from the one holding the first day of `periods` to
/// the one holding their last day.
fn quarters_spanning(periods: &[Period], mode: PeriodMode) -> Vec<Period> {
    let first = periods.iter().map(|p| p.start).min();
    let last = periods.iter().map(|p| p.end).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut quarters = Vec::new();
    let mut quarter = Period::quarter_containing(first, mode);
    while let Some(q) = quarter.filter(|q| q.start <= last) {
        quarters.push(q);
        quarter = Period::quarter_containing(q.end + 1, mode);
    }
    quarters
}

/// The index of the quarter holding `day`, given the quarters' first days
/// (ascending, consecutive) and the last day of the last one.
fn quarter_index(starts: &[Day], last: Day, day: Day) -> Option<u32> {
    if day > last {
        return None;
    }
    let after = starts.partition_point(|&start| start <= day);
    after.checked_sub(1).map(|index| index as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days::test_day as day;
    use crate::calendar::PeriodSpan;

    #[test]
    fn handled_by_quarter_leaves_out_the_refused_and_the_pending() {
        // Calendar quarters of 2024. Received, resolved, due, refused:
        // 1 handled early in Q1; 2 on its due date in Q1; 3 received in Q1,
        // handled late in Q2; 4 refused (not handled); 5 pending; 6 handled
        // in Q2 without a deadline (neither early nor on due).
        let d = |m, dd| Some(day(2024, m, dd));
        let rows = [
            (d(1, 10), d(1, 20), d(1, 25), false),
            (d(2, 1), d(3, 1), d(3, 1), false),
            (d(2, 5), d(4, 10), d(4, 1), false),
            (d(3, 1), d(3, 5), d(3, 10), true),
            (d(3, 20), None, d(4, 5), false),
            (d(4, 2), d(5, 2), None, false),
        ];
        let feedback = DataFrame::new(
            rows.len(),
            vec![
                Column::new("received".into(), rows.map(|r| r.0).to_vec()),
                Column::new("resolved".into(), rows.map(|r| r.1).to_vec()),
                Column::new("due".into(), rows.map(|r| r.2).to_vec()),
                Column::new("refused".into(), rows.map(|r| r.3).to_vec()),
            ],
        )
        .unwrap();
        let quarter = |n| Period::new(2024, PeriodSpan::Quarter(n), PeriodMode::Calendar).unwrap();
        let half = Period::new(2024, PeriodSpan::Half(1), PeriodMode::Calendar).unwrap();
        let totals =
            HandlingQuarters::compute(&feedback, &[quarter(1), quarter(2)], PeriodMode::Calendar)
                .unwrap();
        let counts = |p: &Period| {
            let h = totals.handling(p).unwrap();
            (h.received, h.handled, h.early, h.on_due)
        };
        assert_eq!(counts(&quarter(1)), (5, 2, 1, 1));
        assert_eq!(counts(&quarter(2)), (1, 2, 0, 0));
        assert_eq!(counts(&half), (6, 4, 1, 1));
        // On time: 2 of 4 handled in the half-year.
        assert_eq!(totals.handling(&half).unwrap().on_time_rate, Some(50.0));
    }

    #[test]
    fn decree_09_quarters_tile_half_years_and_years() {
        let year = Period::new(2024, PeriodSpan::Year, PeriodMode::Decree09);
        let quarters =
            quarters_spanning(&year.into_iter().collect::<Vec<_>>(), PeriodMode::Decree09);
        assert_eq!(quarters.len(), 4);
        assert_eq!(quarters[0].start, day(2023, 12, 15));
        assert_eq!(quarters[3].end, day(2024, 12, 14));
        let starts: Vec<Day> = quarters.iter().map(|q| q.start).collect();
        let last = quarters[3].end;
        assert_eq!(quarter_index(&starts, last, day(2023, 12, 14)), None);
        assert_eq!(quarter_index(&starts, last, day(2023, 12, 15)), Some(0));
        assert_eq!(quarter_index(&starts, last, day(2024, 3, 14)), Some(0));
        assert_eq!(quarter_index(&starts, last, day(2024, 3, 15)), Some(1));
        assert_eq!(quarter_index(&starts, last, day(2024, 12, 14)), Some(3));
        assert_eq!(quarter_index(&starts, last, day(2024, 12, 15)), None);
    }
}
