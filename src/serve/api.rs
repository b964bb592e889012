//! The JSON API under `/api/`, used by the pages' script and by `curl`.

use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::check::{recognise, FileCheck};
use super::upload::{receive, store, Stored};
use super::workspace::{is_run_id, RunRequest, WorkspaceError};
use super::AppState;

/// An error as JSON with its status.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// The status of a workspace error.
pub fn status_of(e: &WorkspaceError) -> StatusCode {
    match e {
        WorkspaceError::NotFound(_) => StatusCode::NOT_FOUND,
        WorkspaceError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        WorkspaceError::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn workspace_error(e: WorkspaceError) -> ApiError {
    ApiError::new(status_of(&e), e.to_string())
}

/// A request refused or failed: its status and one sentence (sent as
/// `{"error": …}` by the API; the pages show the sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong and what to do.
    pub message: String,
}

impl ApiError {
    /// An error of `status` saying `message`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.status, self.message)
    }
}

impl From<WorkspaceError> for ApiError {
    fn from(e: WorkspaceError) -> Self {
        workspace_error(e)
    }
}

/// Runs blocking work off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the work stopped: {e}"),
        )
    })
}

/// One file as the API shows it.
pub fn file_json(check: &FileCheck) -> Value {
    let file = &check.file;
    let account = check.account.as_ref();
    json!({
        "id": file.id,
        "name": file.name,
        "kind": file.kind.code(),
        "sha256": file.sha256,
        "size": file.size,
        "profile": file.profile,
        "sheet": account.and_then(|a| a.sheet.clone()),
        "header_row": account.map(|a| a.header_row),
        "rows": account.map(|a| a.rows),
        "accepted": account.map(|a| a.accepted),
        "rejected": account.map(|a| a.rejected),
        "superseded": account.map(|a| a.superseded),
        "agencies": check.agencies,
        "mapped": check.error.is_none(),
        "needs_mapping": check.needs_mapping,
        "columns": account.map(|a| a.mapped.clone()).unwrap_or_default(),
        "ignored": account.map(|a| a.ignored.clone()).unwrap_or_default(),
        "error": check.error,
    })
}

/// `GET /api/files`.
pub async fn list_files(State(state): State<AppState>) -> Json<Value> {
    let check = state.checked();
    Json(Value::Array(
        check.files.iter().map(|f| file_json(f)).collect(),
    ))
}

/// Stores uploaded parts and checks the workspace again; the records of
/// the parts, and whether any was new.
pub async fn upload(
    state: &AppState,
    multipart: Multipart,
) -> Result<(Vec<Value>, bool), ApiError> {
    let (parts, kind) = receive(&state.workspace, multipart, state.options.max_upload_mb)
        .await
        .map_err(|(status, message)| ApiError::new(status, message))?;
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        let mut stored = Vec::new();
        // Every part is stored first, then the workspace is checked once
        // (data files against the registry, whatever order they came in),
        // the workspace free for other changes meanwhile.
        for part in parts {
            match store(&worker.workspace, part, kind) {
                Ok(s) => stored.push(s),
                Err((status, message)) => {
                    drop(one_change);
                    let _ = worker.recheck();
                    let kept = if stored.is_empty() {
                        String::new()
                    } else {
                        format!(" (the {} files before it in this upload were kept)", stored.len())
                    };
                    return Err(ApiError::new(status, format!("{message}{kept}")));
                }
            }
        }
        drop(one_change);
        let check = worker.recheck().map_err(workspace_error)?;
        let mut created = false;
        let records = stored
            .iter()
            .map(|s| match s {
                Stored::File(file, new) => {
                    created |= *new;
                    check
                        .files
                        .iter()
                        .find(|c| c.file.id == file.id)
                        .map(|f| file_json(f))
                        .unwrap_or_else(|| json!({ "id": file.id, "name": file.name }))
                }
                Stored::Config(name) => {
                    created = true;
                    json!({ "id": null, "name": name, "kind": "config", "error": check.config_error })
                }
                Stored::Profile(name) => {
                    created = true;
                    json!({ "id": null, "name": name, "kind": "profile" })
                }
                Stored::Attachment(name) => {
                    created = true;
                    json!({ "id": null, "name": name, "kind": "attachment", "error": check.config_error })
                }
            })
            .collect();
        Ok((records, created))
    })
    .await?
}

