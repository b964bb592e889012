//! `sipas plan`: the survey plan of each agency — its respondents this
//! period, the respondents to survey next period for the margin, the
//! shortfall and what each criterion needs — as a terminal table, CSV or
//! JSON, from the summary (see [`crate::metrics::survey_plan`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::csv_export::escape_formula;
use super::progress::pad;
use crate::lang::Lang;
use crate::metrics::summary::Summary;
use crate::metrics::survey_plan::CriterionPlan;
use crate::model::AgencyLevel;

/// One agency's row of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyPlanRow<'a> {
    /// Agency code.
    pub code: &'a str,
    /// Agency name.
    pub name: &'a str,
    /// Administrative level.
    pub level: AgencyLevel,
    /// Respondents in the period reported on.
    pub respondents: u64,
    /// Respondents to survey next period; None for an agency that has
    /// ended.
    pub respondents_needed: Option<u64>,
    /// Respondents needed beyond this period's.
    pub shortfall: Option<u64>,
    /// TC1–TC4: the share assumed and the answers needed.
    pub criteria: Option<&'a BTreeMap<String, CriterionPlan>>,
}

/// The plan of a period.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView<'a> {
    /// Period label.
    pub period: &'a str,
    /// The margin, in points.
    pub margin_points: f64,
    /// First day of the four quarters the shares come from.
    pub from: &'a str,
    /// Last day of those quarters.
    pub to: &'a str,
    /// Respondents needed, summed over the agencies.
    pub respondents_needed: u64,
    /// Shortfalls, summed.
    pub shortfall: u64,
    /// Each agency, in the summary's order.
    pub agencies: Vec<AgencyPlanRow<'a>>,
}

/// The plan view of a summary.
pub fn plan_view(summary: &Summary) -> PlanView<'_> {
    let plan = &summary.survey_plan;
    PlanView {
        period: &summary.period.label,
        margin_points: plan.margin_points,
        from: &plan.from,
        to: &plan.to,
        respondents_needed: plan.respondents_needed,
        shortfall: plan.shortfall,
        agencies: summary
            .agencies
            .iter()
            .map(|a| AgencyPlanRow {
                code: &a.code,
                name: &a.name,
                level: a.level,
                respondents: a.survey.respondents,
                respondents_needed: a.survey_plan.as_ref().map(|p| p.respondents_needed),
                shortfall: a.survey_plan.as_ref().map(|p| p.shortfall),
                criteria: a.survey_plan.as_ref().map(|p| &p.criteria),
            })
            .collect(),
    }
}

/// The table for a terminal.
pub fn to_table(summary: &Summary) -> String {
    let view = plan_view(summary);
    let vi = Lang::Vi;
    let mut out = format!(
        "Kế hoạch khảo sát kỳ sau {} ({}): khoảng tin cậy 95% của mỗi tiêu chí TC1–TC4 không quá ±{} điểm %, theo tỷ lệ hài lòng từ {} đến {}\n",
        summary.period.name_vi,
        view.period,
        vi.number(view.margin_points, usize::from(view.margin_points.fract() != 0.0)),
        vi.date(view.from),
        vi.date(view.to),
    );
    out.push_str(&format!(
        "{}{:>10}{:>10}{:>10}\n",
        pad("Cơ quan, đơn vị", 50),
        "Kỳ này",
        "Cần",
        "Còn thiếu"
    ));
    let or_dash = |v: Option<u64>| v.map_or_else(|| "–".to_string(), |v| v.to_string());
    for row in &view.agencies {
        out.push_str(&format!(
            "{}{:>10}{:>10}{:>10}\n",
            pad(row.name, 50),
            row.respondents,
            or_dash(row.respondents_needed),
            or_dash(row.shortfall)
        ));
    }
    out.push_str(&format!(
        "{}{:>10}{:>10}{:>10}\n",
        pad("Toàn Thành phố", 50),
        summary.city.survey.respondents,
        view.respondents_needed,
        view.shortfall
    ));
    out
}

/// The plan as CSV, one row per agency (formula-like cells escaped).
pub fn to_csv(summary: &Summary) -> String {
    let view = plan_view(summary);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "code",
        "name",
        "respondents",
        "respondents_needed",
        "shortfall",
    ];
    let criteria = ["TC1", "TC2", "TC3", "TC4"];
    let columns: Vec<String> = criteria
        .iter()
        .flat_map(|c| [format!("{c}_p"), format!("{c}_answers_needed")])
        .collect();
    header.extend(columns.iter().map(String::as_str));
    let _ = writer.write_record(&header);
    for row in &view.agencies {
        let mut cells = vec![
            escape_formula(row.code).into_owned(),
            escape_formula(row.name).into_owned(),
            row.respondents.to_string(),
            row.respondents_needed
                .map(|v| v.to_string())
                .unwrap_or_default(),
            row.shortfall.map(|v| v.to_string()).unwrap_or_default(),
        ];
        for code in criteria {
            let plan = row.criteria.and_then(|c| c.get(code));
            cells.push(plan.map(|p| format!("{:.4}", p.p)).unwrap_or_default());
            cells.push(
                plan.map(|p| p.answers_needed.to_string())
                    .unwrap_or_default(),
            );
        }
        let _ = writer.write_record(&cells);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The plan as JSON.
pub fn to_json(summary: &Summary) -> String {
    serde_json::to_string_pretty(&plan_view(summary)).unwrap_or_default()
}
