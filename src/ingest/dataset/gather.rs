//! The parts of a dataset put back in the order of the export: each part's
//! records moved into the dataset's batch as soon as the part is read (so
//! that the memory of one part is reused by the next), then, when their
//! `record_index` says so, every column put in the export's order, one
//! column at a time, so that the records are held about once.

use super::frame::{for_each_part, Frame, Schema};
use crate::ingest::batch::{Batch, Columns};
use crate::ingest::IngestError;
use crate::model::{
    DayColumn, FeedbackRecords, FieldColumn, OriginColumn, SurveyResponses, TextColumn,
};

/// Records that can be put in a new order.
pub(super) trait Permute: Default {
    /// The records at the positions `order` gives, in that order.
    fn permute(self, order: &[u32]) -> Self;
}

/// Reads the parts of a dataset with `convert`, which makes of a slice of a
/// part its batch and its accepted records' `record_index`, into one batch
/// in the order of the export.
pub(super) fn read_in_export_order<R: Columns + Permute>(
    parts: &[std::path::PathBuf],
    schema: Schema,
    convert: impl FnMut(Frame, String) -> (Batch<R>, Vec<Option<i64>>) + Send,
) -> Result<Batch<R>, IngestError> {
    let mut gathered = Gathered::default();
    for_each_part(parts, schema, convert, |part| gathered.add(part))?;
    Ok(gathered.into_export_order())
}

/// The records of a dataset's parts, read so far, and the `record_index`
/// of each.
struct Gathered<R> {
    batch: Batch<R>,
    index: Vec<i64>,
    /// Every record so far has a `record_index`.
    indexed: bool,
}

impl<R: Columns> Default for Gathered<R> {
    fn default() -> Self {
        Self {
            batch: Batch::default(),
            index: Vec::new(),
            indexed: true,
        }
    }
}

impl<R: Columns + Permute> Gathered<R> {
    /// Moves a part's batch, its accepted records' `record_index` beside
    /// it, to the end of the records read so far.
    fn add(&mut self, (mut part, index): (Batch<R>, Vec<Option<i64>>)) {
        let batch = &mut self.batch;
        batch.findings.append(std::mem::take(&mut part.findings));
        batch.rows += part.rows;
        batch.rejected += part.rejected;
        batch.rejected_ids.append(&mut part.rejected_ids);
        batch.records.append(&mut part.records);
        if self.indexed && index.iter().all(Option::is_some) {
            self.index.extend(index.into_iter().flatten());
        } else {
            self.indexed = false;
            self.index = Vec::new();
        }
    }

    /// The dataset's batch, its records in the order of the export when
    /// every accepted record has a `record_index` (in part order when not).
    fn into_export_order(self) -> Batch<R> {
        let Self {
            mut batch,
            index,
            indexed,
        } = self;
        // Parts read in path order are already in the export's order when
        // their indexes ascend from one record to the next.
        let ascending = index.windows(2).all(|pair| pair[0] < pair[1]);
        if indexed && !ascending {
            let order = export_order(&index);
            batch.records = std::mem::take(&mut batch.records).permute(&order);
        }
        batch
    }
}

/// The position of every record in the order of their `record_index`:
/// placed directly when the indexes are the export's positions 0…n−1 (as
/// `sipas export` writes them), sorted otherwise.
fn export_order(index: &[i64]) -> Vec<u32> {
    const EMPTY: u32 = u32::MAX;
    let mut placed = vec![EMPTY; index.len()];
    let dense = index.iter().enumerate().all(|(position, &record)| {
        match usize::try_from(record).ok().and_then(|r| placed.get_mut(r)) {
            Some(slot) if *slot == EMPTY => {
                *slot = position as u32;
                true
            }
            _ => false,
        }
    });
    if dense {
        return placed;
    }
    let mut sorted: Vec<(i64, u32)> = index
        .iter()
        .enumerate()
        .map(|(position, &record)| (record, position as u32))
        .collect();
    sorted.sort_unstable();
    sorted.into_iter().map(|(_, position)| position).collect()
}

/// A column in `order`.
fn permute_vec<T: Clone>(column: Vec<T>, order: &[u32]) -> Vec<T> {
    order
        .iter()
        .map(|&position| column[position as usize].clone())
        .collect()
}

/// Texts in `order` (the column freed once they are).
fn permute_text(column: TextColumn, order: &[u32]) -> TextColumn {
    column.select(order)
}

fn permute_fields(column: FieldColumn, order: &[u32]) -> FieldColumn {
    let mut permuted = FieldColumn::default();
    permuted.reserve(order.len());
    for &position in order {
        permuted.push(column.get(position as usize));
    }
    permuted
}

fn permute_days(column: DayColumn, order: &[u32]) -> DayColumn {
    order
        .iter()
        .map(|&position| column.get(position as usize))
        .collect()
}

/// Origins in `order`; none stay none (the records read from exports).
fn permute_origins(column: OriginColumn, order: &[u32]) -> OriginColumn {
    if column.is_empty() {
        return column;
    }
    column.permuted(order)
}

impl Permute for FeedbackRecords {
    fn permute(self, order: &[u32]) -> Self {
        // Each column is freed as soon as it is put in order.
        Self {
            id: permute_text(self.id, order),
            received: permute_vec(self.received, order),
            channel: permute_vec(self.channel, order),
            agency: permute_vec(self.agency, order),
            category: permute_vec(self.category, order),
            field: permute_fields(self.field, order),
            forwarded: permute_days(self.forwarded, order),
            due: permute_days(self.due, order),
            resolved: permute_days(self.resolved, order),
            notified: permute_days(self.notified, order),
            published: permute_days(self.published, order),
            status: permute_vec(self.status, order),
            rating: permute_vec(self.rating, order),
            re_raised: permute_vec(self.re_raised, order),
            origin: permute_origins(self.origin, order),
            source: permute_origins(self.source, order),
        }
    }
}

impl Permute for SurveyResponses {
    fn permute(self, order: &[u32]) -> Self {
        Self {
            id: permute_text(self.id, order),
            surveyed: permute_vec(self.surveyed, order),
            agency: permute_vec(self.agency, order),
            gave_feedback: permute_vec(self.gave_feedback, order),
            weight: permute_vec(self.weight, order),
            answers: self.answers.map(|column| permute_vec(column, order)),
            extra: self
                .extra
                .into_iter()
                .map(|column| permute_vec(column, order))
                .collect(),
            origin: permute_origins(self.origin, order),
            source: permute_origins(self.source, order),
        }
    }
}
