//! A file read in blocks ([`super::table::CsvBlocks`]) into one batch:
//! each block's spans are read in parallel and put into the file's batch as
//! the blocks are read, so that the file's records are held once and its
//! text never whole.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::batch::{move_rows_up, read_counted, Batch, Columns, SpanReader};
use super::table::{RowSpan, SpanRead, Table};
use super::IngestError;
use crate::model::AgencyId;
use crate::observe::RowCounter;

/// Spans a block is cut into for each thread: more than one, so that the
/// threads share the block evenly while one of them also hashes it.
const SPANS_PER_THREAD: usize = 4;

/// The batches of a file read in blocks, and its SHA-256.
pub(super) type BlocksRead<R> = (Vec<Batch<R>>, String);

/// Reads every data row of a table read in blocks ([`Table::csv_blocks`]):
/// each block's spans in parallel (again as one span when a cut fell inside
/// a quoted field), their batches put into one batch for the file as the
/// blocks are read, so that the file's records are held once. Returns that
/// batch and the file's SHA-256, computed on the blocks as they are read.
/// New agencies get provisional ids from `registry_base`, the registry's size.
pub(super) fn read_blocks<S: SpanReader>(
    table: &Table,
    file: &str,
    progress: &RowCounter,
    registry_base: usize,
    reader: impl Fn(&RowSpan) -> S + Sync,
) -> Result<BlocksRead<S::Records>, IngestError> {
    let told = AtomicU64::new(0);
    let result = read_blocks_told(table, file, progress, registry_base, &reader, &told);
    if result.is_err() {
        progress.add(-(told.load(Ordering::Relaxed) as i64));
    }
    result
}

fn read_blocks_told<S: SpanReader>(
    table: &Table,
    file: &str,
    progress: &RowCounter,
    registry_base: usize,
    reader: &(impl Fn(&RowSpan) -> S + Sync),
    told: &AtomicU64,
) -> Result<BlocksRead<S::Records>, IngestError> {
    let mut blocks = table.csv_blocks(file, usize::MAX)?;
    let size = blocks.file_len();
    let mut file_batch = FileBatch::new(registry_base);
    let mut bytes_read = 0u64;
    let mut first_block = true;
    while blocks.fill()? {
        // Rows of this block told to `progress`, taken back if it is read again.
        let this_block = AtomicU64::new(0);
        let take_back = || {
            let rows = this_block.swap(0, Ordering::Relaxed);
            told.fetch_sub(rows, Ordering::Relaxed);
            progress.add(-(rows as i64));
        };
        let read_span = |span: &RowSpan| {
            read_counted(span, reader, progress, &[told, &this_block], |visit| {
                blocks.read_span(span, file, visit)
            })
        };
        let spans = blocks.spans(rayon::current_num_threads() * SPANS_PER_THREAD);
        let mut results: Vec<(Batch<S::Records>, SpanRead)> = Vec::new();
        if spans.len() > 1 {
            let (_, parallel): (_, Vec<_>) = rayon::join(
                || {
                    blocks.hash_fresh();
                    blocks.read_ahead();
                    file_batch.put_held();
                },
                || spans.par_iter().map(read_span).collect(),
            );
            if parallel
                .iter()
                .all(|result| result.as_ref().is_ok_and(|(_, span)| span.fits))
            {
                for result in parallel {
                    results.push(result?);
                }
            } else {
                take_back();
            }
        } else {
            blocks.hash_fresh();
        }
        // The spans the block was read as, whose line breaks are counted.
        let mut read_as = spans;
        if results.is_empty() {
            let whole = blocks.whole_span();
            results.push(read_span(&whole)?);
            read_as = vec![whole];
        }
        let consumed = results
            .last()
            .and_then(|(_, read)| read.stopped_at)
            .unwrap_or(blocks.len());
        if blocks.too_short(consumed) {
            // One record longer than the block, or a header longer than
            // the first: read it with more bytes.
            take_back();
            blocks.consume(0, &[]);
            continue;
        }
        bytes_read += consumed as u64;
        let mut room = 0;
        if first_block && !blocks.at_end() {
            // Room for the whole file's records, from the first block's share
            // of its bytes (and 2% more).
            let held: u64 = results.iter().map(|(b, _)| b.records.len() as u64).sum();
            let expected = held * size / bytes_read.max(1);
            room = (expected + expected / 50).saturating_sub(held) as usize;
        }
        file_batch.hold(results, room);
        first_block = false;
        blocks.consume(consumed, &read_as);
    }
    file_batch.put_held();
    Ok((vec![file_batch.batch], blocks.sha256()))
}

/// The batch of a file read in blocks. The batches of the last block read
/// are held back and put into it while the next block is read, on the
/// thread that hashes that block.
struct FileBatch<R> {
    batch: Batch<R>,
    /// Line breaks inside quoted fields of the rows put in so far.
    lines_above: usize,
    /// The last block's batches, not put in yet.
    held: Vec<(Batch<R>, SpanRead)>,
    /// Room to make for the file's records once they are put in.
    room: usize,
    registry_base: usize,
}

impl<R: Columns> FileBatch<R> {
    fn new(registry_base: usize) -> Self {
        Self {
            batch: Batch::default(),
            lines_above: 0,
            held: Vec::new(),
            room: 0,
            registry_base,
        }
    }

    /// Puts the held batches in, in order, each moved up by the line breaks
    /// inside quoted fields of the rows before it.
    fn put_held(&mut self) {
        for (mut batch, span) in self.held.drain(..) {
            if self.lines_above > 0 {
                move_rows_up(&mut batch, self.lines_above);
            }
            self.lines_above += span.lines_inside_fields;
            self.batch.absorb(batch, self.registry_base);
        }
        if self.room > 0 {
            self.batch.records.reserve(std::mem::take(&mut self.room));
        }
    }

    /// Holds a block's batches (those held before are put in first), and
    /// the room to make once they are put in.
    fn hold(&mut self, batches: Vec<(Batch<R>, SpanRead)>, room: usize) {
        self.put_held();
        self.held = batches;
        self.room = room;
    }
}

impl<R: Columns> Batch<R> {
    /// Moves the records, findings and counts of `other` (the batch of the
    /// rows after this one's) to the end of this batch; agencies new to the
    /// registry, provisional ids from `registry_base`, are renumbered in the
    /// order this batch first met them.
    pub fn absorb(&mut self, mut other: Batch<R>, registry_base: usize) {
        if !other.new_agencies.is_empty() {
            let numbers: Vec<AgencyId> = other
                .new_agencies
                .iter()
                .map(|name| {
                    let k = match self.new_agencies.iter().position(|n| n == name) {
                        Some(k) => k,
                        None => {
                            self.new_agencies.push(name.clone());
                            self.new_agencies.len() - 1
                        }
                    };
                    (registry_base + k) as AgencyId
                })
                .collect();
            for agency in other.records.agencies_mut() {
                if let Some(&id) = (*agency as usize)
                    .checked_sub(registry_base)
                    .and_then(|k| numbers.get(k))
                {
                    *agency = id;
                }
            }
        }
        let offset = self.records.len();
        let mut deferred = std::mem::take(&mut other.deferred);
        deferred.offset_tags(offset as u64);
        self.deferred.append(deferred);
        self.findings.append(std::mem::take(&mut other.findings));
        self.rows += other.rows;
        self.rejected += other.rejected;
        self.rejected_ids.append(&mut other.rejected_ids);
        self.records.append(&mut other.records);
    }
}
