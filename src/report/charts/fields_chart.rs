//! The subject-field chart: one horizontal bar per field (most PAKN on
//! top), its PAKN handled on time in blue and those late in red.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{row_chart, RowChart};
use super::style::{font, BLUE, RED};
use super::ChartData;

/// Draws the chart on `root`.
pub(super) fn fields<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let bars = &data.fields;
    let n = bars.len().max(1) as u32;
    let largest = bars.iter().map(|b| b.on_time + b.late).max().unwrap_or(0);
    // Room on the right of the longest bar for its total.
    let x_max = ((largest as f64) * 1.25).max(1.0);
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    let mut chart = row_chart(
        root,
        data,
        RowChart {
            title: &data.fields_title,
            labels: &labels,
            x_max,
            x_desc: "PAKN",
            label_area: 260,
            label_size: 15,
        },
    )?;
    let row_of = |i: usize| n - 1 - i as u32;
    let segment = |i: usize, from: f64, to: f64, colour: RGBColor| {
        let mut rect = Rectangle::new(
            [
                (from, SegmentValue::Exact(row_of(i))),
                (to, SegmentValue::Exact(row_of(i) + 1)),
            ],
            colour.filled(),
        );
        rect.set_margin(6, 6, 0, 0);
        rect
    };
    chart
        .draw_series(bars.iter().enumerate().flat_map(|(i, bar)| {
            let on_time = bar.on_time as f64;
            let late = bar.late as f64;
            [
                segment(i, 0.0, on_time, BLUE),
                segment(i, on_time, on_time + late, RED),
            ]
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, bar)| {
            let total = bar.on_time + bar.late;
            let text = match data.lang {
                crate::report::labels::Lang::Vi => format!(
                    "tiếp nhận {}; quá hạn {}",
                    data.lang.number(bar.received as f64, 0),
                    data.lang.number(bar.late as f64, 0)
                ),
                crate::report::labels::Lang::En => format!(
                    "received {}; late {}",
                    data.lang.number(bar.received as f64, 0),
                    data.lang.number(bar.late as f64, 0)
                ),
            };
            Text::new(
                text,
                (
                    total as f64 + x_max * 0.005,
                    SegmentValue::CenterOf(row_of(i)),
                ),
                font(13).pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}
