//! The body of the report document, every sentence made from the summary:
//! I. receiving and handling, II. satisfaction, III. progress on Plan 181,
//! IV. what citizens raise, V. proposals (a draft for the analyst to edit).

use std::path::Path;

use super::layout::{LineStyle, Writer};
use super::phrases::{
    change, count, counted, dmy, lower_first, most, percent, previous_change, section_heading,
    target, target_range, Block,
};
use crate::metrics::summary::{AgencyResults, Summary};
use crate::metrics::targets::TargetStatus;
use crate::report::labels::fill;
use crate::report::labels::{self, Lang};
use crate::report::ReportError;

/// The subject line under `BÁO CÁO`.
pub fn subject(summary: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng của người dân, tổ chức {}",
            summary.period.name_vi
        ),
        Lang::En => format!(
            "Results of receiving and handling citizens' feedback and petitions, and citizens' satisfaction, {}",
            summary.period.label
        ),
    }
}

fn section_one(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    let h = &summary.city.handling;
    out.push(section_heading(w, lang, 1));
    let channels: Vec<String> = summary
        .channels
        .iter()
        .map(|c| counted(lang, labels::channel(lang, c.channel), c.handling.received))
        .collect();
    let received = fill(
        lang.pick(
            "1. Trong kỳ, các cơ quan, đơn vị đã tiếp nhận {} PAKN, trong đó {} PAKN qua môi trường điện tử ({}); kỳ trước chuyển sang {} PAKN. Theo kênh tiếp nhận: {}.",
            "1. In the period the agencies received {} PAKN, {} of them online ({}); {} were carried over from the previous period. By channel: {}.",
        ),
        &[&count(lang, h.received), &count(lang, h.received_online), &percent(lang, h.received_online_rate), &count(lang, h.carried_over), &channels.join("; ")],
    );
    out.push(w.body(&received).into());
    if let Some(mergers) = crate::report::narrative::mergers_sentence(summary, lang) {
        out.push(w.body(&mergers).into());
    }
    let status = target(summary, "on_time_rate")
        .map(|t| labels::status(lang, t.status).to_lowercase())
        .unwrap_or_default();
    let handled = fill(
        lang.pick(
            "2. Đã xử lý {} PAKN: trước hạn {}, đúng hạn {}, quá hạn {}; tỷ lệ xử lý đúng hạn đạt {} (mục tiêu 100%: {}). Còn {} PAKN đang xử lý, trong đó {} trong hạn và {} quá hạn.",
            "2. {} PAKN were handled: {} early, {} on the due date, {} late; the on-time rate is {} (target 100%: {}). {} PAKN are pending, {} within their deadline and {} past it.",
        ),
        &[&count(lang, h.handled), &count(lang, h.early), &count(lang, h.on_due), &count(lang, h.overdue), &percent(lang, h.on_time_rate), &status, &count(lang, h.pending), &count(lang, h.pending_in_time), &count(lang, h.pending_overdue)],
    );
    let handled = format!("{handled} {}", due_soon_sentence(summary, lang));
    out.push(w.body(&handled).into());
    let overdue = most(&summary.agencies, |a| a.handling.pending_overdue, 3);
    if !overdue.is_empty() {
        let list: Vec<String> = overdue
            .iter()
            .map(|(n, v)| format!("{n} ({})", count(lang, *v)))
            .collect();
        let text = fill(
            lang.pick(
                "3. Các cơ quan còn nhiều PAKN quá hạn nhất: {}.",
                "3. The agencies with most PAKN pending past their deadline: {}.",
            ),
            &[&list.join(", ")],
        );
        out.push(w.body(&text).into());
    }
    handling_table(w, summary, lang, out);
}

