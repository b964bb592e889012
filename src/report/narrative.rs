//! The short paragraph at the top of the report that says in words what the
//! numbers say: each criterion and the element index against the baseline
//! and the target, then the handling of PAKN. It only reads the summary.

use super::labels::{self, Lang, Sheet};
use crate::metrics::interval::round2;
use crate::metrics::summary::Summary;
use crate::metrics::targets::{TargetResult, TargetStatus};
use crate::report::labels::fill;

/// The narrative paragraph of `summary` in `lang`.
pub fn paragraph(summary: &Summary, lang: Lang) -> String {
    let mut sentences = Vec::new();
    let survey = &summary.city.survey;
    let values = survey.pakn_indices();
    let changes = summary.change_vs_baseline.values();
    for (k, code) in ["TC1", "TC2", "TC3", "TC4", "element"].iter().enumerate() {
        let target = summary.city.targets.iter().find(|t| t.indicator == *code);
        sentences.push(indicator_sentence(
            lang,
            &labels::indicator(lang, code),
            values[k],
            changes[k],
            summary.baseline.year,
            target,
        ));
    }
    sentences.push(handling_sentence(summary, lang));
    sentences.extend(fields_sentence(summary, lang));
    sentences.push(funnel_sentence(summary, lang));
    sentences.join(" ")
}

/// The agencies outside the 99.8% limits of the two funnel plots, by name.
pub fn funnel_sentence(summary: &Summary, lang: Lang) -> String {
    use crate::metrics::funnel::Band;
    let names = |pick: fn(&crate::metrics::summary::AgencyResults) -> Option<Band>, band: Band| {
        summary
            .agencies
            .iter()
            .filter(|a| pick(a) == Some(band))
            .map(|a| a.name.as_str())
            .collect::<Vec<&str>>()
    };
    let mut parts = Vec::new();
    for (what_vi, what_en, pick, sheet) in [
        (
            "chỉ số thành phần",
            "the element index",
            (|a| a.funnel.element) as fn(&crate::metrics::summary::AgencyResults) -> Option<Band>,
            Sheet::Satisfaction,
        ),
        (
            "tỷ lệ xử lý đúng hạn",
            "the on-time rate",
            |a| a.funnel.on_time_rate,
            Sheet::Handling,
        ),
    ] {
        for (band, vi, en) in [
            (Band::Above998, "cao hơn rõ rệt", "well above"),
            (Band::Below998, "thấp hơn rõ rệt", "well below"),
        ] {
            let listed = names(pick, band);
            if !listed.is_empty() {
                let listed = name_list(&listed, lang, sheet);
                parts.push(match lang {
                    Lang::Vi => format!("{what_vi} {vi} ở {listed}"),
                    Lang::En => format!("{what_en} {en} at {listed}"),
                });
            }
        }
    }
    match (lang, parts.is_empty()) {
        (Lang::Vi, true) => "Không cơ quan nào nằm ngoài giới hạn 99,8% của biểu đồ phễu về chỉ số thành phần và tỷ lệ xử lý đúng hạn.".to_string(),
        (Lang::En, true) => "No agency lies outside the 99.8% limits of the funnel plots of the element index and the on-time rate.".to_string(),
        (Lang::Vi, false) => format!(
            "So với toàn Thành phố theo cỡ mẫu của từng cơ quan (biểu đồ phễu, ngoài giới hạn 99,8%): {}.",
            parts.join("; ")
        ),
        (Lang::En, false) => format!(
            "Against the city at each agency's own sample size (funnel plots, beyond the 99.8% limits): {}.",
            parts.join("; ")
        ),
    }
}

/// Agencies named in one part of the funnel sentence at most: a province
/// of hundreds of communes may have many outside the limits, and the
/// sheets give every agency's band.
pub const FUNNEL_NAMED: usize = 10;

