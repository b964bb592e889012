//! The parts of a dataset put back in the order of the export: the records
//! of every part in the order of their `record_index`, column by column, each
//! part's column freed once it is gathered, so that the records are held
//! about once.

use crate::ingest::batch::Batch;
use crate::model::{DayColumn, FeedbackRecords, FieldColumn, Origin, SurveyResponses, TextColumn};

/// Records that can be put in a new order from several parts.
pub(super) trait Gather: Default {
    /// The records of `parts` at (part, position) in `order`.
    fn gather(parts: Vec<Self>, order: &[(u32, u32)]) -> Self;
}

/// The parts' batches as one, their records in the order of the export
/// when every accepted record has a `record_index` (in part order when not).
pub(super) fn in_export_order<R: Gather + crate::ingest::batch::Columns>(
    parts: Vec<(Batch<R>, Vec<Option<i64>>)>,
) -> Batch<R> {
    let indexed = parts
        .iter()
        .all(|(_, index)| index.iter().all(Option::is_some));
    // Parts read in path order are already in the export's order when their
    // indexes ascend from one record to the next.
    let ascending = parts
        .iter()
        .flat_map(|(_, index)| index.iter().flatten())
        .try_fold(i64::MIN, |last, &i| (i > last).then_some(i))
        .is_some();
    let order = if indexed && !ascending {
        export_order(&parts)
    } else {
        Vec::new()
    };
    let mut batch = Batch::<R>::default();
    let mut records = Vec::with_capacity(parts.len());
    for (mut part, _) in parts {
        batch.findings.append(&mut part.findings);
        batch.rows += part.rows;
        batch.rejected += part.rejected;
        batch.rejected_ids.append(&mut part.rejected_ids);
        records.push(part.records);
    }
    if order.is_empty() {
        for mut part in records {
            batch.records.append(&mut part);
        }
    } else {
        batch.records = R::gather(records, &order);
    }
    batch
}

/// The (part, position) of every record in the order of their
/// `record_index`: placed directly when the indexes are the export's
/// positions 0…n−1 (as `sipas export` writes them), sorted otherwise.
fn export_order<R>(parts: &[(Batch<R>, Vec<Option<i64>>)]) -> Vec<(u32, u32)> {
    let total: usize = parts.iter().map(|(_, index)| index.len()).sum();
    let entries = || {
        parts.iter().enumerate().flat_map(|(part, (_, index))| {
            index
                .iter()
                .enumerate()
                .map(move |(position, record)| (record.unwrap_or(-1), part as u32, position as u32))
        })
    };
    const EMPTY: (u32, u32) = (u32::MAX, u32::MAX);
    let mut placed = vec![EMPTY; total];
    let dense = entries().all(|(record, part, position)| {
        match usize::try_from(record).ok().and_then(|r| placed.get_mut(r)) {
            Some(slot) if *slot == EMPTY => {
                *slot = (part, position);
                true
            }
            _ => false,
        }
    });
    if dense {
        return placed;
    }
    let mut sorted: Vec<(i64, u32, u32)> = entries().collect();
    sorted.sort_unstable();
    sorted
        .into_iter()
        .map(|(_, part, position)| (part, position))
        .collect()
}

/// One column of every part, gathered in `order`.
fn gather_vec<T: Clone>(parts: Vec<Vec<T>>, order: &[(u32, u32)]) -> Vec<T> {
    order
        .iter()
        .map(|&(part, position)| parts[part as usize][position as usize].clone())
        .collect()
}

/// Takes one column out of every part.
macro_rules! take {
    ($parts:expr, $field:ident) => {
        $parts
            .iter_mut()
            .map(|p| std::mem::take(&mut p.$field))
            .collect::<Vec<_>>()
    };
}

fn gather_text(parts: Vec<TextColumn>, order: &[(u32, u32)]) -> TextColumn {
    let mut column = TextColumn::default();
    column.reserve(order.len());
    for &(part, position) in order {
        column.push(&parts[part as usize][position as usize]);
    }
    column
}

fn gather_fields(parts: Vec<FieldColumn>, order: &[(u32, u32)]) -> FieldColumn {
    let mut column = FieldColumn::default();
    column.reserve(order.len());
    for &(part, position) in order {
        column.push(parts[part as usize].get(position as usize));
    }
    column
}

fn gather_days(parts: Vec<DayColumn>, order: &[(u32, u32)]) -> DayColumn {
    order
        .iter()
        .map(|&(part, position)| parts[part as usize].get(position as usize))
        .collect()
}

fn gather_origins(parts: Vec<Vec<Origin>>, order: &[(u32, u32)]) -> Vec<Origin> {
    if parts.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    gather_vec(parts, order)
}

impl Gather for FeedbackRecords {
    fn gather(mut parts: Vec<Self>, order: &[(u32, u32)]) -> Self {
        Self {
            id: gather_text(take!(parts, id), order),
            received: gather_vec(take!(parts, received), order),
            channel: gather_vec(take!(parts, channel), order),
            agency: gather_vec(take!(parts, agency), order),
            category: gather_vec(take!(parts, category), order),
            field: gather_fields(take!(parts, field), order),
            forwarded: gather_days(take!(parts, forwarded), order),
            due: gather_days(take!(parts, due), order),
            resolved: gather_days(take!(parts, resolved), order),
            notified: gather_days(take!(parts, notified), order),
            published: gather_days(take!(parts, published), order),
            status: gather_vec(take!(parts, status), order),
            rating: gather_vec(take!(parts, rating), order),
            re_raised: gather_vec(take!(parts, re_raised), order),
            origin: gather_vec(take!(parts, origin), order),
            source: gather_origins(take!(parts, source), order),
        }
    }
}

impl Gather for SurveyResponses {
    fn gather(mut parts: Vec<Self>, order: &[(u32, u32)]) -> Self {
        let criteria = parts.iter().map(|p| p.extra.len()).max().unwrap_or(0);
        let mut extra = Vec::with_capacity(criteria);
        for k in 0..criteria {
            let columns: Vec<Vec<Option<u8>>> = parts
                .iter_mut()
                .map(|p| std::mem::take(&mut p.extra[k]))
                .collect();
            extra.push(gather_vec(columns, order));
        }
        let answers = std::array::from_fn(|k| {
            let columns: Vec<Vec<Option<u8>>> = parts
                .iter_mut()
                .map(|p| std::mem::take(&mut p.answers[k]))
                .collect();
            gather_vec(columns, order)
        });
        Self {
            id: gather_text(take!(parts, id), order),
            surveyed: gather_vec(take!(parts, surveyed), order),
            agency: gather_vec(take!(parts, agency), order),
            gave_feedback: gather_vec(take!(parts, gave_feedback), order),
            weight: gather_vec(take!(parts, weight), order),
            answers,
            extra,
            origin: gather_vec(take!(parts, origin), order),
            source: gather_origins(take!(parts, source), order),
        }
    }
}
