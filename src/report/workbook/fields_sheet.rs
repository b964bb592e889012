//! The sheet "Theo lĩnh vực": what citizens raise — the handling counts by
//! classification ("phân loại") and by subject field ("lĩnh vực") in the
//! column layout of "Xử lý PAKN", the change in PAKN received against the
//! previous period, and a native bar chart of the ten fields with most PAKN
//! split into those handled on time and those late.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::handling_sheet::{city_total_row, handling_cells, write_header, LAST_COLUMN};
use super::input::SheetInput;
use super::style::{open_sheet, print_setup, write_count, write_headers, Formats};
use crate::metrics::summary::Summary;
use crate::metrics::Handling;
use crate::report::charts::ChartData;
use crate::report::labels::{self, Lang, Sheet};

/// The column of the change in PAKN received.
const CHANGE_COLUMN: u16 = LAST_COLUMN + 1;

/// One row of a table: its label, counts and change in received.
struct Line<'a> {
    label: String,
    handling: &'a Handling,
    change: Option<i64>,
}

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, charts) = (input.summary, input.charts);
    let (lang, formats) = (input.lang, input.formats);
    let name = Sheet::Fields.name(lang);
    let mut row = open_sheet(sheet, Sheet::Fields, CHANGE_COLUMN, input)?;
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 40)?;
    for c in 2..=CHANGE_COLUMN {
        sheet.set_column_width(c, 11)?;
    }
    let change_title = match summary.categories.first().and(previous_label(summary)) {
        Some(before) => match lang {
            Lang::Vi => format!("Tiếp nhận tăng (+), giảm (−) so với kỳ trước ({before})"),
            Lang::En => format!("Change in received against {before}"),
        },
        None => lang
            .pick("Tiếp nhận so với kỳ trước", "Change in received")
            .to_string(),
    };

    let categories: Vec<Line> = summary
        .categories
        .iter()
        .map(|c| Line {
            label: labels::category(lang, c.code).to_string(),
            handling: &c.handling,
            change: c.change_received,
        })
        .collect();
    let fields: Vec<Line> = summary
        .fields
        .iter()
        .map(|f| Line {
            label: labels::field_or_unknown(lang, f.name.as_deref()),
            handling: &f.handling,
            change: f.change_received,
        })
        .collect();
    let tables = [
        (
            lang.pick("1. Theo phân loại", "1. By classification"),
            lang.pick("Phân loại", "Classification"),
            categories,
        ),
        (
            lang.pick("2. Theo lĩnh vực", "2. By subject field"),
            lang.pick("Lĩnh vực", "Subject field"),
            fields,
        ),
    ];
    // The second table starts a row under the first.
    for (k, (title, label, lines)) in tables.iter().enumerate() {
        let top = row + k as u32;
        row = table(
            sheet,
            top,
            title,
            label,
            &change_title,
            lines,
            summary,
            lang,
            formats,
        )?;
    }
    chart_block(sheet, name, charts, row + 1, lang, formats)?;
    // Two tables of their own headers: no header rows repeated on each page.
    print_setup(sheet, None)
}

/// The label of the previous period, when the summary's figures have one.
fn previous_label(summary: &Summary) -> Option<String> {
    summary
        .agencies
        .iter()
        .find_map(|a| a.change_previous.period.clone())
}

/// Writes one table from `row` (its heading, the three header rows, a row
/// per line and the city total); returns the row after it.
#[allow(clippy::too_many_arguments)]
fn table(
    sheet: &mut Worksheet,
    row: u32,
    heading: &str,
    unit: &str,
    change_title: &str,
    lines: &[Line<'_>],
    summary: &Summary,
    lang: Lang,
    formats: &Formats,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(row, 0, heading, &formats.unit)?;
    let top = row + 1;
    write_header(sheet, top, unit, &[change_title], lang, formats)?;
    sheet.set_row_height(top, 32)?;
    let mut row = top + 3;
    for (number, line) in lines.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (number + 1) as f64, &formats.count)?;
        sheet.write_string_with_format(row, 1, &line.label, &formats.text)?;
        handling_cells(sheet, row, line.handling, formats, false)?;
        match line.change {
            Some(change) => sheet.write_number_with_format(
                row,
                CHANGE_COLUMN,
                change as f64,
                &formats.change,
            )?,
            None => sheet.write_string_with_format(row, CHANGE_COLUMN, "–", &formats.dash)?,
        };
        row += 1;
    }
    city_total_row(sheet, row, summary, CHANGE_COLUMN, lang, formats)?;
    Ok(row + 1)
}

/// The chart's data (field, on time, late) and the stacked bar chart drawn
/// from it.
fn chart_block(
    sheet: &mut Worksheet,
    name: &str,
    data: &ChartData,
    row: u32,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_page_breaks(&[row])?;
    sheet.write_string_with_format(
        row,
        0,
        lang.pick("3. Biểu đồ và số liệu của biểu đồ", "3. Chart and its data"),
        &formats.unit,
    )?;
    let top = row + 1;
    write_headers(
        sheet,
        top,
        1,
        &[
            lang.pick("Lĩnh vực", "Subject field"),
            &data.on_time_label,
            &data.late_label,
        ],
        formats,
    )?;
    sheet.set_row_height(top, 45)?;
    let mut last = top;
    for bar in &data.fields {
        last += 1;
        sheet.write_string_with_format(last, 1, &bar.label, &formats.text)?;
        write_count(sheet, last, 2, bar.on_time, &formats.count)?;
        write_count(sheet, last, 3, bar.late, &formats.count)?;
    }
    if data.fields.is_empty() {
        sheet.write_string_with_format(top + 1, 1, &data.no_data_label, &formats.note)?;
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::BarStacked);
    for (col, colour) in [(2u16, 0x2E75B6), (3, 0xC00000)] {
        chart
            .add_series()
            .set_name((name, top, col))
            .set_categories((name, top + 1, 1, last, 1))
            .set_values((name, top + 1, col, last, col))
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)));
    }
    chart.title().set_name(&data.fields_title);
    // The most received on top, as in the table.
    chart.y_axis().set_reverse();
    chart.x_axis().set_name("PAKN");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(900).set_height(420);
    sheet.insert_chart(last + 2, 1, &chart)?;
    Ok(())
}
