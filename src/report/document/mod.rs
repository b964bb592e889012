//! `bao-cao-<period>.docx`: the draft report document (văn bản báo cáo) in
//! the layout of Decree 30/2020/NĐ-CP, Appendix I — A4 portrait, Times New
//! Roman, the two-column header block, `BÁO CÁO` and the subject, the
//! addressee, the body generated from the summary, `Nơi nhận` beside the
//! signature block, page numbers centred in the top margin from page 2.
//!
//! Every number is read from the [`Summary`] that `summary.json` holds;
//! nothing is computed here. Re-runs are byte-identical: the document's
//! date is the as-of date of the report, and every paragraph and picture
//! id is numbered by this writer.

mod body;
mod layout;
mod phrases;
mod proposals;

use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, Header, PageMargin, PageNum, Table, TableCell, TableRow, WidthType,
};

use super::labels::Lang;
use super::ReportError;
use crate::metrics::summary::Summary;
use layout::{LineStyle, Writer};

/// Name of the document of a period label.
pub fn document_name(period_label: &str) -> String {
    format!("bao-cao-{period_label}.docx")
}

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);

/// A `yyyy-mm-dd` date as the place-and-date line writes it: "ngày 05
/// tháng 01 năm 2026" (a day below 10 and the months 1 and 2 zero-padded,
/// Decree 30/2020, Appendix I).
pub fn dated_line(lang: Lang, place: &str, iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    let [year, month, day] = parts[..] else {
        return format!("{place}, {iso}");
    };
    match lang {
        Lang::Vi => {
            let day = if day < 10 {
                format!("0{day}")
            } else {
                day.to_string()
            };
            let month = if month < 3 {
                format!("0{month}")
            } else {
                month.to_string()
            };
            format!("{place}, ngày {day} tháng {month} năm {year}")
        }
        Lang::En => format!("{place}, {day:02}/{month:02}/{year}"),
    }
}

/// The two-column header block: the bodies on the left, the national
/// title and motto on the right, the symbol and the place and date below.
fn header_block(w: &mut Writer, summary: &Summary, lang: Lang) -> Table {
    let doc = &summary.config.document;
    let left = TableCell::new()
        .width(4000, WidthType::Dxa)
        .add_paragraph(w.line(&doc.parent_body.to_uppercase(), LineStyle::centred(13)))
        .add_paragraph(w.line(
            &doc.issuing_body.to_uppercase(),
            LineStyle::centred(13).bold(),
        ))
        .add_paragraph(w.rule_in(4000, 1300))
        .add_paragraph(w.line(
            &format!("{}: …/{}", lang.pick("Số", "No."), doc.symbol),
            LineStyle::centred(13),
        ));
    let (title, motto) = match lang {
        Lang::Vi => (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ),
        Lang::En => (
            "SOCIALIST REPUBLIC OF VIETNAM",
            "Independence - Freedom - Happiness",
        ),
    };
    let right = TableCell::new()
        .width(5600, WidthType::Dxa)
        .add_paragraph(w.line(title, LineStyle::centred(12).bold()))
        .add_paragraph(w.line(motto, LineStyle::centred(13).bold()))
        .add_paragraph(w.rule_in(5600, 3400))
        .add_paragraph(w.line(
            &dated_line(lang, &doc.place, &summary.as_of),
            LineStyle::centred(14).italic(),
        ));
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![4000, 5600])
        .width(9600, WidthType::Dxa)
}

