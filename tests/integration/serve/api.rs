//! The API: uploads and their accounting, deletes, runs and their files, a restart.

use axum::body::Body;
use axum::http::{header, StatusCode};
use serde_json::Value;

use super::*;
use crate::common::temp;

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
    let listed = get(&state, "/api/files").await.json();
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
    let listed = get(&state, "/api/files").await.json();
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
    assert_eq!(run["period"], "2026-Q3");
    let id = run["id"].as_str().expect("id").to_string();
    let served = get(&state, &format!("/api/runs/{id}/summary.json")).await;
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
    let mut loaded = sipas::pipeline::load(&settings).expect("load");
    sipas::pipeline::write_period_report(
        &mut loaded,
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

    let workbook = get(
        &state,
        &format!("/api/runs/{id}/files/bao-cao-2026-Q3.xlsx"),
    )
    .await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert!(workbook.body.starts_with(b"PK\x03\x04"));
    let disposition = workbook
        .headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(disposition, "attachment; filename=\"bao-cao-2026-Q3.xlsx\"");
    let chart = get(&state, &format!("/api/runs/{id}/files/charts/xu-huong.svg")).await;
    assert_eq!(chart.status, StatusCode::OK);
    let escape = get(&state, &format!("/api/runs/{id}/files/..%2Frun.json")).await;
    assert_eq!(escape.status, StatusCode::NOT_FOUND);
    let zip = get(&state, &format!("/api/runs/{id}/report.zip")).await;
    assert_eq!(zip.status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).expect("a zip");
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(std::borrow::Cow::into_owned)
        .collect();
    for expected in [
        "summary.json",
        "bao-cao-2026-Q3.xlsx",
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
    let runs = get(&state, "/api/runs").await.json();
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
        let answer = get(&state, page).await;
        assert_eq!(answer.status, StatusCode::OK, "{page}: {}", answer.text());
    }
    let progress = get(&state, "/progress").await.text();
    // The page shows TC1 and its target range as the run's summary.json
    // holds them, written the Vietnamese way.
    let summary = served.json();
    let vi =
        |v: &serde_json::Value| format!("{:.2}", v.as_f64().unwrap_or_default()).replace('.', ",");
    let tc1 = summary["city"]["targets"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["indicator"] == "TC1"))
        .expect("TC1 target")
        .clone();
    let range = format!("{} – {}", vi(&tc1["target_min"]), vi(&tc1["target_max"]));
    assert!(
        progress.contains(&vi(&tc1["value"])) && progress.contains(&range),
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
    let missing = get(&state, "/api/runs/r9999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
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
    let files_before = get(&first, "/api/files").await.json();
    drop(first);
    // A half-written upload of a killed server is cleared at the next start.
    std::fs::write(dir.path().join("ws/tmp/.tmpHALF"), b"half").expect("write");
    let second = state(dir.path(), |_| {});
    assert!(!dir.path().join("ws/tmp/.tmpHALF").exists());
    let files_after = get(&second, "/api/files").await.json();
    assert_eq!(files_before, files_after);
    let runs = get(&second, "/api/runs").await.json();
    assert_eq!(runs[0]["id"], run["id"]);
    assert_eq!(runs[0]["status"], "done");
    let profiles = get(&second, "/api/profiles").await.json();
    assert_eq!(profiles[0]["name"], "empty");
    let id = run["id"].as_str().expect("id");
    let summary = get(&second, &format!("/api/runs/{id}/summary.json"))
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
    let status = get(&second, &format!("/api/runs/{}", record.id))
        .await
        .json();
    assert_eq!(status["status"], "failed");
    assert!(status["error"]
        .as_str()
        .is_some_and(|e| e.contains("run it again")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_s_check_is_kept_beside_it_until_the_registry_changes() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let answer = upload(
        &state,
        &[
            ("agencies.csv", REGISTRY.as_bytes().to_vec()),
            ("pakn.csv", FEEDBACK.as_bytes().to_vec()),
        ],
        None,
    )
    .await;
    let id = answer.json()[1]["id"].as_str().expect("id").to_string();
    // One of three PAKN names an agency outside the registry.
    assert_eq!(answer.json()[1]["rejected"], 1);
    let kept = dir.path().join(format!("ws/files/{id}/check.json"));
    let written = std::fs::metadata(&kept)
        .expect("check kept")
        .modified()
        .expect("time");
    // Another file changes nothing of this one's check.
    let other =
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nQ1,05/01/2025,Email,Sở Tư pháp\n";
    upload(&state, &[("other.csv", other.as_bytes().to_vec())], None).await;
    let again = std::fs::metadata(&kept)
        .expect("check kept")
        .modified()
        .expect("time");
    assert_eq!(written, again);
    // A registry that knows the third agency: the file is checked again.
    let wider = format!("{REGISTRY}C,Sở Không Có,so_nganh,\n");
    let answer = upload(&state, &[("danh-muc.csv", wider.into_bytes())], None).await;
    assert!(answer.status.is_success(), "{}", answer.text());
    let files = get(&state, "/api/files").await.json();
    let file = files
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == id.as_str()))
        .expect("the file")
        .clone();
    assert_eq!(file["rejected"], 0);
}
