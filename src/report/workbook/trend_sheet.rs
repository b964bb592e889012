//! The sheet "Xu hướng": the city's indicators for every quarter the data
//! covers, then every half-year and year, with the change against the
//! previous period; a native line chart draws the quarters against the
//! element index target.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartType, Worksheet, XlsxError,
};

use super::input::SheetInput;
use super::style::{
    open_sheet, print_setup, write_chart_value, write_count, write_headers, Formats,
};
use crate::metrics::trend::{TrendEntry, TREND_INDICATORS};
use crate::report::labels::{pick_row, Lang, Sheet};

/// Columns: period, from, to, complete, received, handled, 6 indicators,
/// element target, then the change of each of the 6 indicators against the
/// previous period with its 95% interval.
const LAST_COLUMN: u16 = 18;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, data, lang, formats) = (input.summary, input.charts, input.lang, input.formats);
    let name = Sheet::Trend.name(lang);
    let mut row = open_sheet(sheet, Sheet::Trend, LAST_COLUMN, input)?;
    sheet.set_column_width(0, 11)?;
    for col in 1..=2 {
        sheet.set_column_width(col, 11)?;
    }
    for col in 3..=12 {
        sheet.set_column_width(col, 10.5)?;
    }
    for col in 13..=LAST_COLUMN {
        sheet.set_column_width(col, 17.5)?;
    }
    let target = summary
        .city
        .targets
        .iter()
        .find(|t| t.indicator == "element")
        .and_then(|t| t.target_min);

    row = input.heading(sheet, row, "1. Theo quý", "1. By quarter")?;
    let quarters: Vec<&TrendEntry> = summary
        .trend
        .iter()
        .filter(|e| e.label.contains('Q'))
        .collect();
    let header_row = row;
    row = table(sheet, row, &quarters, target, lang, formats)?;
    let last_quarter = row - 1;
    row += 1;
    row = input.heading(
        sheet,
        row,
        "2. Theo 6 tháng và năm",
        "2. By half-year and year",
    )?;
    let longer: Vec<&TrendEntry> = summary
        .trend
        .iter()
        .filter(|e| !e.label.contains('Q'))
        .collect();
    row = table(sheet, row, &longer, target, lang, formats)?;
    row += 1;
    let note = lang.pick(
        "Ghi chú: \"Đủ dữ liệu\" = dữ liệu phủ từ ngày đầu đến ngày cuối của kỳ. Mỗi kỳ tính đến ngày cuối kỳ. Tăng/giảm tính trên giá trị đã làm tròn 2 chữ số thập phân, so với kỳ liền trước cùng độ dài; trong ngoặc là khoảng tin cậy 95% của mức tăng/giảm (tiêu chí, tỷ lệ: khoảng Newcombe từ hai khoảng Wilson; chỉ số thành phần: xấp xỉ chuẩn từ hai sai số chuẩn); (*) khi khoảng này không chứa 0 (thay đổi có ý nghĩa thống kê ở mức 5%).",
        "Note: \"Complete\" = the data covers the period from its first to its last day. Each period is counted as of its last day. Changes are between values rounded to 2 decimals, against the previous period of the same length; in brackets the 95% interval of the change (criteria and rates: Newcombe's interval from the two Wilson intervals; element index: normal approximation from the two standard errors); (*) when it excludes 0 (a change significant at 5%).",
    );
    sheet.merge_range(row, 0, row, LAST_COLUMN, note, &formats.note)?;
    sheet.set_row_height(row, 32)?;
    row += 1;
    if let Some(mergers) = crate::report::narrative::mergers_sentence(summary, lang) {
        sheet.merge_range(row, 0, row, LAST_COLUMN, &mergers, &formats.note)?;
        sheet.set_row_height(row, 32)?;
        row += 1;
    }
    row += 1;

    sheet.set_page_breaks(&[row])?;
    if last_quarter > header_row {
        let mut chart = Chart::new(ChartType::Line);
        for (offset, _) in TREND_INDICATORS.iter().enumerate() {
            let col = 6 + offset as u16;
            chart
                .add_series()
                .set_name((name, header_row, col))
                .set_categories((name, header_row + 1, 0, last_quarter, 0))
                .set_values((name, header_row + 1, col, last_quarter, col));
        }
        if target.is_some() {
            chart
                .add_series()
                .set_name((name, header_row, 12))
                .set_categories((name, header_row + 1, 0, last_quarter, 0))
                .set_values((name, header_row + 1, 12, last_quarter, 12))
                .set_format(
                    ChartFormat::new().set_line(
                        ChartLine::new()
                            .set_color(0xC00000)
                            .set_dash_type(ChartLineDashType::Dash),
                    ),
                );
        }
        chart.title().set_name(&data.trend_title);
        chart
            .y_axis()
            .set_name("%")
            .set_min(data.trend_y_min)
            .set_max(100);
        chart
            .legend()
            .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        chart.set_width(900).set_height(420);
        sheet.insert_chart(row, 0, &chart)?;
    }
    print_setup(sheet, None)
}

