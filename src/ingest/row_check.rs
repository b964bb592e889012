//! The findings of one row being read, and whether it is rejected.

use std::borrow::Cow;

use super::columns::MatchedColumns;
use super::table::Row;
use super::Source;
use crate::calendar::Day;
use crate::model::{Effect, Finding, Reason};

/// Collects the findings of one row and whether it is rejected.
pub(super) struct RowCheck<'a> {
    pub(super) file: &'a str,
    pub(super) sheet: Option<&'a str>,
    pub(super) row: usize,
    pub(super) findings: Vec<Finding>,
    pub(super) rejected: bool,
}

impl<'a> RowCheck<'a> {
    pub(super) fn new(file: &'a str, sheet: Option<&'a str>, row: usize) -> Self {
        Self {
            file,
            sheet,
            row,
            findings: Vec::new(),
            rejected: false,
        }
    }

    pub(super) fn add(&mut self, column: &str, value: &str, reason: Reason, effect: Effect) {
        if effect == Effect::RowRejected {
            self.rejected = true;
        }
        let finding = self.finding(column, value, reason, effect);
        self.findings.push(finding);
    }

    /// A finding about this row (its value cut to [`SHOWN_VALUE_CHARS`]).
    pub(super) fn finding(
        &self,
        column: &str,
        value: &str,
        reason: Reason,
        effect: Effect,
    ) -> Finding {
        Finding {
            file: self.file.to_string(),
            sheet: self.sheet.map(str::to_string),
            row: self.row,
            column: column.to_string(),
            value: shown_value(value).into_owned(),
            reason,
            effect,
        }
    }

    pub(super) fn reject(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::RowRejected);
    }

    pub(super) fn ignore_cell(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::CellIgnored);
    }

    pub(super) fn warn(&mut self, column: &str, value: &str, reason: Reason) {
        self.add(column, value, reason, Effect::Warning);
    }

    /// A text cell (or the profile's default) that must not be blank.
    pub(super) fn required_text<'r>(
        &mut self,
        source: &'r Source,
        columns: &MatchedColumns,
        row: &'r dyn Row,
        field: usize,
    ) -> Cow<'r, str> {
        let text = source.text(columns, row, field);
        if text.is_empty() {
            self.missing(columns, field);
        }
        text
    }

    pub(super) fn missing(&mut self, columns: &MatchedColumns, field: usize) {
        let reason = Reason::Missing {
            field: columns.name(field).to_string(),
        };
        self.reject(columns.header(field), "", reason);
    }

    /// A date cell (or the profile's default when blank), read with the
    /// profile's formats first; a blank required date or an unreadable date
    /// rejects the row.
    pub(super) fn date(
        &mut self,
        source: &Source,
        columns: &MatchedColumns,
        row: &dyn Row,
        field: usize,
        required: bool,
    ) -> Option<Day> {
        // The profile's default stands in for a blank cell; a filled cell is
        // parsed as it is (a date cell is never turned into text first).
        let cell = columns.cell(row, field);
        let value = match source.default_of(columns, field) {
            Some(default) if !default.is_empty() && cell.is_blank() => {
                super::table::Cell::Text(default)
            }
            _ => cell,
        };
        match crate::ingest::dates::parse_date_with(&value, source.date_formats()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                if required {
                    self.missing(columns, field);
                }
                None
            }
            Err(e) => {
                self.reject(
                    columns.header(field),
                    &value.text(),
                    super::dates::reason(e),
                );
                None
            }
        }
    }

    /// Rejects a CSV record cut short at a stray quote; true when it was one.
    pub(super) fn stray_quote(&mut self, columns: &MatchedColumns, row: &dyn Row) -> bool {
        let Some(stray) = row.stray_quote() else {
            return false;
        };
        let header = columns
            .headers
            .get(stray.field)
            .map(String::as_str)
            .unwrap_or_default();
        let value = shown_value(stray.line);
        self.reject(header, &value, Reason::StrayQuote);
        true
    }

    /// When the row was rejected only for required values that lie past
    /// its last field (a CSV row of `found` fields under a header of
    /// `expected`), its findings become one: the row is too short.
    pub(super) fn settle_short_row(
        &mut self,
        columns: &MatchedColumns,
        found: usize,
        expected: usize,
    ) {
        if !self.rejected || found >= expected {
            return;
        }
        let mut missing = Vec::new();
        for finding in &self.findings {
            match &finding.reason {
                Reason::RaggedRow { .. } => {}
                Reason::Missing { field } => {
                    let column = columns
                        .names
                        .iter()
                        .position(|name| name == field)
                        .and_then(|k| columns.index.get(k).copied().flatten());
                    match column {
                        Some(column) if column >= found => missing.push(field.as_str()),
                        _ => return,
                    }
                }
                _ => return,
            }
        }
        if missing.is_empty() {
            return;
        }
        let reason = Reason::ShortRow {
            found,
            expected,
            missing: missing.join(", "),
        };
        let finding = self.finding("", &format!("{found} fields"), reason, Effect::RowRejected);
        self.findings.clear();
        self.findings.push(finding);
    }

    /// Notes a CSV row with more or fewer fields than the header.
    pub(super) fn ragged(&mut self, found: usize, expected: usize) {
        if found != expected {
            self.warn(
                "",
                &format!("{found} fields"),
                Reason::RaggedRow { found, expected },
            );
        }
    }
}

/// The characters of a cell a finding keeps: enough to find it in the file.
pub const SHOWN_VALUE_CHARS: usize = 200;

/// `value` cut to [`SHOWN_VALUE_CHARS`] characters, with "…" when cut.
pub(super) fn shown_value(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(SHOWN_VALUE_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &value[..cut])),
        None => Cow::Borrowed(value),
    }
}
