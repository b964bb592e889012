//! What the sheets that list PAKN one by one ("Quá hạn", "Sắp đến hạn")
//! share: the cells that name a PAKN, its agency and its dates, and the
//! Excel table with autofilter they are laid out in.

use rust_xlsxwriter::{ExcelDateTime, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use super::input::SheetInput;
use super::style::print_setup;
use crate::calendar::days::date_of;
use crate::calendar::Day;
use crate::metrics::listed::ListedPakn;
use crate::report::labels;

/// Listed PAKN shown on a sheet at most; the CSV beside the workbook holds
/// the whole list.
pub const SHEET_ROWS: usize = 10_000;

/// A day as an Excel date.
pub fn excel_date(day: Day) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let d = date_of(day);
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Writes the id, the agency's code and name, the channel, the day received
/// and the deadline in columns 0–5 of row `r`, and the file and row in the
/// two columns from `file_column`.
pub fn pakn_cells(
    sheet: &mut Worksheet,
    r: u32,
    input: &SheetInput<'_>,
    pakn: &ListedPakn,
    file_column: u16,
) -> Result<(), XlsxError> {
    let (formats, lang) = (input.formats, input.lang);
    let agency = input.summary.agencies.get(pakn.agency as usize);
    let code = agency.map(|a| a.code.as_str()).unwrap_or_default();
    let name = agency.map(|a| a.name.as_str()).unwrap_or_default();
    sheet.write_string_with_format(r, 0, &pakn.id, &formats.plain)?;
    sheet.write_string_with_format(r, 1, code, &formats.plain)?;
    sheet.write_string_with_format(r, 2, name, &formats.plain)?;
    let channel = labels::channel(lang, pakn.channel);
    sheet.write_string_with_format(r, 3, channel, &formats.plain)?;
    sheet.write_datetime_with_format(r, 4, excel_date(pakn.received)?, &formats.date)?;
    sheet.write_datetime_with_format(r, 5, excel_date(pakn.due)?, &formats.date)?;
    sheet.write_string_with_format(r, file_column, &*pakn.file, &formats.plain)?;
    let row = f64::from(pakn.origin.row);
    sheet.write_number_with_format(r, file_column + 1, row, &formats.row_number)?;
    Ok(())
}

/// Lays the `shown` rows under the header row `row` out as an Excel table
/// with autofilter, freezes the header and sets the print.
pub fn finish_table(
    sheet: &mut Worksheet,
    row: u32,
    shown: usize,
    headers: &[&str],
    input: &SheetInput<'_>,
) -> Result<(), XlsxError> {
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(&input.formats.header)
        })
        .collect();
    let table = Table::new()
        .set_columns(&columns)
        .set_style(TableStyle::Light9)
        .set_autofilter(true);
    let last_column = headers.len() as u16 - 1;
    sheet.add_table(row, 0, row + shown as u32, last_column, &table)?;
    sheet.set_row_height(row, 32)?;
    sheet.set_freeze_panes(row + 1, 1)?;
    print_setup(sheet, Some((row, row)))
}
