//! The sheet "Chất lượng dữ liệu": rows read, accepted and rejected per
//! file and sheet, then every finding with its file, sheet, row, column,
//! value, reason and effect.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::SheetInput;
use super::overdue_sheet::EXCEL_MAX_ROWS;
use super::style::{open_sheet, print_setup, write_count, write_headers, Formats};
use crate::metrics::summary::Summary;
use crate::model::KEPT_PER_REASON;
use crate::report::labels::fill;
use crate::report::labels::{self, Lang, Sheet};

/// The table of input files from `row`: file, kind, sheet, size, rows
/// read, used, rejected and superseded by a later export (`--snapshots`),
/// and with `checksum` the SHA-256; returns the row below it.
pub(super) fn inputs_table(
    sheet: &mut Worksheet,
    mut row: u32,
    summary: &Summary,
    lang: Lang,
    formats: &Formats,
    checksum: bool,
) -> Result<u32, XlsxError> {
    let mut headers = labels::pick_row(
        lang,
        "Tệp | Loại dữ liệu | Trang tính | Dung lượng (byte) | Số dòng đọc | Sử dụng | Loại \
         | Thay bằng lần xuất sau",
        "File | Kind | Sheet | Size (bytes) | Rows read | Used | Rejected \
         | Superseded by a later export",
    );
    if checksum {
        headers.push("SHA-256");
    }
    write_headers(sheet, row, 0, &headers, formats)?;
    row += 1;
    for input in &summary.inputs {
        sheet.write_string_with_format(row, 0, &input.path, &formats.text)?;
        sheet.write_string_with_format(
            row,
            1,
            labels::input_kind(lang, input.kind),
            &formats.text,
        )?;
        sheet.write_string_with_format(
            row,
            2,
            input.sheet.as_deref().unwrap_or(""),
            &formats.text,
        )?;
        write_count(sheet, row, 3, input.bytes, &formats.count)?;
        write_count(sheet, row, 4, input.rows as u64, &formats.count)?;
        write_count(sheet, row, 5, input.accepted as u64, &formats.count)?;
        write_count(sheet, row, 6, input.rejected as u64, &formats.count)?;
        write_count(sheet, row, 7, input.superseded as u64, &formats.count)?;
        if checksum {
            sheet.write_string_with_format(row, 8, &input.sha256, &formats.plain)?;
        }
        row += 1;
    }
    Ok(row)
}

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, findings) = (input.summary, input.findings);
    let (lang, formats) = (input.lang, input.formats);
    let mut row = open_sheet(sheet, Sheet::Quality, 7, input)?;
    row = input.heading(
        sheet,
        row,
        "1. Số dòng theo tệp (đọc = sử dụng + loại + thay bằng lần xuất sau)",
        "1. Rows per file (read = used + rejected + superseded)",
    )?;
    row = inputs_table(sheet, row, summary, lang, formats, false)?;
    row += 1;
    row = input.heading(sheet, row, "2. Các vấn đề phát hiện", "2. Findings")?;
    let header_row = row;
    write_headers(sheet, row, 0, &labels::finding_headers(lang), formats)?;
    row += 1;
    let room = (EXCEL_MAX_ROWS - row - 1) as usize;
    let kept = findings.kept().count();
    let shown = kept.min(room.saturating_sub(1));
    let total = findings.len();
    if findings.is_empty() {
        sheet.write_string(row, 0, lang.pick("Không có vấn đề nào.", "No findings."))?;
    } else if (shown as u64) < total {
        let note = fill(
            lang.pick(
                "Có {} vấn đề; trang này hiển thị {} vấn đề đầu tiên (tối đa {} vấn đề mỗi tệp và mỗi lý do), {} vấn đề còn lại có trong tệp findings.csv (tệp này có đủ mọi vấn đề).",
                "{} findings; this sheet shows the first {} (at most {} per file and reason), the other {} are in findings.csv, which lists every one.",
            ),
            &[&lang.number(total as f64, 0), &lang.number(shown as f64, 0), &lang.number(KEPT_PER_REASON as f64, 0), &lang.number((total - shown as u64) as f64, 0)],
        );
        sheet.write_string_with_format(row, 0, &note, &formats.unit)?;
        row += 1;
    }
    for finding in findings.kept().take(shown) {
        sheet.write_string_with_format(row, 0, &finding.file, &formats.plain)?;
        sheet.write_string_with_format(
            row,
            1,
            finding.sheet.as_deref().unwrap_or(""),
            &formats.plain,
        )?;
        sheet.write_number_with_format(row, 2, finding.row as f64, &formats.row_number)?;
        sheet.write_string_with_format(row, 3, &finding.column, &formats.plain)?;
        sheet.write_string_with_format(row, 4, &finding.value, &formats.plain)?;
        sheet.write_string_with_format(
            row,
            5,
            labels::reason_in(lang, &finding.reason),
            &formats.plain,
        )?;
        sheet.write_string_with_format(
            row,
            6,
            labels::effect(lang, finding.effect),
            &formats.plain,
        )?;
        row += 1;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    for (col, width) in [34.0, 14.0, 14.0, 22.0, 26.0, 60.0, 12.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, *width)?;
    }
    print_setup(sheet, Some((header_row, header_row)))
}
