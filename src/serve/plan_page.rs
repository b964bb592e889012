//! Kế hoạch khảo sát: how many citizens to survey at each agency next
//! period, from the summary of a finished run of the chosen period (the
//! latest complete quarter by default), as `sipas plan` prints it.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde_json::Value;

use super::i18n::{words, Reader, Words};
use super::progress_page::{period_asked, period_name, PeriodChoice, ProgressQuery};
use super::views::render;
use crate::report::html::ahead::{self, PlanRow};

/// The plan of the period shown.
pub struct ShownPlan {
    run: String,
    period: String,
    line: String,
    rows: Vec<PlanRow>,
    city: PlanRow,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    choices: Vec<PeriodChoice>,
    shown: Option<ShownPlan>,
}

/// `GET /plan`.
pub async fn plan(reader: Reader, Query(query): Query<ProgressQuery>) -> Response {
    let Reader { state, lang } = reader;
    let (runs, asked, choices) = period_asked(&state, lang, query);
    let shown = asked.and_then(|period| {
        let run = runs
            .iter()
            .find(|r| r.status == "done" && r.period.as_deref() == Some(period.as_str()))?;
        let path = state
            .workspace
            .run_folder(&run.id)
            .join("report/summary.json");
        let summary: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
        let (line, rows, city) = ahead::survey_plan(lang, &summary);
        Some(ShownPlan {
            run: run.id.clone(),
            period: period_name(lang, &period),
            line,
            rows,
            city,
        })
    });
    render(&PlanPage {
        t: words(lang),
        here: "%2Fplan".to_string(),
        active: "plan",
        choices,
        shown,
    })
}
