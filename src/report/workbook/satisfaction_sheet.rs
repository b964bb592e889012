//! The sheet "Hài lòng theo cơ quan": per agency the number of
//! questionnaires, TC1–TC4 with their 95% intervals, the element index, its
//! change against the previous period, the rank within the level and the
//! target status. Indices carry a 3-colour scale, the number of
//! questionnaires a data bar, and small samples are greyed.

use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatDataBar, Worksheet, XlsxError,
};

use super::input::{NextRow, SheetInput};
use super::style::{level_groups, open_sheet, print_setup, write_count, write_rate, Formats};
use crate::metrics::summary::AgencyResults;
use crate::metrics::Satisfaction;
use crate::report::labels::{self, Lang, Sheet};

/// Columns: STT, code, name, questionnaires, 4 × (n, index, low, high),
/// element, change, rank, funnel band, status, note.
const ELEMENT: u16 = 20;
const CHANGE: u16 = 21;
const RANK: u16 = 22;
const FUNNEL: u16 = 23;
const STATUS: u16 = 24;
const NOTE: u16 = 25;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let top = open_sheet(sheet, Sheet::Satisfaction, NOTE, input)?;
    write_header(sheet, input, top)?;
    let first_data = top + 2;
    let row = agency_rows(sheet, input, first_data)?;
    let last_data = row.saturating_sub(1);
    sheet.merge_range(
        row,
        0,
        row,
        2,
        lang.pick("Toàn Thành phố", "Whole city"),
        &formats.group,
    )?;
    satisfaction_cells(sheet, row, &summary.city.survey, formats, true)?;
    for col in CHANGE..=NOTE {
        sheet.write_string_with_format(row, col, "", &formats.group)?;
    }
    if last_data >= first_data {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum_color("F8696B")
            .set_midpoint_color("FFEB84")
            .set_maximum_color("63BE7B");
        for col in [5, 9, 13, 17, ELEMENT] {
            sheet.add_conditional_format(first_data, col, last_data, col, &scale)?;
        }
        sheet.add_conditional_format(
            first_data,
            3,
            last_data,
            3,
            &ConditionalFormatDataBar::new(),
        )?;
    }
    print_setup(sheet, Some((top, top + 1)))
}

