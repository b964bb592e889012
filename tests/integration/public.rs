//! The public page `public/index.html`: valid HTML5 as a browser parses it,
//! every number equal to `summary.json`, no record-level data, nothing
//! loaded from elsewhere.

use std::path::Path;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;
use serde_json::Value;
use sipas::observe::Silent;
use sipas::pipeline::{load, write_period_report};
use sipas::report::labels::Lang;

use crate::common::{sample_settings, temp};

/// Writes the sample report of 2025-Q2 into `folder`; the loaded inputs.
fn report(folder: &Path) -> sipas::pipeline::Loaded {
    let settings = sample_settings("2025-Q2");
    let loaded = load(&settings).expect("load");
    write_period_report(
        &loaded,
        &settings,
        Lang::Vi,
        |_| folder.to_path_buf(),
        &Silent,
    )
    .expect("report");
    loaded
}

#[test]
fn the_public_page_is_valid_html5_with_the_numbers_of_the_summary() {
    let dir = temp();
    let folder = dir.path().join("r");
    report(&folder);
    let html = std::fs::read_to_string(folder.join("public/index.html")).expect("public page");
    // The HTML5 parsing algorithm, as a browser runs it: no parse error.
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .expect("parsed");
    let errors: Vec<String> = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(folder.join("summary.json")).expect("summary"))
            .expect("json");
    let vi = |v: &Value| match v.as_f64() {
        Some(x) => format!("{x:.2}").replace('.', ","),
        None => "–".to_string(),
    };
    let city = &summary["city"];
    for (label, value) in [
        ("Tiếp nhận", city["handling"]["received"].to_string()),
        ("Đã xử lý", city["handling"]["handled"].to_string()),
        ("Đúng hạn (%)", vi(&city["handling"]["on_time_rate"])),
        (
            "Tồn quá hạn",
            city["handling"]["pending_overdue"].to_string(),
        ),
        ("Chỉ số thành phần", vi(&city["survey"]["element"])),
    ] {
        assert!(
            html.contains(&format!("<span>{label}</span><strong>{value}</strong>")),
            "{label} {value}"
        );
    }
    // Every agency's row: received, handled, on-time rate, pending overdue,
    // then the element index or "chưa đủ mẫu", and the answers.
    for agency in summary["agencies"].as_array().expect("agencies") {
        let h = &agency["handling"];
        let row = format!(
            "{} <small>{}</small></th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            agency["name"].as_str().unwrap_or_default(),
            agency["code"].as_str().unwrap_or_default(),
            h["received"],
            h["handled"],
            vi(&h["on_time_rate"]),
            h["pending_overdue"]
        );
        assert!(html.contains(&row), "{row}");
        let element = agency["targets"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["indicator"] == "element"))
            .expect("element target");
        let shown =
            if element["status"] == "khong_du_du_lieu" && agency["survey"]["element"].is_number() {
                "chưa đủ mẫu".to_string()
            } else {
                vi(&agency["survey"]["element"])
            };
        assert!(
            html.contains(&format!(
                "{}</td><td class=\"num\">{}</td></tr>",
                shown, agency["survey"]["respondents"]
            )),
            "{} {shown}",
            agency["code"]
        );
    }
    // What citizens raise: the first field of summary.json with its received count.
    let first = &summary["fields"][0];
    assert!(html.contains(&format!(
        "<th scope=\"row\">{}</th><td class=\"num\">{}</td>",
        first["name"].as_str().unwrap_or_default(),
        first["handling"]["received"]
    )));
    // Charts inline with a title and a description, and their tables beside.
    assert_eq!(html.matches("<svg").count(), 2);
    assert_eq!(html.matches("<title id=").count(), 2);
    assert_eq!(html.matches("<desc id=").count(), 2);
}

#[test]
fn the_public_page_holds_no_record_and_loads_nothing_from_elsewhere() {
    let dir = temp();
    let folder = dir.path().join("r");
    let loaded = report(&folder);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder.join("public"))
        .expect("public folder")
        .flatten()
    {
        files.push((
            entry.path(),
            std::fs::read_to_string(entry.path()).expect("text file"),
        ));
    }
    assert_eq!(files.len(), 1, "index.html alone");
    let (_, html) = &files[0];
    let ids = &loaded.inputs.feedback.id;
    for i in 0..ids.len() {
        let id = ids.get(i).unwrap_or_default();
        assert!(!html.contains(id), "PAKN id {id} on the public page");
    }
    let responses = &loaded.inputs.survey.id;
    for i in 0..responses.len() {
        let id = responses.get(i).unwrap_or_default();
        assert!(!html.contains(id), "response id {id} on the public page");
    }
    for outside in [
        "src=", "href=", "url(", "@import", "<link", "<script", "<iframe", "<img",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    // The only URIs are the SVG namespace.
    let uris = html.matches("http").count();
    assert_eq!(uris, html.matches("http://www.w3.org/2000/svg").count());
}
