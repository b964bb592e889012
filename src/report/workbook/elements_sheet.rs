//! The sheet "Các yếu tố SIPAS", written when the questionnaire has more
//! than the PAKN element: per agency (grouped by level) the questionnaires,
//! each element's index and the overall index, the city's row; then the
//! city's criteria of every element, and every element by quarter.
//! Small samples are greyed.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::{NextRow, SheetInput};
use super::style::{
    group_label, level_groups, open_sheet, print_setup, write_count, write_rate, Formats,
};
use crate::metrics::trend::OVERALL;
use crate::metrics::Satisfaction;
use crate::report::labels::fill;
use crate::report::labels::{self, Sheet};

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let city = &summary.city.survey;
    let elements = &city.elements;
    // STT, code, name, questionnaires, one column per element, overall.
    let overall_col = 4 + elements.len() as u16;
    let top = open_sheet(sheet, Sheet::Elements, overall_col.max(7), input)?;
    let mut headers: Vec<String> = vec![
        lang.pick("STT", "No.").to_string(),
        lang.pick("Mã", "Code").to_string(),
        lang.pick("Cơ quan, đơn vị", "Agency").to_string(),
        lang.pick("Số phiếu", "Question-naires").to_string(),
    ];
    headers.extend(elements.iter().map(|e| format!("{} ({})", e.label, e.code)));
    headers.push(labels::overall_name(lang).to_string());
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(top, col as u16, header, &formats.header)?;
    }
    sheet.set_row_height(top, 60)?;
    sheet.set_freeze_panes(top + 1, 3)?;
    for (col, width) in [(0, 5.0), (1, 10.0), (2, 40.0), (3, 9.0)] {
        sheet.set_column_width(col, width)?;
    }
    for col in 4..=overall_col {
        sheet.set_column_width(col, 14.0)?;
    }

    let mut row = level_groups(sheet, top + 1, input, overall_col, |sheet, row, agency| {
        sheet.write_string_with_format(row, 2, &agency.name, &formats.text)?;
        unit_cells(sheet, row, &agency.survey, formats, false)
    })?;
    let city_label = lang.pick("Toàn Thành phố", "Whole city");
    group_label(sheet, row, 2, city_label, formats)?;
    unit_cells(sheet, row, city, formats, true)?;
    row += 1;
    let note = fill(
        lang.pick(
            "Chỉ số yếu tố = trung bình chỉ số các tiêu chí; chỉ số hài lòng chung = trung bình chỉ số các yếu tố. Số màu xám: có tiêu chí dưới {} ý kiến (mẫu nhỏ).",
            "Element index = mean of its criteria's indices; overall index = mean of the elements' indices. Grey: a criterion has fewer than {} answers (small sample).",
        ),
        &[&summary.min_sample],
    );
    sheet.write_string_with_format(row, 0, &note, &formats.note)?;
    row += 2;
    row = criteria_table(sheet, input, row)?;
    trend_table(sheet, input, row + 1)?;
    print_setup(sheet, Some((top, top)))
}

/// Questionnaires, each element's index and the overall index of one unit.
fn unit_cells(
    sheet: &mut Worksheet,
    row: u32,
    survey: &Satisfaction,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    let muted = !total && survey.any_small_sample();
    let (count, rate) = formats.count_and_rate(total, muted);
    write_count(sheet, row, 3, survey.respondents, count)?;
    for (offset, element) in survey.elements.iter().enumerate() {
        write_rate(sheet, row, 4 + offset as u16, element.index, rate, formats)?;
    }
    let overall_col = 4 + survey.elements.len() as u16;
    write_rate(sheet, row, overall_col, survey.overall, rate, formats)
}

/// The city's criteria of every element: answers, index and interval.
fn criteria_table(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, formats) = (input.summary, input.formats);
    row = input.table_opening(
        sheet,
        row,
        1,
        ["Các tiêu chí của Thành phố", "The city's criteria"],
        [
            "Mã | Tiêu chí | Số ý kiến | Chỉ số (%) | Cận dưới | Cận trên",
            "Code | Criterion | Answers | Index (%) | CI low | CI high",
        ],
    )?;
    for element in &summary.city.survey.elements {
        sheet.merge_range(
            row,
            1,
            row,
            6,
            &format!("{} ({})", element.label, element.code),
            &formats.group,
        )?;
        row += 1;
        for c in &element.criteria {
            let (count, rate) = formats.count_and_rate(false, c.criterion.small_sample);
            sheet.write_string_with_format(row, 1, &c.code, &formats.text)?;
            sheet.write_string_with_format(row, 2, &c.label, &formats.text)?;
            write_count(sheet, row, 3, c.criterion.n, count)?;
            write_rate(sheet, row, 4, c.criterion.index, rate, formats)?;
            write_rate(sheet, row, 5, c.criterion.ci_low, rate, formats)?;
            write_rate(sheet, row, 6, c.criterion.ci_high, rate, formats)?;
            row += 1;
        }
    }
    Ok(row)
}

/// Every element and the overall index of the city for each quarter of the
/// trend.
fn trend_table(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    let elements = &summary.city.survey.elements;
    row = input.heading(sheet, row, "Các yếu tố theo quý", "The elements by quarter")?;
    sheet.write_string_with_format(row, 2, lang.pick("Kỳ", "Period"), &formats.header)?;
    for (offset, element) in elements.iter().enumerate() {
        sheet.write_string_with_format(row, 3 + offset as u16, &element.code, &formats.header)?;
    }
    let overall_col = 3 + elements.len() as u16;
    sheet.write_string_with_format(
        row,
        overall_col,
        labels::overall_name(lang),
        &formats.header,
    )?;
    row += 1;
    for entry in summary.trend.iter().filter(|e| e.label.contains('Q')) {
        sheet.write_string_with_format(row, 2, &entry.label, &formats.text)?;
        for (offset, element) in elements.iter().enumerate() {
            // The PAKN element is the trend's "element".
            let key = if offset == 0 {
                "element"
            } else {
                element.code.as_str()
            };
            let value = entry.indicators.get(key).and_then(|p| p.value);
            write_rate(sheet, row, 3 + offset as u16, value, &formats.rate, formats)?;
        }
        let value = entry.indicators.get(OVERALL).and_then(|p| p.value);
        write_rate(sheet, row, overall_col, value, &formats.rate, formats)?;
        row += 1;
    }
    Ok(row)
}
