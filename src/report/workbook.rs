//! The quarterly workbook `bao-cao-<period>.xlsx`, in Vietnamese: a summary
//! sheet, satisfaction per agency, handling per agency in the layout of the
//! Circular 01/2020/TT-VPCP forms, and the data-quality sheet.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::labels::{self, CRITERION_NAMES, ELEMENT_NAME};
use super::ReportError;
use crate::calendar::days::format_vn;
use crate::calendar::parse::parse_iso_date;
use crate::metrics::summary::{AgencyResults, Summary};
use crate::metrics::targets::TargetResult;
use crate::metrics::{Handling, Satisfaction};
use crate::model::{AgencyLevel, Finding};

/// Writes the workbook to `path`.
pub fn write(summary: &Summary, findings: &[Finding], path: &Path) -> Result<(), ReportError> {
    build(summary, findings, path).map_err(|e| ReportError::Workbook {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Cell formats shared by the sheets.
struct Formats {
    unit: Format,
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    count: Format,
    rate: Format,
    dash: Format,
    group: Format,
    group_count: Format,
    group_rate: Format,
    muted_count: Format,
    muted_rate: Format,
    column_number: Format,
    note: Format,
    row_number: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Self {
        let bordered = Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_name("Times New Roman");
        let header = bordered
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xDDEBF7));
        let group = bordered
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xF2F2F2));
        let muted = bordered.clone().set_font_color(Color::RGB(0x808080));
        Self {
            unit: Format::new().set_font_name("Times New Roman").set_bold(),
            title: Format::new()
                .set_font_name("Times New Roman")
                .set_bold()
                .set_font_size(13)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_font_name("Times New Roman")
                .set_italic()
                .set_align(FormatAlign::Center),
            text: bordered
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            count: bordered.clone().set_num_format("#,##0"),
            rate: bordered.clone().set_num_format("0.00"),
            dash: bordered.clone().set_align(FormatAlign::Center),
            group_count: group.clone().set_num_format("#,##0"),
            group_rate: group.clone().set_num_format("0.00"),
            group,
            muted_count: muted.clone().set_num_format("#,##0"),
            muted_rate: muted.set_num_format("0.00"),
            row_number: bordered.clone().set_num_format("0"),
            plain: bordered.clone(),
            note: Format::new()
                .set_font_name("Times New Roman")
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            column_number: bordered.clone().set_italic().set_align(FormatAlign::Center),
            header,
        }
    }
}

fn build(summary: &Summary, findings: &[Finding], path: &Path) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(summary)?);

    summary_sheet(workbook.add_worksheet(), summary, &formats)?;
    satisfaction_sheet(workbook.add_worksheet(), summary, &formats)?;
    handling_sheet(workbook.add_worksheet(), summary, &formats)?;
    quality_sheet(workbook.add_worksheet(), summary, findings, &formats)?;
    workbook.save(path)
}

/// Document properties, dated by the period's end so that re-runs match.
fn properties(summary: &Summary) -> Result<DocProperties, XlsxError> {
    let end = parse_iso_date(&summary.period.end).map(crate::calendar::days::date_of);
    let created = match end {
        Some(date) => {
            use chrono::Datelike;
            ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?
        }
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    Ok(DocProperties::new()
        .set_title(format!(
            "{} – {}",
            labels::REPORT_TITLE,
            summary.period.name_vi
        ))
        .set_author(&summary.reporting_unit)
        .set_company(&summary.reporting_unit)
        .set_creation_datetime(&created))
}

/// The title block of every sheet; returns the first row below it.
fn title_block(
    sheet: &mut Worksheet,
    summary: &Summary,
    sheet_title: &str,
    unit_of_measure: &str,
    last_column: u16,
    formats: &Formats,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(
        0,
        0,
        format!("Đơn vị báo cáo: {}", summary.reporting_unit),
        &formats.unit,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        format!("Đơn vị nhận báo cáo: {}", summary.receiving_unit),
        &formats.unit,
    )?;
    sheet.merge_range(3, 0, 3, last_column, sheet_title, &formats.title)?;
    sheet.set_row_height(3, 36)?;
    let period = format!(
        "Kỳ báo cáo: {} (từ ngày {} đến ngày {})",
        summary.period.name_vi,
        vn_date(&summary.period.start),
        vn_date(&summary.period.end)
    );
    sheet.merge_range(4, 0, 4, last_column, &period, &formats.subtitle)?;
    let as_of = format!(
        "Số liệu tính đến ngày {}. Đơn vị tính: {}",
        vn_date(&summary.as_of),
        unit_of_measure
    );
    sheet.merge_range(5, 0, 5, last_column, &as_of, &formats.subtitle)?;
    Ok(7)
}

fn vn_date(iso: &str) -> String {
    parse_iso_date(iso)
        .map(format_vn)
        .unwrap_or_else(|| iso.to_string())
}

fn write_count(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: u64,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, col, value as f64, format)?;
    Ok(())
}

