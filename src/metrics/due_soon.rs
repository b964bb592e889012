//! PAKN due soon ("sắp đến hạn"): every accepted record still pending on
//! the as-of date whose deadline has not passed and falls at most N working
//! days after it, WD(as-of, due] ≤ N (docs/definitions.md, “Due soon”).
//! These are the PAKN to chase before they become overdue; the list is
//! sorted by deadline.

use crate::calendar::{Day, WorkingCalendar};
use crate::model::{AgencyId, Channel, DayColumn, FeedbackRecords, Origin, Status};

/// One PAKN due soon.
#[derive(Debug, Clone, PartialEq)]
pub struct DueSoonRecord {
    /// Record id ("Mã PAKN").
    pub id: String,
    /// Handling agency: its registry id as listed by [`due_soon_records`];
    /// in [`super::compute::Computed`], the place in `Summary::agencies` of
    /// the one it counts under on the period's last day.
    pub agency: AgencyId,
    /// Channel of receipt.
    pub channel: Channel,
    /// Day received.
    pub received: Day,
    /// Deadline ("hạn xử lý").
    pub due: Day,
    /// Working days left: WD(as-of, due]; 0 when due on the as-of date or on
    /// the next day off.
    pub working_days_left: u32,
    /// The export file and row the record was first read from.
    pub origin: Origin,
    /// That export file, as given.
    pub file: String,
}

/// The PAKN due within `within` working days of `as_of`, the earliest
/// deadline first (ties by id, then by source row); `due` holds each
/// record's deadline ([`super::frames::due_dates`]); `sources` names the
/// export files the records' origins number.
pub fn due_soon_records(
    records: &FeedbackRecords,
    sources: &[String],
    due: &DayColumn,
    calendar: &WorkingCalendar,
    as_of: Day,
    within: u32,
) -> Vec<DueSoonRecord> {
    let mut list = Vec::new();
    for i in 0..records.len() {
        if records.status[i] == Some(Status::TuChoi) || records.received[i] > as_of {
            continue;
        }
        let Some(due) = due.get(i).filter(|&due| due >= as_of) else {
            continue;
        };
        if records.resolved.get(i).is_some_and(|r| r <= as_of) {
            continue;
        }
        let Some(left) = calendar.working_days_between(as_of, due) else {
            continue;
        };
        if left > within {
            continue;
        }
        let origin = records.source_of(i);
        list.push(DueSoonRecord {
            id: records.id[i].to_string(),
            agency: records.agency[i],
            channel: records.channel[i],
            received: records.received[i],
            due,
            working_days_left: left,
            origin,
            file: sources
                .get(origin.input as usize)
                .cloned()
                .unwrap_or_default(),
        });
    }
    list.sort_by(|a, b| {
        (a.due, &a.id, a.origin.input, a.origin.row).cmp(&(
            b.due,
            &b.id,
            b.origin.input,
            b.origin.row,
        ))
    });
    list
}

/// How many PAKN of `list` each agency of a registry of `agencies` has.
pub fn count_by_agency(list: &[DueSoonRecord], agencies: usize) -> Vec<u64> {
    let mut counts = vec![0; agencies];
    for record in list {
        if let Some(count) = counts.get_mut(record.agency as usize) {
            *count += 1;
        }
    }
    counts
}
