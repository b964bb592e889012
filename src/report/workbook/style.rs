//! Cell formats and the pieces every sheet shares: the title block of the
//! Circular 01/2020 forms, counts, rates and target statuses.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::input::SheetInput;
use crate::metrics::summary::{AgencyResults, Summary};
use crate::metrics::targets::TargetStatus;
use crate::model::AgencyLevel;
use crate::report::labels::fill;
use crate::report::labels::{Lang, Sheet};

/// Font of the Vietnamese administrative documents.
const FONT: &str = "Times New Roman";

/// Cell formats shared by the sheets.
pub struct Formats {
    /// Bold line of the header (reporting unit) and section headings.
    pub unit: Format,
    /// Report or sheet title, centred.
    pub title: Format,
    /// Period and as-of lines, italic and centred.
    pub subtitle: Format,
    /// Table header.
    pub header: Format,
    /// Bordered text that wraps.
    pub text: Format,
    /// Bordered count, `#,##0`.
    pub count: Format,
    /// Bordered rate, `0.00`.
    pub rate: Format,
    /// Bordered signed points, `+0.00;-0.00;0.00`.
    pub points: Format,
    /// Bordered signed count, `+#,##0;-#,##0;0`.
    pub change: Format,
    /// The dash of a missing value.
    pub dash: Format,
    /// Grey bold row (level heading, subtotal, total).
    pub group: Format,
    /// Count in a group row.
    pub group_count: Format,
    /// Rate in a group row.
    pub group_rate: Format,
    /// Count of a small sample (grey).
    pub muted_count: Format,
    /// Rate of a small sample (grey).
    pub muted_rate: Format,
    /// Column numbers "(1)", "(2)"… under a form's header.
    pub column_number: Format,
    /// Italic note that wraps.
    pub note: Format,
    /// Plain paragraph that wraps (the narrative).
    pub paragraph: Format,
    /// Bordered text without wrapping.
    pub plain: Format,
    /// Bordered date `dd/mm/yyyy`.
    pub date: Format,
    /// Bordered whole number without separators (row numbers).
    pub row_number: Format,
    /// Status "Đạt".
    pub met: Format,
    /// Status "Đạt mức tối thiểu".
    pub met_minimum: Format,
    /// Status "Chưa đạt".
    pub not_met: Format,
    /// Status "Không đủ dữ liệu".
    pub no_data: Format,
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

impl Formats {
    /// The count and rate formats of a row: a total's, a small sample's
    /// (greyed) or an ordinary row's.
    pub fn count_and_rate(&self, total: bool, small_sample: bool) -> (&Format, &Format) {
        match (total, small_sample) {
            (true, _) => (&self.group_count, &self.group_rate),
            (false, true) => (&self.muted_count, &self.muted_rate),
            (false, false) => (&self.count, &self.rate),
        }
    }

    /// The formats of the report.
    pub fn new() -> Self {
        let bordered = Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_name(FONT);
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
        let status = |fill: u32, font: u32| {
            bordered
                .clone()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(font))
        };
        Self {
            unit: Format::new().set_font_name(FONT).set_bold(),
            title: Format::new()
                .set_font_name(FONT)
                .set_bold()
                .set_font_size(13)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_font_name(FONT)
                .set_italic()
                .set_align(FormatAlign::Center),
            text: bordered
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            count: bordered.clone().set_num_format("#,##0"),
            rate: bordered.clone().set_num_format("0.00"),
            points: bordered.clone().set_num_format("+0.00;-0.00;0.00"),
            change: bordered.clone().set_num_format("+#,##0;-#,##0;0"),
            dash: bordered.clone().set_align(FormatAlign::Center),
            group_count: group.clone().set_num_format("#,##0"),
            group_rate: group.clone().set_num_format("0.00"),
            group,
            muted_count: muted.clone().set_num_format("#,##0"),
            muted_rate: muted.set_num_format("0.00"),
            plain: bordered.clone(),
            date: bordered.clone().set_num_format("dd/mm/yyyy"),
            row_number: bordered.clone().set_num_format("0"),
            note: Format::new()
                .set_font_name(FONT)
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            paragraph: Format::new()
                .set_font_name(FONT)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            column_number: bordered.clone().set_italic().set_align(FormatAlign::Center),
            met: status(0xC6EFCE, 0x006100),
            met_minimum: status(0xFFEB9C, 0x9C5700),
            not_met: status(0xFFC7CE, 0x9C0006),
            no_data: status(0xEDEDED, 0x595959),
            header,
        }
    }

    /// The colour of a target status.
    pub fn status(&self, status: TargetStatus) -> &Format {
        match status {
            TargetStatus::Met => &self.met,
            TargetStatus::MetMinimum => &self.met_minimum,
            TargetStatus::NotMet => &self.not_met,
            TargetStatus::InsufficientData => &self.no_data,
        }
    }
}

