//! The sheet "Sắp đến hạn": the PAKN still pending on the as-of date whose
//! deadline falls within the next working days — the Department's list of
//! PAKN to chase before they become overdue. First the count per agency,
//! most first; then the list, the earliest deadline first, as an Excel
//! table with autofilter. `due-soon.csv` holds the whole list.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::{NextRow, SheetInput};
use super::pakn_list::{finish_table, pakn_cells, SHEET_ROWS};
use super::style::{open_sheet, print_setup, write_count};
use crate::metrics::summary::AgencyResults;
use crate::report::csv_export::due_soon_headers;
use crate::report::labels::{fill, Sheet};

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, list) = (input.summary, input.due_soon);
    let (lang, formats) = (input.lang, input.formats);
    let headers = due_soon_headers(lang);
    let mut row = open_sheet(sheet, Sheet::DueSoon, headers.len() as u16 - 1, input)?;
    for (col, width) in [16.0, 10.0, 36.0, 22.0, 12.0, 12.0, 14.0, 30.0, 8.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, *width)?;
    }
    let count = summary.city.handling.due_soon.unwrap_or_default();
    let line = fill(
        lang.pick(
            "{} PAKN đang xử lý có hạn xử lý trong {} ngày làm việc sau ngày {}. Toàn bộ danh sách có trong tệp due-soon.csv.",
            "{} pending PAKN are due within {} working days after {}. The full list is in due-soon.csv.",
        ),
        &[&count, &summary.config.due_soon_working_days, &lang.date(&summary.as_of)],
    );
    sheet.write_string_with_format(row, 0, &line, &formats.unit)?;
    row += 2;
    if list.is_empty() {
        let none = lang.pick("Không có PAKN sắp đến hạn.", "No PAKN is due soon.");
        sheet.write_string_with_format(row, 0, none, &formats.note)?;
        return print_setup(sheet, None);
    }
    row = agency_counts(sheet, input, row)?;
    let shown = list.len().min(SHEET_ROWS);
    let title = if shown < list.len() {
        fill(
            lang.pick(
                "2. Danh sách ({} PAKN có hạn xử lý sớm nhất)",
                "2. The list (the {} PAKN due first)",
            ),
            &[&lang.number(shown as f64, 0)],
        )
    } else {
        lang.pick("2. Danh sách", "2. The list").to_string()
    };
    sheet.write_string_with_format(row, 0, &title, &formats.unit)?;
    row += 1;
    for (i, record) in list.iter().take(shown).enumerate() {
        let r = row + 1 + i as u32;
        pakn_cells(sheet, r, input, &record.pakn, 7)?;
        let left = f64::from(record.working_days_left);
        sheet.write_number_with_format(r, 6, left, &formats.count)?;
    }
    finish_table(sheet, row, shown, &headers, input)
}

/// Section 1: the agencies with PAKN due soon, the most first (ties in the
/// summary's order), with their pending PAKN. Returns the row after it.
fn agency_counts(sheet: &mut Worksheet, input: &SheetInput<'_>, row: u32) -> NextRow {
    let formats = input.formats;
    let mut row = input.table_opening(
        sheet,
        row,
        0,
        [
            "1. Số PAKN sắp đến hạn theo cơ quan",
            "1. PAKN due soon by agency",
        ],
        [
            "STT | Mã cơ quan | Cơ quan, đơn vị | Sắp đến hạn | Đang xử lý",
            "No. | Agency code | Agency | Due soon | Pending",
        ],
    )?;
    let due_soon = |a: &AgencyResults| a.handling.due_soon.unwrap_or_default();
    let mut agencies: Vec<&AgencyResults> = input
        .summary
        .agencies
        .iter()
        .filter(|a| due_soon(a) > 0)
        .collect();
    agencies.sort_by_key(|a| std::cmp::Reverse(due_soon(a)));
    for (number, agency) in agencies.into_iter().enumerate() {
        write_count(sheet, row, 0, number as u64 + 1, &formats.count)?;
        sheet.write_string_with_format(row, 1, &agency.code, &formats.text)?;
        sheet.write_string_with_format(row, 2, &agency.name, &formats.text)?;
        write_count(sheet, row, 3, due_soon(agency), &formats.count)?;
        write_count(sheet, row, 4, agency.handling.pending, &formats.count)?;
        row += 1;
    }
    Ok(row + 1)
}
