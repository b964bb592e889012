//! A PAKN as the lists of single PAKN show it (the overdue list, the PAKN
//! due soon): what names it, where it was read, and its deadline.

use std::sync::Arc;

use crate::calendar::Day;
use crate::model::{AgencyId, Channel, FeedbackRecords, Origin};

/// One PAKN of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedPakn {
    /// Record id ("Mã PAKN").
    pub id: String,
    /// Handling agency: its registry id as the lists are drawn; in
    /// [`super::compute::Computed`], the place in `Summary::agencies` of the
    /// one it counts under on the period's last day.
    pub agency: AgencyId,
    /// Channel of receipt.
    pub channel: Channel,
    /// Day received.
    pub received: Day,
    /// Deadline ("hạn xử lý").
    pub due: Day,
    /// The export file and row the record was first read from.
    pub origin: Origin,
    /// That export file, as given: one string shared by every PAKN of the
    /// file, which a backlog of a million PAKN would otherwise copy each.
    pub file: Arc<str>,
}

/// The export files' names, each shared by the PAKN listed from it.
pub fn shared_names(sources: &[String]) -> Vec<Arc<str>> {
    sources
        .iter()
        .map(|name| Arc::from(name.as_str()))
        .collect()
}

impl ListedPakn {
    /// Record `i` of `records` with its deadline `due`; `sources` names the
    /// export files the records' origins number (`Inputs::sources`, as
    /// [`shared_names`]).
    pub fn of(records: &FeedbackRecords, sources: &[Arc<str>], i: usize, due: Day) -> Self {
        let origin = records.source_of(i);
        Self {
            id: records.id[i].to_string(),
            agency: records.agency[i],
            channel: records.channel[i],
            received: records.received[i],
            due,
            origin,
            file: sources
                .get(origin.input as usize)
                .cloned()
                .unwrap_or_else(|| Arc::from("")),
        }
    }

    /// The order of ties: by id, then by where the record was read.
    pub fn tie_key(&self) -> (&str, u32, u32) {
        (&self.id, self.origin.input, self.origin.row)
    }
}