fn write_rate(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => sheet.write_number_with_format(row, col, v, format)?,
        None => sheet.write_string_with_format(row, col, "–", &formats.dash)?,
    };
    Ok(())
}

fn summary_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(labels::SHEET_SUMMARY)?;
    let mut row = title_block(
        sheet,
        summary,
        labels::REPORT_TITLE,
        "%, ý kiến, PAKN",
        11,
        formats,
    )?;
    sheet.set_column_width(0, 62)?;
    for col in 1..=11 {
        sheet.set_column_width(col, 14)?;
    }
    sheet.set_column_width(10, 18)?;

    sheet.write_string_with_format(
        row,
        0,
        "1. Mức độ hài lòng đối với việc tiếp nhận, xử lý PAKN (toàn Thành phố)",
        &formats.unit,
    )?;
    row += 1;
    let baseline_header = format!("Năm {} (%)", summary.baseline.year);
    let headers = [
        "Tiêu chí",
        "Số ý kiến trả lời",
        "Số ý kiến hài lòng",
        "Chỉ số (%)",
        "Cận dưới KTC 95%",
        "Cận trên KTC 95%",
        baseline_header.as_str(),
        "Tăng/giảm (điểm %)",
        "Mục tiêu tối thiểu (%)",
        "Mục tiêu tối đa (%)",
        "Đánh giá",
        "Còn thiếu (điểm %)",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &formats.header)?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    row += 1;
    let city = &summary.city.survey;
    let changes = summary.change_vs_baseline.values();
    for (k, criterion) in city.criteria().iter().enumerate() {
        sheet.write_string_with_format(row, 0, CRITERION_NAMES[k], &formats.text)?;
        write_count(sheet, row, 1, criterion.n, &formats.count)?;
        write_count(sheet, row, 2, criterion.satisfied, &formats.count)?;
        write_rate(sheet, row, 3, criterion.index, &formats.rate, formats)?;
        write_rate(sheet, row, 4, criterion.ci_low, &formats.rate, formats)?;
        write_rate(sheet, row, 5, criterion.ci_high, &formats.rate, formats)?;
        write_rate(
            sheet,
            row,
            6,
            summary.baseline.criterion(k),
            &formats.rate,
            formats,
        )?;
        write_rate(sheet, row, 7, changes[k], &formats.rate, formats)?;
        let indicator = format!("TC{}", k + 1);
        target_cells(
            sheet,
            row,
            8,
            city_target(summary, &indicator),
            formats,
            false,
        )?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, ELEMENT_NAME, &formats.group)?;
    sheet.write_string_with_format(row, 1, "", &formats.group)?;
    sheet.write_string_with_format(row, 2, "", &formats.group)?;
    write_rate(sheet, row, 3, city.element, &formats.group_rate, formats)?;
    sheet.write_string_with_format(row, 4, "", &formats.group)?;
    sheet.write_string_with_format(row, 5, "", &formats.group)?;
    write_rate(
        sheet,
        row,
        6,
        Some(summary.baseline.element),
        &formats.group_rate,
        formats,
    )?;
    write_rate(sheet, row, 7, changes[4], &formats.group_rate, formats)?;
    target_cells(
        sheet,
        row,
        8,
        city_target(summary, "element"),
        formats,
        true,
    )?;
    row += 2;

    sheet.write_string_with_format(
        row,
        0,
        "2. Tình hình tiếp nhận, xử lý PAKN (toàn Thành phố)",
        &formats.unit,
    )?;
    row += 1;
    sheet.write_string_with_format(row, 0, "Chỉ tiêu", &formats.header)?;
    sheet.write_string_with_format(row, 1, "Số lượng / Tỷ lệ", &formats.header)?;
    sheet.write_string_with_format(row, 2, "Đánh giá", &formats.header)?;
    row += 1;
    let h = &summary.city.handling;
    let counts: [(&str, u64); 10] = [
        ("Tổng số PAKN tiếp nhận trong kỳ", h.received),
        ("   trong đó: qua kênh trực tuyến", h.received_online),
        ("Kỳ trước chuyển sang", h.carried_over),
        ("Đã xử lý trong kỳ", h.handled),
        ("   trong đó: trước hạn", h.early),
        ("   trong đó: đúng hạn", h.on_due),
        ("   trong đó: quá hạn", h.overdue),
        ("Đang xử lý", h.pending),
        ("   trong đó: trong hạn", h.pending_in_time),
        ("   trong đó: quá hạn", h.pending_overdue),
    ];
    for (label, value) in counts {
        sheet.write_string_with_format(row, 0, label, &formats.text)?;
        write_count(sheet, row, 1, value, &formats.count)?;
        row += 1;
    }
    let rates: [(&str, Option<f64>); 4] = [
        ("Tỷ lệ xử lý đúng hạn (%)", h.on_time_rate),
        ("Tỷ lệ chuyển xử lý đúng hạn (%)", h.forwarded_on_time_rate),
        (
            "Tỷ lệ thông báo kết quả kịp thời (%)",
            h.notified_on_time_rate,
        ),
        (
            "Tỷ lệ công khai kết quả kịp thời (%)",
            h.published_on_time_rate,
        ),
    ];
    let rate_targets = [
        "on_time_rate",
        "forwarded_on_time_rate",
        "notified_on_time_rate",
        "published_on_time_rate",
    ];
    for ((label, value), indicator) in rates.into_iter().zip(rate_targets) {
        sheet.write_string_with_format(row, 0, label, &formats.text)?;
        write_rate(sheet, row, 1, value, &formats.rate, formats)?;
        if let Some(target) = city_target(summary, indicator) {
            sheet.write_string_with_format(row, 2, target.status.label_vi(), &formats.text)?;
        }
        row += 1;
    }
    row += 1;

    sheet.write_string_with_format(row, 0, "3. Dữ liệu đầu vào", &formats.unit)?;
    row += 1;
    let read: usize = summary.inputs.iter().map(|i| i.rows).sum();
    let accepted: usize = summary.inputs.iter().map(|i| i.accepted).sum();
    let facts: [(&str, usize); 5] = [
        ("Số dòng dữ liệu đã đọc", read),
        ("Số dòng được sử dụng", accepted),
        (
            "Số dòng bị loại (xem trang Chất lượng dữ liệu)",
            summary.findings.rows_rejected,
        ),
        ("Số ô bị bỏ qua", summary.findings.cells_ignored),
        ("Số lưu ý", summary.findings.warnings),
    ];
    for (label, value) in facts {
        sheet.write_string_with_format(row, 0, label, &formats.text)?;
        write_count(sheet, row, 1, value as u64, &formats.count)?;
        row += 1;
    }
    row += 1;
    let days_off: Vec<String> = summary
        .days_off
        .iter()
        .map(|d| format!("{} ({})", vn_date(&d.date), labels::holiday(d.holiday)))
        .collect();
    let days_off = if days_off.is_empty() {
        "không có".to_string()
    } else {
        days_off.join("; ")
    };
    let note = format!(
        "Ghi chú: Thời hạn xử lý khi PAKN không ghi hạn: {} ngày làm việc. Ngày nghỉ lễ, Tết trong kỳ (ngày làm việc): {}.",
        summary.deadline_working_days, days_off
    );
    sheet.merge_range(row, 0, row, 11, &note, &formats.note)?;
    sheet.set_row_height(row, 48)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The city's result for one target indicator.
