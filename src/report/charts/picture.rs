//! Picture charts drawn with plotters, each as PNG and SVG from the same
//! drawing code: criteria against targets, on-time rate by level, the trend,
//! the ranking of all agencies and the subject fields with most PAKN. Every
//! legend sits in a band under the plot (see [`super::legend`]).

use std::path::{Path, PathBuf};

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::ensure_registered;
use super::legend::{self, Entry, Mark};
use super::rows::{row_chart, RowChart};
use super::style::{font, format_value, BLUE, GREY, LINE_COLOURS, RED};
use super::{Bar, ChartData};
use crate::report::ReportError;

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// TC1–TC4 and the element index against their targets.
    Criteria,
    /// On-time rate by agency level.
    OnTimeByLevel,
    /// The city's indicators by quarter.
    Trend,
    /// Every agency by its element index.
    Ranking,
    /// The ten subject fields with most PAKN, on time and late.
    Fields,
    /// Funnel plot of the element index.
    FunnelElement,
    /// Funnel plot of the on-time rate.
    FunnelOnTime,
}

impl Kind {
    /// Every chart, in the order they are written.
    pub const ALL: [Kind; 7] = [
        Kind::Criteria,
        Kind::OnTimeByLevel,
        Kind::Trend,
        Kind::Ranking,
        Kind::Fields,
        Kind::FunnelElement,
        Kind::FunnelOnTime,
    ];

    /// File name without extension.
    pub fn file_stem(self) -> &'static str {
        match self {
            Kind::Criteria => "chi-so-tieu-chi",
            Kind::OnTimeByLevel => "dung-han-theo-cap",
            Kind::Trend => "xu-huong",
            Kind::Ranking => "xep-hang-co-quan",
            Kind::Fields => "linh-vuc",
            Kind::FunnelElement => "pheu-chi-so-thanh-phan",
            Kind::FunnelOnTime => "pheu-dung-han",
        }
    }

    /// Size in pixels.
    pub fn size(self, data: &ChartData) -> (u32, u32) {
        match self {
            Kind::Criteria | Kind::OnTimeByLevel => (1000, 560),
            Kind::Trend => (1100, 600),
            Kind::Ranking => (1100, (170 + 22 * data.ranking.len() as u32).max(400)),
            Kind::Fields => (1100, 600),
            Kind::FunnelElement | Kind::FunnelOnTime => (1100, 700),
        }
    }
}

/// Writes every chart as `<stem>.png` and `<stem>.svg` into `folder`;
/// returns the files written.
pub fn write_all(data: &ChartData, folder: &Path) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(folder).map_err(|source| ReportError::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let png = folder.join(format!("{}.png", kind.file_stem()));
        let bytes = render_png(kind, data).map_err(|message| chart_error(&png, message))?;
        write_file(&png, &bytes)?;
        written.push(png);
        let svg = folder.join(format!("{}.svg", kind.file_stem()));
        let text = render_svg(kind, data).map_err(|message| chart_error(&svg, message))?;
        write_file(&svg, text.as_bytes())?;
        written.push(svg);
    }
    Ok(written)
}

