//! The sheet "Xử lý PAKN" in the layout of the Circular 01/2020/TT-VPCP
//! forms: a merged two-row header of the received / handled / pending
//! groups, numbered columns, rows grouped and subtotalled by agency level,
//! and the city total.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::SheetInput;
use super::style::{
    by_level, group_label, open_sheet, print_setup, write_count, write_rate, Formats,
};
use crate::metrics::summary::Summary;
use crate::metrics::Handling;
use crate::report::labels::{self, Lang, Sheet};

/// Column groups: (group title, column titles), in the workbook's language.
fn groups(lang: Lang) -> Vec<(&'static str, Vec<&'static str>)> {
    // Groups are separated by " || ", a group's title from its columns by
    // ": ", columns by " | ".
    let text = lang.pick(
        "Tiếp nhận: Tổng số | Trực tuyến | Trực tiếp | Kỳ trước chuyển sang \
         || Đã xử lý: Tổng số | Trước hạn | Đúng hạn | Quá hạn \
         || Đang xử lý: Tổng số | Trong hạn | Quá hạn \
         || Tỷ lệ (%): Xử lý đúng hạn | Chuyển xử lý đúng hạn | Thông báo kết quả kịp thời \
         | Công khai kết quả kịp thời",
        "Received: Total | Online | Direct | Carried over \
         || Handled: Total | Early | On the due date | Late \
         || Pending: Total | Within the deadline | Past the deadline \
         || Rates (%): Handled on time | Forwarded on time | Result notified in time \
         | Result published in time",
    );
    text.split(" || ")
        .map(|group| {
            let (title, columns) = group.split_once(": ").unwrap_or((group, ""));
            (title, columns.split(" | ").collect())
        })
        .collect()
}

/// The last column of the layout (the fourth rate).
pub const LAST_COLUMN: u16 = 16;
/// The column of the on-time rate's funnel band, after the layout.
const FUNNEL_COLUMN: u16 = LAST_COLUMN + 1;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let top = open_sheet(sheet, Sheet::Handling, FUNNEL_COLUMN, input)?;
    let funnel_title = lang.pick(
        "Tỷ lệ đúng hạn so với toàn Thành phố (biểu đồ phễu)",
        "On-time rate against the city (funnel plot)",
    );
    write_header(
        sheet,
        top,
        lang.pick("Cơ quan, đơn vị", "Agency"),
        &[funnel_title],
        lang,
        formats,
    )?;
    sheet.set_freeze_panes(top + 3, 2)?;
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 44)?;
    for c in 2..=LAST_COLUMN {
        sheet.set_column_width(c, 11)?;
    }
    sheet.set_column_width(FUNNEL_COLUMN, 16)?;
    let mut row = top + 3;
    let mut number = 0;
    for (level, agencies) in by_level(summary) {
        let subtotal = summary
            .levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.handling)
            .unwrap_or_default();
        group_label(sheet, row, 1, labels::level_heading(lang, level), formats)?;
        handling_cells(sheet, row, &subtotal, formats, true)?;
        sheet.write_string_with_format(row, FUNNEL_COLUMN, "", &formats.group)?;
        row += 1;
        for agency in agencies {
            number += 1;
            sheet.write_number_with_format(row, 0, f64::from(number), &formats.count)?;
            sheet.write_string_with_format(row, 1, &agency.name, &formats.text)?;
            handling_cells(sheet, row, &agency.handling, formats, false)?;
            sheet.write_string_with_format(
                row,
                FUNNEL_COLUMN,
                labels::band(lang, agency.funnel.on_time_rate),
                &formats.dash,
            )?;
            row += 1;
        }
    }
    city_total_row(sheet, row, summary, FUNNEL_COLUMN, lang, formats)?;
    print_setup(sheet, Some((top, top + 2)))
}

/// Writes the three header rows of the Circular 01/2020 layout from `top`:
/// "STT", `unit` (what a row is), the merged groups of received / handled /
/// pending / rates, then one column per `extra` title, and the row of
/// column numbers.
pub fn write_header(
    sheet: &mut Worksheet,
    top: u32,
    unit: &str,
    extra: &[&str],
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.merge_range(top, 0, top + 1, 0, lang.pick("STT", "No."), &formats.header)?;
    sheet.merge_range(top, 1, top + 1, 1, unit, &formats.header)?;
    let mut col: u16 = 2;
    for (group, columns) in groups(lang) {
        let last = col + columns.len() as u16 - 1;
        sheet.merge_range(top, col, top, last, group, &formats.header)?;
        for (offset, title) in columns.iter().enumerate() {
            sheet.write_string_with_format(
                top + 1,
                col + offset as u16,
                *title,
                &formats.header,
            )?;
        }
        col = last + 1;
    }
    for title in extra {
        sheet.merge_range(top, col, top + 1, col, title, &formats.header)?;
        col += 1;
    }
    for c in 0..col {
        sheet.write_string_with_format(
            top + 2,
            c,
            format!("({})", c + 1),
            &formats.column_number,
        )?;
    }
    sheet.set_row_height(top + 1, 45)?;
    Ok(())
}

/// The city's total row of a table in this layout, its group format carried
/// over to `last_column`.
pub fn city_total_row(
    sheet: &mut Worksheet,
    row: u32,
    summary: &Summary,
    last_column: u16,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let total = lang.pick("Tổng cộng toàn Thành phố", "Whole city total");
    group_label(sheet, row, 1, total, formats)?;
    handling_cells(sheet, row, &summary.city.handling, formats, true)?;
    for col in LAST_COLUMN + 1..=last_column {
        sheet.write_string_with_format(row, col, "", &formats.group)?;
    }
    Ok(())
}

/// The 15 numbers of one row from column 2.
pub fn handling_cells(
    sheet: &mut Worksheet,
    row: u32,
    h: &Handling,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    let (count, rate) = formats.count_and_rate(total, false);
    let [received, online, rest @ ..] = h.flow_counts();
    let counts = [received, online, h.received_direct()]
        .into_iter()
        .chain(rest);
    for (offset, value) in counts.enumerate() {
        write_count(sheet, row, 2 + offset as u16, value, count)?;
    }
    let rates = [
        h.on_time_rate,
        h.forwarded_on_time_rate,
        h.notified_on_time_rate,
        h.published_on_time_rate,
    ];
    for (offset, value) in rates.iter().enumerate() {
        write_rate(sheet, row, 13 + offset as u16, *value, rate, formats)?;
    }
    Ok(())
}