fn city_target<'a>(summary: &'a Summary, indicator: &str) -> Option<&'a TargetResult> {
    summary
        .city
        .targets
        .iter()
        .find(|t| t.indicator == indicator)
}

/// Target range, status and gap in four cells from `first`.
fn target_cells(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    target: Option<&TargetResult>,
    formats: &Formats,
    group: bool,
) -> Result<(), XlsxError> {
    let (rate, text) = if group {
        (&formats.group_rate, &formats.group)
    } else {
        (&formats.rate, &formats.text)
    };
    let Some(target) = target else {
        for col in first..first + 4 {
            sheet.write_string_with_format(row, col, "", text)?;
        }
        return Ok(());
    };
    write_rate(sheet, row, first, target.target_min, rate, formats)?;
    write_rate(sheet, row, first + 1, target.target_max, rate, formats)?;
    sheet.write_string_with_format(row, first + 2, target.status.label_vi(), text)?;
    write_rate(sheet, row, first + 3, target.gap, rate, formats)?;
    Ok(())
}

/// Agencies grouped by level, in registry order within a level.
fn by_level(summary: &Summary) -> Vec<(AgencyLevel, Vec<&AgencyResults>)> {
    AgencyLevel::ALL
        .iter()
        .map(|&level| {
            (
                level,
                summary
                    .agencies
                    .iter()
                    .filter(|a| a.level == level)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, agencies)| !agencies.is_empty())
        .collect()
}

fn satisfaction_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(labels::SHEET_SATISFACTION)?;
    let last_column = 3 + 16 + 2;
    let mut row = title_block(
        sheet,
        summary,
        "MỨC ĐỘ HÀI LÒNG VỀ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ THEO CƠ QUAN, ĐƠN VỊ",
        "%, ý kiến",
        last_column,
        formats,
    )?;
    let top = row;
    for (col, header) in ["STT", "Mã", "Cơ quan, đơn vị", "Số phiếu"]
        .iter()
        .enumerate()
    {
        sheet.merge_range(
            top,
            col as u16,
            top + 1,
            col as u16,
            header,
            &formats.header,
        )?;
    }
    for k in 0..4u16 {
        let first = 4 + k * 4;
        sheet.merge_range(
            top,
            first,
            top,
            first + 3,
            &format!("TC{}", k + 1),
            &formats.header,
        )?;
        for (offset, header) in ["Số ý kiến", "Chỉ số (%)", "Cận dưới", "Cận trên"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(
                top + 1,
                first + offset as u16,
                *header,
                &formats.header,
            )?;
        }
    }
    sheet.merge_range(
        top,
        20,
        top + 1,
        20,
        "Chỉ số thành phần (%)",
        &formats.header,
    )?;
    sheet.merge_range(top, 21, top + 1, 21, "Ghi chú", &formats.header)?;
    sheet.set_row_height(top + 1, 30)?;
    sheet.set_freeze_panes(top + 2, 3)?;
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 44)?;
    sheet.set_column_width(3, 9)?;
    for col in 4..20 {
        sheet.set_column_width(col, 9.5)?;
    }
    sheet.set_column_width(20, 12)?;
    sheet.set_column_width(21, 26)?;
    row = top + 2;

    let small_note = format!("Mẫu nhỏ (dưới {} ý kiến)", summary.min_sample);
    let mut number = 0;
    for (level, agencies) in by_level(summary) {
        sheet.merge_range(
            row,
            0,
            row,
            last_column,
            labels::level_heading(level),
            &formats.group,
        )?;
        row += 1;
        for agency in agencies {
            number += 1;
            sheet.write_number_with_format(row, 0, f64::from(number), &formats.count)?;
            sheet.write_string_with_format(row, 1, &agency.code, &formats.text)?;
            sheet.write_string_with_format(row, 2, &agency.name, &formats.text)?;
            satisfaction_cells(sheet, row, &agency.survey, formats, false)?;
            let note = if agency.survey.respondents == 0 {
                "Chưa có phiếu khảo sát trong kỳ"
            } else if agency.survey.criteria().iter().any(|c| c.small_sample) {
                small_note.as_str()
            } else {
                ""
            };
            sheet.write_string_with_format(row, 21, note, &formats.text)?;
            row += 1;
        }
    }
    sheet.merge_range(row, 0, row, 2, "Toàn Thành phố", &formats.group)?;
    satisfaction_cells(sheet, row, &summary.city.survey, formats, true)?;
    sheet.write_string_with_format(row, 21, "", &formats.group)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(top, top + 1)?;
    Ok(())
}