/// Table 1: handling by level, then the city.
fn handling_table(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    let h = &summary.city.handling;
    out.push(
        w.caption(lang.pick(
            "Bảng 1. Kết quả xử lý PAKN theo cấp",
            "Table 1. Handling of PAKN by level",
        ))
        .into(),
    );
    let mut rows: Vec<Vec<String>> = summary
        .levels
        .iter()
        .map(|l| handling_row(lang, labels::level_name(lang, l.level), &l.handling))
        .collect();
    rows.push(handling_row(
        lang,
        lang.pick("Toàn thành phố", "Whole city"),
        h,
    ));
    let headers = crate::report::labels::pick_row(
        lang,
        "Cấp | Tiếp nhận | Đã xử lý | Trước hạn | Đúng hạn | Quá hạn | Đang xử lý | Đúng hạn (%)",
        "Level | Received | Handled | Early | On due | Late | Pending | On time (%)",
    );
    out.push(
        w.table(
            &headers,
            &rows,
            &[1671, 1000, 1000, 1000, 1000, 1000, 1000, 1400],
            &[1, 2, 3, 4, 5, 6, 7],
        )
        .into(),
    );
}

fn handling_row(lang: Lang, name: &str, h: &crate::metrics::Handling) -> Vec<String> {
    vec![
        name.to_string(),
        count(lang, h.received),
        count(lang, h.handled),
        count(lang, h.early),
        count(lang, h.on_due),
        count(lang, h.overdue),
        count(lang, h.pending),
        h.on_time_rate
            .map(|r| lang.number(r, 2))
            .unwrap_or_else(|| "–".to_string()),
    ]
}

fn section_two(w: &mut Writer, summary: &Summary, lang: Lang, charts: &Path, out: &mut Vec<Block>) {
    let survey = &summary.city.survey;
    out.push(section_heading(w, lang, 2));
    let intro = fill(
        lang.pick(
            "Kết quả khảo sát {} phiếu trong kỳ:",
            "The survey of the period has {} responses:",
        ),
        &[&count(lang, survey.respondents)],
    );
    out.push(w.body(&intro).into());
    let rows = criterion_lines(w, summary, lang, out);
    other_elements(w, summary, lang, out);
    criteria_table(w, lang, &rows, charts, out);
}

/// One line per criterion and the element: the index, its changes and its
/// target; returns the rows of Table 2.
fn criterion_lines(
    w: &mut Writer,
    summary: &Summary,
    lang: Lang,
    out: &mut Vec<Block>,
) -> Vec<Vec<String>> {
    let survey = &summary.city.survey;
    let previous = lang.pick("kỳ trước", "the previous period");
    let year = format!("{} {}", lang.pick("năm", ""), summary.baseline.year)
        .trim()
        .to_string();
    let baseline = summary.change_vs_baseline.values();
    let values = survey.pakn_indices();
    let mut rows = Vec::new();
    for (k, code) in ["TC1", "TC2", "TC3", "TC4", "element"].iter().enumerate() {
        let name = labels::indicator(lang, code);
        let t = target(summary, code);
        let mut parts = vec![format!(
            "{name} {} {}",
            lang.pick("đạt", "is"),
            percent(lang, values[k])
        )];
        parts.extend(change(lang, previous_change(summary, code), previous));
        parts.extend(change(lang, baseline[k], &year));
        if let Some(t) = t {
            parts.push(format!(
                "{} {}: {}",
                lang.pick("mục tiêu", "target"),
                target_range(lang, t),
                labels::status(lang, t.status).to_lowercase()
            ));
        }
        out.push(w.body(&format!("- {}.", parts.join(", "))).into());
        rows.push(vec![
            name,
            values[k]
                .map(|v| lang.number(v, 2))
                .unwrap_or_else(|| "–".to_string()),
            previous_change(summary, code)
                .map(|p| lang.number(p, 2))
                .unwrap_or_else(|| "–".to_string()),
            baseline[k]
                .map(|p| lang.number(p, 2))
                .unwrap_or_else(|| "–".to_string()),
            t.map(|t| target_range(lang, t)).unwrap_or_default(),
            t.map(|t| labels::status(lang, t.status).to_string())
                .unwrap_or_default(),
        ]);
    }
    rows
}

