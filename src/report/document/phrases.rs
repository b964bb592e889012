//! The phrases the sections of the report document are made of: numbers,
//! percents, changes and target ranges in the report's language, and the
//! blocks a section adds to the body.

use docx_rs::{Paragraph, Table};

use super::layout::Writer;

use crate::metrics::summary::{AgencyResults, Summary};
use crate::metrics::targets::TargetResult;
use crate::report::labels::Lang;

/// A paragraph or a table of the body.
pub enum Block {
    /// A paragraph (text, heading, caption or picture).
    Paragraph(Box<Paragraph>),
    /// A Word table.
    Table(Box<Table>),
}

/// The headings of the document's five sections (Vietnamese, English).
const SECTION_HEADINGS: [(&str, &str); 5] = [
    (
        "I. KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ",
        "I. RECEIVING AND HANDLING FEEDBACK",
    ),
    (
        "II. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC",
        "II. CITIZENS' SATISFACTION",
    ),
    (
        "III. TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ 181/KH-UBND",
        "III. PROGRESS ON PLAN 181/KH-UBND",
    ),
    (
        "IV. NỘI DUNG NGƯỜI DÂN PHẢN ÁNH, KIẾN NGHỊ",
        "IV. WHAT CITIZENS RAISE",
    ),
    ("V. ĐỀ XUẤT, KIẾN NGHỊ", "V. PROPOSALS"),
];

/// The heading of section `number` (1 to 5) in `lang`.
pub(super) fn section_heading(w: &mut Writer, lang: Lang, number: usize) -> Block {
    let (vietnamese, english) = SECTION_HEADINGS[number - 1];
    w.heading(lang.pick(vietnamese, english)).into()
}

impl From<Paragraph> for Block {
    fn from(paragraph: Paragraph) -> Self {
        Block::Paragraph(Box::new(paragraph))
    }
}

impl From<Table> for Block {
    fn from(table: Table) -> Self {
        Block::Table(Box::new(table))
    }
}

/// A date `yyyy-mm-dd` written `dd/mm/yyyy`.
pub(super) fn dmy(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts[..] {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// "Quý II năm 2025" → "quý II năm 2025".
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name followed by its count ("Cổng thông tin 1.234").
pub(super) fn counted(lang: Lang, name: &str, n: u64) -> String {
    format!("{name} {}", count(lang, n))
}

/// A count in the language's convention.
pub(super) fn count(lang: Lang, n: u64) -> String {
    lang.number(n as f64, 0)
}

pub(super) fn percent(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{}%", lang.number(v, 2)),
        None => lang.pick("chưa có số liệu", "no data").to_string(),
    }
}

/// "tăng 2,10 điểm so với kỳ trước" / "up 2.10 points on the previous period".
pub(super) fn change(lang: Lang, points: Option<f64>, against: &str) -> Option<String> {
    let p = points?;
    let size = lang.number(p.abs(), 2);
    Some(match (lang, p.partial_cmp(&0.0)) {
        (Lang::Vi, Some(std::cmp::Ordering::Greater)) => {
            format!("tăng {size} điểm so với {against}")
        }
        (Lang::Vi, Some(std::cmp::Ordering::Less)) => format!("giảm {size} điểm so với {against}"),
        (Lang::Vi, _) => format!("bằng {against}"),
        (Lang::En, Some(std::cmp::Ordering::Greater)) => format!("up {size} points on {against}"),
        (Lang::En, Some(std::cmp::Ordering::Less)) => format!("down {size} points on {against}"),
        (Lang::En, _) => format!("level with {against}"),
    })
}

pub(super) fn target_range(lang: Lang, t: &TargetResult) -> String {
    match (t.target_min, t.target_max) {
        (Some(l), Some(h)) if (l - h).abs() > f64::EPSILON => {
            format!("{}–{}%", lang.number(l, 2), lang.number(h, 2))
        }
        (Some(l), _) => format!("{}%", lang.number(l, 2)),
        _ => "–".to_string(),
    }
}

/// The change of `code` against the previous period, from the trend.
pub(super) fn previous_change(summary: &Summary, code: &str) -> Option<f64> {
    summary
        .trend
        .iter()
        .find(|t| t.label == summary.period.label)
        .and_then(|t| t.change_previous.get(code).copied().flatten())
        .map(|c| c.points)
}

pub(super) fn target<'a>(summary: &'a Summary, code: &str) -> Option<&'a TargetResult> {
    summary.city.targets.iter().find(|t| t.indicator == code)
}

/// Agencies by name with `value`, most first, those above zero only.
pub(super) fn most(
    agencies: &[AgencyResults],
    value: impl Fn(&AgencyResults) -> u64,
    limit: usize,
) -> Vec<(&str, u64)> {
    let mut ranked: Vec<(&str, u64)> = agencies
        .iter()
        .map(|a| (a.name.as_str(), value(a)))
        .filter(|(_, v)| *v > 0)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(limit);
    ranked
}