/// The closing: `Nơi nhận` with the recipients beside the signature block.
fn closing(w: &mut Writer, summary: &Summary, lang: Lang) -> Table {
    let doc = &summary.config.document;
    let mut left = TableCell::new()
        .width(4400, WidthType::Dxa)
        .add_paragraph(w.line(
            lang.pick("Nơi nhận:", "Recipients:"),
            LineStyle::left(12).bold().italic(),
        ));
    for recipient in &doc.recipients {
        left = left.add_paragraph(w.line(&format!("- {recipient}"), LineStyle::left(11)));
    }
    left = left.add_paragraph(w.line(
        &format!("- {}: {}.", lang.pick("Lưu", "Archived"), doc.archive),
        LineStyle::left(11),
    ));
    let name = if doc.signer_name.is_empty() {
        ""
    } else {
        doc.signer_name.as_str()
    };
    let mut right = TableCell::new()
        .width(5200, WidthType::Dxa)
        .add_paragraph(w.line(
            &doc.signer_authority.to_uppercase(),
            LineStyle::centred(14).bold(),
        ))
        .add_paragraph(w.line(
            &doc.signer_title.to_uppercase(),
            LineStyle::centred(14).bold(),
        ));
    for _ in 0..4 {
        right = right.add_paragraph(w.line("", LineStyle::centred(14)));
    }
    right = right.add_paragraph(w.line(name, LineStyle::centred(14).bold()));
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(vec![4400, 5200])
        .width(9600, WidthType::Dxa)
}

/// Writes the report document of `summary` in `lang` to `path`, with the
/// picture charts found in `charts` (the report folder's `charts/`).
pub fn write_document(
    summary: &Summary,
    lang: Lang,
    charts: &Path,
    path: &Path,
) -> Result<(), ReportError> {
    let mut w = Writer::new();
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        // Top and bottom 20 mm, left 30 mm, right 20 mm; the page number 10 mm from the top.
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(1134)
                .header(567)
                .footer(567),
        )
        .default_fonts(layout::times())
        .default_size(28);
    let page_number = Header::new().add_paragraph(
        w.para()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    );
    let first_page = Header::new().add_paragraph(w.para());
    docx = docx.header(page_number).first_header(first_page).title_pg();
    docx = docx.add_table(header_block(&mut w, summary, lang));
    docx = docx.add_paragraph(w.line("", LineStyle::centred(14)));
    docx = docx.add_paragraph(w.line(
        lang.pick("BÁO CÁO", "REPORT"),
        LineStyle::centred(14).bold(),
    ));
    docx = docx.add_paragraph(w.line(&body::subject(summary, lang), LineStyle::centred(14).bold()));
    docx = docx.add_paragraph(w.rule_in(layout::TEXT_WIDTH, 2200));
    docx = docx.add_paragraph(w.line(
        &format!(
            "{} {}.",
            lang.pick("Kính gửi:", "To:"),
            summary.config.document.addressee
        ),
        LineStyle::centred(14),
    ));
    for block in body::blocks(&mut w, summary, lang, charts)? {
        docx = match block {
            phrases::Block::Paragraph(p) => docx.add_paragraph(*p),
            phrases::Block::Table(t) => docx.add_table(*t),
        };
    }
    docx = docx.add_table(closing(&mut w, summary, lang));
    let file = std::fs::File::create(path).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    docx.build().pack(file).map_err(|e| ReportError::Document {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_pads_days_below_10_and_the_first_two_months() {
        let cases = [
            (
                Lang::Vi,
                "Hà Nội",
                "2026-01-05",
                "Hà Nội, ngày 05 tháng 01 năm 2026",
            ),
            (
                Lang::Vi,
                "Hà Nội",
                "2025-06-14",
                "Hà Nội, ngày 14 tháng 6 năm 2025",
            ),
            (
                Lang::Vi,
                "Huế",
                "2025-02-28",
                "Huế, ngày 28 tháng 02 năm 2025",
            ),
            (
                Lang::Vi,
                "Hà Nội",
                "2025-12-09",
                "Hà Nội, ngày 09 tháng 12 năm 2025",
            ),
            (Lang::En, "Hanoi", "2025-06-14", "Hanoi, 14/06/2025"),
        ];
        for (lang, place, date, line) in cases {
            assert_eq!(dated_line(lang, place, date), line, "{date}");
        }
    }
}