fn chart_error(path: &Path, message: String) -> ReportError {
    ReportError::Chart {
        path: path.display().to_string(),
        message,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// The chart as PNG bytes (8-bit RGB).
pub fn render_png(kind: Kind, data: &ChartData) -> Result<Vec<u8>, String> {
    let (width, height) = kind.size(data);
    let mut pixels = vec![255u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(kind, data, &root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    encode_png(&pixels, width, height)
}

/// The chart as an SVG document.
pub fn render_svg(kind: Kind, data: &ChartData) -> Result<String, String> {
    let size = kind.size(data);
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(kind, data, &root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(text)
}

/// Encodes RGB pixels as a PNG (no timestamps, so the bytes depend only on
/// the pixels).
pub fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(pixels).map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

/// Draws one chart on any plotters backend.
pub fn draw<DB: DrawingBackend>(
    kind: Kind,
    data: &ChartData,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    if !ensure_registered() {
        return Err("the embedded chart font could not be loaded".to_string());
    }
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    if !has_values(kind, data) {
        return empty(root, kind, data);
    }
    let entries = legend_entries(kind, data);
    let (width, height) = root.dim_in_pixel();
    let (plot, band) = root.split_vertically(height - legend::band_height(&entries, width));
    match kind {
        Kind::Criteria => columns(&plot, data, &data.criteria_title, &data.criteria),
        Kind::OnTimeByLevel => columns(&plot, data, &data.levels_title, &data.levels),
        Kind::Trend => trend(&plot, data),
        Kind::Ranking => ranking(&plot, data),
        Kind::Fields => super::fields_chart::fields(&plot, data),
        Kind::FunnelElement => super::funnel_chart::draw(&plot, data.lang, &data.funnel_element),
        Kind::FunnelOnTime => super::funnel_chart::draw(&plot, data.lang, &data.funnel_on_time),
    }?;
    legend::draw(&band, &entries)
}

/// What the legend under each chart explains.
fn legend_entries(kind: Kind, data: &ChartData) -> Vec<Entry> {
    let target = |value: Option<f64>| {
        value.map(|v| {
            Entry::new(
                Mark::Dashed(RED),
                format!("{} {}", data.target_label, format_value(data, v)),
            )
        })
    };
    match kind {
        Kind::Criteria | Kind::OnTimeByLevel => {
            vec![Entry::new(Mark::Line(RED), data.target_label.as_str())]
        }
        Kind::Trend => data
            .trend
            .iter()
            .zip(LINE_COLOURS)
            .map(|(line, colour)| Entry::new(Mark::Line(colour), line.name.as_str()))
            .chain(target(data.trend_target))
            .collect(),
        Kind::Ranking => [
            Entry::new(Mark::Fill(BLUE), data.sample_label.as_str()),
            Entry::new(Mark::Fill(GREY), data.small_sample_label.as_str()),
        ]
        .into_iter()
        .chain(target(data.ranking.iter().find_map(|b| b.target)))
        .collect(),
        Kind::Fields => vec![
            Entry::new(Mark::Fill(BLUE), data.on_time_label.as_str()),
            Entry::new(Mark::Fill(RED), data.late_label.as_str()),
        ],
        Kind::FunnelElement | Kind::FunnelOnTime => vec![
            Entry::new(Mark::Line(BLACK), data.city_label.as_str()),
            Entry::new(
                Mark::Dashed(RGBColor(0xED, 0x7D, 0x31)),
                data.limits_95_label.as_str(),
            ),
            Entry::new(Mark::Line(RED), data.limits_998_label.as_str()),
        ],
    }
}

/// Whether the chart has anything to draw.
fn has_values(kind: Kind, data: &ChartData) -> bool {
    let any = |bars: &[Bar]| bars.iter().any(|b| b.value.is_some());
    match kind {
        Kind::Criteria => any(&data.criteria),
        Kind::OnTimeByLevel => any(&data.levels),
        Kind::Trend => data
            .trend
            .iter()
            .any(|l| l.values.iter().any(Option::is_some)),
        Kind::Ranking => any(&data.ranking),
        Kind::Fields => !data.fields.is_empty(),
        Kind::FunnelElement => {
            !data.funnel_element.points.is_empty() && data.funnel_element.limits.sd.is_some()
        }
        Kind::FunnelOnTime => {
            !data.funnel_on_time.points.is_empty() && data.funnel_on_time.limits.sd.is_some()
        }
    }
}

/// The title and a note saying there is no data, in place of an empty chart.
fn empty<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: Kind,
    data: &ChartData,
) -> Result<(), String> {
    let title = match kind {
        Kind::Criteria => &data.criteria_title,
        Kind::OnTimeByLevel => &data.levels_title,
        Kind::Trend => &data.trend_title,
        Kind::Ranking => &data.ranking_title,
        Kind::Fields => &data.fields_title,
        Kind::FunnelElement => &data.funnel_element.title,
        Kind::FunnelOnTime => &data.funnel_on_time.title,
    };
    let (width, height) = root.dim_in_pixel();
    let centred = |size| font(size).pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(
        title.as_str(),
        (width as i32 / 2, 28),
        centred(24),
    ))
    .map_err(|e| e.to_string())?;
    root.draw(&Text::new(
        data.no_data_label.as_str(),
        (width as i32 / 2, height as i32 / 2),
        centred(20),
    ))
    .map_err(|e| e.to_string())
}

/// A chart with one category per label along x and percent from `y_min`
/// to 100 along y, its caption and axes drawn.
fn category_chart<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    data: &ChartData,
    title: &str,
    labels: &[String],
    y_min: f64,
    label_size: u32,
) -> Result<CategoryChart<'a, DB>, String> {
    let n = labels.len().max(1) as u32;
    let mut chart = ChartBuilder::on(root)
        .caption(title, font(24))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d((0u32..n - 1).into_segmented(), y_min..100f64)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .y_desc("%")
        .y_label_formatter(&|v| data.lang.number(*v, 0))
        .x_labels(n as usize)
        .x_label_style(font(label_size))
        .y_label_style(font(14))
        .axis_desc_style(font(16))
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// A rectangle for each bar with a value, between the corners `corners`
/// gives for its position and its value (held within 0–100), blue or grey
/// when its sample is small, inside `margins` (top, bottom, left, right).
fn bar_rectangles<'a, C: 'a>(
    bars: &'a [Bar],
    corners: impl Fn(usize, f64) -> [C; 2] + 'a,
    margins: (u32, u32, u32, u32),
) -> impl Iterator<Item = Rectangle<C>> + 'a {
    bars.iter().enumerate().filter_map(move |(i, bar)| {
        let value = bar.value?;
        let colour = if bar.muted { GREY } else { BLUE };
        let mut rect = Rectangle::new(corners(i, value.clamp(0.0, 100.0)), colour.filled());
        let (top, bottom, left, right) = margins;
        rect.set_margin(top, bottom, left, right);
        Some(rect)
    })
}

/// Each bar's value, written in `style` at the point `at` gives for its
/// position and its value.
fn value_labels<'a, C: 'a>(
    bars: &'a [Bar],
    data: &'a ChartData,
    style: TextStyle<'a>,
    at: impl Fn(usize, f64) -> C + 'a,
) -> impl Iterator<Item = Text<'a, C, String>> + 'a {
    bars.iter().enumerate().filter_map(move |(i, bar)| {
        let value = bar.value?;
        Some(Text::new(
            format_value(data, value),
            at(i, value),
            style.clone(),
        ))
    })
}

/// The chart context of [`category_chart`].
type CategoryChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<SegmentedCoord<RangedCoordu32>, RangedCoordf64>>;

/// Vertical bars with their values on top and a red tick at the target.
fn columns<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    title: &str,
    bars: &[Bar],
) -> Result<(), String> {
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    let mut chart = category_chart(root, data, title, &labels, 0.0, 16)?;
    let column = |i: usize, value: f64| {
        [
            (SegmentValue::Exact(i as u32), 0.0),
            (SegmentValue::Exact(i as u32 + 1), value),
        ]
    };
    chart
        .draw_series(bar_rectangles(bars, column, (0, 0, 24, 24)))
        .map_err(|e| e.to_string())?;
    let on_top = font(16)
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let top = |i: usize, value: f64| (SegmentValue::CenterOf(i as u32), (value - 1.5).max(6.0));
    chart
        .draw_series(value_labels(bars, data, on_top, top))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(bars.iter().enumerate().filter_map(|(i, bar)| {
            let target = bar.target?.clamp(0.0, 100.0);
            let mut tick = Rectangle::new(
                [
                    (SegmentValue::Exact(i as u32), target - 0.4),
                    (SegmentValue::Exact(i as u32 + 1), target + 0.4),
                ],
                RED.filled(),
            );
            tick.set_margin(0, 0, 12, 12);
            Some(tick)
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Lines of the city's indicators by quarter, with the element target.
fn trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let mut chart = category_chart(
        root,
        data,
        &data.trend_title,
        &data.trend_periods,
        data.trend_y_min,
        14,
    )?;
    for (line, colour) in data.trend.iter().zip(LINE_COLOURS) {
        let points: Vec<(SegmentValue<u32>, f64)> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((SegmentValue::CenterOf(i as u32), (*v)?)))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 4, colour.filled())),
            )
            .map_err(|e| e.to_string())?;
    }
    if let Some(target) = data.trend_target {
        let ends = [
            (SegmentValue::Exact(0), target),
            (SegmentValue::Last, target),
        ];
        chart
            .draw_series(DashedLineSeries::new(ends, 10, 6, RED.stroke_width(2)))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Horizontal bars of every agency, highest first, with the target line.
fn ranking<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> Result<(), String> {
    let (title, bars) = (&data.ranking_title, &data.ranking);
    let n = bars.len().max(1) as u32;
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    let mut chart = row_chart(
        root,
        data,
        RowChart {
            title,
            labels: &labels,
            x_max: 100.0,
            x_desc: "%",
            label_area: 380,
            label_size: 14,
        },
    )?;
    let row_of = |i: usize| n - 1 - i as u32;
    let row = |i: usize, value: f64| {
        [
            (0.0, SegmentValue::Exact(row_of(i))),
            (value, SegmentValue::Exact(row_of(i) + 1)),
        ]
    };
    chart
        .draw_series(bar_rectangles(bars, row, (3, 3, 0, 0)))
        .map_err(|e| e.to_string())?;
    if let Some(target) = bars.iter().find_map(|b| b.target) {
        chart
            .draw_series(DashedLineSeries::new(
                [
                    (target, SegmentValue::Exact(0)),
                    (target, SegmentValue::Last),
                ],
                8,
                5,
                RED.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
    }
    let inside_end = font(13)
        .color(&WHITE)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let end = |i: usize, value: f64| ((value - 0.8).max(8.0), SegmentValue::CenterOf(row_of(i)));
    chart
        .draw_series(value_labels(bars, data, inside_end, end))
        .map_err(|e| e.to_string())?;
    Ok(())
}
