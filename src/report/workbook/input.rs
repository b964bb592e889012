//! What every sheet is written from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{write_headers, Formats};
use crate::metrics::due_soon::DueSoonRecord;
use crate::metrics::overdue::OverdueRecord;
use crate::metrics::summary::Summary;
use crate::model::FindingList;
use crate::report::charts::ChartData;
use crate::report::labels::{self, Lang};

/// What a part of a sheet returns: the first row under what it wrote.
pub type NextRow = Result<u32, XlsxError>;

/// The numbers, lists and formats a sheet is written from.
#[derive(Clone, Copy)]
pub struct SheetInput<'a> {
    /// The run's numbers.
    pub summary: &'a Summary,
    /// What the charts draw (the same as the picture charts).
    pub charts: &'a ChartData,
    /// PAKN pending past their deadline, sorted.
    pub overdue: &'a [OverdueRecord],
    /// PAKN due soon, the earliest deadline first.
    pub due_soon: &'a [DueSoonRecord],
    /// The findings of the reading.
    pub findings: &'a FindingList,
    /// The workbook's language.
    pub lang: Lang,
    /// The workbook's cell formats.
    pub formats: &'a Formats,
}

impl<'a> SheetInput<'a> {
    /// The numbers, the language and the formats: what most parts of a
    /// sheet are written from.
    pub fn parts(&self) -> (&'a Summary, Lang, &'a Formats) {
        (self.summary, self.lang, self.formats)
    }

    /// Writes a section's heading, in the workbook's language, at `row`
    /// and returns the row after it.
    pub fn heading(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        vietnamese: &str,
        english: &str,
    ) -> Result<u32, XlsxError> {
        let text = self.lang.pick(vietnamese, english);
        sheet.write_string_with_format(row, 0, text, &self.formats.unit)?;
        Ok(row + 1)
    }

    /// Writes a table's opening: its heading at `row` and, on the row under
    /// it, its column headers from column `first`, each language's headers
    /// written `"A | B | C"`. Returns the row of the table's first line.
    pub fn table_opening(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        first: u16,
        title: [&str; 2],
        headers: [&'static str; 2],
    ) -> Result<u32, XlsxError> {
        let row = self.heading(sheet, row, title[0], title[1])?;
        let headers = labels::pick_row(self.lang, headers[0], headers[1]);
        write_headers(sheet, row, first, &headers, self.formats)?;
        Ok(row + 1)
    }
}