/// `names` joined by commas, the first [`FUNNEL_NAMED`] of them when there
/// are more, followed by how many more there are and the sheet that has
/// them all.
fn name_list(names: &[&str], lang: Lang, sheet: Sheet) -> String {
    let shown = names[..names.len().min(FUNNEL_NAMED)].join(", ");
    let more = names.len().saturating_sub(FUNNEL_NAMED);
    if more == 0 {
        return shown;
    }
    let count = lang.number(more as f64, 0);
    match lang {
        Lang::Vi => format!(
            "{shown} và {count} cơ quan khác (xem sheet \u{201c}{}\u{201d})",
            sheet.name(lang)
        ),
        Lang::En => format!(
            "{shown} and {count} more {} (see the sheet \u{201c}{}\u{201d})",
            if more == 1 { "agency" } else { "agencies" },
            sheet.name(lang)
        ),
    }
}

/// The three subject fields with most PAKN received and the field with most
/// PAKN late (handled late or pending past the deadline); None when no PAKN
/// of the period names a field.
pub fn fields_sentence(summary: &Summary, lang: Lang) -> Option<String> {
    let named: Vec<&crate::metrics::subjects::FieldResults> = summary
        .fields
        .iter()
        .filter(|f| f.name.is_some() && f.handling.received > 0)
        .collect();
    if named.is_empty() {
        return None;
    }
    let count = |n: u64| lang.number(n as f64, 0);
    let top: Vec<String> = named
        .iter()
        .take(3)
        .map(|f| {
            format!(
                "{} ({})",
                f.name.as_deref().unwrap_or_default(),
                count(f.handling.received)
            )
        })
        .collect();
    let late = |f: &crate::metrics::subjects::FieldResults| {
        f.handling.overdue + f.handling.pending_overdue
    };
    // The first of the most late, in the order of the list (most received first).
    let most_late = summary
        .fields
        .iter()
        .filter(|f| f.name.is_some() && late(f) > 0)
        .fold(
            None,
            |best: Option<&crate::metrics::subjects::FieldResults>, f| match best {
                Some(b) if late(b) >= late(f) => Some(b),
                _ => Some(f),
            },
        );
    let first = fill(
        lang.pick(
            "Các lĩnh vực có nhiều PAKN nhất trong kỳ: {}",
            "The subject fields with most PAKN in the period: {}",
        ),
        &[&top.join(", ")],
    );
    let second = match (most_late, lang) {
        (Some(f), Lang::Vi) => format!(
            "; lĩnh vực có nhiều PAKN quá hạn nhất: {} ({} PAKN xử lý quá hạn hoặc đang quá hạn).",
            f.name.as_deref().unwrap_or_default(),
            count(late(f))
        ),
        (Some(f), Lang::En) => format!(
            "; the field with most PAKN late: {} ({} handled late or pending past the deadline).",
            f.name.as_deref().unwrap_or_default(),
            count(late(f))
        ),
        (None, Lang::Vi) => "; không lĩnh vực nào có PAKN quá hạn.".to_string(),
        (None, Lang::En) => "; no field has PAKN late.".to_string(),
    };
    Some(format!("{first}{second}"))
}

fn indicator_sentence(
    lang: Lang,
    name: &str,
    value: Option<f64>,
    change: Option<f64>,
    baseline_year: i32,
    target: Option<&TargetResult>,
) -> String {
    let Some(value) = value else {
        return match lang {
            Lang::Vi => format!("{name} chưa có ý kiến trả lời trong kỳ."),
            Lang::En => format!("{name} has no answers in the period."),
        };
    };
    let value_text = format!("{}%", lang.number(round2(value), 2));
    let change_text = change.map(|c| {
        let points = round2(c);
        let size = lang.number(points.abs(), 2);
        match (lang, points.partial_cmp(&0.0)) {
            (Lang::Vi, Some(std::cmp::Ordering::Greater)) => {
                format!("tăng {size} điểm so với năm {baseline_year}")
            }
            (Lang::Vi, Some(std::cmp::Ordering::Less)) => {
                format!("giảm {size} điểm so với năm {baseline_year}")
            }
            (Lang::Vi, _) => format!("bằng năm {baseline_year}"),
            (Lang::En, Some(std::cmp::Ordering::Greater)) => {
                format!("up {size} points on {baseline_year}")
            }
            (Lang::En, Some(std::cmp::Ordering::Less)) => {
                format!("down {size} points on {baseline_year}")
            }
            (Lang::En, _) => format!("level with {baseline_year}"),
        }
    });
    let status_text = target.map(|t| status_phrase(lang, t));
    let mut parts = vec![match lang {
        Lang::Vi => format!("{name} đạt {value_text}"),
        Lang::En => format!("{name} is {value_text}"),
    }];
    parts.extend(change_text);
    parts.extend(status_text);
    format!("{}.", parts.join(", "))
}