/// The questionnaire's other elements, and the highest and lowest ranked
/// agencies.
fn other_elements(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    let survey = &summary.city.survey;
    if survey.elements.len() > 1 {
        let others: Vec<String> = survey
            .elements
            .iter()
            .skip(1)
            .map(|e| format!("{} {}", e.label, percent(lang, e.index)))
            .collect();
        let text = fill(
            lang.pick(
                "- Các yếu tố khác của phiếu khảo sát: {}; chỉ số hài lòng chung {}.",
                "- The other elements of the questionnaire: {}; overall index {}.",
            ),
            &[&others.join("; "), &percent(lang, survey.overall)],
        );
        out.push(w.body(&text).into());
    }
    // Among the agencies with enough answers to be ranked.
    let ranked: Vec<&AgencyResults> = summary
        .agencies
        .iter()
        .filter(|a| a.rank.element.is_some() && a.survey.element.is_some())
        .collect();
    let best = ranked.iter().max_by(|a, b| {
        a.survey
            .element
            .partial_cmp(&b.survey.element)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let worst = ranked.iter().min_by(|a, b| {
        a.survey
            .element
            .partial_cmp(&b.survey.element)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    if let (Some(best), Some(worst)) = (best, worst) {
        let text = match lang {
            Lang::Vi => format!(
                "- Trong các cơ quan có đủ số phiếu, chỉ số thành phần cao nhất là {} ({}), thấp nhất là {} ({}).",
                best.name, percent(lang, best.survey.element), worst.name, percent(lang, worst.survey.element)
            ),
            Lang::En => format!(
                "- Among the agencies with enough answers, the highest element index is {}'s ({}), the lowest {}'s ({}).",
                best.name, percent(lang, best.survey.element), worst.name, percent(lang, worst.survey.element)
            ),
        };
        out.push(w.body(&text).into());
    }
}

/// Table 2 and the figures of the criteria and the trend.
fn criteria_table(
    w: &mut Writer,
    lang: Lang,
    rows: &[Vec<String>],
    charts: &Path,
    out: &mut Vec<Block>,
) {
    out.push(
        w.caption(lang.pick(
            "Bảng 2. Chỉ số hài lòng theo tiêu chí",
            "Table 2. Satisfaction by criterion",
        ))
        .into(),
    );
    let headers = crate::report::labels::pick_row(
        lang,
        "Chỉ số | Kỳ này (%) | So với kỳ trước (điểm) | So với năm 2021 (điểm) | Mục tiêu | Đánh giá",
        "Index | This period (%) | Against the previous period (points) | Against 2021 (points) | Target | Status",
    );
    out.push(
        w.table(
            &headers,
            rows,
            &[2600, 1150, 1350, 1350, 1300, 1321],
            &[1, 2, 3],
        )
        .into(),
    );
    for (file, vi, en) in [
        (
            "chi-so-tieu-chi.png",
            "Hình 1. Chỉ số hài lòng theo tiêu chí",
            "Figure 1. Satisfaction by criterion",
        ),
        (
            "xu-huong.png",
            "Hình 2. Xu hướng các chỉ số theo quý",
            "Figure 2. The indices by quarter",
        ),
    ] {
        let Ok(png) = std::fs::read(charts.join(file)) else {
            continue;
        };
        if let Some(picture) = w.picture(png, 15.5) {
            out.push(picture.into());
            out.push(w.caption(lang.pick(vi, en)).into());
        }
    }
}

fn section_three(w: &mut Writer, summary: &Summary, lang: Lang, out: &mut Vec<Block>) {
    out.push(section_heading(w, lang, 3));
    let short: Vec<String> = summary
        .city
        .targets
        .iter()
        .filter(|t| t.status == TargetStatus::NotMet)
        .map(|t| match t.gap {
            Some(g) => format!(
                "{} ({} {} {})",
                labels::indicator(lang, &t.indicator),
                lang.pick("còn thiếu", ""),
                lang.number(g, 2),
                lang.pick("điểm", "points short")
            )
            .replace("( ", "("),
            None => labels::indicator(lang, &t.indicator),
        })
        .collect();
    let text = if short.is_empty() {
        lang.pick(
            "Các chỉ tiêu của Kế hoạch đều đạt hoặc chưa đủ dữ liệu để đánh giá.",
            "Every target of the Plan is met or lacks the data to judge it.",
        )
        .to_string()
    } else {
        format!(
            "{}: {}.",
            lang.pick("Các chỉ tiêu chưa đạt", "Targets not met"),
            short.join("; ")
        )
    };
    out.push(w.body(&text).into());
    out.push(
        w.caption(lang.pick(
            "Bảng 3. Các chỉ tiêu của Kế hoạch 181/KH-UBND",
            "Table 3. The targets of Plan 181/KH-UBND",
        ))
        .into(),
    );
    let rows: Vec<Vec<String>> = summary
        .city
        .targets
        .iter()
        .map(|t| {
            let number = |v: Option<f64>| {
                v.map(|v| lang.number(v, 2))
                    .unwrap_or_else(|| "–".to_string())
            };
            vec![
                labels::indicator(lang, &t.indicator),
                number(t.baseline),
                number(t.value),
                target_range(lang, t),
                labels::status(lang, t.status).to_string(),
                number(t.gap),
            ]
        })
        .collect();
    let headers = crate::report::labels::pick_row(
        lang,
        "Chỉ tiêu | Năm 2021 | Kết quả | Mục tiêu | Đánh giá | Còn thiếu (điểm)",
        "Indicator | 2021 | Value | Target | Status | Points to go",
    );
    out.push(
        w.table(
            &headers,
            &rows,
            &[2900, 1000, 1000, 1500, 1471, 1200],
            &[1, 2, 5],
        )
        .into(),
    );
}

/// Every block of the body, the annex line last.
pub fn blocks(
    w: &mut Writer,
    summary: &Summary,
    lang: Lang,
    charts: &Path,
) -> Result<Vec<Block>, ReportError> {
    let mut out = Vec::new();
    let intro = match lang {
        Lang::Vi => format!(
            "Thực hiện Kế hoạch số 181/KH-UBND của Ủy ban nhân dân Thành phố về nâng cao chỉ số hài lòng của người dân, tổ chức, {} báo cáo kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng {} (từ ngày {} đến ngày {}; số liệu tính đến ngày {}) như sau:",
            summary.reporting_unit,
            lower_first(&summary.period.name_vi),
            dmy(&summary.period.start),
            dmy(&summary.period.end),
            dmy(&summary.as_of)
        ),
        Lang::En => format!(
            "Under Plan 181/KH-UBND of the City People's Committee on citizens' satisfaction, {} reports on the feedback received and handled and on citizens' satisfaction in {} (from {} to {}; figures as of {}):",
            summary.reporting_unit,
            summary.period.label,
            dmy(&summary.period.start),
            dmy(&summary.period.end),
            dmy(&summary.as_of)
        ),
    };
    out.push(w.body(&intro).into());
    section_one(w, summary, lang, &mut out);
    section_two(w, summary, lang, charts, &mut out);
    section_three(w, summary, lang, &mut out);
    super::proposals::section_four(w, summary, lang, &mut out);
    super::proposals::section_five(w, summary, lang, &mut out);
    let annex = fill(
        lang.pick(
            "(Kèm theo Phụ lục: bảng tổng hợp số liệu, tệp {}.)",
            "(Annex: the tables of figures, file {}.)",
        ),
        &[&crate::report::workbook_name(&summary.period.label)],
    );
    out.push(w.body(&annex).into());
    out.push(w.line("", LineStyle::left(14)).into());
    Ok(out)
}

/// The PAKN that fall due in the next working days, to chase now.
fn due_soon_sentence(summary: &Summary, lang: Lang) -> String {
    let due_soon = summary.city.handling.due_soon.unwrap_or_default();
    let within = summary.config.due_soon_working_days;
    let as_of = lang.date(&summary.as_of);
    if due_soon == 0 {
        return fill(
            lang.pick(
                "Không có PAKN nào đến hạn xử lý trong {} ngày làm việc sau ngày {}.",
                "No PAKN falls due in the {} working days after {}.",
            ),
            &[&within, &as_of],
        );
    }
    fill(
        lang.pick(
            "Trong {} ngày làm việc sau ngày {}, {} PAKN đang xử lý sẽ đến hạn, cần đôn đốc ngay (danh sách tại trang “Sắp đến hạn” và tệp due-soon.csv).",
            "In the {} working days after {}, {} pending PAKN fall due and should be chased now (listed on the sheet “Due soon” and in due-soon.csv).",
        ),
        &[&within, &as_of, &count(lang, due_soon)],
    )
}
