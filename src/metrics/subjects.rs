//! What citizens raise (docs/definitions.md, “Handling on time”): the handling counts
//! broken down by classification ("phân loại") and by subject field ("lĩnh vực"), for
//! the city and per agency.
//!
//! Subject fields are free text typed by the receiving clerk, so one field
//! comes spelled many ways ("Đất đai", " đất  đai ", "ĐẤT ĐAI", decomposed
//! accents). Spellings are grouped by [`crate::text_match::label_key`] (NFC,
//! trimmed, inner spaces collapsed, lower case, diacritics kept), and each
//! group is shown under its most frequent tidied spelling in the whole input
//! set (ties: the first seen), so that a field has the same name in every
//! period.

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use super::breakdown::HandlingBreakdown;
use super::handling::{Grouping, Handling};
use crate::model::{AgencyId, Category, FieldColumn};

/// Code of the records without a classification.
pub const UNCLASSIFIED: &str = "chua_phan_loai";

/// The subject fields of the records: one key per record, one name per key.
#[derive(Debug, Clone, Default)]
pub struct FieldIndex {
    /// Display name of each key (the most frequent spelling).
    pub names: Vec<String>,
    /// Key of each record; `names.len()` for a record without a field.
    pub keys: Vec<u32>,
}

impl FieldIndex {
    /// Groups the spellings of `fields` (one entry per record).
    pub fn of(fields: &FieldColumn) -> Self {
        // Records are counted by their code; each distinct text held by a
        // record is tidied and keyed once, in the order first seen.
        let texts = fields.texts();
        let mut counts = vec![0u64; texts.len()];
        let mut first_seen = vec![usize::MAX; texts.len()];
        for (position, &code) in fields.codes().iter().enumerate() {
            if let Some(count) = counts.get_mut(code as usize) {
                *count += 1;
                first_seen[code as usize] = first_seen[code as usize].min(position);
            }
        }
        let mut seen: Vec<usize> = (0..texts.len()).filter(|&c| counts[c] > 0).collect();
        seen.sort_by_key(|&c| first_seen[c]);
        // Per code its key (None for a blank text or one no record holds);
        // per key its tidied spellings with their counts, in the order first
        // seen.
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut spellings: Vec<Vec<(String, u64)>> = Vec::new();
        let mut key_of_code: Vec<Option<u32>> = vec![None; texts.len()];
        for code in seen {
            let (text, count) = (&texts[code], counts[code]);
            let label = crate::text_match::label_key(text);
            if label.is_empty() {
                continue;
            }
            let next = by_key.len() as u32;
            let key = *by_key.entry(label).or_insert(next);
            if key as usize == spellings.len() {
                spellings.push(Vec::new());
            }
            let shown = crate::text_match::tidy(text);
            let group = &mut spellings[key as usize];
            match group.iter_mut().find(|(s, _)| *s == shown) {
                Some((_, n)) => *n += count,
                None => group.push((shown, count)),
            }
            key_of_code[code] = Some(key);
        }
        let names: Vec<String> = spellings
            .into_iter()
            .map(|group| {
                let mut best: Option<(String, u64)> = None;
                for (spelling, count) in group {
                    if best.as_ref().is_none_or(|(_, most)| count > *most) {
                        best = Some((spelling, count));
                    }
                }
                best.map(|(s, _)| s).unwrap_or_default()
            })
            .collect();
        let none = names.len() as u32;
        Self {
            keys: fields
                .codes()
                .iter()
                .map(|&code| {
                    key_of_code
                        .get(code as usize)
                        .copied()
                        .flatten()
                        .unwrap_or(none)
                })
                .collect(),
            names,
        }
    }

    /// The key that stands for "no field".
    pub fn none(&self) -> u32 {
        self.names.len() as u32
    }

    /// The name of `key` (None for "no field").
    pub fn name(&self, key: u32) -> Option<&str> {
        self.names.get(key as usize).map(String::as_str)
    }
}

pub use super::frames::category_key;

/// Handling of the PAKN of one classification.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryResults {
    /// Category code, or `chua_phan_loai` for records without one.
    pub code: &'static str,
    /// Vietnamese label ("Quy định hành chính", "Chưa phân loại").
    pub label: &'static str,
    /// Handling counts and rates.
    pub handling: Handling,
    /// PAKN received in the previous period of the same length (null when
    /// there is none).
    pub received_previous: Option<u64>,
    /// Received now minus received then.
    pub change_received: Option<i64>,
}

/// Handling of the PAKN of one subject field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldResults {
    /// The field's name; null for records without a field.
    pub name: Option<String>,
    /// Handling counts and rates.
    pub handling: Handling,
    /// PAKN received in the previous period of the same length.
    pub received_previous: Option<u64>,
    /// Received now minus received then.
    pub change_received: Option<i64>,
}

/// Handling of one agency's PAKN of one subject field (`fields.csv`).
#[derive(Debug, Clone)]
pub struct AgencyFieldResults {
    /// The agency: its registry id; in [`super::compute::Computed`], its
    /// place in `Summary::agencies`.
    pub agency: AgencyId,
    /// The field's name; None for records without a field.
    pub field: Option<String>,
    /// Handling counts and rates.
    pub handling: Handling,
}

