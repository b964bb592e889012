//! Legends drawn in a band of their own under the plot, so that they never
//! cover a bar or a line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::FAMILY;

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A filled box (bars).
    Fill(RGBColor),
    /// A solid line (series).
    Line(RGBColor),
    /// A dashed line (targets).
    Dashed(RGBColor),
}

/// One entry: its mark and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The mark drawn before the label.
    pub mark: Mark,
    /// The label.
    pub label: String,
}

impl Entry {
    /// An entry of `mark` labelled `label`.
    pub fn new(mark: Mark, label: impl Into<String>) -> Self {
        Self {
            mark,
            label: label.into(),
        }
    }
}

/// Height of one line of entries, in pixels.
pub const LINE_HEIGHT: u32 = 26;
const FONT_SIZE: u32 = 14;
const MARK_WIDTH: i32 = 22;
const GAP: i32 = 28;

/// Height of the band that `entries` need on a chart `width` pixels wide.
pub fn band_height(entries: &[Entry], width: u32) -> u32 {
    if entries.is_empty() {
        return 0;
    }
    (lines(entries, width).len() as u32) * LINE_HEIGHT + 10
}

/// The entries laid out in lines no wider than `width`, with each entry's width.
fn lines(entries: &[Entry], width: u32) -> Vec<Vec<(&Entry, i32)>> {
    let usable = width as i32 - 40;
    let mut lines: Vec<Vec<(&Entry, i32)>> = Vec::new();
    let mut line: Vec<(&Entry, i32)> = Vec::new();
    let mut used = 0;
    for entry in entries {
        let needed = MARK_WIDTH + 8 + estimate_width(&entry.label);
        if !line.is_empty() && used + GAP + needed > usable {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        used += if line.is_empty() { 0 } else { GAP } + needed;
        line.push((entry, needed));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Width of `text` in the legend's font, estimated (the same on every
/// backend, so PNG and SVG lay out alike): 0.55 em per character.
fn estimate_width(text: &str) -> i32 {
    (text.chars().count() as f64 * FONT_SIZE as f64 * 0.55).ceil() as i32
}

/// Draws `entries` centred in `band`, line by line.
pub fn draw<DB: DrawingBackend>(
    band: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Result<(), String> {
    let (width, _) = band.dim_in_pixel();
    let style = TextStyle::from((FAMILY, FONT_SIZE).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (n, line) in lines(entries, width).iter().enumerate() {
        let total: i32 = line.iter().map(|(_, w)| w).sum::<i32>() + GAP * (line.len() as i32 - 1);
        let mut x = (width as i32 - total).max(0) / 2;
        let y = 5 + n as i32 * LINE_HEIGHT as i32 + LINE_HEIGHT as i32 / 2;
        for (entry, needed) in line {
            let (x0, x1) = (x, x + MARK_WIDTH);
            let drawn = match entry.mark {
                Mark::Fill(colour) => {
                    band.draw(&Rectangle::new([(x0, y - 6), (x1, y + 6)], colour.filled()))
                }
                Mark::Line(colour) => band.draw(&PathElement::new(
                    [(x0, y), (x1, y)],
                    colour.stroke_width(3),
                )),
                Mark::Dashed(colour) => band
                    .draw(&PathElement::new(
                        [(x0, y), (x0 + 8, y)],
                        colour.stroke_width(2),
                    ))
                    .and_then(|_| {
                        band.draw(&PathElement::new(
                            [(x0 + 14, y), (x1, y)],
                            colour.stroke_width(2),
                        ))
                    }),
            };
            drawn.map_err(|e| e.to_string())?;
            band.draw(&Text::new(entry.label.as_str(), (x1 + 8, y), style.clone()))
                .map_err(|e| e.to_string())?;
            x += needed + GAP;
        }
    }
    Ok(())
}