fn table(
    sheet: &mut Worksheet,
    mut row: u32,
    entries: &[&TrendEntry],
    target: Option<f64>,
    lang: Lang,
    formats: &Formats,
) -> Result<u32, XlsxError> {
    let headers = pick_row(
        lang,
        "Kỳ | Từ ngày | Đến ngày | Đủ dữ liệu | PAKN tiếp nhận | PAKN đã xử lý \
         | TC1 | TC2 | TC3 | TC4 | Chỉ số thành phần | Tỷ lệ đúng hạn \
         | Mục tiêu chỉ số thành phần | TC1: tăng/giảm (KTC 95%) \
         | TC2: tăng/giảm (KTC 95%) | TC3: tăng/giảm (KTC 95%) \
         | TC4: tăng/giảm (KTC 95%) | Chỉ số TP: tăng/giảm (KTC 95%) \
         | Đúng hạn: tăng/giảm (KTC 95%)",
        "Period | From | To | Complete | PAKN received | PAKN handled \
         | TC1 | TC2 | TC3 | TC4 | Element index | On-time rate \
         | Element index target | TC1: change (95% CI) | TC2: change (95% CI) \
         | TC3: change (95% CI) | TC4: change (95% CI) \
         | Element: change (95% CI) | On time: change (95% CI)",
    );
    write_headers(sheet, row, 0, &headers, formats)?;
    sheet.set_row_height(row, 45)?;
    row += 1;
    for entry in entries {
        sheet.write_string_with_format(row, 0, &entry.label, &formats.text)?;
        sheet.write_string_with_format(row, 1, lang.date(&entry.start), &formats.dash)?;
        sheet.write_string_with_format(row, 2, lang.date(&entry.end), &formats.dash)?;
        let complete = if entry.complete {
            lang.pick("Có", "Yes")
        } else {
            lang.pick("Không", "No")
        };
        sheet.write_string_with_format(row, 3, complete, &formats.dash)?;
        write_count(sheet, row, 4, entry.received, &formats.count)?;
        write_count(sheet, row, 5, entry.handled, &formats.count)?;
        for (offset, code) in TREND_INDICATORS.iter().enumerate() {
            let value = entry.indicators.get(*code).and_then(|p| p.value);
            write_chart_value(sheet, row, 6 + offset as u16, value, &formats.rate)?;
        }
        write_chart_value(sheet, row, 12, target, &formats.rate)?;
        for (offset, code) in TREND_INDICATORS.iter().enumerate() {
            let col = 13 + offset as u16;
            let change = entry.change_previous.get(*code).copied().flatten();
            let text = match change {
                Some(change) => change_text(lang, &change),
                None => "–".to_string(),
            };
            sheet.write_string_with_format(row, col, text, &formats.dash)?;
        }
        row += 1;
    }
    Ok(row)
}

/// A change with its interval and mark: "+5,16 (+1,09…+9,18) (*)".
pub fn change_text(lang: Lang, change: &crate::metrics::trend::Change) -> String {
    let interval = match (change.ci_low, change.ci_high) {
        (Some(low), Some(high)) => format!(
            " ({}…{})",
            signed(lang, crate::metrics::interval::round2(low)),
            signed(lang, crate::metrics::interval::round2(high))
        ),
        _ => String::new(),
    };
    let mark = if change.significant == Some(true) {
        " (*)"
    } else {
        ""
    };
    format!("{}{interval}{mark}", signed(lang, change.points))
}

/// Points with their sign: "+1,25" / "-0,40".
fn signed(lang: Lang, points: f64) -> String {
    let sign = if points > 0.0 { "+" } else { "" };
    format!("{sign}{}", lang.number(points, 2))
}
