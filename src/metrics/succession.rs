//! Agencies as they stand on a report period's last day (the 2025 reform
//! merged departments, ended the district level and merged communes): the
//! records of an agency that ended before that day count under its
//! successor (see [`crate::model::Registry::reporting_map`]); which
//! agencies a report lists; and which merged into which, for the method
//! sheet and the document.

use serde::Serialize;

use super::handling::Handling;
use super::satisfaction::Satisfaction;
use crate::calendar::Day;
use crate::model::{Agency, AgencyId, Registry};

/// An agency that ended before the period's last day and counts under
/// another ("đã hợp nhất vào").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merger {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its last day, `yyyy-mm-dd`.
    pub until: String,
    /// The code of the agency its records count under (the end of the chain).
    pub into_code: String,
    /// That agency's name.
    pub into_name: String,
}

/// Whether a report whose period ends on `end` lists `agency` (one that
/// counts under itself): always when it exists on that day (or was taken
/// as named), else only when it has something in the period — PAKN
/// received, carried over, handled or pending, or survey answers.
pub fn listed(agency: &Agency, end: Day, survey: &Satisfaction, handling: &Handling) -> bool {
    let something = handling.received + handling.carried_over + handling.handled + handling.pending
        > 0
        || survey.respondents > 0;
    agency.as_named || agency.lifetime.covers(end) || something
}

/// The codes of the agencies that count under `id` through `map`, in
/// registry order.
pub fn predecessors(registry: &Registry, map: &[AgencyId], id: AgencyId) -> Vec<String> {
    map.iter()
        .enumerate()
        .filter(|&(k, &to)| to == id && k != id as usize)
        .filter_map(|(k, _)| registry.get(k as AgencyId).map(|a| a.code.clone()))
        .collect()
}

/// Every agency that counts under another through `map`, in registry order.
pub fn mergers(registry: &Registry, map: &[AgencyId]) -> Vec<Merger> {
    map.iter()
        .enumerate()
        .filter(|&(k, &to)| to as usize != k)
        .filter_map(|(k, &to)| {
            let agency = registry.get(k as AgencyId)?;
            let into = registry.get(to)?;
            Some(Merger {
                code: agency.code.clone(),
                name: agency.name.clone(),
                until: agency
                    .lifetime
                    .valid_until
                    .map(crate::calendar::days::format_iso)
                    .unwrap_or_default(),
                into_code: into.code.clone(),
                into_name: into.name.clone(),
            })
        })
        .collect()
}
