//! Profiles and the mapping form, on the Boston 311 excerpt.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, StatusCode};

use super::*;
use crate::common::temp;

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
    let listed = get(&state, "/api/profiles").await.json();
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
    let form = get(&state, &format!("/mapping/{id}")).await.text();
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
    let preview = get(&state, &format!("/mapping/{id}/preview?{query}"))
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
    let listed = get(&state, "/api/files").await.json();
    assert_eq!(listed[0]["profile"], "boston-311");
    assert_eq!(listed[0]["accepted"], 200);
    // A run of that file equals the report of the command line with that profile.
    let run = run_to_end(&state, r#"{"period": "2025-Q1", "calendar_periods": true}"#).await;
    assert_eq!(run["status"], "done", "{run}");
    let id = run["id"].as_str().expect("id");
    let served = get(&state, &format!("/api/runs/{id}/summary.json"))
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
async fn the_mapping_form_warns_when_a_named_column_looks_like_personal_data() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    // 30 PAKN: the complaint text names the citizen and their phone; the
    // subject field repeats three values.
    let mut text = String::from("Mã,Ngày,Kênh,Đơn vị,Nội dung,Lĩnh vực\n");
    for k in 0..30 {
        let field = ["Đất đai", "Xây dựng", "Thuế"][k % 3];
        text.push_str(&format!(
            "P{k},02/04/2025,Email,Phòng Tiếp dân,Ông Trần Văn Dân{k} sđt 09876543{k:02} phản ánh,{field}\n"
        ));
    }
    let answer = upload(&state, &[("pakn.csv", text.into_bytes())], None).await;
    let id = answer.json()[0]["id"].as_str().expect("id").to_string();
    let warning = "có vẻ chứa thông tin cá nhân";
    let form_with = |field: &str| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("section", "feedback"),
                ("col:id", "Mã"),
                ("col:received_at", "Ngày"),
                ("col:channel", "Kênh"),
                ("col:agency", "Đơn vị"),
                ("agencies_as_is", "true"),
                ("col:field", field),
            ])
            .finish()
    };
    let wrong = get(&state, &format!("/mapping/{id}?{}", form_with("Nội dung")))
        .await
        .text();
    assert!(wrong.contains(warning), "{wrong}");
    let right = get(&state, &format!("/mapping/{id}?{}", form_with("Lĩnh vực")))
        .await
        .text();
    assert!(!right.contains(warning));
}
