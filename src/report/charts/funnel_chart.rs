//! Funnel plots: each agency's value against its sample size, with the
//! city's value as a line and its 95% and 99.8% control limits as curves
//! that close in as the sample grows. Every point is labelled with the
//! agency's code; those outside the 99.8% limits with its name.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{font, BLUE, RED};
use super::Funnel;
use crate::metrics::funnel::{Z_95, Z_998};

/// Colour of the 95% limits.
const ORANGE: RGBColor = RGBColor(0xED, 0x7D, 0x31);

/// Points along each limit curve.
const CURVE_POINTS: usize = 200;

/// Draws `funnel` on `root`.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lang: crate::report::labels::Lang,
    funnel: &Funnel,
) -> Result<(), String> {
    let largest = funnel.points.iter().map(|p| p.n).max().unwrap_or(1).max(1) as f64;
    let smallest = funnel.points.iter().map(|p| p.n).min().unwrap_or(1).max(1) as f64;
    let x_max = largest * 1.08;
    let x_min = (smallest * 0.8).max(0.5);
    // The curves from the smallest sample on, where they are drawn.
    let low_at_start = funnel.limits.at(x_min, -Z_998).unwrap_or(0.0);
    let lowest = funnel
        .points
        .iter()
        .map(|p| p.value)
        .fold(low_at_start.max(0.0), f64::min);
    let y_min = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let mut chart = ChartBuilder::on(root)
        .caption(funnel.title.as_str(), font(22))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        // Room above 100% for the labels of the points there.
        .build_cartesian_2d(0f64..x_max, y_min..104f64)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .x_desc(funnel.n_label.as_str())
        .y_desc("%")
        .x_label_formatter(&|v| lang.number(*v, 0))
        .y_label_formatter(&|v| {
            if *v > 100.0 {
                String::new()
            } else {
                lang.number(*v, 0)
            }
        })
        .x_label_style(font(14))
        .y_label_style(font(14))
        .axis_desc_style(font(16))
        .draw()
        .map_err(|e| e.to_string())?;
    let curve = |z: f64| -> Vec<(f64, f64)> {
        (0..=CURVE_POINTS)
            .filter_map(|i| {
                let n = x_min + (x_max - x_min) * i as f64 / CURVE_POINTS as f64;
                Some((n, funnel.limits.at(n, z)?.clamp(y_min, 100.0)))
            })
            .collect()
    };
    for (z, colour, dashed) in [
        (Z_95, ORANGE, true),
        (-Z_95, ORANGE, true),
        (Z_998, RED, false),
        (-Z_998, RED, false),
    ] {
        let points = curve(z);
        if dashed {
            chart
                .draw_series(DashedLineSeries::new(points, 8, 5, colour.stroke_width(2)))
                .map_err(|e| e.to_string())?;
        } else {
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(2)))
                .map_err(|e| e.to_string())?;
        }
    }
    if let Some(centre) = funnel.limits.centre {
        chart
            .draw_series(LineSeries::new(
                [(0.0, centre), (x_max, centre)],
                BLACK.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
    }
    chart
        .draw_series(funnel.points.iter().map(|p| {
            let colour = if p.outside { RED } else { BLUE };
            Circle::new(
                (p.n as f64, p.value.clamp(y_min, 100.0)),
                5,
                colour.filled(),
            )
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(funnel.points.iter().map(|p| {
            let style = if p.outside {
                font(13).color(&RED)
            } else {
                font(11)
            };
            Text::new(
                p.label.clone(),
                (p.n as f64, p.value.clamp(y_min, 100.0)),
                style.pos(Pos::new(HPos::Left, VPos::Bottom)),
            )
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}
