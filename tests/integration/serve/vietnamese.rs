//! The workbench as an analyst who reads only Vietnamese uses it, on an
//! export nobody here wrote (the Boston 311 excerpt): every page visited
//! speaks Vietnamese, with no configuration word and no path of the server.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, StatusCode};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::*;
use crate::common::{temp, CONFIGURATION_WORDS, ENGLISH_SENTENCES};

/// The text a person sees on a page: text nodes outside scripts and
/// styles, and the placeholders of fields.
fn visible_text(html: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .expect("parsed");
    let mut text = String::new();
    walk(&dom.document, &mut text);
    text
}

fn walk(node: &Handle, text: &mut String) {
    match &node.data {
        NodeData::Text { contents } => {
            text.push_str(&contents.borrow());
            text.push('\n');
        }
        NodeData::Element { name, attrs, .. } => {
            if matches!(name.local.as_ref(), "script" | "style") {
                return;
            }
            for attr in attrs.borrow().iter() {
                if attr.name.local.as_ref() == "placeholder" {
                    text.push_str(&attr.value);
                    text.push('\n');
                }
            }
        }
        _ => {}
    }
    for child in node.children.borrow().iter() {
        walk(child, text);
    }
}

/// Asserts that a page speaks to the analyst in Vietnamese only.
fn speaks_vietnamese(page: &str, workspace: &Path) {
    let text = visible_text(page);
    for word in CONFIGURATION_WORDS.iter().chain(ENGLISH_SENTENCES.iter()) {
        assert!(!text.contains(word), "{word:?} is on the page:\n{text}");
    }
    let root = workspace.display().to_string();
    assert!(
        !text.contains(&root),
        "a path of the server ({root}) is on the page:\n{text}"
    );
}

