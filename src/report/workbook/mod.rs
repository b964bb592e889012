//! The quarterly workbook `bao-cao-<period>.xlsx`: eleven sheets in the
//! layout of Vietnamese administrative reports, each with its title block,
//! native charts, A4 landscape print set-up and document properties dated by
//! the period so that re-runs give the same bytes.

mod channels_sheet;
mod due_soon_sheet;
mod elements_sheet;
mod fields_sheet;
mod handling_sheet;
mod input;
mod method_sheet;
pub mod overdue_sheet;
mod pakn_list;
mod quality_sheet;
mod satisfaction_sheet;
pub mod style;
mod summary_sheet;
mod survey_plan_sheet;
mod trend_sheet;

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::charts::ChartData;
use super::labels::{self, Lang};
use super::{ReportError, ReportInput};
use crate::calendar::date_text::parse_iso_date;
use crate::metrics::summary::Summary;
use input::SheetInput;
use style::Formats;

/// Writes the workbook to `path`; `charts` holds what its charts draw (the
/// same as the picture charts).
pub fn write(input: &ReportInput<'_>, charts: &ChartData, path: &Path) -> Result<(), ReportError> {
    build(input, charts, path).map_err(|e| ReportError::Workbook {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

fn build(input: &ReportInput<'_>, charts: &ChartData, path: &Path) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let sheets = SheetInput {
        summary: input.summary,
        charts,
        overdue: input.overdue,
        due_soon: input.due_soon,
        findings: input.findings,
        lang: input.lang,
        formats: &formats,
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(input.summary, input.lang)?);
    summary_sheet::write(workbook.add_worksheet(), &sheets)?;
    satisfaction_sheet::write(workbook.add_worksheet(), &sheets)?;
    if input.summary.city.survey.elements.len() > 1 {
        elements_sheet::write(workbook.add_worksheet(), &sheets)?;
    }
    handling_sheet::write(workbook.add_worksheet(), &sheets)?;
    channels_sheet::write(workbook.add_worksheet(), &sheets)?;
    fields_sheet::write(workbook.add_worksheet(), &sheets)?;
    trend_sheet::write(workbook.add_worksheet(), &sheets)?;
    overdue_sheet::write(workbook.add_worksheet(), &sheets)?;
    due_soon_sheet::write(workbook.add_worksheet(), &sheets)?;
    survey_plan_sheet::write(workbook.add_worksheet(), &sheets)?;
    quality_sheet::write(workbook.add_worksheet(), &sheets)?;
    method_sheet::write(workbook.add_worksheet(), &sheets)?;
    workbook.save(path)
}

/// Document properties, dated by the period's last day so that re-runs on
/// the same inputs give the same bytes.
fn properties(summary: &Summary, lang: Lang) -> Result<DocProperties, XlsxError> {
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
            labels::report_title(lang),
            lang.period_name(&summary.period)
        ))
        .set_subject(lang.pick(
            "Tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng (SIPAS)",
            "Receipt and handling of citizens' feedback and satisfaction (SIPAS)",
        ))
        .set_author(&summary.reporting_unit)
        .set_company(&summary.reporting_unit)
        .set_keywords("SIPAS, PAKN, 181/KH-UBND")
        .set_comment(format!("sipas {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&created))
}
