//! The sheet "Tổng hợp": the narrative, the city's criteria against the
//! baseline and targets, the handling counts, the inputs, and two native
//! charts (criteria against their targets, on-time rate by agency level).

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType,
    Worksheet, XlsxError,
};

use super::input::{NextRow, SheetInput};
use super::style::{
    height_for, open_sheet, print_setup, write_chart_value, write_count, write_headers, write_rate,
    Formats,
};
use crate::metrics::summary::Summary;
use crate::metrics::targets::TargetResult;
use crate::report::charts::Bar;
use crate::report::labels::{self, Lang, Sheet};
use crate::report::narrative;

const LAST_COLUMN: u16 = 11;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let summary = input.summary;
    let (lang, formats) = (input.lang, input.formats);
    let name = Sheet::Summary.name(lang);
    let mut row = open_sheet(sheet, Sheet::Summary, LAST_COLUMN, input)?;
    sheet.set_column_width(0, 62)?;
    for col in 1..=LAST_COLUMN {
        sheet.set_column_width(col, 14)?;
    }
    sheet.set_column_width(10, 18)?;

    row = input.heading(sheet, row, "Nhận xét chung", "Overview")?;
    let paragraph = narrative::paragraph(summary, lang);
    sheet.merge_range(row, 0, row, LAST_COLUMN, &paragraph, &formats.paragraph)?;
    sheet.set_row_height(row, height_for(&paragraph, 190))?;
    row += 2;

    row = criteria_table(sheet, input, row)?;
    row = handling_table(sheet, input, row)?;
    row = inputs_table(sheet, input, row)?;
    row = days_off_note(sheet, input, row)?;
    charts(sheet, name, row, input)?;
    print_setup(sheet, None)
}

fn criteria_table(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.heading(
        sheet,
        row,
        "1. Mức độ hài lòng đối với việc tiếp nhận, xử lý PAKN (toàn Thành phố)",
        "1. Satisfaction with the receipt and handling of PAKN (whole city)",
    )?;
    let baseline_header = match lang {
        Lang::Vi => format!("Năm {} (%)", summary.baseline.year),
        Lang::En => format!("{} (%)", summary.baseline.year),
    };
    let mut headers: Vec<&str> = labels::pick_row(
        lang,
        "Tiêu chí | Số ý kiến trả lời | Số ý kiến hài lòng | Chỉ số (%) | Cận dưới KTC 95% \
         | Cận trên KTC 95%",
        "Criterion | Answers | Satisfied | Index (%) | 95% CI low | 95% CI high",
    );
    headers.push(&baseline_header);
    headers.extend(labels::pick_row(
        lang,
        "Tăng/giảm (điểm %) | Mục tiêu tối thiểu (%) | Mục tiêu tối đa (%) | Đánh giá \
         | Còn thiếu (điểm %)",
        "Change (points) | Target, minimum (%) | Target, maximum (%) | Status | Points to go",
    ));
    write_headers(sheet, row, 0, &headers, formats)?;
    sheet.set_row_height(row, 32)?;
    row += 1;
    let city = &summary.city.survey;
    let changes = summary.change_vs_baseline.values();
    for (k, criterion) in city.criteria().iter().enumerate() {
        sheet.write_string_with_format(row, 0, labels::criterion_name(lang, k), &formats.text)?;
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
        write_rate(sheet, row, 7, changes[k], &formats.points, formats)?;
        let target = city_target(summary, &format!("TC{}", k + 1));
        target_cells(sheet, row, 8, target, lang, formats, false)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, labels::element_name(lang), &formats.group)?;
    for col in [1, 2, 4, 5] {
        sheet.write_string_with_format(row, col, "", &formats.group)?;
    }
    write_rate(sheet, row, 3, city.element, &formats.group_rate, formats)?;
    write_rate(
        sheet,
        row,
        6,
        Some(summary.baseline.element),
        &formats.group_rate,
        formats,
    )?;
    write_rate(sheet, row, 7, changes[4], &formats.points, formats)?;
    target_cells(
        sheet,
        row,
        8,
        city_target(summary, "element"),
        lang,
        formats,
        true,
    )?;
    Ok(row + 2)
}

