//! `sipas serve` without a browser: every API endpoint, every refusal, the
//! mapping form and a restart, through the router itself. This module holds
//! the helpers; the tests are in its submodules.

mod api;
mod hostile;
mod mapping;
mod safety;
mod vietnamese;

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use sha2::Digest;
use tower::ServiceExt;

use sipas::serve::{router, AppState, ServeOptions};

/// The sample data folder of the repository.
pub fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples")
}

/// A server state on a fresh workspace under `dir`.
pub fn state(dir: &Path, edit: impl FnOnce(&mut ServeOptions)) -> AppState {
    let mut options = ServeOptions {
        workspace: dir.join("ws"),
        port: 0,
        ..ServeOptions::default()
    };
    edit(&mut options);
    AppState::open(options).expect("workspace opens")
}

/// A response: status, headers, body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request to the application.
pub async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let response = router(state.clone())
        .oneshot(request)
        .await
        .expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

/// `GET uri` of the loopback server.
pub async fn get(state: &AppState, uri: &str) -> Answer {
    send(state, to("GET", uri).body(Body::empty()).expect("request")).await
}

/// A request addressed to the loopback server.
pub fn to(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "127.0.0.1:8181")
}

/// The multipart boundary of the test uploads.
pub const BOUNDARY: &str = "sipas-test-boundary";

/// A multipart body of `file` parts (name, bytes), with an optional `kind`.
pub fn multipart(files: &[(&str, Vec<u8>)], kind: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(kind) = kind {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n"
            )
            .bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

/// Uploads files through `POST /api/files`.
pub async fn upload(state: &AppState, files: &[(&str, Vec<u8>)], kind: Option<&str>) -> Answer {
    let body = multipart(files, kind);
    send(
        state,
        to("POST", "/api/files")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

/// The sample data set's files, as uploads.
pub fn sample_uploads() -> Vec<(String, Vec<u8>)> {
    let folder = samples();
    let mut files = vec![folder.join("agencies.csv"), folder.join("sipas.toml")];
    for sub in ["feedback", "survey"] {
        let mut found: Vec<_> = std::fs::read_dir(folder.join(sub))
            .expect("sample folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        found.sort();
        files.extend(found);
    }
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("sample file"))
        })
        .collect()
}

/// Starts a run and waits for it to finish; its final status.
pub async fn run_to_end(state: &AppState, body: &str) -> Value {
    let started = send(
        state,
        to("POST", "/api/runs")
            .body(Body::from(body.to_string()))
            .expect("request"),
    )
    .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text());
    let id = started.json()["id"].as_str().expect("run id").to_string();
    for _ in 0..1200 {
        let status = get(state, &format!("/api/runs/{id}")).await.json();
        if status["status"] != "running" {
            return status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("run {id} did not finish in two minutes");
}

/// summary.json without the paths (the only thing a workspace run and the
/// command line may differ in).
pub fn without_paths(mut summary: Value) -> Value {
    for input in summary["inputs"].as_array_mut().expect("inputs") {
        input.as_object_mut().expect("input").remove("path");
    }
    let config = summary["config"].as_object_mut().expect("config");
    config.remove("holiday_schedule");
    config.remove("targets");
    config.remove("agency_baselines");
    summary
}

/// Three PAKN, one of an agency outside [`REGISTRY`].
pub const FEEDBACK: &str = "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n\
P1,05/01/2025,Email,Sở Tư pháp\n\
P2,06/01/2025,Email,Sở Không Có\n\
P3,07/01/2025,Hotline,Sở Xây dựng\n";

/// Two departments.
pub const REGISTRY: &str =
    "code,name,level,aliases\nA,Sở Tư pháp,so_nganh,\nB,Sở Xây dựng,so_nganh,\n";
