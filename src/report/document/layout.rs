//! The typography of the report document (Decree 30/2020/NĐ-CP, Appendix
//! I): Times New Roman, body 14 pt justified with a 1.27 cm first-line
//! indent, 6 pt after each paragraph, line spacing 1.15; and the builders of
//! its paragraphs, rules, tables and pictures, each numbered by the writer
//! so that the document is the same bytes on every run.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Pic, Run, RunFonts, SpecialIndentType, Table,
    TableCell, TableRow, WidthType,
};

/// Times New Roman for every script (named, not embedded).
pub fn times() -> RunFonts {
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .east_asia("Times New Roman")
        .cs("Times New Roman")
}

/// Width of the text between the margins, in twentieths of a point (A4,
/// 30 mm and 20 mm margins).
pub const TEXT_WIDTH: usize = 9071;

/// How a line of the heading blocks is set: its size in points, weight,
/// slant and alignment.
#[derive(Debug, Clone, Copy)]
pub struct LineStyle {
    size: usize,
    bold: bool,
    italic: bool,
    align: AlignmentType,
}

impl LineStyle {
    /// Centred, upright and regular, at `size` points.
    pub fn centred(size: usize) -> Self {
        Self {
            size,
            bold: false,
            italic: false,
            align: AlignmentType::Center,
        }
    }

    /// Left-aligned, upright and regular, at `size` points.
    pub fn left(size: usize) -> Self {
        Self {
            align: AlignmentType::Left,
            ..Self::centred(size)
        }
    }

    /// The same, in bold.
    pub fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    /// The same, in italics.
    pub fn italic(self) -> Self {
        Self {
            italic: true,
            ..self
        }
    }
}

/// Builds the document's elements with ids of its own.
pub struct Writer {
    paragraphs: u32,
    pictures: u32,
}

impl Writer {
    /// A writer whose first paragraph is number 1.
    pub fn new() -> Self {
        Self {
            paragraphs: 0,
            pictures: 0,
        }
    }

    /// An empty paragraph with the next id.
    pub fn para(&mut self) -> Paragraph {
        self.paragraphs += 1;
        Paragraph::new().id(format!("{:08X}", self.paragraphs))
    }

    /// A paragraph of one run, set in `style`.
    pub fn line(&mut self, text: &str, style: LineStyle) -> Paragraph {
        let mut run = Run::new()
            .add_text(text)
            .size(style.size * 2)
            .fonts(times());
        if style.bold {
            run = run.bold();
        }
        if style.italic {
            run = run.italic();
        }
        self.para()
            .align(style.align)
            .line_spacing(spacing(None, 0, Some(240)))
            .add_run(run)
    }

    /// A body paragraph: 14 pt, justified, 1.27 cm first-line indent, 6 pt after.
    pub fn body(&mut self, text: &str) -> Paragraph {
        self.para()
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(720)), None, None)
            .line_spacing(spacing(Some(0), 120, Some(276)))
            .add_run(Run::new().add_text(text).size(28).fonts(times()))
    }

    /// A heading of the body (I., II.…): bold, with the first-line indent.
    pub fn heading(&mut self, text: &str) -> Paragraph {
        self.para()
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(720)), None, None)
            .line_spacing(spacing(Some(120), 120, Some(276)))
            .keep_next(true)
            .add_run(Run::new().add_text(text).size(28).bold().fonts(times()))
    }

    /// A caption under a picture or above a table: 13 pt italic, centred.
    pub fn caption(&mut self, text: &str) -> Paragraph {
        self.para()
            .align(AlignmentType::Center)
            .keep_next(true)
            .line_spacing(spacing(Some(60), 120, Some(240)))
            .add_run(Run::new().add_text(text).size(26).italic().fonts(times()))
    }

    /// A short centred rule `width` long in a column `column` wide (both in
    /// twentieths of a point): an empty paragraph's bottom border between indents.
    pub fn rule_in(&mut self, column: usize, width: usize) -> Paragraph {
        let side = column.saturating_sub(width) / 2;
        let mut p = self
            .para()
            .indent(Some(side as i32), None, Some(side as i32), None)
            .line_spacing(spacing(Some(0), 120, Some(120)));
        // The bottom border alone (the default set draws a box).
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(1)
                    .color("000000"),
            ),
        );
        p
    }

    /// A table with a bold header row; `widths` in twentieths of a point,
    /// `numeric` the columns aligned right.
    pub fn table(
        &mut self,
        headers: &[&str],
        rows: &[Vec<String>],
        widths: &[usize],
        numeric: &[usize],
    ) -> Table {
        let cell = |w: &mut Writer, text: &str, width: usize, bold: bool, align: AlignmentType| {
            let mut run = Run::new().add_text(text).size(24).fonts(times());
            if bold {
                run = run.bold();
            }
            TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                w.para()
                    .align(align)
                    .line_spacing(spacing(Some(40), 40, Some(240)))
                    .add_run(run),
            )
        };
        let mut table_rows = vec![TableRow::new(
            headers
                .iter()
                .zip(widths)
                .map(|(h, wd)| cell(self, h, *wd, true, AlignmentType::Center))
                .collect(),
        )
        .cant_split()];
        for row in rows {
            table_rows.push(
                TableRow::new(
                    row.iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let align = if numeric.contains(&i) {
                                AlignmentType::Right
                            } else {
                                AlignmentType::Left
                            };
                            cell(
                                self,
                                text,
                                widths.get(i).copied().unwrap_or(1000),
                                false,
                                align,
                            )
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        Table::new(table_rows)
            .set_grid(widths.to_vec())
            .width(widths.iter().sum(), WidthType::Dxa)
    }

    /// A centred picture of a PNG `width_cm` wide, its height in proportion.
    pub fn picture(&mut self, png: Vec<u8>, width_cm: f64) -> Option<Paragraph> {
        let (w_px, h_px) = png_size(&png)?;
        self.pictures += 1;
        let emu_per_cm = 360_000.0;
        let width = (width_cm * emu_per_cm) as u32;
        let height = (width_cm * emu_per_cm * f64::from(h_px) / f64::from(w_px)) as u32;
        let pic = Pic::new_with_dimensions(png, w_px, h_px)
            .size(width, height)
            .id(format!("rIdImage{}", self.pictures));
        Some(
            self.para()
                .align(AlignmentType::Center)
                .keep_next(true)
                .line_spacing(spacing(Some(120), 0, None))
                .add_run(Run::new().add_image(pic)),
        )
    }
}

/// Width and height of a PNG from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
    (width > 0 && height > 0).then_some((width, height))
}

/// Single ("auto") line spacing with `after` twentieths of a point after the
/// paragraph, and `before` and the line height when given.
fn spacing(before: Option<u32>, after: u32, line: Option<i32>) -> LineSpacing {
    let mut spacing = LineSpacing::new().line_rule(LineSpacingType::Auto);
    if let Some(before) = before {
        spacing = spacing.before(before);
    }
    spacing = spacing.after(after);
    if let Some(line) = line {
        spacing = spacing.line(line);
    }
    spacing
}
