//! `sipas serve` without a browser: every API endpoint, every refusal, the
//! mapping form and a restart, through the router itself.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use sha2::Digest;
use tower::ServiceExt;

use sipas::serve::{router, AppState, ServeOptions};

use super::common::temp;

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

/// A request addressed to the loopback server.
pub fn to(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "127.0.0.1:8181")
}

const BOUNDARY: &str = "sipas-test-boundary";

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
        let status = send(
            state,
            to("GET", &format!("/api/runs/{id}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .json();
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

const FEEDBACK: &str = "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n\
P1,05/01/2025,Email,Sở Tư pháp\n\
P2,06/01/2025,Email,Sở Không Có\n\
P3,07/01/2025,Hotline,Sở Xây dựng\n";

const REGISTRY: &str = "code,name,level,aliases\nA,Sở Tư pháp,so_nganh,\nB,Sở Xây dựng,so_nganh,\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_is_recognised_checked_and_kept_once() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let answer = upload(
        &state,
        &[
            ("co-quan.csv", REGISTRY.as_bytes().to_vec()),
            ("pakn.csv", FEEDBACK.as_bytes().to_vec()),
        ],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let records = answer.json();
    let pakn = records
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["name"] == "pakn.csv")
        .expect("the feedback file")
        .clone();
    assert_eq!(pakn["kind"], "feedback");
    // Three rows: P2 names an agency outside the registry and is rejected.
    assert_eq!(pakn["rows"], 3);
    assert_eq!(pakn["accepted"], 2);
    assert_eq!(pakn["rejected"], 1);
    assert_eq!(pakn["mapped"], true);
    assert_eq!(pakn["header_row"], 1);
    let sha: String = sha2::Sha256::digest(FEEDBACK.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(pakn["sha256"], sha.as_str());
    assert_eq!(pakn["id"], &sha[..16]);
    assert_eq!(pakn["size"], FEEDBACK.len());
    let fields: Vec<&str> = pakn["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["field"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fields, ["id", "received_at", "channel", "agency"]);
    let registry = records
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["name"] == "co-quan.csv")
        .expect("registry");
    assert_eq!(registry["kind"], "agencies");
    assert_eq!(registry["agencies"], 2);
    // The same bytes again: the same record, nothing created.
    let again = upload(
        &state,
        &[("pakn-copy.csv", FEEDBACK.as_bytes().to_vec())],
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()[0]["name"], "pakn.csv");
    let listed = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    // The bytes are kept unchanged.
    let stored = dir
        .path()
        .join("ws/files")
        .join(&sha[..16])
        .join("pakn.csv");
    assert_eq!(std::fs::read(stored).expect("stored"), FEEDBACK.as_bytes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_deleted_and_an_unknown_id_is_not_found() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let answer = upload(
        &state,
        &[("pakn.csv", FEEDBACK.as_bytes().to_vec())],
        Some("feedback"),
    )
    .await;
    let id = answer.json()[0]["id"].as_str().expect("id").to_string();
    let deleted = send(
        &state,
        to("DELETE", &format!("/api/files/{id}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let listed = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed, Value::Array(vec![]));
    let missing = send(
        &state,
        to("DELETE", &format!("/api/files/{id}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let traversal = send(
        &state,
        to("DELETE", "/api/files/..%2F..%2Fws")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(traversal.status, StatusCode::NOT_FOUND);
    assert!(dir.path().join("ws/files").is_dir());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_for_another_host_is_refused() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let request = Request::builder()
        .uri("/api/files")
        .header(header::HOST, "evil.example:8181")
        .body(Body::empty())
        .expect("request");
    let answer = send(&state, request).await;
    assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(answer.json()["error"]
        .as_str()
        .is_some_and(|e| e.contains("localhost")));
    for host in ["localhost:8181", "127.0.0.1:8181", "[::1]:8181"] {
        let request = Request::builder()
            .uri("/api/files")
            .header(header::HOST, host)
            .body(Body::empty())
            .expect("request");
        assert_eq!(send(&state, request).await.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_changing_request_from_another_site_is_forbidden() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let cross_origin = to("POST", "/api/runs")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::from("{}"))
        .expect("request");
    assert_eq!(
        send(&state, cross_origin).await.status,
        StatusCode::FORBIDDEN
    );
    let cross_site = to("DELETE", "/api/files/0123456789abcdef")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&state, cross_site).await.status, StatusCode::FORBIDDEN);
    // A form posted from a page whose referrer policy hides its origin.
    let hidden = to("POST", "/api/runs")
        .header(header::ORIGIN, "null")
        .body(Body::from("{}"))
        .expect("request");
    assert_eq!(send(&state, hidden).await.status, StatusCode::FORBIDDEN);
    // The page itself (same origin) may; with no file the run is refused for that reason.
    let same = to("POST", "/api/runs")
        .header(header::ORIGIN, "http://127.0.0.1:8181")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("{}"))
        .expect("request");
    let answer = send(&state, same).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.text().contains("no feedback or survey file"),
        "{}",
        answer.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_over_the_limit_gets_413_with_a_message() {
    let dir = temp();
    let state = state(dir.path(), |o| o.max_upload_mb = 1);
    let big = vec![b'a'; 1_600_000];
    // Declared too large: refused before the body is read.
    let body = multipart(&[("big.csv", big.clone())], None);
    let declared = to("POST", "/api/files")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body.clone()))
        .expect("request");
    let answer = send(&state, declared).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("1 MB")),
        "{}",
        answer.text()
    );
    // Streamed without a length: refused when the limit is passed.
    let streamed = upload(&state, &[("big.csv", big)], None).await;
    assert_eq!(streamed.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(streamed.text().contains("1 MB"), "{}", streamed.text());
    let listed = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed, Value::Array(vec![]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_traversal_name_is_stored_inside_the_workspace() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let answer = upload(
        &state,
        &[("../../x.csv", FEEDBACK.as_bytes().to_vec())],
        Some("feedback"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let record = &answer.json()[0];
    // The name is kept as given, for the user; it never becomes a path.
    assert_eq!(record["name"], "../../x.csv");
    let id = record["id"].as_str().expect("id");
    assert!(dir.path().join("ws/files").join(id).join("x.csv").is_file());
    assert!(!dir.path().join("x.csv").exists());
    assert!(!dir.path().join("ws/x.csv").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_what_its_extension_says_gets_a_sentence() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let answer = upload(
        &state,
        &[("bao-cao.xlsx", b"Ma PAKN,Ngay\n1,2\n".to_vec())],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let message = answer.json()["error"]
        .as_str()
        .expect("message")
        .to_string();
    assert!(
        message.contains("bao-cao.xlsx is not a workbook"),
        "{message}"
    );
    let other = upload(&state, &[("notes.docx", b"PK\x03\x04".to_vec())], None).await;
    assert_eq!(other.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let listed = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed, Value::Array(vec![]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_from_the_inputs_is_escaped_in_the_pages() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let registry = "code,name,level,aliases\nX,<script>alert(1)</script>,so_nganh,\n";
    let feedback = "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nP1,05/05/2025,Email,<script>alert(1)</script>\n";
    let answer = upload(
        &state,
        &[
            (
                "<script>alert(2)</script>.csv",
                feedback.as_bytes().to_vec(),
            ),
            ("agencies.csv", registry.as_bytes().to_vec()),
        ],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let page = send(
        &state,
        to("GET", "/inputs").body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("&#60;script&#62;alert(2)&#60;/script&#62;.csv")
            || html.contains("&lt;script&gt;alert(2)"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"));
    let csp = page
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    // The agency's name in the dashboard of a run.
    let run = run_to_end(&state, r#"{"period": "2025-Q2"}"#).await;
    assert_eq!(run["status"], "done", "{run}");
    let id = run["id"].as_str().expect("id");
    let dashboard = send(
        &state,
        to("GET", &format!("/runs/{id}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .text();
    assert!(
        dashboard.contains("alert(1)"),
        "the agency is on the dashboard"
    );
    assert!(!dashboard.contains("<script>alert"), "{dashboard}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_gives_the_numbers_of_sipas_report_and_its_files() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let files = sample_uploads();
    let uploads: Vec<(&str, Vec<u8>)> =
        files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let answer = upload(&state, &uploads, None).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let run = run_to_end(&state, "{}").await;
    assert_eq!(run["status"], "done", "{run}");
    // The latest complete quarter of the sample data.
    assert_eq!(run["period"], "2025-Q2");
    let id = run["id"].as_str().expect("id").to_string();
    let served = send(
        &state,
        to("GET", &format!("/api/runs/{id}/summary.json"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(served.status, StatusCode::OK);

    // The command line's report of the same files.
    let out = dir.path().join("cli");
    let folder = samples();
    let settings = sipas::pipeline::RunSettings {
        feedback: vec![folder.join("feedback")],
        survey: vec![folder.join("survey")],
        agencies: Some(folder.join("agencies.csv")),
        profile: Default::default(),
        config: sipas::config::Config::load(&folder.join("sipas.toml")).expect("config"),
        period: sipas::pipeline::PeriodChoice::LatestComplete,
        mode: sipas::calendar::PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    };
    let loaded = sipas::pipeline::load(&settings).expect("load");
    sipas::pipeline::write_period_report(
        &loaded,
        &settings,
        sipas::report::labels::Lang::Vi,
        |_| out.clone(),
        &sipas::observe::Silent,
    )
    .expect("report");
    let cli: Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary"))
            .expect("json");
    assert_eq!(without_paths(served.json()), without_paths(cli));

    let workbook = send(
        &state,
        to("GET", &format!("/api/runs/{id}/files/bao-cao-2025-Q2.xlsx"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert!(workbook.body.starts_with(b"PK\x03\x04"));
    let disposition = workbook
        .headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(disposition, "attachment; filename=\"bao-cao-2025-Q2.xlsx\"");
    let chart = send(
        &state,
        to("GET", &format!("/api/runs/{id}/files/charts/xu-huong.svg"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(chart.status, StatusCode::OK);
    let escape = send(
        &state,
        to("GET", &format!("/api/runs/{id}/files/..%2Frun.json"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(escape.status, StatusCode::NOT_FOUND);
    let zip = send(
        &state,
        to("GET", &format!("/api/runs/{id}/report.zip"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(zip.status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).expect("a zip");
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .collect();
    for expected in [
        "summary.json",
        "bao-cao-2025-Q2.xlsx",
        "overdue.csv",
        "charts/xu-huong.svg",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let mut zipped = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("summary.json").expect("summary"),
        &mut zipped,
    )
    .expect("read");
    assert_eq!(zipped.as_bytes(), served.body.as_slice());
    let runs = send(
        &state,
        to("GET", "/api/runs").body(Body::empty()).expect("request"),
    )
    .await
    .json();
    assert_eq!(runs[0]["id"], id.as_str());
    assert_eq!(runs[0]["status"], "done");
    // Every page draws.
    for page in [
        "/inputs",
        "/mapping",
        "/check",
        "/report",
        &format!("/runs/{id}"),
        "/progress",
    ] {
        let answer = send(
            &state,
            to("GET", page).body(Body::empty()).expect("request"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{page}: {}", answer.text());
    }
    let progress = send(
        &state,
        to("GET", "/progress").body(Body::empty()).expect("request"),
    )
    .await
    .text();
    // TC1 of the sample is 84.54 against 85.12–87.12 (summary.json of the run).
    assert!(
        progress.contains("84,54") && progress.contains("85,12 – 87,12"),
        "{progress}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_run_request_is_refused_with_what_to_fix() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    upload(
        &state,
        &[("pakn.csv", FEEDBACK.as_bytes().to_vec())],
        Some("feedback"),
    )
    .await;
    for (body, expected) in [
        (r#"{"period": "2025-Q5"}"#, "2025-Q5"),
        (r#"{"as_of": "31/02/2025"}"#, "not a date"),
        (r#"{"lang": "fr"}"#, "use vi or en"),
        (
            r#"{"files": ["0000000000000000"]}"#,
            "no file 0000000000000000",
        ),
        ("{}", "no agency registry"),
        (r#"{"bogus": 1}"#, "unknown field"),
    ] {
        let answer = send(
            &state,
            to("POST", "/api/runs")
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
        assert!(answer.status.is_client_error(), "{body}: {}", answer.status);
        assert!(
            answer.text().contains(expected),
            "{body}: {}",
            answer.text()
        );
    }
    let missing = send(
        &state,
        to("GET", "/api/runs/r9999")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_are_saved_checked_and_listed() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    // The profile shipped for the Boston 311 export.
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/boston-311.toml"),
    )
    .expect("profile");
    let saved = send(
        &state,
        to("POST", "/api/profiles?name=boston")
            .header(header::CONTENT_TYPE, "application/toml")
            .body(Body::from(toml.clone()))
            .expect("request"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.text());
    let bad = serde_json::json!({ "name": "bad", "toml": "[feedback]\nheader_row = \"two\"\n" });
    let refused = send(
        &state,
        to("POST", "/api/profiles")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(bad.to_string()))
            .expect("request"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("line 2"), "{}", refused.text());
    let named = send(
        &state,
        to("POST", "/api/profiles?name=..%2Fx")
            .body(Body::from(toml.clone()))
            .expect("request"),
    )
    .await;
    assert_eq!(named.status, StatusCode::UNPROCESSABLE_ENTITY);
    let listed = send(
        &state,
        to("GET", "/api/profiles")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["name"], "boston");
    assert_eq!(listed[0]["toml"], toml.as_str());
    // A later file with those headers is read with it.
    let boston = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boston311-2025-excerpt.csv"),
    )
    .expect("fixture");
    let answer = upload(&state, &[("boston.csv", boston)], None).await;
    let record = &answer.json()[0];
    assert_eq!(record["profile"], "boston");
    assert_eq!(record["mapped"], true);
    // 200 rows, every one with an id, an open date in January 2025, a
    // department and a source the profile maps (Citizens Connect App 89,
    // Employee Generated 76, Constituent Call 26, City Worker App 9).
    assert_eq!(record["rows"], 200);
    assert_eq!(record["accepted"], 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mapping_form_writes_the_profile_the_command_line_reads() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boston311-2025-excerpt.csv");
    let answer = upload(
        &state,
        &[("boston311.csv", std::fs::read(&fixture).expect("fixture"))],
        None,
    )
    .await;
    let record = answer.json()[0].clone();
    assert_eq!(record["mapped"], false);
    assert_eq!(record["needs_mapping"], true);
    let id = record["id"].as_str().expect("id").to_string();
    // The form, built from the suggester, names the guessed columns.
    let form = send(
        &state,
        to("GET", &format!("/mapping/{id}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .text();
    assert!(
        form.contains("value=\"case_enquiry_id\" selected"),
        "{form}"
    );
    assert!(
        form.contains("name=\"val:channel:Constituent Call\""),
        "{form}"
    );
    // The preview with the draft the form would send.
    let fields = [
        ("section", "feedback"),
        ("header_row", "1"),
        ("agencies_as_is", "true"),
        ("col:id", "case_enquiry_id"),
        ("col:received_at", "open_dt"),
        ("col:due_at", "sla_target_dt"),
        ("col:resolved_at", "closed_dt"),
        ("col:agency", "department"),
        ("col:field", "type"),
        ("col:status", "case_status"),
        ("col:channel", "source"),
        ("val:channel:Constituent Call", "hotline"),
        ("val:channel:Citizens Connect App", "app"),
        ("val:channel:City Worker App", "app"),
        ("val:channel:Self Service", "website"),
        ("val:channel:Employee Generated", "other"),
        ("val:status:Open", "dang_xu_ly"),
        ("name", "boston-311"),
    ];
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let preview = send(
        &state,
        to("GET", &format!("/mapping/{id}/preview?{query}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .text();
    assert!(preview.contains("200 = 200 + 0"), "{preview}");
    let saved = send(
        &state,
        to("POST", &format!("/mapping/{id}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(query.clone()))
            .expect("request"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let profile_path = dir.path().join("ws/profiles/boston-311.toml");
    let profile = sipas::config::profile::Profile::load(&profile_path)
        .expect("a profile the command line reads");
    let text = std::fs::read_to_string(&profile_path).expect("profile text");
    let feedback = profile.feedback.clone().expect("feedback section");
    assert!(feedback.values.contains_key("channel"), "{text}");
    assert_eq!(feedback.columns["id"].value, ["case_enquiry_id"]);
    assert_eq!(
        feedback.map_value("channel", "Constituent Call"),
        Some("hotline")
    );
    let listed = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(listed[0]["profile"], "boston-311");
    assert_eq!(listed[0]["accepted"], 200);
    // A run of that file equals the report of the command line with that profile.
    let run = run_to_end(&state, r#"{"period": "2025-Q1", "calendar_periods": true}"#).await;
    assert_eq!(run["status"], "done", "{run}");
    let id = run["id"].as_str().expect("id");
    let served = send(
        &state,
        to("GET", &format!("/api/runs/{id}/summary.json"))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    let settings = sipas::pipeline::RunSettings {
        feedback: vec![fixture],
        survey: vec![],
        agencies: None,
        profile,
        config: sipas::config::Config::default(),
        period: sipas::pipeline::PeriodChoice::Label("2025-Q1".to_string()),
        mode: sipas::calendar::PeriodMode::Calendar,
        as_of: None,
        snapshots: false,
    };
    let loaded = sipas::pipeline::load(&settings).expect("load");
    let summary = sipas::pipeline::summarise(
        &loaded,
        &sipas::calendar::Period::parse("2025-Q1", sipas::calendar::PeriodMode::Calendar)
            .expect("period"),
        None,
        &settings.config,
    )
    .expect("summary");
    assert_eq!(
        without_paths(served),
        without_paths(serde_json::to_value(&summary).expect("json"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_the_files_profiles_and_runs() {
    let dir = temp();
    let first = state(dir.path(), |_| {});
    upload(
        &first,
        &[
            ("agencies.csv", REGISTRY.as_bytes().to_vec()),
            ("pakn.csv", FEEDBACK.as_bytes().to_vec()),
        ],
        None,
    )
    .await;
    send(
        &first,
        to("POST", "/api/profiles?name=empty")
            .body(Body::from("[feedback]\n"))
            .expect("request"),
    )
    .await;
    let run = run_to_end(&first, r#"{"period": "2025-Q1"}"#).await;
    assert_eq!(run["status"], "done", "{run}");
    let files_before = send(
        &first,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    drop(first);
    // A half-written upload of a killed server is cleared at the next start.
    std::fs::write(dir.path().join("ws/tmp/.tmpHALF"), b"half").expect("write");
    let second = state(dir.path(), |_| {});
    assert!(!dir.path().join("ws/tmp/.tmpHALF").exists());
    let files_after = send(
        &second,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(files_before, files_after);
    let runs = send(
        &second,
        to("GET", "/api/runs").body(Body::empty()).expect("request"),
    )
    .await
    .json();
    assert_eq!(runs[0]["id"], run["id"]);
    assert_eq!(runs[0]["status"], "done");
    let profiles = send(
        &second,
        to("GET", "/api/profiles")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(profiles[0]["name"], "empty");
    let id = run["id"].as_str().expect("id");
    let summary = send(
        &second,
        to("GET", &format!("/api/runs/{id}/summary.json"))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    // P1 and P3 accepted, received in 2025-Q1 (Decree 09: 15/12/2024–14/03/2025).
    assert_eq!(summary["city"]["handling"]["received"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_left_running_by_a_killed_server_is_marked_failed() {
    let dir = temp();
    let first = state(dir.path(), |_| {});
    let record = first
        .workspace
        .new_run(Default::default(), vec![])
        .expect("run");
    drop(first);
    let second = state(dir.path(), |_| {});
    let status = send(
        &second,
        to("GET", &format!("/api/runs/{}", record.id))
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(status["status"], "failed");
    assert!(status["error"]
        .as_str()
        .is_some_and(|e| e.contains("run it again")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_machine_asks_for_the_token_once() {
    let dir = temp();
    let token = "0123456789abcdef0123456789abcdef";
    let state = state(dir.path(), |o| o.token = Some(token.to_string()));
    let api = send(
        &state,
        to("GET", "/api/files")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    let page = send(
        &state,
        to("GET", "/inputs").body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/login")
    );
    let wrong = send(
        &state,
        to("POST", "/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("token=nope"))
            .expect("request"),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let login = send(
        &state,
        to("POST", "/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={token}")))
            .expect("request"),
    )
    .await;
    let cookie = login
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap_or_default().to_string();
    let with_cookie = send(
        &state,
        to("GET", "/inputs")
            .header(header::COOKIE, pair)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(with_cookie.status, StatusCode::OK);
    let bearer = send(
        &state,
        to("GET", "/api/files")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(bearer.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_speak_english_when_asked_and_only_redirect_home() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let switch = send(
        &state,
        to("GET", "/lang?to=en&back=%2Fcheck")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(
        switch
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/check")
    );
    let elsewhere = send(
        &state,
        to("GET", "/lang?to=en&back=%2F%2Fevil.example")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(
        elsewhere
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/inputs")
    );
    let english = send(
        &state,
        to("GET", "/inputs")
            .header(header::COOKIE, "lang=en")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .text();
    assert!(english.contains("lang=\"en\"") && english.contains("Upload files"));
    let vietnamese = send(
        &state,
        to("GET", "/inputs").body(Body::empty()).expect("request"),
    )
    .await
    .text();
    assert!(vietnamese.contains("lang=\"vi\"") && vietnamese.contains("Tải tệp lên"));
}
