//! What the pages show of what lies ahead — the PAKN due soon and the
//! survey plan — read from `summary.json` and `progress.json` and formatted
//! for the page; nothing here computes a number.

use serde_json::Value;

use super::view::{count, date, decimal, s, u};
use crate::report::labels::{fill, Lang};

/// The sentence over the list of PAKN due soon, from a summary or a
/// progress view (`due_soon` of `progress.json`).
pub fn due_soon_line(lang: Lang, due_soon: u64, working_days: u64, as_of: &str) -> String {
    if due_soon == 0 {
        return fill(
            lang.pick(
                "Không có PAKN đang xử lý nào có hạn xử lý trong {} ngày làm việc sau ngày {}.",
                "No pending PAKN is due within {} working days after {}.",
            ),
            &[&working_days, &date(lang, as_of)],
        );
    }
    fill(
        lang.pick(
            "{} PAKN đang xử lý có hạn xử lý trong {} ngày làm việc sau ngày {}: cần đôn đốc để không bị quá hạn.",
            "{} pending PAKN are due within {} working days after {}: chase them before they become overdue.",
        ),
        &[&count(lang, Some(due_soon)), &working_days, &date(lang, as_of)],
    )
}

/// The due-soon sentence of a summary.
pub fn due_soon_of_summary(lang: Lang, summary: &Value) -> String {
    due_soon_line(
        lang,
        u(summary, &["city", "handling", "due_soon"]).unwrap_or_default(),
        u(summary, &["config", "due_soon_working_days"]).unwrap_or_default(),
        s(summary, &["as_of"]),
    )
}

/// An agency with PAKN due soon.
#[derive(Debug, Clone)]
pub struct DueSoonAgency {
    /// Name and code.
    pub name: String,
    /// Its PAKN due soon.
    pub due_soon: String,
}

/// The due-soon part of a progress view: its sentence and the agencies
/// with the most.
pub fn due_soon_of_progress(lang: Lang, progress: &Value) -> (String, Vec<DueSoonAgency>) {
    let soon = &progress["due_soon"];
    let line = due_soon_line(
        lang,
        u(soon, &["count"]).unwrap_or_default(),
        u(soon, &["working_days"]).unwrap_or_default(),
        s(soon, &["as_of"]),
    );
    let agencies = soon["agencies"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|a| DueSoonAgency {
                    name: format!("{} ({})", s(a, &["name"]), s(a, &["code"])),
                    due_soon: count(lang, u(a, &["due_soon"])),
                })
                .collect()
        })
        .unwrap_or_default();
    (line, agencies)
}

/// One agency's row of the survey plan.
#[derive(Debug, Clone)]
pub struct PlanRow {
    /// Name and code.
    pub name: String,
    /// Respondents this period.
    pub respondents: String,
    /// Respondents to survey next period.
    pub needed: String,
    /// Respondents needed beyond this period's.
    pub shortfall: String,
    /// Answers needed for TC1–TC4.
    pub criteria: Vec<String>,
}

/// The survey plan of a summary: its sentence, each agency's row, and the
/// city's total row.
pub fn survey_plan(lang: Lang, summary: &Value) -> (String, Vec<PlanRow>, PlanRow) {
    let plan = &summary["survey_plan"];
    let margin = plan["margin_points"].as_f64().unwrap_or_default();
    let line = fill(
        lang.pick(
            "Số phiếu cần khảo sát kỳ tới để khoảng tin cậy 95% của mỗi tiêu chí TC1–TC4 không rộng quá ±{} điểm %, theo tỷ lệ hài lòng của cơ quan từ {} đến {} (50% khi có dưới {} ý kiến).",
            "Respondents to survey next period so that each of TC1–TC4 has a 95% interval of at most ±{} points, from each agency's share satisfied from {} to {} (50% with fewer than {} answers).",
        ),
        &[
            &decimal(lang, Some(margin)),
            &date(lang, s(plan, &["from"])),
            &date(lang, s(plan, &["to"])),
            &u(summary, &["min_sample"]).unwrap_or_default(),
        ],
    );
    let rows = summary["agencies"]
        .as_array()
        .map(|all| all.iter().map(|a| plan_row(lang, a)).collect())
        .unwrap_or_default();
    let city = PlanRow {
        name: lang.pick("Toàn Thành phố", "Whole city").to_string(),
        respondents: count(lang, u(summary, &["city", "survey", "respondents"])),
        needed: count(lang, u(plan, &["respondents_needed"])),
        shortfall: count(lang, u(plan, &["shortfall"])),
        criteria: Vec::new(),
    };
    (line, rows, city)
}

fn plan_row(lang: Lang, agency: &Value) -> PlanRow {
    let plan = &agency["survey_plan"];
    PlanRow {
        name: format!("{} ({})", s(agency, &["name"]), s(agency, &["code"])),
        respondents: count(lang, u(agency, &["survey", "respondents"])),
        needed: count(lang, u(plan, &["respondents_needed"])),
        shortfall: count(lang, u(plan, &["shortfall"])),
        criteria: ["TC1", "TC2", "TC3", "TC4"]
            .iter()
            .map(|c| count(lang, u(plan, &["criteria", c, "answers_needed"])))
            .collect(),
    }
}
