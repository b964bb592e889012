//! Feedback records (PAKN) from a table to canonical records.

use super::batch::{Batch, FileRead, SpanReader};
use super::columns::{MatchedColumns, FEEDBACK_FIELDS};
use super::table::Row;
use super::{open_with_columns, AgencyLookup, FastMap, IngestError, RowCheck, Source, VocabMemo};
use crate::model::vocab::{parse_rating, parse_yes_no};
use crate::model::{
    Category, Channel, Effect, FeedbackRecords, InputKind, Origin, Reason, Record, Registry, Status,
};

/// Column positions of the feedback fields (order of `FEEDBACK_FIELDS`).
const ID: usize = 0;
const RECEIVED: usize = 1;
const CHANNEL: usize = 2;
const AGENCY: usize = 3;
const CATEGORY: usize = 4;
const FIELD: usize = 5;
const FORWARDED: usize = 6;
const DUE: usize = 7;
const RESOLVED: usize = 8;
const NOTIFIED: usize = 9;
const PUBLISHED: usize = 10;
const STATUS: usize = 11;
const RATING: usize = 12;
const RE_RAISED: usize = 13;

/// Reads one feedback file (the registry is only looked up: agencies taken
/// as named are added when the file is put with the others).
pub(super) fn read(
    source: &Source,
    registry: &Registry,
) -> Result<FileRead<FeedbackRecords>, IngestError> {
    let (table, columns) = open_with_columns(source, &FEEDBACK_FIELDS)?;
    let file = source.shown();
    let ragged_width = table.is_csv().then_some(table.headers.len());
    let sheet = table.sheet.as_deref();
    super::read_file(
        source,
        InputKind::Feedback,
        &table,
        &columns,
        registry,
        |span| FeedbackReader {
            source,
            columns: &columns,
            file: &file,
            sheet,
            ragged_width,
            agencies: AgencyLookup::new(registry, source.profile),
            channels: FastMap::default(),
            categories: VocabMemo::new(Category::parse, Reason::UnknownCategory),
            statuses: VocabMemo::new(Status::parse, Reason::UnknownStatus),
            ratings: VocabMemo::new(parse_rating, Reason::UnknownRating),
            re_raised: VocabMemo::new(parse_yes_no, Reason::UnknownYesNo),
            batch: Batch::for_span(span),
        },
    )
}

/// Reads the feedback rows of one span.
struct FeedbackReader<'a> {
    source: &'a Source<'a>,
    columns: &'a MatchedColumns,
    file: &'a str,
    sheet: Option<&'a str>,
    /// The header's width, for CSV files (whose rows may be ragged).
    ragged_width: Option<usize>,
    agencies: AgencyLookup<'a>,
    channels: FastMap<String, Option<Channel>>,
    categories: VocabMemo<Category>,
    statuses: VocabMemo<Status>,
    ratings: VocabMemo<bool>,
    re_raised: VocabMemo<bool>,
    batch: Batch<FeedbackRecords>,
}

impl SpanReader for FeedbackReader<'_> {
    type Records = FeedbackRecords;

    fn read_row(&mut self, row_number: usize, row: &dyn Row) {
        let (source, columns) = (self.source, self.columns);
        let header = |field: usize| columns.header(field);
        let place = (self.file, self.sheet, row_number);
        let Some(mut check) = self.batch.start_row(place, columns, row, self.ragged_width) else {
            return;
        };

        let id = check.required_text(source, columns, row, ID);
        let received = check.date(source, columns, row, RECEIVED, true);
        let forwarded = check.date(source, columns, row, FORWARDED, false);
        let due = check.date(source, columns, row, DUE, false);
        let resolved = check.date(source, columns, row, RESOLVED, false);
        let notified = check.date(source, columns, row, NOTIFIED, false);
        let published = check.date(source, columns, row, PUBLISHED, false);

        let channel_text = check.required_text(source, columns, row, CHANNEL);
        let channel = if channel_text.is_empty() {
            None
        } else {
            let found = match self.channels.get(channel_text.as_ref()) {
                Some(found) => *found,
                None => {
                    let found = Channel::parse(source.map_value("channel", &channel_text));
                    self.channels.insert(channel_text.to_string(), found);
                    found
                }
            };
            if found.is_none() {
                check.reject(header(CHANNEL), &channel_text, Reason::UnknownChannel);
            }
            found
        };
        let agency = self.agencies.find(source, &mut check, columns, row, AGENCY);

        if let (Some(received), Some(resolved)) = (received, resolved) {
            if resolved < received {
                check.reject(
                    header(RESOLVED),
                    &columns.cell(row, RESOLVED).text(),
                    Reason::ResolvedBeforeReceived,
                );
            }
        }

        let category = optional_vocab(
            source,
            row,
            columns,
            CATEGORY,
            &mut check,
            &mut self.categories,
        );
        let status = optional_vocab(source, row, columns, STATUS, &mut check, &mut self.statuses);
        let rating = optional_vocab(source, row, columns, RATING, &mut check, &mut self.ratings);
        let re_raised = optional_vocab(
            source,
            row,
            columns,
            RE_RAISED,
            &mut check,
            &mut self.re_raised,
        );

        if let Some(width) = self.ragged_width {
            check.settle_short_row(columns, row.width(), width);
        }
        let batch = &mut self.batch;
        for finding in check.findings.drain(..) {
            batch.findings.push(finding);
        }
        match (received, channel, agency) {
            (Some(received), Some(channel), Some(agency)) if !check.rejected => {
                let records = &mut batch.records;
                if status == Some(Status::DaXuLy) && resolved.is_none() {
                    // A warning only if the record outlives the duplicate-id check.
                    let finding = check.finding(
                        header(STATUS),
                        &columns.cell(row, STATUS).text(),
                        Reason::HandledWithoutDate,
                        Effect::Warning,
                    );
                    batch.deferred.push_tagged(records.len() as u64, finding);
                }
                let field_text = columns.cell(row, FIELD).text();
                records.push(&Record {
                    id: &id,
                    received,
                    channel,
                    agency,
                    category,
                    field: Some(field_text.as_ref()),
                    days: [forwarded, due, resolved, notified, published],
                    status,
                    rating,
                    re_raised,
                    origin: Origin {
                        input: self.source.input,
                        row: row_number as u32,
                    },
                });
            }
            _ => {
                batch.rejected += 1;
                if !id.is_empty() && self.source.snapshots {
                    batch.rejected_ids.push((id.to_string(), row_number));
                }
            }
        }
    }

    fn finish(mut self) -> Batch<FeedbackRecords> {
        self.batch.new_agencies = self.agencies.new_names;
        self.batch
    }
}

/// Reads an optional vocabulary cell; an unknown value is ignored with a finding.
fn optional_vocab<T: Copy>(
    source: &Source,
    row: &dyn Row,
    columns: &MatchedColumns,
    field: usize,
    check: &mut RowCheck,
    memo: &mut VocabMemo<T>,
) -> Option<T> {
    let text = source.text(columns, row, field);
    if text.is_empty() {
        return None;
    }
    let name = columns.name(field);
    let parsed = memo.get(&text, |t| source.map_value(name, t));
    if parsed.is_none() {
        check.ignore_cell(columns.header(field), &text, memo.reason.clone());
    }
    parsed
}