fn form(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

async fn post_form(state: &AppState, uri: &str, body: String) -> Answer {
    send(
        state,
        to("POST", uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_maps_checks_and_reports_a_foreign_export_in_vietnamese() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let root = dir.path().join("ws");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boston311-2025-excerpt.csv");
    let answer = upload(
        &state,
        &[("boston311.csv", std::fs::read(&fixture).expect("fixture"))],
        None,
    )
    .await;
    let id = answer.json()[0]["id"].as_str().expect("id").to_string();
    // 1. The Inputs page says what is missing, and offers the mapping form.
    let inputs = get(&state, "/inputs").await.text();
    speaks_vietnamese(&inputs, &root);
    assert!(visible_text(&inputs).contains("Tệp “boston311.csv” không có cột “Mã PAKN”"));
    assert!(inputs.contains(&format!(
        "<a class=\"button primary\" href=\"/mapping/{id}\">"
    )));
    // 2. The form speaks the analyst's words; dates are chosen by example.
    let mapping = get(&state, &format!("/mapping/{id}")).await.text();
    speaks_vietnamese(&mapping, &root);
    let seen = visible_text(&mapping);
    for question in [
        "Dòng tiêu đề bắt đầu ở dòng số",
        "Ngày trong tệp được viết theo kiểu",
        "Đang xử lý",
    ] {
        assert!(seen.contains(question), "{question}:\n{seen}");
    }
    // 3. Saved under a Vietnamese name, then reopened and changed.
    let mut fields = vec![
        ("section", "feedback"),
        ("header_row", "1"),
        ("agencies_as_is", "true"),
        ("col:id", "case_enquiry_id"),
        ("col:received_at", "open_dt"),
        ("col:due_at", "sla_target_dt"),
        ("col:resolved_at", "closed_dt"),
        ("col:agency", "department"),
        ("col:status", "case_status"),
        ("col:channel", "source"),
        ("val:channel:Constituent Call", "hotline"),
        ("def:channel", "other"),
        ("name", "Tổng đài Boston"),
    ];
    let saved = post_form(&state, &format!("/mapping/{id}"), form(&fields)).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    assert!(root.join("profiles/tong-dai-boston.toml").is_file());
    let back = saved.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string();
    let confirmed = get(&state, &back).await.text();
    speaks_vietnamese(&confirmed, &root);
    assert!(visible_text(&confirmed).contains("Đã lưu hồ sơ ánh xạ “Tổng đài Boston”"));
    let reopened = get(&state, &format!("/mapping/{id}")).await.text();
    speaks_vietnamese(&reopened, &root);
    assert!(visible_text(&reopened).contains("Đang sửa hồ sơ đã lưu"));
    assert!(reopened.contains("value=\"Tổng đài Boston\""), "{reopened}");
    assert!(
        reopened.contains("value=\"department\" selected"),
        "{reopened}"
    );
    fields.push(("val:channel:Citizens Connect App", "app"));
    fields.push(("editing", "Tổng đài Boston"));
    let changed = post_form(&state, &format!("/mapping/{id}"), form(&fields)).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.text());
    let profile =
        sipas::config::profile::Profile::load(&root.join("profiles/tong-dai-boston.toml"))
            .expect("a profile the command line reads");
    let feedback = profile.feedback.expect("feedback");
    assert_eq!(
        feedback.map_value("channel", "Citizens Connect App"),
        Some("app")
    );
    // 4. Checked, then run with the period written the Vietnamese way.
    let check = get(&state, "/check").await.text();
    speaks_vietnamese(&check, &root);
    // A quarter without data is refused, what was typed kept.
    let refused = post_form(
        &state,
        "/report",
        form(&[("period", "Quý II/2030"), ("files", &id)]),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = refused.text();
    speaks_vietnamese(&refused, &root);
    assert!(visible_text(&refused).contains("không có dữ liệu trong kỳ Quý II năm 2030"));
    assert!(refused.contains("value=\"Quý II/2030\""));
    // The excerpt opens in January 2025: Quý I năm 2025 (15/12/2024–14/03/2025).
    let started = post_form(
        &state,
        "/report",
        form(&[("period", "Q1/2025"), ("files", &id)]),
    )
    .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let location = started.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string();
    let run_id = location.trim_start_matches("/runs/").to_string();
    let mut run = serde_json::Value::Null;
    for _ in 0..600 {
        run = get(&state, &format!("/api/runs/{run_id}")).await.json();
        if run["status"] != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(run["status"], "done", "{run}");
    assert_eq!(run["period"], "2025-Q1");
    // 5. The dashboard.
    let dashboard = get(&state, &location).await.text();
    speaks_vietnamese(&dashboard, &root);
    assert!(visible_text(&dashboard).contains("Quý I năm 2025"));
    // Tiến độ shows the period of the run, which can be deleted.
    let progress = get(&state, "/progress").await.text();
    speaks_vietnamese(&progress, &root);
    assert!(visible_text(&progress).contains("Quý I năm 2025"));
    assert!(visible_text(&progress).contains("PAKN sắp đến hạn"));
    assert!(visible_text(&dashboard).contains("PAKN sắp đến hạn"));
    // Kế hoạch khảo sát shows the plan of the same run.
    let plan = get(&state, "/plan").await.text();
    speaks_vietnamese(&plan, &root);
    let plan_text = visible_text(&plan);
    assert!(plan_text.contains("Quý I năm 2025"), "{plan_text}");
    assert!(plan_text.contains("Số phiếu cần"), "{plan_text}");
    assert!(plan_text.contains("Toàn Thành phố"), "{plan_text}");
    let deleted = post_form(&state, &format!("/runs/{run_id}/delete"), String::new()).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert!(!root.join("runs").join(&run_id).exists());
    // The saved profile is renamed, with the file read with it.
    let renamed = post_form(
        &state,
        "/mapping/profiles",
        form(&[("name", "Tổng đài Boston"), ("to", "Tổng đài 311 Boston")]),
    )
    .await;
    let renamed = renamed.text();
    speaks_vietnamese(&renamed, &root);
    assert!(visible_text(&renamed)
        .contains("Đã đổi tên hồ sơ “Tổng đài Boston” thành “Tổng đài 311 Boston”"));
    assert!(!root.join("profiles/tong-dai-boston.toml").exists());
    let file = get(&state, "/api/files").await.json();
    assert_eq!(file[0]["profile"], "Tổng đài 311 Boston");
}

#[test]
fn the_report_form_asks_for_today_as_the_as_of_date() {
    use sipas::serve::pages::run_request;
    // Ticked, "as of today" wins over a date typed beside it, in either order.
    for body in [
        "as_of=01%2F02%2F2025&as_of_today=true",
        "as_of_today=true&as_of=01%2F02%2F2025",
    ] {
        assert_eq!(run_request(body.as_bytes()).as_of.as_deref(), Some("today"));
    }
    assert_eq!(
        run_request(b"as_of=01%2F02%2F2025").as_of.as_deref(),
        Some("01/02/2025")
    );
    // The resolver takes it for today's date in Vietnam.
    assert_eq!(
        sipas::request::parse_as_of("today").ok(),
        Some(sipas::calendar::days::today_local())
    );
}
