//! A run's page (its progress while it runs, then the dashboard of its
//! report), the Progress page of the City People's Committee Office, and
//! the login page.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::i18n::{words, Lang, Reader, Words};
use super::views::render;
use super::AppState;
use crate::observe::Stage;
use crate::report::html::ahead;
use crate::report::html::view::{self, Headline, LevelGroup, SubjectRow, TargetRow, TrendRow};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    failed: bool,
}

/// The login page.
pub fn login_page(lang: Lang, failed: bool) -> Response {
    render(&LoginPage {
        t: words(lang),
        here: "%2Flogin".to_string(),
        active: "",
        failed,
    })
}

/// A chart of the report, inline.
pub struct Chart {
    name: String,
    svg: String,
}

/// Rows of the overdue list per page.
pub const OVERDUE_PER_PAGE: usize = 50;

/// What the dashboard shows.
pub struct Dashboard {
    headline: Headline,
    targets: Vec<TargetRow>,
    levels: Vec<LevelGroup>,
    charts: Vec<Chart>,
    trend: Vec<TrendRow>,
    categories: Vec<SubjectRow>,
    fields: Vec<SubjectRow>,
    downloads: Vec<String>,
    overdue_headers: Vec<String>,
    overdue_rows: Vec<Vec<String>>,
    overdue_total: String,
    overdue_page: usize,
    overdue_pages: usize,
    overdue_previous: Option<String>,
    overdue_next: Option<String>,
    due_soon_line: String,
    due_soon_headers: Vec<String>,
    due_soon_rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "run.html")]
struct RunPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    id: String,
    running: bool,
    stage: String,
    /// Whether the run is reading (the rows read are worth showing).
    reading: bool,
    rows: String,
    error: Option<String>,
    dashboard: Option<Dashboard>,
}

/// The query of a run's page.
#[derive(Debug, Default, Deserialize)]
pub struct RunQuery {
    overdue_page: Option<usize>,
}

/// An SVG written by the chart writers, checked before it goes inline.
fn inline_svg(text: String) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    (text.starts_with("<svg") && !lower.contains("<script") && !lower.contains("<foreignobject"))
        .then_some(text)
}

fn dashboard(state: &AppState, lang: Lang, id: &str, page: usize) -> Result<Dashboard, String> {
    let folder = state.workspace.run_folder(id).join("report");
    let text = std::fs::read_to_string(folder.join("summary.json")).map_err(|e| e.to_string())?;
    let summary: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let files = super::runs::report_files(&state.workspace, id);
    let charts = files
        .iter()
        .filter(|f| f.starts_with("charts/") && f.ends_with(".svg"))
        .filter_map(|f| {
            let svg = std::fs::read_to_string(folder.join(f))
                .ok()
                .and_then(inline_svg)?;
            Some(Chart {
                name: f.trim_start_matches("charts/").to_string(),
                svg,
            })
        })
        .collect();
    let (categories, fields) = view::subjects(lang, &summary, 15);
    // The overdue list, a page of overdue.csv at a time; the first page of
    // the PAKN due soon.
    let overdue = csv_page(&folder.join("overdue.csv"), page, OVERDUE_PER_PAGE)?;
    let due_soon = csv_page(&folder.join("due-soon.csv"), 1, OVERDUE_PER_PAGE)?;
    let total = overdue.total;
    let pages = total.div_ceil(OVERDUE_PER_PAGE).max(1);
    let link = |p: usize| format!("/runs/{id}?overdue_page={p}#overdue");
    Ok(Dashboard {
        headline: view::headline(lang, &summary),
        targets: view::targets(lang, &summary["city"]["targets"]),
        levels: view::agencies(lang, &summary),
        charts,
        trend: view::trend(lang, &summary),
        categories,
        fields,
        downloads: files.into_iter().filter(|f| !f.contains('/')).collect(),
        overdue_headers: overdue.headers,
        overdue_rows: overdue.rows,
        overdue_total: view::count(lang, Some(total as u64)),
        overdue_page: page.min(pages),
        overdue_pages: pages,
        overdue_previous: (page > 1).then(|| link(page - 1)),
        overdue_next: (page < pages).then(|| link(page + 1)),
        due_soon_line: ahead::due_soon_of_summary(lang, &summary),
        due_soon_headers: due_soon.headers,
        due_soon_rows: due_soon.rows,
    })
}

/// A page of one of a report's CSV files.
#[derive(Debug, Default)]
struct CsvPage {
    /// The file's headers.
    headers: Vec<String>,
    /// The rows of the page.
    rows: Vec<Vec<String>>,
    /// The file's number of rows.
    total: usize,
}

/// The `page` (from 1) of `per_page` rows of a report's CSV. A missing file
/// (a report written before the file existed) has no rows.
fn csv_page(path: &std::path::Path, page: usize, per_page: usize) -> Result<CsvPage, String> {
    if !path.exists() {
        return Ok(CsvPage::default());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let headers: Vec<String> = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut total = 0usize;
    let mut rows = Vec::new();
    for record in reader.records().flatten() {
        if total / per_page + 1 == page {
            rows.push(record.iter().map(str::to_string).collect());
        }
        total += 1;
    }
    Ok(CsvPage {
        headers,
        rows,
        total,
    })
}

/// `GET /runs/{id}`.
pub async fn run(
    reader: Reader,
    Path(id): Path<String>,
    Query(query): Query<RunQuery>,
) -> Response {
    let Reader { state, lang } = reader;
    let t = words(lang);
    let record = match state.workspace.run(&id) {
        Ok(r) => r,
        Err(e) => return super::error::error(StatusCode::NOT_FOUND, &e.said()),
    };
    let progress = state
        .board
        .lock()
        .ok()
        .and_then(|b| b.get(&id).cloned())
        .unwrap_or_default();
    let page = query.overdue_page.unwrap_or(1).max(1);
    let (dashboard, error) = match record.status.as_str() {
        "done" => {
            let worker = state.clone();
            let run_id = id.clone();
            match super::operations::blocking(move || dashboard(&worker, lang, &run_id, page)).await
            {
                Ok(Ok(d)) => (Some(d), None),
                Ok(Err(e)) => (None, Some(e)),
                Err(e) => return e.into_response(),
            }
        }
        "failed" => (None, record.error_in(lang).map(str::to_string)),
        _ => (None, None),
    };
    render(&RunPage {
        t,
        here: format!("%2Fruns%2F{id}"),
        active: "report",
        running: record.status == "running",
        reading: matches!(progress.stage, Some(Stage::Reading(..))),
        stage: progress.stage.map(|s| s.say(lang)).unwrap_or_default(),
        rows: view::count(lang, Some(progress.rows)),
        id,
        error,
        dashboard,
    })
}