/// Everything this module computes for one period.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    /// The four classifications, then "not classified".
    pub categories: Vec<CategoryResults>,
    /// Fields with PAKN in the period, most received first, "no field" last.
    pub fields: Vec<FieldResults>,
    /// Per agency (registry order), its fields (in the order of `fields`).
    pub agency_fields: Vec<AgencyFieldResults>,
}

/// Whether a unit has anything to show in the period.
fn active(h: &Handling) -> bool {
    h.received + h.carried_over + h.handled + h.pending > 0
}

/// The breakdowns of a period by classification, subject field, and agency
/// and field, from its handling (`now`, see [`HandlingBreakdown`]) and that
/// of the previous period of the same length (`before`), for the change in
/// PAKN received; `agencies` is the number of agencies in the registry.
pub fn subjects(
    now: &HandlingBreakdown,
    before: Option<&HandlingBreakdown>,
    fields: &FieldIndex,
    agencies: usize,
) -> PolarsResult<Subjects> {
    let now_categories = now.by(Grouping::Category)?;
    let now_fields = now.by(Grouping::Field)?;
    let before = match before {
        Some(before) => Some((before.by(Grouping::Category)?, before.by(Grouping::Field)?)),
        None => None,
    };
    let change = |now: &Handling, then: Option<Handling>| {
        let then = then.map(|h| h.received);
        (then, then.map(|t| now.received as i64 - t as i64))
    };

    let mut categories = Vec::with_capacity(Category::ALL.len() + 1);
    for key in 0..=Category::ALL.len() as u32 {
        let handling = now_categories.group(key);
        let (received_previous, change_received) =
            change(&handling, before.as_ref().map(|(c, _)| c.group(key)));
        let (code, label) = match Category::ALL.get(key as usize) {
            Some(c) => (c.code(), c.label_vi()),
            None => (UNCLASSIFIED, "Chưa phân loại"),
        };
        categories.push(CategoryResults {
            code,
            label,
            handling,
            received_previous,
            change_received,
        });
    }

    let mut keys: Vec<u32> = (0..fields.none())
        .filter(|&k| active(&now_fields.group(k)))
        .collect();
    keys.sort_by(|&a, &b| {
        let (ha, hb) = (now_fields.group(a), now_fields.group(b));
        hb.received
            .cmp(&ha.received)
            .then_with(|| fields.name(a).cmp(&fields.name(b)))
    });
    if active(&now_fields.group(fields.none())) {
        keys.push(fields.none());
    }
    let field_results = keys
        .iter()
        .map(|&key| {
            let handling = now_fields.group(key);
            let (received_previous, change_received) =
                change(&handling, before.as_ref().map(|(_, f)| f.group(key)));
            FieldResults {
                name: fields.name(key).map(str::to_string),
                handling,
                received_previous,
                change_received,
            }
        })
        .collect();

    let width = fields.none() + 1;
    let agency_fields = match u32::try_from(agencies)
        .ok()
        .and_then(|a| a.checked_mul(width))
    {
        Some(_) => {
            let per_agency = now.by(Grouping::AgencyField(width))?;
            let mut rows = Vec::new();
            for agency in 0..agencies as u32 {
                for &key in &keys {
                    let handling = per_agency.group(agency * width + key);
                    if active(&handling) {
                        rows.push(AgencyFieldResults {
                            agency,
                            field: fields.name(key).map(str::to_string),
                            handling,
                        });
                    }
                }
            }
            rows
        }
        None => {
            return Err(PolarsError::ComputeError(
                format!("{agencies} agencies × {width} subject fields are too many to break down per agency").into(),
            ))
        }
    };
    Ok(Subjects {
        categories,
        fields: field_results,
        agency_fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: &[Option<&str>]) -> FieldColumn {
        values.iter().copied().collect()
    }

    #[test]
    fn spellings_group_by_key_and_show_the_most_frequent() {
        // Two spellings twice each: the first seen wins the tie; a blank
        // field counts as none; the same text stored twice meets by key.
        let fields = texts(&[
            Some("Xây dựng"),
            Some("xây dựng"),
            Some("  xây   dựng"),
            None,
            Some(" "),
            Some("Xây dựng"),
            Some("Thuế"),
        ]);
        let index = FieldIndex::of(&fields);
        assert_eq!(index.names, vec!["Xây dựng", "Thuế"]);
        assert_eq!(index.keys, vec![0, 0, 0, 2, 2, 0, 1]);
        assert_eq!(index.name(index.none()), None);
        // The later spelling wins once it is more frequent.
        let index = FieldIndex::of(&texts(&[Some("ĐẤT ĐAI"), Some("Đất đai"), Some("Đất đai")]));
        assert_eq!(index.names, vec!["Đất đai"]);
    }

    #[test]
    fn categories_have_fixed_keys() {
        assert_eq!(category_key(Some(Category::QuyDinhHanhChinh)), 0);
        assert_eq!(category_key(Some(Category::Khac)), 3);
        assert_eq!(category_key(None), 4);
    }
}
