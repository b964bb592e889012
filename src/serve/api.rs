//! The JSON API under `/api/`, used by the pages' script and by `curl`:
//! each handler reads its request, calls an operation and types its reply.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use super::download::download_file;
use super::error::ApiError;
use super::operations::{begin_run, blocking, finished, keep_profile, remove, report_file};
use super::operations::{stop_run, upload};
use super::replies::{ActivityReply, FileReply, ProfileReply, RunReply, SavedReply};
use super::workspace::{is_run_id, RunRecord, RunRequest};
use super::AppState;
use crate::lang::Lang;
use crate::messages::Said;

/// `GET /api/files`.
pub async fn list_files(State(state): State<AppState>) -> Json<Vec<FileReply>> {
    let check = state.checked();
    Json(check.files.iter().map(|f| FileReply::of(f)).collect())
}

/// `POST /api/files`: multipart, parts named `file`, an optional part `kind`.
pub async fn upload_files(
    State(state): State<AppState>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let (records, created) = upload(&state, multipart).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(records)).into_response())
}

/// `DELETE /api/files/{id}`.
pub async fn delete_file(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    remove(&state, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/profiles`: every saved profile with its TOML.
pub async fn list_profiles(
    State(state): State<AppState>,
) -> Result<Json<Vec<ProfileReply>>, ApiError> {
    let workspace = &state.workspace;
    let profiles = workspace
        .profiles()?
        .into_iter()
        .map(|name| {
            let toml = workspace.profile_toml(&name).unwrap_or_default();
            ProfileReply { name, toml }
        })
        .collect();
    Ok(Json(profiles))
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
) -> Result<(StatusCode, Json<SavedReply>), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (name, toml) = if is_json {
        let body = serde_json::from_str::<ProfileBody>(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                Said::new(
                    "Nội dung gửi lên không phải một hồ sơ ánh xạ {name, toml}.",
                    format!("the body is not {{\"name\", \"toml\"}}: {e}"),
                ),
            )
        })?;
        (body.name, body.toml)
    } else {
        let name = query.name.ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                Said::new(
                    "Hãy đặt tên cho hồ sơ ánh xạ.",
                    "name the profile: POST /api/profiles?name=NAME with the TOML as the body",
                ),
            )
        })?;
        (name, body)
    };
    state.workspace.profile_path(&name)?;
    keep_profile(&state, name.clone(), toml, None).await?;
    Ok((StatusCode::CREATED, Json(SavedReply { name })))
}

/// `GET /api/runs`.
pub async fn list_runs(State(state): State<AppState>) -> Result<Json<Vec<RunRecord>>, ApiError> {
    Ok(Json(state.workspace.runs()?))
}

/// `POST /api/runs` → `202 {"id", "status"}`.
pub async fn start_run(
    State(state): State<AppState>,
    body: String,
) -> Result<(StatusCode, Json<RunReply>), ApiError> {
    let request: RunRequest = if body.trim().is_empty() {
        RunRequest::default()
    } else {
        serde_json::from_str(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                Said::new(
                    "Nội dung gửi lên không phải một yêu cầu chạy báo cáo.",
                    format!("the body is not a run request: {e}"),
                ),
            )
        })?
    };
    let run = begin_run(&state, request).await?;
    Ok((StatusCode::ACCEPTED, Json(RunReply::started(&run))))
}

/// `POST /api/runs/{id}/cancel` → 202.
pub async fn cancel_run(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    stop_run(&state, &id)?;
    Ok(StatusCode::ACCEPTED)
}

/// `GET /api/runs/{id}`.
pub async fn run_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<RunReply>, ApiError> {
    let run = state.workspace.run(&id)?;
    let progress = state.board.lock().ok().and_then(|b| b.get(&id).cloned());
    let stage = progress.as_ref().and_then(|p| p.stage.clone());
    let rows = progress.as_ref().map(|p| p.rows);
    Ok(Json(RunReply {
        error: run.error,
        error_vi: run.error_vi,
        id: run.id,
        period: run.period,
        rows,
        stage: stage.as_ref().map(|s| s.say(Lang::En)),
        stage_vi: stage.as_ref().map(|s| s.say(Lang::Vi)),
        status: run.status,
    }))
}

/// `GET /api/runs/{id}/summary.json`.
pub async fn run_summary(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let file = report_file(&state, &id, "summary.json")?;
    let mut response = download_file("summary.json", file);
    response.headers_mut().remove(header::CONTENT_DISPOSITION);
    Ok(response)
}

/// `GET /api/runs/{id}/files/{name}`.
pub async fn run_file(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let file = report_file(&state, &id, &name)?;
    Ok(download_file(&name, file))
}

/// `GET /api/runs/{id}/report.zip`: the report folder as
/// `bao-cao-<period>.zip`.
pub async fn run_zip(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    finished(&state, &id)?;
    if !is_run_id(&id) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            Said::new("Không có lượt chạy này.", "no such run"),
        ));
    }
    let period = state
        .workspace
        .run(&id)
        .ok()
        .and_then(|run| run.period)
        .unwrap_or_else(|| id.clone());
    let workspace = state.workspace.clone();
    let file = blocking(move || super::runs::report_zip(&workspace, &id)).await??;
    Ok(download_file(&format!("bao-cao-{period}.zip"), file))
}

/// `GET /api/activity`: the check under way (stage and rows read).
pub async fn activity(State(state): State<AppState>) -> Json<ActivityReply> {
    let (stage, rows) = state.activity.now();
    let say = |lang| stage.as_ref().map(|s| s.say(lang)).unwrap_or_default();
    Json(ActivityReply {
        rows,
        stage: say(Lang::En),
        stage_vi: say(Lang::Vi),
    })
}
