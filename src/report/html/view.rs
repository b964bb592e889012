//! What the HTML pages show — the dashboard and the progress page of
//! `sipas serve`, the public page of a report — read from `summary.json`
//! and `progress.json` and formatted for the page: every number comes from
//! those files as the library wrote them; nothing here computes one.

use serde_json::Value;

use crate::metrics::targets::TargetStatus;
use crate::model::AgencyLevel;
use crate::report::labels::{self, Lang};

/// A count with the thousands separator of the language (1.234 / 1,234).
pub fn count(lang: Lang, value: Option<u64>) -> String {
    let Some(value) = value else {
        return "–".to_string();
    };
    let digits = value.to_string();
    let separator = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A rate or index with 2 decimals and the decimal mark of the language
/// (84,54 / 84.54); `–` when there is none.
pub fn decimal(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(v) => {
            let text = format!("{v:.2}");
            if lang == Lang::Vi {
                text.replace('.', ",")
            } else {
                text
            }
        }
        None => "–".to_string(),
    }
}

/// A change in points with its sign.
pub fn points(lang: Lang, value: Option<f64>) -> String {
    match value {
        Some(v) if v > 0.0 => format!("+{}", decimal(lang, Some(v))),
        other => decimal(lang, other),
    }
}

/// A `yyyy-mm-dd` date as the language writes it (dd/mm/yyyy in Vietnamese).
pub fn date(lang: Lang, iso: &str) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Vi, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// The items of an array (none when `value` is not one).
fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// The texts of an array of texts.
fn texts(value: &Value) -> Vec<&str> {
    items(value).iter().filter_map(Value::as_str).collect()
}

/// The number at `path`.
pub(super) fn f(value: &Value, path: &[&str]) -> Option<f64> {
    path.iter().try_fold(value, |v, key| v.get(key))?.as_f64()
}

/// The whole number at `path`.
pub(super) fn u(value: &Value, path: &[&str]) -> Option<u64> {
    path.iter().try_fold(value, |v, key| v.get(key))?.as_u64()
}

/// The text at `path` ("" when there is none).
pub(super) fn s<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// A target status from its code in `summary.json`.
fn status_of(code: &str) -> TargetStatus {
    match code {
        "dat" => TargetStatus::Met,
        "dat_toi_thieu" => TargetStatus::MetMinimum,
        "chua_dat" => TargetStatus::NotMet,
        _ => TargetStatus::InsufficientData,
    }
}

/// One target row.
#[derive(Debug, Clone)]
pub struct TargetRow {
    /// Indicator name.
    pub name: String,
    /// 2021 baseline.
    pub baseline: String,
    /// Value.
    pub value: String,
    /// Target range.
    pub target: String,
    /// Status label.
    pub status: String,
    /// CSS class of the status (`met`, `minimum`, `not-met`, `no-data`).
    pub class: &'static str,
    /// Points to go.
    pub gap: String,
}

