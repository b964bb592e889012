//! The look shared by the picture charts: their colours, their font and how
//! they write a value.

use plotters::prelude::*;

use super::font::FAMILY;
use super::ChartData;

/// Values: bars, points.
pub(super) const BLUE: RGBColor = RGBColor(0x2E, 0x75, 0xB6);
/// Targets, limits and what is late.
pub(super) const RED: RGBColor = RGBColor(0xC0, 0x00, 0x00);
/// Small samples.
pub(super) const GREY: RGBColor = RGBColor(0xA6, 0xA6, 0xA6);
/// The lines of the trend, one per indicator.
pub(super) const LINE_COLOURS: [RGBColor; 6] = [
    RGBColor(0x2E, 0x75, 0xB6),
    RGBColor(0xED, 0x7D, 0x31),
    RGBColor(0x70, 0xAD, 0x47),
    RGBColor(0x7F, 0x3F, 0xBF),
    RGBColor(0x00, 0x00, 0x00),
    RGBColor(0x00, 0x99, 0x99),
];

/// The chart font at `size` pixels, black.
pub(super) fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// A value with 2 decimals, as published, in the report's language.
pub(super) fn format_value(data: &ChartData, value: f64) -> String {
    data.lang.number(value, 2)
}
