//! Disclosure control for the page meant for publishing (`public/`): which
//! text taken from the data may be shown there. A subject field, or an
//! agency taken as named in the data (not from the registry), is shown only
//! when at least `public_min_count` PAKN of the period share it — the
//! small-cell rule statistics offices publish under — and never when it
//! looks like personal data (a phone or ID number, an e-mail address, a
//! form of address before a name, long free text). The others are counted
//! together as "Khác" (other). Agencies of the registry are always shown.
//!
//! The counts of "Khác" are added up here, so that the page only shows
//! what `summary.json` carries.

use serde::Serialize;

use super::handling::Handling;
use super::subjects::FieldResults;
use crate::model::{looks_personal, AgencyLevel};

/// An agency of a report as disclosure control sees it.
#[derive(Debug, Clone, Copy)]
pub struct ListedAgency<'a> {
    /// Its code.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its level.
    pub level: AgencyLevel,
    /// Taken as named in the data (not from the registry).
    pub as_named: bool,
    /// Its PAKN handling in the period.
    pub handling: &'a Handling,
    /// Its survey respondents in the period.
    pub respondents: u64,
}

/// What the page for publishing may show (`summary.json` `public`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Disclosure {
    /// PAKN a value taken from the data must be shared by.
    pub min_count: u64,
    /// Codes of the agencies taken as named in the data that are not shown.
    pub withheld_agencies: Vec<String>,
    /// Per level, the agencies not shown, counted together ("Khác").
    pub other_agencies: Vec<OtherAgencies>,
    /// Names of the subject fields shown, in the order of `fields`.
    pub fields: Vec<String>,
    /// The subject fields not shown, counted together ("Khác").
    pub other_fields: Option<OtherFields>,
}

/// The agencies of one level not shown, counted together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherAgencies {
    /// Their level.
    pub level: AgencyLevel,
    /// How many agencies.
    pub agencies: usize,
    /// Their PAKN handling, added up.
    pub handling: Handling,
}

/// The subject fields not shown, counted together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherFields {
    /// How many fields.
    pub fields: usize,
    /// Their PAKN handling, added up.
    pub handling: Handling,
}

/// The PAKN of the period a group holds: received in it or carried into it.
fn pakn_of(handling: &Handling) -> u64 {
    handling.received + handling.carried_over
}

/// What the page for publishing shows of `agencies` and `fields`, under
/// the rule of `min_count`.
pub fn disclose(
    agencies: &[ListedAgency<'_>],
    fields: &[FieldResults],
    min_count: u64,
) -> Disclosure {
    let shown =
        |name: &str, handling: &Handling| pakn_of(handling) >= min_count && !looks_personal(name);
    let withheld: Vec<&ListedAgency<'_>> = agencies
        .iter()
        .filter(|a| {
            a.as_named
                && !(shown(a.name, a.handling)
                    || a.respondents >= min_count && !looks_personal(a.name))
        })
        .collect();
    let other_agencies = AgencyLevel::ALL
        .iter()
        .filter_map(|&level| {
            let of_level: Vec<&Handling> = withheld
                .iter()
                .filter(|a| a.level == level)
                .map(|a| a.handling)
                .collect();
            (!of_level.is_empty()).then(|| OtherAgencies {
                level,
                agencies: of_level.len(),
                handling: Handling::total(of_level),
            })
        })
        .collect();
    let mut shown_fields = Vec::new();
    let mut other: Vec<&Handling> = Vec::new();
    for field in fields {
        match &field.name {
            Some(name) if shown(name, &field.handling) => shown_fields.push(name.clone()),
            Some(_) => other.push(&field.handling),
            None => {}
        }
    }
    Disclosure {
        min_count,
        withheld_agencies: withheld.iter().map(|a| a.code.to_string()).collect(),
        other_agencies,
        fields: shown_fields,
        other_fields: (!other.is_empty()).then(|| OtherFields {
            fields: other.len(),
            handling: Handling::total(other),
        }),
    }
}
