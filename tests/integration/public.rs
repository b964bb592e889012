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

/// Writes the sample report of 2026-Q3 into `folder`; the loaded inputs.
fn report(folder: &Path) -> sipas::pipeline::Loaded {
    let settings = sample_settings("2026-Q3");
    let mut loaded = load(&settings).expect("load");
    write_period_report(
        &mut loaded,
        &settings,
        Lang::Vi,
        |_| folder.to_path_buf(),
        &Silent,
    )
    .expect("report");
    // The report frees the records it has computed; the test reads them again.
    load(&settings).expect("load")
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
    let errors: Vec<String> = dom
        .errors
        .borrow()
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
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

/// A PAKN export with citizens' names, phones and complaint text, 26 rows:
/// every row is handled by "Phòng Tiếp dân"; row k (0-based) is raised by
/// citizen k, with a complaint naming them and
/// their phone; the subject fields are "Đất đai" (rows 0–19), "Xây dựng"
/// (rows 20–22) and "Thuế" (rows 23–25).
fn personal_export(folder: &Path) -> (std::path::PathBuf, Vec<String>) {
    let mut text = String::from(
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Đơn vị,Người phản ánh,Nội dung,Lĩnh vực\n",
    );
    let mut secrets = Vec::new();
    for k in 0..26 {
        let name = format!("Nguyễn Văn Dân{k:02}");
        let phone = format!("09123456{k:02}");
        let complaint =
            format!("Ông {name} sđt {phone} phản ánh việc lấn chiếm vỉa hè trước nhà số {k}");
        let field = match k {
            0..=19 => "Đất đai",
            20..=22 => "Xây dựng",
            _ => "Thuế",
        };
        text.push_str(&format!(
            "P{k:03},0{}/04/2025,Email,Phòng Tiếp dân,{name},{complaint},{field}\n",
            1 + k % 9
        ));
        secrets.extend([name, phone, complaint]);
    }
    (crate::common::write(folder, "pakn.csv", &text), secrets)
}

/// Reports 2025-Q2 of `feedback` read through `profile` (agencies as
/// named), returning the public page and the summary.
fn public_page_of(folder: &Path, feedback: std::path::PathBuf, profile: &str) -> (String, Value) {
    let profile_path = crate::common::write(folder, "profile.toml", profile);
    let mut settings = crate::common::settings(
        vec![feedback],
        vec![],
        crate::common::registry(folder),
        "2025-Q2",
    );
    settings.agencies = None;
    settings.profile = sipas::config::profile::Profile::load(&profile_path).expect("profile");
    let mut loaded = load(&settings).expect("load");
    let out = folder.join("r");
    write_period_report(&mut loaded, &settings, Lang::Vi, |_| out.clone(), &Silent)
        .expect("report");
    let html = std::fs::read_to_string(out.join("public/index.html")).expect("public page");
    let summary = serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("json"))
        .expect("summary");
    (html, summary)
}

#[test]
fn complaint_text_mapped_as_the_subject_field_never_reaches_the_public_page() {
    // The mistake: the complaint text mapped to the subject field; the
    // agency, taken as named, is shared by every row.
    let dir = temp();
    let (feedback, secrets) = personal_export(dir.path());
    let profile = "[feedback]\nagencies = \"as-is\"\n[feedback.columns]\nfield = \"Nội dung\"\nagency = \"Đơn vị\"\n";
    let (html, summary) = public_page_of(dir.path(), feedback, profile);
    for secret in &secrets {
        assert!(
            !html.contains(secret.as_str()),
            "{secret} on the public page"
        );
    }
    assert!(!html.contains("0912345"));
    // Every complaint is its own field of 1 PAKN: all 26 counted as "Khác".
    assert_eq!(summary["public"]["fields"], serde_json::json!([]));
    assert_eq!(summary["public"]["other_fields"]["fields"], 26);
    assert_eq!(
        summary["public"]["other_fields"]["handling"]["received"],
        26
    );
    assert!(html.contains("Khác (26 lĩnh vực)"));
    // The agency taken as named has 26 PAKN: shown.
    assert_eq!(
        summary["public"]["withheld_agencies"],
        serde_json::json!([])
    );
    assert!(html.contains("Phòng Tiếp dân"));
}

#[test]
fn citizens_names_taken_as_agencies_never_reach_the_public_page() {
    // The mistake: the citizen's name taken as the agency; the subject field
    // mapped right. "Đất đai" (20 PAKN) is shown; "Xây dựng" and "Thuế" (3
    // each, under public_min_count = 5) are counted as "Khác".
    let dir = temp();
    let (feedback, secrets) = personal_export(dir.path());
    let profile =
        "[feedback]\nagencies = \"as-is\"\n[feedback.columns]\nagency = \"Người phản ánh\"\n";
    let (html, summary) = public_page_of(dir.path(), feedback, profile);
    for secret in &secrets {
        assert!(
            !html.contains(secret.as_str()),
            "{secret} on the public page"
        );
    }
    // 26 names of 1 PAKN each: every one withheld, counted in one row.
    assert_eq!(
        summary["public"]["withheld_agencies"]
            .as_array()
            .map(Vec::len),
        Some(26)
    );
    assert_eq!(summary["public"]["other_agencies"][0]["agencies"], 26);
    assert!(html.contains("Khác (26 cơ quan, đơn vị)"));
    assert_eq!(summary["public"]["fields"], serde_json::json!(["Đất đai"]));
    assert_eq!(summary["public"]["other_fields"]["fields"], 2);
    assert_eq!(summary["public"]["other_fields"]["handling"]["received"], 6);
    assert!(html.contains("<th scope=\"row\">Đất đai</th><td class=\"num\">20</td>"));
    assert!(!html.contains(">Xây dựng<") && !html.contains(">Thuế<"));
}