fn handling_table(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.table_opening(
        sheet,
        row,
        0,
        [
            "2. Tình hình tiếp nhận, xử lý PAKN (toàn Thành phố)",
            "2. Receipt and handling of PAKN (whole city)",
        ],
        [
            "Chỉ tiêu | Số lượng / Tỷ lệ | Đánh giá",
            "Indicator | Count / rate | Status",
        ],
    )?;
    let h = &summary.city.handling;
    // In the order of `Handling::flow_counts`.
    let lines: [(&str, &str); 10] = [
        (
            "Tổng số PAKN tiếp nhận trong kỳ",
            "PAKN received in the period",
        ),
        ("   trong đó: qua kênh trực tuyến", "   of which online"),
        (
            "Kỳ trước chuyển sang",
            "Carried over from the previous period",
        ),
        ("Đã xử lý trong kỳ", "Handled in the period"),
        ("   trong đó: trước hạn", "   of which early"),
        ("   trong đó: đúng hạn", "   of which on the due date"),
        ("   trong đó: quá hạn", "   of which late"),
        ("Đang xử lý", "Pending"),
        ("   trong đó: trong hạn", "   of which within the deadline"),
        ("   trong đó: quá hạn", "   of which past the deadline"),
    ];
    for ((vi, en), value) in lines.into_iter().zip(h.flow_counts()) {
        sheet.write_string_with_format(row, 0, lang.pick(vi, en), &formats.text)?;
        write_count(sheet, row, 1, value, &formats.count)?;
        sheet.write_string_with_format(row, 2, "", &formats.text)?;
        row += 1;
    }
    let rates = [
        ("on_time_rate", h.on_time_rate),
        ("forwarded_on_time_rate", h.forwarded_on_time_rate),
        ("notified_on_time_rate", h.notified_on_time_rate),
        ("published_on_time_rate", h.published_on_time_rate),
    ];
    for (indicator, value) in rates {
        sheet.write_string_with_format(
            row,
            0,
            format!("{} (%)", labels::indicator(lang, indicator)),
            &formats.text,
        )?;
        write_rate(sheet, row, 1, value, &formats.rate, formats)?;
        match city_target(summary, indicator) {
            Some(target) => sheet.write_string_with_format(
                row,
                2,
                labels::status(lang, target.status),
                formats.status(target.status),
            )?,
            None => sheet.write_string_with_format(row, 2, "", &formats.text)?,
        };
        row += 1;
    }
    Ok(row + 1)
}

fn inputs_table(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.heading(sheet, row, "3. Dữ liệu đầu vào", "3. Input data")?;
    let read: usize = summary.inputs.iter().map(|i| i.rows).sum();
    let accepted: usize = summary.inputs.iter().map(|i| i.accepted).sum();
    let facts: [(&str, usize); 5] = [
        (lang.pick("Số dòng dữ liệu đã đọc", "Rows read"), read),
        (lang.pick("Số dòng được sử dụng", "Rows used"), accepted),
        (
            lang.pick(
                "Số dòng bị loại (xem trang Chất lượng dữ liệu)",
                "Rows rejected (see the sheet Data quality)",
            ),
            summary.findings.rows_rejected,
        ),
        (
            lang.pick("Số ô bị bỏ qua", "Cells ignored"),
            summary.findings.cells_ignored,
        ),
        (lang.pick("Số lưu ý", "Warnings"), summary.findings.warnings),
    ];
    for (label, value) in facts {
        sheet.write_string_with_format(row, 0, label, &formats.text)?;
        write_count(sheet, row, 1, value as u64, &formats.count)?;
        row += 1;
    }
    Ok(row + 1)
}

fn days_off_note(sheet: &mut Worksheet, input: &SheetInput<'_>, row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    let days_off: Vec<String> = summary
        .days_off
        .iter()
        .map(|d| {
            format!(
                "{} ({})",
                lang.date(&d.date),
                labels::holiday(lang, d.holiday)
            )
        })
        .collect();
    let days_off = if days_off.is_empty() {
        lang.pick("không có", "none").to_string()
    } else {
        days_off.join("; ")
    };
    let note = match lang {
        Lang::Vi => format!(
            "Ghi chú: Thời hạn xử lý khi PAKN không ghi hạn: {} ngày làm việc. Ngày nghỉ lễ, Tết trong kỳ (ngày làm việc): {}. Cách tính xem trang Phương pháp.",
            summary.deadline_working_days, days_off
        ),
        Lang::En => format!(
            "Note: a PAKN without a deadline is due {} working days after receipt. Weekdays off in the period: {}. See the sheet Method for the definitions.",
            summary.deadline_working_days, days_off
        ),
    };
    sheet.merge_range(row, 0, row, LAST_COLUMN, &note, &formats.note)?;
    sheet.set_row_height(row, 48)?;
    Ok(row + 2)
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
    lang: Lang,
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
    sheet.write_string_with_format(
        row,
        first + 2,
        labels::status(lang, target.status),
        formats.status(target.status),
    )?;
    write_rate(sheet, row, first + 3, target.gap, rate, formats)?;
    Ok(())
}