/// The two header rows at `top`: one column each, and four per criterion.
fn write_header(sheet: &mut Worksheet, input: &SheetInput<'_>, top: u32) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let previous = summary
        .agencies
        .iter()
        .find_map(|a| a.change_previous.period.clone())
        .unwrap_or_default();
    let change_header = match lang {
        Lang::Vi => format!("Tăng/giảm so với kỳ trước ({previous}), điểm %"),
        Lang::En => format!("Change vs previous period ({previous}), points"),
    };
    let single = [
        (0, lang.pick("STT", "No.")),
        (1, lang.pick("Mã", "Code")),
        (2, lang.pick("Cơ quan, đơn vị", "Agency")),
        (3, lang.pick("Số phiếu", "Question-naires")),
        (
            ELEMENT,
            lang.pick("Chỉ số thành phần (%)", "Element index (%)"),
        ),
        (CHANGE, change_header.as_str()),
        (RANK, lang.pick("Xếp hạng trong cấp", "Rank in level")),
        (
            FUNNEL,
            lang.pick(
                "So với toàn Thành phố (biểu đồ phễu)",
                "Against the city (funnel plot)",
            ),
        ),
        (STATUS, lang.pick("Đánh giá mục tiêu", "Target status")),
        (NOTE, lang.pick("Ghi chú", "Note")),
    ];
    for (col, header) in single {
        sheet.merge_range(top, col, top + 1, col, header, &formats.header)?;
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
        let headers = labels::pick_row(
            lang,
            "Số ý kiến | Chỉ số (%) | Cận dưới | Cận trên",
            "Answers | Index (%) | CI low | CI high",
        );
        for (offset, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(
                top + 1,
                first + offset as u16,
                *header,
                &formats.header,
            )?;
        }
    }
    sheet.set_row_height(top, 30)?;
    sheet.set_row_height(top + 1, 30)?;
    sheet.set_freeze_panes(top + 2, 3)?;
    for (col, width) in [(0, 5.0), (1, 10.0), (2, 40.0), (3, 9.0)] {
        sheet.set_column_width(col, width)?;
    }
    for col in 4..ELEMENT {
        sheet.set_column_width(col, 8.5)?;
    }
    for (col, width) in [
        (ELEMENT, 11.0),
        (CHANGE, 14.0),
        (RANK, 9.0),
        (FUNNEL, 16.0),
        (STATUS, 14.0),
        (NOTE, 26.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

/// The agencies level by level from `row`, numbered; returns the row below.
fn agency_rows(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    let small_note = match lang {
        Lang::Vi => format!("Mẫu nhỏ (dưới {} ý kiến)", summary.min_sample),
        Lang::En => format!("Small sample (under {} answers)", summary.min_sample),
    };
    row = level_groups(sheet, row, input, NOTE, |sheet, row, agency| {
        let name = if agency.predecessors.is_empty() {
            agency.name.clone()
        } else {
            format!("{} (*)", agency.name)
        };
        sheet.write_string_with_format(row, 2, &name, &formats.text)?;
        satisfaction_cells(sheet, row, &agency.survey, formats, false)?;
        agency_cells(sheet, row, agency, lang, formats)?;
        let pooled = match lang {
            Lang::Vi => format!("(*) Gộp số liệu của {}", agency.predecessors.join(", ")),
            Lang::En => format!("(*) Pools {}", agency.predecessors.join(", ")),
        };
        let note = if !agency.predecessors.is_empty() {
            pooled.as_str()
        } else if agency.survey.respondents == 0 {
            lang.pick(
                "Chưa có phiếu khảo sát trong kỳ",
                "No questionnaire in the period",
            )
        } else if agency.survey.criteria().iter().any(|c| c.small_sample) {
            small_note.as_str()
        } else {
            ""
        };
        sheet.write_string_with_format(row, NOTE, note, &formats.text)?;
        Ok(())
    })?;
    Ok(row)
}

fn agency_cells(
    sheet: &mut Worksheet,
    row: u32,
    agency: &AgencyResults,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    write_rate(
        sheet,
        row,
        CHANGE,
        agency.change_previous.element.map(|c| c.points),
        &formats.points,
        formats,
    )?;
    match agency.rank.element {
        Some(rank) => sheet.write_string_with_format(
            row,
            RANK,
            format!("{}/{}", rank, agency.rank.element_of),
            &formats.dash,
        )?,
        None => sheet.write_string_with_format(row, RANK, "–", &formats.dash)?,
    };
    sheet.write_string_with_format(
        row,
        FUNNEL,
        labels::band(lang, agency.funnel.element),
        &formats.dash,
    )?;
    match agency.targets.iter().find(|t| t.indicator == "element") {
        Some(target) => sheet.write_string_with_format(
            row,
            STATUS,
            labels::status(lang, target.status),
            formats.status(target.status),
        )?,
        None => sheet.write_string_with_format(row, STATUS, "", &formats.text)?,
    };
    Ok(())
}

fn satisfaction_cells(
    sheet: &mut Worksheet,
    row: u32,
    survey: &Satisfaction,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    write_count(
        sheet,
        row,
        3,
        survey.respondents,
        formats.count_and_rate(total, false).0,
    )?;
    for (k, criterion) in survey.criteria().iter().enumerate() {
        let first = 4 + 4 * k as u16;
        let (count, rate) = formats.count_and_rate(total, criterion.small_sample);
        write_count(sheet, row, first, criterion.n, count)?;
        write_rate(sheet, row, first + 1, criterion.index, rate, formats)?;
        write_rate(sheet, row, first + 2, criterion.ci_low, rate, formats)?;
        write_rate(sheet, row, first + 3, criterion.ci_high, rate, formats)?;
    }
    let muted = survey.criteria().iter().any(|c| c.small_sample);
    let (_, element_format) = formats.count_and_rate(total, muted);
    write_rate(sheet, row, ELEMENT, survey.element, element_format, formats)
}
