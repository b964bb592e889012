//! The workbooks of a generated data set: a series of `.xlsx` files of at
//! most [`XLSX_ROWS_PER_FILE`] rows each.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::XLSX_ROWS_PER_FILE;

/// A series of workbooks of at most [`XLSX_ROWS_PER_FILE`] rows, written in
/// constant memory.
pub(super) struct XlsxSink {
    stem: &'static str,
    header: &'static [&'static str],
    file_number: usize,
    rows: usize,
    workbook: Option<Workbook>,
    date_format: Format,
}

impl XlsxSink {
    pub(super) fn new(stem: &'static str, header: &'static [&'static str]) -> Self {
        Self {
            stem,
            header,
            file_number: 0,
            rows: 0,
            workbook: None,
            date_format: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }

    /// Writes one row with `write`; returns the path of a workbook it
    /// completed to make room.
    pub(super) fn row(
        &mut self,
        folder: &Path,
        write: impl FnOnce(&mut Worksheet, u32, &Format) -> Result<(), XlsxError>,
    ) -> Result<Option<PathBuf>, XlsxError> {
        let mut finished = None;
        if self.rows == XLSX_ROWS_PER_FILE {
            finished = self.close(folder)?;
        }
        if self.workbook.is_none() {
            let mut workbook = super::super::writers::fixed_date_workbook()?;
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name("Data")?;
            for (col, title) in self.header.iter().enumerate() {
                sheet.write_string(0, col as u16, *title)?;
            }
            self.workbook = Some(workbook);
            self.file_number += 1;
            self.rows = 0;
        }
        if let Some(workbook) = self.workbook.as_mut() {
            let sheet = workbook.worksheet_from_index(0)?;
            self.rows += 1;
            write(sheet, self.rows as u32, &self.date_format)?;
        }
        Ok(finished)
    }

    /// Saves the current workbook, if any; returns its path.
    pub(super) fn close(&mut self, folder: &Path) -> Result<Option<PathBuf>, XlsxError> {
        let Some(mut workbook) = self.workbook.take() else {
            return Ok(None);
        };
        let path = folder
            .join("xlsx")
            .join(format!("{}-{:02}.xlsx", self.stem, self.file_number));
        workbook.save(&path)?;
        self.rows = 0;
        Ok(Some(path))
    }
}
