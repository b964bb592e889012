//! The feedback dataset (`feedback/`) back into canonical records.

use super::frame::{Kind, OUT_OF_RANGE};
use super::required;
use super::shared::{DatasetRead, SharedColumns, AGENCY_COLUMNS, PROVENANCE_COLUMNS};
use crate::ingest::batch::{Batch, FileRead};
use crate::ingest::{IngestError, RowCheck, Source};
use crate::model::parquet_schema::common::*;
use crate::model::parquet_schema::feedback::*;
use crate::model::{
    Category, Channel, FeedbackRecords, InputKind, Origin, Reason, Record, Registry, Status,
};

/// The columns read before the agency's, with their kind and whether
/// they are required.
const LEADING: [(&str, Kind, bool); 3] = [
    (ID, Kind::Text, true),
    (RECEIVED_AT, Kind::Date, true),
    (CHANNEL, Kind::Text, true),
];

/// The columns read after the agency's.
const HANDLING: [(&str, Kind, bool); 10] = [
    (CATEGORY, Kind::Text, false),
    (FIELD, Kind::Text, false),
    (FORWARDED_AT, Kind::Date, false),
    (DUE_AT, Kind::Date, false),
    (RESOLVED_AT, Kind::Date, false),
    (NOTIFIED_AT, Kind::Date, false),
    (PUBLISHED_AT, Kind::Date, false),
    (STATUS, Kind::Text, false),
    (RATING_SATISFIED, Kind::Bool, false),
    (RE_RAISED, Kind::Bool, false),
];

/// Reads a feedback dataset (a Parquet file or a folder of partitions) as
/// one input.
pub(in crate::ingest) fn read(
    source: &Source,
    registry: &Registry,
) -> Result<FileRead<FeedbackRecords>, IngestError> {
    let schema = [
        &LEADING[..],
        &AGENCY_COLUMNS,
        &HANDLING,
        &PROVENANCE_COLUMNS,
    ]
    .concat();
    let mut read = DatasetRead::open(source, InputKind::Feedback, &schema, registry)?;
    let (agencies, source_files) = (&mut read.agencies, &mut read.source_files);
    let batch = super::gather::read_in_export_order(&read.parts, &schema, |frame, part_name| {
        let shared = SharedColumns::of(&frame);
        let mut index = Vec::with_capacity(frame.height());
        let (ids, received, channels) = (
            frame.text(ID),
            frame.dates(RECEIVED_AT),
            frame.text(CHANNEL),
        );
        let (categories, fields, statuses) =
            (frame.text(CATEGORY), frame.text(FIELD), frame.text(STATUS));
        let (forwarded, due, resolved) = (
            frame.dates(FORWARDED_AT),
            frame.dates(DUE_AT),
            frame.dates(RESOLVED_AT),
        );
        let (notified, published) = (frame.dates(NOTIFIED_AT), frame.dates(PUBLISHED_AT));
        let (ratings, re_raised) = (frame.bools(RATING_SATISFIED), frame.bools(RE_RAISED));
        let mut batch: Batch<FeedbackRecords> = Batch::default();
        batch.records.reserve(frame.height());
        for i in 0..frame.height() {
            batch.rows += 1;
            let row = frame.row(i);
            let mut check = RowCheck::new(&part_name, None, row);
            let days = [
                &received, &forwarded, &due, &resolved, &notified, &published,
            ];
            check_dates(&mut check, i, days);
            let id = required(&mut check, ID, ID, ids[i]).unwrap_or_default();
            required(&mut check, RECEIVED_AT, RECEIVED_AT, received[i].as_ref());
            let channel = required(&mut check, CHANNEL, CHANNEL, channels[i]).and_then(|code| {
                let found = Channel::from_code(code);
                if found.is_none() {
                    check.reject(CHANNEL, code, Reason::UnknownChannel);
                }
                found
            });
            let agency = shared.agency(i, &mut check, agencies);
            if let (Some(received), Some(resolved)) = (received[i], resolved[i]) {
                if resolved < received {
                    let shown = crate::calendar::days::format_iso(resolved);
                    check.reject(RESOLVED_AT, &shown, Reason::ResolvedBeforeReceived);
                }
            }
            let category = code_cell(
                &mut check,
                CATEGORY,
                categories[i],
                Category::from_code,
                Reason::UnknownCategory,
            );
            let status = code_cell(
                &mut check,
                STATUS,
                statuses[i],
                Status::from_code,
                Reason::UnknownStatus,
            );
            for finding in check.findings.drain(..) {
                batch.findings.push(finding);
            }
            let (Some(received), Some(channel), Some(agency), false) =
                (received[i], channel, agency, check.rejected)
            else {
                batch.rejected += 1;
                if !id.is_empty() && source.snapshots {
                    batch.rejected_ids.push((id.to_string(), row));
                }
                continue;
            };
            let records = &mut batch.records;
            records.push(&Record {
                id,
                received,
                channel,
                agency,
                category,
                field: fields[i],
                days: [forwarded[i], due[i], resolved[i], notified[i], published[i]],
                status,
                rating: ratings[i],
                re_raised: re_raised[i],
                origin: Origin {
                    input: source.input,
                    row: row as u32,
                },
            });
            let (first_read, record_index) = shared.provenance(i, row, source_files);
            records.source.push(first_read);
            index.push(record_index);
        }
        (batch, index)
    })?;
    Ok(read.finish(source, batch, registry))
}

/// Rejects row `i` when a date the export could not hold is among `days`
/// (received, forwarded, due, resolved, notified, published).
fn check_dates(check: &mut RowCheck, i: usize, days: [&Vec<Option<i32>>; 6]) {
    let names = [
        RECEIVED_AT,
        FORWARDED_AT,
        DUE_AT,
        RESOLVED_AT,
        NOTIFIED_AT,
        PUBLISHED_AT,
    ];
    for (name, column) in names.into_iter().zip(days) {
        if column[i] == Some(OUT_OF_RANGE) {
            check.reject(name, "", Reason::DateOutOfRange);
        }
    }
}

/// A vocabulary code; an unknown one is an ignored cell.
pub(super) fn code_cell<T>(
    check: &mut RowCheck,
    column: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    reason: Reason,
) -> Option<T> {
    let code = value.filter(|v| !v.is_empty())?;
    let found = parse(code);
    if found.is_none() {
        check.ignore_cell(column, code, reason);
    }
    found
}
