//! What every sheet is written from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::Formats;
use crate::metrics::overdue::OverdueRecord;
use crate::metrics::summary::Summary;
use crate::model::FindingList;
use crate::report::charts::ChartData;
use crate::report::labels::Lang;

/// The numbers, lists and formats a sheet is written from.
#[derive(Clone, Copy)]
pub struct SheetInput<'a> {
    /// The run's numbers.
    pub summary: &'a Summary,
    /// What the charts draw (the same as the picture charts).
    pub charts: &'a ChartData,
    /// PAKN pending past their deadline, sorted.
    pub overdue: &'a [OverdueRecord],
    /// The findings of the reading.
    pub findings: &'a FindingList,
    /// The workbook's language.
    pub lang: Lang,
    /// The workbook's cell formats.
    pub formats: &'a Formats,
}

impl SheetInput<'_> {
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
}
