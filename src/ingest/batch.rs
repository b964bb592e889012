//! Reading a table's spans in parallel and putting the parts back together
//! in file order.
//!
//! Each span of a file is read into a [`Batch`] of its own: accepted records,
//! findings in row order, and agency names new to the registry under
//! provisional ids. The batches are appended in span order: row numbers are
//! moved up by the line breaks inside quoted fields of the spans before,
//! provisional agencies get their registry ids, and the result is exactly
//! what reading the file row by row gives. The duplicate-id check needs every
//! file of a kind, so it runs once at the end ([`super::kind::Kind::finish`]).

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::columns::MatchedColumns;
use super::row_check::RowCheck;
use super::table::{Row, RowSpan, SpanRead, Table};
use super::IngestError;
use crate::calendar::Day;
use crate::model::{
    Agency, AgencyId, AgencyLevel, FeedbackRecords, FindingRun, InputAccount, OriginColumn,
    SurveyResponses, TextColumn,
};
use crate::observe::{RowCounter, ROWS_PER_REPORT};

/// Record columns that batches are appended to.
pub(super) trait Columns: Default + Send {
    /// Number of records.
    fn len(&self) -> usize;
    /// Makes room for `additional` more records.
    fn reserve(&mut self, additional: usize);
    /// Moves the records of `other` to the end.
    fn append(&mut self, other: &mut Self);
    /// Keeps the records flagged true.
    fn retain(&mut self, keep: &[bool]);
    /// The records' ids.
    fn ids(&self) -> &TextColumn;
    /// The records' origins.
    fn origins(&self) -> &OriginColumn;
    /// The records' origins, to move row numbers.
    fn origins_mut(&mut self) -> &mut OriginColumn;
    /// The records' agencies, to settle provisional ids.
    fn agencies_mut(&mut self) -> &mut [AgencyId];
    /// Where the records were first read, to number their sources in the run.
    fn sources_mut(&mut self) -> &mut OriginColumn;
    /// The records' agencies, and the day each was received or surveyed.
    fn dated_agencies(&self) -> (&[AgencyId], &[Day]);
}

macro_rules! columns_for {
    ($records:ty, $day:ident) => {
        impl Columns for $records {
            fn len(&self) -> usize {
                self.id.len()
            }
            fn reserve(&mut self, additional: usize) {
                <$records>::reserve(self, additional);
            }
            fn append(&mut self, other: &mut Self) {
                <$records>::append(self, other);
            }
            fn retain(&mut self, keep: &[bool]) {
                <$records>::retain(self, keep);
            }
            fn ids(&self) -> &TextColumn {
                &self.id
            }
            fn origins(&self) -> &OriginColumn {
                &self.origin
            }
            fn origins_mut(&mut self) -> &mut OriginColumn {
                &mut self.origin
            }
            fn agencies_mut(&mut self) -> &mut [AgencyId] {
                &mut self.agency
            }
            fn sources_mut(&mut self) -> &mut OriginColumn {
                &mut self.source
            }
            fn dated_agencies(&self) -> (&[AgencyId], &[Day]) {
                (&self.agency, &self.$day)
            }
        }
    };
}

columns_for!(FeedbackRecords, received);
columns_for!(SurveyResponses, surveyed);

/// What the rows of one span became.
#[derive(Default)]
pub(super) struct Batch<R> {
    /// Accepted records (before the duplicate-id check).
    pub records: R,
    /// Findings, in row order.
    pub findings: FindingRun,
    /// Findings that stand only if the record at the position of
    /// `records` their tag gives is still accepted after the duplicate-id
    /// check.
    pub deferred: FindingRun,
    /// Rows read.
    pub rows: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// The id and row of each rejected row that has an id (feedback, with
    /// `--snapshots` only), so that successive exports can say which
    /// earlier record stays.
    pub rejected_ids: Vec<(String, usize)>,
    /// Agency names new to the registry, in order of first appearance; the
    /// records name the k-th one as agency `registry.len() + k`.
    pub new_agencies: Vec<String>,
    /// When not empty, the agencies of `new_agencies` as a dataset describes
    /// them (code, name and level), in the same order.
    pub described_agencies: Vec<Agency>,
}

impl<R: Columns> Batch<R> {
    /// An empty batch with room for the rows of `span`.
    pub fn for_span(span: &RowSpan) -> Self {
        let mut batch = Self::default();
        batch.records.reserve(span.lines);
        batch
    }

    /// Counts a row and starts its checks; `None` when the row is rejected
    /// at once, because a stray quote cut it short. `ragged_width` is the
    /// header's width when rows of another width are to be noted (CSV).
    pub fn start_row<'a>(
        &mut self,
        (file, sheet, number): (&'a str, Option<&'a str>, usize),
        columns: &MatchedColumns,
        row: &dyn Row,
        ragged_width: Option<usize>,
    ) -> Option<RowCheck<'a>> {
        self.rows += 1;
        let mut check = RowCheck::new(file, sheet, number);
        if check.stray_quote(columns, row) {
            self.rejected += 1;
            for finding in check.findings.drain(..) {
                self.findings.push(finding);
            }
            return None;
        }
        if let Some(width) = ragged_width {
            check.ragged(row.width(), width);
        }
        Some(check)
    }
}

