//! The HTML pages: Inputs, Check, Report (the form, the runs and each
//! run's dashboard), Progress, and the login of a shared machine. They work
//! without JavaScript; `assets/app.js` adds the upload progress and live
//! updates.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::check::FileCheck;
use super::i18n::{page_lang, words, Lang, Reader, Words};
use super::operations;
use super::views::{file_row, here, kind_name, render, run_row_of, FileRow, RunRow};
use super::workspace::{FileKind, RunRequest};
use super::AppState;

/// `GET /`.
pub async fn home() -> Redirect {
    Redirect::to("/inputs")
}

#[derive(Template)]
#[template(path = "inputs.html")]
struct InputsPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    message: Option<String>,
    notice: Option<String>,
    config: String,
    config_error: Option<String>,
    files: Vec<FileRow>,
}

/// What the Inputs page confirms after a change: files uploaded, a profile saved.
#[derive(Debug, Default, serde::Deserialize)]
pub struct InputsQuery {
    uploaded: Option<usize>,
    saved: Option<String>,
}

impl InputsQuery {
    /// The sentence confirming the change, in `lang`; a profile only when
    /// the workspace has it.
    fn notice(&self, state: &AppState, lang: Lang) -> Option<String> {
        if let Some(count) = self.uploaded {
            return Some(match lang {
                Lang::Vi => format!("Đã tải lên {count} tệp; sipas đã đọc lại các tệp."),
                Lang::En => format!("{count} files uploaded; sipas has read the files again."),
            });
        }
        let saved = self.saved.as_ref()?;
        let known = state.workspace.profiles().unwrap_or_default();
        known.contains(saved).then(|| match lang {
            Lang::Vi => {
                format!("Đã lưu hồ sơ ánh xạ “{saved}”; sipas đã đọc lại tệp với hồ sơ này.")
            }
            Lang::En => {
                format!("The profile '{saved}' is saved; sipas has read the file again with it.")
            }
        })
    }
}

fn inputs_page(state: &AppState, lang: Lang, message: Option<String>) -> Response {
    inputs_page_with(state, lang, message, None)
}

fn inputs_page_with(
    state: &AppState,
    lang: Lang,
    message: Option<String>,
    notice: Option<String>,
) -> Response {
    let t = words(lang);
    let check = state.checked();
    let attachments = state.workspace.attachments();
    let config = match (state.workspace.config_path(), attachments.is_empty()) {
        (Some(_), true) => "sipas.toml".to_string(),
        (Some(_), false) => format!("sipas.toml · {}", attachments.join(" · ")),
        (None, _) => t.config_default.to_string(),
    };
    render(&InputsPage {
        t,
        here: here("/inputs", None),
        active: "inputs",
        message,
        notice,
        config,
        config_error: check
            .config_error
            .as_ref()
            .map(|s| s.pick(lang).to_string()),
        files: check.files.iter().map(|f| file_row(lang, f)).collect(),
    })
}

/// `GET /inputs`.
pub async fn inputs(reader: Reader, Query(query): Query<InputsQuery>) -> Response {
    let Reader { state, lang } = reader;
    let notice = query.notice(&state, lang);
    inputs_page_with(&state, lang, None, notice)
}

/// `POST /inputs/upload`: the upload form without the script.
pub async fn upload(reader: Reader, multipart: Multipart) -> Response {
    let Reader { state, lang } = reader;
    match operations::upload(&state, multipart).await {
        Ok((stored, _)) => {
            Redirect::to(&format!("/inputs?uploaded={}", stored.len())).into_response()
        }
        Err(refused) => {
            let status = refused.status;
            let message = refused.said.pick(lang).to_string();
            let mut page = inputs_page(&state, lang, Some(message));
            *page.status_mut() = status;
            page
        }
    }
}