fn status_phrase(lang: Lang, target: &TargetResult) -> String {
    let gap = target.gap.map(|g| lang.number(round2(g), 2));
    match (lang, target.status) {
        (Lang::Vi, TargetStatus::Met) => "đạt mục tiêu".to_string(),
        (Lang::Vi, TargetStatus::MetMinimum) => "đạt mục tiêu tối thiểu".to_string(),
        (Lang::Vi, TargetStatus::NotMet) => match gap {
            Some(gap) => format!("chưa đạt mục tiêu (còn thiếu {gap} điểm)"),
            None => "chưa đạt mục tiêu".to_string(),
        },
        (Lang::Vi, TargetStatus::InsufficientData) => {
            "chưa đủ dữ liệu để đánh giá mục tiêu".to_string()
        }
        (Lang::En, TargetStatus::Met) => "target met".to_string(),
        (Lang::En, TargetStatus::MetMinimum) => "minimum target met".to_string(),
        (Lang::En, TargetStatus::NotMet) => match gap {
            Some(gap) => format!("target not met ({gap} points short)"),
            None => "target not met".to_string(),
        },
        (Lang::En, TargetStatus::InsufficientData) => {
            "not enough data to judge the target".to_string()
        }
    }
}

fn handling_sentence(summary: &Summary, lang: Lang) -> String {
    let h = &summary.city.handling;
    let count = |n: u64| lang.number(n as f64, 0);
    // A rate put in its clause, or nothing when there is no rate.
    let clause = |rate: Option<f64>, vi: &str, en: &str| {
        rate.map(|r| {
            fill(
                lang.pick(vi, en),
                &[&format!("{}%", lang.number(round2(r), 2))],
            )
        })
        .unwrap_or_default()
    };
    let online = clause(
        h.received_online_rate,
        " ({} qua kênh trực tuyến)",
        " ({} online)",
    );
    let on_time = clause(h.on_time_rate, ", tỷ lệ xử lý đúng hạn {}", ", {} on time");
    fill(
        lang.pick(
            "Trong kỳ tiếp nhận {} PAKN{}; đã xử lý {} PAKN{}; {} PAKN đang xử lý, trong đó {} PAKN quá hạn.",
            "In the period {} PAKN were received{}; {} were handled{}; {} are pending, {} of them past their deadline.",
        ),
        &[
            &count(h.received),
            &online,
            &count(h.handled),
            &on_time,
            &count(h.pending),
            &count(h.pending_overdue),
        ],
    )
}

