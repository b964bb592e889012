//! The sheet "Kế hoạch khảo sát": for each agency, the respondents of the
//! period, the respondents to survey next period so that each PAKN
//! criterion's 95% interval is at most ± the margin, the shortfall, and
//! each criterion's share and answers behind the number (see
//! [`crate::metrics::survey_plan`]).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::SheetInput;
use super::style::{level_groups, open_sheet, print_setup, write_count, write_headers, write_rate};
use crate::metrics::survey_plan::SurveyPlan;
use crate::report::labels::{fill, pick_row, Sheet};

/// Columns before the criteria: number, code, agency, respondents of the
/// period, respondents needed, shortfall.
const FIXED: u16 = 6;
/// The last column: two per criterion after the fixed ones.
const LAST_COLUMN: u16 = FIXED + 8 - 1;

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let plan = &summary.survey_plan;
    let mut row = open_sheet(sheet, Sheet::SurveyPlan, LAST_COLUMN, input)?;
    sheet.set_column_width(0, 6.0)?;
    sheet.set_column_width(1, 10.0)?;
    sheet.set_column_width(2, 34.0)?;
    for col in 3..=LAST_COLUMN {
        sheet.set_column_width(col, 12.0)?;
    }
    let line = fill(
        lang.pick(
            "Số phiếu cần khảo sát kỳ tới để khoảng tin cậy 95% của mỗi tiêu chí TC1–TC4 không rộng quá ±{} điểm %, tính theo tỷ lệ hài lòng của cơ quan trong bốn quý từ {} đến {} (50% khi cơ quan có dưới {} ý kiến). Cả Thành phố: {} phiếu, còn thiếu {} phiếu so với kỳ này.",
            "Respondents to survey next period so that each of TC1–TC4 has a 95% interval of at most ±{} points, from each agency's share satisfied over the four quarters from {} to {} (50% where it has fewer than {} answers). Whole city: {} respondents, {} more than this period.",
        ),
        &[
            &lang.number(plan.margin_points, usize::from(plan.margin_points.fract() != 0.0)),
            &lang.date(&plan.from),
            &lang.date(&plan.to),
            &summary.min_sample,
            &lang.number(plan.respondents_needed as f64, 0),
            &lang.number(plan.shortfall as f64, 0),
        ],
    );
    sheet.merge_range(row, 0, row, LAST_COLUMN, &line, &formats.text)?;
    sheet.set_row_height(row, 48)?;
    row += 2;
    let headers = pick_row(
        lang,
        "STT | Mã | Cơ quan, đơn vị | Số phiếu kỳ này | Số phiếu cần khảo sát | Còn thiếu",
        "No. | Code | Agency | Respondents this period | Respondents needed | Shortfall",
    );
    write_headers(sheet, row, 0, &headers, formats)?;
    for (k, code) in ["TC1", "TC2", "TC3", "TC4"].iter().enumerate() {
        let col = FIXED + 2 * k as u16;
        let share = format!(
            "{code}: {}",
            lang.pick("tỷ lệ hài lòng (%)", "share satisfied (%)")
        );
        let answers = format!("{code}: {}", lang.pick("số ý kiến cần", "answers needed"));
        write_headers(sheet, row, col, &[&share, &answers], formats)?;
    }
    sheet.set_row_height(row, 45)?;
    row = level_groups(sheet, row + 1, input, LAST_COLUMN, |sheet, row, agency| {
        sheet.write_string_with_format(row, 2, &agency.name, &formats.text)?;
        write_count(sheet, row, 3, agency.survey.respondents, &formats.count)?;
        match &agency.survey_plan {
            Some(plan) => plan_cells(sheet, row, plan, input),
            None => ended_cells(sheet, row, input),
        }
    })?;
    sheet.write_string_with_format(
        row,
        2,
        lang.pick("Toàn Thành phố", "Whole city"),
        &formats.group,
    )?;
    write_count(
        sheet,
        row,
        3,
        summary.city.survey.respondents,
        &formats.group_count,
    )?;
    write_count(sheet, row, 4, plan.respondents_needed, &formats.group_count)?;
    write_count(sheet, row, 5, plan.shortfall, &formats.group_count)?;
    print_setup(sheet, None)
}

/// An agency's respondents needed, shortfall and criteria from column 4.
fn plan_cells(
    sheet: &mut Worksheet,
    row: u32,
    plan: &SurveyPlan,
    input: &SheetInput<'_>,
) -> Result<(), XlsxError> {
    let formats = input.formats;
    write_count(sheet, row, 4, plan.respondents_needed, &formats.count)?;
    write_count(sheet, row, 5, plan.shortfall, &formats.count)?;
    for (k, criterion) in plan.criteria.values().enumerate() {
        let col = FIXED + 2 * k as u16;
        let share = Some(criterion.p * 100.0);
        write_rate(sheet, row, col, share, &formats.rate, formats)?;
        write_count(
            sheet,
            row,
            col + 1,
            criterion.answers_needed,
            &formats.count,
        )?;
    }
    Ok(())
}

/// The row of an agency that has ended: nothing to plan.
fn ended_cells(sheet: &mut Worksheet, row: u32, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let ended = input.lang.pick("Đã kết thúc hoạt động", "Has ended");
    sheet.merge_range(row, 4, row, LAST_COLUMN, ended, &input.formats.text)?;
    Ok(())
}
