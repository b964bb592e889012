//! The list of overdue PAKN ("danh sách PAKN quá hạn"): every accepted
//! record handled after its deadline within the period, and every record
//! still pending past its deadline on the as-of date (docs/definitions.md,
//! “Handling on time”). The list has exactly `overdue + pending_overdue`
//! entries of the city's handling counts.

use rayon::prelude::*;

use super::listed::ListedPakn;
use crate::calendar::{Day, Period, WorkingCalendar};
use crate::model::{FeedbackRecords, Status};

/// One overdue PAKN.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueRecord {
    /// The PAKN: id, agency, channel, days received and due, origin.
    pub pakn: ListedPakn,
    /// Day handled; None when still pending on the as-of date.
    pub resolved: Option<Day>,
    /// Working days late: WD(due, resolved] when handled, WD(due, as-of]
    /// when pending. A record handled on a day off just after its deadline
    /// is late by 0 working days but still overdue.
    pub working_days_late: u32,
}

/// The overdue PAKN of `period` as of `as_of`, the most working days late
/// first (ties by id, then by source row); `due` holds each record's
/// deadline ([`super::frames::due_dates`]); `sources` names the export files
/// the records' origins number (`Inputs::sources`).
pub fn overdue_records(
    records: &FeedbackRecords,
    sources: &[String],
    due: &crate::model::DayColumn,
    calendar: &WorkingCalendar,
    period: &Period,
    as_of: Day,
) -> Vec<OverdueRecord> {
    let names = super::listed::shared_names(sources);
    // The records are looked at on every core; the list keeps their order
    // before it is sorted.
    let mut list: Vec<OverdueRecord> = (0..records.len())
        .into_par_iter()
        .filter_map(|i| {
            if records.status[i] == Some(Status::TuChoi) {
                return None;
            }
            let due = due.get(i)?;
            let received = records.received[i];
            let (until, resolved) = match records.resolved.get(i).filter(|&r| r <= as_of) {
                Some(r) if period.start <= r && r <= period.end && r > due => (r, Some(r)),
                Some(_) => return None,
                None if received <= as_of && as_of > due => (as_of, None),
                None => return None,
            };
            Some(OverdueRecord {
                pakn: ListedPakn::of(records, &names, i, due),
                resolved,
                working_days_late: calendar.working_days_between(due, until).unwrap_or(0),
            })
        })
        .collect();
    list.par_sort_by(|a, b| {
        b.working_days_late
            .cmp(&a.working_days_late)
            .then_with(|| a.pakn.tie_key().cmp(&b.pakn.tie_key()))
    });
    list
}
