//! The refusals: foreign Host, cross-site requests, oversize and fake uploads,
//! traversal names, escaping, the token of a shared machine, the language switch.

use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::Value;

use super::*;
use crate::common::temp;

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
    let listed = get(&state, "/api/files").await.json();
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
    let listed = get(&state, "/api/files").await.json();
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
    let page = get(&state, "/inputs").await;
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
    // The agency's name in the dashboard of a run (of the quarter of its record).
    let run = run_to_end(&state, r#"{"period": "2025-Q2"}"#).await;
    assert_eq!(run["status"], "done", "{run}");
    let id = run["id"].as_str().expect("id");
    let dashboard = get(&state, &format!("/runs/{id}")).await.text();
    assert!(
        dashboard.contains("alert(1)"),
        "the agency is on the dashboard"
    );
    assert!(!dashboard.contains("<script>alert"), "{dashboard}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_machine_asks_for_the_token_once() {
    let dir = temp();
    let token = "0123456789abcdef0123456789abcdef";
    let state = state(dir.path(), |o| o.token = Some(token.to_string()));
    let api = get(&state, "/api/files").await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    let page = get(&state, "/inputs").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/login")
    );
    // The login page can be read in English before signing in.
    let switch = get(&state, "/lang?to=en&back=%2Flogin").await;
    assert_eq!(
        switch
            .headers
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
    let switch = get(&state, "/lang?to=en&back=%2Fcheck").await;
    assert_eq!(
        switch
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/check")
    );
    let elsewhere = get(&state, "/lang?to=en&back=%2F%2Fevil.example").await;
    assert_eq!(
        elsewhere
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/inputs")
    );
    // A tab that a browser would drop, making "//evil.example".
    let tabbed = get(&state, "/lang?to=en&back=%2F%09%2Fevil.example").await;
    assert_eq!(
        tabbed
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
    let vietnamese = get(&state, "/inputs").await.text();
    assert!(vietnamese.contains("lang=\"vi\"") && vietnamese.contains("Tải tệp lên"));
}
