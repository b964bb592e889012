//! The report document `bao-cao-<period>.docx`, opened as Word opens it:
//! its XML parts, checked against the Decree 30/2020 layout and against
//! the numbers of `summary.json`.

use std::io::Read;
use std::path::Path;

use serde_json::Value;
use sipas::observe::Silent;
use sipas::pipeline::{load, write_period_report};
use sipas::report::labels::Lang;

use crate::common::{sample_settings, temp};

/// The parts of a .docx by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).expect("the document");
    let mut archive = zip::ZipArchive::new(file).expect("a zip package");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        let name = entry.name().expect("entry name").into_owned();
        parts.insert(name, bytes);
    }
    parts
}

fn text(parts: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .clone(),
    )
    .expect("UTF-8 XML")
}

/// Writes the sample report of 2026-Q3 in `lang` into `folder`.
fn report(folder: &Path, lang: Lang) -> std::path::PathBuf {
    let settings = sample_settings("2026-Q3");
    let mut loaded = load(&settings).expect("load");
    let written = write_period_report(
        &mut loaded,
        &settings,
        lang,
        |_| folder.to_path_buf(),
        &Silent,
    )
    .expect("report");
    written.files.document
}

#[test]
fn the_document_has_the_decree_30_layout_and_the_numbers_of_the_summary() {
    let dir = temp();
    let folder = dir.path().join("r");
    let path = report(&folder, Lang::Vi);
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("bao-cao-2026-Q3.docx")
    );
    let parts = parts(&path);
    let document = text(&parts, "word/document.xml");
    // A4 portrait (210 × 297 mm = 11906 × 16838 twentieths of a point);
    // margins 20 mm top and bottom (1134), 30 mm left (1701), 20 mm right.
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "page size"
    );
    for margin in [
        r#"w:top="1134""#,
        r#"w:bottom="1134""#,
        r#"w:left="1701""#,
        r#"w:right="1134""#,
    ] {
        assert!(document.contains(margin), "{margin}");
    }
    assert!(document.contains(r#"w:ascii="Times New Roman""#));
    // Body 14 pt (28 half-points), justified, first line indented 1.27 cm (720).
    assert!(
        document.contains(r#"<w:sz w:val="28" />"#) || document.contains(r#"<w:sz w:val="28"/>"#)
    );
    assert!(document.contains(r#"w:firstLine="720""#));
    assert!(
        document.contains(r#"<w:jc w:val="both" />"#)
            || document.contains(r#"<w:jc w:val="both"/>"#)
    );
    for expected in [
        "UBND THÀNH PHỐ HÀ NỘI",
        "SỞ NỘI VỤ",
        "Số: …/BC-SNV",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        // The as-of date is the period's last day, 14/09/2026 (Decree 09 quarter III).
        "Hà Nội, ngày 14 tháng 9 năm 2026",
        "BÁO CÁO",
        "mức độ hài lòng của người dân, tổ chức Quý III năm 2026",
        "Kính gửi:",
        "Nơi nhận:",
        "- Lưu: VT, XDCQ.",
        "KT. GIÁM ĐỐC",
        "I. KẾT QUẢ TIẾP NHẬN",
        "V. ĐỀ XUẤT",
        "bao-cao-2026-Q3.xlsx",
    ] {
        assert!(document.contains(expected), "{expected}");
    }
    // The city's element index and on-time rate, as summary.json holds them,
    // written the Vietnamese way (decimal comma).
    let summary: Value =
        serde_json::from_slice(&std::fs::read(folder.join("summary.json")).expect("summary"))
            .expect("json");
    let vi = |v: f64| format!("{v:.2}%").replace('.', ",");
    let element = summary["city"]["survey"]["element"]
        .as_f64()
        .expect("element index");
    let on_time = summary["city"]["handling"]["on_time_rate"]
        .as_f64()
        .expect("on-time rate");
    assert!(
        document.contains(&format!("Chỉ số thành phần đạt {}", vi(element))),
        "element {element}"
    );
    assert!(
        document.contains(&format!("tỷ lệ xử lý đúng hạn đạt {}", vi(on_time))),
        "on-time {on_time}"
    );
    let received = summary["city"]["handling"]["received"]
        .as_u64()
        .expect("received");
    assert!(
        document.contains(&format!("đã tiếp nhận {received} PAKN")),
        "received {received}"
    );
    // Word tables, not pictures of tables: the header block, handling by
    // level, the criteria, the targets and the closing.
    assert!(document.matches("<w:tbl>").count() >= 5, "tables");
    // Two charts embedded as pictures.
    let media: Vec<&String> = parts
        .keys()
        .filter(|k| k.starts_with("word/media/"))
        .collect();
    assert!(media.len() >= 2, "{media:?}");
    assert!(document.matches("<w:drawing>").count() >= 2);
    // Page numbers from page 2: a distinct first page with an empty header,
    // the other pages' header holding the PAGE field, centred.
    assert!(document.contains("<w:titlePg"), "title page");
    assert!(document.contains(r#"w:type="first""#) && document.contains(r#"w:type="default""#));
    let headers: Vec<String> = parts
        .keys()
        .filter(|k| k.starts_with("word/header"))
        .map(|k| text(&parts, k))
        .collect();
    assert_eq!(headers.len(), 2);
    assert_eq!(
        headers.iter().filter(|h| h.contains("PAGE")).count(),
        1,
        "one header numbers the pages"
    );
}

#[test]
fn the_document_is_the_same_bytes_on_every_run() {
    let dir = temp();
    let first = std::fs::read(report(&dir.path().join("a"), Lang::Vi)).expect("first");
    let second = std::fs::read(report(&dir.path().join("b"), Lang::Vi)).expect("second");
    assert!(first == second, "two runs wrote different documents");
}

#[test]
fn the_english_document_keeps_the_layout() {
    let dir = temp();
    let path = report(&dir.path().join("en"), Lang::En);
    let document = text(&parts(&path), "word/document.xml");
    for expected in [
        "SOCIALIST REPUBLIC OF VIETNAM",
        "REPORT",
        "To:",
        "Recipients:",
        "- Archived: VT, XDCQ.",
        "I. RECEIVING AND HANDLING FEEDBACK",
    ] {
        assert!(document.contains(expected), "{expected}");
    }
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
}
