//! The subject-field chart: one horizontal bar per field (most PAKN on
//! top), its PAKN handled on time in blue and those late in red.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{row_chart, RowChart, MARGIN};
use super::style::{font, BLUE, RED};
use super::ChartData;

/// Width of the field names' area, in pixels.
const LABEL_AREA: u32 = 260;

/// The end of the value axis: a quarter beyond the `largest` bar, or more
/// when the widest total (`widest` pixels, beside its bar after a gap of
/// half a percent) would not end inside a plot `plot` pixels wide.
fn axis_end(largest: f64, widest: f64, plot: f64) -> f64 {
    // Where the longest bar may end, in pixels.
    let room = (plot * 0.995 - widest - 2.0).max(plot / 2.0);
    (largest * 1.25).max(largest * plot / room).max(1.0)
}

/// The text beside a field's bar: PAKN received and late.
fn total_text(data: &ChartData, bar: &super::SplitBar) -> String {
    match data.lang {
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
    }
}

/// Draws the chart on `root`.
pub(super) fn fields<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let bars = &data.fields;
    let n = bars.len().max(1) as u32;
    let largest = bars.iter().map(|b| b.on_time + b.late).max().unwrap_or(0);
    let totals: Vec<String> = bars.iter().map(|bar| total_text(data, bar)).collect();
    // Room on the right of the longest bar for its total: a quarter of the
    // axis, or as much as the widest total needs.
    let widest = totals
        .iter()
        .filter_map(|text| root.estimate_text_size(text, &font(13)).ok())
        .map(|(width, _)| f64::from(width))
        .fold(0.0, f64::max);
    let plot = f64::from(
        root.dim_in_pixel()
            .0
            .saturating_sub(2 * MARGIN + LABEL_AREA),
    );
    let x_max = axis_end(largest as f64, widest, plot);
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    let mut chart = row_chart(
        root,
        data,
        RowChart {
            title: &data.fields_title,
            labels: &labels,
            x_max,
            x_desc: "PAKN",
            label_area: LABEL_AREA,
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
        .draw_series(bars.iter().zip(totals).enumerate().map(|(i, (bar, text))| {
            let total = bar.on_time + bar.late;
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

#[cfg(test)]
mod tests {
    use super::axis_end;

    #[test]
    fn the_axis_leaves_room_for_the_widest_total() {
        // A plot of 808 pixels. Short totals (100 pixels) fit in the
        // quarter beyond the longest bar: 200,000 × 1.25.
        assert_eq!(axis_end(200_000.0, 100.0, 808.0), 250_000.0);
        // 210 pixels do not: the bar may end at 808 × 0.995 − 210 − 2 =
        // 591.96 pixels, so the axis ends at 200,000 × 808 ÷ 591.96.
        let end = axis_end(200_000.0, 210.0, 808.0);
        assert!((end - 200_000.0 * 808.0 / 591.96).abs() < 1e-6, "{end}");
        // Whatever the totals, the bar keeps half the plot; an empty chart
        // still has an axis.
        assert_eq!(axis_end(100.0, 2_000.0, 808.0), 200.0);
        assert_eq!(axis_end(0.0, 50.0, 808.0), 1.0);
    }
}
