//! A request refused or failed, as the API and the pages answer it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::workspace::WorkspaceError;
use crate::messages::Said;

/// An error as JSON with its status: `error` in English, as the API has
/// always said it, and `error_vi` in Vietnamese for the pages.
pub fn error(status: StatusCode, said: &Said) -> Response {
    (
        status,
        Json(json!({ "error": said.en, "error_vi": said.vi })),
    )
        .into_response()
}

/// The status of a workspace error.
pub fn status_of(e: &WorkspaceError) -> StatusCode {
    match e {
        WorkspaceError::NotFound(_) => StatusCode::NOT_FOUND,
        WorkspaceError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        WorkspaceError::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A request refused or failed: its status and one sentence in both
/// languages (sent as `{"error": …, "error_vi": …}` by the API; the pages
/// show the sentence in their language).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong and what to do.
    pub said: Said,
}

impl ApiError {
    /// An error of `status` saying `said`.
    pub fn new(status: StatusCode, said: Said) -> Self {
        Self { status, said }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.status, &self.said)
    }
}

impl From<WorkspaceError> for ApiError {
    fn from(e: WorkspaceError) -> Self {
        ApiError::new(status_of(&e), e.said())
    }
}
