//! `sipas progress`: each target of the city with its baseline, value,
//! target range, status and points to go, the PAKN due soon, and the
//! agencies furthest behind —
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

/// An agency with PAKN due soon.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyDueSoon {
    /// Agency code.
    pub code: String,
    /// Agency name.
    pub name: String,
    /// Its PAKN due soon.
    pub due_soon: u64,
}

/// The PAKN due soon ("sắp đến hạn"): what to chase this week.
#[derive(Debug, Clone, Serialize)]
pub struct DueSoon {
    /// The as-of date, `yyyy-mm-dd`.
    pub as_of: String,
    /// N: the deadline falls at most this many working days after it.
    pub working_days: u32,
    /// PAKN due soon in the city.
    pub count: u64,
    /// The agencies with the most, most first.
    pub agencies: Vec<AgencyDueSoon>,
}

/// The progress view of a summary.
#[derive(Debug, Clone, Serialize)]
pub struct Progress<'a> {
    /// Period label.
    pub period: &'a str,
    /// The city's targets.
    pub targets: &'a [TargetResult],
    /// The PAKN due soon after the as-of date.
    pub due_soon: DueSoon,
    /// The agencies furthest behind on the element index and the on-time rate.
    pub behind: Vec<Behind>,
}

/// The PAKN due soon, with the `limit` agencies that have the most.
fn due_soon(summary: &Summary, limit: usize) -> DueSoon {
    let count = |a: &crate::metrics::summary::AgencyResults| a.handling.due_soon.unwrap_or(0);
    let mut agencies: Vec<AgencyDueSoon> = summary
        .agencies
        .iter()
        .filter(|a| count(a) > 0)
        .map(|a| AgencyDueSoon {
            code: a.code.clone(),
            name: a.name.clone(),
            due_soon: count(a),
        })
        .collect();
    agencies.sort_by(|a, b| b.due_soon.cmp(&a.due_soon).then(a.code.cmp(&b.code)));
    agencies.truncate(limit);
    DueSoon {
        as_of: summary.as_of.clone(),
        working_days: summary.config.due_soon_working_days,
        count: summary.city.handling.due_soon.unwrap_or(0),
        agencies,
    }
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
        due_soon: due_soon(summary, limit),
        behind,
    }
}

fn number(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "–".to_string())
}

/// `text` cut or padded with spaces to `width` characters.
pub(crate) fn pad(text: &str, width: usize) -> String {
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
    let soon = &view.due_soon;
    out.push_str(&format!(
        "\nPAKN sắp đến hạn (hạn xử lý trong {} ngày làm việc sau ngày {}): {}\n",
        soon.working_days,
        crate::lang::Lang::Vi.date(&soon.as_of),
        soon.count
    ));
    for (i, a) in soon.agencies.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}{:>9}\n",
            i + 1,
            pad(&a.name, 50),
            a.due_soon
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
    // The PAKN due soon: a count, without baseline or target.
    let due_soon = summary.city.handling.due_soon.unwrap_or(0).to_string();
    let _ = writer.write_record(["due_soon", "", due_soon.as_str(), "", "", "", ""]);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The progress view as JSON.
pub fn to_json(summary: &Summary) -> String {
    serde_json::to_string_pretty(&progress(summary, 5)).unwrap_or_default()
}