/// Which agencies merged into which, and that earlier periods are counted
/// on today's agencies; None when no agency of the registry ended into
/// another. More than ten mergers are counted, not named (the method sheet
/// lists them all).
pub fn mergers_sentence(summary: &Summary, lang: Lang) -> Option<String> {
    let mergers = &summary.mergers;
    if mergers.is_empty() {
        return None;
    }
    // Grouped by the agency they count under, in the order first met.
    let mut groups: Vec<(&str, Vec<&str>, &str)> = Vec::new();
    for merger in mergers {
        match groups
            .iter_mut()
            .find(|(into, _, _)| *into == merger.into_name)
        {
            Some((_, names, _)) => names.push(&merger.name),
            None => groups.push((&merger.into_name, vec![&merger.name], &merger.until)),
        }
    }
    let listed = if mergers.len() <= 10 {
        let parts: Vec<String> = groups
            .iter()
            .map(|(into, names, until)| {
                let day = lang.date(until);
                match lang {
                    Lang::Vi => format!("{} (đến ngày {day}) → {into}", names.join(", ")),
                    Lang::En => format!("{} (until {day}) → {into}", names.join(", ")),
                }
            })
            .collect();
        parts.join("; ")
    } else {
        fill(
            lang.pick(
                "{} cơ quan, đơn vị đã kết thúc hoạt động, số liệu tính vào {} cơ quan, đơn vị kế thừa (danh sách ở trang \"{}\")",
                "{} agencies ended and count under {} successors (listed on the sheet \"{}\")",
            ),
            &[&mergers.len(), &groups.len(), &Sheet::Method.name(lang)],
        )
    };
    Some(match lang {
        Lang::Vi => format!(
            "Cơ quan, đơn vị được tính theo tổ chức tại ngày cuối kỳ: {listed}. Số liệu của cơ quan đã hợp nhất được tính vào cơ quan kế thừa, cả trong các kỳ trước dùng để so sánh."
        ),
        Lang::En => format!(
            "Agencies are counted as they stand on the period's last day: {listed}. The numbers of a merged agency count under its successor, in the earlier periods compared with as well."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::targets::INDICATORS;

    fn target(status: TargetStatus, gap: Option<f64>) -> TargetResult {
        TargetResult {
            indicator: INDICATORS[1].to_string(),
            baseline: Some(78.92),
            value: Some(84.10),
            target_min: Some(83.92),
            target_max: Some(85.92),
            status,
            gap,
        }
    }

    #[test]
    fn criterion_sentence_reads_like_the_report() {
        // (language, name, value, change on 2021, status, gap, sentence)
        let cases = [
            (
                Lang::Vi,
                "Chỉ số tiêu chí 2",
                84.1,
                84.1 - 78.92,
                TargetStatus::MetMinimum,
                0.0,
                "Chỉ số tiêu chí 2 đạt 84,10%, tăng 5,18 điểm so với năm 2021, đạt mục tiêu tối thiểu.",
            ),
            (
                Lang::Vi,
                "Chỉ số tiêu chí 2",
                80.0,
                80.0 - 82.5,
                TargetStatus::NotMet,
                3.92,
                "Chỉ số tiêu chí 2 đạt 80,00%, giảm 2,50 điểm so với năm 2021, chưa đạt mục tiêu (còn thiếu 3,92 điểm).",
            ),
            (
                Lang::En,
                "Criterion 2",
                84.1,
                5.18,
                TargetStatus::MetMinimum,
                0.0,
                "Criterion 2 is 84.10%, up 5.18 points on 2021, minimum target met.",
            ),
        ];
        for (lang, name, value, change, status, gap, expected) in cases {
            let target = target(status, Some(gap));
            let sentence =
                indicator_sentence(lang, name, Some(value), Some(change), 2021, Some(&target));
            assert_eq!(sentence, expected);
        }
    }

    #[test]
    fn a_long_list_of_agencies_names_the_first_ten_and_counts_the_rest() {
        let names: Vec<String> = (1..=13).map(|n| format!("UBND xã số {n}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let ten = "UBND xã số 1, UBND xã số 2, UBND xã số 3, UBND xã số 4, UBND xã số 5, \
                   UBND xã số 6, UBND xã số 7, UBND xã số 8, UBND xã số 9, UBND xã số 10";
        assert_eq!(
            name_list(&names, Lang::Vi, Sheet::Satisfaction),
            format!("{ten} và 3 cơ quan khác (xem sheet \u{201c}Hài lòng theo cơ quan\u{201d})")
        );
        assert_eq!(name_list(&names[..10], Lang::Vi, Sheet::Handling), ten);
        assert_eq!(
            name_list(&names[..11], Lang::En, Sheet::Handling),
            format!(
                "{ten} and 1 more agency (see the sheet \u{201c}{}\u{201d})",
                Sheet::Handling.name(Lang::En)
            )
        );
        assert_eq!(
            name_list(&names[..2], Lang::En, Sheet::Handling),
            "UBND xã số 1, UBND xã số 2"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Vi.number(1234.5, 2), "1.234,50");
        assert_eq!(Lang::En.number(1234.5, 2), "1,234.50");
        assert_eq!(Lang::Vi.number(1_234_567.0, 0), "1.234.567");
        assert_eq!(Lang::Vi.number(-0.001, 2), "0,00");
        assert_eq!(Lang::Vi.number(-12.5, 1), "-12,5");
    }
}