/// The target rows of a `targets` array (the city's or an agency's).
pub fn targets(lang: Lang, targets: &Value) -> Vec<TargetRow> {
    targets
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|t| {
                    let status = status_of(s(t, &["status"]));
                    let (low, high) = (f(t, &["target_min"]), f(t, &["target_max"]));
                    let target = match (low, high) {
                        (Some(l), Some(h)) if (l - h).abs() > f64::EPSILON => {
                            format!("{} – {}", decimal(lang, Some(l)), decimal(lang, Some(h)))
                        }
                        (Some(l), _) => format!("≥ {}", decimal(lang, Some(l))),
                        _ => "–".to_string(),
                    };
                    TargetRow {
                        name: labels::indicator(lang, s(t, &["indicator"])),
                        baseline: decimal(lang, f(t, &["baseline"])),
                        value: decimal(lang, f(t, &["value"])),
                        target,
                        status: labels::status(lang, status).to_string(),
                        class: match status {
                            TargetStatus::Met => "met",
                            TargetStatus::MetMinimum => "minimum",
                            TargetStatus::NotMet => "not-met",
                            TargetStatus::InsufficientData => "no-data",
                        },
                        gap: decimal(lang, f(t, &["gap"])),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One agency row of the dashboard.
#[derive(Debug, Clone)]
pub struct AgencyRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Received.
    pub received: String,
    /// Handled.
    pub handled: String,
    /// On-time rate.
    pub on_time: String,
    /// Pending overdue.
    pub overdue: String,
    /// Element index, or "sample too small".
    pub element: String,
    /// Respondents.
    pub answers: String,
    /// CSS class of the element's status.
    pub class: &'static str,
}

/// The agencies of one level.
#[derive(Debug, Clone)]
pub struct LevelGroup {
    /// Level name.
    pub name: String,
    /// Its agencies, in registry order.
    pub agencies: Vec<AgencyRow>,
}

/// The agency tables, grouped by level in report order.
pub fn agencies(lang: Lang, summary: &Value) -> Vec<LevelGroup> {
    level_groups(lang, summary, |_| true, |_| None)
}

/// The agency tables of the page for publishing: the agencies taken as
/// named that `summary.public` withholds are left out, and each level ends
/// with their row "Khác" (other).
pub fn public_agencies(lang: Lang, summary: &Value) -> Vec<LevelGroup> {
    let public = &summary["public"];
    let withheld = texts(&public["withheld_agencies"]);
    let others = items(&public["other_agencies"]);
    level_groups(
        lang,
        summary,
        |code| !withheld.contains(&code),
        |level| {
            let other = others.iter().find(|o| s(o, &["level"]) == level.code())?;
            let agencies = u(other, &["agencies"]).unwrap_or_default();
            let name = match lang {
                Lang::Vi => format!("Khác ({agencies} cơ quan, đơn vị)"),
                Lang::En => format!("Other ({agencies} agencies)"),
            };
            Some(AgencyRow {
                code: String::new(),
                name,
                received: count(lang, u(other, &["handling", "received"])),
                handled: count(lang, u(other, &["handling", "handled"])),
                on_time: decimal(lang, f(other, &["handling", "on_time_rate"])),
                overdue: count(lang, u(other, &["handling", "pending_overdue"])),
                element: "–".to_string(),
                answers: "–".to_string(),
                class: "no-data",
            })
        },
    )
}

/// The agencies of `summary` whose code `shown` lets through, grouped by
/// level, each level followed by the row `last` gives it.
fn level_groups(
    lang: Lang,
    summary: &Value,
    shown: impl Fn(&str) -> bool,
    last: impl Fn(AgencyLevel) -> Option<AgencyRow>,
) -> Vec<LevelGroup> {
    let all = items(&summary["agencies"]);
    AgencyLevel::ALL
        .into_iter()
        .map(|level| LevelGroup {
            name: labels::level_name(lang, level).to_string(),
            agencies: all
                .iter()
                .filter(|a| s(a, &["level"]) == level.code() && shown(s(a, &["code"])))
                .map(|a| agency_row(lang, a))
                .chain(last(level))
                .collect(),
        })
        .filter(|g| !g.agencies.is_empty())
        .collect()
}

/// One agency's row.
fn agency_row(lang: Lang, a: &Value) -> AgencyRow {
    let element_target = a["targets"]
        .as_array()
        .and_then(|t| t.iter().find(|t| s(t, &["indicator"]) == "element"));
    let status = element_target.map(|t| status_of(s(t, &["status"])));
    let small =
        status == Some(TargetStatus::InsufficientData) && f(a, &["survey", "element"]).is_some();
    AgencyRow {
        code: s(a, &["code"]).to_string(),
        name: s(a, &["name"]).to_string(),
        received: count(lang, u(a, &["handling", "received"])),
        handled: count(lang, u(a, &["handling", "handled"])),
        on_time: decimal(lang, f(a, &["handling", "on_time_rate"])),
        overdue: count(lang, u(a, &["handling", "pending_overdue"])),
        element: if small {
            lang.pick("chưa đủ mẫu", "sample too small").to_string()
        } else {
            decimal(lang, f(a, &["survey", "element"]))
        },
        answers: count(lang, u(a, &["survey", "respondents"])),
        class: match status {
            Some(TargetStatus::Met) => "met",
            Some(TargetStatus::MetMinimum) => "minimum",
            Some(TargetStatus::NotMet) => "not-met",
            _ => "no-data",
        },
    }
}

/// One period of the trend.
#[derive(Debug, Clone)]
pub struct TrendRow {
    /// Period label.
    pub period: String,
    /// Received.
    pub received: String,
    /// Element index.
    pub element: String,
    /// Its change against the previous period.
    pub change: String,
    /// On-time rate.
    pub on_time: String,
}

/// The trend, quarters only, oldest first.
pub fn trend(lang: Lang, summary: &Value) -> Vec<TrendRow> {
    items(&summary["trend"])
        .iter()
        .filter(|t| s(t, &["label"]).contains("-Q"))
        .map(|t| TrendRow {
            period: s(t, &["label"]).to_string(),
            received: count(lang, u(t, &["received"])),
            element: decimal(lang, f(t, &["indicators", "element", "value"])),
            change: points(lang, f(t, &["change_previous", "element", "points"])),
            on_time: decimal(lang, f(t, &["indicators", "on_time_rate", "value"])),
        })
        .collect()
}

/// One classification or field with its handling.
#[derive(Debug, Clone)]
pub struct SubjectRow {
    /// Label.
    pub name: String,
    /// Received.
    pub received: String,
    /// Change in received against the previous period.
    pub change: String,
    /// Handled late.
    pub late: String,
    /// On-time rate.
    pub on_time: String,
}

fn subject_row(lang: Lang, name: String, item: &Value) -> SubjectRow {
    let change = item
        .get("change_received")
        .and_then(Value::as_i64)
        .map(|c| {
            if c > 0 {
                format!("+{c}")
            } else {
                c.to_string()
            }
        })
        .unwrap_or_else(|| "–".to_string());
    SubjectRow {
        name,
        received: count(lang, u(item, &["handling", "received"])),
        change,
        late: count(lang, u(item, &["handling", "overdue"])),
        on_time: decimal(lang, f(item, &["handling", "on_time_rate"])),
    }
}

/// The classifications, then the first `limit` fields.
pub fn subjects(lang: Lang, summary: &Value, limit: usize) -> (Vec<SubjectRow>, Vec<SubjectRow>) {
    let categories = items(&summary["categories"])
        .iter()
        .map(|c| subject_row(lang, labels::category(lang, s(c, &["code"])).to_string(), c))
        .collect();
    let fields = items(&summary["fields"])
        .iter()
        .take(limit)
        .map(|f| {
            let name = labels::field_or_unknown(lang, f.get("name").and_then(Value::as_str));
            subject_row(lang, name, f)
        })
        .collect();
    (categories, fields)
}

/// The first `limit` fields of the page for publishing: those
/// `summary.public` lets through (and PAKN without a field), then the row
/// "Khác" (other) counting the others together.
pub fn public_fields(lang: Lang, summary: &Value, limit: usize) -> Vec<SubjectRow> {
    let public = &summary["public"];
    let shown = texts(&public["fields"]);
    let mut rows: Vec<SubjectRow> = items(&summary["fields"])
        .iter()
        .filter(|f| {
            f.get("name")
                .and_then(Value::as_str)
                .is_none_or(|n| shown.contains(&n))
        })
        .take(limit)
        .map(|f| {
            let name = labels::field_or_unknown(lang, f.get("name").and_then(Value::as_str));
            subject_row(lang, name, f)
        })
        .collect();
    if let Some(other) = public.get("other_fields").filter(|o| !o.is_null()) {
        let fields = u(other, &["fields"]).unwrap_or_default();
        let name = match lang {
            Lang::Vi => format!("Khác ({fields} lĩnh vực)"),
            Lang::En => format!("Other ({fields} fields)"),
        };
        rows.push(subject_row(lang, name, other));
    }
    rows
}

/// An agency behind its target (from `progress.json`).
#[derive(Debug, Clone)]
pub struct BehindRow {
    /// Agency.
    pub name: String,
    /// Indicator.
    pub indicator: String,
    /// Value.
    pub value: String,
    /// Points to go.
    pub gap: String,
}

/// The agencies furthest behind, from `progress.json`.
pub fn behind(lang: Lang, progress: &Value) -> Vec<BehindRow> {
    items(&progress["behind"])
        .iter()
        .map(|b| BehindRow {
            name: format!("{} ({})", s(b, &["name"]), s(b, &["code"])),
            indicator: labels::indicator(lang, s(b, &["indicator"])),
            value: decimal(lang, f(b, &["value"])),
            gap: decimal(lang, f(b, &["gap"])),
        })
        .collect()
}

/// The headline numbers of the city.
#[derive(Debug, Clone)]
pub struct Headline {
    /// Period name.
    pub period: String,
    /// Dates of the period.
    pub dates: String,
    /// Received.
    pub received: String,
    /// Handled.
    pub handled: String,
    /// On-time rate.
    pub on_time: String,
    /// Pending overdue.
    pub overdue: String,
    /// Element index.
    pub element: String,
    /// Respondents.
    pub respondents: String,
}

/// The city's headline numbers.
pub fn headline(lang: Lang, summary: &Value) -> Headline {
    let city = &summary["city"];
    let name = if lang == Lang::Vi {
        s(summary, &["period", "name_vi"]).to_string()
    } else {
        s(summary, &["period", "label"]).to_string()
    };
    Headline {
        period: name,
        dates: format!(
            "{} – {}",
            date(lang, s(summary, &["period", "start"])),
            date(lang, s(summary, &["period", "end"]))
        ),
        received: count(lang, u(city, &["handling", "received"])),
        handled: count(lang, u(city, &["handling", "handled"])),
        on_time: decimal(lang, f(city, &["handling", "on_time_rate"])),
        overdue: count(lang, u(city, &["handling", "pending_overdue"])),
        element: decimal(lang, f(city, &["survey", "element"])),
        respondents: count(lang, u(city, &["survey", "respondents"])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_way_each_language_writes_them() {
        assert_eq!(count(Lang::Vi, Some(1234567)), "1.234.567");
        assert_eq!(count(Lang::En, Some(1234)), "1,234");
        assert_eq!(count(Lang::Vi, Some(999)), "999");
        assert_eq!(decimal(Lang::Vi, Some(84.5)), "84,50");
        assert_eq!(decimal(Lang::En, Some(84.54)), "84.54");
        assert_eq!(points(Lang::Vi, Some(2.1)), "+2,10");
        assert_eq!(points(Lang::En, Some(-0.5)), "-0.50");
        assert_eq!(decimal(Lang::En, None), "–");
        assert_eq!(date(Lang::Vi, "2025-03-15"), "15/03/2025");
        assert_eq!(date(Lang::En, "2025-03-15"), "2025-03-15");
    }
}
