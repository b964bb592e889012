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

    /// A finding about this row.
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
            value: value.to_string(),
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
        match crate::calendar::parse::parse_date_with(&value, source.date_formats()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                if required {
                    self.missing(columns, field);
                }
                None
            }
            Err(e) => {
                self.reject(columns.header(field), &value.text(), e.reason());
                None
            }
        }
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
