//! PAKN due soon ("sắp đến hạn"): every accepted record still pending on
//! the as-of date whose deadline has not passed and falls at most N working
//! days after it, WD(as-of, due] ≤ N (docs/definitions.md, “Due soon”).
//! These are the PAKN to chase before they become overdue; the list is
//! sorted by deadline.

use super::listed::ListedPakn;
use crate::calendar::{Day, WorkingCalendar};
use crate::model::{DayColumn, FeedbackRecords, Status};

/// One PAKN due soon.
#[derive(Debug, Clone, PartialEq)]
pub struct DueSoonRecord {
    /// The PAKN: id, agency, channel, days received and due, origin.
    pub pakn: ListedPakn,
    /// Working days left: WD(as-of, due]; 0 when due on the as-of date or on
    /// the next day off.
    pub working_days_left: u32,
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
    let names = super::listed::shared_names(sources);
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
        match calendar.working_days_between(as_of, due) {
            Some(left) if left <= within => list.push(DueSoonRecord {
                pakn: ListedPakn::of(records, &names, i, due),
                working_days_left: left,
            }),
            _ => {}
        }
    }
    list.sort_by(|a, b| (a.pakn.due, a.pakn.tie_key()).cmp(&(b.pakn.due, b.pakn.tie_key())));
    list
}

/// How many PAKN of `list` each agency of a registry of `agencies` has.
pub fn count_by_agency(list: &[DueSoonRecord], agencies: usize) -> Vec<u64> {
    let mut counts = vec![0; agencies];
    for record in list {
        if let Some(count) = counts.get_mut(record.pakn.agency as usize) {
            *count += 1;
        }
    }
    counts
}