/// `POST /runs/{id}/cancel`: stops a run, then shows it.
pub async fn cancel_run(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match operations::stop_run(&state, &id) {
        Ok(()) => Redirect::to(&format!("/runs/{id}")).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /inputs/{id}/delete`.
pub async fn delete_file(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match operations::remove(&state, id).await {
        Ok(()) => Redirect::to("/inputs").into_response(),
        Err(e) => e.into_response(),
    }
}

/// A file offered to a run.
pub struct RunFile {
    id: String,
    name: String,
    kind: &'static str,
    profile: String,
    checked: bool,
    /// Why it is not ticked by default, if it is not.
    why: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    message: Option<String>,
    period: String,
    as_of: String,
    /// Whether "as of today" is ticked.
    as_of_today: bool,
    /// Today's date, `dd/mm/yyyy`.
    today: String,
    calendar_periods: bool,
    snapshots: bool,
    files: Vec<RunFile>,
    runs: Vec<RunRow>,
}

/// The report form; after a refusal, with what was sent.
fn report_page(
    state: &AppState,
    lang: Lang,
    message: Option<String>,
    sent: Option<&RunRequest>,
) -> Response {
    let t = words(lang);
    let check = state.checked();
    // Checked by default: the files that read, of the most common profile of each kind.
    let usable: Vec<&FileCheck> = check
        .files
        .iter()
        .filter(|f| f.error.is_none() && !f.superseded)
        .map(std::convert::AsRef::as_ref)
        .collect();
    let common = |kind: FileKind| {
        let mut counts: Vec<(Option<String>, usize)> = Vec::new();
        for f in usable.iter().filter(|f| f.file.kind == kind) {
            match counts.iter_mut().find(|(p, _)| *p == f.file.profile) {
                Some((_, n)) => *n += 1,
                None => counts.push((f.file.profile.clone(), 1)),
            }
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(p, _)| p)
    };
    let (feedback, survey) = (common(FileKind::Feedback), common(FileKind::Survey));
    let files = check
        .files
        .iter()
        .filter(|f| !f.superseded)
        .map(|f| {
            let common_profile = match f.file.kind {
                FileKind::Feedback => feedback.as_ref() == Some(&f.file.profile),
                FileKind::Survey => survey.as_ref() == Some(&f.file.profile),
                FileKind::Agencies => true,
            };
            let why = if f.error.is_some() {
                t.unticked_unreadable
            } else if !common_profile {
                t.unticked_other_profile
            } else {
                ""
            };
            let by_default = why.is_empty();
            RunFile {
                id: f.file.id.clone(),
                name: f.file.name.clone(),
                kind: kind_name(t, f.file.kind),
                profile: f.file.profile.clone().unwrap_or_default(),
                checked: sent
                    .and_then(|s| s.files.as_ref())
                    .map_or(by_default, |ids| ids.contains(&f.file.id)),
                why: why.to_string(),
            }
        })
        .collect();
    render(&ReportPage {
        t,
        here: here("/report", None),
        active: "report",
        message,
        period: sent.and_then(|s| s.period.clone()).unwrap_or_default(),
        as_of: sent
            .and_then(|s| s.as_of.clone())
            .filter(|d| d != TODAY_FIELD)
            .unwrap_or_default(),
        as_of_today: sent.is_some_and(|s| s.as_of.as_deref() == Some(TODAY_FIELD)),
        today: crate::calendar::days::format_vn(crate::calendar::days::today_local()),
        calendar_periods: sent.is_some_and(|s| s.calendar_periods),
        snapshots: sent.is_some_and(|s| s.snapshots),
        files,
        runs: state
            .workspace
            .runs()
            .unwrap_or_default()
            .iter()
            .map(|r| run_row_of(lang, r))
            .collect(),
    })
}

/// `GET /report`.
pub async fn report(reader: Reader) -> Response {
    report_page(&reader.state, reader.lang, None, None)
}

/// What the form's "as of today" sends as the as-of date (understood by
/// the run's resolver, see [`crate::request::TODAY`]).
const TODAY_FIELD: &str = "today";

/// A run request from the form's fields (`files` repeated).
pub fn run_request(body: &[u8]) -> RunRequest {
    let mut request = RunRequest {
        files: Some(Vec::new()),
        ..RunRequest::default()
    };
    for (key, value) in form_urlencoded::parse(body) {
        let value = value.trim().to_string();
        match key.as_ref() {
            "period" if !value.is_empty() => request.period = Some(value),
            "as_of" if !value.is_empty() && request.as_of.is_none() => {
                request.as_of = Some(value);
            }
            "as_of_today" if value == "true" => request.as_of = Some(TODAY_FIELD.to_string()),
            "calendar_periods" => request.calendar_periods = value == "true",
            "snapshots" => request.snapshots = value == "true",
            "lang" => request.lang = Some(value),
            "files" => request.files.get_or_insert_with(Vec::new).push(value),
            _ => {}
        }
    }
    request
}

/// `POST /report`: starts a run and goes to its page.
pub async fn start_run(reader: Reader, body: Bytes) -> Response {
    let Reader { state, lang } = reader;
    let request = run_request(&body);
    match operations::begin_run(&state, request.clone()).await {
        Ok(run) => Redirect::to(&format!("/runs/{}", run.id)).into_response(),
        Err(refused) => {
            let status = refused.status;
            let message = Some(refused.said.pick(lang).to_string());
            let mut page = report_page(&state, lang, message, Some(&request));
            *page.status_mut() = status;
            page
        }
    }
}

/// `GET /login`.
pub async fn login_form(headers: HeaderMap) -> Response {
    super::dashboard::login_page(page_lang(&headers), false)
}

/// The login form's field.
#[derive(Debug, Deserialize)]
pub struct Login {
    token: String,
}

/// `POST /login`: keeps the token in an `HttpOnly`, `SameSite=Strict` cookie.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Login>,
) -> Response {
    let Some(token) = &state.options.token else {
        return Redirect::to("/inputs").into_response();
    };
    if !super::guard::same_secret(form.token.trim(), token) {
        super::guard::slow_down(&state).await;
        let mut page = super::dashboard::login_page(page_lang(&headers), true);
        *page.status_mut() = StatusCode::UNAUTHORIZED;
        return page;
    }
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/",
        super::guard::TOKEN_COOKIE,
        form.token.trim()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to("/inputs")).into_response()
}

/// The query of the language switch.
#[derive(Debug, Deserialize)]
pub struct Switch {
    to: String,
    back: Option<String>,
}

/// `GET /lang?to=en&back=/check`: sets the language cookie and goes back.
pub async fn switch_language(Query(switch): Query<Switch>) -> Response {
    let lang = if switch.to == "en" { "en" } else { "vi" };
    // Only a path of this server: never another site.
    let back = switch
        .back
        .filter(|b| {
            b.starts_with('/')
                && !b.starts_with("//")
                && b.bytes().all(|c| c.is_ascii_graphic() && c != b'\\')
        })
        .unwrap_or_else(|| "/inputs".to_string());
    (
        [(
            header::SET_COOKIE,
            format!("lang={lang}; SameSite=Strict; Path=/; Max-Age=31536000"),
        )],
        Redirect::to(&back),
    )
        .into_response()
}

/// `GET /assets/{name}`: the stylesheet and the script, built into the binary.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "app.css" => (include_str!("assets/app.css"), "text/css; charset=utf-8"),
        "app.js" => (
            include_str!("assets/app.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return (StatusCode::NOT_FOUND, "no such asset").into_response(),
    };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

pub use super::check_page::{check, findings_csv};
pub use super::dashboard::run;
