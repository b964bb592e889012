//! Feedback records (PAKN) from a table to canonical records.

use std::collections::HashMap;

use super::columns::{MatchedColumns, FEEDBACK_FIELDS};
use super::ids::IdIndex;
use super::table::Row;
use super::{
    account_for, open_with_columns, AgencyLookup, IngestError, Inputs, RowCheck, Source, VocabMemo,
};
use crate::model::vocab::{parse_rating, parse_yes_no};
use crate::model::Reason;
use crate::model::{Category, Channel, InputAccount, InputKind, Origin, Registry, Status};

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

pub(super) fn read(
    source: &Source,
    registry: &mut Registry,
    seen_ids: &mut IdIndex,
    inputs: &mut Inputs,
) -> Result<InputAccount, IngestError> {
    let (table, columns) = open_with_columns(source, &FEEDBACK_FIELDS)?;
    let file = source.path.display().to_string();
    let input = source.input;
    let mut account = account_for(source.path, InputKind::Feedback, &table);
    let mut agencies = AgencyLookup::new(registry, source.profile);
    let mut channels: HashMap<String, Option<Channel>> = HashMap::new();
    let mut categories = VocabMemo::new(Category::parse, Reason::UnknownCategory);
    let mut statuses = VocabMemo::new(Status::parse, Reason::UnknownStatus);
    let mut ratings = VocabMemo::new(parse_rating, Reason::UnknownRating);
    let mut re_raised_memo = VocabMemo::new(parse_yes_no, Reason::UnknownYesNo);
    let header = |field: usize| columns.header(field);

    let expected_rows = table.estimated_rows();
    inputs.feedback.reserve(expected_rows);
    seen_ids.reserve(expected_rows);
    table.for_each_row(&file, |row_number, row| {
        account.rows += 1;
        if account.rows as u64 % crate::observe::ROWS_PER_REPORT == 0 {
            source.observer.rows(account.rows as u64);
        }
        let mut check = RowCheck::new(&file, table.sheet.as_deref(), row_number);
        if table.is_csv() {
            check.ragged(row.width(), table.headers.len());
        }

        let id = check.required_text(source, &columns, row, ID).into_owned();
        let received = check.date(source, &columns, row, RECEIVED, true);
        let forwarded = check.date(source, &columns, row, FORWARDED, false);
        let due = check.date(source, &columns, row, DUE, false);
        let resolved = check.date(source, &columns, row, RESOLVED, false);
        let notified = check.date(source, &columns, row, NOTIFIED, false);
        let published = check.date(source, &columns, row, PUBLISHED, false);

        let channel_text = check.required_text(source, &columns, row, CHANNEL);
        let channel = if channel_text.is_empty() {
            None
        } else {
            let found = match channels.get(channel_text.as_ref()) {
                Some(found) => *found,
                None => {
                    let found = Channel::parse(source.map_value("channel", &channel_text));
                    channels.insert(channel_text.to_string(), found);
                    found
                }
            };
            if found.is_none() {
                check.reject(header(CHANNEL), &channel_text, Reason::UnknownChannel);
            }
            found
        };
        let agency = agencies.find(source, &mut check, &columns, row, AGENCY);

        if let (Some(received), Some(resolved)) = (received, resolved) {
            if resolved < received {
                check.reject(
                    header(RESOLVED),
                    &columns.cell(row, RESOLVED).text(),
                    Reason::ResolvedBeforeReceived,
                );
            }
        }

        let category = optional_vocab(source, row, &columns, CATEGORY, &mut check, &mut categories);
        let status = optional_vocab(source, row, &columns, STATUS, &mut check, &mut statuses);
        let rating = optional_vocab(source, row, &columns, RATING, &mut check, &mut ratings);
        let re_raised = optional_vocab(
            source,
            row,
            &columns,
            RE_RAISED,
            &mut check,
            &mut re_raised_memo,
        );

        check.duplicate_id(header(ID), &id, seen_ids, &inputs.feedback.id);
        if status == Some(Status::DaXuLy) && resolved.is_none() && !check.rejected {
            check.warn(
                header(STATUS),
                &columns.cell(row, STATUS).text(),
                Reason::HandledWithoutDate,
            );
        }

        let rejected = check.rejected;
        inputs.findings.append(&mut check.findings);
        match (received, channel, agency) {
            (Some(received), Some(channel), Some(agency)) if !rejected => {
                account.accepted += 1;
                let records = &mut inputs.feedback;
                seen_ids.insert(&id, records.id.len(), &records.id);
                records.id.push(id);
                records.received.push(received);
                records.channel.push(channel);
                records.agency.push(agency);
                records.category.push(category);
                let field_text = columns.cell(row, FIELD).text().into_owned();
                records
                    .field
                    .push((!field_text.is_empty()).then_some(field_text));
                records.forwarded.push(forwarded);
                records.due.push(due);
                records.resolved.push(resolved);
                records.notified.push(notified);
                records.published.push(published);
                records.status.push(status);
                records.rating.push(rating);
                records.re_raised.push(re_raised);
                records.origin.push(Origin {
                    input,
                    row: row_number as u32,
                });
            }
            _ => account.rejected += 1,
        }
    })?;
    Ok(account)
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
