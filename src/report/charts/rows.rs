//! Charts of horizontal rows (the ranking of agencies, the subject fields):
//! a value axis from 0 along x, one labelled row per item along y.

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::font;
use super::ChartData;

/// Margin around a chart of rows, in pixels.
pub(super) const MARGIN: u32 = 16;

/// What [`row_chart`] draws: one row per label, the first on top.
pub(super) struct RowChart<'a> {
    /// Caption.
    pub title: &'a str,
    /// One label per row, top first.
    pub labels: &'a [String],
    /// End of the value axis (from 0).
    pub x_max: f64,
    /// Name of the value axis.
    pub x_desc: &'a str,
    /// Width of the label area, in pixels.
    pub label_area: u32,
    /// Size of the row labels.
    pub label_size: u32,
}

/// A chart of horizontal rows with its caption and axes drawn: values along
/// x from 0, one segment per label along y, the first label on top (row 0
/// is drawn at the bottom, so the label of row i is `labels[n − 1 − i]`).
pub(super) fn row_chart<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    data: &ChartData,
    spec: RowChart<'_>,
) -> Result<RowContext<'a, DB>, String> {
    let n = spec.labels.len().max(1) as u32;
    let mut chart = ChartBuilder::on(root)
        .caption(spec.title, font(24))
        .margin(MARGIN)
        .x_label_area_size(40)
        .y_label_area_size(spec.label_area)
        .build_cartesian_2d(0f64..spec.x_max, (0u32..n - 1).into_segmented())
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .x_desc(spec.x_desc)
        .x_label_formatter(&|v| data.lang.number(*v, 0))
        .y_labels(n as usize)
        .x_label_style(font(14))
        .y_label_style(font(spec.label_size))
        .axis_desc_style(font(16))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => spec
                .labels
                .get((n - 1 - (*i).min(n - 1)) as usize)
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// The chart context of [`row_chart`].
pub(super) type RowContext<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordu32>>>;