/// The two chart data tables and the native charts drawn from them.
fn charts(
    sheet: &mut Worksheet,
    name: &str,
    mut row: u32,
    input: &SheetInput<'_>,
) -> Result<(), XlsxError> {
    let (data, lang, formats) = (input.charts, input.lang, input.formats);
    sheet.set_page_breaks(&[row])?;
    row = input.heading(
        sheet,
        row,
        "4. Biểu đồ và số liệu của biểu đồ",
        "4. Charts and their data",
    )?;

    // Criteria against the lower end of their targets; on-time rate per level.
    let criteria_headers = labels::pick_row(
        lang,
        "Chỉ số | Giá trị (%) | Mục tiêu tối thiểu (%)",
        "Indicator | Value (%) | Target, minimum (%)",
    );
    let (criteria_top, criteria_last) =
        bar_table(sheet, row, &criteria_headers, &data.criteria, formats)?;
    let level_headers = labels::pick_row(
        lang,
        "Cấp | Tỷ lệ xử lý đúng hạn (%) | Mục tiêu (%)",
        "Level | On-time rate (%) | Target (%)",
    );
    let (levels_top, levels_last) = bar_table(
        sheet,
        criteria_last + 2,
        &level_headers,
        &data.levels,
        formats,
    )?;
    row = levels_last + 2;

    let criteria_chart = columns_with_targets(
        name,
        (criteria_top, criteria_last),
        lang.pick(
            "Chỉ số hài lòng so với mục tiêu",
            "Satisfaction against targets",
        ),
    );
    sheet.insert_chart(row, 0, &criteria_chart)?;
    if levels_last > levels_top {
        let levels_chart = columns_with_targets(
            name,
            (levels_top, levels_last),
            lang.pick("Tỷ lệ xử lý đúng hạn theo cấp", "On-time rate by level"),
        );
        sheet.insert_chart(row, 4, &levels_chart)?;
    }
    Ok(())
}

/// Writes a chart's data: headers on `top`, then label, value and target
/// per bar; returns the header row and the last row.
fn bar_table(
    sheet: &mut Worksheet,
    top: u32,
    headers: &[&str],
    bars: &[Bar],
    formats: &Formats,
) -> Result<(u32, u32), XlsxError> {
    write_headers(sheet, top, 0, headers, formats)?;
    sheet.set_row_height(top, 32)?;
    let mut row = top;
    for bar in bars {
        row += 1;
        sheet.write_string_with_format(row, 0, &bar.label, &formats.text)?;
        write_chart_value(sheet, row, 1, bar.value, &formats.rate)?;
        write_chart_value(sheet, row, 2, bar.target, &formats.rate)?;
    }
    Ok((top, row))
}

/// A clustered column chart of column B with the target of column C shown
/// as a marker on each column; rows `top` (headers) to `last`.
fn columns_with_targets(sheet: &str, (top, last): (u32, u32), title: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name((sheet, top, 1))
        .set_categories((sheet, top + 1, 0, last, 0))
        .set_values((sheet, top + 1, 1, last, 1))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(0x2E75B6)));
    let mut targets = Chart::new(ChartType::Line);
    targets
        .add_series()
        .set_name((sheet, top, 2))
        .set_categories((sheet, top + 1, 0, last, 0))
        .set_values((sheet, top + 1, 2, last, 2))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::LongDash)
                .set_size(14)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(0xC00000))
                        .set_line(ChartLine::new().set_color(0xC00000)),
                ),
        );
    chart.combine(&targets);
    chart.title().set_name(title);
    chart.y_axis().set_min(0).set_max(100).set_name("%");
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.set_width(560).set_height(330);
    chart
}