fn satisfaction_cells(
    sheet: &mut Worksheet,
    row: u32,
    survey: &Satisfaction,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    let count_format = if total {
        &formats.group_count
    } else {
        &formats.count
    };
    write_count(sheet, row, 3, survey.respondents, count_format)?;
    for (k, criterion) in survey.criteria().iter().enumerate() {
        let first = 4 + 4 * k as u16;
        let (count, rate) = match (total, criterion.small_sample) {
            (true, _) => (&formats.group_count, &formats.group_rate),
            (false, true) => (&formats.muted_count, &formats.muted_rate),
            (false, false) => (&formats.count, &formats.rate),
        };
        write_count(sheet, row, first, criterion.n, count)?;
        write_rate(sheet, row, first + 1, criterion.index, rate, formats)?;
        write_rate(sheet, row, first + 2, criterion.ci_low, rate, formats)?;
        write_rate(sheet, row, first + 3, criterion.ci_high, rate, formats)?;
    }
    let element_format = if total {
        &formats.group_rate
    } else {
        &formats.rate
    };
    write_rate(sheet, row, 20, survey.element, element_format, formats)
}

/// Column groups of the handling sheet: (group title, column titles).
const HANDLING_GROUPS: [(&str, &[&str]); 4] = [
    (
        "Tiếp nhận",
        &["Tổng số", "Trực tuyến", "Trực tiếp", "Kỳ trước chuyển sang"],
    ),
    ("Đã xử lý", &["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"]),
    ("Đang xử lý", &["Tổng số", "Trong hạn", "Quá hạn"]),
    (
        "Tỷ lệ (%)",
        &[
            "Xử lý đúng hạn",
            "Chuyển xử lý đúng hạn",
            "Thông báo kết quả kịp thời",
            "Công khai kết quả kịp thời",
        ],
    ),
];

