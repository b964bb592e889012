//! A request refused or failed, as the API and the pages answer it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::workspace::WorkspaceError;

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
        ApiError::new(status_of(&e), e.to_string())
    }
}
