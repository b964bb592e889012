//! `sipas progress`: each target of the city with its baseline, value,
//! target range, status and points to go, and the agencies furthest behind —
//! as a terminal table (at most 100 columns), CSV or JSON.

use serde::Serialize;

use super::csv_export::escape_formula;
use crate::metrics::summary::Summary;
use crate::metrics::targets::{TargetResult, TargetStatus};

/// Short names of the indicators for the table.
fn indicator_name(indicator: &str) -> &'static str {
    match indicator {
        "TC1" => "TC1 Hình thức tiếp nhận",
        "TC2" => "TC2 Dễ thực hiện",
        "TC3" => "TC3 Xử lý tích cực",
        "TC4" => "TC4 Thông báo kịp thời",
        "element" => "Chỉ số thành phần",
        "on_time_rate" => "Tỷ lệ xử lý đúng hạn",
        "forwarded_on_time_rate" => "Tỷ lệ chuyển đúng hạn",
        "notified_on_time_rate" => "Tỷ lệ thông báo kịp thời",
        _ => "Tỷ lệ công khai kịp thời",
    }
}

/// An agency behind on an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Behind {
    /// Agency code.
    pub code: String,
    /// Agency name.
    pub name: String,
    /// Indicator.
    pub indicator: String,
    /// Its value.
    pub value: Option<f64>,
    /// Points to go.
    pub gap: f64,
}

/// The progress view of a summary.
#[derive(Debug, Clone, Serialize)]
pub struct Progress<'a> {
    /// Period label.
    pub period: &'a str,
    /// The city's targets.
    pub targets: &'a [TargetResult],
    /// The agencies furthest behind on the element index and the on-time rate.
    pub behind: Vec<Behind>,
}

/// Builds the progress view, with the `limit` agencies furthest behind per indicator.
pub fn progress(summary: &Summary, limit: usize) -> Progress<'_> {
    let mut behind = Vec::new();
    for indicator in ["element", "on_time_rate"] {
        let mut rows: Vec<Behind> = summary
            .agencies
            .iter()
            .filter_map(|a| {
                let t = a.targets.iter().find(|t| t.indicator == indicator)?;
                (t.status == TargetStatus::NotMet).then(|| Behind {
                    code: a.code.clone(),
                    name: a.name.clone(),
                    indicator: indicator.to_string(),
                    value: t.value,
                    gap: t.gap.unwrap_or_default(),
                })
            })
            .collect();
        rows.sort_by(|a, b| b.gap.total_cmp(&a.gap).then(a.code.cmp(&b.code)));
        behind.extend(rows.into_iter().take(limit));
    }
    Progress {
        period: &summary.period.label,
        targets: &summary.city.targets,
        behind,
    }
}

fn number(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "–".to_string())
}

fn pad(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count >= width {
        text.chars().take(width).collect()
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}

fn paint(text: String, status: TargetStatus, colour: bool) -> String {
    if !colour {
        return text;
    }
    let code = match status {
        TargetStatus::Met => "32",
        TargetStatus::MetMinimum => "33",
        TargetStatus::NotMet => "31",
        TargetStatus::InsufficientData => "90",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

/// The table for a terminal; `colour` adds ANSI colours to the statuses.
pub fn to_table(summary: &Summary, colour: bool) -> String {
    let view = progress(summary, 5);
    let mut out = format!(
        "Tiến độ Kế hoạch 181 — {} ({}), toàn Thành phố\n",
        summary.period.name_vi, summary.period.label
    );
    out.push_str(&format!(
        "{}{:>9}{:>9}  {}{}{:>8}\n",
        pad("Chỉ tiêu", 27),
        "Gốc",
        "Hiện tại",
        pad("Mục tiêu", 16),
        pad("Đánh giá", 20),
        "Còn thiếu"
    ));
    for t in view.targets {
        let range = match (t.target_min, t.target_max) {
            (Some(low), Some(high)) if (low - high).abs() < 1e-9 => format!("≥ {low:.2}"),
            (Some(low), Some(high)) => format!("{low:.2}–{high:.2}"),
            _ => "–".to_string(),
        };
        let status = paint(pad(t.status.label_vi(), 20), t.status, colour);
        out.push_str(&format!(
            "{}{:>9}{:>9}  {}{}{:>8}\n",
            pad(indicator_name(&t.indicator), 27),
            number(t.baseline),
            number(t.value),
            pad(&range, 16),
            status,
            number(t.gap)
        ));
    }
    for indicator in ["element", "on_time_rate"] {
        let rows: Vec<&Behind> = view
            .behind
            .iter()
            .filter(|b| b.indicator == indicator)
            .collect();
        out.push_str(&format!(
            "\nCơ quan còn xa mục tiêu nhất — {}:\n",
            indicator_name(indicator)
        ));
        if rows.is_empty() {
            out.push_str("  (không có)\n");
        }
        for (i, b) in rows.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {}{:>9}  còn thiếu {:.2}\n",
                i + 1,
                pad(&b.name, 50),
                number(b.value),
                b.gap
            ));
        }
    }
    out
}

/// The city's targets as CSV (formula-like cells escaped).
pub fn to_csv(summary: &Summary) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "indicator",
        "baseline",
        "value",
        "target_min",
        "target_max",
        "status",
        "gap",
    ]);
    for t in &summary.city.targets {
        let status = serde_json::to_value(t.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let cells = [
            t.indicator.clone(),
            number(t.baseline),
            number(t.value),
            number(t.target_min),
            number(t.target_max),
            status,
            number(t.gap),
        ];
        let _ = writer.write_record(cells.iter().map(|c| escape_formula(c).into_owned()));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The progress view as JSON.
pub fn to_json(summary: &Summary) -> String {
    serde_json::to_string_pretty(&progress(summary, 5)).unwrap_or_default()
}