fn handling_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(labels::SHEET_HANDLING)?;
    let last_column: u16 = 2 + 15 - 1;
    let mut row = title_block(
        sheet,
        summary,
        "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ CỦA CÁ NHÂN, TỔ CHỨC",
        "PAKN, %",
        last_column,
        formats,
    )?;
    let top = row;
    sheet.merge_range(top, 0, top + 1, 0, "STT", &formats.header)?;
    sheet.merge_range(top, 1, top + 1, 1, "Cơ quan, đơn vị", &formats.header)?;
    let mut col: u16 = 2;
    for (group, columns) in HANDLING_GROUPS {
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
    for c in 0..=last_column {
        sheet.write_string_with_format(
            top + 2,
            c,
            format!("({})", c + 1),
            &formats.column_number,
        )?;
    }
    sheet.set_row_height(top + 1, 45)?;
    sheet.set_freeze_panes(top + 3, 2)?;
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 44)?;
    for c in 2..=last_column {
        sheet.set_column_width(c, 11)?;
    }
    row = top + 3;

    let mut number = 0;
    for (level, agencies) in by_level(summary) {
        let subtotal = summary
            .levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.handling);
        sheet.write_string_with_format(row, 0, "", &formats.group)?;
        sheet.write_string_with_format(row, 1, labels::level_heading(level), &formats.group)?;
        handling_cells(sheet, row, &subtotal.unwrap_or_default(), formats, true)?;
        row += 1;
        for agency in agencies {
            number += 1;
            sheet.write_number_with_format(row, 0, f64::from(number), &formats.count)?;
            sheet.write_string_with_format(row, 1, &agency.name, &formats.text)?;
            handling_cells(sheet, row, &agency.handling, formats, false)?;
            row += 1;
        }
    }
    sheet.write_string_with_format(row, 0, "", &formats.group)?;
    sheet.write_string_with_format(row, 1, "Tổng cộng toàn Thành phố", &formats.group)?;
    handling_cells(sheet, row, &summary.city.handling, formats, true)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(top, top + 2)?;
    Ok(())
}