/// Names a sheet and writes the title block of the Circular 01/2020 forms
/// at its top, spanning columns up to `last`: issuing and receiving units,
/// the sheet's heading, the period with its dates, the as-of date and the
/// unit of measure. Returns the first free row below it.
pub fn open_sheet(
    sheet: &mut Worksheet,
    which: Sheet,
    last: u16,
    input: &SheetInput<'_>,
) -> Result<u32, XlsxError> {
    let (summary, lang, formats) = input.parts();
    sheet.set_name(which.name(lang))?;
    sheet.write_string_with_format(
        0,
        0,
        format!(
            "{}: {}",
            lang.pick("Đơn vị báo cáo", "Reporting unit"),
            summary.reporting_unit
        ),
        &formats.unit,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "{}: {}",
            lang.pick("Đơn vị nhận báo cáo", "Receiving unit"),
            summary.receiving_unit
        ),
        &formats.unit,
    )?;
    sheet.merge_range(3, 0, 3, last, which.heading(lang), &formats.title)?;
    sheet.set_row_height(3, 36)?;
    let period = match lang {
        Lang::Vi => format!(
            "Kỳ báo cáo: {} (từ ngày {} đến ngày {})",
            summary.period.name_vi,
            lang.date(&summary.period.start),
            lang.date(&summary.period.end)
        ),
        Lang::En => format!(
            "Reporting period: {} (from {} to {})",
            lang.period_name(&summary.period),
            lang.date(&summary.period.start),
            lang.date(&summary.period.end)
        ),
    };
    sheet.merge_range(4, 0, 4, last, &period, &formats.subtitle)?;
    let as_of = fill(
        lang.pick(
            "Số liệu tính đến ngày {}. Đơn vị tính: {}",
            "Figures as of {}. Unit: {}",
        ),
        &[&lang.date(&summary.as_of), &which.unit_of_measure(lang)],
    );
    sheet.merge_range(5, 0, 5, last, &as_of, &formats.subtitle)?;
    Ok(7)
}

/// A4 landscape, fit to the page width, with `repeat` rows printed on
/// every page.
pub fn print_setup(sheet: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<(), XlsxError> {
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Writes a count.
pub fn write_count(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: u64,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, col, value as f64, format)?;
    Ok(())
}

/// Writes a rate, or a dash when there is none.
pub fn write_rate(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => sheet.write_number_with_format(row, col, round_published(v), format)?,
        None => sheet.write_string_with_format(row, col, "–", &formats.dash)?,
    };
    Ok(())
}

/// Writes a value a chart reads: a missing value is a blank cell (a chart
/// leaves a gap there; a dash would be drawn as 0).
pub fn write_chart_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => sheet.write_number_with_format(row, col, round_published(v), format)?,
        None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Row height in points for `text` merged over about `width` characters.
pub fn height_for(text: &str, width: usize) -> f64 {
    let lines = text.chars().count().div_ceil(width.max(1)).max(1);
    15.0 * lines as f64 + 4.0
}

/// A value as published: 2 decimals, half away from zero, so that a cell,
/// a chart and `summary.json` show the same number.
pub fn round_published(value: f64) -> f64 {
    crate::metrics::interval::round2(value)
}

/// Writes a group row's label (a level, the whole city) in column `at`,
/// the cells before it blank, all in the group format.
pub fn group_label(
    sheet: &mut Worksheet,
    row: u32,
    at: u16,
    label: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for col in 0..at {
        sheet.write_string_with_format(row, col, "", &formats.group)?;
    }
    sheet.write_string_with_format(row, at, label, &formats.group)?;
    Ok(())
}

/// Writes a row of headers from `first`.
pub fn write_headers(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    headers: &[&str],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (offset, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, first + offset as u16, *header, &formats.header)?;
    }
    Ok(())
}

/// Writes the agencies grouped by level from `row`: each level's heading
/// merged over columns 0 to `last_column`, then one row per agency with
/// its number (counted across levels) in column 0 and its code in column 1;
/// `rest` writes the rest of the agency's row. Returns the row after the
/// last agency.
pub fn level_groups<F>(
    sheet: &mut Worksheet,
    mut row: u32,
    input: &SheetInput<'_>,
    last_column: u16,
    mut rest: F,
) -> Result<u32, XlsxError>
where
    F: FnMut(&mut Worksheet, u32, &AgencyResults) -> Result<(), XlsxError>,
{
    let (lang, formats) = (input.lang, input.formats);
    let mut number = 0u32;
    for (level, agencies) in by_level(input.summary) {
        let heading = crate::report::labels::level_heading(lang, level);
        sheet.merge_range(row, 0, row, last_column, heading, &formats.group)?;
        row += 1;
        for agency in agencies {
            number += 1;
            sheet.write_number_with_format(row, 0, f64::from(number), &formats.count)?;
            sheet.write_string_with_format(row, 1, &agency.code, &formats.text)?;
            rest(sheet, row, agency)?;
            row += 1;
        }
    }
    Ok(row)
}

/// Agencies grouped by level, in registry order within a level.
pub fn by_level(summary: &Summary) -> Vec<(AgencyLevel, Vec<&AgencyResults>)> {
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