/// Reads the rows of one span into a batch.
pub(super) trait SpanReader: Send {
    /// The records it accepts.
    type Records: Columns;
    /// Reads one data row.
    fn read_row(&mut self, row_number: usize, row: &dyn Row);
    /// The batch read.
    fn finish(self) -> Batch<Self::Records>;
}

/// Reads every data row of `table`, its spans in parallel, with one reader
/// made by `reader` per span; returns the batches in file order, row numbers
/// settled. When a cut between spans fell inside a quoted field, the file is
/// read again as one span.
pub(super) fn read_table<S: SpanReader>(
    table: &Table,
    file: &str,
    progress: &RowCounter,
    reader: impl Fn(&RowSpan) -> S + Sync,
) -> Result<Vec<Batch<S::Records>>, IngestError> {
    // Rows of this file told to `progress`, taken back if it is read again.
    let told = AtomicU64::new(0);
    let read_span = |span: &RowSpan| {
        read_counted(span, &reader, progress, &[&told], |visit| {
            table.for_each_row_in(span, file, visit)
        })
    };
    let spans = table.spans(rayon::current_num_threads());
    let mut read: Vec<(Batch<S::Records>, SpanRead)> = Vec::with_capacity(spans.len());
    if spans.len() > 1 {
        let results: Vec<_> = spans.par_iter().map(read_span).collect();
        let fits = results
            .iter()
            .all(|result| result.as_ref().is_ok_and(|(_, span)| span.fits));
        if fits {
            for result in results {
                read.push(result?);
            }
        } else {
            progress.add(-(told.swap(0, Ordering::Relaxed) as i64));
        }
    }
    if read.is_empty() {
        for span in &table.spans(1) {
            read.push(read_span(span)?);
        }
        if read.iter().any(|(_, span)| !span.fits) {
            // A sheet whose rows streamed out of order: read again, sorted.
            progress.add(-(told.swap(0, Ordering::Relaxed) as i64));
            read.clear();
            for span in &table.spans(1) {
                read.push(read_span(span)?);
            }
        }
    }
    let mut lines_above = 0usize;
    let batches = read
        .into_iter()
        .map(|(mut batch, span)| {
            if lines_above > 0 {
                move_rows_up(&mut batch, lines_above);
            }
            lines_above += span.lines_inside_fields;
            batch
        })
        .collect();
    Ok(batches)
}

/// Reads the rows of `span` that `rows` hands to its visitor with a reader
/// made by `reader`, telling `progress` every [`ROWS_PER_REPORT`] rows and
/// adding them to each counter of `told` (so that they can be taken back).
pub(super) fn read_counted<S: SpanReader>(
    span: &RowSpan,
    reader: &(impl Fn(&RowSpan) -> S + Sync),
    progress: &RowCounter,
    told: &[&AtomicU64],
    rows: impl FnOnce(&mut dyn FnMut(usize, &dyn Row)) -> Result<SpanRead, IngestError>,
) -> Result<(Batch<S::Records>, SpanRead), IngestError> {
    let mut span_reader = reader(span);
    let mut count = 0u64;
    // A cancelled run reads no more rows (the rest of the span is passed
    // over) and ends with an error.
    let mut cancelled = progress.cancelled();
    let read = rows(&mut |row_number, row| {
        if cancelled {
            return;
        }
        span_reader.read_row(row_number, row);
        count += 1;
        if count % ROWS_PER_REPORT == 0 {
            for counter in told {
                counter.fetch_add(ROWS_PER_REPORT, Ordering::Relaxed);
            }
            progress.add(ROWS_PER_REPORT as i64);
            cancelled = progress.cancelled();
        }
    })?;
    if cancelled {
        return Err(IngestError::Cancelled);
    }
    Ok((span_reader.finish(), read))
}

/// Moves every row number of `batch` up by `lines`.
pub(super) fn move_rows_up<R: Columns>(batch: &mut Batch<R>, lines: usize) {
    batch
        .records
        .origins_mut()
        .change_each_run(|origin| origin.row = origin.row.saturating_sub(lines as u32));
    batch.findings.move_rows_up(lines);
    batch.deferred.move_rows_up(lines);
    for (_, row) in &mut batch.rejected_ids {
        *row = row.saturating_sub(lines);
    }
}

/// One file read: its batches and what putting them together needs.
pub(super) struct FileRead<R> {
    /// Index of the file among the run's inputs.
    pub input: u32,
    /// Its row accounting so far (size, SHA-256).
    pub account: InputAccount,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The header of its id column.
    pub id_header: String,
    /// The header of its agency column.
    pub agency_header: String,
    /// Its spans' batches, in file order.
    pub batches: Vec<Batch<R>>,
    /// The registry's size when the file was read: provisional agency ids
    /// start there.
    pub registry_base: usize,
    /// The level of agencies taken as they are named.
    pub level: AgencyLevel,
    /// The export files the records' `source` column numbers from 0 (a
    /// Parquet dataset's `source_file` names); empty for an export itself.
    pub source_names: Vec<String>,
}
