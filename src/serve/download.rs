//! Report files sent to the browser: their content type and name, streamed
//! from disk.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};

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
