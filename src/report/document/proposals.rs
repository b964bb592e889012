//! Sections IV and V of the report document: what citizens raise, and the
//! proposals the numbers suggest (marked as a draft for the analyst).

use super::layout::Writer;
use super::phrases::{count, counted, most, section_heading, Block};
use crate::metrics::summary::Summary;
use crate::report::labels::{self, Lang};
use crate::report::narrative;

/// IV. What citizens raise: the classifications and the fields.
pub(super) fn section_four(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    out.push(section_heading(w, lang, 4));
    let categories: Vec<String> = summary
        .categories
        .iter()
        .filter(|c| c.handling.received > 0)
        .map(|c| counted(lang, labels::category(lang, c.code), c.handling.received))
        .collect();
    if !categories.is_empty() {
        out.push(
            w.body(&format!(
                "{}: {}.",
                lang.pick("Theo phân loại", "By classification"),
                categories.join("; ")
            ))
            .into(),
        );
    }
    if let Some(text) = narrative::fields_sentence(summary, lang) {
        out.push(w.body(&text).into());
    }
}

/// V. Proposals, a draft for the analyst to edit.
pub(super) fn section_five(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    out.push(section_heading(w, lang, 5));
    out.push(
        w.body(lang.pick(
            "(Dự thảo do sipas soạn từ số liệu; chuyên viên biên tập trước khi trình ký.)",
            "(A draft written by sipas from the numbers; to be edited before it is signed.)",
        ))
        .into(),
    );
    let progress = crate::report::progress::progress(summary, 5);
    let behind: Vec<&str> = progress
        .behind
        .iter()
        .filter(|b| b.indicator == "element")
        .map(|b| b.name.as_str())
        .collect();
    let mut number = 1;
    if !behind.is_empty() {
        let text = match lang {
            Lang::Vi => format!("{number}. Đề nghị {} rà soát quy trình tiếp nhận, xử lý và thông báo kết quả PAKN, có giải pháp nâng chỉ số hài lòng đạt mục tiêu của Kế hoạch.", behind.join(", ")),
            Lang::En => format!("{number}. {} should review how they receive, handle and answer PAKN, to bring their satisfaction index to the Plan's target.", behind.join(", ")),
        };
        out.push(w.body(&text).into());
        number += 1;
    }
    let overdue = most(&summary.agencies, |a| a.handling.pending_overdue, 3);
    if !overdue.is_empty() {
        let names: Vec<&str> = overdue.iter().map(|(n, _)| *n).collect();
        let text = match lang {
            Lang::Vi => format!("{number}. Đề nghị {} khẩn trương giải quyết dứt điểm các PAKN đã quá hạn, bảo đảm 100% PAKN được xử lý đúng hạn.", names.join(", ")),
            Lang::En => format!("{number}. {} should settle the PAKN past their deadline without delay, so that every PAKN is handled on time.", names.join(", ")),
        };
        out.push(w.body(&text).into());
        number += 1;
    }
    let late_field = summary
        .fields
        .iter()
        .filter(|f| f.name.is_some() && f.handling.overdue > 0)
        .max_by(|a, b| {
            a.handling
                .overdue
                .cmp(&b.handling.overdue)
                .then(b.name.cmp(&a.name))
        });
    if let Some(field) = late_field {
        let name = field.name.as_deref().unwrap_or_default();
        let text = match lang {
            Lang::Vi => format!("{number}. Tập trung chỉ đạo xử lý PAKN thuộc lĩnh vực {name}, lĩnh vực có nhiều PAKN xử lý quá hạn nhất trong kỳ ({} PAKN).", count(lang, field.handling.overdue)),
            Lang::En => format!("{number}. Give priority to the PAKN about {name}, the field with most PAKN handled late in the period ({}).", count(lang, field.handling.overdue)),
        };
        out.push(w.body(&text).into());
    }
}
