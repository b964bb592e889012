//! Tiến độ: progress toward the targets of one period, chosen among the
//! periods of the finished runs (the latest complete quarter by default),
//! and every run by period, each of which can be deleted.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;
use super::i18n::{words, Lang, Reader, Words};
use super::views::{render, run_row_of, RunRow};
use super::workspace::RunRecord;
use super::AppState;
use crate::calendar::{Period, PeriodMode};
use crate::report::html::ahead::{self, DueSoonAgency};
use crate::report::html::view::{self, BehindRow, TargetRow};

/// The progress of the period shown.
pub struct Shown {
    run: String,
    period: String,
    targets: Vec<TargetRow>,
    due_soon_line: String,
    due_soon: Vec<DueSoonAgency>,
    behind: Vec<BehindRow>,
}

/// A period to choose.
pub struct PeriodChoice {
    pub(super) label: String,
    pub(super) name: String,
    pub(super) selected: bool,
}

impl PeriodChoice {
    /// Every period of `periods`, `asked` selected.
    pub(super) fn all(lang: Lang, periods: &[String], asked: Option<&str>) -> Vec<Self> {
        periods
            .iter()
            .map(|label| PeriodChoice {
                label: label.clone(),
                name: period_name(lang, label),
                selected: asked == Some(label.as_str()),
            })
            .collect()
    }
}

/// The runs of one period.
pub struct PeriodRuns {
    period: String,
    runs: Vec<RunRow>,
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    choices: Vec<PeriodChoice>,
    shown: Option<Shown>,
    by_period: Vec<PeriodRuns>,
}

/// The query of the page: the period asked for.
#[derive(Debug, Default, Deserialize)]
pub struct ProgressQuery {
    pub(super) period: Option<String>,
}

/// A period's name in `lang`, or its label when it is not one.
pub(super) fn period_name(lang: Lang, label: &str) -> String {
    match Period::parse(label, PeriodMode::Decree09) {
        Ok(period) => match lang {
            Lang::Vi => period.name_vi(),
            Lang::En => label.to_string(),
        },
        Err(_) => label.to_string(),
    }
}

/// Whether the period `label` has ended by `today` (a day number).
fn has_ended(label: &str, today: crate::calendar::Day) -> bool {
    Period::parse(label, PeriodMode::Decree09).is_ok_and(|p| p.end < today)
}

/// The periods of the finished runs, latest first.
fn finished_periods(runs: &[RunRecord]) -> Vec<String> {
    let mut periods: Vec<String> = runs
        .iter()
        .filter(|r| r.status == "done")
        .filter_map(|r| r.period.clone())
        .collect();
    periods.sort_by(|a, b| b.cmp(a));
    periods.dedup();
    periods
}

/// The period shown when none is asked: the latest quarter that has ended,
/// else the latest period of a finished run.
fn default_period(periods: &[String]) -> Option<String> {
    let today = crate::calendar::days::today_local();
    periods
        .iter()
        .find(|p| p.contains("-Q") && has_ended(p, today))
        .or_else(|| periods.first())
        .cloned()
}

fn shown(state: &AppState, lang: Lang, runs: &[RunRecord], period: &str) -> Option<Shown> {
    let run = runs
        .iter()
        .find(|r| r.status == "done" && r.period.as_deref() == Some(period))?;
    let text =
        std::fs::read_to_string(state.workspace.run_folder(&run.id).join("progress.json")).ok()?;
    let progress: Value = serde_json::from_str(&text).ok()?;
    let (due_soon_line, due_soon) = ahead::due_soon_of_progress(lang, &progress);
    Some(Shown {
        run: run.id.clone(),
        period: period_name(lang, period),
        targets: view::targets(lang, &progress["targets"]),
        due_soon_line,
        due_soon,
        behind: view::behind(lang, &progress),
    })
}

/// The workspace's runs, the period asked for in `query` among those of the
/// finished runs (the default one when it asks for none or another), and
/// the periods to choose from.
pub(super) fn period_asked(
    state: &AppState,
    lang: Lang,
    query: ProgressQuery,
) -> (Vec<RunRecord>, Option<String>, Vec<PeriodChoice>) {
    let runs = state.workspace.runs().unwrap_or_default();
    let periods = finished_periods(&runs);
    let asked = query
        .period
        .filter(|p| periods.contains(p))
        .or_else(|| default_period(&periods));
    let choices = PeriodChoice::all(lang, &periods, asked.as_deref());
    (runs, asked, choices)
}

/// `GET /progress`.
pub async fn progress(reader: Reader, Query(query): Query<ProgressQuery>) -> Response {
    let Reader { state, lang } = reader;
    let (runs, asked, choices) = period_asked(&state, lang, query);
    let mut labels: Vec<Option<String>> = runs.iter().map(|r| r.period.clone()).collect();
    labels.sort_by(|a, b| b.cmp(a));
    labels.dedup();
    let by_period = labels
        .into_iter()
        .map(|label| PeriodRuns {
            period: label
                .as_deref()
                .map_or_else(|| "–".to_string(), |l| period_name(lang, l)),
            runs: runs
                .iter()
                .filter(|r| r.period == label)
                .map(|r| run_row_of(lang, r))
                .collect(),
        })
        .collect();
    render(&ProgressPage {
        t: words(lang),
        here: "%2Fprogress".to_string(),
        active: "progress",
        choices,
        shown: asked.and_then(|period| shown(&state, lang, &runs, &period)),
        by_period,
    })
}

/// `POST /runs/{id}/delete`: deletes a finished run and its report, then
/// goes back to the progress page.
pub async fn delete_run(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    super::operations::delete_run(&state, id).await?;
    Ok(Redirect::to("/progress").into_response())
}