fn handling_cells(
    sheet: &mut Worksheet,
    row: u32,
    h: &Handling,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    let (count, rate) = if total {
        (&formats.group_count, &formats.group_rate)
    } else {
        (&formats.count, &formats.rate)
    };
    let counts = [
        h.received,
        h.received_online,
        h.received_direct(),
        h.carried_over,
        h.handled,
        h.early,
        h.on_due,
        h.overdue,
        h.pending,
        h.pending_in_time,
        h.pending_overdue,
    ];
    for (offset, value) in counts.iter().enumerate() {
        write_count(sheet, row, 2 + offset as u16, *value, count)?;
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

fn quality_sheet(
    sheet: &mut Worksheet,
    summary: &Summary,
    findings: &[Finding],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(labels::SHEET_QUALITY)?;
    let mut row = title_block(
        sheet,
        summary,
        "CHẤT LƯỢNG DỮ LIỆU ĐẦU VÀO",
        "dòng",
        6,
        formats,
    )?;
    sheet.write_string_with_format(
        row,
        0,
        "1. Số dòng theo tệp (đọc = sử dụng + loại)",
        &formats.unit,
    )?;
    row += 1;
    let headers = [
        "Tệp",
        "Trang tính",
        "Số dòng đọc",
        "Sử dụng",
        "Loại",
        "Loại dữ liệu",
        "Dung lượng (byte)",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &formats.header)?;
    }
    row += 1;
    for input in &summary.inputs {
        sheet.write_string_with_format(row, 0, &input.path, &formats.text)?;
        sheet.write_string_with_format(
            row,
            1,
            input.sheet.as_deref().unwrap_or(""),
            &formats.text,
        )?;
        write_count(sheet, row, 2, input.rows as u64, &formats.count)?;
        write_count(sheet, row, 3, input.accepted as u64, &formats.count)?;
        write_count(sheet, row, 4, input.rejected as u64, &formats.count)?;
        sheet.write_string_with_format(row, 5, labels::input_kind(input.kind), &formats.text)?;
        write_count(sheet, row, 6, input.bytes, &formats.count)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "2. Các vấn đề phát hiện", &formats.unit)?;
    row += 1;
    let headers = labels::FINDING_HEADERS;
    let header_row = row;
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &formats.header)?;
    }
    row += 1;
    if findings.is_empty() {
        sheet.write_string(row, 0, "Không có vấn đề nào.")?;
    }
    for finding in findings {
        sheet.write_string_with_format(row, 0, &finding.file, &formats.plain)?;
        sheet.write_string_with_format(
            row,
            1,
            finding.sheet.as_deref().unwrap_or(""),
            &formats.plain,
        )?;
        write_count(sheet, row, 2, finding.row as u64, &formats.row_number)?;
        sheet.write_string_with_format(row, 3, &finding.column, &formats.plain)?;
        sheet.write_string_with_format(row, 4, &finding.value, &formats.plain)?;
        sheet.write_string_with_format(row, 5, labels::reason(&finding.reason), &formats.plain)?;
        sheet.write_string_with_format(row, 6, labels::effect(finding.effect), &formats.plain)?;
        row += 1;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    for (col, width) in [34.0, 14.0, 12.0, 22.0, 26.0, 60.0, 12.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}
