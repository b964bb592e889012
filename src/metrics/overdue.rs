//! The list of overdue PAKN ("danh sách PAKN quá hạn"): every accepted
//! record handled after its deadline within the period, and every record
//! still pending past its deadline on the as-of date (docs/definitions.md,
//! “Handling on time”). The list has exactly `overdue + pending_overdue`
//! entries of the city's handling counts.

use crate::calendar::{Day, Period, WorkingCalendar};
use crate::model::{AgencyId, Channel, FeedbackRecords, Origin, Status};

/// One overdue PAKN.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueRecord {
    /// Record id ("Mã PAKN").
    pub id: String,
    /// Handling agency: its registry id as listed by [`overdue_records`];
    /// in [`super::compute::Computed`], its place in `Summary::agencies`.
    pub agency: AgencyId,
    /// Channel of receipt.
    pub channel: Channel,
    /// Day received.
    pub received: Day,
    /// Deadline ("hạn xử lý").
    pub due: Day,
    /// Day handled; None when still pending on the as-of date.
    pub resolved: Option<Day>,
    /// Working days late: WD(due, resolved] when handled, WD(due, as-of]
    /// when pending. A record handled on a day off just after its deadline
    /// is late by 0 working days but still overdue.
    pub working_days_late: u32,
    /// The export file and row the record was first read from.
    pub origin: Origin,
    /// That export file, as given.
    pub file: String,
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
    let mut list = Vec::new();
    for i in 0..records.len() {
        if records.status[i] == Some(Status::TuChoi) {
            continue;
        }
        let Some(due) = due.get(i) else { continue };
        let received = records.received[i];
        let (until, resolved) = match records.resolved.get(i).filter(|&r| r <= as_of) {
            Some(r) if period.start <= r && r <= period.end && r > due => (r, Some(r)),
            Some(_) => continue,
            None if received <= as_of && as_of > due => (as_of, None),
            None => continue,
        };
        list.push(OverdueRecord {
            id: records.id[i].to_string(),
            agency: records.agency[i],
            channel: records.channel[i],
            received,
            due,
            resolved,
            working_days_late: calendar.working_days_between(due, until).unwrap_or(0),
            origin: records.source_of(i),
            file: sources
                .get(records.source_of(i).input as usize)
                .cloned()
                .unwrap_or_default(),
        });
    }
    list.sort_by(|a, b| {
        b.working_days_late
            .cmp(&a.working_days_late)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| (a.origin.input, a.origin.row).cmp(&(b.origin.input, b.origin.row)))
    });
    list
}