/// `POST /api/files`: multipart, parts named `file`, an optional part `kind`.
pub async fn upload_files(State(state): State<AppState>, multipart: Multipart) -> Response {
    match upload(&state, multipart).await {
        Ok((records, created)) => {
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            (status, Json(Value::Array(records))).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Removes a file and checks the workspace again.
pub async fn remove(state: &AppState, id: String) -> Result<(), ApiError> {
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        worker.workspace.delete_file(&id).map_err(workspace_error)?;
        drop(one_change);
        worker.recheck().map_err(workspace_error)?;
        Ok(())
    })
    .await?
}

/// `DELETE /api/files/{id}`.
pub async fn delete_file(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match remove(&state, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/profiles`: every saved profile with its TOML.
pub async fn list_profiles(State(state): State<AppState>) -> Response {
    let workspace = &state.workspace;
    match workspace.profiles() {
        Ok(names) => {
            let profiles: Vec<Value> = names
                .iter()
                .map(|name| {
                    let text = workspace
                        .profile_path(name)
                        .ok()
                        .and_then(|p| std::fs::read_to_string(p).ok())
                        .unwrap_or_default();
                    json!({ "name": name, "toml": text })
                })
                .collect();
            Json(Value::Array(profiles)).into_response()
        }
        Err(e) => workspace_error(e).into_response(),
    }
}

/// Saves a profile after checking it, gives it to the unmapped files it
/// fits, and checks the workspace again.
/// `for_file` is a file to read with it whatever it is (the one the
/// mapping form was for), with the kind the form gave it.
pub async fn keep_profile(
    state: &AppState,
    name: String,
    toml: String,
    for_file: Option<(String, super::workspace::FileKind)>,
) -> Result<(), ApiError> {
    crate::config::profile::Profile::parse(&toml, &format!("{name}.toml"))
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        let workspace = &worker.workspace;
        workspace
            .save_profile(&name, &toml)
            .map_err(workspace_error)?;
        if let Some((id, kind)) = &for_file {
            let mut file = workspace.file(id).map_err(workspace_error)?;
            file.profile = Some(name.clone());
            file.kind = *kind;
            workspace.update_file(&file).map_err(workspace_error)?;
        }
        // The files waiting for a profile (as the last check saw them), the
        // one the profile was written for aside: the workspace is checked
        // once, at the end.
        let check = worker.checked();
        let chosen = for_file.as_ref().map(|(id, _)| id.as_str());
        for file in check
            .files
            .iter()
            .filter(|f| f.needs_mapping && Some(f.file.id.as_str()) != chosen)
        {
            let path = workspace.file_path(&file.file);
            if let Ok((_, Some(profile))) = recognise(workspace, &path, Some(file.file.kind)) {
                let mut updated = file.file.clone();
                updated.profile = Some(profile);
                workspace.update_file(&updated).map_err(workspace_error)?;
            }
        }
        drop(one_change);
        worker.recheck().map_err(workspace_error)?;
        Ok(())
    })
    .await?
}

/// The body of `POST /api/profiles` as JSON.
#[derive(Debug, Deserialize)]
pub struct ProfileBody {
    /// Profile name (letters, digits, `-`, `_`).
    pub name: String,
    /// The profile as TOML.
    pub toml: String,
}

/// The query of `POST /api/profiles` with a TOML body.
#[derive(Debug, Deserialize)]
pub struct ProfileQuery {
    /// Profile name.
    pub name: Option<String>,
}

/// `POST /api/profiles`: JSON `{"name", "toml"}`, or TOML with `?name=`.
pub async fn save_profile(
    State(state): State<AppState>,
    Query(query): Query<ProfileQuery>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (name, toml) = if is_json {
        match serde_json::from_str::<ProfileBody>(&body) {
            Ok(b) => (b.name, b.toml),
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("the body is not {{\"name\", \"toml\"}}: {e}"),
                )
            }
        }
    } else {
        match query.name {
            Some(name) => (name, body),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "name the profile: POST /api/profiles?name=NAME with the TOML as the body",
                )
            }
        }
    };
    if let Err(e) = state.workspace.profile_path(&name) {
        return workspace_error(e).into_response();
    }
    match keep_profile(&state, name.clone(), toml, None).await {
        Ok(()) => (StatusCode::CREATED, Json(json!({ "name": name }))).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/runs`.
pub async fn list_runs(State(state): State<AppState>) -> Response {
    match state.workspace.runs() {
        Ok(runs) => Json(json!(runs)).into_response(),
        Err(e) => workspace_error(e).into_response(),
    }
}

/// Checks a request and starts the run on a blocking thread; its record.
pub async fn begin_run(
    state: &AppState,
    request: RunRequest,
) -> Result<super::workspace::RunRecord, ApiError> {
    let worker = state.clone();
    blocking(move || {
        let workspace = &worker.workspace;
        let prepared = super::runs::prepare(workspace, &request).map_err(workspace_error)?;
        let ids = prepared.files.iter().map(|f| f.id.clone()).collect();
        let run = workspace.new_run(request, ids).map_err(workspace_error)?;
        if let Ok(mut board) = worker.board.lock() {
            board.insert(run.id.clone(), super::runs::RunProgress::default());
        }
        let started = run.clone();
        let board = worker.board.clone();
        let workspace = worker.workspace.clone();
        let limit = worker.options.run_time_limit;
        std::thread::spawn(move || super::runs::execute(&workspace, run, prepared, board, limit));
        Ok(started)
    })
    .await?
}

/// `POST /api/runs` → `202 {"id", "status"}`.
pub async fn start_run(State(state): State<AppState>, body: String) -> Response {
    let request: RunRequest = if body.trim().is_empty() {
        RunRequest::default()
    } else {
        match serde_json::from_str(&body) {
            Ok(r) => r,
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("the body is not a run request: {e}"),
                )
            }
        }
    };
    match begin_run(&state, request).await {
        Ok(run) => (
            StatusCode::ACCEPTED,
            Json(json!({ "id": run.id, "status": run.status })),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// Asks a running run to stop; it ends "failed", saying it was stopped.
pub fn stop_run(state: &AppState, id: &str) -> Result<(), ApiError> {
    let run = state.workspace.run(id).map_err(workspace_error)?;
    if run.status != "running" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("run {id} is not running"),
        ));
    }
    if let Ok(board) = state.board.lock() {
        if let Some(progress) = board.get(id) {
            progress
                .stop
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    Ok(())
}

/// `POST /api/runs/{id}/cancel` → 202.
pub async fn cancel_run(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match stop_run(&state, &id) {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/runs/{id}`.
pub async fn run_status(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.workspace.run(&id) {
        Ok(run) => {
            let progress = state.board.lock().ok().and_then(|b| b.get(&id).cloned());
            let mut value = json!({ "id": run.id, "status": run.status });
            if let Some(error) = &run.error {
                value["error"] = json!(error);
            }
            if let Some(period) = &run.period {
                value["period"] = json!(period);
            }
            if let Some(progress) = progress {
                value["stage"] = json!(progress.stage);
                value["rows"] = json!(progress.rows);
            }
            Json(value).into_response()
        }
        Err(e) => workspace_error(e).into_response(),
    }
}

/// The MIME type of a report file.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("zip") => "application/zip",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("html") => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A download with its `Content-Disposition`.
pub fn download(name: &str, bytes: Vec<u8>) -> Response {
    let base = name.rsplit('/').next().unwrap_or(name);
    let safe = super::workspace::safe_name(base);
    (
        [
            (header::CONTENT_TYPE, content_type(base).to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        Body::from(bytes),
    )
        .into_response()
}

/// A download streamed from an open file (never read whole into memory),
/// with its `Content-Disposition` and length.
pub fn download_file(name: &str, file: std::fs::File) -> Response {
    let base = name.rsplit('/').next().unwrap_or(name);
    let safe = super::workspace::safe_name(base);
    let length = file.metadata().map(|m| m.len()).ok();
    let stream =
        tokio_util::io::ReaderStream::with_capacity(tokio::fs::File::from_std(file), 1 << 16);
    let mut response = (
        [
            (header::CONTENT_TYPE, content_type(base).to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response();
    if let Some(length) = length {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, length.into());
    }
    response
}

/// The finished run `id`, or the response saying why not.
fn finished(state: &AppState, id: &str) -> Result<(), ApiError> {
    let run = state.workspace.run(id).map_err(workspace_error)?;
    match run.status.as_str() {
        "done" => Ok(()),
        "running" => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("run {id} is still running"),
        )),
        _ => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("run {id} failed: {}", run.error.unwrap_or_default()),
        )),
    }
}

/// A file of a finished run's report folder, found in its listing (a
/// name never becomes a path by itself), opened.
pub fn report_file(state: &AppState, id: &str, name: &str) -> Result<std::fs::File, ApiError> {
    finished(state, id)?;
    let files = super::runs::report_files(&state.workspace, id);
    let listed = files.iter().find(|f| f.as_str() == name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("run {id} has no file {name}"),
        )
    })?;
    std::fs::File::open(state.workspace.run_folder(id).join("report").join(listed))
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// `GET /api/runs/{id}/summary.json`.
pub async fn run_summary(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match report_file(&state, &id, "summary.json") {
        Ok(file) => {
            let mut response = download_file("summary.json", file);
            response.headers_mut().remove(header::CONTENT_DISPOSITION);
            response
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /api/runs/{id}/files/{name}`.
pub async fn run_file(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
) -> Response {
    match report_file(&state, &id, &name) {
        Ok(file) => download_file(&name, file),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/runs/{id}/report.zip`: the report folder as
/// `bao-cao-<period>.zip`.
pub async fn run_zip(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    if let Err(e) = finished(&state, &id) {
        return e.into_response();
    }
    if !is_run_id(&id) {
        return error(StatusCode::NOT_FOUND, "no such run");
    }
    let period = state
        .workspace
        .run(&id)
        .ok()
        .and_then(|run| run.period)
        .unwrap_or_else(|| id.clone());
    let workspace = state.workspace.clone();
    let zipped = match blocking(move || super::runs::report_zip(&workspace, &id)).await {
        Ok(z) => z,
        Err(e) => return e.into_response(),
    };
    match zipped {
        Ok(file) => download_file(&format!("bao-cao-{period}.zip"), file),
        Err(e) => workspace_error(e).into_response(),
    }
}

/// `GET /api/activity`: the check under way (stage and rows read).
pub async fn activity(State(state): State<AppState>) -> Json<Value> {
    let (stage, rows) = state.activity.now();
    Json(json!({ "stage": stage, "rows": rows }))
}
