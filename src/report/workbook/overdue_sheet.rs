//! The sheet "Quá hạn": the PAKN handled late in the period or pending past
//! their deadline on the as-of date, the most working days late first, as an
//! Excel table with autofilter so it can be sorted and filtered. The list is
//! written in full to `overdue.csv`; the sheet holds its first
//! `SHEET_ROWS` (10,000) rows — the cases a director follows up one by one; a
//! national list of a million rows is for the CSV and a database — and says
//! so when it holds fewer than the list.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::SheetInput;
use super::pakn_list::{excel_date, finish_table, pakn_cells, SHEET_ROWS};
use super::style::{open_sheet, print_setup};
use crate::report::csv_export::{overdue_headers, pending_label};
use crate::report::labels::fill;
use crate::report::labels::{Lang, Sheet};

/// Rows of a worksheet in Excel.
pub const EXCEL_MAX_ROWS: u32 = 1_048_576;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, overdue) = (input.summary, input.overdue);
    let (lang, formats) = (input.lang, input.formats);
    let headers = overdue_headers(lang);
    let last_column = headers.len() as u16 - 1;
    let mut row = open_sheet(sheet, Sheet::Overdue, last_column, input)?;
    for (col, width) in [16.0, 10.0, 36.0, 22.0, 12.0, 12.0, 14.0, 12.0, 30.0, 8.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, *width)?;
    }
    let count = overdue.len() as u64;
    let top = row + 1;
    let shown = overdue.len().min(SHEET_ROWS);
    let summary_line = fill(
        lang.pick(
            "{} PAKN quá hạn: {} xử lý quá hạn trong kỳ, {} đang xử lý quá hạn đến ngày {}. Toàn bộ danh sách có trong tệp overdue.csv.",
            "{} overdue PAKN: {} handled late in the period, {} pending past the deadline on {}. The full list is in overdue.csv.",
        ),
        &[&count, &summary.city.handling.overdue, &summary.city.handling.pending_overdue, &lang.date(&summary.as_of)],
    );
    let line = if shown < overdue.len() {
        match lang {
            Lang::Vi => format!(
                "{summary_line} Trang này chỉ hiển thị {} PAKN quá hạn nhiều ngày làm việc nhất.",
                lang.number(shown as f64, 0)
            ),
            Lang::En => format!(
                "{summary_line} This sheet shows only the {} PAKN the most working days late.",
                lang.number(shown as f64, 0)
            ),
        }
    } else {
        summary_line
    };
    sheet.write_string_with_format(row, 0, &line, &formats.unit)?;
    row = top;
    if overdue.is_empty() {
        sheet.write_string_with_format(
            row,
            0,
            lang.pick("Không có PAKN quá hạn.", "No PAKN is overdue."),
            &formats.note,
        )?;
        return print_setup(sheet, None);
    }
    for (i, record) in overdue.iter().take(shown).enumerate() {
        let r = row + 1 + i as u32;
        pakn_cells(sheet, r, input, &record.pakn, 8)?;
        match record.resolved {
            Some(day) => sheet.write_datetime_with_format(r, 6, excel_date(day)?, &formats.date)?,
            None => sheet.write_string_with_format(r, 6, pending_label(lang), &formats.plain)?,
        };
        let late = f64::from(record.working_days_late);
        sheet.write_number_with_format(r, 7, late, &formats.count)?;
    }
    finish_table(sheet, row, shown, &headers, input)
}
